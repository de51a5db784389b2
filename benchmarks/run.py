"""Appends per second through the application service and projection rebuild rate, on SQLite and
PostgreSQL, each next to a raw-driver baseline measured in the same run.

    .venv/bin/python -m benchmarks.run [--events N] [--postgres-url URL] [--output PATH]

Prints a table and writes `docs/performance.md`. See `benchmarks/README.md` for the method.
"""

import argparse
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from time import perf_counter
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from eventsourcing.application import AggregateNotFoundError
from psycopg import sql

from benchmarks.sections import sections_sauf
from domaine.assemblee import id_adhesion
from domaine.comptes import Acteur
from domaine.quartiers import HORS_QPV, arrondissements
from lancement.plateforme import Plateforme
from projections.projecteur import TAILLE_LOT
from stockage.configuration import Configuration

RACINE = Path(__file__).resolve().parents[1]
SORTIE_PAR_DEFAUT = RACINE / "docs" / "performance.md"
VARIABLE_POSTGRES = "PARTICIPATION_TEST_POSTGRES_URL"
URL_POSTGRES_PAR_DEFAUT = "postgresql://postgres@127.0.0.1:5432/postgres"
MOT_DE_PASSE = "banc-d-essai-2026"
GENRES = ("femme", "homme", "autre", "ne_se_prononce_pas")
TRANCHES = ("18_24", "25_39", "40_59", "60_74", "75_et_plus")
PAQUETS = ("eventsourcing", "sqlalchemy", "psycopg", "psycopg-binary", "argon2-cffi")

MESURE_AJOUTS = "appends/s, one command per transaction"
MESURE_PROJECTION = "projection rebuild, events/s"
AU_DELA = {
    "PostgreSQL": " (its `SET LOCAL`, `LOCK TABLE` and `NOTIFY` statements, the connection pool)"
}


@dataclass(frozen=True)
class Reglages:
    evenements: int = 3000
    comptes: int = 50
    tranche: int = 250
    tours: int = 3


# --- Results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resultat:
    """One measure on one backend: the application's figure next to the raw driver's."""

    base: str
    mesure: str
    n_app: int
    s_app: float
    n_brut: int
    s_brut: float
    ratios_partiels: tuple[float, ...] = ()
    tours: int = 1

    @property
    def app_par_s(self) -> float:
        return self.n_app / self.s_app

    @property
    def brut_par_s(self) -> float:
        return self.n_brut / self.s_brut

    @property
    def ratio(self) -> float:
        """The application's throughput as a fraction of the raw driver's."""
        return self.app_par_s / self.brut_par_s


@dataclass
class Banc:
    """Everything measured on one backend, plus the facts that explain it."""

    base: str
    reglages: Reglages
    resultats: list[Resultat] = field(default_factory=list)
    faits: dict[str, str] = field(default_factory=dict)
    # Supporting measures for the interpretation, in seconds, summed like the main ones.
    evenements_journal: int = 0
    taille_moyenne_etat: float = 0.0
    rejeu_moyen: float = 0.0
    s_lot_unique: float = 0.0
    s_chargements: float = 0.0
    s_decodage: float = 0.0


@dataclass
class Chrono:
    """Sums the time of interleaved slices of one measure."""

    n: int = 0
    s: float = 0.0
    partiels: list[float] = field(default_factory=list)

    def ajouter(self, n: int, s: float) -> None:
        self.n += n
        self.s += s
        self.partiels.append(n / s)


def ratios(app: Chrono, brut: Chrono) -> tuple[float, ...]:
    return tuple(a / b for a, b in zip(app.partiels, brut.partiels, strict=True))


# --- Raw drivers ---------------------------------------------------------------------------


class Pilote:
    """A raw DB-API connection and the few SQL spellings that differ between the two drivers."""

    nom = ""
    marque = ""
    cle_auto = ""
    type_uuid = ""
    type_octets = ""
    colonne_position = ""

    def __init__(self, cnx: Any, table_journal: str) -> None:
        self.cnx = cnx
        self.table_journal = table_journal

    def commencer(self) -> None:
        """Open a transaction (psycopg opens one implicitly at the first statement)."""

    def valider(self) -> None:
        self.cnx.commit()

    def fermer(self) -> None:
        self.cnx.close()

    def places(self, n: int) -> str:
        return ", ".join([self.marque] * n)

    def executer(self, *instructions: str) -> None:
        """Run statements in a transaction of their own."""
        cur = self.cnx.cursor()
        self.commencer()
        for instruction in instructions:
            cur.execute(instruction)
        self.valider()


