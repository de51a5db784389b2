"""Queries of the public pages of the tamper-evident log: a council's journal, page by page."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select

from domaine.temps import en_utc
from projections.tables import journal

PAR_PAGE = 50


@dataclass(frozen=True)
class LigneJournal:
    position: int
    le: datetime
    type: str
    role: str


@dataclass(frozen=True)
class PageJournal:
    numero: int
    lignes: list[LigneJournal]
    suivante: bool


class LectureJournal:
    def __init__(self, moteur: Engine) -> None:
        self.moteur = moteur

    def page(self, arrondissement: int, numero: int, par_page: int = PAR_PAGE) -> PageJournal:
        """Most recent first; one row more than shown tells whether a next page exists."""
        requete = (
            select(journal.c.position, journal.c.le, journal.c.type, journal.c.role)
            .where(journal.c.arrondissement == arrondissement)
            .order_by(journal.c.position.desc())
            .offset((numero - 1) * par_page)
            .limit(par_page + 1)
        )
        with self.moteur.connect() as cnx:
            lignes = [
                LigneJournal(int(p), en_utc(le), t, r) for p, le, t, r in cnx.execute(requete)
            ]
        return PageJournal(numero, lignes[:par_page], len(lignes) > par_page)
