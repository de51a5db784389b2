"""A small explicit codec for the state of aggregates: compressed JSON, each value that JSON
cannot hold tagged by its type, restored as `eventsourcing` restores a snapshot (an empty
object of the class given its attributes, no `__init__`).

Never pickle: what a database row holds must not become code. A class is named by its
`module:qualname` and resolved only among the classes the `domaine` package has already loaded,
and only if it is an aggregate, a dataclass or an enumeration: nothing is imported or called
but `object.__new__` (enumerations: a lookup of their members by value).

Built for speed, as a council of ten years holds tens of thousands of ids:
- each distinct UUID is stored once, in a table of 16-byte values ahead of the JSON, and
  referred to by its index (a member's id recurs in every attendance list);
- aggregates are stored by column: those of one class (and the same attributes) form a group,
  each attribute one column, so that a column of UUIDs, instants, members of one enumeration
  or instances of one dataclass is decoded in one go instead of value by value.

Content (before compression): the number of UUIDs (4 bytes, big-endian), the UUIDs, then the
JSON document `[order, groups]`, where `order` gives the group of each aggregate in turn, so
that they come back in the order they were given. JSON tags (one key per object; a column of
plain JSON values is a plain list):
- columns: `U` UUIDs, `T` instants, `E` members of one enumeration, `C` instances of one
  dataclass (by column, recursively), `L` lists, tuples, sets or frozensets (the length of
  each, and all their elements as one column), `V` any values;
- values: `u` UUID, `dt` instant, `d` date, `t` tuple, `s` set, `f` frozenset (`su`, `fu`: of
  UUIDs only), `m` dict (pairs, keys of any type), `e` enumeration member, `c` dataclass
  instance (its fields' values in order);
- `g` a group of aggregates: class, count, attribute names, one column per attribute.
"""

import dataclasses
import json
import sys
import zlib
from collections.abc import Callable, Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID, SafeUUID

from eventsourcing.domain import Aggregate

PAQUET = "domaine"
"""The only package whose classes a stored state may name."""
PRIMITIFS = (str, int, bool, float, type(None))
CONTENEURS: dict[type, str] = {list: "l", tuple: "t", set: "s", frozenset: "f"}
OCTETS_DU_COMPTE = 4


class EtatIllisible(ValueError):
    """A stored state names a class this codec does not restore, or is malformed."""


def encoder(agregats: Iterable[Any]) -> bytes:
    """The aggregates, in this order (their dict keeps that order when decoded)."""
    return _Encodeur().document(agregats)


def decoder(contenu: bytes) -> dict[Any, Any]:
    """The aggregates by id, in the order they were encoded."""
    try:
        brut = zlib.decompress(contenu)
        nombre = int.from_bytes(brut[:OCTETS_DU_COMPTE], "big")
        debut = OCTETS_DU_COMPTE + 16 * nombre
        if len(brut) < debut:
            raise EtatIllisible("a truncated table of UUIDs")
        decodeur = _Decodeur(_uuids(brut[OCTETS_DU_COMPTE:debut]))
        ordre, groupes = json.loads(brut[debut:], object_hook=decodeur.objet)
        suites = [iter(g) for g in groupes]
        agregats = [next(suites[i]) for i in ordre]
    except EtatIllisible:
        raise
    except (ValueError, TypeError, IndexError, KeyError, StopIteration, zlib.error) as erreur:
        raise EtatIllisible(f"malformed state: {erreur!r}") from erreur
    if not all(isinstance(a, Aggregate) for a in agregats):
        raise EtatIllisible("not a list of aggregates")
    return {a.id: a for a in agregats}


# --- encoding --------------------------------------------------------------------------------


