"""Every setting of participation, read from the environment here and nowhere else.

Each `PARTICIPATION_*` variable is one field of `Configuration`, typed, with its default and
what it does (`REGLAGES` lists them; `docs/configuration.md` is generated from it). A wrong
value stops the command or the server at start-up with one French line, never later in a
request or a scheduled job. Tests build a `Configuration` directly, with the fields they need.
"""

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from domaine.erreurs import ErreurParticipation

URL_PAR_DEFAUT = "sqlite:///var/participation.sqlite3"
VARIABLE_URL = "PARTICIPATION_DATABASE_URL"
VARIABLE_ENVELOPPE_BP = "PARTICIPATION_ENVELOPPE_BP_EUROS"
ENVELOPPE_BP_PAR_DEFAUT = 3_000_000
"""Yearly budget participatif envelope of one arrondissement, in euros (order of magnitude of
the QPV share of Paris's investment budget; set the real figure by environment)."""
ENVELOPPE_BP_MAX = 1_000_000_000
VARIABLE_CONSERVATION = "PARTICIPATION_CONSERVATION_ANS"
CONSERVATION_PAR_DEFAUT = 3
VARIABLE_ARCHIVAGE = "PARTICIPATION_ARCHIVAGE"
ARCHIVAGE_PAR_DEFAUT = (1, 15)
VARIABLE_INACTIVITE = "PARTICIPATION_SESSION_INACTIVITE_MIN"
DUREE_SESSION_MAX_S = 8 * 3600
"""Absolute: a session opened at sign-in ends 8 hours later, however active."""
INACTIVITE_PAR_DEFAUT_S = 2 * 3600
VARIABLE_PROXY = "PARTICIPATION_PROXY_DE_CONFIANCE"
DELAI_DE_CONNEXION_S = 3
"""How long a request waits for the database before it answers 503 (with Retry-After) instead
of hanging: a PostgreSQL server that does not answer (connection timeout, both the event
store and the read models), or a SQLite file whose write lock another process holds (busy
timeout; a projector batch holds it for a fraction of a second)."""
URL_PUBLIQUE_PAR_DEFAUT = "http://127.0.0.1:8000"
VARIABLE_FICHIERS = "PARTICIPATION_FICHIERS"
STOCKAGES_DE_FICHIERS = ("local", "s3")
VARIABLE_TAILLE_DOCUMENT = "PARTICIPATION_DOCUMENTS_TAILLE_MAX_MO"
TAILLE_DOCUMENT_PAR_DEFAUT_MO = 20
TAILLE_DOCUMENT_MAX_MO = 200
SEAU_PAR_DEFAUT = "participation-documents"
REGION_PAR_DEFAUT = "us-east-1"
EXPEDITEUR_PAR_DEFAUT = "conseils-citoyens@participation.paris"


class ConfigurationInvalide(ErreurParticipation):
    """A setting participation cannot use (database URL, budget participatif envelope…)."""


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


def lire_conservation_ans(brut: str | None) -> int:
    """Years of inactivity after which a person's data are erased, 1 to 30."""
    if brut is None or not brut.strip():
        return CONSERVATION_PAR_DEFAUT
    if not brut.strip().isdecimal() or not 1 <= int(brut) <= 30:
        raise ConfigurationInvalide(
            f"{VARIABLE_CONSERVATION} doit être un nombre entier d'années entre 1 et 30 "
            f"(reçu : « {brut} »)."
        )
    return int(brut)


def lire_jour_d_archivage(brut: str | None) -> tuple[int, int]:
    """ "MM-JJ", the day (month, day) the reports of the year just ended are archived."""
    if brut is None or not brut.strip():
        return ARCHIVAGE_PAR_DEFAUT
    try:
        mois, jour = (int(x) for x in brut.split("-"))
        datetime(2024, mois, jour)  # a leap year: 02-29 is a valid choice
    except ValueError:
        raise ConfigurationInvalide(
            f"{VARIABLE_ARCHIVAGE} doit être une date MM-JJ (par exemple 01-15), pas « {brut} »."
        ) from None
    return mois, jour


