"""Alembic migrations of the read models and of the identity store."""


def inclure(objet: object, nom: str | None, type_: str, reflete: bool, compare: object) -> bool:
    """Only our tables: the event store's and the scheduler's belong to their libraries."""
    return not (type_ == "table" and reflete and compare is None)
