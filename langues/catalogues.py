"""The catalogues: extract the French texts, keep each language's catalogue up to date, compile.

    python -m langues.catalogues extraire     # langues/messages.pot from the code and templates
    python -m langues.catalogues actualiser   # add new texts to every catalogue, mark gone ones
    python -m langues.catalogues compiler     # .po -> .mo (run by `make install`)
    python -m langues.catalogues etat         # how many texts each catalogue still lacks
    python -m langues.catalogues fragment NOM FICHIER...  # a work file per language for a batch
    python -m langues.catalogues fusionner    # fill the catalogues from the work files

The application reads the compiled `.mo` files; where one is missing or older than its `.po`
(a checkout that edits a catalogue), it compiles the `.po` in memory instead.
"""

from __future__ import annotations

import sys
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import NullTranslations, Translations

from langues import LANGUES, Langue

DOSSIER = Path(__file__).parent / "catalogues"
RACINE = Path(__file__).parent.parent
MODELE = Path(__file__).parent / "messages.pot"
DOMAINE = "messages"

MOTS_CLES = {
    **DEFAULT_KEYWORDS,
    "_": None,
    "N_": None,
    # The domain's errors: their first argument (a field's error: its second) is the message.
    "ErreurParticipation": None,
    "DonneeInvalide": None,
    "Introuvable": None,
    "ActionInterdite": None,
    "EtatIncompatible": None,
    "ConflitDeModification": None,
    "ChampInvalide": (2,),
    # The lottery's errors (`tirage.erreurs`), re-raised by the domain with their template.
    "EntreeInvalide": None,
    "QuotasInfaisables": None,
    "Morceau": None,
}
"""What marks a text for the catalogues in Python: gettext's names and the domain's errors."""

SOURCES = (
    "domaine",
    "langues",
    "participation",
    "projections",
    "rapports",
    "stockage",
    "tirage",
    "web",
)
"""The packages whose texts the users read (the CLI in `lancement` speaks French to operators;
`demo` and the tests show nothing; `tirage`'s errors reach the pages through the domain)."""

METHODES = [
    ("**/templates/**.html", "jinja2"),
    ("**/templates/**.txt", "jinja2"),
    ("**/templates/**.ics", "jinja2"),
    ("**.py", "python"),
]
OPTIONS = {
    "**/templates/**": {
        "extensions": "jinja2.ext.i18n",
        "newstyle_gettext": "true",
        "trimmed": "true",  # as the templates' policy: no indentation in the msgids
    }
}


def fichier_po(langue: Langue) -> Path:
    assert langue.catalogue is not None
    return DOSSIER / langue.catalogue / "LC_MESSAGES" / f"{DOMAINE}.po"


_REGLES: dict[str, Any] = {
    "keywords": MOTS_CLES,
    "comment_tags": ("Translators:",),
    "strip_comment_tags": True,
}


def extraire(fichiers: list[Path] | None = None) -> Catalog:
    """Every marked French text of the code and the templates (or of these files only), with
    where it appears."""
    modele = Catalog(project="participation", msgid_bugs_address="", fuzzy=False)
    trouves: list[tuple[str, int, str | tuple[str, ...], list[str], str | None]] = []
    if fichiers is None:
        for paquet in SOURCES:
            for nom, ligne, message, commentaires, contexte in extract_from_dir(
                RACINE / paquet, METHODES, options_map=OPTIONS, **_REGLES
            ):
                trouves.append((f"{paquet}/{nom}", ligne, message, commentaires, contexte))
    else:
        for chemin in fichiers:
            methode = "python" if chemin.suffix == ".py" else "jinja2"
            options = OPTIONS["**/templates/**"] if methode == "jinja2" else {}
            for ligne, message, commentaires, contexte in extract_from_file(
                methode, chemin, options=options, **_REGLES
            ):
                relatif = str(chemin.resolve().relative_to(RACINE))
                trouves.append((relatif, ligne, message, commentaires, contexte))
    for lieu, ligne, message, commentaires, contexte in trouves:
        modele.add(message, None, [(lieu, ligne)], auto_comments=commentaires, context=contexte)
    return modele


def lire(chemin: Path, langue: Langue | None = None) -> Catalog:
    with chemin.open("rb") as fichier:
        return read_po(fichier, locale=langue.locale if langue else None)


