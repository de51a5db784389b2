"""The priority geography from the command line: list what is known, load an official list of
QPV (compared first, recorded only without `--essai`), institute a council where a list adds one."""

import argparse
from pathlib import Path

from domaine.erreurs import DonneeInvalide
from domaine.quartiers import referentiel
from lancement.cli.commun import SousCommandes, jour, plateforme_ouverte
from participation.geographie import Comparaison
from stockage.configuration import Configuration


def ajouter(sous: SousCommandes) -> None:
    geographie = sous.add_parser(
        "geographie", help="géographie prioritaire (quartiers prioritaires, conseils)"
    ).add_subparsers(required=True)
    geographie.add_parser("liste", help="les géographies connues et les conseils").set_defaults(
        commande=_liste
    )
    importer = geographie.add_parser(
        "importer", help="adopte une liste officielle de QPV (CSV : code, nom, arrondissements)"
    )
    importer.add_argument("fichier", help="le fichier CSV officiel (séparateur , ou ;)")
    importer.add_argument("--periode", required=True, help="ex. 2024-2030")
    importer.add_argument("--debut", required=True, help="date d'entrée en vigueur AAAA-MM-JJ")
    importer.add_argument("--source", required=True, help="texte et adresse de la source")
    importer.add_argument(
        "--essai", action="store_true", help="affiche les changements sans rien enregistrer"
    )
    importer.set_defaults(commande=_importer)
    instituer = geographie.add_parser(
        "instituer", help="institue le conseil citoyen d'un arrondissement doté d'un QPV"
    )
    instituer.add_argument("--arrondissement", type=int, required=True)
    instituer.set_defaults(commande=_instituer)


def _liste(configuration: Configuration, args: argparse.Namespace) -> int:
    with plateforme_ouverte(configuration, args):
        connu = referentiel()
        for g in connu.geographies:
            fin = f"{g.fin:%d/%m/%Y}" if g.fin else "…"
            print(f"{g.periode} : du {g.debut:%d/%m/%Y} au {fin}, {len(g.quartiers)} QPV")
            print(f"  source : {g.source}")
        print("Conseils : " + ", ".join(f"{a}e" for a in connu.conseils))
    return 0


def _importer(configuration: Configuration, args: argparse.Namespace) -> int:
    try:
        contenu = Path(args.fichier).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DonneeInvalide("Le fichier doit être encodé en UTF-8.") from None
    debut = jour(args.debut)
    with plateforme_ouverte(configuration, args) as plateforme:
        service = plateforme.geographie
        if args.essai:
            _afficher(service.comparer(contenu, args.periode, debut, args.source))
            print("Essai : rien n'a été enregistré.")
            return 0
        comparaison = service.adopter(contenu, args.periode, debut, args.source)
        plateforme.projecteur.rattraper()
    _afficher(comparaison)
    print(f"Géographie {args.periode} adoptée, en vigueur à partir du {debut:%d/%m/%Y}.")
    return 0


def _afficher(c: Comparaison) -> None:
    print(
        f"{len(c.geographie.quartiers)} QPV dans {len(c.geographie.arrondissements)} arrondissements."
    )
    for code in c.entrants:
        print(f"  + {code} {c.geographie.quartier(code).nom}")
    for code in c.sortants:
        print(f"  - {code}")
    for code, avant, apres in c.renommes:
        print(f"  ~ {code} : « {avant} » devient « {apres} »")
    for a in c.sans_conseil:
        print(
            f"Le {a}e arrondissement a désormais un QPV mais pas de conseil citoyen : "
            f"participation geographie instituer --arrondissement {a}"
        )


def _instituer(configuration: Configuration, args: argparse.Namespace) -> int:
    with plateforme_ouverte(configuration, args) as plateforme:
        plateforme.geographie.instituer(args.arrondissement)
        plateforme.projecteur.rattraper()
    print(f"Conseil citoyen du {args.arrondissement}e institué.")
    return 0
