"""The council's documents: files deposited in its library (minutes, règlement, diagnostics,
presentations…), possibly for one of its séances or avis, and the attachments of avis and
budget participatif proposals.

A `Document` records what the file is (title, date, kind, what it belongs to) and where its
bytes are: the SHA-256 of the content (`stockage.fichiers` stores the bytes under it), its
size and its type as read from the content (`domaine.fichiers`). Never the bytes, and never
the name the file had on the depositor's computer: such names often carry a person's name or
a path of their computer ("CR_Dupont_perso.pdf", "C:/Users/jdupont/…"), and the council does
not need it. Downloads are named after the title (`nom_de_fichier`), with the one extension of
the type detected.

Who deposits (the policies at the end of this module, called first by the use cases):
- in the library: the council's animateurs always; the members of its open assembly when the
  council allows it (`ConseilCitoyen.DepotsDesMembresRegles`, set by an animateur);
- on an avis: who may rewrite it (its first author and the animateurs) while it is a draft,
  the animateurs once adopted, nobody once transmitted (its text no longer changes);
- on a budget proposal: its author and the council's animateurs.
The depositor and the council's animateurs withdraw a document (`Document.Retire`, with a
reason: withdrawn by hand, or erased with the person who deposited it; see
`doit_partir_avec_son_deposant`).
"""

import re
import unicodedata
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domaine.avis import peut_reecrire
from domaine.comptes import Acteur, exiger_compte
from domaine.erreurs import (
    ActionInterdite,
    ChampInvalide,
    ChampsInvalides,
    EtatIncompatible,
    au_champ,
)
from domaine.fichiers import TYPES_MEDIA, Format
from domaine.quartiers import verifier_arrondissement
from domaine.temps import jour_a_paris
from domaine.textes import TITRE_MAX, jour_des_conseils, texte
from domaine.traduction import N_, _
from domaine.vocabulaire import Role, StatutAvis

EMPREINTE = re.compile(r"[0-9a-f]{64}")
JOURS_A_L_AVANCE = 366
"""A document may be dated up to a year ahead (a presentation for a séance to come)."""
NOM_MAX = 80
"""Characters of a download's name before its extension."""


class NatureDocument(Enum):
    COMPTE_RENDU = "compte_rendu"
    REGLEMENT = "reglement"
    DIAGNOSTIC = "diagnostic"
    PRESENTATION = "presentation"
    ANNEXE = "annexe"
    AUTRE = "autre"

    @property
    def libelle(self) -> str:
        return _(_LIBELLES_DES_NATURES[self.value])


_LIBELLES_DES_NATURES = {
    "compte_rendu": N_("Compte rendu"),
    "reglement": N_("Règlement"),
    "diagnostic": N_("Diagnostic"),
    "presentation": N_("Présentation"),
    "annexe": N_("Pièce jointe"),
    "autre": N_("Autre"),
}


class MotifRetrait(Enum):
    RETRAIT = "retrait"
    """Withdrawn by its depositor or an animateur."""
    EFFACEMENT = "effacement"
    """Removed with the personal data of the person who deposited it (RGPD)."""


