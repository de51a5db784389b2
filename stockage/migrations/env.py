"""Alembic environment: the read models' and identity store's tables, on the configured database."""

from alembic import context
from sqlalchemy import Connection

import projections.tables  # noqa: F401  (the one upward import: the schema knows every table)
from stockage import calendriers, identites, jetons
from stockage.configuration import Configuration
from stockage.migrations import inclure
from stockage.moteur import creer_moteur
from stockage.tables import metadata

CIBLES = [metadata, identites.metadata]
assert jetons.jetons.metadata is identites.metadata  # API tokens live with the identities
assert calendriers.calendriers.metadata is identites.metadata  # so do calendar feed secrets


def _migrer(connexion: Connection) -> None:
    context.configure(
        connection=connexion,
        target_metadata=CIBLES,
        render_as_batch=connexion.dialect.name == "sqlite",
        include_object=inclure,
    )
    with context.begin_transaction():
        context.run_migrations()


def executer() -> None:
    connexion = context.config.attributes.get("connexion")
    if connexion is not None:
        _migrer(connexion)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    configuration = Configuration.depuis_environnement(url)
    moteur = creer_moteur(configuration)
    with moteur.begin() as cnx:
        _migrer(cnx)
    moteur.dispose()


executer()
