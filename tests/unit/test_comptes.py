"""Accounts and roles: who may issue which command."""

from typing import Any
from uuid import UUID

import pytest

from domaine.budget import exiger_deposant
from domaine.comptes import (
    Acteur,
    Compte,
    est_agent_ou_admin,
    exiger_admin,
    exiger_agent,
    exiger_agent_ou_admin,
    exiger_agent_ou_animateur,
    exiger_animateur,
    exiger_compte,
    exiger_demandeur_d_effacement,
    exiger_soi_ou_admin,
)
from domaine.erreurs import ActionInterdite, ChampInvalide, EtatIncompatible
from domaine.vocabulaire import Role
from tests.unit.scenario import MAINTENANT, alors, aucun_evenement, etant_donne, plus_tard, refuse

COMPTE = UUID("00000000-0000-4000-8000-0000000000e1")
ADMIN = UUID("00000000-0000-4000-8000-0000000000e2")

PARTICIPANT = Acteur(COMPTE)
ANIMATRICE_18 = Acteur(COMPTE, frozenset({(Role.ANIMATEUR, 18)}))
AGENT_VILLE = Acteur(COMPTE, frozenset({(Role.AGENT_VILLE, None)}))
AGENT_ETAT = Acteur(COMPTE, frozenset({(Role.AGENT_ETAT, None)}))
ADMINISTRATRICE = Acteur(ADMIN, frozenset({(Role.ADMIN, None)}))


def ouvert(compte: UUID = COMPTE) -> Any:
    return Compte.Ouvert(
        originator_id=compte,
        originator_version=1,
        timestamp=MAINTENANT,
        originator_topic=Compte.TOPIC,
    )


def attribue(version: int, role: str, arrondissement: int | None = None, compte: UUID = COMPTE):
    return Compte.RoleAttribue(
        originator_id=compte,
        originator_version=version,
        timestamp=plus_tard(days=version),
        role=role,
        arrondissement=arrondissement,
        par=ADMIN,
    )


# --- Acteur ----------------------------------------------------------------------------------


def test_tout_compte_est_participant() -> None:
    assert PARTICIPANT.a_le_role(Role.PARTICIPANT)
    assert not PARTICIPANT.a_le_role(Role.ANIMATEUR, 18)
    assert not PARTICIPANT.a_le_role(Role.ADMIN)
    assert PARTICIPANT.role_agent is None
    assert PARTICIPANT.conseils_animes == []


def test_le_role_d_animateur_vaut_pour_un_seul_conseil() -> None:
    assert ANIMATRICE_18.a_le_role(Role.ANIMATEUR, 18)
    assert not ANIMATRICE_18.a_le_role(Role.ANIMATEUR, 19)
    assert not ANIMATRICE_18.a_le_role(Role.ANIMATEUR)
    assert ANIMATRICE_18.conseils_animes == [18]


def test_les_conseils_animes_sont_listes_dans_l_ordre() -> None:
    acteur = Acteur(COMPTE, frozenset({(Role.ANIMATEUR, 20), (Role.ANIMATEUR, 10)}))
    assert acteur.conseils_animes == [10, 20]


def test_un_role_d_agent_ou_d_admin_ne_depend_d_aucun_conseil() -> None:
    assert AGENT_VILLE.a_le_role(Role.AGENT_VILLE)
    assert AGENT_VILLE.a_le_role(Role.AGENT_VILLE, 18)  # the argument is ignored
    assert AGENT_VILLE.role_agent == Role.AGENT_VILLE
    assert AGENT_ETAT.role_agent == Role.AGENT_ETAT
    assert not AGENT_VILLE.a_le_role(Role.AGENT_ETAT)
    assert ADMINISTRATRICE.a_le_role(Role.ADMIN)
    assert ADMINISTRATRICE.role_agent is None


def test_un_agent_des_deux_administrations_agit_au_nom_de_l_etat() -> None:
    double = Acteur(COMPTE, frozenset({(Role.AGENT_VILLE, None), (Role.AGENT_ETAT, None)}))
    assert double.role_agent == Role.AGENT_ETAT


# --- exiger_* ---------------------------------------------------------------------------------


def test_sans_compte_toute_action_demande_de_se_connecter() -> None:
    for exiger in (exiger_compte, exiger_admin, lambda a: exiger_animateur(a, 18)):
        with pytest.raises(ActionInterdite, match="Connectez-vous"):
            exiger(None)
    with pytest.raises(ActionInterdite, match="Connectez-vous"):
        exiger_agent(None)


