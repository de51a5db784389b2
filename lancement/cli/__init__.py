"""The `participation` command: one module per command group, assembled here.

`exploitation` runs a deployment (serve, schema, read models, log, backups, audit);
`conseils` the councils' business (past state, reports, reminders); `personnes` accounts
and personal data; `tirage` the offline lottery. Every command opens what it needs through
`commun.plateforme_ouverte` and closes it, whatever happens."""

import argparse
import sys
from collections.abc import Sequence

from eventsourcing.persistence import PersistenceError
from sqlalchemy.exc import SQLAlchemyError

from domaine.erreurs import ErreurParticipation
from lancement.cli import conseils, exploitation, geographie, personnes, tirage
from lancement.cli.commun import EXIT_ERREUR, EXIT_INACCESSIBLE, AnalyseurFrancais
from stockage.configuration import VARIABLE_URL, Configuration
from stockage.registre import Horloge, maintenant_utc

__all__ = ["EXIT_ERREUR", "EXIT_INACCESSIBLE", "AnalyseurFrancais", "main"]


def main(argv: Sequence[str] | None = None, horloge: Horloge = maintenant_utc) -> int:
    """Run one command; `horloge` is the platform's clock (tests pass a fixed one)."""
    args = _analyseur().parse_args(argv)
    args.horloge = horloge
    try:
        configuration = Configuration.depuis_environnement(args.database_url)
        code: int = args.commande(configuration, args)
    except ErreurParticipation as erreur:
        print(f"Erreur : {erreur.message}", file=sys.stderr)
        return EXIT_ERREUR
    except (OSError, SQLAlchemyError, PersistenceError) as erreur:
        detail = " ".join(str(erreur).split())[:300]
        print(f"Erreur : base de données inaccessible ({detail}).", file=sys.stderr)
        return EXIT_INACCESSIBLE
    return code


def _analyseur() -> argparse.ArgumentParser:
    racine = AnalyseurFrancais(
        prog="participation",
        description="Les conseils citoyens de Paris : assemblée ouverte, séances, décisions.",
    )
    racine.add_argument(
        "--database-url",
        help=f"URL de la base (sinon ${VARIABLE_URL}, sinon SQLite sous ./var/)",
    )
    sous = racine.add_subparsers(required=True, metavar="COMMANDE")
    for groupe in (exploitation, tirage, conseils, geographie, personnes):
        groupe.ajouter(sous)
    return racine
