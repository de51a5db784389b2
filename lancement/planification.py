"""The daily reminder job: persisted in the database, run by one web worker only.

Each worker tries every 30 s to hold the `Bail` (a lease row); the holder runs an APScheduler
with a SQLAlchemy job store, so the daily run survives restarts and a run missed while the
site was down happens at start-up. When the holder stops, another worker takes over once the
lease expires.
"""

import asyncio
import logging
import os
import socket
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from uuid import uuid4

from apscheduler.job import Job
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from domaine.temps import PARIS
from lancement.plateforme import Plateforme
from participation.echeances import Bail

journal = logging.getLogger("participation.planification")
DUREE_BAIL = timedelta(seconds=90)
INTERVALLE_BAIL_S = 30
HEURE_RAPPELS = 7
HEURE_CONSERVATION = 5
HEURE_RESUMES = 8


def archiver_rapports(plateforme: Plateforme) -> None:
    """Target of the persisted yearly job: archive the reports of the year just ended."""
    ajoutees = plateforme.archives.archiver()
    journal.info("%d rapport(s) annuel(s) archivé(s)", len(ajoutees))
    publier_point_de_controle(plateforme)


def appliquer_conservation(plateforme: Plateforme) -> None:
    """Target of the persisted daily retention job (RGPD): erase the people inactive for
    `PARTICIPATION_CONSERVATION_ANS` years, purge the pools whose acceptances closed."""
    bilan = plateforme.conservation.appliquer()
    plateforme.reprises.purger(plateforme.registre.maintenant())  # answers kept a day
    journal.info(
        "Conservation : %d personne(s) effacée(s), %d coordonnée(s) de liste purgée(s)",
        len(bilan.personnes_effacees),
        bilan.candidats_purges,
    )
    publier_point_de_controle(plateforme)


def verifier_echeances(plateforme: Plateforme) -> None:
    """Target of the persisted daily job: the reminders of avis and groupe moteur deadlines."""
    rappels = plateforme.echeances.verifier()
    journal.info("%d rappel(s) d'échéance envoyé(s)", len(rappels))
    publier_point_de_controle(plateforme)


def envoyer_convocations(plateforme: Plateforme) -> None:
    """Target of the persisted job run every minute: the convocations, cancellations and
    reminders of the séances still to come (`participation.convocations`, exactly once per
    member and change)."""
    bilan = plateforme.convocations.envoyer()
    if bilan.notifications:
        journal.info(
            "%d convocation(s) ou rappel(s), %d courriel(s)", bilan.notifications, bilan.courriels
        )


def envoyer_resumes(plateforme: Plateforme) -> None:
    """Target of the persisted weekly job (Monday 08:00, Paris): the digests of the people who
    chose one (`participation.resumes`, once per person and week)."""
    envoyes = plateforme.resumes.envoyer()
    journal.info("%d résumé(s) hebdomadaire(s) envoyé(s)", len(envoyes))


def publier_point_de_controle(plateforme: Plateforme) -> None:
    """Target of the persisted hourly job, and the end of every other job: checkpoint the head
    of the tamper-evident log (once per head: nothing new, no new checkpoint)."""
    point = plateforme.chaine.point_de_controle(plateforme.registre.maintenant())
    journal.info("Point de contrôle à la position %d", point.position)


def preparer_historique(plateforme: Plateforme) -> None:
    """Target of the persisted hourly job: the dated checkpoints of the time-travel page, up to
    the read models' position (once per batch of events: none new, none written)."""
    ecrits = plateforme.historique.preparer_points()
    journal.info("%d point(s) de l'historique des conseils écrit(s)", ecrits)


LA_PLATEFORME = "la plateforme"
"""What a persisted job stores as its argument: a live platform cannot be pickled."""


class TachesEnBase(SQLAlchemyJobStore):  # type: ignore[misc]  # untyped library
    """APScheduler's job store in our database, handing each job the platform it runs on.

    A job is stored as a textual reference to a function of this module with `LA_PLATEFORME`
    as argument; the store that loads it calls it with its own platform, so no module-level
    state says which platform the jobs serve."""

    def __init__(self, plateforme: Plateforme) -> None:
        super().__init__(engine=plateforme.moteur)
        self.plateforme = plateforme

    def _reconstitute_job(self, job_state: bytes) -> Job:
        job: Job = super()._reconstitute_job(job_state)
        tache: Callable[[Plateforme], None] = job.func
        # `func_ref`, what is stored again after each run, stays the textual reference.
        job.func = lambda *_la_plateforme: tache(self.plateforme)
        return job


JOUR_S = 24 * 3600


def _chaque(
    planificateur: AsyncIOScheduler,
    cible: str,
    id_: str,
    retard_admis_s: int = JOUR_S,
    **quand: int,
) -> None:
    """A cron job of this module kept in the job store: replaced (not doubled) when a worker
    restarts, never two runs at once, missed runs merged into one if still within the delay."""
    planificateur.add_job(
        f"lancement.planification:{cible}",
        "cron",
        args=[LA_PLATEFORME],
        id=id_,
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=retard_admis_s,
        **quand,
    )


class RappelsQuotidiens:
    def __init__(self, plateforme: Plateforme) -> None:
        self.plateforme = plateforme
        detenteur = f"{socket.gethostname()}:{os.getpid()}:{uuid4().hex[:8]}"
        self.bail = Bail(plateforme.moteur, "rappels-avis", detenteur, DUREE_BAIL)
        self.planificateur: AsyncIOScheduler | None = None

    async def tenir(self) -> None:
        """Take or renew the lease; start or stop the persistent scheduler accordingly."""
        tenu = await asyncio.to_thread(self.bail.prendre, datetime.now(UTC))
        if tenu and self.planificateur is None:
            self._demarrer()
        elif not tenu and self.planificateur is not None:
            self._arreter_planificateur()

    def _demarrer(self) -> None:
        planificateur = AsyncIOScheduler(
            jobstores={"default": TachesEnBase(self.plateforme)}, timezone=PARIS
        )
        _chaque(planificateur, "verifier_echeances", "rappels-avis", hour=HEURE_RAPPELS)
        mois, jour = self.plateforme.configuration.jour_archivage
        _chaque(
            planificateur,
            "archiver_rapports",
            "archives-rapports",
            retard_admis_s=30 * JOUR_S,
            month=mois,
            day=jour,
            hour=6,
        )
        _chaque(
            planificateur, "appliquer_conservation", "conservation-rgpd", hour=HEURE_CONSERVATION
        )
        # Hourly, Paris time: the one of 23:55 on 31 December closes the year's report.
        _chaque(
            planificateur,
            "publier_point_de_controle",
            "points-de-controle",
            retard_admis_s=3600,
            minute=55,
        )
        _chaque(
            planificateur,
            "preparer_historique",
            "points-historique",
            retard_admis_s=3600,
            minute=25,
        )
        # Every minute: a convocation waits at most that long after the animateur's change.
        _chaque(planificateur, "envoyer_convocations", "convocations", retard_admis_s=120, second=0)
        _chaque(
            planificateur,
            "envoyer_resumes",
            "resumes-hebdomadaires",
            retard_admis_s=JOUR_S,
            day_of_week=0,  # Monday
            hour=HEURE_RESUMES,
        )
        planificateur.start()
        self.planificateur = planificateur
        journal.info("Ce processus tient le bail des rappels d'échéance")

    def _arreter_planificateur(self) -> None:
        if self.planificateur is not None:
            self.planificateur.shutdown(wait=False)
            self.planificateur = None

    def arreter(self) -> None:
        if self.planificateur is not None:
            self._arreter_planificateur()
            self.bail.rendre()
