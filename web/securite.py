"""Secret key, CSRF tokens, the sliding-window throttle and security headers."""

import hmac
import os
import secrets
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from pathlib import Path

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from langues import N_

CLE_CSRF = "csrf"
ENTETE_CSRF = "X-CSRF-Token"


def cle_secrete(dossier: Path) -> str:
    """Without `PARTICIPATION_SECRET_KEY`: a random key kept in `var/` (never committed)."""
    fichier = dossier / "secret_key"
    dossier.mkdir(parents=True, exist_ok=True)
    try:  # created once, whole, readable by its owner only, whichever worker comes first
        descripteur = os.open(fichier, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(descripteur, "w") as sortie:
            sortie.write(secrets.token_urlsafe(48))
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
        if request.scope.get(SESSION_EXPIREE):
            raise HTTPException(
                403, N_("Votre session a expiré : reconnectez-vous puis recommencez.")
            )
        raise HTTPException(
            403, N_("Jeton de sécurité manquant ou expiré : rechargez la page puis recommencez.")
        )
    return form


SESSION_EXPIREE = "participation.session_expiree"
"""Set in the ASGI scope by `web.sessions.ExpirationDeSession` when it ends a session."""


def renouveler_session(request: Request) -> None:
    """Sign-in and sign-out start a new session (no fixation): the old contents are dropped and
    a new CSRF token and nonce issued, so nothing read before is worth anything after."""
    request.session.clear()
    request.session[CLE_CSRF] = secrets.token_urlsafe(32)
    request.session["nonce"] = secrets.token_urlsafe(16)


PURGE_TOUS_LES = 1024


class Limiteur:
    """Sliding-window throttle kept in memory (one web process): at most `limite` per window.
    The clock (seconds, monotonic by default) is injectable so tests never sleep."""

    def __init__(
        self, limite: int, fenetre_s: float, horloge: Callable[[], float] = time.monotonic
    ) -> None:
        self.limite = limite
        self.fenetre_s = fenetre_s
        self.horloge = horloge
        self._essais: dict[str, deque[float]] = defaultdict(deque)
        self._notes = 0
        self._verrou = threading.Lock()  # handlers run in worker threads (web/hors_boucle.py)

    def attente(self, cle: str) -> float:
        """Seconds until one more try is allowed (0 if it is allowed now)."""
        with self._verrou:
            return self._attente(cle)

    def _attente(self, cle: str) -> float:
        maintenant = self.horloge()
        essais = self._essais.get(cle)
        if essais is None:
            return 0.0
        while essais and essais[0] <= maintenant - self.fenetre_s:
            essais.popleft()
        if not essais:
            del self._essais[cle]  # forgotten keys do not pile up in memory
            return 0.0
        if len(essais) < self.limite:
            return 0.0
        return essais[-self.limite] + self.fenetre_s - maintenant

    def noter(self, cle: str) -> None:
        with self._verrou:
            maintenant = self.horloge()
            self._essais[cle].append(maintenant)
            self._notes += 1
            if self._notes % PURGE_TOUS_LES == 0:
                self._purger(maintenant)

    def purger(self, maintenant: float) -> None:
        """Drop keys with no try left in the window (one-off e-mails or addresses would
        otherwise pile up in memory)."""
        with self._verrou:
            self._purger(maintenant)

    def _purger(self, maintenant: float) -> None:
        for cle in [c for c, e in self._essais.items() if e[-1] <= maintenant - self.fenetre_s]:
            del self._essais[cle]

    def __len__(self) -> int:
        return len(self._essais)

    def oublier(self, cle: str) -> None:
        with self._verrou:
            self._essais.pop(cle, None)


ENTETES = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
    ),
    (
        b"permissions-policy",
        b"camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
        b"accelerometer=(), gyroscope=(), magnetometer=()",
    ),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
"""Sent on every response; see docs/securite.md for what each one protects against."""

HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
"""Only when the site is served over HTTPS (`PARTICIPATION_HTTPS=1`)."""


def entetes_de_securite(https: bool) -> list[tuple[bytes, bytes]]:
    return [*ENTETES, HSTS] if https else list(ENTETES)


class EntetesDeSecurite:
    """Adds the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp, entetes: list[tuple[bytes, bytes]] = ENTETES) -> None:
        self.app = app
        self.entetes = entetes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def envoyer(message: Message) -> None:
            if message["type"] == "http.response.start":
                noms = {n for n, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (n, v) for n, v in self.entetes if n not in noms
                ]
            await send(message)

        await self.app(scope, receive, envoyer)
