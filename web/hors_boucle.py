"""Handlers run off the event loop, so that a slow request never delays the others.

Every handler is written `async def` (it awaits its form) but then calls synchronous use
cases, queries and templates: on the loop, a 5-second time-travel page would hold every other
request of the worker for 5 seconds. The app therefore reads the request's form on the loop
(the only I/O a handler awaits), then runs the handler in a worker thread, in an event loop
of its own. The form is then already read: the handler's `await request.form()` gets it from
the request without touching the connection."""

import asyncio
import functools
import inspect
from collections.abc import Callable, Coroutine
from typing import Any

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from web.idempotence import une_seule_fois
from web.televersement import est_un_televersement, lire_televersement

Point = Callable[[Request], Coroutine[Any, Any, Response]]


def hors_de_la_boucle(point: Point, televersement: bool = False) -> Point:
    """`point`, run in a worker thread once its form (if any) is read; a form that carries a
    file is read within the documents' size limit (`web.televersement`)."""

    @functools.wraps(point)
    async def enveloppe(request: Request) -> Response:
        if request.method == "POST":
            # read here, on the loop; cached on the request
            await (lire_televersement(request) if televersement else request.form())
        return await anyio.to_thread.run_sync(asyncio.run, point(request))

    return enveloppe


def routes_hors_de_la_boucle(routes: list[BaseRoute]) -> list[BaseRoute]:
    """The same routes, their `async def` handlers run off the loop (plain `def` ones are run
    in the thread pool by Starlette already; mounts serve files), each form run once per
    idempotency key (`web.idempotence`)."""
    return [
        Route(
            r.path,
            hors_de_la_boucle(une_seule_fois(r.endpoint), est_un_televersement(r.endpoint)),
            methods=r.methods,
            name=r.name,
        )
        if isinstance(r, Route) and inspect.iscoroutinefunction(r.endpoint)
        else r
        for r in routes
    ]
