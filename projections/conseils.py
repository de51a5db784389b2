"""Councils and their règlement intérieur, as read models."""

from typing import Any

from sqlalchemy import bindparam, insert, update

from domaine.conseils import DELAI_REPONSE_AVIS_MOIS, ConseilCitoyen, id_conseil
from domaine.quartiers import TOUS_LES_ARRONDISSEMENTS
from domaine.vocabulaire import RegleMajorite, StatutConformite
from projections.lot import Lot
from projections.tables import conseils, reglements, structures_porteuses

_ARRONDISSEMENTS_PAR_ID = {id_conseil(a): a for a in TOUS_LES_ARRONDISSEMENTS}

_INSTITUER = insert(conseils)
_REGLE = (
    update(conseils)
    .where(conseils.c.arrondissement == bindparam("p_arrondissement"))
    .values(regle_majorite=bindparam("p_regle"))
)
_DELAI = (
    update(conseils)
    .where(conseils.c.arrondissement == bindparam("p_arrondissement"))
    .values(delai_reponse_avis_mois=bindparam("p_mois"))
)
_DEPOSER = insert(reglements)
_DESIGNER = insert(structures_porteuses)
_STATUER = (
    update(reglements)
    .where(
        reglements.c.arrondissement == bindparam("p_arrondissement"),
        reglements.c.numero == bindparam("p_numero"),
    )
    .values(
        statut=bindparam("p_statut"),
        statue_par_role=bindparam("p_role"),
        motif=bindparam("p_motif"),
    )
)


def _structure_porteuse(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _DESIGNER,
        arrondissement=_ARRONDISSEMENTS_PAR_ID[e.originator_id],
        depuis=e.depuis,
        nom=e.nom,
        forme=e.forme,
    )


def _institue(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _INSTITUER,
        arrondissement=e.arrondissement,
        institue_le=e.timestamp,
        regle_majorite=RegleMajorite.SIMPLE.value,
        delai_reponse_avis_mois=DELAI_REPONSE_AVIS_MOIS,
    )


def _regle(lot: Lot, e: Any) -> None:
    lot.ecrire(_REGLE, p_arrondissement=_ARRONDISSEMENTS_PAR_ID[e.originator_id], p_regle=e.regle)


def _delai(lot: Lot, e: Any) -> None:
    lot.ecrire(_DELAI, p_arrondissement=_ARRONDISSEMENTS_PAR_ID[e.originator_id], p_mois=e.mois)


def _reglement_depose(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _DEPOSER,
        arrondissement=_ARRONDISSEMENTS_PAR_ID[e.originator_id],
        numero=e.numero,
        texte=e.texte,
        depose_le=e.timestamp,
        statut=StatutConformite.EN_ATTENTE.value,
        statue_par_role=None,
        motif="",
    )


def _conformite(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _STATUER,
        p_arrondissement=_ARRONDISSEMENTS_PAR_ID[e.originator_id],
        p_numero=e.numero,
        p_statut=e.statut,
        p_role=e.role,
        p_motif=e.motif,
    )


GESTIONNAIRES = {
    ConseilCitoyen.Institue: _institue,
    ConseilCitoyen.RegleMajoriteFixee: _regle,
    ConseilCitoyen.DelaiReponseAvisFixe: _delai,
    ConseilCitoyen.ReglementDepose: _reglement_depose,
    ConseilCitoyen.ConformiteStatuee: _conformite,
    ConseilCitoyen.StructurePorteuseDesignee: _structure_porteuse,
}
