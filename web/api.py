"""Read-only JSON API for the Ville's and the État's systems: the annual reports, with a token.

`Authorization: Bearer <token>` (tokens are created by agents on their account page). No or an
unknown token: 401; a token whose account is not an agent (or admin): 403. Errors are JSON.
"""

import copy
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from domaine.comptes import Acteur, est_agent_ou_admin
from domaine.erreurs import ErreurParticipation
from domaine.temps import annee_a_paris
from langues import _
from rapports.calcul import PREMIERE_ANNEE, SCHEMA
from rapports.formats import en_json
from web.formulaires import nombre
from web.rendu import plateforme

VERSION = "1.0.0"


def _erreur(statut: int, message: str, **entetes: str) -> Response:
    return JSONResponse({"erreur": message}, status_code=statut, headers=entetes or None)


def _authentifier(request: Request) -> Acteur | Response:
    entete = request.headers.get("Authorization", "")
    schema, __, jeton = entete.partition(" ")
    if schema.lower() != "bearer" or not jeton.strip():
        return _erreur(
            401, _("Jeton d'API manquant (en-tête Authorization: Bearer …)."),
            **{"WWW-Authenticate": 'Bearer realm="participation"'},
        )  # fmt: skip
    p = plateforme(request)
    titulaire = p.jetons.titulaire(jeton.strip())
    qui = p.comptes.acteur(titulaire) if titulaire else None
    if qui is None:
        return _erreur(
            401, _("Jeton d'API inconnu ou révoqué."),
            **{"WWW-Authenticate": 'Bearer realm="participation", error="invalid_token"'},
        )  # fmt: skip
    if not est_agent_ou_admin(qui):
        return _erreur(403, _("Ce jeton n'appartient pas à un agent de la Ville ou de l'État."))
    return qui


def _entier(request: Request, nom: str) -> int | None:
    brut = request.path_params.get(nom)
    return nombre(str(brut)) if brut is not None else None


async def rapport_annuel(request: Request) -> Response:
    qui = _authentifier(request)
    if isinstance(qui, Response):
        return qui
    annee = _entier(request, "annee")
    conseil = (
        _entier(request, "arrondissement") if "arrondissement" in request.path_params else None
    )
    if annee is None or ("arrondissement" in request.path_params and conseil is None):
        return _erreur(404, _("Ressource inconnue."))
    try:
        rapport = plateforme(request).rapports.annuel(annee, conseil)
    except ErreurParticipation as erreur:
        statut = 404 if erreur.statut_http == 404 else 400
        return _erreur(statut, erreur.message)
    return Response(en_json(rapport), media_type="application/json")


async def openapi(request: Request) -> Response:
    cette_annee = annee_a_paris(plateforme(request).registre.maintenant())
    return JSONResponse(document(cette_annee))


def document(cette_annee: int) -> dict[str, Any]:
    """The OpenAPI document; a year to come has no report (400), so the document says so."""
    resultat = copy.deepcopy(DOCUMENT)
    for chemin in resultat["paths"].values():
        for parametre in chemin["get"]["parameters"]:
            if parametre["name"] == "annee":
                parametre["schema"]["maximum"] = cette_annee
    return resultat


def _reponse(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Erreur"}}},
    }


_PARAMETRE_ANNEE = {
    "name": "annee",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": PREMIERE_ANNEE},
    "description": "Année civile du rapport (arrêté au 31 décembre, heure de Paris), de 2015 "
    "à l'année en cours.",
}
_REPONSES = {
    "200": {
        "description": f"Le rapport, au schéma {SCHEMA} (docs/rapport-annuel.md).",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Rapport"}}},
    },
    "400": _reponse("Année invalide (à venir, ou antérieure à 2015)."),
    "401": _reponse("Jeton manquant, inconnu ou révoqué."),
    "403": _reponse("Le jeton n'appartient pas à un agent de la Ville ou de l'État."),
    "404": _reponse("Conseil citoyen inconnu."),
}

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "participation — API des rapports annuels",
        "version": VERSION,
        "description": "Lecture seule. Les agents de la Ville et de l'État créent un jeton sur "
        "leur page « Mon compte » et l'envoient dans l'en-tête Authorization: Bearer.",
        "license": {"name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"},
    },
    "servers": [{"url": "/api/v1"}],
    "security": [{"jeton": []}],
    "paths": {
        "/rapports/annuels/{annee}": {
            "get": {
                "operationId": "rapportAnnuel",
                "summary": "Rapport annuel des huit conseils citoyens et de Paris",
                "parameters": [_PARAMETRE_ANNEE],
                "responses": _REPONSES,
            }
        },
        "/rapports/annuels/{annee}/conseils/{arrondissement}": {
            "get": {
                "operationId": "rapportAnnuelConseil",
                "summary": "Rapport annuel d'un conseil citoyen",
                "parameters": [
                    _PARAMETRE_ANNEE,
                    {
                        "name": "arrondissement",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "enum": [10, 11, 13, 14, 17, 18, 19, 20]},
                    },
                ],
                "responses": _REPONSES,
            }
        },
    },
    "components": {
        "securitySchemes": {"jeton": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Erreur": {
                "type": "object",
                "required": ["erreur"],
                "properties": {
                    "erreur": {
                        "type": "string",
                        "description": "Message dans la langue demandée (Accept-Language), "
                        "en français par défaut",
                    }
                },
            },
            "Rapport": {
                "type": "object",
                "required": ["schema", "annee", "au", "partiel", "vide", "conseils"],
                "properties": {
                    "schema": {"const": SCHEMA},
                    "annee": {"type": "integer"},
                    "au": {"type": "string", "format": "date"},
                    "partiel": {"type": "boolean"},
                    "vide": {"type": "boolean"},
                    "seuil_petits_effectifs": {"type": "integer"},
                    "conseils": {"type": "array", "items": {"type": "object"}},
                    "paris": {"type": "object"},
                    "point_de_controle": {
                        "description": "Dernier point de contrôle du journal infalsifiable "
                        "enregistré avant la fin de l'année (null s'il n'y en a pas)",
                        "type": ["object", "null"],
                        "required": ["position", "empreinte", "le"],
                        "properties": {
                            "position": {"type": "integer"},
                            "empreinte": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                            "le": {"type": "string", "format": "date-time"},
                        },
                    },
                },
            },
        },
    },
}
