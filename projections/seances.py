"""Séances, attendance and decisions, as read models."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select, update

from domaine.seances import Seance
from domaine.vocabulaire import StatutSeance
from projections.tables import decisions, presences, seances


def _cle(e: Any) -> Any:
    return seances.c.seance_id == str(e.originator_id)


def _utc(valeur: datetime) -> datetime:
    """Séance dates are typed in Paris time; SQLite drops the offset, so store them in UTC."""
    return valeur.astimezone(UTC)


def _version(cnx: Connection, e: Any, **valeurs: Any) -> None:
    cnx.execute(update(seances).where(_cle(e)).values(version=e.originator_version, **valeurs))


def _planifiee(cnx: Connection, e: Any) -> None:
    cnx.execute(
        insert(seances).values(
            seance_id=str(e.originator_id),
            arrondissement=e.arrondissement,
            date=_utc(e.date),
            lieu=e.lieu,
            ordre_du_jour=e.ordre_du_jour,
            statut=StatutSeance.PLANIFIEE.value,
            motif_annulation="",
            anonymes=0,
            presents=0,
            compte_rendu="",
            version=e.originator_version,
        )
    )


def _reprogrammee(cnx: Connection, e: Any) -> None:
    _version(cnx, e, date=_utc(e.date), lieu=e.lieu, ordre_du_jour=e.ordre_du_jour)
    cnx.execute(
        update(decisions)
        .where(decisions.c.seance_id == str(e.originator_id))
        .values(date=_utc(e.date))
    )


def _presence(cnx: Connection, e: Any) -> None:
    cnx.execute(
        insert(presences).values(seance_id=str(e.originator_id), personne_id=str(e.personne_id))
    )
    _version(cnx, e, presents=seances.c.presents + 1)


def _absence(cnx: Connection, e: Any) -> None:
    cnx.execute(
        delete(presences).where(
            and_(
                presences.c.seance_id == str(e.originator_id),
                presences.c.personne_id == str(e.personne_id),
            )
        )
    )
    _version(cnx, e, presents=seances.c.presents - 1)


def _anonymes(cnx: Connection, e: Any) -> None:
    _version(cnx, e, anonymes=e.nombre)


def _compte_rendu(cnx: Connection, e: Any) -> None:
    _version(cnx, e, compte_rendu=e.texte)


def _decision(cnx: Connection, e: Any) -> None:
    ligne = cnx.execute(select(seances.c.arrondissement, seances.c.date).where(_cle(e))).one()
    cnx.execute(
        insert(decisions).values(
            seance_id=str(e.originator_id),
            numero=e.numero,
            arrondissement=ligne.arrondissement,
            date=ligne.date,
            texte=e.texte,
            pour=e.pour,
            contre=e.contre,
            abstention=e.abstention,
            regle=e.regle,
            adoptee=e.adoptee,
        )
    )
    _version(cnx, e)


def _annulee(cnx: Connection, e: Any) -> None:
    _version(cnx, e, statut=StatutSeance.ANNULEE.value, motif_annulation=e.motif)


GESTIONNAIRES = {
    Seance.Planifiee: _planifiee,
    Seance.Reprogrammee: _reprogrammee,
    Seance.PresenceEnregistree: _presence,
    Seance.PresenceRetiree: _absence,
    Seance.ParticipantsAnonymesComptes: _anonymes,
    Seance.CompteRenduRedige: _compte_rendu,
    Seance.DecisionEnregistree: _decision,
    Seance.Annulee: _annulee,
}
