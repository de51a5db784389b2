"""Membership of the open assembly: anyone concerned joins and leaves at any time (rule 2).

One `Adhesion` per person and council, whose id derives from both: joining twice is then
caught by the aggregate itself, and two councils never contend for the same record.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domaine.conseils import ESPACE_DE_NOMS
from domaine.erreurs import (
    ChampInvalide,
    ChampsInvalides,
    DonneeInvalide,
    EtatIncompatible,
    au_champ,
)
from domaine.quartiers import verifier_arrondissement, verifier_quartier
from domaine.temps import jour_a_paris
from domaine.textes import TITRE_MAX, texte
from domaine.traduction import N_, _
from domaine.vocabulaire import College, Genre, MotifSortie, TrancheAge, TypeStructure


def id_adhesion(arrondissement: int, personne_id: UUID) -> UUID:
    return uuid5(ESPACE_DE_NOMS, f"adhesion/{arrondissement}/{personne_id}")


@dataclass(frozen=True)
class Profil:
    """The minimal features a member declares (rule 21): never a name or contact."""

    college: College
    genre: Genre
    tranche_age: TrancheAge
    quartier: str
    structure_nom: str = ""
    structure_type: str = ""
    consentement_parental: bool = False


class ProfilIncomplet(ChampsInvalides):
    """Several answers of the joining form are missing or invalid: all are named at once."""


MESSAGES_DE_CHOIX = {
    "college": N_("Choisissez votre collège : habitant·e ou acteur local."),
    "structure_type": N_("Choisissez le type de structure que vous représentez."),
    "genre": N_("Choisissez votre genre, ou « Ne se prononce pas »."),
    "tranche_age": N_(
        "Choisissez votre tranche d'âge, ou « Ne se prononce pas (18 ans ou plus) »."
    ),
    "quartier": N_("Choisissez votre quartier, ou « Hors quartier prioritaire »."),
}
"""What the form says next to a question left unanswered: never a default answer."""

ELIGIBILITE = N_(
    "Pour rejoindre l'assemblée, vous devez attester ne pas être élu·e, représentant·e "
    "de l'État ni salarié·e de la politique de la ville."
)
CONSENTEMENT = N_("Pour un·e mineur·e, l'accord d'un parent ou représentant légal est nécessaire.")


def _choix(enum: Any, valeur: str, champ: str, libelle: str) -> Any:
    if not valeur:
        raise ChampInvalide(champ, MESSAGES_DE_CHOIX[champ])
    try:
        return enum(valeur)
    except ValueError:
        raise ChampInvalide(
            champ,
            "Valeur inconnue pour « %(libelle)s » : « %(valeur)s ».",
            libelle=libelle,
            valeur=valeur,
        ) from None


def profil(
    arrondissement: int,
    college: str,
    genre: str,
    tranche_age: str,
    quartier: str,
    jour: date,
    structure_nom: str = "",
    structure_type: str = "",
    consentement_parental: bool = False,
    eligible: bool | None = None,
) -> Profil:
    """Validate what a person declares when joining. Every answer is checked, so that a form
    can show each problem next to its question: raises `ProfilIncomplet` (a `ChampInvalide`)
    naming each field. No answer is ever assumed: an empty one is refused ("ne se prononce pas"
    is offered where not answering is legitimate). `eligible`, when given, is the attestation
    (the aggregate checks it again)."""
    erreurs: dict[str, str] = {}

    def verifier(champ: str, verification: Any) -> Any:
        try:
            return verification()
        except ChampInvalide as erreur:
            erreurs.setdefault(erreur.champ, erreur.message)
        except DonneeInvalide as erreur:
            erreurs.setdefault(champ, erreur.message)
        return None

    college_ = verifier("college", lambda: _choix(College, college, "college", _("collège")))
    nom: str | None = ""
    type_: TypeStructure | None = None
    if college_ == College.ACTEUR_LOCAL:
        nom = verifier(
            "structure_nom", lambda: texte(structure_nom, _("nom de la structure"), TITRE_MAX)
        )
        type_ = verifier(
            "structure_type",
            lambda: _choix(TypeStructure, structure_type, "structure_type", _("type de structure")),
        )
    genre_ = verifier("genre", lambda: _choix(Genre, genre, "genre", _("genre")))
    age = verifier(
        "tranche_age", lambda: _choix(TrancheAge, tranche_age, "tranche_age", _("tranche d'âge"))
    )
    quartier_ = verifier("quartier", lambda: _quartier(arrondissement, quartier, jour))
    if age == TrancheAge.MOINS_18 and not consentement_parental:
        erreurs.setdefault("consentement_parental", _(CONSENTEMENT))
    if eligible is False:
        erreurs.setdefault("eligible", _(ELIGIBILITE))
    if erreurs:
        raise ProfilIncomplet(erreurs)
    return Profil(
        college_,
        genre_,
        age,
        quartier_,
        nom or "",
        type_.value if type_ else "",
        age == TrancheAge.MOINS_18,
    )


def _quartier(arrondissement: int, code: str, jour: date) -> str:
    if not code:
        raise ChampInvalide("quartier", MESSAGES_DE_CHOIX["quartier"])
    return verifier_quartier(arrondissement, code, jour)


class Adhesion(Aggregate):
    """A person's membership of one council's open assembly, with its entries and exits."""

    TOPIC = "participation:Adhesion"

    class Created(Aggregate.Created):
        """Base of this aggregate's creation event (the library requires it to be named)."""

        TOPIC = "participation:Adhesion.Created"

    class Entree(Created):
        TOPIC = "participation:Adhesion.Entree"
        arrondissement: int
        personne_id: UUID
        college: str
        genre: str
        tranche_age: str
        quartier: str
        structure_nom: str
        structure_type: str
        consentement_parental: bool
        eligibilite_attestee: bool

    class Retour(Aggregate.Event):
        """A former member joins again, possibly with a different profile."""

        TOPIC = "participation:Adhesion.Retour"
        college: str
        genre: str
        tranche_age: str
        quartier: str
        structure_nom: str
        structure_type: str
        consentement_parental: bool
        eligibilite_attestee: bool

        def apply(self, aggregate: Any) -> None:
            aggregate.membre = True
            aggregate.profil = _profil_de(self)
            aggregate.retours.append(self.timestamp)

    class VolontariatDeclare(Aggregate.Event):
        """The member volunteers (or no longer) for the groupe moteur's next tirage."""

        TOPIC = "participation:Adhesion.VolontariatDeclare"
        volontaire: bool

        def apply(self, aggregate: Any) -> None:
            aggregate.volontaire = self.volontaire

    class QuartierRedeclare(Aggregate.Event):
        """The member declared their neighbourhood again (their QPV left the list, or they
        moved within the arrondissement)."""

        TOPIC = "participation:Adhesion.QuartierRedeclare"
        quartier: str

        def apply(self, aggregate: Any) -> None:
            aggregate.profil = replace(aggregate.profil, quartier=self.quartier)

    class Sortie(Aggregate.Event):
        TOPIC = "participation:Adhesion.Sortie"
        motif: str

        def apply(self, aggregate: Any) -> None:
            aggregate.membre = False
            aggregate.volontaire = False
            aggregate.sorties.append(self.timestamp)

    def __init__(
        self,
        arrondissement: int,
        personne_id: UUID,
        college: str,
        genre: str,
        tranche_age: str,
        quartier: str,
        structure_nom: str,
        structure_type: str,
        consentement_parental: bool,
        eligibilite_attestee: bool,
    ) -> None:
        self.arrondissement = arrondissement
        self.personne_id = personne_id
        self.membre = True
        self.profil = Profil(
            College(college),
            Genre(genre),
            TrancheAge(tranche_age),
            quartier,
            structure_nom,
            structure_type,
            consentement_parental,
        )
        self.retours: list[datetime] = []
        self.volontaire = False
        self.sorties: list[datetime] = []

    @classmethod
    def rejoindre_une_premiere_fois(
        cls, arrondissement: int, personne_id: UUID, p: Profil, eligible: bool, le: datetime
    ) -> "Adhesion":
        verifier_arrondissement(arrondissement)
        _exiger_eligibilite(eligible)
        adhesion: Adhesion = cls._create(
            cls.Entree,
            id=id_adhesion(arrondissement, personne_id),
            arrondissement=arrondissement,
            personne_id=personne_id,
            timestamp=le,
            eligibilite_attestee=True,
            **_charge(p),
        )
        return adhesion

    def revenir(self, p: Profil, eligible: bool, le: datetime) -> None:
        if self.membre:
            raise EtatIncompatible("Vous êtes déjà membre de cette assemblée.")
        _exiger_eligibilite(eligible)
        self.trigger_event(self.Retour, timestamp=le, eligibilite_attestee=True, **_charge(p))

    def declarer_volontariat(self, volontaire: bool, le: datetime) -> None:
        if not self.membre:
            raise EtatIncompatible(
                "Seul·es les membres de l'assemblée peuvent se porter volontaires."
            )
        if volontaire == self.volontaire:
            return
        self.trigger_event(self.VolontariatDeclare, volontaire=volontaire, timestamp=le)

    def redeclarer_quartier(self, code: str, le: datetime) -> None:
        """Declare one's neighbourhood again, among the QPV in force today (or hors QPV)."""
        if not self.membre:
            raise EtatIncompatible("Vous n'êtes pas membre de cette assemblée.")
        quartier = au_champ(
            "quartier", lambda: _quartier(self.arrondissement, code, jour_a_paris(le))
        )
        if quartier == self.profil.quartier:
            return
        self.trigger_event(self.QuartierRedeclare, quartier=quartier, timestamp=le)

    def quitter(self, motif: str, le: datetime) -> None:
        if not self.membre:
            raise EtatIncompatible("Vous n'êtes pas membre de cette assemblée.")
        try:
            valeur = MotifSortie(motif or MotifSortie.NON_PRECISE.value)
        except ValueError:
            raise ChampInvalide(
                "motif", "Motif de départ inconnu : « %(motif)s ».", motif=motif
            ) from None
        self.trigger_event(self.Sortie, motif=valeur.value, timestamp=le)

    @property
    def entrees(self) -> list[datetime]:
        return [self.created_on, *self.retours]

    def membre_le(self, instant: datetime) -> bool:
        """Whether the person was a member at `instant` (entries and exits alternate).

        Movements are taken in event order, not sorted: two of them may share an instant.
        """
        mouvements: list[tuple[datetime, bool]] = []
        for i, entree in enumerate(self.entrees):
            mouvements.append((entree, True))
            if i < len(self.sorties):
                mouvements.append((self.sorties[i], False))
        etat = False
        for t, entre in mouvements:
            if t > instant:
                break
            etat = entre
        return etat


def _exiger_eligibilite(eligible: bool) -> None:
    if not eligible:
        raise ChampInvalide("eligible", ELIGIBILITE)


def _charge(p: Profil) -> dict[str, Any]:
    return {
        "college": p.college.value,
        "genre": p.genre.value,
        "tranche_age": p.tranche_age.value,
        "quartier": p.quartier,
        "structure_nom": p.structure_nom,
        "structure_type": p.structure_type,
        "consentement_parental": p.consentement_parental,
    }


def _profil_de(e: Any) -> Profil:
    return Profil(
        College(e.college),
        Genre(e.genre),
        TrancheAge(e.tranche_age),
        e.quartier,
        e.structure_nom,
        e.structure_type,
        e.consentement_parental,
    )
