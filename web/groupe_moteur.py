"""The groupe moteur of a council: volunteering, composition against the targets, history,
and the animateur's tools (targets, announcing a tirage, exits with replacement)."""

import json
import re
from collections import Counter
from typing import Any
from uuid import UUID

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response

from domaine.comptes import exiger_animateur
from domaine.erreurs import DonneeInvalide
from domaine.groupe_moteur import Membre, Objectifs, alertes
from domaine.quartiers import geographie_au
from domaine.temps import jour_a_paris
from domaine.vocabulaire import College, Genre, MotifSortieGroupe, Role, VoieEntree
from participation.groupe_moteur import candidat_volontaire
from participation.plateforme import Plateforme
from projections.lecture import en_utc
from tirage.loterie import TICKETS_PAR_DEFAUT
from tirage.vivier import Candidat
from web.conseils import _apres_adhesion
from web.formulaires import arrondissement as _arrondissement
from web.formulaires import case, entier, identifiant, texte
from web.rendu import (
    acteur,
    apres_commande,
    plateforme,
    rendre,
)
from web.securite import formulaire

LISTE_MAX_OCTETS = 2 * 1024 * 1024
TICKETS_MIN, TICKETS_MAX = 10, 100_000


def noms_des_comptes(p: Plateforme, ids: list[str], arrondissement: int) -> dict[str, str]:
    """Names for animateurs: accounts (site volunteers) by their display name; people imported
    from a list by the contact details kept in the erasable store, when the list had them."""
    comptes, autres = [], []
    for brut in dict.fromkeys(ids):
        try:
            comptes.append(UUID(brut))
        except ValueError:
            autres.append(brut)
    noms = {str(k): v for k, v in p.identites.noms(comptes).items()}
    for ident, c in p.identites.coordonnees(arrondissement, autres).items():
        nom = " ".join(x for x in (c.get("prenom", ""), c.get("nom", "")) if x)
        contact = c.get("email") or c.get("courriel") or c.get("telephone") or ""
        noms[ident] = ", ".join(x for x in (nom, contact) if x)
    return noms


def json_lisible(document: Any) -> str:
    """Indented JSON with each [min, max] pair on one line, for people to edit."""
    texte = json.dumps(document, indent=2, ensure_ascii=False)
    return re.sub(r"\[\s*(-?\d+),\s*(-?\d+)\s*\]", r"[\1, \2]", texte)


def _membre(ligne: Any) -> Membre:
    return Membre(
        ligne.membre_id,
        College(ligne.college),
        Genre(ligne.genre),
        ligne.quartier,
        VoieEntree(ligne.voie),
        en_utc(ligne.depuis),
        ligne.tirage_id,
        en_utc(ligne.reponse_avant) if ligne.reponse_avant is not None else None,
    )


def _contexte(request: Request, arrondissement: int) -> dict[str, Any]:
    p = plateforme(request)
    qui = acteur(request)
    anime = qui is not None and qui.a_le_role(Role.ANIMATEUR, arrondissement)
    maintenant = p.registre.maintenant()
    quartiers = geographie_au(jour_a_paris(maintenant)).quartiers_de(arrondissement)
    ligne = p.lecture.groupe_moteur(arrondissement)
    lignes = p.lecture.membres_groupe_moteur(arrondissement)
    membres = [_membre(r) for r in lignes]
    mouvements = p.lecture.mouvements_groupe_moteur(arrondissement)
    ids_membres = {m.membre_id for m in membres}
    volontaires = [
        v
        for v in p.lecture.volontaires_groupe_moteur(arrondissement)
        if v.personne_id not in ids_membres
    ]
    contexte: dict[str, Any] = {
        "arrondissement": arrondissement,
        "anime": anime,
        "groupe": ligne,
        "quartiers": quartiers,
        "membres": membres,
        "mouvements": mouvements,
        "tirages": p.lecture.tirages(arrondissement),
        "volontaires": len(volontaires),
        "noms": {},
        "maintenant": maintenant,
    }
    if ligne is None:
        return contexte
    objectifs = Objectifs(
        ligne.taille, ligne.part_habitants, ligne.parite, ligne.minimum_par_quartier
    )
    # Seats held by announced tirages not drawn yet (the aggregate's reservations).
    reservees = sum(t.taille for t in contexte["tirages"] if t.effectue_le is None)
    places_libres = max(0, objectifs.taille - len(membres) - reservees)
    contexte.update(
        objectifs=objectifs,
        places_libres=places_libres,
        places_reservees=reservees,
        alertes=alertes(objectifs, membres, maintenant, quartiers),
        par_college_genre=Counter((m.college.value, m.genre.value) for m in membres),
        par_college=Counter(m.college.value for m in membres),
        par_genre=Counter(m.genre.value for m in membres),
        par_quartier=Counter(m.quartier for m in membres),
    )
    if anime:
        en_attente = _volontaires(p, arrondissement)
        ids = [m.membre_id for m in membres] + [r.membre_id for r in mouvements]
        contexte["noms"] = noms_des_comptes(p, ids + [c.id for c in en_attente], arrondissement)
        contexte["volontaires_en_attente"] = en_attente
        contexte["decisions_adoptees"] = p.lecture.decisions_adoptees(arrondissement)
        if places_libres:
            quotas = p.groupe_moteur.quotas_proposes(arrondissement)
            contexte["quotas_proposes"] = json_lisible(quotas)
    return contexte


