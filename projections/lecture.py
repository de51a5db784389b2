"""Queries the web pages run: they read only the read models, never the event log."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Engine, and_, func, select

from domaine.quartiers import Quartier, geographie_au
from domaine.temps import jour_a_paris
from projections.lecture_budget import LectureBudget
from projections.lecture_groupe_moteur import LectureGroupeMoteur
from projections.tables import (
    conseils,
    decisions,
    groupes_moteurs,
    membres,
    membres_gm,
    mouvements_gm,
    presences,
    reglements,
    roles,
    seances,
    structures_porteuses,
    tirages,
)


@dataclass
class Effectifs:
    """Head counts of an open assembly, split the way the home page shows them."""

    total: int = 0
    par_college: Counter[str] = field(default_factory=Counter)
    par_genre: Counter[str] = field(default_factory=Counter)
    par_college_genre: Counter[tuple[str, str]] = field(default_factory=Counter)
    par_quartier: Counter[str] = field(default_factory=Counter)


@dataclass
class ResumeConseil:
    arrondissement: int
    effectifs: Effectifs
    quartiers: tuple[Quartier, ...]


class Lecture(LectureBudget, LectureGroupeMoteur):
    def __init__(self, moteur: Engine) -> None:
        self.moteur = moteur

    def effectifs(self, arrondissement: int | None = None) -> dict[int, Effectifs]:
        requete = (
            select(
                membres.c.arrondissement,
                membres.c.college,
                membres.c.genre,
                membres.c.quartier,
                func.count(),
            )
            .where(membres.c.actif.is_(True))
            .group_by(
                membres.c.arrondissement, membres.c.college, membres.c.genre, membres.c.quartier
            )
        )
        if arrondissement is not None:
            requete = requete.where(membres.c.arrondissement == arrondissement)
        resultat: dict[int, Effectifs] = {}
        with self.moteur.connect() as cnx:
            for arr, college, genre, quartier, nombre in cnx.execute(requete):
                e = resultat.setdefault(arr, Effectifs())
                e.total += nombre
                e.par_college[college] += nombre
                e.par_genre[genre] += nombre
                e.par_college_genre[(college, genre)] += nombre
                e.par_quartier[quartier] += nombre
        return resultat

    def resumes(self, arrondissements: tuple[int, ...], jour: datetime) -> list[ResumeConseil]:
        effectifs = self.effectifs()
        geo = geographie_au(jour_a_paris(jour))
        return [
            ResumeConseil(a, effectifs.get(a, Effectifs()), geo.quartiers_de(a))
            for a in arrondissements
        ]

    def conseil(self, arrondissement: int) -> Any:
        with self.moteur.connect() as cnx:
            return cnx.execute(
                select(conseils).where(conseils.c.arrondissement == arrondissement)
            ).first()

    def reglements(self, arrondissement: int) -> list[Any]:
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(reglements)
                    .where(reglements.c.arrondissement == arrondissement)
                    .order_by(reglements.c.numero.desc())
                )
            )

    def structures_porteuses(self, arrondissement: int) -> list[Any]:
        """The council's carrying structures, the current one (latest start) first."""
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(structures_porteuses)
                    .where(structures_porteuses.c.arrondissement == arrondissement)
                    .order_by(structures_porteuses.c.depuis.desc())
                )
            )

    def adhesion(self, arrondissement: int, personne_id: UUID) -> Any:
        with self.moteur.connect() as cnx:
            return cnx.execute(
                select(membres).where(
                    and_(
                        membres.c.arrondissement == arrondissement,
                        membres.c.personne_id == str(personne_id),
                    )
                )
            ).first()

    def adhesions_de(self, personne_id: UUID) -> list[Any]:
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(membres)
                    .where(membres.c.personne_id == str(personne_id))
                    .order_by(membres.c.arrondissement)
                )
            )

    def membres_actifs(self, arrondissement: int) -> list[Any]:
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(membres)
                    .where(membres.c.arrondissement == arrondissement, membres.c.actif.is_(True))
                    .order_by(membres.c.entre_le)
                )
            )

    def seances(
        self, arrondissement: int, maintenant: datetime, a_venir: bool, limite: int = 50
    ) -> list[Any]:
        requete = select(seances).where(seances.c.arrondissement == arrondissement)
        if a_venir:
            requete = requete.where(seances.c.date > maintenant).order_by(seances.c.date)
        else:
            requete = requete.where(seances.c.date <= maintenant).order_by(seances.c.date.desc())
        with self.moteur.connect() as cnx:
            return list(cnx.execute(requete.limit(limite)))

    def seance(self, seance_id: UUID) -> Any:
        with self.moteur.connect() as cnx:
            return cnx.execute(select(seances).where(seances.c.seance_id == str(seance_id))).first()

    def presents(self, seance_id: UUID) -> set[UUID]:
        with self.moteur.connect() as cnx:
            return {
                UUID(p)
                for p in cnx.execute(
                    select(presences.c.personne_id).where(presences.c.seance_id == str(seance_id))
                ).scalars()
            }

    def decisions_de_seance(self, seance_id: UUID) -> list[Any]:
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(decisions)
                    .where(decisions.c.seance_id == str(seance_id))
                    .order_by(decisions.c.numero)
                )
            )

    def decisions_adoptees(self, arrondissement: int, limite: int = 50) -> list[Any]:
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(decisions)
                    .where(
                        decisions.c.arrondissement == arrondissement,
                        decisions.c.adoptee.is_(True),
                    )
                    .order_by(decisions.c.date.desc(), decisions.c.numero)
                    .limit(limite)
                )
            )

    def volontaires_groupe_moteur(self, arrondissement: int) -> list[Any]:
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(membres)
                    .where(
                        membres.c.arrondissement == arrondissement,
                        membres.c.actif.is_(True),
                        membres.c.volontaire_gm.is_(True),
                    )
                    .order_by(membres.c.personne_id)
                )
            )

    def groupe_moteur(self, arrondissement: int) -> Any:
        with self.moteur.connect() as cnx:
            return cnx.execute(
                select(groupes_moteurs).where(groupes_moteurs.c.arrondissement == arrondissement)
            ).first()

    def membres_groupe_moteur(self, arrondissement: int) -> list[Any]:
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(membres_gm)
                    .where(membres_gm.c.arrondissement == arrondissement)
                    .order_by(membres_gm.c.depuis, membres_gm.c.membre_id)
                )
            )

    def mouvements_groupe_moteur(self, arrondissement: int, limite: int = 200) -> list[Any]:
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(mouvements_gm)
                    .where(mouvements_gm.c.arrondissement == arrondissement)
                    .order_by(mouvements_gm.c.position.desc())
                    .limit(limite)
                )
            )

    def tirages(self, arrondissement: int) -> list[Any]:
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(*[c for c in tirages.c if c.name != "document"])
                    .where(tirages.c.arrondissement == arrondissement, tirages.c.objet == "")
                    .order_by(tirages.c.annonce_le.desc())
                )
            )

    def tirage(self, tirage_id: UUID) -> Any:
        with self.moteur.connect() as cnx:
            return cnx.execute(select(tirages).where(tirages.c.tirage_id == str(tirage_id))).first()

    def roles(self) -> dict[UUID, list[tuple[str, int]]]:
        resultat: dict[UUID, list[tuple[str, int]]] = {}
        with self.moteur.connect() as cnx:
            for r in cnx.execute(select(roles).order_by(roles.c.role, roles.c.arrondissement)):
                resultat.setdefault(UUID(r.personne_id), []).append((r.role, r.arrondissement))
        return resultat
