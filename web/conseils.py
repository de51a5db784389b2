"""Pages of the councils: home, a council, joining and leaving, its règlement, its history."""

from datetime import datetime, timedelta
from uuid import UUID

from starlette.requests import Request
from starlette.responses import Response

from domaine.erreurs import DonneeInvalide
from domaine.quartiers import ARRONDISSEMENTS, geographie_au
from domaine.temps import fin_du_jour, jour_a_paris
from domaine.vocabulaire import Role
from projections.lecture_avis import Filtre
from web.avis import liste_avis
from web.formulaires import arrondissement as _arrondissement
from web.formulaires import case, entier, jour, texte
from web.limites import formulaire_limite
from web.rendu import acteur, apres_commande, est_fragment, plateforme, rendre
from web.securite import formulaire


async def accueil(request: Request) -> Response:
    p = plateforme(request)
    resumes = p.lecture.resumes(ARRONDISSEMENTS, p.registre.maintenant())
    return rendre(request, "accueil.html", {"resumes": resumes})


def _contexte_adhesion(request: Request, arrondissement: int) -> dict[str, object]:
    p = plateforme(request)
    qui = acteur(request)
    maintenant = p.registre.maintenant()
    return {
        "arrondissement": arrondissement,
        "effectifs": p.lecture.effectifs(arrondissement).get(arrondissement),
        "adhesion": p.lecture.adhesion(arrondissement, qui.compte_id) if qui else None,
        "quartiers": geographie_au(jour_a_paris(maintenant)).quartiers_de(arrondissement),
    }


async def conseil(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    p = plateforme(request)
    qui = acteur(request)
    maintenant = p.registre.maintenant()
    anime = qui is not None and qui.a_le_role(Role.ANIMATEUR, arrondissement)
    membres = p.lecture.membres_actifs(arrondissement) if anime else []
    contexte = {
        **_contexte_adhesion(request, arrondissement),
        "conseil": p.lecture.conseil(arrondissement),
        "a_venir": p.lecture.seances(arrondissement, maintenant, a_venir=True),
        "passees": p.lecture.seances(arrondissement, maintenant, a_venir=False, limite=12),
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
    return rendre(request, "conseils/page.html", contexte)


async def rejoindre(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
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
    return _apres_adhesion(
        request, arrondissement, position, "Bienvenue dans l'assemblée ouverte !"
    )


async def quitter(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
    position = p.assemblee.quitter(acteur(request), arrondissement, texte(form, "motif"))
    return _apres_adhesion(
        request, arrondissement, position, "Vous avez quitté l'assemblée ouverte."
    )


def _apres_adhesion(request: Request, arrondissement: int, position: int, message: str) -> Response:
    """htmx gets the membership box and the new counts (out of band); others a redirect."""
    if not est_fragment(request):
        return apres_commande(request, position, message, f"/conseils/{arrondissement}")
    plateforme(request).projecteur.attendre(position)
    contexte = {**_contexte_adhesion(request, arrondissement), "confirmation": message}
    return rendre(request, "conseils/_adhesion_maj.html", contexte)


async def reglement(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    p = plateforme(request)
    qui = acteur(request)
    contexte = {
        "arrondissement": arrondissement,
        "versions": p.lecture.reglements(arrondissement),
        "structures": p.lecture.structures_porteuses(arrondissement),
        "conseil": p.lecture.conseil(arrondissement),
        "anime": qui is not None and qui.a_le_role(Role.ANIMATEUR, arrondissement),
        "agent": qui is not None and qui.role_agent is not None,
    }
    return rendre(request, "conseils/reglement.html", contexte)


async def deposer_reglement(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    form = await formulaire_limite(request, "publication")
    p = plateforme(request)
    position = p.conseils.deposer_reglement(acteur(request), arrondissement, texte(form, "texte"))
    return apres_commande(
        request,
        position,
        "Nouvelle version du règlement intérieur déposée.",
        f"/conseils/{arrondissement}/reglement",
    )


async def designer_structure_porteuse(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    position = plateforme(request).conseils.designer_structure_porteuse(
        acteur(request),
        arrondissement,
        texte(form, "nom"),
        texte(form, "forme"),
        jour(form, "depuis", "date de début"),
    )
    return apres_commande(
        request,
        position,
        "Structure porteuse enregistrée.",
        f"/conseils/{arrondissement}/reglement",
    )


async def statuer_conformite(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
    position = p.conseils.statuer_conformite(
        acteur(request),
        arrondissement,
        entier(form, "numero", "version"),
        texte(form, "statut"),
        texte(form, "motif"),
    )
    return apres_commande(
        request,
        position,
        "Conformité du règlement intérieur enregistrée.",
        f"/conseils/{arrondissement}/reglement",
    )


async def fixer_majorite(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
    position = p.conseils.fixer_regle_majorite(
        acteur(request), arrondissement, texte(form, "regle")
    )
    return apres_commande(
        request, position, "Règle de majorité enregistrée.", f"/conseils/{arrondissement}/reglement"
    )


async def historique(request: Request) -> Response:
    """The council as it stood at the end of a chosen day, replayed from the event log."""
    arrondissement = _arrondissement(request)
    p = plateforme(request)
    brut = request.query_params.get("au", "")
    etat = None
    if brut:
        try:
            jour = datetime.fromisoformat(brut).date()
        except ValueError:
            raise DonneeInvalide("Date invalide : utilisez le format AAAA-MM-JJ.") from None
        etat = p.historique.etat_au(arrondissement, fin_du_jour(jour) - timedelta(microseconds=1))
    contexte = {"arrondissement": arrondissement, "au": brut, "etat": etat}
    return rendre(request, "conseils/historique.html", contexte)
