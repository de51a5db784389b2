"""A séance may gather one priority neighbourhood only, and may have a theme (rule 1)."""

from uuid import UUID

from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.outils import lisible, poster

PLAN = {"date": "2026-03-10T18:30", "lieu": "Centre Barbara", "ordre_du_jour": "Propreté"}


def test_une_seance_de_quartier_et_de_theme_est_affichee_comme_telle(
    client: TestClient, animateur_web: UUID
) -> None:
    champs = {**PLAN, "quartier": "QPV-18-GOUTTE-D-OR", "theme": "Propreté des rues"}

    reponse = poster(client, "/conseils/18/seances", champs, page="/conseils/18")

    assert reponse.status_code == 303
    page = lisible(client.get(reponse.headers["location"]).text)
    assert "<dd>Quartier Goutte d'Or</dd>" in page
    assert '<dd lang="fr" dir="auto">Propreté des rues</dd>' in page
    conseil = lisible(client.get("/conseils/18").text)
    assert "(quartier Goutte d'Or)" in conseil
    assert '— <bdi lang="fr">Propreté des rues</bdi>' in conseil


def test_une_seance_sans_perimetre_concerne_tout_l_arrondissement(
    client: TestClient, animateur_web: UUID
) -> None:
    reponse = poster(client, "/conseils/18/seances", PLAN, page="/conseils/18")

    assert "<dd>Tout l'arrondissement</dd>" in lisible(client.get(reponse.headers["location"]).text)


def test_le_quartier_d_un_autre_arrondissement_est_refuse(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()
    champs = {**PLAN, "quartier": "QPV-13-VILLA-D-ESTE"}

    reponse = poster(client, "/conseils/18/seances", champs, page="/conseils/18")

    assert reponse.status_code == 422
    assert "n'est pas un quartier prioritaire du 18e arrondissement" in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_reprogrammer_peut_elargir_la_seance_a_tout_l_arrondissement(
    client: TestClient, animateur_web: UUID
) -> None:
    champs = {**PLAN, "quartier": "QPV-18-BLEMONT", "theme": "Jardins"}
    page_seance = poster(client, "/conseils/18/seances", champs, page="/conseils/18").headers[
        "location"
    ]

    reponse = poster(
        client,
        f"{page_seance}/reprogrammer",
        {**PLAN, "quartier": "", "theme": "", "version": "1"},
        page=page_seance,
    )

    assert reponse.status_code == 303
    page = lisible(client.get(page_seance).text)
    assert "<dd>Tout l'arrondissement</dd>" in page
    assert "Jardins" not in page
