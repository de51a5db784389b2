"""Pricing answers for integer compositions even when its LP relaxation's optimum is fractional:
the relaxation is only a shortcut, never the answer. A stalled warm start is solved again."""

import numpy as np
import pytest

from tirage.equite import leximin, probleme, verifier_faisabilite
from tirage.programmes import Tarification
from tirage.vivier import Candidat, Quotas

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


def test_un_depart_a_chaud_qui_cale_reprend_a_froid() -> None:
    """Found by hypothesis: once a type was fixed, the stage LP's warm start stalled and HiGHS
    answered "Unknown"; the LP is then solved again without its last basis."""
    groupes = {
        ("Q01", "non"): 7, ("Q01", "oui"): 6, ("Q02", "non"): 2, ("Q02", "oui"): 8,
        ("Q03", "non"): 1, ("Q04", "non"): 1, ("Q04", "oui"): 4, ("Q05", "oui"): 1,
    }  # fmt: skip
    vivier = [
        Candidat(f"{quartier}-{volontaire}-{k}", "habitant", "femme", quartier, volontaire)
        for (quartier, volontaire), n in groupes.items()
        for k in range(n)
    ]
    quotas = Quotas(
        6,
        {
            "quartier": {"Q01": (2, 3), "Q03": (1, 1), "Q04": (0, 1), "Q05": (0, 0)},
            "volontaire": {"oui": (1, 3)},
        },
    )
    attendues = (1 / 5, 1 / 6, 1 / 5, 1 / 6, 1.0, 1 / 5, 1 / 6, 0.0)
    assert leximin(probleme(vivier, quotas)).probabilites == pytest.approx(attendues, abs=1e-6)


def test_un_modele_degenere_ou_le_simplexe_primal_cale_meme_a_froid() -> None:
    """Found by hypothesis (default quotas for a pool of seven): the primal simplex answered
    "Unknown" from scratch too; the dual simplex with presolve solves it."""
    lieux = ["QPV-A", "QPV-A", "QPV-A", "QPV-B", "QPV-AUTRE", "QPV-AUTRE"]
    vivier = [Candidat("p000", "habitant", "femme", "QPV-A", "oui")] + [
        Candidat(f"p{i:03d}", "acteur_local", "femme", lieu, "oui")
        for i, lieu in enumerate(lieux, start=1)
    ]
    quotas = Quotas(
        4,
        {
            "college": {"acteur_local": (3, 3), "habitant": (1, 1)},
            "quartier": {"QPV-A": (0, 4), "QPV-B": (0, 4)},
        },
    )
    verifier_faisabilite(vivier, quotas)  # no error: a panel exists
    assert max(leximin(probleme(vivier, quotas)).probabilites) == pytest.approx(1.0)  # p000
