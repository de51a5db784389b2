"""What a request says when the database fails: the truth about what was recorded, and a
503 in the request's language when the database is out of reach (server down, disk full), with the time to
wait, rather than a 500 that claims nothing was recorded."""

from starlette.types import ASGIApp, Receive, Scope, Send

from langues import N_, _
from stockage.moteur import est_une_indisponibilite
from stockage.registre import suivre_les_enregistrements

ATTENTE_S = 30
"""`Retry-After` of an outage: a restarted database or a freed disk is usually back by then."""
INDISPONIBLE = N_(
    "Le service est momentanément indisponible (la base de données ne répond pas ou son "
    "disque est plein). Réessayez dans une minute."
)
ENREGISTRE = N_(
    "Votre action a bien été enregistrée, mais la page n'a pas pu être mise à jour : "
    "l'affichage sera à jour dans un instant. Ne la refaites pas ; rechargez la page."
)
RIEN_D_ENREGISTRE = N_("Rien n'a été enregistré.")
INATTENDUE = N_(
    "Une erreur inattendue s'est produite ; rien n'a été enregistré. Réessayez plus tard."
)
RETARD_ADMIS = 1_000
"""Readiness: a worker whose read models lag the log by more events is not ready (its pages
would not show what was just recorded)."""


class SuiviDesEnregistrements:
    """Notes, in the request's state, the position of each save the request makes, so that
    the error page can tell what was recorded before a failure."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        positions: list[int] = []
        scope.setdefault("state", {})["enregistrements"] = positions
        with suivre_les_enregistrements(positions):
            await self.app(scope, receive, send)


def message_de_panne(erreur: Exception, enregistre: bool) -> tuple[int, str]:
    """The status and the message of an unexpected error, in the request's language."""
    if est_une_indisponibilite(erreur):
        return 503, _(ENREGISTRE) if enregistre else f"{_(INDISPONIBLE)} {_(RIEN_D_ENREGISTRE)}"
    return 500, _(ENREGISTRE) if enregistre else _(INATTENDUE)
