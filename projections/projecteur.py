"""Feeds the read models from the event log, exactly once, in batches.

The SQLite event store cannot push events, so the projector polls: it reads the notifications
after its tracked position and writes their rows *and* the new position in one transaction.
A second projector racing on the same database sees its conditional position update fail,
rolls back and starts again from the position the other one reached.
"""

import contextlib
import logging
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from langues import FRANCAIS, parler
from projections import (
    assemblee,
    avis,
    budget,
    comptes,
    conseils,
    documents,
    faits,
    groupe_moteur,
    instances,
    journal,
    moyens,
    seances,
)
from projections.lot import Lot
from projections.tables import CACHES_DE_LECTURE, TABLES_DE_LECTURE
from stockage.moteur import est_une_indisponibilite
from stockage.registre import Registre
from stockage.tables import positions

NOM = "lecture"
TAILLE_LOT = 5000  # events per transaction: few commits, a write lock held ~0.1 s

Gestionnaire = Callable[[Lot, Any], None]


def _ensemble(*registres: Mapping[Any, Gestionnaire]) -> dict[Any, Gestionnaire]:
    """One handler per event type; where several read models listen, they run in turn."""
    par_type: dict[Any, list[Gestionnaire]] = {}
    for registre in registres:
        for type_, gestionnaire in registre.items():
            par_type.setdefault(type_, []).append(gestionnaire)
    return {t: g[0] if len(g) == 1 else _tour_a_tour(g) for t, g in par_type.items()}


def _tour_a_tour(gestionnaires: list[Gestionnaire]) -> Gestionnaire:
    def gerer(lot: Lot, evenement: Any) -> None:
        for gestionnaire in gestionnaires:
            gestionnaire(lot, evenement)

    return gerer


GESTIONNAIRES = _ensemble(
    comptes.GESTIONNAIRES,
    conseils.GESTIONNAIRES,
    assemblee.GESTIONNAIRES,
    seances.GESTIONNAIRES,
    groupe_moteur.GESTIONNAIRES,
    avis.GESTIONNAIRES,
    budget.GESTIONNAIRES,
    documents.GESTIONNAIRES,
    instances.GESTIONNAIRES,
    faits.GESTIONNAIRES,
    moyens.GESTIONNAIRES,
    journal.GESTIONNAIRES,
)


log = logging.getLogger("participation.projections")


class CourseEntreProjecteurs(Exception):
    """Another projector moved the position during our batch; ours was rolled back."""


class ProjectionBloquee(Exception):
    """An event the read models cannot take (it does not decode, or its handler fails): the
    projection stops just before it, says where and why, and the log goes on recording."""

    def __init__(self, position: int, topic: str, cause: BaseException) -> None:
        self.position, self.topic, self.cause = position, topic, cause
        super().__init__(self.message())

    def message(self) -> str:
        detail = " ".join(f"{type(self.cause).__name__}: {self.cause}".split())[:300]
        return (
            f"Modèles de lecture bloqués à la position {self.position} : l'événement "
            f"« {self.topic} » ne peut pas être lu ({detail})."
        )


