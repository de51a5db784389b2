"""Finds text a template shows outside a translation call (`_()`, `{% trans %}`).

Every word a page shows must reach the catalogues: a test runs this over every template, and
`python -m langues.gabarits FICHIER...` lists what is left in the files one works on.
"""

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

_COMMENTAIRE = re.compile(r"\{#.*?#\}", re.S)
_TRANS = re.compile(r"\{%-?\s*trans\b.*?%\}.*?\{%-?\s*endtrans\s*-?%\}", re.S)
_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_LETTRE = re.compile(r"[^\W\d_]")
_ATTRIBUTS_LUS = {
    "alt", "title", "aria-label", "aria-description", "aria-roledescription", "placeholder",
    "label", "hx-confirm", "hx-prompt", "data-confirmer",
}  # fmt: skip
_BOUTONS = {"submit", "button", "reset"}


class _Lecteur(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.textes: list[tuple[int, str]] = []
        self._ignore = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._ignore += 1
        valeurs = dict(attrs)
        for nom, valeur in attrs:
            lu = nom in _ATTRIBUTS_LUS or (
                nom == "value" and tag == "input" and valeurs.get("type") in _BOUTONS
            )
            if lu and valeur:
                self._noter(valeur)
        if tag == "meta" and valeurs.get("name") == "description" and valeurs.get("content"):
            self._noter(valeurs["content"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._ignore:
            self._ignore -= 1

    def handle_data(self, data: str) -> None:
        if not self._ignore:
            self._noter(data)

    def _noter(self, texte: str) -> None:
        if _LETTRE.search(texte):
            self.textes.append((self.getpos()[0], " ".join(texte.split())))


def textes_hors_traduction(source: str) -> list[tuple[int, str]]:
    """(line, text) of each piece of text outside a translation call. Expressions and tags
    become a neutral mark (their own strings are the Python code's business)."""

    def neutre(m: re.Match[str]) -> str:
        return "§" + "\n" * m.group(0).count("\n")

    propre = _COMMENTAIRE.sub(neutre, source)
    propre = _TRANS.sub(neutre, propre)
    propre = _EXPRESSION.sub(neutre, propre)
    lecteur = _Lecteur()
    lecteur.feed(propre)
    lecteur.close()
    return lecteur.textes


def main(chemins: list[str]) -> int:
    restes = 0
    for chemin in chemins:
        for ligne, texte in textes_hors_traduction(Path(chemin).read_text(encoding="utf-8")):
            print(f"{chemin}:{ligne}: {texte}")
            restes += 1
    return 1 if restes else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