class _Encodeur:
    def __init__(self) -> None:
        self.uuids: dict[UUID, int] = {}

    def document(self, agregats: Iterable[Any]) -> bytes:
        groupes: dict[tuple[type, tuple[str, ...]], list[dict[str, Any]]] = {}
        indices: dict[tuple[type, tuple[str, ...]], int] = {}
        ordre: list[int] = []
        for agregat in agregats:
            if not isinstance(agregat, Aggregate):
                raise TypeError(f"not an aggregate: {type(agregat).__name__}")
            attributs = dict(vars(agregat))
            if attributs.pop("_pending_events", None):
                raise ValueError("an aggregate with pending events is not a stored state")
            cle = (type(agregat), tuple(attributs))
            ordre.append(indices.setdefault(cle, len(indices)))
            groupes.setdefault(cle, []).append(attributs)
        document = [
            ordre,
            [
                {
                    "g": [
                        _nom(classe),
                        len(lignes),
                        noms,
                        [self.colonne([a[n] for a in lignes]) for n in noms],
                    ]
                }
                for (classe, noms), lignes in groupes.items()
            ],
        ]
        texte = json.dumps(document, separators=(",", ":")).encode()
        table = b"".join(u.bytes for u in self.uuids)
        compte = len(self.uuids).to_bytes(OCTETS_DU_COMPTE, "big")
        return zlib.compress(compte + table + texte, 6)

    def uuid(self, u: UUID) -> int:
        return self.uuids.setdefault(u, len(self.uuids))

    def colonne(self, valeurs: list[Any]) -> Any:
        types = {type(v) for v in valeurs}
        if len(types) == 1:
            (t,) = types
            if t in PRIMITIFS:
                return valeurs
            if t is UUID:
                return {"U": [self.uuid(v) for v in valeurs]}
            if t is datetime:
                return {"T": [v.isoformat() for v in valeurs]}
            if issubclass(t, Enum):
                return {"E": [_nom(t), [v.value for v in valeurs]]}
            if dataclasses.is_dataclass(t) and not issubclass(t, Aggregate):
                champs = [f.name for f in dataclasses.fields(t)]
                colonnes = [self.colonne([getattr(v, c) for v in valeurs]) for c in champs]
                return {"C": [_nom(t), len(valeurs), colonnes]}
            if t in CONTENEURS:  # their elements in one column, and the length of each
                elements = [x for v in valeurs for x in v]
                return {"L": [CONTENEURS[t], [len(v) for v in valeurs], self.colonne(elements)]}
        return {"V": [self.valeur(v) for v in valeurs]}

    def valeur(self, v: Any) -> Any:
        t = type(v)
        if t is str or t is int or t is bool or t is float or v is None:
            return v
        if t is list:
            return [self.valeur(x) for x in v]
        if isinstance(v, Enum):  # before str and int: the platform's enumerations are StrEnum
            return {"e": [_nom(t), v.value]}
        if t is UUID:
            return {"u": self.uuid(v)}
        if t is datetime:
            return {"dt": v.isoformat()}
        if t is date:
            return {"d": v.isoformat()}
        if t is tuple:
            return {"t": [self.valeur(x) for x in v]}
        if t is set or t is frozenset:
            if v and all(type(x) is UUID for x in v):  # a séance's attendance
                return {"su" if t is set else "fu": sorted(self.uuid(x) for x in v)}
            return {"s" if t is set else "f": [self.valeur(x) for x in v]}
        if t is dict:
            return {"m": [[self.valeur(k), self.valeur(x)] for k, x in v.items()]}
        if dataclasses.is_dataclass(t) and not issubclass(t, Aggregate):
            champs = dataclasses.fields(t)
            return {"c": [_nom(t), [self.valeur(getattr(v, f.name)) for f in champs]]}
        raise TypeError(f"no encoding for {t.__module__}.{t.__qualname__}")


def _nom(classe: type) -> str:
    nom = _NOMS.get(classe)
    if nom is None:
        nom = f"{classe.__module__}:{classe.__qualname__}"
        if _resoudre(nom) is not classe:
            raise TypeError(f"{nom} cannot be restored by name")
        _NOMS[classe] = nom
    return nom


_NOMS: dict[type, str] = {}


# --- decoding (each class is resolved once, then looked up) ------------------------------------


def _resoudre(nom: str) -> type:
    """The class `module:qualname`, if it is an aggregate, a dataclass or an enumeration of an
    already loaded module of `domaine` (nothing is imported)."""
    module, _, chemin = nom.partition(":")
    objet: Any = sys.modules.get(module) if module.split(".")[0] == PAQUET else None
    for partie in chemin.split(".") if objet is not None and chemin else ():
        objet = vars(objet).get(partie) if partie.isidentifier() else None
        if objet is None:
            break
    if not (
        isinstance(objet, type)
        and objet.__module__ == module
        and (issubclass(objet, (Aggregate, Enum)) or dataclasses.is_dataclass(objet))
    ):
        raise EtatIllisible(f"no class {nom!r} to restore")
    return objet


_AGREGATS: dict[str, type] = {}
_DATACLASSES: dict[str, tuple[type, tuple[str, ...]]] = {}
_ENUMERATIONS: dict[str, dict[Any, Enum]] = {}
_nouveau = object.__new__
_poser = object.__setattr__
_entier = int.from_bytes


def _uuids(octets: bytes) -> list[UUID]:
    """UUIDs made as `UUID(bytes=...)` makes them, without its checks (16 bytes each)."""
    uuids: list[UUID] = []
    ajouter, nouveau, poser, entier = uuids.append, _nouveau, _poser, _entier
    inconnu = SafeUUID.unknown
    for i in range(0, len(octets), 16):
        u = nouveau(UUID)
        poser(u, "int", entier(octets[i : i + 16], "big"))
        poser(u, "is_safe", inconnu)
        ajouter(u)
    return uuids


def _classe_d_agregat(nom: str) -> type:
    classe = _AGREGATS.get(nom)
    if classe is None:
        classe = _resoudre(nom)
        if not issubclass(classe, Aggregate):
            raise EtatIllisible(f"{nom} is not an aggregate")
        _AGREGATS[nom] = classe
    return classe


def _dataclasse(nom: str) -> tuple[type, tuple[str, ...]]:
    connue = _DATACLASSES.get(nom)
    if connue is None:
        classe = _resoudre(nom)
        if issubclass(classe, (Aggregate, Enum)) or not dataclasses.is_dataclass(classe):
            raise EtatIllisible(f"{nom} is not a dataclass")
        connue = _DATACLASSES[nom] = (classe, tuple(f.name for f in dataclasses.fields(classe)))
    return connue


