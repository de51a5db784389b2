"""Queries of the avis pages and of the notifications: read models only."""

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Engine, case, func, select

from domaine.avis import limite_de_retard
from domaine.temps import en_utc
from domaine.vocabulaire import StatutAvis
from projections.tables import (
    avis,
    avis_auteurs,
    avis_etapes,
    avis_reponses,
    avis_versions,
    decisions,
    notifications,
)

echeance_courante: ColumnElement[date] = case(
    (
        avis.c.statut.in_([s.value for s in StatutAvis if s.attend_une_reponse]),
        avis.c.echeance_reponse,
    ),
    (
        avis.c.statut.in_([s.value for s in StatutAvis if s.avant_transmission]),
        avis.c.echeance_saisine,
    ),
    else_=None,
)
"""`domaine.avis.echeance_courante` as a column (null when nothing is awaited), so that queries
compare it with the dates the domain computes (`limite_de_retard`, `horizon_des_rappels`)."""


def en_retard(aujourd_hui: date) -> ColumnElement[bool]:
    """`domaine.avis.en_retard` in SQL, so lists can sort overdue avis first."""
    return echeance_courante < limite_de_retard(aujourd_hui)


@dataclass(frozen=True)
class Filtre:
    arrondissement: int | None = None
    destinataires: tuple[str, ...] = ()
    statut: str = ""
    seulement_en_retard: bool = False


def _conditions(filtre: Filtre, aujourd_hui: date) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filtre.arrondissement is not None:
        conditions.append(avis.c.arrondissement == filtre.arrondissement)
    if filtre.destinataires:
        conditions.append(avis.c.destinataire.in_(filtre.destinataires))
    if filtre.statut:
        conditions.append(avis.c.statut == filtre.statut)
    if filtre.seulement_en_retard:
        conditions.append(en_retard(aujourd_hui))
    return conditions


@dataclass(frozen=True)
class Reponse:
    numero: int
    texte: str
    liens: list[str]
    role: str
    le: Any


class LectureAvis:
    def __init__(self, moteur: Engine) -> None:
        self.moteur = moteur

    def liste(
        self, filtre: Filtre, aujourd_hui: date, limite: int = 200, decalage: int = 0
    ) -> list[Any]:
        """Overdue avis first (oldest deadline first), then the most recent; `decalage` rows
        skipped (a page of the list: the order ends on the id, so that pages are stable)."""
        retard = en_retard(aujourd_hui)
        requete = (
            select(avis, case((retard, 1), else_=0).label("en_retard"))
            .where(*_conditions(filtre, aujourd_hui))
            .order_by(
                case((retard, 0), else_=1),
                func.coalesce(avis.c.echeance_reponse, avis.c.echeance_saisine),
                avis.c.cree_le.desc(),
                avis.c.avis_id,
            )
            .limit(limite)
            .offset(decalage)
        )
        with self.moteur.connect() as cnx:
            return list(cnx.execute(requete))

    def compter(self, filtre: Filtre, aujourd_hui: date) -> int:
        requete = select(func.count()).select_from(avis).where(*_conditions(filtre, aujourd_hui))
        with self.moteur.connect() as cnx:
            nombre: int = cnx.execute(requete).scalar_one()
            return nombre

    def avis(self, avis_id: str) -> Any:
        with self.moteur.connect() as cnx:
            return cnx.execute(select(avis).where(avis.c.avis_id == avis_id)).first()

    def versions(self, avis_id: str) -> list[Any]:
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(avis_versions)
                    .where(avis_versions.c.avis_id == avis_id)
                    .order_by(avis_versions.c.numero.desc())
                )
            )

    def reponses(self, avis_id: str) -> list[Reponse]:
        with self.moteur.connect() as cnx:
            lignes = cnx.execute(
                select(avis_reponses)
                .where(avis_reponses.c.avis_id == avis_id)
                .order_by(avis_reponses.c.numero.desc())
            )
            return [
                Reponse(r.numero, r.texte, json.loads(r.liens), r.role, en_utc(r.le))
                for r in lignes
            ]

    def etapes(self, avis_id: str) -> list[Any]:
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(avis_etapes)
                    .where(avis_etapes.c.avis_id == avis_id)
                    .order_by(avis_etapes.c.version)
                )
            )

    def auteurs(self, avis_id: str) -> list[str]:
        """Pseudonymous ids of the authors: who wrote the draft first, then its co-signers."""
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(avis_auteurs.c.personne_id)
                    .where(avis_auteurs.c.avis_id == avis_id)
                    .order_by(avis_auteurs.c.premier.desc(), avis_auteurs.c.personne_id)
                ).scalars()
            )

    def premier_auteur(self, avis_id: str) -> str | None:
        """Who wrote version 1 (the draft is theirs); None before a saisine's first draft."""
        with self.moteur.connect() as cnx:
            premier: str | None = cnx.execute(
                select(avis_auteurs.c.personne_id).where(
                    avis_auteurs.c.avis_id == avis_id, avis_auteurs.c.premier.is_(True)
                )
            ).scalar()
            return premier

    def decisions_recentes(self, arrondissement: int, limite: int = 30) -> list[Any]:
        """Decisions an animateur may link an avis's vote to: the council's latest."""
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(decisions)
                    .where(decisions.c.arrondissement == arrondissement)
                    .order_by(decisions.c.date.desc(), decisions.c.numero.desc())
                    .limit(limite)
                )
            )

    def notifications(self, personne_id: str, limite: int = 50) -> list[Any]:
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(notifications)
                    .where(notifications.c.personne_id == personne_id)
                    .order_by(notifications.c.position.desc())
                    .limit(limite)
                )
            )
