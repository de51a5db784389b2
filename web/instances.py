"""A council's delegates in the bodies of the contrat de ville (`/conseils/{n}/delegues`): its
mandates (current and past), the bodies' meetings with its delegates present and their reports
back; and the bodies themselves (`/instances`, where agents add them).

The public sees roles and dates, never a name: no one has chosen to publish theirs. Only the
council's animateurs see names, in the forms where they choose whom to designate. Every form
answers invalid input with the page again, the message next to the field (422 or 409).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from domaine.comptes import Acteur
from domaine.erreurs import ChampInvalide, Introuvable, au_champ
from domaine.instances import Designe
from domaine.quartiers import arrondissements
from domaine.temps import jour_a_paris
from domaine.vocabulaire import MotifFinMandat, NatureInstance, Role, RoleMandat
from langues import N_, _
from participation.instances import ActionInstances
from web.formulaires import REFUS, Echec, date_heure, entier, entier_optionnel, jour, texte
from web.formulaires import arrondissement as _arrondissement
from web.rendu import acteur, apres_commande, plateforme, rendre
from web.securite import formulaire

if TYPE_CHECKING:
    from lancement.plateforme import Plateforme

PAGE = "instances/page.html"
LISTE = "instances/liste.html"


def _uuid(brut: str, champ: str, message: str) -> UUID:
    try:
        return UUID(brut.strip())
    except ValueError:
        raise ChampInvalide(champ, message) from None


def _contexte(request: Request, arrondissement: int, echec: Echec | None = None) -> dict[str, Any]:
    p = plateforme(request)
    qui = acteur(request)
    aujourd_hui = jour_a_paris(p.registre.maintenant())
    anime = qui is not None and qui.a_le_role(Role.ANIMATEUR, arrondissement)
    agent = qui is not None and qui.role_agent is not None
    mandats = p.lecture_instances.mandats(arrondissement)
    en_cours = [m for m in mandats if (m.termine_le or m.fin) >= aujourd_hui]
    passes = [m for m in mandats if (m.termine_le or m.fin) < aujourd_hui]
    membres = p.lecture.membres_actifs(arrondissement) if anime else []
    noms: dict[str, str] = {}
    if anime:
        ids = {UUID(m.personne_id) for m in membres} | {UUID(m.personne_id) for m in mandats}
        noms = {str(k): v for k, v in p.identites.noms(sorted(ids)).items()}
    seances = p.lecture.seances(arrondissement, p.registre.maintenant(), a_venir=False)
    return {
        "arrondissement": arrondissement,
        "instances": p.lecture_instances.instances(arrondissement),
        "en_cours": en_cours,
        "passes": passes,
        "par_id": {m.mandat_id: m for m in mandats},
        "reunions": p.lecture_instances.reunions(arrondissement),
        "anime": anime,
        "agent": agent,
        "peut_enregistrer_reunion": anime or agent or bool(qui and qui.conseils_animes),
        "moi": str(qui.compte_id) if qui else "",
        "membres": membres,
        "noms": noms,
        "decisions": p.lecture.decisions_adoptees(arrondissement) if anime else [],
        "seances": [s for s in seances if s.statut != "annulee"],
        "libelles_roles": {r.value: _(r.libelle) for r in RoleMandat},
        "motifs": list(MotifFinMandat),
        "libelles_motifs": {m.value: _(m.libelle) for m in MotifFinMandat},
        "natures": {n.value: _(n.libelle) for n in NatureInstance},
        "aujourd_hui": aujourd_hui,
        "echec": echec or Echec(),
    }


async def page(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    return rendre(request, PAGE, _contexte(request, arrondissement))


Agir = Callable[["Plateforme", Acteur | None, int, FormData], tuple[int, str]]


async def _commande(
    request: Request,
    nom: str,
    action: ActionInstances,
    agir: Agir,
    cible: Callable[[Plateforme, int, FormData], int | UUID | None] | None = None,
) -> Response:
    """The role first (403 whatever was typed), then the use case; invalid input gives the
    page back with the message next to the field."""
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
    p.instances.autoriser(
        acteur(request), action, cible(p, arrondissement, form) if cible else arrondissement
    )
    try:
        position, message = agir(p, acteur(request), arrondissement, form)
    except REFUS as erreur:
        contexte = _contexte(request, arrondissement, Echec.depuis(nom, erreur, form))
        return rendre(request, PAGE, contexte, erreur.statut_http)
    return apres_commande(request, position, message, f"/conseils/{arrondissement}/delegues")


def _personnes(form: FormData) -> list[Designe]:
    designes = [
        Designe(_uuid(v, "personnes", N_("Choisissez des membres dans la liste.")), role)
        for role, champ in (("titulaire", "titulaires"), ("suppleant", "suppleants"))
        for v in form.getlist(champ)
        if isinstance(v, str) and v.strip()
    ]
    return designes


def _decision(form: FormData) -> tuple[UUID | None, int | None]:
    brut = texte(form, "decision").strip()
    if not brut:
        return None, None
    seance, __, numero = brut.partition(":")
    try:
        return UUID(seance), int(numero)
    except ValueError:
        raise ChampInvalide("decision", "Choisissez une décision dans la liste.") from None


def _instance(form: FormData) -> UUID | None:
    brut = texte(form, "instance").strip()
    return _uuid(brut, "instance", N_("Choisissez l'instance.")) if brut else None


def _periode(form: FormData) -> tuple[date, date]:
    debut = au_champ("debut", lambda: jour(form, "debut", _("début du mandat")))
    fin = au_champ("fin", lambda: jour(form, "fin", _("fin du mandat")))
    return debut, fin


async def designer(request: Request) -> Response:
    def agir(p: Plateforme, qui: Acteur | None, a: int, form: FormData) -> tuple[int, str]:
        instance = _instance(form)
        if instance is None:
            raise ChampInvalide("instance", "Choisissez l'instance.")
        seance_id, decision = _decision(form)
        debut, fin = _periode(form)
        __, position = p.instances.designer(
            qui, a, instance, _personnes(form), debut, fin, seance_id, decision
        )
        return position, _("Délégué·es désigné·es.")

    return await _commande(request, "designation", "designer", agir)


async def annoncer_tirage(request: Request) -> Response:
    def agir(p: Plateforme, qui: Acteur | None, a: int, form: FormData) -> tuple[int, str]:
        instance = _instance(form)
        if instance is None:
            raise ChampInvalide("instance", "Choisissez l'instance.")
        volontaires = [
            _uuid(v, "volontaires", N_("Choisissez des membres dans la liste."))
            for v in form.getlist("volontaires")
            if isinstance(v, str) and v.strip()
        ]
        titulaires = au_champ("titulaires", lambda: entier(form, "titulaires", _("titulaires")))
        suppleants = au_champ(
            "suppleants", lambda: entier(form, "suppleants", _("suppléant·es"), 0)
        )
        debut, fin = _periode(form)
        hasard_le = au_champ(
            "hasard_le", lambda: date_heure(form, "hasard_le", _("heure du hasard public"))
        )
        tirage_id, position = p.instances.annoncer_tirage(
            qui, a, instance, volontaires, titulaires, suppleants, debut, fin,
            texte(form, "hasard_prevu"), hasard_le,
        )  # fmt: skip
        adresse = f"/tirages/{tirage_id}"
        return position, _("Tirage au sort annoncé : %(adresse)s", adresse=adresse)

    return await _commande(request, "tirage", "annoncer_tirage", agir)


async def terminer(request: Request) -> Response:
    mandat_id = request.path_params["mandat_id"]

    def agir(p: Plateforme, qui: Acteur | None, a: int, form: FormData) -> tuple[int, str]:
        termine_le = au_champ("termine_le", lambda: jour(form, "termine_le", _("date de fin")))
        position = p.instances.terminer_mandat(qui, a, mandat_id, termine_le, texte(form, "motif"))
        return position, _("Fin du mandat enregistrée.")

    return await _commande(request, f"fin-{mandat_id}", "terminer_mandat", agir)


async def enregistrer_reunion(request: Request) -> Response:
    def instance_choisie(p: Plateforme, a: int, form: FormData) -> UUID | None:
        instance = _instance(form)
        if instance is None:
            p.instances.autoriser(acteur(request), "enregistrer_presences", a)
        return instance

    def agir(p: Plateforme, qui: Acteur | None, a: int, form: FormData) -> tuple[int, str]:
        instance = _instance(form)
        if instance is None:
            raise ChampInvalide("instance", "Choisissez l'instance.")
        tenue_le = au_champ("tenue_le", lambda: jour(form, "tenue_le", _("date de la réunion")))
        __, position = p.instances.enregistrer_reunion(
            qui, instance, tenue_le, texte(form, "ordre_du_jour")
        )
        return position, _("Réunion enregistrée.")

    return await _commande(request, "reunion", "enregistrer_reunion", agir, instance_choisie)


def _reunion(request: Request) -> tuple[UUID, str]:
    """The body and the meeting a row's form is about (`instance:reunion` in the path)."""
    brut = request.path_params["reunion"]
    instance, __, reunion = brut.partition(":")
    try:
        return UUID(instance), str(UUID(reunion))
    except ValueError:
        raise Introuvable("Cette réunion n'existe pas.") from None


