"""Numbers in URLs are bounded: on every page, a huge number in the path or the query string
gets a page or a French refusal (4xx), never a 500 and a traceback (SQL integers overflow,
and Python refuses to read an integer of more than 4,300 digits)."""

import re

import pytest
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.testclient import TestClient

from tests.web.conftest import ComptesWeb
from tests.web.outils import connecter
from web.app import ROUTES

ENORMES = ["9" * 25, "1" * 5000]
PARAMETRES = ("page", "conseil", "annee", "version", "au", "numero", "arrondissement")


def _pages() -> list[str]:
    """Every GET route, its path parameters filled with the placeholder `{n}`."""
    chemins = []
    for route in ROUTES:
        if isinstance(route, Route) and "GET" in (route.methods or ()):
            chemins.append(re.sub(r"\{[^}]+\}", "{n}", route.path))
    return sorted(set(chemins))


@pytest.mark.parametrize("enorme", ENORMES, ids=["25 chiffres", "5000 chiffres"])
def test_un_nombre_demesure_dans_une_adresse_n_est_jamais_une_erreur_serveur(
    app_web: Starlette, comptes_web: ComptesWeb, enorme: str
) -> None:
    _, email = comptes_web("Agente Ville", "agent_ville")  # sees the most pages
    erreurs = []
    with TestClient(app_web, follow_redirects=False, raise_server_exceptions=False) as client:
        connecter(client, email)
        for chemin in _pages():
            requete = "&".join(f"{p}={enorme}" for p in PARAMETRES)
            adresse = chemin.replace("{n}", enorme) + "?" + requete
            reponse = client.get(adresse)
            if reponse.status_code >= 500:
                erreurs.append(f"{chemin}: {reponse.status_code}")
    assert erreurs == []


def test_un_conseil_inconnu_dans_le_filtre_des_avis_est_ignore(
    client: TestClient, comptes_web: ComptesWeb
) -> None:
    reponse = client.get("/avis?conseil=99999999999999999999999")

    assert reponse.status_code == 200
    assert "conseil=9999" not in reponse.text  # the page's links do not carry it on
