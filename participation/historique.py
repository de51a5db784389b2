"""Time travel: a council's state as of any past instant, exactly as a replay of the whole event
log would give it, reading only a few thousand events.

The replay (`etat_au_par_rejeu_complet`, the reference) applies, for each aggregate, its events
in order up to the first one dated after the instant: its longest prefix of versions whose
timestamps are all at or before it. Aggregates are independent, so the same state comes from
walking any subset of the log that holds each aggregate's events, applying an event if it is
dated at or before the instant and is the next version of its aggregate (or creates an absent
one). `etat_au` walks only the council's events, found through the public journal's index
(`lecture_journal`: position, council, date of each event), from a dated checkpoint on:

- a checkpoint (`lecture_historique_points`) holds the council's aggregates after *all* its
  events up to a position, and the latest date among them: if that date is at or before the
  instant, the replay applies every one of those events too, so the walk starts from it;
- then the council's events after it, dated at or before the instant (the journal's date,
  with a margin; the event's own timestamp decides), and the events the journal has not
  reached yet (the projector's lag), by the rule above.

Checkpoints are a cache (emptied with the read models, ignored when the domain code changes):
without one the page is slower, never different. `preparer_points` writes them.
"""

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate
from sqlalchemy import Engine, and_, delete, insert, select
from sqlalchemy.exc import IntegrityError

import domaine
from domaine.assemblee import Adhesion
from domaine.conseils import ConseilCitoyen, StructurePorteuse
from domaine.groupe_moteur import GroupeMoteur, Membre, Objectifs
from domaine.quartiers import arrondissements, verifier_arrondissement
from domaine.seances import Decision, Seance
from domaine.temps import en_utc, jour_a_paris
from domaine.textes import instant
from domaine.vocabulaire import RegleMajorite, StatutConformite, StatutSeance
from participation import etats
from projections.projecteur import NOM as PROJECTEUR
from projections.tables import historique_points as points
from projections.tables import journal
from stockage.evenements import notifications_aux_positions
from stockage.registre import Registre
from stockage.tables import positions

LOT = 5_000
EVENEMENTS_PAR_POINT = 2_000
"""A checkpoint every this many events of a council: a page decodes at most about as many."""
MARGE = timedelta(days=1)
"""Added to the instant when the journal's dates select events: a stored date is exact in UTC,
and off by the offset (less than a day) for a timestamp given in another time zone, which
SQLite keeps as wall-clock time. The event's own timestamp then decides."""

EMPREINTE = hashlib.sha256(
    b"".join(
        [
            *sorted(f.read_bytes() for f in Path(domaine.__file__).parent.glob("*.py")),
            Path(etats.__file__).read_bytes(),
            Path(__file__).read_bytes(),
        ]
    )
    + version("eventsourcing").encode()
).hexdigest()
"""Changes with the code that makes an aggregate's state (the domain, the library, the codec):
checkpoints written by another version are ignored, then replaced."""


@dataclass(frozen=True)
class MembreAu:
    personne_id: UUID
    college: str
    genre: str
    tranche_age: str
    quartier: str
    structure_nom: str
    structure_type: str


@dataclass(frozen=True)
class SeanceAu:
    seance_id: UUID
    date: datetime
    lieu: str
    ordre_du_jour: str
    statut: StatutSeance
    presents: frozenset[UUID]
    anonymes: int
    compte_rendu: str
    decisions: tuple[Decision, ...]
    version_approuvee: int = 0
    """The version of the minutes approved at that date (0: none yet)."""


@dataclass(frozen=True)
class EtatConseil:
    """What the platform knew about a council at instant `au`."""

    arrondissement: int
    au: datetime
    regle_majorite: RegleMajorite
    reglement: tuple[int, StatutConformite] | None
    structure_porteuse: StructurePorteuse | None
    membres: tuple[MembreAu, ...]
    seances: tuple[SeanceAu, ...]
    groupe_moteur: tuple[Membre, ...] = ()
    objectifs_groupe_moteur: Objectifs | None = None


def _topics(*classes: Any) -> list[str]:
    """Topics of every event class of the given aggregates (the filter of the log scan)."""
    topics = (
        str(getattr(v, "TOPIC", ""))
        for c in classes
        for v in vars(c).values()
        if isinstance(v, type) and v.__name__ != "Created"
    )
    return [t for t in topics if t]


@dataclass(frozen=True)
class Point:
    """A council's aggregates after all its events up to `position` (`evenements` of them, the
    latest dated `horodatage_max`), encoded by `participation.etats`."""

    position: int
    horodatage_max: datetime
    evenements: int
    etat: bytes


