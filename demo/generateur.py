"""Demo data: every council lives through years of entries, exits, séances, decisions, avis and
budget participatif campaigns, at the scale of a large open assembly.

Deterministic for a given seed and end day (`--fin`, default today): ids come from a seeded
generator and events are dated by a simulated clock that runs from `years` before the end day
up to 00:00 (Paris time) that day; séances still to come are planned after it. Personal data is
fictitious (Faker `fr_FR`, addresses @example.org). What people write (agendas, decisions,
minutes, avis and their answers, comments) comes from a small corpus per theme
(`demo/textes.py`), chosen with generators kept for texts only (`Demo.redaction`).

The mix, per council (constants below and in `demo/campagnes.py`):

- **Membership.** 25 to 45 founding members in the first weeks; then 16 to 26 newcomers a
  month (each council its own rate), 30 % of them residents who already had an account; 2.5 %
  of the members leave each month, and a tenth of those come back 2 to 18 months later. The
  assembly grows for three or four years, to some 700 to 1,050 members, then entries and exits
  balance.
- **Séances.** Every month but August, a plenary and a séance of each priority neighbourhood
  (QPV) of the arrondissement (one to seven of them), planned three weeks ahead; 6 % are
  cancelled, the others get one to three decisions and their minutes. A quarter of the members
  are a core who come often (40 to 80 % of the time), the others now and then (2 to 12 %), times
  the séance's turnout (0.8 to 1.2); at a neighbourhood séance, those who live there come a
  little more (×1.2) and the others seldom (×0.1). A mature assembly's plenary thus gathers
  some 120 to 250 registered members, plus up to 25 people who do not sign in.
- **Budget participatif.** A campaign every year (`demo/campagnes.py`): residents sign up,
  file proposals, support and comment on them; the Ville rules on them through the year.
  Supports are by far the most frequent event.
- **Showcase.** Every avis and proposal status on screen (`demo/avis.py`, `demo/budget.py`),
  the groupe moteur's tirage and replacements, the weekly deadline reminders.

Volumes with seed 7: about 15,000 events for `--years 1` (a young assembly: the first year is
light), 50,000 for `--years 2`, 1.12 to 1.15 million for `--years 10` (two thirds of them
supports, a sixth attendance): 1,140,296 on 26 November 2026, 1,124,853 as if on 5 January
2026, whose ten-year window holds one campaign less. Written in batches (`Plateforme(…, par_lots=True)`, `stockage/lots.py`):
about 13 s and 30 s for 1 and 3 years, and 4 to 5 minutes for 10 on SQLite on a 2-core
machine (docs/performance.md, "Modèles de lecture à l'échelle").
"""

import heapq
import itertools
import random
import shutil
import sys
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from uuid import UUID

from faker import Faker
from sqlalchemy import MetaData, insert, select, update
from tqdm import tqdm

from demo.avis import planifier_avis, rappels_hebdomadaires
from demo.budget import ConseilDemo, DemoBudget
from demo.campagnes import CampagnesBP, poisson
from demo.convocations import convoquer, membre_convoque
from demo.documents import planifier_documents
from demo.geographie import ADOPTION, code_au, planifier_changement, quartiers_au
from demo.geographie import DEBUT as DEBUT_GEOGRAPHIE_2024
from demo.instances import DemoInstances
from demo.monde import Action, Conseil, HorlogeSimulee, Planifier
from demo.moyens import planifier_moyens
from demo.textes import (
    SUJETS,
    Seance,
    Vote,
    compte_rendu,
    motion,
    ordre_du_jour,
    quartier_cite,
    theme_de_seance,
)
from domaine.comptes import Acteur
from domaine.erreurs import ErreurParticipation
from domaine.groupe_moteur import Objectifs
from domaine.quartiers import HORS_QPV, arrondissements, geographie_au
from domaine.seances import Seance as SeanceDuDomaine
from domaine.temps import annee_a_paris, debut_du_jour, heure_de_paris, jour_a_paris
from domaine.viviers import candidat_volontaire
from domaine.vocabulaire import MotifSortie, Role
from lancement.plateforme import Plateforme
from participation.seances import Maniere
from stockage.configuration import Configuration
from stockage.identites import hacher
from stockage.messagerie import MessagerieMemoire
from stockage.moteur import creer_moteur
from stockage.tables import chargements_demo

MOT_DE_PASSE = "demo-participation"
DOMAINE = "demo.example.org"

