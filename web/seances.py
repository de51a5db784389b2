"""Pages of a séance: details for everyone, and the animateur's tools."""

from uuid import UUID

from starlette.requests import Request
from starlette.responses import Response

from domaine.erreurs import Introuvable
from domaine.quartiers import geographie_au
from domaine.temps import jour_a_paris
from domaine.vocabulaire import Role, StatutSeance
from projections.lecture import en_utc
from web.formulaires import date_heure, entier, entier_optionnel, identifiant, texte
from web.rendu import acteur, apres_commande, est_fragment, plateforme, rendre
from web.securite import formulaire

INTROUVABLE = "Cette séance n'existe pas."


def _seance_id(request: Request) -> UUID:
    return identifiant(request.path_params["seance_id"], INTROUVABLE)


def _contexte(request: Request, seance_id: UUID) -> dict[str, object]:
    p = plateforme(request)
    seance = p.lecture.seance(seance_id)
    if seance is None:
        raise Introuvable(INTROUVABLE)
    qui = acteur(request)
    anime = qui is not None and qui.a_le_role(Role.ANIMATEUR, seance.arrondissement)
    maintenant = p.registre.maintenant()
    tenue = seance.statut != StatutSeance.ANNULEE and en_utc(seance.date) <= maintenant
    presents = p.lecture.presents(seance_id)
    membres = p.lecture.membres_actifs(seance.arrondissement) if anime and tenue else []
    ids = [UUID(m.personne_id) for m in membres] + list(presents)
    return {
        "seance": seance,
        "arrondissement": seance.arrondissement,
        "quartiers": geographie_au(jour_a_paris(maintenant)).quartiers_de(seance.arrondissement),
        "decisions": p.lecture.decisions_de_seance(seance_id),
        "anime": anime,
        "tenue": tenue,
        "a_venir": en_utc(seance.date) > maintenant,
        "annulee": seance.statut == StatutSeance.ANNULEE,
        "presents": {str(x) for x in presents},
        "membres": membres,
        "anciens_presents": sorted(
            str(x) for x in presents if str(x) not in {m.personne_id for m in membres}
        ),
        "noms": {str(k): v for k, v in p.identites.noms(ids).items()} if anime else {},
    }


async def seance(request: Request) -> Response:
    return rendre(request, "seances/page.html", _contexte(request, _seance_id(request)))


def _apres(
    request: Request, seance_id: UUID, position: int, message: str, fragment: str
) -> Response:
    """htmx gets the changed section (and the new version of every form); others a redirect."""
    if not est_fragment(request):
        return apres_commande(request, position, message, f"/seances/{seance_id}")
    plateforme(request).projecteur.attendre(position)
    contexte = {**_contexte(request, seance_id), "confirmation": message, "partiel": fragment}
    return rendre(request, "seances/page.html", contexte, fragment="seances/_maj.html")


async def reprogrammer(request: Request) -> Response:
    seance_id = _seance_id(request)
    form = await formulaire(request)
    position = plateforme(request).seances.reprogrammer(
        acteur(request),
        seance_id,
        entier_optionnel(form, "version"),
        date_heure(form, "date", "date et heure"),
        texte(form, "lieu"),
        texte(form, "ordre_du_jour"),
        quartier=texte(form, "quartier"),
        theme=texte(form, "theme"),
    )
    return _apres(request, seance_id, position, "Séance modifiée.", "seances/_plan.html")


async def changer_presence(request: Request) -> Response:
    seance_id = _seance_id(request)
    form = await formulaire(request)
    personne_id = identifiant(request.path_params["personne_id"], "Personne inconnue.")
    present = texte(form, "present") == "oui"
    position = plateforme(request).seances.changer_presence(
        acteur(request), seance_id, personne_id, present
    )
    message = "Présence enregistrée." if present else "Présence retirée."
    return _apres(request, seance_id, position, message, "seances/_presences.html")


async def compter_anonymes(request: Request) -> Response:
    seance_id = _seance_id(request)
    form = await formulaire(request)
    position = plateforme(request).seances.compter_anonymes(
        acteur(request),
        seance_id,
        entier_optionnel(form, "version"),
        entier(form, "anonymes", "participants non inscrits"),
    )
    return _apres(
        request,
        seance_id,
        position,
        "Nombre de participants enregistré.",
        "seances/_presences.html",
    )


async def rediger_compte_rendu(request: Request) -> Response:
    seance_id = _seance_id(request)
    form = await formulaire(request)
    position = plateforme(request).seances.rediger_compte_rendu(
        acteur(request), seance_id, entier_optionnel(form, "version"), texte(form, "compte_rendu")
    )
    return _apres(
        request, seance_id, position, "Compte rendu enregistré.", "seances/_compte_rendu.html"
    )


async def enregistrer_decision(request: Request) -> Response:
    seance_id = _seance_id(request)
    form = await formulaire(request)
    position = plateforme(request).seances.enregistrer_decision(
        acteur(request),
        seance_id,
        texte(form, "texte"),
        entier(form, "pour", "pour"),
        entier(form, "contre", "contre"),
        entier(form, "abstention", "abstention", defaut=0),
    )
    return _apres(request, seance_id, position, "Décision enregistrée.", "seances/_decisions.html")


async def annuler(request: Request) -> Response:
    seance_id = _seance_id(request)
    form = await formulaire(request)
    position = plateforme(request).seances.annuler(
        acteur(request), seance_id, entier_optionnel(form, "version"), texte(form, "motif")
    )
    # Every section of the page changes: htmx reloads it whole.
    return apres_commande(request, position, "Séance annulée.", f"/seances/{seance_id}")
