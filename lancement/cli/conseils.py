"""The councils' business from the command line: a council's past state, the annual reports
and their archive, the reminders the daily job sends."""

import argparse
import json
import sys
from pathlib import Path

from lancement.cli.commun import SousCommandes, barre, instant, plateforme_ouverte
from stockage.configuration import Configuration
from stockage.export import en_json


def ajouter(sous: SousCommandes) -> None:
    conseil = sous.add_parser("conseil", help="un conseil citoyen").add_subparsers(required=True)
    etat = conseil.add_parser("etat", help="état d'un conseil à une date passée")
    etat.add_argument("--arrondissement", type=int, required=True)
    etat.add_argument("--au", required=True, help="date (AAAA-MM-JJ) ou instant ISO 8601")
    etat.set_defaults(commande=_etat)

    rapport = sous.add_parser("rapport", help="rapports").add_subparsers(required=True)
    annuel = rapport.add_parser("annuel", help="rapport annuel d'interaction (Ville, État)")
    annuel.add_argument("--annee", type=int, required=True)
    annuel.add_argument("--conseil", type=int, help="arrondissement (défaut : tous et Paris)")
    annuel.add_argument("--format", default="json", help="json, csv, xlsx, pdf ou html")
    annuel.add_argument("--sortie", required=True, help="fichier à écrire (- : sortie standard)")
    annuel.add_argument(
        "--depuis-evenements",
        action="store_true",
        help="recalcule depuis le journal brut au lieu des modèles de lecture",
    )
    annuel.set_defaults(commande=_rapport_annuel)
    archiver = rapport.add_parser("archiver", help="archive les rapports d'une année écoulée")
    archiver.add_argument("--annee", type=int, help="défaut : l'année dernière")
    archiver.set_defaults(commande=_archiver)
    rapport.add_parser("archives", help="liste les rapports archivés et leur SHA-256").set_defaults(
        commande=_archives
    )

    avis = sous.add_parser("avis", help="avis des conseils").add_subparsers(required=True)
    avis.add_parser(
        "rappels", help="envoie les rappels d'échéance dus (ce que fait la tâche quotidienne)"
    ).set_defaults(commande=_rappels)


def _etat(configuration: Configuration, args: argparse.Namespace) -> int:
    au = instant(args.au)
    with plateforme_ouverte(configuration, args, migrer=False) as plateforme:
        etat = plateforme.historique.etat_au(args.arrondissement, au)
    json.dump(en_json(etat), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def _rapport_annuel(configuration: Configuration, args: argparse.Namespace) -> int:
    from rapports.formats import rendre

    with plateforme_ouverte(configuration, args) as plateforme:
        plateforme.rapports.perimetre(args.annee, args.conseil)  # bad input: before the work
        if args.depuis_evenements:  # only a replay of the raw log has progress to show
            with barre(plateforme.registre.position(), "Journal") as avancer:
                rapport = plateforme.rapports.annuel(
                    args.annee, args.conseil, depuis_evenements=True, progression=avancer
                )
        else:
            rapport = plateforme.rapports.annuel(args.annee, args.conseil)
        contenu = rendre(rapport, args.format)
    if args.sortie == "-":
        sys.stdout.buffer.write(contenu)
    else:
        Path(args.sortie).write_bytes(contenu)
    return 0


def _archiver(configuration: Configuration, args: argparse.Namespace) -> int:
    with plateforme_ouverte(configuration, args) as plateforme:
        ajoutees = plateforme.archives.archiver(args.annee)
    for a in ajoutees:
        print(f"{a.annee} {a.arrondissement or 'paris'} {a.format} {a.sha256}")
    print(f"{len(ajoutees)} fichier(s) archivé(s).")
    return 0


def _archives(configuration: Configuration, args: argparse.Namespace) -> int:
    with plateforme_ouverte(configuration, args) as plateforme:
        archives = plateforme.archives.liste()
    for a in archives:
        quand = a.archive_le.date().isoformat()
        conseil = a.arrondissement or "paris"
        print(f"{a.annee} {conseil} {a.format} {a.taille} octets {a.sha256} (archivé le {quand})")
    return 0


def _rappels(configuration: Configuration, args: argparse.Namespace) -> int:
    with plateforme_ouverte(configuration, args) as plateforme:
        rappels = plateforme.echeances.verifier()
    for r in rappels:
        print(f"{r.lien} : {r.message} ({r.courriels} courriel(s))")
    print(f"{len(rappels)} rappel(s) envoyé(s).")
    return 0
