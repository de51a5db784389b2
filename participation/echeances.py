"""Deadline reminders of avis: record each reminder once, then notify by e-mail.

In-app notifications come from the recorded `EcheanceSignalee` events (a read model); e-mails
go out from here, right after the event is saved, so a reminder recorded by another worker is
not mailed twice. `Bail` makes one web worker among several run the daily job.
"""

import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from domaine.avis import JOURS_AVANT_RAPPEL, Alerte, Avis, jour_a_paris
from domaine.vocabulaire import StatutAvis
from participation.avis import ServiceAvis
from participation.identites import Identites
from participation.messagerie import Courriel, Messagerie
from projections.avis import destinataires_des_rappels, message_d_echeance
from projections.projecteur import Projecteur
from projections.tables import avis, bails

journal = logging.getLogger("participation.echeances")
URL_PUBLIQUE_PAR_DEFAUT = "http://127.0.0.1:8000"
_EN_ATTENTE = [s.value for s in StatutAvis if s.attend_une_reponse]
_AVANT_TRANSMISSION = [s.value for s in StatutAvis if s.avant_transmission]


@dataclass(frozen=True)
class Rappel:
    avis_id: UUID
    alerte: Alerte
    courriels: int


class ServiceEcheances:
    def __init__(
        self,
        service_avis: ServiceAvis,
        moteur: Engine,
        identites: Identites,
        projecteur: Projecteur,
        messagerie: Messagerie,
    ) -> None:
        self.service_avis = service_avis
        self.moteur = moteur
        self.identites = identites
        self.projecteur = projecteur
        self.messagerie = messagerie
        self.url_publique = os.environ.get("PARTICIPATION_URL_PUBLIQUE", URL_PUBLIQUE_PAR_DEFAUT)

    def verifier(self) -> list[Rappel]:
        """Record and send every reminder due now; running it twice sends nothing twice."""
        self.projecteur.rattraper()
        rappels = []
        for avis_id in self._a_examiner():
            resultat = self.service_avis.signaler_echeance(avis_id)
            if resultat is not None:
                agregat, alerte = resultat
                rappels.append(Rappel(avis_id, alerte, self._envoyer(agregat, alerte)))
        if rappels:
            self.projecteur.rattraper()
        return rappels

    def _a_examiner(self) -> list[UUID]:
        """Avis whose deadline is at most 7 days away (or passed), from the read model."""
        horizon = jour_a_paris(self.service_avis.registre.maintenant()) + timedelta(
            days=JOURS_AVANT_RAPPEL
        )
        requete = (
            select(avis.c.avis_id)
            .where(
                (avis.c.statut.in_(_EN_ATTENTE) & (avis.c.echeance_reponse <= horizon))
                | (avis.c.statut.in_(_AVANT_TRANSMISSION) & (avis.c.echeance_saisine <= horizon))
            )
            .order_by(avis.c.avis_id)
        )
        with self.moteur.connect() as cnx:
            return [UUID(x) for x in cnx.execute(requete).scalars()]

    def _envoyer(self, agregat: Avis, alerte: Alerte) -> int:
        message = message_d_echeance(alerte.echeance, alerte.niveau, alerte.jour)
        requete = destinataires_des_rappels(agregat.arrondissement, agregat.destinataire.value)
        with self.moteur.connect() as cnx:
            ids = [UUID(x) for x in cnx.execute(requete).scalars()]
        envoyes = 0
        for personne_id in ids:
            identite = self.identites.identite(personne_id)
            if identite is None:
                continue  # erased, or an account without identity (first admin from the CLI)
            corps = (
                f"Bonjour {identite.nom},\n\n{message}\n\n"
                f"Avis « {agregat.titre} », conseil citoyen du {agregat.arrondissement}e "
                f"arrondissement :\n{self.url_publique}/avis/{agregat.id}\n"
            )
            try:
                self.messagerie.envoyer(Courriel(identite.email, f"[Avis] {message}", corps))
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
