"""Avis of a council: drafted in the open assembly, adopted by a decision, answered by the
institution it is addressed to within a deadline (rules 14 and 18).

Who may act is decided by the policy functions at the end of this module (`exiger_*`,
`peut_*`), from the `Acteur` and facts the service loads (the person's membership, the avis'
authors, council and addressee): the use cases call them first, and the pages show their forms
by the same predicates. The aggregate is told who acts (their id, and the role its events
record) and checks only the rules of its state.

The draft belongs to the person who wrote its first version (its *author*, `premier_auteur`):
only they and the council's animateurs may rewrite it or withdraw it. Co-signing is a light act
open to every member, so it grants no right over the text; a co-signer who no longer agrees
withdraws their co-signature while the avis is still a draft. Once the assembly adopted it, the
avis is the council's: only the animateurs transmit or withdraw it.

Errors of input name the field (`ChampInvalide`, see `domaine.erreurs.au_champ`) with the name
of the service's argument, which the forms use too (`texte` for the text of the avis).
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate

from domaine.assemblee import Adhesion
from domaine.comptes import Acteur, exiger_compte
from domaine.erreurs import (
    ActionInterdite,
    ChampInvalide,
    DonneeInvalide,
    EtatIncompatible,
    au_champ,
)
from domaine.quartiers import verifier_arrondissement
from domaine.seances import Decision
from domaine.temps import jour_a_paris
from domaine.textes import (
    LANGUE_PAR_DEFAUT,
    LONG_TEXTE_MAX,
    TEXTE_MAX,
    TITRE_MAX,
    jour_des_conseils,
    langue_du_texte,
    texte,
)
from domaine.traduction import N_, _
from domaine.vocabulaire import AxeContrat, Destinataire, OrigineAvis, Role, StatutAvis

JOURS_AVANT_RAPPEL = 7
LIENS_MAX = 10
LIEN_MAX = 500
INSTITUTION_MAX = 200
ECHEANCE_SAISINE_MAX_JOURS = 2 * 366


def ajouter_mois(jour: date, mois: int) -> date:
    """Same day `mois` months later, or that month's last day (31 January + 1 = end of February)."""
    total = jour.month - 1 + mois
    annee, mois_cible = jour.year + total // 12, total % 12 + 1
    return date(annee, mois_cible, min(jour.day, monthrange(annee, mois_cible)[1]))


@dataclass(frozen=True)
class Version:
    numero: int
    titre: str
    texte: str
    par: UUID
    le: datetime
    langue: str = LANGUE_PAR_DEFAUT
    """The language its title and text are written in."""


@dataclass(frozen=True)
class Vote:
    seance_id: UUID
    decision: int
    version: int
    adopte: bool
    le: datetime


@dataclass(frozen=True)
class Reponse:
    numero: int
    texte: str
    liens: tuple[str, ...]
    role: str
    le: datetime


@dataclass(frozen=True)
class Alerte:
    """A deadline reminder to send: `echeance` is "reponse" (the institution's) or "saisine"
    (the council's), `niveau` is "approche" (7 days left) or "depassee"."""

    echeance: str
    niveau: str
    jour: date


def echeance_courante(
    statut: StatutAvis, echeance_reponse: date | None, echeance_saisine: date | None
) -> tuple[str, date] | None:
    """The deadline that runs: the institution's answer ("reponse") once the avis is
    transmitted, the council's own ("saisine") for a saisine not yet answered by a transmitted
    avis; None when nothing is awaited."""
    if statut.attend_une_reponse and echeance_reponse is not None:
        return "reponse", echeance_reponse
    if statut.avant_transmission and echeance_saisine is not None:
        return "saisine", echeance_saisine
    return None


def limite_de_retard(aujourd_hui: date) -> date:
    """Deadlines before this day are passed: the deadline's own day (in Paris) is still in
    time. Queries compare their dates with it rather than restate the rule."""
    return aujourd_hui


def horizon_des_rappels(aujourd_hui: date) -> date:
    """Deadlines up to this day are near enough for a reminder ("approche")."""
    return aujourd_hui + timedelta(days=JOURS_AVANT_RAPPEL)


def en_retard(
    statut: StatutAvis,
    echeance_reponse: date | None,
    echeance_saisine: date | None,
    aujourd_hui: date,
) -> bool:
    """The deadline that runs (`echeance_courante`) is passed on `aujourd_hui`, a day in Paris."""
    courante = echeance_courante(statut, echeance_reponse, echeance_saisine)
    return courante is not None and courante[1] < limite_de_retard(aujourd_hui)


