"""Budget participatif proposals (rule 15): filing, supports, comments, the council's backing,
and the lifecycle the Ville sets, from déposée to réalisée.

Authors, supporters and agents appear in events by their pseudonymous account id only; comments
are user text, like séance minutes, and carry no name.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate

from domaine.comptes import Acteur, exiger_animateur, exiger_compte
from domaine.erreurs import (
    ChampInvalide,
    EtatIncompatible,
    Introuvable,
    au_champ,
)
from domaine.quartiers import verifier_arrondissement, verifier_quartier
from domaine.seances import Seance
from domaine.temps import jour_a_paris
from domaine.textes import LANGUE_PAR_DEFAUT, TITRE_MAX, instant, langue_du_texte, texte
from domaine.traduction import N_, _
from domaine.vocabulaire import Role, ThemeBP
from domaine.vocabulaire import StatutProposition as S

T = TypeVar("T")

DESCRIPTION_MAX = 5_000
ADRESSE_MAX = TITRE_MAX
COMMENTAIRE_MAX = 2_000
MOTIF_MAX = 1_000
LIEN_MAX = 500
VOIX_MAX = 2_500_000
"""More votes than Paris has residents is a typing error, not a result."""

ROLE_DU_CYCLE = Role.AGENT_VILLE
"""Only the Ville moves a proposal along its lifecycle (the use case checks the role with
`domaine.comptes.exiger_agent_ville`; the events record it)."""

TRANSITIONS: dict[S, frozenset[S]] = {
    S.DEPOSEE: frozenset({S.RECEVABLE, S.IRRECEVABLE, S.FUSIONNEE}),
    S.RECEVABLE: frozenset({S.ETUDIEE, S.ABANDONNEE, S.FUSIONNEE}),
    S.ETUDIEE: frozenset({S.SOUMISE_AU_VOTE, S.ABANDONNEE, S.FUSIONNEE}),
    S.SOUMISE_AU_VOTE: frozenset({S.LAUREATE, S.NON_RETENUE, S.ABANDONNEE}),
    S.LAUREATE: frozenset({S.EN_REALISATION, S.ABANDONNEE}),
    S.EN_REALISATION: frozenset({S.REALISEE, S.ABANDONNEE}),
    S.IRRECEVABLE: frozenset(),
    S.NON_RETENUE: frozenset(),
    S.REALISEE: frozenset(),
    S.ABANDONNEE: frozenset(),
    S.FUSIONNEE: frozenset(),
}
"""The lifecycle: each status and the statuses it may move to (none for a final status).

A proposal may be abandoned from recevable on, as long as it is not final; it may be merged
into another until it is put to the vote (the ballot is fixed then)."""

FINAUX = frozenset(s for s, suivants in TRANSITIONS.items() if not suivants)
SOUTIENS_OUVERTS = frozenset({S.DEPOSEE, S.RECEVABLE, S.ETUDIEE})
"""Supports show interest before the vote; the vote itself happens on the City's platform."""


def suivants(statut: S) -> list[S]:
    """The legal next statuses, in the order of the lifecycle."""
    return [s for s in S if s in TRANSITIONS[statut]]


def transition_refusee(actuel: S, demande: S) -> EtatIncompatible:
    """The refusal of an illegal step, naming the statuses the proposal may move to."""
    possibles = suivants(actuel)
    if not possibles:
        return EtatIncompatible(
            "Cette proposition est « %(actuel)s » : elle ne peut pas passer au statut "
            "« %(demande)s ». C'est un statut final.",
            actuel=actuel.libelle.lower(),
            demande=demande.libelle.lower(),
        )
    return EtatIncompatible(
        "Cette proposition est « %(actuel)s » : elle ne peut pas passer au statut "
        "« %(demande)s ». Statuts possibles : %(possibles)s.",
        actuel=actuel.libelle.lower(),
        demande=demande.libelle.lower(),
        possibles=", ".join(s.libelle.lower() for s in possibles),
    )


def message_transition(actuel: S, demande: S) -> str:
    return transition_refusee(actuel, demande).message


def euros(montant: int) -> str:
    """3000000 -> "3 000 000 €" (narrow no-break spaces, as French typography wants)."""
    return f"{montant:,}".replace(",", "\u202f") + "\u202f€"


