"""Fairness: the LEXIMIN distribution over panels, solved over feature types.

Candidates with the same constrained features are interchangeable, so a panel is described by
its composition `x` (how many people of each type) and a type's probability is E[x_t] / c_t.
LEXIMIN maximises the smallest probability, then the next, and so on (Flanigan, Kehne &
Procaccia); each stage is a linear program over compositions, grown by column generation whose
pricing step is a small integer program (`tirage.programmes`, HiGHS through highspy).

A stage ends only when pricing proves that no composition has a positive reduced cost, so each
stage is solved exactly over all compositions, not over the ones found. The column generation
starts from a few compositions that put every type on some panel.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from tirage.erreurs import Blocage, Morceau, Morceaux, QuotasInfaisables
from tirage.programmes import Maitre, Solution, Tarification
from tirage.vivier import Candidat, Quotas

TOLERANCE = 1e-9
Composition = tuple[int, ...]


@dataclass(frozen=True)
class TypeCandidat:
    """One combination of constrained features, and how many candidates share it."""

    valeurs: tuple[str, ...]
    effectif: int


@dataclass(frozen=True)
class Probleme:
    categories: tuple[str, ...]
    types: tuple[TypeCandidat, ...]
    quotas: Quotas

    @property
    def effectifs(self) -> np.ndarray:
        return np.array([t.effectif for t in self.types], dtype=float)

    def lignes_de_quotas(self) -> list[tuple[str, str, int, int, np.ndarray]]:
        """(category, value, min, max, 0/1 row over types) for every quota."""
        lignes = []
        for i, categorie in enumerate(self.categories):
            for valeur, (lo, hi) in sorted(self.quotas.bornes[categorie].items()):
                ligne = np.array([1.0 if t.valeurs[i] == valeur else 0.0 for t in self.types])
                lignes.append((categorie, valeur, lo, hi, ligne))
        return lignes


@dataclass(frozen=True)
class Distribution:
    """Panels (compositions) with their weights, and each type's selection probability."""

    compositions: tuple[Composition, ...]
    poids: tuple[float, ...]
    probabilites: tuple[float, ...]

    @property
    def minimum(self) -> float:
        return min(self.probabilites)


def probleme(vivier: Sequence[Candidat], quotas: Quotas) -> Probleme:
    categories = tuple(sorted(quotas.bornes))
    comptes: dict[tuple[str, ...], int] = {}
    for candidat in vivier:
        cle = tuple(candidat.trait(c) for c in categories)
        comptes[cle] = comptes.get(cle, 0) + 1
    types = tuple(TypeCandidat(cle, n) for cle, n in sorted(comptes.items()))
    return Probleme(categories, types, quotas)


def diagnostiquer(p: Probleme, tarification: Tarification) -> Composition:
    """A feasible composition (one favouring small types); or `QuotasInfaisables` naming the
    quota and the numbers."""
    taille = p.quotas.taille
    lignes = p.lignes_de_quotas()
    for categorie, valeur, lo, _, ligne in lignes:
        disponibles = int(ligne @ p.effectifs)
        if lo > disponibles:
            raise QuotasInfaisables(
                "Quota %(categorie)s = %(valeur)s : au moins %(minimum)s personnes demandées, "
                "mais le vivier n'en compte que %(disponibles)s.",
                (Blocage(categorie, valeur, "min", lo - disponibles),),
                categorie=categorie,
                valeur=valeur,
                minimum=lo,
                disponibles=disponibles,
            )
    for i, categorie in enumerate(p.categories):
        bornes = p.quotas.bornes[categorie]
        minimum = sum(lo for lo, _ in bornes.values())
        if minimum > taille:
            raise QuotasInfaisables(
                "Quotas %(categorie)s : la somme des minimums (%(minimum)s) dépasse la taille "
                "du panel (%(taille)s).",
                (Blocage(categorie, "", "min", minimum - taille),),
                categorie=categorie,
                minimum=minimum,
                taille=taille,
            )
        maximum = 0
        for t in p.types:
            if t.valeurs[i] not in bornes:
                maximum += t.effectif
        for valeur, (_, hi) in bornes.items():
            disponibles = sum(t.effectif for t in p.types if t.valeurs[i] == valeur)
            maximum += min(hi, disponibles)
        if maximum < taille:
            raise QuotasInfaisables(
                "Quotas %(categorie)s : au plus %(maximum)s personnes peuvent être retenues, "
                "moins que la taille du panel (%(taille)s).",
                (Blocage(categorie, "", "max", taille - maximum),),
                categorie=categorie,
                maximum=maximum,
                taille=taille,
            )
    composition = tarification.meilleure(1.0 / p.effectifs)
    if composition is not None:
        return composition
    raise _conflit(p)


