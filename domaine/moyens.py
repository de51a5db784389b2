"""What the Ville and the État give a council, and what it used (rule 19): rooms, an operating
budget committed, granted and spent per year, adultes-relais and other support staff, and
training sessions offered and attended.

Agents record facts; a mistaken record is never edited: it is cancelled by a new event
(`annuler`) and recorded again. Every record is an entry with its own id, so that a
cancellation names it. No event carries a name: a trainer is an organisation, attendees
are counted by college and gender and, at most, listed by pseudonymous person id.

Spending more than was granted is allowed (a council may spend a carry-over, or the grant may
be recorded late): the report and the page show it, they do not refuse it.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domaine.erreurs import ChampInvalide, EtatIncompatible, au_champ
from domaine.quartiers import verifier_arrondissement
from domaine.temps import annee_a_paris, jour_a_paris
from domaine.textes import jour_des_conseils, texte
from domaine.traduction import N_, _

LIBELLE_MAX = 80
"""Room names, themes and organisations: what the report's fact columns hold."""
MONTANT_MAX = 10_000_000
"""Euros: well above any council's budget, so a typo of a few zeros is refused."""
ETP_MAX = 1_000
"""Hundredths of a full-time equivalent (10 FTE)."""
HEURES_MAX = 10_000
PARTICIPANTS_MAX = 500
HORIZON = timedelta(days=366)
"""How far ahead a room or a training may be planned."""
ESPACE_DE_NOMS = uuid5(NAMESPACE_URL, "https://participation.paris/moyens")


def id_moyens(arrondissement: int) -> UUID:
    """One record of means per council: its id derives from the arrondissement."""
    return uuid5(ESPACE_DE_NOMS, f"moyens/{arrondissement}")


_LIBELLES_INSTITUTION = {"ville": N_("Ville de Paris"), "etat": N_("État")}
_LIBELLES_RECURRENCE = {
    "ponctuelle": N_("Ponctuelle"),
    "hebdomadaire": N_("Chaque semaine"),
    "mensuelle": N_("Chaque mois"),
}
_LIBELLES_NATURE_BUDGET = {"accorde": N_("Accordé"), "depense": N_("Dépensé")}
_LIBELLES_OBJET_ENGAGEMENT = {
    "budget_euros": N_("Budget de fonctionnement (euros)"),
    "formations": N_("Sessions de formation"),
    "adultes_relais": N_("Postes d'adultes-relais"),
}
_LIBELLES_NATURE_ACCOMPAGNEMENT = {
    "adulte_relais": N_("Adulte-relais"),
    "autre": N_("Autre accompagnement"),
}
"""The labels of the vocabularies below (French, translated where they are read)."""


class Institution(StrEnum):
    VILLE = "ville"
    ETAT = "etat"

    @property
    def libelle(self) -> str:
        return _(_LIBELLES_INSTITUTION[self.value])


class Recurrence(StrEnum):
    PONCTUELLE = "ponctuelle"
    HEBDOMADAIRE = "hebdomadaire"
    MENSUELLE = "mensuelle"

    @property
    def libelle(self) -> str:
        return _(_LIBELLES_RECURRENCE[self.value])


class NatureBudget(StrEnum):
    ACCORDE = "accorde"
    DEPENSE = "depense"

    @property
    def libelle(self) -> str:
        return _(_LIBELLES_NATURE_BUDGET[self.value])


class ObjetEngagement(StrEnum):
    """What an institution commits to, per year, for a council: the figures are compared to it."""

    BUDGET = "budget_euros"
    FORMATIONS = "formations"
    ADULTES_RELAIS = "adultes_relais"

    @property
    def libelle(self) -> str:
        return _(_LIBELLES_OBJET_ENGAGEMENT[self.value])


class NatureAccompagnement(StrEnum):
    ADULTE_RELAIS = "adulte_relais"
    AUTRE = "autre"

    @property
    def libelle(self) -> str:
        return _(_LIBELLES_NATURE_ACCOMPAGNEMENT[self.value])


