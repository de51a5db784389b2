"""Shared fixtures: configurations on SQLite and PostgreSQL, a controllable clock, a platform
and accounts holding each role.

PostgreSQL tests use a throw-away database created for the session. When the server cannot be
reached they are skipped locally, and fail under `CI=true` so that a broken CI setup never passes
silently.
"""

import os
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from uuid import UUID

import pytest
from argon2 import PasswordHasher
from hypothesis import HealthCheck, settings

from domaine.comptes import Acteur
from domaine.quartiers import REFERENTIEL_INITIAL, installer
from lancement.plateforme import Plateforme
from stockage import identites
from stockage.configuration import Configuration

CLE_DE_TEST = "cle-secrete-des-tests-" + "x" * 32
"""Signs the test apps' session cookies (no secret file written to var/)."""

VARIABLE_POSTGRES = "PARTICIPATION_TEST_POSTGRES_URL"
POSTGRES_PAR_DEFAUT = "postgresql://postgres@127.0.0.1:5432/postgres"
DEBUT = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
FIN_DE_LA_DEMO = date(2026, 12, 6)
"""The end day of every demo the tests load (`--fin`): the demo, hence every figure the tests
read from it, is the same whatever day they run. (The one-year demo ending that day once had
no budget participatif campaign, hence no supporter outside the assembly.)"""
APRES_LA_DEMO = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
"""The platform's clock when a test acts on the demo data: the morning of its end day."""
MOT_DE_PASSE = "un mot de passe solide"


# --- Hypothesis -----------------------------------------------------------------------------

# Fuzz tests (issue 6): ~50 examples per command, no deadline (a first call imports and warms
# caches); under `CI=true` the examples are derived from the test's name, so a CI run is
# reproducible and never flaky. `HYPOTHESIS_PROFILE=fouille` digs deeper by hand.
_COMMUN = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("local", max_examples=50, **_COMMUN)
settings.register_profile("ci", max_examples=50, derandomize=True, database=None, **_COMMUN)
settings.register_profile("fouille", max_examples=500, **_COMMUN)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "local")
)


# --- clock -----------------------------------------------------------------------------------


class HorlogeReglable:
    """A clock the test moves by hand: `horloge()` returns `horloge.now`."""

    def __init__(self, depart: datetime = DEBUT) -> None:
        assert depart.tzinfo is not None
        self.now = depart

    def __call__(self) -> datetime:
        return self.now

    def avancer(self, **duree: float) -> datetime:
        self.now = self.now + timedelta(**duree)
        return self.now


@pytest.fixture(autouse=True)
def referentiel_fondateur() -> Iterator[None]:
    """Each test starts and ends with the founding geography and councils: a test that adopts
    a list or institutes a council does not leak it into the next (the referential is
    process-wide, see `domaine.quartiers`)."""
    installer(REFERENTIEL_INITIAL)
    yield
    installer(REFERENTIEL_INITIAL)


@pytest.fixture
def horloge() -> HorlogeReglable:
    return HorlogeReglable()


# --- fast password hashing -------------------------------------------------------------------


