"""Tirage au sort: our lottery against the Sortition Foundation's `sortition-algorithms`, on the
same pools and quotas in the same run (pool 300 / panel 30 and pool 3,000 / panel 50).

    uv sync --group bench        # once: installs sortition-algorithms (GPL-3.0) into .venv
    .venv/bin/python -m benchmarks.tirage [--quick] [--long] [--output PATH]

Prints a table and writes the section "Tirage au sort" at the end of `docs/performance.md`
(replacing that section if present, leaving the others alone). See `benchmarks/README.md`.
"""

import argparse
import csv
import importlib.util
import io
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter
from typing import Any
from unittest.mock import patch

from benchmarks.run import ligne_de, version_de
from tirage import programmes
from tirage.canonique import ecrire
from tirage.equite import Probleme, leximin, probleme
from tirage.loterie import annoncer, arrondir, lot_de, membres_par_type, panel
from tirage.tirer import tirer
from tirage.vivier import Candidat, Quotas, lire_quotas, lire_vivier

RACINE = Path(__file__).resolve().parents[1]
SORTIE_PAR_DEFAUT = RACINE / "docs" / "performance.md"
TITRE = "## Tirage au sort"
PAQUET = "sortition-algorithms"
TICKETS = 10_000
HASARD = "3,7,1,9"
GRAINE_HASH = "0"  # PYTHONHASHSEED of their process: its maximin depends on set iteration order
GRAINE_PIPAGE = 20261126  # their lottery rounding draws at random; seeded for a repeatable run
OBJECTIF_ECART = 0.001
OBJECTIF_VITESSE = 100.0
PAQUETS = ("numpy", "scipy", "highspy", PAQUET, "cvxpy", "gurobipy")


@dataclass(frozen=True)
class Cas:
    """One pool and its quotas, generated from a fixed seed."""

    nom: str
    personnes: int
    taille: int
    habitants: tuple[int, int]
    acteurs: tuple[int, int]
    par_qpv: int  # at least this many members from each priority neighbourhood
    poids_quartiers: tuple[float, ...]  # hors_qpv first, then the QPV
    graine: int

    @property
    def quartiers(self) -> list[str]:
        return ["hors_qpv"] + [f"QP075{i:03d}" for i in range(1, len(self.poids_quartiers))]


CAS = (
    Cas(
        "pool 300 / panel 30",
        300,
        30,
        (20, 20),
        (10, 10),
        3,
        (0.38, 0.25, 0.17, 0.12, 0.08),
        300,
    ),
    Cas(
        "pool 3,000 / panel 50",
        3000,
        50,
        (33, 34),
        (16, 17),
        3,
        (0.30, 0.20, 0.15, 0.10, 0.08, 0.07, 0.05, 0.05),
        3000,
    ),
)
PART_ACTEURS = 0.25
PART_FEMMES = {"acteur_local": 0.30, "habitant": 0.43}  # about 40 % of the pool
PART_VOLONTAIRES = 0.4


@dataclass(frozen=True)
class Limites:
    petit: float
    grand: float
    tours: int  # runs of our lottery; the median is reported


# --- Inputs ------------------------------------------------------------------------------------


def pool_csv(cas: Cas) -> str:
    """POOL.csv as the offline CLI reads it: skewed so that every quota binds."""
    rng = random.Random(cas.graine)
    sortie = io.StringIO()
    ecrivain = csv.writer(sortie, lineterminator="\n")
    ecrivain.writerow(["id", "college", "genre", "quartier", "volontaire"])
    for i in range(cas.personnes):
        college = "acteur_local" if rng.random() < PART_ACTEURS else "habitant"
        genre = "femme" if rng.random() < PART_FEMMES[college] else "homme"
        quartier = rng.choices(cas.quartiers, weights=cas.poids_quartiers)[0]
        volontaire = "oui" if rng.random() < PART_VOLONTAIRES else "non"
        ecrivain.writerow([f"c{i:05d}", college, genre, quartier, volontaire])
    return sortie.getvalue()


def quotas_json(cas: Cas) -> dict[str, Any]:
    """QUOTAS.json: 2/3 residents, 1/3 local actors, parity, at least k per QPV."""
    moitie = cas.taille // 2
    return {
        "taille": cas.taille,
        "quotas": {
            "college": {"habitant": list(cas.habitants), "acteur_local": list(cas.acteurs)},
            "genre": {
                "femme": [moitie, cas.taille - moitie],
                "homme": [moitie, cas.taille - moitie],
            },
            "quartier": {q: [cas.par_qpv, cas.taille] for q in cas.quartiers[1:]},
        },
    }


