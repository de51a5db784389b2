"""Hold under load and faults: a real server (`participation serve --workers N`) under a read mix
and a write mix of simulated people, next to the bare `eventsourcing` library on the same
database; a fast page while others hammer the time-travel page; 40 residents supporting one
proposal at once; and the fault run (`benchmarks.pannes`). On SQLite and PostgreSQL.

    .venv/bin/python -m benchmarks.charge --base var/bench-10ans.sqlite3 \\
        --postgres-url postgresql://postgres@127.0.0.1:5432/demo10 [--tuer-postgres]

The SQLite base is copied and the PostgreSQL database cloned (CREATE DATABASE … TEMPLATE) before
anything runs: neither is modified. Writes the section "Charge et pannes" of
`docs/performance.md` (that section only). See `benchmarks/README.md`.
"""

import argparse
import asyncio
import itertools
import json
import os
import random
import re
import secrets
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from time import perf_counter
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

import psycopg
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event
from psycopg import sql
from sqlalchemy import select

from benchmarks import pannes
from benchmarks.banc_web import (
    ENREGISTREE,
    Chrono,
    Navigateur,
    Panne,
    Reponse,
    Serie,
    Serveur,
    cause,
    centile,
    formulaires,
    fusion,
)
from benchmarks.ecritures import (
    NATURES,
    POIDS_ECRITURE,
    Commande,
    Donnees,
    Ecritures,
    Habitant,
    adresse_ip,
    connecter,
    decouvrir,
    habitants,
    par_lots,
    rafraichir,
)
from benchmarks.run import faits_machine, faits_postgres, systeme_de_fichiers, url_avec_base
from benchmarks.sections import ecrire_section
from domaine.quartiers import arrondissements
from stockage.configuration import Configuration
from stockage.moteur import creer_moteur
from stockage.tables import chargements_demo

RACINE = Path(__file__).resolve().parents[1]
SORTIE_PAR_DEFAUT = RACINE / "docs" / "performance.md"
TITRE = "## Charge et pannes"
OBJECTIF_RATIO = 0.5
CLIENTS_DE_L_OBJECTIF = (1, 4, 16)
TOLERANCE_ISOLATION = 1.25
"""The fast page's p95 "does not move" if it stays within this factor of its p95 alone."""
SOUTIENS_SIMULTANES = 40
CLIENTS_RAPIDES = 2
PAS_RAPIDE = 0.2
"""Each fast-page client sends one request every 0.2 s: a light probe (10 requests/s in all),
so that the fast page's latency measures what the slow page does to it, not its own load."""
CLIENTS_LENTS = (1, 4)
CONSEIL_DU_VOYAGE = 18


# --- The read mix ----------------------------------------------------------------------------


def _conseil(alea: random.Random) -> int:
    return alea.choice(arrondissements())


def _numero(alea: random.Random, pages: int) -> int:
    """Half the visits on the first page of a list, the others on any page."""
    return 1 if pages == 1 or alea.random() < 0.5 else alea.randint(1, pages)


def _jour(alea: random.Random, d: Donnees) -> str:
    jours = max(0, (d.dernier_jour - d.premier_jour).days)
    return (d.premier_jour + timedelta(days=alea.randint(0, jours))).isoformat()


@dataclass(frozen=True)
class Page:
    nom: str
    poids: int
    chemin: Callable[[random.Random, Donnees], str]
    exemple: str
    connecte: bool = False  # signed-in visitors only
    possible: Callable[[Donnees], bool] = lambda d: True


PAGES = (
    Page("home", 8, lambda a, d: "/", "/"),
    Page("council", 12, lambda a, d: f"/conseils/{_conseil(a)}", "/conseils/18"),
    Page("council's avis", 4, lambda a, d: f"/conseils/{_conseil(a)}/avis", "/conseils/18/avis"),
    Page(
        "avis, Paris-wide list",
        5,
        lambda a, d: f"/avis?page={_numero(a, d.pages_avis())}",
        "/avis?page=k",
    ),
    Page(
        "one avis",
        6,
        lambda a, d: f"/avis/{a.choice(d.avis)}",
        "/avis/{id}",
        possible=lambda d: bool(d.avis),
    ),
    Page("BP Paris-wide, open", 6, lambda a, d: "/budget-participatif", "/budget-participatif"),
    Page(
        "BP Paris-wide, all, page k",
        8,
        lambda a, d: f"/budget-participatif?statut=toutes&page={_numero(a, d.pages_bp())}",
        "/budget-participatif?statut=toutes&page=k",
    ),
    Page(
        "BP of a council, all, page k",
        8,
        lambda a, d: (
            f"/conseils/{(c := _conseil(a))}/budget-participatif?statut=toutes"
            f"&page={_numero(a, d.pages_bp(c))}"
        ),
        "/conseils/18/budget-participatif?statut=toutes&page=k",
    ),
    Page(
        "one proposal",
        14,
        lambda a, d: f"/budget-participatif/{a.choice(d.propositions).proposition_id}",
        "/budget-participatif/{id}",
        possible=lambda d: bool(d.propositions),
    ),
    Page(
        "journal, page k",
        6,
        lambda a, d: (
            f"/conseils/{(c := _conseil(a))}/journal?page={_numero(a, d.pages_journal.get(c, 1))}"
        ),
        "/conseils/18/journal?page=k",
    ),
    Page(
        "groupe moteur",
        5,
        lambda a, d: f"/conseils/{_conseil(a)}/groupe-moteur",
        "/conseils/18/groupe-moteur",
    ),
    Page(
        "one séance",
        5,
        lambda a, d: f"/seances/{a.choice(d.seances)}",
        "/seances/{id}",
        possible=lambda d: bool(d.seances),
    ),
    Page(
        "time travel",
        3,
        lambda a, d: f"/conseils/{_conseil(a)}/historique?au={_jour(a, d)}",
        "/conseils/18/historique?au=YYYY-MM-DD",
    ),
    Page("my account", 5, lambda a, d: "/compte", "/compte", connecte=True),
)
"""The read mix: kind, weight (out of the total), path. Lists: half on page 1, half on a page
drawn among all; time travel: a council and a day drawn among all the councils' days."""


@dataclass
class Visiteur:
    navigateur: Navigateur
    connecte: bool


