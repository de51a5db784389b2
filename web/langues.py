"""Which language a request speaks, and the switch that changes it (plain links, no JavaScript).

The choice is a cookie set by `/langue/{code}` (the links every page carries, with `hreflang`);
without it, the browser's `Accept-Language` decides; French otherwise. A signed-in member's choice
is also kept on their account, for the e-mails they receive.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from babel import Locale, UnknownLocaleError
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from langues import FRANCAIS, LANGUES, PAR_CODE, Langue, activer

COOKIE = "langue"
UN_AN_S = 365 * 24 * 3600


def depuis_accept_language(entete: str) -> Langue | None:
    """The first language of the header (by preference weight) that the platform speaks."""
    choix: list[tuple[float, int, str]] = []
    for rang, morceau in enumerate(entete.split(",")):
        etiquette, _, parametres = morceau.strip().partition(";")
        poids = 1.0
        if parametres.strip().startswith("q="):
            try:
                poids = float(parametres.strip()[2:])
            except ValueError:
                poids = 0.0
        if etiquette and poids > 0:
            choix.append((-poids, rang, etiquette.strip().lower()))
    for _, _, etiquette in sorted(choix):
        if etiquette in PAR_CODE:
            return PAR_CODE[etiquette]
        try:
            langue = Locale.parse(etiquette, sep="-").language
        except (ValueError, UnknownLocaleError):
            continue
        if langue in PAR_CODE:
            return PAR_CODE[langue]
    return None


def langue_de(entetes: Headers, cookies: dict[str, str]) -> Langue:
    choisie = PAR_CODE.get(cookies.get(COOKIE, ""))
    return choisie or depuis_accept_language(entetes.get("accept-language", "")) or FRANCAIS


class ChoixDeLangue:
    """Sets the request's language before anything renders, error pages included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            requete = Request(scope)
            activer(langue_de(requete.headers, requete.cookies))
        await self.app(scope, receive, send)


def _retour_sur(retour: str) -> str:
    """A path of this site to go back to (never another site: no open redirect)."""
    morceaux = urlsplit(retour)
    if morceaux.scheme or morceaux.netloc or not retour.startswith("/") or retour.startswith("//"):
        return "/"
    return retour


def retenir(request: Request, reponse: Response, langue: Langue) -> None:
    """Keep this device's language: the cookie every later request reads."""
    reponse.set_cookie(
        COOKIE,
        langue.code,
        max_age=UN_AN_S,
        samesite="lax",
        secure=request.url.scheme == "https",
        httponly=True,
    )


async def changer(request: Request) -> Response:
    """GET /langue/{code}?retour=/page: remember the choice and show the same page in it."""
    langue = PAR_CODE.get(request.path_params["code"])
    retour = _retour_sur(request.query_params.get("retour", "/"))
    reponse = RedirectResponse(retour, status_code=303)
    if langue is None:
        return reponse
    retenir(request, reponse, langue)
    compte_id = request.session.get("compte_id") if "session" in request.scope else None
    if compte_id:
        request.app.state.plateforme.comptes.choisir_langue(compte_id, langue.code)
    return reponse


def liens_de_langue(request: Request) -> list[tuple[Langue, str]]:
    """Each language and the link that shows the current page in it."""
    chemin = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return [
        (langue, f"/langue/{langue.code}?retour={quote(chemin, safe='')}") for langue in LANGUES
    ]
