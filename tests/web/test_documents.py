"""The councils' documents through the web: the library (list, filters, deposit form with its
errors in place, with and without htmx), downloads (attachment, type, nosniff, a clean name),
withdrawal, members' deposits, and attachments on avis and budget proposals."""

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from domaine.budget import Depot
from lancement.plateforme import Plateforme
from projections.lecture_documents import FiltresDocuments
from stockage.fichiers import empreinte_de
from tests.fichiers_d_essai import PDF, SCRIPT_DEGUISE, image
from tests.integration.outils import rejoindre
from tests.web.conftest import ComptesWeb
from tests.web.outils import HTMX, connecter, jeton

CHAMPS = {"titre": "Compte rendu du 3 mars", "nature": "compte_rendu", "jour": "2026-03-03"}


def envoyer(
    client: TestClient,
    url: str,
    champs: dict[str, str],
    fichier: tuple[str, bytes, str] | None,
    page: str,
    htmx: bool = False,
) -> Any:
    donnees = {**champs, "csrf": jeton(client, page)}
    fichiers = {"fichier": fichier} if fichier is not None else None
    return client.post(url, data=donnees, files=fichiers, headers=HTMX if htmx else None)


@pytest.fixture
def animatrice(comptes_web: ComptesWeb, client: TestClient) -> TestClient:
    _, email = comptes_web("Dominique Animatrice", "animateur", 18)
    connecter(client, email)
    return client


def stockes(p: Plateforme) -> list[Path]:
    dossier = p.configuration.chemin_fichiers
    return [f for f in dossier.rglob("*") if f.is_file()] if dossier.exists() else []


def test_une_animatrice_depose_un_pdf_puis_le_telecharge(
    animatrice: TestClient, plateforme_web: Plateforme
) -> None:
    page = "/conseils/18/documents"
    reponse = envoyer(animatrice, page, CHAMPS, ("cr.pdf", PDF, "application/pdf"), page)
    assert reponse.status_code == 303
    html = animatrice.get(page).text
    assert "Compte rendu du 3 mars" in html and 'enctype="multipart/form-data"' in html
    lien = re.search(r'href="(/documents/[0-9a-f-]{36})"', html)
    assert lien
    telechargement = animatrice.get(lien.group(1))
    assert telechargement.status_code == 200
    assert telechargement.content == PDF
    assert telechargement.headers["content-type"] == "application/pdf"
    assert telechargement.headers["x-content-type-options"] == "nosniff"
    assert telechargement.headers["content-disposition"] == (
        'attachment; filename="compte-rendu-du-3-mars.pdf"'
    )
    assert telechargement.headers["cache-control"] == "no-store"
    anonyme = TestClient(animatrice.app)
    assert anonyme.get(lien.group(1)).content == PDF  # the council's documents are public


def test_un_faux_pdf_est_refuse_en_place_sans_rien_stocker(
    animatrice: TestClient, plateforme_web: Plateforme
) -> None:
    page = "/conseils/18/documents"
    avant = plateforme_web.registre.position()
    for htmx in (False, True):
        reponse = envoyer(
            animatrice, page, {**CHAMPS, "titre": "Mon titre gardé"},
            ("compte-rendu.pdf", SCRIPT_DEGUISE, "application/pdf"), page, htmx,
        )  # fmt: skip
        assert reponse.status_code == 422
        html = reponse.text
        assert 'id="erreur-depot-fichier"' in html and "pas dans son nom" in html
        assert 'value="Mon titre gardé"' in html
        assert ("<html" in html) is not htmx  # htmx gets the form alone
    assert plateforme_web.registre.position() == avant
    assert stockes(plateforme_web) == []


def test_un_fichier_trop_gros_est_refuse_des_la_lecture(
    comptes_web: ComptesWeb, plateforme_web: Plateforme, app_web: Any
) -> None:
    petite = replace(plateforme_web.configuration, taille_max_document_mo=1)
    plateforme_web.configuration = petite
    _, email = comptes_web("Anim", "animateur", 18)
    client = TestClient(app_web, follow_redirects=False)
    connecter(client, email)
    page = "/conseils/18/documents"
    gros = PDF + b"0" * (1024 * 1024)
    reponse = envoyer(client, page, CHAMPS, ("gros.pdf", gros, "application/pdf"), page)
    assert reponse.status_code == 422
    assert "dépasse la taille maximale de 1,0 Mo" in reponse.text
    assert 'value="Compte rendu du 3 mars"' in reponse.text
    assert stockes(plateforme_web) == []
    enorme = b"0" * (3 * 1024 * 1024 + 10)
    reponse = envoyer(client, page, CHAMPS, ("enorme.pdf", enorme, "application/pdf"), page)
    assert reponse.status_code == 413


def test_une_photo_deposee_perd_sa_position_gps(
    animatrice: TestClient, plateforme_web: Plateforme
) -> None:
    page = "/conseils/18/documents"
    photo = image("JPEG", gps=True)
    champs = {**CHAMPS, "titre": "Photo du square", "nature": "diagnostic"}
    assert (
        envoyer(animatrice, page, champs, ("IMG_0042.jpg", photo, "image/jpeg"), page).status_code
        == 303
    )
    (fichier,) = stockes(plateforme_web)
    assert b"Camille" not in fichier.read_bytes()
    assert fichier.name == empreinte_de(fichier.read_bytes())
    assert "IMG_0042" not in animatrice.get(page).text


