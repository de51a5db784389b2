"""The public record of a tirage au sort: announcement, live result, downloads to verify it."""

import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any
from uuid import UUID

from starlette.requests import Request
from starlette.responses import Response

from domaine.erreurs import Introuvable
from domaine.tirages import quotas_modifies
from domaine.vocabulaire import Role
from langues import N_, _
from tirage.canonique import ecrire
from tirage.loterie import heure_prevue
from web.formulaires import REFUS, Echec, identifiant, texte
from web.groupe_moteur import json_lisible
from web.rendu import acteur, apres_commande, est_fragment, plateforme, rendre
from web.securite import formulaire

INTROUVABLE = N_("Ce tirage n'existe pas.")
SUPPLEANTS_AFFICHES = 10
HORS_ANNONCE = ("tirage", "selection", "suppleants")


def _tirage_id(request: Request) -> UUID:
    return identifiant(request.path_params["tirage_id"], INTROUVABLE)


def _ligne(request: Request, tirage_id: UUID) -> Any:
    ligne = plateforme(request).lecture.tirage(tirage_id)
    if ligne is None:
        raise Introuvable(INTROUVABLE)
    return ligne


def _contexte(request: Request, tirage_id: UUID, echec: Echec | None = None) -> dict[str, Any]:
    ligne = _ligne(request, tirage_id)
    record: dict[str, Any] = json.loads(ligne.document)
    qui = acteur(request)
    traits = {c["id"]: c for c in record["vivier"]}
    numerateur, _ignore, denominateur = record["probabilite_minimale"].partition("/")
    effectue = "selection" in record
    # The defaults from the targets, recorded with the announcement: show an explicit change.
    proposes = json.loads(ligne.quotas_proposes or "{}")
    modifies = quotas_modifies(record, proposes)
    # When the public randomness is due (format 2): the draw form waits until then.
    hasard_le = heure_prevue(record)
    maintenant = plateforme(request).registre.maintenant()
    return {
        "tirage": ligne,
        "tirage_id": str(tirage_id),
        "hasard_le": hasard_le,
        "trop_tot": hasard_le is not None and maintenant < hasard_le,
        "echec": echec or Echec(),
        "arrondissement": ligne.arrondissement,
        # A draw of delegates to a body of the contrat de ville, or of the groupe moteur.
        "delegues": bool(getattr(ligne, "objet", "")),
        "record": record,
        "effectue": effectue,
        "quotas": record["quotas"],
        "quotas_proposes": json_lisible(proposes) if modifies else "",
        "probabilite": (int(numerateur), int(denominateur)),
        "selection": [traits[i] for i in record.get("selection", [])],
        "suppleants": [traits[i] for i in record.get("suppleants", [])[:SUPPLEANTS_AFFICHES]],
        "nombre_suppleants": len(record.get("suppleants", [])),
        "anime": qui is not None and qui.a_le_role(Role.ANIMATEUR, ligne.arrondissement),
        "verificateur": _verificateur().is_file(),
    }


async def page(request: Request) -> Response:
    return rendre(request, "tirages/page.html", _contexte(request, _tirage_id(request)))


async def resultat(request: Request) -> Response:
    """What the page polls every 2 s until the draw: nothing new (204), then the result, and
    the page's stale messages ("Tirage annoncé…") cleared out of band."""
    tirage_id = _tirage_id(request)
    if est_fragment(request) and _ligne(request, tirage_id).effectue_le is None:
        return Response(status_code=204, headers={"Vary": "HX-Request"})
    contexte = {**_contexte(request, tirage_id), "effacer_messages": est_fragment(request)}
    return rendre(request, "tirages/page.html", contexte, fragment="tirages/_resultat.html")


async def tirer(request: Request) -> Response:
    """The animateur enters the public randomness and the witnesses at the séance; refused in
    place before the announced time of the randomness, or without a witness."""
    tirage_id = _tirage_id(request)
    form = await formulaire(request)
    p = plateforme(request)
    p.groupe_moteur.autoriser(acteur(request), "effectuer_tirage", tirage_id)  # 403 first
    temoins = texte(form, "temoins").splitlines()
    delegues = p.instances.est_tirage_de_delegues(tirage_id)
    service = p.instances if delegues else p.groupe_moteur
    try:
        position = service.effectuer_tirage(
            acteur(request), tirage_id, texte(form, "hasard"), temoins
        )
    except REFUS as erreur:
        contexte = _contexte(request, tirage_id, Echec.depuis("tirer", erreur, form))
        return rendre(
            request, "tirages/page.html", contexte, erreur.statut_http, "tirages/_tirer.html"
        )
    message = (
        _("Tirage effectué : les personnes tirées au sort sont désignées délégué·es.")
        if delegues
        else _("Tirage effectué : les personnes tirées au sort entrent au groupe moteur.")
    )
    if not est_fragment(request):
        return apres_commande(request, position, message, f"/tirages/{tirage_id}")
    p.projecteur.attendre(position)
    contexte = {**_contexte(request, tirage_id), "confirmation": message}
    return rendre(request, "tirages/_tirer_maj.html", contexte)


def _telechargement(contenu: str, nom: str, type_mime: str) -> Response:
    return Response(
        contenu.encode("utf-8"),
        media_type=type_mime,
        headers={"Content-Disposition": f'attachment; filename="{nom}"'},
    )


async def annonce_json(request: Request) -> Response:
    """The announcement as published before the draw (canonical JSON)."""
    tirage_id = _tirage_id(request)
    record = json.loads(_ligne(request, tirage_id).document)
    annonce = {k: v for k, v in record.items() if k not in HORS_ANNONCE}
    return _telechargement(ecrire(annonce), f"tirage-{tirage_id}-annonce.json", "application/json")


async def enregistrement_json(request: Request) -> Response:
    """The full record (announcement, then the draw): what the verifiers read."""
    tirage_id = _tirage_id(request)
    document: str = _ligne(request, tirage_id).document
    return _telechargement(
        document + "\n", f"tirage-{tirage_id}-enregistrement.json", "application/json"
    )


def _verificateur() -> Traversable:
    return resources.files("tirage").joinpath("verificateur_autonome.py")


async def verificateur(request: Request) -> Response:
    """The standalone verifier (standard library only) shipped in the `tirage` package."""
    fichier = _verificateur()
    if not fichier.is_file():
        raise Introuvable("Le vérificateur autonome n'est pas disponible.")
    return _telechargement(
        fichier.read_text(encoding="utf-8"), "verificateur_autonome.py", "text/x-python"
    )
