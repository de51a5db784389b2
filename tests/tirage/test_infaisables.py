"""Infeasible quotas are refused with a French message naming the quota and the numbers;
nothing is relaxed silently."""

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.tirage.outils import viviers_et_quotas
from tirage.equite import assouplir, leximin, probleme, verifier_faisabilite
from tirage.erreurs import Blocage, QuotasInfaisables
from tirage.loterie import annoncer
from tirage.vivier import Candidat, Quotas


def _vivier(groupes: dict[tuple[str, str], int]) -> list[Candidat]:
    """A pool with `n` people of each (college, genre)."""
    vivier = []
    for (college, genre), n in sorted(groupes.items()):
        for k in range(n):
            ident = f"{college[0]}{genre[0]}{k:03d}"
            vivier.append(Candidat(ident, college, genre, "Q01", "oui"))
    return sorted(vivier, key=lambda c: c.id)


QUOTAS_ISSUE = Quotas(
    30,
    {
        "college": {"habitant": (20, 20), "acteur_local": (10, 10)},
        "genre": {"femme": (15, 15), "homme": (15, 15)},
    },
)


def _message(vivier: list[Candidat], quotas: Quotas) -> str:
    with pytest.raises(QuotasInfaisables) as erreur:
        annoncer(vivier, quotas, 100)
    assert erreur.value.message == str(erreur.value)
    return erreur.value.message


def test_pas_assez_de_femmes_dans_le_vivier() -> None:
    vivier = _vivier(
        {
            ("habitant", "femme"): 6,
            ("habitant", "homme"): 30,
            ("acteur_local", "femme"): 3,
            ("acteur_local", "homme"): 12,
        }
    )
    assert _message(vivier, QUOTAS_ISSUE) == (
        "Quota genre = femme : au moins 15 personnes demandées, mais le vivier n'en compte que 9."
    )


def test_pas_assez_d_acteurs_locaux() -> None:
    vivier = _vivier(
        {("habitant", "femme"): 20, ("habitant", "homme"): 20, ("acteur_local", "femme"): 6}
    )
    assert _message(vivier, QUOTAS_ISSUE) == (
        "Quota college = acteur_local : au moins 10 personnes demandées, mais le vivier n'en "
        "compte que 6."
    )


def test_pas_de_femmes_parmi_les_acteurs_locaux() -> None:
    """Enough women and enough local actors, but every woman is a habitant and the habitants'
    seats are fewer than the women required: two categories interact. The message names the
    least relaxation that would allow a panel."""
    vivier = _vivier(
        {("habitant", "femme"): 20, ("habitant", "homme"): 20, ("acteur_local", "homme"): 12}
    )
    quotas = Quotas(
        24,
        {
            "college": {"habitant": (14, 14), "acteur_local": (10, 10)},
            "genre": {"femme": (15, 15)},
        },
    )
    assert _message(vivier, quotas) == (
        "Les quotas ne peuvent pas être respectés ensemble avec ce vivier. Le plus petit "
        "assouplissement possible serait : genre = femme (minimum 15) : 1 de moins."
    )
    # with one woman fewer required, the same pool gives a lottery
    annoncer(vivier, Quotas(24, {**quotas.bornes, "genre": {"femme": (14, 14)}}), 100)


def test_une_interaction_entre_genre_et_quartier_est_chiffree() -> None:
    """Every woman lives in Q01, whose seats are capped: either quota must give way by 5."""
    vivier = sorted(
        [Candidat(f"f{k:02d}", "habitant", "femme", "Q01", "non") for k in range(15)]
        + [Candidat(f"h{k:02d}", "habitant", "homme", "Q02", "oui") for k in range(20)],
        key=lambda c: c.id,
    )
    quotas = Quotas(20, {"genre": {"femme": (10, 10)}, "quartier": {"Q01": (0, 5)}})
    message = _message(vivier, quotas)
    assert message.startswith("Les quotas ne peuvent pas être respectés ensemble"), message
    details = re.findall(
        r"(genre|quartier) = (\w+) \((minimum|maximum) (\d+)\) : (\d+) de (moins|plus)", message
    )
    assert details in (
        [("genre", "femme", "minimum", "10", "5", "moins")],
        [("quartier", "Q01", "maximum", "5", "5", "plus")],
    ), message


def test_la_somme_des_minimums_depasse_la_taille() -> None:
    vivier = _vivier(
        {("habitant", "femme"): 20, ("habitant", "homme"): 20, ("acteur_local", "femme"): 20}
    )
    quotas = Quotas(30, {"college": {"habitant": (20, 30), "acteur_local": (12, 30)}})
    assert _message(vivier, quotas) == (
        "Quotas college : la somme des minimums (32) dépasse la taille du panel (30)."
    )


