"""Dates and numbers written as the current language writes them (Babel, CLDR data).

French keeps the platform's long-standing forms ("lundi 7 décembre 2026 à 18 h 30", "10 000",
"12,34 %"); the other languages take Babel's.
"""

from datetime import date, datetime

from babel.dates import format_date, format_time
from babel.numbers import format_decimal

from domaine.temps import a_paris
from langues import _, langue

_JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_MOIS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip


def _jour_francais(jour: date) -> str:
    return f"{_JOURS[jour.weekday()]} {jour.day} {_MOIS[jour.month - 1]} {jour.year}"


def date_longue(valeur: date | datetime | None, heure: bool = True) -> str:
    """A calendar date, or an instant as a Paris date (and time), in full words."""
    if valeur is None:
        return ""
    locale = langue().locale
    if not isinstance(valeur, datetime):  # a calendar date: no time zone, no hour
        return (
            _jour_francais(valeur)
            if locale.startswith("fr")
            else format_date(valeur, "full", locale)
        )
    local = a_paris(valeur)
    if locale.startswith("fr"):
        texte = _jour_francais(local.date())
        return texte + (f" à {local.hour} h {local.minute:02d}" if heure else "")
    texte = format_date(local.date(), "full", locale)
    if not heure:
        return texte
    return _(
        "%(jour)s à %(heure)s", jour=texte, heure=format_time(local.time(), "short", locale=locale)
    )


def nombre(valeur: int | float) -> str:
    """10000 -> "10 000" in French (narrow no-break space), "10,000" in English."""
    locale = langue().locale
    if locale.startswith("fr") and isinstance(valeur, int):
        return f"{valeur:,}".replace(",", "\u202f")
    return format_decimal(valeur, locale=locale)


def pourcentage(numerateur: int, denominateur: int, decimales: int = 2) -> str:
    """A share: 1234 / 10000 -> "12,34 %" in French, "12.34%" in English."""
    if not denominateur:
        return "—"
    valeur = 100 * numerateur / denominateur
    locale = langue().locale
    if locale.startswith("fr"):
        return f"{valeur:.{decimales}f}".replace(".", ",") + " %"
    motif = "0." + "0" * decimales if decimales else "0"
    return format_decimal(valeur, format=motif, locale=locale) + "%"
