"""Pages of the councils: home, a council, joining and leaving, its règlement, its history.

Every form here answers invalid input in place (HTTP 422, `Echec`): the joining form shows each
missing answer next to its question at once (`ChampsInvalides`), and with htmx only the `#adhesion` box
comes back; the règlement page's forms come back with the whole page.
"""

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response

from domaine.erreurs import (
    ChampInvalide,
    DonneeInvalide,
    ErreurParticipation,
    Introuvable,
    au_champ,
)
from domaine.quartiers import arrondissements, geographie_au, quartier_a_jour
from domaine.temps import fin_du_jour, jour_a_paris
from domaine.textes import jour_des_conseils
from domaine.vocabulaire import Role
from langues import _
from projections.lecture_avis import Filtre
from web.avis import liste_avis
from web.formulaires import REFUS, Echec, case, entier, jour, texte
from web.formulaires import arrondissement as _arrondissement
from web.limites import formulaire_limite
from web.rendu import acteur, apres_commande, est_fragment, plateforme, rendre
from web.securite import formulaire


async def accueil(request: Request) -> Response:
    p = plateforme(request)
    resumes = p.lecture.resumes(arrondissements(), p.registre.maintenant())
    return rendre(request, "accueil.html", {"resumes": resumes})


def _contexte_adhesion(request: Request, arrondissement: int) -> dict[str, object]:
    p = plateforme(request)
    qui = acteur(request)
    aujourd_hui = jour_a_paris(p.registre.maintenant())
    adhesion = p.lecture.adhesion(arrondissement, qui.compte_id) if qui else None
    geographie = geographie_au(aujourd_hui)
    return {
        "arrondissement": arrondissement,
        "effectifs": p.lecture.effectifs(arrondissement).get(arrondissement),
        "adhesion": adhesion,
        "quartiers": geographie.quartiers_de(arrondissement),
        "geographie": geographie,
        "quartier_perime": adhesion is not None
        and adhesion.actif
        and not quartier_a_jour(arrondissement, adhesion.quartier, aujourd_hui),
    }


