"""The councils' documents through the use cases, on the local directory and on an
S3-compatible server started by the tests: deposits, refusals that store nothing, who may
deposit and withdraw, attachments of avis and budget proposals, and erasure."""

import secrets
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from uuid import UUID

import pytest

from domaine.budget import Depot
from domaine.comptes import Acteur
from domaine.erreurs import ActionInterdite, ChampsInvalides, Introuvable
from lancement.plateforme import Plateforme
from stockage.configuration import Configuration
from stockage.fichiers import FichiersLocaux, FichiersS3, empreinte_de
from tests.conftest import MOT_DE_PASSE, HorlogeReglable, configuration_s3
from tests.fichiers_d_essai import PDF, SCRIPT_DEGUISE, image
from tests.integration.outils import planifier, rejoindre, rien_n_est_enregistre


@pytest.fixture(params=["local", "s3"])
def plateforme(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    horloge: HorlogeReglable,
    hachage_rapide: None,
) -> Iterator[Plateforme]:
    configuration = Configuration(f"sqlite:///{tmp_path}/p.sqlite3")
    if request.param == "s3":
        serveur = request.getfixturevalue("serveur_s3")
        configuration = configuration_s3(configuration, serveur, f"d-{secrets.token_hex(4)}")
    p = Plateforme(configuration, horloge=horloge)
    try:
        p.migrer()
        yield p
    finally:
        p.fermer()


def stockes(p: Plateforme) -> set[str]:
    """Every content the storage holds."""
    if isinstance(p.fichiers, FichiersLocaux):
        if not p.fichiers.dossier.exists():
            return set()
        return {f.name for f in p.fichiers.dossier.rglob("*") if f.is_file()}
    assert isinstance(p.fichiers, FichiersS3)
    if not p.fichiers.client.bucket_exists(p.fichiers.seau):
        return set()
    objets = p.fichiers.client.list_objects(p.fichiers.seau, recursive=True)
    return {str(o.object_name).removeprefix("sha256/") for o in objets}


def deposer(p: Plateforme, qui: Acteur, contenu: bytes = PDF, **champs: object) -> UUID:
    valeurs: dict[str, object] = {
        "titre": "Compte rendu",
        "jour": date(2026, 3, 1),
        "nature": "compte_rendu",
    }
    valeurs.update(champs)
    document_id, position = p.documents.deposer(
        qui,
        18,
        contenu=contenu,
        **valeurs,  # type: ignore[arg-type]
    )
    p.projecteur.attendre(position)
    return document_id


def test_un_document_depose_est_stocke_a_son_empreinte_et_se_relit(
    plateforme: Plateforme, animateur_18: Acteur
) -> None:
    seance = planifier(plateforme, animateur_18)
    document_id = deposer(plateforme, animateur_18, seance_id=seance)
    ligne, contenu = plateforme.documents.contenu(document_id)
    assert contenu == PDF
    assert ligne.empreinte == empreinte_de(PDF) and ligne.type_media == "application/pdf"
    assert stockes(plateforme) == {empreinte_de(PDF)}
    assert [d.document_id for d in plateforme.lecture_documents.de_la_seance(seance)] == [
        str(document_id)
    ]


