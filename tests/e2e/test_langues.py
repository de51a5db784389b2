"""Every resident can read it: a member joins a council in English and in Arabic (right to left,
nothing wider than a 375 px phone), axe finds no violation in any language, and the language
switch works with JavaScript off (plain links, the choice kept in a cookie)."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from domaine.quartiers import HORS_QPV
from langues import ANGLAIS, ARABE, FACILE_A_LIRE, LANGUES, Langue, gettext, parler
from tests.e2e.outils import MOT_DE_PASSE_E2E, CompteE2E, ServeurE2E

pytestmark = pytest.mark.browser

OPTIONS_AXE = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def dit(langue: Langue, francais: str) -> str:
    """What a French text of the catalogues reads in `langue`."""
    with parler(langue):
        return gettext(francais)


@contextmanager
def _page(navigateur: Browser, langue: Langue, largeur: int = 1280) -> Iterator[Page]:
    """A browser whose language is `langue` (its Accept-Language header), no cookie yet."""
    entete = {"en": "en-GB", "ar": "ar"}.get(langue.code, "fr-FR")
    contexte = navigateur.new_context(locale=entete, viewport={"width": largeur, "height": 900})
    contexte.set_default_timeout(10_000)
    try:
        yield contexte.new_page()
    finally:
        contexte.close()


def _se_connecter(page: Page, serveur: ServeurE2E, compte: CompteE2E, suite: str) -> None:
    page.goto(f"{serveur.url}/connexion?suite={suite}")
    page.fill("#connexion-email", compte.email)
    page.fill("#connexion-mot_de_passe", MOT_DE_PASSE_E2E)
    page.press("#connexion-mot_de_passe", "Enter")
    page.wait_for_url(f"{serveur.url}{suite}")


def _sans_defilement_lateral(page: Page) -> None:
    largeurs = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert largeurs[0] <= largeurs[1], f"la page défile de côté : {largeurs}"


@pytest.mark.parametrize("langue", [ANGLAIS, ARABE], ids=lambda langue: langue.code)
def test_un_membre_rejoint_le_conseil_dans_sa_langue(
    navigateur: Browser, serveur_e2e: ServeurE2E, langue: Langue
) -> None:
    with _page(navigateur, langue, largeur=375) as page:
        _se_connecter(page, serveur_e2e, serveur_e2e.participant, "/conseils/18")
        racine = page.locator("html")
        expect(racine).to_have_attribute("lang", langue.code)
        expect(racine).to_have_attribute("dir", langue.direction)
        quitter = dit(langue, "Quitter l'assemblée")
        assert quitter != "Quitter l'assemblée", "le texte n'est pas traduit"
        rejoindre = page.locator("#adhesion form button[type=submit]").inner_text()
        assert "Rejoindre" not in rejoindre
        _sans_defilement_lateral(page)
        page.wait_for_function("() => window.htmx !== undefined")

        formulaire = page.locator("#adhesion form")
        formulaire.locator("#adhesion-college-habitant").check()
        formulaire.locator("#adhesion-genre").select_option("femme")
        formulaire.locator("#adhesion-tranche_age").select_option("25_39")
        quartiers = formulaire.locator("#adhesion-quartier option").evaluate_all(
            "options => options.map(o => o.value)"
        )
        formulaire.locator("#adhesion-quartier").select_option(
            next(q for q in quartiers if q and q != HORS_QPV)
        )
        formulaire.locator("#adhesion-eligible").check()
        formulaire.locator("button[type=submit]").click()

        expect(page.get_by_role("button", name=quitter)).to_be_visible()
        _sans_defilement_lateral(page)
        if langue.direction == "rtl":  # the layout is mirrored: the text starts on the right
            alignement = page.evaluate("() => getComputedStyle(document.body).direction")
            assert alignement == "rtl"

        page.get_by_role("button", name=quitter).click()
        expect(page.get_by_role("button", name=rejoindre)).to_be_visible()


PAGES_D_HABITANT = {
    "accueil": "/",
    "conseil": "/conseils/18",
    "budget": "/budget-participatif",
    "proposition": "/budget-participatif/{proposition}",
    "seance": "/seances/{seance_future}",
    "confidentialite": "/confidentialite",
    "connexion": "/connexion",
    "inscription": "/inscription",
}


@pytest.mark.parametrize("langue", [ANGLAIS, ARABE, FACILE_A_LIRE], ids=lambda langue: langue.code)
@pytest.mark.parametrize("nom", list(PAGES_D_HABITANT))
def test_aucune_violation_wcag_dans_chaque_langue(
    navigateur: Browser, serveur_e2e: ServeurE2E, langue: Langue, nom: str
) -> None:
    with _page(navigateur, langue, largeur=375) as page:
        page.goto(f"{serveur_e2e.url}/langue/{langue.code}")
        chemin = PAGES_D_HABITANT[nom].format(
            proposition=serveur_e2e.proposition, seance_future=serveur_e2e.seance_future
        )
        page.goto(serveur_e2e.url + chemin)
        expect(page.locator("html")).to_have_attribute("lang", langue.code)
        _sans_defilement_lateral(page)

        resultats = Axe().run(page, options=OPTIONS_AXE)

        assert resultats.response["passes"], "axe-core n'a rien vérifié"
        assert resultats.violations_count == 0, resultats.generate_report()


def test_le_choix_de_langue_marche_sans_javascript(
    navigateur: Browser, serveur_e2e: ServeurE2E
) -> None:
    contexte = navigateur.new_context(locale="fr-FR", java_script_enabled=False)
    contexte.set_default_timeout(10_000)
    try:
        page = contexte.new_page()
        page.goto(f"{serveur_e2e.url}/conseils/18")
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        liens = page.locator("nav.langues a[hreflang]")
        assert sorted(liens.evaluate_all("ls => ls.map(l => l.hreflang)")) == sorted(
            langue.code for langue in LANGUES
        )

        page.locator("nav.langues a[hreflang=ar]").click()

        assert page.url == f"{serveur_e2e.url}/conseils/18"  # the same page, in Arabic
        expect(page.locator("html")).to_have_attribute("lang", "ar")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        page.goto(f"{serveur_e2e.url}/budget-participatif")  # the choice is kept
        expect(page.locator("html")).to_have_attribute("lang", "ar")

        page.locator("nav.langues a[hreflang=fr]").click()
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        expect(page.locator("html")).to_have_attribute("dir", "ltr")
    finally:
        contexte.close()
