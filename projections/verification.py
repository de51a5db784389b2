"""`projections check`: rebuild the read models into a scratch database and compare."""

import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, select, text

from participation.registre import Registre
from projections.projecteur import Projecteur
from projections.tables import TABLES_DE_LECTURE, metadata


def differences(live: Engine, reference: Engine, limite: int = 20) -> list[str]:
    """Human-readable differences between two read models, table by table."""
    ecarts: list[str] = []
    for table in TABLES_DE_LECTURE:
        attendu = _lignes(reference, table)
        trouve = _lignes(live, table)
        if attendu == trouve:
            continue
        en_trop = sorted(set(trouve) - set(attendu))
        manquantes = sorted(set(attendu) - set(trouve))
        for ligne in manquantes[:limite]:
            ecarts.append(f"{table.name}: ligne attendue absente ou différente : {ligne}")
        for ligne in en_trop[:limite]:
            ecarts.append(f"{table.name}: ligne inattendue : {ligne}")
    return ecarts


def verifier(registre: Registre, live: Engine) -> list[str]:
    """Rebuild from the log into a scratch copy, then compare with the live read models."""
    with _base_temporaire(live) as brouillon:
        metadata.create_all(brouillon)
        reconstruit = Projecteur(registre, brouillon)
        reconstruit.rattraper()
        ecarts = differences(live, brouillon)
        if not ecarts and Projecteur(registre, live).position() != reconstruit.position():
            ecarts.append("les modèles de lecture ne sont pas à jour : lancez le rattrapage.")
        return ecarts


@contextmanager
def _base_temporaire(live: Engine) -> Iterator[Engine]:
    if live.dialect.name == "postgresql":
        schema = f"verification_{uuid.uuid4().hex[:12]}"
        with live.begin() as cnx:
            cnx.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            yield live.execution_options(schema_translate_map={None: schema})
        finally:
            with live.begin() as cnx:
                cnx.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        return
    with tempfile.TemporaryDirectory() as dossier:
        moteur = create_engine(f"sqlite:///{Path(dossier) / 'verification.sqlite3'}")
        try:
            yield moteur
        finally:
            moteur.dispose()


def _lignes(moteur: Engine, table: Any) -> list[tuple[Any, ...]]:
    with moteur.connect() as cnx:
        cles = list(table.primary_key.columns)
        return [
            tuple(_normaliser(v) for v in r) for r in cnx.execute(select(table).order_by(*cles))
        ]


def _normaliser(valeur: Any) -> Any:
    """SQLite drops time zones; compare instants in UTC whatever the backend."""
    if isinstance(valeur, datetime):
        if valeur.tzinfo is not None:
            valeur = valeur.astimezone(UTC).replace(tzinfo=None)
        return valeur.isoformat()
    return valeur
