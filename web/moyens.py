"""A council's means and training (rule 19): its page, public, shows the year's figures against
what was committed (the annual report's "moyens" section: nobody's name, small counts masked);
the Ville's and the État's agents also see each record and record, or cancel, on it.

Each form answers invalid input in place: the page again (422, or 409 for a record already
cancelled), the message next to the field, what was typed kept."""

from collections.abc import Callable
from datetime import date
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from domaine.comptes import Acteur, est_agent_ou_admin
from domaine.erreurs import ChampInvalide, au_champ
from domaine.moyens import (
    Institution,
    NatureAccompagnement,
    NatureBudget,
    ObjetEngagement,
    Recurrence,
)
from domaine.temps import annee_a_paris
from domaine.vocabulaire import Role
from langues import N_, _
from participation.moyens import ActionMoyens
from rapports.calcul import PREMIERE_ANNEE
from web.formulaires import (
    REFUS,
    Echec,
    arrondissement,
    entier,
    identifiant,
    jour,
    nombre,
    texte,
)
from web.rendu import acteur, apres_commande, plateforme, rendre
from web.securite import formulaire


def _annee(request: Request) -> int:
    cette_annee = annee_a_paris(plateforme(request).registre.maintenant())
    demandee = nombre(request.query_params.get("annee", ""))
    if demandee is None or not PREMIERE_ANNEE <= demandee <= cette_annee:
        return cette_annee
    return demandee


def _contexte(request: Request, a: int, annee: int, echec: Echec | None = None) -> dict[str, Any]:
    p = plateforme(request)
    qui = acteur(request)
    agent = qui is not None and qui.role_agent is not None
    cette_annee = annee_a_paris(p.registre.maintenant())
    return {
        "arrondissement": a,
        "annee": annee,
        "annees": list(range(cette_annee, PREMIERE_ANNEE - 1, -1)),
        "annees_budget": list(range(cette_annee + 1, PREMIERE_ANNEE - 1, -1)),
        "moyens": _pour_l_affichage(p.rapports.moyens(annee, a)),
        "agent": agent,
        "voit_les_enregistrements": est_agent_ou_admin(qui),
        "enregistrements": p.lecture_moyens.enregistrements(a) if est_agent_ou_admin(qui) else [],
        "formations": p.lecture_moyens.formations(a) if agent else [],
        "institution": _institution(qui),
        "institutions": list(Institution),
        "recurrences": list(Recurrence),
        "natures_budget": list(NatureBudget),
        "objets": list(ObjetEngagement),
        "natures_accompagnement": list(NatureAccompagnement),
        "echec": echec or Echec(),
    }


def _pour_l_affichage(moyens: dict[str, Any]) -> dict[str, Any]:
    """The report's ISO dates as dates, for the page's French dates."""
    for element in moyens.get("liste_des_formations", []) + moyens.get("liste_des_salles", []):
        for cle in ("le", "debut", "fin"):
            if isinstance(element.get(cle), str):
                element[cle] = date.fromisoformat(element[cle])
    return moyens


def _institution(qui: Acteur | None) -> str:
    return "etat" if qui is not None and qui.role_agent == Role.AGENT_ETAT else "ville"


async def page(request: Request) -> Response:
    a = arrondissement(request)
    return rendre(request, "conseils/moyens.html", _contexte(request, a, _annee(request)))


async def _enregistrer(
    request: Request,
    nom: str,
    action: ActionMoyens,
    message: str,
    commande: Callable[[FormData, int], int],
) -> Response:
    """The role first (403 whatever was typed), then the input (422 next to its field)."""
    a = arrondissement(request)
    form = await formulaire(request)
    plateforme(request).moyens.autoriser(acteur(request), action, a)
    try:
        position = commande(form, a)
    except REFUS as erreur:
        echec = Echec.depuis(nom, erreur, form)
        contexte = _contexte(request, a, _annee(request), echec)
        return rendre(request, "conseils/moyens.html", contexte, erreur.statut_http)
    return apres_commande(request, position, message, f"/conseils/{a}/moyens")


def _euros(form: FormData, champ: str, libelle: str) -> int:
    """Whole euros, as typed in France: "2 500" or "2500" (no cents)."""
    brut = texte(form, champ).replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    brut = brut.removesuffix("€")
    if not brut:
        raise ChampInvalide(champ, "Le champ « %(libelle)s » est obligatoire.", libelle=libelle)
    try:
        return int(brut)
    except ValueError:
        raise ChampInvalide(
            champ,
            "Le champ « %(libelle)s » s'écrit en euros entiers, sans centimes.",
            libelle=libelle,
        ) from None


def _jour_optionnel(form: FormData, champ: str, libelle: str) -> Any:
    if not texte(form, champ).strip():
        return None
    return au_champ(champ, lambda: jour(form, champ, libelle))


