"""The event store's recorders, extended to write the hash chain in the very transaction that
stores the events: no commit of its own, and a saved event is never left unchained.

Chosen through `APPLICATION_RECORDER_TOPIC` (see `Registre`). They rely on two hooks of the
`eventsourcing` recorders that run inside the insert transaction: SQLite's `_insert_events`
(under the database's write lock) and PostgreSQL's `_fetch_ids_after_insert_events` (under the
events table's EXCLUSIVE lock, in pipeline mode). Before the `audit_chaine` table exists (a
database not migrated yet) they store the events alone; `Chaine.rattraper` chains them later.
"""

from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder
from psycopg.sql import SQL, Identifier

from stockage.audit import ORIGINE, VERROU, forme_canonique_hachee

_TETE = "SELECT position, empreinte FROM audit_chaine ORDER BY position DESC LIMIT 1"


def _lignes(precedente: str, evenements: Iterable[Any]) -> list[tuple[int, str, str]]:
    """(position, empreinte, precedente) of each row (position, id, version, topic, state)."""
    lignes = []
    for position, originator_id, version, topic, state in evenements:
        identifiant = originator_id if isinstance(originator_id, UUID) else UUID(originator_id)
        valeur = forme_canonique_hachee(precedente, position, identifiant, version, topic, state)
        lignes.append((int(position), valeur, precedente))
        precedente = valeur
    return lignes


class EnregistreurSQLiteChaine(SQLiteApplicationRecorder):
    _chaine_presente = False

    def _insert_events(self, c: Any, stored_events: Sequence[StoredEvent], **kw: Any) -> Any:
        positions = super()._insert_events(c, stored_events, **kw)
        if not self._chaine_presente:
            c.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_chaine'")
            self._chaine_presente = c.fetchone() is not None
            if not self._chaine_presente:
                return positions
        c.execute(_TETE)
        tete = c.fetchone()
        depart, precedente = (int(tete[0]), str(tete[1])) if tete else (0, ORIGINE)
        evenements = self.events_table_name  # the recorder's own table, not input
        c.execute(f"SELECT rowid, * FROM {evenements} WHERE rowid > ? ORDER BY rowid", (depart,))  # noqa: S608
        lignes = _lignes(precedente, [tuple(r) for r in c.fetchall()])
        c.executemany(
            "INSERT INTO audit_chaine (position, empreinte, precedente) VALUES (?, ?, ?)", lignes
        )
        return positions


class EnregistreurPostgresChaine(PostgresApplicationRecorder):
    _chaine_presente = False

    def _fetch_ids_after_insert_events(
        self, curs: Any, stored_events: Sequence[StoredEvent], **kw: Any
    ) -> Sequence[int] | None:
        positions = super()._fetch_ids_after_insert_events(curs, stored_events, **kw)
        if not self._chaine_presente:
            curs.execute("SELECT to_regclass('audit_chaine') IS NOT NULL AS presente")
            ligne = curs.fetchone()
            self._chaine_presente = bool(ligne and ligne["presente"])
            if not self._chaine_presente:
                return positions
        # The catch-up (`Chaine.rattraper`) holds this row while it chains: wait for it.
        curs.execute(
            "UPDATE projection_positions SET position = position WHERE nom = %s", (VERROU,)
        )
        curs.execute(_TETE)
        tete = curs.fetchone()
        depart, precedente = (
            (int(tete["position"]), str(tete["empreinte"])) if tete else (0, ORIGINE)
        )
        curs.execute(
            SQL(
                "SELECT notification_id, originator_id, originator_version, topic, state "
                "FROM {schema}.{table} WHERE notification_id > %s ORDER BY notification_id"
            ).format(
                schema=Identifier(self.datastore.schema),
                table=Identifier(self.events_table_name),
            ),
            (depart,),
        )
        rangs = curs.fetchall()
        lignes = _lignes(
            precedente,
            (
                (
                    r["notification_id"],
                    r["originator_id"],
                    r["originator_version"],
                    r["topic"],
                    bytes(r["state"]),
                )
                for r in rangs
            ),
        )
        if lignes:
            curs.executemany(
                "INSERT INTO audit_chaine (position, empreinte, precedente) VALUES (%s, %s, %s)",
                lignes,
            )
        return positions
