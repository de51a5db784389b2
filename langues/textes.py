"""The languages people may say they write in (proposals, comments, avis, minutes).

A wider list than the interface's: a resident may write in a language the interface does not
speak. Each text keeps its tag (`domaine.textes.langue_du_texte`) so that the pages declare it
(`lang`) and screen readers read it with the right voice.
"""

from langues import N_, langue

AUTRE = "und"
"""BCP 47 "undetermined": a language not in the list; the pages then say the language is
unknown (`lang=""`) rather than guess."""

LANGUES_DES_TEXTES: tuple[tuple[str, str], ...] = (
    ("fr", "Français"),
    ("en", "English"),
    ("ar", "العربية"),
    ("kab", "Taqbaylit"),
    ("es", "Español"),
    ("pt", "Português"),
    ("tr", "Türkçe"),
    ("zh", "中文"),
    ("ta", "தமிழ்"),
    ("bm", "Bamanankan"),
    ("wo", "Wolof"),
)
"""Tag and name in the language itself (a reader finds their own), in the order offered: the
interface's languages, then languages much spoken in the councils' neighbourhoods."""

NOM_DE_L_AUTRE = N_("Autre langue")


def langue_des_textes_par_defaut() -> str:
    """What a form offers first: the language the person reads the site in (easy-to-read
    French is French)."""
    return langue().code.partition("-x-")[0]


def attribut_lang(etiquette: str) -> str:
    """The `lang` attribute's value for a stored tag ("" says the language is unknown)."""
    return "" if etiquette == AUTRE else etiquette
