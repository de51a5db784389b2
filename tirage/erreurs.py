"""Errors of the lottery; each carries the French message shown to the animateur."""

from dataclasses import dataclass


class ErreurTirage(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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

    def __init__(self, message: str, blocages: tuple[Blocage, ...] = ()) -> None:
        super().__init__(message)
        self.blocages = blocages
