"""Séances, attendance and decisions, as read models."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, Integer, String, Text, bindparam, delete, insert, select, update

from domaine.seances import Seance
from domaine.vocabulaire import StatutSeance
from projections.lot import Lot
from projections.tables import (
    approbations_cr,
    comptes_rendus,
    decisions,
    presences,
    scrutins,
    seances,
    votants_scrutins,
)


def _utc(valeur: datetime) -> datetime:
    """Séance dates are typed in Paris time; SQLite drops the offset, so store them in UTC."""
    return valeur.astimezone(UTC)


def _mise_a_jour(**valeurs: Any) -> Any:
    """UPDATE of one séance row. The aggregate's version (forms check it) is written by a
    statement of its own, `_VERSION`: each column then has one writer, so a batch sends the
    attendance of many séances as one statement (`projections.lot`)."""
    return update(seances).where(seances.c.seance_id == bindparam("p_seance_id")).values(**valeurs)


_PLANIFIER = insert(seances)
_REPROGRAMMER = _mise_a_jour(
    date=bindparam("p_date"),
    lieu=bindparam("p_lieu"),
    ordre_du_jour=bindparam("p_odj"),
    quartier=bindparam("p_quartier"),
    theme=bindparam("p_theme"),
    modalite=bindparam("p_modalite"),
    lien_visio=bindparam("p_lien_visio"),
    accessibilite=bindparam("p_accessibilite"),
    accessibilite_autre=bindparam("p_accessibilite_autre"),
)
_MARQUER = insert(presences)
_COMPTER_PRESENTS = _mise_a_jour(presents=seances.c.presents + bindparam("p_ecart", type_=Integer))
_DEMARQUER = delete(presences).where(
    presences.c.seance_id == bindparam("p_seance_id"),
    presences.c.personne_id == bindparam("p_personne_id"),
)
_ANONYMES = _mise_a_jour(anonymes=bindparam("p_nombre"))
_COMPTE_RENDU = _mise_a_jour(compte_rendu=bindparam("p_texte"))
_VERSION_CR = insert(comptes_rendus)
_VOTE_CR = insert(approbations_cr)
_VERSION = _mise_a_jour(version=bindparam("p_version"))
_CHANGER = _mise_a_jour(sequence=seances.c.sequence + 1, modifiee_le=bindparam("p_le"))
"""A change the members are told of (reprogrammed, cancelled): the calendars' SEQUENCE goes up
by one and their DTSTAMP becomes the change's instant (see `participation.calendrier`)."""
_ANNULER = _mise_a_jour(statut=StatutSeance.ANNULEE.value, motif_annulation=bindparam("p_motif"))
# A decision copies its séance's council and date: INSERT … SELECT, so no read per event.
_DECIDER = insert(decisions).from_select(
    [
        "seance_id",
        "numero",
        "arrondissement",
        "date",
        "texte",
        "pour",
        "contre",
        "abstention",
        "regle",
        "adoptee",
        "pour_distance",
        "contre_distance",
        "abstention_distance",
        "scrutin",
    ],
    select(
        seances.c.seance_id,
        bindparam("p_numero", type_=Integer),
        seances.c.arrondissement,
        seances.c.date,
        bindparam("p_texte", type_=Text),
        bindparam("p_pour", type_=Integer),
        bindparam("p_contre", type_=Integer),
        bindparam("p_abstention", type_=Integer),
        bindparam("p_regle", type_=String),
        bindparam("p_adoptee", type_=Boolean),
        bindparam("p_pour_distance", type_=Integer),
        bindparam("p_contre_distance", type_=Integer),
        bindparam("p_abstention_distance", type_=Integer),
        bindparam("p_scrutin", type_=Integer),
    ).where(seances.c.seance_id == bindparam("p_seance_id")),
)


_OUVRIR_SCRUTIN = insert(scrutins)
_VOTANT = insert(votants_scrutins)


def _scrutin(**valeurs: Any) -> Any:
    return (
        update(scrutins)
        .where(
            scrutins.c.seance_id == bindparam("p_seance_id"),
            scrutins.c.numero == bindparam("p_numero"),
        )
        .values(**valeurs)
    )


