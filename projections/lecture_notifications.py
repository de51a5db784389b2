"""A person's notifications, both kinds in one list: the reminders of the read model
`lecture_notifications` (deadlines of avis, late answers of a tirage, for animateurs and
agents) and the convocations of the outbox `convocations_envois` (séances planned,
reprogrammed, cancelled, and the reminder of the day before), with their read state.

Each notification has a stable key (`cle`) that a rebuild of the read models does not change:
`echeance:{position of its event}` and `{genre}:{séance}:{change}`. The read state
(`notifications_lues`, one row per key, and `notifications_tout_lu`, one date per person
for "tout marquer comme lu") is kept apart from the rebuilt tables, keyed by it.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Engine,
    String,
    and_,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)

from domaine.temps import en_utc
from projections.tables import notifications
from stockage.tables import convocations_envois as envois
from stockage.tables import notifications_lues as lues
from stockage.tables import notifications_tout_lu as tout_lu

ECHEANCE = "echeance"
"""The kind of the reminders to act (`lecture_notifications`)."""
PAR_PAGE = 20


@dataclass(frozen=True)
class Notification:
    cle: str
    genre: str  # ECHEANCE, or `domaine.convocations.GENRES`
    le: datetime
    lien: str  # a path on this site
    message: str
    lue: bool
    seance_id: str | None


@dataclass(frozen=True)
class PageDeNotifications:
    notifications: list[Notification]
    total: int
    non_lues: int
    page: int
    pages: int


def _toutes(personne_id: str) -> Any:
    """Both kinds as one subquery (cle, genre, le, lien, message, seance_id)."""
    rappels = select(
        (literal(f"{ECHEANCE}:") + cast(notifications.c.position, String)).label("cle"),
        literal(ECHEANCE).label("genre"),
        notifications.c.le.label("le"),
        notifications.c.lien.label("lien"),
        notifications.c.message.label("message"),
        cast(null(), String).label("seance_id"),
    ).where(notifications.c.personne_id == personne_id)
    convocations = select(
        (envois.c.genre + ":" + envois.c.seance_id + ":" + cast(envois.c.changement, String)).label(
            "cle"
        ),
        envois.c.genre.label("genre"),
        envois.c.cree_le.label("le"),
        (literal("/seances/") + envois.c.seance_id).label("lien"),
        envois.c.message.label("message"),
        envois.c.seance_id.label("seance_id"),
    ).where(envois.c.personne_id == personne_id)
    return union_all(rappels, convocations).subquery("toutes")


def _avec_etat(personne_id: str) -> tuple[Any, Any]:
    """The notifications joined with their read state, and the condition "read"."""
    toutes = _toutes(personne_id)
    jusqu_au = (
        select(tout_lu.c.jusqu_au).where(tout_lu.c.personne_id == personne_id).scalar_subquery()
    )
    # Never NULL (SQL's NOT NULL is NULL, which would hide a notification from both counts).
    lue = or_(lues.c.cle.is_not(None), and_(jusqu_au.is_not(None), toutes.c.le <= jusqu_au))
    jointure = toutes.outerjoin(
        lues, and_(lues.c.personne_id == personne_id, lues.c.cle == toutes.c.cle)
    )
    return toutes, (jointure, lue)


class LectureNotifications:
    def __init__(self, moteur: Engine) -> None:
        self.moteur = moteur

    def page(
        self, personne_id: str, page: int = 1, par_page: int = PAR_PAGE
    ) -> PageDeNotifications:
        """Newest first, `par_page` a page; a page past the last shows the last."""
        toutes, (jointure, lue) = _avec_etat(personne_id)
        with self.moteur.connect() as cnx:
            total, non_lues = cnx.execute(
                select(func.count(), func.count().filter(~lue)).select_from(jointure)
            ).one()
            pages = max(1, -(-total // par_page))
            page = min(max(1, page), pages)
            lignes = cnx.execute(
                select(toutes, lue.label("lue"))
                .select_from(jointure)
                .order_by(toutes.c.le.desc(), toutes.c.cle.desc())
                .limit(par_page)
                .offset((page - 1) * par_page)
            ).all()
        return PageDeNotifications([_notification(r) for r in lignes], total, non_lues, page, pages)

    def non_lues(self, personne_id: str) -> int:
        """The header's count."""
        _, (jointure, lue) = _avec_etat(personne_id)
        with self.moteur.connect() as cnx:
            return int(
                cnx.execute(select(func.count()).select_from(jointure).where(~lue)).scalar_one()
            )

    def une(self, personne_id: str, cle: str) -> Notification | None:
        toutes, (jointure, lue) = _avec_etat(personne_id)
        with self.moteur.connect() as cnx:
            ligne = cnx.execute(
                select(toutes, lue.label("lue")).select_from(jointure).where(toutes.c.cle == cle)
            ).first()
        return None if ligne is None else _notification(ligne)

    def entre(self, personne_id: str, debut: datetime, fin: datetime) -> list[Notification]:
        """Dated from `debut` (included) to `fin` (excluded), oldest first: a weekly digest."""
        toutes, (jointure, lue) = _avec_etat(personne_id)
        with self.moteur.connect() as cnx:
            lignes = cnx.execute(
                select(toutes, lue.label("lue"))
                .select_from(jointure)
                .where(toutes.c.le >= debut.astimezone(UTC), toutes.c.le < fin.astimezone(UTC))
                .order_by(toutes.c.le, toutes.c.cle)
            ).all()
        return [_notification(r) for r in lignes]


def _notification(ligne: Any) -> Notification:
    le = ligne.le
    if isinstance(le, str):  # SQLite returns a union's dates as text
        le = datetime.fromisoformat(le)
    return Notification(
        ligne.cle,
        ligne.genre,
        en_utc(le),
        ligne.lien,
        ligne.message,
        bool(ligne.lue),
        ligne.seance_id,
    )