class PiloteSqlite(Pilote):
    """`sqlite3` opened like the `eventsourcing` recorder does: autocommit, explicit BEGIN, WAL."""

    nom = "sqlite3"
    marque = "?"
    cle_auto = "INTEGER PRIMARY KEY AUTOINCREMENT"
    type_uuid = "TEXT"
    type_octets = "BLOB"
    colonne_position = "rowid"

    def __init__(self, chemin: Path, table_journal: str) -> None:
        cnx = sqlite3.connect(chemin, isolation_level=None)
        cnx.execute("PRAGMA journal_mode=WAL")
        super().__init__(cnx, table_journal)

    def commencer(self) -> None:
        self.cnx.execute("BEGIN")

    def valider(self) -> None:
        self.cnx.execute("COMMIT")


class PilotePostgres(Pilote):
    nom = "psycopg"
    marque = "%s"
    cle_auto = "BIGSERIAL PRIMARY KEY"
    type_uuid = "UUID"
    type_octets = "BYTEA"
    colonne_position = "notification_id"

    def __init__(self, url: str, table_journal: str) -> None:
        super().__init__(psycopg.connect(url), table_journal)


TABLES_JOURNAL_BRUT = ("banc_evenements", "banc_evenements_lot")
COLONNES_JOURNAL = "(originator_id, originator_version, topic, state)"


def creer_journaux_bruts(pilote: Pilote) -> None:
    """Two scratch tables shaped like the event store: one per measure, so neither collides."""
    pilote.executer(
        *(
            f"CREATE TABLE {table} (id {pilote.cle_auto}, originator_id {pilote.type_uuid} "
            f"NOT NULL, originator_version INTEGER NOT NULL, topic TEXT NOT NULL, "
            f"state {pilote.type_octets} NOT NULL, UNIQUE (originator_id, originator_version))"
            for table in TABLES_JOURNAL_BRUT
        )
    )


def une_ligne_par_transaction(pilote: Pilote, lignes: Sequence[tuple[Any, ...]]) -> float:
    cur = pilote.cnx.cursor()
    inserer = f"INSERT INTO banc_evenements {COLONNES_JOURNAL} VALUES ({pilote.places(4)})"
    debut = perf_counter()
    for ligne in lignes:
        pilote.commencer()
        cur.execute(inserer, ligne)
        pilote.valider()
    return perf_counter() - debut


def toutes_en_une_transaction(pilote: Pilote, lignes: Sequence[tuple[Any, ...]]) -> float:
    """The same rows with a single commit: the difference is the per-transaction cost."""
    cur = pilote.cnx.cursor()
    inserer = f"INSERT INTO banc_evenements_lot {COLONNES_JOURNAL} VALUES ({pilote.places(4)})"
    debut = perf_counter()
    pilote.commencer()
    cur.executemany(inserer, lignes)
    pilote.valider()
    return perf_counter() - debut


def ligne_de_lecture(ligne: Sequence[Any]) -> tuple[Any, ...]:
    """Decode one stored event and keep the fields a read model would (cf. `lecture_membres`)."""
    position, originator_id, originator_version, topic, etat = ligne
    donnees = json.loads(bytes(etat))
    horodatage = donnees.get("timestamp", {}).get("_data_", "")
    return (
        position,
        str(originator_id),
        originator_version,
        topic,
        horodatage,
        donnees.get("arrondissement"),
        donnees.get("college"),
        donnees.get("genre"),
        donnees.get("tranche_age"),
        donnees.get("quartier"),
        donnees.get("motif"),
    )


