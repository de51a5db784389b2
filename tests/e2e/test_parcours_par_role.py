"""Each kind of user's main journey in Chromium, at 1280 px and at 375 px: a resident, an
animateur, an agent of the Ville, an administrator; and the resident's journey again with the
keyboard alone.

Each journey also makes the mistakes people make (a password typed twice differently, a form
with only the attestation ticked, a séance dated in the past, votes left empty, a link that is
not an address, a role without its council): the error must show next to its field with what
was typed kept. At every screen the witness checks that nothing scrolls sideways, that axe
finds no WCAG 2.1 A/AA violation and that the console stays clean.
"""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.outils import MOT_DE_PASSE_E2E, ServeurE2E, se_connecter
from tests.e2e.parcours import Temoin, choisir_au_clavier, focus_sur

pytestmark = pytest.mark.browser

LARGEURS = [1280, 375]


@pytest.fixture(params=LARGEURS, ids=lambda largeur: f"{largeur}px")
def largeur(request: pytest.FixtureRequest) -> int:
    valeur: int = request.param
    return valeur


@pytest.fixture
def page(navigateur: Browser, largeur: int) -> Iterator[Page]:
    contexte = navigateur.new_context(
        locale="fr-FR", viewport={"width": largeur, "height": 900}, accept_downloads=True
    )
    contexte.set_default_timeout(15_000)
    une_page = contexte.new_page()
    try:
        yield une_page
    finally:
        contexte.close()


def _ouvrir_le_menu_si_replie(page: Page) -> None:
    menu = page.locator("header details")
    if menu.count() and menu.locator("summary").is_visible() and not menu.get_attribute("open"):
        menu.locator("summary").click()


def test_une_habitante_s_inscrit_rejoint_son_conseil_soutient_et_cosigne(
    page: Page, serveur_e2e: ServeurE2E, largeur: int
) -> None:
    temoin = Temoin(page)
    url = serveur_e2e.url
    page.goto(url + "/")
    page.wait_for_function("() => window.htmx !== undefined")
    temoin.verifier("accueil")

    # Signing up: the confirmation typed differently is refused next to it, the rest kept.
    _ouvrir_le_menu_si_replie(page)
    page.get_by_role("link", name="Créer un compte").click()
    email = f"habitante.{largeur}@exemple.fr"
    page.fill("#inscription-nom", f"Habitante {largeur}")
    page.fill("#inscription-email", email)
    page.fill("#inscription-mot_de_passe", MOT_DE_PASSE_E2E)
    page.fill("#inscription-confirmation", MOT_DE_PASSE_E2E + "x")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.locator("#erreur-inscription-confirmation")).to_contain_text("ne correspondent pas")
    expect(page.locator("#inscription-email")).to_have_value(email)
    expect(page.locator("#inscription-mot_de_passe")).to_have_value("")
    temoin.verifier("inscription refusée")
    page.fill("#inscription-mot_de_passe", MOT_DE_PASSE_E2E)
    page.fill("#inscription-confirmation", MOT_DE_PASSE_E2E)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.locator("#messages")).to_contain_text("Votre compte est créé")

    # Joining the 18th: nothing is answered for her; ticking only the attestation is refused.
    page.goto(url + "/conseils/18")
    page.wait_for_function("() => window.htmx !== undefined")
    adhesion = page.locator("#adhesion")
    for choix in ("#adhesion-genre", "#adhesion-tranche_age", "#adhesion-quartier"):
        expect(adhesion.locator(choix)).to_have_value("")
    expect(adhesion.locator("input[name=college]:checked")).to_have_count(0)
    temoin.verifier("conseil, avant d'adhérer")
    adhesion.locator("#adhesion-eligible").check()
    adhesion.get_by_role("button", name=re.compile("Rejoindre l'assemblée")).click()
    for champ in ("college", "genre", "tranche_age", "quartier"):
        expect(page.locator(f"#erreur-adhesion-{champ}")).to_be_visible()
    expect(page.locator("#adhesion-eligible")).to_be_checked()
    temoin.verifier("adhésion refusée")
    adhesion = page.locator("#adhesion")
    adhesion.locator("#adhesion-college-habitant").check()
    adhesion.locator("#adhesion-genre").select_option("ne_se_prononce_pas")
    adhesion.locator("#adhesion-tranche_age").select_option("40_59")
    adhesion.locator("#adhesion-quartier").select_option("hors_qpv")
    adhesion.get_by_role("button", name=re.compile("Rejoindre l'assemblée")).click()
    confirmation = page.locator("#adhesion [role=status]")
    expect(confirmation).to_contain_text("Bienvenue")
    expect(confirmation).to_be_focused()
    temoin.verifier("adhésion faite")

    # Supporting a proposal of the budget participatif, from the list of those still open.
    page.goto(url + "/conseils/18/budget-participatif")
    temoin.verifier("propositions ouvertes au soutien")
    page.locator(f"a[href='/budget-participatif/{serveur_e2e.proposition}']").first.click()
    page.wait_for_function("() => window.htmx !== undefined")
    compte = page.locator("#nombre-soutiens")
    avant = int(compte.inner_text())
    page.get_by_role("button", name="Soutenir cette proposition").click()
    expect(compte).to_have_text(str(avant + 1))
    expect(page.locator("#soutien [role=status]")).to_be_focused()
    temoin.verifier("proposition soutenue")

    # Co-signing the draft avis of a neighbour, then changing her mind.
    page.goto(f"{url}/avis/{serveur_e2e.avis_brouillon}")
    page.wait_for_function("() => window.htmx !== undefined")
    page.get_by_role("button", name=re.compile("^Cosigner")).click()
    expect(page.locator("#cosignature [role=status]")).to_be_focused()
    page.get_by_role("button", name="Retirer ma cosignature").click()
    expect(page.locator("#cosignature [role=status]")).to_be_focused()
    temoin.verifier("cosignature retirée")


