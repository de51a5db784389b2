"""Pricing answers for integer compositions even when its LP relaxation's optimum is fractional:
the relaxation is only a shortcut, never the answer."""

import numpy as np

from tirage.programmes import Tarification

# Types A, B, C pairwise exclusive (at most one of each pair), D free; panels of 2. Weights
# 1, 1, 1, 0: the relaxation's optimum is (½, ½, ½, ½), worth 1.5; a panel is worth at most 1.
PAIRES = [
    (0, 1, np.array([1.0, 1.0, 0.0, 0.0])),
    (0, 1, np.array([0.0, 1.0, 1.0, 0.0])),
    (0, 1, np.array([1.0, 0.0, 1.0, 0.0])),
]
POIDS = np.array([1.0, 1.0, 1.0, 0.0])


def _tarification() -> Tarification:
    return Tarification(np.array([1.0, 1.0, 1.0, 2.0]), 2, PAIRES)


def test_une_relaxation_fractionnaire_donne_la_main_au_programme_en_nombres_entiers() -> None:
    assert _tarification().meilleure(POIDS) in {(1, 0, 0, 1), (0, 1, 0, 1), (0, 0, 1, 1)}


def test_la_borne_de_la_relaxation_ne_suffit_pas_a_annoncer_une_composition() -> None:
    tarification = _tarification()
    assert tarification.meilleure(POIDS, 1.2) is None  # 1.5 > 1.2, but no panel is worth 1.2
    assert tarification.meilleure(POIDS, 0.9) is not None
    assert tarification.meilleure(POIDS, 1.6) is None  # beyond the relaxation's bound


def test_des_quotas_impossibles_ne_donnent_aucune_composition() -> None:
    impossible = [*PAIRES, (3, 3, np.array([1.0, 1.0, 1.0, 0.0]))]
    assert Tarification(np.array([1.0, 1.0, 1.0, 2.0]), 2, impossible).meilleure(POIDS) is None
