"""The two linear programs of the LEXIMIN column generation, each one HiGHS model kept warm.

Rebuilding a model per solve cost more than solving it: the models are built once per problem
and only changed (new columns, fixed rows, new objective), so HiGHS restarts from its last basis.
"""

from dataclasses import dataclass

import highspy
import numpy as np
from highspy._core import _Highs

INFINI = highspy.kHighsInf
ENTIER = 1e-9
"""How far from an integer an LP value may be and still count as that integer."""
MARGE = 1e-9
"""How far below its stage's optimum a fixed type's row is set, so that optimum stays feasible."""
Quota = tuple[int, int, np.ndarray]
"""(min, max, 0/1 row over types)."""


def _highs() -> _Highs:
    """A silent model. The bare binding, not `highspy.Highs`: that wrapper prints a banner on
    standard output when created (the CLI writes JSON there) and installs Python callbacks."""
    h = _Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("presolve", "off")  # tiny models, solved again and again from a basis
    # primal simplex: a new column or a new objective leaves the last basis primal feasible
    h.setOptionValue("simplex_strategy", 4)
    # One thread whatever the machine, so that the integer program's answer cannot depend on
    # the number of cores; it also spares HiGHS counting the cores again at every solve.
    h.setOptionValue("threads", 1)
    return h


OPTIMAL = highspy.HighsModelStatus.kOptimal
CONCLUANTS = (
    OPTIMAL,
    highspy.HighsModelStatus.kInfeasible,
    highspy.HighsModelStatus.kUnboundedOrInfeasible,  # every variable is bounded: infeasible
)


def _optimum(h: _Highs) -> bool:
    """Solve; True if optimal, False if infeasible. A warm start can stall (HiGHS then answers
    "Unknown"): the model is then solved again from scratch; on some tiny degenerate models
    the primal simplex stalls from scratch too, and the dual simplex with presolve answers.
    Anything else is a bug, not an answer: in particular HiGHS refuses to run when its thread
    pool has another size."""
    statut = _lancer(h)
    if statut not in CONCLUANTS:
        h.clearSolver()  # forget the basis
        statut = _lancer(h)
    if statut not in CONCLUANTS:
        statut = _autrement(h)
    if statut not in CONCLUANTS:
        raise RuntimeError(f"HiGHS: unexpected status {h.modelStatusToString(statut)}")
    return statut == OPTIMAL


def _autrement(h: _Highs) -> highspy.HighsModelStatus:
    """The last resort, from scratch: presolve and the dual simplex; then the usual options."""
    h.setOptionValue("presolve", "on")
    h.setOptionValue("simplex_strategy", 1)
    h.clearSolver()
    try:
        return _lancer(h)
    finally:
        h.setOptionValue("presolve", "off")
        h.setOptionValue("simplex_strategy", 4)


def _lancer(h: _Highs) -> highspy.HighsModelStatus:
    if h.run() == highspy.HighsStatus.kError:
        raise RuntimeError("HiGHS refused to solve (thread pool set up with other options?)")
    return h.getModelStatus()


