"""Queries of a council's means and training records, for the agents' page. Read models only."""

from typing import Any

from sqlalchemy import Engine, select

from projections.tables import moyens

ORDRE_DES_NATURES = (
    "engagement",
    "budget",
    "salle",
    "accompagnement",
    "formation",
    "participations",
)


class LectureMoyens:
    def __init__(self, moteur: Engine) -> None:
        self.moteur = moteur

    def enregistrements(self, arrondissement: int) -> list[Any]:
        """Every record of the council, in force and cancelled, by kind then latest first."""
        c = moyens.c
        requete = (
            select(moyens)
            .where(c.arrondissement == arrondissement)
            .order_by(c.enregistre_le.desc(), c.entree)
        )
        with self.moteur.connect() as cnx:
            lignes = list(cnx.execute(requete))
        return sorted(lignes, key=lambda ligne: ORDRE_DES_NATURES.index(ligne.nature))

    def formations(self, arrondissement: int) -> list[Any]:
        """The council's trainings in force (for the attendance form), latest first."""
        c = moyens.c
        requete = (
            select(c.entree, c.resume, c.jour)
            .where(
                c.arrondissement == arrondissement,
                c.nature == "formation",
                c.annulee.is_(False),
            )
            .order_by(c.jour.desc(), c.entree)
        )
        with self.moteur.connect() as cnx:
            return list(cnx.execute(requete))