class Document(Aggregate):
    """One file of a council, from its deposit to its withdrawal."""

    TOPIC = "participation:Document"

    class Created(Aggregate.Created):
        """Base of this aggregate's creation event (the library requires it to be named)."""

        TOPIC = "participation:Document.Created"

    class Depose(Created):
        """`role`: in which capacity it was deposited (animateur, or participant: a member, an
        avis' author, a proposal's author); `empreinte`: the SHA-256 of the stored bytes."""

        TOPIC = "participation:Document.Depose"
        arrondissement: int
        titre: str
        jour: date
        nature: str
        seance_id: UUID | None
        avis_id: UUID | None
        proposition_id: UUID | None
        empreinte: str
        taille: int
        type_media: str
        par: UUID
        role: str

    class Retire(Aggregate.Event):
        """`par` is None when the platform removes it with an erased person's data."""

        TOPIC = "participation:Document.Retire"
        motif: str
        par: UUID | None

        def apply(self, aggregate: Any) -> None:
            aggregate.retire = True
            aggregate.motif_retrait = self.motif

    def __init__(
        self,
        arrondissement: int,
        titre: str,
        jour: date,
        nature: str,
        seance_id: UUID | None,
        avis_id: UUID | None,
        proposition_id: UUID | None,
        empreinte: str,
        taille: int,
        type_media: str,
        par: UUID,
        role: str,
    ) -> None:
        self.arrondissement = arrondissement
        self.titre = titre
        self.jour = jour
        self.nature = nature
        self.seance_id = seance_id
        self.avis_id = avis_id
        self.proposition_id = proposition_id
        self.empreinte = empreinte
        self.taille = taille
        self.type_media = type_media
        self.depose_par = par
        self.role = role
        self.retire = False
        self.motif_retrait = ""

    @classmethod
    def deposer(
        cls,
        document_id: UUID,
        arrondissement: int,
        titre: str,
        jour: date | None,
        nature: str,
        empreinte: str,
        taille: int,
        type_media: str,
        par: UUID,
        role: Role,
        le: datetime,
        *,
        seance_id: UUID | None = None,
        avis_id: UUID | None = None,
        proposition_id: UUID | None = None,
    ) -> "Document":
        """The file's checks (`domaine.fichiers.verifier_fichier`) come first; this checks what
        the form says about it (`titre`, `jour`, `nature`) and what it belongs to (at most one
        séance, avis or proposal: the use case checks it is this council's)."""
        verifier_arrondissement(arrondissement)
        propre, date_du_document, valeur_nature = champs_du_document(titre, jour, nature, le)
        if sum(x is not None for x in (seance_id, avis_id, proposition_id)) > 1:
            raise ChampInvalide("seance_id", "Un document appartient à une seule séance ou avis.")
        if not EMPREINTE.fullmatch(empreinte):
            raise ValueError(f"not a SHA-256: {empreinte!r}")
        if type_media not in TYPES_MEDIA or isinstance(taille, bool) or taille <= 0:
            raise ValueError("a document's type and size come from `verifier_fichier`")
        document: Document = cls._create(
            cls.Depose,
            id=document_id,
            arrondissement=arrondissement,
            titre=propre,
            jour=date_du_document,
            nature=valeur_nature.value,
            seance_id=seance_id,
            avis_id=avis_id,
            proposition_id=proposition_id,
            empreinte=empreinte,
            taille=taille,
            type_media=type_media,
            par=par,
            role=role.value,
            timestamp=le,
        )
        return document

    def retirer(self, motif: MotifRetrait, par: UUID | None, le: datetime) -> None:
        if self.retire:
            raise EtatIncompatible("Ce document est déjà retiré.")
        self.trigger_event(self.Retire, motif=motif.value, par=par, timestamp=le)

    @property
    def format(self) -> Format:
        return TYPES_MEDIA[self.type_media]


def champs_du_document(
    titre: str, jour: date | None, nature: str, le: datetime
) -> tuple[str, date, NatureDocument]:
    """What the form says of a document, checked: every refused field is named at once."""
    erreurs: dict[str, str] = {}
    propre, date_du_document, valeur_nature = "", jour_a_paris(le), NatureDocument.AUTRE
    try:
        propre = au_champ("titre", lambda: texte(titre, _("titre"), TITRE_MAX))
    except ChampInvalide as erreur:
        erreurs[erreur.champ] = erreur.message
    try:
        date_du_document = date_document(jour, le)
    except ChampInvalide as erreur:
        erreurs[erreur.champ] = erreur.message
    try:
        valeur_nature = nature_document(nature)
    except ChampInvalide as erreur:
        erreurs[erreur.champ] = erreur.message
    if erreurs:
        raise ChampsInvalides(erreurs)
    return propre, date_du_document, valeur_nature


def nature_document(valeur: str) -> NatureDocument:
    if not valeur:
        raise ChampInvalide("nature", "Choisissez la nature du document.")
    try:
        return NatureDocument(valeur)
    except ValueError:
        raise ChampInvalide(
            "nature", "Nature de document inconnue : « %(valeur)s ».", valeur=valeur
        ) from None


def date_document(jour: date | None, le: datetime) -> date:
    """The document's own date (of the minutes, of the presentation): the deposit's day when
    none is given."""
    aujourd_hui = jour_a_paris(le)
    if jour is None:
        return aujourd_hui
    au_champ("jour", lambda: jour_des_conseils(jour, _("date du document")))
    if jour > aujourd_hui + timedelta(days=JOURS_A_L_AVANCE):
        raise ChampInvalide("jour", "La date du document ne peut pas dépasser un an dans le futur.")
    return jour


def nom_de_fichier(titre: str, format_: Format) -> str:
    """The name a download gets: the title in plain ASCII words joined by hyphens, with the
    one extension of the type ("Compte rendu du 3 mars" -> "compte-rendu-du-3-mars.pdf")."""
    ascii_ = unicodedata.normalize("NFKD", titre).encode("ascii", "ignore").decode()
    mots = re.findall(r"[a-z0-9]+", ascii_.lower())
    base = "-".join(mots)[:NOM_MAX].strip("-") or "document"
    return f"{base}.{format_.extension}"


# --- who may act: the use cases call these first; the pages show their forms by them --------