def projection_brute(pilote: Pilote) -> tuple[int, float]:
    """Read the log, write one decoded row per event, a page and a position per transaction."""
    pilote.executer(
        "DROP TABLE IF EXISTS banc_lecture",
        "DROP TABLE IF EXISTS banc_position",
        "CREATE TABLE banc_lecture (position BIGINT PRIMARY KEY, originator_id VARCHAR(36) "
        "NOT NULL, originator_version INTEGER NOT NULL, topic TEXT NOT NULL, "
        "horodatage VARCHAR(40) NOT NULL, arrondissement INTEGER, college VARCHAR(20), "
        "genre VARCHAR(30), tranche_age VARCHAR(20), quartier VARCHAR(80), motif VARCHAR(30))",
        "CREATE TABLE banc_position (nom VARCHAR(60) PRIMARY KEY, position BIGINT NOT NULL)",
        "INSERT INTO banc_position VALUES ('brut', 0)",
    )
    m, colonne = pilote.marque, pilote.colonne_position
    lire = (
        f"SELECT {colonne}, originator_id, originator_version, topic, state "
        f"FROM {pilote.table_journal} WHERE {colonne} > {m} ORDER BY {colonne} LIMIT {m}"
    )
    ecrire = f"INSERT INTO banc_lecture VALUES ({pilote.places(11)})"
    avancer = f"UPDATE banc_position SET position = {m} WHERE nom = 'brut' AND position = {m}"

    cur = pilote.cnx.cursor()
    total, position = 0, 0
    debut = perf_counter()
    while True:
        pilote.commencer()
        cur.execute(lire, (position, TAILLE_LOT))
        lignes = cur.fetchall()
        if not lignes:
            pilote.valider()
            break
        cur.executemany(ecrire, [ligne_de_lecture(ligne) for ligne in lignes])
        cur.execute(avancer, (lignes[-1][0], position))
        if cur.rowcount != 1:
            raise RuntimeError("the raw projection's position moved under it")
        pilote.valider()
        position = lignes[-1][0]
        total += len(lignes)
    return total, perf_counter() - debut


def lignes_du_journal(pilote: Pilote, apres: int) -> list[tuple[Any, ...]]:
    """The rows the application stored after a position, as the raw driver reads them."""
    cur = pilote.cnx.cursor()
    pilote.commencer()
    cur.execute(
        f"SELECT originator_id, originator_version, topic, state FROM {pilote.table_journal} "
        f"WHERE {pilote.colonne_position} > {pilote.marque} ORDER BY {pilote.colonne_position}",
        (apres,),
    )
    lignes = [tuple(ligne) for ligne in cur.fetchall()]
    pilote.valider()
    return lignes


# --- Through the application ---------------------------------------------------------------

Case = tuple[Acteur, str, str, int]
"""One adhesion the commands act on: the account, its gender and age band, the arrondissement."""


def inscrire_comptes(plateforme: Plateforme, nombre: int) -> list[Case]:
    """Sign up accounts before timing anything (argon2 would dominate), one case per council."""
    cases: list[Case] = []
    for i in range(nombre):
        compte_id, _ = plateforme.comptes.inscrire(
            f"Banc d'essai {i}", f"banc{i}@example.org", MOT_DE_PASSE
        )
        acteur = plateforme.comptes.acteur(compte_id)
        assert acteur is not None
        genre, tranche = GENRES[i % len(GENRES)], TRANCHES[i % len(TRANCHES)]
        cases.extend((acteur, genre, tranche, arr) for arr in arrondissements())
    return cases


