"""The fault run: the write mix goes on while one web worker is killed (`kill -9`) and, with
`--tuer-postgres`, while the PostgreSQL server is stopped in immediate mode (as by a crash) and
started again; then `participation audit verify`, `participation projections check`, and every
command the clients saw acknowledged compared with the event log: lost (acknowledged, absent)
and duplicated (recorded twice). Run by `benchmarks.charge` (see `benchmarks/README.md`)."""

import asyncio
import itertools
import os
import re
import signal
import subprocess
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from benchmarks.banc_web import Chrono, Serveur, commande_cli, environnement
from benchmarks.ecritures import Commande, Ecritures
from domaine.assemblee import Adhesion, id_adhesion
from domaine.budget import PropositionBP
from lancement.plateforme import Plateforme
from stockage.configuration import Configuration

JETON = re.compile(r"Banc d'essai ([0-9a-f]{32})")
ETATS = {"soutien": True, "retrait": False, "adhesion": True, "depart": False}
"""The state a toggle command leaves: supporting the proposal, member of the assembly."""


# --- Acknowledged commands against the log ---------------------------------------------------


@dataclass
class Bilan:
    """Acknowledged commands compared with the event log."""

    envoyees: int = 0
    accusees: int = 0  # 2xx/3xx, or a 503 page saying it was recorded
    annoncees_enregistrees: int = 0  # of which: the 503 page saying so
    perdues: list[str] = field(default_factory=list)  # acknowledged, absent from the log
    doublons: list[str] = field(default_factory=list)  # recorded twice
    enregistrees_sans_accuse: int = 0  # comments recorded though the client saw a failure
    commentaires_non_accuses: int = 0
    par_nature: dict[str, dict[str, int]] = field(default_factory=dict)

    def en_dict(self) -> dict[str, Any]:
        return {
            "envoyees": self.envoyees,
            "accusees": self.accusees,
            "annoncees_enregistrees": self.annoncees_enregistrees,
            "perdues": len(self.perdues),
            "exemples_perdues": self.perdues[:5],
            "doublons": len(self.doublons),
            "exemples_doublons": self.doublons[:5],
            "enregistrees_sans_accuse": self.enregistrees_sans_accuse,
            "commentaires_non_accuses": self.commentaires_non_accuses,
            "par_nature": self.par_nature,
        }


def _instant(horodatage: float) -> datetime:
    return datetime.fromtimestamp(horodatage, UTC)


Historiques = dict[tuple[str, str], list[tuple[datetime, bool]]]
"""(person, proposal or arrondissement) → the states the log sets, in order: (when, state)."""


def comparer(url: str, commandes: Sequence[Commande]) -> Bilan:
    """Every acknowledged command against the events of the aggregates it acts on (read from
    the database at `url`; see `bilan`)."""
    jetons, historiques = lire_le_journal(url, commandes)
    return bilan(commandes, jetons, historiques)


def lire_le_journal(url: str, commandes: Sequence[Commande]) -> tuple[Counter[str], Historiques]:
    """The comments' tokens found in the log (with their counts) and the history of every
    support and membership the commands touched."""
    propositions = {c.cible for c in commandes if c.nature in ("soutien", "retrait", "commentaire")}
    adhesions = {
        (int(c.cible), c.personne_id) for c in commandes if c.nature in ("adhesion", "depart")
    }
    jetons: Counter[str] = Counter()
    historiques: Historiques = defaultdict(list)
    plateforme = Plateforme(Configuration(url))
    try:
        evenements = plateforme.registre.events
        for proposition in propositions:
            for e in evenements.get(UUID(proposition)):
                if isinstance(e, PropositionBP.Commentee):
                    jetons.update(JETON.findall(e.texte))
                elif isinstance(e, PropositionBP.Soutenue | PropositionBP.SoutienRetire):
                    historiques[(str(e.personne_id), proposition)].append(
                        (e.timestamp, isinstance(e, PropositionBP.Soutenue))
                    )
        for arrondissement, personne in adhesions:
            for e in evenements.get(id_adhesion(arrondissement, UUID(personne))):
                if isinstance(e, Adhesion.Entree | Adhesion.Retour | Adhesion.Sortie):
                    historiques[(personne, str(arrondissement))].append(
                        (e.timestamp, not isinstance(e, Adhesion.Sortie))
                    )
    finally:
        plateforme.fermer()
    return jetons, historiques