async def conseil(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    return rendre(request, "conseils/page.html", _contexte_conseil(request, arrondissement))


def _contexte_conseil(request: Request, arrondissement: int) -> dict[str, Any]:
    p = plateforme(request)
    qui = acteur(request)
    maintenant = p.registre.maintenant()
    anime = qui is not None and qui.a_le_role(Role.ANIMATEUR, arrondissement)
    membres = p.lecture.membres_actifs(arrondissement) if anime else []
    passees = p.lecture.seances(arrondissement, maintenant, a_venir=False, limite=12)
    contexte = {
        **_contexte_adhesion(request, arrondissement),
        "conseil": p.lecture.conseil(arrondissement),
        "a_venir": p.lecture.seances(arrondissement, maintenant, a_venir=True),
        "passees": passees,
        "comptes_rendus_approuves": p.lecture_comptes_rendus.versions_approuvees(
            s.seance_id for s in passees
        ),
        "decisions": p.lecture.decisions_adoptees(arrondissement, limite=10),
        "reglement": next(iter(p.lecture.reglements(arrondissement)), None),
        "structure": next(iter(p.lecture.structures_porteuses(arrondissement)), None),
        "anime": anime,
        "membres": membres,
        "groupe_moteur": p.lecture.groupe_moteur(arrondissement),
        "avis": liste_avis(request, Filtre(arrondissement=arrondissement), limite=8),
        "membres_groupe_moteur": len(p.lecture.membres_groupe_moteur(arrondissement)),
        "noms": {
            str(k): v for k, v in p.identites.noms([UUID(m.personne_id) for m in membres]).items()
        },
    }
    return contexte


def refus_adhesion(
    request: Request, arrondissement: int, echec: Echec, erreur: ErreurParticipation
) -> Response:
    """The joining or leaving form again (422, or the state conflict's 409/404): the
    `#adhesion` box for htmx, else the whole page."""
    statut = erreur.statut_http
    if est_fragment(request):
        contexte = {**_contexte_adhesion(request, arrondissement), "echec": echec}
        return rendre(request, "conseils/_adhesion.html", contexte, statut)
    contexte = {**_contexte_conseil(request, arrondissement), "echec": echec}
    return rendre(request, "conseils/page.html", contexte, statut)


async def rejoindre(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
    p.assemblee.autoriser(acteur(request), "rejoindre", arrondissement)
    try:
        position = p.assemblee.rejoindre(
            acteur(request),
            arrondissement,
            college=texte(form, "college"),
            genre=texte(form, "genre"),
            tranche_age=texte(form, "tranche_age"),
            quartier=texte(form, "quartier"),
            eligible=case(form, "eligibilite"),
            structure_nom=texte(form, "structure_nom"),
            structure_type=texte(form, "structure_type"),
            consentement_parental=case(form, "consentement_parental"),
        )
    except REFUS as erreur:
        return refus_adhesion(
            request, arrondissement, Echec.depuis("adhesion", erreur, form), erreur
        )
    return apres_adhesion(
        request, arrondissement, position, _("Bienvenue dans l'assemblée ouverte !")
    )


async def quitter(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
    p.assemblee.autoriser(acteur(request), "quitter", arrondissement)
    try:
        position = p.assemblee.quitter(acteur(request), arrondissement, texte(form, "motif"))
    except (*REFUS, Introuvable) as erreur:  # Introuvable: no longer a member (another tab)
        return refus_adhesion(request, arrondissement, Echec.depuis("depart", erreur, form), erreur)
    return apres_adhesion(
        request, arrondissement, position, _("Vous avez quitté l'assemblée ouverte.")
    )


async def redeclarer_quartier(request: Request) -> Response:
    """A member declares their neighbourhood again (asked when it left the list in force)."""
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
    p.assemblee.autoriser(acteur(request), "redeclarer_quartier", arrondissement)
    try:
        position = p.assemblee.redeclarer_quartier(
            acteur(request), arrondissement, texte(form, "quartier")
        )
    except (*REFUS, Introuvable) as erreur:
        return refus_adhesion(
            request, arrondissement, Echec.depuis("quartier", erreur, form), erreur
        )
    return apres_adhesion(request, arrondissement, position, _("Votre quartier est enregistré."))


def apres_adhesion(request: Request, arrondissement: int, position: int, message: str) -> Response:
    """htmx gets the membership box and the new counts (out of band); others a redirect."""
    if not est_fragment(request):
        return apres_commande(request, position, message, f"/conseils/{arrondissement}")
    plateforme(request).projecteur.attendre(position)
    contexte = {**_contexte_adhesion(request, arrondissement), "confirmation": message}
    return rendre(request, "conseils/_adhesion_maj.html", contexte)


async def reglement(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    return rendre(request, "conseils/reglement.html", _contexte_reglement(request, arrondissement))


def _contexte_reglement(
    request: Request, arrondissement: int, echec: Echec | None = None
) -> dict[str, Any]:
    p = plateforme(request)
    qui = acteur(request)
    return {
        "arrondissement": arrondissement,
        "versions": p.lecture.reglements(arrondissement),
        "structures": p.lecture.structures_porteuses(arrondissement),
        "conseil": p.lecture.conseil(arrondissement),
        "anime": qui is not None and qui.a_le_role(Role.ANIMATEUR, arrondissement),
        "agent": qui is not None and qui.role_agent is not None,
        "aujourd_hui": jour_a_paris(p.registre.maintenant()).isoformat(),
        "echec": echec or Echec(),
    }


def _refus_reglement(
    request: Request, arrondissement: int, nom: str, erreur: ErreurParticipation, form: FormData
) -> Response:
    """The règlement page again (422, or 409 for a state conflict), the refused form showing
    what was typed."""
    contexte = _contexte_reglement(request, arrondissement, Echec.depuis(nom, erreur, form))
    return rendre(request, "conseils/reglement.html", contexte, erreur.statut_http)


async def deposer_reglement(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    form = await formulaire_limite(request, "publication")
    p = plateforme(request)
    p.conseils.autoriser(acteur(request), "deposer_reglement", arrondissement)
    try:
        position = p.conseils.deposer_reglement(
            acteur(request), arrondissement, texte(form, "texte")
        )
    except REFUS as erreur:
        return _refus_reglement(request, arrondissement, "reglement", erreur, form)
    return apres_commande(
        request,
        position,
        _("Nouvelle version du règlement intérieur déposée."),
        f"/conseils/{arrondissement}/reglement",
    )


async def designer_structure_porteuse(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
    p.conseils.autoriser(acteur(request), "designer_structure_porteuse", arrondissement)
    try:
        position = p.conseils.designer_structure_porteuse(
            acteur(request),
            arrondissement,
            texte(form, "nom"),
            texte(form, "forme"),
            au_champ("depuis", lambda: jour(form, "depuis", _("date de début"))),
        )
    except REFUS as erreur:
        return _refus_reglement(request, arrondissement, "structure", erreur, form)
    return apres_commande(
        request,
        position,
        _("Structure porteuse enregistrée."),
        f"/conseils/{arrondissement}/reglement",
    )


async def statuer_conformite(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
    p.conseils.autoriser(acteur(request), "statuer_conformite", arrondissement)
    try:
        position = p.conseils.statuer_conformite(
            acteur(request),
            arrondissement,
            entier(form, "numero", _("version")),
            texte(form, "statut"),
            texte(form, "motif"),
        )
    except REFUS as erreur:
        return _refus_reglement(request, arrondissement, "conformite", erreur, form)
    return apres_commande(
        request,
        position,
        _("Conformité du règlement intérieur enregistrée."),
        f"/conseils/{arrondissement}/reglement",
    )


async def fixer_majorite(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
    p.conseils.autoriser(acteur(request), "fixer_regle_majorite", arrondissement)
    try:
        position = p.conseils.fixer_regle_majorite(
            acteur(request), arrondissement, texte(form, "regle")
        )
    except REFUS as erreur:
        return _refus_reglement(request, arrondissement, "majorite", erreur, form)
    return apres_commande(
        request,
        position,
        _("Règle de majorité enregistrée."),
        f"/conseils/{arrondissement}/reglement",
    )


async def historique(request: Request) -> Response:
    """The council as it stood at the end of a chosen day, replayed from the event log. A date
    that is not a day of the councils' past comes back next to the field (422)."""
    arrondissement = _arrondissement(request)
    p = plateforme(request)
    aujourd_hui = jour_a_paris(p.registre.maintenant())
    brut = request.query_params.get("au", "")
    contexte: dict[str, Any] = {
        "arrondissement": arrondissement,
        "au": brut,
        "etat": None,
        "aujourd_hui": aujourd_hui.isoformat(),
    }
    if not brut:
        return rendre(request, "conseils/historique.html", contexte)
    try:
        choisi = _jour_passe(brut, aujourd_hui)
    except DonneeInvalide as erreur:
        saisie: list[tuple[str, str | UploadFile]] = list(request.query_params.multi_items())
        contexte["echec"] = Echec.depuis("historique", erreur, FormData(saisie))
        return rendre(request, "conseils/historique.html", contexte, 422)
    fin = fin_du_jour(choisi) - timedelta(microseconds=1)
    contexte["etat"] = p.historique.etat_au(arrondissement, fin)
    return rendre(request, "conseils/historique.html", contexte)


def _jour_passe(brut: str, aujourd_hui: date) -> date:
    try:
        choisi = date.fromisoformat(brut.strip())
    except ValueError:
        raise ChampInvalide(
            "au", "Date invalide : choisissez un jour (format AAAA-MM-JJ)."
        ) from None
    if choisi > aujourd_hui:
        raise ChampInvalide("au", "Choisissez un jour passé, ou aujourd'hui.")
    return au_champ("au", lambda: jour_des_conseils(choisi, _("date")))
