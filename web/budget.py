"""Pages of the budget participatif: lists with filters, filing, a proposal and its tools.

Forms of these pages answer invalid input with the form itself (HTTP 422): the message sits
next to the field it is about, and what was typed stays in place, with or without htmx.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlencode
from uuid import UUID

from babel import Locale
from babel.numbers import format_currency
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from domaine.budget import FINAUX, SOUTIENS_OUVERTS, Depot, euros, suivants
from domaine.comptes import Acteur
from domaine.erreurs import (
    ChampInvalide,
    ConflitDeModification,
    DonneeInvalide,
    EtatIncompatible,
    Introuvable,
    au_champ,
)
from domaine.quartiers import (
    HORS_QPV,
    Quartier,
    arrondissements,
    geographie_au,
)
from domaine.temps import jour_a_paris
from domaine.vocabulaire import Role, StatutProposition, ThemeBP
from langues import N_, _, gettext, langue
from participation.budget import ActionBudget
from projections.lecture_budget import OUVERTES_AU_SOUTIEN, TRIS_BP, FiltresBP
from web.formulaires import (
    REFUS,
    Echec,
    entier,
    identifiant,
    jour,
    langue_du_texte,
    nombre,
    texte,
)
from web.formulaires import arrondissement as _arrondissement
from web.limites import formulaire_limite
from web.pagination import numero_demande, paginer, vers_les_resultats
from web.pieces_jointes import pieces_jointes_de_la_proposition
from web.rendu import acteur, apres_commande, est_fragment, plateforme, rendre
from web.rendu import templates as _gabarits
from web.securite import formulaire

if TYPE_CHECKING:
    from lancement.plateforme import Plateforme

S = StatutProposition
T = TypeVar("T")
INTROUVABLE = N_("Cette proposition n'existe pas.")
TRIS = {
    "soutiens": N_("Les plus soutenues"),
    "date": N_("Les plus récentes"),
    "cout": N_("Les moins coûteuses"),
    "cout_desc": N_("Les plus coûteuses"),
}
"""The sort orders' labels (marked: the page translates them)."""
assert set(TRIS) == set(TRIS_BP), "every sort order of the read model has a label"
INTITULES = {
    S.RECEVABLE: N_("Déclarer la proposition recevable"),
    S.IRRECEVABLE: N_("Déclarer la proposition irrecevable"),
    S.ETUDIEE: N_("Enregistrer l'étude de la Ville et son coût"),
    S.SOUMISE_AU_VOTE: N_("Soumettre la proposition au vote"),
    S.LAUREATE: N_("Déclarer la proposition lauréate"),
    S.NON_RETENUE: N_("Déclarer la proposition non retenue"),
    S.EN_REALISATION: N_("Lancer la réalisation"),
    S.REALISEE: N_("Déclarer la proposition réalisée"),
    S.ABANDONNEE: N_("Abandonner la proposition"),
    S.FUSIONNEE: N_("Fusionner dans une autre proposition"),
}
"""What each lifecycle form does, as its title and its button (marked: the page translates)."""
ETAPES = {
    "portee": N_("Portée par le conseil citoyen"),
    "absorbe": N_("Fusion d'une autre proposition dans celle-ci"),
}
"""Timeline steps that are not statuses."""


def _libelle(enum: type[ThemeBP] | type[StatutProposition], valeur: str) -> str:
    try:
        return gettext(enum(valeur).libelle)
    except ValueError:
        return valeur


# Filters of the budget pages, on the shared environment (kept here: one capability, one file).
_gabarits.env.filters["statut_bp"] = lambda v: _libelle(StatutProposition, v)
_gabarits.env.filters["theme_bp"] = lambda v: _libelle(ThemeBP, v)
_gabarits.env.filters["etape_bp"] = lambda v: (
    gettext(ETAPES[v]) if v in ETAPES else _libelle(StatutProposition, v)
)


def euros_affiches(montant: int) -> str:
    """A sum of whole euros as the request's language writes it: French keeps the platform's
    "15 000 €", others take Babel's ("€15,000" in English)."""
    locale = langue().locale
    if locale.startswith("fr"):
        return euros(montant)
    motif = Locale.parse(locale).currency_formats["standard"].pattern.replace(".00", "")
    return format_currency(montant, "EUR", format=motif, locale=locale, currency_digits=False)


