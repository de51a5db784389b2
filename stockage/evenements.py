"""Stored events read by their positions: what a read model that indexes the log (the public
journal) needs to fetch only the events it points at, instead of scanning the whole log."""

from collections.abc import Collection, Iterable
from uuid import UUID

from eventsourcing.persistence import Notification
from sqlalchemy import Engine, bindparam, text

from stockage.registre import Registre

PAR_REQUETE = 500
"""Positions asked for in one query (SQLite binds at most 32,766 parameters)."""


def notifications_aux_positions(
    registre: Registre, moteur: Engine, positions: Iterable[int], topics: Collection[str]
) -> list[Notification]:
    """The stored events at these positions whose topic is one of `topics`, in log order, as
    the recorder itself returns them (for `registre.mapper.to_domain_event`). Positions with
    no such event are skipped."""
    table = str(registre.recorder.events_table_name)  # type: ignore[attr-defined]
    sqlite = moteur.dialect.name == "sqlite"
    nid = "rowid" if sqlite else "notification_id"
    requete = text(
        f"SELECT {nid}, originator_id, originator_version, topic, state FROM {table} "  # noqa: S608
        f"WHERE {nid} IN :positions AND topic IN :topics"
    ).bindparams(bindparam("positions", expanding=True), bindparam("topics", expanding=True))
    demandees = sorted(set(positions))
    trouvees: list[Notification] = []
    with moteur.connect() as cnx:
        for debut in range(0, len(demandees), PAR_REQUETE):
            lignes = cnx.execute(
                requete,
                {"positions": demandees[debut : debut + PAR_REQUETE], "topics": list(topics)},
            ).all()
            trouvees.extend(
                Notification(
                    id=int(n),
                    originator_id=origine if isinstance(origine, UUID) else UUID(str(origine)),
                    originator_version=int(version),
                    topic=str(topic),
                    state=bytes(etat),
                )
                for n, origine, version, topic, etat in lignes
            )
    trouvees.sort(key=lambda notification: notification.id)
    return trouvees
