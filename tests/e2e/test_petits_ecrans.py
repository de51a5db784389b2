"""Every page fits the screen, at 375 px (a small phone) and at 1280 px, for each kind of user,
with no error in the browser console (a 404 or a refused resource included); the header menu
folds into a "Menu" disclosure on small screens that works with the keyboard."""

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Browser, Page, expect

from langues import LANGUES
from tests.e2e.outils import ServeurE2E, se_connecter
from tests.e2e.pages_par_role import (
    PAGES,
    PAS_DES_PAGES,
    ROLES,
    chemin_concret,
    explorer,
    motif_de_route,
    routes_get,
)

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

pytestmark = pytest.mark.browser

LARGEURS = (375, 1280)

DEBORDEMENTS_CONNUS: dict[tuple[str, str], str] = {}
"""(role, page template) -> why it still scrolls sideways at 375 px: a template another part of
issue 11 owns must change. Each is a strict xfail, so it shows up when fixed."""


def _cas() -> Iterator[Any]:
    for role in ROLES:
        for modele in PAGES[role]:
            raison = DEBORDEMENTS_CONNUS.get((role, modele))
            marques = [pytest.mark.xfail(strict=True, reason=raison)] if raison else []
            yield pytest.param(role, modele, id=f"{role}-{modele}", marks=marques)


@pytest.fixture(scope="module")
def contextes(navigateur: Browser, serveur_e2e: ServeurE2E) -> Iterator[dict[str, Any]]:
    """A browser context per role, signed in once through the real form (cookies kept)."""
    ouverts: dict[str, BrowserContext] = {}
    try:
        for role in ROLES:
            contexte = navigateur.new_context(
                locale="fr-FR", viewport={"width": 1280, "height": 800}
            )
            contexte.set_default_timeout(10_000)
            ouverts[role] = contexte
            if role != "anonyme":
                page = contexte.new_page()
                se_connecter(page, serveur_e2e, getattr(serveur_e2e, role))
                page.close()
        yield ouverts
    finally:
        for contexte in ouverts.values():
            contexte.close()


@pytest.fixture
def page_de(contextes: dict[str, "BrowserContext"]) -> Iterator[Any]:
    """`page_de(role)`: a new tab in the role's context, closed after the test."""
    pages: list[Page] = []

    def ouvrir(role: str, largeur: int = 1280) -> Page:
        page = contextes[role].new_page()
        page.set_viewport_size({"width": largeur, "height": 800})
        pages.append(page)
        return page

    yield ouvrir
    for page in pages:
        page.close()


