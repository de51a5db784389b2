"""Use cases of a council itself: setting it up, its majority rule, its règlement intérieur."""

from datetime import date

from domaine.comptes import Acteur, exiger_agent, exiger_animateur, exiger_compte
from domaine.conseils import ConseilCitoyen, id_conseil
from domaine.quartiers import ARRONDISSEMENTS, verifier_arrondissement
from domaine.vocabulaire import Role
from stockage.registre import Registre


class ServiceConseils:
    def __init__(self, registre: Registre) -> None:
        self.registre = registre

    def instituer_tous(self) -> int:
        """Create the eight councils once; running it again changes nothing."""
        nouveaux = [
            ConseilCitoyen.instituer(a, self.registre.maintenant())
            for a in ARRONDISSEMENTS
            if self.registre.trouver(ConseilCitoyen, id_conseil(a)) is None
        ]
        return self.registre.enregistrer(*nouveaux) if nouveaux else self.registre.position()

    def conseil(self, arrondissement: int) -> ConseilCitoyen:
        verifier_arrondissement(arrondissement)
        return self.registre.charger(
            ConseilCitoyen,
            id_conseil(arrondissement),
            f"Le conseil citoyen du {arrondissement}e n'est pas encore institué.",
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
        qui, role = exiger_agent(acteur)
        conseil = self.conseil(arrondissement)
        conseil.designer_structure_porteuse(
            nom, forme, depuis, role, qui.compte_id, self.registre.maintenant()
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

    def enregistrer_copil(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        comite: str,
        tenu_le: date,
        representants: int,
    ) -> int:
        """An agent, or the council's animateur, records its representatives' attendance."""
        qui = exiger_compte(acteur)
        if qui.role_agent is None:
            exiger_animateur(qui, arrondissement)
        conseil = self.conseil(arrondissement)
        conseil.enregistrer_copil(
            comite, tenu_le, representants, qui.compte_id, self.registre.maintenant()
        )
        return self.registre.enregistrer(conseil)
