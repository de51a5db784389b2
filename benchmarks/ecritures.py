"""The demo data the simulated people act on, the residents' sign-in, and the write mix: residents'
commands sent as a browser sends them (htmx forms carrying the session's CSRF token and a new
idempotency key, taken from the page or fragment the server last returned), shared by the load
benchmark (`benchmarks.charge`) and the fault run (`benchmarks.pannes`)."""

import asyncio
import random
import time
import uuid
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, func, select

from benchmarks.banc_web import ENREGISTREE, Navigateur, Panne, Reponse, Serie, cause, formulaires
from domaine.budget import FINAUX, SOUTIENS_OUVERTS
from domaine.quartiers import HORS_QPV
from domaine.temps import jour_a_paris
from domaine.vocabulaire import Genre, TrancheAge
from projections.tables import avis, conseils, journal, propositions_bp, roles, seances
from stockage.identites import personnes
from stockage.registre import maintenant_utc
from web.limites import LIMITES

MOT_DE_PASSE_DEMO = "demo-participation"  # demo/generateur.py
DOMAINE_DEMO = "demo.example.org"
PAR_PAGE_BP, PAR_PAGE_JOURNAL, PAR_PAGE_AVIS = 24, 50, 30

POIDS_ECRITURE = {"soutien": 0.6, "commentaire": 0.2, "adhesion": 0.2}
"""The write mix: support or withdraw one's support of a proposal (one toggle per command),
comment on it, join or leave one's council's open assembly (one toggle per command)."""
NATURES = ("soutien", "retrait", "commentaire", "adhesion", "depart")
LIMITES_PAR_COMPTE = {
    lim.action: lim.limite for lim in LIMITES if lim.cle == "compte"
}  # soutien: 60, publication: 30 an hour
FENETRE_S = 3600
REESSAIS_S = 90.0
"""In the fault run, a command without an answer (or with a 5xx) is sent again with the same
form (same idempotency key), as a person presses the button again, for this long."""


# --- The demo data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposition:
    proposition_id: str
    arrondissement: int
    statut: str
    soutiens: int