def lire_inactivite(brut: str | None) -> int:
    """Minutes (5 to 480) without a request after which a session ends, in seconds."""
    if brut is None or brut == "":
        return INACTIVITE_PAR_DEFAUT_S
    if not brut.isdecimal() or not 5 <= int(brut) <= DUREE_SESSION_MAX_S // 60:
        raise ConfigurationInvalide(
            f"{VARIABLE_INACTIVITE} doit être un nombre entier de minutes entre 5 et "
            f"{DUREE_SESSION_MAX_S // 60} (reçu : {brut!r})."
        )
    return int(brut) * 60


def lire_taille_document(brut: str | None) -> int:
    """Megabytes (1 to 200) a deposited document may weigh."""
    if brut is None or not brut.strip():
        return TAILLE_DOCUMENT_PAR_DEFAUT_MO
    propre = brut.strip()
    if not propre.isdecimal() or not 1 <= int(propre) <= TAILLE_DOCUMENT_MAX_MO:
        raise ConfigurationInvalide(
            f"{VARIABLE_TAILLE_DOCUMENT} doit être un nombre entier de mégaoctets entre 1 et "
            f"{TAILLE_DOCUMENT_MAX_MO} (reçu : « {brut} »)."
        )
    return int(propre)


def lire_stockage_de_fichiers(brut: str | None) -> str | None:
    if brut is None or not brut.strip():
        return None
    if brut.strip() not in STOCKAGES_DE_FICHIERS:
        raise ConfigurationInvalide(
            f"{VARIABLE_FICHIERS} vaut « local » (le disque du serveur) ou « s3 » (un stockage "
            f"objet compatible S3), pas « {brut} »."
        )
    return brut.strip()


def _sauf_zero(brut: str | None) -> bool | None:
    """A switch on by default: `0` turns it off."""
    if brut is None or brut == "":
        return None
    return brut != "0"


def _texte(brut: str | None) -> str | None:
    return brut or None


def _oui(brut: str | None) -> bool:
    return brut == "1"


def _reglage(variable: str, lire: Callable[[str | None], Any], doc: str) -> Any:
    """The field's environment variable, how its text is read, and what it does."""
    return {"variable": variable, "lire": lire, "doc": doc}


