"""The groupe moteur (targets, members, history) and its tirages (with the seats each holds
until its draw), as read models."""

import json
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update

from domaine.groupe_moteur import GroupeMoteur, id_groupe_moteur
from domaine.quartiers import TOUS_LES_ARRONDISSEMENTS
from domaine.rappels import notification_reponses_en_retard
from domaine.tirages import Tirage, tirage_du_record
from projections.lot import Lot
from projections.notifications import destinataires, notifier
from projections.tables import groupes_moteurs, membres_gm, mouvements_gm, tirages
from tirage.canonique import octets

_ARRONDISSEMENTS_PAR_ID = {id_groupe_moteur(a): a for a in TOUS_LES_ARRONDISSEMENTS}

_CONSTITUER = insert(groupes_moteurs)
_OBJECTIFS = (
    update(groupes_moteurs)
    .where(groupes_moteurs.c.arrondissement == bindparam("p_arrondissement"))
    .values(
        taille=bindparam("p_taille"),
        part_habitants=bindparam("p_part"),
        parite=bindparam("p_parite"),
        minimum_par_quartier=bindparam("p_minimum"),
    )
)
_MOUVEMENT = insert(mouvements_gm)
_ENTRER = insert(membres_gm)
_SORTIR = delete(membres_gm).where(
    membres_gm.c.arrondissement == bindparam("p_arrondissement"),
    membres_gm.c.membre_id == bindparam("p_membre_id"),
)
_ACCEPTER = (
    update(membres_gm)
    .where(
        membres_gm.c.arrondissement == bindparam("p_arrondissement"),
        membres_gm.c.membre_id == bindparam("p_membre_id"),
    )
    .values(reponse_avant=None)
)
_ANNONCER = insert(tirages)
_EFFECTUER = (
    update(tirages)
    .where(tirages.c.tirage_id == bindparam("p_tirage_id"))
    .values(
        effectue_le=bindparam("p_le"),
        hasard=bindparam("p_hasard"),
        ticket=bindparam("p_ticket"),
        document=bindparam("p_document"),
    )
)

_RESERVER = (
    update(tirages)
    .where(tirages.c.tirage_id == bindparam("p_tirage_id"))
    .values(places_reservees=bindparam("p_places"))
)


def _constitue(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _CONSTITUER,
        arrondissement=e.arrondissement,
        taille=e.taille,
        part_habitants=e.part_habitants,
        parite=e.parite,
        minimum_par_quartier=e.minimum_par_quartier,
        constitue_le=e.timestamp,
    )


def _objectifs(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _OBJECTIFS,
        p_arrondissement=_ARRONDISSEMENTS_PAR_ID[e.originator_id],
        p_taille=e.taille,
        p_part=e.part_habitants,
        p_parite=e.parite,
        p_minimum=e.minimum_par_quartier,
    )


def _mouvement(lot: Lot, e: Any, position: int, sens: str, **traits: Any) -> None:
    lot.ecrire(
        _MOUVEMENT,
        position=position,
        arrondissement=_ARRONDISSEMENTS_PAR_ID[e.originator_id],
        membre_id=e.membre_id,
        sens=sens,
        le=e.timestamp,
        **traits,
    )


def _entre(lot: Lot, e: Any) -> None:
    traits = {"college": e.college, "genre": e.genre, "quartier": e.quartier}
    arrondissement = _ARRONDISSEMENTS_PAR_ID[e.originator_id]
    lot.ecrire(
        _ENTRER,
        arrondissement=arrondissement,
        membre_id=e.membre_id,
        voie=e.voie,
        tirage_id=e.tirage_id,
        depuis=e.timestamp,
        reponse_avant=e.reponse_avant,
        **traits,
    )
    _mouvement(
        lot, e, lot.position, "entree", voie_ou_motif=e.voie, tirage_id=e.tirage_id, **traits
    )