async def presences(request: Request) -> Response:
    instance_id, reunion_id = _reunion(request)

    def agir(p: Plateforme, qui: Acteur | None, a: int, form: FormData) -> tuple[int, str]:
        mandats = [v for v in form.getlist("mandats") if isinstance(v, str) and v]
        position = p.instances.enregistrer_presences(qui, instance_id, reunion_id, a, mandats)
        return position, _("Présences des délégué·es enregistrées.")

    return await _commande(request, f"presences-{reunion_id}", "enregistrer_presences", agir)


async def rediger_compte_rendu(request: Request) -> Response:
    instance_id, reunion_id = _reunion(request)

    def agir(p: Plateforme, qui: Acteur | None, a: int, form: FormData) -> tuple[int, str]:
        __, position = p.instances.rediger_compte_rendu(
            qui, instance_id, reunion_id, a, texte(form, "mandat"), texte(form, "texte")
        )
        return position, _("Compte rendu de mandat enregistré.")

    return await _commande(request, f"cr-{reunion_id}", "rediger_compte_rendu", agir)


async def presenter_compte_rendu(request: Request) -> Response:
    instance_id, reunion_id = _reunion(request)

    def agir(p: Plateforme, qui: Acteur | None, a: int, form: FormData) -> tuple[int, str]:
        brut = texte(form, "seance").strip()
        seance = _uuid(brut, "seance", N_("Choisissez la séance.")) if brut else None
        position = p.instances.presenter_compte_rendu(
            qui, instance_id, texte(form, "compte_rendu"), seance
        )
        return position, _("Compte rendu marqué présenté en séance.")

    return await _commande(request, f"presentation-{reunion_id}", "presenter_compte_rendu", agir)


# --- the bodies ---------------------------------------------------------------------------------


def _contexte_liste(request: Request, echec: Echec | None = None) -> dict[str, Any]:
    qui = acteur(request)
    return {
        "instances": plateforme(request).lecture_instances.instances(),
        "natures": list(NatureInstance),
        "libelles": {n.value: _(n.libelle) for n in NatureInstance},
        "arrondissements": arrondissements(),
        "agent": qui is not None and qui.role_agent is not None,
        "echec": echec or Echec(),
    }


async def liste(request: Request) -> Response:
    return rendre(request, LISTE, _contexte_liste(request))


async def creer(request: Request) -> Response:
    form = await formulaire(request)
    p = plateforme(request)
    p.instances.autoriser(acteur(request), "creer_instance", None)
    try:
        arrondissement = entier_optionnel(form, "arrondissement") or 0
        __, position = p.instances.creer_instance(
            acteur(request), texte(form, "nature"), texte(form, "nom"), arrondissement
        )
    except REFUS as erreur:
        contexte = _contexte_liste(request, Echec.depuis("instance", erreur, form))
        return rendre(request, LISTE, contexte, erreur.statut_http)
    return apres_commande(request, position, _("Instance ajoutée."), "/instances")
