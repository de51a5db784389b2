"""The site's help pages, in French, for residents and animateurs: how the council's year runs
on the platform (convocations, calendars, minutes, documents). The English counterparts for
operators and developers are in `docs/`."""

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from domaine.quartiers import referentiel
from web.rendu import rendre

SUJETS = {
    "convocations": "Convocations et notifications",
    "calendriers": "Calendriers des séances",
    "seances": "Séances en salle, en ligne ou les deux",
    "comptes-rendus": "Comptes rendus approuvés",
    "documents": "Documents du conseil",
    "quartiers": "Quartiers prioritaires et conseils",
}
"""Each help page: its address under /aide/ and its title."""


async def sommaire(request: Request) -> Response:
    return rendre(request, "aide/sommaire.html", {"sujets": SUJETS})


async def sujet(request: Request) -> Response:
    nom = request.path_params["sujet"]
    if nom not in SUJETS:
        raise HTTPException(404)
    contexte = {"sujets": SUJETS, "titre": SUJETS[nom], "referentiel": referentiel()}
    return rendre(request, f"aide/{nom}.html", contexte)
