"""A day in Paris is not a day in UTC: between midnight and 1 a.m. (2 a.m. in summer), Paris is
already on the next day while UTC is not. "Today", "in the future", deadlines and year
boundaries follow Paris."""

from datetime import UTC, date, datetime
from typing import Any

import pytest

from domaine.avis import ajouter_mois
from domaine.conseils import ConseilCitoyen
from domaine.temps import (
    annee_a_paris,
    debut_de_l_annee,
    debut_du_jour,
    fin_du_jour,
    heure_de_paris,
    jour_a_paris,
)
from domaine.vocabulaire import StatutProposition
from tests.unit.scenario import alors, etant_donne
from tests.unit.test_budget import AGENT, ENVELOPPE, deposer
from tests.unit.test_conseils import institue

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)

MINUIT_ET_DEMIE_EN_HIVER = datetime(2028, 2, 29, 23, 30, tzinfo=UTC)  # 1 March, 00:30 in Paris
UNE_HEURE_ET_DEMIE_EN_ETE = datetime(2027, 7, 13, 23, 30, tzinfo=UTC)  # 14 July, 01:30 in Paris
PASSAGE_A_L_AN = datetime(2030, 12, 31, 23, 30, tzinfo=UTC)  # 1 January 2031, 00:30 in Paris

DEJA_DEMAIN_A_PARIS = [
    (MINUIT_ET_DEMIE_EN_HIVER, date(2028, 3, 1)),
    (UNE_HEURE_ET_DEMIE_EN_ETE, date(2027, 7, 14)),
    (PASSAGE_A_L_AN, date(2031, 1, 1)),
]


@pytest.mark.parametrize(("instant", "jour"), DEJA_DEMAIN_A_PARIS)
def test_le_jour_est_celui_de_paris(instant: datetime, jour: date) -> None:
    assert instant.date() != jour  # what UTC says
    assert jour_a_paris(instant) == jour
    assert debut_du_jour(jour) <= instant < fin_du_jour(jour)


def test_l_annee_commence_le_1er_janvier_a_minuit_heure_de_paris() -> None:
    assert annee_a_paris(PASSAGE_A_L_AN) == 2031
    assert debut_de_l_annee(2031) == datetime(2030, 12, 31, 23, 0, tzinfo=UTC)
    assert annee_a_paris(debut_de_l_annee(2031)) == 2031


def test_une_heure_de_paris_suit_l_heure_d_ete() -> None:
    assert heure_de_paris(date(2027, 1, 15)) == datetime(2027, 1, 14, 23, 0, tzinfo=UTC)
    assert heure_de_paris(date(2027, 7, 15)) == datetime(2027, 7, 14, 22, 0, tzinfo=UTC)


def _conseil() -> Any:
    return etant_donne(institue())


@pytest.mark.parametrize(("instant", "jour"), DEJA_DEMAIN_A_PARIS)
def test_le_bilan_presente_aujourd_hui_a_paris_n_est_pas_dans_le_futur(
    instant: datetime, jour: date
) -> None:
    conseil = _conseil()
    conseil.enregistrer_bilan_annuel(jour.year, "ville", jour, AGENT, instant)
    conseil.enregistrer_copil("copil_parisien", jour, 2, AGENT, instant)
    alors(conseil, ConseilCitoyen.BilanAnnuelPresente, ConseilCitoyen.RepresentationCopil)


@pytest.mark.parametrize(("instant", "jour"), DEJA_DEMAIN_A_PARIS)
def test_une_realisation_livree_aujourd_hui_a_paris_est_acceptee(
    instant: datetime, jour: date
) -> None:
    proposition = deposer()
    for statut, details in (
        (StatutProposition.RECEVABLE, {}),
        (StatutProposition.ETUDIEE, {"cout_reestime": 50_000}),
        (StatutProposition.SOUMISE_AU_VOTE, {}),
        (StatutProposition.LAUREATE, {"voix": 1_000}),
        (StatutProposition.EN_REALISATION, {}),
        (StatutProposition.REALISEE, {"realisee_le": jour}),
    ):
        proposition.faire_avancer(statut, AGENT, instant, ENVELOPPE, **details)
    assert proposition.statut == StatutProposition.REALISEE


def test_une_echeance_en_mois_part_du_jour_de_paris() -> None:
    assert ajouter_mois(jour_a_paris(MINUIT_ET_DEMIE_EN_HIVER), 2) == date(2028, 5, 1)
