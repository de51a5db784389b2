"""Time as the councils live it: in Paris.

Instants are stored and compared as timezone-aware datetimes (UTC in the log), but every
"today", "in the future", deadline and year boundary is a calendar day *in Paris*. Between
midnight and 1 a.m. in winter (2 a.m. in summer) the UTC date is still yesterday's: taking
`instant.date()` of a UTC instant then refuses a date typed as "today" as being in the future.
Every such computation goes through this module.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def a_paris(instant: datetime) -> datetime:
    """The same instant on Paris wall-clock time (a naive value is read as UTC, as stored)."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(PARIS)


def jour_a_paris(instant: datetime) -> date:
    """The calendar day in Paris at that instant."""
    return a_paris(instant).date()


def annee_a_paris(instant: datetime) -> int:
    """The calendar year in Paris at that instant (1 January starts at 00:00 Paris time)."""
    return a_paris(instant).year


def heure_de_paris(jour: date, heure: time = time()) -> datetime:
    """That wall-clock time of that Paris day, as a UTC instant."""
    return datetime.combine(jour, heure, tzinfo=PARIS).astimezone(UTC)


def debut_du_jour(jour: date) -> datetime:
    """00:00 of that day in Paris, as a UTC instant."""
    return heure_de_paris(jour)


def fin_du_jour(jour: date) -> datetime:
    """The first instant of the next Paris day (exclusive end of `jour`), as a UTC instant."""
    return heure_de_paris(jour + timedelta(days=1))


def debut_de_l_annee(annee: int) -> datetime:
    """1 January of `annee`, 00:00 in Paris, as a UTC instant."""
    return heure_de_paris(date(annee, 1, 1))


def en_utc(valeur: datetime) -> datetime:
    """A stored instant as an aware UTC datetime: SQLite hands back naive datetimes, and every
    stored instant is UTC."""
    return valeur.replace(tzinfo=UTC) if valeur.tzinfo is None else valeur.astimezone(UTC)
