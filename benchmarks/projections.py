"""Read models at the 10-year scale: how long the demo takes to build, how fast the projector
rebuilds every read model from the whole log, and how long `projections check` takes, on
SQLite and PostgreSQL, with where the time goes.

Writes the section "## Modèles de lecture à l'échelle" of `docs/performance.md` (the others
stay). See `benchmarks/README.md`.
"""

import argparse
import random
import shutil
import statistics
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter
from typing import Any

from benchmarks.rapports import Base, charge, decrire, generer
from benchmarks.run import base_postgres_jetable, faits_machine
from benchmarks.sections import ecrire_section
from lancement.plateforme import Plateforme
from projections import lot
from projections.projecteur import Projecteur
from projections.verification import verifier
from stockage.configuration import Configuration
from stockage.sauvegarde import restaurer, sauvegarder

TITRE = "## Modèles de lecture à l'échelle"
OBJECTIF_EVENEMENTS_S = 60_000
OBJECTIF_DEMO_S = 180
OBJECTIF_VOYAGE_S = 0.2
SORTIE = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


@dataclass
class Tour:
    secondes: float
    evenements: int
    parties: dict[str, float] = field(default_factory=dict)


@dataclass
class VoyageDansLeTemps:
    """The time-travel service (`etat_au`) on random instants of the log's span."""

    points: int  # checkpoints written after the rebuild
    preparation: float  # seconds to write them
    par_conseil: dict[int, list[float]]  # seconds per call
    rejeu_complet: float  # one full replay, for comparison
    identique: bool  # same state as the full replay at the instants compared

    def toutes(self) -> list[float]:
        return sorted(d for durees in self.par_conseil.values() for d in durees)


@dataclass
class Mesure:
    moteur: str
    tours: list[Tour]
    verification: float
    charge_avant: float
    charge_apres: float
    voyage: VoyageDansLeTemps | None = None

    @property
    def mediane(self) -> float:
        return statistics.median(t.secondes for t in self.tours)

    @property
    def evenements(self) -> int:
        return self.tours[0].evenements

    @property
    def debit(self) -> float:
        return self.evenements / self.mediane


@contextmanager
def chronometres(projecteur: Projecteur, parties: Counter[str]) -> Iterator[None]:
    """Time the projector's parts without changing them: reading the log, decoding events,
    sending the batches' statements (the rest of a batch is the handlers)."""

    def minuter(cible: Any, nom: str, partie: str) -> Callable[[], None]:
        avant = getattr(cible, nom)

        def mesuree(*args: Any, **kwargs: Any) -> Any:
            debut = perf_counter()
            try:
                return avant(*args, **kwargs)
            finally:
                parties[partie] += perf_counter() - debut

        setattr(cible, nom, mesuree)
        return lambda: setattr(cible, nom, avant)

    remises = [
        minuter(projecteur, "_suivantes", "lire le journal"),
        minuter(projecteur, "_appliquer", "lot"),
        minuter(projecteur.registre.mapper, "to_domain_event", "décoder"),
        minuter(lot.Lot, "envoyer", "envoyer les instructions"),
    ]
    try:
        yield
    finally:
        for remise in remises:
            remise()
        # `setattr` on an instance shadowed the class's methods: drop the shadows
        for cible, nom in ((projecteur, "_suivantes"), (projecteur, "_appliquer")):
            vars(cible).pop(nom, None)
        vars(projecteur.registre.mapper).pop("to_domain_event", None)


