"""Use cases of avis: load what the rule needs (membership, séance, council), check who may act
(first, with the policies of `domaine.avis`), call, save."""

from datetime import date
from typing import Literal
from uuid import UUID

from domaine.assemblee import Adhesion, id_adhesion
from domaine.avis import (
    Alerte,
    Avis,
    exiger_agent_etat,
    exiger_agent_saisissant,
    exiger_cosignataire,
    exiger_membre,
    exiger_membre_ou_animateur,
    exiger_peut_clore,
    exiger_peut_cosigner,
    exiger_peut_reecrire,
    exiger_peut_retirer,
    exiger_repondant,
)
from domaine.comptes import Acteur, exiger_animateur, exiger_compte
from domaine.conseils import ConseilCitoyen, id_conseil
from domaine.erreurs import ChampInvalide, ConflitDeModification, au_champ
from domaine.seances import Seance
from domaine.textes import LANGUE_PAR_DEFAUT
from langues import N_
from participation.concurrence import reessayer_si_conflit
from stockage.registre import MESSAGE_CONFLIT, Registre

AVIS_INTROUVABLE = N_("Cet avis n'existe pas.")

ActionAvis = Literal[
    "saisir",
    "rediger",
    "fixer_delai_reponse",
    "amender",
    "cosigner",
    "retirer_cosignature",
    "soumettre_au_vote",
    "retirer",
    "transmettre",
    "accuser_reception",
    "repondre",
    "informer_partenaires",
    "presenter_diagnostic",
    "clore",
]
"""The use cases of avis: `saisir`, `rediger` and `fixer_delai_reponse` act on a council (its
arrondissement), the others on an avis (its id)."""


