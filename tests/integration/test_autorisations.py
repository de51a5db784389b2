"""A command refused for lack of the right role records no event at all."""

from datetime import timedelta
from typing import Any

import pytest

from domaine.comptes import Acteur
from domaine.erreurs import ActionInterdite
from domaine.seances import Seance
from lancement.plateforme import Plateforme
from tests.integration.outils import DATE_SEANCE, planifier, rejoindre, rien_n_est_enregistre

REGLEMENT = "Article 1. L'assemblée est ouverte à toutes et tous."


def test_une_participante_ne_peut_pas_planifier_de_seance(
    plateforme: Plateforme, participant: Acteur
) -> None:
    with rien_n_est_enregistre(plateforme), pytest.raises(ActionInterdite, match="animateur"):
        planifier(plateforme, participant)
    assert plateforme.lecture.seances(18, plateforme.registre.maintenant(), a_venir=True) == []


def test_sans_compte_on_ne_peut_ni_planifier_ni_rejoindre(plateforme: Plateforme) -> None:
    with rien_n_est_enregistre(plateforme):
        with pytest.raises(ActionInterdite, match="Connectez-vous"):
            planifier(plateforme, None)
        with pytest.raises(ActionInterdite, match="Connectez-vous"):
            rejoindre(plateforme, None)


def test_l_animatrice_du_18e_ne_peut_pas_agir_sur_le_conseil_du_19e(
    plateforme: Plateforme, animateur_18: Acteur, creer_compte: Any, horloge: Any
) -> None:
    animateur_19 = creer_compte("animateur", 19)
    seance_19 = planifier(plateforme, animateur_19, 19)
    version = plateforme.registre.charger(Seance, seance_19, "").version

    with rien_n_est_enregistre(plateforme):
        with pytest.raises(ActionInterdite, match="du 19e"):
            planifier(plateforme, animateur_18, 19)
        with pytest.raises(ActionInterdite, match="du 19e"):
            plateforme.seances.reprogrammer(
                animateur_18,
                seance_19,
                version,
                DATE_SEANCE + timedelta(days=1),
                "Ailleurs",
                "Autre chose",
            )
        with pytest.raises(ActionInterdite, match="du 19e"):
            plateforme.seances.annuler(animateur_18, seance_19, version, "Pas de salle")
        with pytest.raises(ActionInterdite, match="du 19e"):
            plateforme.conseils.fixer_regle_majorite(animateur_18, 19, "absolue")
        with pytest.raises(ActionInterdite, match="du 19e"):
            plateforme.conseils.deposer_reglement(animateur_18, 19, REGLEMENT)

        horloge.avancer(days=9)  # the séance has started
        with pytest.raises(ActionInterdite, match="du 19e"):
            plateforme.seances.enregistrer_decision(animateur_18, seance_19, "Avis", 3, 0, 0)
        with pytest.raises(ActionInterdite, match="du 19e"):
            plateforme.seances.changer_presence(
                animateur_18, seance_19, animateur_18.compte_id, True
            )
        with pytest.raises(ActionInterdite, match="du 19e"):
            plateforme.seances.rediger_compte_rendu(animateur_18, seance_19, None, "Texte")
        with pytest.raises(ActionInterdite, match="du 19e"):
            plateforme.seances.compter_anonymes(animateur_18, seance_19, None, 4)

    # the same commands pass for the animatrice of the 19e
    plateforme.seances.enregistrer_decision(animateur_19, seance_19, "Avis", 3, 0, 0)


@pytest.mark.parametrize("qui", ["participant", "animateur_18", "admin"])
def test_seuls_les_agents_statuent_sur_la_conformite_du_reglement(
    plateforme: Plateforme, animateur_18: Acteur, qui: str, request: pytest.FixtureRequest
) -> None:
    plateforme.conseils.deposer_reglement(animateur_18, 18, REGLEMENT)
    acteur: Acteur = request.getfixturevalue(qui)

    with rien_n_est_enregistre(plateforme), pytest.raises(ActionInterdite, match="agents"):
        plateforme.conseils.statuer_conformite(acteur, 18, 1, "conforme", "")

    position = plateforme.projecteur.rattraper()
    assert position == plateforme.registre.position()
    (version,) = plateforme.lecture.reglements(18)
    assert version.statut == "en_attente"


@pytest.mark.parametrize("qui", ["agent_ville", "agent_etat"])
def test_un_agent_statue_sur_la_conformite_du_reglement(
    plateforme: Plateforme, animateur_18: Acteur, qui: str, request: pytest.FixtureRequest
) -> None:
    plateforme.conseils.deposer_reglement(animateur_18, 18, REGLEMENT)
    agent: Acteur = request.getfixturevalue(qui)

    position = plateforme.conseils.statuer_conformite(
        agent, 18, 1, "non_conforme", "Il manque la règle de parité."
    )

    plateforme.projecteur.attendre(position)
    (version,) = plateforme.lecture.reglements(18)
    assert (version.statut, version.statue_par_role) == ("non_conforme", qui)
    assert version.motif == "Il manque la règle de parité."


def test_une_participante_ne_depose_pas_de_reglement_ni_ne_change_la_majorite(
    plateforme: Plateforme, participant: Acteur, agent_ville: Acteur
) -> None:
    with rien_n_est_enregistre(plateforme):
        for acteur in (participant, agent_ville):
            with pytest.raises(ActionInterdite, match="animateur"):
                plateforme.conseils.deposer_reglement(acteur, 18, REGLEMENT)
            with pytest.raises(ActionInterdite, match="animateur"):
                plateforme.conseils.fixer_regle_majorite(acteur, 18, "absolue")


def test_seul_un_administrateur_attribue_ou_retire_des_roles(
    plateforme: Plateforme, participant: Acteur, animateur_18: Acteur, admin: Acteur
) -> None:
    with rien_n_est_enregistre(plateforme):
        for acteur in (participant, animateur_18, None):
            with pytest.raises(ActionInterdite):
                plateforme.comptes.attribuer_role(acteur, participant.compte_id, "admin", None)
            with pytest.raises(ActionInterdite):
                plateforme.comptes.retirer_role(acteur, animateur_18.compte_id, "animateur", 18)

    position = plateforme.comptes.attribuer_role(admin, participant.compte_id, "animateur", 20)
    assert plateforme.comptes.acteur(participant.compte_id).conseils_animes == [20]
    plateforme.comptes.retirer_role(admin, animateur_18.compte_id, "animateur", 18)
    assert plateforme.comptes.acteur(animateur_18.compte_id).conseils_animes == []

    plateforme.projecteur.attendre(position)
    plateforme.projecteur.rattraper()
    roles = plateforme.lecture.roles()
    assert roles[participant.compte_id] == [("animateur", 20)]
    assert animateur_18.compte_id not in roles
    assert roles[admin.compte_id] == [("admin", 0)]