def visiteurs(nombre: int, lecteurs: Sequence[Habitant], port: int) -> list[Visiteur]:
    """Every second visitor signed in (as one of the reading residents, its own cookie copy)."""
    liste = []
    for i in range(nombre):
        navigateur = Navigateur(port, adresse_ip(i, reseau=11))
        connecte = i % 2 == 1 and i // 2 < len(lecteurs)
        if connecte:
            navigateur.cookies = dict(lecteurs[i // 2].navigateur.cookies)
        liste.append(Visiteur(navigateur, connecte))
    return liste


def chrono_en_dict(c: Chrono) -> dict[str, float]:
    mur = max(c.mur, 1e-9)
    return {
        "mur_s": round(c.mur, 2),
        "serveur_cpu_pct": round(100 * c.cpu_serveur / mur, 1),
        "client_cpu_pct": round(100 * c.cpu_client / mur, 1),
        "machine_pct": round(100 * c.occupation, 1),
        "charge": round(c.charge, 2),
    }


async def lire(
    serveur: Serveur, donnees: Donnees, gens: Sequence[Visiteur], duree: float, graine: int
) -> dict[str, Any]:
    """One cell of the read mix: `len(gens)` clients, each requesting page after page, no pause."""
    pages = [p for p in PAGES if p.possible(donnees)]
    series: dict[str, Serie] = defaultdict(Serie)
    groupes = {True: Serie(), False: Serie()}
    fin = time.monotonic() + duree

    async def client(i: int, v: Visiteur) -> None:
        alea = random.Random(graine * 1000 + i)
        offertes = [p for p in pages if v.connecte or not p.connecte]
        poids = [p.poids for p in offertes]
        while time.monotonic() < fin:
            page = alea.choices(offertes, poids)[0]
            try:
                reponse = await v.navigateur.get(page.chemin(alea, donnees))
            except Panne as panne:
                series[page.nom].echec(cause(panne))
                groupes[v.connecte].echec(cause(panne))
                continue
            if reponse.acceptee:
                series[page.nom].noter(reponse.secondes)
                groupes[v.connecte].noter(reponse.secondes)
            else:
                series[page.nom].echec(cause(reponse))
                groupes[v.connecte].echec(cause(reponse))

    with Chrono(serveur) as chrono:
        await asyncio.gather(*(client(i, v) for i, v in enumerate(gens)))
    tout = fusion(series.values())
    return {
        "clients": len(gens),
        "debit": tout.n / max(chrono.mur, 1e-9),
        "global": tout.resume(),
        "erreurs": dict(tout.erreurs),
        "par_page": {p.nom: series[p.nom].resume() for p in pages if p.nom in series},
        "connectes": groupes[True].resume(),
        "anonymes": groupes[False].resume(),
        "cpu": chrono_en_dict(chrono),
    }


# --- The write mix ---------------------------------------------------------------------------


async def ecrire(
    serveur: Serveur, ecritures: Ecritures, clients: int, duree: float
) -> tuple[dict[str, Any], list[Commande]]:
    """One cell of the write mix: `clients` clients, each sending command after command."""
    ecritures.reinitialiser()
    fin = time.monotonic() + duree
    with Chrono(serveur) as chrono:
        await asyncio.gather(*(ecritures.client(fin) for _ in range(clients)))
    commandes = list(ecritures.commandes)
    tout = fusion(s for n, s in ecritures.series.items() if n in NATURES)
    pages = fusion(s for n, s in ecritures.series.items() if n.startswith("page"))
    acceptees = sum(c.acceptee for c in commandes)
    return {
        "clients": clients,
        "envoyees": len(commandes),
        "acceptees": acceptees,
        "debit": acceptees / max(chrono.mur, 1e-9),
        "global": tout.resume(),
        "erreurs": dict(tout.erreurs),
        "par_nature": {n: ecritures.series[n].resume() for n in NATURES if n in ecritures.series},
        "pages": pages.resume(),
        "limitees": ecritures.limitees,
        "cpu": chrono_en_dict(chrono),
    }, commandes


# --- The bare library ------------------------------------------------------------------------


class Compteur(Aggregate):
    """The trivial aggregate of the baseline: one event per command."""

    def __init__(self) -> None:
        self.n = 0

    @event("Incremente")
    def incrementer(self) -> None:
        self.n += 1


class BancNu(Application[UUID]):
    """A minimal `eventsourcing` application (PostgreSQL table `bancnu_events`)."""


AGREGATS_PAR_FIL = 50


def nu(env: dict[str, str], fils: int, duree: float) -> dict[str, Any]:
    """`fils` threads, each doing get + mutate + save on aggregates of its own (no conflicts),
    for `duree` seconds; the aggregates are created first, untimed."""
    app = BancNu(env=env)
    try:
        agregats = [Compteur() for _ in range(fils * AGREGATS_PAR_FIL)]
        app.save(*agregats)
        ids = [a.id for a in agregats]
        durees: list[list[float]] = [[] for _ in range(fils)]
        erreurs: Counter[str] = Counter()
        fin = perf_counter() + duree

        def travail(t: int) -> None:
            miens, i = ids[t::fils], 0
            while perf_counter() < fin:
                debut = perf_counter()
                try:
                    agregat: Compteur = app.repository.get(miens[i % len(miens)])
                    agregat.incrementer()
                    app.save(agregat)
                except Exception as erreur:  # counted, as the app's errors are
                    erreurs[type(erreur).__name__] += 1
                    continue
                finally:
                    i += 1
                durees[t].append(perf_counter() - debut)

        with Chrono(None) as chrono, ThreadPoolExecutor(fils) as executeur:
            list(executeur.map(travail, range(fils)))
    finally:
        app.close()
    toutes = [d for liste in durees for d in liste]
    return {
        "clients": fils,
        "n": len(toutes),
        "debit": len(toutes) / max(chrono.mur, 1e-9),
        "p50": centile(toutes, 0.5),
        "p95": centile(toutes, 0.95),
        "max": max(toutes, default=0.0),
        "erreurs": dict(erreurs),
        "cpu": chrono_en_dict(chrono),
    }


def env_nu(url: str, dossier: Path) -> dict[str, str]:
    """The recorder settings the app uses (pool, timeouts), on the same database for
    PostgreSQL; for SQLite, a file of its own next to the copy (the recorder's table name is
    fixed: it would otherwise share the app's event table)."""
    env = Configuration(url).env_evenements()
    if "SQLITE_DBNAME" in env:
        env["SQLITE_DBNAME"] = str(dossier / "banc-nu.sqlite3")
    return env


# --- A slow page next to a fast one ----------------------------------------------------------


async def repeter(
    navigateur: Navigateur,
    chemin: Callable[[], str],
    serie: Serie,
    fin: float,
    pas: float | None = None,
) -> None:
    """Request page after page until `fin`, timing each in `serie`: without pause, or one
    request every `pas` seconds (a slot missed while waiting for an answer is skipped)."""
    prochaine = time.monotonic()
    try:
        while time.monotonic() < fin:
            if pas is not None:
                await asyncio.sleep(max(0.0, prochaine - time.monotonic()))
                prochaine = max(prochaine + pas, time.monotonic())
                if prochaine - pas >= fin:
                    break
            try:
                reponse = await navigateur.get(chemin())
            except Panne as panne:
                serie.echec(cause(panne))
                continue
            if reponse.acceptee:
                serie.noter(reponse.secondes)
            else:
                serie.echec(cause(reponse))
    finally:
        await navigateur.fermer()


async def isoler(
    serveur: Serveur, donnees: Donnees, page_rapide: str, duree: float, graine: int
) -> dict[str, Any]:
    """The fast page's latency with `CLIENTS_RAPIDES` paced clients alone, then while 1 and 4
    other clients request the time-travel page of one council, at days drawn among all,
    without pause."""
    alea = random.Random(graine)

    def voyage() -> str:
        return f"/conseils/{CONSEIL_DU_VOYAGE}/historique?au={_jour(alea, donnees)}"

    phases = []
    for lents in (0, *CLIENTS_LENTS):
        rapide, lente = Serie(), Serie()
        fin = time.monotonic() + duree
        taches = [
            repeter(
                Navigateur(serveur.port, adresse_ip(i, 12)),
                lambda: page_rapide,
                rapide,
                fin,
                PAS_RAPIDE,
            )
            for i in range(CLIENTS_RAPIDES)
        ] + [
            repeter(Navigateur(serveur.port, adresse_ip(i, 13)), voyage, lente, fin)
            for i in range(lents)
        ]
        with Chrono(serveur) as chrono:
            await asyncio.gather(*taches)
        phases.append(
            {
                "lents": lents,
                "rapide": rapide.resume(),
                "lente": lente.resume(),
                "cpu": chrono_en_dict(chrono),
            }
        )
    return {"page_rapide": page_rapide, "clients_rapides": CLIENTS_RAPIDES, "phases": phases}


# --- 40 supports at once ---------------------------------------------------------------------

_NOMBRE_DE_SOUTIENS = re.compile(r'id="nombre-soutiens">(\d+)<')


async def compter_soutiens(port: int, proposition: str) -> int:
    navigateur = Navigateur(port, adresse_ip(1, 14))
    try:
        page = await navigateur.get(f"/budget-participatif/{proposition}")
    finally:
        await navigateur.fermer()
    trouve = _NOMBRE_DE_SOUTIENS.search(page.texte)
    return int(trouve.group(1)) if trouve else -1


async def soutenir_ensemble(
    gens: Sequence[Habitant], proposition: str, voulu: str
) -> tuple[int, list[Reponse | Panne]]:
    """Each person opens the proposal's page (as with it open in a tab), then all those whose
    page offers `voulu` ("oui" supports, "non" withdraws) press the button at the same moment.
    Returns how many pressed, and their answers."""
    action = f"/budget-participatif/{proposition}/soutien"

    async def ouvrir(h: Habitant) -> dict[str, str] | None:
        try:
            page = await h.navigateur.get(f"/budget-participatif/{proposition}")
        except Panne:
            return None
        forme = formulaires(page.texte).get(action)
        return forme if forme is not None and forme.get("soutien") == voulu else None

    formes = await asyncio.gather(*(ouvrir(h) for h in gens))
    depart = asyncio.Event()

    async def appuyer(h: Habitant, forme: dict[str, str]) -> Reponse | Panne:
        await depart.wait()
        try:
            return await h.navigateur.post(action, forme, htmx=True)
        except Panne as panne:
            return panne

    taches = [asyncio.create_task(appuyer(h, f)) for h, f in zip(gens, formes, strict=True) if f]
    await asyncio.sleep(0.05)
    depart.set()
    return len(taches), list(await asyncio.gather(*taches))


async def retirer_un_par_un(gens: Sequence[Habitant], proposition: str) -> None:
    """Those who support the proposal withdraw, one after the other (untimed): every round
    starts from nobody supporting it among them."""
    action = f"/budget-participatif/{proposition}/soutien"
    for h in gens:
        for _ in range(3):
            try:
                page = await h.navigateur.get(f"/budget-participatif/{proposition}")
                forme = formulaires(page.texte).get(action)
                if forme is None or forme.get("soutien") != "non":
                    break
                await h.navigateur.post(action, forme, htmx=True)
            except Panne:
                await asyncio.sleep(1)


def bilan_des_reponses(n: int, reponses: list[Reponse | Panne]) -> dict[str, Any]:
    durees = [r.secondes for r in reponses if isinstance(r, Reponse)]
    return {
        "n": n,
        "acceptes": sum(1 for r in reponses if isinstance(r, Reponse) and r.acceptee),
        "annonces_enregistres": sum(
            1
            for r in reponses
            if isinstance(r, Reponse) and r.statut == 503 and ENREGISTREE in r.texte
        ),
        "statuts": dict(Counter(cause(r) for r in reponses)),
        "p50": centile(durees, 0.5),
        "max": max(durees, default=0.0),
    }


async def quarante(serveur: Serveur, gens: Sequence[Habitant], proposition: str) -> dict[str, Any]:
    """40 residents support one proposal at once, then those who support it withdraw at once:
    every answer must be a success, and the count on the page must move by exactly 40 each
    time."""
    await retirer_un_par_un(gens, proposition)
    avant = await compter_soutiens(serveur.port, proposition)
    n, reponses = await soutenir_ensemble(gens, proposition, "oui")
    soutiens = bilan_des_reponses(n, reponses)
    apres = await compter_soutiens(serveur.port, proposition)
    n, reponses = await soutenir_ensemble(gens, proposition, "non")
    retraits = bilan_des_reponses(n, reponses)
    apres_retraits = await compter_soutiens(serveur.port, proposition)
    await retirer_un_par_un(gens, proposition)
    return {
        "proposition": proposition,
        "n": len(gens),
        "avant": avant,
        "soutiens": soutiens,
        "apres": apres,
        "retraits": retraits,
        "apres_retraits": apres_retraits,
    }


# --- One database ----------------------------------------------------------------------------

PARTIES = ("lecture", "ecriture", "isolation", "soutiens")


@dataclass
class Reglages:
    workers: list[int]
    clients: list[int]
    duree: float
    habitants: int
    parties: list[str]
    pannes: bool
    tuer_postgres: bool
    duree_pannes: float
    clients_pannes: int
    journaux: str | None = None
    graine: int = 7


def garder_le_journal(serveur: Serveur, r: Reglages, nom: str) -> None:
    """Copy the server's output to `--journaux`, if given (the work directory is deleted)."""
    if r.journaux:
        dossier = Path(r.journaux)
        dossier.mkdir(parents=True, exist_ok=True)
        shutil.copy(serveur.journal, dossier / f"{nom.lower()}-{serveur.journal.name}")


def decrire_demo(moteur: Any, donnees: Donnees) -> dict[str, Any]:
    """The demo load recorded in the database (`demo_chargements`) and the days it spans."""
    with moteur.connect() as cnx:
        graines = cnx.execute(select(chargements_demo.c.seed)).scalars().all()
    annees = round((donnees.dernier_jour - donnees.premier_jour).days / 365.25)
    graine = graines[0] if graines else None
    return {
        "graine": graine,
        "du": donnees.premier_jour.isoformat(),
        "au": (donnees.dernier_jour + timedelta(days=1)).isoformat(),
        "annees": annees,
        "commande": (
            f"participation-demo --years {annees} --seed {graine}" if graine is not None else "?"
        ),
    }


def _proposition_des_quarante(donnees: Donnees) -> str:
    """The most supported proposal open to support: where a crowd would gather."""
    return max(donnees.ouvertes, key=lambda p: (p.soutiens, p.proposition_id)).proposition_id


async def _brancher(gens: Sequence[Habitant], port: int) -> None:
    for h in gens:
        h.navigateur.port = port
        await h.navigateur.fermer()


def _ligne(texte: str) -> None:
    print(texte, flush=True)


def _resume_cellule(prefixe: str, cellule: dict[str, Any], unite: str) -> None:
    g = cellule["global"]
    _ligne(
        f"  {prefixe}: {cellule['debit']:.1f} {unite}/s, p50 {1000 * g['p50']:.0f} ms, "
        f"p95 {1000 * g['p95']:.0f} ms, max {1000 * g['max']:.0f} ms, "
        f"{g['erreurs']} error(s); server CPU {cellule['cpu']['serveur_cpu_pct']:.0f} %, "
        f"client CPU {cellule['cpu']['client_cpu_pct']:.0f} %"
    )


async def mesurer_base(
    nom: str, url: str, dossier: Path, r: Reglages, faits: dict[str, str]
) -> dict[str, Any]:
    moteur = creer_moteur(Configuration(url))
    try:
        donnees = decouvrir(moteur, r.graine)
        demo = decrire_demo(moteur, donnees)
    finally:
        moteur.dispose()
    _ligne(
        f"{nom}: {donnees.evenements:,} events, {len(donnees.propositions)} proposals "
        f"({len(donnees.ouvertes)} open to support), {len(donnees.residents)} residents"
    )
    resultat: dict[str, Any] = {
        "nom": nom,
        "evenements": donnees.evenements,
        "demo": demo,
        "faits": faits,
        "donnees": {
            "propositions": len(donnees.propositions),
            "ouvertes": len(donnees.ouvertes),
            "avis": len(donnees.avis),
            "seances": len(donnees.seances),
            "residents": len(donnees.residents),
        },
        "serveurs": [],
    }
    cle = secrets.token_urlsafe(32)
    ecrivains = habitants(donnees, r.habitants, 0)
    les_quarante = habitants(donnees, SOUTIENS_SIMULTANES, 0, decalage=r.habitants)
    lecteurs = habitants(donnees, max(r.clients) // 2 + 1, 0, decalage=r.habitants + 40)
    tous = ecrivains + les_quarante + lecteurs
    ecritures = Ecritures(ecrivains, graine=r.graine)
    commandes: list[Commande] = []
    connectes = False

    async def connecter_tout(serveur: Serveur) -> None:
        nonlocal connectes
        if connectes:
            return
        debut = time.monotonic()
        simultanes = 2 * serveur.workers + 2
        await par_lots([partial(connecter, h) for h in tous], simultanes)
        await par_lots([partial(rafraichir, h) for h in ecrivains], simultanes)
        resultat["connexions_s"] = round(time.monotonic() - debut, 1)
        _ligne(f"  {len(tous)} residents signed in, forms fetched: {resultat['connexions_s']} s")
        connectes = True

    for n in r.workers:
        serveur = Serveur(url, n, dossier, cle)
        debut = time.monotonic()
        serveur.demarrer()
        cellule: dict[str, Any] = {"workers": n, "demarrage_s": round(time.monotonic() - debut, 1)}
        _ligne(f" {nom}, {n} worker(s): started in {cellule['demarrage_s']} s")
        gens = visiteurs(max(r.clients), lecteurs, serveur.port)
        try:
            await _brancher(tous, serveur.port)
            await connecter_tout(serveur)
            await lire(serveur, donnees, gens[:2], min(5.0, r.duree), r.graine)  # warm-up
            if "lecture" in r.parties:
                cellule["lecture"] = []
                for c in r.clients:
                    lu = await lire(serveur, donnees, gens[:c], r.duree, r.graine + c)
                    cellule["lecture"].append(lu)
                    _resume_cellule(f"read, {c} client(s)", lu, "requests")
            if "ecriture" in r.parties:
                cellule["ecriture"] = []
                for c in r.clients:
                    # The bare library just before, on the same database and under the same
                    # conditions (the machine's load drifts; the server waits meanwhile).
                    brut = nu(env_nu(url, dossier), c, r.duree)
                    _ligne(
                        f"  bare eventsourcing, {c} thread(s): {brut['debit']:.1f} commands/s, "
                        f"p95 {1000 * brut['p95']:.1f} ms, CPU {brut['cpu']['client_cpu_pct']:.0f} %"
                    )
                    ecrit, faites = await ecrire(serveur, ecritures, c, r.duree)
                    ecrit["nu"] = brut
                    cellule["ecriture"].append(ecrit)
                    commandes += faites
                    _resume_cellule(f"write, {c} client(s)", ecrit, "commands")
            if "isolation" in r.parties:
                cellule["isolation"] = await isoler(
                    serveur, donnees, f"/conseils/{CONSEIL_DU_VOYAGE}", r.duree, r.graine
                )
                for phase in cellule["isolation"]["phases"]:
                    _ligne(
                        f"  fast page with {phase['lents']} time-travel client(s): p95 "
                        f"{1000 * phase['rapide']['p95']:.0f} ms"
                    )
            if "soutiens" in r.parties:
                cellule["soutiens"] = await quarante(
                    serveur, les_quarante, _proposition_des_quarante(donnees)
                )
                s = cellule["soutiens"]
                _ligne(
                    f"  {SOUTIENS_SIMULTANES} supports at once: {s['soutiens']['acceptes']} accepted, "
                    f"count {s['avant']} → {s['apres']} → {s['apres_retraits']}"
                )
        finally:
            for v in gens:
                await v.navigateur.fermer()
            serveur.arreter()
            cellule["journal"] = pannes.journal_du_serveur(serveur.texte_du_journal())
            garder_le_journal(serveur, r, nom)
        resultat["serveurs"].append(cellule)

    if commandes:
        resultat["coherence"] = pannes.comparer(url, commandes).en_dict()
    if r.pannes:
        postgres = (
            pannes.PostgresLocal.pour(url) if nom == "PostgreSQL" and r.tuer_postgres else None
        )
        resultat["pannes"] = await panne(
            url, dossier, cle, r, ecritures, tous, postgres, connecter_tout
        )
    return resultat


async def panne(
    url: str,
    dossier: Path,
    cle: str,
    r: Reglages,
    ecritures: Ecritures,
    tous: Sequence[Habitant],
    postgres: pannes.PostgresLocal | None,
    connecter_tout: Callable[[Serveur], Any],
) -> dict[str, Any]:
    n = max(2, *r.workers)
    serveur = Serveur(url, n, dossier, cle)
    serveur.demarrer()
    _ligne(f" fault run: {n} workers, {r.clients_pannes} clients, {r.duree_pannes:.0f} s")
    try:
        await _brancher(tous, serveur.port)
        await connecter_tout(serveur)
        commandes, perturbations, chrono = await pannes.executer(
            serveur, ecritures, r.clients_pannes, r.duree_pannes, postgres
        )
        a_jour = pannes.attendre_les_projections(serveur)
    finally:
        serveur.arreter()
        garder_le_journal(serveur, r, "pannes")
    journal = pannes.journal_du_serveur(serveur.texte_du_journal())
    _ligne("  participation audit verify, participation projections check…")
    audit = pannes.verification_cli(url, cle, "audit", "verify")
    projections = pannes.verification_cli(url, cle, "projections", "check")
    bilan = pannes.comparer(url, commandes).en_dict()
    accuses = sorted(c.finie for c in commandes if c.accusee)
    trous = [b - a for a, b in itertools.pairwise(accuses)]
    erreurs = fusion(s for nom, s in ecritures.series.items() if nom in NATURES)
    _ligne(
        f"  {bilan['accusees']} of {bilan['envoyees']} commands acknowledged; lost "
        f"{bilan['perdues']}, duplicated {bilan['doublons']}; audit verify: code "
        f"{audit['code']}, projections check: code {projections['code']}"
    )
    return {
        "workers": n,
        "clients": r.clients_pannes,
        "duree_s": r.duree_pannes,
        "postgres_arrete": postgres is not None,
        "faits": perturbations.faits,
        "redemarrage_worker_s": perturbations.redemarrage_worker_s,
        "coupure_postgres_s": perturbations.coupure_postgres_s,
        "plus_long_sans_accuse_s": round(max(trous, default=0.0), 2),
        "essais_max": max((c.essais for c in commandes), default=0),
        "commandes_reessayees": sum(c.essais > 1 for c in commandes),
        "reponses_en_echec": dict(erreurs.erreurs),
        "statuts_finaux": dict(Counter(c.cause for c in commandes if not c.accusee)),
        "projections_a_jour": a_jour,
        "journal": journal,
        "audit": audit,
        "projections": projections,
        "bilan": bilan,
        "cpu": chrono_en_dict(chrono),
    }


# --- The copies ------------------------------------------------------------------------------


@contextmanager
def copie_sqlite(base: Path, dossier: Path) -> Iterator[str]:
    """A consistent copy (SQLite's backup API, the source opened read-only)."""
    copie = dossier / "base.sqlite3"
    source = sqlite3.connect(f"file:{base.resolve()}?mode=ro", uri=True)
    cible = sqlite3.connect(copie)
    try:
        source.backup(cible)
    finally:
        cible.close()
        source.close()
    yield f"sqlite:///{copie}"


@contextmanager
def clone_postgres(url: str) -> Iterator[str]:
    """`CREATE DATABASE charge_<hex> TEMPLATE <the demo>`, dropped at the end (the demo
    database must have no other connection while it is copied)."""
    source = urlsplit(url).path.lstrip("/")
    nom = f"charge_{uuid.uuid4().hex[:10]}"
    administration = url_avec_base(url, "postgres")
    with psycopg.connect(administration, autocommit=True, connect_timeout=5) as cnx:
        cnx.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(nom), sql.Identifier(source)
            )
        )
    try:
        yield url_avec_base(url, nom)
    finally:
        with psycopg.connect(administration, autocommit=True, connect_timeout=30) as cnx:
            cnx.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(nom))
            )