def verifier_faisabilite(vivier: Sequence[Candidat], quotas: Quotas) -> None:
    """Raise `QuotasInfaisables` (the quota that blocks, and by how much) unless some panel
    meets the quotas: the check of an announcement, without computing the lottery."""
    p = probleme(vivier, quotas)
    lignes = [(lo, hi, ligne) for _, _, lo, hi, ligne in p.lignes_de_quotas()]
    diagnostiquer(p, Tarification(p.effectifs, quotas.taille, lignes))


def relachements(
    p: Probleme, priorites: Mapping[str, float] | None = None
) -> list[tuple[str, str, int, int]] | None:
    """The least relaxation that allows a panel: (category, value, minimum lowered by, maximum
    raised by) for each quota that must give way; `priorites` weighs a category's relaxation
    (1 by default), so that a category that matters more gives way last. None: no panel even
    without quotas (a size beyond the pool)."""
    lignes = p.lignes_de_quotas()
    n, q = len(p.types), len(lignes)
    couts = [float((priorites or {}).get(categorie, 1.0)) for categorie, *_ in lignes]
    # variables: x (n), manque (q), exces (q); minimise the weighted manque + exces
    cout = np.concatenate([np.zeros(n), couts, couts])
    lignes_a = [np.concatenate([np.ones(n), np.zeros(2 * q)])]
    bas, haut = [float(p.quotas.taille)], [float(p.quotas.taille)]
    for k, (_, _, lo, hi, ligne) in enumerate(lignes):
        manque, exces = np.zeros(q), np.zeros(q)
        manque[k], exces[k] = 1.0, -1.0
        lignes_a.append(np.concatenate([ligne, manque, exces]))
        bas.append(lo)
        haut.append(hi)
    resultat = milp(
        c=cout,
        constraints=[LinearConstraint(np.array(lignes_a), bas, haut)],
        integrality=np.concatenate([np.ones(n), np.zeros(2 * q)]),
        bounds=Bounds(np.zeros(n + 2 * q), np.concatenate([p.effectifs, np.full(2 * q, np.inf)])),
    )
    if resultat.x is None:
        return None
    ecarts = []
    for k, (categorie, valeur, _, _, _) in enumerate(lignes):
        moins, plus = round(float(resultat.x[n + k])), round(float(resultat.x[n + q + k]))
        if moins or plus:
            ecarts.append((categorie, valeur, moins, plus))
    return ecarts


def _conflit(p: Probleme) -> QuotasInfaisables:
    """Which quotas cannot hold together: the least total relaxation that would allow a panel."""
    bornes = {(c, v): b for c, vals in p.quotas.bornes.items() for v, b in vals.items()}
    details: list[Morceau] = []
    blocages: list[Blocage] = []
    for categorie, valeur, manque, exces in relachements(p) or []:
        lo, hi = bornes[(categorie, valeur)]
        if manque:
            details.append(
                Morceau(
                    "%(categorie)s = %(valeur)s (minimum %(minimum)s) : %(ecart)s de moins",
                    categorie=categorie,
                    valeur=valeur,
                    minimum=lo,
                    ecart=manque,
                )
            )
            blocages.append(Blocage(categorie, valeur, "min", manque))
        if exces:
            details.append(
                Morceau(
                    "%(categorie)s = %(valeur)s (maximum %(maximum)s) : %(ecart)s de plus",
                    categorie=categorie,
                    valeur=valeur,
                    maximum=hi,
                    ecart=exces,
                )
            )
            blocages.append(Blocage(categorie, valeur, "max", exces))
    if not details:
        return QuotasInfaisables(
            "Les quotas ne peuvent pas être respectés ensemble avec ce vivier. Le plus petit "
            "assouplissement possible serait : aucune combinaison ne convient.",
            tuple(blocages),
        )
    return QuotasInfaisables(
        "Les quotas ne peuvent pas être respectés ensemble avec ce vivier. Le plus petit "
        "assouplissement possible serait : %(assouplissements)s.",
        tuple(blocages),
        assouplissements=Morceaux(details),
    )


