"""In-app notifications of reminders: one row per recipient, from the reminder's event."""

from typing import Any

from sqlalchemy import Select, insert, or_, select

from domaine.vocabulaire import Role
from projections.lot import Lot
from projections.tables import notifications, roles

_NOTIFIER = insert(notifications)


def destinataires(arrondissement: int, roles_agents: tuple[Role, ...] = ()) -> Select[Any]:
    """Accounts holding, now, one of these agent roles or the council's animateur role."""
    return (
        select(roles.c.personne_id)
        .where(
            or_(
                roles.c.role.in_([r.value for r in roles_agents]) & (roles.c.arrondissement == 0),
                (roles.c.role == Role.ANIMATEUR.value) & (roles.c.arrondissement == arrondissement),
            )
        )
        .distinct()
        .order_by(roles.c.personne_id)
    )


def notifier(lot: Lot, e: Any, requete: Select[Any], lien: str, message: str) -> None:
    for personne_id in lot.lire(requete).scalars():
        lot.ecrire(
            _NOTIFIER,
            position=lot.position,
            personne_id=personne_id,
            le=e.timestamp,
            lien=lien,
            message=message,
        )