@pytest.fixture
def hachage_rapide(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with production parameters costs ~0.15 s per hash; tests use minimal ones."""
    monkeypatch.setattr(
        identites, "_hacheur", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    )


# --- SQLite ----------------------------------------------------------------------------------


@pytest.fixture
def configuration_sqlite(tmp_path: Any) -> Configuration:
    return Configuration(f"sqlite:///{tmp_path}/p.sqlite3", cle_secrete=CLE_DE_TEST)


# --- PostgreSQL ------------------------------------------------------------------------------


def _url_postgres() -> str:
    return os.environ.get(VARIABLE_POSTGRES) or POSTGRES_PAR_DEFAUT


def avec_base(url: str, base: str) -> str:
    parties = urlsplit(url)
    return urlunsplit(parties._replace(path=f"/{base}"))


def _absent(raison: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL est requis sous CI=true mais inaccessible : {raison}")
    pytest.skip(f"PostgreSQL absent: {raison}")


@pytest.fixture(scope="session")
def base_postgres() -> Iterator[str]:
    """A fresh database for the whole session; its URL is yielded, dropped at the end."""
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a project dependency
        _absent(f"psycopg introuvable ({exc})")
    url = _url_postgres()
    serveur = avec_base(url, "postgres")
    nom = f"participation_test_{secrets.token_hex(6)}"
    try:
        with psycopg.connect(serveur, autocommit=True, connect_timeout=3) as cnx:
            cnx.execute(f'CREATE DATABASE "{nom}"')
    except psycopg.OperationalError as exc:
        _absent(f"{Configuration(url).masquee()} injoignable ({' '.join(str(exc).split())})")
    try:
        yield avec_base(url, nom)
    finally:
        with psycopg.connect(serveur, autocommit=True, connect_timeout=3) as cnx:
            cnx.execute(f'DROP DATABASE IF EXISTS "{nom}" WITH (FORCE)')


@pytest.fixture
def configuration_postgres(base_postgres: str) -> Configuration:
    """The session database, emptied: each test starts with no table at all."""
    import psycopg

    with psycopg.connect(base_postgres, autocommit=True) as cnx:
        cnx.execute("DROP SCHEMA public CASCADE")
        cnx.execute("CREATE SCHEMA public")
    return Configuration(base_postgres, cle_secrete=CLE_DE_TEST)


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ]
)
def configuration(request: pytest.FixtureRequest) -> Configuration:
    nom = "configuration_sqlite" if request.param == "sqlite" else "configuration_postgres"
    valeur: Configuration = request.getfixturevalue(nom)
    return valeur


# --- platform and accounts -------------------------------------------------------------------


@pytest.fixture
def plateforme(
    configuration: Configuration, horloge: HorlogeReglable, hachage_rapide: None
) -> Iterator[Plateforme]:
    p = Plateforme(configuration, horloge=horloge)
    try:
        p.migrer()
        yield p
    finally:
        p.fermer()


@dataclass
class FabriqueComptes:
    """Creates accounts through the real use cases; names and e-mails are unique per call."""

    plateforme: Plateforme
    compteur: int = 0

    def __call__(
        self, role: str | None = None, arrondissement: int | None = None, nom: str = ""
    ) -> Acteur:
        self.compteur += 1
        nom = nom or f"Personne Numéro{self.compteur}"
        email = f"personne{self.compteur}@exemple.fr"
        compte_id, _ = self.plateforme.comptes.inscrire(nom, email, MOT_DE_PASSE)
        if role is not None:
            self.plateforme.comptes.amorcer_role(compte_id, role, arrondissement)
        return self.acteur(compte_id)

    def acteur(self, compte_id: UUID) -> Acteur:
        acteur = self.plateforme.comptes.acteur(compte_id)
        assert acteur is not None
        return acteur


@pytest.fixture
def creer_compte(plateforme: Plateforme) -> Callable[..., Acteur]:
    """`creer_compte(role=None, arrondissement=None, nom="")` -> the new account's `Acteur`."""
    return FabriqueComptes(plateforme)


@pytest.fixture
def participant(creer_compte: Callable[..., Acteur]) -> Acteur:
    return creer_compte(nom="Camille Participante")


@pytest.fixture
def animateur_18(creer_compte: Callable[..., Acteur]) -> Acteur:
    return creer_compte("animateur", 18, nom="Dominique Animatrice")


@pytest.fixture
def agent_ville(creer_compte: Callable[..., Acteur]) -> Acteur:
    return creer_compte("agent_ville", nom="Agent Ville")


@pytest.fixture
def agent_etat(creer_compte: Callable[..., Acteur]) -> Acteur:
    return creer_compte("agent_etat", nom="Agent État")


@pytest.fixture
def admin(creer_compte: Callable[..., Acteur]) -> Acteur:
    return creer_compte("admin", nom="Alix Administratrice")


# --- S3-compatible object storage -------------------------------------------------------------


@pytest.fixture(scope="session")
def serveur_s3() -> Iterator[str]:
    """A real S3-compatible HTTP server (moto's), on a free local port for the session: the
    storage tests talk to it over a socket with the same client as production. Yields its
    `host:port`."""
    import socket

    from moto.server import ThreadedMotoServer

    with socket.socket() as prise:
        prise.bind(("127.0.0.1", 0))
        port = prise.getsockname()[1]
    serveur = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    serveur.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        serveur.stop()


def configuration_s3(base: Configuration, serveur: str, seau: str) -> Configuration:
    """`base` with its documents in a bucket of the test server (one bucket per test)."""
    from dataclasses import replace

    return replace(
        base,
        fichiers="s3",
        s3_endpoint=serveur,
        s3_seau=seau,
        s3_cle_d_acces="participation-test",
        s3_cle_secrete="participation-test-secret",
        s3_tls=False,
    )


# --- CI: nothing is skipped silently ---------------------------------------------------------


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Under `CI=true` a skipped test is a failed one: CI must run PostgreSQL and browser tests."""
    resultat = yield
    rapport = resultat.get_result()  # type: ignore[attr-defined]
    if os.environ.get("CI") == "true" and rapport.skipped:
        rapport.outcome = "failed"
        rapport.longrepr = f"Test sauté sous CI=true (interdit) : {rapport.longrepr}"
