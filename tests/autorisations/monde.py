"""One world where every path parameter of every route resolves: the accounts of the seven
roles, memberships, séances of the 18e, a groupe moteur with tirages, avis at each step of their
life, a budget proposal with a comment, API tokens and an archived report.

It is built through the real use cases, once per database. Objects a command changes for good
(an avis that gets transmitted, a séance that gets cancelled...) come from the factories below,
which make a fresh one for each request, so that every request meets the state its command
expects and only the role decides.
"""

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import insert

from domaine.budget import Depot
from domaine.comptes import Acteur
from domaine.groupe_moteur import Objectifs
from domaine.instances import Designe
from domaine.seances import Seance
from domaine.temps import jour_a_paris
from domaine.vocabulaire import StatutProposition
from lancement.plateforme import Plateforme
from participation.archives import Archives
from participation.seances import Maniere
from stockage.jetons import PREFIXE, empreinte, jetons
from tests.conftest import HorlogeReglable
from tests.integration.outils import rejoindre

ROLES = (
    "anonyme",
    "participant",
    "animateur_18",
    "animateur_19",
    "agent_ville",
    "agent_etat",
    "admin",
)
"""The columns of the matrix. "This council" is the 18e; the other council is the 19e."""

MOT_DE_PASSE = "mot de passe de la matrice"
DETAILS_DU_CYCLE: dict[StatutProposition, dict[str, Any]] = {
    StatutProposition.IRRECEVABLE: {"motif": "Hors compétence"},
    StatutProposition.ETUDIEE: {"cout_reestime": 60_000},
    StatutProposition.LAUREATE: {"voix": 120},
    StatutProposition.NON_RETENUE: {"voix": 12},
    StatutProposition.ABANDONNEE: {"motif": "Projet abandonné"},
}
"""Valid details of the lifecycle steps that take some (but the day of delivery and the
target of a merge, which depend on the world)."""
QPV_18 = "QPV-18-GOUTTE-D-OR"
PDF_MINIMAL = b"%PDF-1.4\n%%EOF\n"
"""The file the matrix deposits (a PDF as far as the type check reads)."""
NOM_DE_L_AUTRICE = "Awa Autrice"
"""A member of the 18e without any role: whose name only the 18e's animateurs may read."""
QUARTIERS_18 = ("QPV-18-GOUTTE-D-OR", "QPV-18-BLEMONT", "hors_qpv")
QUOTAS_PETITS = {"taille": 4, "quotas": {"genre": {"femme": [2, 2], "homme": [2, 2]}}}
QUOTAS_DU_TIRAGE_EFFECTUE = {
    "taille": 20,
    "quotas": {"genre": {"femme": [10, 10], "homme": [10, 10]}},
}


def liste_csv(prefixe: str, nombre: int = 20) -> str:
    """A list imported with pseudonymous ids (as a social landlord sends it)."""
    lignes = ["id,college,genre,quartier,volontaire"]
    for i in range(nombre):
        college = "acteur_local" if i % 4 == 0 else "habitant"
        genre = "femme" if i % 2 else "homme"
        lignes.append(f"{prefixe}-{i:03d},{college},{genre},{QUARTIERS_18[i % 3]},non")
    return "\n".join(lignes) + "\n"