_gabarits.env.filters["euros"] = euros_affiches


# --- reading form fields into domain values, naming the field on error -----------------------


def euros_saisis(form: FormData, champ: str, libelle: str) -> int:
    """Whole euros as people type them: "15 000", "15000 €"."""
    brut = "".join(texte(form, champ).split()).removesuffix("€")
    if not brut:
        raise ChampInvalide(champ, "Le champ « %(libelle)s » est obligatoire.", libelle=libelle)
    try:
        return int(brut)
    except ValueError:
        raise ChampInvalide(
            champ,
            "Le champ « %(libelle)s » doit être un nombre entier d'euros (par exemple 15000).",
            libelle=libelle,
        ) from None


def _entier(form: FormData, champ: str, libelle: str) -> int:
    return au_champ(champ, lambda: entier(form, champ, libelle))


def _decision(form: FormData) -> tuple[UUID | None, int | None]:
    """The "séance:numéro" of the decision chosen in a form; empty: none."""
    brut = texte(form, "decision").strip()
    if not brut:
        return None, None
    seance, __, numero = brut.partition(":")
    try:
        return UUID(seance), int(numero)
    except ValueError:
        raise ChampInvalide("decision", "Choisissez une décision dans la liste.") from None


# --- lists -----------------------------------------------------------------------------------

STATUT_PAR_DEFAUT = OUVERTES_AU_SOUTIEN
TOUS_LES_STATUTS = "toutes"
"""Query values of the status filter: absent means "open to support" (what residents can still
act on comes first), `toutes` every status; otherwise one status."""


def _filtres(request: Request, arrondissement: int | None) -> FiltresBP:
    """Filters from the query string; unknown values are ignored (it is a search, not a form)."""
    q = request.query_params
    conseil = arrondissement
    if conseil is None and nombre(q.get("conseil", "")) in arrondissements():
        conseil = nombre(q["conseil"])
    statut = q.get("statut", "")
    if statut == TOUS_LES_STATUTS:
        statut = ""
    elif statut not in set(S):
        statut = STATUT_PAR_DEFAUT
    theme = q.get("theme", "")
    quartier = q.get("quartier", "")
    codes = {HORS_QPV, *(qp.code for qp in _quartiers(request, arrondissement))}
    return FiltresBP(
        arrondissement=conseil,
        statut=statut,
        theme=theme if theme in set(ThemeBP) else "",
        quartier=quartier if quartier in codes else "",
        tri=q.get("tri", "soutiens") if q.get("tri") in TRIS else "soutiens",
        page=numero_demande(request),
    )


def adresse(chemin: str, filtres: FiltresBP, arrondissement: int | None, **autres: Any) -> str:
    """The list's URL for these filters (defaults left out): page links and the link to the
    other statuses keep every filter."""
    valeurs = {
        "conseil": filtres.arrondissement if arrondissement is None else None,
        "statut": TOUS_LES_STATUTS if filtres.statut == "" else filtres.statut,
        "theme": filtres.theme,
        "quartier": filtres.quartier,
        "tri": filtres.tri,
        "page": filtres.page,
        **autres,
    }
    defauts = {"statut": STATUT_PAR_DEFAUT, "tri": "soutiens", "page": 1}
    requete = {k: v for k, v in valeurs.items() if v not in (None, "") and defauts.get(k) != v}
    return f"{chemin}?{urlencode(requete)}" if requete else chemin


def _quartiers(request: Request, arrondissement: int | None) -> list[Quartier]:
    geo = geographie_au(jour_a_paris(plateforme(request).registre.maintenant()))
    if arrondissement is None:
        return sorted(geo.quartiers, key=lambda q: q.nom)
    return list(geo.quartiers_de(arrondissement))


