"""Errors of the lottery; each carries the French message shown to the animateur.

An error keeps its French source text, `gabarit` (with `%(name)s` placeholders), and the
`valeurs` that fill it, as the domain's errors do (`domaine.erreurs`): the application re-raises
them as its own errors, whose message is translated when the page reads it. The lottery itself
has no translator: `message` is the French text (the CLI, the standalone verifier). A value may
itself be a `Morceau` (a piece with its own template and values) or `Morceaux`, so that a
translator can translate each piece too (`traduit`)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

Traduire = Callable[[str], str]


def _francais(texte: str) -> str:
    return texte


def remplir(gabarit: str, valeurs: dict[str, object], traduire: Traduire = _francais) -> str:
    """The template translated by `traduire` (French as it is by default) and filled with its
    values, each `Morceau` or `Morceaux` among them translated the same way."""
    if not valeurs:
        return traduire(gabarit)
    return traduire(gabarit) % {
        nom: v.traduit(traduire) if isinstance(v, Morceau | Morceaux) else v
        for nom, v in valeurs.items()
    }


class Morceau:
    """A piece of a message, a template of its own with its values: `Morceau("%(n)s de moins",
    n=2)`; `str()` is its French text."""

    def __init__(self, gabarit: str, /, **valeurs: object) -> None:
        self.gabarit = gabarit
        self.valeurs = valeurs

    def traduit(self, traduire: Traduire) -> str:
        return remplir(self.gabarit, self.valeurs, traduire)

    def __str__(self) -> str:
        return self.traduit(_francais)


class Morceaux:
    """Pieces of a message said one after the other, separated by `separateur`."""

    def __init__(self, morceaux: Sequence[Morceau], separateur: str = " ; ") -> None:
        self.morceaux = tuple(morceaux)
        self.separateur = separateur

    def traduit(self, traduire: Traduire) -> str:
        return self.separateur.join(m.traduit(traduire) for m in self.morceaux)

    def __str__(self) -> str:
        return self.traduit(_francais)


class ErreurTirage(Exception):
    """`gabarit`: the French source text, with `%(name)s` placeholders filled from `valeurs`;
    `message`: that text filled (French)."""

    def __init__(self, message: str, /, **valeurs: object) -> None:
        self.gabarit = message
        self.valeurs = valeurs
        self.message = remplir(message, valeurs)
        super().__init__(self.message)


class EntreeInvalide(ErreurTirage):
    """A pool or quotas file that cannot be read as documented."""


@dataclass(frozen=True)
class Blocage:
    """One quota that stops every panel, and by how much: `borne` is "min" (too many people
    asked for) or "max" (too few allowed); `valeur` is empty when the whole category blocks
    (the sum of its minimums, or of its maximums, against the panel's size)."""

    categorie: str
    valeur: str
    borne: str
    ecart: int


class QuotasInfaisables(ErreurTirage):
    """No panel can meet the quotas with this pool; the message names the quota and numbers,
    and `blocages` says the same for programs (a form points at the field)."""

    def __init__(
        self, message: str, blocages: tuple[Blocage, ...] = (), /, **valeurs: object
    ) -> None:
        super().__init__(message, **valeurs)
        self.blocages = blocages
