"""Pages of avis: the lists (per council, Paris-wide for agents), each avis with its timeline,
and the forms of each role; plus the signed-in account's notifications."""

from datetime import date
from typing import Any
from uuid import UUID

from starlette.requests import Request
from starlette.responses import Response

from domaine.comptes import exiger_compte
from domaine.erreurs import DonneeInvalide, Introuvable
from domaine.temps import jour_a_paris
from domaine.vocabulaire import Destinataire, OrigineAvis, Role, StatutAvis
from participation.plateforme import Plateforme
from projections.lecture import en_utc
from projections.lecture_avis import Filtre
from web.formulaires import arrondissement as _arrondissement
from web.formulaires import entier, entier_optionnel, identifiant, jour, texte
from web.limites import formulaire_limite
from web.rendu import acteur, apres_commande, plateforme, rendre
from web.securite import formulaire

INTROUVABLE = "Cet avis n'existe pas."
ETAPES = {
    "saisine": "Saisine du conseil",
    "redaction": "Projet d'avis rédigé",
    "amendement": "Projet modifié",
    "cosignature": "Nouveau·elle cosignataire",
    "adoption": "Adopté en assemblée ouverte",
    "rejet": "Rejeté en assemblée ouverte, à retravailler",
    "transmission": "Transmis au destinataire",
    "accuse_reception": "Réception accusée",
    "reponse": "Réponse reçue",
    "partenaires_informes": "Partenaires informés par le préfet",
    "diagnostic": "Diagnostic présenté au comité de pilotage",
    "cloture": "Avis clos",
    "retrait": "Avis retiré",
    "rappel": "Rappel envoyé",
}


def _avis_id(request: Request) -> UUID:
    return identifiant(request.path_params["avis_id"], INTROUVABLE)


