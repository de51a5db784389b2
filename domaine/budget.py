"""Budget participatif proposals (rule 15): filing, supports, comments, the council's backing,
and the lifecycle the Ville sets, from déposée to réalisée.

Authors, supporters and agents appear in events by their pseudonymous account id only; comments
are user text, like séance minutes, and carry no name.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate

from domaine.erreurs import (
    ChampInvalide,
    EtatIncompatible,
    Introuvable,
    au_champ,
)
from domaine.quartiers import verifier_arrondissement, verifier_quartier
from domaine.seances import Seance
from domaine.temps import jour_a_paris
from domaine.textes import TITRE_MAX, instant, texte
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
"""Only the Ville moves a proposal along its lifecycle (the service checks the role)."""

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


def message_transition(actuel: S, demande: S) -> str:
    message = (
        f"Cette proposition est « {actuel.libelle.lower()} » : elle ne peut pas passer "
        f"au statut « {demande.libelle.lower()} »."
    )
    possibles = suivants(actuel)
    if not possibles:
        return message + " C'est un statut final."
    return message + " Statuts possibles : " + ", ".join(s.libelle.lower() for s in possibles) + "."


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
            f"Le coût ({euros(valeur)}) dépasse l'enveloppe annuelle du budget participatif "
            f"de l'arrondissement ({euros(enveloppe)}).",
        )
    return valeur


def lien_image(valeur: str) -> str:
    """An optional link to an illustration: a plain http(s) address, shown as a link."""
    propre = au_champ("image", lambda: texte(valeur, "lien vers une image", LIEN_MAX, False))
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
            "voix", f"Le nombre de voix est trop grand (maximum {VOIX_MAX:,}).".replace(",", " ")
        )
    return valeur


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
        raise ChampInvalide("decision", f"La séance n'a pas de décision n° {numero}.")
    if not decision.adoptee:
        raise ChampInvalide(
            "decision",
            f"La décision n° {numero} n'a pas été adoptée en assemblée ouverte : "
            "elle ne peut pas engager le conseil citoyen.",
        )
    return DecisionDuConseil(seance.id, numero)


@dataclass(frozen=True)
class Commentaire:
    numero: int
    auteur: UUID
    texte: str
    motif_masquage: str = ""

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

        def apply(self, aggregate: Any) -> None:
            aggregate.commentaires.append(Commentaire(self.numero, self.auteur, self.texte))

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
    ) -> None:
        self.arrondissement = arrondissement
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
        titre: str,
        description: str,
        quartier: str,
        adresse: str,
        theme: str,
        cout_estime: int,
        image: str,
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
        quand = instant(le, "date de dépôt")
        valeurs = {
            "titre": au_champ("titre", lambda: texte(titre, "titre", TITRE_MAX)),
            "description": au_champ(
                "description", lambda: texte(description, "description", DESCRIPTION_MAX)
            ),
            "quartier": _quartier(arrondissement, quartier, quand),
            "adresse": au_champ(
                "adresse", lambda: texte(adresse, "adresse ou lieu précis", ADRESSE_MAX, False)
            ),
            "theme": theme_bp(theme).value,
            "cout_estime": cout_en_euros(cout_estime, enveloppe),
            "image": lien_image(image),
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

    def commenter(self, auteur: UUID, contenu: str, le: datetime) -> int:
        if self.statut in FINAUX:
            raise EtatIncompatible(
                f"Cette proposition est « {self.statut.libelle.lower()} » : "
                "les commentaires sont clos."
            )
        propre = au_champ("commentaire", lambda: texte(contenu, "commentaire", COMMENTAIRE_MAX))
        numero = len(self.commentaires) + 1
        self.trigger_event(self.Commentee, numero=numero, auteur=auteur, texte=propre, timestamp=le)
        return numero

    def masquer_commentaire(self, numero: int, motif: str, par: UUID, le: datetime) -> None:
        """Moderation hides a comment with a public reason; the log keeps it."""
        if not 1 <= numero <= len(self.commentaires):
            raise Introuvable("Ce commentaire n'existe pas.")
        if self.commentaires[numero - 1].masque:
            raise EtatIncompatible("Ce commentaire est déjà masqué.")
        raison = au_champ("motif", lambda: texte(motif, "motif du masquage", MOTIF_MAX))
        self.trigger_event(
            self.CommentaireMasque, numero=numero, motif=raison, par=par, timestamp=le
        )

    def porter(self, decision: DecisionDuConseil, par: UUID, le: datetime) -> None:
        """The council makes the proposal its own by a decision adopted in open assembly."""
        if self.statut in FINAUX:
            raise EtatIncompatible(
                f"Cette proposition est « {self.statut.libelle.lower()} » : "
                "le conseil citoyen ne peut plus la porter."
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

    def declarer_recevable(self, par: UUID, le: datetime) -> None:
        self._franchir(S.RECEVABLE, self.DeclareeRecevable, par, le)

    def declarer_irrecevable(self, motif: str, par: UUID, le: datetime) -> None:
        self._exiger_passage(S.IRRECEVABLE)
        raison = au_champ("motif", lambda: texte(motif, "motif d'irrecevabilité", MOTIF_MAX))
        self._franchir(S.IRRECEVABLE, self.DeclareeIrrecevable, par, le, motif=raison)

    def etudier(self, cout_reestime: int, enveloppe: int, par: UUID, le: datetime) -> None:
        """The Ville's study ends with its own cost estimate (required)."""
        self._exiger_passage(S.ETUDIEE)
        cout = cout_en_euros(cout_reestime, enveloppe)
        self._franchir(S.ETUDIEE, self.Etudiee, par, le, cout_reestime=cout)

    def soumettre_au_vote(self, par: UUID, le: datetime) -> None:
        self._franchir(S.SOUMISE_AU_VOTE, self.SoumiseAuVote, par, le)

    def declarer_laureate(self, voix: int, par: UUID, le: datetime) -> None:
        self._exiger_passage(S.LAUREATE)
        self._franchir(S.LAUREATE, self.DeclareeLaureate, par, le, voix=nombre_de_voix(voix))

    def declarer_non_retenue(self, voix: int, par: UUID, le: datetime) -> None:
        self._exiger_passage(S.NON_RETENUE)
        self._franchir(S.NON_RETENUE, self.NonRetenue, par, le, voix=nombre_de_voix(voix))

    def lancer_realisation(self, par: UUID, le: datetime) -> None:
        self._franchir(S.EN_REALISATION, self.RealisationLancee, par, le)

    def declarer_realisee(self, realisee_le: date, par: UUID, le: datetime) -> None:
        """Dated by the day the work was delivered: not in the future, not before the filing."""
        self._exiger_passage(S.REALISEE)
        if realisee_le > jour_a_paris(le):
            raise ChampInvalide("date", "La date de réalisation ne peut pas être dans le futur.")
        if realisee_le < jour_a_paris(self.created_on):
            raise ChampInvalide(
                "date", "La date de réalisation ne peut pas précéder le dépôt de la proposition."
            )
        self._franchir(S.REALISEE, self.Realisee, par, le, realisee_le=realisee_le)

    def abandonner(self, motif: str, par: UUID, le: datetime) -> None:
        self._exiger_passage(S.ABANDONNEE)
        raison = au_champ("motif", lambda: texte(motif, "motif de l'abandon", MOTIF_MAX))
        self._franchir(S.ABANDONNEE, self.Abandonnee, par, le, motif=raison)

    def fusionner(self, cible: "PropositionBP", par: UUID, le: datetime) -> None:
        """Merged into a similar proposal of the same arrondissement; both keep their history."""
        self._exiger_passage(S.FUSIONNEE)
        if cible.id == self.id:
            raise ChampInvalide(
                "cible", "Une proposition ne peut pas être fusionnée avec elle-même."
            )
        if cible.arrondissement != self.arrondissement:
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
                f"La proposition choisie est « {cible.statut.libelle.lower()} » : "
                "elle ne peut plus en accueillir d'autres.",
            )
        self._franchir(S.FUSIONNEE, self.Fusionnee, par, le, cible_id=cible.id)

    def _franchir(
        self, statut: S, classe: type[Aggregate.Event], par: UUID, le: datetime, **details: Any
    ) -> None:
        self._exiger_passage(statut)
        self.trigger_event(classe, par=par, role=ROLE_DU_CYCLE.value, timestamp=le, **details)

    def _exiger_passage(self, demande: S) -> None:
        if demande not in TRANSITIONS[self.statut]:
            raise EtatIncompatible(message_transition(self.statut, demande))

    def _exiger_soutiens_ouverts(self) -> None:
        if self.statut not in SOUTIENS_OUVERTS:
            raise EtatIncompatible(
                f"Cette proposition est « {self.statut.libelle.lower()} » : les soutiens sont clos."
            )


def _quartier(arrondissement: int, quartier: str, le: datetime) -> str:
    code = quartier.strip()
    if not code:
        raise ChampInvalide(
            "quartier", "Choisissez le quartier du projet (ou « hors quartier prioritaire »)."
        )
    return au_champ("quartier", lambda: verifier_quartier(arrondissement, code, jour_a_paris(le)))
