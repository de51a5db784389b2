"""SQLAlchemy engines for the read models and the identity store, on SQLite or PostgreSQL."""

import errno
import logging
from typing import Any

from eventsourcing.persistence import InterfaceError as InterfaceEvenements
from eventsourcing.persistence import OperationalError as IndisponibiliteEvenements
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from stockage.configuration import DELAI_DE_CONNEXION_S, Configuration

journal = logging.getLogger("stockage.moteur")


def creer_moteur(configuration: Configuration, **options: Any) -> Engine:
    if configuration.est_postgres:
        # A dropped connection is found before use (not by the request), and a server that
        # does not answer fails fast.
        options = {
            "pool_pre_ping": True,
            "connect_args": {"connect_timeout": DELAI_DE_CONNEXION_S},
            **options,
        }
    moteur = create_engine(configuration.url_sqlalchemy(), future=True, **options)
    if moteur.dialect.name == "sqlite":
        event.listen(moteur, "connect", _reglages_sqlite)
    return moteur


def _reglages_sqlite(connexion: Any, _record: Any) -> None:
    """WAL lets readers work while the event store writes; waits a little (not for ever) on a
    lock before failing, which the web answers with a 503.
    `secure_delete` overwrites deleted rows (and the old version of updated ones) with zeros,
    so an erased name or e-mail does not linger in free space of the file (RGPD erasure)."""
    curseur = connexion.cursor()
    curseur.execute("PRAGMA journal_mode=WAL")
    curseur.execute(f"PRAGMA busy_timeout={DELAI_DE_CONNEXION_S * 1000}")
    curseur.execute("PRAGMA foreign_keys=ON")
    curseur.execute("PRAGMA secure_delete=ON")
    curseur.close()


TABLES_PERSONNELLES = (
    "identites_personnes",
    "identites_jetons_api",
    "identites_candidats",
    "identites_calendriers",
)
"""The tables that hold personal data (the erasable store)."""
REPONSES_GARDEES = "idempotence_reprises"
"""The answers kept for idempotent forms (`stockage.reprises`): pages that may show names.
Kept a day at most, and emptied whenever personal data are erased."""


def effacer_physiquement(moteur: Engine) -> None:
    """Make deleted personal data unreadable in the database files, not just invisible.

    SQLite (with `secure_delete`): copy the WAL into the main file and truncate it, since older
    WAL frames still hold the pages as they were before the deletion. PostgreSQL: a deleted
    row stays in its page (and its index entries) until vacuumed, and even `VACUUM FULL` copies
    it into the new file while any transaction of the database older than the deletion runs
    (autovacuum's ANALYZE, a report, a backup). So the identity tables are rewritten under an
    exclusive lock: their live rows are copied aside, the table is truncated (a new, empty file;
    the old one is dropped whatever older snapshots exist) and the rows put back.
    The answers kept for idempotent forms are dropped (a retry then runs again, no more).
    """
    with moteur.begin() as cnx:
        vider = "DELETE FROM" if moteur.dialect.name == "sqlite" else "TRUNCATE"
        cnx.execute(text(f"{vider} {REPONSES_GARDEES}"))
    if moteur.dialect.name == "sqlite":
        with moteur.connect() as cnx:
            occupe = cnx.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").scalar()
        if occupe:  # a reader kept an old snapshot: the next checkpoint finishes the job
            journal.warning("Le journal WAL n'a pas pu être vidé après un effacement.")
        return
    with moteur.begin() as cnx:
        for table in TABLES_PERSONNELLES:
            cnx.execute(text(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE"))
        for table in TABLES_PERSONNELLES:
            copie = f"copie_{table}"
            cnx.execute(text(f"CREATE TEMP TABLE {copie} ON COMMIT DROP AS TABLE {table}"))
            cnx.execute(text(f"TRUNCATE {table}"))
            cnx.execute(text(f"INSERT INTO {table} SELECT * FROM {copie}"))  # noqa: S608 (constants)
    _tourner_le_wal(moteur)


def _tourner_le_wal(moteur: Engine) -> None:
    """PostgreSQL's live WAL still holds the erased rows (as inserted, and in full-page
    images): switch to a new segment and checkpoint, so that the segments holding them are
    no longer needed and are recycled (overwritten) as the server writes on. Needs the rights
    (a superuser, or `pg_checkpoint` and EXECUTE on `pg_switch_wal`); without them, the log
    says so and the segments go at the next checkpoints."""
    try:
        with moteur.connect().execution_options(isolation_level="AUTOCOMMIT") as cnx:
            cnx.exec_driver_sql("SELECT pg_switch_wal()")
            cnx.exec_driver_sql("CHECKPOINT")
    except DBAPIError as erreur:
        journal.warning(
            "Après un effacement, le WAL n'a pas pu être basculé (%s) : les segments qui "
            "contiennent encore les données effacées seront recyclés aux prochains "
            "points de reprise.",
            " ".join(str(erreur.orig).split())[:200],
        )


def est_une_indisponibilite(erreur: BaseException) -> bool:
    """The database cannot be reached or written to right now (server down, connection lost,
    disk full, a lock held too long): a moment's outage to announce (503), not a bug."""
    if isinstance(erreur, OSError) and erreur.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    indisponibles = (
        OperationalError,
        InterfaceError,
        IndisponibiliteEvenements,
        InterfaceEvenements,
    )
    chaine: BaseException | None = erreur
    while chaine is not None:  # the recorders wrap the driver's errors
        if isinstance(chaine, indisponibles):
            return True
        chaine = chaine.__cause__ or chaine.__context__
    return False
