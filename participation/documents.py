"""Use cases of the councils' documents: deposit in a council's library (for one of its séances
or avis, or not), attach to an avis or a budget proposal, withdraw, open deposits to members,
and read a document's bytes back. Each checks who may act first (`domaine.documents`).

Order of a deposit, so that a refusal stores nothing (no file, no event): the role; then the
file and the form's fields, all refusals at once; then the bytes are stored (`put`, addressed
by their SHA-256), then the event recorded. If recording fails, the bytes just stored are
deleted again unless another document uses them.

The bytes of a content are deleted once no document in force uses them any more: after a
withdrawal, and after an erasure (`participation.rgpd`). The count reads the read model, caught
up first. A deposit of the very same bytes racing with that deletion checks, once its event is
recorded, that its bytes are still there, and stores them again if not.
"""

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from domaine.assemblee import Adhesion, id_adhesion
from domaine.avis import Avis
from domaine.budget import PropositionBP
from domaine.comptes import Acteur, exiger_animateur, exiger_compte
from domaine.conseils import ConseilCitoyen, id_conseil
from domaine.documents import (
    Document,
    MotifRetrait,
    NatureDocument,
    champs_du_document,
    doit_partir_avec_son_deposant,
    exiger_deposant_au_conseil,
    exiger_peut_joindre_a_un_avis,
    exiger_peut_joindre_a_une_proposition,
    exiger_peut_retirer_document,
)
from domaine.erreurs import ChampInvalide, ChampsInvalides, Introuvable
from domaine.fichiers import FichierVerifie, verifier_fichier
from domaine.seances import Seance
from domaine.vocabulaire import Role
from langues import N_
from projections.lecture_documents import LectureDocuments
from stockage.fichiers import FichierIntrouvable, Fichiers
from stockage.registre import Registre

DOCUMENT_INTROUVABLE = N_("Ce document n'existe pas ou a été retiré.")

ActionDocuments = Literal[
    "deposer",
    "regler_depots_des_membres",
    "joindre_a_un_avis",
    "joindre_a_une_proposition",
    "retirer",
]
"""`deposer` and `regler_depots_des_membres` act on a council (its arrondissement), the
others on an avis, a proposal or a document (its id)."""


