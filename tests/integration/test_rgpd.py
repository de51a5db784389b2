"""Erasure of a person, on SQLite and PostgreSQL: afterwards no byte of any database file holds
their name or e-mail, while the log, the reports and the tirage records stay as they were."""

import io
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import text

from domaine.comptes import Acteur
from domaine.erreurs import ActionInterdite, DonneeInvalide
from domaine.groupe_moteur import Objectifs
from lancement.cli import main
from lancement.plateforme import Plateforme
from projections.verification import verifier as verifier_projections
from rapports.formats import rendre
from stockage.configuration import VARIABLE_URL, Configuration
from stockage.essais import EssaisEnBase
from stockage.export import exporter
from stockage.reprises import Reponse
from tests.conftest import MOT_DE_PASSE, HorlogeReglable
from tests.integration.outils import planifier, rejoindre
from tests.integration.test_budget import deposer
from tests.integration.test_groupe_moteur import candidats, liste_csv
from tirage.verification import verifier as verifier_tirage

NOM = "Zéphyrine Quetzalcoatl-Brindavoine"
EMAIL = "zephyrine.quetzal@rarissime.example"
TRACES = [NOM.lower().encode(), EMAIL.encode(), b"quetzalcoatl", b"rarissime.example"]


def octets_des_fichiers(plateforme: Plateforme) -> bytes:
    """Every byte the database keeps on disk: the SQLite file and its WAL, or every relation
    file (tables, indexes, TOAST, catalogs) of the PostgreSQL database, after a checkpoint."""
    if plateforme.moteur.dialect.name == "sqlite":
        chemin = plateforme.configuration.chemin_sqlite
        fichiers = sorted(chemin.parent.glob(chemin.name + "*"))
        assert any(f.name.endswith("-wal") for f in fichiers)
        return b"".join(Path(f).read_bytes() for f in fichiers)
    morceaux = []
    with plateforme.moteur.connect().execution_options(isolation_level="AUTOCOMMIT") as cnx:
        cnx.execute(text("CHECKPOINT"))
        chemins = cnx.execute(
            text(
                "SELECT pg_relation_filepath(oid) FROM pg_class "
                "WHERE pg_relation_filepath(oid) IS NOT NULL"
            )
        ).scalars()
        for chemin in list(chemins):
            morceaux.append(
                cnx.execute(text("SELECT pg_read_binary_file(:c)"), {"c": chemin}).scalar() or b""
            )
    return b"".join(morceaux)


def traces(plateforme: Plateforme) -> list[bytes]:
    contenu = octets_des_fichiers(plateforme).lower()
    return [t for t in TRACES if t in contenu]


def export_jsonl(plateforme: Plateforme) -> str:
    sortie = io.StringIO()
    exporter(plateforme.registre, sortie)
    return sortie.getvalue()


def une_vie_sur_la_plateforme(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    creer_compte: Callable[..., Acteur],
    animateur: Acteur,
) -> tuple[Acteur, UUID]:
    """The person joins, volunteers, attends, co-signs, files and supports, holds a token,
    changes their e-mail, is drawn (or not) in a tirage. Returns them and the tirage."""
    compte_id, _ = plateforme.comptes.inscrire(NOM, "ancienne." + EMAIL, MOT_DE_PASSE)
    plateforme.rgpd.rectifier(plateforme.comptes.acteur(compte_id), NOM, EMAIL)
    plateforme.comptes.amorcer_role(compte_id, "agent_ville", None)
    personne = plateforme.comptes.acteur(compte_id)
    assert personne is not None
    plateforme.jetons.creer(personne, "Outil de suivi")
    rejoindre(plateforme, personne)
    plateforme.assemblee.declarer_volontariat(personne, 18, True)
    for i in range(5):
        autre = creer_compte()
        rejoindre(plateforme, autre, genre="homme" if i % 2 else "femme")
        plateforme.assemblee.declarer_volontariat(autre, 18, True)
    seance_id = planifier(plateforme, animateur, date=horloge.now + timedelta(days=1))
    horloge.avancer(days=1, hours=1)
    plateforme.seances.changer_presence(animateur, seance_id, compte_id, True)
    redactrice = creer_compte()
    rejoindre(plateforme, redactrice)
    avis_id, _ = plateforme.avis.rediger(
        redactrice, 18, "auto_saisine", "Éclairage rue Myrha", "Le conseil demande…", "ville"
    )
    plateforme.avis.cosigner(personne, avis_id)
    proposition_id = deposer(plateforme, personne)
    plateforme.budget.soutenir(redactrice, proposition_id, True)
    autre_proposition = deposer(plateforme, redactrice, titre="Des bancs place Polonceau")
    plateforme.budget.soutenir(personne, autre_proposition, True)
    plateforme.budget.commenter(personne, autre_proposition, "Oui, près de l'école.")
    plateforme.groupe_moteur.fixer_objectifs(animateur, 18, Objectifs(taille=20))
    quotas = plateforme.groupe_moteur.quotas_proposes(18)
    tirage_id, _ = plateforme.groupe_moteur.annoncer_tirage(
        animateur,
        18,
        quotas,
        "quatre dés",
        candidats(plateforme),
        liste_csv(),
        hasard_le=horloge.now + timedelta(hours=1),
    )
    horloge.avancer(hours=2)
    plateforme.groupe_moteur.effectuer_tirage(animateur, tirage_id, "1,2,3,4", ["Awa D."])
    plateforme.projecteur.rattraper()
    return personne, tirage_id


