"""Convocations to the séances: the outbox that tells every member, once, by notification and
e-mail, that a séance was planned, reprogrammed or cancelled, and reminds them the day before.

**The event is the source.** A change is one of the séance's events in `CHANGEMENTS`
(`Seance.Planifiee`, `Seance.Reprogrammee`, `Seance.Annulee`); `EnregistreeApresCoup` is not:
that séance is past. The scheduled job (`envoyer`, every minute) looks at the séances still to
come when it runs (the read model `lecture_seances`), reads each one's events from the log and
convenes for its latest change only: a change superseded before the job saw it would only
announce a date that no longer holds. Nothing is fanned out from a projection rebuilt from the
whole log (ten years × a thousand members × every séance): only séances to come are looked at.

**Who.** A convocation goes to the members of the council's open assembly at the time of the
change: active now (`lecture_membres`, the groupe moteur's members among them) and members
since at least the change (`entre_le` ≤ its instant; someone who left and came back since is
a newcomer). People who join later are not convened for that change: a convocation is
addressed to the assembly as it stood when it was issued, and newcomers see the séances to
come on the council's page; they do get the reminder. A cancellation goes to the members
who were convened to (or reminded of) the séance. The reminder goes from 08:00 (Paris) the day
before to every member then, except those convened since the start of that day (they were
just told). People who left the assembly, and erased people (who left it with their erasure),
get nothing; a member without identity (erased meanwhile) gets no e-mail.

**Exactly once.** One sent-mark per (séance, change, kind, member) in `convocations_envois`,
whose primary key is that quadruple. A worker *claims* rows by inserting them (`ON CONFLICT
DO NOTHING … RETURNING`: the rows another worker inserted first are not returned, so two
workers never both claim one), sends, then marks the row sent. The row is also the member's
in-app notification, which appears as soon as it is claimed. A claim older than
`DELAI_DE_RECLAMATION` that was never marked (the worker died, or SMTP failed) is claimed again
(an `UPDATE … WHERE reclame_le < …` that only one worker wins) and sent then. That retry makes
one case at-least-once: a worker that crashes between the SMTP server's acceptance and the mark
has sent an e-mail that will be sent again. Each e-mail is marked right after it is sent,
which keeps that window to one message.

**Languages.** Each member is told in the language they chose (`Identites.langues`; French
if none): the in-app notification's text, the e-mail and its .ics are written inside it
(`langues.parler`). What the animateurs wrote (place, agenda, reason) stays as written.

**Preferences.** A member who chose a weekly digest or no e-mail (`Compte.CourrielsChoisis`)
still gets the in-app notification; the row is marked without sending (`courriel` = `resume`
or `aucun`), and the digest (`participation.resumes`) lists it.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import Engine, bindparam, exists, select, update
from sqlalchemy.sql.elements import ColumnElement

from domaine.convocations import (
    ANNULATION,
    CONVOCATION,
    RAPPEL,
    SeanceConvoquee,
    courriel,
    debut_de_la_veille,
    message,
    rappel_du,
)
from domaine.modalites import phrase_d_accessibilite
from domaine.seances import Seance
from domaine.temps import en_utc, jour_a_paris
from domaine.vocabulaire import ModeCourriels, StatutSeance
from langues import parler
from langues.formats import date_longue
from participation.calendrier import SeanceAuCalendrier, calendrier, titre_de_seance
from participation.notifications import inserer, modes_de_courriels
from projections.projecteur import Projecteur
from projections.tables import membres, seances
from stockage.identites import Identite, Identites
from stockage.messagerie import Courriel, Messagerie, PieceJointe
from stockage.registre import Registre
from stockage.tables import convocations_envois as envois

journal = logging.getLogger("participation.convocations")

CHANGEMENTS: tuple[type, ...] = (Seance.Planifiee, Seance.Reprogrammee, Seance.Annulee)
"""The séance's events that convene its members (again). A change of modality, link or
accessibility is a `Reprogrammee` too, so it convenes again."""

DELAI_DE_RECLAMATION = timedelta(minutes=5)
"""A claim never marked sent after this long is taken again (its worker died, or SMTP failed).
Far longer than one batch takes, so that a slow worker is not overtaken."""
LOT = 100
"""Members claimed at once: each batch is sent and marked well within the delay above."""

ENVOYE, RESUME, AUCUN, SANS_ADRESSE, PERIME = "envoye", "resume", "aucun", "sans_adresse", "perime"
"""What became of a row's e-mail (`convocations_envois.courriel`): sent; left to the weekly
digest or to no e-mail, as the member chose; no identity (erased); or superseded by a newer
change before a retry could send it."""


@dataclass(frozen=True)
class Changement:
    version: int
    """The séance's version once changed: the sent-mark's key."""
    sequence: int
    """Changes before this one (the .ics `SEQUENCE`): 0 when planned."""
    le: datetime
    annulation: bool


@dataclass
class Bilan:
    """What one run did."""

    notifications: int = 0
    courriels: int = 0
    par_genre: dict[str, int] = field(default_factory=dict)


def changements(evenements: Iterable[Any]) -> list[Changement]:
    """The changes among a séance's events, in order."""
    resultat: list[Changement] = []
    for brut in evenements:
        e: Any = brut
        if type(e) in CHANGEMENTS:
            resultat.append(
                Changement(
                    e.originator_version,
                    len(resultat),
                    en_utc(e.timestamp),
                    isinstance(e, Seance.Annulee),
                )
            )
    return resultat