def jours_d_attente(
    statut: StatutAvis, transmis_le: datetime | None, aujourd_hui: date
) -> int | None:
    """Days since transmission while the institution has not answered."""
    if not statut.attend_une_reponse or transmis_le is None:
        return None
    return (aujourd_hui - jour_a_paris(transmis_le)).days


class Avis(Aggregate):
    """An opinion of one council, from its saisine or first draft to its closing."""

    TOPIC = "participation:Avis"

    class Created(Aggregate.Created):
        """Base of this aggregate's creation event (the library requires it to be named)."""

        TOPIC = "participation:Avis.Created"

    class Saisi(Created):
        """An institution asks the council for an avis (saisine), by a deadline."""

        TOPIC = "participation:Avis.Saisi"
        arrondissement: int
        titre: str
        question: str
        demandee_le: date
        echeance_saisine: date
        destinataire: str
        institution: str
        sujet: str
        axe: str
        par: UUID

    class Redige(Created):
        """A member of the open assembly drafts an avis on the council's own initiative."""

        TOPIC = "participation:Avis.Redige"
        arrondissement: int
        origine: str
        titre: str
        destinataire: str
        institution: str
        sujet: str
        axe: str
        par: UUID

    class Amende(Aggregate.Event):
        """A new version of the draft (the first one, for a saisine); earlier ones are kept."""

        TOPIC = "participation:Avis.Amende"
        numero: int
        titre: str
        texte: str
        par: UUID
        langue: str = LANGUE_PAR_DEFAUT  # absent from versions written before it was asked

        def apply(self, aggregate: Any) -> None:
            aggregate.versions.append(
                Version(self.numero, self.titre, self.texte, self.par, self.timestamp, self.langue)
            )
            aggregate.titre = self.titre
            if aggregate.statut == StatutAvis.SAISINE_RECUE:
                aggregate.statut = StatutAvis.BROUILLON
            if self.numero == 1 and self.par not in aggregate.auteurs:
                aggregate.auteurs.append(self.par)

    class CoAuteurAjoute(Aggregate.Event):
        """A member co-signs the draft."""

        TOPIC = "participation:Avis.CoAuteurAjoute"
        personne_id: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.auteurs.append(self.personne_id)

    class CosignatureRetiree(Aggregate.Event):
        """A co-signer takes back their co-signature while the avis is a draft."""

        TOPIC = "participation:Avis.CosignatureRetiree"
        personne_id: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.auteurs.remove(self.personne_id)

    class SoumisAuVote(Aggregate.Event):
        """The open assembly voted on a version: adopted, or rejected and open to rework."""

        TOPIC = "participation:Avis.SoumisAuVote"
        seance_id: UUID
        decision: int
        version: int
        adopte: bool
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.votes.append(
                Vote(self.seance_id, self.decision, self.version, self.adopte, self.timestamp)
            )
            if self.adopte:
                aggregate.statut = StatutAvis.ADOPTE

    class Transmis(Aggregate.Event):
        TOPIC = "participation:Avis.Transmis"
        echeance_reponse: date
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.statut = StatutAvis.TRANSMIS
            aggregate.transmis_le = self.timestamp
            aggregate.echeance_reponse = self.echeance_reponse

    class ReceptionAccusee(Aggregate.Event):
        TOPIC = "participation:Avis.ReceptionAccusee"
        role: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.statut = StatutAvis.RECEPTION_ACCUSEE

    class Repondu(Aggregate.Event):
        TOPIC = "participation:Avis.Repondu"
        numero: int
        texte: str
        liens: list[str]
        role: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.reponses.append(
                Reponse(self.numero, self.texte, tuple(self.liens), self.role, self.timestamp)
            )
            if aggregate.statut.attend_une_reponse:
                aggregate.statut = StatutAvis.REPONDU
            if aggregate.repondu_le is None:
                aggregate.repondu_le = self.timestamp

    class PartenairesInformes(Aggregate.Event):
        """The préfet informed the contract's partners of the interpellation (rule 18)."""

        TOPIC = "participation:Avis.PartenairesInformes"
        texte: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.statut = StatutAvis.PARTENAIRES_INFORMES
            aggregate.suivi.append((self.timestamp, StatutAvis.PARTENAIRES_INFORMES, self.texte))
            if aggregate.repondu_le is None:
                aggregate.repondu_le = self.timestamp

    class DiagnosticPresente(Aggregate.Event):
        """The préfet brought a diagnosis to the steering committee (rule 18)."""

        TOPIC = "participation:Avis.DiagnosticPresente"
        comite_le: date
        texte: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.statut = StatutAvis.DIAGNOSTIC_PRESENTE
            aggregate.suivi.append((self.timestamp, StatutAvis.DIAGNOSTIC_PRESENTE, self.texte))

    class Clos(Aggregate.Event):
        TOPIC = "participation:Avis.Clos"
        motif: str
        role: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.statut = StatutAvis.CLOS

    class Retire(Aggregate.Event):
        TOPIC = "participation:Avis.Retire"
        motif: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.statut = StatutAvis.RETIRE

    class EcheanceSignalee(Aggregate.Event):
        """A reminder went out (7 days before a deadline, or once it passed); once each."""

        TOPIC = "participation:Avis.EcheanceSignalee"
        echeance: str
        niveau: str
        jour: date

        def apply(self, aggregate: Any) -> None:
            aggregate.alertes.add((self.echeance, self.niveau))

    def __init__(
        self,
        arrondissement: int,
        titre: str,
        destinataire: str,
        institution: str,
        sujet: str,
        axe: str,
        par: UUID,
        origine: str = OrigineAvis.SAISINE.value,
        question: str = "",
        demandee_le: date | None = None,
        echeance_saisine: date | None = None,
    ) -> None:
        self.arrondissement = arrondissement
        self.titre = titre
        self.destinataire = Destinataire(destinataire)
        self.institution = institution
        self.sujet = sujet
        self.axe = AxeContrat(axe) if axe else None
        self.origine = OrigineAvis(origine)
        self.question = question
        self.demandee_le = demandee_le
        self.echeance_saisine = echeance_saisine
        self.statut = StatutAvis.SAISINE_RECUE
        self.auteurs: list[UUID] = []
        self.versions: list[Version] = []
        self.votes: list[Vote] = []
        self.reponses: list[Reponse] = []
        self.suivi: list[tuple[datetime, StatutAvis, str]] = []
        self.alertes: set[tuple[str, str]] = set()
        self.transmis_le: datetime | None = None
        self.echeance_reponse: date | None = None
        self.repondu_le: datetime | None = None
        if self.origine != OrigineAvis.SAISINE:
            self.statut = StatutAvis.BROUILLON
            self.auteurs.append(par)

    # --- creation -------------------------------------------------------------------------

    @classmethod
    def saisir(
        cls,
        par: UUID,
        destinataire: Destinataire,
        arrondissement: int,
        titre: str,
        question: str,
        demandee_le: date,
        echeance: date,
        sujet: str,
        axe: str,
        le: datetime,
        avis_id: UUID | None = None,
    ) -> "Avis":
        """An agent asks the council for an avis; the answer goes back to the agent's side
        (`destinataire`, see `exiger_agent_saisissant`)."""
        verifier_arrondissement(arrondissement)
        titre_propre = au_champ("titre", lambda: texte(titre, _("titre"), TITRE_MAX))
        question_propre = au_champ(
            "question", lambda: texte(question, _("question posée"), TEXTE_MAX)
        )
        sujet_propre = au_champ("sujet", lambda: _sujet(sujet))
        axe_propre = au_champ("axe", lambda: _axe(axe))
        aujourd_hui = jour_a_paris(le)
        if demandee_le > aujourd_hui:
            raise ChampInvalide(
                "demandee_le", "La date de la saisine ne peut pas être dans le futur."
            )
        au_champ("demandee_le", lambda: jour_des_conseils(demandee_le, _("date de la saisine")))
        if echeance <= aujourd_hui:
            raise ChampInvalide(
                "echeance",
                "L'échéance de la saisine doit être postérieure à aujourd'hui (%(aujourd_hui)s).",
                aujourd_hui=aujourd_hui.strftime("%d/%m/%Y"),
            )
        if echeance > aujourd_hui + timedelta(days=ECHEANCE_SAISINE_MAX_JOURS):
            raise ChampInvalide(
                "echeance", "L'échéance de la saisine ne peut pas dépasser deux ans."
            )
        avis: Avis = cls._create(
            cls.Saisi,
            id=avis_id or uuid4(),
            arrondissement=arrondissement,
            titre=titre_propre,
            question=question_propre,
            demandee_le=demandee_le,
            echeance_saisine=echeance,
            destinataire=destinataire.value,
            institution="",
            sujet=sujet_propre,
            axe=axe_propre,
            par=par,
            timestamp=le,
        )
        return avis

    @classmethod
    def rediger(
        cls,
        par: UUID,
        arrondissement: int,
        origine: str,
        titre: str,
        contenu: str,
        destinataire: str,
        institution: str,
        sujet: str,
        axe: str,
        le: datetime,
        avis_id: UUID | None = None,
        langue: str = LANGUE_PAR_DEFAUT,
    ) -> "Avis":
        """A member of the open assembly (`exiger_membre`) drafts an avis (auto-saisine) or an
        interpellation of the préfet, which is always addressed to the État."""
        verifier_arrondissement(arrondissement)
        try:
            genre = OrigineAvis(origine)
        except ValueError:
            raise ChampInvalide(
                "origine", "Origine d'avis inconnue : « %(origine)s ».", origine=origine
            ) from None
        if genre == OrigineAvis.SAISINE:
            raise ChampInvalide(
                "origine",
                "Une saisine est enregistrée par l'institution qui la demande, pas par le conseil.",
            )
        if genre == OrigineAvis.INTERPELLATION:
            destinataire = Destinataire.ETAT.value
        titre_propre = au_champ("titre", lambda: texte(titre, _("titre"), TITRE_MAX))
        sujet_propre = au_champ("sujet", lambda: _sujet(sujet))
        axe_propre = au_champ("axe", lambda: _axe(axe))
        cible, nom = _destinataire(destinataire, institution)
        texte_propre = au_champ(
            "texte", lambda: texte(contenu, _("texte de l'avis"), LONG_TEXTE_MAX)
        )
        etiquette = au_champ("langue", lambda: langue_du_texte(langue))
        avis: Avis = cls._create(
            cls.Redige,
            id=avis_id or uuid4(),
            arrondissement=arrondissement,
            origine=genre.value,
            titre=titre_propre,
            destinataire=cible.value,
            institution=nom,
            sujet=sujet_propre,
            axe=axe_propre,
            par=par,
            timestamp=le,
        )
        avis.trigger_event(
            cls.Amende,
            numero=1,
            titre=titre_propre,
            texte=texte_propre,
            par=par,
            langue=etiquette,
            timestamp=le,
        )
        return avis

    # --- reading ---------------------------------------------------------------------------

    @property
    def premier_auteur(self) -> UUID | None:
        """Who wrote the first version: the draft is theirs (None for a saisine not yet
        drafted). Co-signers come after and can never be first (the author cannot withdraw
        their signature)."""
        return self.auteurs[0] if self.auteurs else None

    @property
    def cosignataires(self) -> list[UUID]:
        return self.auteurs[1:]

    @property
    def version_courante(self) -> Version | None:
        return self.versions[-1] if self.versions else None

    def jours_d_attente(self, aujourd_hui: date) -> int | None:
        return jours_d_attente(self.statut, self.transmis_le, aujourd_hui)

    def en_retard(self, aujourd_hui: date) -> bool:
        return en_retard(self.statut, self.echeance_reponse, self.echeance_saisine, aujourd_hui)

    # --- drafting and adoption -------------------------------------------------------------

    def amender(
        self,
        par: UUID,
        titre: str,
        contenu: str,
        le: datetime,
        langue: str = LANGUE_PAR_DEFAUT,
    ) -> int:
        """A new version, until the vote adopts it (by the draft's author or an animateur:
        `exiger_peut_reecrire`)."""
        self._exiger_statut(
            (StatutAvis.SAISINE_RECUE, StatutAvis.BROUILLON), N_("de modifier le projet d'avis")
        )
        nouveau_titre = au_champ("titre", lambda: texte(titre, _("titre"), TITRE_MAX))
        nouveau_texte = au_champ(
            "texte", lambda: texte(contenu, _("texte de l'avis"), LONG_TEXTE_MAX)
        )
        etiquette = au_champ("langue", lambda: langue_du_texte(langue))
        courante = self.version_courante
        if courante and (courante.titre, courante.texte, courante.langue) == (
            nouveau_titre,
            nouveau_texte,
            etiquette,
        ):
            return courante.numero
        numero = len(self.versions) + 1
        self.trigger_event(
            self.Amende,
            numero=numero,
            titre=nouveau_titre,
            texte=nouveau_texte,
            par=par,
            langue=etiquette,
            timestamp=le,
        )
        return numero

    def rediger_reponse_a_la_saisine(
        self,
        par: UUID,
        titre: str,
        contenu: str,
        le: datetime,
        langue: str = LANGUE_PAR_DEFAUT,
    ) -> int:
        """The first draft answering a saisine (by a member of the assembly or an animateur:
        `exiger_membre_ou_animateur`)."""
        self._exiger_statut((StatutAvis.SAISINE_RECUE,), N_("de rédiger le premier projet"))
        return self.amender(par, titre, contenu, le, langue)

    def cosigner(self, par: UUID, le: datetime) -> None:
        """A member of the assembly joins the authors; signing twice changes nothing."""
        self._exiger_statut((StatutAvis.BROUILLON,), N_("de cosigner le projet"))
        if par in self.auteurs:
            return
        self.trigger_event(self.CoAuteurAjoute, personne_id=par, timestamp=le)

    def retirer_cosignature(self, par: UUID, le: datetime) -> None:
        """A co-signer (`exiger_cosignataire`) takes their name off the draft, until the
        assembly adopts it (then the signatures are those of the text it voted)."""
        if par not in self.cosignataires:
            raise EtatIncompatible("Cette personne ne cosigne pas ce projet d'avis.")
        self._exiger_statut((StatutAvis.BROUILLON,), N_("de retirer votre cosignature"))
        self.trigger_event(self.CosignatureRetiree, personne_id=par, timestamp=le)

    def soumettre_au_vote(
        self,
        par: UUID,
        seance_id: UUID,
        seance_arrondissement: int,
        decision: Decision | None,
        le: datetime,
    ) -> bool:
        """Record the open assembly's vote on the current version (rule 2): adopted, or rejected
        and left in draft to be reworked. Returns whether it was adopted."""
        self._exiger_statut((StatutAvis.BROUILLON,), N_("de faire voter le projet"))
        if seance_arrondissement != self.arrondissement:
            raise ChampInvalide(
                "decision", "Cette séance n'est pas une séance de ce conseil citoyen."
            )
        if decision is None:
            raise ChampInvalide("decision", "Cette séance n'a pas de décision portant ce numéro.")
        if any(v.seance_id == seance_id and v.decision == decision.numero for v in self.votes):
            raise ChampInvalide("decision", "Ce vote est déjà enregistré pour cet avis.")
        courante = self.version_courante
        assert courante is not None
        self.trigger_event(
            self.SoumisAuVote,
            seance_id=seance_id,
            decision=decision.numero,
            version=courante.numero,
            adopte=decision.adoptee,
            par=par,
            timestamp=le,
        )
        return decision.adoptee

    def retirer(self, par: UUID, motif: str, le: datetime) -> None:
        """Withdraw the avis before its transmission (who may: `exiger_peut_retirer`)."""
        if not self.statut.avant_transmission:
            raise EtatIncompatible(
                "Un avis ne peut être retiré qu'avant sa transmission (statut : %(statut)s).",
                statut=self.statut.libelle.lower(),
            )
        self.trigger_event(
            self.Retire,
            motif=au_champ("motif", lambda: texte(motif, _("motif"), TEXTE_MAX)),
            par=par,
            timestamp=le,
        )

    def transmettre(self, par: UUID, delai_mois: int, le: datetime) -> date:
        """Send the adopted avis; the addressee must answer within the council's delay."""
        self._exiger_statut((StatutAvis.ADOPTE,), N_("de transmettre l'avis"))
        echeance = ajouter_mois(jour_a_paris(le), delai_mois)
        self.trigger_event(self.Transmis, echeance_reponse=echeance, par=par, timestamp=le)
        return echeance

    # --- the addressee's side (`exiger_repondant`) -----------------------------------------

    def accuser_reception(self, par: UUID, role: Role, le: datetime) -> None:
        self._exiger_statut((StatutAvis.TRANSMIS,), N_("d'accuser réception"))
        self.trigger_event(self.ReceptionAccusee, role=role.value, par=par, timestamp=le)

    def repondre(self, par: UUID, role: Role, contenu: str, liens: list[str], le: datetime) -> int:
        """Record the addressee's answer; a later answer adds a version, earlier ones stay."""
        self._exiger_statut(
            (
                StatutAvis.TRANSMIS,
                StatutAvis.RECEPTION_ACCUSEE,
                StatutAvis.REPONDU,
                StatutAvis.PARTENAIRES_INFORMES,
                StatutAvis.DIAGNOSTIC_PRESENTE,
            ),
            N_("de répondre"),
        )
        numero = len(self.reponses) + 1
        self.trigger_event(
            self.Repondu,
            numero=numero,
            texte=au_champ(
                "texte", lambda: texte(contenu, _("texte de la réponse"), LONG_TEXTE_MAX)
            ),
            liens=au_champ("liens", lambda: _liens(liens)),
            role=role.value,
            par=par,
            timestamp=le,
        )
        return numero

    def informer_partenaires(self, par: UUID, contenu: str, le: datetime) -> None:
        """By an agent of the État (`exiger_agent_etat`)."""
        self._exiger_interpellation()
        self._exiger_statut(
            (StatutAvis.TRANSMIS, StatutAvis.RECEPTION_ACCUSEE, StatutAvis.REPONDU),
            N_("d'enregistrer l'information des partenaires"),
        )
        self.trigger_event(
            self.PartenairesInformes,
            texte=au_champ("texte", lambda: texte(contenu, _("partenaires informés"), TEXTE_MAX)),
            par=par,
            timestamp=le,
        )

    def presenter_diagnostic(self, par: UUID, comite_le: date, contenu: str, le: datetime) -> None:
        """By an agent of the État (`exiger_agent_etat`)."""
        self._exiger_interpellation()
        self._exiger_statut(
            (StatutAvis.PARTENAIRES_INFORMES,), N_("d'enregistrer la présentation du diagnostic")
        )
        if comite_le > jour_a_paris(le):
            raise ChampInvalide(
                "comite_le", "La date du comité de pilotage ne peut pas être dans le futur."
            )
        if self.transmis_le is not None and comite_le < jour_a_paris(self.transmis_le):
            raise ChampInvalide(
                "comite_le",
                "La date du comité de pilotage ne peut pas précéder la transmission de "
                "l'interpellation.",
            )
        self.trigger_event(
            self.DiagnosticPresente,
            comite_le=comite_le,
            texte=au_champ("texte", lambda: texte(contenu, _("diagnostic"), TEXTE_MAX)),
            par=par,
            timestamp=le,
        )

    def clore(self, par: UUID, role: Role, motif: str, le: datetime) -> None:
        """Close an answered avis: by the council's animation or by the addressee's agents
        (`exiger_peut_clore`, which gives the role recorded)."""
        finals = (
            StatutAvis.REPONDU,
            StatutAvis.PARTENAIRES_INFORMES,
            StatutAvis.DIAGNOSTIC_PRESENTE,
        )
        self._exiger_statut(finals, N_("de clore l'avis"))
        self.trigger_event(
            self.Clos,
            motif=au_champ("motif", lambda: texte(motif, _("motif"), TEXTE_MAX, obligatoire=False)),
            role=role.value,
            par=par,
            timestamp=le,
        )

    # --- reminders -------------------------------------------------------------------------

    def alerte_due(self, maintenant: datetime) -> Alerte | None:
        """The reminder due now, if any: the most urgent one not yet sent."""
        aujourd_hui = jour_a_paris(maintenant)
        courante = echeance_courante(self.statut, self.echeance_reponse, self.echeance_saisine)
        if courante is None:
            return None
        cle, echeance = courante
        if echeance < limite_de_retard(aujourd_hui):
            niveau = "depassee"
        elif echeance <= horizon_des_rappels(aujourd_hui):
            niveau = "approche"
        else:
            return None
        if (cle, niveau) in self.alertes:
            return None
        return Alerte(cle, niveau, echeance)

    def signaler_echeance(self, maintenant: datetime) -> Alerte | None:
        """Record the reminder due now (the scheduler then notifies); None if nothing is due."""
        alerte = self.alerte_due(maintenant)
        if alerte is not None:
            self.trigger_event(
                self.EcheanceSignalee,
                echeance=alerte.echeance,
                niveau=alerte.niveau,
                jour=alerte.jour,
                timestamp=maintenant,
            )
        return alerte

    # --- guards ----------------------------------------------------------------------------

    def _exiger_statut(self, permis: tuple[StatutAvis, ...], action: str) -> None:
        """`action`: what is refused, with its preposition ("d'accuser réception"), marked with
        `N_` and translated here."""
        if self.statut not in permis:
            raise EtatIncompatible(
                "Impossible %(action)s : l'avis est au statut « %(statut)s ».",
                action=_(action),
                statut=self.statut.libelle,
            )

    def _exiger_interpellation(self) -> None:
        if self.origine != OrigineAvis.INTERPELLATION:
            raise EtatIncompatible("Cette étape ne concerne que les interpellations du préfet.")


