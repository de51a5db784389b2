"""Property-based tests of the lottery over random pools and random feasible quotas.

Every published composition meets the quotas and the panel size; every ticket's panel, checked
on the actual people's features, meets them too; the published appearances are the brute-force
count over all tickets; people of the same type differ by at most one ticket; the record of any
draw verifies, with `verifier` and with the standalone script.
"""

import contextlib
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog, milp

from tests.tirage.outils import (
    autonome_en_memoire,
    copie,
    recalculer_apparitions,
    respecte,
    sceller,
    viviers_et_quotas,
)
from tirage import loterie
from tirage.equite import leximin, probleme
from tirage.loterie import annoncer, lot_de, membres_par_type, panel
from tirage.tirer import tirer
from tirage.verification import verifier
from tirage.vivier import Candidat, Quotas

hasards = st.one_of(
    st.lists(st.integers(0, 9), min_size=1, max_size=4).map(lambda d: ",".join(map(str, d))),
    st.text(min_size=1, max_size=30).filter(lambda t: t.strip()),
)


@settings(max_examples=30, deadline=None)
@given(
    viviers_et_quotas(),
    st.sampled_from((2, 10, 50, 137, 1000, 10_000)),
    hasards,
)
def test_chaque_ticket_respecte_les_quotas_et_les_probabilites_sont_exactes(
    vivier_quotas: tuple[list[Candidat], Quotas], m: int, hasard: str
) -> None:
    vivier, quotas = vivier_quotas
    annonce = annoncer(vivier, quotas, m)
    par_id = {c.id: c for c in vivier}
    categories = annonce["categories"]
    types = [t["valeurs"] for t in annonce["types"]]

    # every published composition: the panel size, the type sizes, every quota
    lot = lot_de(annonce)
    assert lot.m == m == annonce["tickets"]["nombre"]
    assert all(n > 0 for n in lot.nombres)
    for composition in lot.compositions:
        assert sum(composition) == quotas.taille
        for x, t in zip(composition, annonce["types"], strict=True):
            assert 0 <= x <= t["effectif"]
        for categorie, valeurs in quotas.bornes.items():
            for valeur, (bas, haut) in valeurs.items():
                total = sum(
                    x for x, t in zip(composition, types, strict=True) if t[categorie] == valeur
                )
                assert bas <= total <= haut

    # every ticket, on the actual people: distinct people meeting the quotas; brute-force counts
    membres = membres_par_type(vivier, categories, lot.types)
    comptes: Counter[str] = Counter()
    for ticket in range(m):
        choisis = panel(lot, membres, ticket)
        assert len(set(choisis)) == len(choisis) == quotas.taille
        assert respecte([par_id[i] for i in choisis], quotas)
        comptes.update(choisis)
    assert annonce["apparitions"] == {c.id: comptes[c.id] for c in vivier}
    assert annonce["probabilite_minimale"] == f"{min(annonce['apparitions'].values())}/{m}"

    # people of the same type: probabilities within 1/m of each other
    par_type: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
    for c in vivier:
        par_type[tuple(c.trait(k) for k in categories)].append(annonce["apparitions"][c.id])
    assert all(max(v) - min(v) <= 1 for v in par_type.values())

    # the draw: a panel of the lottery, the others as substitutes, and a record that verifies
    record = tirer(annonce, hasard, ["Témoin"])
    assert record["selection"] == panel(lot, membres, record["tirage"]["ticket"])
    assert sorted(record["selection"] + record["suppleants"]) == sorted(par_id)
    verdict = verifier(record)
    assert verdict.correct, verdict.ecart
    assert autonome_en_memoire(record) == (0, "")
    assert autonome_en_memoire(annonce) == (0, "")


def _muter(document: Any, chemin: list[Any], valeur: Any) -> None:
    cible = document
    for cle in chemin[:-1]:
        cible = cible[cle]
    cible[chemin[-1]] = valeur


def _feuilles(document: Any, chemin: list[Any]) -> list[list[Any]]:
    if isinstance(document, dict):
        return [f for k, v in document.items() for f in _feuilles(v, [*chemin, k])]
    if isinstance(document, list) and document:
        return [f for i, v in enumerate(document) for f in _feuilles(v, [*chemin, i])]
    return [chemin]


@settings(max_examples=50, deadline=None)
@given(
    viviers_et_quotas(max_vivier=30),
    st.data(),
)
def test_le_verificateur_autonome_donne_le_meme_verdict_sur_un_enregistrement_altere(
    vivier_quotas: tuple[list[Candidat], Quotas], data: st.DataObject
) -> None:
    vivier, quotas = vivier_quotas
    record = tirer(annonce_de(vivier, quotas), "3,7")
    altere = copie(record)
    feuilles = [f for f in _feuilles(altere, []) if f != ["engagement"]]
    chemin = data.draw(st.sampled_from(feuilles))
    actuelle: Any = record
    for cle in chemin:
        actuelle = actuelle[cle]
    nouvelle = data.draw(
        st.one_of(
            st.integers(-2, 12),
            st.sampled_from(["", "femme", "homme", "Q01", "habitant", "acteur_local", "x"]),
            st.none(),
            st.booleans(),
            st.just([1, 1]),
        ).filter(lambda v: v != actuelle or type(v) is not type(actuelle))
    )
    _muter(altere, chemin, nouvelle)
    if data.draw(st.booleans()):
        sceller(altere)
        if data.draw(st.booleans()) and chemin[0] == "tickets":
            with contextlib.suppress(
                KeyError, TypeError, ValueError, AttributeError, AssertionError
            ):
                sceller(recalculer_apparitions(altere))
    verdict = verifier(altere)
    code, sortie = autonome_en_memoire(altere)
    assert (code == 0) == verdict.correct, (chemin, nouvelle, verdict, sortie)


