"""Validation of free text and numbers typed by users, shared by every aggregate."""

import re
from datetime import date, datetime

from domaine.erreurs import DonneeInvalide
from domaine.traduction import _

TITRE_MAX = 200
TEXTE_MAX = 20_000
LONG_TEXTE_MAX = 100_000
IDENTIFIANT_MAX = 120
CREATION_DES_CONSEILS = date(2014, 2, 21)
"""The law that created the conseils citoyens: none of their facts is older."""
LANGUE_PAR_DEFAUT = "fr"
"""The language of texts recorded before their language was asked, and of texts whose writer
did not say: the councils' working language."""
ETIQUETTE_DE_LANGUE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")
"""A BCP 47 language tag as HTML's `lang` attribute takes it ("fr", "ar", "zh-Hant", "und")."""
CONTROLES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters: invisible, some refused by PostgreSQL (NUL) or harmful in an export
(terminal escapes); tabs and line breaks stay allowed in free text."""


def texte(valeur: str, champ: str, maximum: int = TEXTE_MAX, obligatoire: bool = True) -> str:
    """Strip the text and check its length; HTML stays as typed and is escaped on display.
    `champ`, the field's name in French, is shown in the request's language (callers mark it
    `N_` for the catalogues)."""
    propre = valeur.strip()
    if obligatoire and not propre:
        raise DonneeInvalide("Le champ « %(nom)s » est obligatoire.", nom=_(champ))
    if len(propre) > maximum:
        raise DonneeInvalide(
            "Le champ « %(nom)s » est trop long (%(longueur)s caractères, maximum %(maximum)s).",
            nom=_(champ),
            longueur=len(propre),
            maximum=maximum,
        )
    if CONTROLES.search(propre):
        raise DonneeInvalide(
            "Le champ « %(nom)s » contient un caractère interdit (caractère de contrôle).",
            nom=_(champ),
        )
    return propre


def entier_positif(valeur: int, champ: str, maximum: int = 100_000) -> int:
    if isinstance(valeur, bool) or not isinstance(valeur, int):
        raise DonneeInvalide("Le champ « %(nom)s » doit être un nombre entier.", nom=_(champ))
    if valeur < 0:
        raise DonneeInvalide("Le champ « %(nom)s » ne peut pas être négatif.", nom=_(champ))
    if valeur > maximum:
        raise DonneeInvalide(
            "Le champ « %(nom)s » est trop grand (maximum %(maximum)s).",
            nom=_(champ),
            maximum=maximum,
        )
    return valeur


def instant(valeur: datetime, champ: str) -> datetime:
    """Domain times are timezone-aware, so that "as of" comparisons are unambiguous."""
    if valeur.tzinfo is None or valeur.utcoffset() is None:
        raise DonneeInvalide("Le champ « %(nom)s » doit préciser un fuseau horaire.", nom=_(champ))
    return valeur


def identifiant(valeur: str, champ: str) -> str:
    """A pseudonymous id or a code read from a list: stored as given, so it must be clean."""
    if (
        not isinstance(valeur, str)
        or not valeur
        or valeur != valeur.strip()
        or len(valeur) > IDENTIFIANT_MAX
        or any(ord(c) < 32 or ord(c) == 127 for c in valeur)
    ):
        raise DonneeInvalide(
            "Le champ « %(nom)s » doit être un identifiant d'au plus %(maximum)s "
            "caractères, sans espace au début ni à la fin et sans caractère de contrôle.",
            nom=_(champ),
            maximum=IDENTIFIANT_MAX,
        )
    return valeur


def jour_des_conseils(valeur: date, champ: str) -> date:
    """A day in the life of the conseils citoyens, which the law of 21 February 2014 created."""
    if valeur < CREATION_DES_CONSEILS:
        raise DonneeInvalide(
            "Le champ « %(nom)s » ne peut pas précéder la création des conseils citoyens "
            "(loi du 21 février 2014).",
            nom=_(champ),
        )
    return valeur


def langue_du_texte(valeur: str) -> str:
    """The language a person wrote a text in, kept with it so that pages declare it (`lang`)
    and screen readers pronounce it right. It describes the text, not its writer."""
    propre = valeur.strip()
    if not ETIQUETTE_DE_LANGUE.fullmatch(propre) or len(propre) > 35:
        raise DonneeInvalide("Choisissez la langue du texte dans la liste.")
    return propre
