"""`verifier` catches every alteration of a record and names the first failing check, in the
order it checks (commitment, compositions, probabilities, ticket, selection, substitutes); the
standalone script, run as residents run it, gives the same verdict on the same files."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.tirage.outils import (
    autonome,
    autonome_en_memoire,
    copie,
    ecrire_fichier,
    recalculer_apparitions,
    sceller,
)
from tirage.loterie import lot_de
from tirage.tirer import tirer
from tirage.verification import Verdict, verifier


def test_un_enregistrement_intact_est_conforme(record: dict[str, Any], tmp_path: Path) -> None:
    verdict = verifier(record)
    assert verdict == Verdict(True, verdict.etapes)
    assert verdict.etapes == (
        "engagement recalculé : identique",
        f"{len(record['tickets']['compositions'])} compositions, 10000 tickets : tous respectent "
        "les quotas",
        "probabilités de chaque personne recalculées : identiques",
        "ticket recalculé depuis le hasard : 3719",
        "sélection (12) et liste complémentaire (28) recalculées : identiques",
    )
    resultat = autonome(ecrire_fichier(tmp_path / "enregistrement.json", record))
    assert (resultat.returncode, resultat.stdout, resultat.stderr) == (0, "CONFORME\n", "")


def test_une_annonce_seule_est_conforme(annonce: dict[str, Any], tmp_path: Path) -> None:
    verdict = verifier(annonce)
    assert verdict.correct
    assert verdict.etapes[-1] == "annonce seule : pas encore de tirage"
    assert autonome(ecrire_fichier(tmp_path / "annonce.json", annonce)).returncode == 0


def _autre_id(record: dict[str, Any]) -> dict[str, Any]:
    record["selection"][0] = record["suppleants"][0]
    record["selection"].sort()
    return record


def _apparitions(record: dict[str, Any]) -> dict[str, Any]:
    premier = record["vivier"][0]["id"]
    record["apparitions"][premier] += 1
    return record


def _hasard(record: dict[str, Any]) -> dict[str, Any]:
    record["tirage"]["hasard"] = "3,7,1,8"
    return record


def _hasard_et_ticket(record: dict[str, Any]) -> dict[str, Any]:
    """A changed randomness with the ticket it gives: the panel no longer matches."""
    record["tirage"]["hasard"] = "5,0,0,0"
    record["tirage"]["ticket"] = 5000
    return record


def _suppleants(record: dict[str, Any]) -> dict[str, Any]:
    s = record["suppleants"]
    s[0], s[1] = s[1], s[0]
    return record


def _quota(record: dict[str, Any]) -> dict[str, Any]:
    """Move one seat of the first composition that allows it from a woman's type to a man's
    type of the same college, so that the genre quota breaks (the college quota still holds)."""
    types = [t["valeurs"] for t in record["types"]]
    effectifs = [t["effectif"] for t in record["types"]]
    bas_f, haut_h = record["quotas"]["genre"]["femme"][0], record["quotas"]["genre"]["homme"][1]
    for ligne in record["tickets"]["compositions"]:
        x = ligne["composition"]
        femmes = sum(n for n, t in zip(x, types, strict=True) if t["genre"] == "femme")
        hommes = sum(n for n, t in zip(x, types, strict=True) if t["genre"] == "homme")
        if femmes - 1 >= bas_f and hommes + 1 <= haut_h:
            continue  # the move would keep this composition within the quotas
        for a, ta in enumerate(types):
            for b, tb in enumerate(types):
                if (ta["genre"], tb["genre"]) == ("femme", "homme") and (
                    ta["college"] == tb["college"] and x[a] > 0 and x[b] < effectifs[b]
                ):
                    x[a] -= 1
                    x[b] += 1
                    return record
    raise AssertionError("no seat to move")


def _vivier(record: dict[str, Any]) -> dict[str, Any]:
    personne = next(c for c in record["vivier"] if c["quartier"] != "Q01")
    personne["quartier"] = "Q01"
    return record


def _ordre_du_vivier(record: dict[str, Any]) -> dict[str, Any]:
    v = record["vivier"]
    v[0], v[1] = v[1], v[0]
    return record


def _methode(record: dict[str, Any]) -> dict[str, Any]:
    record["tirage"]["methode"] = "sha256"
    return record


def _hasard_vide(record: dict[str, Any]) -> dict[str, Any]:
    record["tirage"]["hasard"] = " "
    return record


def _tickets_negatifs(record: dict[str, Any]) -> dict[str, Any]:
    """Negative ticket counts (same total): the published probabilities would be false."""
    compositions = record["tickets"]["compositions"]
    compositions[0]["tickets"] -= 5000
    compositions[-1]["tickets"] += 5000
    return recalculer_apparitions(record)


def _aucun_ticket(record: dict[str, Any]) -> dict[str, Any]:
    record["tickets"] = {"nombre": 0, "compositions": []}
    record["apparitions"] = {c["id"]: 0 for c in record["vivier"]}
    record["probabilite_minimale"] = "0/0"
    return record


def _taille_impossible(record: dict[str, Any]) -> dict[str, Any]:
    record["taille"] = len(record["vivier"]) + 1
    return record


def _quota_inverse(record: dict[str, Any]) -> dict[str, Any]:
    record["quotas"]["quartier"]["Q01"] = [12, 3]
    return record


def _selection_plus_courte(record: dict[str, Any]) -> dict[str, Any]:
    record["selection"].pop()
    return record


def _suppleant_en_trop(record: dict[str, Any]) -> dict[str, Any]:
    record["suppleants"].append(record["selection"][0])
    return record


# (alteration, reseal the commitment?, the French message verifier() gives, or its start)
ALTERATIONS: dict[str, tuple[Callable[[dict[str, Any]], dict[str, Any]], bool, str]] = {
    "id changé dans la sélection": (_autre_id, False, "sélection, rang "),
    "probabilité changée": (
        _apparitions,
        False,
        "l'engagement (SHA-256) ne correspond pas à l'annonce publiée",
    ),
    "probabilité changée et engagement recalculé": (_apparitions, True, "probabilité de "),
    "hasard changé": (_hasard, False, "le hasard « 3,7,1,8 » donne le ticket 3718, pas 3719"),
    "hasard et ticket changés": (_hasard_et_ticket, False, "sélection, rang "),
    "liste complémentaire réordonnée": (_suppleants, False, "liste complémentaire, rang 1 : "),
    "composition hors quota": (
        _quota,
        False,
        "l'engagement (SHA-256) ne correspond pas à l'annonce publiée",
    ),
    "composition hors quota et engagement recalculé": (
        _quota,
        True,
        "composition 1 : quota genre = ",
    ),
    "vivier changé": (_vivier, False, "l'engagement (SHA-256) ne correspond pas à l'annonce"),
    "vivier changé et engagement recalculé": (
        _vivier,
        True,
        "les types publiés ne correspondent pas au vivier",
    ),
    "vivier désordonné": (
        _ordre_du_vivier,
        True,
        "le vivier n'est pas trié par identifiant ou a des doublons",
    ),
    "méthode changée": (_methode, False, "méthode publiée « sha256 », recalculée « des »"),
    "hasard vide": (_hasard_vide, False, "Le hasard public est vide."),
    "tickets négatifs": (
        _tickets_negatifs,
        True,
        "les nombres de tickets doivent être des entiers positifs ou nuls",
    ),
    "aucun ticket": (_aucun_ticket, True, "la loterie n'a aucun ticket"),
    "taille impossible": (_taille_impossible, True, "La taille du panel (41) doit être comprise"),
    "quota inversé": (_quota_inverse, True, "Quota quartier = Q01 : attendu [min, max] entiers"),
    "sélection plus courte": (
        _selection_plus_courte,
        False,
        "sélection : 11 personnes publiées, 12 recalculées",
    ),
    "suppléant en trop": (
        _suppleant_en_trop,
        False,
        "liste complémentaire : 29 personnes publiées, 28 recalculées",
    ),
}


@pytest.mark.parametrize("nom", ALTERATIONS)
def test_verify_trouve_la_premiere_difference(
    nom: str, record: dict[str, Any], tmp_path: Path
) -> None:
    alterer, resceller, message = ALTERATIONS[nom]
    altere = alterer(copie(record))
    if resceller:
        sceller(altere)
    verdict = verifier(altere)
    assert not verdict.correct
    assert verdict.ecart.startswith(message), verdict.ecart
    # the standalone script, run as a separate python3 without site-packages: same verdict
    resultat = autonome(ecrire_fichier(tmp_path / "altere.json", altere))
    assert resultat.returncode == 1, resultat
    assert resultat.stdout.startswith("NON CONFORME — "), resultat.stdout
    assert resultat.stdout.count("\n") == 1 and resultat.stderr == ""
    assert autonome_en_memoire(altere) == (1, resultat.stdout)


def test_les_messages_de_l_autonome_nomment_la_meme_etape(
    record: dict[str, Any], tmp_path: Path
) -> None:
    attendus = {
        "probabilité changée": "l'engagement (SHA-256) ne correspond pas",
        "probabilité changée et engagement recalculé": "probabilité de ",
        "hasard changé": "le hasard donne le ticket 3718",
        "composition hors quota et engagement recalculé": "composition 1 : quota genre = ",
        "id changé dans la sélection": "selection : rang ",
        "liste complémentaire réordonnée": "suppleants : rang 1, attendu ",
        "méthode changée": "méthode du tirage fausse",
    }
    for nom, debut in attendus.items():
        alterer, resceller, _ = ALTERATIONS[nom]
        altere = alterer(copie(record))
        if resceller:
            sceller(altere)
        code, sortie = autonome_en_memoire(altere)
        assert code == 1 and sortie.startswith(f"NON CONFORME — {debut}"), (nom, sortie)


def test_une_loterie_re_tiree_depuis_une_annonce_alteree_et_rescellee_reste_refusee(
    annonce: dict[str, Any], tmp_path: Path
) -> None:
    """A dishonest announcement, internally consistent (commitment, probabilities, draw),
    still fails when one of its compositions breaks a quota."""
    faux = sceller(recalculer_apparitions(_quota(copie(annonce))))
    record = tirer(faux, "3,7,1,9")
    verdict = verifier(record)
    assert verdict.ecart.startswith("composition 1 : quota genre = ")
    assert autonome(ecrire_fichier(tmp_path / "r.json", record)).returncode == 1


def test_les_tickets_publies_sont_reconstruits_a_l_identique(record: dict[str, Any]) -> None:
    lot = lot_de(record)
    assert lot.m == 10_000 and list(lot.compositions) == sorted(lot.compositions)


@pytest.mark.parametrize(
    "document",
    [[], {}, {"format": "participation-tirage/1"}, {"format": "autre/2"}, "texte", 3],
)
def test_un_document_mal_forme_n_est_pas_conforme(document: Any, tmp_path: Path) -> None:
    assert not verifier(document).correct
    resultat = autonome(ecrire_fichier(tmp_path / "x.json", document))
    assert resultat.returncode == 1 and resultat.stdout.startswith("NON CONFORME — ")
