"""API tokens of Ville and État systems: only their SHA-256 is stored, with the account they
act for; the token itself is shown once, when created. Credentials, not facts: they live next
to the identity store (erasable, outside the event log)."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import Column, DateTime, Engine, String, Table, delete, insert, select

from stockage.identites import metadata

PREFIXE = "pcc_"

jetons = Table(
    "identites_jetons_api",
    metadata,
    Column("empreinte", String(64), primary_key=True),  # SHA-256 of the token
    Column("personne_id", String(36), nullable=False, index=True),
    Column("libelle", String(120), nullable=False),
    Column("cree_le", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class Jeton:
    empreinte: str
    libelle: str
    cree_le: datetime


def empreinte(jeton: str) -> str:
    return hashlib.sha256(jeton.encode()).hexdigest()


class Jetons:
    def __init__(self, moteur: Engine) -> None:
        self.moteur = moteur

    def creer(self, personne_id: UUID, libelle: str, le: datetime) -> str:
        """A new token for the account `personne_id`; returned once, never stored (who may
        create one is checked by the use case, `participation.jetons`)."""
        nom = " ".join(libelle.split())[:120] or "Jeton d'API"
        jeton = PREFIXE + secrets.token_urlsafe(32)
        with self.moteur.begin() as cnx:
            cnx.execute(
                insert(jetons).values(
                    empreinte=empreinte(jeton),
                    personne_id=str(personne_id),
                    libelle=nom,
                    cree_le=le,
                )
            )
        return jeton

    def titulaire(self, jeton: str) -> UUID | None:
        """The account a presented token acts for; None if unknown (or revoked)."""
        if not jeton.startswith(PREFIXE) or len(jeton) > 100:
            return None
        with self.moteur.connect() as cnx:
            valeur = cnx.execute(
                select(jetons.c.personne_id).where(jetons.c.empreinte == empreinte(jeton))
            ).scalar()
        return UUID(valeur) if valeur else None

    def de(self, personne_id: UUID) -> list[Jeton]:
        with self.moteur.connect() as cnx:
            lignes = cnx.execute(
                select(jetons)
                .where(jetons.c.personne_id == str(personne_id))
                .order_by(jetons.c.cree_le)
            )
            return [Jeton(r.empreinte, r.libelle, r.cree_le) for r in lignes]

    def revoquer_tous(self, personne_id: UUID) -> None:
        """An erased account keeps no credential."""
        with self.moteur.begin() as cnx:
            cnx.execute(delete(jetons).where(jetons.c.personne_id == str(personne_id)))

    def revoquer(self, personne_id: UUID, empreinte_: str) -> bool:
        """Revoke one of one's own tokens; False if this account holds no such token."""
        with self.moteur.begin() as cnx:
            resultat = cnx.execute(
                delete(jetons).where(
                    jetons.c.personne_id == str(personne_id), jetons.c.empreinte == empreinte_
                )
            )
        return bool(resultat.rowcount)
