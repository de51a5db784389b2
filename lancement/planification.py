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
from datetime import UTC, datetime, timedelta
from uuid import uuid4

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from domaine.temps import PARIS
from lancement.plateforme import Plateforme
from participation.conservation import lire_conservation_ans
from participation.echeances import Bail
from stockage.configuration import ConfigurationInvalide

journal = logging.getLogger("participation.planification")
DUREE_BAIL = timedelta(seconds=90)
INTERVALLE_BAIL_S = 30
HEURE_RAPPELS = 7
HEURE_CONSERVATION = 5
_plateformes: list[Plateforme] = []


def archiver_rapports() -> None:
    """Target of the persisted yearly job: archive the reports of the year just ended."""
    for plateforme in _plateformes:
        ajoutees = plateforme.archives.archiver()
        journal.info("%d rapport(s) annuel(s) archivé(s)", len(ajoutees))


def jour_d_archivage() -> tuple[int, int]:
    """`PARTICIPATION_ARCHIVAGE` = "MM-JJ" (default 01-15, 15 January)."""
    brut = os.environ.get("PARTICIPATION_ARCHIVAGE", "01-15")
    try:
        mois, jour = (int(x) for x in brut.split("-"))
        datetime(2024, mois, jour)  # a leap year: 02-29 is a valid choice
    except ValueError:
        raise ConfigurationInvalide(
            f"PARTICIPATION_ARCHIVAGE doit être une date MM-JJ (par exemple 01-15), pas « {brut} »."
        ) from None
    return mois, jour


def appliquer_conservation() -> None:
    """Target of the persisted daily retention job (RGPD): erase the people inactive for
    `PARTICIPATION_CONSERVATION_ANS` years, purge the pools whose acceptances closed."""
    for plateforme in _plateformes:
        bilan = plateforme.conservation.appliquer()
        journal.info(
            "Conservation : %d personne(s) effacée(s), %d coordonnée(s) de liste purgée(s)",
            len(bilan.personnes_effacees),
            bilan.candidats_purges,
        )


def verifier_echeances() -> None:
    """Target of the persisted job (stored by reference: it must stay importable here)."""
    for plateforme in _plateformes:
        rappels = plateforme.echeances.verifier()
        journal.info("%d rappel(s) d'échéance envoyé(s)", len(rappels))


def publier_point_de_controle() -> None:
    """Target of the persisted daily job: checkpoint the head of the tamper-evident log."""
    for plateforme in _plateformes:
        point = plateforme.chaine.point_de_controle(plateforme.registre.maintenant())
        journal.info("Point de contrôle à la position %d", point.position)


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
        _plateformes[:] = [self.plateforme]
        planificateur = AsyncIOScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=self.plateforme.moteur)},
            timezone=PARIS,
        )
        _chaque(planificateur, "verifier_echeances", "rappels-avis", hour=HEURE_RAPPELS)
        mois, jour = jour_d_archivage()
        _chaque(
            planificateur,
            "archiver_rapports",
            "archives-rapports",
            retard_admis_s=30 * JOUR_S,
            month=mois,
            day=jour,
            hour=6,
        )
        lire_conservation_ans()  # a wrong setting stops here, in French, not in the job
        _chaque(
            planificateur, "appliquer_conservation", "conservation-rgpd", hour=HEURE_CONSERVATION
        )
        # Paris time: the last one of 31 December closes the year's report.
        _chaque(
            planificateur, "publier_point_de_controle", "points-de-controle", hour=23, minute=55
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
        if self.plateforme in _plateformes:
            _plateformes.remove(self.plateforme)
