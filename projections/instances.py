"""The bodies of the contrat de ville, the councils' mandates in them, their meetings, the
delegates present and the reports back, as read models (`domaine.instances`)."""

from typing import Any

from sqlalchemy import bindparam, delete, insert, update

from domaine.instances import Delegation, Instance, id_delegation
from domaine.quartiers import TOUS_LES_ARRONDISSEMENTS
from projections.lot import Lot
from projections.tables import (
    comptes_rendus_mandat,
    instances,
    mandats,
    presences_instances,
    reunions_instances,
)

_ARRONDISSEMENTS_PAR_ID = {id_delegation(a): a for a in TOUS_LES_ARRONDISSEMENTS}
_CREER = insert(instances)
_MANDAT = insert(mandats)
_TERMINER = (
    update(mandats)
    .where(mandats.c.mandat_id == bindparam("p_mandat_id"))
    .values(termine_le=bindparam("p_le"), motif_fin=bindparam("p_motif"))
)
_REUNION = insert(reunions_instances)
_EFFACER_PRESENCES = delete(presences_instances).where(
    presences_instances.c.reunion_id == bindparam("p_reunion_id"),
    presences_instances.c.arrondissement == bindparam("p_arrondissement"),
)
_PRESENCE = insert(presences_instances)
_COMPTE_RENDU = insert(comptes_rendus_mandat)
_PRESENTER = (
    update(comptes_rendus_mandat)
    .where(comptes_rendus_mandat.c.compte_rendu_id == bindparam("p_id"))
    .values(seance_id=bindparam("p_seance_id"), presente_le=bindparam("p_le"))
)


def _creee(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _CREER,
        instance_id=str(e.originator_id),
        nature=e.nature,
        nom=e.nom,
        arrondissement=e.arrondissement,
        creee_le=e.timestamp,
    )


def _reunion(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _REUNION,
        reunion_id=e.reunion_id,
        instance_id=str(e.originator_id),
        tenue_le=e.tenue_le,
        ordre_du_jour=e.ordre_du_jour,
    )


def _presences(lot: Lot, e: Any) -> None:
    lot.ecrire(_EFFACER_PRESENCES, p_reunion_id=e.reunion_id, p_arrondissement=e.arrondissement)
    for mandat_id in e.mandats:
        lot.ecrire(
            _PRESENCE, reunion_id=e.reunion_id, mandat_id=mandat_id, arrondissement=e.arrondissement
        )


def _compte_rendu(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _COMPTE_RENDU,
        compte_rendu_id=e.compte_rendu_id,
        reunion_id=e.reunion_id,
        instance_id=str(e.originator_id),
        arrondissement=e.arrondissement,
        mandat_id=e.mandat_id,
        texte=e.texte,
        redige_le=e.timestamp,
        seance_id=None,
        presente_le=None,
    )


def _presente(lot: Lot, e: Any) -> None:
    lot.ecrire(_PRESENTER, p_id=e.compte_rendu_id, p_seance_id=str(e.seance_id), p_le=e.presente_le)


def _designes(lot: Lot, e: Any) -> None:
    arrondissement = _ARRONDISSEMENTS_PAR_ID[e.originator_id]
    for m in e.mandats:
        lot.ecrire(
            _MANDAT,
            mandat_id=m["mandat_id"],
            arrondissement=arrondissement,
            instance_id=e.instance_id,
            personne_id=m["personne_id"],
            role=m["role"],
            debut=e.debut,
            fin=e.fin,
            termine_le=None,
            motif_fin="",
            voie=e.voie,
            seance_id=None if e.seance_id is None else str(e.seance_id),
            decision=e.decision,
            tirage_id=None if e.tirage_id is None else str(e.tirage_id),
            renouvelle=m.get("renouvelle", ""),
            designe_le=e.timestamp,
        )


def _termine(lot: Lot, e: Any) -> None:
    lot.ecrire(_TERMINER, p_mandat_id=e.mandat_id, p_le=e.termine_le, p_motif=e.motif)


GESTIONNAIRES = {
    Instance.Creee: _creee,
    Instance.ReunionEnregistree: _reunion,
    Instance.PresencesEnregistrees: _presences,
    Instance.CompteRenduRedige: _compte_rendu,
    Instance.CompteRenduPresente: _presente,
    Delegation.MandatsDesignes: _designes,
    Delegation.MandatTermine: _termine,
}
