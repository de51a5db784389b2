"""What the pages of an avis, a budget proposal and a séance show of their documents: the list,
whether this visitor may attach a file, which ones they may withdraw (the same policies as the
use cases: `domaine.documents`)."""

from typing import Any
from uuid import UUID

from starlette.requests import Request

from domaine.documents import (
    NatureDocument,
    peut_retirer_document,
    role_joignant_a_un_avis,
    role_joignant_a_une_proposition,
)
from domaine.fichiers import ACCEPTES, TYPES_MEDIA, en_mo
from domaine.vocabulaire import StatutAvis
from langues import _, langue
from langues.formats import nombre
from web.rendu import acteur, plateforme, templates


def _contexte(
    request: Request, arrondissement: int, pieces: list[Any], action: str, peut_joindre: bool
) -> dict[str, Any]:
    qui = acteur(request)
    return {
        "pieces_jointes": {
            "liste": pieces,
            "action": action,
            "peut_joindre": peut_joindre,
            "retirables": {
                d.document_id
                for d in pieces
                if peut_retirer_document(qui, arrondissement, UUID(d.depose_par))
            },
            "taille_max": taille_en_mo(plateforme(request).configuration.taille_max_document),
            "acceptes": _(ACCEPTES),
        }
    }


def pieces_jointes_de_l_avis(
    request: Request, avis_id: UUID, arrondissement: int, premier: UUID | None, statut: StatutAvis
) -> dict[str, Any]:
    pieces = plateforme(request).lecture_documents.de_l_avis(avis_id)
    joindre = role_joignant_a_un_avis(acteur(request), arrondissement, premier, statut)
    action = f"/avis/{avis_id}/pieces-jointes"
    return _contexte(request, arrondissement, pieces, action, joindre is not None)


def pieces_jointes_de_la_proposition(
    request: Request, proposition_id: UUID, arrondissement: int, auteur: UUID
) -> dict[str, Any]:
    pieces = plateforme(request).lecture_documents.de_la_proposition(proposition_id)
    joindre = role_joignant_a_une_proposition(acteur(request), arrondissement, auteur)
    action = f"/budget-participatif/{proposition_id}/pieces-jointes"
    return _contexte(request, arrondissement, pieces, action, joindre is not None)


def documents_de_la_seance(request: Request, seance_id: UUID) -> dict[str, Any]:
    return {"documents_de_la_seance": plateforme(request).lecture_documents.de_la_seance(seance_id)}


def taille_en_mo(octets: int) -> str:
    """20971520 -> "20 Mo", "1,5 Mo" below 10 Mo: as `domaine.fichiers.en_mo`, its number as
    the current language writes it ("1.5 MB")."""
    if langue().locale.startswith("fr"):
        return en_mo(octets)
    mo = octets / (1024 * 1024)
    taille = nombre(round(mo, 1)) if mo < 10 else nombre(round(mo))
    return _("%(taille)s Mo", taille=taille)


def taille_lisible(octets: int) -> str:
    """1234 -> "2 Ko", 3_500_000 -> "3,3 Mo" (what the lists show next to a download)."""
    if octets < 1024 * 1024:
        return _("%(taille)s Ko", taille=max(1, round(octets / 1024)))
    return taille_en_mo(octets)


def libelle_type(type_media: str) -> str:
    format_ = TYPES_MEDIA.get(type_media)
    return format_.libelle if format_ is not None else type_media


def libelle_nature(nature: str) -> str:
    try:
        return NatureDocument(nature).libelle
    except ValueError:
        return nature


templates.env.filters["taille_fichier"] = taille_lisible
templates.env.filters["type_document"] = libelle_type
templates.env.filters["nature_document"] = libelle_nature
