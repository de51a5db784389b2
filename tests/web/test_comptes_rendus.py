"""Minutes on the séance page and in print: an animateur writes them, the next séance votes
on them, the approved version is public (page and PDF), drafts are for the animateurs and the
members of the assembly."""

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from uuid import UUID

import pytest
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb, HorlogeWeb
from tests.web.outils import (
    champs,
    connecter,
    erreur_en_place,
    lisible,
    planifier_seance,
    poster,
    rejoindre_directement,
    section,
    version_affichee,
)

TEXTE = "Vingt personnes présentes. L'assemblée a parlé du square Léon."
JOUR = 24 * 3600


def avancer_jusqu_au(horloge_web: HorlogeWeb, jours: float) -> None:
    horloge_web.avancer(days=jours)


def rediger(client: TestClient, seance: str, texte: str) -> None:
    page = client.get(f"/seances/{seance}").text
    reponse = poster(
        client,
        f"/seances/{seance}/compte-rendu",
        {"version": version_affichee(page, "compte-rendu"), "texte": texte},
    )
    assert reponse.status_code == 303, reponse.text


def voter(
    client: TestClient, seance: str, choix: str, pour: str = "12", contre: str = "1"
) -> object:
    return poster(
        client,
        f"/seances/{seance}/compte-rendu/vote",
        {"compte_rendu": choix, "pour": pour, "contre": contre, "abstention": "0"},
        page=f"/seances/{seance}",
    )


@pytest.fixture
def mars_avril(client: TestClient, animateur_web: UUID, horloge_web: HorlogeWeb) -> tuple[str, str]:
    """March's séance held, its minutes written; April's séance held: ready to vote."""
    mars = planifier_seance(client)
    avril = planifier_seance(client, date="2026-04-07T18:30", lieu="Maison des associations")
    horloge_web.avancer(days=9)  # 11 March
    rediger(client, mars, TEXTE)
    horloge_web.avancer(days=28)  # 8 April
    return mars, avril


def pdftotext(contenu: bytes, tmp_path: Path) -> str:
    outil = shutil.which("pdftotext")
    if outil is None:
        pytest.skip("pdftotext (poppler-utils) est absent : le contenu du PDF n'est pas vérifié")
    fichier = tmp_path / "compte-rendu.pdf"
    fichier.write_bytes(contenu)
    sortie = subprocess.run(
        [outil, "-layout", str(fichier), "-"], check=True, capture_output=True, timeout=60
    )
    return re.sub(r"[ \t]+", " ", sortie.stdout.decode())


def test_la_seance_suivante_approuve_et_le_public_lit_la_version_approuvee(
    client: TestClient,
    mars_avril: tuple[str, str],
    nouveau_client: Callable[[], TestClient],
    tmp_path: Path,
) -> None:
    mars, avril = mars_avril
    anonyme = nouveau_client()
    page = section(anonyme.get(f"/seances/{mars}").text, "compte-rendu")
    assert "en attente d'approbation" in page and TEXTE not in lisible(page)
    assert anonyme.get(f"/seances/{mars}/compte-rendu.pdf").status_code == 404

    formulaire = section(client.get(f"/seances/{avril}").text, "compte-rendu")
    assert "Séance du 10/03/2026 — version 1" in lisible(formulaire) or "version 1" in formulaire
    reponse = voter(client, avril, f"{mars}:1")
    assert reponse.status_code == 303

    page_mars = lisible(anonyme.get(f"/seances/{mars}").text)
    assert TEXTE in page_mars
    assert "Version 1, approuvée par" in page_mars and f'href="/seances/{avril}"' in page_mars
    assert "(décision n° 1)" in page_mars
    page_avril = lisible(anonyme.get(f"/seances/{avril}").text)
    assert "Approbation du compte rendu de la séance du 10/03/2026 (version 1)" in page_avril
    assert f'href="/seances/{mars}#compte-rendu"' in page_avril
    conseil = anonyme.get("/conseils/18").text
    assert f'href="/seances/{mars}/compte-rendu.pdf"' in conseil

    pdf = anonyme.get(f"/seances/{mars}/compte-rendu.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"] == (
        'attachment; filename="compte-rendu-18e-2026-03-10.pdf"'
    )
    texte = pdftotext(pdf.content, tmp_path)
    assert "Compte rendu — Conseil citoyen du 18e arrondissement" in texte
    assert "Séance du mardi 10 mars 2026 à 18 h 30 — Centre Barbara" in texte
    assert "Version 1, approuvée par la séance du mardi 7 avril 2026" in texte
    assert "Vingt personnes présentes." in texte
    assert re.search(r"Habitant·e\s+0", texte) and re.search(r"Acteur local\s+0", texte)
    assert "PROJET" not in texte