def etat_du_delai(ligne: Any, aujourd_hui: date) -> dict[str, Any]:
    """What the pages say about the deadline: days waiting, overdue, whose deadline."""
    statut = StatutAvis(ligne.statut)
    attente = None
    if statut.attend_une_reponse and ligne.transmis_le is not None:
        attente = (aujourd_hui - jour_a_paris(en_utc(ligne.transmis_le))).days
    if statut.attend_une_reponse:
        echeance, de_qui = ligne.echeance_reponse, "institution"
    elif statut.avant_transmission and ligne.echeance_saisine is not None:
        echeance, de_qui = ligne.echeance_saisine, "conseil"
    else:
        echeance, de_qui = None, ""
    return {
        "jours_d_attente": attente,
        "echeance": echeance,
        "echeance_de": de_qui,
        "en_retard": echeance is not None and aujourd_hui > echeance,
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


def liste_avis(request: Request, filtre: Filtre, limite: int = 200) -> list[dict[str, Any]]:
    """Avis with what the lists say of their deadline, overdue first."""
    p = plateforme(request)
    aujourd_hui = jour_a_paris(p.registre.maintenant())
    return [
        {"avis": ligne, **etat_du_delai(ligne, aujourd_hui)}
        for ligne in p.lecture_avis.liste(filtre, aujourd_hui, limite)
    ]


async def du_conseil(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    p = plateforme(request)
    qui = acteur(request)
    membre = _membre(request, arrondissement)
    contexte = {
        **_vocabulaire(),
        "arrondissement": arrondissement,
        "liste": liste_avis(request, Filtre(arrondissement=arrondissement)),
        "conseil": p.lecture.conseil(arrondissement),
        "membre": membre,
        "anime": qui is not None and qui.a_le_role(Role.ANIMATEUR, arrondissement),
        "agent": qui is not None and qui.role_agent is not None,
    }
    return rendre(request, "avis/conseil.html", contexte)


async def tous(request: Request) -> Response:
    """Paris-wide: what agents must answer (their side's avis, overdue first)."""
    qui = acteur(request)
    parametres = request.query_params
    arrondissement = parametres.get("conseil", "")
    destinataire = parametres.get("destinataire", "")
    if destinataire == "" and qui is not None and qui.role_agent is not None:
        destinataire = "mes"
    if destinataire == "mes" and qui is not None:
        destinataires = tuple(
            d.value for d in Destinataire if any(qui.a_le_role(r) for r in d.roles_repondants)
        )
    elif destinataire in {d.value for d in Destinataire}:
        destinataires = (destinataire,)
    else:
        destinataire, destinataires = "tous", ()
    statut = parametres.get("statut", "")
    filtre = Filtre(
        arrondissement=int(arrondissement) if arrondissement.isdecimal() else None,
        destinataires=destinataires,
        statut=statut if statut in {s.value for s in StatutAvis} else "",
        seulement_en_retard=parametres.get("retard") == "oui",
    )
    contexte = {
        **_vocabulaire(),
        "liste": liste_avis(request, filtre),
        "filtre": filtre,
        "choix_destinataire": destinataire,
        "agent": qui is not None and qui.role_agent is not None,
    }
    return rendre(request, "avis/tous.html", contexte, fragment="avis/_resultats.html")


async def page(request: Request) -> Response:
    avis_id = _avis_id(request)
    p = plateforme(request)
    ligne = p.lecture_avis.avis(str(avis_id))
    if ligne is None:
        raise Introuvable(INTROUVABLE)
    qui = acteur(request)
    arrondissement = ligne.arrondissement
    statut = StatutAvis(ligne.statut)
    destinataire = Destinataire(ligne.destinataire)
    auteurs = p.lecture_avis.auteurs(str(avis_id))
    anime = qui is not None and qui.a_le_role(Role.ANIMATEUR, arrondissement)
    repondant = qui is not None and any(qui.a_le_role(r) for r in destinataire.roles_repondants)
    membre = _membre(request, arrondissement)
    auteur = qui is not None and str(qui.compte_id) in auteurs
    contexte = {
        **_vocabulaire(),
        "avis": ligne,
        "statut": statut,
        "destinataire": destinataire,
        "arrondissement": arrondissement,
        "versions": p.lecture_avis.versions(str(avis_id)),
        "reponses": p.lecture_avis.reponses(str(avis_id)),
        "etapes": p.lecture_avis.etapes(str(avis_id)),
        "nombre_auteurs": len(auteurs),
        "noms_auteurs": _noms_ou_effacee(p, auteurs) if anime else [],
        "anime": anime,
        "repondant": repondant,
        "prefecture": qui is not None and qui.a_le_role(Role.AGENT_ETAT),
        "membre": membre,
        "auteur": auteur,
        "peut_rediger": (auteur or anime) and statut == StatutAvis.BROUILLON,
        "premier_jet": (membre or anime) and statut == StatutAvis.SAISINE_RECUE,
        "decisions": p.lecture_avis.decisions_recentes(arrondissement) if anime else [],
        **etat_du_delai(ligne, jour_a_paris(p.registre.maintenant())),
    }
    return rendre(request, "avis/page.html", contexte)


async def rediger(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    form = await formulaire_limite(request, "publication")
    avis_id, position = plateforme(request).avis.rediger(
        acteur(request),
        arrondissement,
        texte(form, "origine") or OrigineAvis.AUTO_SAISINE.value,
        texte(form, "titre"),
        texte(form, "texte"),
        texte(form, "destinataire"),
        texte(form, "institution"),
        texte(form, "sujet"),
        texte(form, "axe"),
    )
    return apres_commande(request, position, "Projet d'avis enregistré.", f"/avis/{avis_id}")


async def saisir(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    form = await formulaire_limite(request, "publication")
    avis_id, position = plateforme(request).avis.saisir(
        acteur(request),
        arrondissement,
        texte(form, "titre"),
        texte(form, "question"),
        jour(form, "demandee_le", "date de la demande"),
        jour(form, "echeance", "échéance"),
        texte(form, "sujet"),
        texte(form, "axe"),
    )
    return apres_commande(request, position, "Saisine enregistrée.", f"/avis/{avis_id}")


async def fixer_delai(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    position = plateforme(request).avis.fixer_delai_reponse(
        acteur(request), arrondissement, entier(form, "mois", "délai de réponse")
    )
    return apres_commande(
        request, position, "Délai de réponse enregistré.", f"/conseils/{arrondissement}/avis"
    )


async def amender(request: Request) -> Response:
    avis_id = _avis_id(request)
    form = await formulaire_limite(request, "publication")
    position = plateforme(request).avis.amender(
        acteur(request),
        avis_id,
        entier_optionnel(form, "version"),
        texte(form, "titre"),
        texte(form, "texte"),
    )
    return apres_commande(request, position, "Projet d'avis enregistré.", f"/avis/{avis_id}")


async def cosigner(request: Request) -> Response:
    avis_id = _avis_id(request)
    await formulaire_limite(request, "soutien")
    position = plateforme(request).avis.cosigner(acteur(request), avis_id)
    return apres_commande(request, position, "Vous cosignez ce projet d'avis.", f"/avis/{avis_id}")


async def voter(request: Request) -> Response:
    avis_id = _avis_id(request)
    form = await formulaire(request)
    choix = texte(form, "decision")
    seance, _, numero = choix.partition(":")
    if not numero.isdecimal():
        raise DonneeInvalide("Choisissez la décision de séance qui a statué sur cet avis.")
    position = plateforme(request).avis.soumettre_au_vote(
        acteur(request),
        avis_id,
        identifiant(seance, "Cette séance n'existe pas."),
        int(numero),
    )
    return apres_commande(request, position, "Vote de l'assemblée enregistré.", f"/avis/{avis_id}")


async def transmettre(request: Request) -> Response:
    avis_id = _avis_id(request)
    form = await formulaire(request)
    position = plateforme(request).avis.transmettre(
        acteur(request), avis_id, entier_optionnel(form, "version")
    )
    return apres_commande(request, position, "Avis transmis.", f"/avis/{avis_id}")


async def accuser_reception(request: Request) -> Response:
    avis_id = _avis_id(request)
    await formulaire(request)
    position = plateforme(request).avis.accuser_reception(acteur(request), avis_id)
    return apres_commande(request, position, "Réception accusée.", f"/avis/{avis_id}")


async def repondre(request: Request) -> Response:
    avis_id = _avis_id(request)
    form = await formulaire_limite(request, "publication")
    position = plateforme(request).avis.repondre(
        acteur(request),
        avis_id,
        entier_optionnel(form, "version"),
        texte(form, "texte"),
        texte(form, "liens").splitlines(),
    )
    return apres_commande(request, position, "Réponse enregistrée.", f"/avis/{avis_id}")


async def informer_partenaires(request: Request) -> Response:
    avis_id = _avis_id(request)
    form = await formulaire(request)
    position = plateforme(request).avis.informer_partenaires(
        acteur(request), avis_id, entier_optionnel(form, "version"), texte(form, "texte")
    )
    return apres_commande(
        request, position, "Information des partenaires enregistrée.", f"/avis/{avis_id}"
    )


async def presenter_diagnostic(request: Request) -> Response:
    avis_id = _avis_id(request)
    form = await formulaire(request)
    position = plateforme(request).avis.presenter_diagnostic(
        acteur(request),
        avis_id,
        entier_optionnel(form, "version"),
        jour(form, "comite_le", "date du comité de pilotage"),
        texte(form, "texte"),
    )
    return apres_commande(request, position, "Diagnostic enregistré.", f"/avis/{avis_id}")


async def clore(request: Request) -> Response:
    avis_id = _avis_id(request)
    form = await formulaire(request)
    position = plateforme(request).avis.clore(
        acteur(request), avis_id, entier_optionnel(form, "version"), texte(form, "motif")
    )
    return apres_commande(request, position, "Avis clos.", f"/avis/{avis_id}")


async def retirer(request: Request) -> Response:
    avis_id = _avis_id(request)
    form = await formulaire(request)
    position = plateforme(request).avis.retirer(
        acteur(request), avis_id, entier_optionnel(form, "version"), texte(form, "motif")
    )
    return apres_commande(request, position, "Avis retiré.", f"/avis/{avis_id}")


async def notifications(request: Request) -> Response:
    qui = exiger_compte(acteur(request))
    lignes = plateforme(request).lecture_avis.notifications(str(qui.compte_id))
    return rendre(request, "avis/notifications.html", {"notifications": lignes})


def _noms_ou_effacee(p: Plateforme, auteurs: list[str]) -> list[str]:
    """The authors' display names; an erased author still counts, as "Personne effacée"."""
    noms = p.identites.noms([UUID(a) for a in auteurs])
    return sorted(noms.get(UUID(a)) or "Personne effacée" for a in auteurs)
