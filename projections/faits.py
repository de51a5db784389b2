"""The facts of the annual reports as a read model: one row per fact, dated by its event."""

from typing import Any

from sqlalchemy import insert

from projections.lot import Lot
from projections.tables import faits
from rapports.faits import TYPES_D_EVENEMENTS, faits_de

_INSERER = insert(faits)


def _enregistrer(lot: Lot, e: Any) -> None:
    for rang, f in enumerate(faits_de(lot.position, e)):
        lot.ecrire(
            _INSERER,
            position=f.position,
            rang=rang,
            le=f.le,
            nature=f.nature,
            sujet=f.sujet,
            arrondissement=f.arrondissement,
            personne=f.personne,
            a=f.a,
            b=f.b,
            c=f.c,
            d=f.d,
            n=f.n,
            n2=f.n2,
            quand=f.quand,
            jour=f.jour,
        )


GESTIONNAIRES = {type_: _enregistrer for type_ in TYPES_D_EVENEMENTS}
