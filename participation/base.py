"""SQLAlchemy engines for the read models and the identity store, on SQLite or PostgreSQL."""

from typing import Any

from sqlalchemy import Engine, create_engine, event

from participation.configuration import Configuration


def creer_moteur(configuration: Configuration, **options: Any) -> Engine:
    moteur = create_engine(configuration.url_sqlalchemy(), future=True, **options)
    if moteur.dialect.name == "sqlite":
        event.listen(moteur, "connect", _reglages_sqlite)
    return moteur


def _reglages_sqlite(connexion: Any, _record: Any) -> None:
    """WAL lets readers work while the event store writes; waits instead of failing on a lock."""
    curseur = connexion.cursor()
    curseur.execute("PRAGMA journal_mode=WAL")
    curseur.execute("PRAGMA busy_timeout=10000")
    curseur.execute("PRAGMA foreign_keys=ON")
    curseur.close()