# How large open assemblies live (per council; see the module docstring).
ARRIVEES_PAR_MOIS = (16.0, 26.0)
"""Newcomers a month: each council's rate is drawn in this range."""
DEPARTS_PAR_MOIS = 0.025
"""Share of the members who leave in a month."""
PART_DES_RETOURS = 0.1
"""Share of those who leave who come back 2 to 18 months later."""
PART_D_HABITANTS_DEJA_INSCRITS = 0.3
"""Newcomers who already had an account (residents met through the budget participatif)."""
PART_DU_NOYAU_ACTIF = 0.25
"""Share of the members who come often (their attendance is drawn in `ASSIDUITE_NOYAU`); the
others come now and then (`ASSIDUITE_OCCASIONNELLE`): the larger the assembly, the smaller
the share of it at any one séance."""
ASSIDUITE_NOYAU = (0.4, 0.8)
ASSIDUITE_OCCASIONNELLE = (0.02, 0.12)
AFFLUENCE = (0.8, 1.2)
"""A séance's turnout factor (topic, weather…), drawn per séance."""
QUARTIER_HABITANTS, QUARTIER_AUTRES = 1.2, 0.1
"""At a neighbourhood séance, attendance is multiplied by these for the members who live
there and for the others."""


def commande(
    configuration: Configuration,
    seed: int,
    years: int,
    reinitialiser: bool,
    jour_de_fin: date,
    jour_de_debut: date | None = None,
) -> int:
    """Load `years` of history (or from 00:00 of `jour_de_debut`) up to 00:00 (Paris) of
    `jour_de_fin`: the same seed and days always give the same log, and nothing is dated
    after the end."""
    if not 1 <= years <= 30:
        raise ErreurParticipation("--years doit être compris entre 1 et 30.")
    fin = debut_du_jour(jour_de_fin)
    debut = fin - timedelta(days=365 * years)
    if jour_de_debut is not None:
        debut = debut_du_jour(jour_de_debut)
        if not fin - timedelta(days=365 * 30) <= debut <= fin - timedelta(days=90):
            raise ErreurParticipation(
                "--debut doit précéder --fin d'au moins 90 jours et d'au plus 30 ans."
            )
    if reinitialiser:
        vider(configuration)
    horloge = HorlogeSimulee(debut - timedelta(days=1))
    generateur = random.Random(seed)
    with Plateforme(
        configuration,
        horloge,
        lambda: UUID(int=generateur.getrandbits(128), version=4),
        MessagerieMemoire(),  # the demo's reminders are recorded, not e-mailed
        par_lots=True,  # one writer: events and identities are written in batches
    ) as plateforme:
        plateforme.migrer()
        with plateforme.moteur.connect() as cnx:
            chargements = cnx.execute(select(chargements_demo.c.termine_le)).scalars().all()
        if any(termine is None for termine in chargements):
            raise ErreurParticipation(
                "Le chargement précédent de la démo a été interrompu avant la fin : relancez "
                "avec --reinitialiser pour repartir d'une base vide."
            )
        if chargements or plateforme.identites.par_email(f"admin@{DOMAINE}") is not None:
            print(
                "Les données de démonstration sont déjà chargées dans cette base ; "
                "relancez avec --reinitialiser pour repartir de zéro."
            )
        else:
            _noter_chargement(plateforme, seed, termine=False)
            Demo(plateforme, horloge, seed, debut, fin).charger()
            plateforme.projecteur.rattraper()
            convoquer(plateforme, horloge, fin)
            plateforme.historique.preparer_points()  # the time-travel page's checkpoints
            _noter_chargement(plateforme, seed, termine=True)
        membre = membre_convoque(plateforme)
    _afficher_identifiants(membre)
    return 0


def _noter_chargement(plateforme: Plateforme, seed: int, termine: bool) -> None:
    """The load's start, then its end: a start without an end is an interrupted load (wall
    clock: when it ran, not the simulated time)."""
    maintenant = datetime.now(UTC)
    with plateforme.moteur.begin() as cnx:
        if termine:
            cnx.execute(
                update(chargements_demo)
                .where(chargements_demo.c.seed == seed)
                .values(termine_le=maintenant)
            )
        else:
            cnx.execute(insert(chargements_demo).values(seed=seed, commence_le=maintenant))


def vider(configuration: Configuration) -> None:
    """Drop every table of the database (event store, read models, identities), and the
    documents' local directory."""
    if configuration.fichiers == "local":
        shutil.rmtree(configuration.chemin_fichiers, ignore_errors=True)
    if not configuration.est_postgres:
        chemin = configuration.chemin_sqlite
        for suffixe in ("", "-wal", "-shm"):
            chemin.with_name(chemin.name + suffixe).unlink(missing_ok=True)
        return
    moteur = creer_moteur(configuration)
    try:
        meta = MetaData()
        meta.reflect(moteur)
        meta.drop_all(moteur)
    finally:
        moteur.dispose()


def _afficher_identifiants(membre: str | None = None) -> None:
    print(f"\nComptes de démonstration (mot de passe pour tous : {MOT_DE_PASSE}) :")
    print(f"  administration : admin@{DOMAINE}")
    print(f"  agent Ville    : agent.ville@{DOMAINE}")
    print(f"  agent État     : agent.etat@{DOMAINE}")
    for a in arrondissements():
        print(f"  animateur {a}e  : animateur{a}@{DOMAINE}")
    print(f"  participant·e  : participant@{DOMAINE} (membre d'aucune assemblée)")
    if membre:
        print(f"  membre du 18e  : {membre} (convoqué·e aux prochaines séances)")