# --- who may act: the use cases call these first; the pages show their forms by them --------


def exiger_agent_saisissant(agent: Acteur | None) -> tuple[Acteur, Destinataire]:
    """An agent asks the council for an avis; the answer goes back to the agent's side."""
    qui = exiger_compte(agent)
    if qui.a_le_role(Role.AGENT_VILLE):
        return qui, Destinataire.VILLE
    if qui.a_le_role(Role.AGENT_ETAT):
        return qui, Destinataire.ETAT
    raise ActionInterdite(
        "Seuls les agents de la Ville ou de l'État peuvent saisir un conseil citoyen."
    )


def exiger_membre(acteur: Acteur | None, adhesion: Adhesion | None, arrondissement: int) -> Acteur:
    """Drafting an avis and co-signing one belong to the members of the council's assembly
    (`adhesion`: the person's membership of that council, None if they never joined)."""
    qui = exiger_compte(acteur)
    if adhesion is None or adhesion.arrondissement != arrondissement or not adhesion.membre:
        raise ActionInterdite(
            "Rejoignez l'assemblée du conseil citoyen du %(arrondissement)se arrondissement "
            "pour rédiger ou cosigner un avis.",
            arrondissement=arrondissement,
        )
    return qui


def exiger_membre_ou_animateur(
    acteur: Acteur | None, adhesion: Adhesion | None, arrondissement: int
) -> Acteur:
    """The first draft answering a saisine: a member of the assembly, or its animation."""
    qui = exiger_compte(acteur)
    if qui.a_le_role(Role.ANIMATEUR, arrondissement):
        return qui
    return exiger_membre(qui, adhesion, arrondissement)