def test_une_habitante_rejoint_son_conseil_au_clavier_seulement(
    page: Page, serveur_e2e: ServeurE2E, largeur: int
) -> None:
    """No mouse: Tab, Shift+Tab, arrows, Space and Enter only, from the home page (at 375 px the
    header menu is opened from the keyboard too)."""
    temoin = Temoin(page)
    clavier = page.keyboard
    page.goto(serveur_e2e.url + "/")
    page.wait_for_function("() => window.htmx !== undefined")

    if page.locator("header details summary").is_visible():
        focus_sur(page, "header details summary")
        clavier.press("Enter")
    focus_sur(page, "a[href^='/inscription']")
    clavier.press("Enter")
    page.wait_for_url(re.compile(r"/inscription"))
    focus_sur(page, "#inscription-nom")
    clavier.type(f"Clavier {largeur}")
    clavier.press("Tab")
    clavier.type(f"clavier.{largeur}@exemple.fr")
    clavier.press("Tab")
    focus_sur(page, "#inscription-mot_de_passe")
    clavier.type(MOT_DE_PASSE_E2E)
    clavier.press("Tab")
    clavier.type(MOT_DE_PASSE_E2E)
    clavier.press("Enter")
    expect(page.locator("#messages")).to_contain_text("Votre compte est créé")
    temoin.verifier("compte créé au clavier")

    focus_sur(page, "main a[href='/conseils/18']")
    clavier.press("Enter")
    page.wait_for_url(re.compile(r"/conseils/18$"))
    page.wait_for_function("() => window.htmx !== undefined")

    # A first try with the attestation alone: the summary takes the focus, its links lead on.
    focus_sur(page, "#adhesion-eligible")
    clavier.press("Space")
    focus_sur(page, "#adhesion button[type=submit]")
    clavier.press("Enter")
    resume = page.locator("#erreurs-adhesion")
    expect(resume).to_be_focused()
    temoin.verifier("adhésion refusée, au clavier")

    focus_sur(page, "#adhesion-college-habitant")
    clavier.press("Space")
    choisir_au_clavier(page, "#adhesion-genre", "femme")
    choisir_au_clavier(page, "#adhesion-tranche_age", "25_39")
    choisir_au_clavier(page, "#adhesion-quartier", "hors_qpv")
    expect(page.locator("#adhesion-eligible")).to_be_checked()
    focus_sur(page, "#adhesion button[type=submit]")
    clavier.press("Enter")
    confirmation = page.locator("#adhesion [role=status]")
    expect(confirmation).to_contain_text("Bienvenue")
    expect(confirmation).to_be_focused()
    temoin.verifier("adhésion faite au clavier")

    focus_sur(page, "#adhesion button.secondaire")  # Quitter l'assemblée
    clavier.press("Enter")
    expect(page.locator("#adhesion [role=status]")).to_contain_text("Vous avez quitté")
    expect(page.locator("#adhesion [role=status]")).to_be_focused()