def description_vivier(vivier: Sequence[Candidat]) -> str:
    n = len(vivier)
    acteurs = sum(c.college == "acteur_local" for c in vivier)
    femmes = sum(c.genre == "femme" for c in vivier)
    quartiers = Counter(c.quartier for c in vivier)
    plus_petit = min(quartiers.values())
    return (
        f"{acteurs} local actors ({100 * acteurs / n:.0f} %), {femmes} women "
        f"({100 * femmes / n:.0f} %), {len(quartiers)} neighbourhoods (smallest: {plus_petit})"
    )


# --- Our lottery ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Nous:
    durees: tuple[float, ...]
    duree_leximin: float
    duree_arrondi: float
    minimum_optimal: float
    minimum_arrondi: float
    maximum_optimal: float
    types: int
    compositions: int
    octets_record: int
    octets_tickets_explicites: int
    octets_avec_suppleants: int
    engagement: str
    resolutions: tuple[int, int, int]  # stage LPs, pricing LPs, pricing integer programs

    @property
    def duree(self) -> float:
        return statistics.median(self.durees)


def resolutions(p: Probleme) -> tuple[int, int, int]:
    """How many solves one LEXIMIN takes: stage LPs, pricing LPs, pricing integer programs."""
    comptes = [0, 0, 0]
    maitre, tarification = programmes.Maitre.resoudre, programmes.Tarification._resoudre

    def resoudre(self: programmes.Maitre) -> programmes.Solution:
        comptes[0] += 1
        return maitre(self)

    def _resoudre(self: programmes.Tarification, h: Any, poids: Any) -> Any:
        comptes[2 if h is self.entier else 1] += 1
        return tarification(self, h, poids)

    with (
        patch.object(programmes.Maitre, "resoudre", resoudre),
        patch.object(programmes.Tarification, "_resoudre", _resoudre),
    ):
        leximin(p)
    return comptes[0], comptes[1], comptes[2]


def mesurer_nous(vivier: list[Candidat], quotas: Quotas, tours: int) -> Nous:
    durees, engagements = [], set()
    annonce: dict[str, Any] = {}
    for _ in range(tours):
        debut = perf_counter()
        annonce = annoncer(vivier, quotas, m=TICKETS)
        durees.append(perf_counter() - debut)
        engagements.add(annonce["engagement"])
    assert len(engagements) == 1, "the same inputs must give the same announcement"
    debut = perf_counter()
    p = probleme(vivier, quotas)
    distribution = leximin(p)
    duree_leximin = perf_counter() - debut
    debut = perf_counter()
    arrondir(distribution, p, TICKETS)
    duree_arrondi = perf_counter() - debut
    record = tirer(annonce, HASARD)
    lot = lot_de(annonce)
    membres = membres_par_type(vivier, annonce["categories"], lot.types)
    explicites = json.dumps([panel(lot, membres, i) for i in range(lot.m)], separators=(",", ":"))
    return Nous(
        durees=tuple(durees),
        duree_leximin=duree_leximin,
        duree_arrondi=duree_arrondi,
        minimum_optimal=distribution.minimum,
        minimum_arrondi=int(annonce["probabilite_minimale"].split("/")[0]) / TICKETS,
        maximum_optimal=max(distribution.probabilites),
        types=len(annonce["types"]),
        compositions=len(annonce["tickets"]["compositions"]),
        octets_record=len(ecrire(record).encode("utf-8")),
        octets_tickets_explicites=len(explicites.encode("utf-8")),
        octets_avec_suppleants=round(
            len(explicites.encode("utf-8")) * len(vivier) / quotas.taille
        ),  # every ticket listing the whole pool, at the same bytes per id
        engagement=annonce["engagement"],
        resolutions=resolutions(p),
    )


# --- Theirs, in a child process ------------------------------------------------------------------


@dataclass(frozen=True)
class Eux:
    limite: float
    secondes_processus: float
    fini: bool
    resultat: dict[str, Any]
    erreur: str = ""

    @property
    def duree(self) -> float:
        return float(self.resultat["secondes_total"])


