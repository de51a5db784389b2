"""The room watches the draw: the public page of a tirage shows the result without reloading,
as soon as the animateur enters the randomness in another browser."""

import re
from datetime import timedelta
from pathlib import Path
from uuid import UUID

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.outils import ServeurE2E, liste_pseudonyme, se_connecter

pytestmark = pytest.mark.browser


def test_la_salle_voit_le_resultat_apparaitre(
    page_e2e: Page, navigateur: Browser, serveur_e2e: ServeurE2E
) -> None:
    p = serveur_e2e.plateforme
    animateur = p.comptes.acteur(serveur_e2e.animateur.compte_id)
    # The announced tirage of the fixture holds the only vacant seat: free one for this draw.
    sortant = p.lecture.membres_groupe_moteur(18)[0].membre_id
    p.groupe_moteur.faire_sortir(animateur, 18, sortant, "demission", remplacer=False)
    avant = {m.membre_id for m in p.lecture.membres_groupe_moteur(18)} - {sortant}
    tirage_id, position = p.groupe_moteur.annoncer_tirage(
        animateur,
        18,
        p.groupe_moteur.quotas_proposes(18),
        "quatre dés",
        [],
        liste_pseudonyme("direct", 40, "hors_qpv"),
        hasard_le=p.registre.maintenant() + timedelta(minutes=1),
    )
    p.projecteur.attendre(position)
    p.registre.horloge.now += timedelta(minutes=2)  # type: ignore[attr-defined]  # the séance
    salle = page_e2e
    navigations: list[str] = []
    salle.on(
        "framenavigated", lambda f: navigations.append(f.url) if f == salle.main_frame else None
    )
    salle.goto(f"{serveur_e2e.url}/tirages/{tirage_id}")
    expect(salle.locator("#resultat")).to_contain_text("Statut : annoncé.")
    salle.wait_for_function("() => window.htmx !== undefined")
    salle.evaluate("window.__marqueur = 1")
    navigations.clear()

    contexte = navigateur.new_context(locale="fr-FR")
    try:
        pupitre = contexte.new_page()
        se_connecter(pupitre, serveur_e2e, serveur_e2e.animateur, suite=f"/tirages/{tirage_id}")
        pupitre.fill("#tirer-hasard", "5,0,0,0")
        pupitre.fill("#tirer-temoins", "Awa D.\nMarc L.")
        pupitre.get_by_role("button", name="Effectuer le tirage").click()
        expect(pupitre.locator("#tirer")).to_contain_text("Tirage effectué")
        expect(pupitre.locator("#resultat")).to_contain_text("Statut : effectué")
    finally:
        contexte.close()

    resultat = salle.locator("#resultat")
    expect(resultat).to_contain_text("Statut : effectué", timeout=10_000)
    expect(resultat).to_contain_text("n° 5000")
    expect(resultat).not_to_have_attribute("hx-trigger", "every 2s")
    assert salle.evaluate("window.__marqueur") == 1, "la page a été rechargée"
    assert navigations == []

    # Leave the seat vacant again, as the other browser tests expect it.
    (entrant,) = {m.membre_id for m in p.lecture.membres_groupe_moteur(18)} - avant
    p.projecteur.attendre(
        p.groupe_moteur.faire_sortir(animateur, 18, entrant, "demission", remplacer=False)[1]
    )
    assert isinstance(tirage_id, UUID)


def test_l_animateur_annonce_un_tirage_avec_une_liste_importee(
    page_e2e: Page, serveur_e2e: ServeurE2E, tmp_path: Path
) -> None:
    """The multipart form, sent by htmx: the list's file, the quotas proposed for that pool
    (the file comes back as the pasted list), the live check, then the new tirage's page."""
    fichier = tmp_path / "liste.csv"
    fichier.write_text(liste_pseudonyme("import", 30, "hors_qpv"))
    page = page_e2e
    se_connecter(page, serveur_e2e, serveur_e2e.animateur, suite="/conseils/18/groupe-moteur")
    page.wait_for_function("() => window.htmx !== undefined")
    formulaire = page.locator("#formulaire-annonce")
    formulaire.locator("#annonce-volontaires").uncheck()
    formulaire.locator("#annonce-fichier").set_input_files(str(fichier))
    formulaire.get_by_role("button", name="Proposer des quotas pour ce vivier").click()
    expect(page.locator("#formulaire-annonce")).to_contain_text("Quotas proposés pour ce vivier")
    formulaire = page.locator("#formulaire-annonce")
    expect(formulaire.locator("#annonce-liste_csv")).to_have_value(fichier.read_text())
    formulaire.locator("#annonce-hasard_prevu").fill("quatre dés à dix faces lancés à la séance")
    seance = serveur_e2e.plateforme.registre.maintenant() + timedelta(days=2)
    formulaire.locator("#annonce-hasard_le").fill(seance.strftime("%Y-%m-%dT%H:%M"))
    expect(page.locator("#annonce-verdict")).to_contain_text("Ces quotas peuvent être respectés")
    # The live check answers as the animateur types (an inherited hx-disabled-elt once stopped
    # its request before it left the browser).
    minimum = formulaire.locator("#annonce-min-0")
    propose = minimum.input_value()
    minimum.fill("999")
    minimum.dispatch_event("change")
    expect(page.locator("#annonce-verdict")).not_to_contain_text("peuvent être respectés")
    minimum.fill(propose)
    minimum.dispatch_event("change")
    expect(page.locator("#annonce-verdict")).to_contain_text("Ces quotas peuvent être respectés")

    formulaire.get_by_role("button", name="Calculer la loterie et annoncer le tirage").click()

    page.wait_for_url(re.compile(rf"{re.escape(serveur_e2e.url)}/tirages/[0-9a-f-]{{36}}$"))
    expect(page.locator("#messages")).to_contain_text("Tirage annoncé")
    expect(page.locator("#annonce")).to_contain_text("30 personnes")
    expect(page.locator("#resultat")).to_contain_text("Statut : annoncé.")
    expect(page.locator("#tirer")).to_contain_text("Le tirage pourra être effectué à partir du")
