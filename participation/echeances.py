"""Deadline reminders of avis: record each reminder once, then notify by e-mail.

In-app notifications come from the recorded `EcheanceSignalee` events (a read model); e-mails
go out from here, right after the event is saved, so a reminder recorded by another worker is
not mailed twice. Each e-mail is written in its recipient's chosen language (French if none).
`Bail` makes one web worker among several run the daily job.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import Engine, Select, insert, select, update
from sqlalchemy.exc import IntegrityError

from domaine.avis import Alerte, Avis, horizon_des_rappels
from domaine.erreurs import ConflitDeModification
from domaine.groupe_moteur import GroupeMoteur, id_groupe_moteur
from domaine.quartiers import arrondissements
from domaine.rappels import (
    courriel_d_echeance,
    courriel_reponses_en_retard,
    message_d_echeance,
)
from domaine.temps import jour_a_paris
from domaine.vocabulaire import ModeCourriels
from langues import _, parler
from participation.avis import ServiceAvis
from participation.notifications import modes_de_courriels
from projections.avis import destinataires_des_rappels
from projections.lecture_avis import echeance_courante
from projections.notifications import destinataires
from projections.projecteur import Projecteur
from projections.tables import avis
from stockage.identites import Identites
from stockage.messagerie import Courriel, Messagerie
from stockage.tables import bails

journal = logging.getLogger("participation.echeances")


@dataclass(frozen=True)
class Rappel:
    lien: str  # the page to act on
    message: str
    courriels: int
    alerte: Alerte | None = None  # for an avis


class ServiceEcheances:
    def __init__(
        self,
        service_avis: ServiceAvis,
        moteur: Engine,
        identites: Identites,
        projecteur: Projecteur,
        messagerie: Messagerie,
        url_publique: str,
    ) -> None:
        self.service_avis = service_avis
        self.moteur = moteur
        self.identites = identites
        self.projecteur = projecteur
        self.messagerie = messagerie
        self.url_publique = url_publique  # links in e-mails

    def verifier(self) -> list[Rappel]:
        """Record and send every reminder due now; running it twice sends nothing twice."""
        self.projecteur.rattraper()
        rappels = []
        for avis_id in self._a_examiner():
            resultat = self.service_avis.signaler_echeance(avis_id)
            if resultat is not None:
                rappels.append(self._rappel_avis(*resultat))
        for arrondissement in arrondissements():
            rappel = self._relancer_groupe_moteur(arrondissement)
            if rappel is not None:
                rappels.append(rappel)
        if rappels:
            self.projecteur.rattraper()
        return rappels

    def _a_examiner(self) -> list[UUID]:
        """Avis whose deadline is at most 7 days away (or passed), from the read model."""
        horizon = horizon_des_rappels(jour_a_paris(self.service_avis.registre.maintenant()))
        requete = (
            select(avis.c.avis_id).where(echeance_courante <= horizon).order_by(avis.c.avis_id)
        )
        with self.moteur.connect() as cnx:
            return [UUID(x) for x in cnx.execute(requete).scalars()]

    def _rappel_avis(self, agregat: Avis, alerte: Alerte) -> Rappel:
        message = message_d_echeance(alerte.echeance, alerte.niveau, alerte.jour)
        lien = f"/avis/{agregat.id}"
        requete = destinataires_des_rappels(agregat.arrondissement, agregat.destinataire.value)

        def rediger() -> tuple[str, str]:
            texte = message_d_echeance(alerte.echeance, alerte.niveau, alerte.jour)
            return courriel_d_echeance(agregat.titre, agregat.arrondissement, texte)

        envoyes = self._envoyer(requete, rediger, lien)
        return Rappel(lien, message, envoyes, alerte)

    def _relancer_groupe_moteur(self, arrondissement: int) -> Rappel | None:
        """Drawn people who let the answer delay pass: remind the animateurs, once each."""
        registre = self.service_avis.registre
        groupe = registre.trouver(GroupeMoteur, id_groupe_moteur(arrondissement))
        if groupe is None:
            return None
        retard = groupe.signaler_reponses_en_retard(registre.maintenant())
        if not retard:
            return None
        try:
            registre.enregistrer(groupe)
        except ConflitDeModification:
            return None  # another worker recorded it first
        message = courriel_reponses_en_retard(arrondissement, len(retard))[1]
        lien = f"/conseils/{arrondissement}/groupe-moteur"

        def rediger() -> tuple[str, str]:
            return courriel_reponses_en_retard(arrondissement, len(retard))

        envoyes = self._envoyer(destinataires(arrondissement), rediger, lien)
        return Rappel(lien, message, envoyes)

    def _envoyer(
        self, requete: Select[Any], rediger: Callable[[], tuple[str, str]], lien: str
    ) -> int:
        """E-mail the reminder to those who want every message (the others find it in their
        notifications, and in their weekly digest if they chose one); `rediger` writes its
        subject and text in the current language, each recipient's in turn."""
        with self.moteur.connect() as cnx:
            ids = [UUID(x) for x in cnx.execute(requete).scalars()]
        modes = modes_de_courriels(self.moteur, ids)
        langues = self.identites.langues(ids)
        envoyes = 0
        for personne_id in ids:
            if modes.get(personne_id, ModeCourriels.TOUS.value) != ModeCourriels.TOUS.value:
                continue
            identite = self.identites.identite(personne_id)
            if identite is None:
                continue  # erased, or an account without identity (first admin from the CLI)
            with parler(langues.get(personne_id)):
                sujet, message = rediger()
                salutation = _("Bonjour %(nom)s,", nom=identite.nom)
            corps = f"{salutation}\n\n{message}\n\n{self.url_publique}{lien}\n"
            try:
                self.messagerie.envoyer(Courriel(identite.email, sujet, corps))
                envoyes += 1
            except OSError:
                journal.exception("Courriel de rappel non envoyé à %s", personne_id)
        return envoyes


class Bail:
    """A lease in the database: the one process holding it runs the scheduled jobs; another
    takes over once it expires (the holder renews it well before)."""

    def __init__(self, moteur: Engine, nom: str, detenteur: str, duree: timedelta) -> None:
        self.moteur = moteur
        self.nom = nom
        self.detenteur = detenteur
        self.duree = duree

    def prendre(self, maintenant: datetime) -> bool:
        """Take or renew the lease; True if this process holds it now."""
        maintenant = maintenant.astimezone(UTC)  # SQLite compares the stored text
        expire = maintenant + self.duree
        with self.moteur.begin() as cnx:
            renouvele = cnx.execute(
                update(bails)
                .where(
                    bails.c.nom == self.nom,
                    (bails.c.detenteur == self.detenteur) | (bails.c.expire_le < maintenant),
                )
                .values(detenteur=self.detenteur, expire_le=expire)
            )
            if renouvele.rowcount == 1:
                return True
            existe = cnx.execute(select(bails.c.nom).where(bails.c.nom == self.nom)).first()
        if existe:
            return False
        try:
            with self.moteur.begin() as cnx:
                cnx.execute(
                    insert(bails).values(nom=self.nom, detenteur=self.detenteur, expire_le=expire)
                )
        except IntegrityError:
            return False
        return True

    def rendre(self) -> None:
        with self.moteur.begin() as cnx:
            cnx.execute(
                update(bails)
                .where(bails.c.nom == self.nom, bails.c.detenteur == self.detenteur)
                .values(expire_le=datetime(1970, 1, 1, tzinfo=UTC))
            )