def executer_commandes(plateforme: Plateforme, cases: list[Case], indices: range) -> float:
    """Command i acts on adhesion i mod len(cases): join on even rounds, leave on odd ones."""
    assemblee = plateforme.assemblee
    debut = perf_counter()
    for i in indices:
        acteur, genre, tranche, arrondissement = cases[i % len(cases)]
        if (i // len(cases)) % 2 == 0:
            assemblee.rejoindre(acteur, arrondissement, "habitant", genre, tranche, HORS_QPV, True)
        else:
            assemblee.quitter(acteur, arrondissement)
    return perf_counter() - debut


def charger_seulement(plateforme: Plateforme, cases: list[Case], indices: range) -> float:
    """The commands' loads again, each at the version the command saw, without the rest.

    Command i found its adhesion at version i // len(cases) (0: not created yet, which the
    service learns from an empty read too), so `get(…, version=…)` replays as many events.
    """
    depot = plateforme.registre.repository
    debut = perf_counter()
    for i in indices:
        acteur, _, _, arrondissement = cases[i % len(cases)]
        with suppress(AggregateNotFoundError):
            depot.get(id_adhesion(arrondissement, acteur.compte_id), version=i // len(cases))
    return perf_counter() - debut


def decoder_seulement(plateforme: Plateforme) -> float:
    """Read and decode the whole log as the projector does, without writing anything."""
    registre = plateforme.registre
    position = 0
    debut = perf_counter()
    while notifications := registre.recorder.select_notifications(
        position, TAILLE_LOT, inclusive_of_start=False
    ):
        for notification in notifications:
            registre.mapper.to_domain_event(notification)
        position = notifications[-1].id
    return perf_counter() - debut


# --- One backend ---------------------------------------------------------------------------


def mesurer_ajouts(
    banc: Banc, plateforme: Plateforme, pilote: Pilote, cases: list[Case], reglages: Reglages
) -> None:
    """Slices of commands, each followed by the raw driver inserting the rows they stored.

    Interleaving keeps both sides under the same conditions when the machine's load drifts.
    """
    n = reglages.evenements
    app, brut, lot, chargements = Chrono(), Chrono(), Chrono(), Chrono()
    octets = 0
    creer_journaux_bruts(pilote)
    for debut in range(0, n, reglages.tranche):
        indices = range(debut, min(n, debut + reglages.tranche))
        avant = plateforme.registre.position()
        app.ajouter(len(indices), executer_commandes(plateforme, cases, indices))
        lignes = lignes_du_journal(pilote, avant)
        assert len(lignes) == len(indices), "one event per command expected"
        octets += sum(len(ligne[3]) for ligne in lignes)
        brut.ajouter(len(lignes), une_ligne_par_transaction(pilote, lignes))
        lot.ajouter(len(lignes), toutes_en_une_transaction(pilote, lignes))
        chargements.ajouter(len(indices), charger_seulement(plateforme, cases, indices))
    banc.resultats.append(
        Resultat(banc.base, MESURE_AJOUTS, app.n, app.s, brut.n, brut.s, ratios(app, brut))
    )
    banc.taille_moyenne_etat = octets / n
    banc.rejeu_moyen = sum(i // len(cases) for i in range(n)) / n
    banc.s_lot_unique = lot.s
    banc.s_chargements = chargements.s


def mesurer_projection(
    banc: Banc, plateforme: Plateforme, pilote: Pilote, reglages: Reglages
) -> None:
    """Alternate full rebuilds by the projector and raw copies of the log."""
    app, brut, decodage = Chrono(), Chrono(), Chrono()
    banc.evenements_journal = plateforme.registre.position()
    for _ in range(reglages.tours):
        debut = perf_counter()
        position = plateforme.projecteur.reconstruire()
        app.ajouter(banc.evenements_journal, perf_counter() - debut)
        assert position == banc.evenements_journal
        n_brut, s_brut = projection_brute(pilote)
        assert n_brut == banc.evenements_journal
        brut.ajouter(n_brut, s_brut)
        decodage.ajouter(banc.evenements_journal, decoder_seulement(plateforme))
    banc.resultats.append(
        Resultat(
            banc.base,
            MESURE_PROJECTION,
            app.n,
            app.s,
            brut.n,
            brut.s,
            ratios(app, brut),
            reglages.tours,
        )
    )
    banc.s_decodage = decodage.s


def mesurer(
    base: str,
    configuration: Configuration,
    ouvrir_pilote: Callable[[str], Pilote],
    reglages: Reglages,
) -> Banc:
    banc = Banc(base, reglages)
    plateforme = Plateforme(configuration)
    try:
        plateforme.migrer()
        print(f"  {base}: signing up {reglages.comptes} accounts (untimed)…", flush=True)
        cases = inscrire_comptes(plateforme, reglages.comptes)
        recorder: Any = plateforme.registre.recorder  # SQLite's or PostgreSQL's
        pilote = ouvrir_pilote(recorder.events_table_name)
        try:
            charge = os.getloadavg()[0]
            print(f"  {base}: {reglages.evenements} commands and raw inserts…", flush=True)
            mesurer_ajouts(banc, plateforme, pilote, cases, reglages)
            print(f"  {base}: {reglages.tours} projection rebuilds and raw copies…", flush=True)
            mesurer_projection(banc, plateforme, pilote, reglages)
            banc.faits[f"load average (1 min) before/after {base}"] = (
                f"{charge:.2f} / {os.getloadavg()[0]:.2f}"
            )
            banc.faits.update(faits_pilote(pilote))
        finally:
            pilote.fermer()
    finally:
        plateforme.fermer()
    return banc


# --- Backends ------------------------------------------------------------------------------


def banc_sqlite(reglages: Reglages) -> Banc:
    with tempfile.TemporaryDirectory(prefix="participation-bench-") as dossier:
        chemin = Path(dossier) / "participation.sqlite3"
        banc = mesurer(
            "SQLite",
            Configuration(f"sqlite:///{chemin}"),
            lambda table: PiloteSqlite(chemin, table),
            reglages,
        )
        banc.faits["SQLite database file system"] = systeme_de_fichiers(Path(dossier))
    return banc


def url_psycopg(url: str) -> str:
    """`postgresql+psycopg://…` → `postgresql://…`, which psycopg and `Configuration` accept."""
    schema, reste = url.split("://", 1)
    return f"{schema.split('+', 1)[0]}://{reste}"


def url_avec_base(url: str, base: str) -> str:
    parties = urlsplit(url)
    return urlunsplit(parties._replace(path=f"/{base}"))


@contextmanager
def base_postgres_jetable(url: str) -> Iterator[str]:
    nom = f"participation_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True, connect_timeout=5) as cnx:
        cnx.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(nom)))
    try:
        yield url_avec_base(url, nom)
    finally:
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as cnx:
            cnx.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(nom))
            )


