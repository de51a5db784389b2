"""A batch of read-model writes, sent set-based: one `executemany` per statement and batch.

Handlers build no SQL per event: each module prepares its statements once (with bound
parameters) and hands the lot one parameter set per event. The lot groups the parameter sets
by statement and sends each group once, which turns a batch of a thousand events into a few
dozen round trips instead of thousands (most of a rebuild's time was per-statement overhead).

Grouping moves a write earlier, past the writes of other statements queued after its group,
so it is only done where that cannot change the result: two statements commute unless one
writes what the other reads or writes, column by column (`_portee`). Adding new rows to a
table commutes with adding other new rows to it, not with anything that reads or changes
that table's rows. A statement whose group has a conflicting one after it opens a new group
at the end; a read, or a statement the lot cannot analyse, sends everything pending first.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any, cast

from sqlalchemy import Column, Connection, CursorResult, Dialect, Executable, Table
from sqlalchemy.sql import visitors
from sqlalchemy.sql.dml import Delete, Insert, Update, UpdateBase
from sqlalchemy.sql.util import find_tables

NOUVELLES_LIGNES = "+"  # an insert: new rows, never read before
TOUT = "*"  # every column of every row


@dataclass
class _Groupe:
    instruction: UpdateBase
    cles: tuple[str, ...]
    parametres: list[dict[str, Any]] = field(default_factory=list)
    par_cle: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)  # merged rows


class Lot:
    def __init__(self, connexion: Connection) -> None:
        self.connexion = connexion
        self.position = 0  # of the event being handled, for rows keyed by it
        self.memoire: dict[str, Any] = {}  # what a handler looked up once for the batch
        self._groupes: list[_Groupe] = []
        self._ouverts: dict[tuple[Executable, tuple[str, ...]], _Groupe] = {}  # may still grow

    def ecrire(self, instruction: Executable, **parametres: Any) -> None:
        groupe = self._groupe(instruction, parametres)
        if groupe is not None:
            groupe.parametres.append(parametres)

    def cumuler(self, instruction: Executable, champ: str, **parametres: Any) -> None:
        """A counter's change (`champ` is the amount): changes of one row in a batch are
        summed into one, since additions commute."""
        self._fusionner(instruction, champ, parametres, lambda avant, apres: avant + apres)

    def remplacer(self, instruction: Executable, champ: str, **parametres: Any) -> None:
        """A value that each change overwrites (a version): one row per key in a batch, with
        the last value."""
        self._fusionner(instruction, champ, parametres, lambda _avant, apres: apres)

    def _fusionner(
        self,
        instruction: Executable,
        champ: str,
        parametres: dict[str, Any],
        combiner: Callable[[Any, Any], Any],
    ) -> None:
        groupe = self._groupe(instruction, parametres)
        if groupe is None:
            return
        cle = tuple(v for k, v in parametres.items() if k != champ)
        deja = groupe.par_cle.get(cle)
        if deja is None:
            groupe.par_cle[cle] = parametres
            groupe.parametres.append(parametres)
        else:
            deja[champ] = combiner(deja[champ], parametres[champ])

    def _groupe(self, instruction: Executable, parametres: dict[str, Any]) -> "_Groupe | None":
        """The group this write joins (None: it was sent at once, being unanalysable)."""
        cle = (instruction, tuple(parametres))  # a statement is compiled for the keys it gets
        groupe = self._ouverts.get(cle)
        if groupe is None:
            if _portee(instruction) is None:
                self.envoyer()
                self.connexion.execute(instruction, parametres)
                return None
            for autre in [c for c in self._ouverts if _en_conflit(instruction, c[0])]:
                del self._ouverts[autre]  # its group now has to stay before this one
            groupe = self._ouverts[cle] = _Groupe(cast(UpdateBase, instruction), cle[1])
            self._groupes.append(groupe)
        return groupe

    def lire(self, instruction: Executable, **parametres: Any) -> CursorResult[Any]:
        self.envoyer()
        return self.connexion.execute(instruction, parametres)

    def envoyer(self) -> None:
        dialecte = self.connexion.dialect
        schemas = self.connexion.get_execution_options().get("schema_translate_map")
        traduction = tuple(sorted(schemas.items(), key=str)) if schemas else ()
        for groupe in self._groupes:
            envoi = _envoi(groupe.instruction, dialecte, groupe.cles, traduction)
            self.connexion.exec_driver_sql(envoi.sql, [envoi.ligne(p) for p in groupe.parametres])
        self._groupes.clear()
        self._ouverts.clear()


@dataclass
class _Envoi:
    """A statement compiled once for a dialect and the keys its handler passes, sent with
    the driver's own `executemany`: SQLAlchemy's per-row work (building and checking each
    parameter set) was most of a rebuild's time. Values go through the same type processors
    SQLAlchemy would apply, and parameters left out take their bound default."""

    sql: str
    noms: tuple[str, ...]
    processeurs: tuple[Any, ...]
    defauts: dict[str, Any]
    positionnel: bool

    def ligne(self, parametres: dict[str, Any]) -> Any:
        valeurs = list(map({**self.defauts, **parametres}.__getitem__, self.noms))
        for i, processeur in self.a_traiter:
            valeurs[i] = processeur(valeurs[i])
        return tuple(valeurs) if self.positionnel else dict(zip(self.noms, valeurs, strict=True))

    @cached_property
    def a_traiter(self) -> list[tuple[int, Any]]:
        """The positions whose values a type processor converts."""
        return [(i, p) for i, p in enumerate(self.processeurs) if p is not None]


@lru_cache(maxsize=1024)
def _envoi(
    instruction: UpdateBase,
    dialecte: Dialect,
    cles: tuple[str, ...],
    traduction: tuple[tuple[str | None, str | None], ...],
) -> _Envoi:
    """`traduction`: the connection's `schema_translate_map` (a check rebuilds elsewhere)."""
    compile = instruction.compile(
        dialect=dialecte,
        column_keys=list(cles),
        schema_translate_map=dict(traduction) or None,
        render_schema_translate=bool(traduction),
    )
    par_nom = {nom: parametre for parametre, nom in compile.bind_names.items()}
    positions = compile.positiontup
    noms = tuple(positions) if positions is not None else tuple(par_nom)
    return _Envoi(
        sql=str(compile),
        noms=noms,
        processeurs=tuple(
            par_nom[n].type.dialect_impl(dialecte).bind_processor(dialecte) for n in noms
        ),
        defauts={n: par_nom[n].effective_value for n in noms if not par_nom[n].required},
        positionnel=positions is not None,
    )


