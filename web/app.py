"""The Starlette application: routes, middleware, error pages."""

import logging
import time
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from domaine.erreurs import ErreurParticipation
from langues import N_, _
from stockage.configuration import DUREE_SESSION_MAX_S
from stockage.moteur import est_une_indisponibilite
from web import (
    aide,
    api,
    avis,
    budget,
    calendriers,
    comptes,
    conseils,
    documents,
    donnees_ouvertes,
    groupe_moteur,
    hybride,
    instances,
    langues,
    moyens,
    notifications,
    presences,
    rapports,
    rgpd,
    seances,
    source,
    tirages,
)
from web import journal as journal_public
from web.hors_boucle import routes_hors_de_la_boucle
from web.langues import ChoixDeLangue
from web.limites import Limites
from web.pannes import (
    ATTENTE_S,
    INATTENDUE,
    RETARD_ADMIS,
    SuiviDesEnregistrements,
    message_de_panne,
)
from web.rendu import acteur, est_fragment, rendre
from web.securite import ENTETES, EntetesDeSecurite, cle_secrete, entetes_de_securite
from web.sessions import ExpirationDeSession, heure_reelle

if TYPE_CHECKING:
    from lancement.plateforme import Plateforme

journal = logging.getLogger("participation.web")


async def sante(request: Request) -> Response:
    """Liveness: the process answers (a load balancer restarts it otherwise)."""
    p: Plateforme = request.app.state.plateforme
    return PlainTextResponse(f"ok position={p.projecteur.position()}")


def pret(request: Request) -> Response:
    """Readiness: the database answers and the read models are within `RETARD_ADMIS` events
    of the log (and not blocked at an event they cannot take); otherwise 503, and a load
    balancer sends the requests elsewhere."""
    p: Plateforme = request.app.state.plateforme
    try:
        journal_, lus = p.registre.position(), p.projecteur.position()
    except Exception as panne:
        if not est_une_indisponibilite(panne):
            raise
        return PlainTextResponse("base injoignable", 503, {"Retry-After": str(ATTENTE_S)})
    retard = max(0, journal_ - lus)
    blocage = p.projecteur.blocage() if retard else None
    if blocage is not None:
        return PlainTextResponse(f"pret=False {blocage.message()}", 503)
    statut = 200 if retard <= RETARD_ADMIS else 503
    return PlainTextResponse(f"pret={statut == 200} position={lus} retard={retard}", statut)


async def accessibilite(request: Request) -> Response:
    return rendre(request, "accessibilite.html")


STATIQUES = Path(__file__).parent / "static"


async def favicon(request: Request) -> Response:
    """Browsers ask for /favicon.ico whatever the page declares (a JSON or PDF opened in a tab,
    bookmarks): answer it rather than log a 404. Pages declare the SVG first (base.html)."""
    return FileResponse(
        STATIQUES / "favicon.ico",
        media_type="image/vnd.microsoft.icon",
        headers={"Cache-Control": "public, max-age=604800"},
    )


