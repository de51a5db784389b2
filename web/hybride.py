"""The forms of online and hybrid séances: a member marks themselves present remotely and votes
in an online poll; an animateur opens and closes the poll (its result then goes into a
decision, with the decision form of `web.seances`).

Same pattern as `web.seances`: the role first (403, nothing read), then the use case; a
refusal gives the section back with its message in place (422 or 409), the section alone for
htmx, the whole page otherwise. Members' answers swap their section only: they hold none of
the animateur's forms whose version the séance page keeps up to date.
"""

from uuid import UUID

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from domaine.erreurs import ErreurParticipation, Introuvable
from langues import _
from web.formulaires import REFUS, Echec, nombre, texte
from web.rendu import acteur, apres_commande, est_fragment, plateforme, rendre
from web.seances import (
    INTROUVABLE,
    apres,
    contexte,
    formulaire_d_animateur,
    refuser,
    seance_id_de,
    seance_lue,
)
from web.securite import formulaire

A_DISTANCE = "seances/_a_distance.html"
SCRUTINS = "seances/_scrutins.html"


def numero_de(request: Request) -> int:
    numero = nombre(request.path_params["numero"])
    if numero is None or numero < 1:
        raise Introuvable(INTROUVABLE)
    return numero


async def formulaire_de_membre(request: Request, action: str) -> tuple[UUID, FormData]:
    """The form once the CSRF token is checked and the reader is a member of the council's
    assembly (403 otherwise, before any input is read)."""
    seance_id = seance_id_de(request)
    form = await formulaire(request)
    seance_lue(request, seance_id)
    plateforme(request).seances.autoriser(
        acteur(request),
        "voter_en_ligne" if action == "voter_en_ligne" else "se_declarer_a_distance",
        seance_id,
    )
    return seance_id, form


def _apres_membre(
    request: Request, seance_id: UUID, position: int, message: str, partiel: str, ancre: str
) -> Response:
    if not est_fragment(request):
        return apres_commande(request, position, message, f"/seances/{seance_id}{ancre}")
    plateforme(request).projecteur.attendre(position)
    ctx = {**contexte(request, seance_id), "confirmation": message, "partiel": partiel}
    return rendre(request, "seances/page.html", ctx, fragment=partiel)


def _refus_membre(
    request: Request,
    seance_id: UUID,
    nom: str,
    erreur: ErreurParticipation,
    form: FormData,
    partiel: str,
) -> Response:
    ctx = {**contexte(request, seance_id, Echec.depuis(nom, erreur, form)), "partiel": partiel}
    return rendre(request, "seances/page.html", ctx, erreur.statut_http, fragment=partiel)


async def se_declarer_a_distance(request: Request) -> Response:
    """POST /seances/{id}/a-distance: "je suis présent·e à distance"."""
    seance_id, form = await formulaire_de_membre(request, "se_declarer_a_distance")
    try:
        nouveau, position = plateforme(request).seances.se_declarer_a_distance(
            acteur(request), seance_id
        )
    except REFUS as erreur:
        return _refus_membre(request, seance_id, "a-distance", erreur, form, A_DISTANCE)
    message = (
        _("Vous êtes noté·e présent·e à distance.")
        if nouveau
        else _("Vous étiez déjà noté·e présent·e à distance.")
    )
    return _apres_membre(request, seance_id, position, message, A_DISTANCE, "#a-distance")


async def voter(request: Request) -> Response:
    """POST /seances/{id}/scrutins/{numero}/vote: one vote, never changed."""
    seance_id, form = await formulaire_de_membre(request, "voter_en_ligne")
    numero = numero_de(request)
    try:
        position = plateforme(request).seances.voter_en_ligne(
            acteur(request), seance_id, numero, texte(form, "choix")
        )
    except REFUS as erreur:
        return _refus_membre(request, seance_id, f"vote-{numero}", erreur, form, SCRUTINS)
    message = _("Votre vote au scrutin n° %(numero)s est enregistré.", numero=numero)
    return _apres_membre(request, seance_id, position, message, SCRUTINS, "#scrutins")


async def ouvrir_scrutin(request: Request) -> Response:
    """POST /seances/{id}/scrutins: an animateur opens an online poll on a text."""
    seance_id, __, form = await formulaire_d_animateur(request, "ouvrir_scrutin")
    try:
        numero, position = plateforme(request).seances.ouvrir_scrutin(
            acteur(request), seance_id, texte(form, "texte")
        )
    except REFUS as erreur:
        return refuser(request, seance_id, "scrutin", erreur, form, SCRUTINS)
    message = _("Scrutin n° %(numero)s ouvert : les membres présents peuvent voter.", numero=numero)
    return apres(request, seance_id, position, message, SCRUTINS, "#scrutins")


async def clore_scrutin(request: Request) -> Response:
    """POST /seances/{id}/scrutins/{numero}/clore: the result is then offered to the decision
    form, so the whole page comes back (htmx follows a redirect)."""
    seance_id, __, form = await formulaire_d_animateur(request, "clore_scrutin")
    numero = numero_de(request)
    try:
        position = plateforme(request).seances.clore_scrutin(acteur(request), seance_id, numero)
    except REFUS as erreur:
        return refuser(request, seance_id, f"clore-{numero}", erreur, form, SCRUTINS)
    return apres_commande(
        request,
        position,
        _(
            "Scrutin n° %(numero)s clos : reprenez son résultat dans « Enregistrer une décision ».",
            numero=numero,
        ),
        f"/seances/{seance_id}#scrutins",
    )
