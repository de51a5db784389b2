"""The strict Content-Security-Policy holds in a real browser: browsing and htmx swaps (a
support in place, a filtered list) cause no violation, and htmx injects no <style>."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.outils import ServeurE2E, se_connecter

pytestmark = pytest.mark.browser

ECOUTE = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
    (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


def test_naviguer_et_agir_avec_htmx_ne_viole_pas_la_politique_de_securite(
    page_e2e: Page, serveur_e2e: ServeurE2E
) -> None:
    page = page_e2e
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.add_init_script(ECOUTE)
    violations: list[str] = []

    def relever() -> None:
        violations.extend(page.evaluate("window.__violations"))
        assert page.evaluate("document.querySelectorAll('style').length") == 0, page.url

    chemin = f"/budget-participatif/{serveur_e2e.proposition}"
    se_connecter(page, serveur_e2e, serveur_e2e.participant, suite=chemin)
    page.wait_for_function("() => window.htmx !== undefined")
    page.get_by_role("button", name="Soutenir cette proposition").click()
    expect(page.locator("#soutien")).to_contain_text("Merci pour votre soutien")
    relever()

    for url in ("/", "/conseils/18", "/avis", "/conseils/18/groupe-moteur", "/budget-participatif"):
        page.goto(serveur_e2e.url + url)
        page.wait_for_function("() => window.htmx !== undefined")
        relever()
    page.locator("form.filtres select").first.select_option(index=1)
    page.wait_for_load_state("networkidle")
    relever()

    assert violations == []
    assert [m for m in console if "Content Security Policy" in m] == []
