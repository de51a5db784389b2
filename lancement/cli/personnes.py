"""Accounts and personal data from the command line: the first administrator, erasure,
export, and the retention periods the daily job applies."""

import argparse
import getpass
import json
import sys

from lancement.cli.commun import SousCommandes, plateforme_ouverte
from stockage.configuration import Configuration


def ajouter(sous: SousCommandes) -> None:
    comptes = sous.add_parser("comptes", help="comptes").add_subparsers(required=True)
    creer = comptes.add_parser("creer", help="crée un compte, éventuellement avec un rôle")
    creer.add_argument("--email", required=True)
    creer.add_argument("--nom", required=True)
    creer.add_argument(
        "--mot-de-passe", help="sinon demandé (ou $PARTICIPATION_MOT_DE_PASSE)", default=None
    )
    creer.add_argument("--role", choices=["animateur", "agent_ville", "agent_etat", "admin"])
    creer.add_argument("--arrondissement", type=int, help="pour un rôle d'animateur·rice")
    creer.set_defaults(commande=_creer_compte)

    personne = sous.add_parser("personne", help="données personnelles (RGPD)").add_subparsers(
        required=True
    )
    effacer = personne.add_parser("effacer", help="efface les données personnelles d'un compte")
    effacer.add_argument("id", metavar="ID", help="identifiant du compte ou adresse électronique")
    effacer.add_argument(
        "--motif",
        choices=["demande_administration", "demande_personne"],
        default="demande_administration",
    )
    effacer.set_defaults(commande=_effacer_personne)
    exporter_ = personne.add_parser("exporter", help="toutes les données d'un compte, en JSON")
    exporter_.add_argument("id", metavar="ID", help="identifiant du compte ou adresse électronique")
    exporter_.set_defaults(commande=_exporter_personne)
    personne.add_parser(
        "conservation",
        help="applique les durées de conservation (ce que fait la tâche quotidienne)",
    ).set_defaults(commande=_conservation)


def _creer_compte(configuration: Configuration, args: argparse.Namespace) -> int:
    mot_de_passe = (
        args.mot_de_passe or configuration.mot_de_passe_compte or getpass.getpass("Mot de passe : ")
    )
    with plateforme_ouverte(configuration, args) as plateforme:
        compte_id, _ = plateforme.comptes.inscrire(args.nom, args.email, mot_de_passe)
        if args.role:
            plateforme.comptes.amorcer_role(compte_id, args.role, args.arrondissement)
        plateforme.projecteur.rattraper()
    print(f"Compte créé : {compte_id}" + (f" ({args.role})" if args.role else ""))
    return 0


def _effacer_personne(configuration: Configuration, args: argparse.Namespace) -> int:
    with plateforme_ouverte(configuration, args) as plateforme:
        personne_id = plateforme.rgpd.personne(args.id)
        plateforme.projecteur.attendre(
            plateforme.rgpd.effacer_depuis_la_console(personne_id, args.motif)
        )
    print(f"Données personnelles effacées : {personne_id}")
    return 0


def _exporter_personne(configuration: Configuration, args: argparse.Namespace) -> int:
    with plateforme_ouverte(configuration, args) as plateforme:
        donnees = plateforme.rgpd.donnees(plateforme.rgpd.personne(args.id))
    json.dump(donnees, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def _conservation(configuration: Configuration, args: argparse.Namespace) -> int:
    with plateforme_ouverte(configuration, args) as plateforme:
        bilan = plateforme.conservation.appliquer()
    for personne_id in bilan.personnes_effacees:
        print(f"effacée (durée de conservation écoulée) : {personne_id}")
    print(
        f"{len(bilan.personnes_effacees)} personne(s) effacée(s), "
        f"{bilan.candidats_purges} coordonnée(s) de liste purgée(s)."
    )
    return 0
