"""The agents' space for annual reports: produce one (any year, council, format), the archive
with its SHA-256 fingerprints, and the duties they record (yearly review, steering committees)."""

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from domaine.comptes import Acteur, exiger_compte
from domaine.erreurs import ActionInterdite, DonneeInvalide, Introuvable
from domaine.quartiers import ARRONDISSEMENTS
from domaine.temps import annee_a_paris
from domaine.vocabulaire import ComitePilotage, Role
from participation.rapports.formats import (
    FORMATS,
    TYPES_MIME,
    nom_de_fichier,
    rendre,
    rendre_fragment,
)
from participation.rapports.service import PREMIERE_ANNEE
from web.formulaires import entier, jour, texte
from web.rendu import acteur, apres_commande, plateforme
from web.rendu import rendre as rendre_page
from web.securite import formulaire


def _agent(request: Request) -> Acteur:
    qui = exiger_compte(acteur(request))
    if qui.role_agent is None and not qui.a_le_role(Role.ADMIN):
        raise ActionInterdite(
            "Les rapports annuels sont réservés aux agents de la Ville et de l'État."
        )
    return qui


def _annees(request: Request) -> list[int]:
    cette_annee = annee_a_paris(plateforme(request).registre.maintenant())
    return list(range(cette_annee, PREMIERE_ANNEE - 1, -1))


async def page(request: Request) -> Response:
    qui = _agent(request)
    contexte: dict[str, Any] = {
        "annees": _annees(request),
        "arrondissements": ARRONDISSEMENTS,
        "formats": FORMATS,
        "archives": plateforme(request).archives.liste(),
        "comites": list(ComitePilotage),
        "institution": "l'État" if qui.role_agent == Role.AGENT_ETAT else "la Ville",
        "peut_enregistrer": qui.role_agent is not None,
    }
    return rendre_page(request, "rapports/page.html", contexte)


def _parametre_entier(request: Request, nom: str) -> int | None:
    brut = request.query_params.get(nom, "")
    if not brut:
        return None
    if not brut.isdecimal():
        raise DonneeInvalide(f"Paramètre « {nom} » invalide : « {brut[:20]} ».")
    return int(brut)


async def telecharger(request: Request) -> Response:
    """One report, produced now from the read models: shown in the site (format "html", the
    default) with its download links, or downloaded in the chosen format."""
    _agent(request)
    annee = _parametre_entier(request, "annee")
    if annee is None:
        raise DonneeInvalide("Choisissez l'année du rapport.")
    conseil = _parametre_entier(request, "conseil")
    format_ = request.query_params.get("format", "html")
    vue = request.query_params.get("vue", "site") == "site"
    rapport = plateforme(request).rapports.annuel(annee, conseil)
    if format_ == "html" and vue:
        liens = {
            f: f"/rapports/annuel?annee={annee}&conseil={conseil or ''}&format={f}&vue=fichier"
            for f in FORMATS
        }
        contexte = {"rapport": rapport, "corps": rendre_fragment(rapport), "liens": liens}
        return rendre_page(request, "rapports/vue.html", contexte)
    # A PDF takes seconds to lay out: off the event loop.
    contenu = await run_in_threadpool(rendre, rapport, format_, str(request.base_url).rstrip("/"))
    return _fichier(contenu, format_, nom_de_fichier(rapport, format_))


async def archive(request: Request) -> Response:
    _agent(request)
    try:
        annee = int(request.path_params["annee"])
        arrondissement = int(request.path_params["arrondissement"])
    except ValueError:
        raise Introuvable("Cette archive n'existe pas.") from None
    format_ = request.path_params["format"]
    contenu = plateforme(request).archives.contenu(annee, arrondissement, format_)
    if contenu is None:
        raise Introuvable("Cette archive n'existe pas.")
    return _fichier(contenu, format_, f"rapport-annuel-{annee}-{arrondissement or 'paris'}")


def _fichier(contenu: bytes, format_: str, nom: str) -> Response:
    """Always a download: the standalone HTML report inlines its style, which the site's CSP
    would block if the browser showed it as a page of the site (opened from disk, it is fine)."""
    entetes = {"Content-Disposition": f'attachment; filename="{nom}.{format_}"'}
    return Response(contenu, media_type=TYPES_MIME[format_], headers=entetes)


async def enregistrer_bilan(request: Request) -> Response:
    form = await formulaire(request)
    position = plateforme(request).conseils.enregistrer_bilan_annuel(
        acteur(request),
        entier(form, "arrondissement", "conseil"),
        entier(form, "annee", "année du bilan"),
        jour(form, "presente_le", "date de présentation"),
    )
    return apres_commande(request, position, "Présentation du bilan enregistrée.", "/rapports")


async def enregistrer_copil(request: Request) -> Response:
    form = await formulaire(request)
    position = plateforme(request).conseils.enregistrer_copil(
        acteur(request),
        entier(form, "arrondissement", "conseil"),
        texte(form, "comite"),
        jour(form, "tenu_le", "date du comité"),
        entier(form, "representants", "représentant·es présent·es"),
    )
    return apres_commande(request, position, "Comité de pilotage enregistré.", "/rapports")
