"""What the load and fault benchmarks (`benchmarks.charge`, `benchmarks.pannes`) share: a small
HTTP/1.1 client (one keep-alive connection and one cookie jar per simulated person), the server
under test started as `participation serve` in a child process, the processes' CPU time, and
latency statistics.

The client is deliberately minimal (asyncio streams, no HTTP library): on a 2-core machine the
load generator competes with the server for the CPU, and the less it uses the better; the
benchmarks report what it used."""

import asyncio
import contextlib
import html
import math
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter
from urllib.parse import urlencode

RACINE = Path(__file__).resolve().parents[1]
HOTE = "127.0.0.1"
DELAI_REQUETE_S = 180.0
"""A request that takes longer is counted as failed (a time-travel page on a 10-year log under
50 clients may take tens of seconds: longer than any person would wait)."""
INACTIVITE_MAX_S = 3.0
"""uvicorn closes a keep-alive connection idle for 5 s: a connection idle for longer than this
is replaced before use, so a request is never sent on a connection the server is closing."""


# --- The HTTP client -------------------------------------------------------------------------


class Panne(Exception):
    """No HTTP answer: connection refused or reset, or no answer within the delay."""


@dataclass(frozen=True)
class Reponse:
    statut: int
    entetes: dict[str, str]
    corps: bytes
    secondes: float

    @property
    def texte(self) -> str:
        return self.corps.decode("utf-8", "replace")

    @property
    def acceptee(self) -> bool:
        """2xx or 3xx: what a person sees as done."""
        return 200 <= self.statut < 400


class Navigateur:
    """One person's browser: one keep-alive connection to the server, its cookies, and the
    address it comes from (sent as `X-Forwarded-For`, which the server under test trusts:
    `PARTICIPATION_PROXY_DE_CONFIANCE=1`, as behind a reverse proxy)."""

    def __init__(self, port: int, adresse: str, delai_s: float = DELAI_REQUETE_S) -> None:
        self.port = port
        self.adresse = adresse
        self.delai_s = delai_s
        self.cookies: dict[str, str] = {}
        self._lecteur: asyncio.StreamReader | None = None
        self._ecrivain: asyncio.StreamWriter | None = None
        self._dernier_usage = 0.0

    async def get(self, chemin: str, htmx: bool = False) -> Reponse:
        return await self.requete("GET", chemin, None, htmx)

    async def post(self, chemin: str, champs: Mapping[str, str], htmx: bool = False) -> Reponse:
        return await self.requete("POST", chemin, urlencode(champs).encode(), htmx)

    async def requete(
        self, methode: str, chemin: str, corps: bytes | None, htmx: bool = False
    ) -> Reponse:
        entetes = [
            f"{methode} {chemin} HTTP/1.1",
            f"Host: {HOTE}:{self.port}",
            f"X-Forwarded-For: {self.adresse}",
            "Accept: text/html",
        ]
        if self.cookies:
            entetes.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if htmx:
            entetes.append("HX-Request: true")
        if corps is not None:
            entetes += [
                "Content-Type: application/x-www-form-urlencoded",
                f"Content-Length: {len(corps)}",
            ]
        message = ("\r\n".join(entetes) + "\r\n\r\n").encode("latin-1") + (corps or b"")
        debut = perf_counter()
        for essai in (1, 2):
            reutilisee = self._ecrivain is not None
            try:
                async with asyncio.timeout(self.delai_s):
                    await self._connecter()
                    assert self._ecrivain is not None
                    self._ecrivain.write(message)
                    await self._ecrivain.drain()
                    statut, recus, contenu = await self._lire()
                break
            except (OSError, asyncio.IncompleteReadError, ValueError) as erreur:
                await self.fermer()
                # A GET on a reused connection the server had just closed is sent again, as
                # browsers do; anything else is a failure the caller sees.
                if essai == 1 and reutilisee and methode == "GET":
                    continue
                raise Panne(f"{type(erreur).__name__}: {erreur}") from None
            except TimeoutError:
                await self.fermer()
                raise Panne(f"no answer within {self.delai_s:.0f} s") from None
        secondes = perf_counter() - debut
        self._dernier_usage = time.monotonic()
        return Reponse(statut, recus, contenu, secondes)

    async def _connecter(self) -> None:
        if self._ecrivain is not None and (
            time.monotonic() - self._dernier_usage > INACTIVITE_MAX_S or self._ecrivain.is_closing()
        ):
            await self.fermer()
        if self._ecrivain is None:
            self._lecteur, self._ecrivain = await asyncio.open_connection(
                HOTE, self.port, limit=1 << 20
            )

    async def _lire(self) -> tuple[int, dict[str, str], bytes]:
        assert self._lecteur is not None
        tete = await self._lecteur.readuntil(b"\r\n\r\n")
        lignes = tete.decode("latin-1").split("\r\n")
        statut = int(lignes[0].split(" ", 2)[1])
        entetes: dict[str, str] = {}
        for ligne in lignes[1:]:
            if not ligne:
                continue
            nom, _, valeur = ligne.partition(":")
            nom, valeur = nom.strip().lower(), valeur.strip()
            if nom == "set-cookie":
                self._garder_cookie(valeur)
            entetes[nom] = valeur
        if statut in (204, 304) or 100 <= statut < 200:
            corps = b""
        elif "content-length" in entetes:
            corps = await self._lecteur.readexactly(int(entetes["content-length"]))
        elif entetes.get("transfer-encoding", "").lower() == "chunked":
            morceaux = []
            while True:
                taille = int((await self._lecteur.readuntil(b"\r\n")).split(b";")[0], 16)
                if taille == 0:
                    await self._lecteur.readuntil(b"\r\n")
                    break
                morceaux.append(await self._lecteur.readexactly(taille))
                await self._lecteur.readexactly(2)
            corps = b"".join(morceaux)
        else:
            corps = await self._lecteur.read()
            entetes["connection"] = "close"
        if entetes.get("connection", "").lower() == "close":
            await self.fermer()
        return statut, entetes, corps

    def _garder_cookie(self, valeur: str) -> None:
        nom, _, reste = valeur.partition("=")
        contenu = reste.split(";", 1)[0]
        if contenu in ("", "null") or "1970" in reste:
            self.cookies.pop(nom, None)
        else:
            self.cookies[nom] = contenu

    async def fermer(self) -> None:
        ecrivain, self._ecrivain, self._lecteur = self._ecrivain, None, None
        if ecrivain is not None:
            ecrivain.close()
            with contextlib.suppress(OSError, asyncio.IncompleteReadError):
                await ecrivain.wait_closed()


