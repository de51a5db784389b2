"""Accounts and roles, as read models."""

from typing import Any

from sqlalchemy import Connection, and_, delete, insert

from domaine.comptes import Compte
from projections.tables import comptes, roles


def _ouvert(cnx: Connection, e: Any) -> None:
    cnx.execute(insert(comptes).values(personne_id=str(e.originator_id), ouvert_le=e.timestamp))


def _role_attribue(cnx: Connection, e: Any) -> None:
    cnx.execute(
        insert(roles).values(
            personne_id=str(e.originator_id),
            role=e.role,
            arrondissement=e.arrondissement or 0,
            depuis=e.timestamp,
        )
    )


def _role_retire(cnx: Connection, e: Any) -> None:
    cnx.execute(
        delete(roles).where(
            and_(
                roles.c.personne_id == str(e.originator_id),
                roles.c.role == e.role,
                roles.c.arrondissement == (e.arrondissement or 0),
            )
        )
    )


GESTIONNAIRES = {
    Compte.Ouvert: _ouvert,
    Compte.RoleAttribue: _role_attribue,
    Compte.RoleRetire: _role_retire,
}