Cellules = frozenset[tuple[str, str]]  # (table, column | NOUVELLES_LIGNES | TOUT)


@dataclass(frozen=True)
class _Portee:
    ecrit: Cellules
    lit: Cellules


@cache
def _portee(instruction: Executable) -> _Portee | None:
    """What a write statement reads and changes, or None if it is not a plain insert, update
    or delete of one table (then the lot never moves it)."""
    if not isinstance(instruction, Insert | Update | Delete) or not isinstance(
        instruction.table, Table
    ):
        return None
    cible = instruction.table
    lit = {(t.name, TOUT) for t in find_tables(instruction, include_crud=True) if t is not cible}
    lit |= {(t.name, TOUT) for t in _voisines(cible)}
    if isinstance(instruction, Insert):
        ecrit = {(cible.name, NOUVELLES_LIGNES)}
        if instruction.select is not None:
            lit |= _colonnes(instruction.select)
        return _Portee(frozenset(ecrit), frozenset(lit))
    lit |= _colonnes(instruction.whereclause)
    if isinstance(instruction, Delete):
        return _Portee(frozenset({(cible.name, TOUT)}), frozenset(lit))
    ecrit = set()
    for cle, valeur in (instruction._values or {}).items():
        nom = cle.name if isinstance(cle, Column) else str(cle)
        ecrit.add((cible.name, nom))
        lit |= _colonnes(valeur)
    return _Portee(frozenset(ecrit or {(cible.name, TOUT)}), frozenset(lit))


def _colonnes(expression: Any) -> set[tuple[str, str]]:
    if expression is None:
        return set()
    return {
        (e.table.name, e.name)
        for e in visitors.iterate(expression)
        if isinstance(e, Column) and isinstance(e.table, Table)
    }


def _voisines(table: Table) -> set[Table]:
    """Tables tied to `table` by a foreign key, either way (an insert checks the row it
    references; a delete, the rows referencing it)."""
    voisines = {cle.column.table for cle in table.foreign_keys}
    for autre in table.metadata.tables.values():
        if any(cle.column.table is table for cle in autre.foreign_keys):
            voisines.add(autre)
    return {t for t in voisines if isinstance(t, Table)}


@cache
def _en_conflit(a: Executable, b: Executable) -> bool:
    pa, pb = _portee(a), _portee(b)
    if pa is None or pb is None:
        return True
    return _touche(pa.ecrit, pb.ecrit | pb.lit) or _touche(pb.ecrit, pa.lit)


def _touche(ecrites: Cellules, autres: Cellules) -> bool:
    for table, colonne in ecrites:
        for table_b, colonne_b in autres:
            if table != table_b:
                continue
            if colonne == colonne_b == NOUVELLES_LIGNES:
                continue  # adding rows commutes with adding rows
            if TOUT in (colonne, colonne_b) or NOUVELLES_LIGNES in (colonne, colonne_b):
                return True
            if colonne == colonne_b:
                return True
    return False
