"""Invalid input is refused with a French message and records no event."""

from datetime import timedelta
from typing import Any
from uuid import uuid4

import pytest

from domaine.comptes import Acteur
from domaine.erreurs import DonneeInvalide, EtatIncompatible, Introuvable
from lancement.plateforme import Plateforme
from tests.integration.outils import (
    DATE_SEANCE,
    lignes_de_lecture,
    planifier,
    rejoindre,
    rien_n_est_enregistre,
)


@pytest.mark.parametrize(
    ("champs", "mot_cle"),
    [
        ({"college": "elu"}, "collège"),
        ({"genre": "x"}, "genre"),
        ({"tranche_age": "moins_de_18"}, "parent"),
        ({"eligible": False}, "attester"),
        ({"quartier": "QPV-19-ALGERIE"}, "quartier prioritaire du 18e"),
        ({"college": "acteur_local", "structure_type": "ecole"}, "nom de la structure"),
        ({"arrondissement": 12}, "12e"),
    ],
)
def test_une_adhesion_invalide_n_enregistre_rien(
    plateforme: Plateforme, participant: Acteur, champs: dict[str, Any], mot_cle: str
) -> None:
    with rien_n_est_enregistre(plateforme), pytest.raises(DonneeInvalide, match=mot_cle):
        rejoindre(plateforme, participant, **champs)
    assert plateforme.lecture.adhesions_de(participant.compte_id) == []


def test_rejoindre_deux_fois_ou_quitter_sans_etre_membre_n_enregistre_rien(
    plateforme: Plateforme, participant: Acteur
) -> None:
    with rien_n_est_enregistre(plateforme), pytest.raises(Introuvable, match="pas membre"):
        plateforme.assemblee.quitter(participant, 18)

    rejoindre(plateforme, participant)
    with rien_n_est_enregistre(plateforme), pytest.raises(EtatIncompatible, match="déjà membre"):
        rejoindre(plateforme, participant)

    plateforme.assemblee.quitter(participant, 18)
    with rien_n_est_enregistre(plateforme), pytest.raises(EtatIncompatible, match="pas membre"):
        plateforme.assemblee.quitter(participant, 18)

    position = rejoindre(plateforme, participant)
    with rien_n_est_enregistre(plateforme), pytest.raises(DonneeInvalide, match="Motif"):
        plateforme.assemblee.quitter(participant, 18, "parce que")
    plateforme.projecteur.attendre(position)
    (ligne,) = plateforme.lecture.adhesions_de(participant.compte_id)
    assert (ligne.actif, ligne.nombre_entrees) == (True, 2)


def test_une_seance_invalide_n_enregistre_rien(
    plateforme: Plateforme, animateur_18: Acteur, horloge: Any
) -> None:
    with rien_n_est_enregistre(plateforme):
        with pytest.raises(DonneeInvalide, match="futur"):
            planifier(plateforme, animateur_18, date=horloge.now - timedelta(hours=1))
        with pytest.raises(DonneeInvalide, match=r"lieu.*trop long"):
            planifier(plateforme, animateur_18, lieu="x" * 500)
        with pytest.raises(DonneeInvalide, match=r"ordre du jour.*obligatoire"):
            planifier(plateforme, animateur_18, ordre_du_jour="   ")
        with pytest.raises(DonneeInvalide, match="fuseau"):
            planifier(plateforme, animateur_18, date=DATE_SEANCE.replace(tzinfo=None))
        with pytest.raises(Introuvable, match="séance n'existe pas"):
            plateforme.seances.annuler(animateur_18, uuid4(), None, "Motif")

    seance_id = planifier(plateforme, animateur_18)
    plateforme.projecteur.rattraper()
    lecture_avant = lignes_de_lecture(plateforme)
    horloge.avancer(days=9)
    with rien_n_est_enregistre(plateforme):
        with pytest.raises(DonneeInvalide, match="au moins un vote"):
            plateforme.seances.enregistrer_decision(animateur_18, seance_id, "Avis", 0, 0, 0)
        with pytest.raises(DonneeInvalide, match="négatif"):
            plateforme.seances.enregistrer_decision(animateur_18, seance_id, "Avis", 4, -1, 0)
        with pytest.raises(EtatIncompatible, match="pas membre"):
            plateforme.seances.changer_presence(animateur_18, seance_id, uuid4(), True)
        with pytest.raises(EtatIncompatible, match="déjà eu lieu"):
            plateforme.seances.reprogrammer(
                animateur_18, seance_id, None, horloge.now + timedelta(days=3), "Lieu", "Odj"
            )
    plateforme.projecteur.rattraper()
    assert lignes_de_lecture(plateforme) == lecture_avant


def test_un_reglement_non_conforme_sans_motif_n_enregistre_rien(
    plateforme: Plateforme, animateur_18: Acteur, agent_etat: Acteur
) -> None:
    plateforme.conseils.deposer_reglement(animateur_18, 18, "Article premier.")
    with rien_n_est_enregistre(plateforme):
        with pytest.raises(DonneeInvalide, match="motif"):
            plateforme.conseils.statuer_conformite(agent_etat, 18, 1, "non_conforme", "")
        with pytest.raises(EtatIncompatible, match="identique"):
            plateforme.conseils.deposer_reglement(animateur_18, 18, "Article premier.")
        with pytest.raises(DonneeInvalide, match="unanimite"):
            plateforme.conseils.fixer_regle_majorite(animateur_18, 18, "unanimite")


@pytest.mark.parametrize(
    ("nom", "email", "mot_de_passe", "mot_cle"),
    [
        ("Léa", "pas-une-adresse", "un mot de passe solide", "Adresse électronique invalide"),
        ("Léa", "lea@exemple.fr", "court", "au moins 10 caractères"),
        ("   ", "lea@exemple.fr", "un mot de passe solide", "nom affiché"),
        ("L" * 121, "lea@exemple.fr", "un mot de passe solide", "trop long"),
    ],
)
def test_une_inscription_invalide_n_enregistre_rien(
    plateforme: Plateforme, nom: str, email: str, mot_de_passe: str, mot_cle: str
) -> None:
    with rien_n_est_enregistre(plateforme), pytest.raises(DonneeInvalide, match=mot_cle):
        plateforme.comptes.inscrire(nom, email, mot_de_passe)
    assert plateforme.identites.tous() == []
