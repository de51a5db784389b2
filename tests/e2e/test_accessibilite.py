"""axe-core finds no WCAG 2.1 A/AA violation on the main pages, forms included."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.e2e.outils import ServeurE2E, se_connecter

pytestmark = pytest.mark.browser

OPTIONS_AXE = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

# name -> (path, attribute of the signed-in account on `ServeurE2E`, or None: anonymous)
PAGES = {
    "accueil": ("/", None),
    "conseil-anonyme": ("/conseils/18", None),
    "conseil-participant": ("/conseils/18", "participant"),  # the join form
    "conseil-animateur": ("/conseils/18", "animateur"),  # planning form, members table
    "seance-tenue-animateur": ("/seances/{seance_passee}", "animateur"),  # attendance sheet
    "seance-a-venir-animateur": ("/seances/{seance_future}", "animateur"),  # rescheduling
    "connexion": ("/connexion", None),
    "inscription": ("/inscription", None),
    "mon-compte": ("/compte", "membre"),
    "reglement-animateur": ("/conseils/18/reglement", "animateur"),  # deposit form
    "reglement-agent": ("/conseils/18/reglement", "agent"),  # conformity, carrying structure
    "administration": ("/admin/comptes", "admin"),  # role forms
    "historique": ("/conseils/18/historique?au=2026-11-17", None),
    "journal-conseil": ("/conseils/18/journal", None),  # table, pagination links
    "journal-points-de-controle": ("/journal/points-de-controle", None),
    "conseil-membre": ("/conseils/18", "membre"),  # volunteering for the groupe moteur
    "groupe-moteur-anonyme": ("/conseils/18/groupe-moteur", None),
    # targets, announcement (quotas, list upload), acceptances and exits per member
    "groupe-moteur-animateur": ("/conseils/18/groupe-moteur", "animateur"),
    "tirage-effectue": ("/tirages/{tirage_effectue}", None),  # selection, substitutes
    "tirage-annonce-animateur": ("/tirages/{tirage_annonce}", "animateur"),  # live, draw form
    "avis-paris": ("/avis", None),
    "avis-paris-agent": ("/avis", "agent"),  # filters incl. "the ones I answer"
    "avis-conseil-membre": ("/conseils/18/avis", "membre"),  # drafting form
    "avis-conseil-animateur": ("/conseils/18/avis", "animateur"),  # answer delay
    "avis-conseil-agent": ("/conseils/18/avis", "agent"),  # saisine form
    "avis-brouillon-animateur": ("/avis/{avis_brouillon}", "animateur"),  # vote, withdrawal
    "avis-brouillon-membre": ("/avis/{avis_brouillon}", "membre"),  # new version
    "avis-transmis-agent": ("/avis/{avis_transmis}", "agent"),  # acknowledgement, answer
    "notifications": ("/notifications", "agent"),
    "rapports-agent": ("/rapports", "agent"),  # produce, archive, duties forms
    "compte-agent": ("/compte", "agent"),  # API tokens
    "budget-liste": ("/budget-participatif", None),  # filters
    "budget-liste-conseil": ("/conseils/18/budget-participatif", None),
    "budget-depot": ("/conseils/18/budget-participatif/deposer", "participant"),  # filing form
    "budget-proposition-anonyme": ("/budget-participatif/{proposition}", None),
    "budget-proposition-participant": ("/budget-participatif/{proposition}", "participant"),
    # lifecycle forms (recevable, irrecevable, merge), then (realisee, abandonnee)
    "budget-proposition-agent": ("/budget-participatif/{proposition}", "agent"),
    "budget-avancee-agent": ("/budget-participatif/{proposition_avancee}", "agent"),
    # moderation of comments, backing by a decision
    "budget-proposition-animateur": ("/budget-participatif/{proposition}", "animateur"),
    "accessibilite": ("/accessibilite", None),
    "confidentialite": ("/confidentialite", None),  # register of processing activities
    "effacement-compte": ("/compte/effacement", "participant"),  # confirmation form
    "page-introuvable": ("/conseils/99", None),
}


@pytest.mark.parametrize("nom", list(PAGES))
def test_aucune_violation_wcag(page_e2e: Page, serveur_e2e: ServeurE2E, nom: str) -> None:
    chemin, qui = PAGES[nom]
    if qui is not None:
        se_connecter(page_e2e, serveur_e2e, getattr(serveur_e2e, qui))
    chemin = chemin.format(
        seance_passee=serveur_e2e.seance_passee,
        seance_future=serveur_e2e.seance_future,
        tirage_effectue=serveur_e2e.tirage_effectue,
        tirage_annonce=serveur_e2e.tirage_annonce,
        avis_brouillon=serveur_e2e.avis_brouillon,
        avis_transmis=serveur_e2e.avis_transmis,
        proposition=serveur_e2e.proposition,
        proposition_avancee=serveur_e2e.proposition_avancee,
    )
    page_e2e.goto(serveur_e2e.url + chemin)
    # Tools folded in <details> (planning, minutes, decisions) are checked too.
    page_e2e.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")

    resultats = Axe().run(page_e2e, options=OPTIONS_AXE)

    assert resultats.response["passes"], "axe-core n'a rien vérifié"
    assert resultats.violations_count == 0, resultats.generate_report()


def test_la_seance_tenue_montre_la_feuille_de_presence(
    page_e2e: Page, serveur_e2e: ServeurE2E
) -> None:
    """Guards the accessibility test above: it must see the attendance sheet."""
    se_connecter(page_e2e, serveur_e2e, serveur_e2e.animateur)
    page_e2e.goto(f"{serveur_e2e.url}/seances/{serveur_e2e.seance_passee}")
    feuille = page_e2e.get_by_role("table", name="Feuille de présence")
    assert feuille.count() == 1
    assert serveur_e2e.membre.nom in feuille.inner_text()
