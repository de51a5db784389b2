"""The public journal of each council: one row per event, with the label and role of its type.

Creation events carry the council (`arrondissement`); later events of the same aggregate are
mapped to it through `lecture_journal_agregats`. Account events (role granted for a council)
carry their own council and do not tie the account to it. Events of no council (an account
opened, a role with no council) are not in any journal.
"""

from typing import Any
from weakref import WeakKeyDictionary

from eventsourcing.domain import Aggregate
from sqlalchemy import bindparam, insert, select

from domaine.comptes import Compte
from domaine.journal import TYPES
from projections.lot import Lot
from projections.tables import journal, journal_agregats

_INSERER = insert(journal)
_RATTACHER = insert(journal_agregats)
_CONSEIL = select(journal_agregats.c.arrondissement).where(
    journal_agregats.c.agregat_id == bindparam("agregat_id")
)
_connus: "WeakKeyDictionary[Lot, dict[str, int]]" = WeakKeyDictionary()
"""Per batch: councils of the aggregates met, so that each is read at most once."""


def _conseil(lot: Lot, e: Any) -> int:
    connus = _connus.setdefault(lot, {})
    agregat_id = str(e.originator_id)
    propre = getattr(e, "arrondissement", None)
    if isinstance(propre, int) and propre > 0:
        if isinstance(e, Aggregate.Created) and not isinstance(e, Compte.Created):
            lot.ecrire(_RATTACHER, agregat_id=agregat_id, arrondissement=propre)
            connus[agregat_id] = propre
        return propre
    if agregat_id not in connus:
        connus[agregat_id] = int(lot.lire(_CONSEIL, agregat_id=agregat_id).scalar() or 0)
    return connus[agregat_id]


def _enregistrer(lot: Lot, e: Any) -> None:
    arrondissement = _conseil(lot, e)
    if arrondissement == 0:
        return
    type_ = TYPES[type(e)]
    lot.ecrire(
        _INSERER,
        position=lot.position,
        arrondissement=arrondissement,
        type=type_.libelle,
        le=e.timestamp,
        role=type_.role,
    )


GESTIONNAIRES = {type_: _enregistrer for type_ in TYPES}