def role_deposant_au_conseil(
    acteur: Acteur | None, arrondissement: int, membre: bool, depots_des_membres: bool
) -> Role | None:
    """The capacity in which this account may deposit in the council's library, if any:
    animateur, or member of the open assembly (`membre`) when the council allows it."""
    if acteur is None:
        return None
    if acteur.a_le_role(Role.ANIMATEUR, arrondissement):
        return Role.ANIMATEUR
    if membre and depots_des_membres:
        return Role.PARTICIPANT
    return None


def exiger_deposant_au_conseil(
    acteur: Acteur | None, arrondissement: int, membre: bool, depots_des_membres: bool
) -> tuple[Acteur, Role]:
    qui = exiger_compte(acteur)
    role = role_deposant_au_conseil(qui, arrondissement, membre, depots_des_membres)
    if role is None:
        if depots_des_membres:
            raise ActionInterdite(
                "Rejoignez l'assemblée du conseil citoyen du %(arrondissement)se arrondissement "
                "pour y déposer des documents.",
                arrondissement=arrondissement,
            )
        raise ActionInterdite(
            "Seule l'animation du conseil dépose des documents dans sa bibliothèque "
            "(le conseil n'a pas ouvert le dépôt à ses membres)."
        )
    return qui, role


def role_joignant_a_un_avis(
    acteur: Acteur | None, arrondissement: int, premier_auteur: UUID | None, statut: StatutAvis
) -> Role | None:
    """Who may rewrite the avis attaches files to it: its author while it is a draft, the
    animateurs until it is transmitted."""
    if acteur is None or not statut.avant_transmission:
        return None
    if acteur.a_le_role(Role.ANIMATEUR, arrondissement):
        return Role.ANIMATEUR
    if statut != StatutAvis.ADOPTE and peut_reecrire(acteur, arrondissement, premier_auteur):
        return Role.PARTICIPANT
    return None


def exiger_peut_joindre_a_un_avis(
    acteur: Acteur | None, arrondissement: int, premier_auteur: UUID | None, statut: StatutAvis
) -> tuple[Acteur, Role]:
    qui = exiger_compte(acteur)
    role = role_joignant_a_un_avis(qui, arrondissement, premier_auteur, statut)
    if role is not None:
        return qui, role
    if not statut.avant_transmission:
        raise ActionInterdite("Cet avis est transmis : ses pièces jointes ne changent plus.")
    raise ActionInterdite(
        "Seules la personne qui a rédigé ce projet d'avis et l'animation du conseil peuvent "
        "y joindre des fichiers (l'animation seule, une fois l'avis adopté)."
    )


def role_joignant_a_une_proposition(
    acteur: Acteur | None, arrondissement: int, auteur: UUID
) -> Role | None:
    if acteur is None:
        return None
    if acteur.a_le_role(Role.ANIMATEUR, arrondissement):
        return Role.ANIMATEUR
    if acteur.compte_id == auteur:
        return Role.PARTICIPANT
    return None


def exiger_peut_joindre_a_une_proposition(
    acteur: Acteur | None, arrondissement: int, auteur: UUID
) -> tuple[Acteur, Role]:
    qui = exiger_compte(acteur)
    role = role_joignant_a_une_proposition(qui, arrondissement, auteur)
    if role is None:
        raise ActionInterdite(
            "Seules la personne qui a déposé ce projet et l'animation du conseil peuvent y "
            "joindre des fichiers."
        )
    return qui, role


def peut_retirer_document(acteur: Acteur | None, arrondissement: int, depose_par: UUID) -> bool:
    return acteur is not None and (
        acteur.compte_id == depose_par or acteur.a_le_role(Role.ANIMATEUR, arrondissement)
    )


def exiger_peut_retirer_document(
    acteur: Acteur | None, arrondissement: int, depose_par: UUID
) -> Acteur:
    qui = exiger_compte(acteur)
    if not peut_retirer_document(qui, arrondissement, depose_par):
        raise ActionInterdite(
            "Seules la personne qui a déposé ce document et l'animation du conseil peuvent le "
            "retirer."
        )
    return qui


def doit_partir_avec_son_deposant(role: str, statut_avis: StatutAvis | None) -> bool:
    """When the person who deposited a document is erased, does the document go too?

    Files a person deposited as a private person (a member in the library, the author of an
    avis draft or of a budget proposal) are theirs and may show them (photos, names): they go.
    Files deposited by an animateur in that role are the council's records and stay, and so do
    the attachments of an avis the assembly adopted (they are part of the council's avis)."""
    if role == Role.ANIMATEUR.value:
        return False
    return statut_avis in (None, *AVIS_NON_ADOPTES)


AVIS_NON_ADOPTES = (StatutAvis.SAISINE_RECUE, StatutAvis.BROUILLON, StatutAvis.RETIRE)
"""Every other status comes after the assembly adopted the avis."""
