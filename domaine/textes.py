"""Validation of free text and numbers typed by users, shared by every aggregate."""

from datetime import datetime

from domaine.erreurs import DonneeInvalide

TITRE_MAX = 200
TEXTE_MAX = 20_000
LONG_TEXTE_MAX = 100_000


def texte(valeur: str, champ: str, maximum: int = TEXTE_MAX, obligatoire: bool = True) -> str:
    """Strip the text and check its length; HTML stays as typed and is escaped on display."""
    propre = valeur.strip()
    if obligatoire and not propre:
        raise DonneeInvalide(f"Le champ « {champ} » est obligatoire.")
    if len(propre) > maximum:
        raise DonneeInvalide(
            f"Le champ « {champ} » est trop long ({len(propre)} caractères, maximum {maximum})."
        )
    if "\x00" in propre:
        raise DonneeInvalide(f"Le champ « {champ} » contient un caractère interdit.")
    return propre


def entier_positif(valeur: int, champ: str, maximum: int = 100_000) -> int:
    if isinstance(valeur, bool) or not isinstance(valeur, int):
        raise DonneeInvalide(f"Le champ « {champ} » doit être un nombre entier.")
    if valeur < 0:
        raise DonneeInvalide(f"Le champ « {champ} » ne peut pas être négatif.")
    if valeur > maximum:
        raise DonneeInvalide(f"Le champ « {champ} » est trop grand (maximum {maximum}).")
    return valeur


def instant(valeur: datetime, champ: str) -> datetime:
    """Domain times are timezone-aware, so that "as of" comparisons are unambiguous."""
    if valeur.tzinfo is None or valeur.utcoffset() is None:
        raise DonneeInvalide(f"Le champ « {champ} » doit préciser un fuseau horaire.")
    return valeur
