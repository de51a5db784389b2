"""A participant joins and leaves the open assembly of the 18th in a real browser.

htmx must update the member count in place: a marker set on `window` before submitting
survives only if the page was not reloaded.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from domaine.quartiers import HORS_QPV
from tests.e2e.outils import ServeurE2E, se_connecter

pytestmark = pytest.mark.browser


def _total(page: Page) -> int:
    return int(page.locator("#total-assemblee").inner_text().strip())


def test_rejoindre_puis_quitter_l_assemblee_sans_recharger(
    page_e2e: Page, serveur_e2e: ServeurE2E
) -> None:
    page = page_e2e
    navigations: list[str] = []
    page.on("framenavigated", lambda f: navigations.append(f.url) if f == page.main_frame else None)

    se_connecter(page, serveur_e2e, serveur_e2e.participant, suite="/conseils/18")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Conseil citoyen du 18")
    page.wait_for_function("() => window.htmx !== undefined")
    avant = _total(page)

    formulaire = page.locator("#adhesion form")
    formulaire.locator("#adhesion-college-habitant").check()
    formulaire.locator("#adhesion-genre").select_option("femme")
    formulaire.locator("#adhesion-tranche_age").select_option("25_39")
    quartiers = formulaire.locator("#adhesion-quartier option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    quartier = next(q for q in quartiers if q and q != HORS_QPV)
    formulaire.locator("#adhesion-quartier").select_option(quartier)
    formulaire.locator("#adhesion-eligible").check()

    page.evaluate("window.__marqueur = 1")
    navigations.clear()
    formulaire.get_by_role("button", name=re.compile("Rejoindre l'assemblée")).click()

    expect(page.locator("#total-assemblee")).to_have_text(str(avant + 1))
    expect(page.locator("#adhesion")).to_contain_text("Bienvenue dans l'assemblée ouverte")
    expect(page.get_by_role("button", name="Quitter l'assemblée")).to_be_visible()
    assert page.evaluate("window.__marqueur") == 1, "la page a été rechargée"
    assert navigations == []
    assert page.url == f"{serveur_e2e.url}/conseils/18"

    page.get_by_role("button", name="Quitter l'assemblée").click()

    expect(page.locator("#total-assemblee")).to_have_text(str(avant))
    expect(page.locator("#adhesion")).to_contain_text("Vous avez quitté l'assemblée ouverte")
    expect(page.get_by_role("button", name=re.compile("Rejoindre l'assemblée"))).to_be_visible()
    assert page.evaluate("window.__marqueur") == 1, "la page a été rechargée"
    assert navigations == []

    # A full reload shows the same count: the change was recorded, not only displayed.
    page.reload()
    expect(page.locator("#total-assemblee")).to_have_text(str(avant))
