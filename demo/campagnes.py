"""Demo data, the bulk of the budget participatif: one campaign a year in every council, on the
Paris calendar, with many proposals, supports and comments by residents.

Each year from January (if the demo has run for six weeks by then):

- residents sign up to take part (`HABITANTS_PAR_CAMPAGNE`), without joining the assembly;
- proposals are filed from 8 January to 12 February, by members and residents, about
  20 + P / 25 of them, where P is the active public (the members plus the residents with an
  account, up to `PUBLIC_ACTIF`);
- each proposal gathers supports while supports are open (déposée, recevable, étudiée): a
  log-normal number with median 12 % of P, most of them in the first weeks, each from a
  current member half the time, else from one of the council's last `PUBLIC_ACTIF` accounts;
  2 % are withdrawn later; and about ten comments;
- the Ville rules on admissibility in March (88 % recevables), studies them from mid-April to
  June (90 % studied, the others abandoned), puts 80 % of the studied ones to the vote in early
  September (the others are abandoned) and declares the results in early October (40 %
  laureates);
- laureates go into realisation the next spring; 80 % are delivered 6 to 24 months later,
  10 % abandoned, the rest still under way;
- about 5 % of the admissible proposals are backed by the council (its latest adopted
  decision).

Steps that would fall after the demo's end have not happened yet: the current campaign stops
where the calendar is. Its own seeded random generator; ids and dates from the demo.
"""

import math
import random
from datetime import date, datetime, time, timedelta
from uuid import UUID

from demo.budget import COMMENTAIRES as COMMENTAIRES_GENERIQUES
from demo.budget import LIEUX, MOTIF_ABANDON, MOTIF_IRRECEVABLE, PROJETS
from demo.monde import PUBLIC_ACTIF, Action, Conseil, Planifier, Simulation
from demo.textes import commentaire_bp
from domaine.budget import Depot
from domaine.comptes import Acteur
from domaine.quartiers import HORS_QPV, geographie_au
from domaine.temps import heure_de_paris, jour_a_paris
from domaine.vocabulaire import StatutProposition as S

HABITANTS_PAR_CAMPAGNE = (120, 200)
PART_DES_SOUTIENS = 0.12  # median supports of a proposal, as a share of the active public
DISPERSION_DES_SOUTIENS = 0.8  # sigma of the log-normal
COMMENTAIRES_PAR_PROPOSITION = 10.0
PART_RECEVABLE = 0.88
PART_ETUDIEE = 0.9
PART_SOUMISE = 0.8
PART_LAUREATE = 0.4
PART_PORTEE = 0.05
PART_RETIREE = 0.02
MOTIF_ABANDON_REALISATION = "Le chantier s'est révélé trop coûteux au regard de l'enveloppe."
MOTIF_NON_SOUMISE = "La Ville n'a pas retenu le projet pour le vote après son étude."

COMMENTAIRES = [
    *COMMENTAIRES_GENERIQUES,
    "On en a parlé à la dernière séance : beaucoup de voisin·es sont pour.",
    "Attention au bruit le soir pour les immeubles autour.",
    "Les jeunes de l'antenne jeunesse peuvent aider à le construire.",
    "Le coût me paraît sous-estimé, mais le projet vaut le coup.",
    "Peut-on l'étendre à la rue d'à côté ?",
    "Merci pour cette proposition, je partage autour de moi.",
    "Il faudrait demander l'avis du bailleur avant tout.",
]


def poisson(alea: random.Random, moyenne: float) -> int:
    """A Poisson draw (Knuth's method; a normal approximation above 50)."""
    if moyenne <= 0:
        return 0
    if moyenne > 50:
        return max(0, round(alea.gauss(moyenne, math.sqrt(moyenne))))
    limite, k, produit = math.exp(-moyenne), 0, alea.random()
    while produit > limite:
        k += 1
        produit *= alea.random()
    return k