ROUTES = [
    Route("/", conseils.accueil),
    Route("/sante", sante),
    Route("/sante/pret", pret),
    Route("/accessibilite", accessibilite),
    Route("/aide", aide.sommaire),
    Route("/aide/{sujet}", aide.sujet),
    Route("/favicon.ico", favicon),
    Route("/source", source.source),
    Route("/langue/{code}", langues.changer),
    Route("/inscription", comptes.page_inscription),
    Route("/inscription", comptes.inscription, methods=["POST"]),
    Route("/connexion", comptes.page_connexion),
    Route("/connexion", comptes.connexion, methods=["POST"]),
    Route("/deconnexion", comptes.deconnexion, methods=["POST"]),
    Route("/compte", comptes.mon_compte),
    Route("/compte/jetons", comptes.creer_jeton, methods=["POST"]),
    Route("/compte/courriels", comptes.choisir_courriels, methods=["POST"]),
    Route("/compte/donnees.json", rgpd.donnees_json),
    Route("/compte/profil", rgpd.profil, methods=["POST"]),
    Route("/compte/effacement", rgpd.page_effacement),
    Route("/compte/effacement", rgpd.effacement, methods=["POST"]),
    Route("/confidentialite", rgpd.confidentialite),
    Route("/compte/jetons/{empreinte}/revoquer", comptes.revoquer_jeton, methods=["POST"]),
    Route("/compte/calendrier", calendriers.creer, methods=["POST"]),
    Route("/compte/calendrier/revoquer", calendriers.revoquer, methods=["POST"]),
    Route("/calendrier/{secret}.ics", calendriers.prive),
    Route("/api/v1/openapi.json", api.openapi),
    Route("/api/v1/rapports/annuels/{annee}", api.rapport_annuel),
    Route("/api/v1/rapports/annuels/{annee}/conseils/{arrondissement}", api.rapport_annuel),
    Route("/admin/comptes", comptes.administration),
    Route("/admin/comptes/{compte_id}/roles", comptes.changer_role, methods=["POST"]),
    Route(
        "/admin/comptes/{compte_id}/effacement",
        rgpd.effacement_par_l_administration,
        methods=["POST"],
    ),
    Route("/conseils/{arrondissement}", conseils.conseil),
    Route("/conseils/{arrondissement}/adhesion", conseils.rejoindre, methods=["POST"]),
    Route("/conseils/{arrondissement}/depart", conseils.quitter, methods=["POST"]),
    Route("/conseils/{arrondissement}/quartier", conseils.redeclarer_quartier, methods=["POST"]),
    Route("/conseils/{arrondissement}/historique", conseils.historique),
    Route("/conseils/{arrondissement}/journal", journal_public.conseil),
    Route("/conseils/{arrondissement}/calendrier.ics", calendriers.du_conseil),
    Route("/conseils/{arrondissement}/rapports", donnees_ouvertes.rapports_du_conseil),
    Route("/conseils/{arrondissement}/rapports/{annee}", donnees_ouvertes.rapport_du_conseil),
    Route("/donnees-ouvertes", donnees_ouvertes.page),
    Route("/donnees-ouvertes/dictionnaire.json", donnees_ouvertes.dictionnaire),
    Route("/donnees-ouvertes/catalogue.jsonld", donnees_ouvertes.catalogue),
    Route("/donnees-ouvertes/{annee}/{arrondissement}/{fichier}", donnees_ouvertes.fichier),
    Route("/journal/points-de-controle", journal_public.points_de_controle),
    Route("/journal/points-de-controle.json", journal_public.points_de_controle_json),
    Route("/conseils/{arrondissement}/reglement", conseils.reglement),
    Route("/conseils/{arrondissement}/reglement", conseils.deposer_reglement, methods=["POST"]),
    Route(
        "/conseils/{arrondissement}/reglement/conformite",
        conseils.statuer_conformite,
        methods=["POST"],
    ),
    Route("/conseils/{arrondissement}/majorite", conseils.fixer_majorite, methods=["POST"]),
    Route(
        "/conseils/{arrondissement}/structure-porteuse",
        conseils.designer_structure_porteuse,
        methods=["POST"],
    ),
    Route("/conseils/{arrondissement}/seances", seances.planifier, methods=["POST"]),
    Route("/conseils/{arrondissement}/volontariat", groupe_moteur.volontariat, methods=["POST"]),
    Route("/conseils/{arrondissement}/groupe-moteur", groupe_moteur.page),
    Route(
        "/conseils/{arrondissement}/groupe-moteur/objectifs",
        groupe_moteur.fixer_objectifs,
        methods=["POST"],
    ),
    Route(
        "/conseils/{arrondissement}/groupe-moteur/volontaires",
        groupe_moteur.accepter_volontaire,
        methods=["POST"],
    ),
    Route(
        "/conseils/{arrondissement}/groupe-moteur/consensus",
        groupe_moteur.designer_par_consensus,
        methods=["POST"],
    ),
    Route(
        "/conseils/{arrondissement}/groupe-moteur/acceptations",
        groupe_moteur.accepter,
        methods=["POST"],
    ),
    Route(
        "/conseils/{arrondissement}/groupe-moteur/sorties",
        groupe_moteur.faire_sortir,
        methods=["POST"],
    ),
    Route("/conseils/{arrondissement}/tirages", groupe_moteur.annoncer_tirage, methods=["POST"]),
    Route("/conseils/{arrondissement}/moyens", moyens.page),
    *(
        Route(f"/conseils/{{arrondissement}}/moyens/{chemin}", gestionnaire, methods=["POST"])
        for chemin, gestionnaire in (
            ("salles", moyens.enregistrer_salle),
            ("engagements", moyens.enregistrer_engagement),
            ("budgets", moyens.enregistrer_budget),
            ("accompagnements", moyens.enregistrer_accompagnement),
            ("formations", moyens.proposer_formation),
            ("participations", moyens.enregistrer_participations),
            ("annulations", moyens.annuler),
        )
    ),
    # Before /tirages/{tirage_id}, which would match it too.
    Route("/tirages/verificateur_autonome.py", tirages.verificateur),
    Route("/tirages/{tirage_id}", tirages.page),
    Route("/tirages/{tirage_id}/resultat", tirages.resultat),
    Route("/tirages/{tirage_id}/tirer", tirages.tirer, methods=["POST"]),
    Route("/tirages/{tirage_id}/annonce.json", tirages.annonce_json),
    Route("/tirages/{tirage_id}/enregistrement.json", tirages.enregistrement_json),
    Route(
        "/conseils/{arrondissement}/seances/apres-coup",
        seances.enregistrer_apres_coup,
        methods=["POST"],
    ),
    Route("/seances/{seance_id}", seances.seance),
    Route("/seances/{seance_id}/reprogrammer", seances.reprogrammer, methods=["POST"]),
    Route("/seances/{seance_id}/presences", presences.feuille),
    Route("/seances/{seance_id}/presences", presences.saisir_lignes, methods=["POST"]),
    Route(
        "/seances/{seance_id}/presences/{personne_id}",
        presences.changer_presence,
        methods=["POST"],
    ),
    Route("/seances/{seance_id}/feuille-emargement.pdf", presences.feuille_pdf),
    Route("/seances/{seance_id}/calendrier.ics", calendriers.de_la_seance),
    Route("/seances/{seance_id}/anonymes", seances.compter_anonymes, methods=["POST"]),
    Route("/seances/{seance_id}/compte-rendu", seances.rediger_compte_rendu, methods=["POST"]),
    Route("/seances/{seance_id}/compte-rendu/vote", seances.voter_compte_rendu, methods=["POST"]),
    Route("/seances/{seance_id}/compte-rendu.pdf", seances.compte_rendu_pdf),
    Route("/seances/{seance_id}/decisions", seances.enregistrer_decision, methods=["POST"]),
    Route("/seances/{seance_id}/annuler", seances.annuler, methods=["POST"]),
    Route("/seances/{seance_id}/a-distance", hybride.se_declarer_a_distance, methods=["POST"]),
    Route("/seances/{seance_id}/scrutins", hybride.ouvrir_scrutin, methods=["POST"]),
    Route("/seances/{seance_id}/scrutins/{numero}/vote", hybride.voter, methods=["POST"]),
    Route("/seances/{seance_id}/scrutins/{numero}/clore", hybride.clore_scrutin, methods=["POST"]),
    Route("/conseils/{arrondissement}/avis", avis.du_conseil),
    Route("/conseils/{arrondissement}/avis", avis.rediger, methods=["POST"]),
    Route("/conseils/{arrondissement}/avis/delai", avis.fixer_delai, methods=["POST"]),
    Route("/conseils/{arrondissement}/saisines", avis.saisir, methods=["POST"]),
    Route("/avis", avis.tous),
    Route("/avis/{avis_id}", avis.page),
    Route("/avis/{avis_id}/versions", avis.amender, methods=["POST"]),
    Route("/avis/{avis_id}/cosignatures", avis.cosigner, methods=["POST"]),
    Route("/avis/{avis_id}/vote", avis.voter, methods=["POST"]),
    Route("/avis/{avis_id}/transmission", avis.transmettre, methods=["POST"]),
    Route("/avis/{avis_id}/accuse-reception", avis.accuser_reception, methods=["POST"]),
    Route("/avis/{avis_id}/reponses", avis.repondre, methods=["POST"]),
    Route("/avis/{avis_id}/partenaires-informes", avis.informer_partenaires, methods=["POST"]),
    Route("/avis/{avis_id}/diagnostic", avis.presenter_diagnostic, methods=["POST"]),
    Route("/avis/{avis_id}/cloture", avis.clore, methods=["POST"]),
    Route("/avis/{avis_id}/retrait", avis.retirer, methods=["POST"]),
    Route("/notifications", notifications.page),
    Route("/notifications/lue", notifications.marquer_lue, methods=["POST"]),
    Route("/notifications/tout-lu", notifications.tout_marquer_lu, methods=["POST"]),
    Route("/rapports", rapports.page),
    Route("/rapports/annuel", rapports.telecharger),
    Route("/rapports/archives/{annee}/{arrondissement}/{format}", rapports.archive),
    Route("/rapports/bilans", rapports.enregistrer_bilan, methods=["POST"]),
    # Budget participatif
    Route("/budget-participatif", budget.liste),
    Route("/budget-participatif/{proposition_id}", budget.page),
    Route("/budget-participatif/{proposition_id}/soutien", budget.soutenir, methods=["POST"]),
    Route("/budget-participatif/{proposition_id}/commentaires", budget.commenter, methods=["POST"]),
    Route(
        "/budget-participatif/{proposition_id}/commentaires/{numero}/masquer",
        budget.masquer,
        methods=["POST"],
    ),
    Route("/budget-participatif/{proposition_id}/portage", budget.porter, methods=["POST"]),
    Route(
        "/budget-participatif/{proposition_id}/statut/{vers}",
        budget.changer_statut,
        methods=["POST"],
    ),
    Route("/conseils/{arrondissement}/budget-participatif", budget.liste_conseil),
    Route("/conseils/{arrondissement}/budget-participatif", budget.deposer, methods=["POST"]),
    Route("/conseils/{arrondissement}/budget-participatif/deposer", budget.page_depot),
    # Documents of the councils, attachments of avis and budget proposals
    Route("/conseils/{arrondissement}/delegues", instances.page),
    Route("/conseils/{arrondissement}/delegues/designations", instances.designer, methods=["POST"]),
    Route(
        "/conseils/{arrondissement}/delegues/tirages", instances.annoncer_tirage, methods=["POST"]
    ),
    Route(
        "/conseils/{arrondissement}/delegues/mandats/{mandat_id}/fin",
        instances.terminer,
        methods=["POST"],
    ),
    Route(
        "/conseils/{arrondissement}/delegues/reunions",
        instances.enregistrer_reunion,
        methods=["POST"],
    ),
    Route(
        "/conseils/{arrondissement}/delegues/reunions/{reunion}/presences",
        instances.presences,
        methods=["POST"],
    ),
    Route(
        "/conseils/{arrondissement}/delegues/reunions/{reunion}/comptes-rendus",
        instances.rediger_compte_rendu,
        methods=["POST"],
    ),
    Route(
        "/conseils/{arrondissement}/delegues/reunions/{reunion}/presentation",
        instances.presenter_compte_rendu,
        methods=["POST"],
    ),
    Route("/instances", instances.liste),
    Route("/instances", instances.creer, methods=["POST"]),
    Route("/conseils/{arrondissement}/documents", documents.bibliotheque),
    Route("/conseils/{arrondissement}/documents", documents.deposer, methods=["POST"]),
    Route(
        "/conseils/{arrondissement}/documents/depots-des-membres",
        documents.regler_depots,
        methods=["POST"],
    ),
    Route("/documents/{document_id}", documents.telecharger),
    Route("/documents/{document_id}/retrait", documents.retirer, methods=["POST"]),
    Route("/avis/{avis_id}/pieces-jointes", documents.joindre_a_un_avis, methods=["POST"]),
    Route(
        "/budget-participatif/{proposition_id}/pieces-jointes",
        documents.joindre_a_une_proposition,
        methods=["POST"],
    ),
    Mount("/static/vendor", StaticFiles(packages=[("js_lib_htmx", "static")]), name="vendor"),
    Mount(
        "/static",
        StaticFiles(directory=STATIQUES, packages=[("rapports", "static")]),
        name="static",
    ),
]


