"""The agents' space for annual reports: produce one (any year, council, format), the archive
with its SHA-256 fingerprints, and the duty they record (the yearly review; steering committees
are meetings of the bodies of the contrat de ville, `web.instances`).

Its two forms answer invalid input in place (`Echec`): the report's GET form and the duty's
form come back with the page, the message next to the field (422; 409 for a duty already
recorded); with htmx, the duty's form alone (`rapports/_bilan.html`).
"""

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response

from domaine.comptes import Acteur, est_agent_ou_admin, exiger_compte
from domaine.erreurs import (
    ActionInterdite,
    ChampInvalide,
    DonneeInvalide,
    ErreurParticipation,
    Introuvable,
    au_champ,
)
from domaine.quartiers import arrondissements, verifier_arrondissement
from domaine.temps import annee_a_paris
from domaine.vocabulaire import Role
from langues import FRANCAIS, _, langue
from rapports.calcul import PREMIERE_ANNEE
from rapports.formats import (
    FORMATS,
    TYPES_MIME,
    nom_de_fichier,
    nom_de_fichier_de,
    rendre,
    rendre_fragment,
)
from web.formulaires import REFUS, Echec, entier, entier_optionnel, jour, nombre, texte
from web.rendu import acteur, apres_commande, plateforme
from web.rendu import rendre as rendre_page
from web.securite import formulaire

FRAGMENTS = {"bilan": "rapports/_bilan.html"}


def _agent(request: Request) -> Acteur:
    qui = exiger_compte(acteur(request))
    if not est_agent_ou_admin(qui):
        raise ActionInterdite(
            "Les rapports annuels sont réservés aux agents de la Ville et de l'État."
        )
    return qui


def _annees(request: Request) -> list[int]:
    cette_annee = annee_a_paris(plateforme(request).registre.maintenant())
    return list(range(cette_annee, PREMIERE_ANNEE - 1, -1))


def _contexte(request: Request, qui: Acteur, echec: Echec | None = None) -> dict[str, Any]:
    return {
        "annees": _annees(request),
        "arrondissements": arrondissements(),
        "formats": FORMATS,
        "archives": plateforme(request).archives.liste(),
        "au_nom_de": _("Au nom de l'État.")
        if qui.role_agent == Role.AGENT_ETAT
        else _("Au nom de la Ville."),
        "peut_enregistrer": qui.role_agent is not None,
        "echec": echec or Echec(),
    }


async def page(request: Request) -> Response:
    qui = _agent(request)
    return rendre_page(request, "rapports/page.html", _contexte(request, qui))


def _parametre_entier(request: Request, nom: str) -> int | None:
    brut = request.query_params.get(nom, "").strip()
    if not brut:
        return None
    valeur = nombre(brut)
    if valeur is None:
        raise ChampInvalide(nom, "Valeur invalide : « %(valeur)s ».", valeur=brut[:20])
    return valeur


def _demande(request: Request) -> tuple[int, int | None, str]:
    """The report asked for (year, council, format), each refusal named by its field."""
    annee = _parametre_entier(request, "annee")
    if annee is None:
        raise ChampInvalide("annee", "Choisissez l'année du rapport.")
    conseil = _parametre_entier(request, "conseil")
    if conseil is not None:
        au_champ("conseil", lambda: verifier_arrondissement(conseil))
    format_ = request.query_params.get("format", "html")
    if format_ not in FORMATS:
        raise ChampInvalide(
            "format",
            "Format inconnu : « %(format)s » (possibles : %(formats)s).",
            format=format_[:20],
            formats=", ".join(FORMATS),
        )
    p = plateforme(request)
    au_champ("annee", lambda: p.rapports.perimetre(annee, conseil))
    return annee, conseil, format_


