"""The bodies (instances) of the contrat de ville and the council's delegates in them (rule 16).

An `Instance` is a body (the Paris steering committee, an arrondissement's, a technical
committee, an urban-renewal body...): its meetings, which delegates of each council attended,
and the delegates' reports back (comptes rendus de mandat), presented in a séance of their
council. A `Delegation` holds one council's mandates: one per person and body, with a start
and an end, titular or substitute, designated by a decision in open assembly or by a tirage au
sort among volunteers (a `Tirage` of its own, announced and drawn like any other).

Only pseudonymous person ids are in the events; never a name.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domaine.budget import DecisionDuConseil
from domaine.conseils import ESPACE_DE_NOMS
from domaine.erreurs import ChampInvalide, DonneeInvalide, EtatIncompatible, au_champ
from domaine.quartiers import verifier_arrondissement
from domaine.temps import jour_a_paris
from domaine.textes import TEXTE_MAX, jour_des_conseils, texte
from domaine.traduction import _
from domaine.vocabulaire import MotifFinMandat, NatureInstance, RoleMandat

PARIS = 0
"""The `arrondissement` of a Paris-wide body."""
DUREE_MAX = timedelta(days=7 * 366)
"""A mandate lasts at most the length of a contrat de ville (and its extensions)."""
PLACES_MAX = 10
NOM_MAX = 80
"""A body's name is public and short (it is also a column of the report's facts)."""
COMPTE_RENDU_MAX = 5_000
"""A report back is a short text: what was said and decided, what the council should know."""
DECISION = "decision"
TIRAGE = "tirage"


def id_delegation(arrondissement: int) -> UUID:
    """Each council has one delegation: its id derives from the arrondissement."""
    return uuid5(ESPACE_DE_NOMS, f"delegation/{arrondissement}")


def id_instance_unique(nature: str, arrondissement: int) -> UUID | None:
    """The steering committees exist once (Paris-wide, or once per arrondissement): their id
    derives from their kind, so that nobody creates the same one twice."""
    if nature in (NatureInstance.COPIL_PARISIEN, NatureInstance.COPIL_ARRONDISSEMENT):
        return uuid5(ESPACE_DE_NOMS, f"instance/{nature}/{arrondissement}")
    return None


@dataclass(frozen=True)
class Mandat:
    """A person's seat in one body for one period (dates inclusive)."""

    mandat_id: str
    instance_id: str
    personne_id: str
    role: str
    debut: date
    fin: date
    voie: str
    renouvelle: str = ""  # the mandate this one follows, if any
    termine_le: date | None = None
    motif_fin: str = ""

    @property
    def fin_effective(self) -> date:
        return self.termine_le or self.fin

    def actif_le(self, jour: date) -> bool:
        return self.debut <= jour <= self.fin_effective


@dataclass(frozen=True)
class Designe:
    """One person to designate, with the role they take."""

    personne_id: UUID
    role: str


@dataclass(frozen=True)
class TirageDeDelegues:
    """A tirage announced to designate delegates: the seats and the period it fills."""

    tirage_id: str
    instance_id: str
    titulaires: int
    suppleants: int
    debut: date
    fin: date


@dataclass(frozen=True)
class CompteRendu:
    compte_rendu_id: str
    arrondissement: int
    mandat_id: str
    texte: str
    redige_le: datetime
    seance_id: str = ""
    presente_le: date | None = None


@dataclass(frozen=True)
class Reunion:
    reunion_id: str
    le: date
    ordre_du_jour: str
    presences: Mapping[int, tuple[str, ...]]  # arrondissement -> mandates present
    comptes_rendus: Mapping[str, CompteRendu]


def _nature(nature: str) -> NatureInstance:
    if not nature:
        raise ChampInvalide("nature", "Choisissez le type d'instance.")
    try:
        return NatureInstance(nature)
    except ValueError:
        raise ChampInvalide(
            "nature", "Type d'instance inconnu : « %(nature)s ».", nature=nature
        ) from None


