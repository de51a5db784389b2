"""The demo's convocations: the outbox job run once at the end of the load, on the demo's
clock, for the séances still to come (those the simulation planned three weeks ahead), so that
the members of each council find their convocations (and, for séances of the end day, no
reminder on top) on their notifications page. The e-mails go to the demo's memory mailbox."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import select

from demo.monde import HorlogeSimulee
from lancement.plateforme import Plateforme
from stockage.tables import convocations_envois


def convoquer(plateforme: Plateforme, horloge: HorlogeSimulee, fin: datetime) -> int:
    """Run the convocation job as it would have run at the end (00:00 Paris of the end day);
    returns how many notifications it made."""
    horloge.aller_a(fin)
    convocations = plateforme.convocations
    convocations.marquer_chaque_envoi = False  # nothing leaves the process: marks in batches
    return convocations.envoyer().notifications


def membre_convoque(plateforme: Plateforme, arrondissement: int = 18) -> str | None:
    """The e-mail of one member of the council who was convened (the first by id), to sign in
    with and see convocations; None if the council has none to come."""
    with plateforme.moteur.connect() as cnx:
        ids = cnx.execute(
            select(convocations_envois.c.personne_id)
            .where(convocations_envois.c.arrondissement == arrondissement)
            .distinct()
            .order_by(convocations_envois.c.personne_id)
            .limit(20)
        ).scalars()
        for personne_id in ids:
            identite = plateforme.identites.identite(UUID(personne_id))
            if identite is not None:
                return identite.email
    return None
