"""Demo data: every council lives through a few years of entries, exits, séances and decisions.

Deterministic for a given seed and day: ids come from a seeded generator and events are dated
by a simulated clock that runs from `years` ago up to today (00:00 UTC); séances still to come
are planned after today. Personal data is fictitious (Faker `fr_FR`, addresses @example.org).
"""

import heapq
import itertools
import random
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from faker import Faker
from sqlalchemy import MetaData
from tqdm import tqdm

from domaine.comptes import Acteur
from domaine.erreurs import ErreurParticipation
from domaine.groupe_moteur import Objectifs
from domaine.quartiers import ARRONDISSEMENTS, HORS_QPV, geographie_au
from domaine.vocabulaire import MotifSortie, Role
from participation.base import creer_moteur
from participation.configuration import Configuration
from participation.demo_avis import planifier_avis, rappels_hebdomadaires
from participation.demo_budget import DemoBudget
from participation.groupe_moteur import candidat_volontaire
from participation.identites import hacher
from participation.messagerie import MessagerieMemoire
from participation.plateforme import Plateforme

MOT_DE_PASSE = "demo-participation"
DOMAINE = "demo.example.org"
PARIS = ZoneInfo("Europe/Paris")


class HorlogeSimulee:
    """A clock the demo moves forward by hand."""

    def __init__(self, debut: datetime) -> None:
        self.instant = debut

    def __call__(self) -> datetime:
        return self.instant

    def aller_a(self, instant: datetime) -> None:
        self.instant = max(self.instant + timedelta(microseconds=1), instant)


Action = Callable[[], object]
Planifier = Callable[[datetime, Action], None]


@dataclass
class Conseil:
    arrondissement: int
    animateur: Acteur
    membres: dict[UUID, Acteur] = field(default_factory=dict)
    anciens: dict[UUID, Acteur] = field(default_factory=dict)


def commande(configuration: Configuration, seed: int, years: int, reinitialiser: bool) -> int:
    if not 1 <= years <= 30:
        raise ErreurParticipation("--years doit être compris entre 1 et 30.")
    if reinitialiser:
        vider(configuration)
    fin = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    debut = fin - timedelta(days=365 * years)
    horloge = HorlogeSimulee(debut - timedelta(days=1))
    generateur = random.Random(seed)
    plateforme = Plateforme(
        configuration,
        horloge,
        lambda: UUID(int=generateur.getrandbits(128), version=4),
        MessagerieMemoire(),  # the demo's reminders are recorded, not e-mailed
        par_lots=True,  # one writer: events and identities are written in batches
    )
    plateforme.migrer()
    if plateforme.identites.par_email(f"admin@{DOMAINE}") is not None:
        print(
            "Les données de démonstration sont déjà chargées dans cette base ; "
            "relancez avec --reinitialiser pour repartir de zéro."
        )
        _afficher_identifiants()
        plateforme.fermer()
        return 0
    Demo(plateforme, horloge, seed, debut, fin).charger()
    plateforme.projecteur.rattraper()
    plateforme.fermer()
    _afficher_identifiants()
    return 0


def vider(configuration: Configuration) -> None:
    """Drop every table of the database (event store, read models, identities)."""
    if not configuration.est_postgres:
        chemin = configuration.chemin_sqlite
        for suffixe in ("", "-wal", "-shm"):
            chemin.with_name(chemin.name + suffixe).unlink(missing_ok=True)
        return
    moteur = creer_moteur(configuration)
    meta = MetaData()
    meta.reflect(moteur)
    meta.drop_all(moteur)
    moteur.dispose()


