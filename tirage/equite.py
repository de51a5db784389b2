"""Fairness: the LEXIMIN distribution over panels, solved over feature types.

Candidates with the same constrained features are interchangeable, so a panel is described by
its composition `x` (how many people of each type) and a type's probability is E[x_t] / c_t.
LEXIMIN maximises the smallest probability, then the next, and so on (Flanigan, Kehne &
Procaccia); each stage is a linear program over compositions, grown by column generation whose
pricing step is a small integer program. Both are solved by HiGHS, through SciPy.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from tirage.erreurs import QuotasInfaisables
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


def _contraintes(p: Probleme) -> list[LinearConstraint]:
    n = len(p.types)
    contraintes = [LinearConstraint(np.ones((1, n)), p.quotas.taille, p.quotas.taille)]
    for _, _, lo, hi, ligne in p.lignes_de_quotas():
        contraintes.append(LinearConstraint(ligne.reshape(1, n), lo, hi))
    return contraintes


def meilleure_composition(
    p: Probleme, poids: np.ndarray, contraintes: list[LinearConstraint] | None = None
) -> Composition | None:
    """The feasible composition maximising sum(poids * x); None if the quotas are infeasible."""
    n = len(p.types)
    resultat = milp(
        c=-poids,
        constraints=contraintes if contraintes is not None else _contraintes(p),
        integrality=np.ones(n),
        bounds=Bounds(np.zeros(n), p.effectifs),
        options={"presolve": False},
    )
    if resultat.status != 0 or resultat.x is None:
        return None
    return tuple(int(np.rint(v)) for v in resultat.x)


def diagnostiquer(p: Probleme) -> Composition:
    """A feasible composition; or `QuotasInfaisables` naming the quota and the numbers."""
    taille = p.quotas.taille
    lignes = p.lignes_de_quotas()
    for categorie, valeur, lo, _, ligne in lignes:
        disponibles = int(ligne @ p.effectifs)
        if lo > disponibles:
            raise QuotasInfaisables(
                f"Quota {categorie} = {valeur} : au moins {lo} personnes demandées, mais le vivier "
                f"n'en compte que {disponibles}."
            )
    for i, categorie in enumerate(p.categories):
        bornes = p.quotas.bornes[categorie]
        minimum = sum(lo for lo, _ in bornes.values())
        if minimum > taille:
            raise QuotasInfaisables(
                f"Quotas {categorie} : la somme des minimums ({minimum}) dépasse la taille du "
                f"panel ({taille})."
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
                f"Quotas {categorie} : au plus {maximum} personnes peuvent être retenues, moins "
                f"que la taille du panel ({taille})."
            )
    composition = meilleure_composition(p, np.zeros(len(p.types)))
    if composition is not None:
        return composition
    raise QuotasInfaisables(_conflit(p, lignes))


def _conflit(p: Probleme, lignes: list[tuple[str, str, int, int, np.ndarray]]) -> str:
    """Which quotas cannot hold together: the least total relaxation that would allow a panel."""
    n, q = len(p.types), len(lignes)
    # variables: x (n), manque (q), exces (q); minimise manque + exces
    cout = np.concatenate([np.zeros(n), np.ones(2 * q)])
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
    details = []
    if resultat.x is not None:
        for k, (categorie, valeur, lo, hi, _) in enumerate(lignes):
            manque, exces = resultat.x[n + k], resultat.x[n + q + k]
            if manque > 0.5:
                details.append(f"{categorie} = {valeur} (minimum {lo}) : {round(manque)} de moins")
            if exces > 0.5:
                details.append(f"{categorie} = {valeur} (maximum {hi}) : {round(exces)} de plus")
    precision = " ; ".join(details) if details else "aucune combinaison ne convient"
    return (
        "Les quotas ne peuvent pas être respectés ensemble avec ce vivier. Le plus petit "
        f"assouplissement possible serait : {precision}."
    )


def leximin(p: Probleme) -> Distribution:
    """The LEXIMIN distribution: maximise the least probability, then the next, and so on."""
    colonnes: list[Composition] = [diagnostiquer(p)]
    n = len(p.types)
    effectifs = p.effectifs
    contraintes = _contraintes(p)
    fixes: dict[int, float] = {}
    while True:
        z, lambdas, duals = _etape(p, colonnes, fixes, effectifs, contraintes)
        libres = [t for t in range(n) if t not in fixes]
        nouveaux = [t for t in libres if duals[t] > 1e-7] or libres[:1]
        for t in nouveaux:
            fixes[t] = z
        if len(fixes) == n:
            break
    support = [j for j, w in enumerate(lambdas) if w > TOLERANCE]
    poids = np.array([lambdas[j] for j in support])
    poids = poids / poids.sum()
    compositions = tuple(colonnes[j] for j in support)
    matrice = np.array(compositions, dtype=float)
    probabilites = (poids @ matrice) / effectifs
    return Distribution(
        compositions,
        tuple(float(w) for w in poids),
        tuple(float(v) for v in probabilites),
    )


def _etape(
    p: Probleme,
    colonnes: list[Composition],
    fixes: dict[int, float],
    effectifs: np.ndarray,
    contraintes: list[LinearConstraint],
) -> tuple[float, list[float], np.ndarray]:
    """One LEXIMIN stage: maximise the least probability of the types not yet fixed."""
    n = len(p.types)
    while True:
        j = len(colonnes)
        matrice = np.array(colonnes, dtype=float).T / effectifs[:, None]  # n x j
        # variables: lambda (j), z; minimise -z
        cout = np.concatenate([np.zeros(j), [-1.0]])
        a_ub = np.zeros((n, j + 1))
        b_ub = np.zeros(n)
        for t in range(n):
            a_ub[t, :j] = -matrice[t]
            if t in fixes:
                b_ub[t] = -(fixes[t] - 1e-9)
            else:
                a_ub[t, j] = 1.0
        a_eq = np.concatenate([np.ones(j), [0.0]]).reshape(1, -1)
        resultat = linprog(
            cout,
            A_ub=a_ub,
            b_ub=b_ub,
            A_eq=a_eq,
            b_eq=[1.0],
            bounds=[(0, None)] * j + [(0, 1)],
            method="highs",
        )
        assert resultat.status == 0, f"LEXIMIN stage LP failed: {resultat.message}"
        duals = -np.asarray(resultat.ineqlin.marginals)
        mu = float(resultat.eqlin.marginals[0])
        nouvelle = meilleure_composition(p, duals / effectifs, contraintes)
        assert nouvelle is not None
        valeur = float(np.dot(duals / effectifs, nouvelle))
        if valeur <= -mu + 1e-9 or nouvelle in colonnes:
            return float(resultat.x[-1]), [float(v) for v in resultat.x[:j]], duals
        colonnes.append(nouvelle)
