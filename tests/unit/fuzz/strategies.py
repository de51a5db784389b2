"""Hypothesis strategies for what reaches a domain command from the web edge: arbitrary text
(empty, huge, control characters, unicode), numbers (negative, huge, booleans), calendar days and
instants (naive, aware, far past and future), plus the actors and ids of a small world."""

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from uuid import UUID

from hypothesis import strategies as st

from domaine.comptes import Acteur
from domaine.temps import PARIS
from domaine.vocabulaire import Role

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
"""When the world of the fuzz tests is built."""
T1 = T0 + timedelta(days=10)
"""The default time of the fuzzed command: after the world's séance has taken place."""


# Texts that broke parsers and databases elsewhere, and the lengths around every limit.
PIEGES = (
    "",
    " ",
    "\t\n",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\u202e",
    "\ufeff",
    "😀",
    "e\u0301",
    "<script>alert(1)</script>",
    "'; DROP TABLE evenements; --",
    "{{ 7*7 }}",
    "%s%n",
    "NaN",
    "-1",
    "1e400",
)
LONGUEURS = (120, 121, 200, 201, 1_000, 1_001, 2_000, 2_001, 5_000, 5_001, 20_000, 20_001, 100_001)


def textes(*valides: str) -> st.SearchStrategy[str]:
    """Any text; `valides` (the expected values of a field) are drawn about half of the time, so
    that commands with several fields also reach their success path."""
    choix: list[st.SearchStrategy[str]] = [
        st.text(),
        st.text(st.characters(max_codepoint=0x1F), max_size=4),
        st.sampled_from(PIEGES),
        st.builds(lambda c, n: c * n, st.sampled_from("aé😀 \n"), st.sampled_from(LONGUEURS)),
    ]
    if valides:
        choix = (
            [st.sampled_from(valides)] * 3
            + [st.sampled_from(valides).map(lambda v: f" {v} ")]
            + choix
        )
    return st.one_of(*choix)


def entiers(*valides: int) -> st.SearchStrategy[Any]:
    """Any integer, booleans too (a bool is an int in Python), with typical values often."""
    choix: list[st.SearchStrategy[Any]] = [
        st.integers(),
        st.integers(-3, 120),
        st.sampled_from([0, -1, 2**31, 2**63, 10**30, -(10**30)]),
        st.booleans(),
    ]
    if valides:
        choix.insert(0, st.sampled_from(valides))
    return st.one_of(*choix)


FUSEAUX = st.sampled_from(
    [None, UTC, PARIS, timezone(timedelta(hours=14)), timezone(-timedelta(hours=12))]
)


def jours(*valides: date) -> st.SearchStrategy[date]:
    choix: list[st.SearchStrategy[date]] = [
        st.dates(),
        st.dates(date(2014, 1, 1), date(2028, 12, 31)),
        st.sampled_from([date.min, date.max]),
    ]
    if valides:
        choix.insert(0, st.sampled_from(valides))
    return st.one_of(*choix)


def instants_libres(*valides: datetime) -> st.SearchStrategy[datetime]:
    """Instants typed by a user: naive or aware, any year."""
    choix: list[st.SearchStrategy[datetime]] = [
        st.datetimes(timezones=FUSEAUX),
        st.datetimes(datetime(2025, 1, 1), datetime(2029, 1, 1), timezones=FUSEAUX),
    ]
    if valides:
        choix.insert(0, st.sampled_from(valides))
    return st.one_of(*choix)


def moments() -> st.SearchStrategy[datetime]:
    """The server clock (`le`): always aware, but any day of the platform's life."""
    return st.one_of(
        st.just(T1),
        st.datetimes(datetime(2015, 1, 1), datetime(2040, 1, 1), timezones=st.just(UTC)),
    )


def _uuid(n: int) -> UUID:
    return UUID(int=n)


PARTICIPANT = Acteur(_uuid(0xA1))
AUTRE_PARTICIPANT = Acteur(_uuid(0xA2))
ANIMATEUR_18 = Acteur(_uuid(0xB1), frozenset({(Role.ANIMATEUR, 18)}))
ANIMATEUR_19 = Acteur(_uuid(0xB2), frozenset({(Role.ANIMATEUR, 19)}))
AGENT_VILLE = Acteur(_uuid(0xC1), frozenset({(Role.AGENT_VILLE, None)}))
AGENT_ETAT = Acteur(_uuid(0xC2), frozenset({(Role.AGENT_ETAT, None)}))
ADMIN = Acteur(_uuid(0xD1), frozenset({(Role.ADMIN, None)}))
ACTEURS = (
    None,
    PARTICIPANT,
    AUTRE_PARTICIPANT,
    ANIMATEUR_18,
    ANIMATEUR_19,
    AGENT_VILLE,
    AGENT_ETAT,
    ADMIN,
)


def acteurs() -> st.SearchStrategy[Acteur | None]:
    return st.sampled_from(ACTEURS)


def roles() -> st.SearchStrategy[Role]:
    """The role an aggregate is told its actor acts in (the use case checked it)."""
    return st.sampled_from(list(Role))


def ids() -> st.SearchStrategy[UUID]:
    return st.one_of(st.sampled_from([a.compte_id for a in ACTEURS if a]), st.uuids())


def arrondissements() -> st.SearchStrategy[Any]:
    return entiers(10, 11, 13, 14, 17, 18, 19, 20)
