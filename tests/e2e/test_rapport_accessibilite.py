"""The standalone HTML report in Chromium: axe-core finds no WCAG 2.1 A/AA violation, with its
tables, definitions and SVG charts (the e2e data give small, hence masked, head counts)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from domaine.temps import annee_a_paris
from rapports.formats import rendre
from tests.e2e.outils import ServeurE2E
from tests.e2e.test_accessibilite import OPTIONS_AXE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("arrondissement", [18, None], ids=["18e", "paris"])
def test_le_rapport_html_n_a_aucune_violation_wcag(
    page_e2e: Page, serveur_e2e: ServeurE2E, arrondissement: int | None
) -> None:
    p = serveur_e2e.plateforme
    annee = annee_a_paris(p.registre.maintenant())
    rapport = p.rapports.annuel(annee, arrondissement)
    page_e2e.set_content(rendre(rapport, "html").decode())

    assert page_e2e.locator("svg[role=img]").count() > 0
    assert page_e2e.locator(".rapport-masque").count() > 0  # small groups shown "< 5"
    resultats = Axe().run(page_e2e, options=OPTIONS_AXE)

    assert resultats.response["passes"], "axe-core n'a rien vérifié"
    assert resultats.violations_count == 0, resultats.generate_report()