def _liste(request: Request, arrondissement: int | None) -> Response:
    p = plateforme(request)
    filtres = _filtres(request, arrondissement)
    chemin = (
        f"/conseils/{arrondissement}/budget-participatif"
        if arrondissement is not None
        else "/budget-participatif"
    )
    page = p.lecture.page_bp(filtres)
    filtres = replace(filtres, page=page.numero)

    def lien(numero: int) -> str:
        return adresse(chemin, filtres, arrondissement, page=numero)

    autres = 0
    if filtres.statut == OUVERTES_AU_SOUTIEN:
        autres = p.lecture.compter_bp(replace(filtres, statut="")) - page.total
    contexte = {
        "arrondissement": arrondissement,
        "arrondissements": arrondissements(),
        "chemin": chemin,
        "filtres": filtres,
        "choix_statut": TOUS_LES_STATUTS if filtres.statut == "" else filtres.statut,
        "page": page,
        "propositions": page.propositions,
        "pagination": paginer(page.numero, page.pages, lien),
        "autres": autres,
        "lien_autres": adresse(chemin, filtres, arrondissement, statut=TOUS_LES_STATUTS, page=1),
        # Paris-wide, every QPV is offered whatever the council chosen: htmx swaps only the
        # results, so the list of neighbourhoods must not depend on another filter.
        "quartiers": _quartiers(request, arrondissement),
        "tris": TRIS,
        "statuts": list(S),
        "themes": list(ThemeBP),
        "enveloppe": p.budget.enveloppe,
        "partiel": est_fragment(request),
        "vers_les_resultats": vers_les_resultats(request),
    }
    return rendre(request, "budget/liste.html", contexte, fragment="budget/_resultats.html")


async def liste(request: Request) -> Response:
    """Every council's proposals, Paris-wide."""
    return _liste(request, None)


async def liste_conseil(request: Request) -> Response:
    return _liste(request, _arrondissement(request))


# --- filing ----------------------------------------------------------------------------------


def _contexte_depot(request: Request, arrondissement: int, echec: Echec) -> dict[str, object]:
    p = plateforme(request)
    qui = acteur(request)
    anime = qui is not None and qui.a_le_role(Role.ANIMATEUR, arrondissement)
    return {
        "arrondissement": arrondissement,
        "quartiers": _quartiers(request, arrondissement),
        "decisions": p.lecture.decisions_adoptees(arrondissement) if anime else [],
        "themes": list(ThemeBP),
        "enveloppe": p.budget.enveloppe,
        "echec": echec,
    }