def cout_en_euros(valeur: int, enveloppe: int, champ: str = "cout") -> int:
    """A cost in whole euros: at least 1 €, at most the arrondissement's yearly envelope."""
    if isinstance(valeur, bool) or not isinstance(valeur, int):
        raise ChampInvalide(champ, "Le coût doit être un nombre entier d'euros.")
    if valeur <= 0:
        raise ChampInvalide(champ, "Le coût doit être d'au moins 1 €.")
    if valeur > enveloppe:
        raise ChampInvalide(
            champ,
            "Le coût (%(cout)s) dépasse l'enveloppe annuelle du budget participatif "
            "de l'arrondissement (%(enveloppe)s).",
            cout=euros(valeur),
            enveloppe=euros(enveloppe),
        )
    return valeur


def lien_image(valeur: str) -> str:
    """An optional link to an illustration: a plain http(s) address, shown as a link."""
    propre = au_champ("image", lambda: texte(valeur, _("lien vers une image"), LIEN_MAX, False))
    if not propre:
        return ""
    parties = urlsplit(propre)
    if (
        parties.scheme.lower() not in ("http", "https")
        or not parties.hostname
        or parties.username is not None
        or any(c.isspace() or ord(c) < 32 for c in propre)
    ):
        raise ChampInvalide(
            "image",
            "Le lien vers une image doit être une adresse web commençant par https:// "
            "(ou http://), sans espace.",
        )
    return propre


def theme_bp(valeur: str) -> ThemeBP:
    try:
        return ThemeBP(valeur)
    except ValueError:
        raise ChampInvalide("theme", "Choisissez un thème dans la liste.") from None


def nombre_de_voix(valeur: int) -> int:
    if isinstance(valeur, bool) or not isinstance(valeur, int) or valeur < 0:
        raise ChampInvalide("voix", "Le nombre de voix doit être un nombre entier positif ou nul.")
    if valeur > VOIX_MAX:
        raise ChampInvalide(
            "voix",
            "Le nombre de voix est trop grand (maximum %(maximum)s).",
            maximum=format(VOIX_MAX, ",").replace(",", " "),
        )
    return valeur


@dataclass(frozen=True)
class Depot:
    """What a proposal says when it is filed, as typed (`PropositionBP.deposer` checks it, each
    error naming its form field: `cout` for `cout_estime`)."""

    titre: str
    description: str
    quartier: str
    adresse: str
    theme: str
    cout_estime: int
    image: str = ""
    langue: str = LANGUE_PAR_DEFAUT
    """The language of its title, description and address (`domaine.textes.langue_du_texte`)."""


def exiger_deposant(acteur: Acteur | None, arrondissement: int, au_nom_du_conseil: bool) -> Acteur:
    """Any signed-in person files in their own name; only the council's animateurs file in its
    name (citing a decision of its open assembly)."""
    if au_nom_du_conseil:
        return exiger_animateur(acteur, arrondissement)
    return exiger_compte(acteur)


@dataclass(frozen=True)
class DecisionDuConseil:
    """A decision adopted in open assembly that commits the council (rule 2)."""

    seance_id: UUID
    numero: int


def decision_du_conseil(seance: Seance, arrondissement: int, numero: int) -> DecisionDuConseil:
    """Only an adopted decision of one of this council's séances speaks for the council."""
    if seance.arrondissement != arrondissement:
        raise ChampInvalide("decision", "Cette séance n'est pas une séance de ce conseil citoyen.")
    decision = next((d for d in seance.decisions if d.numero == numero), None)
    if decision is None:
        raise ChampInvalide(
            "decision", "La séance n'a pas de décision n° %(numero)s.", numero=numero
        )
    if not decision.adoptee:
        raise ChampInvalide(
            "decision",
            "La décision n° %(numero)s n'a pas été adoptée en assemblée ouverte : "
            "elle ne peut pas engager le conseil citoyen.",
            numero=numero,
        )
    return DecisionDuConseil(seance.id, numero)


@dataclass(frozen=True)
class Commentaire:
    numero: int
    auteur: UUID
    texte: str
    motif_masquage: str = ""
    langue: str = LANGUE_PAR_DEFAUT

    @property
    def masque(self) -> bool:
        return bool(self.motif_masquage)


