"""From the public randomness to the ticket: dice digits are the ticket number when m = 10^d;
anything else is SHA-256 of the canonical text (whitespace collapsed), modulo m."""

import hashlib
from typing import Any

import pytest

from tirage.erreurs import EntreeInvalide
from tirage.tirer import hasard_canonique, ticket_du_hasard, tirer


def _sha256_mod(texte: str, m: int) -> int:
    return int(hashlib.sha256(texte.encode("utf-8")).hexdigest(), 16) % m


@pytest.mark.parametrize(
    "hasard", ["3,7,1,9", "3 7 1 9", " 3, 7,1 ,9 ", "3-7-1-9", "3;7;1;9", "3719", "\t3,7,\n1,9  "]
)
def test_quatre_des_donnent_directement_le_numero_du_ticket(hasard: str) -> None:
    assert ticket_du_hasard(hasard, 10_000) == (3719, "des")


@pytest.mark.parametrize(
    ("hasard", "m", "ticket"),
    [("0,0,0,0", 10_000, 0), ("9,9,9,9", 10_000, 9999), ("4,2", 100, 42), ("7", 10, 7)],
)
def test_des_aux_bornes_et_autres_puissances_de_dix(hasard: str, m: int, ticket: int) -> None:
    assert ticket_du_hasard(hasard, m) == (ticket, "des")


@pytest.mark.parametrize(
    ("hasard", "m"),
    [
        ("3,7,1", 10_000),  # too few dice
        ("3,7,1,9,2", 10_000),  # too many dice
        ("3,7,1,9", 5_000),  # m is not a power of ten
        ("3,7,1,9", 1),
        ("3 7 a 9", 10_000),
    ],
)
def test_sinon_sha256_du_texte_canonique_modulo_m(hasard: str, m: int) -> None:
    assert ticket_du_hasard(hasard, m) == (_sha256_mod(hasard_canonique(hasard), m), "sha256")


def test_un_nombre_public_nomme_donne_sha256_modulo_m() -> None:
    hasard = "Euromillions du 14 mars 2026 : 4 12 23 31 45 étoiles 2 9"
    ticket, methode = ticket_du_hasard(hasard, 10_000)
    attendu = int(hashlib.sha256(hasard.encode("utf-8")).hexdigest(), 16) % 10_000
    assert (ticket, methode) == (attendu, "sha256")


def test_les_espaces_ne_changent_pas_le_ticket() -> None:
    reference = ticket_du_hasard("Euromillions du 14 mars 2026 : 4 12 23 31 45", 10_000)
    for variante in (
        "  Euromillions du 14 mars 2026 : 4 12 23 31 45  ",
        "Euromillions  du\t14 mars\n2026 :   4 12 23 31 45",
        "\u00a0Euromillions du 14 mars 2026 : 4 12 23 31 45\u2003",
    ):
        assert ticket_du_hasard(variante, 10_000) == reference
    assert hasard_canonique(" a \t b\n") == "a b"


def test_le_hasard_vide_est_refuse() -> None:
    with pytest.raises(EntreeInvalide, match="vide"):
        ticket_du_hasard("  \n ", 10_000)


def test_l_enregistrement_garde_le_hasard_canonique_et_la_methode(annonce: dict[str, Any]) -> None:
    record = tirer(annonce, "  3, 7,1\t,9 ", ["  Awa   Diallo "])
    assert record["tirage"] == {
        "hasard": "3, 7,1 ,9",
        "methode": "des",
        "temoins": ["Awa Diallo"],
        "ticket": 3719,
    }
    assert record["selection"] == tirer(annonce, "3,7,1,9")["selection"]
