"""Annual report on a 10-year demo database: the projection-based report (`lecture_faits`)
against its recomputation from the raw event log, for the last full year and all councils.

    .venv/bin/python -m benchmarks.rapports                       # builds a base, then times
    .venv/bin/python -m benchmarks.rapports --base var/bench-10ans.sqlite3   # built once, reused
    .venv/bin/python -m benchmarks.rapports --output /tmp/performance.md     # leave docs/ alone

Without `--base` the demo database is built in a temporary directory and deleted at the end;
with `--base PATH` it is built there if absent (generation timed, facts kept next to it in
PATH.json) and reused as is otherwise. Prints the figures and writes the section
"Rapport annuel" of `docs/performance.md` (replacing that section only). See
`benchmarks/README.md`.
"""

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter
from typing import Any

from sqlalchemy import delete, select

from benchmarks.run import faits_machine, systeme_de_fichiers
from benchmarks.sections import ecrire_section
from domaine.quartiers import arrondissements
from domaine.temps import PARIS
from lancement.plateforme import Plateforme
from projections.tables import faits as table_faits
from projections.tables import ouvertures
from rapports.calcul import (
    PRESENCES,
    SEUIL_PAR_DEFAUT,
    bornes,
    rapport_annuel,
)
from rapports.faits import TYPES_D_EVENEMENTS
from rapports.formats import en_json
from stockage.configuration import Configuration

RACINE = Path(__file__).resolve().parents[1]
SORTIE_PAR_DEFAUT = RACINE / "docs" / "performance.md"
TITRE = "## Rapport annuel"
OBJECTIF_S = 1.0
MILLION = 1_000_000


@dataclass(frozen=True)
class Generation:
    """How the demo database was built (kept in PATH.json next to a `--base`)."""

    seed: int
    years: int
    secondes: float
    le: str  # UTC, ISO
    charge_avant: float
    charge_apres: float
    memoire_max_mio: float  # peak resident memory of the demo process


@dataclass(frozen=True)
class Base:
    chemin: Path
    generation: Generation | None
    evenements: int
    par_type: dict[str, int]
    octets: int
    faits: int


@dataclass(frozen=True)
class Mesures:
    annee: int
    froid: float  # first report of the year: folds the history, stores the opening
    chauds: list[float]
    bruts: list[float]
    identiques: bool
    octets_rapport: int
    faits_historique: int  # facts before 1 January folded into the opening
    octets_ouverture: int
    faits_de_l_annee: int
    faits_par_nature: dict[str, int]  # of the year's facts
    ouverture: float  # the stored opening checked and decoded, median
    lecture: float  # the year's facts: SQL + rows into facts, median
    pliage: float  # the fold of the year's facts and the figures, median
    sql_seul: float  # the same query, rows fetched by the bare driver, median
    evenements_relus: int  # events the raw recomputation decodes
    charge_avant: float
    charge_apres: float


def charge() -> float:
    return os.getloadavg()[0]


def mediane(valeurs: Sequence[float]) -> float:
    return statistics.median(valeurs)


def chronometrer(action: Callable[[], Any]) -> tuple[float, Any]:
    debut = perf_counter()
    resultat = action()
    return perf_counter() - debut, resultat


# --- The database --------------------------------------------------------------------------


def generer(chemin: Path, seed: int, years: int) -> Generation:
    """`participation-demo` in a child process, as a user runs it; its progress bar shows."""
    print(f"Building the demo database: participation-demo --seed {seed} --years {years}")
    avant = charge()
    commande = [
        sys.executable,
        "-m",
        "demo.cli",
        "--database-url",
        f"sqlite:///{chemin}",
        "--seed",
        str(seed),
        "--years",
        str(years),
    ]
    secondes, _ = chronometrer(
        lambda: subprocess.run(commande, check=True, stdout=subprocess.DEVNULL, cwd=RACINE)
    )
    pic = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    generation = Generation(
        seed, years, secondes, datetime.now(UTC).isoformat(timespec="seconds"), avant, charge(), pic
    )
    Path(f"{chemin}.json").write_text(json.dumps(asdict(generation), indent=2) + "\n")
    return generation


