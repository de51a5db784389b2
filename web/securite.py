"""Sessions, CSRF tokens, sign-in throttling and security headers."""

import hmac
import os
import secrets
import time
from collections import defaultdict, deque
from pathlib import Path

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CLE_CSRF = "csrf"
ENTETE_CSRF = "X-CSRF-Token"


def cle_secrete(dossier: Path) -> str:
    """`PARTICIPATION_SECRET_KEY`, or a random key kept in `var/` (never committed)."""
    depuis_env = os.environ.get("PARTICIPATION_SECRET_KEY")
    if depuis_env:
        return depuis_env
    fichier = dossier / "secret_key"
    if not fichier.exists():
        dossier.mkdir(parents=True, exist_ok=True)
        fichier.write_text(secrets.token_urlsafe(48))
        fichier.chmod(0o600)
    return fichier.read_text().strip()


def jeton_csrf(request: Request) -> str:
    jeton = request.session.get(CLE_CSRF)
    if not jeton:
        jeton = secrets.token_urlsafe(32)
        request.session[CLE_CSRF] = jeton
    return str(jeton)


async def formulaire(request: Request) -> FormData:
    """Read a posted form, refusing it unless it carries this session's CSRF token."""
    form = await request.form()
    attendu = request.session.get(CLE_CSRF)
    recu = form.get(CLE_CSRF) or request.headers.get(ENTETE_CSRF) or ""
    if not attendu or not isinstance(recu, str) or not hmac.compare_digest(attendu, recu):
        raise HTTPException(
            403, "Jeton de sécurité manquant ou expiré : rechargez la page puis recommencez."
        )
    return form


class Limiteur:
    """Sliding-window throttle kept in memory (one web process): at most `limite` per window."""

    def __init__(self, limite: int, fenetre_s: float) -> None:
        self.limite = limite
        self.fenetre_s = fenetre_s
        self._essais: dict[str, deque[float]] = defaultdict(deque)

    def depasse(self, cle: str) -> bool:
        maintenant = time.monotonic()
        essais = self._essais[cle]
        while essais and essais[0] < maintenant - self.fenetre_s:
            essais.popleft()
        return len(essais) >= self.limite

    def noter(self, cle: str) -> None:
        self._essais[cle].append(time.monotonic())

    def oublier(self, cle: str) -> None:
        self._essais.pop(cle, None)


ENTETES = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
    ),
]


class EntetesDeSecurite:
    """Adds the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def envoyer(message: Message) -> None:
            if message["type"] == "http.response.start":
                noms = {n for n, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (n, v) for n, v in ENTETES if n not in noms
                ]
            await send(message)

        await self.app(scope, receive, envoyer)