async def telecharger(request: Request) -> Response:
    """One report, produced now from the read models: shown in the site (format "html", the
    default) with its download links, or downloaded in the chosen format. A request the form
    could not have made right comes back as the page, the message next to the field."""
    qui = _agent(request)
    try:
        annee, conseil, format_ = _demande(request)
    except DonneeInvalide as erreur:
        saisie: list[tuple[str, str | UploadFile]] = list(request.query_params.multi_items())
        echec = Echec.depuis("rapport", erreur, FormData(saisie))
        return rendre_page(request, "rapports/page.html", _contexte(request, qui, echec), 422)
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
    return _fichier(contenu, format_, nom_de_fichier(rapport, format_), langue().code)


async def archive(request: Request) -> Response:
    _agent(request)
    annee = nombre(request.path_params["annee"])
    arrondissement = nombre(request.path_params["arrondissement"])
    if annee is None or arrondissement is None:
        raise Introuvable("Cette archive n'existe pas.")
    format_ = request.path_params["format"]
    contenu = plateforme(request).archives.contenu(annee, arrondissement, format_)
    if contenu is None or format_ not in FORMATS:
        raise Introuvable("Cette archive n'existe pas.")
    # Archived as produced on 15 January, outside any request: in French.
    return _fichier(
        contenu, format_, nom_de_fichier_de(annee, arrondissement, format_), FRANCAIS.code
    )


def _fichier(contenu: bytes, format_: str, nom: str, langue_du_fichier: str) -> Response:
    """Always a download, named `nom` (which carries its one extension): the standalone HTML
    report inlines its style, which the site's CSP would block if the browser showed it as a
    page of the site (opened from disk, it is fine). Its words are in `langue_du_fichier`,
    except the JSON's, which are machine keys."""
    assert nom.endswith(f".{format_}") and not nom.endswith(f".{format_}.{format_}"), nom
    entetes = {"Content-Disposition": f'attachment; filename="{nom}"'}
    if format_ != "json":
        entetes["Content-Language"] = langue_du_fichier
        entetes["Vary"] = "Cookie, Accept-Language"
    return Response(contenu, media_type=TYPES_MIME[format_], headers=entetes)


def _refus(request: Request, nom: str, erreur: ErreurParticipation, form: FormData) -> Response:
    """The duty's form again: alone for htmx, else in its page. Someone who may record a
    steering committee without seeing this page (the council's animateur) gets the error
    page, as no form of theirs is on it."""
    qui = exiger_compte(acteur(request))
    if not est_agent_ou_admin(qui):
        raise erreur
    contexte = _contexte(request, qui, Echec.depuis(nom, erreur, form))
    return rendre_page(request, "rapports/page.html", contexte, erreur.statut_http, FRAGMENTS[nom])


def _suite(request: Request, arrondissement: int) -> str:
    qui = acteur(request)
    return "/rapports" if qui and est_agent_ou_admin(qui) else f"/conseils/{arrondissement}"


def _conseil_choisi(form: FormData) -> int | None:
    """The council a form names, read before anything else (the role may depend on it)."""
    return entier_optionnel(form, "arrondissement")


async def enregistrer_bilan(request: Request) -> Response:
    form = await formulaire(request)
    plateforme(request).conseils.autoriser(
        acteur(request), "enregistrer_bilan_annuel", _conseil_choisi(form)
    )  # the role first (403), then the input (422)
    try:
        position = plateforme(request).conseils.enregistrer_bilan_annuel(
            acteur(request),
            _conseil(form),
            au_champ("annee", lambda: entier(form, "annee", _("année du bilan"))),
            au_champ("presente_le", lambda: jour(form, "presente_le", _("date de présentation"))),
        )
    except REFUS as erreur:
        return _refus(request, "bilan", erreur, form)
    return apres_commande(request, position, _("Présentation du bilan enregistrée."), "/rapports")


def _conseil(form: FormData) -> int:
    if not texte(form, "arrondissement").strip():
        raise ChampInvalide("arrondissement", "Choisissez le conseil citoyen.")
    return au_champ(
        "arrondissement",
        lambda: verifier_arrondissement(entier(form, "arrondissement", _("conseil"))),
    )