class CampagnesBP:
    def __init__(self, demo: Simulation, alea: random.Random) -> None:
        self.demo = demo
        self.p = demo.p
        self.alea = alea
        self.textes = demo.redaction("campagnes")
        """For the choice of comments only (`demo/textes.py`), never for the simulation."""
        self._titres: dict[UUID, str] = {}

    def planifier(self, conseil: Conseil, agent_ville: Acteur, plus_tard: Planifier) -> None:
        demo = self.demo
        for annee in range(demo.debut.year, demo.fin.year + 1):
            ouverture = quand(annee, 1, 8, 9)
            if demo.debut + timedelta(days=42) <= ouverture < demo.fin:
                plus_tard(ouverture, self._ouvrir(conseil, agent_ville, annee))

    def _ouvrir(self, conseil: Conseil, agent: Acteur, annee: int) -> Action:
        def agir() -> None:
            alea = self.alea
            ouverture = self.demo.horloge()
            for _ in range(alea.randint(*HABITANTS_PAR_CAMPAGNE)):
                self._si_passe(
                    ouverture + timedelta(days=alea.uniform(0, 60)), self._inscrire(conseil)
                )
            public = len(conseil.membres) + min(len(conseil.habitants), PUBLIC_ACTIF)
            propositions = round(alea.uniform(0.8, 1.2) * (20 + public / 25))
            fin_des_depots = quand(annee, 2, 12, 18)
            for _ in range(propositions):
                depot = ouverture + (fin_des_depots - ouverture) * alea.random()
                self._si_passe(depot, self._deposer(conseil, agent, annee))

        return agir

    def _si_passe(self, instant: datetime, action: Action) -> None:
        """Schedule what happens before the demo's end; later steps have not happened yet."""
        if instant < self.demo.fin:
            self.demo.plus_tard(instant, action)

    def _inscrire(self, conseil: Conseil) -> Action:
        def agir() -> None:
            habitant = self.demo.habitant()
            conseil.habitants.append(habitant)
            conseil.public.append(habitant)

        return agir

    def _deposer(self, conseil: Conseil, agent: Acteur, annee: int) -> Action:
        def agir() -> None:
            alea, demo = self.alea, self.demo
            a = conseil.arrondissement
            if alea.random() < 0.6:
                auteur = conseil.membre_au_hasard(alea)
            else:
                auteur = conseil.quelqu_un(alea)
            if auteur is None:
                return
            theme, titre, description = alea.choice(PROJETS)
            quartiers = [
                q.code for q in geographie_au(jour_a_paris(demo.horloge())).quartiers_de(a)
            ]
            quartier = alea.choice(quartiers) if quartiers and alea.random() < 0.8 else HORS_QPV
            depot = Depot(
                titre=f"{titre} — {demo.faux.street_name()}",
                description=description,
                quartier=quartier,
                adresse=alea.choice(LIEUX),
                theme=theme,
                cout_estime=alea.randrange(5_000, 600_000, 500),
            )
            proposition_id, _ = self.p.budget.deposer(auteur, a, depot)
            self._titres[proposition_id] = titre
            self._vie(conseil, agent, proposition_id, annee)

        return agir

    def _vie(self, conseil: Conseil, agent: Acteur, pid: UUID, annee: int) -> None:
        """Draw the proposal's whole story now; schedule what falls before the demo's end."""
        alea, b = self.alea, self.p.budget
        depot = self.demo.horloge()
        recevabilite = quand(annee, 3, 1, 10) + timedelta(days=alea.uniform(0, 30))
        if alea.random() >= PART_RECEVABLE:
            self._si_passe(
                recevabilite,
                lambda: b.faire_avancer(agent, pid, None, S.IRRECEVABLE, motif=MOTIF_IRRECEVABLE),
            )
            self._public(conseil, pid, depot, recevabilite)
            return
        self._si_passe(recevabilite, lambda: b.faire_avancer(agent, pid, None, S.RECEVABLE))
        if alea.random() < PART_PORTEE:
            porte = recevabilite + timedelta(days=alea.uniform(1, 10))  # before any study ends
            self._si_passe(porte, self._porter(conseil, pid))
        etude = quand(annee, 4, 15, 10) + timedelta(days=alea.uniform(0, 76))
        if alea.random() >= PART_ETUDIEE:
            self._si_passe(
                etude, lambda: b.faire_avancer(agent, pid, None, S.ABANDONNEE, motif=MOTIF_ABANDON)
            )
            self._public(conseil, pid, depot, etude)
            return
        cout = alea.randrange(5_000, 900_000, 1_000)
        self._si_passe(
            etude,
            lambda: b.faire_avancer(
                agent, pid, None, S.ETUDIEE, cout_reestime=min(cout, b.enveloppe)
            ),
        )
        vote = quand(annee, 9, 1, 10) + timedelta(days=alea.uniform(0, 3))
        self._public(conseil, pid, depot, vote)
        if alea.random() >= PART_SOUMISE:
            self._si_passe(
                vote,
                lambda: b.faire_avancer(agent, pid, None, S.ABANDONNEE, motif=MOTIF_NON_SOUMISE),
            )
            return
        self._si_passe(vote, lambda: b.faire_avancer(agent, pid, None, S.SOUMISE_AU_VOTE))
        resultat = quand(annee, 10, 1, 10) + timedelta(days=alea.uniform(0, 5))
        if alea.random() >= PART_LAUREATE:
            voix = alea.randint(40, 700)
            self._si_passe(
                resultat, lambda: b.faire_avancer(agent, pid, None, S.NON_RETENUE, voix=voix)
            )
            return
        voix = alea.randint(800, 4_000)
        self._si_passe(resultat, lambda: b.faire_avancer(agent, pid, None, S.LAUREATE, voix=voix))
        lancement = quand(annee + 1, 2, 1, 10) + timedelta(days=alea.uniform(0, 140))
        self._si_passe(lancement, lambda: b.faire_avancer(agent, pid, None, S.EN_REALISATION))
        livraison = lancement + timedelta(days=alea.uniform(180, 730))
        issue = alea.random()
        if issue < 0.8:
            livree = jour_a_paris(livraison - timedelta(days=2))
            self._si_passe(
                livraison,
                lambda: b.faire_avancer(agent, pid, None, S.REALISEE, realisee_le=livree),
            )
        elif issue < 0.9:
            self._si_passe(
                livraison,
                lambda: b.faire_avancer(
                    agent, pid, None, S.ABANDONNEE, motif=MOTIF_ABANDON_REALISATION
                ),
            )

    def _public(self, conseil: Conseil, pid: UUID, depot: datetime, cloture: datetime) -> None:
        """Supports and comments between the filing and the closing of supports; most come
        in the first weeks."""
        alea = self.alea
        public = len(conseil.membres) + min(len(conseil.habitants), PUBLIC_ACTIF)
        mediane = max(1.0, public * PART_DES_SOUTIENS)
        nombre = min(
            int(0.8 * public),
            round(alea.lognormvariate(math.log(mediane), DISPERSION_DES_SOUTIENS)),
        )
        fenetre = cloture - depot - timedelta(hours=1)
        soutiens: set[UUID] = set()
        for _ in range(nombre):
            quand = depot + fenetre * alea.random() ** 2
            self._si_passe(quand, self._soutenir(conseil, pid, soutiens, depot + fenetre))
        for _ in range(poisson(alea, COMMENTAIRES_PAR_PROPOSITION)):
            quand = depot + fenetre * alea.random()
            self._si_passe(quand, self._commenter(conseil, pid))

    def _soutenir(
        self, conseil: Conseil, pid: UUID, soutiens: set[UUID], derniere: datetime
    ) -> Action:
        def agir() -> None:
            for _ in range(4):  # someone who has not supported it yet
                qui = conseil.quelqu_un(self.alea)
                if qui is not None and qui.compte_id not in soutiens:
                    soutiens.add(qui.compte_id)
                    self.p.budget.soutenir(qui, pid, True)
                    if self.alea.random() < PART_RETIREE:
                        maintenant = self.demo.horloge()
                        retrait = maintenant + (derniere - maintenant) * self.alea.random()
                        self._si_passe(retrait, self._retirer(qui, pid))
                    return

        return agir

    def _retirer(self, qui: Acteur, pid: UUID) -> Action:
        return lambda: self.p.budget.soutenir(qui, pid, False)

    def _commenter(self, conseil: Conseil, pid: UUID) -> Action:
        def agir() -> None:
            qui = conseil.quelqu_un(self.alea)
            if qui is not None:
                generique = self.alea.choice(COMMENTAIRES)
                texte = commentaire_bp(self._titres.get(pid, ""), generique, self.textes)
                self.p.budget.commenter(qui, pid, texte)

        return agir

    def _porter(self, conseil: Conseil, pid: UUID) -> Action:
        def agir() -> None:
            seance_id, decision = self.demo.budget.derniere_decision(conseil.arrondissement)
            if seance_id is not None:
                self.p.budget.porter(conseil.animateur, pid, seance_id, decision)

        return agir


def quand(annee: int, mois: int, jour: int, heure: int) -> datetime:
    """That hour of that day in Paris, as a UTC instant."""
    return heure_de_paris(date(annee, mois, jour), time(heure))
