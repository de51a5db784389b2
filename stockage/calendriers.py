"""The secrets of the private calendar feeds: only their SHA-256 is stored, with the account
whose councils the feed lists; the secret itself is shown once, when created.

A credential, not a fact of the councils' life (as API tokens, `stockage.jetons`): it lives
next to the identity store, erasable, outside the event log. One feed per person: creating a
new one replaces the old one, whose address then answers 404.
"""

import hashlib
import secrets
from datetime import datetime
from uuid import UUID

from sqlalchemy import Column, DateTime, Engine, String, Table, delete, insert, select

from domaine.temps import en_utc
from stockage.identites import Identites, metadata

LONGUEUR_MAX = 100
"""A presented secret longer than this is not looked up (43 characters are made)."""

calendriers = Table(
    "identites_calendriers",
    metadata,
    Column("personne_id", String(36), primary_key=True),  # one feed per person
    Column("empreinte", String(64), nullable=False, unique=True, index=True),  # of the secret
    Column("cree_le", DateTime(timezone=True), nullable=False),
)


def empreinte(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Calendriers:
    def __init__(self, moteur: Engine) -> None:
        self.moteur = moteur

    def creer(self, personne_id: UUID, le: datetime) -> str:
        """A new secret for `personne_id`'s feed, replacing theirs if any (in one transaction:
        the old address stops answering as the new one starts); returned once, never stored.
        256 random bits: guessing one is out of reach, whatever the rate of tries."""
        secret = secrets.token_urlsafe(32)
        with self.moteur.begin() as cnx:
            cnx.execute(delete(calendriers).where(calendriers.c.personne_id == str(personne_id)))
            cnx.execute(
                insert(calendriers).values(
                    empreinte=empreinte(secret), personne_id=str(personne_id), cree_le=le
                )
            )
        return secret

    def titulaire(self, secret: str) -> UUID | None:
        """Whose feed a presented secret opens; None if unknown or revoked."""
        if not secret or len(secret) > LONGUEUR_MAX:
            return None
        with self.moteur.connect() as cnx:
            valeur = cnx.execute(
                select(calendriers.c.personne_id).where(
                    calendriers.c.empreinte == empreinte(secret)
                )
            ).scalar()
        return UUID(valeur) if valeur else None

    def cree_le(self, personne_id: UUID) -> datetime | None:
        """When the person's current feed was created; None if they have none."""
        with self.moteur.connect() as cnx:
            valeur: datetime | None = cnx.execute(
                select(calendriers.c.cree_le).where(calendriers.c.personne_id == str(personne_id))
            ).scalar()
        return en_utc(valeur) if valeur is not None else None

    def revoquer(self, personne_id: UUID) -> bool:
        """Delete the person's feed secret; False if they had none. Erasure calls it too."""
        with self.moteur.begin() as cnx:
            resultat = cnx.execute(
                delete(calendriers).where(calendriers.c.personne_id == str(personne_id))
            )
        return bool(resultat.rowcount)

    def langue(self, personne_id: UUID) -> str | None:
        """The language the feed's holder chose (None: none), to write their feed in."""
        return Identites(self.moteur).langues([personne_id]).get(personne_id)
