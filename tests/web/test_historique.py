"""The council as it stood on a past day, replayed from the event log."""

import re
from uuid import UUID

from starlette.testclient import TestClient

from tests.web.conftest import HorlogeWeb
from tests.web.outils import lisible, poster, profil_habitant, total_assemblee

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
    assert '<input type="date" id="au" name="au"' in reponse.text
    assert "dans l'assemblée ouverte :" not in lisible(reponse.text)


def test_une_date_mal_formee_est_refusee_en_francais(client: TestClient) -> None:
    reponse = client.get(f"{HISTORIQUE}?au=hier")

    assert reponse.status_code == 422
    assert "Date invalide : utilisez le format AAAA-MM-JJ." in lisible(reponse.text)