def faits_sqlite(copie: Path) -> dict[str, str]:
    cnx = sqlite3.connect(copie)
    try:
        mode = cnx.execute("PRAGMA journal_mode").fetchone()[0]
        synchrone = cnx.execute("PRAGMA synchronous").fetchone()[0]
    finally:
        cnx.close()
    noms = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}
    return {
        "database file system": systeme_de_fichiers(copie.parent),
        "SQLite journal_mode / synchronous": f"{mode} / {noms.get(synchrone, synchrone)}",
        "database size": f"{copie.stat().st_size / 1024 / 1024:,.0f} MiB",
    }


def faits_pg(url: str) -> dict[str, str]:
    with psycopg.connect(url, autocommit=True, connect_timeout=5) as cnx:
        faits = faits_postgres(cnx)
        taille = cnx.execute("SELECT pg_database_size(current_database())").fetchone()
        faits["PostgreSQL max_connections"] = str(cnx.execute("SHOW max_connections").fetchone()[0])  # type: ignore[index]
    if taille:
        faits["database size"] = f"{taille[0] / 1024 / 1024:,.0f} MiB"
    return faits


# --- Report ----------------------------------------------------------------------------------


def ms(secondes: float) -> str:
    if secondes >= 10:
        return f"{secondes:.0f} s"
    if secondes >= 1:
        return f"{secondes:.1f} s"
    return f"{1000 * secondes:.0f} ms" if secondes >= 0.01 else f"{1000 * secondes:.1f} ms"


