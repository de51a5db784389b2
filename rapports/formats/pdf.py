"""The PDF report: the HTML page printed by WeasyPrint on A4, with "page X / Y" in the footer
(CSS `@page` counters in rapport.css) and the definitions annex at the end.

WeasyPrint is imported on first use: it is slow to import and only this format needs it.
"""

from typing import Any

from rapports.formats.html import DOSSIER, page


def pdf(rapport: dict[str, Any], url_base: str = "") -> bytes:
    from weasyprint import HTML

    document = HTML(string=page(rapport, url_base, annexe=True), base_url=str(DOSSIER))
    contenu: bytes = document.write_pdf()
    return contenu
