"""Turn form strings into domain values, with messages when they do not parse (`libelle`, a
field's French name, marked `N_` by the caller, is shown translated); and the
one way every form answers invalid input (`Echec`).

Invalid input never leads to an error page: the handler catches `REFUS` and renders the form
again with the refusal's status (422 for bad input, 409 when the thing changed meanwhile), the
message next to the field it is about (a `ChampInvalide` names it, a `ChampsInvalides` names
several; see `domaine.erreurs.au_champ`), a summary at the top of the form that takes the focus,
and what was typed kept. A refusal that concerns no field is the summary alone. A refused role
(403) and something not found (404) are not form refusals: they stay error pages. With htmx the
form alone is swapped (`hx-target="this"`); without, the whole page comes back. The templates
use the macros of `_champ.html`.
"""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from starlette.datastructures import FormData
from starlette.requests import Request

from domaine.erreurs import (
    ChampInvalide,
    ChampsInvalides,
    ConflitDeModification,
    DonneeInvalide,
    ErreurParticipation,
    EtatIncompatible,
    Introuvable,
)
from domaine.quartiers import lire_arrondissement
from domaine.temps import PARIS
from langues import _
from langues.textes import langue_des_textes_par_defaut

REFUS = (DonneeInvalide, EtatIncompatible, ConflitDeModification)
"""What a form handler catches to give its form back: bad input, or a state that changed."""


@dataclass(frozen=True)
class Echec:
    """A form of the page refused: which form, which fields (and their messages), what was
    typed. `Echec()` (no failure) is what every page gets by default."""

    formulaire: str = ""
    champ: str = ""
    message: str = ""
    saisie: tuple[tuple[str, str], ...] = ()
    erreurs: tuple[tuple[str, str], ...] = ()
    """(field, message) of each refused field, in the form's order; `champ` and `message` are
    the first one's (or, for a refusal that concerns no field, "" and the summary)."""

    @classmethod
    def depuis(cls, formulaire: str, erreur: ErreurParticipation, form: FormData) -> "Echec":
        """The failure of `formulaire`, from the domain's refusal and the posted form."""
        saisie = tuple((k, v) for k, v in form.multi_items() if isinstance(v, str) and k != "csrf")
        if isinstance(erreur, ChampsInvalides):
            erreurs = tuple(erreur.erreurs.items())
        elif isinstance(erreur, ChampInvalide):
            erreurs = ((erreur.champ, erreur.message),)
        else:
            erreurs = ()
        champ, message = erreurs[0] if erreurs else ("", erreur.message)
        return cls(formulaire, champ, message, saisie, erreurs)

    def de(self, formulaire: str) -> bool:
        """Whether this failure is that form's (a page may hold several forms)."""
        return bool(self.formulaire) and self.formulaire == formulaire

    def erreur(self, formulaire: str, champ: str) -> str:
        """The message to show next to that field, if any."""
        if not self.de(formulaire):
            return ""
        return next((m for c, m in self.erreurs if c == champ), "")

    def sans(self, *champs: str) -> "Echec":
        """The same failure without what was typed in these fields (passwords are never sent
        back to the browser)."""
        garde = tuple((k, v) for k, v in self.saisie if k not in champs)
        return Echec(self.formulaire, self.champ, self.message, garde, self.erreurs)

    def valeur(self, formulaire: str, champ: str, defaut: str = "") -> str:
        """What was typed in a field (the last value if it was sent several times)."""
        if not self.de(formulaire):
            return defaut
        return next((v for k, v in reversed(self.saisie) if k == champ), defaut)

    def coches(self, formulaire: str, champ: str) -> list[str]:
        """Every value sent for a field: the boxes ticked, the options chosen."""
        return [v for k, v in self.saisie if k == champ] if self.de(formulaire) else []


def texte(form: FormData, champ: str) -> str:
    valeur = form.get(champ, "")
    return valeur if isinstance(valeur, str) else ""


def langue_du_texte(form: FormData) -> str:
    """The language a person says their text is in (field `langue`, checked by the domain);
    without the field (a script, a page from before), the language they read the site in."""
    return texte(form, "langue") or langue_des_textes_par_defaut()


def entier(form: FormData, champ: str, libelle: str, defaut: int | None = None) -> int:
    brut = texte(form, champ).strip()
    if not brut and defaut is not None:
        return defaut
    try:
        return int(brut)
    except ValueError:
        raise DonneeInvalide(
            "Le champ « %(nom)s » doit être un nombre entier.", nom=_(libelle)
        ) from None


NOMBRE_MAX_CHIFFRES = 9
"""A number read from a URL or a form has at most 9 digits: every year, page, version or
arrondissement fits, and no value can overflow a database integer (a 500 otherwise)."""


def nombre(brut: str) -> int | None:
    """A whole number as written in a URL or a field (digits only), or None."""
    brut = brut.strip()
    # isdecimal, not isdigit: "²".isdigit() is True but int("²") fails.
    return int(brut) if brut.isdecimal() and len(brut) <= NOMBRE_MAX_CHIFFRES else None


def entier_optionnel(form: FormData, champ: str) -> int | None:
    return nombre(texte(form, champ))


def case(form: FormData, champ: str) -> bool:
    return texte(form, champ) in ("on", "oui", "true", "1")


def date_heure(form: FormData, champ: str, libelle: str) -> datetime:
    """A `datetime-local` field, read as Paris time."""
    brut = texte(form, champ).strip()
    if not brut:
        raise DonneeInvalide("Le champ « %(nom)s » est obligatoire.", nom=_(libelle))
    try:
        valeur = datetime.fromisoformat(brut)
    except ValueError:
        raise DonneeInvalide(
            "Le champ « %(nom)s » n'est pas une date valide.", nom=_(libelle)
        ) from None
    if valeur.tzinfo is None:
        valeur = valeur.replace(tzinfo=PARIS)
    return valeur


def jour(form: FormData, champ: str, libelle: str) -> date:
    """A `date` field (AAAA-MM-JJ)."""
    brut = texte(form, champ).strip()
    if not brut:
        raise DonneeInvalide("Le champ « %(nom)s » est obligatoire.", nom=_(libelle))
    try:
        return date.fromisoformat(brut)
    except ValueError:
        raise DonneeInvalide(
            "Le champ « %(nom)s » n'est pas une date valide.", nom=_(libelle)
        ) from None


def identifiant(brut: str, message: str) -> UUID:
    """`message` (a French text marked `N_` by the caller) is translated when shown."""
    try:
        return UUID(brut)
    except ValueError:
        raise Introuvable(message) from None


def arrondissement(request: Request) -> int:
    """The council of the URL; an unknown one is a 404, not a form error."""
    try:
        return lire_arrondissement(request.path_params["arrondissement"])
    except DonneeInvalide:
        raise Introuvable("Ce conseil citoyen n'existe pas.") from None
