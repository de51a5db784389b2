"""Use cases of API tokens: agents of the Ville or the État (and administrators) create tokens
for their institution's systems and revoke their own. The role is checked here, first; the
store (`stockage.jetons`) only keeps the tokens' fingerprints."""

from typing import Literal
from uuid import UUID

from domaine.comptes import Acteur, exiger_agent_ou_admin, exiger_compte
from domaine.erreurs import Introuvable, au_champ
from domaine.textes import texte
from langues import N_
from stockage.jetons import Jeton, Jetons
from stockage.registre import Registre

LIBELLE_MAX = 120

ActionJetons = Literal["creer", "revoquer"]
"""The use cases of API tokens; each acts on the signed-in account's own tokens."""


class ServiceJetons:
    def __init__(self, jetons: Jetons, registre: Registre) -> None:
        self.stock = jetons
        self.registre = registre

    def autoriser(self, acteur: Acteur | None, action: ActionJetons, cible: object = None) -> None:
        """The role check of the use case `action` alone: web handlers call it before reading
        their form, so that a refused role gets 403 whatever it typed (`cible` is unused: a
        token belongs to whoever acts). Raises `ActionInterdite`."""
        if action == "creer":
            exiger_agent_ou_admin(acteur, N_("créer un jeton d'API"))
        else:
            exiger_compte(acteur)

    def creer(self, acteur: Acteur | None, libelle: str) -> str:
        """A new token for an agent's (or an admin's) systems; returned once, never stored. Its
        name says which system uses it, so that it can be told apart and revoked: required."""
        qui = exiger_agent_ou_admin(acteur, N_("créer un jeton d'API"))
        nom = au_champ("libelle", lambda: texte(libelle, N_("nom du jeton"), LIBELLE_MAX))
        return self.stock.creer(qui.compte_id, " ".join(nom.split()), self.registre.maintenant())

    def revoquer(self, acteur: Acteur | None, empreinte: str) -> None:
        """Revoke one of one's own tokens; someone else's (or one already revoked) is not
        found, whoever asks."""
        qui = exiger_compte(acteur)
        if not self.stock.revoquer(qui.compte_id, empreinte):
            raise Introuvable("Ce jeton n'existe pas, ou il n'est pas à vous.")

    def de(self, personne_id: UUID) -> list[Jeton]:
        return self.stock.de(personne_id)

    def titulaire(self, jeton: str) -> UUID | None:
        """The account a presented token acts for; None if unknown (or revoked)."""
        return self.stock.titulaire(jeton)