@dataclass(frozen=True)
class Entree:
    """A record still in force: its kind and the event's fields."""

    nature: str
    champs: dict[str, Any]


def _ranger(aggregate: Any, evenement: Any, nature: str) -> None:
    """Keep a record's fields (the event's own, bar the bookkeeping) under its entry id."""
    champs = {
        k: v
        for k, v in vars(evenement).items()
        if k not in ("originator_id", "originator_version", "timestamp", "entree", "par")
    }
    aggregate.entrees[evenement.entree] = Entree(nature, champs)


def _choix(enum: type[StrEnum], valeur: str, champ: str, quoi: str) -> str:
    if not valeur:
        raise ChampInvalide(champ, "Choisissez %(quoi)s.", quoi=quoi)
    try:
        return enum(valeur).value
    except ValueError:
        raise ChampInvalide(
            champ, "Valeur inconnue pour %(quoi)s : « %(valeur)s ».", quoi=quoi, valeur=valeur[:40]
        ) from None


def _entier(valeur: int, champ: str, quoi: str, minimum: int, maximum: int) -> int:
    if isinstance(valeur, bool) or not isinstance(valeur, int):
        raise ChampInvalide(champ, "Le champ « %(quoi)s » doit être un nombre entier.", quoi=quoi)
    if valeur < minimum and minimum == 0:
        raise ChampInvalide(champ, "Le champ « %(quoi)s » ne peut pas être négatif.", quoi=quoi)
    if valeur < minimum:
        raise ChampInvalide(
            champ,
            "Le champ « %(quoi)s » doit valoir au moins %(minimum)s.",
            quoi=quoi,
            minimum=minimum,
        )
    if valeur > maximum:
        raise ChampInvalide(
            champ,
            "Le champ « %(quoi)s » est trop grand (maximum %(maximum)s).",
            quoi=quoi,
            maximum=maximum,
        )
    return valeur


def _annee(annee: int, le: datetime, champ: str = "annee") -> int:
    """A year of the councils' life, up to next year (a commitment or a grant may come early)."""
    return _entier(annee, champ, _("année"), 2014, annee_a_paris(le) + 1)


def _jour(valeur: date, champ: str, quoi: str, le: datetime, futur: bool = True) -> date:
    au_champ(champ, lambda: jour_des_conseils(valeur, quoi))
    limite = jour_a_paris(le) + (HORIZON if futur else timedelta(0))
    if valeur > limite and futur:
        raise ChampInvalide(
            champ, "La date « %(quoi)s » ne peut pas dépasser un an dans le futur.", quoi=quoi
        )
    if valeur > limite:
        raise ChampInvalide(
            champ, "La date « %(quoi)s » ne peut pas être dans le futur.", quoi=quoi
        )
    return valeur


DUREE_MAX_ANNEES = 10
"""A support post or a room booking longer than this is a typing error (a year 9999)."""


def _fin(fin: date, debut: date) -> None:
    au_champ("fin", lambda: jour_des_conseils(fin, _("fin")))
    if fin < debut:
        raise ChampInvalide("fin", "La fin ne peut pas précéder le début.")
    if fin > debut.replace(year=debut.year + DUREE_MAX_ANNEES, day=min(debut.day, 28)):
        raise ChampInvalide(
            "fin",
            "La fin ne peut pas dépasser %(annees)s ans après le début.",
            annees=DUREE_MAX_ANNEES,
        )


def _libelle(valeur: str, champ: str, quoi: str) -> str:
    return au_champ(champ, lambda: texte(valeur, quoi, LIBELLE_MAX))


