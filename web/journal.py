"""Public pages of the tamper-evident log: each council's journal and the published checkpoints."""

from starlette.requests import Request
from starlette.responses import Response

from projections.lecture_journal import LectureJournal
from web.formulaires import arrondissement as _arrondissement
from web.rendu import plateforme, rendre


def _numero_de_page(request: Request) -> int:
    """`?page=N`, 1 when absent or not a positive whole number (a public link, never an error)."""
    brut = request.query_params.get("page", "1").strip()
    return max(1, int(brut)) if brut.isdecimal() and len(brut) < 9 else 1


async def conseil(request: Request) -> Response:
    """What happened in a council: event type, date, role of the actor; never a person."""
    arrondissement = _arrondissement(request)
    p = plateforme(request)
    page = LectureJournal(p.moteur).page(arrondissement, _numero_de_page(request))
    contexte = {"arrondissement": arrondissement, "page": page}
    return rendre(request, "journal/conseil.html", contexte, fragment="journal/_page.html")


async def points_de_controle(request: Request) -> Response:
    points = plateforme(request).chaine.points()
    return rendre(request, "journal/points_de_controle.html", {"points": points})
