"""A form sent twice is run once: every form carries an idempotency key (a hidden field,
`idempotence`, new at each rendering), and the same key sent again by the same account gets
the first answer again, whatever happened to the first one on the way back (a double click,
a retry after a timeout, a resubmitted page). See `stockage.reprises`."""

import re
import uuid
from collections.abc import Callable, Coroutine
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from langues import N_
from stockage.reprises import EN_COURS, Reponse

CHAMP = "idempotence"
FORME = re.compile(r"[0-9a-f]{32}")
ENTETES_GARDES = ("location", "content-type", "vary", "cache-control")
"""What of the first answer is given again (and the htmx headers, `hx-…`); never a cookie."""
EN_COURS_MESSAGE = N_(
    "Ce formulaire est déjà en cours d'envoi : patientez un instant, puis rechargez la page "
    "pour voir le résultat."
)
Point = Callable[[Request], Coroutine[Any, Any, Response]]


def nouvelle_cle() -> str:
    """The key a form is rendered with (a template global)."""
    return uuid.uuid4().hex


def une_seule_fois(point: Point) -> Point:
    """`point`, answered from its first answer when its form's key was already used."""

    async def enveloppe(request: Request) -> Response:
        if request.method != "POST":
            return await point(request)
        cle = (await request.form()).get(CHAMP)
        compte = request.session.get("compte_id")
        if not isinstance(cle, str) or not FORME.fullmatch(cle) or not compte:
            return await point(request)  # no key, or not signed in: as any request
        plateforme = request.app.state.plateforme
        reprises = plateforme.reprises
        premiere = reprises.reserver(cle, str(compte), plateforme.registre.maintenant())
        if premiere is EN_COURS:
            raise HTTPException(409, EN_COURS_MESSAGE)
        if premiere is not None:
            return Response(premiere.corps, premiere.statut, headers=premiere.entetes)
        try:
            reponse = await point(request)
        except BaseException:
            reprises.liberer(cle)
            raise
        gardable = isinstance(getattr(reponse, "body", None), bytes)  # not a stream
        if gardable and reponse.status_code < 400 and request.state.enregistrements:
            reprises.conclure(cle, _a_garder(reponse))
        else:  # refused, nothing recorded, or a stream: trying again must really try again
            reprises.liberer(cle)
        return reponse

    return enveloppe


def _a_garder(reponse: Response) -> Reponse:
    entetes = {
        nom: valeur
        for nom, valeur in reponse.headers.items()
        if nom in ENTETES_GARDES or nom.startswith("hx-")
    }
    return Reponse(reponse.status_code, entetes, bytes(reponse.body))