def banc_postgres(url: str, reglages: Reglages) -> Banc | str:
    """The measures, or why PostgreSQL was skipped."""
    url = url_psycopg(url)
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as cnx:
            faits = faits_postgres(cnx)
    except psycopg.Error as erreur:
        return f"{type(erreur).__name__}: {str(erreur).strip().splitlines()[0]}"
    with base_postgres_jetable(url) as url_banc:
        banc = mesurer(
            "PostgreSQL",
            Configuration(url_banc),
            lambda table: PilotePostgres(url_banc, table),
            reglages,
        )
    banc.faits.update(faits)
    return banc


# --- Machine facts -------------------------------------------------------------------------


def version_de(paquet: str) -> str:
    try:
        return version(paquet)
    except PackageNotFoundError:
        return "not installed"


def ligne_de(fichier: str, prefixe: str) -> str | None:
    try:
        for ligne in Path(fichier).read_text().splitlines():
            if ligne.startswith(prefixe):
                return ligne
    except OSError:
        pass
    return None


def processeur() -> str:
    ligne = ligne_de("/proc/cpuinfo", "model name")
    return ligne.split(":", 1)[1].strip() if ligne else platform.processor() or "unknown"


def memoire() -> str:
    ligne = ligne_de("/proc/meminfo", "MemTotal:")
    return f"{int(ligne.split()[1]) / 1024 / 1024:.1f} GiB" if ligne else "unknown"


def systeme_de_fichiers(chemin: Path) -> str:
    """The mount's file-system type (tmpfs would make fsync free and the figures meaningless)."""
    try:
        montages = [ligne.split() for ligne in Path("/proc/mounts").read_text().splitlines()]
    except OSError:
        return "unknown"
    chemin = chemin.resolve()
    meilleur = ("", "unknown")
    for m in montages:
        if chemin.is_relative_to(m[1]) and len(m[1]) >= len(meilleur[0]):
            meilleur = (m[1], m[2])
    return f"{meilleur[1]} (mounted on {meilleur[0]})"


def faits_machine() -> dict[str, str]:
    try:
        os_ = platform.freedesktop_os_release().get("PRETTY_NAME", platform.platform())
    except OSError:
        os_ = platform.platform()
    faits = {
        "nproc": f"{len(os.sched_getaffinity(0))} (os.cpu_count() = {os.cpu_count()})",
        "CPU": processeur(),
        "memory": memoire(),
        "OS": f"{os_}, kernel {platform.release()}",
        "Python": sys.version.split()[0],
    }
    faits.update({paquet: version_de(paquet) for paquet in PAQUETS})
    faits["SQLite library"] = sqlite3.sqlite_version
    return faits


def faits_pilote(pilote: Pilote) -> dict[str, str]:
    if not isinstance(pilote, PiloteSqlite):
        return {}
    mode = pilote.cnx.execute("PRAGMA journal_mode").fetchone()[0]
    synchrone = pilote.cnx.execute("PRAGMA synchronous").fetchone()[0]
    noms = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}
    return {"SQLite journal_mode": mode, "SQLite synchronous": noms.get(synchrone, synchrone)}


def faits_postgres(cnx: psycopg.Connection[Any]) -> dict[str, str]:
    faits = {}
    for reglage in ("server_version", "fsync", "synchronous_commit", "wal_sync_method"):
        ligne = cnx.execute(sql.SQL("SHOW {}").format(sql.Identifier(reglage))).fetchone()
        faits[f"PostgreSQL {reglage}"] = str(ligne[0]) if ligne else "?"
    try:
        ligne = cnx.execute("SHOW data_directory").fetchone()
        if ligne and Path(ligne[0]).exists():
            faits["PostgreSQL data file system"] = systeme_de_fichiers(Path(ligne[0]))
    except psycopg.Error:
        pass  # not a superuser, or a remote server
    return faits


