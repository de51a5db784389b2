"""The priority-neighbourhood referential of the 2015-2020 Contrat de Ville (seed)."""

from datetime import date

import pytest

from domaine.erreurs import DonneeInvalide
from domaine.quartiers import (
    ARRONDISSEMENTS_FONDATEURS,
    GEOGRAPHIE_2015_2023,
    HORS_QPV,
    geographie_au,
    libelle_quartier,
    lire_arrondissement,
    referentiel,
    verifier_arrondissement,
    verifier_quartier,
)

JOUR = date(2026, 3, 2)


def test_la_geographie_compte_vingt_quartiers_prioritaires() -> None:
    codes = [q.code for q in GEOGRAPHIE_2015_2023.quartiers]
    assert len(codes) == 20
    assert len(set(codes)) == 20
    assert len({q.nom for q in GEOGRAPHIE_2015_2023.quartiers}) == 20


def test_la_population_des_quartiers_prioritaires_totalise_150460_habitants() -> None:
    assert sum(q.population or 0 for q in GEOGRAPHIE_2015_2023.quartiers) == 150_460


def test_huit_arrondissements_ont_un_conseil_citoyen() -> None:
    assert ARRONDISSEMENTS_FONDATEURS == (10, 11, 13, 14, 17, 18, 19, 20)


@pytest.mark.parametrize(
    ("arrondissement", "nombre"),
    [(10, 1), (11, 1), (13, 5), (14, 1), (17, 1), (18, 5), (19, 7), (20, 3)],
)
def test_chaque_arrondissement_a_ses_quartiers_prioritaires(
    arrondissement: int, nombre: int
) -> None:
    quartiers = GEOGRAPHIE_2015_2023.quartiers_de(arrondissement)
    assert len(quartiers) == nombre
    assert all(arrondissement in q.arrondissements for q in quartiers)


def test_chaque_quartier_appartient_a_un_arrondissement_dote_d_un_conseil() -> None:
    for q in GEOGRAPHIE_2015_2023.quartiers:
        assert q.arrondissements
        assert set(q.arrondissements) <= set(ARRONDISSEMENTS_FONDATEURS)
        assert q.population > 0 and q.revenu_median_eur > 0
    couverts = {a for q in GEOGRAPHIE_2015_2023.quartiers for a in q.arrondissements}
    assert couverts == set(ARRONDISSEMENTS_FONDATEURS)


def test_le_grand_belleville_s_etend_sur_les_10e_11e_et_20e() -> None:
    belleville = GEOGRAPHIE_2015_2023.quartier("QPV-10-11-20-GRAND-BELLEVILLE")
    assert belleville.nom == "Grand Belleville"
    assert belleville.arrondissements == (10, 11, 20)
    for a in (10, 11, 20):
        assert verifier_quartier(a, belleville.code, JOUR) == belleville.code
    with pytest.raises(DonneeInvalide, match="pas un quartier prioritaire du 19e"):
        verifier_quartier(19, belleville.code, JOUR)


def test_un_quartier_a_cheval_sur_deux_arrondissements_vaut_pour_les_deux() -> None:
    for a in (18, 19):
        assert verifier_quartier(a, "QPV-18-19-PORTE-DE-LA-CHAPELLE-CHARLES-HERMITE", JOUR)


@pytest.mark.parametrize("arrondissement", ARRONDISSEMENTS_FONDATEURS)
def test_hors_qpv_est_accepte_partout(arrondissement: int) -> None:
    assert verifier_quartier(arrondissement, HORS_QPV, JOUR) == HORS_QPV


def test_le_quartier_d_un_autre_arrondissement_est_refuse() -> None:
    with pytest.raises(DonneeInvalide, match=r"« QPV-18-GOUTTE-D-OR ».*13e"):
        verifier_quartier(13, "QPV-18-GOUTTE-D-OR", JOUR)


def test_un_quartier_inconnu_est_refuse() -> None:
    with pytest.raises(DonneeInvalide, match="Quartier inconnu"):
        GEOGRAPHIE_2015_2023.quartier("QPV-99-NULLE-PART")


@pytest.mark.parametrize("arrondissement", [1, 12, 15, 21, 0, -18])
def test_un_arrondissement_sans_conseil_est_refuse(arrondissement: int) -> None:
    with pytest.raises(DonneeInvalide, match=f"pas de conseil citoyen dans le {arrondissement}e"):
        verifier_arrondissement(arrondissement)


def test_un_arrondissement_dote_d_un_conseil_est_accepte() -> None:
    assert verifier_arrondissement(18) == 18


def test_la_geographie_en_vigueur_depend_de_la_date() -> None:
    assert geographie_au(date(2018, 6, 1)) is GEOGRAPHIE_2015_2023
    # before any known geography: the first one; after the last one: the latest known
    assert geographie_au(date(2010, 1, 1)) is referentiel().geographies[0]
    assert geographie_au(JOUR) is referentiel().geographies[-1]


def test_le_libelle_d_un_quartier_vient_du_referentiel() -> None:
    assert libelle_quartier("QPV-18-GOUTTE-D-OR") == "Goutte d'Or"
    assert libelle_quartier(HORS_QPV) == "Hors quartier prioritaire"
    assert libelle_quartier("QPV-INCONNU") == "QPV-INCONNU"


def test_un_arrondissement_se_lit_en_chiffres_et_doit_avoir_un_conseil() -> None:
    assert lire_arrondissement("18") == 18
    for brut in ("dix-huit", "18e", "", "5"):
        with pytest.raises(DonneeInvalide):
            lire_arrondissement(brut)
