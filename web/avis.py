"""Pages of avis: the lists (per council, Paris-wide for agents), each avis with its timeline,
and the forms of each role (the notifications page is `web/notifications.py`).

Every form answers invalid input with itself (see `web.formulaires.Echec`): HTTP 422, the
message next to its field, what was typed kept; a refusal that concerns no field (the avis
moved on meanwhile: 409) comes back the same way, as the form's summary. With htmx the form
alone is swapped; without, the whole page comes back. Co-signing swaps its own region.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode
from uuid import UUID

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from domaine.avis import (
    echeance_courante,
    en_retard,
    jours_d_attente,
    peut_reecrire,
    peut_retirer,
    role_repondant,
)
from domaine.comptes import Acteur
from domaine.erreurs import (
    ConflitDeModification,
    EtatIncompatible,
    Introuvable,
    au_champ,
)
from domaine.quartiers import arrondissements
from domaine.temps import en_utc, jour_a_paris
from domaine.vocabulaire import Destinataire, OrigineAvis, Role, StatutAvis
from langues import N_, _
from participation.avis import ActionAvis
from projections.lecture_avis import Filtre
from web.formulaires import (
    REFUS,
    Echec,
    entier,
    entier_optionnel,
    identifiant,
    jour,
    langue_du_texte,
    nombre,
    texte,
)
from web.formulaires import arrondissement as _arrondissement
from web.limites import formulaire_limite
from web.pagination import nombre_de_pages, numero_demande, paginer, vers_les_resultats
from web.pieces_jointes import pieces_jointes_de_l_avis
from web.rendu import acteur, apres_commande, est_fragment, plateforme, rendre
from web.securite import formulaire

if TYPE_CHECKING:
    from lancement.plateforme import Plateforme

S = StatutAvis
INTROUVABLE = N_("Cet avis n'existe pas.")
PAR_PAGE = 30
"""Avis per page of a list (overdue first, so the first page holds what is urgent)."""
ETAPES = {
    "saisine": N_("Saisine du conseil"),
    "redaction": N_("Projet d'avis rédigé"),
    "amendement": N_("Projet modifié"),
    "cosignature": N_("Nouveau·elle cosignataire"),
    "retrait_cosignature": N_("Cosignature retirée"),
    "adoption": N_("Adopté en assemblée ouverte"),
    "rejet": N_("Rejeté en assemblée ouverte, à retravailler"),
    "transmission": N_("Transmis au destinataire"),
    "accuse_reception": N_("Réception accusée"),
    "reponse": N_("Réponse reçue"),
    "partenaires_informes": N_("Partenaires informés par le préfet"),
    "diagnostic": N_("Diagnostic présenté au comité de pilotage"),
    "cloture": N_("Avis clos"),
    "retrait": N_("Avis retiré"),
    "rappel": N_("Rappel envoyé"),
}
"""The timeline's steps (marked: the page translates them)."""
REPONSE_POSSIBLE = (
    S.TRANSMIS,
    S.RECEPTION_ACCUSEE,
    S.REPONDU,
    S.PARTENAIRES_INFORMES,
    S.DIAGNOSTIC_PRESENTE,
)
CLOTURE_POSSIBLE = (S.REPONDU, S.PARTENAIRES_INFORMES, S.DIAGNOSTIC_PRESENTE)

Agir = Callable[["Plateforme", Acteur | None, UUID, FormData], tuple[int, str]]


def _avis_id(request: Request) -> UUID:
    return identifiant(request.path_params["avis_id"], INTROUVABLE)


_DE_QUI = {"reponse": "institution", "saisine": "conseil"}


