"""Use cases of a council itself: setting it up, its majority rule, its règlement intérieur;
each checks who may act first."""

from datetime import date
from typing import Literal

from domaine.comptes import Acteur, exiger_agent, exiger_animateur
from domaine.conseils import ConseilCitoyen, id_conseil
from domaine.quartiers import ARRONDISSEMENTS_FONDATEURS, verifier_arrondissement
from domaine.vocabulaire import Role
from langues import _
from stockage.registre import Registre

ActionConseil = Literal[
    "fixer_regle_majorite",
    "deposer_reglement",
    "designer_structure_porteuse",
    "statuer_conformite",
    "enregistrer_bilan_annuel",
]
"""The use cases of a council; each acts on the council (its arrondissement)."""


class ServiceConseils:
    def __init__(self, registre: Registre) -> None:
        self.registre = registre

    def autoriser(
        self, acteur: Acteur | None, action: ActionConseil, arrondissement: int | None
    ) -> None:
        """The role check of the use case `action` alone: web handlers call it before reading
        their form, so that a refused role gets 403 whatever it typed (`arrondissement` is None
        when the form names the council in a field left empty). Raises `ActionInterdite`; the
        use case checks the same policy again, as its first step."""
        match action:
            case "fixer_regle_majorite" | "deposer_reglement":
                if arrondissement is None:
                    raise ValueError(f"{action} acts on a council that must be named")
                exiger_animateur(acteur, arrondissement)
            case "designer_structure_porteuse" | "statuer_conformite" | "enregistrer_bilan_annuel":
                exiger_agent(acteur)

    def instituer_tous(self) -> int:
        """Create the eight founding councils once; running it again changes nothing."""
        nouveaux = [
            ConseilCitoyen.instituer(a, self.registre.maintenant())
            for a in ARRONDISSEMENTS_FONDATEURS
            if self.registre.trouver(ConseilCitoyen, id_conseil(a)) is None
        ]
        return self.registre.enregistrer(*nouveaux) if nouveaux else self.registre.position()

    def conseil(self, arrondissement: int) -> ConseilCitoyen:
        verifier_arrondissement(arrondissement)
        return self.registre.charger(
            ConseilCitoyen,
            id_conseil(arrondissement),
            _(
                "Le conseil citoyen du %(arrondissement)se n'est pas encore institué.",
                arrondissement=arrondissement,
            ),
        )

    def fixer_regle_majorite(self, acteur: Acteur | None, arrondissement: int, regle: str) -> int:
        qui = exiger_animateur(acteur, arrondissement)
        conseil = self.conseil(arrondissement)
        conseil.fixer_regle_majorite(regle, qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(conseil)

    def deposer_reglement(self, acteur: Acteur | None, arrondissement: int, texte: str) -> int:
        qui = exiger_animateur(acteur, arrondissement)
        conseil = self.conseil(arrondissement)
        conseil.deposer_reglement(texte, qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(conseil)

    def designer_structure_porteuse(
        self, acteur: Acteur | None, arrondissement: int, nom: str, forme: str, depuis: date
    ) -> int:
        qui, __ = exiger_agent(acteur)
        conseil = self.conseil(arrondissement)
        conseil.designer_structure_porteuse(
            nom, forme, depuis, qui.compte_id, self.registre.maintenant()
        )
        return self.registre.enregistrer(conseil)

    def statuer_conformite(
        self, acteur: Acteur | None, arrondissement: int, numero: int, statut: str, motif: str
    ) -> int:
        qui, role = exiger_agent(acteur)
        conseil = self.conseil(arrondissement)
        conseil.statuer_conformite(
            numero, statut, role, motif, qui.compte_id, self.registre.maintenant()
        )
        return self.registre.enregistrer(conseil)

    def enregistrer_bilan_annuel(
        self, acteur: Acteur | None, arrondissement: int, annee: int, presente_le: date
    ) -> int:
        """An agent records that their institution presented its yearly review (rule 17)."""
        qui, role = exiger_agent(acteur)
        conseil = self.conseil(arrondissement)
        institution = "etat" if role == Role.AGENT_ETAT else "ville"
        conseil.enregistrer_bilan_annuel(
            annee, institution, presente_le, qui.compte_id, self.registre.maintenant()
        )
        return self.registre.enregistrer(conseil)