_COMPTER_VOTANTS = _scrutin(votants=scrutins.c.votants + bindparam("p_ecart", type_=Integer))
_CLORE_SCRUTIN = _scrutin(
    ouvert=False,
    clos_le=bindparam("p_le"),
    pour=bindparam("p_pour"),
    contre=bindparam("p_contre"),
    abstention=bindparam("p_abstention"),
)
_SCRUTIN_DECIDE = _scrutin(decision=bindparam("p_decision"))


def _cle(e: Any) -> dict[str, Any]:
    return {"p_seance_id": str(e.originator_id)}


def _modifier(lot: Lot, instruction: Any, e: Any, **valeurs: Any) -> None:
    """One change of a séance row, then its new version."""
    lot.ecrire(instruction, **valeurs, **_cle(e))
    _versionner(lot, e)


def _versionner(lot: Lot, e: Any) -> None:
    lot.remplacer(_VERSION, "p_version", p_version=e.originator_version, **_cle(e))


def _planifiee(lot: Lot, e: Any, apres_coup_le: datetime | None = None) -> None:
    lot.ecrire(
        _PLANIFIER,
        seance_id=str(e.originator_id),
        arrondissement=e.arrondissement,
        date=_utc(e.date),
        lieu=e.lieu,
        ordre_du_jour=e.ordre_du_jour,
        quartier=e.quartier,
        theme=e.theme,
        statut=StatutSeance.PLANIFIEE.value,
        motif_annulation="",
        anonymes=0,
        presents=0,
        compte_rendu="",
        version=e.originator_version,
        apres_coup_le=apres_coup_le,
        sequence=0,
        modifiee_le=_utc(e.timestamp),
        **_maniere(e),
    )


def _maniere(e: Any) -> dict[str, Any]:
    """Modality, link and accessibility (events before hybrid séances carry the defaults)."""
    return {
        "modalite": e.modalite,
        "lien_visio": e.lien_visio,
        "accessibilite": ",".join(e.accessibilite),
        "accessibilite_autre": e.accessibilite_autre,
    }


def _enregistree_apres_coup(lot: Lot, e: Any) -> None:
    """A séance recorded after it was held: the same row, with when it was recorded."""
    _planifiee(lot, e, apres_coup_le=e.timestamp)


def _reprogrammee(lot: Lot, e: Any) -> None:
    # Decisions are only recorded once a séance has started, and a started séance cannot be
    # reprogrammed: no decision row carries the old date.
    _modifier(
        lot,
        _REPROGRAMMER,
        e,
        p_date=_utc(e.date),
        p_lieu=e.lieu,
        p_odj=e.ordre_du_jour,
        p_quartier=e.quartier,
        p_theme=e.theme,
        **{f"p_{cle}": valeur for cle, valeur in _maniere(e).items()},
    )
    lot.ecrire(_CHANGER, p_le=_utc(e.timestamp), **_cle(e))


def _presence(lot: Lot, e: Any) -> None:
    lot.ecrire(_MARQUER, seance_id=str(e.originator_id), personne_id=str(e.personne_id))
    lot.cumuler(_COMPTER_PRESENTS, "p_ecart", p_ecart=1, **_cle(e))
    _versionner(lot, e)


def _absence(lot: Lot, e: Any) -> None:
    lot.ecrire(_DEMARQUER, p_seance_id=str(e.originator_id), p_personne_id=str(e.personne_id))
    lot.cumuler(_COMPTER_PRESENTS, "p_ecart", p_ecart=-1, **_cle(e))
    _versionner(lot, e)


def _anonymes(lot: Lot, e: Any) -> None:
    _modifier(lot, _ANONYMES, e, p_nombre=e.nombre)


def _compte_rendu(lot: Lot, e: Any) -> None:
    """The latest text on the séance's row (what its animateurs edit), and a new version."""
    _modifier(lot, _COMPTE_RENDU, e, p_texte=e.texte)
    lot.ecrire(
        _VERSION_CR,
        seance_id=str(e.originator_id),
        position=lot.position,
        texte=e.texte,
        redige_le=e.timestamp,
        langue=e.langue,
    )