class Projecteur:
    def __init__(self, registre: Registre, moteur: Engine, taille_lot: int = TAILLE_LOT) -> None:
        self.registre = registre
        self.moteur = moteur
        self.taille_lot = taille_lot
        self._signale: int | None = None  # the blocked position already logged

    def position(self) -> int:
        with self.moteur.connect() as cnx:
            valeur = cnx.execute(
                select(positions.c.position).where(positions.c.nom == NOM)
            ).scalar()
        return int(valeur or 0)

    def en_retard(self) -> int:
        """How many events the read models have not processed yet."""
        return max(0, self.registre.position() - self.position())

    def rattraper(self, progression: Callable[[int], None] | None = None) -> int:
        """Process every pending event; returns the position reached. Raises
        `ProjectionBloquee` at an event it cannot take, once the ones before it are in."""
        self.registre.vider()
        self.registre.chainer()  # what other processes wrote is chained before it is shown
        if self.en_retard() == 0:  # nothing new: no write transaction, no commit
            return self.position()
        while True:
            try:
                traites = self._un_lot(self.taille_lot)
            except CourseEntreProjecteurs:
                continue
            except ProjectionBloquee as blocage:
                avant = blocage.position - self.position() - 1
                if avant > 0:  # the batch was rolled back: take the events before it
                    with contextlib.suppress(CourseEntreProjecteurs):
                        self._un_lot(avant)
                raise
            if progression is not None and traites:
                progression(traites)
            if traites < self.taille_lot:  # the log's end was reached (later events: next call)
                return self.position()

    def tenir_a_jour(self) -> None:
        """What the web app's poller and its commands run: catch up; a blocked projection is
        logged (once per position), not raised into a request that recorded its command."""
        try:
            self.rattraper()
        except ProjectionBloquee as blocage:
            if self._signale != blocage.position:
                log.error("%s", blocage.message())
                self._signale = blocage.position

    def attendre(self, position: int) -> None:
        """Read-your-writes: make sure the rows of the event at `position` are visible (unless
        the projection is blocked before it: the page is then shown as the read models are)."""
        if self.position() < position:
            self.tenir_a_jour()

    def blocage(self) -> ProjectionBloquee | None:
        """Why the read models stopped, if they did: the next event is tried in a transaction
        that is always rolled back (for `projections status` and the readiness check)."""
        if self.en_retard() == 0:
            return None
        try:
            with self.moteur.connect() as cnx, cnx.begin() as transaction:
                self._appliquer(cnx, self._suivantes(self.position(), 1))
                transaction.rollback()
        except ProjectionBloquee as blocage:
            return blocage
        return None

    def reconstruire(self, progression: Callable[[int], None] | None = None) -> int:
        """Empty every read model and replay the whole log."""
        with self.moteur.begin() as cnx:
            for table in [*CACHES_DE_LECTURE, *reversed(TABLES_DE_LECTURE)]:
                cnx.execute(delete(table))
            cnx.execute(delete(positions).where(positions.c.nom == NOM))
        position = self.rattraper(progression)
        self._nettoyer()
        return position

    def _nettoyer(self) -> None:
        """On PostgreSQL, a rebuild leaves every read model full of dead row versions (each
        batch updates the counters of the rows it touches) and without statistics: the
        4,000 proposals of the 10-year demo took 200 MB and a list 3 s to read. VACUUM (ANALYZE)
        gives the space back and the planner its statistics at once, instead of whenever
        autovacuum comes by."""
        if self.moteur.dialect.name != "postgresql":
            return
        with self.moteur.connect().execution_options(isolation_level="AUTOCOMMIT") as cnx:
            for table in [*TABLES_DE_LECTURE, *CACHES_DE_LECTURE]:
                cnx.exec_driver_sql(f'VACUUM (ANALYZE) "{table.name}"')

    def _suivantes(self, depart: int, nombre: int) -> list[Any]:
        return list(
            self.registre.recorder.select_notifications(depart, nombre, inclusive_of_start=False)
        )

    def _appliquer(self, cnx: Any, notifications: list[Any]) -> None:
        # Read models are shared by every reader: what they store is written in French (the
        # source language), whichever language the request that happens to catch up speaks.
        with parler(FRANCAIS):
            self._appliquer_en_francais(cnx, notifications)

    def _appliquer_en_francais(self, cnx: Any, notifications: list[Any]) -> None:
        mapper = self.registre.mapper
        lot = Lot(cnx)
        journal.preparer(lot, (str(n.originator_id) for n in notifications))
        for notification in notifications:
            try:
                evenement = mapper.to_domain_event(notification)
                gestionnaire = GESTIONNAIRES.get(type(evenement))
                if gestionnaire is not None:
                    lot.position = notification.id
                    gestionnaire(lot, evenement)
            except Exception as cause:
                if est_une_indisponibilite(cause):
                    raise
                raise ProjectionBloquee(notification.id, notification.topic, cause) from cause
        lot.envoyer()

    def _un_lot(self, taille: int) -> int:
        # Read the events before taking the write lock: the event store's reads go through its
        # own connection pool, which a save waiting for that same lock may hold; reading under
        # the lock made a cycle (each waited for the other until a timeout). The position is
        # read again under the lock: if another projector moved it meanwhile, start again.
        depart = self.position()
        notifications = self._suivantes(depart, taille)
        if not notifications:
            return 0
        with self.moteur.begin() as cnx:
            # Write first: SQLite ignores FOR UPDATE, and a transaction that starts with a read
            # lets two projectors handle the same batch. This no-op update takes the write lock
            # (the row lock on PostgreSQL) before the position is read.
            cnx.execute(
                update(positions)
                .where(positions.c.nom == NOM)
                .values(position=positions.c.position)
            )
            actuelle = cnx.execute(
                select(positions.c.position).where(positions.c.nom == NOM).with_for_update()
            ).scalar()
            if actuelle is None:
                try:
                    cnx.execute(insert(positions).values(nom=NOM, position=0))
                except IntegrityError:
                    raise CourseEntreProjecteurs() from None
                actuelle = 0
            if int(actuelle) != depart:
                raise CourseEntreProjecteurs()
            self._appliquer(cnx, notifications)
            avance = cnx.execute(
                update(positions)
                .where(positions.c.nom == NOM, positions.c.position == depart)
                .values(position=notifications[-1].id)
            )
            if avance.rowcount != 1:
                raise CourseEntreProjecteurs()
            return len(notifications)
