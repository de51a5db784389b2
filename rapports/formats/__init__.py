"""The annual report's output formats: the same figures as JSON (the canonical bytes), CSV,
XLSX, PDF and a standalone HTML page with server-side SVG charts.

`rendre(rapport, format)` gives the bytes of one format; `rendre_fragment(rapport)` gives the
HTML body alone, for the site's pages. The schema is documented in docs/rapport-annuel.md.
"""

import json
from typing import Any

from markupsafe import Markup

from domaine.erreurs import DonneeInvalide
from rapports.formats import html


def en_json(rapport: dict[str, Any]) -> bytes:
    """The report's canonical bytes: sorted keys, UTF-8, two-space indentation."""
    return (json.dumps(rapport, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()


FORMATS = ("json", "csv", "xlsx", "pdf", "html")
TYPES_MIME: dict[str, str] = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


def rendre(rapport: dict[str, Any], format: str, url_base: str = "") -> bytes:
    """The report in `format` (one of FORMATS). `url_base` (e.g. "https://exemple.paris.fr")
    prefixes the tirages' links in the HTML and the PDF, which are relative in the JSON."""
    if format == "json":
        return en_json(rapport)
    if format == "csv":
        from rapports.formats.tableau_csv import tableau_csv

        return tableau_csv(rapport)
    if format == "xlsx":
        from rapports.formats.classeur import classeur

        return classeur(rapport)
    if format == "pdf":
        from rapports.formats.pdf import pdf

        return pdf(rapport, url_base)
    if format == "html":
        return html.page(rapport, url_base).encode("utf-8")
    raise DonneeInvalide(
        "Format de rapport inconnu : « %(format)s » (formats possibles : %(formats)s).",
        format=format,
        formats=", ".join(FORMATS),
    )


def rendre_fragment(rapport: dict[str, Any], url_base: str = "") -> Markup:
    """The HTML report's body (an `<article>`, with its own h1) for the site's base.html; the
    page must link /static/rapport.css, as the site's CSP forbids inline styles."""
    return html.fragment(rapport, url_base)


def nom_de_fichier(rapport: dict[str, Any], format: str) -> str:
    """'rapport-annuel-2026-paris.pdf', 'rapport-annuel-2026-18e.csv': for Content-Disposition,
    with exactly one extension (the format's)."""
    if format not in FORMATS:
        rendre(rapport, format)  # raises the error
    conseils = rapport.get("conseils", [])
    if rapport.get("paris") is not None or len(conseils) != 1:
        return nom_de_fichier_de(rapport["annee"], None, format)
    return nom_de_fichier_de(rapport["annee"], conseils[0]["arrondissement"], format)


def nom_de_fichier_de(annee: int, arrondissement: int | None, format: str) -> str:
    """The one naming of report files, produced now or archived: the year, the council
    ('18e', or 'paris' for Paris and all the councils), one extension."""
    assert format in FORMATS, f"unknown report format {format!r}"
    perimetre = f"{arrondissement}e" if arrondissement else "paris"
    return f"rapport-annuel-{annee}-{perimetre}.{format}"
