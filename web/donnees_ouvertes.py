"""The public account: each council's annual report on its pages (no account needed), and the
open data (`participation.donnees_ouvertes`): the page listing the datasets with their
dictionary and licence, the files per council and year, the dictionary as JSON and the DCAT
catalogue in JSON-LD for open-data portals.

Published years: from the council's first recorded activity to the year in progress, the
latter "to date" (its report says "partiel"); an earlier or a future year is a 404.
"""

import json
from dataclasses import replace
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from domaine.erreurs import Introuvable
from domaine.quartiers import arrondissements
from langues import N_, _
from participation.donnees_ouvertes import (
    FORMATS_OUVERTS,
    JEUX,
    LICENCE,
    LICENCE_URL,
    PAR_CODE,
    TYPE_JSON_LD,
    Jeu,
)
from rapports.formats import rendre_fragment
from web.formulaires import arrondissement as _arrondissement
from web.formulaires import nombre
from web.rendu import plateforme, rendre

INTROUVABLE = N_("Ce rapport ou ce fichier n'est pas publié.")


def _annee(request: Request, arrondissement: int) -> tuple[int, list[int]]:
    """The year of the URL, if it is published for this council (else 404)."""
    annee = nombre(request.path_params["annee"])
    annees = plateforme(request).donnees_ouvertes.annees(arrondissement)
    if annee is None or annee not in annees:
        raise Introuvable(INTROUVABLE)
    return annee, annees


def _liens(arrondissement: int, annee: int) -> dict[str, str]:
    donnees = "/donnees-ouvertes"
    return {
        _("Chiffres (CSV)"): f"{donnees}/{annee}/{arrondissement}/chiffres.csv",
        _("Chiffres (JSON)"): f"{donnees}/{annee}/{arrondissement}/chiffres.json",
    }


async def rapports_du_conseil(request: Request) -> Response:
    """The index of a council's public reports: one per published year."""
    arrondissement = _arrondissement(request)
    donnees = plateforme(request).donnees_ouvertes
    contexte = {
        "arrondissement": arrondissement,
        "annees": donnees.annees(arrondissement),
        "annee_en_cours": donnees.annee_en_cours(),
    }
    return rendre(request, "conseils/rapports.html", contexte)


async def rapport_du_conseil(request: Request) -> Response:
    """A council's public annual report: the agents' report (small cells masked by the fold),
    in the site, with the open-data files of its figures."""
    arrondissement = _arrondissement(request)
    annee, annees = _annee(request, arrondissement)
    rapport = plateforme(request).donnees_ouvertes.rapport(annee, arrondissement)
    contexte = {
        "arrondissement": arrondissement,
        "rapport": rapport,
        "annees": annees,
        "corps": rendre_fragment(rapport),
        "liens": _liens(arrondissement, annee),
    }
    return rendre(request, "conseils/rapport.html", contexte)


def _traduit(jeu: Jeu) -> Jeu:
    """A dataset as the page shows it: its title, description and columns' meanings in the
    request's language (the files, the dictionary and the catalogue stay French)."""
    colonnes = tuple(
        replace(c, sens=_(c.sens), unite=_(c.unite) if c.unite else "") for c in jeu.colonnes
    )
    return replace(jeu, titre=_(jeu.titre), description=_(jeu.description), colonnes=colonnes)


async def page(request: Request) -> Response:
    """The datasets, their dictionary, the licence, and the files of every council and year."""
    donnees = plateforme(request).donnees_ouvertes
    contexte: dict[str, Any] = {
        "jeux": [_traduit(jeu) for jeu in JEUX],
        "formats": list(FORMATS_OUVERTS),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "conseils": [(a, donnees.annees(a)) for a in arrondissements()],
        "annee_en_cours": donnees.annee_en_cours(),
    }
    return rendre(request, "donnees_ouvertes/page.html", contexte)


async def fichier(request: Request) -> Response:
    """/donnees-ouvertes/{annee}/{arrondissement}/{jeu}.{csv|json}"""
    arrondissement = _arrondissement(request)
    annee, __ = _annee(request, arrondissement)
    code, __, format_ = request.path_params["fichier"].partition(".")
    if code not in PAR_CODE or format_ not in FORMATS_OUVERTS:
        raise Introuvable(INTROUVABLE)
    contenu = plateforme(request).donnees_ouvertes.fichier(code, annee, arrondissement, format_)
    nom = f"{code}-{annee}-{arrondissement}e.{format_}"
    return Response(
        contenu,
        media_type=FORMATS_OUVERTS[format_],
        headers={
            "Content-Disposition": f'attachment; filename="{nom}"',
            "Access-Control-Allow-Origin": "*",
        },
    )


def _json(document: dict[str, Any], type_mime: str) -> Response:
    contenu = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return Response(
        contenu.encode("utf-8"),
        media_type=type_mime,
        headers={"Access-Control-Allow-Origin": "*"},
    )


async def dictionnaire(request: Request) -> Response:
    return _json(plateforme(request).donnees_ouvertes.dictionnaire(), "application/json")


async def catalogue(request: Request) -> Response:
    """The DCAT catalogue (JSON-LD) that data.gouv.fr's or Opendatasoft's harvester reads."""
    return _json(plateforme(request).donnees_ouvertes.catalogue(), TYPE_JSON_LD)
