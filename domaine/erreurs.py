"""The domain's error hierarchy: each error carries the message the user reads, written in French
(the catalogues' source language) and translated when it is read (`domaine.traduction`)."""

from collections.abc import Callable
from typing import TypeVar

from domaine.traduction import _

T = TypeVar("T")


class ErreurParticipation(Exception):
    """Base of every rule violation. `gabarit` is the French source text, with `%(name)s`
    placeholders filled from `valeurs`; `message`, what the user reads, is that text translated
    into the current request's language when it is read (so a message raised in French deep in
    a command is shown in English or Arabic on the page)."""

    statut_http = 400

    def __init__(self, message: str, /, **valeurs: object) -> None:
        self.gabarit = message
        self.valeurs = valeurs
        super().__init__(self._remplir(message))

    def _remplir(self, texte: str) -> str:
        return texte % self.valeurs if self.valeurs else texte

    @property
    def message(self) -> str:
        return self._remplir(_(self.gabarit))


class DonneeInvalide(ErreurParticipation):
    """An input value breaks a rule (empty text, unknown choice, negative count...)."""

    statut_http = 422


class Introuvable(ErreurParticipation):
    """The thing asked for does not exist."""

    statut_http = 404


class ActionInterdite(ErreurParticipation):
    """The actor's role does not allow this command."""

    statut_http = 403


class EtatIncompatible(ErreurParticipation):
    """The command does not fit the current state (leaving when not a member...)."""

    statut_http = 409


class ConflitDeModification(ErreurParticipation):
    """Someone else changed the same thing since the form was displayed."""

    statut_http = 409


class ChampInvalide(DonneeInvalide):
    """Invalid input in one named form field, so that the form can show the message next to it."""

    def __init__(self, champ: str, message: str, /, **valeurs: object) -> None:
        super().__init__(message, **valeurs)
        self.champ = champ


class ChampsInvalides(ChampInvalide):
    """Several fields of one form refused at once, each with its own message (`erreurs`, field
    -> message, in the form's order), so that the form shows them all, next to their fields;
    `champ` is the first, and `message` says them all (CLI, API)."""

    def __init__(self, erreurs: dict[str, str]) -> None:
        assert erreurs, "ChampsInvalides needs at least one error"
        super().__init__(next(iter(erreurs)), " ".join(erreurs.values()))
        self.erreurs = dict(erreurs)


def au_champ(champ: str, verifier: Callable[[], T]) -> T:
    """Run a check and name the form field its error is about (the command's argument name, which
    the forms use too), so that the message is shown next to that field."""
    try:
        return verifier()
    except ChampInvalide:
        raise
    except DonneeInvalide as erreur:
        raise ChampInvalide(champ, erreur.gabarit, **erreur.valeurs) from None