def decrire(chemin: Path) -> Base:
    metadonnees = Path(f"{chemin}.json")
    generation = None
    if metadonnees.exists():
        generation = Generation(**json.loads(metadonnees.read_text()))
    cnx = sqlite3.connect(chemin)
    try:
        par_type = dict(
            cnx.execute(
                "SELECT topic, count(*) FROM stored_events GROUP BY topic ORDER BY 2 DESC, 1"
            ).fetchall()
        )
        faits = cnx.execute("SELECT count(*) FROM lecture_faits").fetchone()[0]
    finally:
        cnx.close()
    octets = sum(
        p.stat().st_size
        for p in (chemin, Path(f"{chemin}-wal"), Path(f"{chemin}-shm"))
        if p.exists()
    )
    return Base(chemin, generation, sum(par_type.values()), par_type, octets, faits)


# --- The measures --------------------------------------------------------------------------


def sql_seul(chemin: Path, annee: int) -> float:
    """The query of the year's facts, its rows fetched as tuples by the bare `sqlite3`
    driver: the floor under turning rows into facts."""
    debut, fin = bornes(annee)
    requete = "SELECT * FROM lecture_faits WHERE le >= ? AND le < ? ORDER BY position, rang"
    stockes = [i.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f") for i in (debut, fin)]
    cnx = sqlite3.connect(chemin)
    try:
        return chronometrer(lambda: cnx.execute(requete, stockes).fetchall())[0]
    finally:
        cnx.close()


def mesurer(base: Base, annee: int, tours: int, tours_bruts: int) -> Mesures:
    avant = charge()
    plateforme = Plateforme(Configuration(f"sqlite:///{base.chemin}"))
    rapports = plateforme.rapports
    try:
        with plateforme.moteur.begin() as cnx:
            cnx.execute(delete(ouvertures))  # the first report of the year builds its opening
        froid, premier = chronometrer(lambda: rapports.annuel(annee))
        attendu = en_json(premier)
        print(f"  projection-based, first run (folds the history): {froid:.3f} s")
        rapports.annuel(annee)  # warm-up
        chauds = []
        for _ in range(tours):
            secondes, rapport = chronometrer(lambda: rapports.annuel(annee))
            chauds.append(secondes)
            assert en_json(rapport) == attendu, "the same report twice"
        print(f"  projection-based, median of {tours}: {mediane(chauds):.3f} s")
        bruts, identiques = [], True
        for _ in range(tours_bruts):
            secondes, rapport = chronometrer(lambda: rapports.annuel(annee, depuis_evenements=True))
            bruts.append(secondes)
            identiques = identiques and en_json(rapport) == attendu
        print(f"  from the raw event log, median of {tours_bruts}: {mediane(bruts):.3f} s")

        # Where the time of the projection-based report goes (internals, for the breakdown).
        debut, fin = bornes(annee)
        with plateforme.moteur.connect() as cnx:
            stockee = cnx.execute(select(ouvertures).where(ouvertures.c.annee == annee)).one()
        chargements = [chronometrer(lambda: rapports.ouverture(annee))[0] for _ in range(3)]
        dans_l_annee = (table_faits.c.le >= debut, table_faits.c.le < fin)

        def lire() -> tuple[list[Any], list[tuple[str, str, str]]]:
            autres = rapports._lecture(*dans_l_annee, table_faits.c.nature.not_in(PRESENCES))
            return list(autres), list(rapports._presences(*dans_l_annee))

        lectures, (faits, presences) = [], lire()
        for _ in range(3):
            secondes, (faits, presences) = chronometrer(lire)
            lectures.append(secondes)
        maintenant = plateforme.registre.maintenant()

        def plier(depart: Any) -> float:
            return chronometrer(
                lambda: rapport_annuel(
                    iter(faits),
                    annee,
                    arrondissements,
                    SEUIL_PAR_DEFAUT,
                    maintenant,
                    depart,
                    iter(presences),
                )
            )[0]

        pliages = [plier(rapports.ouverture(annee)) for _ in range(3)]
        sql = mediane([sql_seul(base.chemin, annee) for _ in range(3)])
    finally:
        plateforme.fermer()
    return Mesures(
        annee,
        froid,
        chauds,
        bruts,
        identiques,
        len(attendu),
        stockee.faits,
        len(stockee.etat),
        len(faits) + len(presences),
        dict(
            Counter(
                [f.nature for f in faits] + [nature for nature, _, _ in presences]
            ).most_common()
        ),
        mediane(chargements),
        mediane(lectures),
        mediane(pliages),
        sql,
        _evenements_relus(base.chemin),
        avant,
        charge(),
    )


def _evenements_relus(chemin: Path) -> int:
    """Events of the types that give facts: what `depuis_evenements=True` reads and decodes."""
    sujets = [t.TOPIC for t in TYPES_D_EVENEMENTS]  # type: ignore[attr-defined]
    marques = ", ".join("?" for _ in sujets)
    cnx = sqlite3.connect(chemin)
    try:
        requete = f"SELECT count(*) FROM stored_events WHERE topic IN ({marques})"
        return int(cnx.execute(requete, sujets).fetchone()[0])
    finally:
        cnx.close()


# --- Report --------------------------------------------------------------------------------


def milliers(n: float) -> str:
    return f"{n:,.0f}".replace(",", " ")


def duree(secondes: float) -> str:
    if secondes >= 60:
        return f"{int(secondes // 60)} min {secondes % 60:02.0f} s"
    return f"{secondes:.2f} s" if secondes >= 0.1 else f"{1000 * secondes:.0f} ms"


def etendue(valeurs: Sequence[float]) -> str:
    return f"{duree(mediane(valeurs))} ({duree(min(valeurs))}–{duree(max(valeurs))})"


def mio(octets: float) -> str:
    return f"{octets / 1024 / 1024:,.0f} MiB".replace(",", " ")


def micro(secondes: float, n: int) -> str:
    return f"{1e6 * secondes / n:.1f} µs" if n else "–"


def nom_court(sujet: str) -> str:
    return sujet.removeprefix("participation:")


def table_du_melange(base: Base, lignes: int = 12) -> str:
    total = base.evenements
    rangs = list(base.par_type.items())
    corps = [
        f"| `{nom_court(t)}` | {milliers(n)} | {100 * n / total:.1f} % |" for t, n in rangs[:lignes]
    ]
    reste = rangs[lignes:]
    if reste:
        n = sum(v for _, v in reste)
        corps.append(f"| {len(reste)} other types | {milliers(n)} | {100 * n / total:.1f} % |")
    return "| event type | events | share |\n| --- | ---: | ---: |\n" + "\n".join(corps)


def table_des_faits(m: Mesures) -> str:
    corps = [f"| `{nature}` | {milliers(n)} |" for nature, n in m.faits_par_nature.items()]
    return f"| nature | facts of {m.annee} |\n| --- | ---: |\n" + "\n".join(corps)


def generation_texte(base: Base) -> str:
    g = base.generation
    if g is None:
        return "not measured (a base built outside this benchmark, without its PATH.json)"
    return (
        f"{duree(g.secondes)} on {g.le[:10]} (load average 1 min before/after: "
        f"{g.charge_avant:.2f} / {g.charge_apres:.2f}; peak memory {g.memoire_max_mio:,.0f} MiB), "
        f"{milliers(base.evenements / g.secondes)} events/s"
    )


def section(base: Base, m: Mesures, commande: str, secondes: float) -> str:
    faits = faits_machine()
    faits["database file system"] = systeme_de_fichiers(base.chemin.parent)
    faits["load average (1 min) before/after the timings"] = (
        f"{m.charge_avant:.2f} / {m.charge_apres:.2f}"
    )
    machine = "\n".join(f"| {cle} | {valeur} |" for cle, valeur in faits.items())
    g = base.generation
    demo = f"participation-demo --seed {g.seed} --years {g.years}" if g else "unknown"
    chaud = mediane(m.chauds)
    brut = mediane(m.bruts)
    if base.evenements < MILLION:
        verdict = "**not tested** (fewer than a million events in the base)"
    else:
        verdict = "**met**" if chaud < OBJECTIF_S else "**not met**"
    reste = m.lecture - m.sql_seul
    return f"""{TITRE}

Measured on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `{commande}` ({duree(secondes)} in all). \
Re-run it to replace this section (`benchmarks.run` keeps it when it rewrites the page); \
`benchmarks/README.md` explains the options.

Goal (issue): with `participation-demo --years 10` (all eight councils, at least a million \
events), the projection-based report for one year and all councils takes under {OBJECTIF_S:.0f} s. \
In this run: {milliers(base.evenements)} events, the report of {m.annee} for all councils in \
**{duree(chaud)}** (median of {len(m.chauds)} runs, after a warm-up): goal {verdict}. \
Recomputed from the raw event log: {duree(brut)}.

### Machine

| fact | value |
| --- | --- |
{machine}

### Demo database

| fact | value |
| --- | --- |
| command | `{demo}` (SQLite) |
| events | {milliers(base.evenements)} |
| generation time | {generation_texte(base)} |
| database size | {mio(base.octets)} (file, WAL and shared memory) |
| rows of `lecture_faits` (the report's read model) | {milliers(base.faits)} |

{table_du_melange(base)}

The mix is described in `demo/generateur.py` and `demo/campagnes.py`: large \
open assemblies (a core of regular members and many occasional ones), a plenary every month and \
a séance of each priority neighbourhood, and a yearly budget participatif campaign whose \
supports and comments come from residents.

### Method

One process, one thread, `time.perf_counter`, on the database above, opened with \
`Plateforme(Configuration("sqlite:///…"))`; the year is the last full one ({m.annee}), the \
perimeter all eight councils and Paris as a whole.

1. **Projection-based report**: `plateforme.rapports.annuel({m.annee})`, which catches the read \
models up (nothing to do here), takes the fold's state on 1 January {m.annee} (its *opening*, \
stored in `lecture_rapports_ouvertures` and checked against the number of facts before that \
day), reads the facts of `lecture_faits` dated in {m.annee} and folds them \
(`participation/rapports.py`, `ouvertures.py`, `calcul.py`). The stored openings are \
deleted first, so the first call folds the whole history before 1 January and stores the \
opening: it is reported as the *first run* (also the first call in the process: statement \
caches and SQLite's page cache of the connection empty; the operating system's file cache is \
not dropped). Then one warm-up call, then {len(m.chauds)} timed calls: median, \
minimum–maximum.
2. **Raw-event recomputation**: `plateforme.rapports.annuel({m.annee}, \
depuis_evenements=True)`, which reads and decodes every stored event of a type that gives \
facts and folds the same facts from the beginning: {len(m.bruts)} timed \
call{"s" if len(m.bruts) > 1 else ""}.
3. **Same bytes**: every report is serialised with \
`participation.rapports.en_json` and compared with the first one.
4. **Breakdown** (after the timings, 3 runs each, median): the stored opening checked and \
decoded (`ServiceRapports.ouverture`), the year's facts read (`ServiceRapports._lecture` for \
all but attendance, rows turned into `Fait` tuples, and `_presences` for attendance, bare \
(nature, séance, person) tuples), all of the year's rows fetched with the bare `sqlite3` \
driver in one query (rows as tuples), and the fold with the figures (`calcul.rapport_annuel` \
from the opening, over the facts already in memory).

### Figures

| measure | time |
| --- | ---: |
| projection-based report, first run | {duree(m.froid)} |
| projection-based report, median (min–max) of {len(m.chauds)} | {etendue(m.chauds)} |
| recomputed from the raw event log, median (min–max) of {len(m.bruts)} | {etendue(m.bruts)} |
| raw ÷ projection-based | {brut / chaud:.0f} × |
| identical bytes (`en_json`) | {"yes" if m.identiques else "**NO**"} ({milliers(m.octets_rapport)} bytes) |

### Where the time goes

- **What the projection-based report reads.** The facts dated in {m.annee}: \
{milliers(m.faits_de_l_annee)} of the {milliers(base.faits)} rows of `lecture_faits`, and the \
opening of the year ({mio(m.octets_ouverture)} of compressed JSON), which stands for the \
{milliers(m.faits_historique)} facts dated before 1 January (the history is needed to know the \
assembly, the groupe moteur, the avis and the proposals on that day; attendance, head counts \
and decisions of earlier years do not count). The first report of a year folds that history \
once and stores the opening ({duree(m.froid)} above); it is used while the number of facts \
before 1 January and the code that folds them are unchanged, and emptied with the read models.

{table_des_faits(m)}

- **Opening**: {duree(m.ouverture)} to count the facts before 1 January (an index count) and \
decode the stored state.
- **Reading**: {duree(m.lecture)} ({micro(m.lecture, m.faits_de_l_annee)} per fact). All the \
year's rows, fetched as tuples by the bare driver, take {duree(m.sql_seul)} (a range of the \
index on the date, sorted back into event order); the other {duree(max(0.0, reste))} is \
turning rows into facts in Python (SQLAlchemy rows; for all but attendance, UTC datetimes and \
a named tuple; attendance, most of a year's facts, stays a bare tuple of three strings, \
applied after the other facts since it only changes who was present at each séance).
- **Folding and figures**: {duree(m.pliage)} ({micro(m.pliage, m.faits_de_l_annee)} per fact \
of the year). Reading and folding grow with the year's own activity (mostly attendance), no \
longer with the years of history; the opening grows with the people and proposals ever known.
- **Raw recomputation**: {milliers(m.evenements_relus)} events decoded, those of the types \
that give facts ({micro(brut, m.evenements_relus)} each, fold included); the query skips the \
others (supports, comments…) but still scans the whole log, and every year adds to both.
"""


# --- Entry point ---------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.rapports",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--base",
        type=Path,
        metavar="PATH",
        help="SQLite demo database to reuse, or to build there if absent and keep",
    )
    parser.add_argument("--seed", type=int, default=7, help="demo seed (default 7)")
    parser.add_argument("--years", type=int, default=10, help="demo years (default 10)")
    parser.add_argument(
        "--runs", type=int, default=7, help="timed projection-based runs (default 7)"
    )
    parser.add_argument(
        "--raw-runs", type=int, default=3, help="timed raw recomputations (default 3)"
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=SORTIE_PAR_DEFAUT,
        metavar="PATH",
        help="Markdown file whose section 'Rapport annuel' is written (default "
        "docs/performance.md)",
    )
    args = parser.parse_args(argv)
    if min(args.runs, args.raw_runs) < 1:
        parser.error("--runs and --raw-runs must be positive")
    debut = perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-rapports-") as dossier:
        chemin = args.base or Path(dossier) / "demo.sqlite3"
        if not chemin.exists():
            chemin.parent.mkdir(parents=True, exist_ok=True)
            generer(chemin.resolve(), args.seed, args.years)
        base = decrire(chemin.resolve())
        annee = datetime.now(PARIS).year - 1
        print(f"{milliers(base.evenements)} events; timing the report of {annee}, all councils")
        mesures = mesurer(base, annee, args.runs, args.raw_runs)
    secondes = perf_counter() - debut
    options = " ".join(argv if argv is not None else sys.argv[1:])
    commande = f".venv/bin/python -m benchmarks.rapports {options}".rstrip()
    ecrire_section(args.output, TITRE, section(base, mesures, commande, secondes))
    print(f"Written to {args.output} ({duree(secondes)})")
    return 0 if mesures.identiques else 1


if __name__ == "__main__":
    sys.exit(main())
