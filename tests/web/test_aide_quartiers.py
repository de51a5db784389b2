"""The help page on priority neighbourhoods lists every list with its dates and source, and the
councils; a list adopted later appears on it."""

from datetime import date

from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.outils import lisible


def test_la_page_d_aide_montre_les_listes_et_les_conseils(
    client: TestClient, plateforme_web: Plateforme
) -> None:
    page = lisible(client.get("/aide/quartiers").text)
    assert "2015-2023 : 20 quartiers prioritaires" in page
    assert "décret n° 2014-1750" in page and "Goutte d'Or (18<sup>e</sup>)" in page
    assert '<a href="/conseils/18">18<sup>e</sup></a>' in page

    liste = "code;nom;arrondissements\nESSAI-15;Quartier d'essai;15\n"
    plateforme_web.geographie.adopter(liste, "2024-2030", date(2024, 1, 1), "Liste d'essai")
    plateforme_web.geographie.instituer(15)
    page = lisible(client.get("/aide/quartiers").text)
    assert "2024-2030 : 1 quartier prioritaire" in page
    assert page.index("2024-2030") < page.index("2015-2023")  # the list in force first
    assert "Source : Liste d'essai." in page
    assert '<a href="/conseils/15">15<sup>e</sup></a>' in page
    assert "/aide/quartiers" in client.get("/aide").text
    assert client.get("/conseils/15").status_code == 200  # the new council has its page