def _afficher_identifiants() -> None:
    print(f"\nComptes de démonstration (mot de passe pour tous : {MOT_DE_PASSE}) :")
    print(f"  administration : admin@{DOMAINE}")
    print(f"  agent Ville    : agent.ville@{DOMAINE}")
    print(f"  agent État     : agent.etat@{DOMAINE}")
    for a in ARRONDISSEMENTS:
        print(f"  animateur {a}e  : animateur{a}@{DOMAINE}")
    print(f"  participant·e  : participant@{DOMAINE} (membre d'aucune assemblée)")


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
        self.faux = Faker("fr_FR")
        self.faux.seed_instance(seed)
        self.debut = debut
        self.fin = fin
        self.hachage = hacher(MOT_DE_PASSE)
        self.numero = 0
        self._file: list[tuple[datetime, int, Action]] = []
        self._ordre = itertools.count()
        # Its own random generator, so that the rest of the demo data stays as it was.
        self.budget = DemoBudget(plateforme, random.Random(seed * 104_729 + 11), debut, fin)

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
            for a in ARRONDISSEMENTS
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
        may schedule others (later ones: the clock never goes back)."""
        heapq.heappush(self._file, (instant, next(self._ordre), action))

    def _calendrier(self, conseils: list[Conseil], agent_ville: Acteur, agent_etat: Acteur) -> None:
        plus_tard = self.plus_tard
        for conseil in conseils:
            self._reglement(conseil, agent_ville, agent_etat, plus_tard)
            self._groupe_moteur(conseil, plus_tard)
            self.budget.planifier(conseil, agent_ville, plus_tard)
            for _ in range(self.alea.randint(25, 45)):
                plus_tard(self._jour(self.alea.uniform(3, 75)), self._arrivee(conseil))
            mois = int((self.fin - self.debut).days / 30.4)
            for m in range(3, mois):
                for _ in range(self.alea.randint(0, 4)):
                    plus_tard(
                        self._jour(m * 30.4 + self.alea.uniform(0, 30)), self._arrivee(conseil)
                    )
                for _ in range(self.alea.randint(0, 2)):
                    plus_tard(
                        self._jour(m * 30.4 + self.alea.uniform(0, 30)), self._depart(conseil)
                    )
                if self.alea.random() < 0.15:
                    plus_tard(
                        self._jour(m * 30.4 + self.alea.uniform(0, 30)), self._retour(conseil)
                    )
            for m in range(2, mois):
                date = self._soiree(
                    self.debut + timedelta(days=m * 30.4 + self.alea.randint(0, 20))
                )
                if date + timedelta(hours=3) >= self.fin - timedelta(hours=2):
                    break
                self._seance(conseil, date, plus_tard)
            planifier_avis(self, conseil, agent_ville, agent_etat, plus_tard)
            for delai in (9, 38):
                date = self._soiree(self.fin + timedelta(days=delai + self.alea.randint(0, 5)))
                self._seance(conseil, date, plus_tard)
        rappels_hebdomadaires(self, plus_tard)

    def _jour(self, jours: float) -> datetime:
        return self.debut + timedelta(days=jours)

    @staticmethod
    def _soiree(jour: datetime) -> datetime:
        return datetime(jour.year, jour.month, jour.day, 18, 30, tzinfo=PARIS).astimezone(UTC)

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

    def _habitant(self) -> Acteur:
        self.numero += 1
        prenom, nom = self.faux.first_name(), self.faux.last_name()
        email = f"{_ascii(prenom)}.{_ascii(nom)}.{self.numero}@{DOMAINE}"
        return self._compte(f"{prenom} {nom}", email)

    def _arrivee(self, conseil: Conseil) -> Callable[[], None]:
        def agir() -> None:
            personne = self._habitant()
            self._rejoindre(conseil, personne)

        return agir

    def _rejoindre(self, conseil: Conseil, personne: Acteur) -> None:
        a = conseil.arrondissement
        alea = self.alea
        acteur_local = alea.random() < 0.33
        quartiers = [q.code for q in geographie_au(self.horloge().date()).quartiers_de(a)]
        age = alea.choices(
            ["moins_de_18", "18_24", "25_39", "40_59", "60_74", "75_et_plus"],
            [3, 10, 28, 32, 20, 7],
        )[0]
        if acteur_local:
            age = "25_39" if age == "moins_de_18" else age
        type_structure = alea.choice(["association", "ecole", "amicale", "commerce", "institution"])
        self.p.assemblee.rejoindre(
            personne,
            a,
            "acteur_local" if acteur_local else "habitant",
            alea.choices(["femme", "homme", "autre", "ne_se_prononce_pas"], [49, 46, 2, 3])[0],
            age,
            alea.choice(quartiers) if quartiers and alea.random() < 0.7 else HORS_QPV,
            True,
            _structure(type_structure, self.faux.street_name()) if acteur_local else "",
            type_structure if acteur_local else "",
            age == "moins_de_18",
        )
        conseil.membres[personne.compte_id] = personne
        conseil.anciens.pop(personne.compte_id, None)

    def _depart(self, conseil: Conseil) -> Callable[[], None]:
        def agir() -> None:
            if len(conseil.membres) < 12:
                return
            cle = self.alea.choice(sorted(conseil.membres))
            personne = conseil.membres.pop(cle)
            motif = self.alea.choice([m.value for m in MotifSortie])
            self.p.assemblee.quitter(personne, conseil.arrondissement, motif)
            conseil.anciens[cle] = personne

        return agir

    def _retour(self, conseil: Conseil) -> Callable[[], None]:
        def agir() -> None:
            if conseil.anciens:
                cle = self.alea.choice(sorted(conseil.anciens))
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
                agent, a, porteuse, forme, self._jour(1).date()
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
            quartiers = [q.code for q in geographie_au(self._jour(100).date()).quartiers_de(a)]
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
                )[0]
            )

        def tirer() -> None:
            des = ",".join(str(alea.randint(0, 9)) for _ in range(4))
            temoins = [f"{self.faux.first_name()} {self.faux.last_name()[0]}." for _ in range(2)]
            self.p.groupe_moteur.effectuer_tirage(animateur, tirage[0], des, temoins)

        def remplacer() -> None:
            self.p.projecteur.rattraper()
            membres = self.p.lecture.membres_groupe_moteur(a)
            if membres:
                sortant = alea.choice(membres).membre_id
                motif = alea.choice(["demission", "demenagement", "absences_repetees"])
                self.p.groupe_moteur.faire_sortir(animateur, a, sortant, motif)

        plus_tard(self._jour(95), constituer)
        plus_tard(self._jour(100), annoncer)
        plus_tard(date_tirage + timedelta(minutes=45), tirer)
        for jour in range(200, int((self.fin - self.debut).days), 150):
            plus_tard(self._jour(jour + alea.randint(0, 30)), remplacer)

    def _seance(self, conseil: Conseil, date: datetime, plus_tard: Planifier) -> None:
        """Plan three weeks ahead; then cancel, or hold it and write the minutes days later."""
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
        sujets = alea.sample(_SUJETS, 3)
        odj = "\n".join(
            f"{i}. {s}" for i, s in enumerate(["Accueil des nouveaux membres", *sujets], 1)
        )
        ids: list[UUID] = []
        quartiers = [q.code for q in geographie_au(date.date()).quartiers_de(a)]
        de_quartier = alea.random() < 0.2 and bool(quartiers)  # rule 1: some séances per QPV
        quartier = alea.choice(quartiers) if de_quartier else ""
        theme = sujets[0] if de_quartier else ""

        def planifier() -> None:
            seance_id, _ = self.p.seances.planifier(
                animateur, a, date, lieu, odj, quartier=quartier, theme=theme
            )
            ids.append(seance_id)

        plus_tard(min(date - timedelta(days=21), self.fin - timedelta(hours=1)), planifier)
        if date > self.fin:
            return
        if alea.random() < 0.06:
            plus_tard(
                date - timedelta(days=3),
                lambda: self.p.seances.annuler(animateur, ids[0], None, "Salle indisponible."),
            )
            return
        taux = alea.uniform(0.3, 0.6)
        anonymes = alea.randint(0, 12)
        nombre_decisions = alea.randint(1, 3)
        tenue: list[int] = []

        def tenir() -> None:
            presents = [pid for pid in sorted(conseil.membres) if alea.random() < taux]
            for personne_id in presents:
                self.p.seances.changer_presence(animateur, ids[0], personne_id, True)
            self.p.seances.compter_anonymes(animateur, ids[0], None, anonymes)
            votants = max(1, len(presents) + anonymes)
            for sujet in sujets[:nombre_decisions]:
                pour = alea.randint(0, votants)
                contre = alea.randint(0, votants - pour)
                abstention = max(0, votants - pour - contre)
                self.p.seances.enregistrer_decision(
                    animateur, ids[0], f"Décision sur : {sujet.lower()}.", pour, contre, abstention
                )
            tenue.append(len(presents))

        def rediger() -> None:
            compte_rendu = "\n\n".join(
                [
                    f"Présent·es : {tenue[0]} membres inscrits et {anonymes} "
                    "habitant·es non inscrit·es."
                ]
                + [f"{s} — {faux.paragraph(nb_sentences=3)}" for s in sujets]
            )
            self.p.seances.rediger_compte_rendu(animateur, ids[0], None, compte_rendu)

        plus_tard(date + timedelta(hours=2, minutes=30), tenir)
        plus_tard(min(date + timedelta(days=4), self.fin - timedelta(minutes=30)), rediger)


_MOIS_DEMO = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip

_SUJETS = [
    "Propreté des espaces publics",
    "Projet de jardin partagé",
    "Sécurité aux abords des écoles",
    "Propositions pour le budget participatif",
    "Avis sur le réaménagement de la place",
    "Accès aux droits et permanences sociales",
    "Animation estivale du quartier",
    "Éclairage public",
    "Rénovation des logements sociaux",
    "Commerces de proximité",
    "Accès au sport pour les jeunes",
    "Mobilités douces et pistes cyclables",
]


def _structure(type_structure: str, rue: str) -> str:
    return {
        "association": f"Association des habitants {rue}",
        "ecole": f"École élémentaire {rue}",
        "amicale": f"Amicale des locataires {rue}",
        "commerce": f"Commerce de la {rue}",
        "institution": f"Centre social {rue}",
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