def verifier_periode(debut: date, fin: date, le: datetime) -> None:
    """A mandate's period: after the councils' creation, starting within a year of its
    designation, its end after its start, at most the length of a contract."""
    au_champ("debut", lambda: jour_des_conseils(debut, _("début du mandat")))
    if debut > jour_a_paris(le) + timedelta(days=366):
        raise ChampInvalide("debut", "Un mandat commence au plus un an après sa désignation.")
    if fin < debut:
        raise ChampInvalide("fin", "La fin du mandat ne peut pas précéder son début.")
    if fin - debut > DUREE_MAX:
        raise ChampInvalide("fin", "Un mandat dure au plus sept ans (la durée d'un contrat).")


def _jour_passe(jour: date, le: datetime, champ: str, quoi: str) -> date:
    if jour > jour_a_paris(le):
        raise ChampInvalide(champ, "La date %(quoi)s ne peut pas être dans le futur.", quoi=quoi)
    return au_champ(champ, lambda: jour_des_conseils(jour, champ))


class Instance(Aggregate):
    """A body of the contrat de ville, Paris-wide (`arrondissement` 0) or of one arrondissement."""

    TOPIC = "participation:Instance"

    class Created(Aggregate.Created):
        """Base of this aggregate's creation event (the library requires it to be named)."""

        TOPIC = "participation:Instance.Created"

    class Creee(Created):
        TOPIC = "participation:Instance.Creee"
        nature: str
        nom: str
        arrondissement: int
        par: UUID

    class ReunionEnregistree(Aggregate.Event):
        TOPIC = "participation:Instance.ReunionEnregistree"
        reunion_id: str
        tenue_le: date
        ordre_du_jour: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.reunions[self.reunion_id] = Reunion(
                self.reunion_id, self.tenue_le, self.ordre_du_jour, {}, {}
            )

    class PresencesEnregistrees(Aggregate.Event):
        """The delegates of one council present at a meeting (replaces the previous list)."""

        TOPIC = "participation:Instance.PresencesEnregistrees"
        reunion_id: str
        arrondissement: int
        mandats: list[str]
        par: UUID

        def apply(self, aggregate: Any) -> None:
            reunion = aggregate.reunions[self.reunion_id]
            presences = {**reunion.presences, self.arrondissement: tuple(self.mandats)}
            aggregate.reunions[self.reunion_id] = replace(reunion, presences=presences)

    class CompteRenduRedige(Aggregate.Event):
        TOPIC = "participation:Instance.CompteRenduRedige"
        reunion_id: str
        compte_rendu_id: str
        arrondissement: int
        mandat_id: str
        texte: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            reunion = aggregate.reunions[self.reunion_id]
            compte_rendu = CompteRendu(
                self.compte_rendu_id,
                self.arrondissement,
                self.mandat_id,
                self.texte,
                self.timestamp,
            )
            comptes_rendus = {**reunion.comptes_rendus, self.compte_rendu_id: compte_rendu}
            aggregate.reunions[self.reunion_id] = replace(reunion, comptes_rendus=comptes_rendus)

    class CompteRenduPresente(Aggregate.Event):
        """The report back was presented to the council in one of its séances."""

        TOPIC = "participation:Instance.CompteRenduPresente"
        reunion_id: str
        compte_rendu_id: str
        seance_id: UUID
        presente_le: date
        par: UUID

        def apply(self, aggregate: Any) -> None:
            reunion = aggregate.reunions[self.reunion_id]
            ancien = reunion.comptes_rendus[self.compte_rendu_id]
            nouveau = replace(ancien, seance_id=str(self.seance_id), presente_le=self.presente_le)
            comptes_rendus = {**reunion.comptes_rendus, self.compte_rendu_id: nouveau}
            aggregate.reunions[self.reunion_id] = replace(reunion, comptes_rendus=comptes_rendus)

    def __init__(self, nature: str, nom: str, arrondissement: int, par: UUID) -> None:
        self.nature = NatureInstance(nature)
        self.nom = nom
        self.arrondissement = arrondissement
        self.reunions: dict[str, Reunion] = {}

    @classmethod
    def creer(
        cls,
        instance_id: UUID,
        nature: str,
        nom: str,
        arrondissement: int,
        par: UUID,
        le: datetime,
    ) -> "Instance":
        """A body: its kind, its name, and whether it is Paris-wide (0) or an arrondissement's."""
        genre = _nature(nature)
        propre = au_champ("nom", lambda: texte(nom, _("nom de l'instance"), NOM_MAX))
        if genre == NatureInstance.COPIL_PARISIEN and arrondissement != PARIS:
            raise ChampInvalide("arrondissement", "Le comité de pilotage parisien est pour Paris.")
        if genre == NatureInstance.COPIL_ARRONDISSEMENT and arrondissement == PARIS:
            raise ChampInvalide(
                "arrondissement", "Choisissez l'arrondissement de ce comité de pilotage."
            )
        if arrondissement != PARIS:
            au_champ("arrondissement", lambda: verifier_arrondissement(arrondissement))
        attendu = id_instance_unique(genre, arrondissement)
        if attendu is not None and attendu != instance_id:
            raise DonneeInvalide("Un comité de pilotage a un identifiant fixé par son type.")
        resultat: Instance = cls._create(
            cls.Creee,
            id=instance_id,
            nature=genre.value,
            nom=propre,
            arrondissement=arrondissement,
            par=par,
            timestamp=le,
        )
        return resultat

    def concerne(self, arrondissement: int) -> bool:
        """A Paris-wide body concerns every council; another, its arrondissement's."""
        return self.arrondissement in (PARIS, arrondissement)

    def reunion(self, reunion_id: str) -> Reunion:
        reunion = self.reunions.get(reunion_id)
        if reunion is None:
            raise DonneeInvalide("Cette réunion n'existe pas.")
        return reunion

    def enregistrer_reunion(
        self, reunion_id: UUID, tenue_le: date, ordre_du_jour: str, par: UUID, le: datetime
    ) -> None:
        """A meeting held: its date (not in the future) and its agenda."""
        _jour_passe(tenue_le, le, "tenue_le", _("de la réunion"))
        odj = au_champ("ordre_du_jour", lambda: texte(ordre_du_jour, _("ordre du jour"), TEXTE_MAX))
        if any(r.le == tenue_le for r in self.reunions.values()):
            raise ChampInvalide(
                "tenue_le", "Une réunion de cette instance est déjà enregistrée ce jour-là."
            )
        self.trigger_event(
            self.ReunionEnregistree,
            reunion_id=str(reunion_id),
            tenue_le=tenue_le,
            ordre_du_jour=odj,
            par=par,
            timestamp=le,
        )

    def enregistrer_presences(
        self,
        reunion_id: str,
        arrondissement: int,
        mandats: Collection[str],
        delegation: Mapping[str, Mandat],
        par: UUID,
        le: datetime,
    ) -> None:
        """Which of the council's delegates attended (by mandate): each must hold a mandate in
        this body on the meeting's day. An empty list says the council was not there."""
        reunion = self.reunion(reunion_id)
        if not self.concerne(arrondissement):
            raise EtatIncompatible("Cette instance ne concerne pas ce conseil citoyen.")
        choisis = sorted(set(mandats))
        for mandat_id in choisis:
            mandat = delegation.get(mandat_id)
            if mandat is None or mandat.instance_id != str(self.id):
                raise ChampInvalide("mandats", "Ce mandat n'est pas un mandat dans cette instance.")
            if not mandat.actif_le(reunion.le):
                raise ChampInvalide(
                    "mandats",
                    "Ce mandat (du %(debut)s au %(fin)s) ne couvre pas le jour de la réunion.",
                    debut=mandat.debut.strftime("%d/%m/%Y"),
                    fin=mandat.fin_effective.strftime("%d/%m/%Y"),
                )
        self.trigger_event(
            self.PresencesEnregistrees,
            reunion_id=reunion_id,
            arrondissement=arrondissement,
            mandats=choisis,
            par=par,
            timestamp=le,
        )

    def rediger_compte_rendu(
        self,
        compte_rendu_id: UUID,
        reunion_id: str,
        arrondissement: int,
        mandat: Mandat,
        contenu: str,
        par: UUID,
        le: datetime,
    ) -> None:
        """A delegate who attended tells their council what happened (one report each)."""
        reunion = self.reunion(reunion_id)
        if mandat.mandat_id not in reunion.presences.get(arrondissement, ()):
            raise ChampInvalide(
                "mandat", "Seul·e un·e délégué·e présent·e à la réunion peut en rendre compte."
            )
        if any(c.mandat_id == mandat.mandat_id for c in reunion.comptes_rendus.values()):
            raise EtatIncompatible("Ce compte rendu de mandat est déjà rédigé.")
        propre = au_champ("texte", lambda: texte(contenu, _("compte rendu"), COMPTE_RENDU_MAX))
        self.trigger_event(
            self.CompteRenduRedige,
            reunion_id=reunion_id,
            compte_rendu_id=str(compte_rendu_id),
            arrondissement=arrondissement,
            mandat_id=mandat.mandat_id,
            texte=propre,
            par=par,
            timestamp=le,
        )

    def compte_rendu(self, compte_rendu_id: str) -> tuple[Reunion, CompteRendu]:
        for reunion in self.reunions.values():
            if compte_rendu_id in reunion.comptes_rendus:
                return reunion, reunion.comptes_rendus[compte_rendu_id]
        raise DonneeInvalide("Ce compte rendu de mandat n'existe pas.")

    def presenter_compte_rendu(
        self,
        compte_rendu_id: str,
        seance_id: UUID,
        seance_le: date,
        par: UUID,
        le: datetime,
    ) -> None:
        """Mark the report back presented in a séance of the council, held after the meeting."""
        reunion, compte_rendu = self.compte_rendu(compte_rendu_id)
        if compte_rendu.presente_le is not None:
            raise EtatIncompatible("Ce compte rendu a déjà été présenté en séance.")
        if seance_le < reunion.le:
            raise ChampInvalide(
                "seance", "La séance doit suivre la réunion dont il est rendu compte."
            )
        if seance_le > jour_a_paris(le):
            raise ChampInvalide("seance", "Cette séance n'a pas encore eu lieu.")
        self.trigger_event(
            self.CompteRenduPresente,
            reunion_id=reunion.reunion_id,
            compte_rendu_id=compte_rendu_id,
            seance_id=seance_id,
            presente_le=seance_le,
            par=par,
            timestamp=le,
        )


