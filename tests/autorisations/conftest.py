"""Fixtures of the matrix: the world built once per test on the `plateforme` of the root
conftest (SQLite and PostgreSQL), and the web app on it with fresh throttles."""

from dataclasses import replace

import pytest
from starlette.applications import Starlette

from lancement.plateforme import Plateforme
from tests.autorisations.monde import Monde
from tests.conftest import HorlogeReglable
from web.app import creer_app
from web.limites import LIMITES, Limites


@pytest.fixture
def monde(plateforme: Plateforme, horloge: HorlogeReglable) -> Monde:
    return Monde(plateforme).construire(horloge)


@pytest.fixture
def app(plateforme: Plateforme, monkeypatch: pytest.MonkeyPatch) -> Starlette:
    """No secret file in var/, and rate limits that the matrix's hundreds of requests from
    one client do not exhaust (they are tested in tests/web/test_limites.py)."""
    larges = Limites([replace(limite, limite=100_000) for limite in LIMITES])
    return creer_app(plateforme=plateforme, https=False, limites=larges)
