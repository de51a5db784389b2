"""Use cases of the open assembly: join and leave (any signed-in person, for themself)."""

from typing import Literal

from domaine.assemblee import Adhesion, id_adhesion, profil
from domaine.comptes import Acteur, exiger_compte
from domaine.quartiers import verifier_arrondissement
from domaine.temps import jour_a_paris
from langues import N_
from stockage.registre import Registre

ActionAssemblee = Literal["rejoindre", "declarer_volontariat", "redeclarer_quartier", "quitter"]
"""The use cases of the open assembly; each acts on a council (its arrondissement)."""

PAS_MEMBRE = N_("Vous n'êtes pas membre de cette assemblée.")
"""Who is not (or no longer) a member finds no membership to change."""


class ServiceAssemblee:
    def __init__(self, registre: Registre) -> None:
        self.registre = registre

    def autoriser(
        self, acteur: Acteur | None, action: ActionAssemblee, arrondissement: int
    ) -> None:
        """The role check of the use case `action` alone (a signed-in account, whatever the
        use case): web handlers call it before reading their form. Raises `ActionInterdite`;
        the use case checks the same again, as its first step."""
        exiger_compte(acteur)

    def rejoindre(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        college: str,
        genre: str,
        tranche_age: str,
        quartier: str,
        eligible: bool,
        structure_nom: str = "",
        structure_type: str = "",
        consentement_parental: bool = False,
    ) -> int:
        """Every answer is checked at once (`ProfilIncomplet` names each field at fault)."""
        qui = exiger_compte(acteur)
        verifier_arrondissement(arrondissement)
        le = self.registre.maintenant()
        p = profil(
            arrondissement,
            college,
            genre,
            tranche_age,
            quartier,
            jour_a_paris(le),
            structure_nom,
            structure_type,
            consentement_parental,
            eligible,
        )
        adhesion = self.registre.trouver(Adhesion, id_adhesion(arrondissement, qui.compte_id))
        if adhesion is None:
            adhesion = Adhesion.rejoindre_une_premiere_fois(
                arrondissement, qui.compte_id, p, eligible, le
            )
        else:
            adhesion.revenir(p, eligible, le)
        return self.registre.enregistrer(adhesion)

    def declarer_volontariat(
        self, acteur: Acteur | None, arrondissement: int, volontaire: bool
    ) -> int:
        """A member volunteers for the groupe moteur: they join the pool of the next tirage."""
        qui = exiger_compte(acteur)
        verifier_arrondissement(arrondissement)
        adhesion = self.registre.charger(
            Adhesion,
            id_adhesion(arrondissement, qui.compte_id),
            PAS_MEMBRE,
        )
        adhesion.declarer_volontariat(volontaire, self.registre.maintenant())
        return self.registre.enregistrer(adhesion)

    def redeclarer_quartier(self, acteur: Acteur | None, arrondissement: int, quartier: str) -> int:
        """A member declares their neighbourhood again, among the QPV in force (asked when the
        one they declared left the list)."""
        qui = exiger_compte(acteur)
        verifier_arrondissement(arrondissement)
        adhesion = self.registre.charger(
            Adhesion,
            id_adhesion(arrondissement, qui.compte_id),
            PAS_MEMBRE,
        )
        adhesion.redeclarer_quartier(quartier, self.registre.maintenant())
        return self.registre.enregistrer(adhesion)

    def quitter(self, acteur: Acteur | None, arrondissement: int, motif: str = "") -> int:
        qui = exiger_compte(acteur)
        verifier_arrondissement(arrondissement)
        adhesion = self.registre.charger(
            Adhesion,
            id_adhesion(arrondissement, qui.compte_id),
            PAS_MEMBRE,
        )
        adhesion.quitter(motif, self.registre.maintenant())
        return self.registre.enregistrer(adhesion)