def _franchir(aggregate: Any, evenement: Any, statut: S) -> None:
    aggregate.statut = statut
    aggregate.version_statut = evenement.originator_version


class PropositionBP(Aggregate):
    """A project proposed to the budget participatif of Paris in one arrondissement."""

    TOPIC = "participation:PropositionBP"

    class Created(Aggregate.Created):
        """Base of this aggregate's creation event (the library requires it to be named)."""

        TOPIC = "participation:PropositionBP.Created"

    class Deposee(Created):
        TOPIC = "participation:PropositionBP.Deposee"
        arrondissement: int
        titre: str
        description: str
        quartier: str
        adresse: str
        theme: str
        cout_estime: int
        image: str
        par: UUID
        role: str
        seance_id: UUID | None
        decision: int | None
        langue: str = LANGUE_PAR_DEFAUT  # absent from proposals filed before it was asked

    class PorteeParLeConseil(Aggregate.Event):
        TOPIC = "participation:PropositionBP.PorteeParLeConseil"
        seance_id: UUID
        decision: int
        par: UUID
        role: str

        def apply(self, aggregate: Any) -> None:
            aggregate.portee = DecisionDuConseil(self.seance_id, self.decision)

    class Soutenue(Aggregate.Event):
        TOPIC = "participation:PropositionBP.Soutenue"
        personne_id: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.soutiens.add(self.personne_id)

    class SoutienRetire(Aggregate.Event):
        TOPIC = "participation:PropositionBP.SoutienRetire"
        personne_id: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.soutiens.discard(self.personne_id)

    class Commentee(Aggregate.Event):
        TOPIC = "participation:PropositionBP.Commentee"
        numero: int
        auteur: UUID
        texte: str
        langue: str = LANGUE_PAR_DEFAUT  # absent from comments made before it was asked

        def apply(self, aggregate: Any) -> None:
            aggregate.commentaires.append(
                Commentaire(self.numero, self.auteur, self.texte, langue=self.langue)
            )

    class CommentaireMasque(Aggregate.Event):
        TOPIC = "participation:PropositionBP.CommentaireMasque"
        numero: int
        motif: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            i = self.numero - 1
            aggregate.commentaires[i] = replace(
                aggregate.commentaires[i], motif_masquage=self.motif
            )

    class DeclareeRecevable(Aggregate.Event):
        TOPIC = "participation:PropositionBP.DeclareeRecevable"
        par: UUID
        role: str

        def apply(self, aggregate: Any) -> None:
            _franchir(aggregate, self, S.RECEVABLE)

    class DeclareeIrrecevable(Aggregate.Event):
        TOPIC = "participation:PropositionBP.DeclareeIrrecevable"
        motif: str
        par: UUID
        role: str

        def apply(self, aggregate: Any) -> None:
            _franchir(aggregate, self, S.IRRECEVABLE)
            aggregate.motif = self.motif

    class Etudiee(Aggregate.Event):
        TOPIC = "participation:PropositionBP.Etudiee"
        cout_reestime: int
        par: UUID
        role: str

        def apply(self, aggregate: Any) -> None:
            _franchir(aggregate, self, S.ETUDIEE)
            aggregate.cout_reestime = self.cout_reestime

    class SoumiseAuVote(Aggregate.Event):
        TOPIC = "participation:PropositionBP.SoumiseAuVote"
        par: UUID
        role: str

        def apply(self, aggregate: Any) -> None:
            _franchir(aggregate, self, S.SOUMISE_AU_VOTE)

    class DeclareeLaureate(Aggregate.Event):
        TOPIC = "participation:PropositionBP.DeclareeLaureate"
        voix: int
        par: UUID
        role: str

        def apply(self, aggregate: Any) -> None:
            _franchir(aggregate, self, S.LAUREATE)
            aggregate.voix = self.voix

    class NonRetenue(Aggregate.Event):
        TOPIC = "participation:PropositionBP.NonRetenue"
        voix: int
        par: UUID
        role: str

        def apply(self, aggregate: Any) -> None:
            _franchir(aggregate, self, S.NON_RETENUE)
            aggregate.voix = self.voix

    class RealisationLancee(Aggregate.Event):
        TOPIC = "participation:PropositionBP.RealisationLancee"
        par: UUID
        role: str

        def apply(self, aggregate: Any) -> None:
            _franchir(aggregate, self, S.EN_REALISATION)

    class Realisee(Aggregate.Event):
        TOPIC = "participation:PropositionBP.Realisee"
        realisee_le: date
        par: UUID
        role: str

        def apply(self, aggregate: Any) -> None:
            _franchir(aggregate, self, S.REALISEE)
            aggregate.realisee_le = self.realisee_le

    class Abandonnee(Aggregate.Event):
        TOPIC = "participation:PropositionBP.Abandonnee"
        motif: str
        par: UUID
        role: str

        def apply(self, aggregate: Any) -> None:
            _franchir(aggregate, self, S.ABANDONNEE)
            aggregate.motif = self.motif

    class Fusionnee(Aggregate.Event):
        TOPIC = "participation:PropositionBP.Fusionnee"
        cible_id: UUID
        par: UUID
        role: str

        def apply(self, aggregate: Any) -> None:
            _franchir(aggregate, self, S.FUSIONNEE)
            aggregate.fusionnee_dans = self.cible_id

    def __init__(
        self,
        arrondissement: int,
        titre: str,
        description: str,
        quartier: str,
        adresse: str,
        theme: str,
        cout_estime: int,
        image: str,
        par: UUID,
        role: str,
        seance_id: UUID | None,
        decision: int | None,
        langue: str = LANGUE_PAR_DEFAUT,
    ) -> None:
        self.arrondissement = arrondissement
        self.langue = langue
        self.titre = titre
        self.description = description
        self.quartier = quartier
        self.adresse = adresse
        self.theme = ThemeBP(theme)
        self.cout_estime = cout_estime
        self.image = image
        self.auteur = par
        self.portee: DecisionDuConseil | None = None
        if seance_id is not None and decision is not None:
            self.portee = DecisionDuConseil(seance_id, decision)
        self.statut = S.DEPOSEE
        self.version_statut = 1
        """Aggregate version at the last status change: what a lifecycle form must match."""
        self.cout_reestime: int | None = None
        self.voix: int | None = None
        self.realisee_le: date | None = None
        self.motif = ""
        self.fusionnee_dans: UUID | None = None
        self.soutiens: set[UUID] = set()
        self.commentaires: list[Commentaire] = []

    @classmethod
    def deposer(
        cls,
        arrondissement: int,
        depot: Depot,
        enveloppe: int,
        par: UUID,
        le: datetime,
        proposition_id: UUID | None = None,
        *,
        au_nom_du_conseil: DecisionDuConseil | None = None,
    ) -> "PropositionBP":
        """Filed by a participant, or by an animateur for the council after an adopted decision.

        The neighbourhood is checked against the QPV of the arrondissement on the filing day.
        `proposition_id` is given when ids must be reproducible (demo data)."""
        verifier_arrondissement(arrondissement)
        quand = instant(le, _("date de dépôt"))
        valeurs = {
            "titre": au_champ("titre", lambda: texte(depot.titre, _("titre"), TITRE_MAX)),
            "description": au_champ(
                "description", lambda: texte(depot.description, _("description"), DESCRIPTION_MAX)
            ),
            "quartier": _quartier(arrondissement, depot.quartier, quand),
            "adresse": au_champ(
                "adresse",
                lambda: texte(depot.adresse, _("adresse ou lieu précis"), ADRESSE_MAX, False),
            ),
            "theme": theme_bp(depot.theme).value,
            "cout_estime": cout_en_euros(depot.cout_estime, enveloppe),
            "image": lien_image(depot.image),
            "langue": au_champ("langue", lambda: langue_du_texte(depot.langue)),
        }
        decision = au_nom_du_conseil
        proposition: PropositionBP = cls._create(
            cls.Deposee,
            id=proposition_id or uuid4(),
            arrondissement=arrondissement,
            par=par,
            role=(Role.ANIMATEUR if decision else Role.PARTICIPANT).value,
            seance_id=decision.seance_id if decision else None,
            decision=decision.numero if decision else None,
            timestamp=quand,
            **valeurs,
        )
        return proposition

    @property
    def cout(self) -> int:
        """The Ville's estimate once the proposal is studied, the author's before."""
        return self.cout_estime if self.cout_reestime is None else self.cout_reestime

    # --- supports, comments, the council's backing --------------------------------------------

    def soutenir(self, personne_id: UUID, le: datetime) -> None:
        """One support per person: supporting again changes nothing."""
        self._exiger_soutiens_ouverts()
        if personne_id in self.soutiens:
            return
        self.trigger_event(self.Soutenue, personne_id=personne_id, timestamp=le)

    def retirer_soutien(self, personne_id: UUID, le: datetime) -> None:
        self._exiger_soutiens_ouverts()
        if personne_id not in self.soutiens:
            return
        self.trigger_event(self.SoutienRetire, personne_id=personne_id, timestamp=le)

    def commenter(
        self, auteur: UUID, contenu: str, le: datetime, langue: str = LANGUE_PAR_DEFAUT
    ) -> int:
        if self.statut in FINAUX:
            raise EtatIncompatible(
                "Cette proposition est « %(statut)s » : les commentaires sont clos.",
                statut=self.statut.libelle.lower(),
            )
        propre = au_champ("commentaire", lambda: texte(contenu, _("commentaire"), COMMENTAIRE_MAX))
        etiquette = au_champ("langue", lambda: langue_du_texte(langue))
        numero = len(self.commentaires) + 1
        self.trigger_event(
            self.Commentee,
            numero=numero,
            auteur=auteur,
            texte=propre,
            langue=etiquette,
            timestamp=le,
        )
        return numero

    def masquer_commentaire(self, numero: int, motif: str, par: UUID, le: datetime) -> None:
        """Moderation hides a comment with a public reason; the log keeps it."""
        if not 1 <= numero <= len(self.commentaires):
            raise Introuvable("Ce commentaire n'existe pas.")
        if self.commentaires[numero - 1].masque:
            raise EtatIncompatible("Ce commentaire est déjà masqué.")
        raison = au_champ("motif", lambda: texte(motif, _("motif du masquage"), MOTIF_MAX))
        self.trigger_event(
            self.CommentaireMasque, numero=numero, motif=raison, par=par, timestamp=le
        )

    def porter(self, decision: DecisionDuConseil, par: UUID, le: datetime) -> None:
        """The council makes the proposal its own by a decision adopted in open assembly."""
        if self.statut in FINAUX:
            raise EtatIncompatible(
                "Cette proposition est « %(statut)s » : le conseil citoyen ne peut plus la porter.",
                statut=self.statut.libelle.lower(),
            )
        if self.portee is not None:
            raise EtatIncompatible("Cette proposition est déjà portée par le conseil citoyen.")
        self.trigger_event(
            self.PorteeParLeConseil,
            seance_id=decision.seance_id,
            decision=decision.numero,
            par=par,
            role=Role.ANIMATEUR.value,
            timestamp=le,
        )

    # --- the lifecycle, set by the Ville ------------------------------------------------------

    def faire_avancer(
        self, statut: S, par: UUID, le: datetime, enveloppe: int, **details: Any
    ) -> None:
        """Move the proposal to `statut`, if the lifecycle allows it (`TRANSITIONS`), with the
        details that step requires (`ETAPES`: a motif, the Ville's cost, the votes, the day of
        delivery, the proposal it is merged into), each checked into its event's field of the
        same name. `enveloppe` is the arrondissement's yearly envelope (bounds the cost)."""
        etape = ETAPES.get(statut)
        if etape is None:
            raise transition_refusee(self.statut, statut)
        if set(details) != set(etape.details):
            raise TypeError(f"{statut.value} takes the details {sorted(etape.details)}")
        self._exiger_passage(statut)
        valeurs = {
            nom: verifier(self, details[nom], le, enveloppe)
            for nom, verifier in etape.details.items()
        }
        self.trigger_event(
            etape.evenement, par=par, role=ROLE_DU_CYCLE.value, timestamp=le, **valeurs
        )

    def _exiger_passage(self, demande: S) -> None:
        if demande not in TRANSITIONS[self.statut]:
            raise transition_refusee(self.statut, demande)

    def _exiger_soutiens_ouverts(self) -> None:
        if self.statut not in SOUTIENS_OUVERTS:
            raise EtatIncompatible(
                "Cette proposition est « %(statut)s » : les soutiens sont clos.",
                statut=self.statut.libelle.lower(),
            )


