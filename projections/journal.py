"""The public journal of each council: one row per event, with the label and role of its type.

Creation events carry the council (`arrondissement`); later events of the same aggregate are
mapped to it through `lecture_journal_agregats`. Account events (role granted for a council)
carry their own council and do not tie the account to it. Events of no council (an account
opened, a role with no council) are not in any journal.
"""

from collections.abc import Iterable
from typing import Any

from eventsourcing.domain import Aggregate
from sqlalchemy import bindparam, insert, select

from domaine.comptes import Compte
from domaine.journal import TYPES
from projections.lot import Lot
from projections.tables import journal, journal_agregats

_INSERER = insert(journal)
_RATTACHER = insert(journal_agregats)
_CONSEILS = select(journal_agregats.c.agregat_id, journal_agregats.c.arrondissement).where(
    journal_agregats.c.agregat_id.in_(bindparam("ids", expanding=True))
)
PAR_REQUETE = 500  # ids per lookup, well under every database's parameter limit


def preparer(lot: Lot, agregats: Iterable[str]) -> None:
    """Before a batch: the councils of the aggregates it touches, read once, so that no
    handler reads between writes (the lot can then send each statement once)."""
    ids = sorted(set(agregats))
    conseils: dict[str, int] = {}
    for debut in range(0, len(ids), PAR_REQUETE):
        for ligne in lot.lire(_CONSEILS, ids=ids[debut : debut + PAR_REQUETE]):
            conseils[ligne.agregat_id] = ligne.arrondissement
    lot.memoire["conseils"] = conseils


def _enregistrer(lot: Lot, e: Any) -> None:
    conseils: dict[str, int] = lot.memoire.setdefault("conseils", {})
    agregat_id = str(e.originator_id)
    propre = getattr(e, "arrondissement", None)
    if isinstance(propre, int) and propre > 0:
        arrondissement = propre
        if isinstance(e, Aggregate.Created) and not isinstance(e, Compte.Created):
            lot.ecrire(_RATTACHER, agregat_id=agregat_id, arrondissement=propre)
            conseils[agregat_id] = propre
    else:
        arrondissement = conseils.get(agregat_id, 0)
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