def etat_du_delai(ligne: Any, aujourd_hui: date) -> dict[str, Any]:
    """What the pages say about the deadline: days waiting, overdue, whose deadline."""
    statut = StatutAvis(ligne.statut)
    transmis_le = en_utc(ligne.transmis_le) if ligne.transmis_le is not None else None
    courante = echeance_courante(statut, ligne.echeance_reponse, ligne.echeance_saisine)
    echeance = courante[1] if courante else None
    return {
        "jours_d_attente": jours_d_attente(statut, transmis_le, aujourd_hui),
        "echeance": echeance,
        "echeance_de": _DE_QUI[courante[0]] if courante else "",
        "en_retard": en_retard(statut, ligne.echeance_reponse, ligne.echeance_saisine, aujourd_hui),
        "jours_de_retard": (aujourd_hui - echeance).days if echeance else 0,
    }


def _membre(request: Request, arrondissement: int) -> bool:
    qui = acteur(request)
    if qui is None:
        return False
    ligne = plateforme(request).lecture.adhesion(arrondissement, qui.compte_id)
    return bool(ligne and ligne.actif)


def _vocabulaire() -> dict[str, Any]:
    return {"ETAPES": ETAPES}


def liste_avis(
    request: Request, filtre: Filtre, limite: int = PAR_PAGE, decalage: int = 0
) -> list[dict[str, Any]]:
    """Avis with what the lists say of their deadline, overdue first."""
    p = plateforme(request)
    aujourd_hui = jour_a_paris(p.registre.maintenant())
    return [
        {"avis": ligne, **etat_du_delai(ligne, aujourd_hui)}
        for ligne in p.lecture_avis.liste(filtre, aujourd_hui, limite, decalage)
    ]


def page_d_avis(request: Request, filtre: Filtre, lien: Callable[[int], str]) -> dict[str, Any]:
    """One page of a list of avis (`page` of the query string), with its page links."""
    p = plateforme(request)
    total = p.lecture_avis.compter(filtre, jour_a_paris(p.registre.maintenant()))
    pages = nombre_de_pages(total, PAR_PAGE)
    numero = min(numero_demande(request), pages)
    liste = liste_avis(request, filtre, PAR_PAGE, (numero - 1) * PAR_PAGE)
    return {
        "liste": liste,
        "total": total,
        "premier": (numero - 1) * PAR_PAGE + 1,
        "pagination": paginer(numero, pages, lien),
        "vers_les_resultats": vers_les_resultats(request),
    }


# --- the council's avis page and its forms (draft, saisine, answer delay) --------------------


def _contexte_conseil(request: Request, arrondissement: int, echec: Echec) -> dict[str, Any]:
    p = plateforme(request)
    qui = acteur(request)
    chemin = f"/conseils/{arrondissement}/avis"
    return {
        **_vocabulaire(),
        "arrondissement": arrondissement,
        **page_d_avis(
            request,
            Filtre(arrondissement=arrondissement),
            lambda n: f"{chemin}?page={n}" if n > 1 else chemin,
        ),
        "conseil": p.lecture.conseil(arrondissement),
        "membre": _membre(request, arrondissement),
        "anime": qui is not None and qui.a_le_role(Role.ANIMATEUR, arrondissement),
        "agent": qui is not None and qui.role_agent is not None,
        "aujourd_hui": jour_a_paris(p.registre.maintenant()).isoformat(),
        "echec": echec,
    }


