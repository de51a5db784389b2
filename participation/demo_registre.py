"""The demo's event store: a single writer, so aggregates stay in memory and events are
written in batches (the demo writes a million events for `--years 10`).

Only for loading demo data into a database nobody else writes to meanwhile: with no other
writer, an aggregate kept in memory is always the latest, and nothing can conflict.
"""

from collections.abc import Callable
from typing import Any
from uuid import UUID, uuid4

from participation.configuration import Configuration
from participation.registre import Horloge, Registre, maintenant_utc

TAILLE_LOT = 5_000
"""Events written per transaction."""
AGREGATS_EN_MEMOIRE = 100_000
"""Above this many aggregates kept, the memory is emptied once the queue is written."""


class RegistreParLots(Registre):
    """`enregistrer` queues the aggregates' new events, in the order they were triggered (so the
    log's order is the one one-transaction-per-command would give), and writes them
    `taille_lot` at a time, one transaction each. The aggregates stay in memory, so the next
    command on one needs no replay. Whatever reads the log first writes the queue (`vider`):
    the projector does, and so does `position()`.
    """

    def __init__(
        self,
        configuration: Configuration,
        horloge: Horloge = maintenant_utc,
        generateur_ids: Callable[[], UUID] = uuid4,
        taille_lot: int = TAILLE_LOT,
        agregats_en_memoire: int = AGREGATS_EN_MEMOIRE,
    ) -> None:
        super().__init__(configuration, horloge, generateur_ids)
        self.taille_lot = taille_lot
        self.agregats_en_memoire = agregats_en_memoire
        self._agregats: dict[UUID, Any] = {}
        self._en_attente: list[Any] = []
        self._ecrite: int | None = None  # position of the last event written

    def _lire(self, aggregate_id: UUID) -> Any:
        agregat = self._agregats.get(aggregate_id)
        if agregat is None:
            agregat = super()._lire(aggregate_id)
            self._agregats[aggregate_id] = agregat
        return agregat

    def enregistrer(self, *agregats: Any) -> int:
        """Queue the new events; returns the position the last one will have once written."""
        for agregat in agregats:
            self._agregats[agregat.id] = agregat
            self._en_attente.extend(agregat.collect_events())
        if len(self._en_attente) >= self.taille_lot:
            self.vider()
        if self._ecrite is None:
            self._ecrite = super().position()
        return self._ecrite + len(self._en_attente)

    def vider(self) -> None:
        if self._en_attente:
            evenements, self._en_attente = self._en_attente, []
            enregistrements = self.save(*evenements)
            self._ecrite = max(e.notification.id for e in enregistrements)
        if len(self._agregats) > self.agregats_en_memoire:
            self._agregats.clear()  # all written: they can be read back from the log

    def position(self) -> int:
        self.vider()
        return super().position()

    @property
    def en_attente(self) -> int:
        """Events queued, not written yet."""
        return len(self._en_attente)