def peut_reecrire(acteur: Acteur | None, arrondissement: int, premier_auteur: UUID | None) -> bool:
    """The draft belongs to who wrote it and to the council's animateurs: co-signers support
    it without rewriting it."""
    return acteur is not None and (
        acteur.compte_id == premier_auteur or acteur.a_le_role(Role.ANIMATEUR, arrondissement)
    )


def exiger_peut_reecrire(
    acteur: Acteur | None, arrondissement: int, premier_auteur: UUID | None
) -> Acteur:
    qui = exiger_compte(acteur)
    if not peut_reecrire(qui, arrondissement, premier_auteur):
        raise ActionInterdite(
            "Seules la personne qui a rédigé ce projet d'avis et l'animation du conseil "
            "peuvent le modifier ; les cosignataires le soutiennent sans le réécrire."
        )
    return qui


def exiger_peut_cosigner(
    acteur: Acteur | None, adhesion: Adhesion | None, arrondissement: int, auteurs: list[UUID]
) -> Acteur:
    """A member of the assembly co-signs; who already signed may sign again (nothing changes)."""
    qui = exiger_compte(acteur)
    if qui.compte_id in auteurs:
        return qui
    return exiger_membre(qui, adhesion, arrondissement)


def exiger_cosignataire(acteur: Acteur | None, auteurs: list[UUID]) -> Acteur:
    """A co-signer withdraws their own co-signature. Whoever left the assembly since may still
    do it: it is their name. The author cannot: they withdraw the avis instead."""
    qui = exiger_compte(acteur)
    if auteurs and qui.compte_id == auteurs[0]:
        raise ActionInterdite(
            "Vous avez rédigé ce projet d'avis : votre signature ne peut pas être retirée. "
            "Vous pouvez retirer le projet lui-même."
        )
    if qui.compte_id not in auteurs:
        raise ActionInterdite("Vous ne cosignez pas ce projet d'avis.")
    return qui