class Tarification:
    """Pricing: the feasible composition of greatest weight, for weights that change each round.

    The LP relaxation is solved first: it is cheap, its bound is valid for integer compositions
    (no composition can beat it), and its optimum is usually integral, hence optimal. Only when
    it is fractional and above the threshold is the integer program solved.
    """

    def __init__(self, effectifs: np.ndarray, taille: int, quotas: list[Quota]) -> None:
        self.n = len(effectifs)
        self.indices = np.arange(self.n, dtype=np.int32)
        self.relaxation = self._modele(effectifs, taille, quotas)
        self.entier = self._modele(effectifs, taille, quotas)
        self.entier.changeColsIntegrality(
            self.n, self.indices, np.full(self.n, highspy.HighsVarType.kInteger)
        )
        self.entier.setOptionValue("mip_rel_gap", 0.0)  # exact: the default stops at 1e-4
        # feasibility jump costs a few ms per solve and is of no use on models this small
        self.entier.setOptionValue("mip_heuristic_run_feasibility_jump", False)

    def _modele(self, effectifs: np.ndarray, taille: int, quotas: list[Quota]) -> _Highs:
        h = _highs()
        h.addVars(self.n, np.zeros(self.n), effectifs)
        h.addRow(taille, taille, self.n, self.indices, np.ones(self.n))
        for bas, haut, ligne in quotas:
            membres = np.flatnonzero(ligne).astype(np.int32)
            h.addRow(bas, haut, len(membres), membres, np.ones(len(membres)))
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        return h

    def _resoudre(self, h: _Highs, poids: np.ndarray) -> tuple[np.ndarray, float] | None:
        h.changeColsCost(self.n, self.indices, poids)
        if not _optimum(h):
            return None
        return np.array(h.getSolution().col_value), h.getObjectiveValue()

    def meilleure(self, poids: np.ndarray, seuil: float = -INFINI) -> tuple[int, ...] | None:
        """A composition of greatest weight if that weight exceeds `seuil`; else None (also
        when the quotas admit no composition at all)."""
        relachee = self._resoudre(self.relaxation, poids)
        if relachee is None or relachee[1] <= seuil:
            return None
        x = relachee[0]
        if np.max(np.abs(x - np.rint(x))) > ENTIER:
            entiere = self._resoudre(self.entier, poids)
            if entiere is None or entiere[1] <= seuil:
                return None
            x = entiere[0]
        return tuple(int(v) for v in np.rint(x))


@dataclass(frozen=True)
class Solution:
    """A stage LP optimum: the least free probability z, the weights of the columns, the type
    rows' duals (>= 0, summing to 1 over the free types) and the dual mu of sum(weights) = 1.
    A composition x would improve the stage iff sum_t duals_t x_t / c_t > -mu."""

    z: float
    poids: np.ndarray
    duals: np.ndarray
    mu: float


class Maitre:
    """The stage LP over the compositions found so far (columns):

    maximise z  s.t.  sum_j w_j x_jt / c_t >= z  for every free type t,
                      sum_j w_j x_jt / c_t >= f_t  for every type t fixed at f_t,
                      sum_j w_j = 1,  w >= 0,  0 <= z <= 1.

    Between stages a type is fixed by changing its row, not by building a new LP.
    """

    def __init__(self, effectifs: np.ndarray) -> None:
        self.n = len(effectifs)
        self.effectifs = effectifs
        self.colonnes: list[tuple[int, ...]] = []
        h = _highs()
        h.addVar(0.0, 1.0)  # z, column 0
        h.changeColCost(0, -1.0)  # minimise -z
        z = np.array([0], dtype=np.int32)
        for _ in range(self.n):
            h.addRow(0.0, INFINI, 1, z, np.array([-1.0]))
        h.addRow(1.0, 1.0, 0, np.array([], dtype=np.int32), np.array([]))
        self.h = h

    def ajouter(self, colonne: tuple[int, ...]) -> None:
        x = np.array(colonne, dtype=float)
        types = np.flatnonzero(x)
        lignes = np.append(types, self.n).astype(np.int32)
        valeurs = np.append(x[types] / self.effectifs[types], 1.0)
        self.h.addCol(0.0, 0.0, INFINI, len(lignes), lignes, valeurs)
        self.colonnes.append(colonne)

    def fixer(self, t: int, valeur: float) -> None:
        self.h.changeCoeff(t, 0, 0.0)
        self.h.changeRowBounds(t, valeur - MARGE, INFINI)

    def resoudre(self) -> Solution:
        optimal = _optimum(self.h)
        assert optimal, "a stage LP is always feasible: the last optimum still meets it"
        solution = self.h.getSolution()
        valeurs, duals = np.array(solution.col_value), np.array(solution.row_dual)
        return Solution(float(valeurs[0]), valeurs[1:], duals[: self.n], float(duals[self.n]))
