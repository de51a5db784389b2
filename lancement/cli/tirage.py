"""The verifiable lottery offline: announce, draw and verify a tirage from files, with no
database (anyone can recompute a published record)."""

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from domaine.erreurs import ErreurParticipation
from domaine.temps import a_paris
from lancement.cli.commun import SousCommandes, heure
from stockage.configuration import Configuration


def ajouter(sous: SousCommandes) -> None:
    tirage = sous.add_parser(
        "tirage", help="tirage au sort vérifiable (hors ligne, sans base de données)"
    ).add_subparsers(required=True)
    loterie = tirage.add_parser("loterie", help="calcule et annonce la loterie équitable")
    loterie.add_argument(
        "--pool", required=True, help="vivier CSV (id,college,genre,quartier,volontaire)"
    )
    loterie.add_argument("--quotas", required=True, help="quotas JSON")
    loterie.add_argument("--tickets", type=int, default=10_000, help="nombre de tickets (10000)")
    loterie.add_argument("--hasard-prevu", default="", help="le hasard public annoncé")
    loterie.add_argument(
        "--hasard-prevu-le",
        help="date et heure du hasard public, AAAA-MM-JJTHH:MM (heure de Paris sans fuseau) : "
        "l'annonce s'y engage et le tirage ne pourra pas avoir lieu avant",
    )
    loterie.add_argument("--sortie", required=True, help="fichier de l'annonce (JSON)")
    loterie.set_defaults(commande=_tirage_loterie)
    tirer = tirage.add_parser("tirer", help="tire le ticket à partir du hasard public")
    tirer.add_argument("annonce", help="annonce JSON")
    tirer.add_argument("--hasard", required=True, help='par exemple "3,7,1,9" (quatre dés)')
    tirer.add_argument("--temoin", action="append", default=[], help="nom d'un témoin")
    tirer.add_argument(
        "--le",
        help="date et heure du tirage, AAAA-MM-JJTHH:MM (heure de Paris) ; défaut : maintenant",
    )
    tirer.add_argument("--sortie", required=True, help="fichier de l'enregistrement (JSON)")
    tirer.set_defaults(commande=_tirage_tirer)
    verify = tirage.add_parser("verify", help="recalcule un tirage et donne le verdict")
    verify.add_argument("record", help="enregistrement (ou annonce) JSON")
    verify.add_argument("--equite", action="store_true", help="vérifie aussi l'optimalité")
    verify.set_defaults(commande=_tirage_verify)


def _lire(chemin: str) -> str:
    try:
        return Path(chemin).read_text(encoding="utf-8")
    except OSError as erreur:
        raise ErreurParticipation(f"Lecture impossible de {chemin} : {erreur.strerror}.") from None
    except UnicodeDecodeError:
        raise ErreurParticipation(f"{chemin} n'est pas un fichier texte UTF-8.") from None


def _lire_json(chemin: str) -> Any:
    try:
        return json.loads(_lire(chemin))
    except json.JSONDecodeError as erreur:
        raise ErreurParticipation(f"{chemin} n'est pas du JSON valide ({erreur.msg}).") from None


def _ecrire(chemin: str, document: Any) -> None:
    from tirage.canonique import ecrire

    Path(chemin).write_text(ecrire(document), encoding="utf-8")


def _hors_ligne(action: Callable[[], int]) -> int:
    """Offline lottery commands: their input errors are domain errors too (exit code 2)."""
    from tirage.erreurs import ErreurTirage

    try:
        return action()
    except ErreurTirage as erreur:
        raise ErreurParticipation(erreur.message) from None


def _tirage_loterie(_configuration: Configuration, args: argparse.Namespace) -> int:
    from tirage.loterie import annoncer
    from tirage.vivier import lire_quotas, lire_vivier

    def agir() -> int:
        if not 2 <= args.tickets <= 1_000_000:
            raise ErreurParticipation("--tickets doit être compris entre 2 et 1 000 000.")
        vivier = lire_vivier(_lire(args.pool))
        quotas = lire_quotas(_lire_json(args.quotas), vivier)
        prevu_le = (
            heure(args.hasard_prevu_le, "--hasard-prevu-le") if args.hasard_prevu_le else None
        )
        annonce = annoncer(
            vivier, quotas, args.tickets, args.hasard_prevu, hasard_prevu_le=prevu_le
        )
        _ecrire(args.sortie, annonce)
        print(
            f"Loterie annoncée : {args.tickets} tickets, probabilité minimale "
            f"{annonce['probabilite_minimale']} ; engagement {annonce['engagement']}."
        )
        if prevu_le is None:
            print(
                "Attention : sans --hasard-prevu-le, l'annonce ne fixe pas l'heure du hasard "
                "public (format 1) : rien n'empêche de tirer avant l'heure annoncée de vive voix.",
                file=sys.stderr,
            )
        return 0

    return _hors_ligne(agir)


def _tirage_tirer(_configuration: Configuration, args: argparse.Namespace) -> int:
    from tirage.tirer import tirer

    def agir() -> int:
        le = heure(args.le, "--le") if args.le else a_paris(args.horloge())
        record = tirer(_lire_json(args.annonce), args.hasard, args.temoin, le)
        _ecrire(args.sortie, record)
        print(
            f"Ticket {record['tirage']['ticket']} : {len(record['selection'])} personnes tirées, "
            f"{len(record['suppleants'])} en liste complémentaire."
        )
        return 0

    return _hors_ligne(agir)


def _tirage_verify(_configuration: Configuration, args: argparse.Namespace) -> int:
    from tirage.verification import verifier

    verdict = verifier(_lire_json(args.record), equite=args.equite)
    for etape in verdict.etapes:
        print(f"  ✓ {etape}")
    if verdict.correct:
        print("Verdict : le tirage est conforme à son annonce.")
        return 0
    print(f"Verdict : NON CONFORME — {verdict.ecart}")
    return 1