async def erreur(request: Request, exc: Exception) -> Response:
    """Domain errors and HTTP errors become a message in the request's language; htmx shows it
    in #messages."""
    if isinstance(exc, ErreurParticipation):
        statut, message = exc.statut_http, exc.message
    elif isinstance(exc, HTTPException):
        statut = exc.status_code
        connu = _MESSAGES.get(statut)
        message = _(exc.detail) if statut in (403, 429) or not connu else _(connu)
    else:
        enregistre = bool(getattr(request.state, "enregistrements", None))
        statut, message = message_de_panne(exc, enregistre)
        journal.exception("Erreur inattendue (%d)", statut, exc_info=exc)
    contexte = {"statut": statut, "erreur": message, "retour": _page_precedente(request)}
    _lire_le_compte_si_possible(request)
    reponse = rendre(request, "erreur.html", contexte, statut, "_erreur.html")
    # A 500 is rendered by Starlette's outermost ServerErrorMiddleware, which the security
    # headers middleware does not wrap: set them here so that every error page carries them.
    for nom, valeur in getattr(request.app.state, "entetes", ENTETES):
        reponse.headers.setdefault(nom.decode("latin-1"), valeur.decode("latin-1"))
    if isinstance(exc, HTTPException) and exc.headers:
        reponse.headers.update(exc.headers)  # e.g. `Allow` on a 405
    if statut == 503:
        reponse.headers["Retry-After"] = str(ATTENTE_S)
    if est_fragment(request):
        reponse.headers["HX-Retarget"] = "#messages"
        reponse.headers["HX-Reswap"] = "innerHTML"
    return reponse


