"""Approved minutes in a real browser, at 1280 and 375 px: from the council page to a séance's
page, then the minutes' PDF downloaded, for an anonymous visitor and for a member; no
sideways scroll, axe clean."""

from datetime import timedelta
from uuid import UUID

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.outils import ServeurE2E, se_connecter
from tests.e2e.test_accessibilite import OPTIONS_AXE

pytestmark = pytest.mark.browser

TEXTE = "Trente personnes présentes. L'assemblée a choisi le jardin partagé de la rue Léon."


@pytest.fixture(scope="module")
def seance_approuvee(serveur_e2e: ServeurE2E) -> UUID:
    """A séance of the 18e held earlier today, its minutes approved by a séance held since
    (both recorded after the fact, so that the shared séances keep their decisions; the
    council opened on the platform this very day)."""
    p = serveur_e2e.plateforme
    animateur = p.comptes.acteur(serveur_e2e.animateur.compte_id)
    maintenant = p.registre.maintenant()
    tenue, _ = p.seances.enregistrer_apres_coup(
        animateur, 18, maintenant - timedelta(minutes=90), "Centre social Belleville", "Bilan."
    )
    p.seances.rediger_compte_rendu(animateur, tenue, None, TEXTE)
    votante, _ = p.seances.enregistrer_apres_coup(
        animateur, 18, maintenant - timedelta(minutes=30), "Mairie du 18e", "Comptes rendus."
    )
    p.projecteur.attendre(p.seances.voter_compte_rendu(animateur, votante, tenue, 1, 11, 0, 1))
    return tenue


def _sans_defilement_lateral(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("largeur", [1280, 375])
@pytest.mark.parametrize("lecteur", ["anonyme", "membre"])
def test_on_lit_le_compte_rendu_approuve_et_on_telecharge_son_pdf(
    page_e2e: Page,
    serveur_e2e: ServeurE2E,
    seance_approuvee: UUID,
    largeur: int,
    lecteur: str,
) -> None:
    page = page_e2e
    page.set_viewport_size({"width": largeur, "height": 900})
    if lecteur == "membre":
        se_connecter(page, serveur_e2e, serveur_e2e.membre, suite="/conseils/18")
    else:
        page.goto(f"{serveur_e2e.url}/conseils/18")
    _sans_defilement_lateral(page)
    lien_pdf = page.locator(f'a[href="/seances/{seance_approuvee}/compte-rendu.pdf"]')
    expect(lien_pdf).to_have_count(1)
    assert Axe().run(page, options=OPTIONS_AXE).violations_count == 0

    page.locator(f'a[href="/seances/{seance_approuvee}"]').click()
    page.wait_for_url(f"{serveur_e2e.url}/seances/{seance_approuvee}")
    section = page.locator("#compte-rendu")
    expect(section).to_contain_text("Approuvé")
    expect(section).to_contain_text(TEXTE)
    expect(section).to_contain_text("décision n° 1")
    _sans_defilement_lateral(page)
    resultats = Axe().run(page, options=OPTIONS_AXE)
    assert resultats.violations_count == 0, resultats.generate_report()

    with page.expect_download() as telechargement:
        section.get_by_role("link", name="Télécharger le compte rendu approuvé").click()
    fichier = telechargement.value
    assert fichier.suggested_filename.endswith(".pdf")
    assert fichier.suggested_filename.count(".pdf") == 1
    chemin = fichier.path()
    assert chemin is not None
    with open(chemin, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