@dataclass
class Donnees:
    """What the clients need to know of the demo database (read before the server starts)."""

    evenements: int
    propositions: list[Proposition]
    avis: list[str]
    seances: list[str]
    pages_journal: dict[int, int]
    premier_jour: date
    dernier_jour: date
    residents: list[tuple[str, str]]  # (personne_id, e-mail), in a seeded random order

    @property
    def ouvertes(self) -> list[Proposition]:
        """Open to support (and to comments)."""
        return [p for p in self.propositions if p.statut in SOUTIENS_OUVERTS]

    @property
    def commentables(self) -> list[Proposition]:
        return [p for p in self.propositions if p.statut not in FINAUX]

    def pages_bp(self, arrondissement: int | None = None) -> int:
        n = sum(1 for p in self.propositions if arrondissement in (None, p.arrondissement))
        return max(1, -(-n // PAR_PAGE_BP))

    def pages_avis(self) -> int:
        return max(1, -(-len(self.avis) // PAR_PAGE_AVIS))


def table_des_evenements(moteur: Engine) -> str:
    return "stored_events" if moteur.dialect.name == "sqlite" else "participation_events"


def compter_evenements(moteur: Engine) -> int:
    with moteur.connect() as cnx:
        return int(
            cnx.exec_driver_sql(f"SELECT count(*) FROM {table_des_evenements(moteur)}").scalar()
            or 0
        )


def decouvrir(moteur: Engine, graine: int = 7) -> Donnees:
    """The councils' proposals, avis, séances, journal sizes, dates and the residents who can
    sign in (demo accounts without any role)."""
    with moteur.connect() as cnx:
        propositions = [
            Proposition(str(i), int(a), str(s), int(n))
            for i, a, s, n in cnx.execute(
                select(
                    propositions_bp.c.proposition_id,
                    propositions_bp.c.arrondissement,
                    propositions_bp.c.statut,
                    propositions_bp.c.soutiens,
                ).order_by(propositions_bp.c.proposition_id)
            )
        ]
        ids_avis = [
            str(i) for i in cnx.execute(select(avis.c.avis_id).order_by(avis.c.avis_id)).scalars()
        ]
        ids_seances = [
            str(i)
            for i in cnx.execute(
                select(seances.c.seance_id).order_by(seances.c.seance_id)
            ).scalars()
        ]
        pages_journal = {
            int(a): max(1, -(-int(n) // PAR_PAGE_JOURNAL))
            for a, n in cnx.execute(
                select(journal.c.arrondissement, func.count()).group_by(journal.c.arrondissement)
            )
        }
        institution = cnx.execute(select(func.min(conseils.c.institue_le))).scalar()
        avec_role = select(roles.c.personne_id)
        residents = [
            (str(i), str(e))
            for i, e in cnx.execute(
                select(personnes.c.personne_id, personnes.c.email)
                .where(
                    personnes.c.email.like(f"%.%@{DOMAINE_DEMO}"),
                    personnes.c.personne_id.not_in(avec_role),
                )
                .order_by(personnes.c.email)
            )
        ]
    random.Random(graine).shuffle(residents)
    aujourd_hui = jour_a_paris(maintenant_utc())
    premier = jour_a_paris(institution) + timedelta(days=1) if institution else aujourd_hui
    return Donnees(
        compter_evenements(moteur),
        propositions,
        ids_avis,
        ids_seances,
        pages_journal,
        premier,
        aujourd_hui - timedelta(days=1),
        residents,
    )


# --- Residents -------------------------------------------------------------------------------


def adresse_ip(numero: int, reseau: int = 10) -> str:
    """A distinct client address per simulated person (10.x.y.z for residents)."""
    return f"{reseau}.{numero >> 16 & 255}.{numero >> 8 & 255}.{numero & 255}"


@dataclass
class Habitant:
    """A demo resident, signed in in their own browser, with the proposal they support and
    comment on and the council they join or leave."""

    numero: int
    personne_id: str
    email: str
    proposition: str
    arrondissement: int
    navigateur: Navigateur
    formulaires: dict[str, dict[str, str]] = field(default_factory=dict)
    recents: dict[str, deque[float]] = field(default_factory=dict)

    @property
    def page_proposition(self) -> str:
        return f"/budget-participatif/{self.proposition}"

    @property
    def page_conseil(self) -> str:
        return f"/conseils/{self.arrondissement}"

    def sous_la_limite(self, action: str) -> bool:
        """Whether one more command of a rate-limited action stays under the per-account limit
        (one less, for safety): the benchmark measures the app, not its throttle."""
        limite = LIMITES_PAR_COMPTE.get(action)
        if limite is None:
            return True
        recents = self.recents.setdefault(action, deque())
        maintenant = time.time()
        while recents and recents[0] < maintenant - FENETRE_S:
            recents.popleft()
        return len(recents) < limite - 1

    def noter(self, action: str) -> None:
        if action in LIMITES_PAR_COMPTE:
            self.recents.setdefault(action, deque()).append(time.time())


def habitants(donnees: Donnees, nombre: int, port: int, decalage: int = 0) -> list[Habitant]:
    """`nombre` residents (from `decalage` in the seeded order), each given one of the proposals
    open to support, in turn, and that proposal's council."""
    ouvertes = donnees.ouvertes
    if not ouvertes:
        raise RuntimeError("the demo has no proposal open to support")
    if len(donnees.residents) < decalage + nombre:
        raise RuntimeError(
            f"the demo has {len(donnees.residents)} residents, {decalage + nombre} needed"
        )
    choisis = donnees.residents[decalage : decalage + nombre]
    return [
        Habitant(
            decalage + i,
            personne_id,
            email,
            ouvertes[i % len(ouvertes)].proposition_id,
            ouvertes[i % len(ouvertes)].arrondissement,
            Navigateur(port, adresse_ip(decalage + i)),
        )
        for i, (personne_id, email) in enumerate(choisis)
    ]


async def connecter(h: Habitant) -> None:
    """Sign in as a person does: the sign-in page (its CSRF token), then the form."""
    page = await h.navigateur.get("/connexion")
    jeton = formulaires(page.texte).get("/connexion", {}).get("csrf", "")
    reponse = await h.navigateur.post(
        "/connexion",
        {"csrf": jeton, "email": h.email, "mot_de_passe": MOT_DE_PASSE_DEMO, "suite": "/"},
    )
    if reponse.statut != 303:
        raise RuntimeError(f"sign-in of {h.email} refused ({reponse.statut})")


async def par_lots(actions: Sequence[Callable[[], Awaitable[Any]]], simultanees: int) -> None:
    """Run coroutine factories, at most `simultanees` at a time."""
    file = deque(actions)

    async def ouvrier() -> None:
        while file:
            await file.popleft()()

    await asyncio.gather(*(ouvrier() for _ in range(simultanees)))


async def rafraichir(h: Habitant, serie: Serie | None = None) -> None:
    """Open the proposal's page and the council's page: the forms as they are now."""
    for chemin in (h.page_proposition, h.page_conseil):
        try:
            reponse = await h.navigateur.get(chemin)
        except Panne as panne:
            if serie is not None:
                serie.echec(cause(panne))
            continue
        if serie is not None:
            if reponse.acceptee:
                serie.noter(reponse.secondes)
            else:
                serie.echec(cause(reponse))
        if reponse.acceptee:
            h.formulaires.update(formulaires(reponse.texte))


# --- Commands --------------------------------------------------------------------------------


@dataclass
class Commande:
    """One command as the person saw it."""

    nature: str  # soutien, retrait, commentaire, adhesion, depart
    personne_id: str
    cible: str  # the proposal, or the arrondissement
    jeton: str  # a comment's unique token ("" otherwise)
    envoyee: float  # wall clock (time.time()) at the first sending
    finie: float  # wall clock at the last answer
    secondes: float  # the last attempt's latency
    essais: int
    statut: int  # of the last answer; 0: none
    acceptee: bool  # 2xx or 3xx
    annoncee_enregistree: bool = False  # a 503 page saying it was recorded nonetheless
    cause: str = ""  # how the last answer is counted (`banc_web.cause`)

    @property
    def accusee(self) -> bool:
        """What the person was told was recorded."""
        return self.acceptee or self.annoncee_enregistree


@dataclass
class Ecritures:
    """The write mix: clients take the next resident in turn (so no resident has two commands
    in flight), and send one command each time."""

    habitants_: list[Habitant]
    reessayer: bool = False
    graine: int = 11
    commandes: list[Commande] = field(default_factory=list)
    series: dict[str, Serie] = field(default_factory=dict)
    limitees: int = 0  # 429 answers (a rate limit reached)

    def __post_init__(self) -> None:
        self.file = deque(self.habitants_)
        self.alea = random.Random(self.graine)

    def serie(self, nom: str) -> Serie:
        return self.series.setdefault(nom, Serie())

    def reinitialiser(self) -> None:
        self.commandes, self.series, self.limitees = [], {}, 0

    async def client(self, fin: float) -> None:
        while time.monotonic() < fin:
            if not self.file:  # more clients than residents: wait for one to be free
                await asyncio.sleep(0.01)
                continue
            h = self.file.popleft()
            try:
                await self.une_commande(h)
            finally:
                self.file.append(h)

    def _nature(self, h: Habitant) -> str:
        natures, poids = zip(*POIDS_ECRITURE.items(), strict=True)
        nature: str = self.alea.choices(natures, poids)[0]
        limite = {"soutien": "soutien", "commentaire": "publication"}.get(nature)
        if limite and not h.sous_la_limite(limite):
            return "adhesion"  # not rate-limited
        return nature

    async def une_commande(self, h: Habitant) -> None:
        nature = self._nature(h)
        soutien = f"{h.page_proposition}/soutien"
        commentaire = f"{h.page_proposition}/commentaires"
        adhesion, depart = f"{h.page_conseil}/adhesion", f"{h.page_conseil}/depart"
        attendus = {
            "soutien": (soutien,),
            "commentaire": (commentaire,),
            "adhesion": (adhesion, depart),
        }[nature]
        if not any(a in h.formulaires for a in attendus):
            await rafraichir(h, self.serie("page (form missing)"))
            if not any(a in h.formulaires for a in attendus):
                return  # the form is not offered (e.g. supports closed): another time
        jeton = ""
        if nature == "soutien":
            chemin = soutien
            champs = dict(h.formulaires.pop(soutien))
            nature = "soutien" if champs.get("soutien") == "oui" else "retrait"
            limite = "soutien"
            cible = h.proposition
        elif nature == "commentaire":
            chemin = commentaire
            champs = dict(h.formulaires.pop(commentaire))
            jeton = uuid.uuid4().hex
            champs["commentaire"] = (
                f"Banc d'essai {jeton} : une proposition utile pour le quartier, qui "
                "mériterait d'être étudiée avec les habitant·es des immeubles voisins."
            )
            limite = "publication"
            cible = h.proposition
        else:
            cible = str(h.arrondissement)
            limite = ""
            if adhesion in h.formulaires:
                chemin, nature = adhesion, "adhesion"
                champs = dict(h.formulaires.pop(adhesion))
                champs.update(
                    college="habitant",
                    genre=self.alea.choice([g.value for g in Genre]),
                    tranche_age=self.alea.choice(
                        [t.value for t in TrancheAge if t != TrancheAge.MOINS_18]
                    ),
                    quartier=HORS_QPV,
                    eligibilite="on",
                )
            else:
                chemin, nature = depart, "depart"
                champs = dict(h.formulaires.pop(depart))
                champs["motif"] = ""
            h.formulaires.pop(adhesion, None)
            h.formulaires.pop(depart, None)
        h.noter(limite)
        reponse, essais, envoyee = await self._envoyer(h, chemin, champs, nature)
        finie = time.time()
        commande = Commande(
            nature,
            h.personne_id,
            cible,
            jeton,
            envoyee,
            finie,
            reponse.secondes if isinstance(reponse, Reponse) else 0.0,
            essais,
            reponse.statut if isinstance(reponse, Reponse) else 0,
            isinstance(reponse, Reponse) and reponse.acceptee,
            isinstance(reponse, Reponse) and reponse.statut == 503 and ENREGISTREE in reponse.texte,
            cause(reponse),
        )
        self.commandes.append(commande)
        if commande.acceptee:
            assert isinstance(reponse, Reponse)
            self.serie(nature).noter(reponse.secondes)
            if nature == "commentaire":  # 204 + HX-Redirect: htmx then loads the page
                await self._suivre(h, reponse)
            else:
                h.formulaires.update(formulaires(reponse.texte))
            return
        if isinstance(reponse, Reponse) and reponse.statut == 429:
            self.limitees += 1
        self.serie(nature).echec(cause(reponse))
        await rafraichir(h, self.serie("page (after a failure)"))

    async def _envoyer(
        self, h: Habitant, chemin: str, champs: dict[str, str], nature: str
    ) -> tuple[Reponse | Panne, int, float]:
        envoyee = time.time()
        limite = time.monotonic() + REESSAIS_S
        essais = 0
        while True:
            essais += 1
            reponse: Reponse | Panne
            try:
                reponse = await h.navigateur.post(chemin, champs, htmx=True)
            except Panne as panne:
                reponse = panne
            a_refaire = isinstance(reponse, Panne) or (
                reponse.statut >= 500 and ENREGISTREE not in reponse.texte
            )
            if not (self.reessayer and a_refaire) or time.monotonic() > limite:
                return reponse, essais, envoyee
            self.serie(nature).echec(cause(reponse))  # seen, then sent again
            await asyncio.sleep(min(4.0, 0.25 * 2**essais))

    async def _suivre(self, h: Habitant, reponse: Reponse) -> None:
        suite = reponse.entetes.get("hx-redirect") or reponse.entetes.get("location")
        if not suite:
            return
        try:
            page = await h.navigateur.get(suite)
        except Panne as panne:
            self.serie("page (after a comment)").echec(cause(panne))
            return
        if page.acceptee:
            self.serie("page (after a comment)").noter(page.secondes)
            h.formulaires.update(formulaires(page.texte))
        else:
            self.serie("page (after a comment)").echec(cause(page))
