"""The event store: one `eventsourcing` Application that records every fact of the platform."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from typing import Any, Protocol, TypeVar
from uuid import UUID, uuid4

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Transcoding

from domaine.erreurs import ConflitDeModification, Introuvable
from stockage.configuration import Configuration

A = TypeVar("A", bound=Aggregate)


class Chainage(Protocol):
    def rattraper(self) -> int: ...


Horloge = Callable[[], datetime]

_ENREGISTREMENTS: ContextVar[list[int] | None] = ContextVar("enregistrements", default=None)


@contextmanager
def suivre_les_enregistrements(positions: list[int]) -> Iterator[list[int]]:
    """Within the block, each save appends its position to `positions`: whoever reports a
    failure that came afterwards (the web's error page) can then say the truth, that it was
    recorded. A context variable, so each request (each thread) has its own list."""
    jeton = _ENREGISTREMENTS.set(positions)
    try:
        yield positions
    finally:
        _ENREGISTREMENTS.reset(jeton)


def maintenant_utc() -> datetime:
    return datetime.now(UTC)


class DateAsISO(Transcoding):
    """Calendar dates in event payloads (e.g. a carrying structure's start date)."""

    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class Registre(Application[UUID]):
    """Loads and saves aggregates; every saved event gets a position in one global sequence."""

    name = "participation"

    def __init__(
        self,
        configuration: Configuration,
        horloge: Horloge = maintenant_utc,
        generateur_ids: Callable[[], UUID] = uuid4,
    ) -> None:
        enregistreur = "Postgres" if configuration.est_postgres else "SQLite"
        super().__init__(
            env={
                **configuration.env_evenements(),
                # the hash chain is written in the events' own transaction (`audit_enregistreurs`)
                "APPLICATION_RECORDER_TOPIC": (
                    f"stockage.enregistreurs:Enregistreur{enregistreur}Chaine"
                ),
            }
        )
        self.configuration = configuration
        self.horloge = horloge
        self.generateur_ids = generateur_ids
        self.chaine: Chainage | None = None  # set by the composition root

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    def nouvel_id(self) -> UUID:
        """New aggregate ids come from here, so that demo data can be reproducible."""
        return self.generateur_ids()

    def maintenant(self) -> datetime:
        return self.horloge()

    def charger(
        self,
        classe: type[A],
        aggregate_id: UUID,
        message_absent: str,
        version_attendue: int | None = None,
    ) -> A:
        """Load an aggregate; a form's `version_attendue` detects a concurrent change."""
        try:
            agregat: Any = self._lire(aggregate_id)
        except AggregateNotFoundError:
            raise Introuvable(message_absent) from None
        if not isinstance(agregat, classe):
            raise Introuvable(message_absent)
        if version_attendue is not None and agregat.version != version_attendue:
            raise ConflitDeModification(MESSAGE_CONFLIT)
        resultat: A = agregat
        return resultat

    def trouver(self, classe: type[A], aggregate_id: UUID) -> A | None:
        try:
            agregat: Any = self._lire(aggregate_id)
        except AggregateNotFoundError:
            return None
        return agregat if isinstance(agregat, classe) else None

    def _lire(self, aggregate_id: UUID) -> Any:
        """The aggregate rebuilt from its stored events (raises `AggregateNotFoundError`)."""
        return self.repository.get(aggregate_id)

    def enregistrer(self, *agregats: Any) -> int:
        """Save and return the position of the last event, for read-your-writes."""
        try:
            recordings = self.save(*agregats)
        except IntegrityError:
            raise ConflitDeModification(MESSAGE_CONFLIT) from None
        if not recordings:
            return self.position()
        position = max(r.notification.id for r in recordings)
        suivies = _ENREGISTREMENTS.get()
        if suivies is not None:
            suivies.append(position)
        return position

    def position(self) -> int:
        return self.recorder.max_notification_id() or 0

    def chainer(self) -> None:
        """Chain what was stored without its hashes (`stockage.audit`): the recorder chains
        each save in its own transaction; this catches up a tail left by anything else."""
        if self.chaine is not None:
            self.chaine.rattraper()

    def vider(self) -> None:
        """Write the events still waiting to be stored: none here, each `enregistrer` commits.
        (The demo's `RegistreParLots` queues them; the projector calls this before reading.)"""


MESSAGE_CONFLIT = (
    "Quelqu'un d'autre vient de modifier cet élément : rechargez la page pour voir "
    "la version à jour, puis refaites votre modification."
)