def annonce_de(vivier: list[Candidat], quotas: Quotas) -> dict[str, Any]:
    return annoncer(vivier, quotas, 10_000)


def _compositions(
    effectifs: list[int], quotas: Quotas, valeurs: list[tuple[str, ...]]
) -> Iterator[tuple[int, ...]]:
    categories = sorted(quotas.bornes)
    for x in itertools.product(*(range(c + 1) for c in effectifs)):
        if sum(x) != quotas.taille:
            continue
        if all(
            bas <= sum(n for n, v in zip(x, valeurs, strict=True) if v[i] == valeur) <= haut
            for i, k in enumerate(categories)
            for valeur, (bas, haut) in quotas.bornes[k].items()
        ):
            yield x


@settings(max_examples=25, deadline=None)
@given(viviers_et_quotas(max_vivier=12))
def test_la_probabilite_minimale_est_celle_du_maximin_par_enumeration(
    vivier_quotas: tuple[list[Candidat], Quotas],
) -> None:
    """Against an independent maximin: every feasible composition enumerated, one LP."""
    vivier, quotas = vivier_quotas
    p = probleme(vivier, quotas)
    effectifs = [t.effectif for t in p.types]
    compositions = list(_compositions(effectifs, quotas, [t.valeurs for t in p.types]))
    assert compositions
    a = np.array(compositions, dtype=float).T / np.array(effectifs, dtype=float)[:, None]
    j = len(compositions)
    # maximise z subject to a @ lambda >= z, sum(lambda) = 1
    resultat = linprog(
        np.concatenate([np.zeros(j), [-1.0]]),
        A_ub=np.hstack([-a, np.ones((len(effectifs), 1))]),
        b_ub=np.zeros(len(effectifs)),
        A_eq=np.concatenate([np.ones(j), [0.0]]).reshape(1, -1),
        b_eq=[1.0],
        bounds=[(0, None)] * j + [(0, 1)],
        method="highs",
    )
    assert resultat.status == 0
    assert abs(leximin(p).minimum - resultat.x[-1]) < 1e-6


def _leximin_par_definition(
    compositions: list[tuple[int, ...]], effectifs: list[int]
) -> np.ndarray:
    """LEXIMIN from its definition, with every composition a column: maximise the least free
    probability z, fix every free type that cannot rise above z while the others keep z (one LP
    each), and again until every type is fixed."""
    a = np.array(compositions, dtype=float).T / np.array(effectifs, dtype=float)[:, None]
    n, j = a.shape
    fixes: dict[int, float] = {}
    while len(fixes) < n:
        # variables: lambda (j), z; free types >= z, fixed types >= their value, sum lambda = 1
        a_ub = np.hstack([-a, np.array([[0.0 if t in fixes else 1.0] for t in range(n)])])
        b_ub = np.array([-fixes[t] + 1e-9 if t in fixes else 0.0 for t in range(n)])
        a_eq = np.concatenate([np.ones(j), [0.0]]).reshape(1, -1)

        def maximiser(cout: np.ndarray, z: tuple[float, float]) -> float:
            resultat = linprog(
                -cout, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1.0],
                bounds=[(0, None)] * j + [z], method="highs",
            )  # fmt: skip
            assert resultat.status == 0
            return float(-resultat.fun)

        z = maximiser(np.concatenate([np.zeros(j), [1.0]]), (0.0, 1.0))
        nouveaux = [
            t
            for t in range(n)
            if t not in fixes
            and maximiser(np.concatenate([a[t], [0.0]]), (z - 1e-9, z - 1e-9)) <= z + 1e-7
        ]
        assert nouveaux, "some type cannot rise above the max-min"
        fixes.update(dict.fromkeys(nouveaux, z))
    return np.array([fixes[t] for t in range(n)])


@settings(max_examples=25, deadline=None)
@given(viviers_et_quotas(max_vivier=12))
def test_les_probabilites_sont_celles_du_leximin_par_definition(
    vivier_quotas: tuple[list[Candidat], Quotas],
) -> None:
    """LEXIMIN probabilities are unique: every type's must match the definition's, computed
    over every feasible composition, not only the minimum."""
    vivier, quotas = vivier_quotas
    p = probleme(vivier, quotas)
    effectifs = [t.effectif for t in p.types]
    compositions = list(_compositions(effectifs, quotas, [t.valeurs for t in p.types]))
    attendues = _leximin_par_definition(compositions, effectifs)
    assert np.max(np.abs(np.array(leximin(p).probabilites) - attendues)) < 1e-6


def test_l_arrondi_ne_depend_pas_de_l_horloge(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rounding integer program is cut by a node limit, never by a time limit: a time
    limit would make the published lottery depend on the machine's speed."""
    options: list[dict[str, Any]] = []

    def milp_espion(*args: Any, **kwargs: Any) -> Any:
        options.append(dict(kwargs.get("options") or {}))  # copied: scipy consumes the dict
        return milp(*args, **kwargs)

    monkeypatch.setattr(loterie, "milp", milp_espion)
    vivier = [
        Candidat(f"p{i:02d}", ("habitant", "acteur_local")[i % 2], ("femme", "homme")[i % 3 % 2],
                 f"Q0{i % 3}", "oui")
        for i in range(30)
    ]  # fmt: skip
    quotas = Quotas(7, {"college": {"habitant": (4, 4)}, "genre": {"femme": (3, 4)}})
    annoncer(vivier, quotas, 7)  # 7 tickets: largest remainders are not enough
    assert options, "the integer program should have been used"
    assert all(
        "time_limit" not in o and o.get("node_limit") == loterie.NOEUDS_MAX for o in options
    ), options
