"""The council as it stood on a past day, replayed from the event log."""

import re
from datetime import UTC, datetime
from uuid import UUID

import pytest
from starlette.testclient import TestClient

from tests.web.conftest import HorlogeWeb
from tests.web.outils import (
    HTMX,
    champs,
    erreur_en_place,
    lisible,
    poster,
    profil_habitant,
    total_assemblee,
)

pytestmark = pytest.mark.calendrier  # "today" in Paris decides which days are refused

HISTORIQUE = "/conseils/18/historique"


def membres_au(client: TestClient, jour: str) -> int:
    reponse = client.get(f"{HISTORIQUE}?au={jour}")
    assert reponse.status_code == 200
    trouve = re.search(r"(\d+) membres? dans l'assemblée ouverte", lisible(reponse.text))
    assert trouve, "l'état du conseil n'est pas affiché"
    return int(trouve.group(1))


def test_l_historique_montre_un_membre_parti_depuis(
    client: TestClient, participant_web: UUID, horloge_web: HorlogeWeb
) -> None:
    # Joined on Monday 2 March 2026, left on Saturday 7 March.
    assert poster(client, "/conseils/18/adhesion", profil_habitant()).status_code == 303
    horloge_web.avancer(days=5)
    assert poster(client, "/conseils/18/depart", {"motif": "demenagement"}).status_code == 303

    assert total_assemblee(client.get("/conseils/18").text) == 0
    assert membres_au(client, "2026-03-01") == 0
    assert membres_au(client, "2026-03-02") == 1
    assert membres_au(client, "2026-03-04") == 1
    assert membres_au(client, "2026-03-07") == 0
    page = lisible(client.get(f"{HISTORIQUE}?au=2026-03-04").text)
    assert "Au mercredi 4 mars 2026" in page
    assert "1 habitant·es" in page
    assert "1 femmes" in page
    assert 'value="2026-03-04"' in page


def test_l_historique_sans_date_propose_le_formulaire(client: TestClient) -> None:
    reponse = client.get(HISTORIQUE)

    assert reponse.status_code == 200
    champ = champs(reponse.text)["historique-au"]
    assert (champ["type"], champ["name"], champ["max"]) == ("date", "au", "2026-03-02")
    assert "dans l'assemblée ouverte :" not in lisible(reponse.text)


@pytest.mark.parametrize(
    ("au", "message"),
    [
        ("hier", "Date invalide : choisissez un jour (format AAAA-MM-JJ)."),
        ("2026-02-30", "Date invalide"),
        ("2026-03-03", "Choisissez un jour passé, ou aujourd'hui."),  # tomorrow in Paris
        ("2013-12-31", "ne peut pas précéder la création des conseils citoyens"),
    ],
)
def test_une_date_refusee_s_affiche_a_cote_du_champ(
    client: TestClient, au: str, message: str
) -> None:
    for htmx in (False, True):
        reponse = client.get(HISTORIQUE, params={"au": au}, headers=HTMX if htmx else None)

        erreur_en_place(reponse, "historique", "au", message, gardes={"au": au})
        assert "hx-retarget" not in reponse.headers
        assert "dans l'assemblée ouverte :" not in lisible(reponse.text)


def test_aujourd_hui_se_compte_a_paris(client: TestClient, horloge_web: HorlogeWeb) -> None:
    """At 23:30 UTC on 2 March it is already 3 March in Paris: that day is accepted (and is
    the field's maximum), the next one is not."""
    horloge_web.instant = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)

    assert client.get(f"{HISTORIQUE}?au=2026-03-03").status_code == 200
    assert champs(client.get(HISTORIQUE).text)["historique-au"]["max"] == "2026-03-03"
    assert client.get(f"{HISTORIQUE}?au=2026-03-04").status_code == 422
