"""Convocations in a real browser: an animatrice plans a séance, the job runs, a member signs
in, sees the unread count in the header, opens the notifications page and reads the
convocation, then marks it read in place; on a small and a wide screen, without sideways
scrolling, and axe finds nothing."""

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from stockage.messagerie import MessagerieMemoire
from tests.e2e.outils import MOT_DE_PASSE_E2E, CompteE2E, ServeurE2E, se_connecter
from tests.e2e.test_accessibilite import OPTIONS_AXE

pytestmark = pytest.mark.browser


@pytest.fixture
def page_membre(navigateur: Browser, serveur_e2e: ServeurE2E) -> Iterator[Page]:
    contexte = navigateur.new_context(locale="fr-FR", viewport={"width": 375, "height": 800})
    contexte.set_default_timeout(10_000)
    try:
        yield contexte.new_page()
    finally:
        contexte.close()


def _sans_defilement_lateral_ni_violation(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    resultats = Axe().run(page, options=OPTIONS_AXE)
    assert resultats.violations_count == 0, resultats.generate_report()


def test_une_seance_planifiee_convoque_le_membre_qui_lit_sa_convocation(
    page_e2e: Page, page_membre: Page, serveur_e2e: ServeurE2E
) -> None:
    p = serveur_e2e.plateforme
    compte_id, _ = p.comptes.inscrire("Lina Convoquée", "lina@example.org", MOT_DE_PASSE_E2E)
    p.projecteur.attendre(
        p.assemblee.rejoindre(
            p.comptes.acteur(compte_id), 18, "habitant", "femme", "25_39", "hors_qpv", eligible=True
        )
    )
    membre = CompteE2E("Lina Convoquée", "lina@example.org", compte_id)

    # The animatrice plans a séance through the form.
    animatrice = page_e2e
    se_connecter(animatrice, serveur_e2e, serveur_e2e.animateur, suite="/conseils/18")
    animatrice.get_by_text("Planifier une séance", exact=True).click()
    animatrice.fill("#planifier-date", "2027-02-10T18:30")
    animatrice.fill("#planifier-lieu", "Salle Saint-Bruno")
    animatrice.fill("#planifier-ordre_du_jour", "Propreté des rues")
    animatrice.get_by_role("button", name="Planifier la séance").click()
    animatrice.wait_for_url(f"{serveur_e2e.url}/seances/*")

    # The scheduled job runs (here by hand, on the server's platform).
    boite = MessagerieMemoire()
    messagerie, p.convocations.messagerie = p.convocations.messagerie, boite
    try:
        p.convocations.envoyer()
    finally:
        p.convocations.messagerie = messagerie
    (courriel,) = [c for c in boite.envoyes if c.a == "lina@example.org"]
    assert "Date : mercredi 10 février 2027 à 18 h 30 (heure de Paris)" in courriel.corps

    # On a small screen: the count is on the folded menu's button.
    page = page_membre
    se_connecter(page, serveur_e2e, membre)
    bouton_menu = page.locator("summary", has_text="Menu")
    expect(bouton_menu).to_contain_text("1 notification non lue")
    _sans_defilement_lateral_ni_violation(page)
    bouton_menu.click()
    page.get_by_role("link", name="Notifications 1 non lue").click()
    page.wait_for_url(f"{serveur_e2e.url}/notifications")
    convocation = page.locator(".notification").first
    expect(convocation).to_contain_text("Non lue")
    expect(convocation).to_contain_text(
        "Convocation : le conseil citoyen du 18e se réunit le mercredi 10 février 2027 à "
        "18 h 30, Salle Saint-Bruno."
    )
    _sans_defilement_lateral_ni_violation(page)

    # On a wide screen: the member marks it read in place, then reads the séance.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function("() => window.htmx !== undefined")
    expect(page.locator("#non-lues-lien")).to_have_text("1 non lue")
    page.evaluate("window.__marqueur = 1")
    convocation.get_by_role("button", name="Marquer comme lu").click()
    etat = page.locator(".notification .etat-lecture").first
    expect(etat).to_have_text("Lue")
    expect(etat).to_be_focused()
    expect(page.locator("#non-lues-lien")).to_have_text("")
    assert page.evaluate("window.__marqueur") == 1, "la page a été rechargée"
    _sans_defilement_lateral_ni_violation(page)
    page.get_by_role("link", name="Convocation : le conseil citoyen du 18e").first.click()
    expect(page.locator("h1")).to_contain_text("Séance")
    expect(page.locator("main")).to_contain_text("Salle Saint-Bruno")
