"""The draw: public randomness, announced in advance, picks one ticket deterministically.

Dice: with m = 10^d tickets, d digits (e.g. "3,7,1,9") are the ticket number itself.
Any other randomness (a public number, a lottery result): SHA-256 of its canonical form (spaces
collapsed) read as an integer, modulo m.
"""

import re
from typing import Any

from tirage.canonique import sha256
from tirage.erreurs import EntreeInvalide
from tirage.loterie import engagement, lot_de, membres_par_type, panel, suppleants
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


def tirer(annonce: dict[str, Any], hasard: str, temoins: list[str] | None = None) -> dict[str, Any]:
    """The record: the announcement, the randomness, the ticket, its panel and substitutes."""
    if annonce.get("engagement") != engagement(annonce):
        raise EntreeInvalide("L'annonce a été modifiée : son engagement ne correspond plus.")
    temoins = [" ".join(t.split()) for t in (temoins or []) if t.strip()]
    if len(temoins) > TEMOINS_MAX:
        raise EntreeInvalide(f"Au plus {TEMOINS_MAX} témoins.")
    lot = lot_de(annonce)
    ticket, methode = ticket_du_hasard(hasard, lot.m)
    vivier = [Candidat.depuis_json(c) for c in annonce["vivier"]]
    membres = membres_par_type(vivier, annonce["categories"], lot.types)
    choisis = panel(lot, membres, ticket)
    ids = [c.id for c in vivier]
    return {
        **annonce,
        "tirage": {
            "hasard": hasard_canonique(hasard),
            "methode": methode,
            "temoins": temoins,
            "ticket": ticket,
        },
        "selection": choisis,
        "suppleants": suppleants(annonce["engagement"], ticket, ids, choisis),
    }