async def page(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    return rendre(request, "groupe_moteur/page.html", _contexte(request, arrondissement))


async def volontariat(request: Request) -> Response:
    """A member of the open assembly volunteers for the groupe moteur, or withdraws."""
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    volontaire = texte(form, "volontaire") == "oui"
    position = plateforme(request).assemblee.declarer_volontariat(
        acteur(request), arrondissement, volontaire
    )
    message = (
        "Vous êtes volontaire pour le groupe moteur : vous serez dans le vivier du prochain "
        "tirage au sort."
        if volontaire
        else "Vous avez retiré votre candidature au groupe moteur."
    )
    return _apres_adhesion(request, arrondissement, position, message)


async def fixer_objectifs(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
    objectifs = Objectifs(
        taille=entier(form, "taille", "taille du groupe moteur"),
        part_habitants=entier(form, "part_habitants", "part des habitant·es", defaut=67),
        parite=case(form, "parite"),
        minimum_par_quartier=entier(
            form, "minimum_par_quartier", "minimum par quartier prioritaire", defaut=0
        ),
    )
    nouveau = p.lecture.groupe_moteur(arrondissement) is None
    position = p.groupe_moteur.fixer_objectifs(acteur(request), arrondissement, objectifs)
    message = "Groupe moteur constitué." if nouveau else "Objectifs du groupe moteur enregistrés."
    return apres_commande(request, position, message, f"/conseils/{arrondissement}/groupe-moteur")


def _quotas(brut: str) -> dict[str, Any]:
    try:
        valeur = json.loads(brut)
    except json.JSONDecodeError as erreur:
        raise DonneeInvalide(
            f"Les quotas ne sont pas un JSON valide (ligne {erreur.lineno}, colonne "
            f"{erreur.colno}). Corrigez-les, ou rechargez la page pour retrouver les quotas "
            "proposés."
        ) from None
    if not isinstance(valeur, dict):
        raise DonneeInvalide(
            'Les quotas doivent être un objet JSON : {"taille": …, "quotas": {…}}.'
        )
    return valeur


async def _liste_importee(form: FormData) -> str:
    """The imported list (POOL.csv): an uploaded file or text pasted in the form."""
    fichier = form.get("fichier")
    contenu = ""
    if isinstance(fichier, UploadFile) and fichier.filename:
        brut = await fichier.read(LISTE_MAX_OCTETS + 1)
        if len(brut) > LISTE_MAX_OCTETS:
            raise DonneeInvalide("La liste importée dépasse 2 Mo.")
        try:
            contenu = brut.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DonneeInvalide(
                "La liste importée doit être un fichier CSV encodé en UTF-8."
            ) from None
    collee = texte(form, "liste")
    if contenu.strip() and collee.strip():
        raise DonneeInvalide("Importez la liste par un fichier ou collez-la, pas les deux.")
    return contenu if contenu.strip() else collee


def _volontaires(p: Plateforme, arrondissement: int) -> list[Candidat]:
    """Site volunteers, as lottery candidates, except those already in the groupe moteur."""
    deja = {m.membre_id for m in p.lecture.membres_groupe_moteur(arrondissement)}
    return [
        candidat_volontaire(v.personne_id, v.college, v.genre, v.quartier)
        for v in p.lecture.volontaires_groupe_moteur(arrondissement)
        if v.personne_id not in deja
    ]


async def annoncer_tirage(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
    qui = acteur(request)
    exiger_animateur(qui, arrondissement)  # before reading the inputs: 403 first
    quotas = _quotas(texte(form, "quotas"))
    liste = await _liste_importee(form)
    tickets = entier(form, "tickets", "nombre de tickets", defaut=TICKETS_PAR_DEFAUT)
    if not TICKETS_MIN <= tickets <= TICKETS_MAX:
        raise DonneeInvalide(
            f"Le nombre de tickets doit être compris entre {TICKETS_MIN} et "
            f"{TICKETS_MAX:_}.".replace("_", " ")
        )
    volontaires = _volontaires(p, arrondissement) if case(form, "volontaires") else []
    # Solving the lottery takes a moment: keep the event loop free for the other requests.
    tirage_id, position = await run_in_threadpool(
        p.groupe_moteur.annoncer_tirage,
        qui,
        arrondissement,
        quotas,
        texte(form, "hasard_prevu"),
        volontaires,
        liste,
        tickets,
    )
    return apres_commande(
        request,
        position,
        "Tirage annoncé : son engagement est publié. Le résultat s'affichera ici au moment du "
        "tirage.",
        f"/tirages/{tirage_id}",
    )


async def accepter_volontaire(request: Request) -> Response:
    """A volunteer of the open assembly takes a seat without a tirage."""
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
    personne_id = identifiant(texte(form, "personne_id"), "Personne inconnue.")
    position = p.groupe_moteur.accepter_volontaire(acteur(request), arrondissement, personne_id)
    return apres_commande(
        request,
        position,
        "Volontaire accepté·e au groupe moteur.",
        f"/conseils/{arrondissement}/groupe-moteur",
    )


def _liste_designee(brut: str) -> list[tuple[str, str, str]]:
    """Lines `identifiant,genre,quartier` typed by the animateur."""
    membres = []
    for numero, ligne in enumerate(brut.splitlines(), start=1):
        if not ligne.strip():
            continue
        champs = [c.strip() for c in ligne.split(",")]
        if len(champs) != 3 or not all(champs) or len(champs[0]) > 64:
            raise DonneeInvalide(
                f"Ligne {numero} de la liste : attendu « identifiant,genre,quartier »."
            )
        membres.append((champs[0], champs[1], champs[2]))
    return membres


async def designer_par_consensus(request: Request) -> Response:
    """The local actors' agreed list, approved by a decision adopted in open assembly."""
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    seance, _, numero = texte(form, "decision").partition(":")
    if not numero.isdecimal():
        raise DonneeInvalide("Choisissez la décision de l'assemblée ouverte qui approuve la liste.")
    position = plateforme(request).groupe_moteur.designer_par_consensus(
        acteur(request),
        arrondissement,
        identifiant(seance, "Séance inconnue."),
        int(numero),
        _liste_designee(texte(form, "liste")),
    )
    return apres_commande(
        request,
        position,
        "Acteurs locaux désignés par consensus : ils entrent au groupe moteur.",
        f"/conseils/{arrondissement}/groupe-moteur",
    )


async def accepter(request: Request) -> Response:
    """Someone drawn from a list accepted their seat within the delay."""
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
    membre_id = texte(form, "membre_id")
    position = p.groupe_moteur.accepter(acteur(request), arrondissement, membre_id)
    noms = noms_des_comptes(p, [membre_id], arrondissement)
    qui = f"{noms[membre_id]} ({membre_id})" if membre_id in noms else membre_id
    return apres_commande(
        request,
        position,
        f"Acceptation de {qui} enregistrée.",
        f"/conseils/{arrondissement}/groupe-moteur",
    )


async def faire_sortir(request: Request) -> Response:
    """An exit (or a refusal after the draw), replaced by the next substitute if asked."""
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
    membre_id = texte(form, "membre_id")
    motif = texte(form, "motif")
    remplacer = case(form, "remplacer")
    ligne = next(
        (m for m in p.lecture.membres_groupe_moteur(arrondissement) if m.membre_id == membre_id),
        None,
    )
    entrant, position = p.groupe_moteur.faire_sortir(
        acteur(request), arrondissement, membre_id, motif, remplacer
    )
    noms = noms_des_comptes(p, [membre_id, entrant or ""], arrondissement)

    def designer(ident: str) -> str:
        return f"{noms[ident]} ({ident})" if ident in noms else ident

    message = f"Sortie de {designer(membre_id)} enregistrée."
    if entrant is not None:
        message += f" La personne suppléante {designer(entrant)} entre au groupe moteur à sa place."
    elif (
        remplacer
        and ligne is not None
        and ligne.tirage_id
        and motif != MotifSortieGroupe.FIN_DE_MANDAT
    ):
        message += (
            " Aucune personne suppléante restante ne respecte les quotas : "
            "annoncez un nouveau tirage."
        )
    return apres_commande(request, position, message, f"/conseils/{arrondissement}/groupe-moteur")
