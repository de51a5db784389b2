"""The Alembic migrations create exactly the tables the code declares."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import projections.tables  # noqa: F401  (registers the read models)
from lancement.plateforme import Plateforme
from stockage import identites
from stockage.migrations import inclure
from stockage.tables import metadata


def test_les_migrations_couvrent_toutes_les_tables_declarees(plateforme: Plateforme) -> None:
    with plateforme.moteur.connect() as cnx:
        contexte = MigrationContext.configure(cnx, opts={"include_object": inclure})
        ecarts = compare_metadata(contexte, [metadata, identites.metadata])
    assert ecarts == []
