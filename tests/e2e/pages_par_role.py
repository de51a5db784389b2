"""Every HTML page each kind of user reaches in the browser tests' data, and how to find them.

`PAGES` lists, per role, the pages of web/app.py that role can open (path templates filled from
`ServeurE2E`). Two checks keep it honest: every GET route is either somebody's page or listed in
`PAS_DES_PAGES` with the reason (JSON, files), and following the links of a role's pages reaches
no page of a route missing from its list (`explorer`).
"""

from collections import deque
from dataclasses import fields
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from starlette.routing import Match, Route

from tests.e2e.outils import ServeurE2E

if TYPE_CHECKING:
    from playwright.sync_api import APIRequestContext

ROLES = ("anonyme", "participant", "membre", "animateur", "agent", "admin")
"""`participant` has an account and joined no council; `membre` is in the 18th's assembly."""

_PUBLIQUES = (
    "/",
    "/accessibilite",
    "/aide",
    "/aide/convocations",
    "/aide/calendriers",
    "/aide/seances",
    "/aide/comptes-rendus",
    "/aide/documents",
    "/aide/quartiers",
    "/confidentialite",
    "/avis",
    "/budget-participatif",
    "/conseils/18",
    "/conseils/10",  # a council with nobody yet
    "/conseils/18/avis",
    "/conseils/18/budget-participatif",
    "/conseils/18/budget-participatif/deposer",
    "/conseils/18/documents",
    "/conseils/18/delegues",
    "/conseils/18/groupe-moteur",
    "/conseils/18/moyens",
    "/conseils/18/reglement",
    "/conseils/18/historique",
    "/conseils/18/historique?au=2026-11-17",
    "/conseils/18/journal",
    "/conseils/18/journal?page=2",
    "/conseils/18/rapports",
    "/conseils/18/rapports/2026",
    "/donnees-ouvertes",
    "/instances",
    "/journal/points-de-controle",
    "/seances/{seance_passee}",
    "/seances/{seance_future}",
    "/tirages/{tirage_effectue}",
    "/tirages/{tirage_annonce}",
    "/avis/{avis_transmis}",
    "/budget-participatif/{proposition}",
    "/budget-participatif/{proposition_avancee}",
)
_CONNECTEES = (
    *_PUBLIQUES,
    "/compte",
    "/compte/effacement",
    "/notifications",
)
_RAPPORTS = (
    "/rapports",
    "/rapports/annuel?annee=2026&conseil=18&format=html",  # the report shown in the site
    "/rapports/annuel?annee=2026&conseil=&format=html",  # Paris and the eight councils
)
PAGES: dict[str, tuple[str, ...]] = {
    "anonyme": (*_PUBLIQUES, "/connexion", "/inscription"),
    "participant": _CONNECTEES,
    "membre": (*_CONNECTEES, "/avis/{avis_brouillon}"),
    "animateur": (
        *_CONNECTEES,
        "/avis/{avis_brouillon}",
        "/seances/{seance_passee}/presences?q=bin",  # the attendance sheet searched, without JS
    ),
    "agent": (*_CONNECTEES, *_RAPPORTS),
    "admin": (*_CONNECTEES, *_RAPPORTS, "/admin/comptes"),
}

PAS_DES_PAGES = {
    "/sante": "plain text for the load balancer",
    "/sante/pret": "plain text for the load balancer (readiness)",
    "/journal/points-de-controle.json": "JSON list of the checkpoints, for a copy kept elsewhere",
    "/favicon.ico": "the site's icon",
    "/seances/{seance_id}/feuille-emargement.pdf": "the printable sign-in sheet, a PDF",
    "/seances/{seance_id}/compte-rendu.pdf": "the printable minutes of a séance, a PDF",
    "/source": "a zip archive of the source code",
    "/langue/{code}": "the language switch: sets the choice, then back to the page (303)",
    "/compte/donnees.json": "the person's data, a JSON download",
    "/api/v1/openapi.json": "JSON API",
    "/api/v1/rapports/annuels/{annee}": "JSON API",
    "/api/v1/rapports/annuels/{annee}/conseils/{arrondissement}": "JSON API",
    "/tirages/verificateur_autonome.py": "a Python script to download",
    "/tirages/{tirage_id}/resultat": "the live result's fragment, polled by htmx",
    "/tirages/{tirage_id}/annonce.json": "JSON document of the announcement",
    "/tirages/{tirage_id}/enregistrement.json": "JSON document of the draw",
    "/rapports/archives/{annee}/{arrondissement}/{format}": "an archived report download",
    "/conseils/{arrondissement}/calendrier.ics": "a council's iCalendar feed",
    "/seances/{seance_id}/calendrier.ics": "one séance as an iCalendar file",
    "/calendrier/{secret}.ics": "a person's private iCalendar feed, at a secret address",
    "/documents/{document_id}": "a council's document, a file download (PDF, image, office)",
    "/donnees-ouvertes/dictionnaire.json": "the open data's dictionary, JSON",
    "/donnees-ouvertes/catalogue.jsonld": "the DCAT catalogue of the open data, JSON-LD",
    "/donnees-ouvertes/{annee}/{arrondissement}/{fichier}": "an open-data file, CSV or JSON",
}


def chemin_concret(modele: str, serveur: ServeurE2E) -> str:
    valeurs = {f.name: getattr(serveur, f.name) for f in fields(serveur)}
    return modele.format(**valeurs)


def routes_get() -> list[Route]:
    from web.app import ROUTES

    return [r for r in ROUTES if isinstance(r, Route) and r.methods and "GET" in r.methods]


def motif_de_route(chemin: str) -> str | None:
    """The route of web/app.py that answers GET `chemin` (its path template), if any."""
    portee = {"type": "http", "method": "GET", "path": urlsplit(chemin).path}
    for route in routes_get():
        correspondance, _ = route.matches(portee)
        if correspondance == Match.FULL:
            return route.path
    return None


class _Liens(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.liens: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.liens.append(href)


def explorer(requete: "APIRequestContext", base: str, depart: list[str]) -> dict[str, str]:
    """Follow the links of the pages in `depart` (same site, GET, HTML answers): every page
    reached, as {path: route template}. Each route is opened at most three times (the data is
    small, but a long list of séances or avis must not make the walk long)."""
    vus: set[str] = set()
    atteintes: dict[str, str] = {}
    par_route: dict[str, int] = {}
    file = deque(depart)
    while file:
        chemin = file.popleft()
        if chemin in vus:
            continue
        vus.add(chemin)
        motif = motif_de_route(chemin)
        if motif is None or motif in PAS_DES_PAGES or par_route.get(motif, 0) >= 3:
            continue
        par_route[motif] = par_route.get(motif, 0) + 1
        reponse = requete.get(base + chemin, max_redirects=0)
        if reponse.status != 200 or "text/html" not in reponse.headers.get("content-type", ""):
            continue
        atteintes[chemin] = motif
        analyse = _Liens()
        analyse.feed(reponse.text())
        for href in analyse.liens:
            lien = urlsplit(urljoin(base + chemin, href))
            if lien.netloc != urlsplit(base).netloc or lien.path.startswith("/static/"):
                continue
            file.append(lien.path + (f"?{lien.query}" if lien.query else ""))
    return atteintes