def test_un_animateur_planifie_une_seance_et_enregistre_celle_deja_tenue(
    page: Page, serveur_e2e: ServeurE2E, largeur: int
) -> None:
    temoin = Temoin(page)
    se_connecter(page, serveur_e2e, serveur_e2e.animateur, suite="/conseils/18")
    page.wait_for_function("() => window.htmx !== undefined")
    temoin.verifier("conseil, animateur")

    # A séance held this afternoon, typed into the planning form: refused next to the date, with
    # the way to record it after the fact.
    page.get_by_text("Planifier une séance").click()
    lieu = f"Centre social Belliard ({largeur} px)"
    page.fill("#planifier-date", "2026-11-17T16:30")
    page.fill("#planifier-lieu", lieu)
    page.fill("#planifier-ordre_du_jour", "1. Propreté du square")
    page.get_by_role("button", name="Planifier la séance").click()
    expect(page.locator("#erreur-planifier-date")).to_contain_text("futur")
    expect(page.locator("#planifier-lieu")).to_have_value(lieu)
    temoin.verifier("planification refusée")

    page.locator("#erreur-planifier-date a").click()
    expect(page.locator("#apres-coup-lieu")).to_have_value(lieu)
    expect(page.locator("#apres-coup-date")).to_have_value("2026-11-17T16:30")
    page.get_by_role("button", name="Enregistrer la séance tenue").click()
    page.wait_for_url(re.compile(r"/seances/[0-9a-f-]{36}$"))
    expect(page.locator("main")).to_contain_text("après coup")
    page.wait_for_function("() => window.htmx !== undefined")
    temoin.verifier("séance enregistrée après coup")

    # Its attendance, found by searching the sheet, then a decision (votes first forgotten).
    page.fill("#feuille-q", serveur_e2e.membre.nom.split()[0])
    ligne = page.locator("#feuille-resultats tr", has_text=serveur_e2e.membre.nom)
    expect(ligne).to_have_count(1)
    ligne.get_by_role("button").click()
    expect(page.locator("#nombre-presents")).to_have_text("1")
    page.get_by_text("Enregistrer une décision").click()
    page.fill("#decision-texte", "Demander deux poubelles de plus au square")
    page.locator("#decisions form").get_by_role("button").last.click()
    expect(page.locator("#decisions .erreur-champ").first).to_be_visible()
    expect(page.locator("#decision-texte")).to_have_value(
        "Demander deux poubelles de plus au square"
    )
    temoin.verifier("décision refusée")
    for champ, valeur in (("pour", "12"), ("contre", "2"), ("abstention", "1")):
        page.fill(f"#decision-{champ}", valeur)
    page.locator("#decisions form").get_by_role("button").last.click()
    expect(page.locator("#decisions table")).to_contain_text("Demander deux poubelles")
    temoin.verifier("décision enregistrée")


def test_une_agente_de_la_ville_repond_a_un_avis_et_telecharge_un_rapport(
    page: Page, serveur_e2e: ServeurE2E, largeur: int
) -> None:
    temoin = Temoin(page)
    se_connecter(page, serveur_e2e, serveur_e2e.agent, suite=f"/avis/{serveur_e2e.avis_transmis}")
    page.wait_for_function("() => window.htmx !== undefined")
    temoin.verifier("avis transmis, agente")

    reponse = f"La Ville installera un point de collecte ({largeur} px)."
    if not page.locator("#reponse-texte").is_visible():  # answered already: "Répondre de nouveau"
        page.locator("summary", has_text="Répondre").click()
    page.fill("#reponse-texte", reponse)
    page.fill("#reponse-liens", "pas une adresse")
    page.locator("#formulaire-reponse button[type=submit]").click()
    expect(page.locator("#erreur-reponse-liens")).to_be_visible()
    expect(page.locator("#reponse-texte")).to_have_value(reponse)
    temoin.verifier("réponse refusée")
    page.fill("#reponse-liens", "https://www.paris.fr/propre")
    page.locator("#formulaire-reponse button[type=submit]").click()
    expect(page.locator("#messages")).to_contain_text("Réponse enregistrée.")
    expect(page.locator("main")).to_contain_text(reponse)
    temoin.verifier("réponse publiée")

    _ouvrir_le_menu_si_replie(page)
    page.get_by_role("link", name="Rapports").click()
    temoin.verifier("rapports")
    page.select_option("#rapport-annee", "2026")
    page.select_option("#rapport-conseil", "18")
    page.select_option("#rapport-format", "pdf")
    with page.expect_download() as telechargement:
        page.get_by_role("button", name="Produire le rapport").click()
    assert telechargement.value.suggested_filename == "rapport-annuel-2026-18e.pdf"


def test_un_administrateur_trouve_un_compte_et_lui_donne_un_role(
    page: Page, serveur_e2e: ServeurE2E, largeur: int
) -> None:
    temoin = Temoin(page)
    se_connecter(page, serveur_e2e, serveur_e2e.admin, suite="/admin/comptes")
    temoin.verifier("administration")
    nom = serveur_e2e.participant.nom
    page.fill("#recherche-q", nom)
    page.get_by_role("button", name="Rechercher").click()
    ligne = page.locator("tr", has_text=nom)
    expect(ligne).to_have_count(1)
    temoin.verifier("compte trouvé")

    # An animateur's role without its council is refused next to the council's field.
    ligne.locator("select[name=role]").select_option("animateur")
    ligne.get_by_role("button", name=re.compile("^Attribuer")).click()
    ligne = page.locator("tr", has_text=nom)
    expect(ligne.locator(".erreur-champ")).to_be_visible()
    expect(ligne.locator("select[name=role]")).to_have_value("animateur")
    temoin.verifier("rôle refusé")
    ligne.locator("select[name=arrondissement]").select_option(str(19 if largeur > 400 else 20))
    ligne.get_by_role("button", name=re.compile("^Attribuer")).click()
    expect(page.locator("#messages")).to_contain_text("Rôle attribué")
    expect(page.locator("tr", has_text=nom)).to_contain_text("Animateur")
    temoin.verifier("rôle attribué")
