"""Queries of the calendar feeds: a council's séances, past and future, cancelled ones too, and
the councils a person's private feed lists. Read from the read models only; the feeds are built
by `participation.calendrier`."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import Engine, RowMapping, select, union

from domaine.temps import en_utc
from domaine.vocabulaire import Role, StatutSeance
from projections.tables import membres, roles, seances


@dataclass(frozen=True)
class SeanceLue:
    """What a calendar shows of a séance's row."""

    seance_id: str
    arrondissement: int
    date: datetime
    lieu: str
    ordre_du_jour: str
    quartier: str
    theme: str
    annulee: bool
    motif_annulation: str
    sequence: int
    modifiee_le: datetime
    modalite: str = "presentiel"
    lien_visio: str = ""
    accessibilite: str = ""
    """The measures' codes joined by "," (`domaine.modalites.Accessibilite`)."""
    accessibilite_autre: str = ""


_COLONNES = (
    seances.c.seance_id,
    seances.c.arrondissement,
    seances.c.date,
    seances.c.lieu,
    seances.c.ordre_du_jour,
    seances.c.quartier,
    seances.c.theme,
    seances.c.statut,
    seances.c.motif_annulation,
    seances.c.sequence,
    seances.c.modifiee_le,
    seances.c.modalite,
    seances.c.lien_visio,
    seances.c.accessibilite,
    seances.c.accessibilite_autre,
)


def _seance(ligne: RowMapping) -> SeanceLue:
    return SeanceLue(
        seance_id=ligne["seance_id"],
        arrondissement=ligne["arrondissement"],
        date=en_utc(ligne["date"]),
        lieu=ligne["lieu"],
        ordre_du_jour=ligne["ordre_du_jour"],
        quartier=ligne["quartier"],
        theme=ligne["theme"],
        annulee=ligne["statut"] == StatutSeance.ANNULEE.value,
        motif_annulation=ligne["motif_annulation"],
        sequence=ligne["sequence"],
        modifiee_le=en_utc(ligne["modifiee_le"]),
        modalite=ligne["modalite"],
        lien_visio=ligne["lien_visio"],
        accessibilite=ligne["accessibilite"],
        accessibilite_autre=ligne["accessibilite_autre"],
    )


class LectureCalendrier:
    def __init__(self, moteur: Engine) -> None:
        self.moteur = moteur

    def seances_des_conseils(self, arrondissements: Iterable[int]) -> list[SeanceLue]:
        """Every séance of these councils, in date order (ties on the id: the same bytes
        for the same séances, whatever the database's row order)."""
        conseils = sorted(set(arrondissements))
        if not conseils:
            return []
        requete = (
            select(*_COLONNES)
            .where(seances.c.arrondissement.in_(conseils))
            .order_by(seances.c.date, seances.c.seance_id)
        )
        with self.moteur.connect() as cnx:
            return [_seance(r) for r in cnx.execute(requete).mappings()]

    def seance(self, seance_id: UUID) -> SeanceLue | None:
        requete = select(*_COLONNES).where(seances.c.seance_id == str(seance_id))
        with self.moteur.connect() as cnx:
            ligne = cnx.execute(requete).mappings().first()
        return _seance(ligne) if ligne is not None else None

    def conseils_de(self, personne_id: UUID) -> list[int]:
        """The councils whose open assembly the person is a member of now, and those they
        animate (an animateur plans the séances and is at each of them)."""
        qui = str(personne_id)
        requete = union(
            select(membres.c.arrondissement).where(
                membres.c.personne_id == qui, membres.c.actif.is_(True)
            ),
            select(roles.c.arrondissement).where(
                roles.c.personne_id == qui,
                roles.c.role == Role.ANIMATEUR.value,
                roles.c.arrondissement != 0,
            ),
        )
        with self.moteur.connect() as cnx:
            return sorted(cnx.execute(requete).scalars())