def peut_retirer(
    acteur: Acteur | None, arrondissement: int, premier_auteur: UUID | None, statut: StatutAvis
) -> bool:
    """The draft, by its author or the animateurs; once adopted (it is then the council's),
    by the animateurs only."""
    if acteur is None:
        return False
    if acteur.a_le_role(Role.ANIMATEUR, arrondissement):
        return True
    return statut != StatutAvis.ADOPTE and acteur.compte_id == premier_auteur


def exiger_peut_retirer(
    acteur: Acteur | None, arrondissement: int, premier_auteur: UUID | None, statut: StatutAvis
) -> Acteur:
    qui = exiger_compte(acteur)
    if peut_retirer(qui, arrondissement, premier_auteur, statut):
        return qui
    if statut == StatutAvis.ADOPTE:
        raise ActionInterdite(
            "Cet avis est adopté par l'assemblée : seule l'animation du conseil peut le "
            "retirer avant sa transmission."
        )
    raise ActionInterdite(
        "Seules la personne qui a rédigé ce projet d'avis et l'animation du conseil "
        "peuvent le retirer ; une ou un cosignataire peut retirer sa cosignature."
    )


def role_repondant(acteur: Acteur | None, destinataire: Destinataire) -> Role | None:
    """The role in which this account records the addressee's side, if it may."""
    if acteur is None:
        return None
    return next((r for r in destinataire.roles_repondants if acteur.a_le_role(r)), None)


