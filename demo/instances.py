"""Demo data of the bodies of the contrat de ville: the Paris steering committee, each council's
arrondissement committee and one other body (urban renewal or a technical committee); delegates
designated every year by a decision of the open assembly, and by a tirage au sort among
volunteers for the other body; meetings over the years, some without the council; the
delegates' reports back, presented at the council's next séance; one resignation.

Deterministic: its own seeded random generator, the demo's seeded ids and simulated clock.
"""

import contextlib
import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from uuid import UUID

from domaine.comptes import Acteur
from domaine.erreurs import ErreurParticipation
from domaine.instances import Designe
from domaine.temps import heure_de_paris, jour_a_paris
from lancement.plateforme import Plateforme

Action = Callable[[], object]
Planifier = Callable[[datetime, Action], None]

AUTRES = {18: "renouvellement_urbain", 19: "renouvellement_urbain", 20: "renouvellement_urbain"}
NOMS_AUTRES = {
    18: "NPNRU Porte de la Chapelle – Charles Hermite",
    19: "NPNRU Orgues de Flandre",
    20: "NPNRU Python-Duvernois",
}
COMPTES_RENDUS = [
    "Le comité a fait le bilan de l'année : les actions financées sont en retard dans notre "
    "quartier. Nous avons demandé un calendrier précis, qui sera envoyé au conseil.",
    "Présentation des projets de l'appel à projets. Nous avons rappelé les besoins exprimés en "
    "séance (aide aux devoirs, accès aux droits) ; deux projets du quartier sont retenus.",
    "Point sur les relogements : les familles seront reçues une à une. Nous avons demandé que "
    "le conseil soit associé au suivi et qu'une réunion publique ait lieu avant l'été.",
    "Revue des chantiers en cours. Le bailleur s'engage à rouvrir le passage piéton ; nous "
    "reviendrons vers le conseil avec les dates.",
]


