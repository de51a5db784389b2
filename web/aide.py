"""The site's help pages, in the request's language, for residents and animateurs: how the council's year runs
on the platform (convocations, calendars, minutes, documents). The English counterparts for
operators and developers are in `docs/`."""

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from domaine.quartiers import referentiel
from langues import N_, _
from web.rendu import rendre

SUJETS = {
    "convocations": N_("Convocations et notifications"),
    "calendriers": N_("Calendriers des séances"),
    "seances": N_("Séances en salle, en ligne ou les deux"),
    "comptes-rendus": N_("Comptes rendus approuvés"),
    "documents": N_("Documents du conseil"),
    "quartiers": N_("Quartiers prioritaires et conseils"),
}
"""Each help page: its address under /aide/ and its title (French: `sujets` translates)."""


def sujets() -> dict[str, str]:
    """The help pages' titles in the request's language."""
    return {adresse: _(titre) for adresse, titre in SUJETS.items()}


async def sommaire(request: Request) -> Response:
    return rendre(request, "aide/sommaire.html", {"sujets": sujets()})


async def sujet(request: Request) -> Response:
    nom = request.path_params["sujet"]
    if nom not in SUJETS:
        raise HTTPException(404)
    titres = sujets()
    contexte = {"sujets": titres, "titre": titres[nom], "referentiel": referentiel()}
    return rendre(request, f"aide/{nom}.html", contexte)