def exiger_repondant(acteur: Acteur | None, destinataire: Destinataire) -> tuple[Acteur, Role]:
    """The addressee's agents acknowledge, answer and close (the role is recorded)."""
    qui = exiger_compte(acteur)
    role = role_repondant(qui, destinataire)
    if role is None:
        # Translators: between two roles ("agent de la Ville ou administrateur").
        noms = _(" ou ").join(r.libelle.lower() for r in destinataire.roles_repondants)
        raise ActionInterdite(
            "Seuls les agents du destinataire (%(destinataire)s : %(roles)s) peuvent "
            "effectuer cette action.",
            destinataire=destinataire.libelle,
            roles=noms,
        )
    return qui, role


def exiger_peut_clore(
    acteur: Acteur | None, arrondissement: int, destinataire: Destinataire
) -> tuple[Acteur, Role]:
    """The council's animation, or the addressee's agents, close an answered avis."""
    qui = exiger_compte(acteur)
    if qui.a_le_role(Role.ANIMATEUR, arrondissement):
        return qui, Role.ANIMATEUR
    return exiger_repondant(qui, destinataire)


def exiger_agent_etat(qui: Acteur | None) -> Acteur:
    """The préfet's follow-up of an interpellation is recorded by agents of the État."""
    acteur = exiger_compte(qui)
    if not acteur.a_le_role(Role.AGENT_ETAT):
        raise ActionInterdite("Seuls les agents de l'État suivent une interpellation.")
    return acteur


