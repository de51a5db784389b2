"""How a form answers any refusal of its input, on top of `web.formulaires.Echec`.

- `Echecs`: several fields refused at once (`ProfilIncomplet` of the joining form), each message
  next to its own field.
- `echec_de`: the `Echec` of any refusal a form may meet. A refusal that concerns no field (a
  state conflict, 409; "not a member any more", 404) becomes the form's summary, the input kept,
  never the generic error page. Role refusals (`ActionInterdite`, 403) are not caught: they stay
  the error page, before any input is read.

(Candidates for `web/formulaires.py`, next to `Echec`, once every form uses them.)
"""

from dataclasses import dataclass

from starlette.datastructures import FormData

from domaine.assemblee import ProfilIncomplet
from domaine.erreurs import (
    ConflitDeModification,
    DonneeInvalide,
    ErreurParticipation,
    EtatIncompatible,
)
from web.formulaires import Echec

REFUS = (DonneeInvalide, EtatIncompatible, ConflitDeModification)
"""What a form handler catches to give its form back: bad input, or a state that changed."""


@dataclass(frozen=True)
class Echecs(Echec):
    """Several fields of one form refused at once, each with its own message (`erreurs`, in
    the form's order); `champ` and `message` are the first one's, for the shared macros."""

    erreurs: tuple[tuple[str, str], ...] = ()

    def erreur(self, formulaire: str, champ: str) -> str:
        if not self.de(formulaire):
            return ""
        return next((m for c, m in self.erreurs if c == champ), "")


def echec_de(formulaire: str, erreur: ErreurParticipation, form: FormData) -> Echec:
    """The failure to show in `formulaire`, whatever refused it."""
    if isinstance(erreur, ProfilIncomplet):
        simple = Echec.depuis(formulaire, erreur, form)
        champ, message = next(iter(erreur.erreurs.items()))
        return Echecs(formulaire, champ, message, simple.saisie, tuple(erreur.erreurs.items()))
    if isinstance(erreur, DonneeInvalide):
        return Echec.depuis(formulaire, erreur, form)
    return Echec.depuis(formulaire, DonneeInvalide(erreur.message), form)
