"""Every response carries the security headers (pages, fragments, static files, the API,
errors), the pages hold no inline script or style for the CSP to block, and the session cookie
has the right flags with and without HTTPS."""

import re
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb
from tests.web.outils import HTMX, connecter, lisible
from web.app import creer_app

GABARITS = Path(__file__).parents[2] / "web" / "templates"

REQUETES: list[tuple[str, str, dict[str, str], int]] = [
    ("GET", "/", {}, 200),
    ("GET", "/conseils/18", {}, 200),
    ("GET", "/conseils/18/historique?au=2026-03-01", {}, 200),
    ("GET", "/avis", {}, 200),
    ("GET", "/budget-participatif", HTMX, 200),  # an htmx fragment
    ("GET", "/connexion", {}, 200),
    ("GET", "/sante", {}, 200),
    ("GET", "/static/site.css", {}, 200),
    ("GET", "/static/vendor/htmx/htmx.min.js", {}, 200),
    ("GET", "/api/v1/openapi.json", {}, 200),
    ("GET", "/api/v1/rapports/annuels/2025", {}, 401),  # the API without its token
    ("GET", "/nulle-part", {}, 404),
    ("GET", "/conseils/18/adhesion", {}, 405),
    ("POST", "/conseils/18/adhesion", {}, 403),  # no CSRF token
]


def verifier_entetes(reponse: Any, https: bool = False) -> None:
    entetes = reponse.headers
    csp = dict(
        directive.strip().split(" ", 1)
        for directive in entetes["content-security-policy"].split(";")
    )
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert "unsafe" not in entetes["content-security-policy"]
    assert entetes["x-content-type-options"] == "nosniff"
    assert entetes["x-frame-options"] == "DENY"
    assert entetes["referrer-policy"] == "same-origin"
    assert "camera=()" in entetes["permissions-policy"]
    assert "geolocation=()" in entetes["permissions-policy"]
    assert entetes["cross-origin-opener-policy"] == "same-origin"
    if https:
        assert entetes["strict-transport-security"].startswith("max-age=31536000")
    else:
        assert "strict-transport-security" not in entetes


@pytest.mark.parametrize(("methode", "url", "entetes", "statut"), REQUETES)
def test_chaque_reponse_porte_les_entetes_de_securite(
    client: TestClient, methode: str, url: str, entetes: dict[str, str], statut: int
) -> None:
    reponse = client.request(methode, url, headers=entetes)

    assert reponse.status_code == statut, url
    verifier_entetes(reponse)


def test_une_erreur_serveur_porte_aussi_les_entetes(
    app_web: Starlette, plateforme_web: Plateforme, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plateforme_web.lecture, "resumes", lambda *a, **k: 1 / 0)
    with TestClient(app_web, raise_server_exceptions=False) as navigateur:
        panne = navigateur.get("/")

    assert panne.status_code == 500
    verifier_entetes(panne)


def test_en_https_le_navigateur_est_tenu_au_https_et_le_cookie_est_securise(
    plateforme_web: Plateforme,
) -> None:
    app = creer_app(plateforme=plateforme_web, https=True)
    with TestClient(app, base_url="https://testserver") as navigateur:
        pages = [navigateur.get(url) for url in ("/", "/static/site.css", "/nulle-part")]
        cookie = pages[0].headers["set-cookie"]

    for page in pages:
        verifier_entetes(page, https=True)
    assert cookie.startswith("__Host-participation_session=")
    drapeaux = [d.strip().lower() for d in cookie.split(";")[1:]]
    assert {"secure", "httponly", "samesite=lax", "path=/"} <= set(drapeaux)
    assert not any(d.startswith("domain=") for d in drapeaux)


def test_sans_https_le_cookie_n_est_pas_marque_secure(client: TestClient) -> None:
    cookie = client.get("/").headers["set-cookie"]

    assert cookie.startswith("participation_session=")
    drapeaux = {d.strip().lower() for d in cookie.split(";")[1:]}
    assert {"httponly", "samesite=lax", "path=/"} <= drapeaux
    assert "secure" not in drapeaux


def test_une_page_vue_connecte_n_est_pas_gardee_en_cache(
    client: TestClient, participant_web: object
) -> None:
    assert client.get("/compte").headers["cache-control"] == "no-store"
    assert "no-store" not in client.get("/static/site.css").headers.get("cache-control", "")


def test_aucun_gabarit_ne_contient_de_script_ou_de_style_en_ligne() -> None:
    """The CSP blocks inline code: none may hide in a template (the standalone report,
    downloaded as a file and never served as a page of the site, is the exception)."""
    interdits = [
        (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "<script> sans src"),
        (re.compile(r"\son[a-z]+\s*=", re.I), "attribut on…="),
        (re.compile(r"\bhx-on", re.I), "hx-on"),
        (re.compile(r"javascript:", re.I), "javascript:"),
        (re.compile(r"\sstyle\s*=", re.I), "attribut style="),
        (re.compile(r"<style", re.I), "<style>"),
    ]
    trouves = [
        f"{gabarit.relative_to(GABARITS)} : {libelle}"
        for gabarit in GABARITS.rglob("*.html")
        if gabarit.relative_to(GABARITS).as_posix() != "rapports/rapport.html"
        for motif, libelle in interdits
        if motif.search(gabarit.read_text())
    ]
    assert trouves == []


def test_htmx_n_injecte_pas_de_style_et_n_evalue_rien(client: TestClient) -> None:
    html = client.get("/").text
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html)

    assert config, "la configuration de htmx manque"
    assert '"includeIndicatorStyles": false' in config.group(1)
    assert '"allowEval": false' in config.group(1)
    feuille = client.get("/static/site.css").text
    assert ".htmx-indicator { display: none; }" in feuille
    assert ".htmx-request .htmx-indicator" in feuille


def test_le_refus_429_a_les_entetes_et_un_delai(client: TestClient) -> None:
    page = client.get("/connexion")
    jeton = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert jeton
    for _ in range(6):
        reponse = client.post(
            "/connexion",
            data={"csrf": jeton.group(1), "email": "x@exemple.fr", "mot_de_passe": "non"},
        )

    assert reponse.status_code == 429
    assert "Trop de tentatives de connexion" in lisible(reponse.text)
    assert int(reponse.headers["retry-after"]) > 0
    verifier_entetes(reponse)


def test_le_rapport_html_autonome_est_telecharge_et_non_affiche_dans_le_site(
    client: TestClient, comptes_web: ComptesWeb
) -> None:
    """Its inline style would be blocked by the CSP as a page of the site."""
    connecter(client, comptes_web("Agent Ville", "agent_ville")[1])

    fichier = client.get("/rapports/annuel?annee=2026&conseil=18&format=html&vue=fichier")

    assert fichier.status_code == 200
    assert fichier.headers["content-disposition"].startswith("attachment;")
    assert fichier.headers["content-disposition"].endswith('.html"')
    assert "<style>" in fichier.text
