"""Avis as read models: the list and page of each avis, its timeline, and the reminders'
in-app notifications."""

import json
from typing import Any

from sqlalchemy import Select, bindparam, case, delete, func, insert, literal, or_, select, update

from domaine.avis import Avis
from domaine.rappels import jour_court, message_d_echeance, notification_d_echeance
from domaine.vocabulaire import Destinataire, OrigineAvis, Role, StatutAvis
from projections.lot import Lot
from projections.notifications import destinataires, notifier
from projections.tables import avis, avis_auteurs, avis_etapes, avis_reponses, avis_versions


def _maj(**valeurs: Any) -> Any:
    return (
        update(avis)
        .where(avis.c.avis_id == bindparam("p_avis_id"))
        .values(version=bindparam("p_version"), **valeurs)
    )


_CREER = insert(avis)
_AUTEUR = insert(avis_auteurs)
_SANS_AUTEUR = delete(avis_auteurs).where(
    avis_auteurs.c.avis_id == bindparam("p_avis_id"),
    avis_auteurs.c.personne_id == bindparam("p_personne_id"),
)
_VERSION = insert(avis_versions)
_REPONSE = insert(avis_reponses)
_ETAPE = insert(avis_etapes)
_AMENDER = _maj(
    titre=bindparam("p_titre"),
    texte=bindparam("p_texte"),
    langue=bindparam("p_langue"),
    versions=bindparam("p_numero"),
    statut=StatutAvis.BROUILLON.value,
)
_STATUT = _maj(statut=bindparam("p_statut"))
_ADOPTER = _maj(statut=StatutAvis.ADOPTE.value, adopte_le=bindparam("p_le"))
_TRANSMETTRE = _maj(
    statut=StatutAvis.TRANSMIS.value,
    transmis_le=bindparam("p_le"),
    echeance_reponse=bindparam("p_echeance"),
)
_REPONDRE = _maj(
    statut=case(
        (
            # two literals, not `in_`: an expanding list cannot go out with executemany
            or_(
                avis.c.statut == literal(StatutAvis.TRANSMIS.value),
                avis.c.statut == literal(StatutAvis.RECEPTION_ACCUSEE.value),
            ),
            StatutAvis.REPONDU.value,
        ),
        else_=avis.c.statut,
    ),
    repondu_le=func.coalesce(avis.c.repondu_le, bindparam("p_le")),
)
_INFORMER = _maj(
    statut=StatutAvis.PARTENAIRES_INFORMES.value,
    repondu_le=func.coalesce(avis.c.repondu_le, bindparam("p_le")),
)
_CLORE = _maj(statut=StatutAvis.CLOS.value, clos_le=bindparam("p_le"))
_SEULE_VERSION = _maj()
_AVIS = select(avis.c.arrondissement, avis.c.destinataire, avis.c.titre).where(
    avis.c.avis_id == bindparam("p_avis_id")
)


def _cle(e: Any) -> dict[str, Any]:
    return {"p_avis_id": str(e.originator_id), "p_version": e.originator_version}


def _etape(lot: Lot, e: Any, etape: str, detail: str = "", seance_id: str | None = None) -> None:
    lot.ecrire(
        _ETAPE,
        avis_id=str(e.originator_id),
        version=e.originator_version,
        le=e.timestamp,
        etape=etape,
        detail=detail,
        seance_id=seance_id,
    )


def _ligne(e: Any, statut: StatutAvis, **champs: Any) -> dict[str, Any]:
    return {
        "avis_id": str(e.originator_id),
        "arrondissement": e.arrondissement,
        "titre": e.titre,
        "texte": "",
        "versions": 0,
        "sujet": e.sujet,
        "axe": e.axe,
        "destinataire": e.destinataire,
        "institution": e.institution,
        "statut": statut.value,
        "cree_le": e.timestamp,
        "version": e.originator_version,
        "question": "",
        "demandee_le": None,
        "echeance_saisine": None,
        "adopte_le": None,
        "transmis_le": None,
        "echeance_reponse": None,
        "repondu_le": None,
        "clos_le": None,
        **champs,
    }


def _saisi(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _CREER,
        **_ligne(
            e,
            StatutAvis.SAISINE_RECUE,
            origine=OrigineAvis.SAISINE.value,
            question=e.question,
            demandee_le=e.demandee_le,
            echeance_saisine=e.echeance_saisine,
        ),
    )
    destinataire = Destinataire(e.destinataire).libelle
    _etape(
        lot,
        e,
        "saisine",
        f"{destinataire} ; avis attendu avant le {jour_court(e.echeance_saisine)}",
    )


def _redige(lot: Lot, e: Any) -> None:
    lot.ecrire(_CREER, **_ligne(e, StatutAvis.BROUILLON, origine=e.origine))