def _lire_le_compte_si_possible(request: Request) -> None:
    """The error page names who is signed in, read from the event store: when the outage being
    reported prevents that too, the page is shown as to a visitor (the session is kept),
    rather than replaced by a bare "Internal Server Error"."""
    try:
        acteur(request)
    except Exception as panne:
        if not est_une_indisponibilite(panne):
            raise
        request.state.acteur = None


def _page_precedente(request: Request) -> str | None:
    """The page the person came from, on this site only, so that an error is never a dead end."""
    precedente = urlsplit(request.headers.get("referer", ""))
    if precedente.netloc != request.url.netloc or not precedente.path.startswith("/"):
        return None
    if precedente.path == request.url.path and request.method == "GET":
        return None  # the page that failed itself
    return urlunsplit(("", "", precedente.path, precedente.query, ""))


_MESSAGES = {
    400: N_(
        "Le formulaire envoyé n'a pas pu être lu (un champ ou un fichier dépasse 1 Mo, ou "
        "l'envoi est incomplet) ; rien n'a été enregistré. Revenez à la page précédente et "
        "réessayez avec un fichier plus petit."
    ),
    404: N_("Cette page n'existe pas."),
    405: N_("Cette action n'est pas possible ici."),
    500: INATTENDUE,
}
"""Marked `N_`, translated when shown. An `HTTPException`'s own detail (a 403 or 429 the
handlers raise) is a French text marked `N_` where it is raised, translated here too."""


