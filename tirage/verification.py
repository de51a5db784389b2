"""Recompute a record from scratch and name the first difference: anyone can check a draw."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tirage import FORMAT, FORMATS
from tirage.equite import leximin, probleme
from tirage.erreurs import ErreurTirage
from tirage.loterie import (
    apparitions,
    engagement,
    heure_prevue,
    lot_de,
    membres_par_type,
    panel,
    suppleants,
)
from tirage.tirer import ticket_du_hasard
from tirage.vivier import CATEGORIES, Candidat, Quotas, lire_quotas

TOLERANCE_EQUITE = 0.001


@dataclass(frozen=True)
class Verdict:
    correct: bool
    etapes: tuple[str, ...]
    ecart: str = ""


class _Ecart(Exception):
    pass


def verifier(record: dict[str, Any], equite: bool = False) -> Verdict:
    etapes: list[str] = []
    try:
        _verifier(record, equite, etapes)
    except _Ecart as ecart:
        return Verdict(False, tuple(etapes), str(ecart))
    except ErreurTirage as erreur:  # invalid quotas or empty randomness in the record
        return Verdict(False, tuple(etapes), erreur.message)
    except (KeyError, TypeError, ValueError, AttributeError) as erreur:
        return Verdict(False, tuple(etapes), f"enregistrement mal formé ({erreur!r})")
    return Verdict(True, tuple(etapes))


def _exiger(condition: bool, message: str) -> None:
    if not condition:
        raise _Ecart(message)


def _verifier(record: dict[str, Any], equite: bool, etapes: list[str]) -> None:
    _exiger(record.get("format") in FORMATS, f"format inconnu : {record.get('format')!r}")
    prevue = heure_prevue(record)  # format 2: the randomness's announced date and time
    publiees = {"id", *CATEGORIES, *record["quotas"]}  # other columns only when constrained
    if not all(
        {"id", *CATEGORIES} <= set(c) <= publiees and all(isinstance(v, str) for v in c.values())
        for c in record["vivier"]
    ):
        raise TypeError("vivier : colonnes inattendues ou manquantes")
    vivier = [Candidat.depuis_json(c) for c in record["vivier"]]
    ids = [c.id for c in vivier]
    _exiger(ids == sorted(set(ids)), "le vivier n'est pas trié par identifiant ou a des doublons")
    quotas = lire_quotas({"taille": record["taille"], "quotas": record["quotas"]}, vivier)

    _exiger(
        record["engagement"] == engagement(_annonce(record)),
        "l'engagement (SHA-256) ne correspond pas à l'annonce publiée",
    )
    etapes.append("engagement recalculé : identique")

    p = probleme(vivier, quotas)
    _exiger(
        list(p.categories) == record["categories"], "les catégories ne correspondent pas aux quotas"
    )
    publies = [
        (tuple(t["valeurs"][c] for c in p.categories), t["effectif"]) for t in record["types"]
    ]
    _exiger(
        publies == [(t.valeurs, t.effectif) for t in p.types],
        "les types publiés ne correspondent pas au vivier",
    )
    lot = lot_de(record)
    _exiger(
        all(type(n) is int and n >= 0 for n in lot.nombres),
        "les nombres de tickets doivent être des entiers positifs ou nuls",
    )
    _exiger(
        lot.m == record["tickets"]["nombre"],
        f"les tickets ne sont pas {record['tickets']['nombre']} mais {lot.m}",
    )
    _exiger(lot.m >= 1, "la loterie n'a aucun ticket")
    for numero, composition in enumerate(lot.compositions, start=1):
        _verifier_composition(numero, composition, p.types, p.categories, quotas)
    etapes.append(
        f"{len(lot.compositions)} compositions, {lot.m} tickets : tous respectent les quotas"
    )

    membres = membres_par_type(vivier, p.categories, lot.types)
    comptes = apparitions(lot, membres)
    for ident in ids:
        _exiger(
            record["apparitions"].get(ident) == comptes[ident],
            f"probabilité de {ident} : publiée {record['apparitions'].get(ident)}/{lot.m}, recalculée {comptes[ident]}/{lot.m}",
        )
    _exiger(
        set(record["apparitions"]) == set(ids),
        "des probabilités sont publiées pour des personnes hors du vivier",
    )
    _exiger(
        record["probabilite_minimale"] == f"{min(comptes.values())}/{lot.m}",
        "la probabilité minimale publiée est fausse",
    )
    etapes.append("probabilités de chaque personne recalculées : identiques")

    if equite:
        optimum = leximin(p).minimum
        publiee = min(comptes.values()) / lot.m
        _exiger(
            publiee >= optimum - TOLERANCE_EQUITE,
            f"probabilité minimale {publiee:.4f}, alors que l'optimum est {optimum:.4f}",
        )
        etapes.append(f"équité : minimum {publiee:.4f}, optimum recalculé {optimum:.4f}")

    if "tirage" not in record:
        etapes.append("annonce seule : pas encore de tirage")
        return
    if record["format"] == FORMAT:
        assert prevue is not None
        le = datetime.fromisoformat(record["tirage"]["le"])
        _exiger(le.utcoffset() is not None, "l'heure du tirage n'a pas de fuseau horaire")
        _exiger(
            le >= prevue,
            f"tiré le {record['tirage']['le']}, avant l'heure annoncée du hasard public "
            f"({record['hasard_prevu_le']})",
        )
        etapes.append(f"tiré le {record['tirage']['le']}, pas avant l'heure annoncée")
    ticket, methode = ticket_du_hasard(record["tirage"]["hasard"], lot.m)
    _exiger(
        ticket == record["tirage"]["ticket"],
        f"le hasard « {record['tirage']['hasard']} » donne le ticket {ticket}, pas {record['tirage']['ticket']}",
    )
    _exiger(
        methode == record["tirage"]["methode"],
        f"méthode publiée « {record['tirage']['methode']} », recalculée « {methode} »",
    )
    etapes.append(f"ticket recalculé depuis le hasard : {ticket}")
    choisis = panel(lot, membres, ticket)
    _exiger(
        record["selection"] == choisis,
        _premiere_difference("sélection", record["selection"], choisis),
    )
    attendus = suppleants(record["engagement"], ticket, ids, choisis)
    _exiger(
        record["suppleants"] == attendus,
        _premiere_difference("liste complémentaire", record["suppleants"], attendus),
    )
    etapes.append(
        f"sélection ({len(choisis)}) et liste complémentaire ({len(attendus)}) recalculées : identiques"
    )


def _annonce(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in ("tirage", "selection", "suppleants")}


def _verifier_composition(
    numero: int,
    composition: tuple[int, ...],
    types: Any,
    categories: tuple[str, ...],
    quotas: Quotas,
) -> None:
    _exiger(len(composition) == len(types), f"composition {numero} : nombre de types incorrect")
    _exiger(
        sum(composition) == quotas.taille,
        f"composition {numero} : {sum(composition)} personnes au lieu de {quotas.taille}",
    )
    for x, t in zip(composition, types, strict=True):
        _exiger(
            type(x) is int and 0 <= x <= t.effectif,
            f"composition {numero} : {x} personnes d'un type qui n'en compte que {t.effectif}",
        )
    for i, categorie in enumerate(categories):
        for valeur, (lo, hi) in quotas.bornes[categorie].items():
            total = sum(
                x for x, t in zip(composition, types, strict=True) if t.valeurs[i] == valeur
            )
            _exiger(
                lo <= total <= hi,
                f"composition {numero} : quota {categorie} = {valeur} [{lo}, {hi}] non respecté ({total})",
            )


def _premiere_difference(nom: str, publie: list[str], attendu: list[str]) -> str:
    for rang, (a, b) in enumerate(zip(publie, attendu, strict=False), start=1):
        if a != b:
            return f"{nom}, rang {rang} : publié {a}, recalculé {b}"
    return f"{nom} : {len(publie)} personnes publiées, {len(attendu)} recalculées"