def test_exiger_compte_rend_l_acteur() -> None:
    assert exiger_compte(PARTICIPANT) is PARTICIPANT


def test_seule_l_animatrice_du_conseil_peut_agir_pour_lui() -> None:
    assert exiger_animateur(ANIMATRICE_18, 18) is ANIMATRICE_18
    with pytest.raises(ActionInterdite, match="animateur·rices du conseil citoyen du 19e"):
        exiger_animateur(ANIMATRICE_18, 19)
    for acteur in (PARTICIPANT, AGENT_VILLE, ADMINISTRATRICE):
        with pytest.raises(ActionInterdite, match="du 18e"):
            exiger_animateur(acteur, 18)


def test_seuls_les_agents_passent_exiger_agent() -> None:
    assert exiger_agent(AGENT_VILLE) == (AGENT_VILLE, Role.AGENT_VILLE)
    assert exiger_agent(AGENT_ETAT) == (AGENT_ETAT, Role.AGENT_ETAT)
    for acteur in (PARTICIPANT, ANIMATRICE_18, ADMINISTRATRICE):
        with pytest.raises(ActionInterdite, match="agents de la Ville ou de l'État"):
            exiger_agent(acteur)


def test_seuls_les_administrateurs_passent_exiger_admin() -> None:
    assert exiger_admin(ADMINISTRATRICE) is ADMINISTRATRICE
    for acteur in (PARTICIPANT, ANIMATRICE_18, AGENT_VILLE, AGENT_ETAT):
        with pytest.raises(ActionInterdite, match="administrateur"):
            exiger_admin(acteur)


def test_un_comite_de_pilotage_est_enregistre_par_un_agent_ou_l_animation_du_conseil() -> None:
    for acteur in (AGENT_VILLE, AGENT_ETAT):
        assert exiger_agent_ou_animateur(acteur, 18) is acteur
        assert exiger_agent_ou_animateur(acteur, None) is acteur
    assert exiger_agent_ou_animateur(ANIMATRICE_18, 18) is ANIMATRICE_18
    assert exiger_agent_ou_animateur(ANIMATRICE_18, None) is ANIMATRICE_18  # then told to choose
    with pytest.raises(ActionInterdite, match="du 19e"):
        exiger_agent_ou_animateur(ANIMATRICE_18, 19)
    for acteur in (PARTICIPANT, ADMINISTRATRICE):
        with pytest.raises(ActionInterdite):
            exiger_agent_ou_animateur(acteur, None)


def test_les_agents_et_les_administrateurs_tiennent_des_jetons_d_api() -> None:
    for acteur in (AGENT_VILLE, AGENT_ETAT, ADMINISTRATRICE):
        assert est_agent_ou_admin(acteur)
        assert exiger_agent_ou_admin(acteur, "créer un jeton d'API") is acteur
    for acteur in (None, PARTICIPANT, ANIMATRICE_18):
        assert not est_agent_ou_admin(acteur)
    with pytest.raises(ActionInterdite, match="peuvent créer un jeton d'API"):
        exiger_agent_ou_admin(ANIMATRICE_18, "créer un jeton d'API")


def test_la_personne_ou_une_administratrice_efface_et_telecharge_ses_donnees() -> None:
    assert exiger_demandeur_d_effacement(PARTICIPANT, COMPTE) == (PARTICIPANT, "personne")
    assert exiger_demandeur_d_effacement(ADMINISTRATRICE, COMPTE) == (ADMINISTRATRICE, "admin")
    assert exiger_soi_ou_admin(PARTICIPANT, COMPTE) is PARTICIPANT
    assert exiger_soi_ou_admin(ADMINISTRATRICE, COMPTE) is ADMINISTRATRICE
    autre = Acteur(UUID(int=9), frozenset({(Role.AGENT_VILLE, None)}))
    with pytest.raises(ActionInterdite, match="la personne elle-même"):
        exiger_demandeur_d_effacement(autre, COMPTE)
    with pytest.raises(ActionInterdite, match="vos propres données"):
        exiger_soi_ou_admin(autre, COMPTE)


def test_chacun_depose_en_son_nom_l_animation_seule_au_nom_du_conseil() -> None:
    assert exiger_deposant(PARTICIPANT, 18, au_nom_du_conseil=False) is PARTICIPANT
    assert exiger_deposant(ANIMATRICE_18, 18, au_nom_du_conseil=True) is ANIMATRICE_18
    with pytest.raises(ActionInterdite, match="du 18e"):
        exiger_deposant(PARTICIPANT, 18, au_nom_du_conseil=True)
    with pytest.raises(ActionInterdite, match="Connectez-vous"):
        exiger_deposant(None, 18, au_nom_du_conseil=False)


