"""Signed-in sessions end after a while: idle expiry and absolute expiry, checked server-side.

The session lives in a signed cookie (Starlette's SessionMiddleware), so the server keeps no
list of sessions; the times it checks are in the signed content, which the client cannot
change. The cookie's own lifetime is only a backstop."""

from collections.abc import Callable
from datetime import UTC, datetime
from uuid import UUID

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from langues import N_, _
from stockage.configuration import DUREE_SESSION_MAX_S, INACTIVITE_PAR_DEFAUT_S
from web.securite import SESSION_EXPIREE, renouveler_session

MESSAGE_EXPIREE = N_("Votre session a expiré : reconnectez-vous pour continuer.")


def heure_reelle() -> datetime:
    """Sessions run on the wall clock, not on the platform's (business time, which tests and
    the demo move by days)."""
    return datetime.now(UTC)


def ouvrir_session(request: Request, compte_id: UUID, nom: str) -> None:
    """Sign-in: a brand-new session (new CSRF token and nonce) dated from now."""
    horloge: Callable[[], datetime] = request.app.state.horloge_session
    renouveler_session(request)
    request.session["compte_id"] = str(compte_id)
    request.session["nom"] = nom
    request.session["debut"] = request.session["vu"] = int(horloge().timestamp())


class ExpirationDeSession:
    """Inside SessionMiddleware: ends a signed-in session unused for `inactivite_s` or opened
    more than `duree_max_s` ago; the request then goes on as an anonymous one."""

    def __init__(
        self,
        app: ASGIApp,
        horloge: Callable[[], datetime],
        inactivite_s: int = INACTIVITE_PAR_DEFAUT_S,
        duree_max_s: int = DUREE_SESSION_MAX_S,
    ) -> None:
        self.app = app
        self.horloge = horloge
        self.inactivite_s = inactivite_s
        self.duree_max_s = duree_max_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope.get("session", {}).get("compte_id"):
            await self.app(scope, receive, send)
            return
        session = scope["session"]
        maintenant = int(self.horloge().timestamp())
        debut, vu = session.get("debut"), session.get("vu")
        if (
            not isinstance(debut, int)
            or not isinstance(vu, int)
            or maintenant - debut >= self.duree_max_s
            or maintenant - vu >= self.inactivite_s
        ):
            renouveler_session(Request(scope))
            session["message"] = _(MESSAGE_EXPIREE)  # the language is chosen (`ChoixDeLangue`)
            scope[SESSION_EXPIREE] = True
        else:
            session["vu"] = maintenant
        await self.app(scope, receive, _sans_cache(scope, send))


def _sans_cache(scope: Scope, send: Send) -> Send:
    """Pages seen signed in are not kept by the browser or a proxy: on a shared computer, the
    back button after signing out must not show them (static files are left cacheable)."""
    if scope["path"].startswith("/static/"):
        return send

    async def envoyer(message: Message) -> None:
        if message["type"] == "http.response.start":
            entetes = list(message.get("headers", []))
            if not any(nom.lower() == b"cache-control" for nom, __ in entetes):
                entetes.append((b"cache-control", b"no-store"))
            message["headers"] = entetes
        await send(message)

    return envoyer
