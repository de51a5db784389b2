"""The read-only API of annual reports: tokens from the account page, 401 without a valid
token, 403 for a token that is not an agent's, the OpenAPI document."""

import base64
import re
from collections.abc import Callable

from starlette.testclient import TestClient

from domaine.comptes import Acteur
from domaine.vocabulaire import Role
from lancement.plateforme import Plateforme
from stockage.jetons import empreinte
from tests.web.conftest import ComptesWeb
from tests.web.outils import connecter, lisible, poster

ANNEE = 2026
URL = f"/api/v1/rapports/annuels/{ANNEE}"


def bearer(jeton: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {jeton}"}


def test_un_agent_cree_un_jeton_et_lit_le_rapport_puis_le_revoque(
    client: TestClient, comptes_web: ComptesWeb
) -> None:
    connecter(client, comptes_web("Agent Ville", "agent_ville")[1])
    reponse = poster(client, "/compte/jetons", {"libelle": "Entrepôt de données"}, page="/compte")
    assert reponse.status_code == 200
    page = reponse.text
    jeton = re.search(r"<code class=\"empreinte\">(pcc_[^<]+)</code>", page)
    assert jeton, "the new token is shown once, in the response"
    cookies = " ".join(f"{c.name}={c.value}" for c in client.cookies.jar)
    assert "csrf" in _session(cookies) and "pcc_" not in _session(cookies), "not in the cookie"
    assert "pcc_" not in client.get("/compte").text  # and only once

    lu = client.get(URL, headers=bearer(jeton.group(1)))
    assert lu.status_code == 200 and lu.headers["content-type"] == "application/json"
    rapport = lu.json()
    assert rapport["schema"] == "participation-rapport-annuel/1" and rapport["annee"] == ANNEE
    assert len(rapport["conseils"]) == 8 and "paris" in rapport
    un = client.get(f"{URL}/conseils/18", headers=bearer(jeton.group(1))).json()
    assert [c["arrondissement"] for c in un["conseils"]] == [18]

    empreinte = re.search(r'action="/compte/jetons/([0-9a-f]{64})/revoquer"', page)
    assert empreinte
    poster(client, f"/compte/jetons/{empreinte.group(1)}/revoquer", page="/compte")
    assert client.get(URL, headers=bearer(jeton.group(1))).status_code == 401


def test_sans_jeton_valide_401_et_avec_le_jeton_d_un_non_agent_403(
    nouveau_client: Callable[[], TestClient],
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
) -> None:
    client = nouveau_client()
    sans = client.get(URL)
    assert sans.status_code == 401 and sans.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Jeton d'API manquant" in sans.json()["erreur"]
    assert client.get(URL, headers=bearer("pcc_inconnu")).status_code == 401
    assert client.get(URL, headers={"Authorization": "Basic eDp5"}).status_code == 401

    # A token whose account is (no longer) an agent's: the roles are read on every call.
    compte_id, _ = comptes_web("Camille Habitante")
    faux_agent = Acteur(compte_id, frozenset({(Role.AGENT_VILLE, None)}))
    jeton = plateforme_web.jetons.creer(faux_agent, "ancien")
    interdit = client.get(URL, headers=bearer(jeton))
    assert interdit.status_code == 403 and "agent" in interdit.json()["erreur"]


def test_les_mauvaises_demandes_ont_une_reponse_json_en_francais(
    client: TestClient, plateforme_web: Plateforme, comptes_web: ComptesWeb
) -> None:
    compte_id, _ = comptes_web("Agent État", "agent_etat")
    agent = plateforme_web.comptes.acteur(compte_id)
    assert agent is not None
    jeton = plateforme_web.jetons.creer(agent, "SI préfecture")
    inconnu = client.get(f"{URL}/conseils/12", headers=bearer(jeton))
    assert inconnu.status_code == 404 and "12e" in inconnu.json()["erreur"]
    futur = client.get("/api/v1/rapports/annuels/2099", headers=bearer(jeton))
    assert futur.status_code == 400 and "année à venir" in futur.json()["erreur"]


def test_un_participant_ne_peut_pas_creer_de_jeton(
    client: TestClient, participant_web: object
) -> None:
    assert "Jetons d'API" not in lisible(client.get("/compte").text)
    reponse = poster(client, "/compte/jetons", {"libelle": "x"}, page="/compte")
    assert reponse.status_code == 403


def test_on_ne_revoque_pas_le_jeton_d_un_autre(
    client: TestClient, plateforme_web: Plateforme, comptes_web: ComptesWeb
) -> None:
    compte_id, _ = comptes_web("Agent Ville", "agent_ville")
    agent = plateforme_web.comptes.acteur(compte_id)
    jeton = plateforme_web.jetons.creer(agent, "SI Ville")
    _, email = comptes_web("Agent État", "agent_etat")
    connecter(client, email)

    reponse = poster(client, f"/compte/jetons/{empreinte(jeton)}/revoquer", page="/compte")

    assert reponse.status_code == 404
    assert "n'est pas à vous" in lisible(reponse.text)
    assert client.get(URL, headers=bearer(jeton)).status_code == 200


def test_le_document_openapi_decrit_l_api(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {
        "/rapports/annuels/{annee}",
        "/rapports/annuels/{annee}/conseils/{arrondissement}",
    }
    reponses = document["paths"]["/rapports/annuels/{annee}"]["get"]["responses"]
    assert {"200", "401", "403"} <= set(reponses)


def _session(cookies: str) -> str:
    """What the signed session cookie carries (its first part is base64 JSON, not encrypted)."""
    trouve = re.search(r"participation_session=([^.\s]+)", cookies)
    if not trouve:
        return ""
    charge = trouve.group(1)
    return base64.b64decode(charge + "=" * (-len(charge) % 4)).decode("utf-8", "replace")