class MoyensDuConseil(Aggregate):
    """The means and training of one council, recorded by the Ville's and the État's agents."""

    TOPIC = "participation:MoyensDuConseil"

    class Created(Aggregate.Created):
        """Base of this aggregate's creation event (the library requires it to be named)."""

        TOPIC = "participation:MoyensDuConseil.Created"

    class Ouverts(Created):
        TOPIC = "participation:MoyensDuConseil.Ouverts"
        arrondissement: int

    class SalleEnregistree(Aggregate.Event):
        TOPIC = "participation:MoyensDuConseil.SalleEnregistree"
        entree: UUID
        par: UUID
        nom: str
        institution: str
        recurrence: str
        debut: date
        fin: date | None

        def apply(self, aggregate: Any) -> None:
            _ranger(aggregate, self, "salle")

    class EngagementEnregistre(Aggregate.Event):
        TOPIC = "participation:MoyensDuConseil.EngagementEnregistre"
        entree: UUID
        par: UUID
        annee: int
        institution: str
        objet: str
        valeur: int

        def apply(self, aggregate: Any) -> None:
            _ranger(aggregate, self, "engagement")

    class BudgetEnregistre(Aggregate.Event):
        TOPIC = "participation:MoyensDuConseil.BudgetEnregistre"
        entree: UUID
        par: UUID
        annee: int
        institution: str
        nature: str
        euros: int

        def apply(self, aggregate: Any) -> None:
            _ranger(aggregate, self, "budget")

    class AccompagnementEnregistre(Aggregate.Event):
        TOPIC = "participation:MoyensDuConseil.AccompagnementEnregistre"
        entree: UUID
        par: UUID
        nature: str
        institution: str
        etp_centiemes: int | None
        heures: int | None
        debut: date
        fin: date | None

        def apply(self, aggregate: Any) -> None:
            _ranger(aggregate, self, "accompagnement")

    class FormationProposee(Aggregate.Event):
        TOPIC = "participation:MoyensDuConseil.FormationProposee"
        entree: UUID
        par: UUID
        theme: str
        organisme: str
        institution: str
        le: date

        def apply(self, aggregate: Any) -> None:
            _ranger(aggregate, self, "formation")

    class ParticipationsEnregistrees(Aggregate.Event):
        """Who attended a training: counts by college and by gender; `personnes`, if known,
        pseudonymous person ids (never names)."""

        TOPIC = "participation:MoyensDuConseil.ParticipationsEnregistrees"
        entree: UUID
        par: UUID
        formation: UUID
        habitants: int
        acteurs_locaux: int
        femmes: int
        hommes: int
        autres: int
        non_precise: int
        personnes: list[str]

        def apply(self, aggregate: Any) -> None:
            _ranger(aggregate, self, "participations")

    class EntreeAnnulee(Aggregate.Event):
        """A mistaken record withdrawn; a correction records the right one again."""

        TOPIC = "participation:MoyensDuConseil.EntreeAnnulee"
        entree: UUID
        motif: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.entrees.pop(self.entree, None)
            aggregate.annulees.add(self.entree)

    def __init__(self, arrondissement: int) -> None:
        self.arrondissement = arrondissement
        self.entrees: dict[UUID, Entree] = {}
        self.annulees: set[UUID] = set()

    @classmethod
    def ouvrir(cls, arrondissement: int, le: datetime) -> "MoyensDuConseil":
        verifier_arrondissement(arrondissement)
        moyens: MoyensDuConseil = cls._create(
            cls.Ouverts, id=id_moyens(arrondissement), arrondissement=arrondissement, timestamp=le
        )
        return moyens

    def _nouvelle(self, entree: UUID) -> None:
        if entree in self.entrees or entree in self.annulees:
            raise EtatIncompatible("Cet enregistrement existe déjà.")

    def enregistrer_salle(
        self,
        entree: UUID,
        nom: str,
        institution: str,
        recurrence: str,
        debut: date,
        fin: date | None,
        par: UUID,
        le: datetime,
    ) -> None:
        """A room put at the council's disposal: once (`debut` is its day), or every week or
        month from `debut` to `fin` (open-ended if None)."""
        propre = _libelle(nom, "nom", _("salle (nom et lieu)"))
        institution = _choix(Institution, institution, "institution", _("l'institution"))
        recurrence = _choix(Recurrence, recurrence, "recurrence", _("la récurrence"))
        debut = _jour(debut, "debut", _("date"), le)
        if recurrence == Recurrence.PONCTUELLE:
            fin = None
        elif fin is not None:
            _fin(fin, debut)
        self._nouvelle(entree)
        self.trigger_event(
            self.SalleEnregistree,
            entree=entree,
            nom=propre,
            institution=institution,
            recurrence=recurrence,
            debut=debut,
            fin=fin,
            par=par,
            timestamp=le,
        )

    def enregistrer_engagement(
        self,
        entree: UUID,
        annee: int,
        institution: str,
        objet: str,
        valeur: int,
        par: UUID,
        le: datetime,
    ) -> None:
        """What an institution committed to for the council's year (entered by an agent, e.g.
        the council's share of the État's Paris-wide budget): the report sets figures
        against it. A second commitment for the same year, institution and object adds up."""
        annee = _annee(annee, le)
        institution = _choix(Institution, institution, "institution", _("l'institution"))
        objet = _choix(ObjetEngagement, objet, "objet", _("l'objet de l'engagement"))
        maximum = MONTANT_MAX if objet == ObjetEngagement.BUDGET else 1_000
        valeur = _entier(valeur, "valeur", _("valeur engagée"), 0, maximum)
        self._nouvelle(entree)
        self.trigger_event(
            self.EngagementEnregistre,
            entree=entree,
            annee=annee,
            institution=institution,
            objet=objet,
            valeur=valeur,
            par=par,
            timestamp=le,
        )

    def enregistrer_budget(
        self,
        entree: UUID,
        annee: int,
        institution: str,
        nature: str,
        euros: int,
        par: UUID,
        le: datetime,
    ) -> None:
        """Operating budget granted by the Ville or the État, or spent from it, for a year.
        Spending can only be for a year begun; more spent than granted is allowed (see the
        module's docstring)."""
        annee = _annee(annee, le)
        institution = _choix(Institution, institution, "institution", _("l'institution"))
        nature = _choix(NatureBudget, nature, "nature", _("accordé ou dépensé"))
        if nature == NatureBudget.DEPENSE and annee > annee_a_paris(le):
            raise ChampInvalide("annee", "Une dépense porte sur une année commencée.")
        euros = _entier(euros, "euros", _("montant"), 1, MONTANT_MAX)
        self._nouvelle(entree)
        self.trigger_event(
            self.BudgetEnregistre,
            entree=entree,
            annee=annee,
            institution=institution,
            nature=nature,
            euros=euros,
            par=par,
            timestamp=le,
        )

    def enregistrer_accompagnement(
        self,
        entree: UUID,
        nature: str,
        institution: str,
        etp_centiemes: int | None,
        heures: int | None,
        debut: date,
        fin: date | None,
        par: UUID,
        le: datetime,
    ) -> None:
        """Support staff (an adulte-relais, another support) for a period: its size in
        hundredths of a full-time equivalent, or in hours over the period, or both."""
        nature = _choix(NatureAccompagnement, nature, "nature", _("la nature de l'accompagnement"))
        institution = _choix(Institution, institution, "institution", _("l'institution"))
        if etp_centiemes is None and heures is None:
            raise ChampInvalide("etp", "Indiquez un équivalent temps plein ou un nombre d'heures.")
        if etp_centiemes is not None:
            _entier(etp_centiemes, "etp", _("équivalent temps plein"), 1, ETP_MAX)
        if heures is not None:
            _entier(heures, "heures", _("heures"), 1, HEURES_MAX)
        debut = _jour(debut, "debut", _("début"), le)
        if fin is not None:
            _fin(fin, debut)
        self._nouvelle(entree)
        self.trigger_event(
            self.AccompagnementEnregistre,
            entree=entree,
            nature=nature,
            institution=institution,
            etp_centiemes=etp_centiemes,
            heures=heures,
            debut=debut,
            fin=fin,
            par=par,
            timestamp=le,
        )

    def proposer_formation(
        self,
        entree: UUID,
        theme: str,
        organisme: str,
        institution: str,
        jour: date,
        par: UUID,
        le: datetime,
    ) -> None:
        """A training session offered to the council's members; the trainer is an
        organisation (the Centre de ressources, the Université populaire...), never a person."""
        propre = _libelle(theme, "theme", _("thème"))
        formateur = _libelle(organisme, "organisme", _("organisme formateur"))
        institution = _choix(Institution, institution, "institution", _("l'institution"))
        jour = _jour(jour, "le", _("date de la formation"), le)
        self._nouvelle(entree)
        self.trigger_event(
            self.FormationProposee,
            entree=entree,
            theme=propre,
            organisme=formateur,
            institution=institution,
            le=jour,
            par=par,
            timestamp=le,
        )

    def enregistrer_participations(
        self,
        entree: UUID,
        formation: UUID,
        habitants: int,
        acteurs_locaux: int,
        femmes: int,
        hommes: int,
        autres: int,
        non_precise: int,
        personnes: list[str],
        par: UUID,
        le: datetime,
    ) -> None:
        """Attendance of a training held: both splits add up to the same total (at least one
        person); one record per training (cancel it to correct it)."""
        session = self.entrees.get(formation)
        if session is None or session.nature != "formation":
            raise ChampInvalide("formation", "Choisissez une formation enregistrée.")
        if session.champs["le"] > jour_a_paris(le):
            raise ChampInvalide(
                "formation", "Cette formation n'a pas encore eu lieu : sa participation attendra."
            )
        if any(
            e.nature == "participations" and e.champs["formation"] == formation
            for e in self.entrees.values()
        ):
            raise EtatIncompatible(
                "La participation à cette formation est déjà enregistrée : annulez-la pour la "
                "corriger."
            )
        comptes = {
            "habitants": habitants,
            "acteurs_locaux": acteurs_locaux,
            "femmes": femmes,
            "hommes": hommes,
            "autres": autres,
            "non_precise": non_precise,
        }
        for champ, valeur in comptes.items():
            _entier(valeur, champ, _(COMPTES[champ]), 0, PARTICIPANTS_MAX)
        par_college = habitants + acteurs_locaux
        if par_college == 0:
            raise ChampInvalide("habitants", "Une participation compte au moins une personne.")
        if femmes + hommes + autres + non_precise != par_college:
            raise ChampInvalide(
                "femmes",
                "Les nombres par genre doivent faire le même total que par collège (%(total)s).",
                total=par_college,
            )
        ids = [_personne(p) for p in personnes]
        if len(set(ids)) != len(ids):
            raise ChampInvalide("personnes", "Une personne est nommée deux fois.")
        if len(ids) > par_college:
            raise ChampInvalide(
                "personnes", "Plus de personnes identifiées que de participant·es comptés."
            )
        self._nouvelle(entree)
        self.trigger_event(
            self.ParticipationsEnregistrees,
            entree=entree,
            formation=formation,
            personnes=sorted(ids),
            par=par,
            timestamp=le,
            **comptes,
        )

    def annuler(self, entree: UUID, motif: str, par: UUID, le: datetime) -> None:
        """Withdraw a mistaken record (a training takes its attendance with it)."""
        if entree not in self.entrees:
            if entree in self.annulees:
                raise EtatIncompatible("Cet enregistrement est déjà annulé.")
            raise EtatIncompatible("Cet enregistrement n'existe pas pour ce conseil.")
        raison = au_champ("motif", lambda: texte(motif, _("motif"), 500))
        lies = [
            k
            for k, e in self.entrees.items()
            if e.nature == "participations" and e.champs["formation"] == entree
        ]
        for k in [*lies, entree]:
            self.trigger_event(self.EntreeAnnulee, entree=k, motif=raison, par=par, timestamp=le)


COMPTES = {
    "habitants": N_("habitants"),
    "acteurs_locaux": N_("acteurs locaux"),
    "femmes": N_("femmes"),
    "hommes": N_("hommes"),
    "autres": N_("autres"),
    "non_precise": N_("non precise"),
}
"""The attendance counts' fields, as their messages name them."""


def _personne(valeur: str) -> str:
    """A pseudonymous person id (a UUID), never a name."""
    try:
        return str(UUID(valeur))
    except (ValueError, TypeError, AttributeError):
        raise ChampInvalide(
            "personnes", "Les personnes ne sont désignées que par leur identifiant (pseudonyme)."
        ) from None