class Delegation(Aggregate):
    """The mandates of one council's delegates in the bodies of the contract."""

    TOPIC = "participation:Delegation"

    class Created(Aggregate.Created):
        """Base of this aggregate's creation event (the library requires it to be named)."""

        TOPIC = "participation:Delegation.Created"

    class Ouverte(Created):
        TOPIC = "participation:Delegation.Ouverte"
        arrondissement: int

    class MandatsDesignes(Aggregate.Event):
        """Delegates designated to one body for one period, by a decision in open assembly or
        by a tirage. `mandats`: {mandat_id, personne_id, role, renouvelle} each."""

        TOPIC = "participation:Delegation.MandatsDesignes"
        instance_id: str
        debut: date
        fin: date
        mandats: list[dict[str, str]]
        voie: str
        seance_id: UUID | None
        decision: int | None
        tirage_id: UUID | None
        par: UUID

        def apply(self, aggregate: Any) -> None:
            for m in self.mandats:
                aggregate.mandats[m["mandat_id"]] = Mandat(
                    m["mandat_id"],
                    self.instance_id,
                    m["personne_id"],
                    m["role"],
                    self.debut,
                    self.fin,
                    self.voie,
                    m.get("renouvelle", ""),
                )
            if self.tirage_id is not None:
                aggregate.tirages.pop(str(self.tirage_id), None)

    class TirageAnnonce(Aggregate.Event):
        """A tirage au sort among volunteers will designate delegates to a body."""

        TOPIC = "participation:Delegation.TirageAnnonce"
        tirage_id: UUID
        instance_id: str
        titulaires: int
        suppleants: int
        debut: date
        fin: date
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.tirages[str(self.tirage_id)] = TirageDeDelegues(
                str(self.tirage_id),
                self.instance_id,
                self.titulaires,
                self.suppleants,
                self.debut,
                self.fin,
            )

    class MandatTermine(Aggregate.Event):
        """A mandate ends before its term (resignation...)."""

        TOPIC = "participation:Delegation.MandatTermine"
        mandat_id: str
        termine_le: date
        motif: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            ancien = aggregate.mandats[self.mandat_id]
            aggregate.mandats[self.mandat_id] = replace(
                ancien, termine_le=self.termine_le, motif_fin=self.motif
            )

    def __init__(self, arrondissement: int) -> None:
        self.arrondissement = arrondissement
        self.mandats: dict[str, Mandat] = {}
        self.tirages: dict[str, TirageDeDelegues] = {}

    @classmethod
    def ouvrir(cls, arrondissement: int, le: datetime) -> "Delegation":
        verifier_arrondissement(arrondissement)
        resultat: Delegation = cls._create(
            cls.Ouverte,
            id=id_delegation(arrondissement),
            arrondissement=arrondissement,
            timestamp=le,
        )
        return resultat

    def mandats_de(self, instance_id: str) -> list[Mandat]:
        return sorted(
            (m for m in self.mandats.values() if m.instance_id == instance_id),
            key=lambda m: (m.debut, m.role, m.mandat_id),
        )

    def designer(
        self,
        instance: Instance,
        designes: list[Designe],
        debut: date,
        fin: date,
        membres: Collection[UUID],
        nouveaux_ids: list[UUID],
        par: UUID,
        le: datetime,
        *,
        decision: DecisionDuConseil | None = None,
        tirage_id: UUID | None = None,
    ) -> list[str]:
        """Mandates in `instance` for `designes` over [debut, fin], by an adopted decision of
        the open assembly or by a tirage. Only members of the open assembly (`membres`) may be
        delegates; one mandate per person and body at a time. A mandate that starts after the
        person's previous one in this body ended renews it. Returns the new mandates' ids."""
        if (decision is None) == (tirage_id is None):
            raise DonneeInvalide("Une désignation cite une décision ou un tirage au sort.")
        if not instance.concerne(self.arrondissement):
            raise ChampInvalide("instance", "Cette instance ne concerne pas ce conseil citoyen.")
        verifier_periode(debut, fin, le)
        if not designes:
            raise ChampInvalide("personnes", "Choisissez au moins une personne à désigner.")
        vus: set[UUID] = set()
        mandats: list[dict[str, str]] = []
        for designe, mandat_id in zip(designes, nouveaux_ids, strict=True):
            if designe.personne_id in vus:
                raise ChampInvalide("personnes", "Une même personne est désignée deux fois.")
            vus.add(designe.personne_id)
            mandats.append(self._nouveau(instance, designe, debut, fin, membres, mandat_id))
        self.trigger_event(
            self.MandatsDesignes,
            instance_id=str(instance.id),
            debut=debut,
            fin=fin,
            mandats=mandats,
            voie=DECISION if decision is not None else TIRAGE,
            seance_id=decision.seance_id if decision is not None else None,
            decision=decision.numero if decision is not None else None,
            tirage_id=tirage_id,
            par=par,
            timestamp=le,
        )
        return [m["mandat_id"] for m in mandats]

    def _nouveau(
        self,
        instance: Instance,
        designe: Designe,
        debut: date,
        fin: date,
        membres: Collection[UUID],
        mandat_id: UUID,
    ) -> dict[str, str]:
        try:
            role = RoleMandat(designe.role)
        except ValueError:
            raise ChampInvalide("role", "Rôle inconnu : « %(role)s ».", role=designe.role) from None
        if designe.personne_id not in membres:
            raise ChampInvalide(
                "personnes", "Seul·e un·e membre de l'assemblée ouverte peut être délégué·e."
            )
        precedents = [
            m
            for m in self.mandats.values()
            if m.instance_id == str(instance.id) and m.personne_id == str(designe.personne_id)
        ]
        for m in precedents:
            if m.debut <= fin and debut <= m.fin_effective:
                raise ChampInvalide(
                    "debut",
                    "Cette personne a déjà un mandat dans cette instance du %(debut)s "
                    "au %(fin)s : un mandat à la fois par instance.",
                    debut=m.debut.strftime("%d/%m/%Y"),
                    fin=m.fin_effective.strftime("%d/%m/%Y"),
                )
        anterieurs = [m for m in precedents if m.fin_effective < debut]
        renouvelle = max(anterieurs, key=lambda m: m.fin_effective).mandat_id if anterieurs else ""
        return {
            "mandat_id": str(mandat_id),
            "personne_id": str(designe.personne_id),
            "role": role.value,
            "renouvelle": renouvelle,
        }

    def annoncer_tirage(
        self,
        tirage_id: UUID,
        instance: Instance,
        titulaires: int,
        suppleants: int,
        debut: date,
        fin: date,
        par: UUID,
        le: datetime,
    ) -> None:
        """A tirage au sort among volunteers will designate `titulaires` and `suppleants`."""
        if not instance.concerne(self.arrondissement):
            raise ChampInvalide("instance", "Cette instance ne concerne pas ce conseil citoyen.")
        if isinstance(titulaires, bool) or not 1 <= titulaires <= PLACES_MAX:
            raise ChampInvalide("titulaires", "De 1 à %(maximum)s titulaires.", maximum=PLACES_MAX)
        if isinstance(suppleants, bool) or not 0 <= suppleants <= PLACES_MAX:
            raise ChampInvalide(
                "suppleants", "De 0 à %(maximum)s suppléant·es.", maximum=PLACES_MAX
            )
        verifier_periode(debut, fin, le)
        self.trigger_event(
            self.TirageAnnonce,
            tirage_id=tirage_id,
            instance_id=str(instance.id),
            titulaires=titulaires,
            suppleants=suppleants,
            debut=debut,
            fin=fin,
            par=par,
            timestamp=le,
        )

    def designer_par_tirage(
        self,
        instance: Instance,
        tirage_id: UUID,
        selection: list[str],
        suppleants: list[str],
        membres: Collection[UUID],
        nouveaux_ids: list[UUID],
        par: UUID,
        le: datetime,
    ) -> list[str]:
        """The tirage's panel become titulaires; its first substitutes, in their drawn order,
        the suppléant·es it announced."""
        prevu = self.tirages.get(str(tirage_id))
        if prevu is None:
            raise EtatIncompatible("Ce tirage ne désigne pas de délégué·es de ce conseil.")
        designes = [Designe(UUID(p), RoleMandat.TITULAIRE) for p in selection]
        designes += [Designe(UUID(p), RoleMandat.SUPPLEANT) for p in suppleants[: prevu.suppleants]]
        return self.designer(
            instance,
            designes,
            prevu.debut,
            prevu.fin,
            membres,
            nouveaux_ids[: len(designes)],
            par,
            le,
            tirage_id=tirage_id,
        )

    def terminer(
        self, mandat_id: str, termine_le: date, motif: str, par: UUID, le: datetime
    ) -> None:
        """End a mandate before its term: resignation, leaving the assembly..."""
        mandat = self.mandats.get(mandat_id)
        if mandat is None:
            raise DonneeInvalide("Ce mandat n'existe pas.")
        if mandat.termine_le is not None:
            raise EtatIncompatible("Ce mandat a déjà pris fin.")
        try:
            raison = MotifFinMandat(motif)
        except ValueError:
            raise ChampInvalide("motif", "Choisissez le motif de la fin du mandat.") from None
        if not mandat.debut <= termine_le <= mandat.fin:
            raise ChampInvalide(
                "termine_le",
                "La fin anticipée doit tomber pendant le mandat (du %(debut)s au %(fin)s).",
                debut=mandat.debut.strftime("%d/%m/%Y"),
                fin=mandat.fin.strftime("%d/%m/%Y"),
            )
        self.trigger_event(
            self.MandatTermine,
            mandat_id=mandat_id,
            termine_le=termine_le,
            motif=raison.value,
            par=par,
            timestamp=le,
        )
