"""Helpers shared by the integration tests."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select

from domaine.comptes import Acteur
from lancement.plateforme import Plateforme
from projections.tables import TABLES_DE_LECTURE

DATE_SEANCE = datetime(2026, 3, 10, 18, 30, tzinfo=UTC)


def rejoindre(
    plateforme: Plateforme, acteur: Acteur | None, arrondissement: int = 18, **champs: Any
) -> int:
    valeurs: dict[str, Any] = {
        "college": "habitant",
        "genre": "femme",
        "tranche_age": "25_39",
        "quartier": "hors_qpv",
        "eligible": True,
        **champs,
    }
    return plateforme.assemblee.rejoindre(acteur, arrondissement, **valeurs)


def planifier(
    plateforme: Plateforme,
    acteur: Acteur | None,
    arrondissement: int = 18,
    date: datetime = DATE_SEANCE,
    lieu: str = "Centre Barbara",
    ordre_du_jour: str = "Budget participatif",
) -> UUID:
    seance_id, _ = plateforme.seances.planifier(acteur, arrondissement, date, lieu, ordre_du_jour)
    return seance_id


@contextmanager
def rien_n_est_enregistre(plateforme: Plateforme) -> Iterator[None]:
    """The block must leave the event log exactly as it found it."""
    avant = plateforme.registre.position()
    try:
        yield
    finally:
        assert plateforme.registre.position() == avant, "an event was recorded"


def lignes_de_lecture(plateforme: Plateforme) -> dict[str, list[tuple[Any, ...]]]:
    """Every read-model row, table by table, in primary-key order."""
    resultat: dict[str, list[tuple[Any, ...]]] = {}
    with plateforme.moteur.connect() as cnx:
        for table in TABLES_DE_LECTURE:
            cles = list(table.primary_key.columns)
            resultat[table.name] = [tuple(r) for r in cnx.execute(select(table).order_by(*cles))]
    return resultat