class ServiceAvis:
    def __init__(self, registre: Registre) -> None:
        self.registre = registre

    def autoriser(self, acteur: Acteur | None, action: ActionAvis, cible: int | UUID) -> None:
        """The role check of the use case `action` alone, on `cible` (a council's arrondissement,
        or an avis' id; see `ActionAvis`): web handlers call it before reading their form, so
        that a refused role gets 403 whatever it typed. Raises `ActionInterdite`; the use case
        checks the same policy again, as its first step."""
        if isinstance(cible, int):
            match action:
                case "saisir":
                    exiger_agent_saisissant(acteur)
                case "rediger":
                    exiger_membre(acteur, self._adhesion(acteur, cible), cible)
                case "fixer_delai_reponse":
                    exiger_animateur(acteur, cible)
                case _:
                    raise ValueError(f"{action} acts on an avis, not on a council")
            return
        avis = self._avis(cible)
        arrondissement = avis.arrondissement
        match action:
            case "amender":
                self._exiger_peut_amender(acteur, avis)
            case "cosigner":
                adhesion = self._adhesion(acteur, arrondissement)
                exiger_peut_cosigner(acteur, adhesion, arrondissement, avis.auteurs)
            case "retirer_cosignature":
                exiger_cosignataire(acteur, avis.auteurs)
            case "retirer":
                exiger_peut_retirer(acteur, arrondissement, avis.premier_auteur, avis.statut)
            case "soumettre_au_vote" | "transmettre":
                exiger_animateur(acteur, arrondissement)
            case "accuser_reception" | "repondre":
                exiger_repondant(acteur, avis.destinataire)
            case "informer_partenaires" | "presenter_diagnostic":
                exiger_agent_etat(acteur)
            case "clore":
                exiger_peut_clore(acteur, arrondissement, avis.destinataire)
            case _:
                raise ValueError(f"{action} acts on a council, not on an avis")

    def saisir(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        titre: str,
        question: str,
        demandee_le: date,
        echeance: date,
        sujet: str = "",
        axe: str = "",
    ) -> tuple[UUID, int]:
        qui, destinataire = exiger_agent_saisissant(acteur)
        avis = Avis.saisir(
            qui.compte_id,
            destinataire,
            arrondissement,
            titre,
            question,
            demandee_le,
            echeance,
            sujet,
            axe,
            self.registre.maintenant(),
            self.registre.nouvel_id(),
        )
        return avis.id, self.registre.enregistrer(avis)

    def rediger(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        origine: str,
        titre: str,
        texte: str,
        destinataire: str,
        institution: str = "",
        sujet: str = "",
        axe: str = "",
        langue: str = LANGUE_PAR_DEFAUT,
    ) -> tuple[UUID, int]:
        qui = exiger_membre(acteur, self._adhesion(acteur, arrondissement), arrondissement)
        avis = Avis.rediger(
            qui.compte_id,
            arrondissement,
            origine,
            titre,
            texte,
            destinataire,
            institution,
            sujet,
            axe,
            self.registre.maintenant(),
            self.registre.nouvel_id(),
            langue,
        )
        return avis.id, self.registre.enregistrer(avis)

    def amender(
        self,
        acteur: Acteur | None,
        avis_id: UUID,
        version: int | None,
        titre: str,
        texte: str,
        langue: str = LANGUE_PAR_DEFAUT,
    ) -> int:
        """A new version of the draft; for a saisine not yet drafted, its first draft."""
        avis = self._avis(avis_id)
        qui = self._exiger_peut_amender(acteur, avis)
        self._a_jour(avis, version)
        le = self.registre.maintenant()
        if avis.versions:
            avis.amender(qui.compte_id, titre, texte, le, langue)
        else:
            avis.rediger_reponse_a_la_saisine(qui.compte_id, titre, texte, le, langue)
        return self.registre.enregistrer(avis)

    def cosigner(self, acteur: Acteur | None, avis_id: UUID) -> int:
        """Co-signatures commute with the others' (applied again on a conflict)."""

        def appliquer() -> int:
            avis = self._avis(avis_id)
            adhesion = self._adhesion(acteur, avis.arrondissement)
            qui = exiger_peut_cosigner(acteur, adhesion, avis.arrondissement, avis.auteurs)
            avis.cosigner(qui.compte_id, self.registre.maintenant())
            return self.registre.enregistrer(avis)

        return reessayer_si_conflit(appliquer)

    def retirer_cosignature(self, acteur: Acteur | None, avis_id: UUID) -> int:
        """A co-signer takes their name off the draft (not its author: see `Avis`)."""

        def appliquer() -> int:
            avis = self._avis(avis_id)
            qui = exiger_cosignataire(acteur, avis.auteurs)
            avis.retirer_cosignature(qui.compte_id, self.registre.maintenant())
            return self.registre.enregistrer(avis)

        return reessayer_si_conflit(appliquer)

    def soumettre_au_vote(
        self, acteur: Acteur | None, avis_id: UUID, seance_id: UUID | None, decision: int | None
    ) -> int:
        """Link the avis to the decision of a séance that voted on it (adopted or rejected).
        `seance_id` and `decision` are None when none was chosen (refused after the role)."""
        avis = self._avis(avis_id)
        qui = exiger_animateur(acteur, avis.arrondissement)
        if seance_id is None or decision is None:
            raise ChampInvalide(
                "decision", "Choisissez la décision de séance qui a statué sur cet avis."
            )
        seance = self.registre.charger(Seance, seance_id, N_("Cette séance n'existe pas."))
        trouvee = next((d for d in seance.decisions if d.numero == decision), None)
        avis.soumettre_au_vote(
            qui.compte_id, seance_id, seance.arrondissement, trouvee, self.registre.maintenant()
        )
        return self.registre.enregistrer(avis)

    def retirer(self, acteur: Acteur | None, avis_id: UUID, version: int | None, motif: str) -> int:
        avis = self._avis(avis_id)
        qui = exiger_peut_retirer(acteur, avis.arrondissement, avis.premier_auteur, avis.statut)
        self._a_jour(avis, version)
        avis.retirer(qui.compte_id, motif, self.registre.maintenant())
        return self.registre.enregistrer(avis)

    def transmettre(self, acteur: Acteur | None, avis_id: UUID, version: int | None) -> int:
        avis = self._avis(avis_id)
        qui = exiger_animateur(acteur, avis.arrondissement)
        self._a_jour(avis, version)
        conseil = self.registre.charger(
            ConseilCitoyen, id_conseil(avis.arrondissement), N_("Conseil introuvable.")
        )
        avis.transmettre(qui.compte_id, conseil.delai_reponse_avis_mois, self.registre.maintenant())
        return self.registre.enregistrer(avis)

    def accuser_reception(self, acteur: Acteur | None, avis_id: UUID) -> int:
        avis = self._avis(avis_id)
        qui, role = exiger_repondant(acteur, avis.destinataire)
        avis.accuser_reception(qui.compte_id, role, self.registre.maintenant())
        return self.registre.enregistrer(avis)

    def repondre(
        self,
        acteur: Acteur | None,
        avis_id: UUID,
        version: int | None,
        texte: str,
        liens: list[str],
    ) -> int:
        avis = self._avis(avis_id)
        qui, role = exiger_repondant(acteur, avis.destinataire)
        self._a_jour(avis, version)
        avis.repondre(qui.compte_id, role, texte, liens, self.registre.maintenant())
        return self.registre.enregistrer(avis)

    def informer_partenaires(
        self, acteur: Acteur | None, avis_id: UUID, version: int | None, texte: str
    ) -> int:
        avis = self._avis(avis_id)
        qui = exiger_agent_etat(acteur)
        self._a_jour(avis, version)
        avis.informer_partenaires(qui.compte_id, texte, self.registre.maintenant())
        return self.registre.enregistrer(avis)

    def presenter_diagnostic(
        self,
        acteur: Acteur | None,
        avis_id: UUID,
        version: int | None,
        comite_le: date,
        texte: str,
    ) -> int:
        avis = self._avis(avis_id)
        qui = exiger_agent_etat(acteur)
        self._a_jour(avis, version)
        avis.presenter_diagnostic(qui.compte_id, comite_le, texte, self.registre.maintenant())
        return self.registre.enregistrer(avis)

    def clore(self, acteur: Acteur | None, avis_id: UUID, version: int | None, motif: str) -> int:
        avis = self._avis(avis_id)
        qui, role = exiger_peut_clore(acteur, avis.arrondissement, avis.destinataire)
        self._a_jour(avis, version)
        avis.clore(qui.compte_id, role, motif, self.registre.maintenant())
        return self.registre.enregistrer(avis)

    def fixer_delai_reponse(self, acteur: Acteur | None, arrondissement: int, mois: int) -> int:
        qui = exiger_animateur(acteur, arrondissement)
        conseil = self.registre.charger(
            ConseilCitoyen, id_conseil(arrondissement), N_("Conseil introuvable.")
        )
        au_champ(
            "mois",
            lambda: conseil.fixer_delai_reponse_avis(
                mois, qui.compte_id, self.registre.maintenant()
            ),
        )
        return self.registre.enregistrer(conseil)

    def signaler_echeance(self, avis_id: UUID) -> tuple[Avis, Alerte] | None:
        """Record the reminder due now for one avis; None if none is due (or another worker
        recorded it first: the second save conflicts and nothing is sent twice)."""
        avis = self._avis(avis_id)
        alerte = avis.signaler_echeance(self.registre.maintenant())
        if alerte is None:
            return None
        try:
            self.registre.enregistrer(avis)
        except ConflitDeModification:
            return None
        return avis, alerte

    def _exiger_peut_amender(self, acteur: Acteur | None, avis: Avis) -> Acteur:
        """Rewriting the draft belongs to its author and the animateurs; the first draft of a
        saisine, to any member of the assembly and the animateurs."""
        if avis.versions:
            return exiger_peut_reecrire(acteur, avis.arrondissement, avis.premier_auteur)
        adhesion = self._adhesion(acteur, avis.arrondissement)
        return exiger_membre_ou_animateur(acteur, adhesion, avis.arrondissement)

    def _avis(self, avis_id: UUID) -> Avis:
        return self.registre.charger(Avis, avis_id, AVIS_INTROUVABLE)

    @staticmethod
    def _a_jour(avis: Avis, version: int | None) -> None:
        """The form was built from this version of the avis (checked after the role)."""
        if version is not None and avis.version != version:
            raise ConflitDeModification(MESSAGE_CONFLIT)

    def _adhesion(self, acteur: Acteur | None, arrondissement: int) -> Adhesion | None:
        qui = exiger_compte(acteur)
        return self.registre.trouver(Adhesion, id_adhesion(arrondissement, qui.compte_id))
