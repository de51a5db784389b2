"""Queries of the minutes: a séance's versions and the votes on them, the minutes awaiting a
vote in a council, and what the minutes' PDF counts (attendance by college).

Versions are numbered here, 1, 2… in the order of their events, as the domain numbers them
(`domaine.seances.Seance.comptes_rendus`). Who may read a draft is decided by the caller
(`domaine.seances.peut_lire_le_projet`): these queries return everything.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import Engine, and_, func, select

from domaine.vocabulaire import StatutSeance
from projections.tables import approbations_cr, comptes_rendus, membres, presences, seances


@dataclass(frozen=True)
class VersionLue:
    numero: int
    texte: str
    redige_le: datetime
    langue: str = "fr"


@dataclass(frozen=True)
class VoteLu:
    """A vote on a version of the minutes of `seance_id`, by decision `decision` of the séance
    `par_seance_id` (held on `par_seance_date`)."""

    seance_id: str
    version: int
    par_seance_id: str
    par_seance_date: datetime
    decision: int
    adoptee: bool
    le: datetime


@dataclass(frozen=True)
class CompteRenduLu:
    """The minutes of one séance: every version and every vote on them, oldest first."""

    versions: tuple[VersionLue, ...]
    votes: tuple[VoteLu, ...]

    @property
    def approbation(self) -> VoteLu | None:
        """The vote that approved the version in force (the latest approved)."""
        adoptes = [v for v in self.votes if v.adoptee]
        return max(adoptes, key=lambda v: v.version) if adoptes else None

    @property
    def approuvee(self) -> VersionLue | None:
        """The approved version in force: public."""
        vote = self.approbation
        return self.versions[vote.version - 1] if vote else None

    @property
    def projet(self) -> VersionLue | None:
        """The latest version if it is not approved: a first draft, or a correction of the
        approved version awaiting its own vote."""
        derniere = self.versions[-1] if self.versions else None
        approuvee = self.approuvee
        if derniere is None or (approuvee and approuvee.numero == derniere.numero):
            return None
        return derniere

    @property
    def rejets(self) -> tuple[VoteLu, ...]:
        """Votes that rejected a version newer than the approved one (still a draft)."""
        approuvee = self.approuvee.numero if self.approuvee else 0
        return tuple(v for v in self.votes if not v.adoptee and v.version > approuvee)


@dataclass(frozen=True)
class EnAttente:
    """Minutes awaiting a vote: the latest version of a séance of the council."""

    seance_id: str
    date: datetime
    version: int
    correction: bool
    """A version is already approved: this one corrects it."""


class LectureComptesRendus:
    """Reads the read models only."""

    def __init__(self, moteur: Engine) -> None:
        self.moteur = moteur

    def compte_rendu(self, seance_id: UUID) -> CompteRenduLu:
        seance = str(seance_id)
        votant = seances.alias("votante")
        with self.moteur.connect() as cnx:
            versions = tuple(
                VersionLue(i, r.texte, r.redige_le, r.langue)
                for i, r in enumerate(
                    cnx.execute(
                        select(
                            comptes_rendus.c.texte,
                            comptes_rendus.c.redige_le,
                            comptes_rendus.c.langue,
                        )
                        .where(comptes_rendus.c.seance_id == seance)
                        .order_by(comptes_rendus.c.position)
                    ),
                    start=1,
                )
            )
            votes = tuple(
                VoteLu(seance, r.version, r.par_seance_id, r.date, r.decision, r.adoptee, r.le)
                for r in cnx.execute(
                    select(approbations_cr, votant.c.date)
                    .join(votant, votant.c.seance_id == approbations_cr.c.par_seance_id)
                    .where(approbations_cr.c.seance_id == seance)
                    .order_by(approbations_cr.c.position)
                )
            )
        return CompteRenduLu(versions, votes)

    def votes_de_la_seance(self, seance_id: UUID) -> dict[int, VoteLu]:
        """The decisions of this séance that voted on minutes, by number (with the date of the
        séance whose minutes they were: `par_seance_date` is that date here)."""
        votee = seances.alias("votee")
        with self.moteur.connect() as cnx:
            return {
                r.decision: VoteLu(
                    r.seance_id, r.version, r.par_seance_id, r.date, r.decision, r.adoptee, r.le
                )
                for r in cnx.execute(
                    select(approbations_cr, votee.c.date)
                    .join(votee, votee.c.seance_id == approbations_cr.c.seance_id)
                    .where(approbations_cr.c.par_seance_id == str(seance_id))
                )
            }

    def en_attente(self, arrondissement: int, jusqu_au: datetime) -> list[EnAttente]:
        """Minutes of the council's séances held up to `jusqu_au` (the voting séance's date,
        included) whose latest version is not approved, oldest séance first."""
        nombre = (
            select(comptes_rendus.c.seance_id, func.count().label("versions"))
            .group_by(comptes_rendus.c.seance_id)
            .subquery()
        )
        approuvee = (
            select(approbations_cr.c.seance_id, func.max(approbations_cr.c.version).label("v"))
            .where(approbations_cr.c.adoptee.is_(True))
            .group_by(approbations_cr.c.seance_id)
            .subquery()
        )
        requete = (
            select(seances.c.seance_id, seances.c.date, nombre.c.versions, approuvee.c.v)
            .join(nombre, nombre.c.seance_id == seances.c.seance_id)
            .outerjoin(approuvee, approuvee.c.seance_id == seances.c.seance_id)
            .where(
                and_(
                    seances.c.arrondissement == arrondissement,
                    seances.c.date <= jusqu_au,
                    seances.c.statut != StatutSeance.ANNULEE.value,
                )
            )
            .order_by(seances.c.date, seances.c.seance_id)
        )
        with self.moteur.connect() as cnx:
            return [
                EnAttente(r.seance_id, r.date, r.versions, bool(r.v))
                for r in cnx.execute(requete)
                if r.versions > (r.v or 0)
            ]

    def versions_approuvees(self, seance_ids: Iterable[str]) -> dict[str, int]:
        """The approved version in force of each of these séances that has one."""
        ids = list(seance_ids)
        if not ids:
            return {}
        with self.moteur.connect() as cnx:
            return {
                r.seance_id: r.v
                for r in cnx.execute(
                    select(
                        approbations_cr.c.seance_id, func.max(approbations_cr.c.version).label("v")
                    )
                    .where(
                        approbations_cr.c.seance_id.in_(ids), approbations_cr.c.adoptee.is_(True)
                    )
                    .group_by(approbations_cr.c.seance_id)
                )
            }

    def presents_par_college(self, arrondissement: int, seance_id: UUID) -> dict[str, int]:
        """The members marked present, counted by their college in the assembly."""
        with self.moteur.connect() as cnx:
            return {
                r.college: r.n
                for r in cnx.execute(
                    select(membres.c.college, func.count().label("n"))
                    .join(
                        presences,
                        and_(
                            presences.c.personne_id == membres.c.personne_id,
                            membres.c.arrondissement == arrondissement,
                        ),
                    )
                    .where(presences.c.seance_id == str(seance_id))
                    .group_by(membres.c.college)
                )
            }
