"""The animateur's attendance sheet in a real browser, with the keyboard only, at 1280 and
375 px: search as you type, one line toggled in place with the focus kept on it, a paper
sheet entered by its line numbers."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.outils import ServeurE2E, se_connecter

pytestmark = pytest.mark.browser


def _swap_fini(page: Page) -> None:
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )


def _actif(page: Page) -> str:
    return str(page.evaluate("document.activeElement.id"))


@pytest.mark.parametrize("largeur", [1280, 375])
def test_la_feuille_de_presence_se_parcourt_au_clavier(
    page_e2e: Page, serveur_e2e: ServeurE2E, largeur: int
) -> None:
    page = page_e2e
    page.set_viewport_size({"width": largeur, "height": 900})
    se_connecter(page, serveur_e2e, serveur_e2e.animateur)
    url = f"{serveur_e2e.url}/seances/{serveur_e2e.seance_passee}"
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    membre = serveur_e2e.membre.nom  # "Bintou Camara"

    # Search as you type: the results follow, the focus stays in the field, the URL too.
    page.focus("#feuille-q")
    page.keyboard.type("zzz")
    expect(page.locator("#feuille-resultats")).to_contain_text("Aucun membre ne correspond")
    # (other tests of the session may add members to the sheet: count them, do not assume one)
    expect(page.locator("#feuille-statut")).to_have_text(re.compile(r"^0 ligne sur \d+\.$"))
    for _ in range(3):
        page.keyboard.press("Backspace")
    page.keyboard.type("bint")
    expect(page).to_have_url(re.compile(r"\?q=bint$"))
    expect(page.locator("#feuille-resultats tbody tr")).to_have_count(1)
    page.wait_for_load_state("networkidle")  # no search still on its way to replace the lines
    _swap_fini(page)
    assert _actif(page) == "feuille-q"

    # Tab through the filters to the line's button, press it: the line is swapped, the focus
    # stays on its button, the count above says it.
    for attendu in ("feuille-college", "feuille-etat"):
        page.keyboard.press("Tab")
        assert _actif(page) == attendu
    page.keyboard.press("Tab")  # "Filtrer"
    page.keyboard.press("Tab")  # the scrollable table region
    page.keyboard.press("Tab")
    bouton = _actif(page)
    assert bouton.startswith("presence-")
    page.keyboard.press("Enter")
    expect(page.locator(f"#{bouton}")).to_have_attribute(
        "aria-label", f"{membre}, présent·e : marquer absent·e"
    )
    expect(page.locator(f"#{bouton}")).to_be_focused()
    expect(page.locator("#presences-compte")).to_contain_text(f"{membre} : présent·e.")
    expect(page.locator("#nombre-presents")).to_have_text("1")
    page.keyboard.press("Enter")  # and back: absent again
    expect(page.locator(f"#{bouton}")).to_have_attribute(
        "aria-label", f"{membre}, absent·e : marquer présent·e"
    )
    expect(page.locator(f"#{bouton}")).to_be_focused()
    _swap_fini(page)  # htmx gives the focus back to the line's button when the swap settles

    # A paper sheet: open the tool, type the line numbers, send; the confirmation takes the focus.
    numero = bouton.removeprefix("presence-")
    page.focus("#saisie-papier summary")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert _actif(page) == "saisie-lignes"
    page.keyboard.type(f"{numero}, 999")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#erreur-saisie-lignes")).to_contain_text("999")
    _swap_fini(page)
    expect(page.locator("#erreurs-saisie")).to_be_focused()  # the summary, which links to the field
    expect(page.locator("#saisie-lignes")).to_have_value(f"{numero}, 999")
    page.fill("#saisie-lignes", numero)
    page.focus("#saisie-lignes")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    confirmation = page.locator("#presences .note.succes")
    expect(confirmation).to_contain_text(f"n° {numero} {membre}")
    expect(confirmation).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # Leave the séance as it was for the other tests.
    page.goto(url + "?q=bint")
    page.click(f"#{bouton}")
    expect(page.locator(f"#{bouton}")).to_have_text("Absent·e")


def test_une_date_passee_pour_planifier_mene_a_l_enregistrement_apres_coup(
    page_e2e: Page, serveur_e2e: ServeurE2E
) -> None:
    """The refusal is read first (the summary takes the focus), its link leads to the field,
    the field's message leads to the late-recording form, filled in; axe finds nothing."""
    from axe_playwright_python.sync_playwright import Axe

    page = page_e2e
    se_connecter(page, serveur_e2e, serveur_e2e.animateur, suite="/conseils/18")
    page.get_by_text("Planifier une séance", exact=True).click()
    page.fill("#planifier-date", "2026-11-10T18:30")
    page.fill("#planifier-lieu", "Salle Saint-Bruno")
    page.fill("#planifier-ordre_du_jour", "Propreté")
    page.get_by_role("button", name="Planifier la séance").click()

    expect(page.locator("#erreur-planifier-date")).to_contain_text("dans le futur")
    expect(page.locator("#erreurs-planifier")).to_be_focused()
    expect(page.locator("#planifier-date")).to_have_attribute("aria-invalid", "true")
    page.locator("#erreur-planifier-date a").click()
    assert _actif(page) == "apres-coup-date"
    expect(page.locator("#apres-coup-date")).to_have_value("2026-11-10T18:30")
    expect(page.locator("#apres-coup-lieu")).to_have_value("Salle Saint-Bruno")
    resultats = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    assert resultats.violations_count == 0, resultats.generate_report()