def mesurer(configuration: Configuration, moteur: str, tours: int) -> Mesure:
    avant = charge()
    resultats: list[Tour] = []
    with Plateforme(configuration) as plateforme:
        plateforme.migrer()  # a demo built by an older version gets the current schema
        for numero in range(tours):
            parties: Counter[str] = Counter()
            with chronometres(plateforme.projecteur, parties):
                debut = perf_counter()
                evenements = plateforme.projecteur.reconstruire()
                secondes = perf_counter() - debut
            print(f"  {moteur}, rebuild {numero + 1}/{tours}: {evenements / secondes:,.0f}/s")
            resultats.append(Tour(secondes, evenements, dict(parties)))
        debut = perf_counter()
        ecarts = verifier(plateforme.registre, plateforme.moteur, None)
        verification = perf_counter() - debut
        if ecarts:
            raise SystemExit(f"projections check found differences on {moteur}: {ecarts[:3]}")
        voyage = voyager(plateforme)
    return Mesure(moteur, resultats, verification, avant, charge(), voyage)


CONSEILS_DU_VOYAGE = (18, 19, 10)  # the two largest assemblies of the demo, and a small one
DATES_PAR_CONSEIL = 60
COMPARAISONS = 5  # instants also computed by the full replay (5 s each at 10 years)


def voyager(plateforme: Plateforme) -> VoyageDansLeTemps:
    """Write the checkpoints the rebuild emptied, then time `etat_au` at random instants
    (seeded) between the first and the last event, and compare a few with the full replay."""
    debut = perf_counter()
    points = plateforme.historique.preparer_points()
    preparation = perf_counter() - debut
    premier = plateforme.registre.mapper.to_domain_event(
        plateforme.registre.recorder.select_notifications(1, 1)[0]
    ).timestamp
    dernier = plateforme.registre.maintenant()
    alea = random.Random(7)
    par_conseil: dict[int, list[float]] = {}
    for arrondissement in CONSEILS_DU_VOYAGE:
        durees = par_conseil.setdefault(arrondissement, [])
        for _ in range(DATES_PAR_CONSEIL):
            au = premier + (dernier - premier) * alea.random()
            debut = perf_counter()
            plateforme.historique.etat_au(arrondissement, au)
            durees.append(perf_counter() - debut)
    identique, rejeu = True, 0.0
    for _ in range(COMPARAISONS):
        au = premier + (dernier - premier) * alea.random()
        debut = perf_counter()
        complet = plateforme.historique.etat_au_par_rejeu_complet(CONSEILS_DU_VOYAGE[0], au)
        rejeu = perf_counter() - debut
        identique &= plateforme.historique.etat_au(CONSEILS_DU_VOYAGE[0], au) == complet
    return VoyageDansLeTemps(points, preparation, par_conseil, rejeu, identique)


def sur_sqlite(base: Path, dossier: Path, tours: int) -> Mesure:
    copie = dossier / "copie.sqlite3"
    shutil.copyfile(base, copie)
    return mesurer(Configuration(f"sqlite:///{copie}"), "SQLite", tours)


def sur_postgres(base: Path, url: str, dossier: Path, tours: int) -> Mesure:
    fichier = dossier / "sauvegarde.gz"
    with Plateforme(Configuration(f"sqlite:///{base}")) as source:
        sauvegarder(source, fichier, datetime.now(UTC))
    with base_postgres_jetable(url) as url_de_la_base:
        configuration = Configuration(url_de_la_base)
        with Plateforme(configuration) as cible:
            restaurer(cible, fichier, False, None)  # migrates, loads, rebuilds (untimed)
        return mesurer(configuration, "PostgreSQL", tours)


# --- The page ------------------------------------------------------------------------------


def espaces(n: float) -> str:
    return f"{n:,.0f}".replace(",", " ")


def micro(secondes: float, n: int) -> str:
    return f"{secondes / n * 1e6:.1f} µs"


def minutes(secondes: float) -> str:
    return f"{int(secondes // 60)} min {secondes % 60:02.0f} s"


def ligne(m: Mesure) -> str:
    atteint = "met" if m.debit >= OBJECTIF_EVENEMENTS_S else f"missed ({m.debit / 6e4:.2f}×)"
    durees = ", ".join(f"{t.secondes:.1f} s" for t in m.tours)
    return (
        f"| {m.moteur} | {espaces(m.evenements)} | {m.mediane:.1f} s ({durees}) | "
        f"{espaces(m.debit)}/s | {atteint} | {m.verification:.1f} s |"
    )


