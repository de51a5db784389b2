"""Budget participatif in a real browser: supporting updates the count in place, and a form
with invalid input comes back with its message linked to the field, still accessible.

As in test_parcours.py, a marker set on `window` survives only if the page was not reloaded.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.outils import ServeurE2E, se_connecter
from tests.e2e.test_accessibilite import OPTIONS_AXE

pytestmark = pytest.mark.browser


def test_soutenir_une_proposition_change_le_compte_sans_recharger(
    page_e2e: Page, serveur_e2e: ServeurE2E
) -> None:
    page = page_e2e
    chemin = f"/budget-participatif/{serveur_e2e.proposition}"
    navigations: list[str] = []
    page.on("framenavigated", lambda f: navigations.append(f.url) if f == page.main_frame else None)

    se_connecter(page, serveur_e2e, serveur_e2e.participant, suite=chemin)
    page.wait_for_function("() => window.htmx !== undefined")
    compte = page.locator("#nombre-soutiens")
    avant = int(compte.inner_text())
    page.evaluate("window.__marqueur = 1")
    navigations.clear()

    page.get_by_role("button", name="Soutenir cette proposition").focus()
    page.keyboard.press("Enter")

    expect(compte).to_have_text(str(avant + 1))
    statut = page.locator("#soutien [role=status]")
    expect(statut).to_have_text("Merci pour votre soutien !")
    expect(statut).to_be_focused()  # the updated region's message, read out
    assert page.evaluate("window.__marqueur") == 1, "la page a été rechargée"
    assert navigations == []

    page.keyboard.press("Tab")  # from the message, the next control is the new button
    expect(page.get_by_role("button", name="Retirer mon soutien")).to_be_focused()
    page.keyboard.press("Enter")

    expect(compte).to_have_text(str(avant))
    expect(page.locator("#soutien [role=status]")).to_be_focused()
    expect(page.get_by_role("button", name="Soutenir cette proposition")).to_be_visible()
    assert page.evaluate("window.__marqueur") == 1, "la page a été rechargée"
    assert navigations == []
    page.reload()
    expect(page.locator("#nombre-soutiens")).to_have_text(str(avant))


def test_un_depot_invalide_revient_en_place_avec_le_message_lie_au_champ(
    page_e2e: Page, serveur_e2e: ServeurE2E
) -> None:
    page = page_e2e
    p = serveur_e2e.plateforme
    se_connecter(
        page, serveur_e2e, serveur_e2e.participant, "/conseils/18/budget-participatif/deposer"
    )
    page.wait_for_function("() => window.htmx !== undefined")
    page.fill("#depot-titre", "Des bancs sur la place")
    page.fill("#depot-description", "Pour s'asseoir à l'ombre.")
    page.select_option("#depot-quartier", "hors_qpv")
    page.check("#depot-theme-cadre_de_vie")
    page.fill("#depot-cout", "beaucoup")
    avant = p.registre.position()
    page.evaluate("window.__marqueur = 1")

    page.get_by_role("button", name="Déposer la proposition").click()

    erreur = page.locator("#erreur-depot-cout")
    expect(erreur).to_contain_text("nombre entier d'euros")
    expect(page.locator("#depot-cout")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#erreurs-depot")).to_be_focused()
    expect(page.locator("#depot-titre")).to_have_value("Des bancs sur la place")
    assert page.evaluate("window.__marqueur") == 1, "la page a été rechargée"
    assert p.registre.position() == avant
    resultats = Axe().run(page, options=OPTIONS_AXE)
    assert resultats.violations_count == 0, resultats.generate_report()


def test_filtrer_la_liste_remplace_les_resultats_et_l_adresse_sans_recharger(
    page_e2e: Page, serveur_e2e: ServeurE2E
) -> None:
    page = page_e2e
    page.goto(f"{serveur_e2e.url}/budget-participatif")
    page.wait_for_function("() => window.htmx !== undefined")
    resultats = page.locator("#resultats")
    # What residents can still support comes first; the others are one choice away.
    expect(resultats).to_contain_text("Un jardin partagé rue Léon")
    expect(resultats).not_to_contain_text("Rénover le terrain de basket")
    expect(resultats).to_contain_text("Les soutiens sont clos pour 1 autre proposition")
    page.evaluate("window.__marqueur = 1")

    page.select_option("#filtre-statut", "toutes")

    expect(resultats).to_contain_text("Rénover le terrain de basket")
    page.locator("#filtre-statut").focus()
    page.select_option("#filtre-statut", "en_realisation")

    expect(resultats).not_to_contain_text("Un jardin partagé rue Léon")
    expect(resultats).to_contain_text("Rénover le terrain de basket")
    expect(page.locator("#annonce-resultats")).to_have_text(
        "1 proposition au statut « En réalisation »."
    )
    expect(page.locator("#filtre-statut")).to_be_focused()  # a filter keeps the focus
    assert "statut=en_realisation" in page.url
    assert page.evaluate("window.__marqueur") == 1, "la page a été rechargée"


def test_les_filtres_tiennent_dans_un_petit_ecran(page_e2e: Page, serveur_e2e: ServeurE2E) -> None:
    page = page_e2e
    page.set_viewport_size({"width": 375, "height": 800})
    for chemin in ("/budget-participatif", "/conseils/18/budget-participatif"):
        page.goto(f"{serveur_e2e.url}{chemin}")
        largeur = page.evaluate("document.documentElement.scrollWidth")
        assert largeur <= 375, f"{chemin} : {largeur} px de large"
        boite = page.locator("form.filtres").bounding_box()
        assert boite is not None and boite["x"] + boite["width"] <= 375