def bilan(commandes: Sequence[Commande], jetons: Counter[str], historiques: Historiques) -> Bilan:
    """Lost and duplicated commands.

    - A comment carries a unique token: acknowledged and absent is lost; present twice (in
      any comment) is duplicated.
    - Supports and memberships are toggles that the domain makes idempotent (a second
      support is no event): an acknowledged one is lost if the state the log gives at the
      moment the client got its answer is not the one it asked for (the client's commands on
      one pair follow each other, so no later command can have changed it yet); two events
      in a row that set the same state would be duplicates.
    """
    resultat = Bilan(envoyees=len(commandes))
    natures: dict[str, Counter[str]] = defaultdict(Counter)
    for c in commandes:
        natures[c.nature]["envoyees"] += 1
        natures[c.nature]["accusees"] += c.accusee
    resultat.par_nature = {n: dict(v) for n, v in natures.items()}
    resultat.accusees = sum(c.accusee for c in commandes)
    resultat.annoncees_enregistrees = sum(c.annoncee_enregistree for c in commandes)
    resultat.doublons += [f"comment {j} recorded {n} times" for j, n in jetons.items() if n > 1]
    for paire, historique in historiques.items():
        etats = [etat for _, etat in historique]
        for avant, apres in itertools.pairwise(etats):
            if avant == apres:
                resultat.doublons.append(f"{paire}: the same state recorded twice in a row")
    for c in commandes:
        if c.nature == "commentaire":
            if c.accusee and jetons[c.jeton] == 0:
                resultat.perdues.append(f"comment {c.jeton} by {c.personne_id}")
            if not c.accusee:
                resultat.commentaires_non_accuses += 1
                resultat.enregistrees_sans_accuse += jetons[c.jeton] > 0
            continue
        if not c.accusee:
            continue
        fin = _instant(c.finie)
        connus = [
            etat for quand, etat in historiques.get((c.personne_id, c.cible), []) if quand <= fin
        ]
        etat = connus[-1] if connus else False
        if etat != ETATS[c.nature]:
            resultat.perdues.append(f"{c.nature} of {c.personne_id} on {c.cible} at {fin:%H:%M:%S}")
    return resultat


# --- Faults ----------------------------------------------------------------------------------


@dataclass
class PostgresLocal:
    """The local PostgreSQL cluster serving the URL's port, stopped and started with
    `pg_ctlcluster` (Debian's postgresql-common): stopped in immediate mode, it restarts with
    crash recovery, as after a crash."""

    version: str
    nom: str

    @classmethod
    def pour(cls, url: str) -> "PostgresLocal":
        port = str(urlsplit(url).port or 5432)
        sortie = subprocess.run(
            ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
        ).stdout
        for ligne in sortie.splitlines():
            champs = ligne.split()
            if len(champs) >= 3 and champs[2] == port:
                return cls(champs[0], champs[1])
        raise RuntimeError(f"no local PostgreSQL cluster on port {port} (pg_lsclusters)")

    def _ctl(self, *action: str) -> None:
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.nom, *action],
            check=True,
            capture_output=True,
        )

    def en_ligne(self) -> bool:
        sortie = subprocess.run(
            ["pg_lsclusters", "--no-header", self.version, self.nom],
            capture_output=True,
            text=True,
        ).stdout
        return "online" in sortie

    def arreter(self) -> None:
        self._ctl("stop", "-m", "immediate")

    def demarrer(self) -> None:
        if not self.en_ligne():
            self._ctl("start")


@dataclass
class Perturbations:
    """What the fault run did and saw, in seconds since its start."""

    faits: list[tuple[float, str]] = field(default_factory=list)
    redemarrage_worker_s: float | None = None
    coupure_postgres_s: float | None = None

    def noter(self, debut: float, texte: str) -> None:
        self.faits.append((round(time.monotonic() - debut, 2), texte))
        print(f"    [{time.monotonic() - debut:6.1f} s] {texte}", flush=True)


