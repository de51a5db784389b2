"""The groupe moteur as its page needs it, from the read models only: targets, members and the
seats announced tirages hold, in the domain's own types. The page computes the default quotas
and checks an announcement with the domain's rules (`domaine.quotas`) on them: a GET never
replays the aggregate. `Lecture` inherits the query (`plateforme.lecture`)."""

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from domaine.groupe_moteur import Membre, Objectifs, compter_places_libres
from domaine.quotas import minimums_reserves
from domaine.temps import en_utc
from domaine.vocabulaire import College, Genre, VoieEntree
from projections.tables import groupes_moteurs, membres_gm, tirages


@dataclass(frozen=True)
class EtatGroupeMoteur:
    objectifs: Objectifs
    membres: list[Membre]  # by date of entry
    reservations: list[tuple[int, dict[str, Any]]]  # per tirage not drawn: seats, quotas

    @property
    def places_reservees(self) -> int:
        return sum(places for places, _ in self.reservations)

    @property
    def places_libres(self) -> int:
        return compter_places_libres(self.objectifs, len(self.membres), self.places_reservees)

    @property
    def minimums_reserves(self) -> dict[tuple[str, str], int]:
        """What the announced tirages will seat at the least (`domaine.quotas`)."""
        return minimums_reserves(quotas for _, quotas in self.reservations)


def membre(ligne: Any) -> Membre:
    """A row of `lecture_membres_groupe_moteur` as the domain's `Membre`."""
    return Membre(
        ligne.membre_id,
        College(ligne.college),
        Genre(ligne.genre),
        ligne.quartier,
        VoieEntree(ligne.voie),
        en_utc(ligne.depuis),
        ligne.tirage_id,
        en_utc(ligne.reponse_avant) if ligne.reponse_avant is not None else None,
    )


class LectureGroupeMoteur:
    moteur: Engine

    def etat_groupe_moteur(self, arrondissement: int) -> EtatGroupeMoteur | None:
        """None before the groupe moteur is constituted."""
        with self.moteur.connect() as cnx:
            groupe = cnx.execute(
                select(groupes_moteurs).where(groupes_moteurs.c.arrondissement == arrondissement)
            ).first()
            if groupe is None:
                return None
            lignes = cnx.execute(
                select(membres_gm)
                .where(membres_gm.c.arrondissement == arrondissement)
                .order_by(membres_gm.c.depuis, membres_gm.c.membre_id)
            )
            membres = [membre(ligne) for ligne in lignes]
            reservations = cnx.execute(
                select(tirages.c.places_reservees, tirages.c.document)
                .where(tirages.c.arrondissement == arrondissement, tirages.c.places_reservees > 0)
                .order_by(tirages.c.tirage_id)
            )
            return EtatGroupeMoteur(
                Objectifs(
                    groupe.taille, groupe.part_habitants, groupe.parite, groupe.minimum_par_quartier
                ),
                membres,
                [(r.places_reservees, json.loads(r.document)["quotas"]) for r in reservations],
            )