def duree_totale(secondes: float) -> str:
    if secondes >= 3600:
        return f"{int(secondes // 3600)} h {int(secondes % 3600 // 60):02d} min"
    if secondes >= 60:
        return f"{int(secondes // 60)} min {secondes % 60:02.0f} s"
    return f"{secondes:.0f} s"


def entier(n: float) -> str:
    return f"{n:,.0f}".replace(",", " ")


def debit(n: float) -> str:
    return f"{n:,.0f}".replace(",", " ") if n >= 100 else f"{n:.1f}"


def pluriel(n: float, mot: str) -> str:
    return f"{n:g} {mot}" + ("" if n == 1 else "s")


def pct(x: float) -> str:
    return f"{100 * x:.0f} %"


def erreurs_texte(erreurs: dict[str, int]) -> str:
    if not erreurs:
        return "0"
    return ", ".join(f"{n} × {c}" for c, n in sorted(erreurs.items(), key=lambda kv: -kv[1]))


def cpu_texte(cpu: dict[str, float]) -> str:
    return f"{cpu['serveur_cpu_pct']:.0f} % / {cpu['client_cpu_pct']:.0f} % / {cpu['machine_pct']:.0f} %"


def _cellules(base: dict[str, Any], partie: str) -> list[tuple[int, dict[str, Any]]]:
    return [(s["workers"], c) for s in base["serveurs"] for c in s.get(partie, [])]