# --- Pages and forms -------------------------------------------------------------------------

_FORMULAIRE = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
_ACTION = re.compile(r'\baction="([^"]*)"')
_CACHE = re.compile(r'<input\b[^>]*\btype="hidden"[^>]*>')
_NOM = re.compile(r'\bname="([^"]*)"')
_VALEUR = re.compile(r'\bvalue="([^"]*)"')


def formulaires(page: str) -> dict[str, dict[str, str]]:
    """The forms of a page or fragment: action → its hidden fields (CSRF token, idempotency
    key, and the like), what a browser would send back."""
    trouves: dict[str, dict[str, str]] = {}
    for attributs, contenu in _FORMULAIRE.findall(page):
        action = _ACTION.search(attributs)
        if action is None:
            continue
        champs = {}
        for balise in _CACHE.findall(contenu):
            nom, valeur = _NOM.search(balise), _VALEUR.search(balise)
            if nom is not None:
                champs[html.unescape(nom.group(1))] = html.unescape(
                    valeur.group(1) if valeur else ""
                )
        trouves[html.unescape(action.group(1))] = champs
    return trouves


# --- The server under test -------------------------------------------------------------------


def port_libre() -> int:
    with socket.socket() as s:
        s.bind((HOTE, 0))
        return int(s.getsockname()[1])