def decomposition(m: Mesure) -> str:
    t = min(m.tours, key=lambda r: r.secondes)
    n = t.evenements
    parties = t.parties
    lire = parties.get("lire le journal", 0.0)
    decoder = parties.get("décoder", 0.0)
    envoyer = parties.get("envoyer les instructions", 0.0)
    gestion = parties.get("lot", 0.0) - decoder - envoyer
    reste = t.secondes - lire - parties.get("lot", 0.0)
    return (
        f"| {m.moteur} | {micro(t.secondes, n)} | {micro(lire, n)} | {micro(decoder, n)} | "
        f"{micro(gestion, n)} | {micro(envoyer, n)} | {micro(reste, n)} |"
    )


def quantile(durees: list[float], q: float) -> float:
    return sorted(durees)[min(len(durees) - 1, int(len(durees) * q))]


def ligne_voyage(m: Mesure) -> str:
    v = m.voyage
    assert v is not None
    toutes = v.toutes()
    p95 = quantile(toutes, 0.95)
    atteint = "met" if p95 < OBJECTIF_VOYAGE_S else "missed"
    conseils = "; ".join(
        f"{a}e {statistics.median(d) * 1000:.0f}/{quantile(d, 0.95) * 1000:.0f} ms"
        for a, d in v.par_conseil.items()
    )
    return (
        f"| {m.moteur} | {v.points} in {v.preparation:.1f} s | "
        f"{statistics.median(toutes) * 1000:.0f} ms | {p95 * 1000:.0f} ms ({atteint}) | "
        f"{toutes[-1] * 1000:.0f} ms | {conseils} | {v.rejeu_complet:.1f} s | "
        f"{'yes' if v.identique else '**no**'} |"
    )


def plafond(m: Mesure) -> str:
    """Why the goal is or is not met: what the library's part alone allows."""
    t = min(m.tours, key=lambda r: r.secondes)
    lecture = t.parties.get("lire le journal", 0.0) + t.parties.get("décoder", 0.0)
    instructions = t.parties.get("envoyer les instructions", 0.0)
    n = t.evenements
    return (
        f"- {m.moteur}: reading and decoding the log alone (the `eventsourcing` library's "
        f"part, before any read model is written) take {micro(lecture, n)} per event, a "
        f"ceiling of {espaces(n / lecture)} events/s for any projector built on it; the "
        f"statements take {micro(instructions, n)} per event (the database's own work: "
        "about four rows per event, a journal row, a report fact, the row of the read model "
        "and a counter)."
    )