def table_lecture(base: dict[str, Any]) -> str:
    lignes = [
        "| workers | clients | requests/s | p50 | p95 | max | errors | CPU server / client / machine |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for n, c in _cellules(base, "lecture"):
        g = c["global"]
        lignes.append(
            f"| {n} | {c['clients']} | {debit(c['debit'])} | {ms(g['p50'])} | {ms(g['p95'])} | "
            f"{ms(g['max'])} | {erreurs_texte(c['erreurs'])} | {cpu_texte(c['cpu'])} |"
        )
    return "\n".join(lignes)


def table_par_page(base: dict[str, Any], workers: int) -> str:
    cellules = [c for n, c in _cellules(base, "lecture") if n == workers]
    if not cellules:
        return ""
    entete = " | ".join(f"{c['clients']} client{'s' if c['clients'] > 1 else ''}" for c in cellules)
    lignes = [
        f"| page ({workers} worker{'s' if workers > 1 else ''}): p50 / p95 / max | {entete} |",
        "| --- | " + " | ".join("---:" for _ in cellules) + " |",
    ]
    noms = [p.nom for p in PAGES if any(p.nom in c["par_page"] for c in cellules)]
    for nom in [*noms, "signed in", "anonymous"]:
        valeurs = []
        for c in cellules:
            s = {"signed in": c["connectes"], "anonymous": c["anonymes"]}.get(nom) or c[
                "par_page"
            ].get(nom)
            if not s or not s["n"]:
                valeurs.append("–")
                continue
            erreur = f" ({s['erreurs']} err.)" if s["erreurs"] else ""
            valeurs.append(f"{ms(s['p50'])} / {ms(s['p95'])} / {ms(s['max'])}{erreur}")
        lignes.append(f"| {nom} | " + " | ".join(valeurs) + " |")
    return "\n".join(lignes)


def table_ecriture(base: dict[str, Any]) -> str:
    lignes = [
        "| workers | clients | commands/s | p50 | p95 | max | errors | 429 | bare library, commands/s | app ÷ bare | CPU server / client / machine |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |",
    ]
    for n, c in _cellules(base, "ecriture"):
        g, brut = c["global"], c.get("nu")
        ratio = f"{pct(c['debit'] / brut['debit'])}" if brut and brut["debit"] else "–"
        lignes.append(
            f"| {n} | {c['clients']} | {debit(c['debit'])} | {ms(g['p50'])} | {ms(g['p95'])} | "
            f"{ms(g['max'])} | {erreurs_texte(c['erreurs'])} | {c['limitees']} | "
            f"{debit(brut['debit']) if brut else '–'} | {ratio} | {cpu_texte(c['cpu'])} |"
        )
    return "\n".join(lignes)


def table_nu(base: dict[str, Any]) -> str:
    lignes = [
        "| measured before the cell of | threads | commands/s | p50 | p95 | max | errors | "
        "CPU (the benchmark's process) / machine |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for n, cellule in _cellules(base, "ecriture"):
        c = cellule.get("nu")
        if not c:
            continue
        lignes.append(
            f"| {pluriel(n, 'worker')}, {pluriel(cellule['clients'], 'client')} | {c['clients']} | "
            f"{debit(c['debit'])} | {ms(c['p50'])} | {ms(c['p95'])} | {ms(c['max'])} | "
            f"{erreurs_texte(c['erreurs'])} | {c['cpu']['client_cpu_pct']:.0f} % / "
            f"{c['cpu']['machine_pct']:.0f} % |"
        )
    return "\n".join(lignes)


def table_par_nature(base: dict[str, Any]) -> str:
    cellules = _cellules(base, "ecriture")
    if not cellules:
        return ""
    lignes = [
        "| workers | clients | " + " | ".join(NATURES) + " | form pages |",
        "| ---: | ---: | " + " | ".join("---:" for _ in NATURES) + " | ---: |",
    ]
    for n, c in cellules:
        valeurs = []
        for nature in NATURES:
            s = c["par_nature"].get(nature)
            valeurs.append(f"{s['n']}: {ms(s['p50'])} / {ms(s['p95'])}" if s and s["n"] else "–")
        p = c["pages"]
        valeurs.append(f"{p['n']}: {ms(p['p50'])} / {ms(p['p95'])}" if p["n"] else "–")
        lignes.append(f"| {n} | {c['clients']} | " + " | ".join(valeurs) + " |")
    return "\n".join(lignes)


def table_isolation(base: dict[str, Any]) -> str:
    lignes = [
        "| workers | time-travel clients | fast page p50 | fast page p95 | p95 ÷ alone | fast page requests | time-travel requests, p50 / p95 / max | CPU server / client / machine |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for s in base["serveurs"]:
        iso = s.get("isolation")
        if not iso:
            continue
        seule = iso["phases"][0]["rapide"]["p95"]
        for ph in iso["phases"]:
            r, lente = ph["rapide"], ph["lente"]
            facteur = f"{r['p95'] / seule:.2f}" if seule else "–"
            lent = (
                f"{lente['n']}: {ms(lente['p50'])} / {ms(lente['p95'])} / {ms(lente['max'])}"
                if lente["n"]
                else "–"
            )
            lignes.append(
                f"| {s['workers']} | {ph['lents']} | {ms(r['p50'])} | {ms(r['p95'])} | {facteur} | "
                f"{r['n']} | {lent} | {cpu_texte(ph['cpu'])} |"
            )
    return "\n".join(lignes)


def _pression(b: dict[str, Any]) -> str:
    annonces = (
        f" (+ {b['annonces_enregistres']} 503 saying recorded)" if b["annonces_enregistres"] else ""
    )
    return f"{b['acceptes']} / {b['n']}{annonces}"


def table_soutiens(base: dict[str, Any]) -> str:
    lignes = [
        "| workers | supports accepted | answers | count before → after | p50 / max | "
        "withdrawals accepted | answers | count after withdrawals | p50 / max |",
        "| ---: | ---: | --- | --- | --- | ---: | --- | ---: | --- |",
    ]
    for s in base["serveurs"]:
        q = s.get("soutiens")
        if not q:
            continue
        so, re_ = q["soutiens"], q["retraits"]
        lignes.append(
            f"| {s['workers']} | {_pression(so)} | {erreurs_texte(so['statuts'])} | "
            f"{q['avant']} → {q['apres']} | {ms(so['p50'])} / {ms(so['max'])} | "
            f"{_pression(re_)} | {erreurs_texte(re_['statuts'])} | {q['apres_retraits']} | "
            f"{ms(re_['p50'])} / {ms(re_['max'])} |"
        )
    return "\n".join(lignes)


def texte_pannes(base: dict[str, Any]) -> str:
    p = base.get("pannes")
    if not p:
        return "Not run (`--sans-pannes`)."
    b = p["bilan"]
    faits = "; ".join(f"at {t:.0f} s, {texte}" for t, texte in p["faits"])
    redemarrage = (
        f"{p['redemarrage_worker_s']:.1f} s" if p["redemarrage_worker_s"] is not None else "never"
    )
    lignes = [
        "| fact | value |",
        "| --- | --- |",
        f"| run | {p['workers']} workers, {p['clients']} clients, {p['duree_s']:.0f} s of write mix |",
        f"| what happened | {faits} |",
        f"| killed worker replaced after | {redemarrage} |",
    ]
    if p["postgres_arrete"]:
        lignes.append(f"| PostgreSQL down for | {p['coupure_postgres_s']:.1f} s |")
    lignes += [
        f"| longest time without any acknowledged command | {p['plus_long_sans_accuse_s']:.1f} s |",
        f"| commands sent / acknowledged | {b['envoyees']} / {b['accusees']} (of which {b['annoncees_enregistrees']} on a 503 page saying they were recorded) |",
        f"| commands sent again (same form, same key) | {p['commandes_reessayees']} (at most {p['essais_max']} attempts) |",
        f"| failed answers seen by the clients | {erreurs_texte(p['reponses_en_echec'])} |",
        f"| final status of the commands not acknowledged | {erreurs_texte(p['statuts_finaux'])} |",
        f"| **lost** (acknowledged, not in the log) | **{b['perdues']}** {'; '.join(b['exemples_perdues'])} |",
        f"| **duplicated** (recorded twice) | **{b['doublons']}** {'; '.join(b['exemples_doublons'])} |",
        f"| comments not acknowledged / recorded nonetheless | {b['commentaires_non_accuses']} / {b['enregistrees_sans_accuse']} |",
        f"| `{p['audit']['commande']}` | code {p['audit']['code']}: {p['audit']['sortie']} ({p['audit']['secondes']} s) |",
        f"| `{p['projections']['commande']}` | code {p['projections']['code']}: {p['projections']['sortie']} ({p['projections']['secondes']} s) |",
        f"| server log | {journal_texte(p['journal'])} |",
    ]
    return "\n".join(lignes)


def journal_texte(j: dict[str, int]) -> str:
    noms = {
        "erreurs": "tracebacks",
        "attente_ecrivain": "“Timed out waiting for return of writer”",
        "attente_semaphore": "“Timed out waiting for connection pool semaphore”",
        "base_verrouillee": "“database is locked”",
        "pool_postgres": "“couldn't get a connection after 3.00 sec”",
        "pool_sqlalchemy": "“QueuePool limit … reached”",
        "workers_morts": "workers died",
        "workers_sans_reponse": "workers not responding",
        "statuts_5xx": "5xx answers",
    }
    return ", ".join(f"{n} {noms.get(k, k)}" for k, n in j.items() if n) or "nothing abnormal"


# --- Goals and interpretation ----------------------------------------------------------------


def verdict_ratio(base: dict[str, Any]) -> tuple[bool | None, str]:
    """Whether the app's write rate is at least half the bare library's at 1, 4 and 16
    clients, for every number of workers; the worst case."""
    cas = []
    for n, c in _cellules(base, "ecriture"):
        brut = c.get("nu")
        if c["clients"] in CLIENTS_DE_L_OBJECTIF and brut and brut["debit"]:
            cas.append((c["debit"] / brut["debit"], n, c["clients"]))
    if not cas:
        return None, "not measured"
    pire = min(cas)
    manques = [x for x in cas if x[0] < OBJECTIF_RATIO]
    if not manques:
        return (
            True,
            f"met in all {len(cas)} cases (lowest: {pct(pire[0])}, {pluriel(pire[1], 'worker')}, {pluriel(pire[2], 'client')})",
        )
    return False, (
        f"missed in {len(manques)} of {len(cas)} cases; worst {pct(pire[0])} of the bare "
        f"rate ({pluriel(pire[1], 'worker')}, {pluriel(pire[2], 'client')}), "
        f"{pct(OBJECTIF_RATIO - pire[0])} points short"
    )


def verdict_isolation(base: dict[str, Any]) -> tuple[bool | None, str]:
    cas = []
    for s in base["serveurs"]:
        iso = s.get("isolation")
        if not iso or not iso["phases"][0]["rapide"]["p95"]:
            continue
        seule = iso["phases"][0]["rapide"]["p95"]
        for ph in iso["phases"][1:]:
            cas.append((ph["rapide"]["p95"] / seule, s["workers"], ph["lents"]))
    if not cas:
        return None, "not measured"
    pire = max(cas)
    manques = [x for x in cas if x[0] > TOLERANCE_ISOLATION]
    if not manques:
        return True, f"met (p95 at most × {pire[0]:.2f} of its value alone)"
    return False, (
        f"missed in {len(manques)} of {len(cas)} cases; worst: p95 × {pire[0]:.2f} "
        f"({pluriel(pire[1], 'worker')}, {pluriel(pire[2], 'time-travel client')}), tolerance × {TOLERANCE_ISOLATION}"
    )


def verdict_soutiens(base: dict[str, Any]) -> tuple[bool | None, str]:
    cas = [(s["workers"], s["soutiens"]) for s in base["serveurs"] if s.get("soutiens")]
    if not cas:
        return None, "not measured"
    rates = []
    for n, q in cas:
        so, re_ = q["soutiens"], q["retraits"]
        if (so["acceptes"], q["apres"] - q["avant"]) != (q["n"], q["n"]) or (
            re_["acceptes"],
            q["apres"] - q["apres_retraits"],
        ) != (q["n"], q["n"]):
            ecart = q["apres"] - q["avant"]
            rates.append(
                f"{pluriel(n, 'worker')}: {so['acceptes']} of {q['n']} supports accepted "
                f"({erreurs_texte(so['statuts'])}), the count moved by {ecart}; "
                f"{re_['acceptes']} of {re_['n']} withdrawals accepted"
            )
    if not rates:
        return True, (
            f"met ({len(cas)} × {SOUTIENS_SIMULTANES} supports then withdrawals, all accepted, "
            "counts exact)"
        )
    return False, "missed: " + "; ".join(rates)


def verdict_pannes(base: dict[str, Any]) -> tuple[bool | None, str]:
    p = base.get("pannes")
    if not p:
        return None, "not run"
    b = p["bilan"]
    sains = p["audit"]["code"] == 0 and p["projections"]["code"] == 0
    ok = b["perdues"] == 0 and b["doublons"] == 0 and sains
    detail = (
        f"{b['perdues']} lost, {b['doublons']} duplicated of {b['accusees']} acknowledged; "
        f"audit verify {'passes' if p['audit']['code'] == 0 else 'FAILS'}, projections check "
        f"{'passes' if p['projections']['code'] == 0 else 'FAILS'}"
    )
    return ok, detail


VERDICTS = (
    ("write rate ≥ 50 % of the bare library at 1, 4 and 16 clients", verdict_ratio),
    ("the fast page's p95 does not move under time-travel load", verdict_isolation),
    ("40 simultaneous supports all succeed", verdict_soutiens),
    ("faults: 0 lost, 0 duplicated", verdict_pannes),
)


def objectifs(resultats: dict[str, Any]) -> str:
    lignes = []
    for libelle, verdict in VERDICTS:
        for base in resultats["bases"]:
            ok, texte = verdict(base)
            marque = {True: "**met**", False: "**not met**", None: "not measured"}[ok]
            lignes.append(f"- {libelle}, {base['nom']}: {marque} — {texte}.")
    return "\n".join(lignes)


def _meilleure(cellules: list[tuple[int, dict[str, Any]]]) -> tuple[int, dict[str, Any]] | None:
    return max(cellules, key=lambda nc: nc[1]["debit"], default=None)


def _journaux(base: dict[str, Any]) -> Counter[str]:
    """The server logs' counts over every server of a database (fault run included)."""
    total: Counter[str] = Counter()
    for j in [s["journal"] for s in base["serveurs"]] + (
        [base["pannes"]["journal"]] if base.get("pannes") else []
    ):
        total.update(j)
    return total


CAUSE_SQLITE = (
    "These are timeouts of `eventsourcing`'s connection pool and SQLite's busy timeout, "
    "not a shortage of CPU. With SQLite the pool "
    "has one writer connection per process, and a single-permit semaphore in front of every "
    "connection request (`eventsourcing.persistence.ConnectionPool.get_connection`): a thread "
    "waiting for the writer holds it, so every read of the event store in that worker waits "
    "too. Meanwhile two catch-ups take SQLite's write lock through SQLAlchemy first and only "
    "then read the new events through that pool: the projector's batch "
    "(`projections/projecteur.py`, `Projecteur._un_lot`) and the hash chain's "
    "(`stockage/audit.py`, `Chaine._un_lot`, reached from every command's read-your-writes "
    "wait). A save that holds the writer connection then waits for SQLite's lock, held by "
    "the catch-up, which waits for the pool: nothing moves until the pool's 5 s timeout or "
    "SQLite's 10 s busy timeout breaks the cycle (stalls of 5 and 10 s, answered 503). "
    "Reading the batch before taking the lock (and checking the position under it) removes "
    "the cycle."
)
CAUSE_POSTGRES = (
    "With PostgreSQL the event store's pool (`POSTGRES_POOL_SIZE=5` connections per worker, "
    "each awaited at most `POSTGRES_CONNECT_TIMEOUT=3` s) runs dry through the same kind of "
    "cycle, around a row lock: a save holds its pool connection while, inside its insert "
    "transaction, it waits for the hash chain's row of `projection_positions` "
    "(`stockage/enregistreurs.py`); the chain's catch-up (`Chaine._un_lot`) holds that row "
    "through SQLAlchemy while it waits for a pool connection to read the new events. The 3 s "
    "timeout breaks it, and every request that needed the pool meanwhile (loading an "
    "aggregate or the signed-in account) is answered 503."
)


def _saturation(n: int, cpu: dict[str, float]) -> str:
    """What bounds a cell, from its CPU figures."""
    if n == 1 and cpu["serveur_cpu_pct"] >= 85:
        return "one worker runs its Python code on one core at a time"
    if cpu["machine_pct"] >= 85:
        return "the 2 cores are busy"
    return "neither the server nor the machine is saturated: the time goes in waiting"


def interpretation(resultats: dict[str, Any]) -> str:
    paragraphes = []
    for base in resultats["bases"]:
        nom = base["nom"]
        morceaux = []
        lecture = _cellules(base, "lecture")
        meilleure = _meilleure(lecture)
        if meilleure:
            n, c = meilleure
            moins = min(w for w, _ in lecture)
            reference = [x for w, x in lecture if w == moins and x["clients"] == c["clients"]]
            gain = (
                f", {c['debit'] / reference[0]['debit']:.1f} × the rate of "
                f"{pluriel(moins, 'worker')} at the same load"
                if reference and reference[0]["debit"] and n != moins
                else ""
            )
            erreurs = sum(x["global"]["erreurs"] for _, x in lecture)
            morceaux.append(
                f"**Reads.** At best {debit(c['debit'])} requests/s ({pluriel(n, 'worker')}, "
                f"{pluriel(c['clients'], 'client')}{gain}), the server using "
                f"{c['cpu']['serveur_cpu_pct']:.0f} % of one core and the machine "
                f"{c['cpu']['machine_pct']:.0f} % busy (the load generator itself "
                f"{c['cpu']['client_cpu_pct']:.0f} % of one core): "
                f"{_saturation(n, c['cpu'])}. {pluriel(erreurs, 'failed request')} over all "
                "read cells."
            )
            lents = [
                (x["par_page"]["time travel"]["p95"], w, x["clients"])
                for w, x in lecture
                if x["par_page"].get("time travel", {}).get("n")
            ]
            if lents:
                p95, w, cl = max(lents)
                morceaux.append(
                    f"The slowest kind is the time-travel page (p95 up to {ms(p95)}, "
                    f"{pluriel(w, 'worker')}, {pluriel(cl, 'client')}): it replays the "
                    "council's events up to the chosen day."
                )
        ecriture = _cellules(base, "ecriture")
        meilleure = _meilleure(ecriture)
        if meilleure:
            n, c = meilleure
            _, texte = verdict_ratio(base)
            limitees = sum(x["limitees"] for _, x in ecriture)
            erreurs = sum(x["global"]["erreurs"] for _, x in ecriture)
            bruts = [x["nu"]["debit"] for _, x in ecriture if x.get("nu")]
            nu_texte = (
                f" The bare library did {debit(min(bruts))} to {debit(max(bruts))} commands/s "
                "(one event per command in its own transaction, no HTTP, no session, no rate "
                "limit, no idempotency record, no read model to wait for); a command of the "
                "app also reads the signed-in account, counts the rate limit, reserves and "
                "then stores its idempotency key, saves with the hash chain, and waits for "
                "the read models before answering."
                if bruts
                else ""
            )
            morceaux.append(
                f"**Writes.** At best {debit(c['debit'])} commands/s ({pluriel(n, 'worker')}, "
                f"{pluriel(c['clients'], 'client')}); against the bare library: {texte}.{nu_texte} "
                f"{pluriel(erreurs, 'failed answer')} in the write cells, "
                f"{limitees} refused by a rate limit (429)."
            )
        coherence = base.get("coherence")
        if coherence:
            morceaux.append(
                f"All write cells together: {coherence['accusees']} acknowledged commands, "
                f"{coherence['perdues']} missing from the log, {coherence['doublons']} duplicated."
            )
        ok, texte = verdict_isolation(base)
        if ok is not None:
            pires = [
                (ph["rapide"]["p95"], s["workers"], ph)
                for s in base["serveurs"]
                if s.get("isolation")
                for ph in s["isolation"]["phases"][1:]
            ]
            _, w, ph = max(pires, key=lambda x: x[0])
            morceaux.append(
                f"**Slow page.** {texte[0].upper()}{texte[1:]}. In that case the machine was "
                f"{ph['cpu']['machine_pct']:.0f} % busy and the server used "
                f"{ph['cpu']['serveur_cpu_pct']:.0f} % of one core: the time-travel requests "
                "run off the event loop (`web/hors_boucle.py`), so they do not block the other "
                "requests, but they compete with them for the same 2 cores (and, within a "
                "worker, for Python's interpreter lock)."
            )
        ok, texte = verdict_soutiens(base)
        if ok is not None:
            conflits = sum(
                s["soutiens"]["soutiens"]["statuts"].get("409", 0)
                for s in base["serveurs"]
                if s.get("soutiens")
            )
            explication = (
                f" The {conflits} 409 answers are version conflicts left after the 20 attempts "
                "of `participation/concurrence.py`: their pauses (at most 2 ms × the attempt, "
                "under half a second in all) are shorter than the crowd takes to pass through "
                "the saves, one after the other."
                if conflits
                else ""
            )
            morceaux.append(f"**40 supports at once.** {texte[0].upper()}{texte[1:]}.{explication}")
        ok, texte = verdict_pannes(base)
        if ok is not None:
            p = base["pannes"]
            morceaux.append(
                f"**Faults.** {'Goal met' if ok else 'Goal missed'}: {texte}. The clients saw no "
                f"acknowledgement for at most {p['plus_long_sans_accuse_s']:.1f} s; "
                f"{p['commandes_reessayees']} commands were sent again with the same key."
            )
        journaux = _journaux(base)
        if journaux["attente_ecrivain"] or journaux["attente_semaphore"]:
            lente = max(ecriture, key=lambda nc: nc[1]["global"]["p95"], default=None)
            cpu = (
                f" (in the write cell with the worst p95, {pluriel(lente[0], 'worker')} and "
                f"{pluriel(lente[1]['clients'], 'client')}, the server used "
                f"{lente[1]['cpu']['serveur_cpu_pct']:.0f} % of one core)"
                if lente
                else ""
            )
            morceaux.append(
                f"**Why writes stall on {nom}.** The servers' logs hold "
                f"{journaux['attente_ecrivain']} “Timed out waiting for return of writer”, "
                f"{journaux['attente_semaphore']} “Timed out waiting for connection pool "
                f"semaphore” and {journaux['base_verrouillee']} “database is locked”{cpu}. "
                + CAUSE_SQLITE
            )
        if journaux["pool_postgres"]:
            morceaux.append(
                f"**Why some writes fail on {nom}.** The servers' logs hold "
                f"{journaux['pool_postgres']} “couldn't get a connection after 3.00 sec”. "
                + CAUSE_POSTGRES
            )
        paragraphes.append(f"#### {nom}\n\n" + "\n\n".join(morceaux))
    return "\n\n".join(paragraphes)


# --- The section -----------------------------------------------------------------------------


def table_machine(resultats: dict[str, Any]) -> str:
    faits = dict(resultats["machine"])
    for base in resultats["bases"]:
        for cle, valeur in base["faits"].items():
            faits[f"{base['nom']}: {cle}"] = valeur
    faits["load average (1 min) at start / end"] = (
        f"{resultats['charge_avant']:.2f} / {resultats['charge_apres']:.2f}"
    )
    return "| fact | value |\n| --- | --- |\n" + "\n".join(
        f"| {k} | {v} |" for k, v in faits.items()
    )


def table_donnees(resultats: dict[str, Any]) -> str:
    lignes = [
        "| database | events | demo | days | proposals (open to support) | avis | séances | residents |",
        "| --- | ---: | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for b in resultats["bases"]:
        d, demo = b["donnees"], b["demo"]
        lignes.append(
            f"| {b['nom']} | {entier(b['evenements'])} | `{demo['commande']}` | {demo['du']} → "
            f"{demo['au']} | {d['propositions']} ({d['ouvertes']}) | {d['avis']} | {d['seances']} | "
            f"{d['residents']} |"
        )
    return "\n".join(lignes)


def table_melange() -> str:
    total = sum(p.poids for p in PAGES)
    lignes = ["| page kind | share | path |", "| --- | ---: | --- |"]
    for p in PAGES:
        note = " (signed-in visitors only)" if p.connecte else ""
        lignes.append(f"| {p.nom} | {100 * p.poids / total:.0f} %{note} | `{p.exemple}` |")
    return "\n".join(lignes)


def section(resultats: dict[str, Any]) -> str:
    r = resultats["reglages"]
    quand = resultats["debut"][:16].replace("T", " ")
    parties = []
    for base in resultats["bases"]:
        morceaux = [f"#### {base['nom']}"]
        if _cellules(base, "lecture"):
            par_page = "\n\n".join(
                t for s in base["serveurs"] if (t := table_par_page(base, s["workers"]))
            )
            morceaux += [
                "**Read mix** (CPU: the server's processes and the load generator in % of one "
                "core, the machine in % of all cores):",
                table_lecture(base),
                f"<details><summary>Per page kind</summary>\n\n{par_page}\n\n</details>",
            ]
        if _cellules(base, "ecriture"):
            morceaux += [
                "**Write mix**, next to the bare library at the same concurrency:",
                table_ecriture(base),
                "Bare `eventsourcing` library (get + mutate + save of a trivial aggregate, threads):",
                table_nu(base),
                "<details><summary>Per command (count: p50 / p95)</summary>\n\n"
                f"{table_par_nature(base)}\n\n</details>",
            ]
        if any(s.get("isolation") for s in base["serveurs"]):
            morceaux += [
                f"**A fast page while others hammer the time-travel page** "
                f"(`/conseils/{CONSEIL_DU_VOYAGE}` by {CLIENTS_RAPIDES} clients, each once every "
                f"{PAS_RAPIDE:g} s; "
                f"`/conseils/{CONSEIL_DU_VOYAGE}/historique?au=…` at days drawn among all):",
                table_isolation(base),
            ]
        if any(s.get("soutiens") for s in base["serveurs"]):
            morceaux += [
                f"**{SOUTIENS_SIMULTANES} residents support one proposal at the same moment**, "
                "then withdraw at the same moment:",
                table_soutiens(base),
            ]
        morceaux += ["**Fault run**:", texte_pannes(base)]
        demarrages = ", ".join(
            f"{pluriel(s['workers'], 'worker')}: {s['demarrage_s']} s" for s in base["serveurs"]
        )
        journaux = "; ".join(
            f"{pluriel(s['workers'], 'worker')}: {journal_texte(s['journal'])}"
            for s in base["serveurs"]
        )
        morceaux.append(
            f"Server start-up (until every worker is up and ready): {demarrages}. Sign-in of "
            f"the {r['habitants'] + SOUTIENS_SIMULTANES + max(r['clients']) // 2 + 1} residents "
            f"and their forms: {base.get('connexions_s', '–')} s (before any timing). Server "
            f"logs: {journaux}."
        )
        parties.append("\n\n".join(morceaux))
    sautees = "".join(
        f"\n- **{nom} not measured**: the run failed ({raison[:300]})."
        for nom, raison in resultats.get("sautees", [])
    )
    total = sum(p.poids for p in PAGES)
    poids_ecriture = ", ".join(f"{n} {pct(p)}" for n, p in POIDS_ECRITURE.items())
    return f"""{TITRE}

Measured on {quand} UTC by `{resultats["commande"]}` ({duree_totale(resultats["secondes"])} in \
all). Re-run it to replace this section (`benchmarks.run` keeps it when it rewrites the page); \
`benchmarks/README.md` explains the options.

Goals (issue "Hold under load and faults"), in this run:

{objectifs(resultats)}{sautees}

### Machine

{table_machine(resultats)}

### Data

{table_donnees(resultats)}

The SQLite base is copied (SQLite's backup API) and the PostgreSQL database cloned \
(`CREATE DATABASE … TEMPLATE …`) before the run, and the copies deleted afterwards: the \
demo databases are left as they were. The counts are those of the copies before the run; \
the run itself adds the commands it sends.

### Method

- **Server**: `participation serve --workers N --port P` in a child process, N in \
{", ".join(map(str, r["workers"]))}, started afresh for each N (start-up not timed), with \
`PARTICIPATION_DATABASE_URL` (the copy), `PARTICIPATION_SECRET_KEY` (one random key for the \
run, so that sessions survive the restarts), `PARTICIPATION_PROXY_DE_CONFIANCE=1` and no other \
`PARTICIPATION_*` setting. Every simulated person sends its own `X-Forwarded-For` address, as \
people reach a site through a reverse proxy from addresses of their own: the per-address rate \
limits then count per person, at their default values; the per-account ones are unchanged and \
the write mix spreads its commands over {r["habitants"]} residents so as to stay under them \
(a 429 is counted apart). The scheduled jobs run as in production (projection poller every 2 s, \
the daily jobs' lease).
- **Clients**: one asyncio process (`benchmarks/banc_web.py`: HTTP/1.1 over asyncio streams, a \
keep-alive connection and a cookie jar per person, no HTTP library), on the same machine; \
closed loop, no pause between requests. Each cell lasts {r["duree"]:.0f} s; every request \
started in it is timed from sending to the last byte; the rate is the count over the time \
until the last answer. Errors: any answer other than 2xx/3xx, or none within 180 s. CPU: the \
server's processes and the load generator (`/proc`, % of one core), the whole machine \
(`/proc/stat`, % of all cores).
- **Read mix** ({", ".join(map(str, r["clients"]))} clients): every second client signed in as a \
demo resident (signed in before any timing; argon2 costs about 0.1 s per sign-in); a page kind \
drawn for each request with these weights (out of {total}):

{table_melange()}

- **Write mix** ({", ".join(map(str, r["clients"]))} clients): the clients take the \
{r["habitants"]} signed-in residents in turn (none has two commands in flight); each resident \
has one proposal open to support (the open proposals shared in turn) and that proposal's \
council. Commands drawn: {poids_ecriture}: *soutien* toggles the resident's support (sends \
the support form as the page shows it: support, or withdraw), *commentaire* posts a comment \
with a unique token, *adhesion* joins or leaves the council's open assembly. Each is sent as \
htmx sends it (`HX-Request: true`), with the form's hidden fields: the session's CSRF token and \
the idempotency key rendered into the form (`cle_d_idempotence()`, new at each rendering). The \
key comes from the page or fragment the server last returned: the support and assembly boxes \
come back with their next form (a new key), a comment answers `HX-Redirect` and the client \
then loads the page, as htmx does (timed apart, "form pages"). Every command therefore uses a \
new key. The forms were fetched once, before any timing. The command rate counts 2xx/3xx \
answers.
- **Bare library**, on the same database (PostgreSQL: the same clone, table `bancnu_events`; \
SQLite: a file of its own in the same directory, since the recorder's table name is fixed), \
with the app's recorder settings: a minimal `eventsourcing` application, `threads` threads \
each doing `repository.get` + one event + `save` on {AGREGATS_PAR_FIL} aggregates of its own \
in turn, for the same duration; *app ÷ bare* compares the rates at the same number of \
clients and threads. The goal: at least {pct(OBJECTIF_RATIO)} at \
{", ".join(map(str, CLIENTS_DE_L_OBJECTIF))} clients.
- **Slow page**: {CLIENTS_RAPIDES} clients request the council page \
`/conseils/{CONSEIL_DU_VOYAGE}`, each once every {PAS_RAPIDE:g} s (a light probe, \
{CLIENTS_RAPIDES / PAS_RAPIDE:g} requests/s in all), alone, then while \
{" and ".join(map(str, CLIENTS_LENTS))} more clients request \
`/conseils/{CONSEIL_DU_VOYAGE}/historique?au=…` at days drawn among all, without pause; "does \
not move" is read as a p95 within × {TOLERANCE_ISOLATION} of its value alone.
- **{SOUTIENS_SIMULTANES} supports**: {SOUTIENS_SIMULTANES} other signed-in residents open the \
page of the most supported open proposal, then all send the support form at the same moment \
(htmx); then all withdraw the same way. Every answer must be 2xx and the count on the page \
must move by exactly {SOUTIENS_SIMULTANES}.
- **Fault run** (`benchmarks/pannes.py`): the write mix at {r["clients_pannes"]} clients for \
{r["duree_pannes"]:.0f} s on max(2, N) workers; at a quarter of it one worker is killed with \
`kill -9`{"" if not r["tuer_postgres"] else ", and at half of it (PostgreSQL only, `--tuer-postgres`) the PostgreSQL server is stopped with `pg_ctlcluster … stop -m immediate` (crash recovery at restart) and started again 8 s later"}. \
A command without an answer, or with a 5xx, is sent again with the same form (same \
idempotency key) for up to 90 s, as a person presses the button again. Afterwards (server \
stopped): `participation audit verify`, `participation projections check`, and every \
acknowledged command (2xx/3xx, or the 503 page saying it was recorded) compared with the \
events of its aggregate: a comment by its token (absent: lost; twice: duplicated); a support or \
membership by the state the log gives at the moment the answer came back (another state: \
lost; two events in a row setting the same state: duplicated).

### Figures

{chr(10).join(chr(10) + p + chr(10) for p in parties).strip()}

### Interpretation

{interpretation(resultats)}
"""


# --- Entry point -----------------------------------------------------------------------------


def liste_d_entiers(texte: str) -> list[int]:
    valeurs = [int(x) for x in texte.split(",") if x.strip()]
    if not valeurs or min(valeurs) < 1:
        raise argparse.ArgumentTypeError(f"positive integers separated by commas: {texte!r}")
    return valeurs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.charge",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--base", type=Path, metavar="PATH", help="SQLite demo database (copied)")
    parser.add_argument(
        "--postgres-url", metavar="URL", help="PostgreSQL database holding a demo (cloned)"
    )
    parser.add_argument("--workers", type=liste_d_entiers, default=[1, 2, 4], metavar="1,2,4")
    parser.add_argument(
        "--clients", type=liste_d_entiers, default=[1, 4, 16, 50], metavar="1,4,16,50"
    )
    parser.add_argument(
        "--duree", type=float, default=30.0, metavar="S", help="seconds per cell (30)"
    )
    parser.add_argument(
        "--habitants", type=int, default=300, metavar="R", help="residents of the write mix (300)"
    )
    parser.add_argument(
        "--parties",
        default=",".join(PARTIES),
        metavar="LIST",
        help=f"what to measure, among {','.join(PARTIES)} (default: all)",
    )
    parser.add_argument("--sans-pannes", action="store_true", help="skip the fault run")
    parser.add_argument(
        "--tuer-postgres",
        action="store_true",
        help="in the fault run, stop and restart the local PostgreSQL server (shared: only "
        "when nobody else needs it)",
    )
    parser.add_argument("--duree-pannes", type=float, default=60.0, metavar="S")
    parser.add_argument("--clients-pannes", type=int, default=16, metavar="C")
    parser.add_argument(
        "--output",
        type=Path,
        default=SORTIE_PAR_DEFAUT,
        metavar="PATH",
        help="Markdown file whose section 'Charge et pannes' is written (default docs/performance.md)",
    )
    parser.add_argument(
        "--journaux", metavar="DIR", help="copy the servers' output (logs) into this directory"
    )
    parser.add_argument(
        "--json", type=Path, metavar="PATH", help="also write the raw figures there"
    )
    parser.add_argument(
        "--depuis-json",
        type=Path,
        metavar="PATH",
        help="only write the section from figures saved by --json",
    )
    args = parser.parse_args(argv)
    if args.depuis_json:
        ecrire_section(args.output, TITRE, section(json.loads(args.depuis_json.read_text())))
        print(f"Written to {args.output}")
        return 0
    if not args.base and not args.postgres_url:
        parser.error("give --base (SQLite), --postgres-url (PostgreSQL), or both")
    if args.base and not args.base.exists():
        parser.error(f"{args.base} does not exist")
    parties = [p for p in args.parties.split(",") if p]
    if set(parties) - set(PARTIES):
        parser.error(f"--parties: among {','.join(PARTIES)}")
    reglages = Reglages(
        args.workers,
        args.clients,
        args.duree,
        args.habitants,
        parties,
        not args.sans_pannes,
        args.tuer_postgres,
        args.duree_pannes,
        args.clients_pannes,
        args.journaux,
    )
    options = " ".join(argv if argv is not None else sys.argv[1:])
    resultats: dict[str, Any] = {
        "commande": f".venv/bin/python -m benchmarks.charge {options}".rstrip(),
        "debut": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": faits_machine(),
        "reglages": asdict(reglages),
        "charge_avant": os.getloadavg()[0],
        "bases": [],
        "sautees": [],
    }
    debut = perf_counter()
    parent = args.base.resolve().parent if args.base else None
    with tempfile.TemporaryDirectory(prefix="charge-", dir=parent) as temporaire:
        dossier = Path(temporaire)
        if args.base:
            try:
                with copie_sqlite(args.base, dossier) as url:
                    faits = faits_sqlite(dossier / "base.sqlite3")
                    resultats["bases"].append(
                        asyncio.run(mesurer_base("SQLite", url, dossier, reglages, faits))
                    )
            except Exception as erreur:  # the other database is still measured
                traceback.print_exc()
                resultats["sautees"].append(["SQLite", f"{type(erreur).__name__}: {erreur}"])
        if args.postgres_url:
            try:
                with clone_postgres(args.postgres_url) as url:
                    faits = faits_pg(url)
                    resultats["bases"].append(
                        asyncio.run(mesurer_base("PostgreSQL", url, dossier, reglages, faits))
                    )
            except Exception as erreur:
                traceback.print_exc()
                resultats["sautees"].append(["PostgreSQL", f"{type(erreur).__name__}: {erreur}"])
        resultats["secondes"] = perf_counter() - debut
        resultats["charge_apres"] = os.getloadavg()[0]
        if args.json:
            args.json.write_text(json.dumps(resultats, indent=1, default=str) + "\n")
        ecrire_section(args.output, TITRE, section(resultats))
    print(f"Written to {args.output} ({duree_totale(resultats['secondes'])})")
    return 1 if resultats["sautees"] else 0


if __name__ == "__main__":
    sys.exit(main())