def assouplir(
    vivier: Sequence[Candidat], quotas: Quotas, priorites: Mapping[str, float] | None = None
) -> Quotas:
    """The quotas, relaxed as little as possible (weighted by `priorites`) so that a panel
    exists; unchanged when one already does. The size must not exceed the pool."""
    assert 1 <= quotas.taille <= len(vivier), "a panel larger than the pool cannot be relaxed"
    p = probleme(vivier, quotas)
    ecarts = relachements(p, priorites)
    assert ecarts is not None, "with a size within the pool, relaxing the quotas allows a panel"
    bornes = {c: dict(vals) for c, vals in quotas.bornes.items()}
    for categorie, valeur, manque, exces in ecarts:
        lo, hi = bornes[categorie][valeur]
        bornes[categorie][valeur] = (max(0, lo - manque), hi + exces)
    return Quotas(quotas.taille, bornes)


def leximin(p: Probleme) -> Distribution:
    """The LEXIMIN distribution: maximise the least probability, then the next, and so on."""
    n = len(p.types)
    effectifs = p.effectifs
    quotas = [(lo, hi, ligne) for _, _, lo, hi, ligne in p.lignes_de_quotas()]
    tarification = Tarification(effectifs, p.quotas.taille, quotas)
    maitre = Maitre(effectifs)
    for colonne in _colonnes_initiales(p, tarification):
        maitre.ajouter(colonne)
    fixes: set[int] = set()
    while True:
        solution = _etape(maitre, tarification)
        libres = [t for t in range(n) if t not in fixes]
        # a positive dual: this type is at z in every optimum of the stage, so it stays there
        nouveaux = [t for t in libres if solution.duals[t] > 1e-7] or libres[:1]
        for t in nouveaux:
            fixes.add(t)
            maitre.fixer(t, solution.z)
        if len(fixes) == n:
            break
    support = [j for j, w in enumerate(solution.poids) if w > TOLERANCE]
    poids = solution.poids[support] / solution.poids[support].sum()
    compositions = tuple(maitre.colonnes[j] for j in support)
    probabilites = (poids @ np.array(compositions, dtype=float)) / effectifs
    return Distribution(
        compositions,
        tuple(float(w) for w in poids),
        tuple(float(v) for v in probabilites),
    )


def _colonnes_initiales(p: Probleme, tarification: Tarification) -> list[Composition]:
    """A feasible composition, then more until every type that can sit on a panel is on one:
    otherwise the first rounds of column generation only discover the missing types, each
    with a stage LP solve."""
    colonnes = [diagnostiquer(p, tarification)]
    couverts = np.array(colonnes[0]) > 0
    while not couverts.all():
        colonne = tarification.meilleure(np.where(couverts, 0.0, 1.0 / p.effectifs), 0.0)
        if colonne is None or not np.any(np.array(colonne)[~couverts] > 0):
            break  # the types left cannot sit on any panel
        colonnes.append(colonne)
        couverts |= np.array(colonne) > 0
    return colonnes


def _etape(maitre: Maitre, tarification: Tarification) -> Solution:
    """One LEXIMIN stage: add the best-priced composition while its reduced cost is positive.

    It stops only when pricing proves that no composition has a positive reduced cost (the LP
    relaxation's bound, or the integer program when that relaxation is fractional), so the
    stage's optimum and duals are those over all compositions.
    """
    connues = set(maitre.colonnes)
    while True:
        solution = maitre.resoudre()
        nouvelle = tarification.meilleure(solution.duals / maitre.effectifs, -solution.mu + 1e-9)
        if nouvelle is None or nouvelle in connues:  # known: positive only by rounding error
            return solution
        connues.add(nouvelle)
        maitre.ajouter(nouvelle)