def _surveiller(page: Page) -> list[str]:
    """Console errors (404s and CSP refusals are logged there too), script errors, and any
    request of the page answered with an error."""
    erreurs: list[str] = []
    page.on("console", lambda m: erreurs.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: erreurs.append(str(e)))
    page.on(
        "response",
        lambda r: erreurs.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    page.on("requestfailed", lambda r: erreurs.append(f"échec {r.url} {r.failure}"))
    return erreurs


def _debordements(page: Page) -> list[str]:
    """What sticks out to the right of the window, outermost elements first (for the message)."""
    return page.evaluate(
        """() => {
      const w = window.innerWidth, out = [];
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect(), p = el.parentElement.getBoundingClientRect();
        if (r.right > w + 1 && r.width > 0 && p.right <= w + 1) {
          out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`
            + `${typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : ''}`
            + ` jusqu'à ${Math.round(r.right)} px`);
        }
      }
      return out.slice(0, 5);
    }"""
    )


@pytest.mark.parametrize(("role", "modele"), list(_cas()))
def test_la_page_tient_dans_l_ecran_sans_erreur(
    serveur_e2e: ServeurE2E, page_de: Any, role: str, modele: str
) -> None:
    """Loaded at 1280 px, then narrowed to 375 px: CSS lays the page out again, as a fresh load
    at that width would (no script changes the layout), for half the page loads."""
    page = page_de(role)
    erreurs = _surveiller(page)
    reponse = page.goto(serveur_e2e.url + chemin_concret(modele, serveur_e2e))
    assert reponse is not None and reponse.status == 200, reponse and reponse.status
    for largeur in sorted(LARGEURS, reverse=True):
        page.set_viewport_size({"width": largeur, "height": 800})
        largeur_du_document = page.evaluate("document.documentElement.scrollWidth")
        assert largeur_du_document <= largeur, (largeur, _debordements(page))
    assert erreurs == []


@pytest.mark.parametrize("role", ROLES)
def test_les_liens_ne_menent_qu_a_des_pages_verifiees(
    serveur_e2e: ServeurE2E, contextes: dict[str, "BrowserContext"], role: str
) -> None:
    """Following the links of a role's pages reaches no page the test above does not open."""
    depart = [chemin_concret(m, serveur_e2e) for m in PAGES[role]]
    atteintes = explorer(contextes[role].request, serveur_e2e.url, depart)
    verifiees = {motif_de_route(chemin_concret(m, serveur_e2e)) for m in PAGES[role]}
    oubliees = {chemin: motif for chemin, motif in atteintes.items() if motif not in verifiees}
    assert oubliees == {}


def test_chaque_route_get_est_une_page_verifiee_ou_n_est_pas_une_page() -> None:
    verifiees = {
        motif_de_route(modele.format_map(_Neutre())) for role in ROLES for modele in PAGES[role]
    }
    oubliees = [r.path for r in routes_get() if r.path not in verifiees | set(PAS_DES_PAGES)]
    assert oubliees == []
    assert set(PAS_DES_PAGES) <= {r.path for r in routes_get()}, "a route listed here is gone"


class _Neutre(dict[str, str]):
    """Fills a path template's placeholders with a well-formed UUID (routes match the form)."""

    def __missing__(self, cle: str) -> str:
        return "00000000-0000-4000-8000-000000000000"


def test_une_page_d_erreur_tient_dans_un_petit_ecran(serveur_e2e: ServeurE2E, page_de: Any) -> None:
    page = page_de("anonyme", 375)
    reponse = page.goto(f"{serveur_e2e.url}/conseils/18/une-page-qui-n-existe-pas")
    assert reponse is not None and reponse.status == 404
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_le_site_a_une_icone(navigateur: Browser, serveur_e2e: ServeurE2E) -> None:
    """The SVG declared by every page, and /favicon.ico, which browsers ask for anyway."""
    contexte = navigateur.new_context()
    try:
        svg = contexte.request.get(f"{serveur_e2e.url}/static/favicon.svg")
        assert svg.status == 200 and svg.headers["content-type"].startswith("image/svg+xml")
        ico = contexte.request.get(f"{serveur_e2e.url}/favicon.ico")
        assert ico.status == 200 and ico.body()[:4] == b"\x00\x00\x01\x00"  # an ICO file
        page = contexte.new_page()
        page.goto(serveur_e2e.url + "/")
        declarees = page.eval_on_selector_all(
            "link[rel~=icon]", "liens => liens.map(l => l.getAttribute('href'))"
        )
        assert "/static/favicon.svg" in declarees
        for href in declarees:
            assert contexte.request.get(serveur_e2e.url + href).status == 200, href
    finally:
        contexte.close()


@pytest.mark.parametrize("role", ["anonyme", "admin"])
def test_le_menu_se_replie_sur_un_petit_ecran_et_s_ouvre_au_clavier(
    serveur_e2e: ServeurE2E, page_de: Any, role: str
) -> None:
    page = page_de(role, 375)
    page.goto(serveur_e2e.url + "/avis")
    navigation = page.get_by_role("navigation", name="Navigation principale")
    bouton = navigation.locator("summary")
    lien = navigation.get_by_role("link", name="Budget participatif")
    expect(bouton).to_be_visible()
    expect(bouton).to_have_accessible_name("Menu")
    expect(lien).to_be_hidden()

    page.keyboard.press("Tab")  # "Aller au contenu"
    page.keyboard.press("Tab")  # the site's name
    for _langue in LANGUES:  # the language switch, under the site's name
        page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(bouton).to_be_focused()
    page.keyboard.press("Enter")
    expect(lien).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.keyboard.press("Tab")
    expect(navigation.get_by_role("link", name="Les conseils")).to_be_focused()
    if role == "admin":  # signing out stays at hand
        expect(navigation.get_by_role("button", name="Se déconnecter")).to_be_visible()

    page.keyboard.press("Shift+Tab")
    expect(bouton).to_be_focused()
    page.keyboard.press("Space")
    expect(lien).to_be_hidden()

    page.keyboard.press("Enter")
    for _ in range(3):
        page.keyboard.press("Tab")
    expect(lien).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{serveur_e2e.url}/budget-participatif")
    expect(bouton).to_be_visible()
    expect(lien).to_be_hidden()  # each page starts with the menu folded


def test_sur_un_grand_ecran_le_menu_est_deplie(serveur_e2e: ServeurE2E, page_de: Any) -> None:
    page = page_de("admin", 1280)
    page.goto(serveur_e2e.url + "/")
    navigation = page.get_by_role("navigation", name="Navigation principale")
    expect(navigation.locator("summary")).to_be_hidden()
    for nom in ("Les conseils", "Les avis", "Budget participatif", "Rapports", "Administration"):
        expect(navigation.get_by_role("link", name=nom)).to_be_visible()
    expect(navigation.get_by_role("button", name="Se déconnecter")).to_be_visible()