def _quartier(arrondissement: int, quartier: str, le: datetime) -> str:
    code = quartier.strip()
    if not code:
        raise ChampInvalide(
            "quartier", "Choisissez le quartier du projet (ou « hors quartier prioritaire »)."
        )
    return au_champ("quartier", lambda: verifier_quartier(arrondissement, code, jour_a_paris(le)))


Verification = Callable[[PropositionBP, Any, datetime, int], Any]
"""Checks one detail of a lifecycle step: (the proposal, the value given, now, the envelope)
-> the value its event records."""


def _motif(libelle: str) -> Verification:
    """`libelle`: the field's name in messages, marked with `N_` and translated when checked."""
    return lambda p, motif, le, e: au_champ("motif", lambda: texte(motif, _(libelle), MOTIF_MAX))


def _cout_reestime(p: PropositionBP, cout: int, le: datetime, enveloppe: int) -> int:
    """The Ville's study ends with its own cost estimate (required)."""
    return cout_en_euros(cout, enveloppe)


def _voix(p: PropositionBP, voix: int, le: datetime, enveloppe: int) -> int:
    return nombre_de_voix(voix)


def _realisee_le(p: PropositionBP, jour: date, le: datetime, enveloppe: int) -> date:
    """Dated by the day the work was delivered: not in the future, not before the filing."""
    if jour > jour_a_paris(le):
        raise ChampInvalide("date", "La date de réalisation ne peut pas être dans le futur.")
    if jour < jour_a_paris(p.created_on):
        raise ChampInvalide(
            "date", "La date de réalisation ne peut pas précéder le dépôt de la proposition."
        )
    return jour