@dataclass(frozen=True)
class Configuration:
    """The settings of one deployment; `depuis_environnement` reads them."""

    database_url: str = field(
        default=URL_PAR_DEFAUT,
        metadata=_reglage(
            VARIABLE_URL,
            _texte,
            "Where data lives: `sqlite:///path/file.sqlite3` (default "
            "`sqlite:///var/participation.sqlite3`) or `postgresql://user:pw@host:5432/base`. "
            "The CLI's `--database-url` takes precedence.",
        ),
    )
    enveloppe_bp_euros: int = field(
        default=ENVELOPPE_BP_PAR_DEFAUT,
        metadata=_reglage(
            VARIABLE_ENVELOPPE_BP,
            lire_enveloppe_bp,
            "Yearly budget participatif envelope of one arrondissement, in whole euros "
            "(default 3000000); a proposal may not cost more.",
        ),
    )
    conservation_ans: int = field(
        default=CONSERVATION_PAR_DEFAUT,
        metadata=_reglage(
            VARIABLE_CONSERVATION,
            lire_conservation_ans,
            "Years (1 to 30, default 3) without activity, membership, seat or role after "
            "which a person's data are erased by the daily retention job.",
        ),
    )
    jour_archivage: tuple[int, int] = field(
        default=ARCHIVAGE_PAR_DEFAUT,
        metadata=_reglage(
            VARIABLE_ARCHIVAGE,
            lire_jour_d_archivage,
            "`MM-JJ`, the day the reports of the year just ended are archived (default 01-15).",
        ),
    )
    url_publique: str = field(
        default=URL_PUBLIQUE_PAR_DEFAUT,
        metadata=_reglage(
            "PARTICIPATION_URL_PUBLIQUE",
            _texte,
            "The site's address, for the links in e-mails, the calendar feeds' addresses and "
            "the open-data files and catalogue (default http://127.0.0.1:8000).",
        ),
    )
    smtp_url: str | None = field(
        default=None,
        metadata=_reglage(
            "PARTICIPATION_SMTP_URL",
            _texte,
            "`smtp://user:password@host:587` (STARTTLS) or `smtps://…:465`; unset: e-mails are "
            "printed to the console.",
        ),
    )
    email_expediteur: str = field(
        default=EXPEDITEUR_PAR_DEFAUT,
        metadata=_reglage(
            "PARTICIPATION_EMAIL_EXPEDITEUR",
            _texte,
            f"The From address of e-mails (default {EXPEDITEUR_PAR_DEFAUT}).",
        ),
    )
    cle_secrete: str | None = field(
        default=None,
        metadata=_reglage(
            "PARTICIPATION_SECRET_KEY",
            _texte,
            "Key that signs session cookies; unset: a random key kept in `var/secret_key` "
            "(never committed). Changing it ends every session.",
        ),
    )
    https: bool = field(
        default=False,
        metadata=_reglage(
            "PARTICIPATION_HTTPS",
            _oui,
            "`1`: the site is served over HTTPS (session cookie `Secure` and named "
            "`__Host-participation_session`, `Strict-Transport-Security` sent).",
        ),
    )
    proxy_de_confiance: bool = field(
        default=False,
        metadata=_reglage(
            VARIABLE_PROXY,
            _oui,
            "`1`: behind one trusted reverse proxy, the client address (for the per-address "
            "limits) is the last `X-Forwarded-For` entry; otherwise that header is ignored.",
        ),
    )
    inactivite_s: int = field(
        default=INACTIVITE_PAR_DEFAUT_S,
        metadata=_reglage(
            VARIABLE_INACTIVITE,
            lire_inactivite,
            "Minutes (5 to 480, default 120) without a request after which a session ends; "
            "sessions end 8 hours after sign-in in any case.",
        ),
    )
    fichiers: str = field(
        default="local",
        metadata=_reglage(
            VARIABLE_FICHIERS,
            lire_stockage_de_fichiers,
            "Where the councils' documents are stored: `local` (default: a directory, see "
            "`PARTICIPATION_FICHIERS_DOSSIER`) or `s3` (an S3-compatible object store: MinIO, "
            "Garage, a cloud's; settings `PARTICIPATION_S3_ENDPOINT` and below). See docs/documents.md.",
        ),
    )
    dossier_fichiers: str | None = field(
        default=None,
        metadata=_reglage(
            "PARTICIPATION_FICHIERS_DOSSIER",
            _texte,
            "Directory of the documents with `PARTICIPATION_FICHIERS=local`; unset: `fichiers/` "
            "next to the SQLite database (`var/fichiers` by default), or `var/fichiers` with "
            "PostgreSQL.",
        ),
    )
    s3_endpoint: str | None = field(
        default=None,
        metadata=_reglage(
            "PARTICIPATION_S3_ENDPOINT",
            _texte,
            "`host:port` of the S3-compatible store (e.g. `minio.interne:9000`), without scheme.",
        ),
    )
    s3_seau: str = field(
        default=SEAU_PAR_DEFAUT,
        metadata=_reglage(
            "PARTICIPATION_S3_BUCKET",
            _texte,
            f"Bucket of the documents (default `{SEAU_PAR_DEFAUT}`; created if missing).",
        ),
    )
    s3_cle_d_acces: str | None = field(
        default=None,
        metadata=_reglage("PARTICIPATION_S3_ACCESS_KEY", _texte, "Access key of the S3 store."),
    )
    s3_cle_secrete: str | None = field(
        default=None,
        repr=False,
        metadata=_reglage("PARTICIPATION_S3_SECRET_KEY", _texte, "Secret key of the S3 store."),
    )
    s3_region: str = field(
        default=REGION_PAR_DEFAUT,
        metadata=_reglage(
            "PARTICIPATION_S3_REGION",
            _texte,
            f"Region of the bucket (default `{REGION_PAR_DEFAUT}`, what MinIO expects).",
        ),
    )
    s3_tls: bool = field(
        default=True,
        metadata=_reglage(
            "PARTICIPATION_S3_TLS",
            _sauf_zero,
            "`0`: talk to the S3 store over plain HTTP (a store on the same private network); "
            "HTTPS otherwise.",
        ),
    )
    taille_max_document_mo: int = field(
        default=TAILLE_DOCUMENT_PAR_DEFAUT_MO,
        metadata=_reglage(
            VARIABLE_TAILLE_DOCUMENT,
            lire_taille_document,
            f"Largest document one may deposit, in megabytes (1 to {TAILLE_DOCUMENT_MAX_MO}, "
            f"default {TAILLE_DOCUMENT_PAR_DEFAUT_MO}); checked while the upload is read.",
        ),
    )
    mot_de_passe_compte: str | None = field(
        default=None,
        repr=False,
        metadata=_reglage(
            "PARTICIPATION_MOT_DE_PASSE",
            _texte,
            "Password of the account `participation comptes creer` makes, for scripts; "
            "unset: the command asks for it.",
        ),
    )

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
        if self.fichiers == "s3" and not (
            self.s3_endpoint and self.s3_seau and self.s3_cle_d_acces and self.s3_cle_secrete
        ):
            raise ConfigurationInvalide(
                "Avec PARTICIPATION_FICHIERS=s3, donnez PARTICIPATION_S3_ENDPOINT, "
                "PARTICIPATION_S3_ACCESS_KEY et PARTICIPATION_S3_SECRET_KEY."
            )

    @classmethod
    def depuis_environnement(
        cls, database_url: str | None = None, environ: Mapping[str, str] | None = None
    ) -> "Configuration":
        """Every `PARTICIPATION_*` variable that is set (`database_url`, the CLI's option,
        comes first); the others keep their defaults."""
        env = os.environ if environ is None else environ
        valeurs: dict[str, Any] = {}
        for reglage in fields(cls):
            valeur = reglage.metadata["lire"](env.get(reglage.metadata["variable"]))
            if valeur is not None:
                valeurs[reglage.name] = valeur
        if database_url:
            valeurs["database_url"] = database_url
        return cls(**valeurs)

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
                "SQLITE_LOCK_TIMEOUT": str(DELAI_DE_CONNEXION_S),
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
            "POSTGRES_CONNECT_TIMEOUT": str(DELAI_DE_CONNEXION_S),
        }

    def url_sqlalchemy(self) -> str:
        if self.est_postgres:
            reste = self.database_url.split("://", 1)[1]
            return f"postgresql+psycopg://{reste}"
        self.chemin_sqlite.parent.mkdir(parents=True, exist_ok=True)
        return self.database_url

    @property
    def chemin_fichiers(self) -> Path:
        """The local directory of the documents (see `dossier_fichiers`)."""
        if self.dossier_fichiers:
            return Path(self.dossier_fichiers)
        if self.est_postgres:
            return Path("var/fichiers")
        return self.chemin_sqlite.parent / "fichiers"

    @property
    def taille_max_document(self) -> int:
        """In bytes."""
        return self.taille_max_document_mo * 1024 * 1024

    def masquee(self) -> str:
        """The URL with its password hidden, for logs and messages."""
        parties = urlsplit(self.database_url)
        if parties.password:
            return self.database_url.replace(f":{parties.password}@", ":***@")
        return self.database_url


def documentation() -> str:
    """The table of settings `docs/configuration.md` holds (a test keeps it up to date)."""
    lignes = ["| variable | what it sets |", "| --- | --- |"]
    for reglage in fields(Configuration):
        lignes.append(f"| `{reglage.metadata['variable']}` | {reglage.metadata['doc']} |")
    return "\n".join(lignes) + "\n"


if __name__ == "__main__":
    # Rewrites the table of docs/configuration.md (tests/unit/test_reglages.py checks it).
    page = Path("docs/configuration.md")
    avant, reste = page.read_text(encoding="utf-8").split("<!-- reglages -->", 1)
    apres = reste.split("<!-- /reglages -->", 1)[1]
    tableau = f"<!-- reglages -->\n{documentation()}<!-- /reglages -->"
    page.write_text(avant + tableau + apres, encoding="utf-8")
