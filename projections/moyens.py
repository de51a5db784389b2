"""Each council's means and training records, as a read model for the agents' page: one row per
record with a French summary; a cancellation marks the row (and keeps it, with its reason)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from sqlalchemy import bindparam, insert, update

from domaine.moyens import (
    Institution,
    MoyensDuConseil,
    NatureAccompagnement,
    NatureBudget,
    ObjetEngagement,
    Recurrence,
    id_moyens,
)
from domaine.quartiers import TOUS_LES_ARRONDISSEMENTS
from langues import FRANCAIS, parler
from projections.lot import Lot
from projections.tables import moyens

_ARRONDISSEMENTS_PAR_ID = {id_moyens(a): a for a in TOUS_LES_ARRONDISSEMENTS}
_INSERER = insert(moyens)
_ANNULER = (
    update(moyens)
    .where(moyens.c.entree == bindparam("p_entree"))
    .values(annulee=True, motif=bindparam("p_motif"))
)


def _euros(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f") + "\u202f€"


def _ligne(lot: Lot, e: Any, nature: str, resume: str, **champs: Any) -> None:
    valeurs = {"annee": None, "jour": None, "fin": None, "formation": None} | champs
    lot.ecrire(
        _INSERER,
        entree=str(e.entree),
        arrondissement=_ARRONDISSEMENTS_PAR_ID[e.originator_id],
        nature=nature,
        resume=resume[:400],
        enregistre_le=e.timestamp,
        annulee=False,
        motif="",
        **valeurs,
    )


def _en_francais(gestionnaire: Callable[[Lot, Any], None]) -> Callable[[Lot, Any], None]:
    """The stored summary is French whatever language the request that catches the read models
    up speaks (`Projecteur.attendre` projects in the request): the labels are the domain's,
    which speak the current language."""

    @wraps(gestionnaire)
    def en_francais(lot: Lot, e: Any) -> None:
        with parler(FRANCAIS):
            gestionnaire(lot, e)

    return en_francais


@_en_francais
def _salle(lot: Lot, e: Any) -> None:
    quand = Recurrence(e.recurrence).libelle
    _ligne(lot, e, "salle", f"{e.nom} ({quand.lower()}, {Institution(e.institution).libelle})",
           jour=e.debut, fin=e.fin)  # fmt: skip


@_en_francais
def _engagement(lot: Lot, e: Any) -> None:
    objet = ObjetEngagement(e.objet)
    valeur = _euros(e.valeur) if objet == ObjetEngagement.BUDGET else str(e.valeur)
    resume = f"{Institution(e.institution).libelle} : {objet.libelle.lower()}, {valeur}"
    _ligne(lot, e, "engagement", resume, annee=e.annee)


@_en_francais
def _budget(lot: Lot, e: Any) -> None:
    resume = (
        f"{NatureBudget(e.nature).libelle} : {_euros(e.euros)} "
        f"({Institution(e.institution).libelle})"
    )
    _ligne(lot, e, "budget", resume, annee=e.annee)


@_en_francais
def _accompagnement(lot: Lot, e: Any) -> None:
    taille = []
    if e.etp_centiemes is not None:
        taille.append(f"{e.etp_centiemes / 100:g} ETP".replace(".", ","))
    if e.heures is not None:
        taille.append(f"{e.heures} h")
    resume = (
        f"{NatureAccompagnement(e.nature).libelle} ({Institution(e.institution).libelle}), "
        + ", ".join(taille)
    )
    _ligne(lot, e, "accompagnement", resume, jour=e.debut, fin=e.fin)


def _formation(lot: Lot, e: Any) -> None:
    _ligne(lot, e, "formation", f"{e.theme} — {e.organisme}", jour=e.le)


def _participations(lot: Lot, e: Any) -> None:
    total = e.habitants + e.acteurs_locaux
    resume = (
        f"{total} participant·es : {e.habitants} habitant·es, {e.acteurs_locaux} acteurs "
        f"locaux ; {e.femmes} femmes, {e.hommes} hommes, {e.autres} autres, "
        f"{e.non_precise} sans réponse"
    )
    _ligne(lot, e, "participations", resume, formation=str(e.formation))


def _annulee(lot: Lot, e: Any) -> None:
    lot.ecrire(_ANNULER, p_entree=str(e.entree), p_motif=e.motif)


GESTIONNAIRES = {
    MoyensDuConseil.SalleEnregistree: _salle,
    MoyensDuConseil.EngagementEnregistre: _engagement,
    MoyensDuConseil.BudgetEnregistre: _budget,
    MoyensDuConseil.AccompagnementEnregistre: _accompagnement,
    MoyensDuConseil.FormationProposee: _formation,
    MoyensDuConseil.ParticipationsEnregistrees: _participations,
    MoyensDuConseil.EntreeAnnulee: _annulee,
}
