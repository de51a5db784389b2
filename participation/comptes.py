"""Use cases of accounts: sign up, sign in, roles (the administrators')."""

from typing import Literal
from uuid import UUID

from domaine.comptes import Acteur, Compte, exiger_admin, exiger_compte
from domaine.erreurs import DonneeInvalide
from langues import N_
from stockage.identites import Identites
from stockage.registre import Registre

ActionComptes = Literal["attribuer_role", "retirer_role", "choisir_courriels"]
"""The use cases of accounts that need a role; each acts on an account (its id). Choosing
one's e-mails is every signed-in person's, on their own account."""


class ServiceComptes:
    def __init__(self, registre: Registre, identites: Identites) -> None:
        self.registre = registre
        self.identites = identites

    def autoriser(self, acteur: Acteur | None, action: ActionComptes, compte_id: UUID) -> None:
        """The role check of the use case `action` alone (the administrators', whatever the
        account): web handlers call it before reading their form. Raises `ActionInterdite`;
        the use case checks the same again, as its first step."""
        if action == "choisir_courriels":
            exiger_compte(acteur)
            return
        exiger_admin(acteur)

    def inscrire(
        self, nom: str, email: str, mot_de_passe: str, hachage: str | None = None
    ) -> tuple[UUID, int]:
        """Personal data goes to the identity store; the log only learns that an account opened."""
        le = self.registre.maintenant()
        compte_id = self.registre.nouvel_id()
        self.identites.creer(compte_id, nom, email, mot_de_passe, le, hachage)
        try:
            position = self.registre.enregistrer(Compte.ouvrir(compte_id, le))
        except BaseException:
            self.identites.supprimer(compte_id)
            raise
        return compte_id, position

    def authentifier(self, email: str, mot_de_passe: str) -> UUID:
        compte_id = self.identites.verifier(email, mot_de_passe)
        if compte_id is None or self.registre.trouver(Compte, compte_id) is None:
            raise DonneeInvalide("Adresse électronique ou mot de passe incorrect.")
        return compte_id

    def choisir_langue(self, compte_id: UUID | str, langue: str) -> None:
        """Personal data, not a fact of the log: kept (and erased) with the identity."""
        self.identites.choisir_langue(UUID(str(compte_id)), langue)

    def acteur(self, compte_id: UUID) -> Acteur | None:
        """None for an unknown or erased account: its sessions are signed out."""
        compte = self.registre.trouver(Compte, compte_id)
        return compte.acteur() if compte is not None and not compte.efface else None

    def attribuer_role(
        self, acteur: Acteur | None, compte_id: UUID, role: str, arrondissement: int | None
    ) -> int:
        admin = exiger_admin(acteur)
        compte = self._compte(compte_id)
        compte.attribuer_role(role, arrondissement, admin.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(compte)

    def retirer_role(
        self, acteur: Acteur | None, compte_id: UUID, role: str, arrondissement: int | None
    ) -> int:
        admin = exiger_admin(acteur)
        compte = self._compte(compte_id)
        compte.retirer_role(role, arrondissement, admin.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(compte)

    def choisir_courriels(self, acteur: Acteur | None, mode: str) -> int:
        """How the signed-in person is told by e-mail (`ModeCourriels`), on their own account."""
        qui = exiger_compte(acteur)
        compte = self._compte(qui.compte_id)
        compte.choisir_courriels(mode, self.registre.maintenant())
        return self.registre.enregistrer(compte)

    def courriels(self, compte_id: UUID) -> str:
        """The person's choice (the default if the account is unknown)."""
        compte = self.registre.trouver(Compte, compte_id)
        return compte.courriels if compte is not None else Compte.courriels

    def amorcer_role(self, compte_id: UUID, role: str, arrondissement: int | None) -> int:
        """Grant a role without an administrator: only for the CLI (first admin, demo)."""
        compte = self._compte(compte_id)
        compte.attribuer_role(role, arrondissement, None, self.registre.maintenant())
        return self.registre.enregistrer(compte)

    def _compte(self, compte_id: UUID) -> Compte:
        return self.registre.charger(Compte, compte_id, N_("Ce compte n'existe pas."))
