"""Use cases of avis: load what the rule needs (membership, séance, council), call, save."""

from datetime import date
from uuid import UUID

from domaine.assemblee import Adhesion, id_adhesion
from domaine.avis import Alerte, Avis
from domaine.comptes import Acteur, exiger_animateur, exiger_compte
from domaine.conseils import ConseilCitoyen, id_conseil
from domaine.erreurs import ChampInvalide, ConflitDeModification, au_champ
from domaine.seances import Seance
from stockage.registre import MESSAGE_CONFLIT, Registre

AVIS_INTROUVABLE = "Cet avis n'existe pas."


class ServiceAvis:
    def __init__(self, registre: Registre) -> None:
        self.registre = registre

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
        avis = Avis.saisir(
            acteur,
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
    ) -> tuple[UUID, int]:
        avis = Avis.rediger(
            acteur,
            self._adhesion(acteur, arrondissement),
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
        )
        return avis.id, self.registre.enregistrer(avis)

    def amender(
        self, acteur: Acteur | None, avis_id: UUID, version: int | None, titre: str, texte: str
    ) -> int:
        avis = self._avis(avis_id, version)
        le = self.registre.maintenant()
        if avis.versions:
            avis.amender(acteur, titre, texte, le)
        else:
            adhesion = self._adhesion(acteur, avis.arrondissement)
            avis.rediger_reponse_a_la_saisine(acteur, adhesion, titre, texte, le)
        return self.registre.enregistrer(avis)

    def cosigner(self, acteur: Acteur | None, avis_id: UUID) -> int:
        avis = self._avis(avis_id, None)
        avis.cosigner(
            acteur, self._adhesion(acteur, avis.arrondissement), self.registre.maintenant()
        )
        return self.registre.enregistrer(avis)

    def retirer_cosignature(self, acteur: Acteur | None, avis_id: UUID) -> int:
        """A co-signer takes their name off the draft (not its author: see `Avis`)."""
        avis = self._avis(avis_id, None)
        avis.retirer_cosignature(acteur, self.registre.maintenant())
        return self.registre.enregistrer(avis)

    def soumettre_au_vote(
        self, acteur: Acteur | None, avis_id: UUID, seance_id: UUID | None, decision: int | None
    ) -> int:
        """Link the avis to the decision of a séance that voted on it (adopted or rejected).
        `seance_id` and `decision` are None when none was chosen (refused after the role)."""
        avis = self._avis(avis_id, None)
        exiger_animateur(acteur, avis.arrondissement)
        if seance_id is None or decision is None:
            raise ChampInvalide(
                "decision", "Choisissez la décision de séance qui a statué sur cet avis."
            )
        seance = self.registre.charger(Seance, seance_id, "Cette séance n'existe pas.")
        trouvee = next((d for d in seance.decisions if d.numero == decision), None)
        avis.soumettre_au_vote(
            acteur, seance_id, seance.arrondissement, trouvee, self.registre.maintenant()
        )
        return self.registre.enregistrer(avis)

    def retirer(self, acteur: Acteur | None, avis_id: UUID, version: int | None, motif: str) -> int:
        avis = self._avis(avis_id, version)
        avis.retirer(acteur, motif, self.registre.maintenant())
        return self.registre.enregistrer(avis)

    def transmettre(self, acteur: Acteur | None, avis_id: UUID, version: int | None) -> int:
        avis = self._avis(avis_id, version)
        conseil = self.registre.charger(
            ConseilCitoyen, id_conseil(avis.arrondissement), "Conseil introuvable."
        )
        avis.transmettre(acteur, conseil.delai_reponse_avis_mois, self.registre.maintenant())
        return self.registre.enregistrer(avis)

    def accuser_reception(self, acteur: Acteur | None, avis_id: UUID) -> int:
        avis = self._avis(avis_id, None)
        avis.accuser_reception(acteur, self.registre.maintenant())
        return self.registre.enregistrer(avis)

    def repondre(
        self,
        acteur: Acteur | None,
        avis_id: UUID,
        version: int | None,
        texte: str,
        liens: list[str],
    ) -> int:
        avis = self._avis(avis_id, version)
        avis.repondre(acteur, texte, liens, self.registre.maintenant())
        return self.registre.enregistrer(avis)

    def informer_partenaires(
        self, acteur: Acteur | None, avis_id: UUID, version: int | None, texte: str
    ) -> int:
        avis = self._avis(avis_id, version)
        avis.informer_partenaires(acteur, texte, self.registre.maintenant())
        return self.registre.enregistrer(avis)

    def presenter_diagnostic(
        self,
        acteur: Acteur | None,
        avis_id: UUID,
        version: int | None,
        comite_le: date,
        texte: str,
    ) -> int:
        avis = self._avis(avis_id, version)
        avis.presenter_diagnostic(acteur, comite_le, texte, self.registre.maintenant())
        return self.registre.enregistrer(avis)

    def clore(self, acteur: Acteur | None, avis_id: UUID, version: int | None, motif: str) -> int:
        avis = self._avis(avis_id, version)
        avis.clore(acteur, motif, self.registre.maintenant())
        return self.registre.enregistrer(avis)

    def fixer_delai_reponse(self, acteur: Acteur | None, arrondissement: int, mois: int) -> int:
        qui = exiger_animateur(acteur, arrondissement)
        conseil = self.registre.charger(
            ConseilCitoyen, id_conseil(arrondissement), "Conseil introuvable."
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
        avis = self._avis(avis_id, None)
        alerte = avis.signaler_echeance(self.registre.maintenant())
        if alerte is None:
            return None
        try:
            self.registre.enregistrer(avis)
        except ConflitDeModification:
            return None
        return avis, alerte

    def _avis(self, avis_id: UUID, version: int | None) -> Avis:
        avis = self.registre.charger(Avis, avis_id, AVIS_INTROUVABLE)
        if version is not None and avis.version != version:
            raise ConflitDeModification(MESSAGE_CONFLIT)
        return avis

    def _adhesion(self, acteur: Acteur | None, arrondissement: int) -> Adhesion | None:
        qui = exiger_compte(acteur)
        return self.registre.trouver(Adhesion, id_adhesion(arrondissement, qui.compte_id))
