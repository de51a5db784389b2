"""Queries of the budget participatif pages: the lists (filtered, sorted, a page at a time), a
proposal with its timeline and comments. Read models only. `Lecture` inherits them, so that
pages keep one reader (`plateforme.lecture`)."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Engine, Select, and_, func, select

from domaine.budget import SOUTIENS_OUVERTS
from projections.tables import commentaires_bp, decisions, etapes_bp, propositions_bp, soutiens_bp

OUVERTES_AU_SOUTIEN = "ouvertes"
"""The value of `FiltresBP.statut` for the proposals one can still support (the statuses of
`domaine.budget.SOUTIENS_OUVERTS`): what residents see first."""
STATUTS_OUVERTS = sorted(s.value for s in SOUTIENS_OUVERTS)
PAR_PAGE = 24
"""Proposals per page of a list: a grid of 2, 3 or 4 columns stays full."""


@dataclass(frozen=True)
class FiltresBP:
    """What a list of budget participatif proposals shows; empty strings mean "all"
    (`statut` may also be `OUVERTES_AU_SOUTIEN`). `page` counts from 1."""

    arrondissement: int | None = None
    statut: str = ""
    theme: str = ""
    quartier: str = ""
    tri: str = "soutiens"
    page: int = 1


TRIS_BP = {
    "soutiens": (propositions_bp.c.soutiens.desc(), propositions_bp.c.deposee_le.desc()),
    "date": (propositions_bp.c.deposee_le.desc(),),
    "cout": (propositions_bp.c.cout, propositions_bp.c.deposee_le.desc()),
    "cout_desc": (propositions_bp.c.cout.desc(), propositions_bp.c.deposee_le.desc()),
}
"""Sort orders of the proposal lists; ties end on the id, so that pages are stable."""


@dataclass(frozen=True)
class PageBP:
    """One page of a list: its proposals, how many match in all, which page of how many."""

    propositions: list[Any]
    total: int
    numero: int
    pages: int
    taille: int

    @property
    def premiere(self) -> int:
        """The rank of the page's first proposal in the whole list (1-based)."""
        return (self.numero - 1) * self.taille + 1 if self.total else 0

    @property
    def derniere(self) -> int:
        return self.premiere + len(self.propositions) - 1 if self.total else 0


def _conditions(filtres: FiltresBP) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filtres.arrondissement is not None:
        conditions.append(propositions_bp.c.arrondissement == filtres.arrondissement)
    if filtres.statut == OUVERTES_AU_SOUTIEN:
        conditions.append(propositions_bp.c.statut.in_(STATUTS_OUVERTS))
    elif filtres.statut:
        conditions.append(propositions_bp.c.statut == filtres.statut)
    if filtres.theme:
        conditions.append(propositions_bp.c.theme == filtres.theme)
    if filtres.quartier:
        conditions.append(propositions_bp.c.quartier == filtres.quartier)
    return conditions


def _triee(filtres: FiltresBP) -> Select[Any]:
    ordre = TRIS_BP.get(filtres.tri, TRIS_BP["soutiens"])
    return (
        select(propositions_bp)
        .where(*_conditions(filtres))
        .order_by(*ordre, propositions_bp.c.proposition_id)
    )


class LectureBudget:
    moteur: Engine

    def propositions_bp(self, filtres: FiltresBP, limite: int = 500) -> list[Any]:
        """The first `limite` proposals of a list (the API, the tests; pages use `page_bp`)."""
        with self.moteur.connect() as cnx:
            return list(cnx.execute(_triee(filtres).limit(limite)))

    def compter_bp(self, filtres: FiltresBP) -> int:
        with self.moteur.connect() as cnx:
            nombre: int = cnx.execute(
                select(func.count()).select_from(propositions_bp).where(*_conditions(filtres))
            ).scalar_one()
            return nombre

    def page_bp(self, filtres: FiltresBP, taille: int = PAR_PAGE) -> PageBP:
        """One page of a list; a page past the end gives the last one (a list that shrank
        since the link was made)."""
        total = self.compter_bp(filtres)
        pages = max(1, -(-total // taille))
        numero = min(max(1, filtres.page), pages)
        with self.moteur.connect() as cnx:
            lignes = list(cnx.execute(_triee(filtres).limit(taille).offset((numero - 1) * taille)))
        return PageBP(lignes, total, numero, pages, taille)

    def proposition_bp(self, proposition_id: UUID) -> Any:
        with self.moteur.connect() as cnx:
            return cnx.execute(
                select(propositions_bp).where(
                    propositions_bp.c.proposition_id == str(proposition_id)
                )
            ).first()

    def etapes_bp(self, proposition_id: UUID) -> list[Any]:
        """The proposal's timeline, oldest step first, with the text of any council decision."""
        requete = (
            select(
                etapes_bp,
                decisions.c.texte.label("decision_texte"),
                decisions.c.date.label("decision_date"),
            )
            .outerjoin(
                decisions,
                and_(
                    decisions.c.seance_id == etapes_bp.c.seance_id,
                    decisions.c.numero == etapes_bp.c.decision,
                ),
            )
            .where(etapes_bp.c.proposition_id == str(proposition_id))
            .order_by(etapes_bp.c.position)
        )
        with self.moteur.connect() as cnx:
            return list(cnx.execute(requete))

    def commentaires_bp(self, proposition_id: UUID) -> list[Any]:
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(commentaires_bp)
                    .where(commentaires_bp.c.proposition_id == str(proposition_id))
                    .order_by(commentaires_bp.c.numero)
                )
            )

    def soutient_bp(self, proposition_id: UUID, personne_id: UUID) -> bool:
        with self.moteur.connect() as cnx:
            return (
                cnx.execute(
                    select(soutiens_bp.c.personne_id).where(
                        soutiens_bp.c.proposition_id == str(proposition_id),
                        soutiens_bp.c.personne_id == str(personne_id),
                    )
                ).first()
                is not None
            )

    def titres_bp(self, ids: list[str]) -> dict[str, Any]:
        """Titles (`titre`, in `langue`) of the proposals a timeline refers to (merges)."""
        if not ids:
            return {}
        with self.moteur.connect() as cnx:
            return {
                r.proposition_id: r
                for r in cnx.execute(
                    select(
                        propositions_bp.c.proposition_id,
                        propositions_bp.c.titre,
                        propositions_bp.c.langue,
                    ).where(propositions_bp.c.proposition_id.in_(ids))
                )
            }

    def cibles_de_fusion_bp(self, arrondissement: int, sauf: UUID, ouverts: list[str]) -> list[Any]:
        """Proposals of the same council a proposal may be merged into (`ouverts`: statuses)."""
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(
                        propositions_bp.c.proposition_id,
                        propositions_bp.c.titre,
                        propositions_bp.c.langue,
                    )
                    .where(
                        propositions_bp.c.arrondissement == arrondissement,
                        propositions_bp.c.proposition_id != str(sauf),
                        propositions_bp.c.statut.in_(ouverts),
                    )
                    .order_by(propositions_bp.c.titre, propositions_bp.c.proposition_id)
                )
            )