def test_une_correction_attend_son_vote_et_la_version_approuvee_reste_publique(
    client: TestClient,
    mars_avril: tuple[str, str],
    nouveau_client: Callable[[], TestClient],
    horloge_web: HorlogeWeb,
    tmp_path: Path,
) -> None:
    mars, avril = mars_avril
    mai = planifier_seance(client, date="2026-05-05T18:30", lieu="Mairie du 18e")
    assert voter(client, avril, f"{mars}:1").status_code == 303
    rediger(client, mars, "Vingt-deux personnes présentes (correction).")

    anonyme = nouveau_client()
    public = lisible(section(anonyme.get(f"/seances/{mars}").text, "compte-rendu"))
    assert TEXTE in public and "Vingt-deux" not in public
    assert "Une correction (version 2) attend son approbation" in public
    animation = lisible(section(client.get(f"/seances/{mars}").text, "compte-rendu"))
    assert "Vingt-deux personnes" in animation and "version 2" in animation

    projet = client.get(f"/seances/{mars}/compte-rendu.pdf?projet=1")
    assert projet.headers["content-disposition"].endswith('-projet.pdf"')
    assert "PROJET" in pdftotext(projet.content, tmp_path)
    assert "Vingt-deux" not in pdftotext(
        anonyme.get(f"/seances/{mars}/compte-rendu.pdf?projet=1").content, tmp_path
    )

    # The version already approved cannot be approved again; April's séance cannot have voted
    # a correction written after it; May's séance approves it.
    refus = voter(client, avril, f"{mars}:1")
    assert refus.status_code == 409
    assert "déjà approuvée" in lisible(refus.text)
    erreur_en_place(voter(client, avril, f"{mars}:2"), "vote-cr", "compte_rendu", "après la séance")
    horloge_web.avancer(days=28)  # 6 May
    assert voter(client, mai, f"{mars}:2").status_code == 303
    assert "Vingt-deux" in lisible(anonyme.get(f"/seances/{mars}").text)


def test_un_vote_rejete_laisse_le_projet(client: TestClient, mars_avril: tuple[str, str]) -> None:
    mars, avril = mars_avril
    assert voter(client, avril, f"{mars}:1", pour="2", contre="9").status_code == 303
    page = re.sub(
        r"<[^>]+>", "", lisible(section(client.get(f"/seances/{mars}").text, "compte-rendu"))
    )
    assert (
        "La version 1 n'a pas été approuvée par la séance du mardi 7 avril 2026 (décision n° 1)"
        in page
    )
    assert "Projet — version 1" in page


@pytest.mark.parametrize("htmx", [False, True], ids=["sans-js", "htmx"])
@pytest.mark.parametrize(
    ("donnees", "champ", "message"),
    [
        ({"compte_rendu": "", "pour": "4", "contre": "1"}, "compte_rendu", "Choisissez"),
        ({"pour": "4", "contre": "x"}, "contre", "nombre entier"),
        ({"pour": "0", "contre": "0", "abstention": "0"}, "pour", "au moins un vote"),
    ],
    ids=["sans-choix", "contre-invalide", "sans-vote"],
)
def test_le_formulaire_de_vote_refuse_en_place_et_garde_la_saisie(
    client: TestClient,
    mars_avril: tuple[str, str],
    plateforme_web: Plateforme,
    donnees: dict[str, str],
    champ: str,
    message: str,
    htmx: bool,
) -> None:
    mars, avril = mars_avril
    saisie = {"compte_rendu": f"{mars}:1", "abstention": "2", **donnees}
    avant = plateforme_web.registre.position()

    reponse = poster(
        client, f"/seances/{avril}/compte-rendu/vote", saisie, page=f"/seances/{avril}", htmx=htmx
    )

    erreur_en_place(reponse, "vote-cr", champ, message, saisie)
    assert plateforme_web.registre.position() == avant
    assert ("<html" in reponse.text) is not htmx
    assert 'id="erreurs-vote-cr" role="alert"' in reponse.text


def test_une_seance_ne_vote_pas_le_compte_rendu_d_une_seance_posterieure(
    client: TestClient, mars_avril: tuple[str, str], plateforme_web: Plateforme
) -> None:
    mars, avril = mars_avril
    rediger(client, avril, "Compte rendu d'avril")
    avant = plateforme_web.registre.position()
    reponse = voter(client, mars, f"{avril}:1")
    erreur_en_place(reponse, "vote-cr", "compte_rendu", "antérieure")
    assert plateforme_web.registre.position() == avant


def test_le_projet_se_lit_par_les_membres_et_pas_par_le_public(
    mars_avril: tuple[str, str],
    nouveau_client: Callable[[], TestClient],
    comptes_web: ComptesWeb,
    plateforme_web: Plateforme,
    tmp_path: Path,
) -> None:
    mars, _ = mars_avril
    membre_id, email = comptes_web("Awa Membre")
    rejoindre_directement(plateforme_web, membre_id, 18)
    _, email_passant = comptes_web("Paul Passant")
    membre, passant = nouveau_client(), nouveau_client()
    connecter(membre, email)
    connecter(passant, email_passant)

    assert TEXTE in lisible(membre.get(f"/seances/{mars}").text)
    assert "PROJET" in pdftotext(membre.get(f"/seances/{mars}/compte-rendu.pdf").content, tmp_path)
    assert TEXTE not in lisible(passant.get(f"/seances/{mars}").text)
    assert passant.get(f"/seances/{mars}/compte-rendu.pdf").status_code == 404
    for qui in (membre, passant):  # nobody but the animateurs gets the forms
        page = qui.get(f"/seances/{mars}").text
        assert "compte-rendu/vote" not in page and 'id="compte-rendu-texte"' not in page
    assert "vote-cr-compte_rendu" not in champs(membre.get(f"/seances/{mars}").text)


def test_le_pdf_du_compte_rendu_est_identique_octet_pour_octet(
    client: TestClient, mars_avril: tuple[str, str], nouveau_client: Callable[[], TestClient]
) -> None:
    """Printed twice, the same minutes give the same file (no creation date inside)."""
    mars, avril = mars_avril
    assert voter(client, avril, f"{mars}:1").status_code == 303
    anonyme = nouveau_client()
    premier = anonyme.get(f"/seances/{mars}/compte-rendu.pdf")
    assert premier.status_code == 200
    assert anonyme.get(f"/seances/{mars}/compte-rendu.pdf").content == premier.content