# --- Compte aggregate ------------------------------------------------------------------------


def test_un_compte_s_ouvre_sans_aucune_donnee_personnelle() -> None:
    compte = Compte.ouvrir(COMPTE, MAINTENANT)

    (evenement,) = alors(compte, Compte.Ouvert)
    assert evenement.originator_id == COMPTE
    assert set(evenement.__dict__) == {
        "originator_id",
        "originator_version",
        "timestamp",
        "originator_topic",
    }
    assert compte.acteur() == Acteur(COMPTE, frozenset())


def test_une_administratrice_attribue_le_role_d_animateur_d_un_conseil() -> None:
    compte = etant_donne(ouvert())

    compte.attribuer_role("animateur", 18, ADMIN, plus_tard(days=1))

    (evenement,) = alors(compte, Compte.RoleAttribue)
    assert (evenement.role, evenement.arrondissement, evenement.par) == ("animateur", 18, ADMIN)
    assert compte.acteur().a_le_role(Role.ANIMATEUR, 18)


def test_un_role_d_agent_s_attribue_sans_conseil_meme_si_on_en_donne_un() -> None:
    compte = etant_donne(ouvert())

    compte.attribuer_role("agent_ville", 18, ADMIN, plus_tard(days=1))

    (evenement,) = alors(compte, Compte.RoleAttribue)
    assert evenement.arrondissement is None


def test_le_premier_administrateur_est_cree_sans_administrateur() -> None:
    compte = etant_donne(ouvert())

    compte.attribuer_role("admin", None, None, plus_tard(days=1))

    (evenement,) = alors(compte, Compte.RoleAttribue)
    assert evenement.par is None


def test_attribuer_un_role_deja_tenu_n_enregistre_rien() -> None:
    compte = etant_donne(ouvert(), attribue(2, "animateur", 18))

    compte.attribuer_role("animateur", 18, ADMIN, plus_tard(days=5))

    aucun_evenement(compte)


@pytest.mark.parametrize(
    ("role", "arrondissement", "mot_cle"),
    [
        ("maire", None, "Rôle inconnu"),
        ("participant", None, "Tout compte est participant"),
        ("animateur", None, "se rattache à un conseil"),
        ("animateur", 12, "pas de conseil citoyen dans le 12e"),
    ],
)
def test_un_role_invalide_n_est_pas_attribue(
    role: str, arrondissement: int | None, mot_cle: str
) -> None:
    compte = etant_donne(ouvert())

    erreur = refuse(
        compte,
        lambda: compte.attribuer_role(role, arrondissement, ADMIN, plus_tard(days=1)),
        ChampInvalide,
        mot_cle,
    )
    # Named after the administrators' form fields, so that the message goes next to them.
    assert isinstance(erreur, ChampInvalide)
    assert erreur.champ == ("arrondissement" if role == "animateur" else "role")


def test_une_administratrice_retire_un_role() -> None:
    compte = etant_donne(ouvert(), attribue(2, "animateur", 18), attribue(3, "animateur", 19))

    compte.retirer_role("animateur", 18, ADMIN, plus_tard(days=5))

    (evenement,) = alors(compte, Compte.RoleRetire)
    assert (evenement.role, evenement.arrondissement) == ("animateur", 18)
    assert compte.acteur().conseils_animes == [19]


def test_on_ne_retire_pas_un_role_que_le_compte_n_a_pas() -> None:
    compte = etant_donne(ouvert(), attribue(2, "animateur", 18))

    refuse(
        compte,
        lambda: compte.retirer_role("animateur", 19, ADMIN, plus_tard(days=5)),
        EtatIncompatible,
        "n'a pas ce rôle",
    )


def test_une_administratrice_ne_retire_pas_son_propre_role_d_administration() -> None:
    compte = etant_donne(ouvert(ADMIN), attribue(2, "admin", compte=ADMIN))

    refuse(
        compte,
        lambda: compte.retirer_role("admin", None, ADMIN, plus_tard(days=5)),
        EtatIncompatible,
        "propre rôle d'administration",
    )
    compte.retirer_role("admin", None, COMPTE, plus_tard(days=5))
    alors(compte, Compte.RoleRetire)
