"""Queries of the documents: a council's library (filtered by kind and séance, a page at a
time), the documents of a séance, an avis or a budget proposal, one document, and what the
use cases count before deleting bytes. Read models only."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Engine, func, select

from projections.tables import depots_ouverts, documents, seances

PAR_PAGE = 20


@dataclass(frozen=True)
class FiltresDocuments:
    """What a council's library shows; empty strings mean "all". `page` counts from 1."""

    arrondissement: int
    nature: str = ""
    seance_id: str = ""
    page: int = 1


@dataclass(frozen=True)
class PageDocuments:
    documents: list[Any]
    total: int
    numero: int
    pages: int


_ORDRE = (documents.c.jour.desc(), documents.c.depose_le.desc(), documents.c.document_id)


class LectureDocuments:
    def __init__(self, moteur: Engine) -> None:
        self.moteur = moteur

    def bibliotheque(self, filtres: FiltresDocuments, taille: int = PAR_PAGE) -> PageDocuments:
        """The council's documents in force, latest first: its library and the attachments of
        its avis (those of budget proposals stay on their proposal)."""
        conditions: list[ColumnElement[bool]] = [
            documents.c.arrondissement == filtres.arrondissement,
            documents.c.retire.is_(False),
            documents.c.proposition_id.is_(None),
        ]
        if filtres.nature:
            conditions.append(documents.c.nature == filtres.nature)
        if filtres.seance_id:
            conditions.append(documents.c.seance_id == filtres.seance_id)
        with self.moteur.connect() as cnx:
            total = cnx.execute(select(func.count()).where(*conditions)).scalar_one()
            pages = max(1, -(-total // taille))
            numero = min(max(filtres.page, 1), pages)
            lignes = cnx.execute(
                select(documents, seances.c.date.label("seance_date"))
                .outerjoin(seances, seances.c.seance_id == documents.c.seance_id)
                .where(*conditions)
                .order_by(*_ORDRE)
                .limit(taille)
                .offset((numero - 1) * taille)
            ).all()
        return PageDocuments(list(lignes), total, numero, pages)

    def _en_vigueur(self, *conditions: ColumnElement[bool]) -> list[Any]:
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(documents)
                    .where(documents.c.retire.is_(False), *conditions)
                    .order_by(*_ORDRE)
                ).all()
            )

    def de_la_seance(self, seance_id: UUID) -> list[Any]:
        return self._en_vigueur(documents.c.seance_id == str(seance_id))

    def de_l_avis(self, avis_id: UUID) -> list[Any]:
        return self._en_vigueur(documents.c.avis_id == str(avis_id))

    def de_la_proposition(self, proposition_id: UUID) -> list[Any]:
        return self._en_vigueur(documents.c.proposition_id == str(proposition_id))

    def deposes_par(self, personne_id: UUID) -> list[Any]:
        """Every document this person deposited, withdrawn ones included (their data export)."""
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(documents)
                    .where(documents.c.depose_par == str(personne_id))
                    .order_by(documents.c.depose_le)
                ).all()
            )

    def document(self, document_id: UUID) -> Any:
        with self.moteur.connect() as cnx:
            return cnx.execute(
                select(documents).where(documents.c.document_id == str(document_id))
            ).first()

    def references(self, empreinte: str) -> int:
        """How many documents in force use these bytes."""
        with self.moteur.connect() as cnx:
            return int(
                cnx.execute(
                    select(func.count()).where(
                        documents.c.empreinte == empreinte, documents.c.retire.is_(False)
                    )
                ).scalar_one()
            )

    def depots_des_membres(self, arrondissement: int) -> bool:
        with self.moteur.connect() as cnx:
            return (
                cnx.execute(
                    select(depots_ouverts.c.arrondissement).where(
                        depots_ouverts.c.arrondissement == arrondissement
                    )
                ).first()
                is not None
            )

    def seances_du_conseil(self, arrondissement: int) -> list[Any]:
        """The council's séances, latest first, for the forms' and filters' choices."""
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(seances.c.seance_id, seances.c.date, seances.c.statut)
                    .where(seances.c.arrondissement == arrondissement)
                    .order_by(seances.c.date.desc())
                    .limit(200)
                ).all()
            )
