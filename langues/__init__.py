"""The languages of the interface, and the one language each request (or e-mail) speaks.

French is the source: every text is written in French in the code and the templates, marked for
the catalogues (`langues/catalogues/<langue>/LC_MESSAGES/messages.po`), and translated when shown.
The current language lives in a context variable, set by the web middleware for a request and by
`parler` for an e-mail; everything that shows a text reads it. docs/langues.md says how to add a
language and how translators work.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from domaine.traduction import installer_traducteur


@dataclass(frozen=True)
class Langue:
    code: str
    """The BCP 47 tag the pages declare (`<html lang>`, `hreflang`)."""
    nom: str
    """Its name, in itself: what the language switch shows."""
    direction: str
    """"ltr" or "rtl" (`<html dir>`)."""
    locale: str
    """Babel's locale for dates and numbers."""
    catalogue: str | None
    """The catalogue's directory under `langues/catalogues/` (None: the source language)."""
    complete: bool = True
    """Whether every message must be translated (a variant may translate some and fall back
    to French for the others)."""


FRANCAIS = Langue("fr", "Français", "ltr", "fr_FR", None)
FACILE_A_LIRE = Langue("fr-x-falc", "Facile à lire", "ltr", "fr_FR", "fr_x_falc", complete=False)
ANGLAIS = Langue("en", "English", "ltr", "en_GB", "en")
ARABE = Langue("ar", "العربية", "rtl", "ar", "ar")

LANGUES: tuple[Langue, ...] = (FRANCAIS, FACILE_A_LIRE, ANGLAIS, ARABE)
"""In the order of the language switch. Adding a language: a catalogue and a line here."""

PAR_CODE = {langue.code: langue for langue in LANGUES}

_courante: ContextVar[Langue] = ContextVar("langue", default=FRANCAIS)


def langue() -> Langue:
    """The language of the current request or e-mail."""
    return _courante.get()


@contextmanager
def parler(code: str | Langue | None) -> Iterator[Langue]:
    """Speak `code` inside the block (an e-mail in its recipient's language, a test)."""
    choisie = code if isinstance(code, Langue) else PAR_CODE.get(code or "", FRANCAIS)
    jeton = _courante.set(choisie)
    try:
        yield choisie
    finally:
        _courante.reset(jeton)


def activer(code: str | Langue) -> None:
    """Speak `code` until the end of the current context (a request)."""
    _courante.set(code if isinstance(code, Langue) else PAR_CODE.get(code, FRANCAIS))


def gettext(message: str) -> str:
    """`message` (French source) in the current language."""
    from langues.catalogues import traductions

    return traductions(_courante.get()).gettext(message)


def ngettext(singulier: str, pluriel: str, nombre: int) -> str:
    """The singular or plural form for `nombre`, in the current language (Arabic has six)."""
    from langues.catalogues import traductions

    courante = _courante.get()
    if courante.locale.startswith("fr"):
        # French says "0 personne": 0 and 1 take the singular. Without a catalogue gettext
        # would choose the plural for 0 (the English rule); French catalogues map 1 and 2 right.
        nombre = 1 if nombre <= 1 else 2
    return traductions(courante).ngettext(singulier, pluriel, nombre)


def pgettext(contexte: str, message: str) -> str:
    """`message` in the current language, where the same French word means several things
    ("État": the State, or the state of a record): `contexte` tells them apart."""
    from langues.catalogues import traductions

    return str(traductions(_courante.get()).pgettext(contexte, message))


def _(message: str, **valeurs: object) -> str:
    """`message` in the current language, its `%(name)s` placeholders filled from `valeurs`."""
    texte = gettext(message)
    return texte % valeurs if valeurs else texte


def N_(message: str) -> str:
    """Marks a message for the catalogues; translate it with `_` where it is shown."""
    return message


installer_traducteur(gettext)
