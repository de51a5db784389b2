"""`participation serve --workers N`: the connections the workers accept send each answer at once
(`TCP_NODELAY`), as with one worker; without it, every request on a kept-alive connection after
the first waited about 40 ms for the browser's delayed acknowledgement (uvicorn issue #3149).
And a worker that is still starting is not killed as hung."""

import asyncio
import pickle
import socket
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.reduction import ForkingPickler
from typing import Any

from lancement.serveur import REPONSE_D_UN_WORKER_S, configuration_des_workers


def test_les_connexions_acceptees_par_les_workers_envoient_sans_attendre() -> None:
    configuration = configuration_des_workers("127.0.0.1", 0, 2)
    ecoute = configuration.bind_socket()
    assert ecoute.proto == socket.IPPROTO_TCP and ecoute.get_inheritable()
    # As the supervisor hands it to each worker (multiprocessing pickles sockets with their
    # family, type and proto).
    recue = pickle.loads(ForkingPickler.dumps(ecoute))
    assert recue.proto == socket.IPPROTO_TCP

    async def option_des_connexions_acceptees() -> int:
        acceptee: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        async def accueillir(_: asyncio.StreamReader, ecrivain: asyncio.StreamWriter) -> None:
            connexion = ecrivain.get_extra_info("socket")
            acceptee.set_result(connexion.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            ecrivain.close()

        serveur = await asyncio.start_server(accueillir, sock=recue)
        _, client = await asyncio.open_connection(*recue.getsockname())
        try:
            return await asyncio.wait_for(acceptee, 5)
        finally:
            client.close()
            serveur.close()
            await serveur.wait_closed()

    try:
        assert hors_de_la_boucle(option_des_connexions_acceptees()) != 0
    finally:
        ecoute.close()
        recue.close()


def test_un_worker_qui_demarre_a_le_temps_d_importer_l_application() -> None:
    """uvicorn's supervisor kills a worker that does not answer its check within
    `timeout_worker_healthcheck` (5 s by default), from the moment it starts: importing the
    application takes about 3 s of CPU, more on a busy machine."""
    configuration = configuration_des_workers("127.0.0.1", 0, 2)
    assert configuration.timeout_worker_healthcheck == REPONSE_D_UN_WORKER_S >= 30


def hors_de_la_boucle(coroutine: Any) -> Any:
    """Run `coroutine` in a thread of its own: a browser test earlier in the session may leave
    an event loop running in this one, where `asyncio.run` refuses to start."""
    with ThreadPoolExecutor(1) as fil:
        return fil.submit(asyncio.run, coroutine).result()
