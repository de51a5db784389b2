"""Fixtures of the web tests: a platform on SQLite in tmp_path, a clock the test moves by hand,
the Starlette app and test clients. Independent of the root conftest (distinct names)."""

import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest
from argon2 import PasswordHasher
from starlette.applications import Starlette
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from stockage import identites
from stockage.configuration import Configuration
from tests.conftest import CLE_DE_TEST
from tests.web.outils import MOT_DE_PASSE_WEB, connecter
from web.app import creer_app
from web.limites import Limites

DEPART_WEB = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday, 10:00 in Paris


class HorlogeWeb:
    """A clock the test moves forward: `horloge_web()` is the platform's "now"."""

    def __init__(self, depart: datetime = DEPART_WEB) -> None:
        self.instant = depart

    def __call__(self) -> datetime:
        return self.instant

    def avancer(self, **duree: float) -> datetime:
        self.instant += timedelta(**duree)
        return self.instant


@pytest.fixture(autouse=True)
def environnement_web(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap password hashing (the apps' settings are the `Configuration` each test builds)."""
    monkeypatch.setattr(
        identites, "_hacheur", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    )


@pytest.fixture
def horloge_web() -> HorlogeWeb:
    return HorlogeWeb()


@pytest.fixture(scope="session")
def base_modele_web(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated (councils instituted at DEPART_WEB) and copied for each test:
    running the Alembic migrations costs more than a whole web test."""
    fichier = tmp_path_factory.mktemp("modele-web") / "modele.sqlite3"
    p = Plateforme(Configuration(f"sqlite:///{fichier}"), horloge=HorlogeWeb())
    try:
        p.migrer()
    finally:
        p.fermer()
    return fichier


@pytest.fixture
def plateforme_web(
    tmp_path: Path, horloge_web: HorlogeWeb, base_modele_web: Path
) -> Iterator[Plateforme]:
    fichier = tmp_path / "p.sqlite3"
    shutil.copyfile(base_modele_web, fichier)
    p = Plateforme(Configuration(f"sqlite:///{fichier}", cle_secrete=CLE_DE_TEST), horloge_web)
    try:
        p.migrer()
        yield p
    finally:
        p.fermer()


@pytest.fixture
def app_web(plateforme_web: Plateforme, horloge_web: HorlogeWeb) -> Starlette:
    """The app with the real rate limits, fresh for each test and on the test's clock."""
    limites = Limites(horloge=lambda: horloge_web().timestamp())
    return creer_app(plateforme=plateforme_web, https=False, limites=limites)


@pytest.fixture
def nouveau_client(app_web: Starlette) -> Iterator[Callable[[], TestClient]]:
    """Opens more browsers (each with its own cookies) on the same app."""
    with ExitStack() as pile:

        def ouvrir() -> TestClient:
            return pile.enter_context(TestClient(app_web, follow_redirects=False))

        yield ouvrir


@pytest.fixture
def client(nouveau_client: Callable[[], TestClient]) -> TestClient:
    return nouveau_client()


class ComptesWeb:
    """Creates accounts straight through the platform (no HTTP), with unique e-mails."""

    def __init__(self, plateforme: Plateforme) -> None:
        self.plateforme = plateforme
        self.numero = 0

    def __call__(
        self, nom: str, role: str | None = None, arrondissement: int | None = None
    ) -> tuple[UUID, str]:
        self.numero += 1
        email = f"web{self.numero}@exemple.fr"
        compte_id, position = self.plateforme.comptes.inscrire(nom, email, MOT_DE_PASSE_WEB)
        if role is not None:
            position = self.plateforme.comptes.amorcer_role(compte_id, role, arrondissement)
        self.plateforme.projecteur.attendre(position)
        return compte_id, email


@pytest.fixture
def comptes_web(plateforme_web: Plateforme) -> ComptesWeb:
    return ComptesWeb(plateforme_web)


@pytest.fixture
def participant_web(client: TestClient, comptes_web: ComptesWeb) -> UUID:
    """A plain participant, signed in on `client`."""
    compte_id, email = comptes_web("Camille Habitante")
    connecter(client, email)
    return compte_id


@pytest.fixture
def animateur_web(client: TestClient, comptes_web: ComptesWeb) -> UUID:
    """An animateur of the 18e council, signed in on `client`."""
    compte_id, email = comptes_web("Dominique Animatrice", "animateur", 18)
    connecter(client, email)
    return compte_id