def _cible(p: PropositionBP, cible: PropositionBP, le: datetime, enveloppe: int) -> UUID:
    """Merged into a similar proposal of the same arrondissement; both keep their history (only
    the merged one records an event)."""
    if cible.id == p.id:
        raise ChampInvalide("cible", "Une proposition ne peut pas être fusionnée avec elle-même.")
    if cible.arrondissement != p.arrondissement:
        raise ChampInvalide(
            "cible",
            "Une proposition ne peut être fusionnée qu'avec une proposition du même "
            "arrondissement.",
        )
    if cible.statut == S.FUSIONNEE:
        raise ChampInvalide(
            "cible",
            "La proposition choisie a elle-même été fusionnée dans une autre : "
            "choisissez plutôt celle-ci.",
        )
    if cible.statut in FINAUX:
        raise ChampInvalide(
            "cible",
            "La proposition choisie est « %(statut)s » : elle ne peut plus en accueillir d'autres.",
            statut=cible.statut.libelle.lower(),
        )
    return cible.id


@dataclass(frozen=True)
class Etape:
    """One step of the lifecycle: the event that records it, and the details it requires
    (named as the event's fields; `cible_id` is given as the target `PropositionBP`)."""

    evenement: type[Aggregate.Event]
    details: Mapping[str, Verification] = field(default_factory=dict)