def _sujet(valeur: str) -> str:
    return texte(valeur, _("sujet"), TITRE_MAX, obligatoire=False)


def _axe(valeur: str) -> str:
    if not valeur:
        return ""
    try:
        return AxeContrat(valeur).value
    except ValueError:
        raise DonneeInvalide("Axe du contrat de ville inconnu : « %(axe)s ».", axe=valeur) from None


def _destinataire(valeur: str, institution: str) -> tuple[Destinataire, str]:
    if not valeur:
        raise ChampInvalide("destinataire", "Choisissez le destinataire de l'avis.")
    try:
        cible = Destinataire(valeur)
    except ValueError:
        raise ChampInvalide(
            "destinataire", "Destinataire inconnu : « %(destinataire)s ».", destinataire=valeur
        ) from None
    nom = au_champ(
        "institution", lambda: texte(institution, _("institution"), INSTITUTION_MAX, False)
    )
    if cible in (Destinataire.BAILLEUR_SOCIAL, Destinataire.AUTRE) and not nom:
        raise ChampInvalide(
            "institution",
            "Précisez le nom de l'institution (%(destinataire)s).",
            destinataire=cible.libelle.lower(),
        )
    return cible, nom


def _liens(liens: list[str]) -> list[str]:
    """Attachments are links (the platform stores no files): http(s) only, a few at most."""
    propres = [lien.strip() for lien in liens if lien.strip()]
    if len(propres) > LIENS_MAX:
        raise DonneeInvalide("Au plus %(maximum)s pièces jointes par réponse.", maximum=LIENS_MAX)
    for lien in propres:
        if len(lien) > LIEN_MAX or not lien.startswith(("https://", "http://")) or " " in lien:
            raise DonneeInvalide(
                "Pièce jointe invalide : « %(lien)s » (adresse http(s) attendue).", lien=lien[:80]
            )
    return propres
