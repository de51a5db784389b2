"""`participation-demo`: load demo data, years of life of every council, into a database."""

import sys
from collections.abc import Sequence

from demo import generateur
from domaine.erreurs import ErreurParticipation
from domaine.temps import jour_a_paris
from lancement.cli.commun import EXIT_ERREUR, AnalyseurFrancais, jour
from stockage.configuration import Configuration
from stockage.registre import Horloge, maintenant_utc


def main(argv: Sequence[str] | None = None, horloge: Horloge = maintenant_utc) -> int:
    """Load the demo; `horloge` gives "today" when no end day is named (tests fix it)."""
    args = _analyseur().parse_args(argv)
    try:
        configuration = Configuration.depuis_environnement(args.database_url)
        fin = jour(args.fin) if args.fin else jour_a_paris(horloge())
        debut = jour(args.debut) if args.debut else None
        return generateur.commande(
            configuration, args.seed, args.years, args.reinitialiser, fin, debut
        )
    except ErreurParticipation as erreur:
        print(f"Erreur : {erreur.message}", file=sys.stderr)
        return EXIT_ERREUR


def _analyseur() -> AnalyseurFrancais:
    analyseur = AnalyseurFrancais(
        prog="participation-demo",
        description="Charge des données de démonstration : des années de vie de chaque conseil.",
    )
    analyseur.add_argument(
        "--database-url",
        help="URL de la base (sinon $PARTICIPATION_DATABASE_URL, sinon SQLite sous ./var/)",
    )
    analyseur.add_argument(
        "--seed", type=int, default=7, help="graine (mêmes données pour une graine)"
    )
    analyseur.add_argument("--years", type=int, default=2, help="années d'historique simulées")
    analyseur.add_argument(
        "--debut",
        help="premier jour simulé, AAAA-MM-JJ (remplace --years) : par exemple 2023-10-01 "
        "pour traverser le changement de géographie prioritaire du 1er janvier 2024",
    )
    analyseur.add_argument(
        "--reinitialiser", action="store_true", help="vide la base avant de charger la démo"
    )
    analyseur.add_argument(
        "--fin",
        help="jour de fin, AAAA-MM-JJ : la démo s'arrête à 0 h (heure de Paris) ce jour-là ; "
        "par défaut aujourd'hui (mêmes données pour une graine et un jour de fin)",
    )
    return analyseur


if __name__ == "__main__":
    sys.exit(main())
