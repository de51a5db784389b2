"""What the public journal of a council says about each event type: a French label and the role
that may issue it (both stored in French in the read model, marked `N_`: the page translates
them when it shows them). One table, so that a new event type cannot be added without its line
(a test checks every registered type). Derived from the type alone: never from the event's content, so
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
from domaine.traduction import N_

PERSONNE = N_("personne inscrite")
ANIMATEUR = N_("animateur")
AGENT_VILLE = N_("agent Ville")
AGENT_ETAT = N_("agent de l'État")
ADMINISTRATION = N_("administration")
SYSTEME = N_("système")
AGENT = N_("agent Ville ou agent de l'État")
AGENT_OU_ANIMATEUR = N_("agent Ville, agent de l'État ou animateur")
PERSONNE_OU_ADMINISTRATION = N_("personne inscrite, administration ou système")
ANIMATEUR_OU_PERSONNE = N_("animateur ou personne inscrite")
ANIMATEUR_PERSONNE_OU_SYSTEME = N_("animateur, personne inscrite ou système")
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
    Adhesion.Entree: TypeJournal(N_("Entrée dans l'assemblée"), PERSONNE),
    Adhesion.Retour: TypeJournal(N_("Retour dans l'assemblée"), PERSONNE),
    Adhesion.VolontariatDeclare: TypeJournal(N_("Volontariat pour le groupe moteur"), PERSONNE),
    Adhesion.QuartierRedeclare: TypeJournal(N_("Quartier déclaré à nouveau"), PERSONNE),
    Adhesion.Sortie: TypeJournal(N_("Sortie de l'assemblée"), PERSONNE),
    Avis.Saisi: TypeJournal(N_("Saisine du conseil pour un avis"), AGENT),
    Avis.Redige: TypeJournal(N_("Avis rédigé"), PERSONNE),
    Avis.Amende: TypeJournal(N_("Avis amendé"), PERSONNE),
    Avis.CoAuteurAjoute: TypeJournal(N_("Avis cosigné"), PERSONNE),
    Avis.CosignatureRetiree: TypeJournal(N_("Cosignature d'un avis retirée"), PERSONNE),
    Avis.SoumisAuVote: TypeJournal(N_("Vote d'un avis enregistré"), ANIMATEUR),
    Avis.Transmis: TypeJournal(N_("Avis transmis"), ANIMATEUR),
    Avis.ReceptionAccusee: TypeJournal(N_("Réception d'un avis accusée"), AGENT),
    Avis.Repondu: TypeJournal(N_("Réponse à un avis"), AGENT),
    Avis.PartenairesInformes: TypeJournal(
        N_("Partenaires informés d'une interpellation"), AGENT_ETAT
    ),
    Avis.DiagnosticPresente: TypeJournal(
        N_("Diagnostic présenté au comité de pilotage"), AGENT_ETAT
    ),
    Avis.Clos: TypeJournal(N_("Avis clos"), AGENT),
    Avis.Retire: TypeJournal(N_("Avis retiré"), PERSONNE),
    Avis.EcheanceSignalee: TypeJournal(N_("Rappel d'échéance d'un avis"), SYSTEME),
    PropositionBP.Deposee: TypeJournal(N_("Projet de budget participatif déposé"), PERSONNE),
    PropositionBP.PorteeParLeConseil: TypeJournal(N_("Projet porté par le conseil"), ANIMATEUR),
    PropositionBP.Soutenue: TypeJournal(N_("Soutien à un projet"), PERSONNE),
    PropositionBP.SoutienRetire: TypeJournal(N_("Soutien à un projet retiré"), PERSONNE),
    PropositionBP.Commentee: TypeJournal(N_("Commentaire sur un projet"), PERSONNE),
    PropositionBP.CommentaireMasque: TypeJournal(N_("Commentaire masqué"), ANIMATEUR),
    PropositionBP.DeclareeRecevable: TypeJournal(N_("Projet déclaré recevable"), AGENT_VILLE),
    PropositionBP.DeclareeIrrecevable: TypeJournal(N_("Projet déclaré irrecevable"), AGENT_VILLE),
    PropositionBP.Etudiee: TypeJournal(N_("Projet étudié"), AGENT_VILLE),
    PropositionBP.SoumiseAuVote: TypeJournal(N_("Projet soumis au vote"), AGENT_VILLE),
    PropositionBP.DeclareeLaureate: TypeJournal(N_("Projet lauréat"), AGENT_VILLE),
    PropositionBP.NonRetenue: TypeJournal(N_("Projet non retenu"), AGENT_VILLE),
    PropositionBP.RealisationLancee: TypeJournal(N_("Réalisation d'un projet lancée"), AGENT_VILLE),
    PropositionBP.Realisee: TypeJournal(N_("Projet réalisé"), AGENT_VILLE),
    PropositionBP.Abandonnee: TypeJournal(N_("Projet abandonné"), AGENT_VILLE),
    PropositionBP.Fusionnee: TypeJournal(N_("Projet fusionné"), AGENT_VILLE),
    Compte.Ouvert: TypeJournal(N_("Compte ouvert"), PERSONNE),
    Compte.RoleAttribue: TypeJournal(N_("Rôle attribué"), ADMINISTRATION),
    Compte.RoleRetire: TypeJournal(N_("Rôle retiré"), ADMINISTRATION),
    Compte.Efface: TypeJournal(N_("Données personnelles effacées"), PERSONNE_OU_ADMINISTRATION),
    Compte.CourrielsChoisis: TypeJournal(N_("Choix des courriels reçus"), PERSONNE),
    ConseilCitoyen.Institue: TypeJournal(N_("Conseil institué"), SYSTEME),
    ConseilCitoyen.RegleMajoriteFixee: TypeJournal(N_("Règle de majorité fixée"), ANIMATEUR),
    ConseilCitoyen.ReglementDepose: TypeJournal(N_("Règlement intérieur déposé"), ANIMATEUR),
    ConseilCitoyen.ConformiteStatuee: TypeJournal(N_("Conformité du règlement statuée"), AGENT),
    ConseilCitoyen.StructurePorteuseDesignee: TypeJournal(N_("Structure porteuse désignée"), AGENT),
    ConseilCitoyen.DelaiReponseAvisFixe: TypeJournal(
        N_("Délai de réponse aux avis fixé"), ANIMATEUR
    ),
    ConseilCitoyen.BilanAnnuelPresente: TypeJournal(N_("Bilan annuel présenté"), AGENT),
    ConseilCitoyen.RepresentationCopil: TypeJournal(
        N_("Représentation au comité de pilotage"), AGENT_OU_ANIMATEUR
    ),
    ConseilCitoyen.DepotsDesMembresRegles: TypeJournal(
        N_("Dépôt de documents par les membres réglé"), ANIMATEUR
    ),
    ReferentielGeographique.Ouvert: TypeJournal(N_("Référentiel géographique ouvert"), SYSTEME),
    ReferentielGeographique.GeographieAdoptee: TypeJournal(
        N_("Géographie prioritaire adoptée"), ADMINISTRATION
    ),
    MoyensDuConseil.Ouverts: TypeJournal(N_("Suivi des moyens ouvert"), AGENT),
    MoyensDuConseil.SalleEnregistree: TypeJournal(N_("Salle mise à disposition"), AGENT),
    MoyensDuConseil.EngagementEnregistre: TypeJournal(N_("Engagement de moyens enregistré"), AGENT),
    MoyensDuConseil.BudgetEnregistre: TypeJournal(N_("Budget de fonctionnement enregistré"), AGENT),
    MoyensDuConseil.AccompagnementEnregistre: TypeJournal(N_("Accompagnement enregistré"), AGENT),
    MoyensDuConseil.FormationProposee: TypeJournal(N_("Formation proposée"), AGENT),
    MoyensDuConseil.ParticipationsEnregistrees: TypeJournal(
        N_("Participation à une formation enregistrée"), AGENT
    ),
    MoyensDuConseil.EntreeAnnulee: TypeJournal(N_("Enregistrement de moyens annulé"), AGENT),
    Document.Depose: TypeJournal(N_("Document déposé"), ANIMATEUR_OU_PERSONNE),
    Document.Retire: TypeJournal(N_("Document retiré"), ANIMATEUR_PERSONNE_OU_SYSTEME),
    GroupeMoteur.Constitue: TypeJournal(N_("Groupe moteur constitué"), ANIMATEUR),
    GroupeMoteur.ObjectifsFixes: TypeJournal(N_("Objectifs du groupe moteur fixés"), ANIMATEUR),
    GroupeMoteur.MembreEntre: TypeJournal(N_("Entrée au groupe moteur"), ANIMATEUR),
    GroupeMoteur.PlacesReservees: TypeJournal(N_("Places réservées au groupe moteur"), ANIMATEUR),
    GroupeMoteur.ReservationLevee: TypeJournal(N_("Réservation de places levée"), ANIMATEUR),
    GroupeMoteur.ReponsesEnRetardSignalees: TypeJournal(
        N_("Rappel des réponses en retard"), SYSTEME
    ),
    GroupeMoteur.AcceptationEnregistree: TypeJournal(N_("Acceptation enregistrée"), ANIMATEUR),
    GroupeMoteur.DesignationConsensuelle: TypeJournal(N_("Désignation par consensus"), ANIMATEUR),
    GroupeMoteur.MembreSorti: TypeJournal(N_("Sortie du groupe moteur"), ANIMATEUR),
    Seance.Planifiee: TypeJournal(N_("Séance planifiée"), ANIMATEUR),
    Seance.EnregistreeApresCoup: TypeJournal(N_("Séance enregistrée après coup"), ANIMATEUR),
    Seance.Reprogrammee: TypeJournal(N_("Séance reprogrammée"), ANIMATEUR),
    Seance.PresenceEnregistree: TypeJournal(N_("Présence enregistrée"), ANIMATEUR),
    Seance.PresenceRetiree: TypeJournal(N_("Présence retirée"), ANIMATEUR),
    Seance.ParticipantsAnonymesComptes: TypeJournal(
        N_("Participants non inscrits comptés"), ANIMATEUR
    ),
    Seance.CompteRenduRedige: TypeJournal(N_("Compte rendu rédigé"), ANIMATEUR),
    Seance.DecisionEnregistree: TypeJournal(N_("Décision enregistrée"), ANIMATEUR),
    Seance.CompteRenduMisAuxVoix: TypeJournal(N_("Compte rendu mis aux voix"), ANIMATEUR),
    Seance.CompteRenduApprouve: TypeJournal(N_("Compte rendu approuvé"), ANIMATEUR),
    Seance.CompteRenduNonApprouve: TypeJournal(
        N_("Approbation du compte rendu rejetée"), ANIMATEUR
    ),
    Seance.Annulee: TypeJournal(N_("Séance annulée"), ANIMATEUR),
    Seance.PresenceADistanceDeclaree: TypeJournal(N_("Présence à distance déclarée"), PERSONNE),
    Seance.ScrutinOuvert: TypeJournal(N_("Scrutin en ligne ouvert"), ANIMATEUR),
    Seance.VoteEnLigneExprime: TypeJournal(N_("Vote en ligne exprimé"), PERSONNE),
    Seance.ScrutinClos: TypeJournal(N_("Scrutin en ligne clos"), ANIMATEUR),
    Tirage.Annonce: TypeJournal(N_("Tirage au sort annoncé"), ANIMATEUR),
    Tirage.Effectue: TypeJournal(N_("Tirage au sort effectué"), ANIMATEUR),
    Tirage.SuppleantAppele: TypeJournal(N_("Suppléant appelé"), ANIMATEUR),
    Instance.Creee: TypeJournal(N_("Instance du contrat de ville ajoutée"), AGENT),
    Instance.ReunionEnregistree: TypeJournal(
        N_("Réunion d'une instance enregistrée"), AGENT_OU_ANIMATEUR
    ),
    Instance.PresencesEnregistrees: TypeJournal(
        N_("Présence des délégué·es à une instance enregistrée"), AGENT_OU_ANIMATEUR
    ),
    Instance.CompteRenduRedige: TypeJournal(
        N_("Compte rendu de mandat rédigé"), ANIMATEUR_OU_PERSONNE
    ),
    Instance.CompteRenduPresente: TypeJournal(
        N_("Compte rendu de mandat présenté en séance"), ANIMATEUR
    ),
    Delegation.Ouverte: TypeJournal(N_("Délégation du conseil ouverte"), ANIMATEUR),
    Delegation.MandatsDesignes: TypeJournal(N_("Délégué·es désigné·es"), ANIMATEUR),
    Delegation.TirageAnnonce: TypeJournal(N_("Tirage au sort de délégué·es annoncé"), ANIMATEUR),
    Delegation.MandatTermine: TypeJournal(N_("Fin anticipée d'un mandat"), ANIMATEUR),
}
