"""Erasure of a person (RGPD): an event that says who asked and why, never the data."""

from dataclasses import fields

from domaine.comptes import Compte
from domaine.erreurs import DonneeInvalide, EtatIncompatible
from tests.unit.scenario import alors, etant_donne, plus_tard, refuse
from tests.unit.test_comptes import ADMIN, attribue, ouvert


def test_une_administratrice_efface_une_personne_a_sa_demande_transmise() -> None:
    compte = etant_donne(ouvert(), attribue(2, "animateur", 18))

    compte.effacer("demande_administration", ADMIN, "admin", plus_tard(days=5))

    (evenement,) = alors(compte, Compte.Efface)
    assert (evenement.motif, evenement.par, evenement.role_demandeur) == (
        "demande_administration",
        ADMIN,
        "admin",
    )
    assert compte.efface and compte.acteur().roles == frozenset()


def test_l_evenement_d_effacement_ne_porte_que_le_demandeur_et_le_motif() -> None:
    noms = {f.name for f in fields(Compte.Efface)} - {
        "originator_id",
        "originator_version",
        "timestamp",
    }
    assert noms == {"motif", "par", "role_demandeur"}


def test_le_motif_vient_d_une_liste_fermee() -> None:
    compte = etant_donne(ouvert())
    refuse(
        compte,
        lambda: compte.effacer("parce que", None, "personne", plus_tard(days=1)),
        DonneeInvalide,
        "Motif d'effacement inconnu",
    )


def test_on_n_efface_pas_deux_fois_ni_n_attribue_de_role_ensuite() -> None:
    compte = etant_donne(ouvert())
    compte.effacer("conservation_ecoulee", None, "plateforme", plus_tard(days=1))
    efface = etant_donne(ouvert(), *alors(compte, Compte.Efface))

    refuse(
        efface,
        lambda: efface.effacer("demande_personne", None, "personne", plus_tard(days=2)),
        EtatIncompatible,
        "déjà effacées",
    )
    refuse(
        efface,
        lambda: efface.attribuer_role("admin", None, ADMIN, plus_tard(days=2)),
        EtatIncompatible,
        "effacé",
    )
