"""Séances of the open assembly: planning, recording after the fact, attendance, minutes (with
their versions and approval), decisions, cancellation; hybrid séances (remote presence, in-room
and remote votes, online polls: see `domaine.modalites` and docs/seances.md).

Minutes: each `CompteRenduRedige` is a new version, numbered by its order in the séance's log
(1, 2, …; the event carries no number, so logs written before versions existed read the same).
A version is *approuvée* by a decision of the open assembly taken at this séance or at a later
séance of the same council that has been held and not cancelled (`Seance.voter_compte_rendu`,
recorded on the approving séance as an ordinary decision plus `CompteRenduMisAuxVoix`, and on
the approved séance as `CompteRenduApprouve` or `CompteRenduNonApprouve`). An approved version
never changes: a correction is a new version, approved in turn; a rejected vote leaves the
draft as it was."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date as Jour
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate

from domaine.assemblee import Adhesion
from domaine.comptes import Acteur, exiger_compte
from domaine.erreurs import ActionInterdite, ChampInvalide, EtatIncompatible, au_champ
from domaine.modalites import (
    LIEU_EN_LIGNE,
    accessibilite_valide,
    fenetre_a_distance,
    lien_visio_valide,
    modalite_de,
)
from domaine.quartiers import HORS_QPV, verifier_arrondissement, verifier_quartier
from domaine.temps import a_paris, fin_du_jour, jour_a_paris
from domaine.textes import (
    LANGUE_PAR_DEFAUT,
    LONG_TEXTE_MAX,
    TEXTE_MAX,
    TITRE_MAX,
    entier_positif,
    instant,
    jour_des_conseils,
    langue_du_texte,
    texte,
)
from domaine.traduction import N_, _
from domaine.vocabulaire import ChoixDeVote, ModaliteSeance, RegleMajorite, Role, StatutSeance

VOTES_MAX = 100_000
_VOTES_A_DISTANCE = ("pour_distance", "contre_distance", "abstention_distance")
DELAI_APRES_COUP_JOURS = 90
"""How long after a séance it may still be recorded after the fact (Paris days). Long enough
for a summer break or a sign-in sheet found at the next quarterly meeting; short enough that
the record is made from fresh minutes and paper, not rebuilt from memory months later."""
DATE_PASSEE = N_("La date d'une séance planifiée doit être dans le futur.")
"""The planning form recognises this refusal and offers to record the séance after the fact."""


def jour_fr(jour: Jour) -> str:
    return jour.strftime("%d/%m/%Y")


class PresencesRefusees(ChampInvalide):
    """Some of the people to mark present cannot be (not members on the séance's day): the
    form names them (by line of the sign-in sheet) from `personnes`."""

    def __init__(self, message: str, personnes: tuple[UUID, ...], **valeurs: object) -> None:
        super().__init__("personnes", message, **valeurs)
        self.personnes = personnes


def est_adoptee(regle: RegleMajorite, pour: int, contre: int, abstention: int) -> bool:
    """The council's majority rule, applied to the votes cast in open assembly."""
    if regle == RegleMajorite.SIMPLE:
        return pour > contre
    if regle == RegleMajorite.ABSOLUE:
        return 2 * pour > pour + contre + abstention
    return pour > 0 and 3 * pour >= 2 * (pour + contre)


@dataclass(frozen=True)
class VersionCompteRendu:
    """One version of a séance's minutes, numbered from 1 in the order they were written."""

    numero: int
    texte: str
    le: datetime
    langue: str = LANGUE_PAR_DEFAUT
    """The language the minutes are written in."""


@dataclass(frozen=True)
class Approbation:
    """The vote of a séance (`par_seance`, its decision `decision`) on a version of these
    minutes: adopted (the version is approved) or rejected (it stays a draft)."""

    version: int
    par_seance: UUID
    decision: int
    adoptee: bool
    le: datetime


@dataclass(frozen=True)
class CompteRenduVote:
    """On the approving séance: its decision `decision` voted on the minutes of `seance_id`."""

    decision: int
    seance_id: UUID
    version: int
    adoptee: bool


def titre_d_approbation(jour: Jour, version: int) -> str:
    """The text of the decision that puts a version of minutes to the vote."""
    return f"Approbation du compte rendu de la séance du {jour_fr(jour)} (version {version})"


def peut_lire_le_projet(acteur: Acteur | None, arrondissement: int, membre_actif: bool) -> bool:
    """Who reads minutes not yet approved (a draft, or a correction awaiting its vote): the
    council's animateurs, who write them, and the current members of its open assembly
    (`membre_actif`), who will vote on them. Everyone else reads the approved version only,
    which is public."""
    return acteur is not None and (acteur.a_le_role(Role.ANIMATEUR, arrondissement) or membre_actif)


@dataclass(frozen=True)
class Decision:
    """`pour`, `contre`, `abstention` are the totals (in the room and remote) the majority
    rule applies to; the `_distance` counts are the remote part of them (hybrid or online
    séances), taken from online poll n° `scrutin` when not 0."""

    numero: int
    texte: str
    pour: int
    contre: int
    abstention: int
    regle: RegleMajorite
    adoptee: bool
    pour_distance: int = 0
    contre_distance: int = 0
    abstention_distance: int = 0
    scrutin: int = 0

    @property
    def dans_la_salle(self) -> tuple[int, int, int]:
        return (
            self.pour - self.pour_distance,
            self.contre - self.contre_distance,
            self.abstention - self.abstention_distance,
        )


@dataclass
class Scrutin:
    """An online poll on a decision text, for the members present at the séance: one vote
    each (`votes`: person -> choice), opened and closed by an animateur. `decision`: the
    number of the decision that took its counts (0: none yet)."""

    numero: int
    texte: str
    ouvert: bool = True
    votes: dict[UUID, str] = field(default_factory=dict)
    decision: int = 0

    def compte(self) -> tuple[int, int, int]:
        """(pour, contre, abstention)."""
        choix = list(self.votes.values())
        return tuple(choix.count(c.value) for c in ChoixDeVote)  # type: ignore[return-value]


SCRUTINS_MAX = 100
"""Polls per séance: a long agenda has a few dozen points."""


class Seance(Aggregate):
    """A meeting of one council's open assembly."""

    TOPIC = "participation:Seance"

    class Created(Aggregate.Created):
        """Base of this aggregate's creation event (the library requires it to be named)."""

        TOPIC = "participation:Seance.Created"

    class Planifiee(Created):
        TOPIC = "participation:Seance.Planifiee"
        arrondissement: int
        date: datetime
        lieu: str
        ordre_du_jour: str
        par: UUID
        quartier: str = ""
        theme: str = ""
        modalite: str = ModaliteSeance.PRESENTIEL.value
        lien_visio: str = ""
        accessibilite: tuple[str, ...] = ()
        accessibilite_autre: str = ""

    class EnregistreeApresCoup(Created):
        """A séance that was held but not planned on the platform, recorded afterwards: its
        `date` is in the past, the event's timestamp is when it was recorded."""

        TOPIC = "participation:Seance.EnregistreeApresCoup"
        arrondissement: int
        date: datetime
        lieu: str
        ordre_du_jour: str
        par: UUID
        quartier: str = ""
        theme: str = ""
        modalite: str = ModaliteSeance.PRESENTIEL.value
        lien_visio: str = ""
        accessibilite: tuple[str, ...] = ()
        accessibilite_autre: str = ""

        def apply(self, aggregate: Any) -> None:
            aggregate.enregistree_apres_coup_le = self.timestamp

    class Reprogrammee(Aggregate.Event):
        TOPIC = "participation:Seance.Reprogrammee"
        date: datetime
        lieu: str
        ordre_du_jour: str
        par: UUID
        quartier: str = ""
        theme: str = ""
        modalite: str = ModaliteSeance.PRESENTIEL.value
        lien_visio: str = ""
        accessibilite: tuple[str, ...] = ()
        accessibilite_autre: str = ""

        def apply(self, aggregate: Any) -> None:
            aggregate.date = self.date
            aggregate.lieu = self.lieu
            aggregate.ordre_du_jour = self.ordre_du_jour
            aggregate.quartier = self.quartier
            aggregate.theme = self.theme
            aggregate.modalite = ModaliteSeance(self.modalite)
            aggregate.lien_visio = self.lien_visio
            aggregate.accessibilite = tuple(self.accessibilite)
            aggregate.accessibilite_autre = self.accessibilite_autre

    class PresenceEnregistree(Aggregate.Event):
        TOPIC = "participation:Seance.PresenceEnregistree"
        personne_id: UUID
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.presents.add(self.personne_id)

    class PresenceRetiree(Aggregate.Event):
        TOPIC = "participation:Seance.PresenceRetiree"
        personne_id: UUID
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.presents.discard(self.personne_id)
            aggregate.a_distance.discard(self.personne_id)

    class ParticipantsAnonymesComptes(Aggregate.Event):
        TOPIC = "participation:Seance.ParticipantsAnonymesComptes"
        nombre: int
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.anonymes = self.nombre

    class CompteRenduRedige(Aggregate.Event):
        TOPIC = "participation:Seance.CompteRenduRedige"
        texte: str
        par: UUID
        langue: str = LANGUE_PAR_DEFAUT  # absent from minutes written before it was asked

        def apply(self, aggregate: Any) -> None:
            aggregate.compte_rendu = self.texte
            aggregate.comptes_rendus.append(
                VersionCompteRendu(
                    len(aggregate.comptes_rendus) + 1, self.texte, self.timestamp, self.langue
                )
            )

    class CompteRenduMisAuxVoix(Aggregate.Event):
        """On the approving séance: its decision `decision` was the vote on version `version`
        of the minutes of `seance_id` (this séance or an earlier one of the council)."""

        TOPIC = "participation:Seance.CompteRenduMisAuxVoix"
        decision: int
        seance_id: UUID
        version: int
        adoptee: bool
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.votes_de_comptes_rendus.append(
                CompteRenduVote(self.decision, self.seance_id, self.version, self.adoptee)
            )

    class CompteRenduApprouve(Aggregate.Event):
        """Version `version` of these minutes is approved by decision `decision` of the séance
        `par_seance`: it is public and never changes."""

        TOPIC = "participation:Seance.CompteRenduApprouve"
        version: int
        par_seance: UUID
        decision: int
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.approbations.append(
                Approbation(self.version, self.par_seance, self.decision, True, self.timestamp)
            )

    class CompteRenduNonApprouve(Aggregate.Event):
        """The vote of séance `par_seance` (decision `decision`) rejected version `version`:
        it stays a draft, to be rewritten or put to the vote again."""

        TOPIC = "participation:Seance.CompteRenduNonApprouve"
        version: int
        par_seance: UUID
        decision: int
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.approbations.append(
                Approbation(self.version, self.par_seance, self.decision, False, self.timestamp)
            )

    class DecisionEnregistree(Aggregate.Event):
        TOPIC = "participation:Seance.DecisionEnregistree"
        numero: int
        texte: str
        pour: int
        contre: int
        abstention: int
        regle: str
        adoptee: bool
        par: UUID
        pour_distance: int = 0
        contre_distance: int = 0
        abstention_distance: int = 0
        scrutin: int = 0

        def apply(self, aggregate: Any) -> None:
            aggregate.decisions.append(
                Decision(
                    self.numero,
                    self.texte,
                    self.pour,
                    self.contre,
                    self.abstention,
                    RegleMajorite(self.regle),
                    self.adoptee,
                    self.pour_distance,
                    self.contre_distance,
                    self.abstention_distance,
                    self.scrutin,
                )
            )
            if self.scrutin:
                aggregate.scrutins[self.scrutin].decision = self.numero

    class Annulee(Aggregate.Event):
        TOPIC = "participation:Seance.Annulee"
        motif: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.statut = StatutSeance.ANNULEE
            aggregate.motif_annulation = self.motif

    class PresenceADistanceDeclaree(Aggregate.Event):
        """A member attending an online or hybrid séance remotely says so themselves."""

        TOPIC = "participation:Seance.PresenceADistanceDeclaree"
        personne_id: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.presents.add(self.personne_id)
            aggregate.a_distance.add(self.personne_id)

    class ScrutinOuvert(Aggregate.Event):
        TOPIC = "participation:Seance.ScrutinOuvert"
        numero: int
        texte: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.scrutins[self.numero] = Scrutin(self.numero, self.texte)

    class VoteEnLigneExprime(Aggregate.Event):
        """One member's vote in an online poll: their pseudonymous id and choice only."""

        TOPIC = "participation:Seance.VoteEnLigneExprime"
        numero: int
        personne_id: UUID
        choix: str

        def apply(self, aggregate: Any) -> None:
            aggregate.scrutins[self.numero].votes[self.personne_id] = self.choix

    class ScrutinClos(Aggregate.Event):
        """The counts are those of the votes recorded before it (kept for the read models)."""

        TOPIC = "participation:Seance.ScrutinClos"
        numero: int
        pour: int
        contre: int
        abstention: int
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.scrutins[self.numero].ouvert = False

    def __init__(
        self,
        arrondissement: int,
        date: datetime,
        lieu: str,
        ordre_du_jour: str,
        par: UUID,
        quartier: str = "",
        theme: str = "",
        modalite: str = ModaliteSeance.PRESENTIEL.value,
        lien_visio: str = "",
        accessibilite: Sequence[str] = (),
        accessibilite_autre: str = "",
    ) -> None:
        self.arrondissement = arrondissement
        self.date = date
        self.lieu = lieu
        self.ordre_du_jour = ordre_du_jour
        self.quartier = quartier
        self.theme = theme
        self.statut = StatutSeance.PLANIFIEE
        self.motif_annulation = ""
        self.presents: set[UUID] = set()
        self.anonymes = 0
        self.compte_rendu = ""
        self.comptes_rendus: list[VersionCompteRendu] = []
        self.approbations: list[Approbation] = []
        self.votes_de_comptes_rendus: list[CompteRenduVote] = []
        self.decisions: list[Decision] = []
        self.enregistree_apres_coup_le: datetime | None = None
        self.modalite = ModaliteSeance(modalite)
        self.lien_visio = lien_visio
        self.accessibilite = tuple(accessibilite)
        self.accessibilite_autre = accessibilite_autre
        self.a_distance: set[UUID] = set()
        """The people present who attend remotely (a part of `presents`)."""
        self.scrutins: dict[int, Scrutin] = {}

    @classmethod
    def planifier(
        cls,
        arrondissement: int,
        date: datetime,
        lieu: str,
        ordre_du_jour: str,
        par: UUID,
        le: datetime,
        seance_id: UUID | None = None,
        *,
        quartier: str = "",
        theme: str = "",
        modalite: str = ModaliteSeance.PRESENTIEL.value,
        lien_visio: str = "",
        accessibilite: Sequence[str] = (),
        accessibilite_autre: str = "",
    ) -> "Seance":
        """A séance of the whole arrondissement, or of one of its QPV, possibly on one theme
        (rule 1), in person, online or hybrid, with its accessibility (`domaine.modalites`).
        `seance_id` is given when ids must be reproducible (demo data)."""
        verifier_arrondissement(arrondissement)
        maniere = _maniere(modalite, lien_visio, accessibilite, accessibilite_autre)
        quand, ou, odj = _plan(date, _lieu(lieu, maniere["modalite"]), ordre_du_jour, le)
        qpv, sujet = _perimetre(arrondissement, quartier, theme, quand)
        seance: Seance = cls._create(
            cls.Planifiee,
            id=seance_id or uuid4(),
            arrondissement=arrondissement,
            date=quand,
            lieu=ou,
            ordre_du_jour=odj,
            par=par,
            quartier=qpv,
            theme=sujet,
            timestamp=le,
            **maniere,
        )
        return seance

    @classmethod
    def enregistrer_apres_coup(
        cls,
        arrondissement: int,
        date: datetime,
        lieu: str,
        ordre_du_jour: str,
        par: UUID,
        le: datetime,
        conseil_ouvert_le: datetime,
        seance_id: UUID | None = None,
        *,
        quartier: str = "",
        theme: str = "",
        modalite: str = ModaliteSeance.PRESENTIEL.value,
        lien_visio: str = "",
        accessibilite: Sequence[str] = (),
        accessibilite_autre: str = "",
    ) -> "Seance":
        """A séance held but not planned on the platform in time, recorded afterwards so that
        its attendance and decisions can be entered. Its date has passed (it may have started
        an hour ago), falls on or after the day the council opened on the platform (nobody
        could have been a member before) and at most `DELAI_APRES_COUP_JOURS` Paris days ago.
        The neighbourhood is checked against the priority geography of the séance's day."""
        verifier_arrondissement(arrondissement)
        maniere = _maniere(modalite, lien_visio, accessibilite, accessibilite_autre)
        quand = au_champ("date", lambda: instant(date, _("date")))
        if quand > le:
            raise ChampInvalide(
                "date",
                "Cette date n'est pas encore passée : une séance à venir se planifie "
                "(formulaire « Planifier une séance »).",
            )
        jour = jour_a_paris(quand)
        au_champ("date", lambda: jour_des_conseils(jour, _("date")))
        plus_tot = jour_a_paris(le) - timedelta(days=DELAI_APRES_COUP_JOURS)
        if jour < plus_tot:
            raise ChampInvalide(
                "date",
                "Une séance s'enregistre après coup dans les %(delai)s jours "
                "qui la suivent : au plus tôt une séance du %(jour)s.",
                delai=DELAI_APRES_COUP_JOURS,
                jour=jour_fr(plus_tot),
            )
        ouverture = jour_a_paris(conseil_ouvert_le)
        if jour < ouverture:
            raise ChampInvalide(
                "date",
                "Le conseil citoyen du %(arrondissement)se n'était pas encore ouvert sur la "
                "plateforme à cette date (ouvert le %(jour)s).",
                arrondissement=arrondissement,
                jour=jour_fr(ouverture),
            )
        ou = au_champ("lieu", lambda: texte(_lieu(lieu, maniere["modalite"]), _("lieu"), TITRE_MAX))
        odj = au_champ("ordre_du_jour", lambda: texte(ordre_du_jour, _("ordre du jour"), TEXTE_MAX))
        qpv, sujet = _perimetre(arrondissement, quartier, theme, quand)
        seance: Seance = cls._create(
            cls.EnregistreeApresCoup,
            id=seance_id or uuid4(),
            arrondissement=arrondissement,
            date=quand,
            lieu=ou,
            ordre_du_jour=odj,
            par=par,
            quartier=qpv,
            theme=sujet,
            timestamp=le,
            **maniere,
        )
        return seance

    def reprogrammer(
        self,
        date: datetime,
        lieu: str,
        ordre_du_jour: str,
        par: UUID,
        le: datetime,
        *,
        quartier: str | None = None,
        theme: str | None = None,
        modalite: str | None = None,
        lien_visio: str | None = None,
        accessibilite: Sequence[str] | None = None,
        accessibilite_autre: str | None = None,
    ) -> None:
        """Change a séance still to come; `None` keeps its neighbourhood, theme, modality,
        link or accessibility."""
        self._exiger_non_annulee()
        if self.date <= le:
            raise EtatIncompatible("Une séance qui a déjà eu lieu ne peut plus être reprogrammée.")
        maniere = _maniere(
            self.modalite if modalite is None else modalite,
            self.lien_visio if lien_visio is None else lien_visio,
            self.accessibilite if accessibilite is None else accessibilite,
            self.accessibilite_autre if accessibilite_autre is None else accessibilite_autre,
        )
        quand, ou, odj = _plan(date, _lieu(lieu, maniere["modalite"]), ordre_du_jour, le)
        qpv, sujet = _perimetre(
            self.arrondissement,
            self.quartier if quartier is None else quartier,
            self.theme if theme is None else theme,
            quand,
        )
        nouveau = (quand, ou, odj, qpv, sujet, *maniere.values())
        ancien = (
            self.date,
            self.lieu,
            self.ordre_du_jour,
            self.quartier,
            self.theme,
            self.modalite.value,
            self.lien_visio,
            self.accessibilite,
            self.accessibilite_autre,
        )
        if nouveau == ancien:
            return
        self.trigger_event(
            self.Reprogrammee,
            date=quand,
            lieu=ou,
            ordre_du_jour=odj,
            quartier=qpv,
            theme=sujet,
            par=par,
            timestamp=le,
            **maniere,
        )

    def marquer_present(self, adhesion: Adhesion | None, par: UUID, le: datetime) -> None:
        """Only someone who was a member of this council's assembly on the séance's day is
        marked on the attendance sheet (see `membre_ce_jour_la`)."""
        self._exiger_tenue(le, N_("enregistrer les présences"))
        if adhesion is None or adhesion.arrondissement != self.arrondissement:
            raise EtatIncompatible("Cette personne n'est pas membre de l'assemblée de ce conseil.")
        if adhesion.personne_id in self.presents:
            return
        if not self.membre_ce_jour_la(adhesion):
            raise EtatIncompatible(
                "Cette personne n'était pas membre de l'assemblée le %(jour)s : elle ne peut "
                "pas être notée présente.",
                jour=jour_fr(jour_a_paris(self.date)),
            )
        self.trigger_event(
            self.PresenceEnregistree, personne_id=adhesion.personne_id, par=par, timestamp=le
        )

    def marquer_presents(
        self, adhesions: Sequence[tuple[UUID, Adhesion | None]], par: UUID, le: datetime
    ) -> int:
        """Several people at once (a paper sheet entered afterwards): all of them or none.
        Returns how many were not marked yet (the others were already present)."""
        self._exiger_tenue(le, N_("enregistrer les présences"))
        if not adhesions:
            raise ChampInvalide("personnes", "Indiquez au moins une personne présente.")
        refusees = tuple(
            personne_id
            for personne_id, adhesion in adhesions
            if personne_id not in self.presents
            and (
                adhesion is None
                or adhesion.arrondissement != self.arrondissement
                or adhesion.personne_id != personne_id
                or not self.membre_ce_jour_la(adhesion)
            )
        )
        if refusees:
            jour = jour_fr(jour_a_paris(self.date))
            if len(refusees) == 1:
                raise PresencesRefusees(
                    N_(
                        "Une personne n'était pas membre de l'assemblée le %(jour)s : rien n'a "
                        "été enregistré."
                    ),
                    refusees,
                    jour=jour,
                )
            raise PresencesRefusees(
                N_(
                    "%(nombre)s personnes n'étaient pas membres de l'assemblée le %(jour)s : "
                    "rien n'a été enregistré."
                ),
                refusees,
                nombre=len(refusees),
                jour=jour,
            )
        nouvelles = list(dict.fromkeys(p for p, __ in adhesions if p not in self.presents))
        for personne_id in nouvelles:
            self.trigger_event(
                self.PresenceEnregistree, personne_id=personne_id, par=par, timestamp=le
            )
        return len(nouvelles)

    def membre_ce_jour_la(self, adhesion: Adhesion) -> bool:
        """A member at some moment from the séance's start to the end of its day in Paris:
        members when it started, and people who joined meanwhile (often at the séance
        itself), even if they left that same evening. Leaving later changes nothing."""
        fin = fin_du_jour(jour_a_paris(self.date)) - timedelta(microseconds=1)
        return adhesion.membre_le(self.date) or any(self.date <= t <= fin for t in adhesion.entrees)

    def retirer_presence(self, personne_id: UUID, par: UUID, le: datetime) -> None:
        self._exiger_tenue(le, N_("enregistrer les présences"))
        if personne_id not in self.presents:
            return
        self.trigger_event(self.PresenceRetiree, personne_id=personne_id, par=par, timestamp=le)

    def compter_anonymes(self, nombre: int, par: UUID, le: datetime) -> None:
        """People who attended without signing in are counted, never named."""
        self._exiger_tenue(le, N_("compter les participants"))
        valeur = au_champ(
            "nombre", lambda: entier_positif(nombre, _("participants non inscrits"), 10_000)
        )
        if valeur == self.anonymes:
            return
        self.trigger_event(self.ParticipantsAnonymesComptes, nombre=valeur, par=par, timestamp=le)

    @property
    def version_approuvee(self) -> int:
        """The number of the approved version in force (the latest approved), 0 if none."""
        return max((a.version for a in self.approbations if a.adoptee), default=0)

    def rediger_compte_rendu(
        self, contenu: str, par: UUID, le: datetime, langue: str = LANGUE_PAR_DEFAUT
    ) -> None:
        """A new version of the minutes: a draft, or once a version is approved, a correction
        that awaits its own approval (the approved version stays as it was)."""
        self._exiger_tenue(le, N_("rédiger le compte rendu"))
        propre = au_champ("texte", lambda: texte(contenu, _("compte rendu"), LONG_TEXTE_MAX))
        etiquette = au_champ("langue", lambda: langue_du_texte(langue))
        derniere = self.comptes_rendus[-1] if self.comptes_rendus else None
        if derniere is not None and (derniere.texte, derniere.langue) == (propre, etiquette):
            return
        self.trigger_event(
            self.CompteRenduRedige, texte=propre, par=par, langue=etiquette, timestamp=le
        )

    def enregistrer_decision(
        self,
        contenu: str,
        pour: int,
        contre: int,
        abstention: int,
        regle: RegleMajorite,
        par: UUID,
        le: datetime,
        *,
        pour_distance: int = 0,
        contre_distance: int = 0,
        abstention_distance: int = 0,
        scrutin: int = 0,
    ) -> Decision:
        """A decision of the open assembly; adopted or not by the council's majority rule,
        applied to the total of the votes in the room (`pour`, `contre`, `abstention`) and
        remote ones (online or hybrid séances only). With `scrutin`, the remote part is the
        count of that closed online poll (members who voted online do not raise their hand
        in the room), and its text is the decision's if none is typed."""
        self._exiger_tenue(le, N_("enregistrer une décision"))
        sondage = None if scrutin == 0 else self._scrutin_pour_decision(scrutin)
        if sondage is not None and not contenu.strip():
            contenu = sondage.texte
        propre = au_champ("texte", lambda: texte(contenu, _("texte de la décision"), TEXTE_MAX))
        p = au_champ("pour", lambda: entier_positif(pour, _("pour"), VOTES_MAX))
        c = au_champ("contre", lambda: entier_positif(contre, _("contre"), VOTES_MAX))
        a = au_champ("abstention", lambda: entier_positif(abstention, _("abstention"), VOTES_MAX))
        dp = au_champ("pour_distance", lambda: entier_positif(pour_distance, _("pour"), VOTES_MAX))
        dc = au_champ(
            "contre_distance", lambda: entier_positif(contre_distance, _("contre"), VOTES_MAX)
        )
        da = au_champ(
            "abstention_distance",
            lambda: entier_positif(abstention_distance, _("abstention"), VOTES_MAX),
        )
        if sondage is not None:
            if dp + dc + da:
                raise ChampInvalide(
                    "pour_distance",
                    "Les votes à distance viennent du scrutin en ligne : laissez ces champs à 0.",
                )
            dp, dc, da = sondage.compte()
        if dp + dc + da and not self.modalite.a_distance:
            raise ChampInvalide(
                "pour_distance", "Une séance en présentiel ne compte pas de votes à distance."
            )
        if p + c + a and self.modalite == ModaliteSeance.EN_LIGNE:
            raise ChampInvalide(
                "pour",
                "Une séance en ligne n'a pas de salle : saisissez les votes à distance.",
            )
        if p + c + a + dp + dc + da == 0:
            champ = "pour_distance" if self.modalite == ModaliteSeance.EN_LIGNE else "pour"
            raise ChampInvalide(champ, "Une décision doit compter au moins un vote.")
        if max(p + dp, c + dc, a + da) > VOTES_MAX:
            raise ChampInvalide("pour", "Trop de votes (maximum %(maximum)s).", maximum=VOTES_MAX)
        adoptee = est_adoptee(regle, p + dp, c + dc, a + da)
        self.trigger_event(
            self.DecisionEnregistree,
            numero=len(self.decisions) + 1,
            texte=propre,
            pour=p + dp,
            contre=c + dc,
            abstention=a + da,
            regle=regle.value,
            adoptee=adoptee,
            par=par,
            timestamp=le,
            pour_distance=dp,
            contre_distance=dc,
            abstention_distance=da,
            scrutin=sondage.numero if sondage else 0,
        )
        return self.decisions[-1]

    def _scrutin_pour_decision(self, numero: int) -> Scrutin:
        sondage = self._scrutin(numero)
        if sondage is None:
            raise ChampInvalide("scrutin", "Ce scrutin en ligne n'existe pas.")
        if sondage.ouvert:
            raise ChampInvalide(
                "scrutin",
                "Ce scrutin est encore ouvert : clôturez-le avant d'en reprendre le résultat.",
            )
        if sondage.decision:
            raise ChampInvalide(
                "scrutin",
                "Ce scrutin a déjà donné la décision n° %(decision)s.",
                decision=sondage.decision,
            )
        return sondage

    # --- hybrid séances: remote presence and online polls -----------------------------------

    def en_cours_a_distance(self, le: datetime) -> bool:
        """Remote presence and online votes are open: an online or hybrid séance, not
        cancelled, between its start and the end of its Paris day (`fenetre_a_distance`)."""
        debut, fin = fenetre_a_distance(self.date)
        return (
            self.modalite.a_distance and self.statut != StatutSeance.ANNULEE and debut <= le < fin
        )

    def _exiger_en_cours_a_distance(self, le: datetime, action: str) -> None:
        self._exiger_non_annulee()
        if not self.modalite.a_distance:
            raise EtatIncompatible(
                "Cette séance se tient en présentiel : impossible de %(action)s à distance.",
                action=_(action),
            )
        debut, fin = fenetre_a_distance(self.date)
        if le < debut:
            raise EtatIncompatible(
                "La séance n'a pas encore commencé : impossible de %(action)s avant "
                "%(heure)s h %(minute)s le %(jour)s.",
                action=_(action),
                heure=a_paris(debut).strftime("%H"),
                minute=a_paris(debut).strftime("%M"),
                jour=jour_fr(jour_a_paris(debut)),
            )
        if le >= fin:
            raise EtatIncompatible(
                "La séance est terminée (le %(jour)s) : impossible de %(action)s à distance.",
                jour=jour_fr(jour_a_paris(debut)),
                action=_(action),
            )

    def se_declarer_a_distance(self, adhesion: Adhesion | None, le: datetime) -> bool:
        """A member (on the séance's day) attending an online or hybrid séance remotely marks
        themselves present, during `fenetre_a_distance`. Returns False if they already were
        (remotely); refused if the animateur marked them present in the room."""
        self._exiger_en_cours_a_distance(le, N_("vous déclarer présent·e"))
        if adhesion is None or adhesion.arrondissement != self.arrondissement:
            raise EtatIncompatible("Vous n'êtes pas membre de l'assemblée de ce conseil.")
        qui = adhesion.personne_id
        if qui in self.a_distance:
            return False
        if qui in self.presents:
            raise EtatIncompatible("Vous êtes déjà noté·e présent·e dans la salle.")
        if not self.membre_ce_jour_la(adhesion):
            raise EtatIncompatible(
                "Vous n'étiez pas membre de l'assemblée au début de la séance : rejoignez-la, "
                "puis déclarez-vous présent·e."
            )
        self.trigger_event(self.PresenceADistanceDeclaree, personne_id=qui, timestamp=le)
        return True

    def _scrutin(self, numero: int) -> Scrutin | None:
        """Poll n° `numero` (a number typed in a form or a URL: anything else finds none)."""
        if isinstance(numero, bool) or not isinstance(numero, int):
            return None
        return self.scrutins.get(numero)

    @property
    def scrutin_ouvert(self) -> Scrutin | None:
        return next((s for s in self.scrutins.values() if s.ouvert), None)

    def ouvrir_scrutin(self, contenu: str, par: UUID, le: datetime) -> int:
        """An online poll on a decision text, one at a time, during the séance (online or
        hybrid: a séance in person votes by show of hands only). Returns its number."""
        self._exiger_en_cours_a_distance(le, N_("ouvrir un scrutin en ligne"))
        if self.scrutin_ouvert is not None:
            raise EtatIncompatible(
                "Le scrutin n° %(numero)s est encore ouvert : clôturez-le avant d'en ouvrir "
                "un autre.",
                numero=self.scrutin_ouvert.numero,
            )
        if len(self.scrutins) >= SCRUTINS_MAX:
            raise EtatIncompatible(
                "Une séance compte au plus %(maximum)s scrutins en ligne.", maximum=SCRUTINS_MAX
            )
        propre = au_champ("texte", lambda: texte(contenu, _("texte soumis au vote"), TEXTE_MAX))
        numero = len(self.scrutins) + 1
        self.trigger_event(self.ScrutinOuvert, numero=numero, texte=propre, par=par, timestamp=le)
        return numero

    def voter_en_ligne(self, numero: int, personne_id: UUID, choix: str, le: datetime) -> None:
        """One vote per member present at the séance (in the room or remotely), while the
        poll is open and the séance under way; a second vote is refused, never replaces the
        first (a vote cast is counted as cast, as a raised hand is)."""
        sondage = self._scrutin(numero)
        if sondage is None:
            raise EtatIncompatible("Ce scrutin en ligne n'existe pas.")
        if not sondage.ouvert:
            raise EtatIncompatible("Ce scrutin est clos : votre vote n'a pas été pris en compte.")
        self._exiger_en_cours_a_distance(le, N_("voter en ligne"))
        if personne_id in sondage.votes:
            raise EtatIncompatible(
                "Vous avez déjà voté à ce scrutin : un seul vote par membre, qui ne peut pas "
                "être changé."
            )
        if personne_id not in self.presents:
            raise EtatIncompatible(
                "Seuls les membres présents à la séance votent en ligne : déclarez-vous "
                "présent·e à distance, ou demandez à l'animateur de vous noter présent·e."
            )
        try:
            vote = ChoixDeVote(choix)
        except ValueError:
            raise ChampInvalide("choix", "Choisissez pour, contre ou abstention.") from None
        self.trigger_event(
            self.VoteEnLigneExprime,
            numero=numero,
            personne_id=personne_id,
            choix=vote.value,
            timestamp=le,
        )

    def clore_scrutin(self, numero: int, par: UUID, le: datetime) -> tuple[int, int, int]:
        """Close an open poll (at any time, even after the séance's day); its counts."""
        self._exiger_non_annulee()
        sondage = self._scrutin(numero)
        if sondage is None:
            raise EtatIncompatible("Ce scrutin en ligne n'existe pas.")
        if not sondage.ouvert:
            raise EtatIncompatible("Ce scrutin est déjà clos.")
        pour, contre, abstention = sondage.compte()
        self.trigger_event(
            self.ScrutinClos,
            numero=numero,
            pour=pour,
            contre=contre,
            abstention=abstention,
            par=par,
            timestamp=le,
        )
        return pour, contre, abstention

    def voter_compte_rendu(
        self,
        seance: "Seance",
        version: int,
        pour: int,
        contre: int,
        abstention: int,
        regle: RegleMajorite,
        par: UUID,
        le: datetime,
    ) -> Decision:
        """The open assembly, at this séance, votes on version `version` of the minutes of
        `seance` (this séance itself, or an earlier séance of the same council). The vote is an
        ordinary decision of this séance, adopted or rejected by the council's majority rule;
        adopted, that version is approved (`seance` records `CompteRenduApprouve`), rejected,
        it stays a draft (`CompteRenduNonApprouve`). This séance must have been held and not
        be cancelled; the version must exist, be newer than the approved one, and have been
        written by the end of this séance's day (the assembly voted on a text it had).
        Everything is checked before anything is recorded: the caller saves both séances
        together."""
        self._exiger_tenue(le, N_("voter sur un compte rendu"))
        if seance.id != self.id:
            if seance.arrondissement != self.arrondissement:
                raise ChampInvalide(
                    "seance", "Une séance n'approuve que les comptes rendus de son propre conseil."
                )
            if seance.statut == StatutSeance.ANNULEE:
                raise ChampInvalide(
                    "seance", "Cette séance a été annulée : elle n'a pas de compte rendu."
                )
            if seance.date >= self.date:
                raise ChampInvalide(
                    "seance",
                    "Une séance approuve son propre compte rendu ou celui d'une séance "
                    "antérieure du conseil, pas celui d'une séance qui la suit.",
                )
        if not seance.comptes_rendus:
            raise ChampInvalide(
                "seance", "Cette séance n'a pas encore de compte rendu à approuver."
            )
        if not isinstance(version, int) or isinstance(version, bool):
            raise ChampInvalide("version", "Choisissez la version du compte rendu mise aux voix.")
        if not 1 <= version <= len(seance.comptes_rendus):
            raise ChampInvalide(
                "version",
                "Ce compte rendu n'a pas de version %(version)s (versions 1 à %(derniere)s).",
                version=version,
                derniere=len(seance.comptes_rendus),
            )
        approuvee = seance.version_approuvee
        if version <= approuvee:
            if version == approuvee:
                raise EtatIncompatible(
                    "La version %(approuvee)s de ce compte rendu est déjà approuvée. Pour le "
                    "corriger, rédigez une nouvelle version, puis faites-la approuver.",
                    approuvee=approuvee,
                )
            raise EtatIncompatible(
                "La version %(approuvee)s de ce compte rendu est déjà approuvée : la version "
                "%(version)s est plus ancienne. Pour le corriger, rédigez une nouvelle version, "
                "puis faites-la approuver.",
                approuvee=approuvee,
                version=version,
            )
        jour = jour_a_paris(self.date)
        if seance.comptes_rendus[version - 1].le >= fin_du_jour(jour):
            raise ChampInvalide(
                "version",
                "La version %(version)s a été rédigée après la séance du %(jour)s : "
                "cette séance n'a pas pu la mettre aux voix.",
                version=version,
                jour=jour_fr(jour),
            )
        # An online séance has no room: its show of hands is the remote votes.
        votes = (pour, contre, abstention)
        en_ligne = self.modalite == ModaliteSeance.EN_LIGNE
        try:
            decision = self.enregistrer_decision(
                titre_d_approbation(jour_a_paris(seance.date), version),
                *((0, 0, 0) if en_ligne else votes),
                regle,
                par,
                le,
                **(dict(zip(_VOTES_A_DISTANCE, votes, strict=True)) if en_ligne else {}),
            )
        except ChampInvalide as refus:
            raise ChampInvalide(
                refus.champ.removesuffix("_distance"), refus.gabarit, **refus.valeurs
            ) from None
        self.trigger_event(
            self.CompteRenduMisAuxVoix,
            decision=decision.numero,
            seance_id=seance.id,
            version=version,
            adoptee=decision.adoptee,
            par=par,
            timestamp=le,
        )
        seance.trigger_event(
            seance.CompteRenduApprouve if decision.adoptee else seance.CompteRenduNonApprouve,
            version=version,
            par_seance=self.id,
            decision=decision.numero,
            par=par,
            timestamp=le,
        )
        return decision

    def annuler(self, motif: str, par: UUID, le: datetime) -> None:
        self._exiger_non_annulee()
        if self.presents or self.decisions or self.compte_rendu:
            raise EtatIncompatible(
                "Cette séance a des présences, une décision ou un compte rendu : "
                "elle ne peut plus être annulée."
            )
        raison = au_champ("motif", lambda: texte(motif, _("motif d'annulation"), TITRE_MAX * 5))
        self.trigger_event(self.Annulee, motif=raison, par=par, timestamp=le)

    def _exiger_non_annulee(self) -> None:
        if self.statut == StatutSeance.ANNULEE:
            raise EtatIncompatible("Cette séance a été annulée.")

    def _exiger_tenue(self, le: datetime, action: str) -> None:
        self._exiger_non_annulee()
        if self.date > le:
            raise EtatIncompatible(
                "La séance n'a pas encore eu lieu : impossible de %(action)s avant son début.",
                action=_(action),
            )


def _perimetre(arrondissement: int, quartier: str, theme: str, le: datetime) -> tuple[str, str]:
    """A séance may gather one priority neighbourhood only, and may have a theme (rule 1).
    `le` is the séance's date: its QPV must be in the list in force that day."""
    qpv = quartier.strip()
    if qpv:
        if qpv == HORS_QPV:
            raise ChampInvalide(
                "quartier", "Une séance de quartier se tient dans un quartier prioritaire."
            )
        au_champ("quartier", lambda: verifier_quartier(arrondissement, qpv, jour_a_paris(le)))
    return qpv, au_champ("theme", lambda: texte(theme, _("thème"), TITRE_MAX, obligatoire=False))


def _plan(date: datetime, lieu: str, ordre_du_jour: str, le: datetime) -> tuple[datetime, str, str]:
    """A planned séance is to come (a séance already held is recorded after the fact)."""
    quand = au_champ("date", lambda: instant(date, _("date")))
    if quand <= le:
        raise ChampInvalide("date", DATE_PASSEE)
    if (quand - le).days > 2 * 366:
        raise ChampInvalide(
            "date", "La séance ne peut pas être planifiée plus de deux ans à l'avance."
        )
    return (
        quand,
        au_champ("lieu", lambda: texte(lieu, _("lieu"), TITRE_MAX)),
        au_champ("ordre_du_jour", lambda: texte(ordre_du_jour, _("ordre du jour"), TEXTE_MAX)),
    )


def _maniere(
    modalite: str, lien_visio: str, accessibilite: Sequence[str], autre: str
) -> dict[str, Any]:
    """The modality, link and accessibility of a séance, checked, as the events' fields."""
    maniere = modalite_de(modalite)
    lien = lien_visio_valide(lien_visio, maniere)
    mesures, precision = accessibilite_valide(accessibilite, autre)
    return {
        "modalite": maniere.value,
        "lien_visio": lien,
        "accessibilite": mesures,
        "accessibilite_autre": precision,
    }


def _lieu(lieu: str, modalite: str) -> str:
    """An online séance has no room: its place may be left empty."""
    if modalite == ModaliteSeance.EN_LIGNE and not lieu.strip():
        return LIEU_EN_LIGNE
    return lieu


def exiger_membre_de_l_assemblee(
    acteur: Acteur | None, adhesion: Adhesion | None, arrondissement: int
) -> Acteur:
    """Attending remotely and voting online belong to the people who joined this council's
    assembly (`adhesion`: theirs, None if they never joined); whether they were members on the
    séance's day, and present, is the séance's own check."""
    qui = exiger_compte(acteur)
    if adhesion is None or adhesion.arrondissement != arrondissement:
        raise ActionInterdite(
            "Réservé aux membres de l'assemblée du conseil citoyen du %(arrondissement)se "
            "arrondissement.",
            arrondissement=arrondissement,
        )
    return qui
