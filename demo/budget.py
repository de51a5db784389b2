"""Demo data of the budget participatif: every council's proposals through their whole lifecycle.

Each council gets one proposal per scenario below, so that every status shows up (irrecevable,
non retenue, abandonnée, fusionnée and réalisée included), with supports (one withdrawn), a
few comments (one hidden by the animation) and the council's backing by an adopted decision.
Some supports come from neighbours who sign up for a proposal without joining the assembly, so
that residents who only use the budget participatif show up whatever the demo's dates.
Deterministic: its own seeded random generator, the demo's seeded ids and simulated clock.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol
from uuid import UUID

from demo.textes import commentaire_bp
from domaine.budget import SOUTIENS_OUVERTS, TRANSITIONS, Depot
from domaine.comptes import Acteur
from domaine.quartiers import HORS_QPV, geographie_au
from domaine.temps import jour_a_paris
from domaine.vocabulaire import StatutProposition
from lancement.plateforme import Plateforme

S = StatutProposition
Action = Callable[[], object]
Planifier = Callable[[datetime, Action], None]


class ConseilDemo(Protocol):
    arrondissement: int
    animateur: Acteur
    membres: dict[UUID, Acteur]
    public: list[Acteur]


@dataclass(frozen=True)
class Scenario:
    """Where one proposal ends, and when it is filed (as a share of the demo's period)."""

    chemin: tuple[S, ...]
    depot: float
    au_nom_du_conseil: bool = False
    portee: bool = False


SCENARIOS = (
    Scenario((S.RECEVABLE, S.ETUDIEE, S.SOUMISE_AU_VOTE, S.LAUREATE, S.EN_REALISATION, S.REALISEE), 0.04, portee=True),
    Scenario((S.RECEVABLE, S.ETUDIEE, S.SOUMISE_AU_VOTE, S.LAUREATE, S.EN_REALISATION), 0.08),
    Scenario((S.RECEVABLE, S.ETUDIEE, S.SOUMISE_AU_VOTE, S.LAUREATE), 0.15),
    Scenario((S.RECEVABLE, S.ETUDIEE, S.SOUMISE_AU_VOTE, S.NON_RETENUE), 0.12),
    Scenario((S.RECEVABLE, S.ETUDIEE, S.SOUMISE_AU_VOTE), 0.3),
    Scenario((S.RECEVABLE, S.ETUDIEE), 0.55, au_nom_du_conseil=True),
    Scenario((S.RECEVABLE,), 0.7),
    Scenario((), 0.9),
    Scenario((S.IRRECEVABLE,), 0.2),
    Scenario((S.RECEVABLE, S.ETUDIEE, S.ABANDONNEE), 0.25),
    Scenario((S.FUSIONNEE,), 0.4),  # into the proposal put to the vote (filed at 0.3)
)  # fmt: skip
CIBLE_DES_FUSIONS = 4
FIN_DES_ETAPES = 0.97

PROJETS = [
    ("cadre_de_vie", "Des bancs et de l'ombre sur la place", "Sur la place, il n'y a ni banc ni ombre : les personnes âgées ne peuvent plus s'y arrêter et les parents attendent debout la sortie de l'école.\n\nNous proposons d'installer une dizaine de bancs avec dossier et accoudoirs, et de planter des arbres d'alignement côté école. Les commerçant·es de la place sont d'accord."),
    ("cadre_de_vie", "Éclairer le passage sous le pont", "Le passage sous le pont relie le quartier à la station de métro. Il est sombre dès 17 h en hiver et beaucoup d'habitantes font un détour pour l'éviter.\n\nLe projet : un éclairage à détection de présence, des murs repeints en clair et une fresque réalisée avec le centre Paris Anim'."),
    ("environnement", "Un jardin partagé au pied des immeubles", "La pelouse au pied des immeubles est interdite d'accès et mal entretenue.\n\nNous proposons d'en faire un jardin partagé : des bacs surélevés accessibles aux fauteuils, un récupérateur d'eau de pluie, un abri pour les outils. L'amicale des locataires et l'école maternelle voisine sont prêtes à s'en occuper."),
    ("environnement", "Végétaliser la cour de l'école", "La cour de l'école est entièrement goudronnée : en juin, il y fait plus de 40 °C au soleil.\n\nLe projet remplace une partie du bitume par des espaces plantés et un sol perméable, ajoute des points d'eau et des zones d'ombre, et ouvre la cour aux familles le samedi, comme les cours « oasis »."),
    ("solidarite", "Une bagagerie pour les personnes sans abri", "Les personnes sans abri du quartier portent toutes leurs affaires avec elles, ce qui les empêche d'aller à un rendez-vous ou de chercher du travail.\n\nNous proposons d'aménager un local avec des casiers fermés, géré par une association de maraude, ouvert tôt le matin et le soir."),
    ("solidarite", "Un local pour les permanences d'accès aux droits", "Depuis la fermeture de plusieurs guichets, les permanences d'écrivain public et d'aide aux démarches se tiennent dans un couloir du centre social.\n\nLe projet rénove un local vacant du bailleur en rez-de-chaussée : deux bureaux fermés pour la confidentialité, une salle d'attente, des ordinateurs en accès libre."),
    ("education", "Une salle d'étude ouverte le soir", "Beaucoup de collégien·nes partagent leur chambre et n'ont pas de calme pour réviser.\n\nNous proposons d'équiper une salle de l'équipement jeunesse (tables, éclairage, wifi, prises) et de l'ouvrir jusqu'à 21 h en semaine, avec l'aide aux devoirs des associations."),
    ("culture", "Une fresque participative sur le mur du gymnase", "Le mur du gymnase est tagué chaque semaine.\n\nNous proposons d'y réaliser une fresque sur l'histoire du quartier, dessinée avec les écoles, les jeunes du centre Paris Anim' et les anciens, encadrée par un ou une artiste du quartier."),
    ("culture", "Une boîte à livres dans le square", "Il n'y a pas de librairie dans le quartier et la bibliothèque est fermée le dimanche.\n\nLe projet : une boîte à livres abritée de la pluie, avec un rayon jeunesse et des livres en plusieurs langues, entretenue par l'amicale des locataires."),
    ("sport", "Rénover le terrain de basket", "Le sol du terrain est troué, les paniers sont cassés et il n'y a pas d'éclairage : on ne peut plus y jouer après 17 h en hiver.\n\nNous proposons de refaire le sol et les paniers, d'ajouter un éclairage jusqu'à 22 h et des bancs, et de réserver des créneaux aux filles avec l'association sportive du quartier."),
    ("sport", "Des agrès de sport en accès libre", "Beaucoup d'habitant·es courent ou marchent le long de la promenade, mais rien n'y permet de faire des exercices.\n\nLe projet installe des agrès de musculation et d'étirement, dont certains adaptés aux seniors et aux personnes en fauteuil, avec un panneau d'exercices."),
    ("autre", "Des toilettes publiques accessibles", "Il n'y a pas de toilettes publiques près du marché : c'est difficile pour les personnes âgées, les familles et les personnes malades.\n\nNous proposons d'installer deux sanisettes accessibles aux fauteuils, avec une table à langer, entre le marché et le square."),
]  # fmt: skip
LIEUX = [
    "Square du quartier",
    "Devant l'école élémentaire",
    "Cour de la résidence",
    "Place du marché",
    "Le long de la promenade",
    "",
]
COMMENTAIRES = [
    "Très bonne idée, les enfants du quartier en ont besoin.",
    "Il faudrait prévoir l'entretien avec les associations du quartier.",
    "Je soutiens, à condition que ce soit accessible aux personnes à mobilité réduite.",
    "Pourquoi pas, mais l'emplacement me semble mal choisi.",
    "Enfin ! Nous le demandons depuis des années au conseil de quartier.",
]
MOTIF_IRRECEVABLE = (
    "Le projet relève du budget de fonctionnement de la Ville, pas de l'investissement."
)
MOTIF_ABANDON = "L'étude technique a montré que le site n'est pas constructible."
MOTIF_MASQUAGE = "Propos sans rapport avec la proposition."
COMMENTAIRE_MASQUE = "Venez tous à ma vente de vêtements samedi, prix cassés !"


class DemoBudget:
    def __init__(
        self,
        plateforme: Plateforme,
        alea: random.Random,
        debut: datetime,
        fin: datetime,
        voisin: Callable[[ConseilDemo], Acteur],
        textes: random.Random,
    ) -> None:
        self.p = plateforme
        self.alea = alea
        self.textes = textes
        """For the choice of comments only (`demo/textes.py`), never for the simulation."""
        self._titres: dict[tuple[int, int], str] = {}
        self.debut = debut
        self.fin = fin
        self.voisin = voisin
        """Signs up a resident of the council who has not joined its assembly."""

    def planifier(self, conseil: ConseilDemo, agent_ville: Acteur, plus_tard: Planifier) -> None:
        """Schedule every scenario of one council on the demo's calendar."""
        ids: dict[int, UUID] = {}
        duree = (self.fin - self.debut).total_seconds()
        for numero, scenario in enumerate(SCENARIOS):
            depot = self.debut + timedelta(
                seconds=duree * (scenario.depot + self.alea.uniform(0, 0.02))
            )
            fin_des_etapes = self.debut + timedelta(seconds=duree * FIN_DES_ETAPES)
            pas = (fin_des_etapes - depot) / (len(scenario.chemin) + 1)
            dates = [depot + pas * (i + 1) for i in range(len(scenario.chemin))]
            plus_tard(depot, self._depot(conseil, scenario, numero, ids))
            fermeture = next(
                (
                    d
                    for d, s in zip(dates, scenario.chemin, strict=True)
                    if s not in SOUTIENS_OUVERTS
                ),
                fin_des_etapes,
            )
            self._vie(conseil, numero, ids, depot, fermeture, numero == 0, plus_tard)
            if scenario.portee:  # before the vote, once the assembly has decided things
                plus_tard(dates[2] - timedelta(days=1), self._portage(conseil, numero, ids))
            for date, statut in zip(dates, scenario.chemin, strict=True):
                plus_tard(date, self._etape(agent_ville, numero, ids, statut, date))

    def _depot(
        self, conseil: ConseilDemo, scenario: Scenario, numero: int, ids: dict[int, UUID]
    ) -> Action:
        a = conseil.arrondissement
        theme, titre, description = self.alea.choice(PROJETS)
        self._titres[a, numero] = titre
        lieu = self.alea.choice(LIEUX)
        cout = self.alea.randrange(5_000, 600_000, 500)
        en_qpv = self.alea.random() < 0.8

        def agir() -> None:
            seance_id, decision = None, None
            auteur = conseil.animateur
            if scenario.au_nom_du_conseil:
                seance_id, decision = self.derniere_decision(a)
            elif conseil.membres:
                auteur = conseil.membres[self.alea.choice(sorted(conseil.membres))]
            quartiers = [
                q.code
                for q in geographie_au(jour_a_paris(self.p.registre.maintenant())).quartiers_de(a)
            ]
            quartier = self.alea.choice(quartiers) if quartiers and en_qpv else HORS_QPV
            ids[numero], _ = self.p.budget.deposer(
                auteur,
                a,
                Depot(titre, description, quartier, lieu, theme, cout),
                seance_id=seance_id,
                decision=decision,
            )

        return agir

    def derniere_decision(self, arrondissement: int) -> tuple[UUID | None, int | None]:
        """The council's latest adopted decision, if any (then it speaks for the council)."""
        self.p.projecteur.rattraper()
        adoptees = self.p.lecture.decisions_adoptees(arrondissement, limite=1)
        if not adoptees:
            return None, None
        return UUID(adoptees[0].seance_id), int(adoptees[0].numero)

    def _portage(self, conseil: ConseilDemo, numero: int, ids: dict[int, UUID]) -> Action:
        def agir() -> None:
            seance_id, decision = self.derniere_decision(conseil.arrondissement)
            if seance_id is not None:
                self.p.budget.porter(conseil.animateur, ids[numero], seance_id, decision)

        return agir

    def _vie(
        self,
        conseil: ConseilDemo,
        numero: int,
        ids: dict[int, UUID],
        depot: datetime,
        fermeture: datetime,
        moderee: bool,
        plus_tard: Planifier,
    ) -> None:
        """Supports (one withdrawn) and comments while supports are open; one comment hidden."""
        fenetre = (fermeture - depot).total_seconds()

        def quand() -> datetime:
            return depot + timedelta(seconds=fenetre * self.alea.uniform(0.05, 0.95))

        def soutien_d_un_voisin() -> None:
            self.p.budget.soutenir(self.voisin(conseil), ids[numero], True)

        def soutien(retrait: bool) -> Action:
            def agir() -> None:
                if conseil.membres:
                    qui = conseil.membres[self.alea.choice(sorted(conseil.membres))]
                    self.p.budget.soutenir(qui, ids[numero], True)
                    if retrait:
                        self.p.budget.soutenir(qui, ids[numero], False)

            return agir

        def commentaire(texte: str, sur_le_projet: bool = True) -> Action:
            def agir() -> None:
                if conseil.membres:
                    qui = conseil.membres[self.alea.choice(sorted(conseil.membres))]
                    titre = self._titres.get((conseil.arrondissement, numero), "")
                    mots = commentaire_bp(titre, texte, self.textes) if sur_le_projet else texte
                    self.p.budget.commenter(qui, ids[numero], mots)

            return agir

        for i in range(self.alea.randint(2, 14)):
            plus_tard(quand(), soutien(retrait=i == 0 and numero % 3 == 0))
        plus_tard(quand(), soutien_d_un_voisin)
        for texte in self.alea.sample(COMMENTAIRES, self.alea.randint(0, 2)):
            plus_tard(quand(), commentaire(texte))
        if moderee:
            ecrit = depot + timedelta(seconds=fenetre * 0.5)
            plus_tard(ecrit, commentaire(COMMENTAIRE_MASQUE, sur_le_projet=False))
            plus_tard(ecrit + timedelta(hours=20), self._masquage(conseil, numero, ids))

    def _masquage(self, conseil: ConseilDemo, numero: int, ids: dict[int, UUID]) -> Action:
        def agir() -> None:
            self.p.projecteur.rattraper()
            for c in self.p.lecture.commentaires_bp(ids[numero]):
                if c.texte == COMMENTAIRE_MASQUE and not c.motif_masquage:
                    self.p.budget.masquer_commentaire(
                        conseil.animateur, ids[numero], c.numero, MOTIF_MASQUAGE
                    )

        return agir

    def _etape(
        self, agent: Acteur, numero: int, ids: dict[int, UUID], statut: S, date: datetime
    ) -> Action:
        b = self.p.budget
        cout = self.alea.randrange(5_000, 900_000, 1_000)
        voix = self.alea.randint(800, 4_000) if statut == S.LAUREATE else self.alea.randint(40, 700)

        def agir() -> None:
            pid = ids[numero]
            details: dict[str, Any] = {}
            if statut == S.IRRECEVABLE:
                details = {"motif": MOTIF_IRRECEVABLE}
            elif statut == S.ETUDIEE:
                details = {"cout_reestime": min(cout, b.enveloppe)}
            elif statut in (S.LAUREATE, S.NON_RETENUE):
                details = {"voix": voix}
            elif statut == S.REALISEE:
                details = {"realisee_le": jour_a_paris(date - timedelta(days=2))}
            elif statut == S.ABANDONNEE:
                details = {"motif": MOTIF_ABANDON}
            elif statut == S.FUSIONNEE:
                details = {"cible_id": ids[CIBLE_DES_FUSIONS]}
            b.faire_avancer(agent, pid, None, statut, **details)

        return agir


assert all(
    b in TRANSITIONS[a]
    for s in SCENARIOS
    for a, b in zip((S.DEPOSEE, *s.chemin), s.chemin, strict=False)
), "every demo scenario follows the lifecycle"