# --- Report --------------------------------------------------------------------------------


def taux(valeur: float) -> str:
    return f"{valeur:,.0f}".replace(",", " ")


def duree(secondes: float) -> str:
    return f"{secondes:.2f} s" if secondes >= 0.1 else f"{1000 * secondes:.0f} ms"


def compte(n: int, tours: int) -> str:
    return f"{tours} × {n // tours}" if tours > 1 else str(n)


def pour_cent(partie: float, tout: float) -> str:
    return f"{100 * partie / tout:.0f} %"


def etendue(r: Resultat) -> str:
    if len(r.ratios_partiels) < 2:
        return ""
    return (
        f"{min(r.ratios_partiels):.2f}–{max(r.ratios_partiels):.2f}, "
        f"median {statistics.median(r.ratios_partiels):.2f}"
    )


def table_markdown(bancs: list[Banc]) -> str:
    lignes = [
        "| backend | measure | participation | raw driver | ratio |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for banc in bancs:
        for r in banc.resultats:
            lignes.append(
                f"| {r.base} | {r.mesure} | {taux(r.app_par_s)}/s "
                f"({compte(r.n_app, r.tours)} in {duree(r.s_app)}) | {taux(r.brut_par_s)}/s "
                f"({compte(r.n_brut, r.tours)} in {duree(r.s_brut)}) | {r.ratio:.2f} |"
            )
    return "\n".join(lignes)


def table_console(bancs: list[Banc]) -> str:
    entete = (
        f"{'backend':<11} {'measure':<40} {'participation':>14} {'raw driver':>12} {'ratio':>6}"
        "  ratio per slice"
    )
    lignes = [entete, "-" * len(entete)]
    for banc in bancs:
        for r in banc.resultats:
            lignes.append(
                f"{r.base:<11} {r.mesure:<40} {taux(r.app_par_s) + '/s':>14} "
                f"{taux(r.brut_par_s) + '/s':>12} {r.ratio:>6.2f}  {etendue(r)}"
            )
    return "\n".join(lignes)


def analyse_ajouts(banc: Banc) -> str:
    """Where a command's time goes on this backend, from this run's own figures."""
    ajouts = banc.resultats[0]
    commande = 1000 * ajouts.s_app / ajouts.n_app
    brut = 1000 * ajouts.s_brut / ajouts.n_brut
    lot = 1000 * banc.s_lot_unique / ajouts.n_brut
    transaction = brut - lot
    chargement = 1000 * banc.s_chargements / ajouts.n_app
    reste = max(0.0, commande - brut - chargement)
    return (
        f"- **{banc.base}, appends.** A command took {commande:.2f} ms. The raw driver needed "
        f"{brut:.2f} ms for the same row in its own transaction but only {lot:.3f} ms per row "
        f"with each slice of up to {banc.reglages.tranche} rows in one transaction: the "
        f"per-transaction cost (`BEGIN`/`COMMIT` and the durable flush) is about "
        f"{transaction:.2f} ms, {pour_cent(transaction, commande)} of a command. Loading the "
        f"adhesion (the same `repository.get` calls, each at the version the command saw, "
        f"{banc.rejeu_moyen:.1f} events replayed on average, timed right after each slice) "
        f"took {chargement:.2f} ms, {pour_cent(chargement, commande)}. The remaining "
        f"{reste:.2f} ms ({pour_cent(reste, commande)}) is the rest of the command: "
        f"validation, building and JSON-encoding the event, and what the recorder does beyond "
        f"a bare insert{AU_DELA.get(banc.base, '')}. The ratio per slice ranged "
        f"{etendue(ajouts)}."
    )


def analyse_projection(banc: Banc) -> str:
    projection, ajouts = banc.resultats[1], banc.resultats[0]
    par_evenement = 1e6 * projection.s_app / projection.n_app
    decodage = 1e6 * banc.s_decodage / projection.n_app
    transaction = 1000 * (ajouts.s_brut - banc.s_lot_unique) / ajouts.n_brut
    return (
        f"- **{banc.base}, rebuild.** {par_evenement:.0f} µs per event, of which reading and "
        f"decoding the log (`select_notifications` + `mapper.to_domain_event`, timed "
        f"separately) is {decodage:.0f} µs and the commit about "
        f"{1000 * transaction / TAILLE_LOT:.1f} µs ({transaction:.2f} ms shared by "
        f"{TAILLE_LOT} events). The remaining ~{par_evenement - decodage:.0f} µs is the "
        f"handlers: each turns its event into parameter sets, and the batch sends each "
        f"statement once with `executemany` (`projections/lot.py`); the raw copy sends each "
        f"page with one `executemany` of one row per event, where the read models write "
        f"about four. "
        f"Ratio per round: {etendue(projection)}."
    )


def interpretation(bancs: list[Banc], faits: dict[str, str], postgres_mesure: bool) -> str:
    vidage = f"SQLite: WAL journal, `synchronous={faits.get('SQLite synchronous', '?')}`"
    verrou = ""
    if postgres_mesure:
        vidage += (
            f"; PostgreSQL: `synchronous_commit={faits.get('PostgreSQL synchronous_commit')}`, "
            f"`fsync={faits.get('PostgreSQL fsync')}`"
        )
        verrou = (
            " On PostgreSQL the `eventsourcing` recorder also runs `SET LOCAL lock_timeout`, "
            "`LOCK TABLE … IN EXCLUSIVE MODE` and `NOTIFY` in each insert transaction, so that "
            "notification ids commit in order; that serialises concurrent writers, which this "
            "single-threaded run does not exercise."
        )
    analyses = [analyse_ajouts(b) for b in bancs] + [analyse_projection(b) for b in bancs]
    return "\n".join(
        [
            "- **One transaction per command.** Every command saves its event in its own "
            "transaction, so each pays a `BEGIN`/`COMMIT` and a durable flush "
            f"({vidage}). The raw per-row baseline pays exactly that too; what the application "
            "adds is loading the aggregate and the service's own work, broken down below." + verrou,
            "- **argon2 is excluded.** Signing up hashes the password with argon2 (about 0.1 s "
            "of CPU per account, on purpose), so sign-up throughput is bounded by hashing, not "
            "by the event store.",
            f"- **Projection batches of {TAILLE_LOT} in one transaction.** The projector commits "
            f"once per {TAILLE_LOT} events, so the flush that dominates the raw per-row inserts "
            "is negligible in a rebuild. Handlers build no SQL per event: they hand parameter "
            "sets to the batch, which sends each statement once (writes move past the "
            "statements they commute with, counters are summed per row). This log is small; "
            'the rebuild of the 10-year log is in "Modèles de lecture à l\'échelle".',
            *analyses,
        ]
    )


def document(bancs: list[Banc], postgres_saute: str | None, secondes: float) -> str:
    reglages = bancs[0].reglages
    faits = faits_machine()
    for banc in bancs:
        faits.update(banc.faits)
    lignes_faits = "\n".join(f"| {cle} | {valeur} |" for cle, valeur in faits.items())
    nb_cases = reglages.comptes * len(arrondissements())
    saut = f"\nPostgreSQL was **skipped** in this run: {postgres_saute}\n" if postgres_saute else ""
    taille = bancs[0].taille_moyenne_etat
    return f"""# Performance

Measured on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `.venv/bin/python -m benchmarks.run \
--events {reglages.evenements} --accounts {reglages.comptes} --slice {reglages.tranche} \
--rounds {reglages.tours}` ({secondes:.0f} s in all, \
sign-ups included). Re-run it to replace this page; `benchmarks/README.md` explains the options.

## Machine

| fact | value |
| --- | --- |
{lignes_faits}

## Method

Each backend gets a fresh database (SQLite: a file in a temporary directory; PostgreSQL: a \
scratch database `participation_bench_<hex>` on the server, dropped afterwards), set up by \
`Plateforme(Configuration(url)).migrer()`. Everything runs in one process and one thread, \
timed with `time.perf_counter`. The raw baselines use the same database and are interleaved \
with the application's measure, so that both see the same conditions if the machine's load \
changes during the run; a rate is the total count over the total time of its slices.

1. **Appends through the application service.** {reglages.comptes} accounts are signed up \
with `plateforme.comptes.inscrire` *before* timing starts (argon2 hashing costs about 0.1 s \
per account and would otherwise dominate). Then {reglages.evenements} commands are timed, in \
slices of {reglages.tranche}: command *i* acts on adhesion *i* mod {nb_cases} \
({reglages.comptes} accounts × the {len(arrondissements())} arrondissements \
{", ".join(map(str, arrondissements()))}), calling \
`plateforme.assemblee.rejoindre(…, quartier="{HORS_QPV}")` on even rounds and \
`plateforme.assemblee.quitter(…)` on odd ones. Each command loads the adhesion (replaying its \
events; there are no snapshots), validates, and saves exactly one event in its own \
transaction. The read models are not updated during this phase.
2. **Raw-driver append baseline.** After each slice, the very rows it stored (same ids, \
versions, topics and states, {taille:.0f} bytes of JSON state on average) are inserted again \
with the bare driver (`sqlite3`, resp. `psycopg`) into a scratch table shaped like the event \
store (`id` autoincrement/bigserial, `originator_id` text/uuid, `originator_version`, \
`topic`, `state` blob/bytea, unique `(originator_id, originator_version)`), **one transaction \
per row**. The SQLite connection is opened as the `eventsourcing` recorder opens it \
(autocommit mode, explicit `BEGIN`, WAL journal, default `synchronous`). For the breakdown \
below, the slice's rows are then inserted once more in a single transaction, and its \
commands' aggregate loads are repeated alone.
3. **Projection rebuild.** `plateforme.projecteur.reconstruire()` empties the read models and \
replays the whole log written above (the commands plus the set-up events: councils, accounts) \
in batches of {TAILLE_LOT} events per transaction: each event is decoded to a domain event and \
applied by its handler (one `INSERT` or `UPDATE`), and the projector's position is updated in \
the same transaction. Done {reglages.tours} times, alternating with the baseline.
4. **Raw-driver projection baseline.** The raw driver reads the same event-store table in pages \
of {TAILLE_LOT} rows, decodes each JSON state and inserts one row of comparable width per event \
into a fresh scratch table with `executemany`, plus a conditional position update, one \
transaction per page.

*ratio* = participation ÷ raw driver (1.00 would mean no overhead at all).
{saut}
## Figures

{table_markdown(bancs)}

## Interpretation

{interpretation(bancs, faits, postgres_saute is None)}
"""


# --- Entry point ---------------------------------------------------------------------------


SECTIONS = ("## Machine", "## Method", "## Figures", "## Interpretation")
"""The sections this benchmark writes; the page's other sections belong to other benchmarks
(`benchmarks.tirage`, `benchmarks.rapports`) and are kept when it is rewritten."""


def main(argv: Sequence[str] | None = None) -> int:
    defaut = Reglages()
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument(
        "--events",
        type=int,
        default=defaut.evenements,
        metavar="N",
        help=f"commands timed per backend, one event each (default {defaut.evenements})",
    )
    parser.add_argument(
        "--accounts",
        type=int,
        default=defaut.comptes,
        metavar="K",
        help=f"accounts signed up before timing; the commands cycle over K × "
        f"{len(arrondissements())} adhesions (default {defaut.comptes})",
    )
    parser.add_argument(
        "--slice",
        type=int,
        default=defaut.tranche,
        metavar="S",
        help=f"commands per slice, interleaved with the raw baseline (default {defaut.tranche})",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=defaut.tours,
        metavar="R",
        help=f"projection rebuilds, alternating with raw copies (default {defaut.tours})",
    )
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get(VARIABLE_POSTGRES) or URL_POSTGRES_PAR_DEFAUT,
        help=f"server on which to create a scratch database (default ${VARIABLE_POSTGRES}, "
        f"else {URL_POSTGRES_PAR_DEFAUT})",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=SORTIE_PAR_DEFAUT,
        metavar="PATH",
        help="Markdown report to write (default docs/performance.md)",
    )
    args = parser.parse_args(argv)
    reglages = Reglages(args.events, args.accounts, args.slice, args.rounds)
    if min(reglages.evenements, reglages.comptes, reglages.tranche, reglages.tours) < 1:
        parser.error("--events, --accounts, --slice and --rounds must be positive")

    debut = perf_counter()
    print(
        f"Benchmark: {reglages.evenements} commands in slices of {reglages.tranche}, "
        f"{reglages.comptes} accounts, {reglages.tours} rebuilds",
        flush=True,
    )
    bancs = [banc_sqlite(reglages)]
    postgres = banc_postgres(args.postgres_url, reglages)
    saute = None
    if isinstance(postgres, Banc):
        bancs.append(postgres)
    else:
        saute = postgres
        print(f"PostgreSQL skipped: {saute}", flush=True)
    secondes = perf_counter() - debut

    print()
    print(table_console(bancs))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(document(bancs, saute, secondes) + sections_sauf(args.output, SECTIONS))
    print(f"\nWritten to {args.output} ({secondes:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
