"""The lottery: m equally likely tickets, each a panel meeting the quotas, published in advance.

The LEXIMIN distribution is rounded to whole numbers of tickets (an integer program keeps every
type's probability as close as possible to the optimum). Tickets are not listed one by one: the
announcement publishes each composition with its number of tickets, and a rule turns a ticket
number into people, so that a pool of thousands with 10,000 tickets stays a small file:

- compositions are taken in the published order, each repeated for its number of tickets;
- within a type, candidates are taken in id order, round-robin: ticket i takes the next x_t
  candidates of type t after those taken by tickets 0..i-1 (wrapping around);
- the substitutes of ticket i are all other candidates, ordered by SHA-256 of
  "<engagement>:<i>:<id>".
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from tirage import FORMAT, FORMAT_1
from tirage.canonique import octets, sha256
from tirage.equite import Composition, Distribution, Probleme, leximin, probleme
from tirage.erreurs import EntreeInvalide
from tirage.vivier import Candidat, Quotas

TICKETS_PAR_DEFAUT = 10_000
VERSION_ALGORITHME = "2"  # 2: LP-first pricing from covering columns (other tickets, same optimum)


ECART_TOLERE = 0.001
NOEUDS_MAX = 2_000
"""Branch-and-bound nodes of the rounding integer program (about 1 to 5 s)."""


def arrondir(distribution: Distribution, p: Probleme, m: int) -> list[int]:
    """Whole ticket counts summing to m: largest remainders (instant, and typically within
    1e-4 of each LEXIMIN probability); if that ever costs more than 0.001 of the minimum
    probability, an integer program keeping every type closest to LEXIMIN is solved instead."""
    cible = m * np.array(distribution.poids)
    base = np.floor(cible).astype(int)
    ordre = np.argsort(-(cible - base), kind="stable")
    base[ordre[: m - int(base.sum())]] += 1
    sieges = base @ np.array(distribution.compositions, dtype=float)
    minimum = float(np.min(np.floor(sieges / p.effectifs))) / m
    if minimum >= distribution.minimum - ECART_TOLERE:
        return [int(n) for n in base]
    return arrondir_au_plus_pres(distribution, p, m)


def arrondir_au_plus_pres(distribution: Distribution, p: Probleme, m: int) -> list[int]:
    """Whole ticket counts, summing to m, whose type probabilities stay closest to LEXIMIN's."""
    compositions = np.array(distribution.compositions, dtype=float)  # j x n
    j = compositions.shape[0]
    effectifs = p.effectifs
    cible = m * np.array(distribution.poids) @ compositions  # expected seats per type, x m
    # variables: tickets (j, integer), ecart d; minimise d
    # |sum_j tickets_j * x_jt - cible_t| <= d * c_t  for every type t
    cout = np.concatenate([np.zeros(j), [1.0]])
    haut = np.hstack([compositions.T, -effectifs.reshape(-1, 1)])
    bas = np.hstack([compositions.T, effectifs.reshape(-1, 1)])
    contraintes = [
        LinearConstraint(np.concatenate([np.ones(j), [0.0]]).reshape(1, -1), m, m),
        LinearConstraint(haut, -np.inf, cible),
        LinearConstraint(bas, cible, np.inf),
    ]
    resultat = milp(
        c=cout,
        constraints=contraintes,
        integrality=np.concatenate([np.ones(j), [0.0]]),
        bounds=Bounds(np.zeros(j + 1), np.concatenate([np.full(j, m), [np.inf]])),
        # A node limit, not a time limit: when the search is cut short, the best ticket counts
        # found so far depend only on the inputs, so every machine publishes the same lottery.
        options={"node_limit": NOEUDS_MAX},
    )
    assert resultat.x is not None, f"rounding failed: {resultat.message}"
    return [int(np.rint(v)) for v in resultat.x[:j]]


@dataclass(frozen=True)
class Lot:
    """The published tickets: compositions in order, with their ticket counts."""

    types: tuple[tuple[str, ...], ...]
    compositions: tuple[Composition, ...]
    nombres: tuple[int, ...]

    @property
    def m(self) -> int:
        return sum(self.nombres)


def membres_par_type(
    vivier: Sequence[Candidat], categories: Sequence[str], types: Sequence[tuple[str, ...]]
) -> list[list[str]]:
    """For each type, the ids of its candidates in id order."""
    index = {t: i for i, t in enumerate(types)}
    membres: list[list[str]] = [[] for _ in types]
    for candidat in sorted(vivier, key=lambda c: c.id):
        membres[index[tuple(candidat.trait(c) for c in categories)]].append(candidat.id)
    return membres


def composition_du_ticket(lot: Lot, ticket: int) -> tuple[Composition, list[int]]:
    """The composition of ticket `ticket` and, per type, how many seats earlier tickets used."""
    assert 0 <= ticket < lot.m
    deja = [0] * len(lot.types)
    reste = ticket
    for composition, nombre in zip(lot.compositions, lot.nombres, strict=True):
        pris = min(reste, nombre)
        for t, x in enumerate(composition):
            deja[t] += pris * x
        if reste < nombre:
            return composition, deja
        reste -= nombre
    raise AssertionError("ticket beyond the lot")