def _consensus(lot: Lot, e: Any) -> None:
    arrondissement = _ARRONDISSEMENTS_PAR_ID[e.originator_id]
    for m in e.membres:
        traits = {"college": "acteur_local", "genre": m["genre"], "quartier": m["quartier"]}
        lot.ecrire(
            _ENTRER,
            arrondissement=arrondissement,
            membre_id=m["membre_id"],
            voie="consensus",
            tirage_id="",
            depuis=e.timestamp,
            reponse_avant=None,
            **traits,
        )
        lot.ecrire(
            _MOUVEMENT,
            position=lot.position,
            arrondissement=arrondissement,
            membre_id=m["membre_id"],
            sens="entree",
            le=e.timestamp,
            voie_ou_motif="consensus",
            tirage_id="",
            **traits,
        )


def _sorti(lot: Lot, e: Any) -> None:
    arrondissement = _ARRONDISSEMENTS_PAR_ID[e.originator_id]
    ligne = lot.lire(
        select(membres_gm).where(
            membres_gm.c.arrondissement == arrondissement, membres_gm.c.membre_id == e.membre_id
        )
    ).one()
    lot.ecrire(_SORTIR, p_arrondissement=arrondissement, p_membre_id=e.membre_id)
    _mouvement(
        lot,
        e,
        lot.position,
        "sortie",
        college=ligne.college,
        genre=ligne.genre,
        quartier=ligne.quartier,
        voie_ou_motif=e.motif,
        tirage_id=ligne.tirage_id,
    )


def _acceptation(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _ACCEPTER,
        p_arrondissement=_ARRONDISSEMENTS_PAR_ID[e.originator_id],
        p_membre_id=e.membre_id,
    )


def _annonce(lot: Lot, e: Any) -> None:
    annonce = e.annonce
    lot.ecrire(
        _ANNONCER,
        tirage_id=str(e.originator_id),
        arrondissement=e.arrondissement,
        annonce_le=e.timestamp,
        effectue_le=None,
        taille=annonce["taille"],
        vivier=len(annonce["vivier"]),
        tickets=annonce["tickets"]["nombre"],
        probabilite_minimale=annonce["probabilite_minimale"],
        engagement=annonce["engagement"],
        hasard_prevu=annonce["hasard_prevu"],
        quotas_proposes=octets(e.quotas_proposes or {}).decode("utf-8"),
        hasard=None,
        ticket=None,
        document=octets(annonce).decode("utf-8"),
        places_reservees=0,
        objet=getattr(e, "objet", ""),
    )


def _effectue(lot: Lot, e: Any) -> None:
    ligne = lot.lire(
        select(tirages.c.document).where(tirages.c.tirage_id == str(e.originator_id))
    ).one()
    record = {
        **json.loads(ligne.document),
        "tirage": tirage_du_record(e),
        "selection": list(e.selection),
        "suppleants": list(e.suppleants),
    }
    lot.ecrire(
        _EFFECTUER,
        p_tirage_id=str(e.originator_id),
        p_le=e.timestamp,
        p_hasard=e.hasard,
        p_ticket=e.ticket,
        p_document=octets(record).decode("utf-8"),
    )


def _reservees(lot: Lot, e: Any) -> None:
    lot.ecrire(_RESERVER, p_tirage_id=e.tirage_id, p_places=e.places)


def _reservation_levee(lot: Lot, e: Any) -> None:
    lot.ecrire(_RESERVER, p_tirage_id=e.tirage_id, p_places=0)


def _relance(lot: Lot, e: Any) -> None:
    arrondissement = _ARRONDISSEMENTS_PAR_ID[e.originator_id]
    message = notification_reponses_en_retard(arrondissement, e.membres)
    lien = f"/conseils/{arrondissement}/groupe-moteur"
    notifier(lot, e, destinataires(arrondissement), lien, message)


GESTIONNAIRES = {
    GroupeMoteur.ReponsesEnRetardSignalees: _relance,
    GroupeMoteur.Constitue: _constitue,
    GroupeMoteur.ObjectifsFixes: _objectifs,
    GroupeMoteur.MembreEntre: _entre,
    GroupeMoteur.MembreSorti: _sorti,
    GroupeMoteur.DesignationConsensuelle: _consensus,
    GroupeMoteur.AcceptationEnregistree: _acceptation,
    GroupeMoteur.PlacesReservees: _reservees,
    GroupeMoteur.ReservationLevee: _reservation_levee,
    Tirage.Annonce: _annonce,
    Tirage.Effectue: _effectue,
}
