"""The database schema: Alembic migrations of every table besides the event store's own."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrer(moteur: Engine) -> None:
    """Bring the schema to the latest version, in one transaction."""
    config = _config()
    with moteur.begin() as connexion:
        config.attributes["connexion"] = connexion
        command.upgrade(config, "head")


def revisions_connues() -> set[str]:
    """The Alembic revisions this version of participation knows."""
    return {r.revision for r in ScriptDirectory.from_config(_config()).walk_revisions()}