class ServiceHistorique:
    AGREGATS = (Adhesion, Seance, ConseilCitoyen, GroupeMoteur)
    TOPICS = _topics(*AGREGATS)

    def __init__(
        self, registre: Registre, moteur: Engine, evenements_par_point: int = EVENEMENTS_PAR_POINT
    ) -> None:
        self.registre = registre
        self.moteur = moteur
        self.evenements_par_point = evenements_par_point

    def etat_au(self, arrondissement: int, au: datetime) -> EtatConseil:
        """The council at `au`: the latest checkpoint dated at or before it, then the council's
        later events dated at or before it (see the module's docstring)."""
        verifier_arrondissement(arrondissement)
        instant(au, "date")
        point = self._dernier_point(arrondissement, au)
        depuis = point.position if point else 0
        indexees, fin = self._positions(arrondissement, depuis, au.astimezone(UTC) + MARGE)
        with _sans_ramasse_miettes():
            agregats = etats.decoder(point.etat) if point else {}
            for evenement in self._aux_positions(indexees):
                _appliquer(agregats, evenement, au, arrondissement)
            for evenement in self._evenements(max(depuis, fin)):
                _appliquer(agregats, evenement, au, arrondissement)
            return _etat(arrondissement, au, agregats.values())

    def etat_au_par_rejeu_complet(self, arrondissement: int, au: datetime) -> EtatConseil:
        """The reference: every event of these aggregates, of every council, from the start."""
        verifier_arrondissement(arrondissement)
        instant(au, "date")
        agregats: dict[UUID, Any] = {}
        figes: set[UUID] = set()
        for evenement in self._evenements(0):
            cle = evenement.originator_id
            if cle in figes:
                continue
            if evenement.timestamp > au:
                figes.add(cle)  # later events of this aggregate happened after `au`
                continue
            agregats[cle] = evenement.mutate(agregats.get(cle))
        return _etat(arrondissement, au, agregats.values())

    def preparer_points(self) -> int:
        """Write each council's missing checkpoints, up to the read models' position; returns
        how many. Idempotent, and safe when two processes run it: they compute the same rows,
        and a row already there is left as it is."""
        with self.moteur.begin() as cnx:
            cnx.execute(delete(points).where(points.c.empreinte != EMPREINTE))
        return sum(self._preparer(arrondissement) for arrondissement in arrondissements())

    # --- checkpoints ---------------------------------------------------------------------------

    def _dernier_point(self, arrondissement: int, au: datetime | None) -> Point | None:
        t = points.c
        requete = select(t.position, t.horodatage_max, t.evenements, t.etat).where(
            t.arrondissement == arrondissement, t.empreinte == EMPREINTE
        )
        if au is not None:
            requete = requete.where(t.horodatage_max <= au.astimezone(UTC))
        with self.moteur.connect() as cnx:
            ligne = cnx.execute(requete.order_by(t.position.desc()).limit(1)).first()
        if ligne is None:
            return None
        return Point(int(ligne[0]), en_utc(ligne[1]), int(ligne[2]), bytes(ligne[3]))

    def _preparer(self, arrondissement: int) -> int:
        """From the council's latest checkpoint, apply all its events the journal has indexed
        (none may be missing: the aggregates check each version), writing a checkpoint every
        `evenements_par_point` of them."""
        point = self._dernier_point(arrondissement, None)
        agregats = etats.decoder(point.etat) if point else {}
        horodatage = point.horodatage_max if point else None
        total = point.evenements if point else 0
        indexees, _fin = self._positions(arrondissement, point.position if point else 0, None)
        ecrits, depuis_le_point = 0, 0
        for notification, evenement in self._aux_positions_avec_notifications(indexees):
            precedent = agregats.get(evenement.originator_id)
            if (precedent is None) != isinstance(evenement, Aggregate.Created) or (
                precedent is not None and precedent.version != evenement.originator_version - 1
            ):
                raise RuntimeError(
                    f"Journal incomplet pour le {arrondissement}e : l'événement "
                    f"{notification.id} ne suit pas la version connue de son agrégat."
                )
            agregats[evenement.originator_id] = evenement.mutate(precedent)
            moment = evenement.timestamp.astimezone(UTC)
            horodatage = moment if horodatage is None else max(horodatage, moment)
            total += 1
            depuis_le_point += 1
            if depuis_le_point == self.evenements_par_point:
                etat = etats.encoder(agregats.values())
                ecrits += self._ecrire(
                    arrondissement, Point(notification.id, horodatage, total, etat)
                )
                depuis_le_point = 0
        return ecrits

    def _ecrire(self, arrondissement: int, point: Point) -> int:
        try:
            with self.moteur.begin() as cnx:
                cnx.execute(
                    insert(points).values(
                        arrondissement=arrondissement,
                        position=point.position,
                        empreinte=EMPREINTE,
                        horodatage_max=point.horodatage_max,
                        evenements=point.evenements,
                        etat=point.etat,
                    )
                )
        except IntegrityError:
            return 0  # another process wrote the same checkpoint
        return 1

    # --- events ---------------------------------------------------------------------------------

    def _positions(
        self, arrondissement: int, depuis: int, jusqu_au: datetime | None
    ) -> tuple[list[int], int]:
        """The positions of the council's events after `depuis` that the journal holds (dated
        at or before `jusqu_au` if given), and the projector's position. One statement, so one
        snapshot: the journal holds every event up to that position, even during a rebuild."""
        j, p = journal.c, positions.c
        condition = and_(
            j.arrondissement == arrondissement, j.position > depuis, j.position <= p.position
        )
        if jusqu_au is not None:
            condition = and_(condition, j.le <= jusqu_au)
        with self.moteur.connect() as cnx:
            lignes = cnx.execute(
                select(p.position, j.position)
                .select_from(positions.outerjoin(journal, condition))
                .where(p.nom == PROJECTEUR)
                .order_by(j.position)
            ).all()
        fin = int(lignes[0][0]) if lignes else 0
        return [int(n) for _, n in lignes if n is not None], fin

    def _aux_positions_avec_notifications(self, indexees: list[int]) -> Iterator[tuple[Any, Any]]:
        mapper = self.registre.mapper
        for debut in range(0, len(indexees), LOT):
            for notification in notifications_aux_positions(
                self.registre, self.moteur, indexees[debut : debut + LOT], self.TOPICS
            ):
                yield notification, mapper.to_domain_event(notification)

    def _aux_positions(self, indexees: list[int]) -> Iterator[Any]:
        for _, evenement in self._aux_positions_avec_notifications(indexees):
            yield evenement

    def _evenements(self, depuis: int) -> Iterator[Any]:
        """The events of these aggregates after position `depuis`, of every council."""
        debut = depuis
        while True:
            lot = self.registre.recorder.select_notifications(
                debut, LOT, topics=self.TOPICS, inclusive_of_start=False
            )
            if not lot:
                return
            for notification in lot:
                yield self.registre.mapper.to_domain_event(notification)
            debut = lot[-1].id


