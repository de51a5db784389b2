"""A person's notifications: reading them, marking them read.

The read state is not a domain fact (no event: nobody else needs to know what someone read);
it lives in tables kept apart from the read models (`stockage.tables.notifications_lues` and
`notifications_tout_lu`), keyed by each notification's stable key, so a rebuild of the read
models keeps it. Everyone reads and marks only their own.
"""

from datetime import datetime
from typing import Literal
from uuid import UUID

from sqlalchemy import Engine, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from domaine.comptes import Acteur, exiger_compte
from domaine.erreurs import Introuvable
from domaine.temps import en_utc
from langues import N_
from projections.lecture_notifications import LectureNotifications, PageDeNotifications
from projections.tables import courriels_choisis
from stockage.registre import Registre
from stockage.tables import (
    convocations_envois,
    notifications_lues,
    notifications_tout_lu,
    resumes_envoyes,
)

ActionNotifications = Literal["lire", "marquer_lue", "tout_marquer_lu"]
"""Every signed-in person, on their own notifications."""

NOTIFICATION_INTROUVABLE = N_("Cette notification n'existe pas.")


class ServiceNotifications:
    def __init__(self, registre: Registre, moteur: Engine, lecture: LectureNotifications) -> None:
        self.registre = registre
        self.moteur = moteur
        self.lecture = lecture

    def autoriser(self, acteur: Acteur | None, action: ActionNotifications) -> None:
        """Any signed-in person (on their own notifications): web handlers call it before
        reading their form. Raises `ActionInterdite`."""
        exiger_compte(acteur)

    def lire(self, acteur: Acteur | None, page: int = 1) -> PageDeNotifications:
        """One page of the person's notifications, newest first."""
        qui = exiger_compte(acteur)
        return self.lecture.page(str(qui.compte_id), page)

    def non_lues(self, personne_id: UUID) -> int:
        return self.lecture.non_lues(str(personne_id))

    def marquer_lue(self, acteur: Acteur | None, cle: str) -> None:
        """Idempotent: a notification read twice stays read once."""
        qui = exiger_compte(acteur)
        personne = str(qui.compte_id)
        if len(cle) > 120 or self.lecture.une(personne, cle) is None:
            raise Introuvable(NOTIFICATION_INTROUVABLE)
        instruction = (
            inserer(self.moteur, notifications_lues)
            .values(personne_id=personne, cle=cle, lue_le=self._maintenant())
            .on_conflict_do_nothing()
        )
        with self.moteur.begin() as cnx:
            cnx.execute(instruction)

    def tout_marquer_lu(self, acteur: Acteur | None) -> None:
        """Everything dated up to now is read (one row per person, however many)."""
        qui = exiger_compte(acteur)
        maintenant = self._maintenant()
        insertion = inserer(self.moteur, notifications_tout_lu).values(
            personne_id=str(qui.compte_id), jusqu_au=maintenant
        )
        instruction = insertion.on_conflict_do_update(
            index_elements=[notifications_tout_lu.c.personne_id],
            set_={"jusqu_au": insertion.excluded.jusqu_au},
        )
        with self.moteur.begin() as cnx:
            cnx.execute(instruction)

    def _maintenant(self) -> datetime:
        return en_utc(self.registre.maintenant())


def inserer(moteur: Engine, table: Table) -> postgresql.Insert | sqlite.Insert:
    """An INSERT that can skip or update a row already there (`ON CONFLICT`), on either
    database: what claims a sent-mark, and marks a notification read, once."""
    if moteur.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def modes_de_courriels(moteur: Engine, ids: list[UUID]) -> dict[UUID, str]:
    """How these people chose to get e-mails (`ModeCourriels`); absent: every message."""
    resultat: dict[UUID, str] = {}
    cles = [str(i) for i in ids]
    with moteur.connect() as cnx:
        for debut in range(0, len(cles), 500):
            for ligne in cnx.execute(
                select(courriels_choisis).where(
                    courriels_choisis.c.personne_id.in_(cles[debut : debut + 500])
                )
            ):
                resultat[UUID(ligne.personne_id)] = ligne.mode
    return resultat


def oublier(moteur: Engine, personne_id: UUID) -> None:
    """An erased person's notifications, read state and sent-marks go with their identity
    (pseudonymous, but of no use once nobody can read them)."""
    p = str(personne_id)
    with moteur.begin() as cnx:
        for table in (
            convocations_envois,
            notifications_lues,
            notifications_tout_lu,
            resumes_envoyes,
        ):
            cnx.execute(delete(table).where(table.c.personne_id == p))