async def du_conseil(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    contexte = _contexte_conseil(request, arrondissement, Echec())
    return rendre(request, "avis/conseil.html", contexte, fragment="avis/_resultats.html")


async def _commande_du_conseil(
    request: Request,
    nom: str,
    action: ActionAvis,
    agir: Callable[[Plateforme, Acteur | None, int, FormData], tuple[UUID | None, int, str]],
    limite: str | None = None,
) -> Response:
    """Run one form of the council's avis page: the role first (403 whatever was typed), then
    the use case `action`; a refusal of the input gives the form back in place."""
    arrondissement = _arrondissement(request)
    form = await (formulaire_limite(request, limite) if limite else formulaire(request))
    plateforme(request).avis.autoriser(acteur(request), action, arrondissement)
    try:
        avis_id, position, message = agir(
            plateforme(request), acteur(request), arrondissement, form
        )
    except REFUS as erreur:
        contexte = {
            **_contexte_conseil(request, arrondissement, Echec.depuis(nom, erreur, form)),
            "seul": nom,
        }
        return rendre(
            request,
            "avis/conseil.html",
            contexte,
            erreur.statut_http,
            "avis/_formulaire_conseil.html",
        )
    suite = f"/avis/{avis_id}" if avis_id else f"/conseils/{arrondissement}/avis"
    return apres_commande(request, position, message, suite)


async def rediger(request: Request) -> Response:
    def agir(
        p: Plateforme, qui: Acteur | None, arrondissement: int, form: FormData
    ) -> tuple[UUID | None, int, str]:
        avis_id, position = p.avis.rediger(
            qui,
            arrondissement,
            texte(form, "origine") or OrigineAvis.AUTO_SAISINE.value,
            texte(form, "titre"),
            texte(form, "texte"),
            texte(form, "destinataire"),
            texte(form, "institution"),
            texte(form, "sujet"),
            texte(form, "axe"),
            langue_du_texte(form),
        )
        return avis_id, position, _("Projet d'avis enregistré.")

    return await _commande_du_conseil(request, "avis", "rediger", agir, limite="publication")


async def saisir(request: Request) -> Response:
    def agir(
        p: Plateforme, qui: Acteur | None, arrondissement: int, form: FormData
    ) -> tuple[UUID | None, int, str]:
        avis_id, position = p.avis.saisir(
            qui,
            arrondissement,
            texte(form, "titre"),
            texte(form, "question"),
            au_champ("demandee_le", lambda: jour(form, "demandee_le", _("date de la demande"))),
            au_champ("echeance", lambda: jour(form, "echeance", _("échéance"))),
            texte(form, "sujet"),
            texte(form, "axe"),
        )
        return avis_id, position, _("Saisine enregistrée.")

    return await _commande_du_conseil(request, "saisine", "saisir", agir, limite="publication")


async def fixer_delai(request: Request) -> Response:
    def agir(
        p: Plateforme, qui: Acteur | None, arrondissement: int, form: FormData
    ) -> tuple[UUID | None, int, str]:
        mois = au_champ("mois", lambda: entier(form, "mois", _("délai de réponse")))
        position = p.avis.fixer_delai_reponse(qui, arrondissement, mois)
        return None, position, _("Délai de réponse enregistré.")

    return await _commande_du_conseil(request, "delai", "fixer_delai_reponse", agir)


# --- the Paris-wide list ---------------------------------------------------------------------


async def tous(request: Request) -> Response:
    """Paris-wide: what agents must answer (their side's avis, overdue first)."""
    qui = acteur(request)
    parametres = request.query_params
    conseil = nombre(parametres.get("conseil", ""))  # a search: an unknown council is ignored
    destinataire = parametres.get("destinataire", "")
    if destinataire == "" and qui is not None and qui.role_agent is not None:
        destinataire = "mes"
    if destinataire == "mes" and qui is not None:
        destinataires = tuple(d.value for d in Destinataire if role_repondant(qui, d) is not None)
    elif destinataire in {d.value for d in Destinataire}:
        destinataires = (destinataire,)
    else:
        destinataire, destinataires = "tous", ()
    statut = parametres.get("statut", "")
    filtre = Filtre(
        arrondissement=conseil if conseil in arrondissements() else None,
        destinataires=destinataires,
        statut=statut if statut in {s.value for s in StatutAvis} else "",
        seulement_en_retard=parametres.get("retard") == "oui",
    )
    requete = {
        "conseil": str(filtre.arrondissement or ""),
        "destinataire": destinataire,
        "statut": filtre.statut,
        "retard": "oui" if filtre.seulement_en_retard else "",
    }

    def lien(numero: int) -> str:
        valeurs = {**requete, "page": numero if numero > 1 else ""}
        return "/avis?" + urlencode({k: v for k, v in valeurs.items() if v != ""})

    contexte = {
        **_vocabulaire(),
        **page_d_avis(request, filtre, lien),
        "filtre": filtre,
        "choix_destinataire": destinataire,
        "agent": qui is not None and qui.role_agent is not None,
    }
    return rendre(request, "avis/tous.html", contexte, fragment="avis/_resultats.html")


# --- an avis: its page, what each role may do there -------------------------------------------


def actions_possibles(
    statut: StatutAvis,
    origine: str,
    *,
    anime: bool,
    membre: bool,
    reecrit: bool,
    retire: bool,
    repondant: bool,
    prefecture: bool,
) -> set[str]:
    """The forms of the avis page this person may use now: one source for the page (which
    shows them) and for a refusal (whose form may no longer be there: then its message goes
    to the top of the page). The flags come from the policies of `domaine.avis`
    (`peut_reecrire`, `peut_retirer`, `role_repondant`), which the use cases enforce."""
    interpellation = origine == OrigineAvis.INTERPELLATION.value
    possibles = {
        "jet": (membre or anime) and statut == S.SAISINE_RECUE,
        "amender": reecrit and statut == S.BROUILLON,
        "vote": anime and statut == S.BROUILLON,
        "transmission": anime and statut == S.ADOPTE,
        "accuse": repondant and statut == S.TRANSMIS,
        "reponse": repondant and statut in REPONSE_POSSIBLE,
        "partenaires": prefecture
        and interpellation
        and statut in (S.TRANSMIS, S.RECEPTION_ACCUSEE, S.REPONDU),
        "diagnostic": prefecture and interpellation and statut == S.PARTENAIRES_INFORMES,
        "cloture": (anime or repondant) and statut in CLOTURE_POSSIBLE,
        "retrait": statut.avant_transmission and retire,
    }
    return {nom for nom, oui in possibles.items() if oui}


def _contexte(request: Request, avis_id: UUID, echec: Echec) -> dict[str, Any]:
    p = plateforme(request)
    ligne = p.lecture_avis.avis(str(avis_id))
    if ligne is None:
        raise Introuvable(INTROUVABLE)
    qui = acteur(request)
    arrondissement = ligne.arrondissement
    statut = StatutAvis(ligne.statut)
    destinataire = Destinataire(ligne.destinataire)
    auteurs = p.lecture_avis.auteurs(str(avis_id))
    premier = p.lecture_avis.premier_auteur(str(avis_id))
    anime = qui is not None and qui.a_le_role(Role.ANIMATEUR, arrondissement)
    repondant = role_repondant(qui, destinataire) is not None
    prefecture = qui is not None and qui.a_le_role(Role.AGENT_ETAT)
    membre = _membre(request, arrondissement)
    moi = str(qui.compte_id) if qui is not None else None
    redacteur = moi is not None and moi == premier
    cosignataire = moi is not None and moi in auteurs and not redacteur
    premier_id = UUID(premier) if premier else None
    actions = actions_possibles(
        statut,
        ligne.origine,
        anime=anime,
        membre=membre,
        reecrit=peut_reecrire(qui, arrondissement, premier_id),
        retire=peut_retirer(qui, arrondissement, premier_id, statut),
        repondant=repondant,
        prefecture=prefecture,
    )
    return {
        **_vocabulaire(),
        "avis": ligne,
        "statut": statut,
        "destinataire": destinataire,
        "arrondissement": arrondissement,
        "versions": p.lecture_avis.versions(str(avis_id)),
        "reponses": p.lecture_avis.reponses(str(avis_id)),
        "etapes": p.lecture_avis.etapes(str(avis_id)),
        "nombre_auteurs": len(auteurs),
        **(_noms(p, auteurs, premier) if anime else {}),
        "anime": anime,
        "membre": membre,
        "redacteur": redacteur,
        "cosignataire": cosignataire,
        "peut_cosigner": membre and moi not in auteurs and statut == S.BROUILLON,
        "actions": actions,
        "decisions": p.lecture_avis.decisions_recentes(arrondissement) if anime else [],
        "aujourd_hui": jour_a_paris(p.registre.maintenant()).isoformat(),
        "echec": echec,
        **etat_du_delai(ligne, jour_a_paris(p.registre.maintenant())),
        **pieces_jointes_de_l_avis(request, avis_id, arrondissement, premier_id, statut),
    }


def contexte_de_la_page(request: Request, avis_id: UUID, echec: Echec) -> dict[str, Any]:
    """The avis page, for the forms another module adds to it (attachments: `web.documents`)."""
    return _contexte(request, avis_id, echec)


async def page(request: Request) -> Response:
    return rendre(request, "avis/page.html", _contexte(request, _avis_id(request), Echec()))


async def _commande(
    request: Request,
    nom: Callable[[Any], str] | str,
    action: ActionAvis,
    agir: Agir,
    limite: str | None = None,
) -> Response:
    """Run one form of the avis page: the role first (403 whatever was typed), then the use
    case `action`. A refusal of the input gives the form back in place (the page without
    JavaScript); if the form is no longer offered, its message tops the page.
    `nom`: the form's name, or how to tell it from the avis's row."""
    avis_id = _avis_id(request)
    form = await (formulaire_limite(request, limite) if limite else formulaire(request))
    p = plateforme(request)
    p.avis.autoriser(acteur(request), action, avis_id)
    try:
        position, message = agir(p, acteur(request), avis_id, form)
    except REFUS as erreur:
        if callable(nom):
            ligne = p.lecture_avis.avis(str(avis_id))
            if ligne is None:
                raise Introuvable(INTROUVABLE) from None
            nom = nom(ligne)
        echec = Echec.depuis(nom, erreur, form)
        contexte = {**_contexte(request, avis_id, echec), "seul": nom}
        return rendre(
            request, "avis/page.html", contexte, erreur.statut_http, "avis/_formulaire.html"
        )
    return apres_commande(request, position, message, f"/avis/{avis_id}")


def _version(form: FormData) -> int | None:
    return entier_optionnel(form, "version")


async def amender(request: Request) -> Response:
    """A new version; for a saisine not yet drafted, its first draft (form "jet")."""

    def agir(p: Plateforme, qui: Acteur | None, avis_id: UUID, form: FormData) -> tuple[int, str]:
        position = p.avis.amender(
            qui,
            avis_id,
            _version(form),
            texte(form, "titre"),
            texte(form, "texte"),
            langue_du_texte(form),
        )
        return position, _("Projet d'avis enregistré.")

    def nom(ligne: Any) -> str:
        return "jet" if ligne.versions == 0 else "amender"

    return await _commande(request, nom, "amender", agir, limite="publication")


async def cosigner(request: Request) -> Response:
    """Co-sign the draft, or withdraw one's co-signature (`cosignature=retirer`); htmx swaps
    the authors' region in place, its message taking the focus."""
    avis_id = _avis_id(request)
    form = await formulaire_limite(request, "soutien")
    p = plateforme(request)
    retrait = texte(form, "cosignature") == "retirer"
    p.avis.autoriser(acteur(request), "retirer_cosignature" if retrait else "cosigner", avis_id)
    try:
        if retrait:
            position = p.avis.retirer_cosignature(acteur(request), avis_id)
        else:
            position = p.avis.cosigner(acteur(request), avis_id)
    except (EtatIncompatible, ConflitDeModification) as refus:
        contexte = {**_contexte(request, avis_id, Echec()), "refus": refus.message}
        return rendre(request, "avis/page.html", contexte, 409, "avis/_cosignature.html")
    message = (
        _("Votre cosignature est retirée.") if retrait else _("Vous cosignez ce projet d'avis.")
    )
    if not est_fragment(request):
        return apres_commande(request, position, message, f"/avis/{avis_id}")
    p.projecteur.attendre(position)
    contexte = {**_contexte(request, avis_id, Echec()), "confirmation": message}
    return rendre(request, "avis/page.html", contexte, fragment="avis/_cosignature.html")


async def voter(request: Request) -> Response:
    def agir(p: Plateforme, qui: Acteur | None, avis_id: UUID, form: FormData) -> tuple[int, str]:
        seance, __, numero = texte(form, "decision").partition(":")
        try:  # the use case refuses a missing choice once the role is checked
            seance_id, decision = UUID(seance), int(numero)
        except ValueError:
            seance_id, decision = None, None
        position = p.avis.soumettre_au_vote(qui, avis_id, seance_id, decision)
        return position, _("Vote de l'assemblée enregistré.")

    return await _commande(request, "vote", "soumettre_au_vote", agir)


async def transmettre(request: Request) -> Response:
    def agir(p: Plateforme, qui: Acteur | None, avis_id: UUID, form: FormData) -> tuple[int, str]:
        return p.avis.transmettre(qui, avis_id, _version(form)), _("Avis transmis.")

    return await _commande(request, "transmission", "transmettre", agir)


async def accuser_reception(request: Request) -> Response:
    def agir(p: Plateforme, qui: Acteur | None, avis_id: UUID, form: FormData) -> tuple[int, str]:
        return p.avis.accuser_reception(qui, avis_id), _("Réception accusée.")

    return await _commande(request, "accuse", "accuser_reception", agir)


async def repondre(request: Request) -> Response:
    def agir(p: Plateforme, qui: Acteur | None, avis_id: UUID, form: FormData) -> tuple[int, str]:
        position = p.avis.repondre(
            qui, avis_id, _version(form), texte(form, "texte"), texte(form, "liens").splitlines()
        )
        return position, _("Réponse enregistrée.")

    return await _commande(request, "reponse", "repondre", agir, limite="publication")


async def informer_partenaires(request: Request) -> Response:
    def agir(p: Plateforme, qui: Acteur | None, avis_id: UUID, form: FormData) -> tuple[int, str]:
        position = p.avis.informer_partenaires(qui, avis_id, _version(form), texte(form, "texte"))
        return position, _("Information des partenaires enregistrée.")

    return await _commande(request, "partenaires", "informer_partenaires", agir)


async def presenter_diagnostic(request: Request) -> Response:
    def agir(p: Plateforme, qui: Acteur | None, avis_id: UUID, form: FormData) -> tuple[int, str]:
        comite_le = au_champ(
            "comite_le", lambda: jour(form, "comite_le", _("date du comité de pilotage"))
        )
        position = p.avis.presenter_diagnostic(
            qui, avis_id, _version(form), comite_le, texte(form, "texte")
        )
        return position, _("Diagnostic enregistré.")

    return await _commande(request, "diagnostic", "presenter_diagnostic", agir)


async def clore(request: Request) -> Response:
    def agir(p: Plateforme, qui: Acteur | None, avis_id: UUID, form: FormData) -> tuple[int, str]:
        return p.avis.clore(qui, avis_id, _version(form), texte(form, "motif")), _("Avis clos.")

    return await _commande(request, "cloture", "clore", agir)


async def retirer(request: Request) -> Response:
    def agir(p: Plateforme, qui: Acteur | None, avis_id: UUID, form: FormData) -> tuple[int, str]:
        return p.avis.retirer(qui, avis_id, _version(form), texte(form, "motif")), _("Avis retiré.")

    return await _commande(request, "retrait", "retirer", agir)


def _noms(p: Plateforme, auteurs: list[str], premier: str | None) -> dict[str, Any]:
    """Who wrote the draft and who co-signed it, by name (for the council's animateurs only);
    an erased person still counts, as "Personne effacée"."""
    noms = p.identites.noms([UUID(a) for a in auteurs])

    def nom(a: str) -> str:
        return noms.get(UUID(a)) or _("Personne effacée")

    return {
        "nom_redacteur": nom(premier) if premier else "",
        "noms_cosignataires": sorted(nom(a) for a in auteurs if a != premier),
    }