def creer_app(
    plateforme: "Plateforme",
    https: bool | None = None,
    limites: Limites | None = None,
    inactivite_s: int | None = None,
    horloge_session: Callable[[], datetime] = heure_reelle,
    cycle_de_vie: Callable[[Starlette], AbstractAsyncContextManager[None]] | None = None,
) -> Starlette:
    """The app over a wired `plateforme` (see `lancement.serveur` for the one `participation
    serve` runs, with its scheduled jobs in `cycle_de_vie`). Tests pass `limites` (small
    limits, their clock), `inactivite_s` and `horloge_session`."""
    p = plateforme
    reglages = p.configuration
    secret = reglages.cle_secrete or cle_secrete(Path("var"))
    https_seulement = reglages.https if https is None else https
    if limites is None:  # counted in the database: every worker and host counts the same
        limites = Limites(
            horloge=time.time, proxy_de_confiance=reglages.proxy_de_confiance, partagees=p.moteur
        )
    if inactivite_s is None:
        inactivite_s = reglages.inactivite_s
    entetes = entetes_de_securite(https_seulement)

    app = Starlette(
        routes=routes_hors_de_la_boucle(ROUTES),
        middleware=[
            Middleware(ChoixDeLangue),
            Middleware(EntetesDeSecurite, entetes=entetes),
            Middleware(
                SessionMiddleware,
                secret_key=secret,
                # Over HTTPS, `__Host-`: browsers then refuse the cookie unless Secure, set by
                # this very host, for path / (no subdomain can plant or overwrite it).
                session_cookie=("__Host-" if https_seulement else "") + "participation_session",
                max_age=DUREE_SESSION_MAX_S,
                same_site="lax",
                https_only=https_seulement,
            ),
            Middleware(SuiviDesEnregistrements),
            Middleware(
                ExpirationDeSession,
                horloge=horloge_session,
                inactivite_s=inactivite_s,
                duree_max_s=DUREE_SESSION_MAX_S,
            ),
        ],
        exception_handlers={
            ErreurParticipation: erreur,
            HTTPException: erreur,
            Exception: erreur,
        },
        lifespan=cycle_de_vie,
    )
    app.state.plateforme = p
    app.state.limites = limites
    app.state.entetes = entetes
    app.state.horloge_session = horloge_session
    return app
