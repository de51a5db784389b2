"""The web server as `participation serve` runs it: the app over a wired platform, with its
scheduled jobs (the read models' catch-up poller and the daily jobs under a lease)."""

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime

import uvicorn
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from starlette.applications import Starlette
from uvicorn.supervisors import Multiprocess

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
            p.tenir_a_jour,
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


class ConfigurationTcp(uvicorn.Config):
    """uvicorn's settings, whose listening socket says it is TCP.

    With `--workers N`, uvicorn binds the socket itself and leaves its `proto` at 0; the
    connections the workers accept inherit it, and asyncio sets `TCP_NODELAY` only on sockets
    whose `proto` is TCP. Nagle's algorithm then holds the end of each answer until the
    browser acknowledges its start: every request on a kept-alive connection after the first
    waited about 40 ms more on Linux (uvicorn issue #3149). One worker is not affected (asyncio
    binds that socket)."""

    def bind_socket(self) -> socket.socket:
        ecoute = super().bind_socket()
        if ecoute.family not in (socket.AF_INET, socket.AF_INET6):
            return ecoute
        tcp = socket.socket(ecoute.family, ecoute.type, socket.IPPROTO_TCP, ecoute.detach())
        tcp.set_inheritable(True)
        return tcp


REPONSE_D_UN_WORKER_S = 60
"""How long uvicorn's supervisor waits for a worker to answer its check before it kills and
replaces it (uvicorn's default: 5 s). The check starts with the worker, which first imports
the whole application (about 3 s of CPU on an idle core): on a busy 2-core machine that alone
took longer than 5 s, and freshly started workers were killed and replaced again and again."""


def configuration_des_workers(host: str, port: int, workers: int) -> ConfigurationTcp:
    return ConfigurationTcp(
        "lancement.serveur:creer_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=False,
        timeout_worker_healthcheck=REPONSE_D_UN_WORKER_S,
    )


def servir_en_plusieurs_processus(host: str, port: int, workers: int) -> None:
    """`uvicorn.run(…, workers=N)`, with the socket of `ConfigurationTcp` and the patience of
    `REPONSE_D_UN_WORKER_S`."""
    configuration = configuration_des_workers(host, port, workers)
    Multiprocess(configuration, sockets=[configuration.bind_socket()]).run()
