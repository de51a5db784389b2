"""Schemathesis against the API's own OpenAPI document (issue 6), in-process through ASGI: for
generated paths and headers, without a token, with an unknown one and with the token of each
role, the API never answers 5xx and every response conforms to the document."""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from domaine.comptes import Acteur
from domaine.vocabulaire import Role
from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb, HorlogeWeb
from web.app import creer_app


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ]
)
def plateforme_api(
    request: pytest.FixtureRequest, horloge_web: HorlogeWeb
) -> Iterator[tuple[Plateforme, int]]:
    """The web tests' SQLite platform, or one on PostgreSQL (fewer examples: slower calls)."""
    if request.param == "sqlite":
        yield request.getfixturevalue("plateforme_web"), 60
        return
    p = Plateforme(request.getfixturevalue("configuration_postgres"), horloge=horloge_web)
    try:
        p.migrer()
        yield p, 20
    finally:
        p.fermer()


@pytest.fixture
def entetes(plateforme_api: tuple[Plateforme, int]) -> dict[str, dict[str, str]]:
    """Authorization headers: none, an unknown token, and a token of each role that has one."""
    plateforme, _ = plateforme_api
    comptes = ComptesWeb(plateforme)
    resultat: dict[str, dict[str, str]] = {"sans jeton": {}, "inconnu": _bearer("pcc_inconnu")}
    for role in (Role.AGENT_VILLE, Role.AGENT_ETAT, Role.ADMIN):
        compte_id, _ = comptes(f"Titulaire {role.value}", role.value)
        acteur = plateforme.comptes.acteur(compte_id)
        assert isinstance(acteur, Acteur)
        resultat[role.value] = _bearer(plateforme.jetons.creer(acteur, "API"))
    return resultat


def _bearer(jeton: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {jeton}"}


def test_l_api_respecte_son_document_openapi_et_ne_repond_jamais_5xx(
    plateforme_api: tuple[Plateforme, int], entetes: dict[str, dict[str, str]]
) -> None:
    plateforme, exemples = plateforme_api
    app = creer_app(plateforme=plateforme, https=False)
    # Schemathesis' own pytest loader (`from_fixture`) fails on pytest 9: the strategies are
    # drawn here instead, from the document the app serves, valid and invalid alike.
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    operations = [resultat.ok() for resultat in schema.get_all_operations()]
    assert len(operations) == 2
    cas = st.one_of(
        *(op.as_strategy(generation_mode=mode) for op in operations for mode in GenerationMode)
    )

    @given(case=cas)
    @settings(max_examples=exemples, suppress_health_check=[HealthCheck.too_slow])
    def appeler(case: Any) -> None:
        for titulaire, entete in entetes.items():
            reponse = case.call(headers=entete)
            assert reponse.status_code < 500, (titulaire, reponse.status_code, reponse.text[:300])
            case.validate_response(reponse, headers=entete)

    appeler()