def mesurer_eux(texte: str, document: dict[str, Any], limite: float) -> Eux:
    """Run the worker with PYTHONHASHSEED pinned; kill it after `limite` seconds."""
    with tempfile.TemporaryDirectory(prefix="participation-tirage-") as dossier:
        entree, sortie, journal = (Path(dossier) / n for n in ("in.json", "out.json", "log.txt"))
        entree.write_text(json.dumps({"pool": texte, "quotas": document}))
        env = {**os.environ, "PYTHONHASHSEED": GRAINE_HASH}
        commande = [sys.executable, "-m", "benchmarks.tirage", "--worker", str(entree), str(sortie)]
        debut = perf_counter()
        with journal.open("w") as flux:
            try:
                fin = subprocess.run(
                    commande,
                    cwd=RACINE,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=flux,
                    stderr=subprocess.STDOUT,
                    timeout=limite,
                    check=False,
                )
            except subprocess.TimeoutExpired:  # subprocess.run has killed it
                return Eux(limite, perf_counter() - debut, False, {})
        secondes = perf_counter() - debut
        if fin.returncode != 0 or not sortie.exists():
            fin_du_journal = journal.read_text().strip().splitlines()[-5:]
            return Eux(
                limite,
                secondes,
                False,
                {},
                f"exit {fin.returncode}: " + " / ".join(fin_du_journal),
            )
        return Eux(limite, secondes, True, json.loads(sortie.read_text()))


def travailleur(entree: Path, sortie: Path) -> int:
    """The child: their `find_random_sample(selection_algorithm="leximin")`, as a user calls it.

    Spies on the two distribution functions to learn which one ran (without Gurobi the library
    switches LEXIMIN to maximin itself) and to read the distribution it returned.
    """
    from sortition_algorithms import Settings, core, read_in_features, read_in_people
    from sortition_algorithms.committee_generation import (
        GUROBI_AVAILABLE,
        standardize_distribution,
    )
    from sortition_algorithms.utils import set_random_provider

    donnees = json.loads(entree.read_text())
    document, lignes = donnees["quotas"], list(csv.DictReader(io.StringIO(donnees["pool"])))
    taille = document["taille"]
    corps = []
    for categorie, bornes in sorted(document["quotas"].items()):
        for valeur in sorted({ligne[categorie] for ligne in lignes} | set(bornes)):
            lo, hi = bornes.get(valeur, [0, taille])  # every value present must be listed
            corps.append({"feature": categorie, "value": valeur, "min": str(lo), "max": str(hi)})
    features, _, _ = read_in_features(["feature", "value", "min", "max"], corps, taille)
    reglages = Settings(id_column="id", columns_to_keep=[])
    people, _ = read_in_people(list(lignes[0]), lignes, features, reglages)

    appels: dict[str, tuple[Any, float]] = {}

    def espion(nom: str, fonction: Callable[..., Any]) -> Callable[..., Any]:
        def mesuree(*args: Any, **kwargs: Any) -> Any:
            debut = perf_counter()
            resultat = fonction(*args, **kwargs)
            appels[nom] = (resultat, perf_counter() - debut)
            return resultat

        return mesuree

    for nom in ("leximin", "maximin"):  # the names `find_random_sample` calls, in its module
        fonction = f"find_distribution_{nom}"
        setattr(core, fonction, espion(nom, getattr(core, fonction)))
    set_random_provider(GRAINE_PIPAGE)
    debut = perf_counter()
    loterie, rapport = core.find_random_sample(
        features, people, taille, [], selection_algorithm="leximin", number_selections=TICKETS
    )
    total = perf_counter() - debut

    (algorithme, ((comites, probabilites, _), secondes)) = next(iter(appels.items()))
    comites, probabilites = standardize_distribution(comites, probabilites)
    par_personne = dict.fromkeys(people, 0.0)
    for comite, p in zip(comites, probabilites, strict=True):
        for ident in comite:
            par_personne[ident] += p
    tickets = Counter(ident for comite in loterie for ident in comite)
    sortie.write_text(
        json.dumps(
            {
                "algorithme": algorithme,
                "gurobi": GUROBI_AVAILABLE,
                "bascule_signalee": any(
                    getattr(ligne, "message_code", None) == "gurobi_unavailable_switching"
                    for ligne in rapport._data
                ),
                "secondes_distribution": secondes,
                "secondes_total": total,
                "comites": len(comites),
                "minimum": min(par_personne.values()),
                "maximum": max(par_personne.values()),
                "minimum_arrondi": min(tickets.get(i, 0) for i in people) / TICKETS,
                "tickets": len(loterie),
            }
        )
    )
    return 0


