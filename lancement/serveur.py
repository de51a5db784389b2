"""The web server as `participation serve` runs it: the app over a wired platform, with its
scheduled jobs (the read models' catch-up poller and the daily jobs under a lease)."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from starlette.applications import Starlette

from lancement.planification import INTERVALLE_BAIL_S, RappelsQuotidiens
from lancement.plateforme import Plateforme
from stockage.configuration import Configuration
from web.app import creer_app as application

INTERVALLE_RATTRAPAGE_S = 2
"""Events written by another process (CLI, a second worker) reach the read models this often."""


def creer_app(configuration: Configuration | None = None) -> Starlette:
    """The app on the configured database, schema brought up to date, jobs scheduled."""
    plateforme = Plateforme(configuration or Configuration.depuis_environnement())
    plateforme.migrer()
    return application(plateforme, cycle_de_vie=taches_de_fond(plateforme))


def taches_de_fond(
    p: Plateforme,
) -> Callable[[Starlette], AbstractAsyncContextManager[None]]:
    """The app's lifespan: the scheduler runs while the app serves."""

    @contextlib.asynccontextmanager
    async def cycle_de_vie(app: Starlette) -> AsyncIterator[None]:
        planificateur = AsyncIOScheduler()
        planificateur.add_job(
            p.projecteur.tenir_a_jour,
            "interval",
            seconds=INTERVALLE_RATTRAPAGE_S,
            id="rattrapage-projections",
            replace_existing=True,
            max_instances=1,
            coalesce=True,
        )
        rappels = RappelsQuotidiens(p)
        planificateur.add_job(
            rappels.tenir,
            "interval",
            seconds=INTERVALLE_BAIL_S,
            id="bail-rappels",
            replace_existing=True,
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(UTC),
        )
        planificateur.start()
        try:
            yield
        finally:
            planificateur.shutdown(wait=False)
            rappels.arreter()
            await asyncio.sleep(0)

    return cycle_de_vie
