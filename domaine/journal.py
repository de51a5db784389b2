"""What the public journal of a council says about each event type: a French label and the role
that may issue it. One table, so that a new event type cannot be added without its line (a test
checks every registered type). Derived from the type alone: never from the event's content, so
the journal can show no personal data and no free text.
"""

from dataclasses import dataclass
from typing import Any

from domaine.assemblee import Adhesion
from domaine.avis import Avis
from domaine.budget import PropositionBP
from domaine.comptes import Compte
from domaine.conseils import ConseilCitoyen
from domaine.documents import Document
from domaine.geographie import ReferentielGeographique
from domaine.groupe_moteur import GroupeMoteur
from domaine.instances import Delegation, Instance
from domaine.moyens import MoyensDuConseil
from domaine.seances import Seance
from domaine.tirages import Tirage

PERSONNE = "personne inscrite"
ANIMATEUR = "animateur"
AGENT_VILLE = "agent Ville"
AGENT_ETAT = "agent de l'État"
ADMINISTRATION = "administration"
SYSTEME = "système"
AGENT = f"{AGENT_VILLE} ou {AGENT_ETAT}"
AGENT_OU_ANIMATEUR = f"{AGENT_VILLE}, {AGENT_ETAT} ou {ANIMATEUR}"
PERSONNE_OU_ADMINISTRATION = f"{PERSONNE}, {ADMINISTRATION} ou {SYSTEME}"
ANIMATEUR_OU_PERSONNE = f"{ANIMATEUR} ou {PERSONNE}"
ANIMATEUR_PERSONNE_OU_SYSTEME = f"{ANIMATEUR}, {PERSONNE} ou {SYSTEME}"
ROLES = (
    PERSONNE,
    ANIMATEUR,
    AGENT_VILLE,
    AGENT_ETAT,
    ADMINISTRATION,
    SYSTEME,
    AGENT,
    AGENT_OU_ANIMATEUR,
    PERSONNE_OU_ADMINISTRATION,
    ANIMATEUR_OU_PERSONNE,
    ANIMATEUR_PERSONNE_OU_SYSTEME,
)
"""The closed list of roles shown; the last five where the rules let several roles act (an
erasure: the person, an administrator, or the retention job; a document: its depositor, an
animateur, or the platform erasing its depositor)."""

AGREGATS: tuple[Any, ...] = (
    Adhesion,
    Avis,
    PropositionBP,
    Compte,
    ConseilCitoyen,
    Document,
    ReferentielGeographique,
    GroupeMoteur,
    MoyensDuConseil,
    Instance,
    Delegation,
    Seance,
    Tirage,
)
"""Every aggregate of the domain: the event types of the log are their nested event classes."""


@dataclass(frozen=True)
class TypeJournal:
    libelle: str
    role: str


