"""The councils' documents and the setting that opens deposits to members, as read models."""

from typing import Any

from sqlalchemy import bindparam, delete, insert, update

from domaine.conseils import ConseilCitoyen, id_conseil
from domaine.documents import Document
from domaine.quartiers import TOUS_LES_ARRONDISSEMENTS
from projections.lot import Lot
from projections.tables import depots_ouverts, documents

_ARRONDISSEMENTS_PAR_ID = {id_conseil(a): a for a in TOUS_LES_ARRONDISSEMENTS}
_DEPOSER = insert(documents)
_RETIRER = (
    update(documents)
    .where(documents.c.document_id == bindparam("p_id"))
    .values(retire=True, retire_le=bindparam("p_le"), motif_retrait=bindparam("p_motif"))
)
_OUVRIR = insert(depots_ouverts)
_FERMER = delete(depots_ouverts).where(
    depots_ouverts.c.arrondissement == bindparam("p_arrondissement")
)


def _id(valeur: Any) -> str | None:
    return None if valeur is None else str(valeur)


def _depose(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _DEPOSER,
        document_id=str(e.originator_id),
        arrondissement=e.arrondissement,
        titre=e.titre,
        jour=e.jour,
        nature=e.nature,
        seance_id=_id(e.seance_id),
        avis_id=_id(e.avis_id),
        proposition_id=_id(e.proposition_id),
        empreinte=e.empreinte,
        taille=e.taille,
        type_media=e.type_media,
        depose_par=str(e.par),
        role=e.role,
        depose_le=e.timestamp,
        retire=False,
        retire_le=None,
        motif_retrait="",
    )


def _retire(lot: Lot, e: Any) -> None:
    lot.ecrire(_RETIRER, p_id=str(e.originator_id), p_le=e.timestamp, p_motif=e.motif)


def _depots_regles(lot: Lot, e: Any) -> None:
    arrondissement = _ARRONDISSEMENTS_PAR_ID[e.originator_id]
    if e.ouverts:
        lot.ecrire(_OUVRIR, arrondissement=arrondissement, depuis=e.timestamp)
    else:
        lot.ecrire(_FERMER, p_arrondissement=arrondissement)


GESTIONNAIRES = {
    Document.Depose: _depose,
    Document.Retire: _retire,
    ConseilCitoyen.DepotsDesMembresRegles: _depots_regles,
}