def _vote_sur_compte_rendu(lot: Lot, e: Any, adoptee: bool) -> None:
    """Recorded on the séance whose minutes were voted; the approving séance's own event
    (`CompteRenduMisAuxVoix`) only moves its version, this row says it all."""
    lot.ecrire(
        _VOTE_CR,
        seance_id=str(e.originator_id),
        position=lot.position,
        version=e.version,
        par_seance_id=str(e.par_seance),
        decision=e.decision,
        adoptee=adoptee,
        le=e.timestamp,
    )
    _versionner(lot, e)


def _approuve(lot: Lot, e: Any) -> None:
    _vote_sur_compte_rendu(lot, e, True)


def _non_approuve(lot: Lot, e: Any) -> None:
    _vote_sur_compte_rendu(lot, e, False)


def _decision(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _DECIDER,
        p_seance_id=str(e.originator_id),
        p_numero=e.numero,
        p_texte=e.texte,
        p_pour=e.pour,
        p_contre=e.contre,
        p_abstention=e.abstention,
        p_regle=e.regle,
        p_adoptee=e.adoptee,
        p_pour_distance=e.pour_distance,
        p_contre_distance=e.contre_distance,
        p_abstention_distance=e.abstention_distance,
        p_scrutin=e.scrutin,
    )
    if e.scrutin:
        lot.ecrire(
            _SCRUTIN_DECIDE,
            p_seance_id=str(e.originator_id),
            p_numero=e.scrutin,
            p_decision=e.numero,
        )
    _versionner(lot, e)


def _presence_a_distance(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _MARQUER, seance_id=str(e.originator_id), personne_id=str(e.personne_id), a_distance=True
    )
    lot.cumuler(_COMPTER_PRESENTS, "p_ecart", p_ecart=1, **_cle(e))
    _versionner(lot, e)


def _scrutin_ouvert(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _OUVRIR_SCRUTIN,
        seance_id=str(e.originator_id),
        numero=e.numero,
        texte=e.texte,
        ouvert=True,
        ouvert_le=e.timestamp,
        clos_le=None,
        votants=0,
        pour=0,
        contre=0,
        abstention=0,
        decision=0,
    )
    _versionner(lot, e)


def _vote(lot: Lot, e: Any) -> None:
    """Who voted, never how: the split is written when the poll closes."""
    seance = str(e.originator_id)
    lot.ecrire(_VOTANT, seance_id=seance, numero=e.numero, personne_id=str(e.personne_id))
    lot.cumuler(_COMPTER_VOTANTS, "p_ecart", p_ecart=1, p_seance_id=seance, p_numero=e.numero)
    _versionner(lot, e)


def _scrutin_clos(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _CLORE_SCRUTIN,
        p_seance_id=str(e.originator_id),
        p_numero=e.numero,
        p_le=e.timestamp,
        p_pour=e.pour,
        p_contre=e.contre,
        p_abstention=e.abstention,
    )
    _versionner(lot, e)


def _annulee(lot: Lot, e: Any) -> None:
    _modifier(lot, _ANNULER, e, p_motif=e.motif)
    lot.ecrire(_CHANGER, p_le=_utc(e.timestamp), **_cle(e))


GESTIONNAIRES = {
    Seance.Planifiee: _planifiee,
    Seance.EnregistreeApresCoup: _enregistree_apres_coup,
    Seance.Reprogrammee: _reprogrammee,
    Seance.PresenceEnregistree: _presence,
    Seance.PresenceRetiree: _absence,
    Seance.ParticipantsAnonymesComptes: _anonymes,
    Seance.CompteRenduRedige: _compte_rendu,
    Seance.DecisionEnregistree: _decision,
    Seance.CompteRenduMisAuxVoix: _versionner,
    Seance.CompteRenduApprouve: _approuve,
    Seance.CompteRenduNonApprouve: _non_approuve,
    Seance.Annulee: _annulee,
    Seance.PresenceADistanceDeclaree: _presence_a_distance,
    Seance.ScrutinOuvert: _scrutin_ouvert,
    Seance.VoteEnLigneExprime: _vote,
    Seance.ScrutinClos: _scrutin_clos,
}
