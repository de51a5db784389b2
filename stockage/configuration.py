"""Settings: the database URL drives both the event store and the read models; the yearly
budget participatif envelope of an arrondissement bounds the cost of a proposal."""

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from domaine.erreurs import ErreurParticipation

URL_PAR_DEFAUT = "sqlite:///var/participation.sqlite3"
VARIABLE_URL = "PARTICIPATION_DATABASE_URL"
VARIABLE_ENVELOPPE_BP = "PARTICIPATION_ENVELOPPE_BP_EUROS"
ENVELOPPE_BP_PAR_DEFAUT = 3_000_000
"""Yearly budget participatif envelope of one arrondissement, in euros (order of magnitude of
the QPV share of Paris's investment budget; set the real figure by environment)."""
ENVELOPPE_BP_MAX = 1_000_000_000


class ConfigurationInvalide(ErreurParticipation):
    """A setting participation cannot use (database URL, budget participatif envelope)."""


@dataclass(frozen=True)
class Configuration:
    """Where data lives (`sqlite:///path`, the default, or `postgresql://user:pw@host:port/db`)
    and the yearly budget participatif envelope of an arrondissement, in euros."""

    database_url: str = URL_PAR_DEFAUT
    enveloppe_bp_euros: int = ENVELOPPE_BP_PAR_DEFAUT

    def __post_init__(self) -> None:
        if (
            isinstance(self.enveloppe_bp_euros, bool)
            or not isinstance(self.enveloppe_bp_euros, int)
            or not 1 <= self.enveloppe_bp_euros <= ENVELOPPE_BP_MAX
        ):
            raise ConfigurationInvalide(
                f"{VARIABLE_ENVELOPPE_BP} doit être un nombre entier d'euros entre 1 et "
                f"{ENVELOPPE_BP_MAX} (reçu : {self.enveloppe_bp_euros!r})."
            )
        if not (self.est_postgres or self.database_url.startswith("sqlite:///")):
            raise ConfigurationInvalide(
                f"URL de base de données non reconnue : « {self.masquee()} » "
                "(attendu sqlite:///chemin/fichier.sqlite3 ou postgresql://…)."
            )
        if self.est_postgres and not urlsplit(self.database_url).path.lstrip("/"):
            raise ConfigurationInvalide(
                "L'URL PostgreSQL doit nommer la base : postgresql://utilisateur@hôte:5432/base."
            )

    @classmethod
    def depuis_environnement(cls, database_url: str | None = None) -> "Configuration":
        return cls(
            database_url or os.environ.get(VARIABLE_URL) or URL_PAR_DEFAUT,
            lire_enveloppe_bp(os.environ.get(VARIABLE_ENVELOPPE_BP)),
        )

    @property
    def est_postgres(self) -> bool:
        return self.database_url.split(":", 1)[0].split("+", 1)[0] in ("postgresql", "postgres")

    @property
    def chemin_sqlite(self) -> Path:
        assert not self.est_postgres, "a PostgreSQL URL has no file path"
        return Path(self.database_url.removeprefix("sqlite:///"))

    def env_evenements(self) -> dict[str, str]:
        """Settings of the `eventsourcing` recorder for the same database."""
        if not self.est_postgres:
            chemin = self.chemin_sqlite
            chemin.parent.mkdir(parents=True, exist_ok=True)
            return {
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": str(chemin),
                "SQLITE_LOCK_TIMEOUT": "10",
            }
        parties = urlsplit(self.database_url)
        return {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": parties.path.lstrip("/"),
            "POSTGRES_HOST": parties.hostname or "127.0.0.1",
            "POSTGRES_PORT": str(parties.port or 5432),
            "POSTGRES_USER": unquote(parties.username or "postgres"),
            "POSTGRES_PASSWORD": unquote(parties.password or ""),
            "POSTGRES_POOL_SIZE": "5",
            "POSTGRES_CONNECT_TIMEOUT": "5",
        }

    def url_sqlalchemy(self) -> str:
        if self.est_postgres:
            reste = self.database_url.split("://", 1)[1]
            return f"postgresql+psycopg://{reste}"
        self.chemin_sqlite.parent.mkdir(parents=True, exist_ok=True)
        return self.database_url

    def masquee(self) -> str:
        """The URL with its password hidden, for logs and messages."""
        parties = urlsplit(self.database_url)
        if parties.password:
            return self.database_url.replace(f":{parties.password}@", ":***@")
        return self.database_url


def lire_enveloppe_bp(brut: str | None) -> int:
    """The envelope as typed in the environment: digits, spaces and underscores allowed."""
    if brut is None or not brut.strip():
        return ENVELOPPE_BP_PAR_DEFAUT
    chiffres = "".join(brut.split()).replace("_", "")
    if not chiffres.isdecimal():
        raise ConfigurationInvalide(
            f"{VARIABLE_ENVELOPPE_BP} doit être un nombre entier d'euros, sans symbole "
            f"(par exemple 3000000) ; reçu : « {brut} »."
        )
    return int(chiffres)
