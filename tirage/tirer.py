"""The draw: public randomness, announced in advance, picks one ticket deterministically.

Dice: with m = 10^d tickets, d digits (e.g. "3,7,1,9") are the ticket number itself.
Any other randomness (a public number, a lottery result): SHA-256 of its canonical form (spaces
collapsed) read as an integer, modulo m.
"""

import re
from datetime import datetime
from typing import Any

from tirage.canonique import sha256
from tirage.erreurs import EntreeInvalide
from tirage.loterie import (
    engagement,
    heure_prevue,
    lot_de,
    membres_par_type,
    panel,
    suppleants,
)
from tirage.vivier import Candidat

TEMOINS_MAX = 10


def hasard_canonique(hasard: str) -> str:
    return " ".join(hasard.split())


def ticket_du_hasard(hasard: str, m: int) -> tuple[int, str]:
    """The ticket number and the method used ("des" or "sha256")."""
    texte = hasard_canonique(hasard)
    if not texte:
        raise EntreeInvalide("Le hasard public est vide.")
    chiffres = re.fullmatch(r"\d(?:[ ,;-]*\d)*", texte)
    nombre_de_chiffres = len(str(m - 1)) if m > 1 else 1
    if chiffres and 10**nombre_de_chiffres == m:
        numeros = re.sub(r"\D", "", texte)
        if len(numeros) == nombre_de_chiffres:
            return int(numeros), "des"
    return int(sha256(texte), 16) % m, "sha256"


def tirer(
    annonce: dict[str, Any],
    hasard: str,
    temoins: list[str] | None = None,
    le: datetime | None = None,
) -> dict[str, Any]:
    """The record: the announcement, the randomness, the ticket, its panel and substitutes.

    `le`: when the randomness is entered (timezone-aware, written with its offset as given).
    An announcement that fixed the time of its randomness (format 2) needs it, and refuses a
    draw before that time: the randomness would not be the one announced."""
    if annonce.get("engagement") != engagement(annonce):
        raise EntreeInvalide("L'annonce a été modifiée : son engagement ne correspond plus.")
    prevue = heure_prevue(annonce)
    if prevue is not None:
        if le is None or le.utcoffset() is None:
            raise EntreeInvalide(
                "L'annonce fixe l'heure du hasard public : indiquez l'heure du tirage, avec son "
                "fuseau horaire."
            )
        if le < prevue:
            raise EntreeInvalide(
                "Le hasard public est annoncé pour le %(jour)s à %(heure)s (UTC%(decalage)s) : "
                "le tirage ne peut pas avoir lieu avant.",
                jour=prevue.strftime("%d/%m/%Y"),
                heure=prevue.strftime("%H:%M"),
                decalage=prevue.strftime("%z"),
            )
    temoins = [" ".join(t.split()) for t in (temoins or []) if t.strip()]
    if len(temoins) > TEMOINS_MAX:
        raise EntreeInvalide("Au plus %(maximum)s témoins.", maximum=TEMOINS_MAX)
    lot = lot_de(annonce)
    ticket, methode = ticket_du_hasard(hasard, lot.m)
    vivier = [Candidat.depuis_json(c) for c in annonce["vivier"]]
    membres = membres_par_type(vivier, annonce["categories"], lot.types)
    choisis = panel(lot, membres, ticket)
    ids = [c.id for c in vivier]
    tirage: dict[str, Any] = {
        "hasard": hasard_canonique(hasard),
        "methode": methode,
        "temoins": temoins,
        "ticket": ticket,
    }
    if prevue is not None and le is not None:
        tirage["le"] = le.isoformat(timespec="seconds")
    return {
        **annonce,
        "tirage": tirage,
        "selection": choisis,
        "suppleants": suppleants(annonce["engagement"], ticket, ids, choisis),
    }
