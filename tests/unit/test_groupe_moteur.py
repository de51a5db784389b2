"""The groupe moteur's targets, entries and exits, and the drift warnings (rules 4, 5, 11)."""

from uuid import UUID

import pytest

from domaine.erreurs import ChampInvalide, DonneeInvalide, EtatIncompatible
from domaine.groupe_moteur import GroupeMoteur, Objectifs, alertes
from tests.unit.scenario import MAINTENANT, alors, historique, plus_tard, refuse

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)

ANIMATRICE = UUID("00000000-0000-4000-8000-0000000000b1")


def groupe(taille: int = 20) -> GroupeMoteur:
    g = GroupeMoteur.constituer(18, Objectifs(taille=taille), ANIMATRICE, MAINTENANT)
    historique(g)
    return g


def remplir(g: GroupeMoteur, habitants: int, acteurs: int, femmes: int) -> None:
    for i in range(habitants + acteurs):
        g.faire_entrer(
            f"m{i}",
            "habitant" if i < habitants else "acteur_local",
            "femme" if i < femmes else "homme",
            "hors_qpv",
            "tirage",
            ANIMATRICE,
            plus_tard(days=1),
        )
    historique(g)


@pytest.mark.parametrize("taille", [19, 51])
def test_la_taille_du_groupe_moteur_va_de_20_a_50(taille: int) -> None:
    with pytest.raises(DonneeInvalide, match="de 20 à 50 membres"):
        GroupeMoteur.constituer(18, Objectifs(taille=taille), ANIMATRICE, MAINTENANT)


def test_les_habitants_sont_au_moins_la_moitie() -> None:
    with pytest.raises(DonneeInvalide, match="au moins la moitié"):
        GroupeMoteur.constituer(18, Objectifs(part_habitants=40), ANIMATRICE, MAINTENANT)


def test_un_membre_entre_puis_sort_avec_un_motif() -> None:
    g = groupe()
    g.faire_entrer("m1", "habitant", "femme", "hors_qpv", "consensus", ANIMATRICE, MAINTENANT)
    (entree,) = alors(g, GroupeMoteur.MembreEntre)
    assert (entree.membre_id, entree.voie) == ("m1", "consensus")

    g.faire_sortir("m1", "demenagement", ANIMATRICE, plus_tard(days=30))

    (sortie,) = alors(g, GroupeMoteur.MembreSorti)
    assert sortie.motif == "demenagement"
    assert g.membres == {}


def test_on_n_entre_pas_deux_fois_ni_dans_un_groupe_complet() -> None:
    g = groupe()
    remplir(g, 13, 7, 10)
    refuse(
        g,
        lambda: g.faire_entrer("m1", "habitant", "femme", "x", "tirage", ANIMATRICE, MAINTENANT),
        EtatIncompatible,
        "déjà membre",
    )
    refuse(
        g,
        lambda: g.faire_entrer("m99", "habitant", "femme", "x", "tirage", ANIMATRICE, MAINTENANT),
        EtatIncompatible,
        "complet",
    )


def test_sortir_un_inconnu_ou_pour_un_motif_inconnu_est_refuse() -> None:
    g = groupe()
    remplir(g, 1, 0, 1)
    refuse(
        g,
        lambda: g.faire_sortir("m9", "demission", ANIMATRICE, MAINTENANT),
        EtatIncompatible,
        "pas membre",
    )
    refuse(
        g,
        lambda: g.faire_sortir("m0", "ennui", ANIMATRICE, MAINTENANT),
        DonneeInvalide,
        "Motif de sortie inconnu",
    )


def test_la_taille_ne_descend_pas_sous_le_nombre_de_membres() -> None:
    g = groupe(30)
    remplir(g, 20, 5, 12)
    refuse(
        g,
        lambda: g.fixer_objectifs(Objectifs(taille=20), ANIMATRICE, MAINTENANT),
        ChampInvalide,
        "déjà 25 membres",
    )


def test_les_alertes_signalent_places_vacantes_colleges_et_parite() -> None:
    g = groupe()
    remplir(g, 16, 0, 12)

    messages = g.alertes()

    assert "4 places vacantes sur 20." in messages
    assert "Les habitant·es sont 100 % du groupe moteur, pour un objectif de 67 %." in messages
    assert "Parité non respectée : 12 femmes et 4 hommes." in messages


def test_un_groupe_equilibre_et_complet_n_a_pas_d_alerte() -> None:
    g = groupe()
    remplir(g, 13, 7, 10)
    assert alertes(g.objectifs, list(g.membres.values())) == []