def panel(lot: Lot, membres: Sequence[Sequence[str]], ticket: int) -> list[str]:
    composition, deja = composition_du_ticket(lot, ticket)
    choisis: list[str] = []
    for t, x in enumerate(composition):
        gens = membres[t]
        choisis.extend(gens[(deja[t] + k) % len(gens)] for k in range(x))
    return sorted(choisis)


def suppleants(
    engagement: str, ticket: int, ids: Sequence[str], choisis: Sequence[str]
) -> list[str]:
    retenus = set(choisis)
    autres = [i for i in ids if i not in retenus]
    return sorted(autres, key=lambda i: (sha256(f"{engagement}:{ticket}:{i}"), i))


def apparitions(lot: Lot, membres: Sequence[Sequence[str]]) -> dict[str, int]:
    """How many tickets contain each candidate (round-robin: floor or ceil of the type's share)."""
    comptes: dict[str, int] = {}
    for t, gens in enumerate(membres):
        total = sum(c[t] * n for c, n in zip(lot.compositions, lot.nombres, strict=True))
        base, surplus = divmod(total, len(gens)) if gens else (0, 0)
        for rang, ident in enumerate(gens):
            comptes[ident] = base + (1 if rang < surplus else 0)
    return comptes


def annoncer(
    vivier: Sequence[Candidat],
    quotas: Quotas,
    m: int = TICKETS_PAR_DEFAUT,
    hasard_prevu: str = "",
    hasard_prevu_le: datetime | None = None,
) -> dict[str, Any]:
    """The announcement: pool, quotas, tickets, probabilities, and the commitment to them all.

    `hasard_prevu_le`, the date and time announced for the public randomness (timezone-aware,
    written with its UTC offset as given: pass the local time of the place of the draw), is
    committed to as well, and no draw may come before it (format 2). Without it, the
    announcement has format 1: nothing then says when the randomness is due."""
    if hasard_prevu_le is not None and hasard_prevu_le.utcoffset() is None:
        raise EntreeInvalide("L'heure du hasard public doit indiquer son fuseau horaire.")
    p = probleme(vivier, quotas)
    distribution = leximin(p)
    nombres = arrondir(distribution, p, m)
    paires = sorted(
        (c, n) for c, n in zip(distribution.compositions, nombres, strict=True) if n > 0
    )
    types = tuple(t.valeurs for t in p.types)
    lot = Lot(types, tuple(c for c, _ in paires), tuple(n for _, n in paires))
    membres = membres_par_type(vivier, p.categories, types)
    comptes = apparitions(lot, membres)
    annonce: dict[str, Any] = {
        "format": FORMAT if hasard_prevu_le is not None else FORMAT_1,
        "algorithme": {
            "nom": "leximin-par-types",
            "version": VERSION_ALGORITHME,
            "description": (
                "LEXIMIN sur les types de candidats (génération de colonnes, HiGHS), "
                "arrondi à m tickets par les plus forts restes (programme en nombres entiers en secours)"
            ),
        },
        **quotas.en_json(),
        "vivier": [c.en_json(p.categories) for c in sorted(vivier, key=lambda c: c.id)],
        "categories": list(p.categories),
        "types": [
            {"valeurs": dict(zip(p.categories, t.valeurs, strict=True)), "effectif": t.effectif}
            for t in p.types
        ],
        "tickets": {
            "nombre": m,
            "compositions": [
                {"composition": list(c), "tickets": n}
                for c, n in zip(lot.compositions, lot.nombres, strict=True)
            ],
        },
        "apparitions": dict(sorted(comptes.items())),
        "probabilite_minimale": f"{min(comptes.values())}/{m}",
        "probabilite_minimale_optimale": f"{distribution.minimum:.6f}",
        "hasard_prevu": hasard_prevu,
    }
    if hasard_prevu_le is not None:
        annonce["hasard_prevu_le"] = hasard_prevu_le.isoformat(timespec="seconds")
    annonce["engagement"] = engagement(annonce)
    return annonce


def engagement(annonce: dict[str, Any]) -> str:
    """SHA-256 of the canonical announcement, without the commitment itself."""
    return sha256(octets({k: v for k, v in annonce.items() if k != "engagement"}))


def heure_prevue(annonce: dict[str, Any]) -> datetime | None:
    """The date and time announced for the public randomness (format 2), or None (format 1)."""
    if annonce.get("format") != FORMAT:
        return None
    brut = annonce.get("hasard_prevu_le")
    try:
        prevue = datetime.fromisoformat(brut) if isinstance(brut, str) else None
    except ValueError:
        prevue = None
    if prevue is None or prevue.utcoffset() is None:
        raise EntreeInvalide(
            "« hasard_prevu_le » doit être une date et heure ISO 8601 avec son fuseau horaire."
        )
    return prevue


def lot_de(annonce: dict[str, Any]) -> Lot:
    categories = annonce["categories"]
    types = tuple(tuple(t["valeurs"][c] for c in categories) for t in annonce["types"])
    compositions = tuple(tuple(e["composition"]) for e in annonce["tickets"]["compositions"])
    nombres = tuple(e["tickets"] for e in annonce["tickets"]["compositions"])
    return Lot(types, compositions, nombres)
