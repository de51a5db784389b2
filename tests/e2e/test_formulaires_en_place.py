"""In Chromium, at 1280 and 375 px: the joining form refuses unanswered questions next to each
of them, focus goes to the summary, then to the confirmation after joining and leaving (htmx
swaps); the council, account, administration and reports pages never scroll sideways, the
council's statistics table fits, and axe finds nothing in the refused states either."""

import re
from collections.abc import Iterator
from itertools import count

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.e2e.outils import MOT_DE_PASSE_E2E, CompteE2E, ServeurE2E, se_connecter

pytestmark = pytest.mark.browser

OPTIONS_AXE = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
LARGEURS = (1280, 375)
_numeros = count(1)


@pytest.fixture(params=LARGEURS, ids=lambda largeur: f"{largeur}px")
def page_large(request: pytest.FixtureRequest, navigateur: Browser) -> Iterator[Page]:
    contexte = navigateur.new_context(
        locale="fr-FR", viewport={"width": request.param, "height": 900}
    )
    contexte.set_default_timeout(10_000)
    try:
        yield contexte.new_page()
    finally:
        contexte.close()


def nouveau_compte(serveur: ServeurE2E) -> CompteE2E:
    """A person of their own, so that joining here never meets another test's membership."""
    numero = next(_numeros)
    email = f"nouvelle{numero}@example.org"
    compte_id, position = serveur.plateforme.comptes.inscrire(
        f"Nouvelle Personne {numero}", email, MOT_DE_PASSE_E2E
    )
    serveur.plateforme.projecteur.attendre(position)
    return CompteE2E(f"Nouvelle Personne {numero}", email, compte_id)


def sans_violation(page: Page) -> None:
    resultats = Axe().run(page, options=OPTIONS_AXE)
    assert resultats.violations_count == 0, resultats.generate_report()


def sans_defilement_lateral(page: Page) -> None:
    largeur = page.evaluate("document.documentElement.scrollWidth")
    assert largeur <= page.viewport_size["width"], f"{page.url} : {largeur} px"  # type: ignore[index]


def focus(page: Page) -> str:
    return str(page.evaluate("document.activeElement.id || document.activeElement.className"))


def test_rejoindre_sans_repondre_puis_rejoindre_et_quitter_au_clavier_des_yeux(
    page_large: Page, serveur_e2e: ServeurE2E
) -> None:
    page = page_large
    se_connecter(page, serveur_e2e, nouveau_compte(serveur_e2e), suite="/conseils/18")
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("window.__marqueur = 1")

    page.locator("#adhesion-eligible").check()
    page.get_by_role("button", name=re.compile("Rejoindre l'assemblée")).click()

    expect(page.locator("#erreurs-adhesion")).to_contain_text("4 réponses manquent")
    for champ, debut in (
        ("college", "Choisissez votre collège"),
        ("genre", "Choisissez votre genre"),
        ("tranche_age", "Choisissez votre tranche d'âge"),
        ("quartier", "Choisissez votre quartier"),
    ):
        expect(page.locator(f"#erreur-adhesion-{champ}")).to_contain_text(debut)
    expect(page.locator("#adhesion-genre")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#adhesion-eligible")).to_be_checked()
    page.wait_for_function("() => document.activeElement.id === 'erreurs-adhesion'")
    assert page.evaluate("window.__marqueur") == 1, "la page a été rechargée"
    sans_defilement_lateral(page)
    sans_violation(page)

    page.locator("#erreurs-adhesion a[href='#adhesion-genre']").click()
    expect(page.locator("#adhesion-genre")).to_be_focused()
    page.locator("#adhesion-genre").select_option("ne_se_prononce_pas")
    page.locator("#adhesion-college-habitant").check()
    page.locator("#adhesion-tranche_age").select_option("ne_se_prononce_pas")
    page.locator("#adhesion-quartier").select_option("hors_qpv")
    page.get_by_role("button", name=re.compile("Rejoindre l'assemblée")).click()

    confirmation = page.locator("#adhesion .note.succes")
    expect(confirmation).to_have_text("Bienvenue dans l'assemblée ouverte !")
    expect(confirmation).to_be_focused()
    expect(page.locator("#depart-motif")).to_have_value("")  # « Sans motif »

    page.get_by_role("button", name="Quitter l'assemblée").click()
    confirmation = page.locator("#adhesion .note.succes")
    expect(confirmation).to_have_text("Vous avez quitté l'assemblée ouverte.")
    expect(confirmation).to_be_focused()
    assert page.evaluate("window.__marqueur") == 1, "la page a été rechargée"


@pytest.mark.parametrize(
    ("chemin", "qui"),
    [
        ("/", None),
        ("/conseils/18", "membre"),
        ("/conseils/18", "animateur"),
        ("/conseils/18/reglement", "agent"),
        ("/conseils/18/historique?au=2026-11-17", None),
        ("/compte", "agent"),
        ("/rapports", "agent"),
        ("/admin/comptes", "admin"),
    ],
)
def test_aucune_page_ne_defile_sur_le_cote(
    page_large: Page, serveur_e2e: ServeurE2E, chemin: str, qui: str | None
) -> None:
    page = page_large
    if qui is not None:
        se_connecter(page, serveur_e2e, getattr(serveur_e2e, qui))
    page.goto(serveur_e2e.url + chemin)

    sans_defilement_lateral(page)
    if chemin == "/conseils/18":
        # The statistics fit: their region needs no scrolling of its own.
        region = page.locator("#effectifs .defilement")
        assert region.evaluate("r => r.scrollWidth <= r.clientWidth"), "tableau coupé"
        # Side by side at 1280 px, "Participer" on the left; first at 375 px.
        assert page.evaluate(
            """() => {
                const a = document.querySelector('#adhesion').getBoundingClientRect();
                const e = document.querySelector('#effectifs').getBoundingClientRect();
                return a.top < e.top || (a.top === e.top && a.left < e.left);
            }"""
        ), "« Participer » doit précéder les statistiques"


def test_une_date_refusee_et_un_bilan_refuse_restent_accessibles(
    page_large: Page, serveur_e2e: ServeurE2E
) -> None:
    page = page_large
    page.goto(f"{serveur_e2e.url}/conseils/18/historique?au=2030-01-01")
    expect(page.locator("#erreur-historique-au")).to_contain_text("Choisissez un jour passé")
    expect(page.locator("#historique-au")).to_have_value("2030-01-01")
    sans_defilement_lateral(page)
    sans_violation(page)

    se_connecter(page, serveur_e2e, serveur_e2e.agent, suite="/rapports")
    page.wait_for_function("() => window.htmx !== undefined")
    formulaire = page.locator("#formulaire-bilan")
    formulaire.locator("#bilan-annee").select_option("2026")
    formulaire.locator("#bilan-presente_le").fill("2026-11-10")
    formulaire.get_by_role("button", name="Enregistrer la présentation").click()

    expect(page.locator("#erreur-bilan-arrondissement")).to_have_text(
        "Choisissez le conseil citoyen."
    )
    expect(page.locator("#bilan-presente_le")).to_have_value("2026-11-10")
    expect(page.locator("#erreurs-bilan")).to_be_focused()
    sans_defilement_lateral(page)
    sans_violation(page)
