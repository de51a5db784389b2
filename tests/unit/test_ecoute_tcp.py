"""`participation serve --workers N`: the connections the workers accept send each answer at once
(`TCP_NODELAY`), as with one worker; without it, every request on a kept-alive connection after
the first waited about 40 ms for the browser's delayed acknowledgement (uvicorn issue #3149)."""

import asyncio
import pickle
import socket
from multiprocessing.reduction import ForkingPickler

from lancement.serveur import ConfigurationTcp


def test_les_connexions_acceptees_par_les_workers_envoient_sans_attendre() -> None:
    configuration = ConfigurationTcp(
        "lancement.serveur:creer_app", factory=True, host="127.0.0.1", port=0, workers=2
    )
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
        assert asyncio.run(option_des_connexions_acceptees()) != 0
    finally:
        ecoute.close()
        recue.close()