# --- Machine facts -------------------------------------------------------------------------------


def faits_machine() -> dict[str, str]:
    cpu = ligne_de("/proc/cpuinfo", "model name")
    memoire = ligne_de("/proc/meminfo", "MemTotal:")
    try:
        os_ = platform.freedesktop_os_release().get("PRETTY_NAME", platform.platform())
    except OSError:
        os_ = platform.platform()
    faits = {
        "nproc": f"{len(os.sched_getaffinity(0))} (os.cpu_count() = {os.cpu_count()})",
        "CPU": cpu.split(":", 1)[1].strip() if cpu else platform.processor() or "unknown",
        "memory": f"{int(memoire.split()[1]) / 1024 / 1024:.1f} GiB" if memoire else "unknown",
        "OS": f"{os_}, kernel {platform.release()}",
        "Python": sys.version.split()[0],
    }
    faits.update({paquet: version_de(paquet) for paquet in PAQUETS})
    return faits


# --- Report --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mesure:
    cas: Cas
    resume_vivier: str
    nous: Nous
    eux: Eux


def milliers(n: float) -> str:
    return f"{n:,.0f}".replace(",", " ")


def duree(secondes: float) -> str:
    if secondes >= 60:
        return f"{secondes / 60:.1f} min"
    return f"{secondes:.2f} s" if secondes >= 0.1 else f"{1000 * secondes:.0f} ms"


def octets(n: int) -> str:
    for unite, taille in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= taille:
            return f"{n / taille:.1f} {unite}"
    return f"{n} B"


def leur_duree(m: Mesure) -> str:
    if m.eux.fini:
        return f"{duree(m.eux.duree)} ({m.eux.resultat['algorithme']})"
    if m.eux.erreur:
        return "failed"
    return f"did not finish within {m.eux.limite:.0f} s"


def rapport_vitesse(m: Mesure) -> str:
    if m.eux.fini:
        return f"{milliers(m.eux.duree / m.nous.duree)}×"
    if m.eux.erreur:
        return "–"
    return f"> {milliers(m.eux.limite / m.nous.duree)}×"


def leur_minimum(m: Mesure, cle: str) -> str:
    return f"{m.eux.resultat[cle]:.4f}" if m.eux.fini else "–"


def ecart(m: Mesure) -> str:
    if not m.eux.fini:
        return "–"
    return f"{m.nous.minimum_arrondi - m.eux.resultat['minimum']:+.4f}"


