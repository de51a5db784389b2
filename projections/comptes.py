"""Accounts and roles, as read models."""

from typing import Any

from sqlalchemy import bindparam, delete, insert

from domaine.comptes import Compte
from domaine.vocabulaire import ModeCourriels
from projections.lot import Lot
from projections.tables import comptes, courriels_choisis, roles

_OUVRIR = insert(comptes)
_ATTRIBUER = insert(roles)
_RETIRER = delete(roles).where(
    roles.c.personne_id == bindparam("p_personne_id"),
    roles.c.role == bindparam("p_role"),
    roles.c.arrondissement == bindparam("p_arrondissement"),
)


def _ouvert(lot: Lot, e: Any) -> None:
    lot.ecrire(_OUVRIR, personne_id=str(e.originator_id), ouvert_le=e.timestamp)


def _role_attribue(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _ATTRIBUER,
        personne_id=str(e.originator_id),
        role=e.role,
        arrondissement=e.arrondissement or 0,  # 0: a role valid for every council
        depuis=e.timestamp,
    )


def _role_retire(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _RETIRER,
        p_personne_id=str(e.originator_id),
        p_role=e.role,
        p_arrondissement=e.arrondissement or 0,
    )


_EFFACER_ROLES = delete(roles).where(roles.c.personne_id == bindparam("p_personne_id"))
_OUBLIER_CHOIX = delete(courriels_choisis).where(
    courriels_choisis.c.personne_id == bindparam("p_personne_id")
)
_CHOISIR = insert(courriels_choisis)


def _efface(lot: Lot, e: Any) -> None:
    """An erased account holds no role any more (the account row, pseudonymous, stays)."""
    lot.ecrire(_EFFACER_ROLES, p_personne_id=str(e.originator_id))
    lot.ecrire(_OUBLIER_CHOIX, p_personne_id=str(e.originator_id))


def _courriels_choisis(lot: Lot, e: Any) -> None:
    """Only a choice other than the default keeps a row."""
    lot.ecrire(_OUBLIER_CHOIX, p_personne_id=str(e.originator_id))
    if e.mode != ModeCourriels.TOUS.value:
        lot.ecrire(_CHOISIR, personne_id=str(e.originator_id), mode=e.mode)


GESTIONNAIRES = {
    Compte.Ouvert: _ouvert,
    Compte.RoleAttribue: _role_attribue,
    Compte.RoleRetire: _role_retire,
    Compte.Efface: _efface,
    Compte.CourrielsChoisis: _courriels_choisis,
}
