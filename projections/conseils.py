"""Councils and their règlement intérieur, as read models."""

from typing import Any

from sqlalchemy import Connection, insert, update

from domaine.conseils import ConseilCitoyen, id_conseil
from domaine.quartiers import ARRONDISSEMENTS
from domaine.vocabulaire import RegleMajorite, StatutConformite
from projections.tables import conseils, reglements


def _institue(cnx: Connection, e: Any) -> None:
    cnx.execute(
        insert(conseils).values(
            arrondissement=e.arrondissement,
            institue_le=e.timestamp,
            regle_majorite=RegleMajorite.SIMPLE.value,
        )
    )


def _regle(cnx: Connection, e: Any) -> None:
    cnx.execute(
        update(conseils)
        .where(conseils.c.arrondissement == _ARRONDISSEMENTS_PAR_ID[e.originator_id])
        .values(regle_majorite=e.regle)
    )


def _reglement_depose(cnx: Connection, e: Any) -> None:
    cnx.execute(
        insert(reglements).values(
            arrondissement=_ARRONDISSEMENTS_PAR_ID[e.originator_id],
            numero=e.numero,
            texte=e.texte,
            depose_le=e.timestamp,
            statut=StatutConformite.EN_ATTENTE.value,
            statue_par_role=None,
            motif="",
        )
    )


def _conformite(cnx: Connection, e: Any) -> None:
    cnx.execute(
        update(reglements)
        .where(reglements.c.arrondissement == _ARRONDISSEMENTS_PAR_ID[e.originator_id])
        .where(reglements.c.numero == e.numero)
        .values(statut=e.statut, statue_par_role=e.role, motif=e.motif)
    )


_ARRONDISSEMENTS_PAR_ID = {id_conseil(a): a for a in ARRONDISSEMENTS}

GESTIONNAIRES = {
    ConseilCitoyen.Institue: _institue,
    ConseilCitoyen.RegleMajoriteFixee: _regle,
    ConseilCitoyen.ReglementDepose: _reglement_depose,
    ConseilCitoyen.ConformiteStatuee: _conformite,
}
