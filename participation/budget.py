"""Use cases of the budget participatif: each loads the proposal, checks the role, calls it,
saves it, and returns the position of the last event (read-your-writes)."""

from datetime import date
from uuid import UUID

from domaine.budget import DecisionDuConseil, PropositionBP, decision_du_conseil
from domaine.comptes import Acteur, exiger_agent_ville, exiger_animateur, exiger_compte
from domaine.erreurs import ChampInvalide, ConflitDeModification
from domaine.quartiers import verifier_arrondissement
from domaine.seances import Seance
from stockage.registre import MESSAGE_CONFLIT, Registre

PROPOSITION_INTROUVABLE = "Cette proposition n'existe pas."


class ServiceBudgetParticipatif:
    def __init__(self, registre: Registre) -> None:
        self.registre = registre

    @property
    def enveloppe(self) -> int:
        """The yearly envelope of an arrondissement, from the configuration."""
        return self.registre.configuration.enveloppe_bp_euros

    def deposer(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        titre: str,
        description: str,
        quartier: str,
        adresse: str,
        theme: str,
        cout_estime: int,
        image: str = "",
        *,
        seance_id: UUID | None = None,
        decision: int | None = None,
    ) -> tuple[UUID, int]:
        """A signed-in person files in their own name; an animateur files for the council when
        a séance of the council adopted the decision to (`seance_id` and `decision`)."""
        verifier_arrondissement(arrondissement)
        au_nom_du_conseil = None
        if seance_id is None:
            qui = exiger_compte(acteur)
        else:
            qui = exiger_animateur(acteur, arrondissement)
            au_nom_du_conseil = self._decision(arrondissement, seance_id, decision)
        proposition = PropositionBP.deposer(
            arrondissement,
            titre,
            description,
            quartier,
            adresse,
            theme,
            cout_estime,
            image,
            self.enveloppe,
            qui.compte_id,
            self.registre.maintenant(),
            self.registre.nouvel_id(),
            au_nom_du_conseil=au_nom_du_conseil,
        )
        return proposition.id, self.registre.enregistrer(proposition)

    def soutenir(self, acteur: Acteur | None, proposition_id: UUID, soutien: bool) -> int:
        """Support, or withdraw one's support; both are idempotent, so no version is checked."""
        qui = exiger_compte(acteur)
        proposition = self._charger(proposition_id)
        le = self.registre.maintenant()
        if soutien:
            proposition.soutenir(qui.compte_id, le)
        else:
            proposition.retirer_soutien(qui.compte_id, le)
        return self.registre.enregistrer(proposition)

    def commenter(self, acteur: Acteur | None, proposition_id: UUID, texte: str) -> int:
        qui = exiger_compte(acteur)
        proposition = self._charger(proposition_id)
        proposition.commenter(qui.compte_id, texte, self.registre.maintenant())
        return self.registre.enregistrer(proposition)

    def masquer_commentaire(
        self, acteur: Acteur | None, proposition_id: UUID, numero: int, motif: str
    ) -> int:
        """Moderation belongs to the animateurs of the proposal's council."""
        proposition = self._charger(proposition_id)
        qui = exiger_animateur(acteur, proposition.arrondissement)
        proposition.masquer_commentaire(numero, motif, qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(proposition)

    def porter(
        self, acteur: Acteur | None, proposition_id: UUID, seance_id: UUID, decision: int | None
    ) -> int:
        """An animateur records that the open assembly adopted the proposal as the council's."""
        proposition = self._charger(proposition_id)
        qui = exiger_animateur(acteur, proposition.arrondissement)
        adoptee = self._decision(proposition.arrondissement, seance_id, decision)
        proposition.porter(adoptee, qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(proposition)

    # --- the lifecycle, by an agent of the Ville; `version` is the form's status version ---

    def declarer_recevable(
        self, acteur: Acteur | None, proposition_id: UUID, version: int | None
    ) -> int:
        proposition, qui = self._pour_agent(acteur, proposition_id, version)
        proposition.declarer_recevable(qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(proposition)

    def declarer_irrecevable(
        self, acteur: Acteur | None, proposition_id: UUID, version: int | None, motif: str
    ) -> int:
        proposition, qui = self._pour_agent(acteur, proposition_id, version)
        proposition.declarer_irrecevable(motif, qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(proposition)

    def etudier(
        self, acteur: Acteur | None, proposition_id: UUID, version: int | None, cout_reestime: int
    ) -> int:
        proposition, qui = self._pour_agent(acteur, proposition_id, version)
        proposition.etudier(
            cout_reestime, self.enveloppe, qui.compte_id, self.registre.maintenant()
        )
        return self.registre.enregistrer(proposition)

    def soumettre_au_vote(
        self, acteur: Acteur | None, proposition_id: UUID, version: int | None
    ) -> int:
        proposition, qui = self._pour_agent(acteur, proposition_id, version)
        proposition.soumettre_au_vote(qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(proposition)

    def declarer_laureate(
        self, acteur: Acteur | None, proposition_id: UUID, version: int | None, voix: int
    ) -> int:
        proposition, qui = self._pour_agent(acteur, proposition_id, version)
        proposition.declarer_laureate(voix, qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(proposition)

    def declarer_non_retenue(
        self, acteur: Acteur | None, proposition_id: UUID, version: int | None, voix: int
    ) -> int:
        proposition, qui = self._pour_agent(acteur, proposition_id, version)
        proposition.declarer_non_retenue(voix, qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(proposition)

    def lancer_realisation(
        self, acteur: Acteur | None, proposition_id: UUID, version: int | None
    ) -> int:
        proposition, qui = self._pour_agent(acteur, proposition_id, version)
        proposition.lancer_realisation(qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(proposition)

    def declarer_realisee(
        self, acteur: Acteur | None, proposition_id: UUID, version: int | None, realisee_le: date
    ) -> int:
        proposition, qui = self._pour_agent(acteur, proposition_id, version)
        proposition.declarer_realisee(realisee_le, qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(proposition)

    def abandonner(
        self, acteur: Acteur | None, proposition_id: UUID, version: int | None, motif: str
    ) -> int:
        proposition, qui = self._pour_agent(acteur, proposition_id, version)
        proposition.abandonner(motif, qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(proposition)

    def fusionner(
        self, acteur: Acteur | None, proposition_id: UUID, version: int | None, cible_id: UUID
    ) -> int:
        """Merge into another proposal; only the merged one records an event."""
        proposition, qui = self._pour_agent(acteur, proposition_id, version)
        cible = self.registre.trouver(PropositionBP, cible_id)
        if cible is None:
            raise ChampInvalide("cible", "La proposition choisie pour la fusion n'existe pas.")
        proposition.fusionner(cible, qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(proposition)

    def _charger(self, proposition_id: UUID) -> PropositionBP:
        return self.registre.charger(PropositionBP, proposition_id, PROPOSITION_INTROUVABLE)

    def _pour_agent(
        self, acteur: Acteur | None, proposition_id: UUID, version: int | None
    ) -> tuple[PropositionBP, Acteur]:
        """Supports and comments do not make a lifecycle form stale: only a status change does."""
        qui = exiger_agent_ville(acteur)
        proposition = self._charger(proposition_id)
        if version is not None and proposition.version_statut != version:
            raise ConflitDeModification(MESSAGE_CONFLIT)
        return proposition, qui

    def _decision(
        self, arrondissement: int, seance_id: UUID, numero: int | None
    ) -> DecisionDuConseil:
        if numero is None:
            raise ChampInvalide(
                "decision", "Choisissez la décision de l'assemblée ouverte qui engage le conseil."
            )
        seance = self.registre.trouver(Seance, seance_id)
        if seance is None:
            raise ChampInvalide("decision", "Cette séance n'existe pas.")
        return decision_du_conseil(seance, arrondissement, numero)
