"""SQLAlchemy engines for the read models and the identity store, on SQLite or PostgreSQL."""

import logging
import time
from typing import Any

from sqlalchemy import Engine, create_engine, event, text

from participation.configuration import Configuration

journal = logging.getLogger("participation.base")


def creer_moteur(configuration: Configuration, **options: Any) -> Engine:
    moteur = create_engine(configuration.url_sqlalchemy(), future=True, **options)
    if moteur.dialect.name == "sqlite":
        event.listen(moteur, "connect", _reglages_sqlite)
    return moteur


def _reglages_sqlite(connexion: Any, _record: Any) -> None:
    """WAL lets readers work while the event store writes; waits instead of failing on a lock.
    `secure_delete` overwrites deleted rows (and the old version of updated ones) with zeros,
    so an erased name or e-mail does not linger in free space of the file (RGPD erasure)."""
    curseur = connexion.cursor()
    curseur.execute("PRAGMA journal_mode=WAL")
    curseur.execute("PRAGMA busy_timeout=10000")
    curseur.execute("PRAGMA foreign_keys=ON")
    curseur.execute("PRAGMA secure_delete=ON")
    curseur.close()


TABLES_PERSONNELLES = ("identites_personnes", "identites_jetons_api", "identites_candidats")
"""The tables that hold personal data (the erasable store)."""


def effacer_physiquement(moteur: Engine) -> None:
    """Make deleted personal data unreadable in the database files, not just invisible.

    SQLite (with `secure_delete`): copy the WAL into the main file and truncate it, since older
    WAL frames still hold the pages as they were before the deletion. PostgreSQL: a deleted
    row stays in its page (and its index entries) until vacuumed; `VACUUM FULL` rewrites the
    identity tables and their indexes into new files and drops the old ones, once the
    transactions that could still see the deleted rows ended. The daily retention job calls
    this too, so whatever a long transaction kept is removed within a day.
    """
    if moteur.dialect.name == "sqlite":
        with moteur.connect() as cnx:
            occupe = cnx.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").scalar()
        if occupe:  # a reader kept an old snapshot: the next checkpoint finishes the job
            journal.warning("Le journal WAL n'a pas pu être vidé après un effacement.")
        return
    with moteur.connect().execution_options(isolation_level="AUTOCOMMIT") as cnx:
        depuis = cnx.execute(text("SELECT clock_timestamp()")).scalar()
        for _ in range(ATTENTE_TRANSACTIONS_S * 10):
            if not cnx.execute(_TRANSACTIONS_ANTERIEURES, {"depuis": depuis}).scalar():
                break
            time.sleep(0.1)
        else:
            journal.warning(
                "Une transaction plus ancienne que l'effacement est encore ouverte : les lignes "
                "effacées quitteront les fichiers au prochain passage de la tâche de conservation."
            )
        for table in TABLES_PERSONNELLES:
            cnx.execute(text(f"VACUUM FULL {table}"))


ATTENTE_TRANSACTIONS_S = 10
_TRANSACTIONS_ANTERIEURES = text(
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
    "AND pid <> pg_backend_pid() AND xact_start < :depuis "
    "AND (backend_xmin IS NOT NULL OR backend_xid IS NOT NULL)"
)
"""Transactions begun before the deletion may still see the deleted rows: `VACUUM FULL` then
copies them ("recently dead") into the new files. Autovacuum's ANALYZE, a report being
computed or a backup are such transactions; the erasure waits for them a little."""