@contextmanager
def _sans_ramasse_miettes() -> Iterator[None]:
    """Rebuilding a council allocates tens of thousands of objects that all live until the end:
    the cyclic garbage collector, triggered by their number, would traverse them again and
    again (it doubles the time for a council of ten years). They form no cycle: collection is
    paused meanwhile, then resumes (with several threads, by the one that found it running:
    at worst the others finish with it running)."""
    actif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if actif:
            gc.enable()


def _appliquer(
    agregats: dict[UUID, Any], evenement: Any, au: datetime, arrondissement: int
) -> None:
    """The replay's rule, for events met in log order: an event dated at or before `au` that
    creates an absent aggregate of the council, or is the next version of one already there.
    (An aggregate the replay froze at an event dated after `au` stays behind that version.)"""
    if evenement.timestamp > au:
        return
    cle = evenement.originator_id
    agregat = agregats.get(cle)
    if agregat is None:
        if (
            isinstance(evenement, Aggregate.Created)
            and getattr(evenement, "arrondissement", None) == arrondissement
        ):
            agregats[cle] = evenement.mutate(None)
    elif agregat.version == evenement.originator_version - 1:
        agregats[cle] = evenement.mutate(agregat)


def _etat(arrondissement: int, au: datetime, agregats: Any) -> EtatConseil:
    du_conseil = [a for a in agregats if a.arrondissement == arrondissement]
    conseil = next((a for a in du_conseil if isinstance(a, ConseilCitoyen)), None)
    reglement = conseil.reglement_en_vigueur if conseil else None
    groupe = next((a for a in du_conseil if isinstance(a, GroupeMoteur)), None)
    return EtatConseil(
        arrondissement=arrondissement,
        au=au,
        regle_majorite=conseil.regle_majorite if conseil else RegleMajorite.SIMPLE,
        reglement=(reglement.numero, reglement.statut) if reglement else None,
        structure_porteuse=conseil.structure_porteuse_au(jour_a_paris(au)) if conseil else None,
        membres=tuple(
            sorted(
                (
                    MembreAu(a.personne_id, *_profil(a))
                    for a in du_conseil
                    if isinstance(a, Adhesion) and a.membre
                ),
                key=lambda m: str(m.personne_id),
            )
        ),
        seances=tuple(
            sorted(
                (
                    SeanceAu(
                        s.id,
                        s.date,
                        s.lieu,
                        s.ordre_du_jour,
                        s.statut,
                        frozenset(s.presents),
                        s.anonymes,
                        s.compte_rendu,
                        tuple(s.decisions),
                        s.version_approuvee,
                    )
                    for s in du_conseil
                    if isinstance(s, Seance)
                ),
                key=lambda s: s.date,
            )
        ),
        groupe_moteur=tuple(sorted(groupe.membres.values(), key=lambda m: m.membre_id))
        if groupe
        else (),
        objectifs_groupe_moteur=groupe.objectifs if groupe else None,
    )


def _profil(a: Adhesion) -> tuple[str, str, str, str, str, str]:
    p = a.profil
    return (
        p.college.value,
        p.genre.value,
        p.tranche_age.value,
        p.quartier,
        p.structure_nom,
        p.structure_type,
    )
