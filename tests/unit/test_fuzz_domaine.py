"""Every domain command, fed arbitrary text, numbers and dates (issue 6): it either succeeds and
its new events, once stored and read back, rebuild the same aggregate, or it raises a domain
error (`ErreurParticipation`, a French message) and leaves the aggregate exactly as it was.
Any other exception is a bug. A completeness test names any command without a fuzz case."""

import copy
import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    Mapper,
    UUIDAsHex,
)
from hypothesis import given
from hypothesis import strategies as st

import domaine
from domaine.erreurs import ErreurParticipation
from domaine.textes import CONTROLES
from stockage.registre import DateAsISO
from tests.unit.fuzz.commandes import CAS


def _mapper() -> Mapper[Any]:
    """The event store's transcoding, without a database: what is saved is what is read."""
    transcodeur = JSONTranscoder()
    for transcodage in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO(), DateAsISO()):
        transcodeur.register(transcodage)
    return Mapper(transcoder=transcodeur)


MAPPER = _mapper()


def _etat(agregat: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(agregat).items() if k != "_pending_events"}


def _relu(evenements: list[Any]) -> Any:
    agregat = None
    for evenement in evenements:
        stocke = MAPPER.to_stored_event(evenement)
        agregat = MAPPER.to_domain_event(stocke).mutate(agregat)
    return agregat


ENTIER_MAX = 2**31 - 1
"""What the read models' INTEGER columns hold on PostgreSQL."""
PREMIER_JOUR = date(2014, 1, 1)
"""The law creating the conseils citoyens (21 February 2014): no fact of theirs is older."""
DERNIER_JOUR = date(2100, 1, 1)


def _valeurs(valeur: Any) -> Iterator[Any]:
    if isinstance(valeur, dict):
        for k, v in valeur.items():
            yield from _valeurs(k)
            yield from _valeurs(v)
    elif isinstance(valeur, (list, tuple, set, frozenset)):
        for v in valeur:
            yield from _valeurs(v)
    else:
        yield valeur


def verifier_charge(evenement: Any) -> None:
    """What a valid input may put in an event: no control character (PostgreSQL text refuses
    NUL, terminals obey escapes), integers
    that fit a column, aware instants and days within the councils' lifetime."""
    charge = {k: v for k, v in vars(evenement).items() if k not in ("originator_id",)}
    if type(evenement).__name__ == "Annonce":
        charge.pop("annonce")  # the lottery's own canonical document, checked by its engagement
    for valeur in _valeurs(charge):
        nom = type(evenement).__qualname__
        if isinstance(valeur, str):
            assert not CONTROLES.search(valeur), f"{nom}: control character in {valeur!r}"
            assert len(valeur) <= 100_000, f"{nom}: text of {len(valeur)} characters"
        elif isinstance(valeur, bool):
            pass
        elif isinstance(valeur, int):
            assert 0 <= valeur <= ENTIER_MAX, f"{nom}: integer {valeur} out of range"
        elif isinstance(valeur, datetime):
            assert valeur.tzinfo is not None, f"{nom}: naive datetime {valeur!r}"
            assert PREMIER_JOUR <= valeur.date() < DERNIER_JOUR, f"{nom}: instant {valeur}"
        elif isinstance(valeur, date):
            assert PREMIER_JOUR <= valeur < DERNIER_JOUR, f"{nom}: day {valeur}"


def verifier(agregat: Any, passe: list[Any], appel: Any) -> None:
    avant = copy.deepcopy(_etat(agregat)) if agregat is not None else None
    try:
        resultat = appel()
    except ErreurParticipation as erreur:
        assert isinstance(erreur.message, str) and erreur.message.strip()
        if agregat is not None:
            assert agregat.collect_events() == [], "a refused command left an event to save"
            assert _etat(agregat) == avant, "a refused command changed the aggregate"
        return
    cible = agregat if agregat is not None else resultat
    assert isinstance(cible, Aggregate)
    nouveaux = cible.collect_events()
    for evenement in nouveaux:
        verifier_charge(evenement)
    relu = _relu([*passe, *nouveaux])
    if nouveaux:
        assert _etat(relu) == _etat(cible), "the stored events do not rebuild the same state"


def _commande_id(cle: tuple[type, str]) -> str:
    return f"{cle[0].__name__}.{cle[1]}"


@pytest.mark.parametrize("cle", sorted(CAS, key=_commande_id), ids=_commande_id)
@given(data=st.data())
def test_une_commande_ne_plante_jamais_et_n_enregistre_rien_si_elle_refuse(
    cle: tuple[type, str], data: st.DataObject
) -> None:
    agregat, passe, appel = CAS[cle](data)
    verifier(agregat, passe, appel)


# --- completeness ----------------------------------------------------------------------------

ENREGISTRE = re.compile(r"\b(trigger_event|_create)\(")


def _agregats() -> list[type]:
    classes = set()
    for module in pkgutil.iter_modules(domaine.__path__):
        m = importlib.import_module(f"domaine.{module.name}")
        for _, valeur in inspect.getmembers(m, inspect.isclass):
            if issubclass(valeur, Aggregate) and valeur.__module__ == m.__name__:
                classes.add(valeur)
    return sorted(classes, key=lambda c: c.__name__)


def commandes_du_domaine() -> set[tuple[type, str]]:
    """Public methods that record events, directly or through another command."""
    trouvees: set[tuple[type, str]] = set()
    for classe in _agregats():
        methodes = {
            nom: inspect.getsource(getattr(classe, nom))
            for nom, valeur in vars(classe).items()
            if (not nom.startswith("_") and isinstance(valeur, (classmethod, staticmethod)))
            or (not nom.startswith("_") and inspect.isfunction(valeur))
        }
        noms = {n for n, source in methodes.items() if ENREGISTRE.search(source)}
        while True:
            appelants = {
                n
                for n, source in methodes.items()
                if any(re.search(rf"\.{autre}\(", source) for autre in noms)
            }
            if appelants <= noms:
                break
            noms |= appelants
        trouvees |= {(classe, n) for n in noms}
    return trouvees


def test_chaque_commande_du_domaine_a_un_cas_de_fuzz() -> None:
    commandes = commandes_du_domaine()
    assert len(commandes) > 50, "the introspection no longer finds the commands"
    sans_cas = sorted(_commande_id(c) for c in commandes - set(CAS))
    assert not sans_cas, f"commands without a fuzz case in tests/unit/fuzz/commandes.py: {sans_cas}"
    orphelins = sorted(_commande_id(c) for c in set(CAS) - commandes)
    assert not orphelins, f"fuzz cases of methods that are not commands: {orphelins}"
