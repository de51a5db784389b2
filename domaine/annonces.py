"""What the announcement of a tirage of the groupe moteur must say before its lottery is computed:
a seat to fill, the public randomness to come (described, dated) and a number of tickets; then
the lottery itself, its failures as the domain's refusals."""

from datetime import datetime
from typing import Any

from domaine.erreurs import ChampInvalide, DonneeInvalide
from domaine.quotas import examiner_quotas
from domaine.temps import a_paris
from domaine.tirages import QuotasImpossibles, valeurs_du_tirage, verifier_heure_du_hasard
from tirage.erreurs import ErreurTirage, QuotasInfaisables
from tirage.loterie import annoncer
from tirage.vivier import Candidat, Quotas

TICKETS_MIN, TICKETS_MAX = 2, 1_000_000


def verifier_annonce(
    places_libres: int,
    places_reservees: int,
    hasard_prevu: str,
    hasard_le: datetime,
    le: datetime,
    tickets: int,
) -> None:
    """The checks before the pool is read: a free seat, the public randomness described and
    due within a year, a possible number of tickets."""
    if places_libres == 0:
        examiner_quotas(places_libres, places_reservees, {}, [])  # says why: no seat left
    if not hasard_prevu.strip():
        raise ChampInvalide(
            "hasard_prevu",
            "Décrivez le hasard public à venir (par exemple : quatre dés à dix faces lancés "
            "par deux témoins en séance).",
        )
    verifier_heure_du_hasard(hasard_le, le)
    if not TICKETS_MIN <= tickets <= TICKETS_MAX:
        raise ChampInvalide(
            "tickets", "Le nombre de tickets doit être compris entre 2 et 1 000 000."
        )


def calculer_annonce(
    vivier: list[Candidat], quotas: Quotas, tickets: int, hasard_prevu: str, hasard_le: datetime
) -> dict[str, Any]:
    """The fair lottery and its commitment, for quotas already examined against the pool."""
    try:
        return annoncer(vivier, quotas, tickets, " ".join(hasard_prevu.split()), a_paris(hasard_le))
    except QuotasInfaisables as erreur:
        raise QuotasImpossibles(
            erreur.gabarit, erreur.blocages, **valeurs_du_tirage(erreur)
        ) from None
    except ErreurTirage as erreur:
        raise DonneeInvalide(erreur.gabarit, **valeurs_du_tirage(erreur)) from None