@dataclass
class Monde:
    p: Plateforme
    acteurs: dict[str, Acteur | None] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)
    jetons_api: dict[str, str] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)
    mot_de_passe: str = MOT_DE_PASSE
    jours_suivants: int = 0
    tires: list[str] = field(default_factory=list)
    autrice: Acteur | None = None
    """Default values of the path parameters."""
    _seance_approuvee: str | None = None
    compteur: itertools.count = field(default_factory=lambda: itertools.count(1))  # type: ignore[type-arg]

    # --- accounts --------------------------------------------------------------------------

    def compte(
        self, nom: str, role: str | None = None, arrondissement: int | None = None
    ) -> Acteur:
        numero = next(self.compteur)
        email = f"matrice{numero}@exemple.fr"
        compte_id, _ = self.p.comptes.inscrire(nom, email, MOT_DE_PASSE)
        if role is not None:
            self.p.comptes.amorcer_role(compte_id, role, arrondissement)
        acteur = self.p.comptes.acteur(compte_id)
        assert acteur is not None
        self.emails[str(compte_id)] = email
        return acteur

    def adherer(self, role: str, qui: Acteur) -> None:
        """A role's memberships: every role in the 10e and the 20e (to volunteer, to leave);
        the participant and the animatrice in the 18e, the other animateur in the 19e."""
        for arrondissement in (10, 20):
            self.rejoindre(qui, arrondissement)
        if role in ("participant", "animateur_18"):
            self.rejoindre(qui, 18)
        if role == "animateur_19":
            self.rejoindre(qui, 19)

    def sosie(self, role: str) -> str:
        """A new account with the same role and memberships as `role`'s; returns its e-mail.
        For requests that change or end the acting account (sign-out, erasure...)."""
        nom, arrondissement = {
            "animateur_18": ("animateur", 18),
            "animateur_19": ("animateur", 19),
        }.get(role, (None if role == "participant" else role, None))
        qui = self.compte(f"Sosie {self.unique()}", nom, arrondissement)
        self.adherer(role, qui)
        self.p.projecteur.rattraper()
        return self.emails[str(qui.compte_id)]

    def acteur(self, role: str) -> Acteur:
        qui = self.acteurs[role]
        assert qui is not None
        return qui

    def email(self, role: str) -> str:
        return self.emails[str(self.acteur(role).compte_id)]

    def rejoindre(self, qui: Acteur, arrondissement: int, **champs: Any) -> None:
        rejoindre(self.p, qui, arrondissement, **champs)

    def jeton(self, role: str) -> str:
        """A token in the table for any account: the API must refuse those of non-agents."""
        valeur = f"{PREFIXE}matrice-{role}-{next(self.compteur)}"
        with self.p.moteur.begin() as cnx:
            cnx.execute(
                insert(jetons).values(
                    empreinte=empreinte(valeur),
                    personne_id=str(self.acteur(role).compte_id),
                    libelle="matrice",
                    cree_le=self.maintenant(),
                )
            )
        return valeur

    # --- time and unique values ------------------------------------------------------------

    def maintenant(self) -> datetime:
        return self.p.registre.maintenant()

    def unique(self) -> int:
        return next(self.compteur)

    def jour_suivant(self) -> str:
        """A later day at each call (a new structure porteuse must start after the last)."""
        self.jours_suivants += 1
        return (self.maintenant().date() + timedelta(days=self.jours_suivants)).isoformat()

    def jour_passe(self) -> str:
        """A distinct past day for each call (records keyed by date must not collide)."""
        return (self.maintenant().date() - timedelta(days=self.unique())).isoformat()

    # --- factories: a fresh object in the state a command expects ---------------------------

    def seance_a_venir(self) -> str:
        seance_id, _ = self.p.seances.planifier(
            self.acteur("animateur_18"),
            18,
            self.maintenant() + timedelta(days=30),
            "Centre Barbara",
            "Ordre du jour",
        )
        return str(seance_id)

    def seance_hybride(self) -> str:
        """A hybrid séance that began an hour ago (recorded after the fact): members may
        still mark themselves present remotely today."""
        seance_id, _ = self.p.seances.enregistrer_apres_coup(
            self.acteur("animateur_18"),
            18,
            self.maintenant() - timedelta(hours=1),
            "Centre Barbara",
            "Ordre du jour",
            maniere=Maniere("hybride", "https://visio.paris.fr/conseil-18"),
        )
        return str(seance_id)

    def scrutin_ouvert(self) -> str:
        """A hybrid séance under way, its two members of the 18e present, poll n° 1 open."""
        anim = self.acteur("animateur_18")
        seance_id = UUID(self.seance_hybride())
        for role in ("participant", "animateur_18"):
            self.p.seances.changer_presence(anim, seance_id, self.acteur(role).compte_id, True)
        self.p.seances.ouvrir_scrutin(anim, seance_id, "Adopter le budget")
        return str(seance_id)

    def seance_votante(self) -> str:
        """A séance held a minute ago (recorded after the fact): it may vote on the minutes
        of the held séance of the world, which is earlier."""
        seance_id, _ = self.p.seances.enregistrer_apres_coup(
            self.acteur("animateur_18"),
            18,
            self.maintenant() - timedelta(minutes=1),
            "Centre Barbara",
            "Approbation du compte rendu",
        )
        return str(seance_id)

    def compte_rendu_a_voter(self) -> tuple[str, int]:
        """A new version of the held séance's minutes, written now: (séance, version)."""
        seance_id = UUID(self.ids["seance_id"])
        self.p.seances.rediger_compte_rendu(
            self.acteur("animateur_18"), seance_id, None, f"Compte rendu n° {self.unique()}"
        )
        seance = self.p.registre.charger(Seance, seance_id, "")
        return str(seance_id), len(seance.comptes_rendus)

    def seance_au_compte_rendu_approuve(self) -> str:
        """A séance whose minutes it approved itself (made once)."""
        if self._seance_approuvee is None:
            seance_id = self.seance_votante()
            anim = self.acteur("animateur_18")
            self.p.seances.rediger_compte_rendu(anim, UUID(seance_id), None, "Compte rendu.")
            position = self.p.seances.voter_compte_rendu(
                anim, UUID(seance_id), UUID(seance_id), 1, 9, 0, 0
            )
            self.p.projecteur.attendre(position)
            self._seance_approuvee = seance_id
        return self._seance_approuvee

    def avis_brouillon(self) -> str:
        avis_id, _ = self.p.avis.rediger(
            self.autrice, 18, "auto_saisine", "Éclairage", "Texte du projet", "ville"
        )
        return str(avis_id)

    def avis_adopte(self, origine: str = "auto_saisine", destinataire: str = "ville") -> str:
        avis_id, _ = self.p.avis.rediger(
            self.autrice, 18, origine, "Propreté", "Texte de l'avis", destinataire
        )
        self.p.avis.soumettre_au_vote(
            self.acteur("animateur_18"), avis_id, UUID(self.ids["seance_id"]), 1
        )
        return str(avis_id)

    def avis_transmis(self, origine: str = "auto_saisine", destinataire: str = "ville") -> str:
        avis_id = self.avis_adopte(origine, destinataire)
        self.p.avis.transmettre(self.acteur("animateur_18"), UUID(avis_id), None)
        return avis_id

    def avis_repondu(self) -> str:
        avis_id = self.avis_transmis()
        self.p.avis.repondre(self.acteur("agent_ville"), UUID(avis_id), None, "Réponse", [])
        return avis_id

    def interpellation_informee(self) -> str:
        avis_id = self.interpellation_transmise()
        self.p.avis.informer_partenaires(
            self.acteur("agent_etat"), UUID(avis_id), None, "Partenaires informés"
        )
        return avis_id

    def proposition(self, *etapes: StatutProposition) -> str:
        """A proposal of the 18e, taken through `etapes` by the Ville."""
        proposition_id, _ = self.p.budget.deposer(
            self.autrice,
            18,
            Depot(
                "Un jardin partagé",
                "Transformer la friche en jardin partagé.",
                QPV_18,
                "",
                "environnement",
                80_000,
            ),
        )
        ville = self.acteur("agent_ville")
        for etape in etapes:
            details = DETAILS_DU_CYCLE.get(etape, {})
            self.p.budget.faire_avancer(ville, proposition_id, None, etape, **details)
        return str(proposition_id)

    def document(self) -> str:
        """A document of the 18e's library, deposited by its animatrice."""
        document_id, _ = self.p.documents.deposer(
            self.acteur("animateur_18"), 18, "Compte rendu", None, "compte_rendu", PDF_MINIMAL
        )
        return str(document_id)

    def volontaire(self) -> str:
        """A member of the 18e's assembly who volunteered for the groupe moteur."""
        qui = self.compte(f"Volontaire {self.unique()}")
        self.rejoindre(qui, 18, genre="homme")
        self.p.assemblee.declarer_volontariat(qui, 18, True)
        return str(qui.compte_id)

    def notification_du_participant(self) -> str:
        """The key of one of the participant's notifications (a convocation to the séance to
        come; the job runs first, sending nothing twice)."""
        self.p.convocations.envoyer()
        return self.p.notifications.lire(self.acteur("participant")).notifications[0].cle

    def jeton_de_la_ville(self) -> str:
        """The fingerprint of a fresh token of the Ville's agent (to revoke)."""
        return empreinte(self.jeton("agent_ville"))

    def tirage_annonce(self, quotas: dict[str, Any] = QUOTAS_PETITS, personnes: int = 20) -> str:
        tirage_id, _ = self.p.groupe_moteur.annoncer_tirage(
            self.acteur("animateur_18"),
            18,
            quotas,
            "quatre dés à dix faces",
            [],
            liste_csv(f"t{self.unique()}", personnes),
            hasard_le=self.maintenant() + timedelta(hours=1),
        )
        return str(tirage_id)

    def nouveau_reglement(self) -> str:
        """A new version of the 18e's règlement, awaiting its conformity; returns its number."""
        self.p.conseils.deposer_reglement(
            self.acteur("animateur_18"), 18, f"Article {self.unique()}."
        )
        return str(len(self.p.conseils.conseil(18).reglements))

    def interpellation_transmise(self) -> str:
        return self.avis_transmis("interpellation")

    def avis_transmis_a_l_etat(self) -> str:
        return self.avis_transmis("auto_saisine", "etat")

    def saisine(self) -> str:
        """A saisine of the 18e by the Ville, awaiting the council's first draft."""
        aujourd_hui = self.maintenant().date()
        avis_id, _ = self.p.avis.saisir(
            self.acteur("agent_ville"),
            18,
            "Aménagement du square",
            "Quel est l'avis du conseil ?",
            aujourd_hui,
            aujourd_hui + timedelta(days=60),
        )
        return str(avis_id)

    def compte_avec_role(self, role: str) -> Acteur:
        return self.compte(f"Compte {self.unique()}", role)

    def membre_tire(self) -> str:
        """Someone drawn from a list, awaiting their answer (each call gives another one)."""
        return self.tires.pop()

    # --- the world ---------------------------------------------------------------------------

    def construire(self, horloge: HorlogeReglable) -> "Monde":
        p = self.p
        self.acteurs = {
            "anonyme": None,
            "participant": self.compte("Camille Participante"),
            "animateur_18": self.compte("Dominique Animatrice", "animateur", 18),
            "animateur_19": self.compte("Sami Animateur", "animateur", 19),
            "agent_ville": self.compte("Agent Ville", "agent_ville"),
            "agent_etat": self.compte("Agent État", "agent_etat"),
            "admin": self.compte("Alix Administratrice", "admin"),
        }
        self.autrice = self.compte(NOM_DE_L_AUTRICE)
        cible = self.compte("Compte Cible")
        anim = self.acteur("animateur_18")
        for role in ROLES[1:]:
            self.adherer(role, self.acteur(role))
        self.rejoindre(self.autrice, 18)

        # Règlement and séances: one to come, one held with an adopted decision.
        p.conseils.deposer_reglement(anim, 18, "Article 1. L'assemblée est ouverte.")
        seance_future = self.seance_a_venir()
        tenue, _ = p.seances.planifier(
            anim, 18, self.maintenant() + timedelta(hours=1), "Centre Barbara", "Décisions"
        )
        horloge.avancer(hours=2)
        p.seances.enregistrer_decision(anim, tenue, "Adopter", 9, 1, 0)
        p.seances.changer_presence(anim, tenue, self.acteur("participant").compte_id, True)
        p.seances.changer_presence(anim, tenue, self.autrice.compte_id, True)

        # Groupe moteur: targets, a tirage drawn (people from a list await their answer), a
        # tirage announced and not drawn yet.
        p.groupe_moteur.fixer_objectifs(anim, 18, Objectifs(taille=50))
        effectue = self.tirage_annonce(QUOTAS_DU_TIRAGE_EFFECTUE, 40)
        horloge.avancer(hours=2)  # past the announced time of the public randomness
        p.groupe_moteur.effectuer_tirage(anim, UUID(effectue), "1,2,3,4", ["Awa"])
        p.projecteur.rattraper()
        self.tires = [m.membre_id for m in p.lecture.membres_groupe_moteur(18)]
        annonce = self.tirage_annonce()
        self.ids = {"seance_id": str(tenue)}
        delegues = self.tirage_de_delegues()
        horloge.avancer(hours=2)  # the matrix may draw it

        # Avis, budget participatif, tokens, an archived report.
        self.ids = {"seance_id": str(tenue)}
        avis = self.avis_brouillon()
        proposition = self.proposition()
        p.budget.commenter(self.autrice, UUID(proposition), "Bonne idée !")
        document = self.document()
        self.jetons_api = {role: self.jeton(role) for role in ROLES[1:]}
        Archives(p.moteur, p.rapports, formats=("json",)).archiver(2025)

        self.ids = {
            "arrondissement": "18",
            "seance_id": str(tenue),
            "seance_a_venir": seance_future,
            "personne_id": str(self.acteur("participant").compte_id),
            "compte_id": str(cible.compte_id),
            "tirage_id": effectue,
            "tirage_annonce": annonce,
            "tirage_delegues": delegues,
            "avis_id": avis,
            "proposition_id": proposition,
            "document_id": document,
            "numero": "1",
            "vers": "recevable",
            "annee": "2025",
            "format": "json",
            "empreinte": "0" * 64,
        }
        p.projecteur.rattraper()
        return self

    def decision(self) -> str:
        """The form value naming the adopted decision of the held séance."""
        return f"{self.ids['seance_id']}:1"

    # --- bodies of the contrat de ville and delegates ------------------------------------------

    def instance(self) -> str:
        """A fresh technical committee of the 18e (so that mandates and meetings never clash)."""
        instance_id, _ = self.p.instances.creer_instance(
            self.acteur("agent_ville"), "comite_technique", f"Comité technique {self.unique()}", 18
        )
        return str(instance_id)

    def membre_18(self) -> Acteur:
        qui = self.compte(f"Membre {self.unique()}")
        self.rejoindre(qui, 18)
        return qui

    def mandat(self, instance: str | None = None) -> tuple[str, str, Acteur]:
        """A fresh member of the 18e designated titulaire by the held séance's decision, from
        the day of that séance for a year: (body, mandate, delegate)."""
        instance = instance or self.instance()
        qui = self.membre_18()
        debut = self._jour_de_la_seance_tenue()
        (mandat,), _ = self.p.instances.designer(
            self.acteur("animateur_18"), 18, UUID(instance), [Designe(qui.compte_id, "titulaire")],
            debut, debut + timedelta(days=365), UUID(self.ids["seance_id"]), 1,
        )  # fmt: skip
        return instance, mandat, qui

    def reunion(self, presente: bool = False) -> tuple[str, str, str, Acteur]:
        """A meeting of a fresh body on the held séance's day, with the delegate present if
        `presente`: ("body:meeting", body, mandate, delegate)."""
        instance, mandat, qui = self.mandat()
        reunion, _ = self.p.instances.enregistrer_reunion(
            self.acteur("agent_ville"), UUID(instance), self._jour_de_la_seance_tenue(), "Bilan"
        )
        if presente:
            self.p.instances.enregistrer_presences(
                self.acteur("agent_ville"), UUID(instance), reunion, 18, [mandat]
            )
        return f"{instance}:{reunion}", instance, mandat, qui

    def compte_rendu(self) -> tuple[str, str]:
        """A report back written and not yet presented: ("body:meeting", report)."""
        cible, instance, mandat, qui = self.reunion(presente=True)
        compte_rendu, _ = self.p.instances.rediger_compte_rendu(
            qui, UUID(instance), cible.split(":")[1], 18, mandat, "Compte rendu."
        )
        self.p.projecteur.rattraper()
        return cible, compte_rendu

    def _jour_de_la_seance_tenue(self) -> date:
        seance = self.p.registre.trouver(Seance, UUID(self.ids["seance_id"]))
        assert seance is not None
        return jour_a_paris(seance.date)

    def tirage_de_delegues(self) -> str:
        """A tirage of delegates among three volunteers of the 18e, announced for in an hour."""
        volontaires = [self.membre_18().compte_id for _ in range(3)]
        jour = self.maintenant().date()
        tirage_id, _ = self.p.instances.annoncer_tirage(
            self.acteur("animateur_18"), 18, UUID(self.instance()), volontaires, 1, 1,
            jour, jour + timedelta(days=365), "quatre dés à dix faces",
            self.maintenant() + timedelta(hours=1),
        )  # fmt: skip
        return str(tirage_id)