def table_markdown(mesures: Sequence[Mesure]) -> str:
    lignes = [
        "| case | our time | their time | ratio | our optimal min | ours after rounding | "
        "theirs | difference (ours rounded − theirs) | theirs after their rounding |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for m in mesures:
        lignes.append(
            f"| {m.cas.nom} | {duree(m.nous.duree)} | {leur_duree(m)} | {rapport_vitesse(m)} | "
            f"{m.nous.minimum_optimal:.4f} | {m.nous.minimum_arrondi:.4f} | "
            f"{leur_minimum(m, 'minimum')} | {ecart(m)} | {leur_minimum(m, 'minimum_arrondi')} |"
        )
    return "\n".join(lignes)


def table_details(mesures: Sequence[Mesure]) -> str:
    lignes = [
        "| case | feature types | our runs | our LEXIMIN alone | our solves (stage LP / pricing "
        "LP / integer program) | our rounding alone | panels in our lot | their panels | record | "
        "the same tickets listed as ids |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for m in mesures:
        n = m.nous
        runs = ", ".join(duree(d) for d in n.durees)
        comites = str(m.eux.resultat["comites"]) if m.eux.fini else "–"
        solves = " / ".join(map(str, n.resolutions))
        lignes.append(
            f"| {m.cas.nom} | {n.types} | {runs} | {duree(n.duree_leximin)} | {solves} | "
            f"{duree(n.duree_arrondi)} | {n.compositions} | {comites} | {octets(n.octets_record)} | "
            f"{octets(n.octets_tickets_explicites)} |"
        )
    return "\n".join(lignes)


def table_console(mesures: Sequence[Mesure]) -> str:
    entete = (
        f"{'case':<22} {'ours':>8} {'theirs':>34} {'ratio':>9} {'opt min':>8} {'rounded':>8} "
        f"{'theirs':>8} {'diff':>8} {'record':>9}"
    )
    lignes = [entete, "-" * len(entete)]
    for m in mesures:
        lignes.append(
            f"{m.cas.nom:<22} {duree(m.nous.duree):>8} {leur_duree(m):>34} "
            f"{rapport_vitesse(m):>9} {m.nous.minimum_optimal:>8.4f} "
            f"{m.nous.minimum_arrondi:>8.4f} {leur_minimum(m, 'minimum'):>8} {ecart(m):>8} "
            f"{octets(m.nous.octets_record):>9}"
        )
    return "\n".join(lignes)


def verdict(m: Mesure) -> str:
    n = m.nous
    perte = n.minimum_optimal - n.minimum_arrondi
    morceaux = [
        f"- **{m.cas.nom}.** Our lottery took {duree(n.duree)} (median of {len(n.durees)}), "
        f"of which the LEXIMIN solve alone is about {duree(n.duree_leximin)} and the "
        f"rounding to {milliers(TICKETS)} tickets (largest remainders; an integer program only as a fallback) about "
        f"{duree(n.duree_arrondi)}; the rounding cost {perte:.4f} of minimum probability "
        f"({n.minimum_optimal:.4f} → {n.minimum_arrondi:.4f})."
    ]
    if m.eux.fini:
        r = m.eux.resultat
        diff = n.minimum_arrondi - r["minimum"]
        vitesse = m.eux.duree / n.duree
        morceaux.append(
            f"Their {r['algorithme']} took {duree(m.eux.duree)} "
            f"({duree(r['secondes_distribution'])} for the distribution) and reached a minimum "
            f"of {r['minimum']:.4f} before rounding, {r['minimum_arrondi']:.4f} after their own "
            f"randomised rounding to {milliers(r['tickets'])} panels."
        )
        equite = (
            "goal met"
            if diff >= -OBJECTIF_ECART
            else f"goal **not** met: more than {OBJECTIF_ECART} below"
        )
        morceaux.append(
            f"Both optima agree (our LEXIMIN's least probability minus their {r['algorithme']}'s: "
            f"{n.minimum_optimal - r['minimum']:+.1e}). The goal's comparison, ours after "
            f"rounding to the tickets minus their exact distribution's: {diff:+.4f} ({equite}); "
            f"against theirs after their own rounding: "
            f"{n.minimum_arrondi - r['minimum_arrondi']:+.4f}."
        )
        if vitesse >= OBJECTIF_VITESSE:
            morceaux.append(f"Speed: {milliers(vitesse)}× (goal met).")
        else:
            morceaux.append(
                f"Speed: {milliers(vitesse)}× (goal **not** met). Of our {duree(n.duree)}, the "
                f"LEXIMIN solve takes {duree(n.duree_leximin)} and the rounding "
                f"{duree(n.duree_arrondi)}; the LEXIMIN solve alone is "
                f"{milliers(m.eux.duree / n.duree_leximin)}× faster than their whole run."
            )
        if r["algorithme"] == "maximin":
            morceaux.append(
                f"Maximin only maximises the smallest probability: the others are whatever the "
                f"solver returned (largest {r['maximum']:.4f} theirs, {n.maximum_optimal:.4f} "
                f"ours), and differ between runs unless PYTHONHASHSEED is pinned."
            )
    elif m.eux.erreur:
        morceaux.append(f"Their run failed: {m.eux.erreur}.")
    else:
        morceaux.append(
            f"Their run was stopped after {m.eux.limite:.0f} s without a result, so the speed "
            f"ratio is only a lower bound (> {milliers(m.eux.limite / n.duree)}×) and their "
            f"minimum probability is not available from this run; `--long` lets it run for up "
            f"to {LIMITE_LONGUE / 60:.0f} minutes."
        )
    morceaux.append(
        f'The record after `tirer(annonce, "{HASARD}")` is {octets(n.octets_record)}; the '
        f"{milliers(TICKETS)} panels listed as ids would already take "
        f"{octets(n.octets_tickets_explicites)}, and with each ticket's ordered substitutes "
        f"(the rest of the pool) about {octets(n.octets_avec_suppleants)}."
    )
    return " ".join(morceaux)


def section(
    mesures: Sequence[Mesure], faits: dict[str, str], commande: str, secondes: float
) -> str:
    lignes_faits = "\n".join(f"| {cle} | {valeur} |" for cle, valeur in faits.items())
    finis = [m.eux.resultat for m in mesures if m.eux.fini]
    algos = sorted({r["algorithme"] for r in finis})
    if faits.get("gurobipy", "not installed") == "not installed":
        bascule = (
            "Gurobi is not installed here, so their LEXIMIN switches itself to maximin without "
            "failing: it only adds the line `gurobi_unavailable_switching` to its report"
        )
        if any(r["bascule_signalee"] for r in finis):
            bascule += " (seen in this run's reports)"
        bascule += "."
    else:
        bascule = f"gurobipy {faits['gurobipy']} is installed."
    if algos:
        bascule += f" **What ran: their {', '.join(algos)}.**"
    types = ", ".join(f"{m.nous.types} for the {m.cas.nom}" for m in mesures)
    croissance = (
        f"the pool of {milliers(mesures[-1].cas.personnes)} took "
        f"{mesures[-1].nous.duree / mesures[0].nous.duree:.1f}× the time of the pool of "
        f"{milliers(mesures[0].cas.personnes)}"
    )
    cas_texte = "; ".join(
        f"**{m.cas.nom}**: {m.resume_vivier}; quotas: habitants {list(m.cas.habitants)}, "
        f"acteurs locaux {list(m.cas.acteurs)}, femmes and hommes "
        f"[{m.cas.taille // 2}, {m.cas.taille - m.cas.taille // 2}] each, at least "
        f"{m.cas.par_qpv} per QPV (hors QPV unconstrained)"
        for m in mesures
    )
    return f"""{TITRE}

Measured on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `{commande}` ({duree(secondes)} in all). \
Re-run it to replace this section (`benchmarks.run` rewrites the whole page: run this one after \
it); `benchmarks/README.md` explains the options.

### Machine

| fact | value |
| --- | --- |
{lignes_faits}

### Method

Two pools are generated from fixed seeds, written as `POOL.csv` and `QUOTAS.json` exactly as \
the offline CLI reads them, skewed so that every quota binds: about {100 * PART_ACTEURS:.0f} % \
local actors and 40 % women (30 % among local actors), neighbourhoods of very unequal size. \
{cas_texte}.

- **Ours**, in this process: `tirage.loterie.annoncer(vivier, quotas, m={TICKETS})` timed \
whole (LEXIMIN over feature types, rounding to {milliers(TICKETS)} tickets, the probabilities, the \
commitment), run several times (the median is reported; every run gave the same commitment). \
*Optimal min* is `tirage.equite.leximin(probleme(vivier, quotas)).minimum`; *after rounding* \
is the published `probabilite_minimale` (tickets containing the least-drawn person ÷ \
{milliers(TICKETS)}). The record is `tirage.canonique.ecrire(tirer(annonce, "{HASARD}"))`, in bytes.
- **Theirs**, `{PAQUET}` {faits.get(PAQUET, "?")}, in a child process with \
`PYTHONHASHSEED={GRAINE_HASH}` (its maximin is not reproducible otherwise) killed after a \
time limit: `find_random_sample(features, people, taille, [], \
selection_algorithm="leximin", number_selections={TICKETS})`, the call a user makes, with \
the same pool and quotas (every value present listed, unconstrained ones as [0, taille]; \
solver backend: its default, HiGHS through `highspy`; no household check). Reading the data \
is not timed. The distribution functions are wrapped to learn which one ran and to read the \
distribution it returned; *theirs* is the least selection probability over people in that \
distribution; *theirs after their rounding* is the least share of the {milliers(TICKETS)} panels of \
their own randomised (pipage) rounding, seeded. {bascule}
- Both run one after the other on the same machine, never at the same time. *ratio* = their \
time ÷ ours. Their maximin stops its column generation within 0.0005 of the optimum \
(`EPS` in `committee_generation/common.py`).

### Figures

{table_markdown(mesures)}

{table_details(mesures)}

### Interpretation

Goal (issue 3): the same minimum probability within {OBJECTIF_ECART} after rounding to the \
tickets, at least {OBJECTIF_VITESSE:.0f}× faster, and a compact record.

- **Why ours scales.** Candidates with the same constrained features are interchangeable, so \
the fairness problem is solved over feature types ({types}) instead of people: the column \
generation prices panels with an integer program over type counts, and its size does not grow \
with the pool ({croissance}). Each pricing step first solves that program's LP relaxation, \
whose optimum is almost always integral (hence optimal; the integer program runs only when it \
is not), and both the stage LP and the pricing LP are HiGHS models built once and changed in \
place, so each solve restarts from the last basis. Their integer and linear programs have one \
variable per person, and their column generation adds panels of people one by one.
{chr(10).join(verdict(m) for m in mesures)}
- **Compact record.** Tickets are published as compositions with ticket counts plus the rule \
that turns a ticket number into people, so the record grows with the pool (its ids and \
features) and the number of distinct compositions, not with the number of tickets.
"""


def ecrire_section(chemin: Path, texte: str) -> None:
    """Replace the section if present, else append it; the other sections stay as they are."""
    ancien = chemin.read_text() if chemin.exists() else "# Performance\n"
    debut = ancien.find(f"\n{TITRE}\n")
    if debut >= 0:
        suite = ancien.find("\n## ", debut + 1)
        ancien = ancien[: debut + 1] + (ancien[suite + 1 :] if suite >= 0 else "")
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(ancien.rstrip("\n") + "\n\n" + texte)


# --- Entry point ---------------------------------------------------------------------------------

LIMITE = 600.0
LIMITE_RAPIDE = 120.0
LIMITE_LONGUE = 3600.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.tirage",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"stop theirs after {LIMITE_RAPIDE:.0f} s in both cases, run ours once",
    )
    parser.add_argument(
        "--long",
        action="store_true",
        help=f"let theirs run up to {LIMITE_LONGUE:.0f} s on the pool of 3,000 "
        f"(default {LIMITE:.0f} s)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=SORTIE_PAR_DEFAUT,
        metavar="PATH",
        help="Markdown file whose section 'Tirage au sort' is written (default "
        "docs/performance.md)",
    )
    parser.add_argument("--worker", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return travailleur(*args.worker)
    if importlib.util.find_spec("sortition_algorithms") is None:
        print(
            f"{PAQUET} is not installed in this environment. Install the benchmark group "
            "first:\n    uv sync --group bench\n(`make install` runs `uv sync --locked` "
            "without it and removes it again.)",
            file=sys.stderr,
        )
        return 2
    if args.quick and args.long:
        parser.error("--quick and --long exclude each other")
    if args.quick:
        limites = Limites(LIMITE_RAPIDE, LIMITE_RAPIDE, 1)
    else:
        limites = Limites(LIMITE, LIMITE_LONGUE if args.long else LIMITE, 3)

    commande = " ".join(
        ["python -m benchmarks.tirage"]
        + (["--quick"] if args.quick else [])
        + (["--long"] if args.long else [])
    )
    faits = faits_machine()
    charge = os.getloadavg()[0]
    debut = perf_counter()
    mesures = []
    for cas, limite in zip(CAS, (limites.petit, limites.grand), strict=True):
        texte = pool_csv(cas)
        document = quotas_json(cas)
        vivier = lire_vivier(texte)
        quotas = lire_quotas(document, vivier)
        print(f"{cas.nom}: ours ({limites.tours} run(s))…", flush=True)
        nous = mesurer_nous(vivier, quotas, limites.tours)
        print(f"  {duree(nous.duree)}, min {nous.minimum_arrondi:.4f}", flush=True)
        print(f"{cas.nom}: {PAQUET} (limit {limite:.0f} s)…", flush=True)
        eux = mesurer_eux(texte, document, limite)
        print(f"  {eux.resultat or eux.erreur or 'stopped at the limit'}", flush=True)
        mesures.append(Mesure(cas, description_vivier(vivier), nous, eux))
    secondes = perf_counter() - debut
    faits["load average (1 min) before/after"] = f"{charge:.2f} / {os.getloadavg()[0]:.2f}"
    faits[f"PYTHONHASHSEED of the {PAQUET} process"] = GRAINE_HASH

    print()
    print(table_console(mesures))
    ecrire_section(args.output, section(mesures, faits, f".venv/bin/{commande}", secondes))
    print(f"\nWritten to {args.output} ({duree(secondes)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
