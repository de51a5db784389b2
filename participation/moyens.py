"""Use cases of a council's means and training (rule 19): the Ville's and the État's agents
record rooms, budgets, support staff and trainings, and cancel a mistaken record; each use
case checks the role first, then loads the council's record (opened on first use) and saves."""

from datetime import date
from typing import Literal
from uuid import UUID

from domaine.comptes import Acteur, exiger_agent
from domaine.moyens import MoyensDuConseil, id_moyens
from domaine.quartiers import verifier_arrondissement
from stockage.registre import Registre

ActionMoyens = Literal[
    "enregistrer_salle",
    "enregistrer_engagement",
    "enregistrer_budget",
    "enregistrer_accompagnement",
    "proposer_formation",
    "enregistrer_participations",
    "annuler",
]
"""The use cases of a council's means; all are the agents' (rule 19)."""


class ServiceMoyens:
    def __init__(self, registre: Registre) -> None:
        self.registre = registre

    def autoriser(
        self, acteur: Acteur | None, action: ActionMoyens, arrondissement: int | None = None
    ) -> None:
        """The role check of `action` alone (403 before any input is read): the Ville's or the
        État's agents, whatever the council."""
        exiger_agent(acteur)

    def _moyens(self, arrondissement: int) -> MoyensDuConseil:
        verifier_arrondissement(arrondissement)
        trouve = self.registre.trouver(MoyensDuConseil, id_moyens(arrondissement))
        return trouve or MoyensDuConseil.ouvrir(arrondissement, self.registre.maintenant())

    def _faire(
        self, acteur: Acteur | None, arrondissement: int, commande: str, *args: object
    ) -> int:
        qui, _ = exiger_agent(acteur)
        moyens = self._moyens(arrondissement)
        getattr(moyens, commande)(*args, qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(moyens)

    def enregistrer_salle(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        nom: str,
        institution: str,
        recurrence: str,
        debut: date,
        fin: date | None,
    ) -> int:
        return self._faire(
            acteur, arrondissement, "enregistrer_salle", self.registre.nouvel_id(), nom, institution, recurrence,
            debut, fin,
        )  # fmt: skip

    def enregistrer_engagement(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        annee: int,
        institution: str,
        objet: str,
        valeur: int,
    ) -> int:
        return self._faire(
            acteur, arrondissement, "enregistrer_engagement", self.registre.nouvel_id(), annee, institution, objet,
            valeur,
        )  # fmt: skip

    def enregistrer_budget(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        annee: int,
        institution: str,
        nature: str,
        euros: int,
    ) -> int:
        return self._faire(
            acteur, arrondissement, "enregistrer_budget", self.registre.nouvel_id(), annee, institution, nature,
            euros,
        )  # fmt: skip

    def enregistrer_accompagnement(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        nature: str,
        institution: str,
        etp_centiemes: int | None,
        heures: int | None,
        debut: date,
        fin: date | None,
    ) -> int:
        return self._faire(
            acteur, arrondissement, "enregistrer_accompagnement", self.registre.nouvel_id(), nature, institution,
            etp_centiemes, heures, debut, fin,
        )  # fmt: skip

    def proposer_formation(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        theme: str,
        organisme: str,
        institution: str,
        jour: date,
    ) -> int:
        return self._faire(
            acteur, arrondissement, "proposer_formation", self.registre.nouvel_id(), theme, organisme, institution,
            jour,
        )  # fmt: skip

    def enregistrer_participations(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        formation: UUID,
        habitants: int,
        acteurs_locaux: int,
        femmes: int,
        hommes: int,
        autres: int,
        non_precise: int,
        personnes: list[str] | None = None,
    ) -> int:
        return self._faire(
            acteur, arrondissement, "enregistrer_participations", self.registre.nouvel_id(), formation, habitants,
            acteurs_locaux, femmes, hommes, autres, non_precise, list(personnes or []),
        )  # fmt: skip

    def annuler(self, acteur: Acteur | None, arrondissement: int, entree: UUID, motif: str) -> int:
        return self._faire(acteur, arrondissement, "annuler", entree, motif)
