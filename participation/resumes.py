"""The weekly digest: on Monday morning, one e-mail to each person who chose it, listing their
notifications of the past week (convocations, cancellations, reminders, deadlines), with the
current .ics of each séance still to come among them.

Exactly once per person and week, like the convocations: a sent-mark per (person, week's
Monday) in `resumes_envoyes`, inserted before sending (an insert that conflicts means another
worker has it), marked after; a claim never marked after `DELAI_DE_RECLAMATION` is taken
again (so a crash between the SMTP server's acceptance and the mark sends that digest twice:
at least once, in that case only). Nobody gets an empty digest.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError

from domaine.convocations import LigneDeResume, courriel_de_resume, periode_du_resume
from domaine.convocations import semaine_du_resume as lundi_de
from domaine.temps import en_utc
from domaine.vocabulaire import ModeCourriels
from langues import parler
from langues.formats import date_longue
from participation.convocations import DELAI_DE_RECLAMATION, ServiceConvocations
from projections.lecture_notifications import LectureNotifications, Notification
from projections.tables import courriels_choisis
from stockage.identites import Identites
from stockage.messagerie import Courriel, Messagerie, PieceJointe
from stockage.tables import resumes_envoyes as resumes

journal = logging.getLogger("participation.resumes")


@dataclass(frozen=True)
class Resume:
    personne_id: UUID
    notifications: int
    envoye: bool


class ServiceResumes:
    def __init__(
        self,
        convocations: ServiceConvocations,
        moteur: Engine,
        identites: Identites,
        lecture: LectureNotifications,
        messagerie: Messagerie,
        url_publique: str,
    ) -> None:
        self.convocations = convocations
        self.moteur = moteur
        self.identites = identites
        self.lecture = lecture
        self.messagerie = messagerie
        self.url_publique = url_publique.rstrip("/")

    def envoyer(self) -> list[Resume]:
        """The digests of this week (its Monday, Paris) not sent yet; run again, or in two
        workers at once, it sends none twice."""
        self.convocations.projecteur.rattraper()
        maintenant = en_utc(self.convocations.registre.maintenant())
        lundi = lundi_de(maintenant)
        debut, fin = periode_du_resume(lundi)
        with self.moteur.connect() as cnx:
            personnes = list(
                cnx.execute(
                    select(courriels_choisis.c.personne_id)
                    .where(courriels_choisis.c.mode == ModeCourriels.RESUME.value)
                    .order_by(courriels_choisis.c.personne_id)
                ).scalars()
            )
        faits = []
        for personne in personnes:
            lignes = self.lecture.entre(personne, debut, fin)
            if not lignes or not self._reclamer(personne, lundi, maintenant):
                continue
            envoye = self._envoyer(UUID(personne), lundi, lignes)
            if envoye is None:
                continue  # SMTP failed: the claim goes stale and is retried
            with self.moteur.begin() as cnx:
                cnx.execute(
                    update(resumes)
                    .where(resumes.c.personne_id == personne, resumes.c.semaine == lundi)
                    .values(envoye_le=en_utc(self.convocations.registre.maintenant()))
                )
            faits.append(Resume(UUID(personne), len(lignes), envoye))
        if faits:
            journal.info("%d résumé(s) hebdomadaire(s) envoyé(s)", len(faits))
        return faits

    def _reclamer(self, personne: str, lundi: date, maintenant: datetime) -> bool:
        try:
            with self.moteur.begin() as cnx:
                cnx.execute(
                    resumes.insert().values(
                        personne_id=personne, semaine=lundi, reclame_le=maintenant
                    )
                )
            return True
        except IntegrityError:
            pass
        with self.moteur.begin() as cnx:  # a stale claim is taken again by one worker only
            repris = cnx.execute(
                update(resumes)
                .where(
                    resumes.c.personne_id == personne,
                    resumes.c.semaine == lundi,
                    resumes.c.envoye_le.is_(None),
                    resumes.c.reclame_le < maintenant - DELAI_DE_RECLAMATION,
                )
                .values(reclame_le=maintenant)
            )
        return repris.rowcount == 1

    def _envoyer(self, personne_id: UUID, lundi: date, lignes: list[Notification]) -> bool | None:
        """True: sent; False: nobody to send it to (erased); None: SMTP failed."""
        identite = self.identites.identite(personne_id)
        if identite is None:
            return False
        seances = list(dict.fromkeys(n.seance_id for n in lignes if n.seance_id))
        jointes: list[PieceJointe] = []
        # Written in the language the person chose on the site (French if none).
        with parler(self.identites.langues([personne_id]).get(personne_id)):
            for seance_id in seances:
                jointe = self.convocations.invitation(UUID(seance_id))
                if jointe is not None:
                    jointes.append(jointe)
            sujet, corps = courriel_de_resume(
                identite.nom,
                lundi,
                [LigneDeResume(n.le, n.message, f"{self.url_publique}{n.lien}") for n in lignes],
                f"{self.url_publique}/notifications",
                f"{self.url_publique}/compte#courriels",
                lambda jour: date_longue(jour, heure=False),
            )
        try:
            self.messagerie.envoyer(Courriel(identite.email, sujet, corps, tuple(jointes)))
        except OSError:
            journal.exception("Résumé hebdomadaire non envoyé à %s", personne_id)
            return None
        return True
