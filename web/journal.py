"""Public pages of the tamper-evident log: each council's journal and the published checkpoints."""

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from stockage.audit import points_en_json
from web.formulaires import arrondissement as _arrondissement
from web.pagination import numero_demande
from web.rendu import plateforme, rendre


async def conseil(request: Request) -> Response:
    """What happened in a council: event type, date, role of the actor; never a person."""
    arrondissement = _arrondissement(request)
    page = plateforme(request).lecture_journal.page(arrondissement, numero_demande(request))
    contexte = {"arrondissement": arrondissement, "page": page}
    return rendre(request, "journal/conseil.html", contexte, fragment="journal/_page.html")


async def points_de_controle(request: Request) -> Response:
    points = plateforme(request).chaine.points()
    return rendre(request, "journal/points_de_controle.html", {"points": points})


async def points_de_controle_json(request: Request) -> Response:
    """The same list, machine-readable: whoever keeps a copy (a Ville or État agent, an
    archive) can later check the database against it (`participation audit verify
    --points-de-controle`)."""
    points = plateforme(request).chaine.points()
    return JSONResponse(points_en_json(points), headers={"Cache-Control": "no-cache"})