async def perturber(
    serveur: Serveur,
    debut: float,
    duree: float,
    perturbations: Perturbations,
    postgres: PostgresLocal | None,
    pause_postgres_s: float,
) -> None:
    await asyncio.sleep(duree * 0.25)
    victimes = serveur.workers_pids()
    demarrages = serveur.demarrages()
    victime = victimes[0]
    os.kill(victime, signal.SIGKILL)
    tue = time.monotonic()
    perturbations.noter(debut, f"kill -9 of worker {victime} (workers: {victimes})")
    while time.monotonic() - tue < 120:
        await asyncio.sleep(0.2)
        pids = serveur.workers_pids()
        if (
            victime not in pids
            and len(pids) == serveur.workers
            and serveur.demarrages() > demarrages
        ):
            perturbations.redemarrage_worker_s = time.monotonic() - tue
            perturbations.noter(debut, f"a new worker is serving (workers: {pids})")
            break
    else:
        perturbations.noter(debut, "no new worker within 120 s")
    if postgres is None:
        return
    await asyncio.sleep(max(0.0, debut + duree * 0.5 - time.monotonic()))
    coupure = time.monotonic()
    try:
        await asyncio.to_thread(postgres.arreter)
        perturbations.noter(debut, "PostgreSQL stopped (pg_ctlcluster stop -m immediate)")
        await asyncio.sleep(pause_postgres_s)
    finally:
        await asyncio.to_thread(postgres.demarrer)
    perturbations.coupure_postgres_s = time.monotonic() - coupure
    perturbations.noter(debut, "PostgreSQL started again")


def verification_cli(url: str, cle: str, *commande: str) -> dict[str, Any]:
    debut = time.monotonic()
    resultat = subprocess.run(
        commande_cli(*commande), env=environnement(url, cle), capture_output=True, text=True
    )
    sortie = (resultat.stdout + resultat.stderr).strip().splitlines()
    return {
        "commande": "participation " + " ".join(commande),
        "code": resultat.returncode,
        "sortie": " / ".join(sortie[-3:])[:500],
        "secondes": round(time.monotonic() - debut, 1),
    }


def attendre_les_projections(serveur: Serveur, delai_s: float = 300) -> bool:
    fin = time.monotonic() + delai_s
    while time.monotonic() < fin:
        if serveur._pret():
            return True
        time.sleep(1)
    return False


async def executer(
    serveur: Serveur,
    ecritures: Ecritures,
    clients: int,
    duree: float,
    postgres: PostgresLocal | None,
    pause_postgres_s: float = 8.0,
) -> tuple[list[Commande], Perturbations, Chrono]:
    """The write mix, retried as a person would (same form, same key), with the faults."""
    ecritures.reinitialiser()
    ecritures.reessayer = True
    perturbations = Perturbations()
    debut = time.monotonic()
    try:
        with Chrono(serveur) as chrono:
            await asyncio.gather(
                perturber(serveur, debut, duree, perturbations, postgres, pause_postgres_s),
                *(ecritures.client(debut + duree) for _ in range(clients)),
            )
    finally:
        ecritures.reessayer = False
        if postgres is not None:
            postgres.demarrer()
    return list(ecritures.commandes), perturbations, chrono


def journal_du_serveur(texte: str) -> dict[str, int]:
    """What the server's output says about errors and restarts."""
    return {
        "erreurs": texte.count("Traceback (most recent call last)"),
        "attente_ecrivain": texte.count("Timed out waiting for return of writer"),
        "attente_semaphore": texte.count("Timed out waiting for connection pool semaphore"),
        "base_verrouillee": texte.count("database is locked"),
        "pool_postgres": texte.count("couldn't get a connection after"),
        "pool_sqlalchemy": texte.count("QueuePool limit of size"),
        "workers_morts": len(re.findall(r"Child process \[\d+\] died", texte)),
        "workers_sans_reponse": texte.count("not responding"),
        "statuts_5xx": len(re.findall(r'" 5\d\d ', texte)),
    }


def resume_faits(faits: Sequence[tuple[float, str]]) -> str:
    return "; ".join(f"{t:.1f} s: {texte}" for t, texte in faits)
