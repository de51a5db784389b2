"""The open assembly's members, as a read model (one row per person and council)."""

from typing import Any

from sqlalchemy import Connection, insert, update

from domaine.assemblee import Adhesion
from projections.tables import membres


def _profil(e: Any) -> dict[str, Any]:
    return {
        "college": e.college,
        "genre": e.genre,
        "tranche_age": e.tranche_age,
        "quartier": e.quartier,
        "structure_nom": e.structure_nom,
        "structure_type": e.structure_type,
    }


def _entree(cnx: Connection, e: Any) -> None:
    cnx.execute(
        insert(membres).values(
            arrondissement=e.arrondissement,
            personne_id=str(e.personne_id),
            adhesion_id=str(e.originator_id),
            actif=True,
            entre_le=e.timestamp,
            sorti_le=None,
            motif_sortie=None,
            nombre_entrees=1,
            **_profil(e),
        )
    )


def _cle(e: Any) -> Any:
    return membres.c.adhesion_id == str(e.originator_id)


def _retour(cnx: Connection, e: Any) -> None:
    cnx.execute(
        update(membres)
        .where(_cle(e))
        .values(
            actif=True,
            entre_le=e.timestamp,
            sorti_le=None,
            motif_sortie=None,
            nombre_entrees=membres.c.nombre_entrees + 1,
            **_profil(e),
        )
    )


def _sortie(cnx: Connection, e: Any) -> None:
    cnx.execute(
        update(membres)
        .where(_cle(e))
        .values(actif=False, sorti_le=e.timestamp, motif_sortie=e.motif)
    )


GESTIONNAIRES = {
    Adhesion.Entree: _entree,
    Adhesion.Retour: _retour,
    Adhesion.Sortie: _sortie,
}