def _membres(nom: str) -> dict[Any, Enum]:
    membres = _ENUMERATIONS.get(nom)
    if membres is None:
        classe = _resoudre(nom)
        if not issubclass(classe, Enum):
            raise EtatIllisible(f"{nom} is not an enumeration")
        membres = _ENUMERATIONS[nom] = {m.value: m for m in classe}
    return membres


def _lignes(colonnes: list[Any], nombre: int) -> Iterable[tuple[Any, ...]]:
    if any(len(c) != nombre for c in colonnes):
        raise EtatIllisible("columns of the wrong length")
    return zip(*colonnes, strict=True) if colonnes else [()] * nombre


def _instance(classe: type, champs: tuple[str, ...], valeurs: Iterable[Any]) -> Any:
    objet: Any = _nouveau(classe)
    objet.__dict__.update(zip(champs, valeurs, strict=True))  # what the frozen __init__ sets
    return objet


class _Decodeur:
    def __init__(self, uuids: list[UUID]) -> None:
        self.table = uuids
        self.decodeurs: dict[str, Callable[[Any], Any]] = {
            "U": self.uuids,
            "T": lambda v: list(map(datetime.fromisoformat, v)),
            "E": _colonne_de_membres,
            "C": _instances,
            "V": list,
            "L": _conteneurs,
            "u": self.table.__getitem__,
            "dt": datetime.fromisoformat,
            "d": date.fromisoformat,
            "t": tuple,
            "s": set,
            "f": frozenset,
            "su": lambda v: set(self.uuids(v)),
            "fu": lambda v: frozenset(self.uuids(v)),
            "m": lambda v: {k: x for k, x in v},
            "e": _membre,
            "c": _une_instance,
            "g": _agregats,
        }

    def uuids(self, indices: list[int]) -> list[UUID]:
        """(An index out of the table, or not a number, fails: a malformed state.)"""
        return list(map(self.table.__getitem__, indices))

    def objet(self, objet: dict[str, Any]) -> Any:
        if len(objet) != 1:
            raise EtatIllisible("an untagged object")
        ((tag, valeur),) = objet.items()
        decodeur = self.decodeurs.get(tag)
        if decodeur is None:
            raise EtatIllisible(f"unknown tag {tag!r}")
        return decodeur(valeur)


def _conteneurs(valeur: list[Any]) -> list[Any]:
    genre, longueurs, elements = valeur
    if sum(longueurs) != len(elements) or min(longueurs, default=0) < 0:
        raise EtatIllisible("lengths that do not add up to the elements")
    fabrique = _FABRIQUES[genre]
    conteneurs, debut = [], 0
    for longueur in longueurs:
        fin = debut + longueur
        conteneurs.append(fabrique(elements[debut:fin]))
        debut = fin
    return conteneurs


_FABRIQUES: dict[str, Callable[[list[Any]], Any]] = {
    "l": lambda tranche: tranche,  # a slice is a new list already
    "t": tuple,
    "s": set,
    "f": frozenset,
}


def _agregats(valeur: list[Any]) -> list[Any]:
    nom, nombre, noms, colonnes = valeur
    classe = _classe_d_agregat(nom)
    if len(noms) != len(colonnes) or not all(type(n) is str for n in noms):
        raise EtatIllisible(f"{nom}: attribute names and columns do not match")
    agregats = []
    for ligne in _lignes(colonnes, nombre):
        agregat: Any = _nouveau(classe)
        agregat.__dict__.update(zip(noms, ligne, strict=True))
        agregat._pending_events = []
        agregats.append(agregat)
    return agregats


def _instances(valeur: list[Any]) -> list[Any]:
    nom, nombre, colonnes = valeur
    classe, champs = _dataclasse(nom)
    if len(colonnes) != len(champs):
        raise EtatIllisible(f"{nom}: {len(colonnes)} columns for {len(champs)} fields")
    instances = []
    for ligne in _lignes(colonnes, nombre):
        objet: Any = _nouveau(classe)
        objet.__dict__.update(zip(champs, ligne, strict=True))  # what the frozen __init__ sets
        instances.append(objet)
    return instances


def _une_instance(valeur: list[Any]) -> Any:
    nom, valeurs = valeur
    classe, champs = _dataclasse(nom)
    if len(valeurs) != len(champs):
        raise EtatIllisible(f"{nom}: {len(valeurs)} values for {len(champs)} fields")
    return _instance(classe, champs, valeurs)


def _membre(valeur: list[Any]) -> Any:
    nom, brute = valeur
    try:
        return _membres(nom)[brute]
    except (KeyError, TypeError):
        raise EtatIllisible(f"no value {brute!r} in {nom}") from None


def _colonne_de_membres(valeur: list[Any]) -> list[Any]:
    nom, brutes = valeur
    membres = _membres(nom)
    try:
        return [membres[b] for b in brutes]
    except (KeyError, TypeError):
        raise EtatIllisible(f"a value not in {nom}") from None
