"""Queries of the bodies of the contrat de ville and of a council's delegates, for its pages."""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, or_, select

from projections.tables import (
    comptes_rendus_mandat,
    instances,
    mandats,
    presences_instances,
    reunions_instances,
)


@dataclass
class ReunionVue:
    """A meeting of a body, as one council's page shows it."""

    reunion: Any  # the meeting's row, with its body's `nom` and `nature`
    presents: list[str] = field(default_factory=list)  # the council's mandates present
    comptes_rendus: list[Any] = field(default_factory=list)  # the council's reports back


class LectureInstances:
    def __init__(self, moteur: Engine) -> None:
        self.moteur = moteur

    def instances(self, arrondissement: int | None = None) -> list[Any]:
        """Every body, or those concerning a council (Paris-wide ones and its own)."""
        requete = select(instances).order_by(
            instances.c.arrondissement, instances.c.nature, instances.c.nom
        )
        if arrondissement is not None:
            requete = requete.where(instances.c.arrondissement.in_((0, arrondissement)))
        with self.moteur.connect() as cnx:
            return list(cnx.execute(requete))

    def mandats(self, arrondissement: int) -> list[Any]:
        """The council's mandates, latest first, with their body's name and kind."""
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(mandats, instances.c.nom, instances.c.nature)
                    .join(instances, instances.c.instance_id == mandats.c.instance_id)
                    .where(mandats.c.arrondissement == arrondissement)
                    .order_by(
                        mandats.c.debut.desc(), instances.c.nom, mandats.c.role.desc(),
                        mandats.c.mandat_id,
                    )
                )
            )  # fmt: skip

    def reunions(self, arrondissement: int) -> list[ReunionVue]:
        """The meetings of the bodies concerning the council, latest first, with its
        delegates present and its reports back."""
        with self.moteur.connect() as cnx:
            lignes = cnx.execute(
                select(reunions_instances, instances.c.nom, instances.c.nature)
                .join(instances, instances.c.instance_id == reunions_instances.c.instance_id)
                .where(or_(instances.c.arrondissement == 0,
                           instances.c.arrondissement == arrondissement))
                .order_by(reunions_instances.c.tenue_le.desc(), instances.c.nom)
            ).all()  # fmt: skip
            vues = {ligne.reunion_id: ReunionVue(ligne) for ligne in lignes}
            for p in cnx.execute(
                select(presences_instances)
                .where(presences_instances.c.arrondissement == arrondissement)
                .order_by(presences_instances.c.mandat_id)
            ):
                if p.reunion_id in vues:
                    vues[p.reunion_id].presents.append(p.mandat_id)
            for cr in cnx.execute(
                select(comptes_rendus_mandat)
                .where(comptes_rendus_mandat.c.arrondissement == arrondissement)
                .order_by(comptes_rendus_mandat.c.redige_le)
            ):
                if cr.reunion_id in vues:
                    vues[cr.reunion_id].comptes_rendus.append(cr)
        return list(vues.values())
