"""Queries of the séance pages that grow with the council: the attendance sheet.

A council's open assembly reaches 700 to 1,000 members after a few years. The sheet of a séance
is read in three queries whatever its size (the members of that day, who is present, and the
names, which `stockage.identites` reads 500 at a time); search, filters, numbering and
pages are then computed in memory, which takes a few milliseconds for a thousand lines.
"""

import hashlib
import unicodedata
from collections.abc import Mapping, Set
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import Engine, and_, or_, select

from domaine.temps import en_utc, fin_du_jour, jour_a_paris
from langues import N_
from projections.tables import membres, presences, scrutins, votants_scrutins

PAR_PAGE = 50
"""Lines shown at once on the screen (the PDF holds them all)."""
ETATS = {"": N_("Tout le monde"), "presents": N_("Présent·es"), "absents": N_("Absent·es")}
"""The presence filter of the sheet."""


@dataclass(frozen=True)
class Ligne:
    """One line of the sheet: the same number on the screen, the PDF and the quick entry."""

    numero: int
    personne_id: str
    nom: str
    """Empty for a person whose account was erased."""
    college: str
    present: bool
    parti: bool
    """Left the assembly since the séance (still on the sheet of that day)."""
    arrive: bool
    """Joined after the séance started, on its day (at the séance itself, usually): after the
    members of the start, so that their lines do not shift the printed sheet's numbers."""
    cle: str
    """The name folded for search and sorting (lower case, no accents)."""
    a_distance: bool = False
    """Present remotely (an online or hybrid séance), as they declared themselves."""


@dataclass(frozen=True)
class Feuille:
    """The attendance sheet of a séance: the members of the assembly on its day, numbered in
    alphabetical order."""

    lignes: tuple[Ligne, ...]
    au: datetime
    """The list is the assembly as of this instant (the séance's start, or now before it)."""

    @property
    def total(self) -> int:
        return len(self.lignes)

    @property
    def presents(self) -> int:
        return sum(1 for ligne in self.lignes if ligne.present)

    @property
    def a_distance(self) -> int:
        """Of `presents`, those who attended remotely."""
        return sum(1 for ligne in self.lignes if ligne.present and ligne.a_distance)

    @property
    def controle(self) -> str:
        """Four characters that change whenever the numbering of the members of `au` does
        (someone joined before the séance, or was renamed): printed on the PDF and shown next
        to the quick entry, so that a sheet printed before such a change is not entered
        against the new numbers. People who joined later that day do not change it."""
        ids = "\n".join(ligne.personne_id for ligne in self.lignes if not ligne.arrive)
        return hashlib.sha256(ids.encode()).hexdigest()[:4].upper()

    def par_numero(self) -> dict[int, Ligne]:
        return {ligne.numero: ligne for ligne in self.lignes}

    def filtrer(self, recherche: str = "", college: str = "", etat: str = "") -> list[Ligne]:
        """Lines whose name holds every word typed (accents and case ignored), or whose number
        is the one typed; then by college and by presence."""
        mots = plier(recherche).split()
        resultat = []
        for ligne in self.lignes:
            if mots and not all(m in ligne.cle or m == str(ligne.numero) for m in mots):
                continue
            if college and ligne.college != college:
                continue
            if (etat == "presents" and not ligne.present) or (etat == "absents" and ligne.present):
                continue
            resultat.append(ligne)
        return resultat


def plier(texte: str) -> str:
    """Lower case without accents: "Émilie" and "emilie" sort and match alike."""
    decompose = unicodedata.normalize("NFKD", texte.casefold())
    return "".join(c for c in decompose if not unicodedata.combining(c))


class LectureSeances:
    """Reads the read models only (names come from the caller: they are personal data)."""

    def __init__(self, moteur: Engine) -> None:
        self.moteur = moteur

    def membres_de_la_seance(
        self, arrondissement: int, seance_id: UUID, date: datetime, maintenant: datetime
    ) -> tuple[list[tuple[str, str, bool, bool]], set[str], datetime]:
        """(person, college, left since, joined after `au`) of everyone on the séance's sheet,
        the people marked present, and the instant `au` the list stands for.

        On the sheet: members when the séance started, and people who joined from then to
        the end of its day in Paris, even if they left that evening (the domain's
        `Seance.membre_ce_jour_la`); before the séance, the current members. Read from the
        members' current rows (last entry, last exit), so a member who left after the séance
        and came back later is missed unless marked present: everyone marked present is on
        the sheet whatever the rows say."""
        au = min(date, maintenant)
        fin = min(fin_du_jour(jour_a_paris(date)) - timedelta(microseconds=1), maintenant)
        seance = str(seance_id)
        presents_de_la_seance = select(presences.c.personne_id).where(
            presences.c.seance_id == seance
        )
        requete = select(
            membres.c.personne_id, membres.c.college, membres.c.actif, membres.c.entre_le
        ).where(
            membres.c.arrondissement == arrondissement,
            or_(
                and_(
                    membres.c.entre_le <= fin,
                    or_(membres.c.actif.is_(True), membres.c.sorti_le > au),
                ),
                membres.c.personne_id.in_(presents_de_la_seance),
            ),
        )
        with self.moteur.connect() as cnx:
            lignes = [
                (r.personne_id, r.college, not r.actif, en_utc(r.entre_le) > au)
                for r in cnx.execute(requete)
            ]
            presents = set(cnx.execute(presents_de_la_seance).scalars())
        return lignes, presents, au

    def scrutins(self, seance_id: UUID) -> list[Any]:
        """The séance's online polls, in order (counts only once closed)."""
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(scrutins)
                    .where(scrutins.c.seance_id == str(seance_id))
                    .order_by(scrutins.c.numero)
                )
            )

    def scrutins_votes(self, seance_id: UUID, personne_id: UUID) -> set[int]:
        """The numbers of the polls this person voted in (never how)."""
        with self.moteur.connect() as cnx:
            return set(
                cnx.execute(
                    select(votants_scrutins.c.numero).where(
                        votants_scrutins.c.seance_id == str(seance_id),
                        votants_scrutins.c.personne_id == str(personne_id),
                    )
                ).scalars()
            )

    def a_distance(self, seance_id: UUID) -> set[str]:
        """The people present remotely at a séance (online or hybrid)."""
        with self.moteur.connect() as cnx:
            return set(
                cnx.execute(
                    select(presences.c.personne_id).where(
                        presences.c.seance_id == str(seance_id), presences.c.a_distance.is_(True)
                    )
                ).scalars()
            )


def feuille(
    membres_du_jour: list[tuple[str, str, bool, bool]],
    presents: set[str],
    noms: Mapping[UUID, str],
    au: datetime,
    a_distance: Set[str] = frozenset(),
) -> Feuille:
    """Number the lines in alphabetical order (erased people last), the members of `au` first
    and those who joined later that day after them; ties on the person id, so that the
    numbering never depends on the database's row order."""
    tries = sorted(
        (
            (arrive, plier(noms.get(UUID(pid), "")), noms.get(UUID(pid), ""), pid, college, parti)
            for pid, college, parti, arrive in membres_du_jour
        ),
        key=lambda t: (t[0], t[1] == "", t[1], t[2], t[3]),
    )
    return Feuille(
        tuple(
            Ligne(i, pid, nom, college, pid in presents, parti, arrive, cle, pid in a_distance)
            for i, (arrive, cle, nom, pid, college, parti) in enumerate(tries, start=1)
        ),
        au,
    )
