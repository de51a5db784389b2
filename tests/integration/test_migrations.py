"""The Alembic migrations create exactly the tables the code declares."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from participation import identites
from participation.plateforme import Plateforme
from projections import tables
from projections.migrations import inclure


def test_les_migrations_couvrent_toutes_les_tables_declarees(plateforme: Plateforme) -> None:
    with plateforme.moteur.connect() as cnx:
        contexte = MigrationContext.configure(cnx, opts={"include_object": inclure})
        ecarts = compare_metadata(contexte, [tables.metadata, identites.metadata])
    assert ecarts == []
