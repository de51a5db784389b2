"""The HTML report: a standalone page (for download and for the PDF) or its body alone (for the
site's `base.html`), from the Jinja2 templates in `rapports/templates/rapports/`.

A plain `jinja2.Environment` (not Starlette's) so that it renders outside a request: in the CLI,
in tests and for the PDF. It translates as the site's does (`web/rendu.py`): the current language,
that of the request, or French outside one (the scheduled archive).
"""

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from langues import gettext, langue, ngettext
from rapports.formats.vue import vue

DOSSIER = Path(__file__).parent.parent
FEUILLE_DE_STYLE = DOSSIER / "static" / "rapport.css"
"""Served by the site as /static/rapport.css; inlined in the standalone page."""


@cache
def environnement() -> Environment:
    env = Environment(
        loader=FileSystemLoader(DOSSIER / "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.add_extension("jinja2.ext.i18n")
    env.policies["ext.i18n.trimmed"] = True  # a {% trans %} block's msgid has no indentation
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    # What people wrote (a room's name, a training's theme) keeps its language, as on the site.
    env.globals["LANGUE_DES_CONTENUS"] = "fr"
    return env


def page(rapport: dict[str, Any], url_base: str = "", annexe: bool = False) -> str:
    """The standalone page; `annexe` adds every definition at the end (the PDF's annex)."""
    contexte = _contexte(rapport, url_base, annexe)
    contexte["feuille_de_style"] = Markup(FEUILLE_DE_STYLE.read_text(encoding="utf-8"))  # noqa: S704 - our own file
    return environnement().get_template("rapports/rapport.html").render(contexte)


def fragment(rapport: dict[str, Any], url_base: str = "") -> Markup:
    """The body alone, for `{% block contenu %}` of the site's base.html (which must link
    /static/rapport.css: the site's CSP forbids inline styles)."""
    contexte = _contexte(rapport, url_base, annexe=False)
    return Markup(environnement().get_template("rapports/_corps.html").render(contexte))  # noqa: S704 - autoescaped template


def _contexte(rapport: dict[str, Any], url_base: str, annexe: bool) -> dict[str, Any]:
    contexte = vue(rapport, url_base.rstrip("/"))
    contexte["annexe_visible"] = annexe
    contexte["langue"] = langue()
    return contexte