def test_les_maximums_ne_remplissent_pas_le_panel() -> None:
    vivier = _vivier({("habitant", "femme"): 20, ("habitant", "homme"): 20})
    quotas = Quotas(30, {"genre": {"femme": (0, 12), "homme": (0, 12)}})
    assert _message(vivier, quotas) == (
        "Quotas genre : au plus 24 personnes peuvent être retenues, moins que la taille du panel (30)."
    )


def test_une_valeur_absente_du_vivier() -> None:
    vivier = _vivier({("habitant", "femme"): 20, ("habitant", "homme"): 20})
    quotas = Quotas(10, {"genre": {"autre": (1, 2)}})
    assert _message(vivier, quotas) == (
        "Quota genre = autre : au moins 1 personnes demandées, mais le vivier n'en compte que 0."
    )


def test_leximin_refuse_aussi_des_quotas_infaisables() -> None:
    vivier = _vivier({("habitant", "femme"): 3, ("habitant", "homme"): 3})
    with pytest.raises(QuotasInfaisables, match="Quota genre = femme"):
        leximin(probleme(vivier, Quotas(4, {"genre": {"femme": (4, 4)}})))


# --- what blocks, for programs: the form points at the quota's field -----------------------


def _blocages(vivier: list[Candidat], quotas: Quotas) -> tuple[Blocage, ...]:
    with pytest.raises(QuotasInfaisables) as erreur:
        verifier_faisabilite(vivier, quotas)
    return erreur.value.blocages


def test_chaque_refus_dit_quel_quota_bloque_et_de_combien() -> None:
    femmes_rares = _vivier(
        {
            ("habitant", "femme"): 6,
            ("habitant", "homme"): 30,
            ("acteur_local", "femme"): 3,
            ("acteur_local", "homme"): 12,
        }
    )
    assert _blocages(femmes_rares, QUOTAS_ISSUE) == (Blocage("genre", "femme", "min", 6),)
    large = _vivier({("habitant", "femme"): 20, ("habitant", "homme"): 20})
    assert _blocages(large, Quotas(30, {"genre": {"femme": (0, 12), "homme": (0, 12)}})) == (
        Blocage("genre", "", "max", 6),
    )
    assert _blocages(large, Quotas(30, {"genre": {"femme": (20, 30), "homme": (12, 30)}})) == (
        Blocage("genre", "", "min", 2),
    )
    sans_actrices = _vivier(
        {("habitant", "femme"): 20, ("habitant", "homme"): 20, ("acteur_local", "homme"): 12}
    )
    quotas = Quotas(
        24,
        {
            "college": {"habitant": (14, 14), "acteur_local": (10, 10)},
            "genre": {"femme": (15, 15)},
        },
    )
    assert _blocages(sans_actrices, quotas) == (Blocage("genre", "femme", "min", 1),)


def test_des_quotas_faisables_passent_la_verification() -> None:
    vivier = _vivier({("habitant", "femme"): 20, ("acteur_local", "homme"): 20})
    verifier_faisabilite(vivier, Quotas(10, {"genre": {"femme": (5, 5)}}))


quotas_quelconques = st.fixed_dictionaries(
    {
        "taille": st.integers(1, 20),
        "femme": st.tuples(st.integers(0, 25), st.integers(0, 25)),
        "habitant": st.tuples(st.integers(0, 25), st.integers(0, 25)),
        "q01": st.tuples(st.integers(0, 25), st.integers(0, 25)),
    }
)


@settings(max_examples=40, deadline=None)
@given(viviers_et_quotas(max_vivier=40), quotas_quelconques)
def test_assouplir_donne_toujours_des_quotas_faisables_et_ne_touche_pas_aux_bons(
    exemple: tuple[list[Candidat], Quotas], brut: dict[str, Any]
) -> None:
    vivier, faisables = exemple
    assert assouplir(vivier, faisables) == faisables
    verifier_faisabilite(vivier, faisables)

    def paire(bornes: tuple[int, int]) -> tuple[int, int]:
        return min(bornes), max(bornes)

    quelconques = Quotas(
        min(brut["taille"], len(vivier)),
        {
            "genre": {"femme": paire(brut["femme"])},
            "college": {"habitant": paire(brut["habitant"])},
            "quartier": {"Q01": paire(brut["q01"])},
        },
    )
    assouplis = assouplir(vivier, quelconques, {"college": 100})

    verifier_faisabilite(vivier, assouplis)
    for categorie, valeurs in assouplis.bornes.items():
        for valeur, (lo, hi) in valeurs.items():
            avant = quelconques.bornes[categorie][valeur]
            assert lo <= avant[0] and hi >= avant[1]  # only ever loosened
