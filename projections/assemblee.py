"""The open assembly's members, as a read model (one row per person and council)."""

from typing import Any

from sqlalchemy import bindparam, insert, update

from domaine.assemblee import Adhesion
from projections.lot import Lot
from projections.tables import membres

_PROFIL = ("college", "genre", "tranche_age", "quartier", "structure_nom", "structure_type")

_ENTRER = insert(membres)
_REVENIR = (
    update(membres)
    .where(membres.c.adhesion_id == bindparam("p_adhesion_id"))
    .values(
        actif=True,
        entre_le=bindparam("p_entre_le"),
        sorti_le=None,
        motif_sortie=None,
        nombre_entrees=membres.c.nombre_entrees + 1,
        volontaire_gm=False,
        **{nom: bindparam(f"p_{nom}") for nom in _PROFIL},
    )
)
_SORTIR = (
    update(membres)
    .where(membres.c.adhesion_id == bindparam("p_adhesion_id"))
    .values(
        actif=False,
        volontaire_gm=False,
        sorti_le=bindparam("p_sorti_le"),
        motif_sortie=bindparam("p_motif"),
    )
)
_QUARTIER = (
    update(membres)
    .where(membres.c.adhesion_id == bindparam("p_adhesion_id"))
    .values(quartier=bindparam("p_quartier"))
)
_VOLONTARIAT = (
    update(membres)
    .where(membres.c.adhesion_id == bindparam("p_adhesion_id"))
    .values(volontaire_gm=bindparam("p_volontaire"))
)


def _entree(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _ENTRER,
        arrondissement=e.arrondissement,
        personne_id=str(e.personne_id),
        adhesion_id=str(e.originator_id),
        actif=True,
        entre_le=e.timestamp,
        sorti_le=None,
        motif_sortie=None,
        nombre_entrees=1,
        volontaire_gm=False,
        **{nom: getattr(e, nom) for nom in _PROFIL},
    )


def _retour(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _REVENIR,
        p_adhesion_id=str(e.originator_id),
        p_entre_le=e.timestamp,
        **{f"p_{nom}": getattr(e, nom) for nom in _PROFIL},
    )


def _sortie(lot: Lot, e: Any) -> None:
    lot.ecrire(_SORTIR, p_adhesion_id=str(e.originator_id), p_sorti_le=e.timestamp, p_motif=e.motif)


def _quartier(lot: Lot, e: Any) -> None:
    lot.ecrire(_QUARTIER, p_adhesion_id=str(e.originator_id), p_quartier=e.quartier)


def _volontariat(lot: Lot, e: Any) -> None:
    lot.ecrire(_VOLONTARIAT, p_adhesion_id=str(e.originator_id), p_volontaire=e.volontaire)


GESTIONNAIRES = {
    Adhesion.VolontariatDeclare: _volontariat,
    Adhesion.Entree: _entree,
    Adhesion.Retour: _retour,
    Adhesion.QuartierRedeclare: _quartier,
    Adhesion.Sortie: _sortie,
}