def _utc(instant: datetime) -> datetime:
    """Parameters compared with stored instants: SQLite compares the stored text."""
    return instant.astimezone(UTC)


class ServiceConvocations:
    def __init__(
        self,
        registre: Registre,
        moteur: Engine,
        identites: Identites,
        projecteur: Projecteur,
        messagerie: Messagerie,
        url_publique: str,
    ) -> None:
        self.registre = registre
        self.moteur = moteur
        self.identites = identites
        self.projecteur = projecteur
        self.messagerie = messagerie
        self.url_publique = url_publique.rstrip("/")
        self.marquer_chaque_envoi = True
        """False only where nothing leaves the process (the demo's memory mailbox): the marks
        of a batch then go in one statement."""

    # --- the job ----------------------------------------------------------------------------

    def envoyer(self) -> Bilan:
        """Claim, send and mark every convocation, cancellation and reminder due now; running
        it again, or in several workers at once, sends nothing twice."""
        self.projecteur.rattraper()
        maintenant = self.registre.maintenant()
        bilan = Bilan()
        self._reprendre(maintenant, bilan)
        for seance_id in self._a_venir(maintenant):
            self._convoquer(seance_id, maintenant, bilan)
        if bilan.notifications:
            journal.info(
                "Convocations : %d notification(s), %d courriel(s)",
                bilan.notifications,
                bilan.courriels,
            )
        return bilan

    def _a_venir(self, maintenant: datetime) -> list[UUID]:
        requete = (
            select(seances.c.seance_id)
            .where(seances.c.date > _utc(maintenant), seances.c.apres_coup_le.is_(None))
            .order_by(seances.c.date, seances.c.seance_id)
        )
        with self.moteur.connect() as cnx:
            return [UUID(s) for s in cnx.execute(requete).scalars()]

    def _etat(self, seance_id: UUID) -> tuple[Seance, list[Changement]] | None:
        seance = self.registre.trouver(Seance, seance_id)
        if seance is None:
            return None
        return seance, changements(self.registre.events.get(seance_id))

    def _convoquer(self, seance_id: UUID, maintenant: datetime, bilan: Bilan) -> None:
        etat = self._etat(seance_id)
        if etat is None or not etat[1] or etat[0].date <= maintenant:
            return
        seance, suite = etat
        dernier = suite[-1]
        sid = str(seance_id)
        if dernier.annulation:
            deja_convoque = exists().where(
                envois.c.seance_id == sid,
                envois.c.genre.in_([CONVOCATION, RAPPEL]),
                envois.c.personne_id == membres.c.personne_id,
            )
            self._diffuser(seance, dernier, ANNULATION, deja_convoque, bilan)
            return
        membre_au_changement = membres.c.entre_le <= _utc(dernier.le)
        self._diffuser(seance, dernier, CONVOCATION, membre_au_changement, bilan)
        if rappel_du(seance.date, maintenant):
            vient_d_etre_convoque = exists().where(
                envois.c.seance_id == sid,
                envois.c.changement == dernier.version,
                envois.c.genre == CONVOCATION,
                envois.c.personne_id == membres.c.personne_id,
                envois.c.cree_le >= _utc(debut_de_la_veille(seance.date)),
            )
            self._diffuser(seance, dernier, RAPPEL, ~vient_d_etre_convoque, bilan)

    def _diffuser(
        self,
        seance: Seance,
        changement: Changement,
        genre: str,
        condition: ColumnElement[bool],
        bilan: Bilan,
    ) -> None:
        """Claim and send, a batch at a time, until no member is left without a sent-mark. Each
        member's notification is written in their language."""
        sid = str(seance.id)
        deja = exists().where(
            envois.c.seance_id == sid,
            envois.c.changement == changement.version,
            envois.c.genre == genre,
            envois.c.personne_id == membres.c.personne_id,
        )
        candidats = (
            select(membres.c.personne_id)
            .where(
                membres.c.arrondissement == seance.arrondissement,
                membres.c.actif.is_(True),
                condition,
                ~deja,
            )
            .order_by(membres.c.personne_id)
            .limit(LOT)
        )
        convoquee = self._ligne(seance, changement)
        textes: dict[str | None, str] = {}
        while True:
            with self.moteur.connect() as cnx:
                ids = list(cnx.execute(candidats).scalars())
            if not ids:
                return
            maintenant = _utc(self.registre.maintenant())
            langues = self.identites.langues([UUID(p) for p in ids])
            for code in {langues.get(UUID(p)) for p in ids} - textes.keys():
                with parler(code):
                    textes[code] = message(convoquee, genre, date_longue)
            lignes = [
                {
                    "seance_id": sid,
                    "changement": changement.version,
                    "genre": genre,
                    "personne_id": p,
                    "arrondissement": seance.arrondissement,
                    "sequence": changement.sequence,
                    "cree_le": maintenant,
                    "reclame_le": maintenant,
                    "envoye_le": None,
                    "courriel": "",
                    "message": textes[langues.get(UUID(p))],
                }
                for p in ids
            ]
            reclames = self._reclamer(lignes)
            self._distribuer(seance, changement, genre, sid, reclames, bilan)

    def _reclamer(self, lignes: list[dict[str, Any]]) -> list[str]:
        """Insert the sent-marks; returns the members whose row this worker inserted (a row
        another worker holds already is skipped, not returned)."""
        instruction = (
            inserer(self.moteur, envois)
            .values(lignes)
            .on_conflict_do_nothing()
            .returning(envois.c.personne_id)
        )
        with self.moteur.begin() as cnx:
            return list(cnx.execute(instruction).scalars())

    def _reprendre(self, maintenant: datetime, bilan: Bilan) -> None:
        """Claims never marked after `DELAI_DE_RECLAMATION`: claimed again (one worker wins
        each row), then sent, unless their séance is past or changed since."""
        instruction = (
            update(envois)
            .where(
                envois.c.envoye_le.is_(None),
                envois.c.reclame_le < _utc(maintenant - DELAI_DE_RECLAMATION),
            )
            .values(reclame_le=_utc(maintenant))
            .returning(
                envois.c.seance_id, envois.c.changement, envois.c.genre, envois.c.personne_id
            )
        )
        with self.moteur.begin() as cnx:
            repris = list(cnx.execute(instruction))
        groupes: dict[tuple[str, int, str], list[str]] = {}
        for r in repris:
            groupes.setdefault((r.seance_id, r.changement, r.genre), []).append(r.personne_id)
        for (sid, version, genre), personnes in sorted(groupes.items()):
            etat = self._etat(UUID(sid))
            dernier = etat[1][-1] if etat and etat[1] else None
            if etat is None or dernier is None or dernier.version != version:
                self._marquer(sid, version, genre, dict.fromkeys(personnes, PERIME), maintenant)
                continue
            seance = etat[0]
            if seance.date <= maintenant or (genre == RAPPEL and dernier.annulation):
                self._marquer(sid, version, genre, dict.fromkeys(personnes, PERIME), maintenant)
                continue
            self._distribuer(seance, dernier, genre, sid, personnes, bilan, reprise=True)

    # --- sending ----------------------------------------------------------------------------

    def _distribuer(
        self,
        seance: Seance,
        changement: Changement,
        genre: str,
        sid: str,
        personnes: list[str],
        bilan: Bilan,
        reprise: bool = False,
    ) -> None:
        """Send the claimed rows' e-mails (as each member chose, in their language) and mark
        them."""
        if not personnes:
            return
        if not reprise:
            bilan.notifications += len(personnes)
            bilan.par_genre[genre] = bilan.par_genre.get(genre, 0) + len(personnes)
        ids = [UUID(p) for p in personnes]
        modes = modes_de_courriels(self.moteur, ids)
        identites = self.identites.identites_de(ids)
        langues = self.identites.langues(ids)
        rediges: dict[str | None, tuple[SeanceConvoquee, PieceJointe]] = {}
        lien_compte = f"{self.url_publique}/compte#courriels"
        issues: dict[str, str] = {}
        for personne in ids:
            identite: Identite | None = identites.get(personne)
            mode = modes.get(personne, ModeCourriels.TOUS.value)
            if identite is None:
                issue = SANS_ADRESSE
            elif mode != ModeCourriels.TOUS.value:
                issue = RESUME if mode == ModeCourriels.RESUME.value else AUCUN
            else:
                code = langues.get(personne)
                with parler(code):
                    if code not in rediges:
                        convoquee = self._ligne(seance, changement)
                        jointe = self._piece_jointe(convoquee, sid, changement.annulation)
                        rediges[code] = (convoquee, jointe)
                    convoquee, jointe = rediges[code]
                    sujet, corps = courriel(
                        convoquee, genre, identite.nom, lien_compte, date_longue
                    )
                try:
                    self.messagerie.envoyer(Courriel(identite.email, sujet, corps, (jointe,)))
                except OSError:  # smtplib's errors too: the claim goes stale, then is retried
                    journal.exception("Convocation non envoyée à %s", personne)
                    continue
                bilan.courriels += 1
                issue = ENVOYE
                if self.marquer_chaque_envoi:
                    self._marquer(sid, changement.version, genre, {str(personne): issue})
                    continue
            issues[str(personne)] = issue
        self._marquer(sid, changement.version, genre, issues)

    def _marquer(
        self,
        sid: str,
        version: int,
        genre: str,
        issues: dict[str, str],
        le: datetime | None = None,
    ) -> None:
        if not issues:
            return
        instant = _utc(le or self.registre.maintenant())
        instruction = (
            update(envois)
            .where(
                envois.c.seance_id == sid,
                envois.c.changement == version,
                envois.c.genre == genre,
                envois.c.personne_id == bindparam("p_personne"),
            )
            .values(envoye_le=instant, courriel=bindparam("p_issue"))
        )
        with self.moteur.begin() as cnx:
            cnx.execute(instruction, [{"p_personne": p, "p_issue": i} for p, i in issues.items()])

    # --- what is said -----------------------------------------------------------------------

    def _ligne(self, seance: Seance, changement: Changement) -> SeanceConvoquee:
        """The séance as it stands, for the change being told (its labels in the current
        language)."""
        return SeanceConvoquee(
            arrondissement=seance.arrondissement,
            date=en_utc(seance.date),
            lieu=seance.lieu,
            ordre_du_jour=seance.ordre_du_jour,
            sequence=changement.sequence,
            lien=f"{self.url_publique}/seances/{seance.id}",
            motif_annulation=seance.motif_annulation,
            accessibilite=phrase_d_accessibilite(seance.accessibilite, seance.accessibilite_autre),
            lien_visio=seance.lien_visio,
            modalite=seance.modalite.libelle,
            modifiee_le=changement.le,
        )

    def _piece_jointe(self, convoquee: SeanceConvoquee, sid: str, annulee: bool) -> PieceJointe:
        methode = "CANCEL" if annulee else "REQUEST"
        contenu = calendrier(
            [
                SeanceAuCalendrier(
                    seance_id=sid,
                    arrondissement=convoquee.arrondissement,
                    date=convoquee.date,
                    lieu=convoquee.lieu,
                    ordre_du_jour=convoquee.ordre_du_jour,
                    annulee=annulee,
                    sequence=convoquee.sequence,
                    lien=convoquee.lien,
                    lien_visio=convoquee.lien_visio,
                    accessibilite=convoquee.accessibilite,
                    modifiee_le=convoquee.modifiee_le,
                )
            ],
            titre_de_seance(convoquee.arrondissement),
            methode,
        )
        jour = jour_a_paris(convoquee.date).isoformat()
        return PieceJointe(
            f"seance-{convoquee.arrondissement}e-{jour}.ics",
            f"text/calendar; method={methode}",
            contenu,
        )

    def invitation(self, seance_id: UUID) -> PieceJointe | None:
        """The séance's current .ics (the weekly digest's attachment); None once it is past."""
        etat = self._etat(seance_id)
        if etat is None or not etat[1]:
            return None
        seance, suite = etat
        if seance.date <= self.registre.maintenant():
            return None
        convoquee = self._ligne(seance, suite[-1])
        return self._piece_jointe(convoquee, str(seance_id), seance.statut == StatutSeance.ANNULEE)