class Demo:
    def __init__(
        self,
        plateforme: Plateforme,
        horloge: HorlogeSimulee,
        seed: int,
        debut: datetime,
        fin: datetime,
    ) -> None:
        self.p = plateforme
        self.horloge = horloge
        self.alea = random.Random(seed * 7919 + 1)
        self.reponses = random.Random(seed * 31 + 17)  # answers of people drawn from lists
        self.joints: set[tuple[int, str]] = set()  # drawn people already reached
        self.faux = Faker("fr_FR")
        self.faux.seed_instance(seed)
        self.graine = seed
        self.textes = self.redaction("seances et avis")
        self.approbations = self.redaction("approbations des comptes rendus")
        self.debut = debut
        self.fin = fin
        self.hachage = hacher(MOT_DE_PASSE)
        self.numero = 0
        self._file: list[tuple[datetime, int, Action]] = []
        self._ordre = itertools.count()
        # Its own random generator, so that the rest of the demo data stays as it was.
        self.budget = DemoBudget(
            plateforme,
            random.Random(seed * 104_729 + 11),
            debut,
            fin,
            self._voisin,
            self.redaction("budget participatif"),
        )
        self.campagnes = CampagnesBP(self, random.Random(seed * 15_485_863 + 5))
        self.instances = DemoInstances(plateforme, random.Random(seed * 1_299_709 + 3), debut, fin)

    def redaction(self, usage: str) -> random.Random:
        """A generator for the choices among texts (`demo/textes.py`) only, one per `usage`:
        the simulation's own draws never depend on the corpus."""
        return random.Random(f"{self.graine}:{usage}")

    def charger(self) -> None:
        self.horloge.aller_a(self.debut)
        admin = self._compte("Administration Démo", f"admin@{DOMAINE}", Role.ADMIN, None)
        self.admin = admin
        agent_ville = self._compte("Agent Ville Démo", f"agent.ville@{DOMAINE}", Role.AGENT_VILLE)
        agent_etat = self._compte("Agent État Démo", f"agent.etat@{DOMAINE}", Role.AGENT_ETAT)
        self._compte("Participant·e Démo", f"participant@{DOMAINE}")
        conseils = [
            Conseil(
                a,
                self._compte(
                    f"{self.faux.first_name()} {self.faux.last_name()}",
                    f"animateur{a}@{DOMAINE}",
                    Role.ANIMATEUR,
                    a,
                ),
            )
            for a in arrondissements()
        ]
        self._calendrier(conseils, agent_ville, agent_etat)
        jours = (self.fin - self.debut).days
        with tqdm(total=jours, desc="Démo", unit="jour", file=sys.stderr) as barre:
            while self._file:
                instant, _ordre, action = heapq.heappop(self._file)
                self.horloge.aller_a(instant)
                action()
                barre.update(max(0, min(jours, (instant - self.debut).days) - barre.n))

    def plus_tard(self, instant: datetime, action: Action) -> None:
        """Schedule an action; actions run in time order, then in the order scheduled. An action
        may schedule others (later ones: the clock never goes back). What would happen at or
        after the demo's end has not happened yet: it is dropped."""
        if instant >= self.fin:
            return
        heapq.heappush(self._file, (instant, next(self._ordre), action))

    def _calendrier(self, conseils: list[Conseil], agent_ville: Acteur, agent_etat: Acteur) -> None:
        plus_tard = self.plus_tard
        for conseil in conseils:
            self._reglement(conseil, agent_ville, agent_etat, plus_tard)
            self._groupe_moteur(conseil, plus_tard)
            self.budget.planifier(conseil, agent_ville, plus_tard)
            for _ in range(self.alea.randint(25, 45)):
                plus_tard(self._jour(self.alea.uniform(3, 75)), self._arrivee(conseil))
            conseil.arrivees_par_mois = self.alea.uniform(*ARRIVEES_PAR_MOIS)
            mois = int((self.fin - self.debut).days / 30.4)
            for m in range(3, mois):
                plus_tard(self._jour(m * 30.4), self._mouvements(conseil))
            for m in range(2, mois):
                self._seances_du_mois(conseil, self._jour(m * 30.4), plus_tard)
            self.campagnes.planifier(conseil, agent_ville, plus_tard)
            planifier_avis(self, conseil, agent_ville, agent_etat, plus_tard)
            planifier_documents(self.p, conseil, self.debut, self.fin, plus_tard)
            planifier_moyens(
                self.p, conseil, agent_ville, agent_etat, self.debut, self.fin, plus_tard
            )
            for delai in (9, 38):
                date = self._soiree(self.fin + timedelta(days=delai + self.alea.randint(0, 5)))
                self._seance(conseil, date, plus_tard)
        changement = random.Random(self.graine * 2024 + 1)  # its own: the rest stays as it was
        planifier_changement(self.p, conseils, self.debut, self.fin, changement, plus_tard)
        self.instances.planifier(
            [(c.arrondissement, c.animateur) for c in conseils], agent_ville, plus_tard
        )
        rappels_hebdomadaires(self, plus_tard)
        self._points_de_controle(plus_tard)

    def _points_de_controle(self, plus_tard: Planifier) -> None:
        """What the daily job would have published, once a year: the tamper-evident log's head
        on 31 December at 23:55 (the one each annual report quotes), and at the demo's end."""
        annees = range(annee_a_paris(self.debut), annee_a_paris(self.fin))
        for annee in annees:
            instant = heure_de_paris(date(annee, 12, 31), time(23, 55))
            if self.debut < instant < self.fin:
                plus_tard(instant, partial(self._point_de_controle, instant))
        fin = self.fin - timedelta(minutes=1)
        plus_tard(fin, partial(self._point_de_controle, fin))

    def _point_de_controle(self, instant: datetime) -> None:
        self.p.registre.position()  # writes the queued events: the checkpoint covers them all
        self.p.chaine.point_de_controle(instant)

    def _jour(self, jours: float) -> datetime:
        return self.debut + timedelta(days=jours)

    @staticmethod
    def _soiree(jour: datetime) -> datetime:
        return heure_de_paris(jour_a_paris(jour), time(18, 30))

    def _compte(
        self, nom: str, email: str, role: Role | None = None, arrondissement: int | None = None
    ) -> Acteur:
        compte_id, _ = self.p.comptes.inscrire(nom, email, MOT_DE_PASSE, self.hachage)
        if role == Role.ADMIN:
            self.p.comptes.amorcer_role(compte_id, role.value, None)
        elif role is not None:
            self.p.comptes.attribuer_role(self.admin, compte_id, role.value, arrondissement)
        acteur = self.p.comptes.acteur(compte_id)
        assert acteur is not None, "the account was just created"
        return acteur

    def habitant(self) -> Acteur:
        self.numero += 1
        prenom, nom = self.faux.first_name(), self.faux.last_name()
        email = f"{_ascii(prenom)}.{_ascii(nom)}.{self.numero}@{DOMAINE}"
        return self._compte(f"{prenom} {nom}", email)

    def _voisin(self, conseil: ConseilDemo) -> Acteur:
        """A resident who signs up to support a proposal and never joins the assembly (kept out
        of `habitants`, from whom newcomers are drawn)."""
        habitant = self.habitant()
        conseil.public.append(habitant)
        return habitant

    def _mouvements(self, conseil: Conseil) -> Action:
        """The month's newcomers and departures, drawn at its start from the assembly's size;
        some who leave come back months later."""

        def agir() -> None:
            debut = self.horloge()
            arrivees = poisson(self.alea, conseil.arrivees_par_mois)
            departs = poisson(self.alea, len(conseil.membres) * DEPARTS_PAR_MOIS)
            actions = [self._arrivee(conseil)] * arrivees + [self._depart(conseil)] * departs
            for action in actions:
                instant = debut + timedelta(days=self.alea.uniform(0, 30.4))
                if instant < self.fin:
                    self.plus_tard(instant, action)

        return agir

    def _arrivee(self, conseil: Conseil) -> Callable[[], None]:
        def agir() -> None:
            if conseil.habitants and self.alea.random() < PART_D_HABITANTS_DEJA_INSCRITS:
                i = self.alea.randrange(len(conseil.habitants))
                conseil.habitants[i], conseil.habitants[-1] = (
                    conseil.habitants[-1],
                    conseil.habitants[i],
                )
                personne = conseil.habitants.pop()
            else:
                personne = self.habitant()
                conseil.public.append(personne)
            self._rejoindre(conseil, personne)

        return agir

    def _rejoindre(self, conseil: Conseil, personne: Acteur) -> None:
        a = conseil.arrondissement
        alea = self.alea
        acteur_local = alea.random() < 0.33
        quartiers = [q.code for q in geographie_au(jour_a_paris(self.horloge())).quartiers_de(a)]
        age = alea.choices(
            ["moins_de_18", "18_24", "25_39", "40_59", "60_74", "75_et_plus"],
            [3, 10, 28, 32, 20, 7],
        )[0]
        if acteur_local:
            age = "25_39" if age == "moins_de_18" else age
        type_structure = alea.choice(["association", "ecole", "amicale", "commerce", "institution"])
        quartier = alea.choice(quartiers) if quartiers and alea.random() < 0.7 else HORS_QPV
        self.p.assemblee.rejoindre(
            personne,
            a,
            "acteur_local" if acteur_local else "habitant",
            alea.choices(["femme", "homme", "autre", "ne_se_prononce_pas"], [49, 46, 2, 3])[0],
            age,
            quartier,
            True,
            _structure(type_structure, self.faux.street_name()) if acteur_local else "",
            type_structure if acteur_local else "",
            age == "moins_de_18",
        )
        noyau = alea.random() < PART_DU_NOYAU_ACTIF
        assiduite = alea.uniform(*(ASSIDUITE_NOYAU if noyau else ASSIDUITE_OCCASIONNELLE))
        conseil.entrer(personne, quartier, assiduite)

    def _depart(self, conseil: Conseil) -> Callable[[], None]:
        def agir() -> None:
            if len(conseil.membres) < 12:
                return
            personne = conseil.membre_au_hasard(self.alea)
            assert personne is not None
            conseil.sortir(personne.compte_id)
            motif = self.alea.choice([m.value for m in MotifSortie])
            self.p.assemblee.quitter(personne, conseil.arrondissement, motif)
            if self.alea.random() < PART_DES_RETOURS:
                retour = self.horloge() + timedelta(days=self.alea.uniform(60, 540))
                if retour < self.fin:
                    self.plus_tard(retour, self._retour(conseil, personne.compte_id))

        return agir

    def _retour(self, conseil: Conseil, cle: UUID) -> Callable[[], None]:
        def agir() -> None:
            if cle in conseil.anciens:
                self._rejoindre(conseil, conseil.anciens[cle])

        return agir

    def _reglement(
        self, conseil: Conseil, agent_ville: Acteur, agent_etat: Acteur, plus_tard: Planifier
    ) -> None:
        """Deposit the règlement; the Ville or the État reviews it (sometimes asks for changes)."""
        a = conseil.arrondissement
        texte = _reglement_interieur(a)
        agent = agent_ville if a % 2 == 0 else agent_etat
        refuse = self.alea.random() < 0.3
        plus_tard(
            self._jour(2), lambda: self.p.conseils.deposer_reglement(conseil.animateur, a, texte)
        )
        forme = self.alea.choice(
            ["association_ad_hoc", "association_existante", "collectif_informel"]
        )
        porteuse = {
            "association_ad_hoc": f"Association du conseil citoyen Paris {a}e",
            "association_existante": f"Centre social {self.faux.last_name()}",
            "collectif_informel": f"Collectif des habitant·es du {a}e",
        }[forme]
        plus_tard(
            self._jour(1),
            lambda: self.p.conseils.designer_structure_porteuse(
                agent, a, porteuse, forme, jour_a_paris(self._jour(1))
            ),
        )
        numero = 1
        if refuse:
            plus_tard(
                self._jour(22),
                lambda: self.p.conseils.statuer_conformite(
                    agent, a, 1, "non_conforme", "Les modalités de tirage au sort sont à préciser."
                ),
            )
            plus_tard(
                self._jour(37),
                lambda: self.p.conseils.deposer_reglement(
                    conseil.animateur,
                    a,
                    texte + "\n\nArticle 6. Le tirage au sort est public et annoncé à l'avance.",
                ),
            )
            numero = 2
        if a != 17:  # one council still waits for the review of its règlement
            plus_tard(
                self._jour(67),
                lambda: self.p.conseils.statuer_conformite(agent, a, numero, "conforme", ""),
            )

    def _groupe_moteur(self, conseil: Conseil, plus_tard: Planifier) -> None:
        """Targets, volunteers, a tirage announced then drawn with dice; later, replacements."""
        a = conseil.arrondissement
        animateur = conseil.animateur
        alea = self.alea
        taille = alea.choice([20, 24, 30])
        date_tirage = self._soiree(self._jour(125))
        tirage: list[UUID] = []

        def constituer() -> None:
            self.p.groupe_moteur.fixer_objectifs(animateur, a, Objectifs(taille=taille))
            for cle in sorted(conseil.membres):
                if alea.random() < 0.6:
                    self.p.assemblee.declarer_volontariat(conseil.membres[cle], a, True)

        def annoncer() -> None:
            self.p.projecteur.rattraper()
            volontaires = [
                candidat_volontaire(v.personne_id, v.college, v.genre, v.quartier)
                for v in self.p.lecture.volontaires_groupe_moteur(a)
            ]
            quartiers = [
                q.code for q in geographie_au(jour_a_paris(self._jour(100))).quartiers_de(a)
            ]
            liste = ["id,college,genre,quartier,volontaire,source"]
            for i in range(3 * taille):
                college = "acteur_local" if i % 4 == 0 else "habitant"
                genre = "femme" if alea.random() < 0.5 else "homme"
                quartier = alea.choice(quartiers) if quartiers else HORS_QPV
                source = "liste_associations" if college == "acteur_local" else "bailleur_social"
                liste.append(f"liste-{a}-{i:03d},{college},{genre},{quartier},non,{source}")
            dice = f"{date_tirage.day} {_MOIS_DEMO[date_tirage.month - 1]} {date_tirage.year}"
            tirage.append(
                self.p.groupe_moteur.annoncer_tirage(
                    animateur,
                    a,
                    self.p.groupe_moteur.quotas_proposes(a),
                    f"Quatre dés à dix faces lancés par deux témoins à la séance du {dice}",
                    volontaires,
                    "\n".join(liste),
                    hasard_le=date_tirage,  # the séance: the draw comes 45 minutes later
                )[0]
            )

        def tirer() -> None:
            des = ",".join(str(alea.randint(0, 9)) for _ in range(4))
            temoins = [f"{self.faux.first_name()} {self.faux.last_name()[0]}." for _ in range(2)]
            self.p.groupe_moteur.effectuer_tirage(animateur, tirage[0], des, temoins)
            self._reponses_des_tires(conseil)

        def remplacer() -> None:
            self.p.projecteur.rattraper()
            membres = self.p.lecture.membres_groupe_moteur(a)
            if membres:
                sortant = alea.choice(membres).membre_id
                motif = alea.choice(["demission", "demenagement", "absences_repetees"])
                self.p.groupe_moteur.faire_sortir(animateur, a, sortant, motif)
                self._reponses_des_tires(conseil)

        plus_tard(self._jour(95), constituer)
        plus_tard(self._jour(100), annoncer)
        plus_tard(date_tirage + timedelta(minutes=45), tirer)
        for jour in range(200, int((self.fin - self.debut).days), 150):
            plus_tard(self._jour(jour + alea.randint(0, 30)), remplacer)

    def _reponses_des_tires(self, conseil: Conseil) -> None:
        """People drawn from lists answer within the 15 days, as the animateurs reach them: most
        accept, about one in eight declines and the next substitute is called (who answers in
        turn). Drawn with their own generator, so the rest of the demo is unchanged."""
        self.p.projecteur.rattraper()
        a, alea = conseil.arrondissement, self.reponses
        for membre in self.p.lecture.membres_groupe_moteur(a):
            if membre.reponse_avant is None or (a, membre.membre_id) in self.joints:
                continue
            self.joints.add((a, membre.membre_id))
            quand = self.horloge() + timedelta(days=alea.uniform(2, 12))
            accepte = alea.random() < 0.88
            self.plus_tard(quand, partial(self._reponse, conseil, membre.membre_id, accepte))

    def _reponse(self, conseil: Conseil, membre_id: str, accepte: bool) -> None:
        a, animateur = conseil.arrondissement, conseil.animateur
        self.p.projecteur.rattraper()
        attendus = {m.membre_id for m in self.p.lecture.membres_groupe_moteur(a) if m.reponse_avant}
        if membre_id not in attendus:  # left meanwhile (a replacement drew them out)
            return
        if accepte:
            self.p.groupe_moteur.accepter(animateur, a, membre_id)
            return
        self.p.groupe_moteur.faire_sortir(animateur, a, membre_id, "refus")
        self._reponses_des_tires(conseil)

    def _seances_du_mois(self, conseil: Conseil, mois: datetime, plus_tard: Planifier) -> None:
        """Every month but August, a plenary of the open assembly and a séance of each priority
        neighbourhood (QPV) for the people who live there (rule 1)."""
        if mois.month == 8:
            return
        dernier_debut = self.fin - timedelta(hours=5)
        date = self._soiree(mois + timedelta(days=self.alea.randint(0, 20)))
        if date < dernier_debut:
            self._seance(conseil, date, plus_tard)
        for qpv in quartiers_au(jour_a_paris(mois), conseil.arrondissement):
            date = self._soiree(mois + timedelta(days=self.alea.randint(0, 27)))
            if date < dernier_debut:
                self._seance(conseil, date, plus_tard, code_au(qpv.code, jour_a_paris(date)))

    def _seance(
        self, conseil: Conseil, date: datetime, plus_tard: Planifier, quartier: str = ""
    ) -> None:
        """Plan three weeks ahead; then cancel, or hold it and write the minutes days later.
        Each member comes with their own attendance, times the séance's turnout; at a
        neighbourhood séance, more of those who live there and few of the others."""
        faux, alea = self.faux, self.alea
        a = conseil.arrondissement
        animateur = conseil.animateur
        salle = alea.choice(
            [
                "Centre social",
                "Salle des fêtes de la mairie",
                "Maison des associations",
                "Centre Paris Anim'",
                "Bibliothèque",
            ]
        )
        lieu = f"{salle} — {faux.street_address()}, Paris {a}e"
        sujets = alea.sample(SUJETS, 3)
        odj = ordre_du_jour(sujets)
        ids: list[UUID] = []
        theme = theme_de_seance(sujets[0]) if quartier else ""
        qpv = {q.code: q.nom for q in quartiers_au(jour_a_paris(date), a)}
        seance = Seance(date, lieu, qpv.get(quartier, ""), list(qpv.values()), sujets, 0, 0)
        textes = self.textes
        hybride = est_hybride(date, quartier)
        maniere = maniere_de_la_seance(a, date, quartier)

        def planifier() -> None:
            seance_id, _ = self.p.seances.planifier(
                animateur, a, date, lieu, odj, quartier=quartier, theme=theme, maniere=maniere
            )
            ids.append(seance_id)

        quand = date - timedelta(days=21)
        if quartier and jour_a_paris(date) >= DEBUT_GEOGRAPHIE_2024 > jour_a_paris(quand):
            quand = ADOPTION + timedelta(hours=1)  # a new QPV's séance, once its list is adopted
            if quand > date - timedelta(days=4):
                return  # none in the first days of the new list
        plus_tard(min(quand, self.fin - timedelta(hours=1)), planifier)
        if date > self.fin:
            return
        if alea.random() < 0.06:
            plus_tard(
                date - timedelta(days=3),
                lambda: self.p.seances.annuler(animateur, ids[0], None, "Salle indisponible."),
            )
            return
        affluence = alea.uniform(*AFFLUENCE)
        anonymes = alea.randint(0, 12 if quartier else 25)
        nombre_decisions = alea.randint(1, 3)
        tenue: list[int] = []

        def facteur(personne_id: UUID) -> float:
            if not quartier:
                return 1.0
            if conseil.quartiers[personne_id] == quartier:
                return QUARTIER_HABITANTS
            return QUARTIER_AUTRES

        def tenir() -> None:
            presents = [
                pid
                for pid in sorted(conseil.membres, key=_entier)  # = UUID order, faster
                if alea.random() < conseil.assiduites[pid] * affluence * facteur(pid)
            ]
            # At a hybrid séance, about one member in four follows it remotely and says so.
            a_distance = [pid for pid in presents if hybride and pid.int % 4 == 0]
            for personne_id in presents:
                if personne_id not in a_distance:
                    self.p.seances.changer_presence(animateur, ids[0], personne_id, True)
            for personne_id in a_distance:
                self.p.seances.se_declarer_a_distance(Acteur(personne_id), ids[0])
            self.p.seances.compter_anonymes(animateur, ids[0], None, anonymes)
            votants = max(1, len(presents) + anonymes)
            for rang, sujet in enumerate(sujets[:nombre_decisions]):
                tirage_a, tirage_b = alea.randint(0, votants), alea.randint(0, votants)
                pour, contre, abstention = _votes(votants, tirage_a, tirage_b)
                cite = quartier_cite(seance.quartier, seance.quartiers, textes)
                texte = motion(sujet, textes, cite)
                if hybride and rang == 0:
                    # The first motion of a hybrid séance: an online poll for those who are
                    # remote, a show of hands in the room for the others.
                    en_ligne = self._scrutin(animateur, ids[0], texte, a_distance)
                    salle = max(1, votants - len(a_distance))
                    dans_la_salle = _votes(salle, min(tirage_a, salle), min(tirage_b, salle))
                    self.p.seances.enregistrer_decision(
                        animateur, ids[0], "", *dans_la_salle, scrutin=1
                    )
                    pour, contre, abstention = (
                        x + y for x, y in zip(dans_la_salle, en_ligne, strict=True)
                    )
                else:
                    self.p.seances.enregistrer_decision(
                        animateur, ids[0], texte, pour, contre, abstention
                    )
                seance.votes.append(Vote(texte, pour, contre, abstention))
            tenue.append(len(presents))
            self._approuver_comptes_rendus(conseil, ids[0], votants, plus_tard)

        def rediger() -> None:
            seance.presents, seance.anonymes = tenue[0], anonymes
            texte = compte_rendu(seance, textes)
            self.p.seances.rediger_compte_rendu(animateur, ids[0], None, texte)
            conseil.comptes_rendus_a_approuver.append(ids[0])

        plus_tard(date + timedelta(hours=2, minutes=30), tenir)
        plus_tard(min(date + timedelta(days=4), self.fin - timedelta(minutes=30)), rediger)

    def _scrutin(
        self, animateur: Acteur, seance_id: UUID, texte: str, votants: list[UUID]
    ) -> tuple[int, int, int]:
        """Poll n° 1 of a hybrid séance: each remote member votes once; its counts."""
        numero, _ = self.p.seances.ouvrir_scrutin(animateur, seance_id, texte)
        for personne_id in votants:
            choix = CHOIX_EN_LIGNE[personne_id.int % len(CHOIX_EN_LIGNE)]
            self.p.seances.voter_en_ligne(Acteur(personne_id), seance_id, numero, choix)
        self.p.seances.clore_scrutin(animateur, seance_id, numero)
        voix = [CHOIX_EN_LIGNE[p.int % len(CHOIX_EN_LIGNE)] for p in votants]
        return voix.count("pour"), voix.count("contre"), voix.count("abstention")

    def _approuver_comptes_rendus(
        self, conseil: Conseil, seance_id: UUID, votants: int, plus_tard: Planifier
    ) -> None:
        """At each séance held, the assembly approves the minutes written since the previous
        one, by a large majority (at most a quarter of the votes against or abstaining, so
        that every majority rule adopts them). The third minutes a council approves get a
        correction two days later, approved in turn at its next séance."""
        alea, animateur = self.approbations, conseil.animateur
        for approuvee in conseil.comptes_rendus_a_approuver:
            version = len(self.p.registre.charger(SeanceDuDomaine, approuvee, "").comptes_rendus)
            reste = (votants - 1) // 4
            contre = min(alea.randint(0, 1), reste)
            abstention = min(alea.randint(0, 2), reste - contre)
            self.p.seances.voter_compte_rendu(
                animateur,
                seance_id,
                approuvee,
                version,
                votants - contre - abstention,
                contre,
                abstention,
            )
            conseil.comptes_rendus_approuves += 1
            if conseil.comptes_rendus_approuves == 3:
                plus_tard(
                    self.horloge() + timedelta(days=2),
                    partial(self._corriger_compte_rendu, conseil, approuvee),
                )
        conseil.comptes_rendus_a_approuver.clear()

    def _corriger_compte_rendu(self, conseil: Conseil, seance_id: UUID) -> None:
        """A correction of approved minutes: a new version, to approve at the next séance."""
        texte = self.p.registre.charger(SeanceDuDomaine, seance_id, "").compte_rendu
        rectificatif = (
            "\n\nRectificatif : le nombre de participant·es non inscrit·es a été recompté "
            "sur la feuille d'émargement papier ; les votes sont inchangés."
        )
        self.p.seances.rediger_compte_rendu(
            conseil.animateur, seance_id, None, texte + rectificatif
        )
        conseil.comptes_rendus_a_approuver.append(seance_id)


