"""Horizontal bar charts as inline SVG, drawn on the server: no JavaScript, no external library,
the same in a browser and in the PDF.

Accessibility (RGAA / WCAG 2.1 AA): each chart is an image with a name in the reader's language (`aria-label` and
`<title>`) and a `<desc>` giving every number; the report prints the same numbers in a table next
to it. Series are told apart by their text ("1er janv. : 21"), not by colour alone, and colours
have at least 3:1 contrast on white. A masked cell ("< 5") is a hatched bar spanning 0 to the
threshold, the range it hides, labelled "< 5" and never a number.
"""

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from langues import _
from rapports.formats.libelles import texte

COULEURS = ("#0a4b8f", "#b34700", "#1c5b2e")  # contrast on white: 8.9, 5.5, 7.9
LARGEUR = 640
HAUTEUR_BARRE = 16
ECART = 3
ECART_GROUPE = 10
MARGE = 6
TAILLE_TEXTE = 12
LARGEUR_CARACTERE = 7.2  # average advance of a 12 px sans-serif character, to size the labels


@dataclass(frozen=True)
class Serie:
    libelle: str  # shown before each value when there are several series ("1er janv.")
    nom: str  # the series' full name, for the description ("au 1er janvier")


def est_masque(valeur: Any) -> bool:
    return isinstance(valeur, str) and valeur.startswith("< ")


def barres(
    ident: str,
    titre: str,
    series: list[Serie],
    categories: list[tuple[str, list[Any]]],
    seuil: int,
) -> tuple[str, Markup]:
    """A chart of one bar per category and series; `categories` are (label, one value per
    series) with values int, float, "< seuil" or None (drawn as "—"). Returns (title, SVG)."""
    numeriques = [
        float(v)
        for __, valeurs in categories
        for v in valeurs
        if isinstance(v, int | float) and not isinstance(v, bool)
    ]
    masques = any(est_masque(v) for __, valeurs in categories for v in valeurs)
    echelle_max = max([*numeriques, float(seuil) if masques else 0.0, 0.0])
    plusieurs = len(series) > 1
    largeur_etiquette = min(
        260, max(80, max((len(c) for c, __ in categories), default=0) * LARGEUR_CARACTERE + 12)
    )
    largeur_texte = (
        max((len(s.libelle) for s in series), default=0) * LARGEUR_CARACTERE + 70
        if plusieurs
        else 70
    )
    zone = LARGEUR - largeur_etiquette - largeur_texte
    hauteur_groupe = len(series) * (HAUTEUR_BARRE + ECART) - ECART
    hauteur = MARGE * 2 + len(categories) * (hauteur_groupe + ECART_GROUPE) - ECART_GROUPE

    def largeur(valeur: float) -> float:
        return 0.0 if echelle_max <= 0 else round(zone * valeur / echelle_max, 1)

    motif = f"hachures-{ident}"
    morceaux = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="graphique-svg" '
        f'width="{LARGEUR}" height="{hauteur}" viewBox="0 0 {LARGEUR} {hauteur}" '
        f'font-size="{TAILLE_TEXTE}" aria-label="{escape(titre)}">',
        f"<title>{escape(titre)}</title>",
        f"<desc>{escape(description(series, categories))}</desc>",
    ]
    if masques:
        morceaux.append(
            f'<defs><pattern id="{motif}" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
            f'<line x1="0" y1="0" x2="0" y2="6" stroke="#4a4a55" stroke-width="2"/>'
            f"</pattern></defs>"
        )
    y = float(MARGE)
    for etiquette, valeurs in categories:
        milieu_groupe = y + hauteur_groupe / 2
        morceaux.append(
            f'<text x="{largeur_etiquette - 8}" y="{milieu_groupe:.1f}" text-anchor="end" '
            f'dominant-baseline="middle" fill="#1b1b1f">{escape(etiquette)}</text>'
        )
        for rang, (serie, valeur) in enumerate(zip(series, valeurs, strict=True)):
            couleur = COULEURS[rang % len(COULEURS)]
            x = float(largeur_etiquette)
            if est_masque(valeur):
                w = largeur(float(seuil))
                morceaux.append(
                    f'<rect x="{x}" y="{y:.1f}" width="{w}" height="{HAUTEUR_BARRE}" '
                    f'fill="url(#{motif})" stroke="{couleur}" stroke-width="1.5" '
                    f'stroke-dasharray="4 2"/>'
                )
            elif isinstance(valeur, int | float) and not isinstance(valeur, bool):
                w = largeur(float(valeur))
                if w > 0:
                    morceaux.append(
                        f'<rect x="{x}" y="{y:.1f}" width="{w}" height="{HAUTEUR_BARRE}" '
                        f'fill="{couleur}"/>'
                    )
            else:
                w = 0.0
            libelle = texte(valeur)
            if plusieurs:
                libelle = _("%(serie)s : %(valeur)s", serie=serie.libelle, valeur=libelle)
            morceaux.append(
                f'<text x="{x + w + 5:.1f}" y="{y + HAUTEUR_BARRE / 2:.1f}" '
                f'dominant-baseline="middle" fill="#1b1b1f">{escape(libelle)}</text>'
            )
            y += HAUTEUR_BARRE + ECART
        y += ECART_GROUPE - ECART
    morceaux.append("</svg>")
    return titre, Markup("".join(morceaux))  # noqa: S704 - every text above is escaped


def description(series: list[Serie], categories: list[tuple[str, list[Any]]]) -> str:
    """Every number of the chart in one sentence per category (for screen readers)."""
    phrases = []
    for etiquette, valeurs in categories:
        parties = []
        for serie, valeur in zip(series, valeurs, strict=True):
            lu = _("moins de %(seuil)s", seuil=valeur[2:]) if est_masque(valeur) else texte(valeur)
            if valeur is None:
                lu = _("non défini")
            if len(series) > 1:
                lu = _("%(serie)s %(valeur)s", serie=serie.nom, valeur=lu)
            parties.append(lu)
        phrases.append(
            _("%(categorie)s : %(valeurs)s", categorie=etiquette, valeurs=", ".join(parties))
        )
    return " ; ".join(phrases) + "."