async def page_depot(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    return rendre(request, "budget/deposer.html", _contexte_depot(request, arrondissement, Echec()))


async def deposer(request: Request) -> Response:
    """Filing in one's name, or for the council when a decision is chosen: the role that asks
    for first (403 whatever was typed), then the input."""
    arrondissement = _arrondissement(request)
    form = await formulaire_limite(request, "publication")
    p = plateforme(request)
    pour_le_conseil = bool(texte(form, "decision").strip())
    action: ActionBudget = "deposer_au_nom_du_conseil" if pour_le_conseil else "deposer"
    p.budget.autoriser(acteur(request), action, arrondissement)
    try:
        seance_id, decision = _decision(form)
        depot = Depot(
            titre=texte(form, "titre"),
            description=texte(form, "description"),
            quartier=texte(form, "quartier"),
            adresse=texte(form, "adresse"),
            theme=texte(form, "theme"),
            cout_estime=euros_saisis(form, "cout", _("coût estimé")),
            image=texte(form, "image"),
            langue=langue_du_texte(form),
        )
        proposition_id, position = p.budget.deposer(
            acteur(request), arrondissement, depot, seance_id=seance_id, decision=decision
        )
    except DonneeInvalide as erreur:
        contexte = _contexte_depot(request, arrondissement, Echec.depuis("depot", erreur, form))
        return rendre(request, "budget/deposer.html", contexte, 422, "budget/_depot.html")
    return apres_commande(
        request,
        position,
        _("Votre proposition est déposée. La Ville va examiner sa recevabilité."),
        f"/budget-participatif/{proposition_id}",
    )


# --- a proposal ------------------------------------------------------------------------------


def _proposition_id(request: Request) -> UUID:
    return identifiant(request.path_params["proposition_id"], INTROUVABLE)


def _contexte(request: Request, proposition_id: UUID, echec: Echec) -> dict[str, object]:
    p = plateforme(request)
    ligne = p.lecture.proposition_bp(proposition_id)
    if ligne is None:
        raise Introuvable(INTROUVABLE)
    qui = acteur(request)
    statut = S(ligne.statut)
    agent = qui is not None and qui.a_le_role(Role.AGENT_VILLE)
    anime = qui is not None and qui.a_le_role(Role.ANIMATEUR, ligne.arrondissement)
    etapes = p.lecture.etapes_bp(proposition_id)
    commentaires = p.lecture.commentaires_bp(proposition_id)
    prochains = suivants(statut) if agent else []
    autres = [e.autre_id for e in etapes if e.autre_id]
    auteurs = {ligne.auteur_id, *(c.auteur_id for c in commentaires)}
    ouverts = [s.value for s in S if s not in FINAUX]
    decisions = (
        p.lecture.decisions_adoptees(ligne.arrondissement)
        if anime and statut not in FINAUX and not ligne.portee_decision
        else []
    )
    offerts = {f"etape-{s.value}" for s in prochains}
    offerts |= {"portage"} if decisions else set()
    offerts |= {"commentaire"} if qui is not None and statut not in FINAUX else set()
    offerts |= {f"masquer-{c.numero}" for c in commentaires if anime and not c.motif_masquage}
    return {
        "proposition": ligne,
        "statut": statut,
        "etapes": etapes,
        "portage": next((e for e in reversed(etapes) if e.seance_id), None),
        "titres": p.lecture.titres_bp(autres),
        "commentaires": commentaires,
        "noms": {str(k): v for k, v in p.identites.noms([UUID(a) for a in auteurs]).items()},
        "soutient": qui is not None and p.lecture.soutient_bp(proposition_id, qui.compte_id),
        "soutiens_ouverts": statut in SOUTIENS_OUVERTS,
        "ouverte": statut not in FINAUX,
        "agent": agent,
        "anime": anime,
        "prochains": prochains,
        "cibles": (
            p.lecture.cibles_de_fusion_bp(ligne.arrondissement, proposition_id, ouverts)
            if S.FUSIONNEE in prochains
            else []
        ),
        "decisions": decisions,
        "formulaires_offerts": offerts,
        "aujourd_hui": jour_a_paris(p.registre.maintenant()).isoformat(),
        "intitules": INTITULES,
        "enveloppe": p.budget.enveloppe,
        "echec": echec,
        **pieces_jointes_de_la_proposition(
            request, proposition_id, ligne.arrondissement, UUID(ligne.auteur_id)
        ),
    }


def contexte_de_la_page(request: Request, proposition_id: UUID, echec: Echec) -> dict[str, object]:
    """The proposal's page, for the forms another module adds to it (attachments:
    `web.documents`)."""
    return _contexte(request, proposition_id, echec)


async def page(request: Request) -> Response:
    return rendre(
        request, "budget/page.html", _contexte(request, _proposition_id(request), Echec())
    )


async def soutenir(request: Request) -> Response:
    """Support or withdraw; htmx swaps the support box in place, others are redirected."""
    proposition_id = _proposition_id(request)
    form = await formulaire_limite(request, "soutien")
    p = plateforme(request)
    soutien = texte(form, "soutien") != "non"
    p.budget.autoriser(acteur(request), "soutenir", proposition_id)
    try:
        position = p.budget.soutenir(acteur(request), proposition_id, soutien)
    except (EtatIncompatible, ConflitDeModification) as refus:  # supports closed meanwhile
        contexte = {**_contexte(request, proposition_id, Echec()), "refus": refus.message}
        return rendre(request, "budget/page.html", contexte, 409, "budget/_soutien.html")
    message = _("Merci pour votre soutien !") if soutien else _("Votre soutien est retiré.")
    if not est_fragment(request):
        return apres_commande(request, position, message, f"/budget-participatif/{proposition_id}")
    p.projecteur.attendre(position)
    contexte = {**_contexte(request, proposition_id, Echec()), "confirmation": message}
    return rendre(request, "budget/_soutien.html", contexte)


async def _commande(
    request: Request,
    nom: str,
    action: ActionBudget,
    agir: Callable[[Plateforme, Acteur | None, UUID, FormData], tuple[int, str]],
    limite: str | None = None,
) -> Response:
    """Run one command from a form of the proposal page: the role first (403 whatever was
    typed), then the use case `action`; invalid input redisplays the form.
    `limite`: the rate limit it counts against (see web/limites.py), if any."""
    proposition_id = _proposition_id(request)
    form = await (formulaire_limite(request, limite) if limite else formulaire(request))
    p = plateforme(request)
    p.budget.autoriser(acteur(request), action, proposition_id)
    try:
        position, message = agir(p, acteur(request), proposition_id, form)
    except REFUS as erreur:
        # 409 (the proposal moved on meanwhile) comes back as the form's summary; if the form
        # is no longer offered, its message tops the page (see `formulaires` in `_contexte`).
        echec = Echec.depuis(nom, erreur, form)
        contexte = {**_contexte(request, proposition_id, echec), "seul": echec.formulaire}
        statut = erreur.statut_http
        return rendre(request, "budget/page.html", contexte, statut, "budget/_formulaire.html")
    return apres_commande(request, position, message, f"/budget-participatif/{proposition_id}")


async def commenter(request: Request) -> Response:
    def agir(p: Plateforme, qui: Acteur | None, pid: UUID, form: FormData) -> tuple[int, str]:
        position = p.budget.commenter(qui, pid, texte(form, "commentaire"), langue_du_texte(form))
        return position, _("Commentaire publié.")

    return await _commande(request, "commentaire", "commenter", agir, limite="publication")


async def masquer(request: Request) -> Response:
    numero = nombre(request.path_params["numero"]) or 0

    def agir(p: Plateforme, qui: Acteur | None, pid: UUID, form: FormData) -> tuple[int, str]:
        position = p.budget.masquer_commentaire(qui, pid, numero, texte(form, "motif"))
        return position, _("Commentaire masqué.")

    return await _commande(request, f"masquer-{numero}", "masquer_commentaire", agir)


async def porter(request: Request) -> Response:
    def agir(p: Plateforme, qui: Acteur | None, pid: UUID, form: FormData) -> tuple[int, str]:
        seance_id, decision = _decision(form)
        if seance_id is None:
            raise ChampInvalide("decision", "Choisissez la décision de l'assemblée ouverte.")
        position = p.budget.porter(qui, pid, seance_id, decision)
        return position, _("La proposition est portée par le conseil citoyen.")

    return await _commande(request, "portage", "porter", agir)


Details = Callable[[FormData], dict[str, Any]]
DETAILS: dict[S, Details] = {
    S.IRRECEVABLE: lambda f: {"motif": texte(f, "motif")},
    S.ETUDIEE: lambda f: {
        "cout_reestime": euros_saisis(f, "cout", _("coût réestimé par la Ville"))
    },
    S.LAUREATE: lambda f: {"voix": _entier(f, "voix", _("nombre de voix"))},
    S.NON_RETENUE: lambda f: {"voix": _entier(f, "voix", _("nombre de voix"))},
    S.REALISEE: lambda f: {
        "realisee_le": au_champ("date", lambda: jour(f, "date", _("date de réalisation")))
    },
    S.ABANDONNEE: lambda f: {"motif": texte(f, "motif")},
    S.FUSIONNEE: lambda f: {"cible_id": _cible(f)},
}
"""The form of each lifecycle step, read into the details the step requires (see
`domaine.budget.ETAPES`); the other steps take none."""


def _cible(form: FormData) -> UUID:
    try:
        return UUID(texte(form, "cible"))
    except ValueError:
        raise ChampInvalide("cible", "Choisissez une proposition dans la liste.") from None


async def changer_statut(request: Request) -> Response:
    """One lifecycle step; the role is checked before the step or any field is read, so that
    a wrong role always gets 403 whatever it typed."""
    brut = request.path_params["vers"]

    def agir(p: Plateforme, qui: Acteur | None, pid: UUID, form: FormData) -> tuple[int, str]:
        if brut not in set(S) or S(brut) == S.DEPOSEE:
            raise Introuvable("Cette étape n'existe pas.")
        statut = S(brut)
        version = form.get("version")
        attendue = int(version) if isinstance(version, str) and version.isdecimal() else None
        details = DETAILS[statut](form) if statut in DETAILS else {}
        position = p.budget.faire_avancer(qui, pid, attendue, statut, **details)
        return position, _("Statut de la proposition : %(statut)s.", statut=statut.libelle.lower())

    return await _commande(request, f"etape-{brut}", "faire_avancer", agir)
