"""Writing in batches, for a single writer that loads a lot of data: the demo (a million events
for `participation-demo --years 10`). `Plateforme(…, par_lots=True)` wires these in.

Only for a database nobody else writes to meanwhile: with no other writer, an aggregate kept in
memory is always the latest one, and nothing can conflict. Each command still goes through its
use case and its aggregate (same checks, same events, same order in the log); only the writing
is grouped: one transaction per `TAILLE_LOT` events instead of one per command.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import Engine, insert
from sqlalchemy.exc import IntegrityError

from domaine.erreurs import DonneeInvalide
from stockage.configuration import Configuration
from stockage.identites import Identites, ligne_d_identite, personnes
from stockage.registre import Horloge, Registre, maintenant_utc

TAILLE_LOT = 5_000
"""Events written per transaction."""
AGREGATS_EN_MEMOIRE = 100_000
"""Above this many aggregates kept, the memory is emptied once the queue is written."""


class IdentitesParLots(Identites):
    """New identities are queued, and inserted together when the event queue is written (just
    before the events, as `inscrire` does) or before anything else touches the table. An
    e-mail already queued is refused at once; one already in the table, when written."""

    def __init__(self, moteur: Engine) -> None:
        self._moteur = moteur
        self._en_attente: list[dict[str, Any]] = []
        self._emails: set[str] = set()

    @property
    def moteur(self) -> Engine:
        """Every method of `Identites` starts from here: the queue is written first."""
        self.vider()
        return self._moteur

    @moteur.setter
    def moteur(self, moteur: Engine) -> None:
        self._moteur = moteur

    def creer(
        self,
        personne_id: UUID,
        nom: str,
        email: str,
        mot_de_passe: str,
        le: datetime,
        hachage: str | None = None,
    ) -> None:
        ligne = ligne_d_identite(personne_id, nom, email, mot_de_passe, le, hachage)
        if ligne["email"] in self._emails:
            raise DonneeInvalide("Un compte existe déjà avec cette adresse électronique.")
        self._en_attente.append(ligne)
        self._emails.add(ligne["email"])

    def vider(self) -> None:
        if not self._en_attente:
            return
        lignes, self._en_attente, self._emails = self._en_attente, [], set()
        try:
            with self._moteur.begin() as cnx:
                cnx.execute(insert(personnes), lignes)
        except IntegrityError:
            raise DonneeInvalide("Un compte existe déjà avec cette adresse électronique.") from None


class RegistreParLots(Registre):
    """`enregistrer` queues the aggregates' new events, in the order they were triggered (so the
    log's order is the one one-transaction-per-command would give), and writes them
    `taille_lot` at a time, one transaction each. The aggregates stay in memory, so the next
    command on one needs no replay. Whatever reads the log first writes the queue (`vider`):
    the projector does, and so does `position()`.
    """

    name = Registre.name
    """`eventsourcing` names a subclass after itself otherwise, and on PostgreSQL the name is the
    table's: the batches went to `registreparlots_events`, which the site never reads."""

    def __init__(
        self,
        configuration: Configuration,
        horloge: Horloge = maintenant_utc,
        generateur_ids: Callable[[], UUID] = uuid4,
        identites: IdentitesParLots | None = None,
        taille_lot: int = TAILLE_LOT,
        agregats_en_memoire: int = AGREGATS_EN_MEMOIRE,
    ) -> None:
        super().__init__(configuration, horloge, generateur_ids)
        self.identites = identites
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
        if self.identites is not None:
            self.identites.vider()
        if self._en_attente:
            evenements, self._en_attente = self._en_attente, []
            # The store itself, not `save()`: that one checks each event against a runtime
            # protocol (slow), then takes snapshots and notifies, which this registry does not use.
            enregistrements = self.events.put(evenements)
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