def environnement(url: str, cle: str) -> dict[str, str]:
    """The environment of the server and of the CLI commands run on the copy: none of the
    caller's `PARTICIPATION_*` settings (no SMTP server gets the demo's reminders), the
    worktree's code first."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTICIPATION_")}
    env.update(
        {
            "PYTHONPATH": str(RACINE),
            "PARTICIPATION_DATABASE_URL": url,
            "PARTICIPATION_SECRET_KEY": cle,
            # Every simulated person comes from an address of its own, as on the Internet:
            # the per-address rate limits then apply per person, not to the whole benchmark.
            "PARTICIPATION_PROXY_DE_CONFIANCE": "1",
        }
    )
    return env


def commande_cli(*arguments: str) -> list[str]:
    """`participation …` from this worktree (the virtualenv's console script may point to
    another checkout)."""
    return [sys.executable, "-m", "lancement.cli", *arguments]


@dataclass
class Serveur:
    """`participation serve --workers N` in a child process (its own process group), its
    output in `journal`."""

    url: str
    workers: int
    dossier: Path
    cle: str
    port: int = 0
    processus: subprocess.Popen[bytes] | None = None
    journal: Path = field(init=False)

    def __post_init__(self) -> None:
        self.journal = self.dossier / f"serveur-{self.workers}w-{int(time.time())}.log"

    def demarrer(self, delai_s: float = 600.0) -> None:
        self.port = port_libre()
        commande = commande_cli("serve", "--workers", str(self.workers), "--port", str(self.port))
        with self.journal.open("ab") as sortie:
            self.processus = subprocess.Popen(
                commande,
                cwd=self.dossier,
                env=environnement(self.url, self.cle),
                stdout=sortie,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.attendre_demarrage(delai_s)

    def attendre_demarrage(self, delai_s: float, demarrages: int | None = None) -> None:
        """Until every worker said "Application startup complete" (`demarrages` times in the
        log in all) and the readiness check answers 200."""
        attendus = self.workers if demarrages is None else demarrages
        fin = time.monotonic() + delai_s
        while time.monotonic() < fin:
            if self.processus is not None and self.processus.poll() is not None:
                raise RuntimeError(
                    f"the server stopped (code {self.processus.returncode}); see {self.journal}"
                )
            if self.demarrages() >= attendus and self._pret():
                return
            time.sleep(0.25)
        raise RuntimeError(f"the server did not start within {delai_s:.0f} s; see {self.journal}")

    def demarrages(self) -> int:
        return self.texte_du_journal().count("Application startup complete")

    def texte_du_journal(self) -> str:
        try:
            return self.journal.read_text(errors="replace")
        except OSError:
            return ""

    def _pret(self) -> bool:
        try:
            with socket.create_connection((HOTE, self.port), timeout=5) as s:
                s.sendall(f"GET /sante/pret HTTP/1.1\r\nHost: {HOTE}\r\n\r\n".encode())
                return s.recv(64).split(b" ")[1:2] == [b"200"]
        except (OSError, IndexError):
            return False

    def arreter(self) -> None:
        if self.processus is None:
            return
        if self.processus.poll() is None:
            os.killpg(self.processus.pid, signal.SIGTERM)
            try:
                self.processus.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.processus.pid, signal.SIGKILL)
                self.processus.wait(10)
        self.processus = None

    def pids(self) -> list[int]:
        """The server's process and its descendants (the workers, multiprocessing's helpers)."""
        if self.processus is None:
            return []
        return descendants(self.processus.pid)

    def workers_pids(self) -> list[int]:
        """The worker processes (with `--workers 1`, the server's own process)."""
        if self.processus is None:
            return []
        if self.workers == 1:
            return [self.processus.pid]
        return [p for p in self.pids() if "spawn_main" in ligne_de_commande(p)]

    def cpu_s(self) -> float:
        return sum(cpu_du_processus(p) for p in self.pids())

    def __enter__(self) -> "Serveur":
        self.demarrer()
        return self

    def __exit__(self, *_exception: object) -> None:
        self.arreter()


# --- Processes and CPU time ------------------------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str]:
    try:
        texte = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return []
    return texte[texte.rfind(")") + 2 :].split()  # after "pid (comm) "


def descendants(racine: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entree in Path("/proc").iterdir():
        if entree.name.isdecimal():
            champs = _stat(int(entree.name))
            if champs:
                parents.setdefault(int(champs[1]), []).append(int(entree.name))
    trouves, a_voir = [racine], [racine]
    while a_voir:
        enfants = parents.get(a_voir.pop(), [])
        trouves += enfants
        a_voir += enfants
    return trouves


def ligne_de_commande(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def cpu_du_processus(pid: int) -> float:
    """User + system CPU seconds of a live process (its own threads)."""
    champs = _stat(pid)
    return (int(champs[11]) + int(champs[12])) / TICKS if champs else 0.0


def cpu_machine() -> tuple[float, float]:
    """(busy, total) jiffies of all CPUs since boot, from /proc/stat."""
    valeurs = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    inactif = valeurs[3] + valeurs[4]  # idle + iowait
    total = sum(valeurs[:8])
    return total - inactif, total


@dataclass
class Chrono:
    """CPU used during a measure: the server's processes, this process (the load generator),
    the whole machine (all cores: 100 % = every core busy)."""

    serveur: "Serveur | None"
    mur: float = 0.0
    cpu_serveur: float = 0.0
    cpu_client: float = 0.0
    occupation: float = 0.0
    charge: float = 0.0
    _debut: tuple[float, float, float, float, float] = (0.0, 0.0, 0.0, 0.0, 0.0)

    def __enter__(self) -> "Chrono":
        occupe, total = cpu_machine()
        serveur = self.serveur.cpu_s() if self.serveur else 0.0
        self._debut = (perf_counter(), serveur, time.process_time(), occupe, total)
        return self

    def __exit__(self, *_exception: object) -> None:
        mur, serveur, client, occupe, total = self._debut
        occupe2, total2 = cpu_machine()
        self.mur = perf_counter() - mur
        self.cpu_serveur = (self.serveur.cpu_s() if self.serveur else 0.0) - serveur
        self.cpu_client = time.process_time() - client
        self.occupation = (occupe2 - occupe) / max(1, total2 - total)
        self.charge = os.getloadavg()[0]


# --- Statistics ------------------------------------------------------------------------------


def centile(valeurs: Sequence[float], q: float) -> float:
    """The q-th quantile (0–1) by the nearest-rank method; 0 for no value."""
    if not valeurs:
        return 0.0
    ordonnees = sorted(valeurs)
    rang = min(len(ordonnees), max(1, math.ceil(q * len(ordonnees))))
    return ordonnees[rang - 1]


@dataclass
class Serie:
    """The latencies (seconds) of one kind of request, and its failures by cause."""

    durees: list[float] = field(default_factory=list)
    erreurs: dict[str, int] = field(default_factory=dict)

    def noter(self, secondes: float) -> None:
        self.durees.append(secondes)

    def echec(self, cause: str) -> None:
        self.erreurs[cause] = self.erreurs.get(cause, 0) + 1

    @property
    def n(self) -> int:
        return len(self.durees)

    @property
    def n_erreurs(self) -> int:
        return sum(self.erreurs.values())

    def resume(self) -> dict[str, float]:
        return {
            "n": self.n,
            "p50": centile(self.durees, 0.5),
            "p95": centile(self.durees, 0.95),
            "max": max(self.durees, default=0.0),
            "erreurs": self.n_erreurs,
        }


def fusion(series: Iterable[Serie]) -> Serie:
    tout = Serie()
    for s in series:
        tout.durees += s.durees
        for cause, n in s.erreurs.items():
            tout.erreurs[cause] = tout.erreurs.get(cause, 0) + n
    return tout


ENREGISTREE = "bien été enregistrée"
"""What the 503 page says when the command was recorded nonetheless (`web/pannes.py`)."""
EN_COURS = "déjà en cours d"
"""What the 409 page says when the form's idempotency key is held by a request still running,
or by one that never finished (`web/idempotence.py`)."""


def cause(reponse: Reponse | Panne) -> str:
    """How an answer is counted: its status (with what the page says, when it matters), or
    "no answer"."""
    if isinstance(reponse, Panne):
        return "no answer"
    if reponse.statut == 409 and EN_COURS in reponse.texte:
        return "409 already being sent"
    if reponse.statut == 503 and ENREGISTREE in reponse.texte:
        return "503 recorded"
    return str(reponse.statut)