def test_apres_l_effacement_aucun_fichier_ne_garde_le_nom_ni_l_adresse(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    creer_compte: Callable[..., Acteur],
    animateur_18: Acteur,
) -> None:
    admin = creer_compte("admin")
    personne, tirage_id = une_vie_sur_la_plateforme(plateforme, horloge, creer_compte, animateur_18)
    if plateforme.moteur.dialect.name == "postgresql":  # what autovacuum would do
        with plateforme.moteur.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("ANALYZE"))
    horloge.now = datetime(2027, 1, 20, 9, 0, tzinfo=UTC)
    plateforme.archives.archiver(2026)
    journal_avant = export_jsonl(plateforme)
    rapport_avant = rendre(plateforme.rapports.annuel(2026), "json")
    archives_avant = [(a.arrondissement, a.format, a.sha256) for a in plateforme.archives.liste()]
    assert traces(plateforme), "the scan must see the data before the erasure"

    position = plateforme.rgpd.effacer(admin, personne.compte_id, "demande_administration")
    plateforme.projecteur.attendre(position)

    assert traces(plateforme) == []
    assert export_jsonl(plateforme).startswith(journal_avant)
    assert rendre(plateforme.rapports.annuel(2026), "json") == rapport_avant
    assert [
        (a.arrondissement, a.format, a.sha256) for a in plateforme.archives.liste()
    ] == archives_avant
    record = json.loads(plateforme.lecture.tirage(tirage_id).document)
    assert verifier_tirage(record).correct
    assert verifier_projections(plateforme.registre, plateforme.moteur) == []
    # Withdrawn from the public lists, signed out, and the erasure itself is an event.
    assert not any(m.actif for m in plateforme.lecture.adhesions_de(personne.compte_id))
    assert str(personne.compte_id) not in {
        m.membre_id for m in plateforme.lecture.membres_groupe_moteur(18)
    }
    assert plateforme.comptes.acteur(personne.compte_id) is None
    with pytest.raises(DonneeInvalide):
        plateforme.comptes.authentifier(EMAIL, MOT_DE_PASSE)
    efface = [
        json.loads(ligne)
        for ligne in export_jsonl(plateforme).splitlines()
        if '"participation:Compte.Efface"' in ligne
    ]
    assert [e["payload"] for e in efface] == [
        {"motif": "demande_administration", "par": str(admin.compte_id), "role_demandeur": "admin"}
    ]


@pytest.mark.parametrize("configuration", ["postgres"], indirect=True)
def test_sur_postgresql_l_effacement_bascule_le_wal(
    plateforme: Plateforme, creer_compte: Callable[..., Acteur]
) -> None:
    """The live WAL segment that holds the erased rows is closed and checkpointed, so it is
    recycled rather than kept as the current one (what remains until then: docs/privacy.md).
    SQLite's WAL is emptied by `wal_checkpoint(TRUNCATE)`, tested above."""
    admin, personne = creer_compte("admin"), creer_compte(nom="Personne À Effacer")
    requete = text("SELECT pg_walfile_name(pg_current_wal_lsn())")
    with plateforme.moteur.connect() as cnx:
        avant = cnx.execute(requete).scalar()

    plateforme.rgpd.effacer(admin, personne.compte_id, "demande_administration")

    with plateforme.moteur.connect() as cnx:
        assert cnx.execute(requete).scalar() != avant


def test_seuls_la_personne_et_l_administration_effacent(
    plateforme: Plateforme, creer_compte: Callable[..., Acteur], participant: Acteur
) -> None:
    autre = creer_compte()
    avant = plateforme.registre.position()
    with pytest.raises(ActionInterdite):
        plateforme.rgpd.effacer(autre, participant.compte_id)
    with pytest.raises(ActionInterdite):
        plateforme.rgpd.exporter(autre, participant.compte_id)
    assert plateforme.registre.position() == avant
    plateforme.rgpd.effacer(participant, participant.compte_id)
    assert plateforme.identites.identite(participant.compte_id) is None


