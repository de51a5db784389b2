"""Avis in a real browser: co-signing and withdrawing one's co-signature update the signatories
in place, the focus landing on the announced message; a form refused comes back in place."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.outils import MOT_DE_PASSE_E2E, CompteE2E, ServeurE2E, se_connecter
from tests.e2e.test_accessibilite import OPTIONS_AXE

pytestmark = pytest.mark.browser


def _nouveau_membre(serveur: ServeurE2E, nom: str, email: str) -> CompteE2E:
    """A member of the 18e's assembly made for this test (the shared accounts stay as they are)."""
    p = serveur.plateforme
    compte_id, _ = p.comptes.inscrire(nom, email, MOT_DE_PASSE_E2E)
    qui = p.comptes.acteur(compte_id)
    p.projecteur.attendre(
        p.assemblee.rejoindre(qui, 18, "habitant", "homme", "25_39", "hors_qpv", eligible=True)
    )
    return CompteE2E(nom, email, compte_id)


def test_cosigner_puis_retirer_sa_cosignature_sans_recharger_le_focus_sur_le_message(
    page_e2e: Page, serveur_e2e: ServeurE2E
) -> None:
    page = page_e2e
    p = serveur_e2e.plateforme
    autrice = p.comptes.acteur(serveur_e2e.membre.compte_id)
    avis_id, position = p.avis.rediger(
        autrice, 18, "auto_saisine", "Des bancs rue Myrha", "Le conseil demande…", "ville"
    )
    p.projecteur.attendre(position)
    voisin = _nouveau_membre(serveur_e2e, "Ilyes Voisin", "ilyes@example.org")
    chemin = f"/avis/{avis_id}"
    se_connecter(page, serveur_e2e, voisin, suite=chemin)
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("window.__marqueur = 1")

    page.get_by_role("button", name="Cosigner ce projet d'avis").click()

    message = page.locator("#cosignature [role=status]")
    expect(message).to_have_text("Vous cosignez ce projet d'avis.")
    expect(message).to_be_focused()
    expect(page.locator("#nombre-signataires")).to_have_text("2")

    page.get_by_role("button", name="Retirer ma cosignature").click()

    expect(page.locator("#cosignature [role=status]")).to_have_text(
        "Votre cosignature est retirée."
    )
    expect(page.locator("#cosignature [role=status]")).to_be_focused()
    expect(page.locator("#nombre-signataires")).to_have_text("1")
    assert page.evaluate("window.__marqueur") == 1, "la page a été rechargée"
    resultats = Axe().run(page, options=OPTIONS_AXE)
    assert resultats.violations_count == 0, resultats.generate_report()


def test_une_reponse_invalide_revient_en_place_avec_ce_qui_a_ete_tape(
    page_e2e: Page, serveur_e2e: ServeurE2E
) -> None:
    page = page_e2e
    p = serveur_e2e.plateforme
    se_connecter(page, serveur_e2e, serveur_e2e.agent, suite=f"/avis/{serveur_e2e.avis_transmis}")
    page.wait_for_function("() => window.htmx !== undefined")
    page.fill("#reponse-texte", "La Ville renforce le nettoyage.")
    page.fill("#reponse-liens", "ftp://paris.fr/plan.pdf")
    avant = p.registre.position()
    page.evaluate("window.__marqueur = 1")

    page.get_by_role("button", name="Enregistrer la réponse").click()

    expect(page.locator("#erreur-reponse-liens")).to_contain_text("adresse http(s) attendue")
    expect(page.locator("#reponse-liens")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#erreurs-reponse")).to_be_focused()
    expect(page.locator("#reponse-texte")).to_have_value("La Ville renforce le nettoyage.")
    assert page.evaluate("window.__marqueur") == 1, "la page a été rechargée"
    assert p.registre.position() == avant
    resultats = Axe().run(page, options=OPTIONS_AXE)
    assert resultats.violations_count == 0, resultats.generate_report()
