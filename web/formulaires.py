"""Turn form strings into domain values, with French messages when they do not parse."""

from datetime import date, datetime
from uuid import UUID

from starlette.datastructures import FormData
from starlette.requests import Request

from domaine.erreurs import DonneeInvalide, Introuvable
from domaine.quartiers import verifier_arrondissement
from domaine.temps import PARIS


def texte(form: FormData, champ: str) -> str:
    valeur = form.get(champ, "")
    return valeur if isinstance(valeur, str) else ""


def entier(form: FormData, champ: str, libelle: str, defaut: int | None = None) -> int:
    brut = texte(form, champ).strip()
    if not brut and defaut is not None:
        return defaut
    try:
        return int(brut)
    except ValueError:
        raise DonneeInvalide(f"Le champ « {libelle} » doit être un nombre entier.") from None


def entier_optionnel(form: FormData, champ: str) -> int | None:
    brut = texte(form, champ).strip()
    # isdecimal, not isdigit: "²".isdigit() is True but int("²") fails.
    return int(brut) if brut.isdecimal() else None


def case(form: FormData, champ: str) -> bool:
    return texte(form, champ) in ("on", "oui", "true", "1")


def date_heure(form: FormData, champ: str, libelle: str) -> datetime:
    """A `datetime-local` field, read as Paris time."""
    brut = texte(form, champ).strip()
    if not brut:
        raise DonneeInvalide(f"Le champ « {libelle} » est obligatoire.")
    try:
        valeur = datetime.fromisoformat(brut)
    except ValueError:
        raise DonneeInvalide(f"Le champ « {libelle} » n'est pas une date valide.") from None
    if valeur.tzinfo is None:
        valeur = valeur.replace(tzinfo=PARIS)
    return valeur


def jour(form: FormData, champ: str, libelle: str) -> date:
    """A `date` field (AAAA-MM-JJ)."""
    brut = texte(form, champ).strip()
    if not brut:
        raise DonneeInvalide(f"Le champ « {libelle} » est obligatoire.")
    try:
        return date.fromisoformat(brut)
    except ValueError:
        raise DonneeInvalide(f"Le champ « {libelle} » n'est pas une date valide.") from None


def identifiant(brut: str, message: str) -> UUID:
    try:
        return UUID(brut)
    except ValueError:
        raise Introuvable(message) from None


def arrondissement(request: Request) -> int:
    """The council of the URL; an unknown one is a 404, not a form error."""
    try:
        return verifier_arrondissement(int(request.path_params["arrondissement"]))
    except (ValueError, DonneeInvalide):
        raise Introuvable("Ce conseil citoyen n'existe pas.") from None