CHOIX_EN_LIGNE = ("pour", "pour", "pour", "contre", "abstention")
"""How remote members vote in the demo's online polls (by their id: deterministic)."""


def est_hybride(date: datetime, quartier: str) -> bool:
    """Since 2020, one plenary séance in three is held both in the room and online. Decided by
    the date, not the demo's random draws, so that the rest of the demo does not change."""
    return not quartier and date.year >= 2020 and date.month % 3 == 0


def maniere_de_la_seance(arrondissement: int, date: datetime, quartier: str) -> Maniere:
    """Plenary séances are in step-free rooms; hybrid ones have a videoconference link and
    interpretation in French sign language; neighbourhood séances state nothing."""
    if est_hybride(date, quartier):
        lien = f"https://visio.paris.fr/conseil-citoyen-{arrondissement}e/{date:%Y-%m}"
        return Maniere("hybride", lien, ("plain_pied", "interpretation_lsf"))
    if quartier:
        return Maniere()
    return Maniere("presentiel", "", ("plain_pied",))


_MOIS_DEMO = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip


def _entier(personne_id: UUID) -> int:
    return personne_id.int


def _votes(votants: int, a: int, b: int) -> tuple[int, int, int]:
    """Votes as an assembly casts them, from two draws in [0, votants]: most motions pass with
    some votes against and a few abstentions; about one in ten is contested and rejected."""
    if a > 0.9 * votants:
        contre = votants // 2 + 1
        abstention = min(votants - contre, b // 6)
    else:
        contre = a // 4
        abstention = min(votants - contre, b // 6)
    return votants - contre - abstention, contre, abstention


def _structure(type_structure: str, rue: str) -> str:
    """A local actor's structure, named as people name them, with its street (fictitious)."""
    return {
        "association": f"Association des habitant·es ({rue})",
        "ecole": f"École élémentaire ({rue})",
        "amicale": f"Amicale des locataires ({rue})",
        "commerce": f"Commerçant·es ({rue})",
        "institution": f"Centre social ({rue})",
    }[type_structure]


def _reglement_interieur(arrondissement: int) -> str:
    return (
        f"Règlement intérieur du conseil citoyen du {arrondissement}e arrondissement\n\n"
        "Article 1. Le conseil citoyen est une assemblée ouverte à toute personne habitant ou "
        "agissant dans les quartiers prioritaires de l'arrondissement.\n"
        "Article 2. Il comprend un collège des habitant·es et un collège des acteurs locaux.\n"
        "Article 3. Le groupe moteur compte de 20 à 50 membres, tirés au sort pour partie.\n"
        "Article 4. Les décisions sont prises en assemblée ouverte, à la majorité simple.\n"
        "Article 5. Les séances sont publiques ; leur compte rendu est publié."
    )


def _ascii(texte: str) -> str:
    propre = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()
    return "".join(c for c in propre.lower() if c.isalnum()) or "x"
