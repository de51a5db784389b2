"""Fixtures of the matrix: the world built once per test on the `plateforme` of the root
conftest (SQLite and PostgreSQL), and the web app on it with fresh throttles."""

import pytest
from starlette.applications import Starlette

import web.comptes
from participation.plateforme import Plateforme
from tests.autorisations.monde import Monde
from tests.conftest import HorlogeReglable
from web.app import creer_app
from web.securite import Limiteur


@pytest.fixture
def monde(plateforme: Plateforme, horloge: HorlogeReglable) -> Monde:
    return Monde(plateforme).construire(horloge)


@pytest.fixture
def app(plateforme: Plateforme, monkeypatch: pytest.MonkeyPatch) -> Starlette:
    """No secret file in var/, and throttles that the matrix's sign-ins do not exhaust."""
    monkeypatch.setenv("PARTICIPATION_SECRET_KEY", "cle-secrete-de-la-matrice-" + "x" * 32)
    monkeypatch.setattr(web.comptes, "connexions", Limiteur(limite=50, fenetre_s=900))
    monkeypatch.setattr(web.comptes, "inscriptions", Limiteur(limite=50, fenetre_s=3600))
    return creer_app(plateforme=plateforme, https=False)