def section(base: Base, mesures: list[Mesure], commande: str, generation_s: float | None) -> str:
    machine = faits_machine()
    demo = base.generation
    lignes = [
        TITRE,
        "",
        f"Measured on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `{commande}`. Re-run it to "
        "replace this section (`benchmarks/README.md`).",
        "",
        f"Data: a demo database of **{espaces(base.evenements)} events**"
        + (
            f" (`participation-demo --seed {demo.seed} --years {demo.years}`)."
            if demo
            else f" (`{base.chemin.name}`)."
        ),
        f"Machine: {machine.get('nproc', '?')}, {machine.get('CPU', '?')}, "
        f"Python {machine.get('Python', '?')}, SQLite {machine.get('SQLite library', '?')}. "
        "Load average (1 min) before/after each backend: "
        + ", ".join(f"{m.moteur} {m.charge_avant:.2f}/{m.charge_apres:.2f}" for m in mesures)
        + ".",
        "",
    ]
    if generation_s is not None and demo is not None:
        atteint = "met" if generation_s <= OBJECTIF_DEMO_S else "missed"
        projection = base.evenements / mesures[0].debit
        lignes += [
            f"**Demo generation**: {minutes(generation_s)} on SQLite (goal: under 3 min, "
            f"{atteint}); peak memory {demo.memoire_max_mio:.0f} MiB; "
            f"{espaces(base.evenements / generation_s)} events/s. Each event goes through its "
            "use case (checks, encoding, the hash chain in the insert transaction), and the "
            "demo keeps the read models up to date as it goes (it reads them: deadlines, the "
            "groupe moteur's pool): at the rebuild's rate below that part alone is about "
            f"{minutes(projection)}.",
            "",
        ]
    lignes += [
        "**Rebuild** (`plateforme.projecteur.reconstruire()`: empty every read model, replay "
        "the whole log in batches of 5 000 events, one transaction each), then "
        "`projections check` (a second rebuild into a scratch schema, compared row by row). "
        f"Goal: {espaces(OBJECTIF_EVENEMENTS_S)} events/s.",
        "",
        "| backend | events | rebuild, median (each run) | events/s | goal | check |",
        "| --- | ---: | ---: | ---: | --- | ---: |",
        *[ligne(m) for m in mesures],
        "",
        "Where the time goes, per event (fastest run): reading the log "
        "(`select_notifications`), decoding (`mapper.to_domain_event`), the handlers (turning "
        "an event into parameter sets, grouping them), sending the statements (one "
        "`executemany` per statement and batch), and the rest (emptying the tables first, "
        "commits, the position).",
        "",
        "| backend | total | read | decode | handlers | statements | rest |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *[decomposition(m) for m in mesures],
        "",
        *[plafond(m) for m in mesures],
        "",
        "**Time travel** (`plateforme.historique.etat_au`, what the page "
        "`/conseils/{n}/historique?au=…` computes before rendering): after the rebuild, the "
        "dated checkpoints are written (`preparer_points`, what the hourly job does), then "
        f"{DATES_PAR_CONSEIL} random instants (seeded) between the first event and today for "
        f"each of the {', '.join(f'{a}e' for a in CONSEILS_DU_VOYAGE)}; "
        f"{COMPARAISONS} more instants of the {CONSEILS_DU_VOYAGE[0]}e are also computed by "
        "the full replay (`etat_au_par_rejeu_complet`, the reference) and compared. Goal: "
        "p95 under 200 ms, identical to the full replay.",
        "",
        "| backend | checkpoints written | median | p95 | max | per council, median/p95 | "
        "full replay (one) | identical |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | --- |",
        *[ligne_voyage(m) for m in mesures if m.voyage is not None],
    ]
    return "\n".join(lignes) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--base", type=Path, help="an existing 10-year demo (SQLite file)")
    analyseur.add_argument("--years", type=int, default=10, help="demo to build if no --base")
    analyseur.add_argument("--seed", type=int, default=7)
    analyseur.add_argument("--postgres-url", help="a server where a scratch base is made")
    analyseur.add_argument(
        "--postgres-base",
        help="instead: a PostgreSQL database already holding the same demo (its read models "
        "are rebuilt)",
    )
    analyseur.add_argument("--tours", type=int, default=2, help="rebuilds per backend")
    analyseur.add_argument("--output", type=Path, default=SORTIE)
    args = analyseur.parse_args(argv)
    commande = "python -m benchmarks.projections " + " ".join(argv or sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="bench-projections-") as dossier:
        generation_s = None
        chemin = args.base
        if chemin is None:
            chemin = Path(dossier) / "demo.sqlite3"
            generation_s = generer(chemin, args.seed, args.years).secondes
        base = decrire(chemin)
        mesures = [sur_sqlite(chemin, Path(dossier), args.tours)]
        if args.postgres_base:
            mesures.append(mesurer(Configuration(args.postgres_base), "PostgreSQL", args.tours))
        elif args.postgres_url:
            mesures.append(sur_postgres(chemin, args.postgres_url, Path(dossier), args.tours))
    texte = section(base, mesures, commande, generation_s)
    print(texte)
    ecrire_section(args.output, TITRE, texte)
    return 0


if __name__ == "__main__":
    sys.exit(main())
