"""The agents' space for annual reports: producing, the archive with fingerprints, the duties
they record; nobody else gets in."""

import hashlib
import json
from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

from participation.plateforme import Plateforme
from participation.rapports.archives import Archives
from tests.web.conftest import ComptesWeb, HorlogeWeb
from tests.web.outils import connecter, lisible, poster

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)


def test_un_agent_produit_un_rapport_et_enregistre_les_obligations(
    client: TestClient, plateforme_web: Plateforme, comptes_web: ComptesWeb
) -> None:
    connecter(client, comptes_web("Agent Ville", "agent_ville")[1])
    page = lisible(client.get("/rapports").text)
    assert "Produire un rapport" in page and "Bilan annuel présenté au conseil" in page
    vue = client.get("/rapports/annuel?annee=2026&conseil=18")
    assert vue.status_code == 200 and "/static/rapport.css" in vue.text
    assert "<article" in vue.text and "2026" in vue.text
    assert "format=pdf&amp;vue=fichier" in vue.text
    rapport = client.get("/rapports/annuel?annee=2026&conseil=18&format=json")
    assert rapport.status_code == 200
    assert json.loads(rapport.content)["conseils"][0]["arrondissement"] == 18
    assert "attachment" in rapport.headers["content-disposition"]

    reponse = poster(
        client,
        "/rapports/bilans",
        {"arrondissement": "18", "annee": "2026", "presente_le": "2026-02-20"},
        page="/rapports",
    )
    assert reponse.status_code == 303
    reponse = poster(
        client,
        "/rapports/copils",
        {"arrondissement": "18", "comite": "copil_parisien", "tenu_le": "2026-02-10",
         "representants": "2"},
        page="/rapports",
    )  # fmt: skip
    assert reponse.status_code == 303
    obligations = json.loads(
        client.get("/rapports/annuel?annee=2026&conseil=18&format=json").content
    )["conseils"][0]["obligations"]
    assert obligations["bilan_ville_presente_le"] == "2026-02-20"
    assert obligations["comites_de_pilotage"][0]["representants"] == 2


def test_les_archives_sont_listees_avec_leur_empreinte(
    client: TestClient,
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    archives = Archives(plateforme_web.moteur, plateforme_web.rapports, formats=("json", "csv"))
    ajoutees = archives.archiver(2025)
    assert len(ajoutees) == 8 * 2 + 1  # each council in both formats, Paris in JSON
    assert archives.archiver(2025) == []  # once only
    connecter(client, comptes_web("Agent État", "agent_etat")[1])
    page = client.get("/rapports").text
    premiere = ajoutees[0]
    assert premiere.sha256 in page
    fichier = client.get(f"/rapports/archives/2025/{premiere.arrondissement}/{premiere.format}")
    assert hashlib.sha256(fichier.content).hexdigest() == premiere.sha256
    assert client.get("/rapports/archives/2025/18/exe").status_code == 404


def test_seuls_les_agents_et_l_administration_y_accedent(
    nouveau_client: Callable[[], TestClient], comptes_web: ComptesWeb
) -> None:
    anonyme = nouveau_client()
    assert anonyme.get("/rapports").status_code == 403
    participant = nouveau_client()
    connecter(participant, comptes_web("Camille Habitante")[1])
    assert participant.get("/rapports").status_code == 403
    assert participant.get("/rapports/annuel?annee=2025&format=json").status_code == 403
    animateur = nouveau_client()
    connecter(animateur, comptes_web("Dominique", "animateur", 18)[1])
    assert animateur.get("/rapports").status_code == 403
    reponse = poster(
        animateur,
        "/rapports/copils",
        {"arrondissement": "18", "comite": "copil_arrondissement", "tenu_le": "2026-02-10",
         "representants": "1"},
    )  # fmt: skip
    assert reponse.status_code == 303  # the council's animateur may record its representation