def test_les_membres_deposent_quand_l_animation_l_ouvre(
    comptes_web: ComptesWeb,
    plateforme_web: Plateforme,
    animatrice: TestClient,
    nouveau_client: Callable[[], TestClient],
) -> None:
    membre_id, email = comptes_web("Camille Membre")
    rejoindre(plateforme_web, plateforme_web.comptes.acteur(membre_id), 18)
    membre = nouveau_client()
    connecter(membre, email)
    page = "/conseils/18/documents"
    assert 'id="formulaire-depot"' not in membre.get(page).text
    refus = envoyer(membre, page, CHAMPS, ("cr.pdf", PDF, "application/pdf"), page)
    assert refus.status_code == 403
    ouvrir = animatrice.post(
        page + "/depots-des-membres", data={"ouverts": "oui", "csrf": jeton(animatrice, page)}
    )
    assert ouvrir.status_code == 303
    assert 'id="formulaire-depot"' in membre.get(page).text
    assert (
        envoyer(membre, page, CHAMPS, ("cr.pdf", PDF, "application/pdf"), page).status_code == 303
    )


def test_filtrer_par_nature_et_par_seance_et_retirer(
    animatrice: TestClient, plateforme_web: Plateforme
) -> None:
    page = "/conseils/18/documents"
    envoyer(animatrice, page, CHAMPS, ("a.pdf", PDF, "application/pdf"), page)
    champs = {**CHAMPS, "titre": "Diagnostic du quartier", "nature": "diagnostic"}
    envoyer(animatrice, page, champs, ("b.png", image("PNG"), "image/png"), page)
    filtre = animatrice.get(page + "?nature=diagnostic", headers=HTMX).text
    assert "Diagnostic du quartier" in filtre and "Compte rendu du 3 mars" not in filtre
    assert "<html" not in filtre
    filtres = FiltresDocuments(18, nature="diagnostic")
    ligne = plateforme_web.lecture_documents.bibliotheque(filtres).documents[0]
    retrait = animatrice.post(
        f"/documents/{ligne.document_id}/retrait", data={"csrf": jeton(animatrice, page)}
    )
    assert retrait.status_code == 303
    assert "Diagnostic du quartier" not in animatrice.get(page).text
    assert animatrice.get(f"/documents/{ligne.document_id}").status_code == 404
    assert len(stockes(plateforme_web)) == 1


def test_piece_jointe_d_un_avis_et_d_un_projet(
    comptes_web: ComptesWeb, plateforme_web: Plateforme, client: TestClient
) -> None:
    autrice_id, email = comptes_web("Awa Autrice")
    autrice = plateforme_web.comptes.acteur(autrice_id)
    rejoindre(plateforme_web, autrice, 18)
    avis_id, _ = plateforme_web.avis.rediger(autrice, 18, "auto_saisine", "Parc", "Texte", "ville")
    proposition_id, position = plateforme_web.budget.deposer(
        autrice, 18, Depot("Bancs", "Des bancs.", "hors_qpv", "", "environnement", 2_000)
    )
    plateforme_web.projecteur.attendre(position)
    connecter(client, email)
    for page in (f"/avis/{avis_id}", f"/budget-participatif/{proposition_id}"):
        assert 'id="formulaire-piece-jointe"' in client.get(page).text
        refus = envoyer(
            client, page + "/pieces-jointes", {"titre": "Plan"},
            ("plan.pdf", SCRIPT_DEGUISE, "application/pdf"), page,
        )  # fmt: skip
        assert refus.status_code == 422
        assert 'id="erreur-piece-jointe-fichier"' in refus.text and 'value="Plan"' in refus.text
        ok = envoyer(
            client, page + "/pieces-jointes", {"titre": "Plan du site"},
            ("plan.pdf", PDF, "application/pdf"), page,
        )  # fmt: skip
        assert ok.status_code == 303
        html = client.get(page).text
        assert 'id="pieces-jointes"' in html and "Plan du site" in html
    visiteur = TestClient(client.app)
    assert 'id="formulaire-piece-jointe"' not in visiteur.get(f"/avis/{avis_id}").text
    assert "Plan du site" in visiteur.get(f"/avis/{avis_id}").text


def test_la_page_d_une_seance_montre_ses_documents(
    animatrice: TestClient, plateforme_web: Plateforme, comptes_web: ComptesWeb
) -> None:
    anim_id, _ = comptes_web("Sami Animateur", "animateur", 18)
    anim = plateforme_web.comptes.acteur(anim_id)
    seance_id, position = plateforme_web.seances.planifier(
        anim, 18, plateforme_web.registre.maintenant().replace(day=20), "Centre", "Ordre du jour"
    )
    plateforme_web.projecteur.attendre(position)
    page = "/conseils/18/documents"
    champs = {**CHAMPS, "titre": "Présentation du projet", "nature": "presentation",
              "seance_id": str(seance_id)}  # fmt: skip
    envoyer(animatrice, page, champs, ("p.pdf", PDF, "application/pdf"), page)
    html = TestClient(animatrice.app).get(f"/seances/{seance_id}").text
    assert "Présentation du projet" in html
    assert f"/conseils/18/documents?seance={seance_id}" in html