ETAPES: dict[S, Etape] = {
    S.RECEVABLE: Etape(PropositionBP.DeclareeRecevable),
    S.IRRECEVABLE: Etape(
        PropositionBP.DeclareeIrrecevable, {"motif": _motif(N_("motif d'irrecevabilité"))}
    ),
    S.ETUDIEE: Etape(PropositionBP.Etudiee, {"cout_reestime": _cout_reestime}),
    S.SOUMISE_AU_VOTE: Etape(PropositionBP.SoumiseAuVote),
    S.LAUREATE: Etape(PropositionBP.DeclareeLaureate, {"voix": _voix}),
    S.NON_RETENUE: Etape(PropositionBP.NonRetenue, {"voix": _voix}),
    S.EN_REALISATION: Etape(PropositionBP.RealisationLancee),
    S.REALISEE: Etape(PropositionBP.Realisee, {"realisee_le": _realisee_le}),
    S.ABANDONNEE: Etape(PropositionBP.Abandonnee, {"motif": _motif(N_("motif de l'abandon"))}),
    S.FUSIONNEE: Etape(PropositionBP.Fusionnee, {"cible_id": _cible}),
}
"""Each status the Ville may move a proposal to, and how (déposée is the filing itself)."""
assert set(ETAPES) == set(S) - {S.DEPOSEE}, "every status but the first has its step"
