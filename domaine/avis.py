"""Avis of a council: drafted in the open assembly, adopted by a decision, answered by the
institution it is addressed to within a deadline (rules 14 and 18).

Who may do what is decided here from the `Acteur` and the facts the service loads (the
author's membership, the séance's decision), so that the rules read in one place.

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
from domaine.textes import LONG_TEXTE_MAX, TEXTE_MAX, TITRE_MAX, jour_des_conseils, texte
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

        def apply(self, aggregate: Any) -> None:
            aggregate.versions.append(
                Version(self.numero, self.titre, self.texte, self.par, self.timestamp)
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
        agent: Acteur | None,
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
        """An agent asks the council for an avis; the answer goes back to the agent's side."""
        qui = exiger_compte(agent)
        if qui.a_le_role(Role.AGENT_VILLE):
            destinataire = Destinataire.VILLE
        elif qui.a_le_role(Role.AGENT_ETAT):
            destinataire = Destinataire.ETAT
        else:
            raise ActionInterdite(
                "Seuls les agents de la Ville ou de l'État peuvent saisir un conseil citoyen."
            )
        verifier_arrondissement(arrondissement)
        titre_propre = au_champ("titre", lambda: texte(titre, "titre", TITRE_MAX))
        question_propre = au_champ("question", lambda: texte(question, "question posée", TEXTE_MAX))
        sujet_propre = au_champ("sujet", lambda: _sujet(sujet))
        axe_propre = au_champ("axe", lambda: _axe(axe))
        aujourd_hui = jour_a_paris(le)
        if demandee_le > aujourd_hui:
            raise ChampInvalide(
                "demandee_le", "La date de la saisine ne peut pas être dans le futur."
            )
        au_champ("demandee_le", lambda: jour_des_conseils(demandee_le, "date de la saisine"))
        if echeance <= aujourd_hui:
            raise ChampInvalide(
                "echeance",
                "L'échéance de la saisine doit être postérieure à aujourd'hui "
                f"({aujourd_hui.strftime('%d/%m/%Y')}).",
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
            par=qui.compte_id,
            timestamp=le,
        )
        return avis

    @classmethod
    def rediger(
        cls,
        auteur: Acteur | None,
        adhesion: Adhesion | None,
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
    ) -> "Avis":
        """Any member of the open assembly drafts an avis (auto-saisine) or an interpellation
        of the préfet, which is always addressed to the État."""
        qui = exiger_compte(auteur)
        verifier_arrondissement(arrondissement)
        _exiger_membre(adhesion, arrondissement, le)
        try:
            genre = OrigineAvis(origine)
        except ValueError:
            raise ChampInvalide("origine", f"Origine d'avis inconnue : « {origine} ».") from None
        if genre == OrigineAvis.SAISINE:
            raise ChampInvalide(
                "origine",
                "Une saisine est enregistrée par l'institution qui la demande, pas par le conseil.",
            )
        if genre == OrigineAvis.INTERPELLATION:
            destinataire = Destinataire.ETAT.value
        titre_propre = au_champ("titre", lambda: texte(titre, "titre", TITRE_MAX))
        sujet_propre = au_champ("sujet", lambda: _sujet(sujet))
        axe_propre = au_champ("axe", lambda: _axe(axe))
        cible, nom = _destinataire(destinataire, institution)
        texte_propre = au_champ("texte", lambda: texte(contenu, "texte de l'avis", LONG_TEXTE_MAX))
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
            par=qui.compte_id,
            timestamp=le,
        )
        avis.trigger_event(
            cls.Amende,
            numero=1,
            titre=titre_propre,
            texte=texte_propre,
            par=qui.compte_id,
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
    def version_courante(self) -> Version | None:
        return self.versions[-1] if self.versions else None

    def jours_d_attente(self, aujourd_hui: date) -> int | None:
        return jours_d_attente(self.statut, self.transmis_le, aujourd_hui)

    def en_retard(self, aujourd_hui: date) -> bool:
        return en_retard(self.statut, self.echeance_reponse, self.echeance_saisine, aujourd_hui)

    # --- drafting and adoption -------------------------------------------------------------

    def amender(self, qui: Acteur | None, titre: str, contenu: str, le: datetime) -> int:
        """A new version, by the draft's author or an animateur, until the vote adopts it
        (co-signers do not rewrite: they may withdraw their co-signature instead)."""
        acteur = exiger_compte(qui)
        if self.statut == StatutAvis.BROUILLON and not self._peut_reecrire(acteur):
            raise ActionInterdite(
                "Seules la personne qui a rédigé ce projet d'avis et l'animation du conseil "
                "peuvent le modifier ; les cosignataires le soutiennent sans le réécrire."
            )
        self._exiger_statut(
            (StatutAvis.SAISINE_RECUE, StatutAvis.BROUILLON), "modifier le projet d'avis"
        )
        nouveau_titre = au_champ("titre", lambda: texte(titre, "titre", TITRE_MAX))
        nouveau_texte = au_champ("texte", lambda: texte(contenu, "texte de l'avis", LONG_TEXTE_MAX))
        courante = self.version_courante
        if courante and (courante.titre, courante.texte) == (nouveau_titre, nouveau_texte):
            return courante.numero
        numero = len(self.versions) + 1
        self.trigger_event(
            self.Amende,
            numero=numero,
            titre=nouveau_titre,
            texte=nouveau_texte,
            par=acteur.compte_id,
            timestamp=le,
        )
        return numero

    def rediger_reponse_a_la_saisine(
        self, qui: Acteur | None, adhesion: Adhesion | None, titre: str, contenu: str, le: datetime
    ) -> int:
        """A member of the assembly writes the first draft answering a saisine."""
        acteur = exiger_compte(qui)
        self._exiger_statut((StatutAvis.SAISINE_RECUE,), "rédiger le premier projet")
        if not acteur.a_le_role(Role.ANIMATEUR, self.arrondissement):
            _exiger_membre(adhesion, self.arrondissement, le)
        return self.amender(acteur, titre, contenu, le)

    def cosigner(self, qui: Acteur | None, adhesion: Adhesion | None, le: datetime) -> None:
        """A member of the assembly joins the authors; signing twice changes nothing."""
        acteur = exiger_compte(qui)
        self._exiger_statut((StatutAvis.BROUILLON,), "cosigner le projet")
        if acteur.compte_id in self.auteurs:
            return
        _exiger_membre(adhesion, self.arrondissement, le)
        self.trigger_event(self.CoAuteurAjoute, personne_id=acteur.compte_id, timestamp=le)

    def retirer_cosignature(self, qui: Acteur | None, le: datetime) -> None:
        """A co-signer takes their name off the draft, until the assembly adopts it (then the
        signatures are those of the text it voted). Whoever left the assembly since may still
        do it: it is their name. The author cannot: they withdraw the avis instead."""
        acteur = exiger_compte(qui)
        if acteur.compte_id == self.premier_auteur:
            raise ActionInterdite(
                "Vous avez rédigé ce projet d'avis : votre signature ne peut pas être retirée. "
                "Vous pouvez retirer le projet lui-même."
            )
        if acteur.compte_id not in self.auteurs:
            raise ActionInterdite("Vous ne cosignez pas ce projet d'avis.")
        self._exiger_statut((StatutAvis.BROUILLON,), "retirer votre cosignature")
        self.trigger_event(self.CosignatureRetiree, personne_id=acteur.compte_id, timestamp=le)

    def soumettre_au_vote(
        self,
        qui: Acteur | None,
        seance_id: UUID,
        seance_arrondissement: int,
        decision: Decision | None,
        le: datetime,
    ) -> bool:
        """Record the open assembly's vote on the current version (rule 2): adopted, or rejected
        and left in draft to be reworked. Returns whether it was adopted."""
        acteur = self._exiger_animateur(qui)
        self._exiger_statut((StatutAvis.BROUILLON,), "faire voter le projet")
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
            par=acteur.compte_id,
            timestamp=le,
        )
        return decision.adoptee

    def retirer(self, qui: Acteur | None, motif: str, le: datetime) -> None:
        """Withdraw the avis before its transmission: the draft by its author or the
        animateurs; once adopted (it is then the council's), by the animateurs only."""
        acteur = exiger_compte(qui)
        if not self.statut.avant_transmission:
            raise EtatIncompatible(
                f"Un avis ne peut être retiré qu'avant sa transmission (statut : "
                f"{self.statut.libelle.lower()})."
            )
        anime = acteur.a_le_role(Role.ANIMATEUR, self.arrondissement)
        if self.statut == StatutAvis.ADOPTE and not anime:
            raise ActionInterdite(
                "Cet avis est adopté par l'assemblée : seule l'animation du conseil peut le "
                "retirer avant sa transmission."
            )
        if not anime and acteur.compte_id != self.premier_auteur:
            raise ActionInterdite(
                "Seules la personne qui a rédigé ce projet d'avis et l'animation du conseil "
                "peuvent le retirer ; une ou un cosignataire peut retirer sa cosignature."
            )
        self.trigger_event(
            self.Retire,
            motif=au_champ("motif", lambda: texte(motif, "motif", TEXTE_MAX)),
            par=acteur.compte_id,
            timestamp=le,
        )

    def transmettre(self, qui: Acteur | None, delai_mois: int, le: datetime) -> date:
        """Send the adopted avis; the addressee must answer within the council's delay."""
        acteur = self._exiger_animateur(qui)
        self._exiger_statut((StatutAvis.ADOPTE,), "transmettre l'avis")
        echeance = ajouter_mois(jour_a_paris(le), delai_mois)
        self.trigger_event(
            self.Transmis, echeance_reponse=echeance, par=acteur.compte_id, timestamp=le
        )
        return echeance

    # --- the addressee's side --------------------------------------------------------------

    def accuser_reception(self, qui: Acteur | None, le: datetime) -> None:
        self._exiger_statut((StatutAvis.TRANSMIS,), "accuser réception")
        acteur, role = self._exiger_repondant(qui)
        self.trigger_event(
            self.ReceptionAccusee, role=role.value, par=acteur.compte_id, timestamp=le
        )

    def repondre(self, qui: Acteur | None, contenu: str, liens: list[str], le: datetime) -> int:
        """Record the addressee's answer; a later answer adds a version, earlier ones stay."""
        self._exiger_statut(
            (
                StatutAvis.TRANSMIS,
                StatutAvis.RECEPTION_ACCUSEE,
                StatutAvis.REPONDU,
                StatutAvis.PARTENAIRES_INFORMES,
                StatutAvis.DIAGNOSTIC_PRESENTE,
            ),
            "répondre",
        )
        acteur, role = self._exiger_repondant(qui)
        numero = len(self.reponses) + 1
        self.trigger_event(
            self.Repondu,
            numero=numero,
            texte=au_champ("texte", lambda: texte(contenu, "texte de la réponse", LONG_TEXTE_MAX)),
            liens=au_champ("liens", lambda: _liens(liens)),
            role=role.value,
            par=acteur.compte_id,
            timestamp=le,
        )
        return numero

    def informer_partenaires(self, qui: Acteur | None, contenu: str, le: datetime) -> None:
        acteur = self._exiger_prefecture(qui)
        self._exiger_statut(
            (StatutAvis.TRANSMIS, StatutAvis.RECEPTION_ACCUSEE, StatutAvis.REPONDU),
            "enregistrer l'information des partenaires",
        )
        self.trigger_event(
            self.PartenairesInformes,
            texte=au_champ("texte", lambda: texte(contenu, "partenaires informés", TEXTE_MAX)),
            par=acteur.compte_id,
            timestamp=le,
        )

    def presenter_diagnostic(
        self, qui: Acteur | None, comite_le: date, contenu: str, le: datetime
    ) -> None:
        acteur = self._exiger_prefecture(qui)
        self._exiger_statut(
            (StatutAvis.PARTENAIRES_INFORMES,), "enregistrer la présentation du diagnostic"
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
            texte=au_champ("texte", lambda: texte(contenu, "diagnostic", TEXTE_MAX)),
            par=acteur.compte_id,
            timestamp=le,
        )

    def clore(self, qui: Acteur | None, motif: str, le: datetime) -> None:
        """Close an answered avis: by the council's animation or by the addressee's agents."""
        acteur = exiger_compte(qui)
        finals = (
            StatutAvis.REPONDU,
            StatutAvis.PARTENAIRES_INFORMES,
            StatutAvis.DIAGNOSTIC_PRESENTE,
        )
        self._exiger_statut(finals, "clore l'avis")
        if acteur.a_le_role(Role.ANIMATEUR, self.arrondissement):
            role = Role.ANIMATEUR
        else:
            _, role = self._exiger_repondant(acteur)
        self.trigger_event(
            self.Clos,
            motif=au_champ("motif", lambda: texte(motif, "motif", TEXTE_MAX, obligatoire=False)),
            role=role.value,
            par=acteur.compte_id,
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

    def _peut_reecrire(self, acteur: Acteur) -> bool:
        return acteur.compte_id == self.premier_auteur or acteur.a_le_role(
            Role.ANIMATEUR, self.arrondissement
        )

    def _exiger_statut(self, permis: tuple[StatutAvis, ...], action: str) -> None:
        if self.statut not in permis:
            de = "d'" if action[:1] in "aeéèêiouy" else "de "  # "d'accuser", "de clore"
            raise EtatIncompatible(
                f"Impossible {de}{action} : l'avis est au statut « {self.statut.libelle} »."
            )

    def _exiger_animateur(self, qui: Acteur | None) -> Acteur:
        acteur = exiger_compte(qui)
        if not acteur.a_le_role(Role.ANIMATEUR, self.arrondissement):
            raise ActionInterdite(
                f"Seul·es les animateur·rices du conseil citoyen du {self.arrondissement}e "
                "arrondissement peuvent effectuer cette action."
            )
        return acteur

    def _exiger_repondant(self, qui: Acteur | None) -> tuple[Acteur, Role]:
        acteur = exiger_compte(qui)
        for role in self.destinataire.roles_repondants:
            if acteur.a_le_role(role):
                return acteur, role
        noms = " ou ".join(r.libelle.lower() for r in self.destinataire.roles_repondants)
        raise ActionInterdite(
            f"Seuls les agents du destinataire ({self.destinataire.libelle} : {noms}) peuvent "
            "effectuer cette action."
        )

    def _exiger_prefecture(self, qui: Acteur | None) -> Acteur:
        acteur = exiger_compte(qui)
        if self.origine != OrigineAvis.INTERPELLATION:
            raise EtatIncompatible("Cette étape ne concerne que les interpellations du préfet.")
        return exiger_agent_etat(acteur)


def exiger_agent_etat(qui: Acteur | None) -> Acteur:
    """The préfet's follow-up of an interpellation is recorded by agents of the État."""
    acteur = exiger_compte(qui)
    if not acteur.a_le_role(Role.AGENT_ETAT):
        raise ActionInterdite("Seuls les agents de l'État suivent une interpellation.")
    return acteur


def _exiger_membre(adhesion: Adhesion | None, arrondissement: int, le: datetime) -> None:
    if adhesion is None or adhesion.arrondissement != arrondissement or not adhesion.membre:
        raise ActionInterdite(
            f"Rejoignez l'assemblée du conseil citoyen du {arrondissement}e arrondissement "
            "pour rédiger ou cosigner un avis."
        )


def _sujet(valeur: str) -> str:
    return texte(valeur, "sujet", TITRE_MAX, obligatoire=False)


def _axe(valeur: str) -> str:
    if not valeur:
        return ""
    try:
        return AxeContrat(valeur).value
    except ValueError:
        raise DonneeInvalide(f"Axe du contrat de ville inconnu : « {valeur} ».") from None


def _destinataire(valeur: str, institution: str) -> tuple[Destinataire, str]:
    if not valeur:
        raise ChampInvalide("destinataire", "Choisissez le destinataire de l'avis.")
    try:
        cible = Destinataire(valeur)
    except ValueError:
        raise ChampInvalide("destinataire", f"Destinataire inconnu : « {valeur} ».") from None
    nom = au_champ("institution", lambda: texte(institution, "institution", INSTITUTION_MAX, False))
    if cible in (Destinataire.BAILLEUR_SOCIAL, Destinataire.AUTRE) and not nom:
        raise ChampInvalide(
            "institution", f"Précisez le nom de l'institution ({cible.libelle.lower()})."
        )
    return cible, nom


def _liens(liens: list[str]) -> list[str]:
    """Attachments are links (the platform stores no files): http(s) only, a few at most."""
    propres = [lien.strip() for lien in liens if lien.strip()]
    if len(propres) > LIENS_MAX:
        raise DonneeInvalide(f"Au plus {LIENS_MAX} pièces jointes par réponse.")
    for lien in propres:
        if len(lien) > LIEN_MAX or not lien.startswith(("https://", "http://")) or " " in lien:
            raise DonneeInvalide(
                f"Pièce jointe invalide : « {lien[:80]} » (adresse http(s) attendue)."
            )
    return propres