def _amende(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _AMENDER,
        p_titre=e.titre,
        p_texte=e.texte,
        p_langue=e.langue,
        p_numero=e.numero,
        **_cle(e),
    )
    lot.ecrire(
        _VERSION,
        avis_id=str(e.originator_id),
        numero=e.numero,
        titre=e.titre,
        texte=e.texte,
        le=e.timestamp,
        langue=e.langue,
    )
    if e.numero == 1:
        lot.ecrire(_AUTEUR, avis_id=str(e.originator_id), personne_id=str(e.par), premier=True)
        _etape(lot, e, "redaction", "Version 1")
    else:
        _etape(lot, e, "amendement", f"Version {e.numero}")


def _cosigne(lot: Lot, e: Any) -> None:
    lot.ecrire(_AUTEUR, avis_id=str(e.originator_id), personne_id=str(e.personne_id), premier=False)
    lot.ecrire(_SEULE_VERSION, **_cle(e))
    _etape(lot, e, "cosignature")


def _cosignature_retiree(lot: Lot, e: Any) -> None:
    lot.ecrire(_SANS_AUTEUR, p_avis_id=str(e.originator_id), p_personne_id=str(e.personne_id))
    lot.ecrire(_SEULE_VERSION, **_cle(e))
    _etape(lot, e, "retrait_cosignature")


def _vote(lot: Lot, e: Any) -> None:
    if e.adopte:
        lot.ecrire(_ADOPTER, p_le=e.timestamp, **_cle(e))
    else:
        lot.ecrire(_SEULE_VERSION, **_cle(e))
    etape = "adoption" if e.adopte else "rejet"
    detail = f"Décision n° {e.decision}, sur la version {e.version}"
    _etape(lot, e, etape, detail, str(e.seance_id))


def _transmis(lot: Lot, e: Any) -> None:
    lot.ecrire(_TRANSMETTRE, p_le=e.timestamp, p_echeance=e.echeance_reponse, **_cle(e))
    _etape(lot, e, "transmission", f"Réponse attendue avant le {jour_court(e.echeance_reponse)}")


def _accuse(lot: Lot, e: Any) -> None:
    lot.ecrire(_STATUT, p_statut=StatutAvis.RECEPTION_ACCUSEE.value, **_cle(e))
    _etape(lot, e, "accuse_reception", Role(e.role).libelle)


def _repondu(lot: Lot, e: Any) -> None:
    lot.ecrire(_REPONDRE, p_le=e.timestamp, **_cle(e))
    lot.ecrire(
        _REPONSE,
        avis_id=str(e.originator_id),
        numero=e.numero,
        texte=e.texte,
        liens=json.dumps(list(e.liens)),
        role=e.role,
        le=e.timestamp,
    )
    _etape(lot, e, "reponse", f"Réponse n° {e.numero} ({Role(e.role).libelle})")


def _informes(lot: Lot, e: Any) -> None:
    lot.ecrire(_INFORMER, p_le=e.timestamp, **_cle(e))
    _etape(lot, e, "partenaires_informes", e.texte)


def _diagnostic(lot: Lot, e: Any) -> None:
    lot.ecrire(_STATUT, p_statut=StatutAvis.DIAGNOSTIC_PRESENTE.value, **_cle(e))
    _etape(lot, e, "diagnostic", f"Comité de pilotage du {jour_court(e.comite_le)} : {e.texte}")


def _clos(lot: Lot, e: Any) -> None:
    lot.ecrire(_CLORE, p_le=e.timestamp, **_cle(e))
    _etape(lot, e, "cloture", e.motif)


def _retire(lot: Lot, e: Any) -> None:
    lot.ecrire(_STATUT, p_statut=StatutAvis.RETIRE.value, **_cle(e))
    _etape(lot, e, "retrait", e.motif)


def _echeance(lot: Lot, e: Any) -> None:
    """A reminder notifies the addressee's agents and the council's animateurs."""
    lot.ecrire(_SEULE_VERSION, **_cle(e))
    message = message_d_echeance(e.echeance, e.niveau, e.jour)
    _etape(lot, e, "rappel", message)
    ligne = lot.lire(_AVIS, p_avis_id=str(e.originator_id)).one()
    notifier(
        lot,
        e,
        destinataires_des_rappels(ligne.arrondissement, ligne.destinataire),
        f"/avis/{e.originator_id}",
        notification_d_echeance(ligne.titre, ligne.arrondissement, message),
    )


def destinataires_des_rappels(arrondissement: int, destinataire: str) -> Select[Any]:
    """Accounts told of a deadline: the addressee's agents and the council's animateurs."""
    return destinataires(arrondissement, Destinataire(destinataire).roles_repondants)


GESTIONNAIRES = {
    Avis.Saisi: _saisi,
    Avis.Redige: _redige,
    Avis.Amende: _amende,
    Avis.CoAuteurAjoute: _cosigne,
    Avis.CosignatureRetiree: _cosignature_retiree,
    Avis.SoumisAuVote: _vote,
    Avis.Transmis: _transmis,
    Avis.ReceptionAccusee: _accuse,
    Avis.Repondu: _repondu,
    Avis.PartenairesInformes: _informes,
    Avis.DiagnosticPresente: _diagnostic,
    Avis.Clos: _clos,
    Avis.Retire: _retire,
    Avis.EcheanceSignalee: _echeance,
}