def test_l_export_des_donnees_liste_ce_que_la_plateforme_sait(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    creer_compte: Callable[..., Acteur],
    animateur_18: Acteur,
) -> None:
    personne, _ = une_vie_sur_la_plateforme(plateforme, horloge, creer_compte, animateur_18)

    donnees = json.loads(json.dumps(plateforme.rgpd.exporter(personne, personne.compte_id)))

    assert donnees["identite"]["nom_affiche"] == NOM
    assert donnees["identite"]["adresse_electronique"] == EMAIL
    assert donnees["roles"] == [{"role": "agent_ville", "conseil": None}]
    (adhesion,) = donnees["assemblees"]
    assert (adhesion["arrondissement"], adhesion["college"]) == (18, "habitant")
    assert len(donnees["presences_aux_seances"]) == 1
    assert [a["titre"] for a in donnees["avis_signes"]] == ["Éclairage rue Myrha"]
    bp = donnees["budget_participatif"]
    assert len(bp["propositions_deposees"]) == len(bp["soutiens"]) == 1
    assert bp["commentaires"][0]["texte"] == "Oui, près de l'école."
    assert donnees["jetons_api"][0]["libelle"] == "Outil de suivi"
    types = {e["type"] for e in donnees["evenements"]}
    assert {
        "participation:Compte.Ouvert",
        "participation:Adhesion.Entree",
        "participation:Avis.CoAuteurAjoute",
        "participation:Tirage.Annonce",  # a volunteer in the pool
    } <= types, types
    assert "$argon2" not in json.dumps(donnees)


def test_la_console_exporte_puis_efface_une_personne_designee_par_son_adresse(
    configuration: Configuration,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    hachage_rapide: None,
) -> None:
    monkeypatch.setenv(VARIABLE_URL, configuration.database_url)
    monkeypatch.setenv("PARTICIPATION_MOT_DE_PASSE", MOT_DE_PASSE)
    assert main(["comptes", "creer", "--email", EMAIL, "--nom", NOM]) == 0
    capsys.readouterr()

    assert main(["personne", "exporter", EMAIL]) == 0
    donnees = json.loads(capsys.readouterr().out)
    assert donnees["identite"]["nom_affiche"] == NOM

    with pytest.raises(SystemExit) as sortie:
        main(["personne", "effacer", EMAIL, "--motif", "parce_que"])
    assert sortie.value.code == 2
    assert main(["personne", "effacer", EMAIL, "--motif", "demande_personne"]) == 0
    assert donnees["identifiant_pseudonyme"] in capsys.readouterr().out
    assert main(["personne", "exporter", EMAIL]) == 2
    assert "Aucun compte" in capsys.readouterr().err
    assert main(["personne", "exporter", donnees["identifiant_pseudonyme"]]) == 0
    apres = json.loads(capsys.readouterr().out)
    assert apres["identite"] is None and apres["compte_efface"] is True
    assert main(["personne", "conservation"]) == 0
    assert "0 personne(s) effacée(s)" in capsys.readouterr().out


def test_l_effacement_vide_les_reponses_gardees_des_formulaires_et_les_compteurs_n_ont_pas_d_adresse(
    plateforme: Plateforme, creer_compte: Callable[..., Acteur], horloge: HorlogeReglable
) -> None:
    """The answers kept for idempotent forms are pages that may show the person's name: an
    erasure drops them. The rate limits count digests, never the e-mail typed."""
    admin, personne = creer_compte("admin"), creer_compte(nom="Zélie Effaçable")
    cle = "a" * 32
    assert plateforme.reprises.reserver(cle, str(personne.compte_id), horloge.now) is None
    plateforme.reprises.conclure(cle, Reponse(200, {}, "Merci Zélie Effaçable".encode()))
    essais = EssaisEnBase(plateforme.moteur, "connexion:email", 5, 900, lambda: 1.0)
    essais.noter("zelie@exemple.fr")

    plateforme.rgpd.effacer(admin, personne.compte_id, "demande_administration")

    with plateforme.moteur.connect() as cnx:
        assert cnx.execute(text("SELECT COUNT(*) FROM idempotence_reprises")).scalar() == 0
        cles = cnx.execute(text("SELECT cle FROM limites_essais")).scalars().all()
    assert len(cles) == 1 and "zelie" not in cles[0]
