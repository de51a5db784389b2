"""The domain speaks French; the interface may show its words in another language.

Messages and labels written here are the source texts of the translation catalogues. `_`
translates one through the translator the application installs (`installer_traducteur`), so that
the domain stays pure: it neither knows which language a request asked for nor reads a catalogue.
Without an installed translator (the CLI, the tests of the domain) every text stays French.
`N_` only marks a text for the catalogues, for constants translated later where they are shown.
"""

from collections.abc import Callable

Traducteur = Callable[[str], str]


def _identite(message: str) -> str:
    return message


_traducteur: Traducteur = _identite


def installer_traducteur(traducteur: Traducteur) -> None:
    """Called once by the application: `traducteur` reads the language of the current request."""
    global _traducteur
    _traducteur = traducteur


def _(message: str) -> str:
    """The message in the language of the current request (French by default)."""
    return _traducteur(message)


def N_(message: str) -> str:
    """Marks a message for the catalogues without translating it now."""
    return message