class ServiceDocuments:
    def __init__(
        self,
        registre: Registre,
        lecture: LectureDocuments,
        fichiers: Fichiers,
        taille_max: int,
        rattraper: Callable[[], int],
    ) -> None:
        """`rattraper` brings the read models up to the log (the projector's), so that the
        references to a content are counted on every event before its bytes are deleted."""
        self.registre = registre
        self.lecture = lecture
        self.fichiers = fichiers
        self.taille_max = taille_max
        self.rattraper = rattraper

    def autoriser(self, acteur: Acteur | None, action: ActionDocuments, cible: int | UUID) -> None:
        """The role check of the use case `action` alone, on `cible`: web handlers call it
        before reading their form, so that a refused role gets 403 whatever it sent (a file
        included). Raises `ActionInterdite`; the use case checks the same policy again."""
        match action:
            case "deposer":
                assert isinstance(cible, int), "deposer acts on a council"
                self._exiger_deposant(acteur, cible)
            case "regler_depots_des_membres":
                assert isinstance(cible, int), "regler_depots_des_membres acts on a council"
                exiger_animateur(acteur, cible)
            case "joindre_a_un_avis":
                assert isinstance(cible, UUID), "joindre_a_un_avis acts on an avis"
                avis = self._avis(cible)
                exiger_peut_joindre_a_un_avis(
                    acteur, avis.arrondissement, avis.premier_auteur, avis.statut
                )
            case "joindre_a_une_proposition":
                assert isinstance(cible, UUID), "joindre_a_une_proposition acts on a proposal"
                proposition = self._proposition(cible)
                exiger_peut_joindre_a_une_proposition(
                    acteur, proposition.arrondissement, proposition.auteur
                )
            case "retirer":
                assert isinstance(cible, UUID), "retirer acts on a document"
                document = self._document(cible)
                exiger_peut_retirer_document(acteur, document.arrondissement, document.depose_par)

    # --- deposits ---------------------------------------------------------------------------

    def deposer(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        titre: str,
        jour: date | None,
        nature: str,
        contenu: bytes,
        seance_id: UUID | None = None,
        avis_id: UUID | None = None,
    ) -> tuple[UUID, int]:
        """A document of the council's library, possibly for one of its séances or avis."""
        qui, role = self._exiger_deposant(acteur, arrondissement)
        if seance_id is not None:
            seance = self.registre.trouver(Seance, seance_id)
            if seance is None or seance.arrondissement != arrondissement:
                raise ChampInvalide("seance_id", "Cette séance n'est pas une séance de ce conseil.")
        if avis_id is not None:
            avis = self.registre.trouver(Avis, avis_id)
            if avis is None or avis.arrondissement != arrondissement:
                raise ChampInvalide("avis_id", "Cet avis n'est pas un avis de ce conseil.")
        return self._deposer(
            qui, role, arrondissement, titre, jour, nature, contenu,
            seance_id=seance_id, avis_id=avis_id,
        )  # fmt: skip

    def joindre_a_un_avis(
        self, acteur: Acteur | None, avis_id: UUID, titre: str, contenu: bytes
    ) -> tuple[UUID, int]:
        avis = self._avis(avis_id)
        qui, role = exiger_peut_joindre_a_un_avis(
            acteur, avis.arrondissement, avis.premier_auteur, avis.statut
        )
        return self._deposer(
            qui, role, avis.arrondissement, titre, None, NatureDocument.ANNEXE.value, contenu,
            avis_id=avis_id,
        )  # fmt: skip

    def joindre_a_une_proposition(
        self, acteur: Acteur | None, proposition_id: UUID, titre: str, contenu: bytes
    ) -> tuple[UUID, int]:
        proposition = self._proposition(proposition_id)
        qui, role = exiger_peut_joindre_a_une_proposition(
            acteur, proposition.arrondissement, proposition.auteur
        )
        return self._deposer(
            qui, role, proposition.arrondissement, titre, None, NatureDocument.ANNEXE.value,
            contenu, proposition_id=proposition_id,
        )  # fmt: skip

    def _deposer(
        self,
        qui: Acteur,
        role: Role,
        arrondissement: int,
        titre: str,
        jour: date | None,
        nature: str,
        contenu: bytes,
        **rattachement: UUID | None,
    ) -> tuple[UUID, int]:
        le = self.registre.maintenant()
        verifie = self._verifier(titre, jour, nature, contenu, le)
        document = Document.deposer(
            self.registre.nouvel_id(), arrondissement, titre, jour, nature,
            verifie.empreinte, verifie.taille, verifie.format.type_media,
            qui.compte_id, role, le, **rattachement,
        )  # fmt: skip
        empreinte = self.fichiers.put(verifie.contenu)
        assert empreinte == verifie.empreinte, "the store addresses contents by their SHA-256"
        try:
            position = self.registre.enregistrer(document)
        except BaseException:
            self.liberer([empreinte])
            raise
        if not self.fichiers.existe(empreinte):  # deleted meanwhile by a withdrawal's cleanup
            self.fichiers.put(verifie.contenu)
        return document.id, position

    def _verifier(
        self, titre: str, jour: date | None, nature: str, contenu: bytes, le: datetime
    ) -> FichierVerifie:
        """The fields and the file, every refusal named at once (the fields first, in the
        forms' order)."""
        erreurs: dict[str, str] = {}
        try:
            champs_du_document(titre, jour, nature, le)
        except ChampsInvalides as refus:
            erreurs.update(refus.erreurs)
        verifie = None
        try:
            verifie = verifier_fichier(contenu, self.taille_max)
        except ChampInvalide as refus:
            erreurs[refus.champ] = refus.message
        if erreurs or verifie is None:
            raise ChampsInvalides(erreurs)
        return verifie

    # --- withdrawal and the council's setting ---------------------------------------------

    def retirer(self, acteur: Acteur | None, document_id: UUID) -> int:
        """The depositor or an animateur withdraws a document; its bytes are deleted once no
        other document uses them."""
        document = self._document(document_id)
        qui = exiger_peut_retirer_document(acteur, document.arrondissement, document.depose_par)
        document.retirer(MotifRetrait.RETRAIT, qui.compte_id, self.registre.maintenant())
        position = self.registre.enregistrer(document)
        self.liberer([document.empreinte])
        return position

    def regler_depots_des_membres(
        self, acteur: Acteur | None, arrondissement: int, ouverts: bool
    ) -> int:
        qui = exiger_animateur(acteur, arrondissement)
        conseil = self._conseil(arrondissement)
        conseil.regler_depots_des_membres(ouverts, qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(conseil)

    # --- reading ------------------------------------------------------------------------------

    def contenu(self, document_id: UUID) -> tuple[Any, bytes]:
        """A document in force (its read-model row) and its bytes, checked against its hash."""
        ligne = self.lecture.document(document_id)
        if ligne is None or ligne.retire:
            raise Introuvable(DOCUMENT_INTROUVABLE)
        try:
            return ligne, self.fichiers.get(ligne.empreinte)
        except FichierIntrouvable:
            raise Introuvable(
                "Le fichier de ce document est introuvable dans le stockage : prévenez "
                "l'administration de la plateforme."
            ) from None

    def depot_offert(self, arrondissement: int, acteur: Acteur | None) -> bool:
        """For the pages: whether to show this visitor the deposit form."""
        if acteur is None:
            return False
        if acteur.a_le_role(Role.ANIMATEUR, arrondissement):
            return True
        if not self.lecture.depots_des_membres(arrondissement):
            return False
        adhesion = self.registre.trouver(Adhesion, id_adhesion(arrondissement, acteur.compte_id))
        return adhesion is not None and adhesion.membre

    # --- erasure ------------------------------------------------------------------------------

    def retraits_a_l_effacement(self, personne_id: UUID, le: datetime) -> list[Document]:
        """The documents in force that go with an erased person (see
        `domaine.documents.doit_partir_avec_son_deposant`), withdrawn (to be saved with the
        erasure's other events); `effacer_les_fichiers_de` deletes their bytes after."""
        self.rattraper()
        retires = []
        for ligne in self.lecture.deposes_par(personne_id):
            if ligne.retire:
                continue
            statut_avis = None
            if ligne.avis_id is not None:
                avis = self.registre.trouver(Avis, UUID(ligne.avis_id))
                statut_avis = avis.statut if avis is not None else None
            if doit_partir_avec_son_deposant(ligne.role, statut_avis):
                document = self._document(UUID(ligne.document_id))
                document.retirer(MotifRetrait.EFFACEMENT, None, le)
                retires.append(document)
        return retires

    def effacer_les_fichiers_de(self, personne_id: UUID) -> None:
        """Delete the bytes of the documents removed with this person, unless another document
        in force uses them (safe to run again after a failure)."""
        self.rattraper()
        self.liberer(
            ligne.empreinte
            for ligne in self.lecture.deposes_par(personne_id)
            if ligne.retire and ligne.motif_retrait == MotifRetrait.EFFACEMENT.value
        )

    def liberer(self, empreintes: Iterable[str]) -> None:
        """Delete each content no document in force uses any more."""
        self.rattraper()
        for empreinte in sorted(set(empreintes)):
            if self.lecture.references(empreinte) == 0:
                self.fichiers.supprimer(empreinte)

    # --- loading --------------------------------------------------------------------------

    def _exiger_deposant(self, acteur: Acteur | None, arrondissement: int) -> tuple[Acteur, Role]:
        qui = exiger_compte(acteur)
        conseil = self._conseil(arrondissement)
        adhesion = self.registre.trouver(Adhesion, id_adhesion(arrondissement, qui.compte_id))
        membre = adhesion is not None and adhesion.membre
        return exiger_deposant_au_conseil(qui, arrondissement, membre, conseil.depots_des_membres)

    def _conseil(self, arrondissement: int) -> ConseilCitoyen:
        return self.registre.charger(
            ConseilCitoyen, id_conseil(arrondissement), N_("Ce conseil citoyen n'existe pas.")
        )

    def _document(self, document_id: UUID) -> Document:
        return self.registre.charger(Document, document_id, DOCUMENT_INTROUVABLE)

    def _avis(self, avis_id: UUID) -> Avis:
        return self.registre.charger(Avis, avis_id, N_("Cet avis n'existe pas."))

    def _proposition(self, proposition_id: UUID) -> PropositionBP:
        return self.registre.charger(
            PropositionBP, proposition_id, N_("Cette proposition n'existe pas.")
        )