def ecrire(catalogue: Catalog, chemin: Path) -> None:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    with chemin.open("wb") as fichier:
        write_po(fichier, catalogue, width=100, sort_output=False, omit_header=False)


def actualiser() -> None:
    """Write the template and bring each catalogue in line with it: new texts are added
    untranslated, texts gone from the code are dropped (translations are kept for texts that
    stay)."""
    modele = extraire()
    ecrire(modele, MODELE)
    for langue in LANGUES:
        if langue.catalogue is None:
            continue
        chemin = fichier_po(langue)
        catalogue = lire(chemin, langue) if chemin.exists() else Catalog(locale=langue.locale)
        catalogue.update(modele, no_fuzzy_matching=True)
        catalogue.obsolete.clear()
        ecrire(catalogue, chemin)


def compiler() -> None:
    for langue in LANGUES:
        if langue.catalogue is None:
            continue
        chemin = fichier_po(langue)
        with chemin.with_suffix(".mo").open("wb") as sortie:
            write_mo(sortie, lire(chemin, langue), use_fuzzy=False)


def sans_traduction(message: Message) -> bool:
    """No translation yet, a fuzzy one, or a plural form left empty."""
    if message.fuzzy:
        return True
    if isinstance(message.string, tuple):
        return not all(message.string)
    return not message.string


def manquants(langue: Langue, catalogue: Catalog | None = None) -> list[str]:
    """The texts of `langue`'s catalogue with no translation, or a fuzzy one."""
    catalogue = catalogue or lire(fichier_po(langue), langue)
    return [str(m.id) for m in catalogue if m.id and sans_traduction(m)]


@cache
def traductions(langue: Langue) -> NullTranslations:
    """The language's translations; French texts for what a partial catalogue leaves out."""
    if langue.catalogue is None:
        return NullTranslations()
    po = fichier_po(langue)
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as fichier:
            return Translations(fichier, domain=DOMAINE)
    tampon = BytesIO()
    write_mo(tampon, lire(po, langue), use_fuzzy=False)
    tampon.seek(0)
    return Translations(tampon, domain=DOMAINE)


FRAGMENTS = Path(__file__).parent / "fragments"


def fragment(nom: str, fichiers: list[str]) -> None:
    """Work files for a batch of source files (`fragments/NOM.<langue>.po`): their texts, with
    the translations already made kept, for a translator (or a helper) to fill in."""
    modele = extraire([Path(fichier) for fichier in fichiers])
    for langue in LANGUES:
        if langue.catalogue is None:
            continue
        chemin = FRAGMENTS / f"{nom}.{langue.catalogue}.po"
        catalogue = lire(chemin, langue) if chemin.exists() else Catalog(locale=langue.locale)
        catalogue.update(modele, no_fuzzy_matching=True)
        catalogue.obsolete.clear()
        ecrire(catalogue, chemin)
        print(f"{chemin.relative_to(RACINE)}: {len(manquants(langue, catalogue))} sans traduction")


def fusionner() -> None:
    """Fill each catalogue's empty translations from the work files."""
    for langue in LANGUES:
        if langue.catalogue is None:
            continue
        catalogue = lire(fichier_po(langue), langue)
        for chemin in sorted(FRAGMENTS.glob(f"*.{langue.catalogue}.po")):
            for message in lire(chemin, langue):
                cible = catalogue.get(message.id, message.context)
                utile = bool(message.id and message.string and not message.fuzzy)
                if utile and cible is not None and sans_traduction(cible):
                    cible.string = message.string
                    cible.flags.discard("fuzzy")
        ecrire(catalogue, fichier_po(langue))


def _etat() -> None:
    modele = extraire()
    print(f"{len(modele)} textes")
    for langue in LANGUES:
        if langue.catalogue is not None:
            print(f"{langue.code}: {len(manquants(langue))} sans traduction")


if __name__ == "__main__":
    commande = sys.argv[1] if len(sys.argv) > 1 else "etat"
    if commande == "fragment":
        fragment(sys.argv[2], sys.argv[3:])
    else:
        {
            "extraire": lambda: ecrire(extraire(), MODELE),
            "actualiser": actualiser,
            "compiler": compiler,
            "fusionner": fusionner,
        }.get(commande, _etat)()
