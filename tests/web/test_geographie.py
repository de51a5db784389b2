"""A member whose declared QPV left the list is asked, on their next visit, to declare it again:
a banner on every page, a form in the council's "Participer" box; a refusal comes back next to
the field. The list is a test input, not the official 2024 list."""

from datetime import date
from uuid import UUID

from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.outils import erreur_en_place, lisible, poster, profil_habitant

LISTE_ESSAI = (
    "code;nom;arrondissements\n"
    "ESSAI-18-GOUTTE-D-OR;Goutte d'Or (périmètre d'essai);18\n"
    "QPV-18-BLEMONT;Blémont;18\n"
)
BANDEAU = "le quartier que vous aviez déclaré au conseil citoyen du 18<sup>e</sup> n'existe plus"


def test_un_membre_redeclare_son_quartier_apres_le_changement_de_liste(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    donnees = profil_habitant(quartier="QPV-18-GOUTTE-D-OR")
    assert poster(client, "/conseils/18/adhesion", donnees, page="/conseils/18").status_code == 303
    assert BANDEAU not in lisible(client.get("/aide").text)

    plateforme_web.geographie.adopter(LISTE_ESSAI, "2024-2030", date(2024, 1, 1), "Essai")

    assert BANDEAU in lisible(client.get("/aide").text)
    page = client.get("/conseils/18").text
    assert "Votre quartier est à mettre à jour" in lisible(page)
    assert (
        "Dont 0 personne des quartiers prioritaires ; 1 personne n'a pas encore indiqué son "
        "quartier dans la liste en vigueur." in lisible(page)
    )
    assert 'action="/conseils/18/quartier"' in page
    assert '<option value="ESSAI-18-GOUTTE-D-OR">' in page  # nothing preselected

    refus = poster(client, "/conseils/18/quartier", {"quartier": ""}, page="/conseils/18")
    erreur_en_place(refus, "quartier", "quartier", "Choisissez votre quartier")
    ancien = {"quartier": "QPV-18-GOUTTE-D-OR"}
    refus = poster(client, "/conseils/18/quartier", ancien, page="/conseils/18")
    erreur_en_place(refus, "quartier", "quartier", "n'est pas un quartier prioritaire")

    nouveau = {"quartier": "ESSAI-18-GOUTTE-D-OR"}
    reponse = poster(client, "/conseils/18/quartier", nouveau, page="/conseils/18")
    assert reponse.status_code == 303
    page = lisible(client.get("/conseils/18").text)
    assert "Votre quartier est enregistré." in page
    assert "Votre quartier est à mettre à jour" not in page and BANDEAU not in page
    assert "Dont 1 personne des quartiers prioritaires." in page


def test_avec_htmx_la_boite_participer_revient_a_jour(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    donnees = profil_habitant(quartier="QPV-18-GOUTTE-D-OR")
    poster(client, "/conseils/18/adhesion", donnees, page="/conseils/18")
    plateforme_web.geographie.adopter(LISTE_ESSAI, "2024-2030", date(2024, 1, 1), "Essai")
    reponse = poster(
        client, "/conseils/18/quartier", {"quartier": "hors_qpv"}, page="/conseils/18", htmx=True
    )
    assert reponse.status_code == 200
    assert reponse.text.lstrip().startswith('<section id="adhesion"')
    assert "Votre quartier est enregistré." in lisible(reponse.text)
