"""Use cases of the budget participatif: each checks who may act (first), loads the proposal,
calls it, saves it, and returns the position of the last event (read-your-writes)."""

from typing import Any, Literal
from uuid import UUID

from domaine.budget import (
    DecisionDuConseil,
    Depot,
    PropositionBP,
    decision_du_conseil,
    exiger_deposant,
)
from domaine.comptes import Acteur, exiger_agent_ville, exiger_animateur, exiger_compte
from domaine.erreurs import ChampInvalide, ConflitDeModification
from domaine.seances import Seance
from domaine.textes import LANGUE_PAR_DEFAUT
from domaine.vocabulaire import StatutProposition
from langues import N_
from participation.concurrence import reessayer_si_conflit
from stockage.registre import MESSAGE_CONFLIT, Registre

PROPOSITION_INTROUVABLE = N_("Cette proposition n'existe pas.")

ActionBudget = Literal[
    "deposer",
    "deposer_au_nom_du_conseil",
    "soutenir",
    "commenter",
    "masquer_commentaire",
    "porter",
    "faire_avancer",
]
"""The use cases of the budget participatif: filing (in one's name, or the council's) acts on a
council (its arrondissement), the others on a proposal (its id)."""


class ServiceBudgetParticipatif:
    def __init__(self, registre: Registre) -> None:
        self.registre = registre

    @property
    def enveloppe(self) -> int:
        """The yearly envelope of an arrondissement, from the configuration."""
        return self.registre.configuration.enveloppe_bp_euros

    def autoriser(self, acteur: Acteur | None, action: ActionBudget, cible: int | UUID) -> None:
        """The role check of the use case `action` alone, on `cible` (a council's arrondissement,
        or a proposal's id; see `ActionBudget`): web handlers call it before reading their form,
        so that a refused role gets 403 whatever it typed. Raises `ActionInterdite`; the use
        case checks the same policy again, as its first step."""
        if isinstance(cible, int):
            match action:
                case "deposer" | "deposer_au_nom_du_conseil":
                    exiger_deposant(acteur, cible, action == "deposer_au_nom_du_conseil")
                case _:
                    raise ValueError(f"{action} acts on a proposal, not on a council")
            return
        match action:
            case "soutenir" | "commenter":
                exiger_compte(acteur)
            case "masquer_commentaire" | "porter":
                exiger_animateur(acteur, self._charger(cible).arrondissement)
            case "faire_avancer":
                exiger_agent_ville(acteur)
            case _:
                raise ValueError(f"{action} acts on a council, not on a proposal")

    def deposer(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        depot: Depot,
        *,
        seance_id: UUID | None = None,
        decision: int | None = None,
    ) -> tuple[UUID, int]:
        """A signed-in person files in their own name; an animateur files for the council when
        a séance of the council adopted the decision to (`seance_id` and `decision`)."""
        qui = exiger_deposant(acteur, arrondissement, seance_id is not None)
        au_nom_du_conseil = None
        if seance_id is not None:
            au_nom_du_conseil = self._decision(arrondissement, seance_id, decision)
        proposition = PropositionBP.deposer(
            arrondissement,
            depot,
            self.enveloppe,
            qui.compte_id,
            self.registre.maintenant(),
            self.registre.nouvel_id(),
            au_nom_du_conseil=au_nom_du_conseil,
        )
        return proposition.id, self.registre.enregistrer(proposition)

    def soutenir(self, acteur: Acteur | None, proposition_id: UUID, soutien: bool) -> int:
        """Support, or withdraw one's support; both are idempotent, so no version is checked,
        and they commute with the others' (applied again on a conflict)."""
        qui = exiger_compte(acteur)

        def appliquer() -> int:
            proposition = self._charger(proposition_id)
            le = self.registre.maintenant()
            if soutien:
                proposition.soutenir(qui.compte_id, le)
            else:
                proposition.retirer_soutien(qui.compte_id, le)
            return self.registre.enregistrer(proposition)

        return reessayer_si_conflit(appliquer)

    def commenter(
        self,
        acteur: Acteur | None,
        proposition_id: UUID,
        texte: str,
        langue: str = LANGUE_PAR_DEFAUT,
    ) -> int:
        qui = exiger_compte(acteur)

        def appliquer() -> int:  # comments append: they commute with the others' acts
            proposition = self._charger(proposition_id)
            proposition.commenter(qui.compte_id, texte, self.registre.maintenant(), langue)
            return self.registre.enregistrer(proposition)

        return reessayer_si_conflit(appliquer)

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

    def faire_avancer(
        self,
        acteur: Acteur | None,
        proposition_id: UUID,
        version: int | None,
        statut: StatutProposition,
        **details: Any,
    ) -> int:
        """An agent of the Ville moves the proposal along its lifecycle, with the details the
        step requires (see `domaine.budget.ETAPES`; `cible_id`, the proposal it is merged
        into, is loaded here). `version` is the form's status version: supports and comments
        do not make a lifecycle form stale, only a status change does."""
        qui = exiger_agent_ville(acteur)
        proposition = self._charger(proposition_id)
        if version is not None and proposition.version_statut != version:
            raise ConflitDeModification(MESSAGE_CONFLIT)
        if "cible_id" in details:
            cible = self.registre.trouver(PropositionBP, details["cible_id"])
            if cible is None:
                raise ChampInvalide("cible", "La proposition choisie pour la fusion n'existe pas.")
            details["cible_id"] = cible
        proposition.faire_avancer(
            statut, qui.compte_id, self.registre.maintenant(), self.enveloppe, **details
        )
        return self.registre.enregistrer(proposition)

    def _charger(self, proposition_id: UUID) -> PropositionBP:
        return self.registre.charger(PropositionBP, proposition_id, PROPOSITION_INTROUVABLE)

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