def test_un_fichier_refuse_ne_laisse_ni_fichier_ni_evenement(
    plateforme: Plateforme, animateur_18: Acteur
) -> None:
    with rien_n_est_enregistre(plateforme), pytest.raises(ChampsInvalides) as refus:
        deposer(plateforme, animateur_18, SCRIPT_DEGUISE, titre="")
    assert set(refus.value.erreurs) == {"titre", "fichier"}
    tronquee = image("PNG", (300, 200))
    with rien_n_est_enregistre(plateforme), pytest.raises(ChampsInvalides):
        deposer(plateforme, animateur_18, tronquee[: len(tronquee) // 2])
    assert stockes(plateforme) == set()


def test_un_fichier_trop_gros_est_refuse(tmp_path: Path, horloge: HorlogeReglable) -> None:
    configuration = Configuration(f"sqlite:///{tmp_path}/p.sqlite3", taille_max_document_mo=1)
    with Plateforme(configuration, horloge=horloge) as p:
        p.migrer()
        compte_id, _ = p.comptes.inscrire("Anim", "anim@exemple.fr", MOT_DE_PASSE)
        p.comptes.amorcer_role(compte_id, "animateur", 18)
        animateur = p.comptes.acteur(compte_id)
        with rien_n_est_enregistre(p), pytest.raises(ChampsInvalides, match="1,0 Mo"):
            deposer(p, animateur, PDF + b"x" * (1024 * 1024))
        assert not p.configuration.chemin_fichiers.exists()


def test_les_membres_deposent_seulement_si_le_conseil_l_ouvre(
    plateforme: Plateforme, animateur_18: Acteur, creer_compte: Callable[..., Acteur]
) -> None:
    membre, passant = creer_compte(), creer_compte()
    rejoindre(plateforme, membre, 18)
    with rien_n_est_enregistre(plateforme), pytest.raises(ActionInterdite, match="n'a pas ouvert"):
        deposer(plateforme, membre)
    assert not plateforme.documents.depot_offert(18, membre)
    plateforme.projecteur.attendre(
        plateforme.documents.regler_depots_des_membres(animateur_18, 18, True)
    )
    assert plateforme.documents.depot_offert(18, membre)
    deposer(plateforme, membre, image("JPEG", gps=True), nature="diagnostic")
    with pytest.raises(ActionInterdite, match="Rejoignez"):
        deposer(plateforme, passant)
    with pytest.raises(ActionInterdite):
        plateforme.documents.regler_depots_des_membres(membre, 18, False)


def test_un_contenu_partage_reste_tant_qu_un_document_l_utilise(
    plateforme: Plateforme, animateur_18: Acteur, creer_compte: Callable[..., Acteur]
) -> None:
    premier = deposer(plateforme, animateur_18, titre="Premier")
    second = deposer(plateforme, animateur_18, titre="Second")
    assert stockes(plateforme) == {empreinte_de(PDF)}  # stored once
    autre = creer_compte()
    with pytest.raises(ActionInterdite):
        plateforme.documents.retirer(autre, premier)
    plateforme.documents.retirer(animateur_18, premier)
    assert stockes(plateforme) == {empreinte_de(PDF)}
    plateforme.projecteur.attendre(plateforme.documents.retirer(animateur_18, second))
    assert stockes(plateforme) == set()
    with pytest.raises(Introuvable):
        plateforme.documents.contenu(second)


def test_pieces_jointes_d_un_avis_et_d_un_projet_par_leur_auteur(
    plateforme: Plateforme, animateur_18: Acteur, creer_compte: Callable[..., Acteur]
) -> None:
    autrice, autre = creer_compte(), creer_compte()
    rejoindre(plateforme, autrice, 18)
    rejoindre(plateforme, autre, 18)
    avis_id, _ = plateforme.avis.rediger(autrice, 18, "auto_saisine", "Éclairage", "Texte", "ville")
    _, position = plateforme.documents.joindre_a_un_avis(autrice, avis_id, "Plan", PDF)
    with pytest.raises(ActionInterdite):
        plateforme.documents.joindre_a_un_avis(autre, avis_id, "Plan", PDF)
    proposition_id, _ = plateforme.budget.deposer(
        autrice, 18, Depot("Bancs", "Des bancs.", "hors_qpv", "", "environnement", 2_000)
    )
    _, position = plateforme.documents.joindre_a_une_proposition(
        autrice, proposition_id, "Photo du lieu", image("PNG", gps=True)
    )
    with pytest.raises(ActionInterdite):
        plateforme.documents.joindre_a_une_proposition(autre, proposition_id, "Photo", PDF)
    plateforme.projecteur.attendre(position)
    (piece,) = plateforme.lecture_documents.de_l_avis(avis_id)
    assert piece.nature == "annexe" and piece.role == "participant"
    (photo,) = plateforme.lecture_documents.de_la_proposition(proposition_id)
    assert photo.type_media == "image/png"
    _, octets = plateforme.documents.contenu(UUID(photo.document_id))
    assert b"Camille" not in octets
    assert octets != image("PNG", gps=True)  # re-encoded: the hash is of the stored bytes
    assert photo.empreinte == empreinte_de(octets)


def test_l_effacement_retire_les_fichiers_deposes_a_titre_personnel(
    plateforme: Plateforme,
    animateur_18: Acteur,
    admin: Acteur,
    creer_compte: Callable[..., Acteur],
    horloge: HorlogeReglable,
) -> None:
    membre = creer_compte()
    rejoindre(plateforme, membre, 18)
    plateforme.documents.regler_depots_des_membres(animateur_18, 18, True)
    personnel = deposer(plateforme, membre, image("JPEG"), titre="Ma photo")
    partage = deposer(plateforme, membre, PDF, titre="Copie du règlement")
    deposer(plateforme, animateur_18, PDF, titre="Règlement")  # same bytes, the council's
    seance = planifier(plateforme, animateur_18, date=horloge.now + timedelta(hours=1))
    horloge.avancer(hours=2)
    plateforme.seances.enregistrer_decision(animateur_18, seance, "Adopter l'avis", 9, 0, 0)
    avis_id, _ = plateforme.avis.rediger(membre, 18, "auto_saisine", "Parc", "Texte", "ville")
    _, _ = plateforme.documents.joindre_a_un_avis(membre, avis_id, "Annexe", image("WEBP"))
    plateforme.avis.soumettre_au_vote(animateur_18, avis_id, seance, 1)
    brouillon, _ = plateforme.avis.rediger(membre, 18, "auto_saisine", "Bruit", "Texte", "ville")
    _, position = plateforme.documents.joindre_a_un_avis(membre, brouillon, "Relevé", image("PNG"))
    plateforme.projecteur.attendre(position)
    avant = stockes(plateforme)
    assert len(avant) == 4

    plateforme.projecteur.attendre(plateforme.rgpd.effacer(admin, membre.compte_id, ""))

    restants = {d.titre: d for d in plateforme.lecture_documents.deposes_par(membre.compte_id)}
    assert restants["Ma photo"].retire and restants["Ma photo"].motif_retrait == "effacement"
    assert restants["Copie du règlement"].retire
    assert restants["Relevé"].retire
    assert not restants["Annexe"].retire  # attached to the adopted avis: the council's
    # the bytes of the photo and of the draft's attachment are gone; the PDF is still used by
    # the animateur's document, the adopted avis' attachment stays.
    assert stockes(plateforme) == {
        empreinte_de(PDF),
        restants["Annexe"].empreinte,
    }
    with pytest.raises(Introuvable):
        plateforme.documents.contenu(personnel)
    with pytest.raises(Introuvable):
        plateforme.documents.contenu(partage)
    evenements = plateforme.rgpd.registre.recorder.select_events(personnel)
    assert [e.topic for e in evenements] == [
        "participation:Document.Depose",
        "participation:Document.Retire",
    ]
