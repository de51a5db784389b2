"""Rate limits: one table of what is limited, per which key, and the 429 refusal.

A refused request stops before its use case runs, so it records nothing. The app counts in
the database, shared by every worker and host (`stockage.essais`); tests count in memory."""

import math
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Engine
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request

from langues import N_, _, ngettext
from stockage.essais import EssaisEnBase
from web.securite import Limiteur, formulaire


@dataclass(frozen=True)
class Limite:
    """At most `limite` counted requests of `action` per `cle` value in any `fenetre_s`."""

    action: str
    cle: str  # "adresse" (client IP), "email" (as typed) or "compte" (signed-in account)
    limite: int
    fenetre_s: int
    compte: str  # what is counted, for the docs


LIMITES: tuple[Limite, ...] = (
    Limite("connexion", "adresse", 30, 15 * 60, "échecs de connexion"),
    Limite("connexion", "email", 5, 15 * 60, "échecs de connexion"),
    Limite("inscription", "adresse", 20, 3600, "tentatives d'inscription"),
    Limite("inscription", "email", 5, 3600, "tentatives d'inscription"),
    Limite("publication", "compte", 30, 3600, "publications"),
    Limite("publication", "adresse", 100, 3600, "publications"),
    Limite("soutien", "compte", 60, 3600, "soutiens et cosignatures (ou retraits)"),
    Limite("soutien", "adresse", 200, 3600, "soutiens et cosignatures (ou retraits)"),
    Limite("calendrier", "adresse", 60, 3600, "adresses d'agenda privé inconnues"),
)
"""Documented in README.md ("Limites"). Addresses get more room than accounts: several people
may share one (a community centre's Wi-Fi, a mobile operator's NAT)."""

MOTIFS = {
    "connexion": N_("Trop de tentatives de connexion"),
    "inscription": N_("Trop de créations de compte"),
    "publication": N_("Trop de publications en peu de temps"),
    "soutien": N_("Trop de soutiens ou de cosignatures en peu de temps"),
    "calendrier": N_("Trop d'adresses d'agenda inconnues demandées"),
}
"""Marked `N_`, translated in the refusal."""


class Compteur(Protocol):
    """A sliding-window throttle: in memory (`Limiteur`) or shared (`EssaisEnBase`)."""

    def attente(self, cle: str) -> float: ...
    def noter(self, cle: str) -> None: ...
    def oublier(self, cle: str) -> None: ...


class Limites:
    """The throttles of one app: one sliding window per (action, key kind) of the table."""

    def __init__(
        self,
        table: Iterable[Limite] = LIMITES,
        horloge: Callable[[], float] = time.monotonic,
        proxy_de_confiance: bool = False,
        partagees: Engine | None = None,
    ) -> None:
        """In memory (one process), or, with `partagees`, in that database, where every worker
        and host counts the same tries (on the wall clock, which all hosts share)."""
        self.proxy_de_confiance = proxy_de_confiance
        self._limiteurs: dict[tuple[str, str], Compteur] = {}
        for lim in table:
            if partagees is None:
                compteur: Compteur = Limiteur(lim.limite, lim.fenetre_s, horloge)
            else:
                action = f"{lim.action}:{lim.cle}"
                compteur = EssaisEnBase(partagees, action, lim.limite, lim.fenetre_s, horloge)
            self._limiteurs[(lim.action, lim.cle)] = compteur

    def _concernes(self, action: str, cles: Mapping[str, str]) -> list[tuple[Compteur, str]]:
        return [
            (limiteur, f"{cle}:{valeur}")
            for (a, cle), limiteur in self._limiteurs.items()
            if a == action and (valeur := cles.get(cle))
        ]

    def verifier(self, action: str, cles: Mapping[str, str]) -> None:
        """Raise HTTP 429 (a message in the request's language, `Retry-After`) if any key of
        `action` is spent."""
        attente = max((lim.attente(c) for lim, c in self._concernes(action, cles)), default=0.0)
        if attente > 0:
            secondes = math.ceil(attente)
            minutes = math.ceil(secondes / 60)
            raise HTTPException(
                429,
                ngettext(
                    "%(motif)s : réessayez dans %(minutes)s minute.",
                    "%(motif)s : réessayez dans %(minutes)s minutes.",
                    minutes,
                )
                % {"motif": _(MOTIFS[action]), "minutes": minutes},
                headers={"Retry-After": str(secondes)},
            )

    def noter(self, action: str, cles: Mapping[str, str]) -> None:
        for limiteur, cle in self._concernes(action, cles):
            limiteur.noter(cle)

    def oublier(self, action: str, cles: Mapping[str, str]) -> None:
        for limiteur, cle in self._concernes(action, cles):
            limiteur.oublier(cle)


def limites(request: Request) -> Limites:
    trouvees: Limites = request.app.state.limites
    return trouvees


def adresse_client(request: Request) -> str:
    """The socket's peer; behind a trusted reverse proxy, the last `X-Forwarded-For` entry
    (the one that proxy appended: earlier entries are whatever the client chose to send)."""
    if limites(request).proxy_de_confiance:
        transmise = request.headers.get("x-forwarded-for", "").split(",")[-1].strip()
        if transmise:
            return transmise
    return request.client.host if request.client else "inconnue"


def cles(request: Request, email: str | None = None) -> dict[str, str]:
    """The values a request is counted under: its address, its account if signed in, and the
    e-mail typed in a sign-in or sign-up form."""
    valeurs = {"adresse": adresse_client(request)}
    compte = request.session.get("compte_id")
    if compte:
        valeurs["compte"] = str(compte)
    if email:
        valeurs["email"] = email
    return valeurs


async def formulaire_limite(request: Request, action: str) -> FormData:
    """`formulaire()` (CSRF first: a forged post cannot spend someone's quota), then the limit
    of `action`: refused with 429, or counted."""
    form = await formulaire(request)
    valeurs = cles(request)
    limites(request).verifier(action, valeurs)
    limites(request).noter(action, valeurs)
    return form