class DemoInstances:
    def __init__(
        self, plateforme: Plateforme, alea: random.Random, debut: datetime, fin: datetime
    ) -> None:
        self.p = plateforme
        self.alea = alea
        self.debut = debut
        self.fin = fin
        self.copil_parisien: UUID | None = None
        self.instances: dict[int, list[UUID]] = {}

    def planifier(
        self, arrondissements: list[tuple[int, Acteur]], agent: Acteur, plus_tard: Planifier
    ) -> None:
        plus_tard(self.debut + timedelta(days=1), lambda: self._creer(arrondissements, agent))
        annees = range(self.debut.year, self.fin.year + 1)
        quands = sorted(
            {max(self.debut + timedelta(days=75), self._le(date(annee, 1, 12))) for annee in annees}
        )
        for a, animateur in arrondissements:
            for quand in quands:
                plus_tard(quand, self._designer(a, animateur))
                plus_tard(quand + timedelta(days=20), self._tirage(a, animateur, plus_tard))
        jour = self.debut + timedelta(days=90)
        rang = 0
        while jour < self.fin:
            rang += 1
            plus_tard(jour, self._reunions(arrondissements, agent, rang, plus_tard))
            jour += timedelta(days=self.alea.randint(80, 110))
        if len(arrondissements) > 0:
            a, animateur = arrondissements[-1]
            plus_tard(self.debut + timedelta(days=200), self._demission(a, animateur))

    @staticmethod
    def _le(jour: date) -> datetime:
        return heure_de_paris(jour, time(10, 0))

    def _creer(self, arrondissements: list[tuple[int, Acteur]], agent: Acteur) -> None:
        i = self.p.instances
        self.copil_parisien, _ = i.creer_instance(
            agent, "copil_parisien", "Comité de pilotage du contrat de ville de Paris", 0
        )
        for a, _ in arrondissements:
            copil, _ = i.creer_instance(
                agent, "copil_arrondissement", f"Comité de pilotage du {a}e", a
            )
            nature = AUTRES.get(a, "comite_technique")
            nom = NOMS_AUTRES.get(a, f"Comité technique du {a}e")
            autre, _ = i.creer_instance(agent, nature, nom, a)
            self.instances[a] = [copil, autre]

    def _membres(self, a: int) -> list[UUID]:
        self.p.projecteur.rattraper()
        return [UUID(m.personne_id) for m in self.p.lecture.membres_actifs(a)]

    def _libres(self, a: int, instance: UUID, debut: date) -> list[UUID]:
        """Members without a mandate in `instance` on `debut` or after."""
        occupes = {
            m.personne_id
            for m in self.p.instances.delegation(a).mandats.values()
            if m.instance_id == str(instance) and m.fin_effective >= debut
        }
        return [m for m in self._membres(a) if str(m) not in occupes]

    def _designer(self, a: int, animateur: Acteur) -> Action:
        """Every year, by a decision of the open assembly: two titulaires and a substitute at
        the Paris committee, two titulaires at the arrondissement's (the same people renewed
        when they are still members)."""

        def agir() -> None:
            self.p.projecteur.rattraper()
            adoptees = self.p.lecture.decisions_adoptees(a, limite=1)
            if not adoptees or self.copil_parisien is None:
                return
            seance, numero = UUID(adoptees[0].seance_id), int(adoptees[0].numero)
            debut = jour_a_paris(self.p.registre.maintenant()) + timedelta(days=1)
            fin = date(debut.year, 12, 31) if debut.month < 10 else date(debut.year + 1, 12, 31)
            for instance, roles in (
                (self.copil_parisien, ("titulaire", "titulaire", "suppleant")),
                (self.instances[a][0], ("titulaire", "titulaire")),
            ):
                libres = self._libres(a, instance, debut)
                anciens = [
                    UUID(m.personne_id)
                    for m in self.p.instances.delegation(a).mandats_de(str(instance))
                    if UUID(m.personne_id) in libres
                ]
                autres = [m for m in libres if m not in anciens]
                self.alea.shuffle(autres)
                choisis = (anciens + autres)[: len(roles)]
                if len(choisis) < len(roles):
                    continue
                designes = [Designe(p, r) for p, r in zip(choisis, roles, strict=True)]
                try:
                    self.p.instances.designer(
                        animateur, a, instance, designes, debut, fin, seance, numero
                    )
                except ErreurParticipation:
                    continue  # the demo goes on: the next year designates again

        return agir

    def _tirage(self, a: int, animateur: Acteur, plus_tard: Planifier) -> Action:
        """The other body's delegates, drawn among five volunteers at the next séance."""

        def agir() -> None:
            instance = self.instances[a][1]
            debut = jour_a_paris(self.p.registre.maintenant()) + timedelta(days=10)
            volontaires = self._libres(a, instance, debut)
            self.alea.shuffle(volontaires)
            if len(volontaires) < 3:
                return
            hasard_le = heure_de_paris(debut - timedelta(days=3), time(18, 45))
            try:
                tirage_id, _ = self.p.instances.annoncer_tirage(
                    animateur, a, instance, volontaires[:5], 1, 1, debut,
                    date(debut.year + 1, debut.month, min(debut.day, 28)) - timedelta(days=1),
                    "quatre dés à dix faces lancés par deux témoins en séance", hasard_le,
                )  # fmt: skip
            except ErreurParticipation:
                return
            hasard = ",".join(str(self.alea.randint(0, 9)) for _ in range(4))

            def tirer() -> None:
                # a volunteer who left the assembly before the draw stops it: next year's tirage
                with contextlib.suppress(ErreurParticipation):
                    self.p.instances.effectuer_tirage(
                        animateur, tirage_id, hasard, ["Awa", "Yacine"]
                    )

            plus_tard(hasard_le + timedelta(minutes=5), tirer)

        return agir

    def _reunions(
        self, arrondissements: list[tuple[int, Acteur]], agent: Acteur, rang: int,
        plus_tard: Planifier,
    ) -> Action:  # fmt: skip
        """A round of meetings: the Paris committee every other round, each council's bodies
        every round; delegates attend most of them, and some meet without the council."""

        def agir() -> None:
            jour = jour_a_paris(self.p.registre.maintenant()) - timedelta(days=2)
            bodies: list[tuple[UUID, list[int]]] = []
            if rang % 2 == 0 and self.copil_parisien is not None:
                bodies.append((self.copil_parisien, [a for a, _ in arrondissements]))
            for a, _ in arrondissements:
                for instance in self.instances.get(a, []):
                    bodies.append((instance, [a]))
            animateurs = dict(arrondissements)
            for instance, conseils in bodies:
                try:
                    reunion, _ = self.p.instances.enregistrer_reunion(
                        agent, instance, jour, self.alea.choice(ORDRES_DU_JOUR)
                    )
                except ErreurParticipation:
                    continue
                for a in conseils:
                    if self.alea.random() < 0.2:
                        continue  # the council was not there
                    mandats = [
                        m
                        for m in self.p.instances.delegation(a).mandats_de(str(instance))
                        if m.actif_le(jour)
                    ]
                    presents = [m for m in mandats if self.alea.random() < 0.8]
                    if not presents:
                        continue
                    self.p.instances.enregistrer_presences(
                        animateurs[a], instance, reunion, a, [m.mandat_id for m in presents]
                    )
                    if self.alea.random() < 0.75:
                        quand = self.p.registre.maintenant() + timedelta(
                            days=self.alea.randint(2, 8)
                        )
                        plus_tard(
                            quand,
                            self._compte_rendu(a, animateurs[a], instance, reunion, presents[0].mandat_id, plus_tard),
                        )  # fmt: skip

        return agir

    def _compte_rendu(
        self, a: int, animateur: Acteur, instance: UUID, reunion: str, mandat: str,
        plus_tard: Planifier,
    ) -> Action:  # fmt: skip
        def agir() -> None:
            texte = self.alea.choice(COMPTES_RENDUS)
            compte_rendu, _ = self.p.instances.rediger_compte_rendu(
                animateur, instance, reunion, a, mandat, texte
            )
            plus_tard(
                self.p.registre.maintenant() + timedelta(days=35),
                self._presenter(a, animateur, instance, compte_rendu),
            )

        return agir

    def _presenter(self, a: int, animateur: Acteur, instance: UUID, compte_rendu: str) -> Action:
        """At the council's latest séance held (it follows the meeting)."""

        def agir() -> None:
            self.p.projecteur.rattraper()
            maintenant = self.p.registre.maintenant()
            for seance in self.p.lecture.seances(a, maintenant, a_venir=False, limite=3):
                if seance.statut == "annulee":
                    continue
                with contextlib.suppress(ErreurParticipation):  # held before the meeting
                    self.p.instances.presenter_compte_rendu(
                        animateur, instance, compte_rendu, UUID(seance.seance_id)
                    )
                return

        return agir

    def _demission(self, a: int, animateur: Acteur) -> Action:
        def agir() -> None:
            jour = jour_a_paris(self.p.registre.maintenant())
            for m in self.p.instances.delegation(a).mandats.values():
                if m.role == "suppleant" and m.actif_le(jour) and m.termine_le is None:
                    self.p.instances.terminer_mandat(animateur, a, m.mandat_id, jour, "demission")
                    return

        return agir


ORDRES_DU_JOUR = [
    "Bilan des actions de l'année ; programmation de l'année suivante.",
    "Appel à projets politique de la ville : projets proposés par quartier.",
    "Avancement du renouvellement urbain ; relogement ; calendrier des chantiers.",
    "Emploi et insertion des jeunes ; présentation des actions de la Mission locale.",
    "Tranquillité publique et gestion urbaine de proximité.",
]
