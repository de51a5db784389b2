"""`projections check`: rebuild the read models into a scratch database and compare."""

import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, select, text

from projections.projecteur import Projecteur
from projections.tables import TABLES_DE_LECTURE
from stockage.registre import Registre
from stockage.tables import metadata


def differences(live: Engine, reference: Engine, limite: int = 20) -> list[str]:
    """Human-readable differences between two read models, row by row and column by column."""
    ecarts: list[str] = []
    for table in TABLES_DE_LECTURE:
        colonnes = [c.name for c in table.columns]
        cles = [i for i, c in enumerate(table.columns) if c.primary_key]
        attendu = {_cle(r, cles): r for r in _lignes(reference, table)}
        trouve = {_cle(r, cles): r for r in _lignes(live, table)}
        ecarts_table: list[str] = []
        for cle in sorted(attendu.keys() - trouve.keys()):
            ecarts_table.append(f"{table.name} {cle} : ligne absente")
        for cle in sorted(trouve.keys() - attendu.keys()):
            ecarts_table.append(f"{table.name} {cle} : ligne en trop")
        for cle in sorted(attendu.keys() & trouve.keys()):
            a, t = attendu[cle], trouve[cle]
            for nom, va, vt in zip(colonnes, a, t, strict=True):
                if va != vt:
                    ecarts_table.append(
                        f"{table.name} {cle} : {nom} vaut {_court(vt)} au lieu de {_court(va)}"
                    )
        ecarts.extend(ecarts_table[:limite])
        if len(ecarts_table) > limite:
            ecarts.append(
                f"{table.name} : … et {len(ecarts_table) - limite} autre(s) différence(s)"
            )
    return ecarts


def _cle(ligne: tuple[Any, ...], indices: list[int]) -> str:
    return "[" + ", ".join(str(ligne[i]) for i in indices) + "]"


def _court(valeur: Any) -> str:
    texte = repr(valeur)
    return texte if len(texte) <= 60 else texte[:57] + "…"


def verifier(
    registre: Registre, live: Engine, progression: Callable[[int], None] | None = None
) -> list[str]:
    """Rebuild from the log into a scratch copy, then compare with the live read models."""
    with _base_temporaire(live) as brouillon:
        metadata.create_all(brouillon)
        reconstruit = Projecteur(registre, brouillon)
        reconstruit.rattraper(progression)
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
