"""The council's documents in a real browser: the animatrice deposits a file in the library
(a script named .pdf is refused next to the file field, the title kept), the PDF then appears
in the list and downloads under its title; on a small and a wide screen, without sideways
scrolling, and axe finds nothing."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.outils import ServeurE2E, se_connecter
from tests.e2e.test_accessibilite import OPTIONS_AXE
from tests.fichiers_d_essai import PDF, SCRIPT_DEGUISE

pytestmark = pytest.mark.browser


def _sans_defilement_lateral_ni_violation(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    resultats = Axe().run(page, options=OPTIONS_AXE)
    assert resultats.violations_count == 0, resultats.generate_report()


@pytest.mark.parametrize("largeur", [375, 1280])
def test_l_animatrice_depose_un_document_que_chacun_telecharge(
    page_e2e: Page, serveur_e2e: ServeurE2E, largeur: int
) -> None:
    page = page_e2e
    page.set_viewport_size({"width": largeur, "height": 900})
    se_connecter(page, serveur_e2e, serveur_e2e.animateur, suite="/conseils/18/documents")
    page.wait_for_function("() => window.htmx !== undefined")
    titre = f"Compte rendu affiché ({largeur} px)"

    page.fill("#depot-titre", titre)
    page.select_option("#depot-nature", "compte_rendu")
    page.set_input_files(
        "#depot-fichier",
        {"name": "compte-rendu.pdf", "mimeType": "application/pdf", "buffer": SCRIPT_DEGUISE},
    )
    page.get_by_role("button", name="Déposer").click()
    expect(page.locator("#depot-fichier")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#formulaire-depot")).to_contain_text("Choisissez de nouveau le fichier")
    expect(page.locator("#depot-titre")).to_have_value(titre)
    _sans_defilement_lateral_ni_violation(page)

    page.set_input_files(
        "#depot-fichier",
        {"name": "compte-rendu.pdf", "mimeType": "application/pdf", "buffer": PDF},
    )
    page.get_by_role("button", name="Déposer").click()
    lien = page.get_by_role("link", name=titre)
    expect(lien).to_be_visible()
    _sans_defilement_lateral_ni_violation(page)

    with page.expect_download() as attente:
        lien.click()
    telechargement = attente.value
    assert telechargement.suggested_filename.endswith(".pdf")
    assert telechargement.suggested_filename.count(".") == 1
    chemin = telechargement.path()
    assert chemin is not None and chemin.read_bytes() == PDF
