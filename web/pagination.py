"""Page links of long lists (budget participatif, avis): numbered, keeping the filters (the
caller's `lien` builds each URL), plain links without JavaScript and swapped by htmx (see
`web/templates/_pages.html`)."""

from collections.abc import Callable
from dataclasses import dataclass

from starlette.requests import Request

from web.formulaires import nombre

PAGE_MAX = 100_000


@dataclass(frozen=True)
class LienDePage:
    numero: int | None  # None: an ellipsis
    url: str = ""


@dataclass(frozen=True)
class Pagination:
    numero: int
    pages: int
    liens: list[LienDePage]
    precedente: str  # URL; empty on the first page
    suivante: str  # URL; empty on the last page


def numero_demande(request: Request) -> int:
    """The `page` of the query string; anything else than a page number is page 1."""
    brut = request.query_params.get("page", "").strip()
    if not brut.isdecimal():
        return 1
    numero = nombre(brut)
    return PAGE_MAX if numero is None else min(max(numero, 1), PAGE_MAX)


def nombre_de_pages(total: int, taille: int) -> int:
    return max(1, -(-total // taille))


def paginer(numero: int, pages: int, lien: Callable[[int], str], voisins: int = 2) -> Pagination:
    """The first and the last page, and `voisins` on each side of the current one, with
    ellipses between."""
    numeros = sorted(
        {1, pages, *range(numero - voisins, numero + voisins + 1)} & set(range(1, pages + 1))
    )
    liens: list[LienDePage] = []
    for n in numeros:
        if liens and liens[-1].numero is not None and n > liens[-1].numero + 1:
            liens.append(LienDePage(None))
        liens.append(LienDePage(n, lien(n)))
    return Pagination(
        numero,
        pages,
        liens,
        lien(numero - 1) if numero > 1 else "",
        lien(numero + 1) if numero < pages else "",
    )


def vers_les_resultats(request: Request) -> bool:
    """Whether htmx swaps the results for a page link (`HX-Trigger` is the clicked element's
    id): the link is gone, so the focus goes to the results; a filter keeps it on its field."""
    return request.headers.get("HX-Trigger", "").startswith("lien-page")
