"""What every command group shares: the French argument parser, exit codes, opening the
platform (closed whatever happens), progress bars and the dates typed on the command line."""

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any, NoReturn, Protocol

from tqdm import tqdm

from domaine.erreurs import ErreurParticipation
from domaine.temps import PARIS, fin_du_jour
from lancement.plateforme import Plateforme
from stockage.configuration import Configuration

EXIT_ERREUR = 2
EXIT_INACCESSIBLE = 1
Commande = Callable[[Configuration, argparse.Namespace], int]


class SousCommandes(Protocol):
    """What `argparse`'s `add_subparsers()` returns (its class is private)."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser: ...


class AnalyseurFrancais(argparse.ArgumentParser):
    """argparse, with its usage errors reported on one French line (exit code 2)."""

    _TRADUCTIONS = (
        ("the following arguments are required", "arguments obligatoires manquants"),
        ("invalid int value", "nombre entier attendu, reçu"),
        ("invalid choice", "choix invalide"),
        ("choose from", "choix possibles :"),
        ("unrecognized arguments", "arguments inconnus"),
        ("expected one argument", "une valeur est attendue"),
        ("argument ", "option "),
    )

    def error(self, message: str) -> NoReturn:
        for anglais, francais in self._TRADUCTIONS:
            message = message.replace(anglais, francais)
        self.exit(EXIT_ERREUR, f"Erreur : {message} (voir « {self.prog} --help »).\n")


@contextmanager
def plateforme_ouverte(
    configuration: Configuration, args: argparse.Namespace, migrer: bool = True
) -> Iterator[Plateforme]:
    """The platform on the configured database (schema up to date and read models caught up,
    unless `migrer` is false), closed when the command ends, even on an error."""
    with Plateforme(configuration, args.horloge) as plateforme:
        if migrer:
            plateforme.migrer()
        yield plateforme


@contextmanager
def barre(total: int, titre: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr (hidden when it is not a terminal); yields how to advance it."""
    progression = tqdm(total=total, desc=titre, unit="évt", disable=None, file=sys.stderr)

    def avancer(n: int) -> None:
        progression.update(n)

    try:
        yield avancer
    finally:
        progression.close()


def jour(texte: str) -> date:
    try:
        return date.fromisoformat(texte)
    except ValueError:
        raise ErreurParticipation(f"Date invalide : « {texte} » (attendu AAAA-MM-JJ).") from None


def heure(texte: str, option: str) -> datetime:
    """A date and time typed as Paris wall-clock time (or with an explicit offset)."""
    try:
        valeur = datetime.fromisoformat(texte.strip())
    except ValueError:
        raise ErreurParticipation(
            f"{option} : date et heure invalides : « {texte} » (attendu AAAA-MM-JJTHH:MM)."
        ) from None
    return valeur if valeur.tzinfo else valeur.replace(tzinfo=PARIS)


def instant(texte: str) -> datetime:
    """A day (its last instant in Paris) or an ISO 8601 instant (Paris time if no offset)."""
    if len(texte) == 10:
        return fin_du_jour(jour(texte)) - timedelta(microseconds=1)
    try:
        valeur = datetime.fromisoformat(texte)
    except ValueError:
        raise ErreurParticipation(f"Date invalide : « {texte} » (attendu AAAA-MM-JJ).") from None
    return valeur if valeur.tzinfo else valeur.replace(tzinfo=PARIS)