TYPES: dict[type, TypeJournal] = {
    Adhesion.Entree: TypeJournal("Entrée dans l'assemblée", PERSONNE),
    Adhesion.Retour: TypeJournal("Retour dans l'assemblée", PERSONNE),
    Adhesion.VolontariatDeclare: TypeJournal("Volontariat pour le groupe moteur", PERSONNE),
    Adhesion.QuartierRedeclare: TypeJournal("Quartier déclaré à nouveau", PERSONNE),
    Adhesion.Sortie: TypeJournal("Sortie de l'assemblée", PERSONNE),
    Avis.Saisi: TypeJournal("Saisine du conseil pour un avis", AGENT),
    Avis.Redige: TypeJournal("Avis rédigé", PERSONNE),
    Avis.Amende: TypeJournal("Avis amendé", PERSONNE),
    Avis.CoAuteurAjoute: TypeJournal("Avis cosigné", PERSONNE),
    Avis.CosignatureRetiree: TypeJournal("Cosignature d'un avis retirée", PERSONNE),
    Avis.SoumisAuVote: TypeJournal("Vote d'un avis enregistré", ANIMATEUR),
    Avis.Transmis: TypeJournal("Avis transmis", ANIMATEUR),
    Avis.ReceptionAccusee: TypeJournal("Réception d'un avis accusée", AGENT),
    Avis.Repondu: TypeJournal("Réponse à un avis", AGENT),
    Avis.PartenairesInformes: TypeJournal("Partenaires informés d'une interpellation", AGENT_ETAT),
    Avis.DiagnosticPresente: TypeJournal("Diagnostic présenté au comité de pilotage", AGENT_ETAT),
    Avis.Clos: TypeJournal("Avis clos", AGENT),
    Avis.Retire: TypeJournal("Avis retiré", PERSONNE),
    Avis.EcheanceSignalee: TypeJournal("Rappel d'échéance d'un avis", SYSTEME),
    PropositionBP.Deposee: TypeJournal("Projet de budget participatif déposé", PERSONNE),
    PropositionBP.PorteeParLeConseil: TypeJournal("Projet porté par le conseil", ANIMATEUR),
    PropositionBP.Soutenue: TypeJournal("Soutien à un projet", PERSONNE),
    PropositionBP.SoutienRetire: TypeJournal("Soutien à un projet retiré", PERSONNE),
    PropositionBP.Commentee: TypeJournal("Commentaire sur un projet", PERSONNE),
    PropositionBP.CommentaireMasque: TypeJournal("Commentaire masqué", ANIMATEUR),
    PropositionBP.DeclareeRecevable: TypeJournal("Projet déclaré recevable", AGENT_VILLE),
    PropositionBP.DeclareeIrrecevable: TypeJournal("Projet déclaré irrecevable", AGENT_VILLE),
    PropositionBP.Etudiee: TypeJournal("Projet étudié", AGENT_VILLE),
    PropositionBP.SoumiseAuVote: TypeJournal("Projet soumis au vote", AGENT_VILLE),
    PropositionBP.DeclareeLaureate: TypeJournal("Projet lauréat", AGENT_VILLE),
    PropositionBP.NonRetenue: TypeJournal("Projet non retenu", AGENT_VILLE),
    PropositionBP.RealisationLancee: TypeJournal("Réalisation d'un projet lancée", AGENT_VILLE),
    PropositionBP.Realisee: TypeJournal("Projet réalisé", AGENT_VILLE),
    PropositionBP.Abandonnee: TypeJournal("Projet abandonné", AGENT_VILLE),
    PropositionBP.Fusionnee: TypeJournal("Projet fusionné", AGENT_VILLE),
    Compte.Ouvert: TypeJournal("Compte ouvert", PERSONNE),
    Compte.RoleAttribue: TypeJournal("Rôle attribué", ADMINISTRATION),
    Compte.RoleRetire: TypeJournal("Rôle retiré", ADMINISTRATION),
    Compte.Efface: TypeJournal("Données personnelles effacées", PERSONNE_OU_ADMINISTRATION),
    Compte.CourrielsChoisis: TypeJournal("Choix des courriels reçus", PERSONNE),
    ConseilCitoyen.Institue: TypeJournal("Conseil institué", SYSTEME),
    ConseilCitoyen.RegleMajoriteFixee: TypeJournal("Règle de majorité fixée", ANIMATEUR),
    ConseilCitoyen.ReglementDepose: TypeJournal("Règlement intérieur déposé", ANIMATEUR),
    ConseilCitoyen.ConformiteStatuee: TypeJournal("Conformité du règlement statuée", AGENT),
    ConseilCitoyen.StructurePorteuseDesignee: TypeJournal("Structure porteuse désignée", AGENT),
    ConseilCitoyen.DelaiReponseAvisFixe: TypeJournal("Délai de réponse aux avis fixé", ANIMATEUR),
    ConseilCitoyen.BilanAnnuelPresente: TypeJournal("Bilan annuel présenté", AGENT),
    ConseilCitoyen.RepresentationCopil: TypeJournal(
        "Représentation au comité de pilotage", AGENT_OU_ANIMATEUR
    ),
    ConseilCitoyen.DepotsDesMembresRegles: TypeJournal(
        "Dépôt de documents par les membres réglé", ANIMATEUR
    ),
    ReferentielGeographique.Ouvert: TypeJournal("Référentiel géographique ouvert", SYSTEME),
    ReferentielGeographique.GeographieAdoptee: TypeJournal(
        "Géographie prioritaire adoptée", ADMINISTRATION
    ),
    MoyensDuConseil.Ouverts: TypeJournal("Suivi des moyens ouvert", AGENT),
    MoyensDuConseil.SalleEnregistree: TypeJournal("Salle mise à disposition", AGENT),
    MoyensDuConseil.EngagementEnregistre: TypeJournal("Engagement de moyens enregistré", AGENT),
    MoyensDuConseil.BudgetEnregistre: TypeJournal("Budget de fonctionnement enregistré", AGENT),
    MoyensDuConseil.AccompagnementEnregistre: TypeJournal("Accompagnement enregistré", AGENT),
    MoyensDuConseil.FormationProposee: TypeJournal("Formation proposée", AGENT),
    MoyensDuConseil.ParticipationsEnregistrees: TypeJournal(
        "Participation à une formation enregistrée", AGENT
    ),
    MoyensDuConseil.EntreeAnnulee: TypeJournal("Enregistrement de moyens annulé", AGENT),
    Document.Depose: TypeJournal("Document déposé", ANIMATEUR_OU_PERSONNE),
    Document.Retire: TypeJournal("Document retiré", ANIMATEUR_PERSONNE_OU_SYSTEME),
    GroupeMoteur.Constitue: TypeJournal("Groupe moteur constitué", ANIMATEUR),
    GroupeMoteur.ObjectifsFixes: TypeJournal("Objectifs du groupe moteur fixés", ANIMATEUR),
    GroupeMoteur.MembreEntre: TypeJournal("Entrée au groupe moteur", ANIMATEUR),
    GroupeMoteur.PlacesReservees: TypeJournal("Places réservées au groupe moteur", ANIMATEUR),
    GroupeMoteur.ReservationLevee: TypeJournal("Réservation de places levée", ANIMATEUR),
    GroupeMoteur.ReponsesEnRetardSignalees: TypeJournal("Rappel des réponses en retard", SYSTEME),
    GroupeMoteur.AcceptationEnregistree: TypeJournal("Acceptation enregistrée", ANIMATEUR),
    GroupeMoteur.DesignationConsensuelle: TypeJournal("Désignation par consensus", ANIMATEUR),
    GroupeMoteur.MembreSorti: TypeJournal("Sortie du groupe moteur", ANIMATEUR),
    Seance.Planifiee: TypeJournal("Séance planifiée", ANIMATEUR),
    Seance.EnregistreeApresCoup: TypeJournal("Séance enregistrée après coup", ANIMATEUR),
    Seance.Reprogrammee: TypeJournal("Séance reprogrammée", ANIMATEUR),
    Seance.PresenceEnregistree: TypeJournal("Présence enregistrée", ANIMATEUR),
    Seance.PresenceRetiree: TypeJournal("Présence retirée", ANIMATEUR),
    Seance.ParticipantsAnonymesComptes: TypeJournal("Participants non inscrits comptés", ANIMATEUR),
    Seance.CompteRenduRedige: TypeJournal("Compte rendu rédigé", ANIMATEUR),
    Seance.DecisionEnregistree: TypeJournal("Décision enregistrée", ANIMATEUR),
    Seance.CompteRenduMisAuxVoix: TypeJournal("Compte rendu mis aux voix", ANIMATEUR),
    Seance.CompteRenduApprouve: TypeJournal("Compte rendu approuvé", ANIMATEUR),
    Seance.CompteRenduNonApprouve: TypeJournal("Approbation du compte rendu rejetée", ANIMATEUR),
    Seance.Annulee: TypeJournal("Séance annulée", ANIMATEUR),
    Seance.PresenceADistanceDeclaree: TypeJournal("Présence à distance déclarée", PERSONNE),
    Seance.ScrutinOuvert: TypeJournal("Scrutin en ligne ouvert", ANIMATEUR),
    Seance.VoteEnLigneExprime: TypeJournal("Vote en ligne exprimé", PERSONNE),
    Seance.ScrutinClos: TypeJournal("Scrutin en ligne clos", ANIMATEUR),
    Tirage.Annonce: TypeJournal("Tirage au sort annoncé", ANIMATEUR),
    Tirage.Effectue: TypeJournal("Tirage au sort effectué", ANIMATEUR),
    Tirage.SuppleantAppele: TypeJournal("Suppléant appelé", ANIMATEUR),
    Instance.Creee: TypeJournal("Instance du contrat de ville ajoutée", AGENT),
    Instance.ReunionEnregistree: TypeJournal(
        "Réunion d'une instance enregistrée", AGENT_OU_ANIMATEUR
    ),
    Instance.PresencesEnregistrees: TypeJournal(
        "Présence des délégué·es à une instance enregistrée", AGENT_OU_ANIMATEUR
    ),
    Instance.CompteRenduRedige: TypeJournal("Compte rendu de mandat rédigé", ANIMATEUR_OU_PERSONNE),
    Instance.CompteRenduPresente: TypeJournal(
        "Compte rendu de mandat présenté en séance", ANIMATEUR
    ),
    Delegation.Ouverte: TypeJournal("Délégation du conseil ouverte", ANIMATEUR),
    Delegation.MandatsDesignes: TypeJournal("Délégué·es désigné·es", ANIMATEUR),
    Delegation.TirageAnnonce: TypeJournal("Tirage au sort de délégué·es annoncé", ANIMATEUR),
    Delegation.MandatTermine: TypeJournal("Fin anticipée d'un mandat", ANIMATEUR),
}