def _entier_optionnel(form: FormData, champ: str, libelle: str) -> int | None:
    if not texte(form, champ).strip():
        return None
    return au_champ(champ, lambda: entier(form, champ, libelle))


def _etp(form: FormData) -> int | None:
    """A full-time equivalent typed "0,5" or "1": kept in hundredths."""
    brut = texte(form, "etp").strip().replace(",", ".")
    if not brut:
        return None
    try:
        return round(float(brut) * 100)
    except (ValueError, OverflowError):
        raise ChampInvalide(
            "etp", "L'équivalent temps plein s'écrit 0,5 ou 1 par exemple."
        ) from None


def _qui(request: Request) -> Acteur | None:
    return acteur(request)


async def enregistrer_salle(request: Request) -> Response:
    def commande(form: FormData, a: int) -> int:
        return plateforme(request).moyens.enregistrer_salle(
            _qui(request),
            a,
            texte(form, "nom"),
            texte(form, "institution"),
            texte(form, "recurrence"),
            au_champ("debut", lambda: jour(form, "debut", _("date"))),
            _jour_optionnel(form, "fin", _("jusqu'au")),
        )

    return await _enregistrer(
        request, "salle", "enregistrer_salle", _("Salle enregistrée."), commande
    )


async def enregistrer_engagement(request: Request) -> Response:
    def commande(form: FormData, a: int) -> int:
        return plateforme(request).moyens.enregistrer_engagement(
            _qui(request),
            a,
            au_champ("annee", lambda: entier(form, "annee", _("année"))),
            texte(form, "institution"),
            texte(form, "objet"),
            _euros(form, "valeur", _("valeur engagée")),
        )

    return await _enregistrer(
        request, "engagement", "enregistrer_engagement", _("Engagement enregistré."), commande
    )


async def enregistrer_budget(request: Request) -> Response:
    def commande(form: FormData, a: int) -> int:
        return plateforme(request).moyens.enregistrer_budget(
            _qui(request),
            a,
            au_champ("annee", lambda: entier(form, "annee", _("année"))),
            texte(form, "institution"),
            texte(form, "nature"),
            _euros(form, "euros", _("montant")),
        )

    return await _enregistrer(
        request, "budget", "enregistrer_budget", _("Montant enregistré."), commande
    )


async def enregistrer_accompagnement(request: Request) -> Response:
    def commande(form: FormData, a: int) -> int:
        return plateforme(request).moyens.enregistrer_accompagnement(
            _qui(request),
            a,
            texte(form, "nature"),
            texte(form, "institution"),
            _etp(form),
            _entier_optionnel(form, "heures", _("heures")),
            au_champ("debut", lambda: jour(form, "debut", _("début"))),
            _jour_optionnel(form, "fin", _("fin")),
        )

    return await _enregistrer(
        request,
        "accompagnement",
        "enregistrer_accompagnement",
        _("Accompagnement enregistré."),
        commande,
    )


async def proposer_formation(request: Request) -> Response:
    def commande(form: FormData, a: int) -> int:
        return plateforme(request).moyens.proposer_formation(
            _qui(request),
            a,
            texte(form, "theme"),
            texte(form, "organisme"),
            texte(form, "institution"),
            au_champ("le", lambda: jour(form, "le", _("date de la formation"))),
        )

    return await _enregistrer(
        request, "formation", "proposer_formation", _("Formation enregistrée."), commande
    )


async def enregistrer_participations(request: Request) -> Response:
    def commande(form: FormData, a: int) -> int:
        if not texte(form, "formation"):
            raise ChampInvalide("formation", "Choisissez la formation.")
        formation = au_champ(
            "formation",
            lambda: identifiant(texte(form, "formation"), N_("Cette formation n'existe pas.")),
        )

        def compte(champ: str, libelle: str) -> int:
            return au_champ(champ, lambda: entier(form, champ, libelle, 0))

        return plateforme(request).moyens.enregistrer_participations(
            _qui(request),
            a,
            formation,
            compte("habitants", _("habitant·es")),
            compte("acteurs_locaux", _("acteurs locaux")),
            compte("femmes", _("femmes")),
            compte("hommes", _("hommes")),
            compte("autres", _("autres")),
            compte("non_precise", _("sans réponse")),
        )

    return await _enregistrer(
        request,
        "participations",
        "enregistrer_participations",
        _("Participation enregistrée."),
        commande,
    )


async def annuler(request: Request) -> Response:
    def commande(form: FormData, a: int) -> int:
        entree = identifiant(texte(form, "entree"), N_("Cet enregistrement n'existe pas."))
        return plateforme(request).moyens.annuler(_qui(request), a, entree, texte(form, "motif"))

    return await _enregistrer(
        request, "annulation", "annuler", _("Enregistrement annulé."), commande
    )
