"""Sign up and sign in; personal data never reaches the event log."""

import json
from typing import Any

import pytest
from sqlalchemy import select

from domaine.comptes import Acteur, Compte
from domaine.erreurs import DonneeInvalide
from lancement.plateforme import Plateforme
from projections.tables import TABLES_DE_LECTURE
from tests.conftest import MOT_DE_PASSE
from tests.integration.outils import planifier, rejoindre, rien_n_est_enregistre

NOM = "Zoé Lefèvre-Nguyen"
EMAIL = "zoe.lefevre-nguyen@exemple.fr"


def test_une_inscription_ouvre_un_compte_de_participant(plateforme: Plateforme) -> None:
    avant = plateforme.registre.position()

    compte_id, position = plateforme.comptes.inscrire(NOM, EMAIL, MOT_DE_PASSE)

    assert position == avant + 1
    assert isinstance(plateforme.registre.charger(Compte, compte_id, ""), Compte)
    assert plateforme.comptes.acteur(compte_id) == Acteur(compte_id, frozenset())
    identite = plateforme.identites.identite(compte_id)
    assert (identite.nom, identite.email) == (NOM, EMAIL)
    plateforme.projecteur.attendre(position)
    assert plateforme.lecture.roles() == {}


def test_une_seconde_inscription_avec_la_meme_adresse_est_refusee(plateforme: Plateforme) -> None:
    plateforme.comptes.inscrire(NOM, EMAIL, MOT_DE_PASSE)

    with (
        rien_n_est_enregistre(plateforme),
        pytest.raises(DonneeInvalide, match="existe déjà avec cette adresse"),
    ):
        plateforme.comptes.inscrire("Une autre", f"  {EMAIL.upper()} ", "autre mot de passe")

    assert [i.nom for i in plateforme.identites.tous()] == [NOM]


def test_on_se_connecte_avec_son_adresse_et_son_mot_de_passe(plateforme: Plateforme) -> None:
    compte_id, _ = plateforme.comptes.inscrire(NOM, EMAIL, MOT_DE_PASSE)

    assert plateforme.comptes.authentifier(EMAIL, MOT_DE_PASSE) == compte_id
    assert plateforme.comptes.authentifier(f" {EMAIL.upper()}", MOT_DE_PASSE) == compte_id


@pytest.mark.parametrize(
    ("email", "mot_de_passe"),
    [
        (EMAIL, "mauvais mot de passe"),
        (EMAIL, MOT_DE_PASSE.upper()),
        (EMAIL, ""),
        ("inconnue@exemple.fr", MOT_DE_PASSE),
        ("pas une adresse", MOT_DE_PASSE),
    ],
)
def test_une_connexion_avec_de_mauvais_identifiants_est_refusee(
    plateforme: Plateforme, email: str, mot_de_passe: str
) -> None:
    plateforme.comptes.inscrire(NOM, EMAIL, MOT_DE_PASSE)

    with (
        rien_n_est_enregistre(plateforme),
        pytest.raises(DonneeInvalide, match="Adresse électronique ou mot de passe incorrect"),
    ):
        plateforme.comptes.authentifier(email, mot_de_passe)


def _formes(valeur: str) -> list[bytes]:
    """How a string can appear in a stored state: raw UTF-8 or JSON-escaped."""
    formes = {valeur, valeur.lower(), valeur.upper()}
    resultat: list[bytes] = []
    for f in formes:
        resultat.append(f.encode())
        resultat.append(json.dumps(f)[1:-1].encode())
    return resultat


def test_aucune_donnee_personnelle_n_est_enregistree_dans_les_evenements(
    plateforme: Plateforme, horloge: Any, creer_compte: Any
) -> None:
    compte_id, _ = plateforme.comptes.inscrire(NOM, EMAIL, MOT_DE_PASSE)
    zoe = plateforme.comptes.acteur(compte_id)
    animatrice = creer_compte("animateur", 18, nom="Bérénice Animatrice")
    admin = creer_compte("admin")
    rejoindre(
        plateforme,
        zoe,
        college="acteur_local",
        structure_nom="Association Goutte d'Or Solidaire",
        structure_type="association",
    )
    plateforme.comptes.attribuer_role(admin, compte_id, "animateur", 19)
    seance_id = planifier(plateforme, animatrice)
    horloge.avancer(days=9)
    plateforme.seances.changer_presence(animatrice, seance_id, compte_id, True)
    plateforme.assemblee.quitter(zoe, 18, "raisons_personnelles")
    plateforme.comptes.authentifier(EMAIL, MOT_DE_PASSE)
    plateforme.projecteur.rattraper()

    notifications = plateforme.registre.recorder.select_notifications(
        0, 10_000, inclusive_of_start=False
    )
    etats = [bytes(n.state) for n in notifications]
    assert len(etats) == plateforme.registre.position()
    tout = b"\n".join(etats)
    # the scan does see what events legitimately carry (ids, a structure's name)...
    assert str(compte_id).encode() in tout or compte_id.hex.encode() in tout
    assert any(f in tout for f in _formes("Association Goutte d'Or Solidaire"))
    # ...and never a person's name, e-mail or password
    interdits = [NOM, EMAIL, "Zoé", "Lefèvre", "zoe.lefevre", MOT_DE_PASSE, "Bérénice"]
    for secret in interdits:
        for forme in _formes(secret):
            assert forme not in tout, f"{secret!r} found in the event log"
    for n in notifications:
        assert all(s.lower() not in n.topic.lower() for s in ("zoe", "lefevre"))

    # nor in the read models: names and e-mails live only in the identity store
    with plateforme.moteur.connect() as cnx:
        for table in TABLES_DE_LECTURE:
            for ligne in cnx.execute(select(table)):
                texte = " ".join(str(v) for v in ligne)
                assert NOM not in texte and EMAIL not in texte, table.name
