"""The rules of an announcement, pure: the same whether the use case gives them the aggregate's
state or the page the read models' (seats free and held, members' ids)."""

from datetime import UTC, datetime, timedelta

import pytest

from domaine.annonces import verifier_annonce
from domaine.erreurs import ChampInvalide, DonneeInvalide, EtatIncompatible
from domaine.quotas import examiner_quotas, minimums_reserves
from domaine.viviers import VIVIER_VIDE, candidat_volontaire, constituer_vivier, coordonnees

LE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
VIVIER = [candidat_volontaire(f"v{i}", "habitant", "femme", "hors_qpv") for i in range(4)]
LISTE = "id,college,genre,quartier,volontaire,email\nl1,habitant,homme,hors_qpv,non,l1@exemple.fr\n"


def test_sans_place_libre_le_refus_dit_combien_sont_reservees() -> None:
    with pytest.raises(EtatIncompatible) as refus:
        verifier_annonce(0, 5, "dés", LE + timedelta(hours=1), LE, 10_000)
    assert refus.value.message == (
        "Aucune place n'est libre au groupe moteur (5 réservées par un tirage annoncé)."
    )


@pytest.mark.parametrize(
    ("hasard_prevu", "dans", "tickets", "champ"),
    [(" ", 1, 10_000, "hasard_prevu"), ("dés", -1, 10_000, "hasard_le"), ("dés", 1, 1, "tickets")],
)
def test_l_annonce_refuse_chaque_saisie_a_son_champ(
    hasard_prevu: str, dans: int, tickets: int, champ: str
) -> None:
    with pytest.raises(ChampInvalide) as refus:
        verifier_annonce(3, 0, hasard_prevu, LE + timedelta(hours=dans), LE, tickets)
    assert refus.value.champ == champ


def test_les_quotas_s_examinent_contre_les_places_et_le_vivier() -> None:
    with pytest.raises(ChampInvalide, match="il n'en reste que 2 au groupe moteur \\(1 réservées"):
        examiner_quotas(2, 1, {"taille": 3, "quotas": {}}, VIVIER)
    with pytest.raises(ChampInvalide, match=VIVIER_VIDE):
        examiner_quotas(2, 0, {"taille": 1, "quotas": {}}, [])
    with pytest.raises(DonneeInvalide, match="coordonnées"):
        examiner_quotas(2, 0, {"taille": 1, "quotas": {"email": {"x": [0, 1]}}}, VIVIER)
    lus = examiner_quotas(4, 0, {"taille": 2, "quotas": {"genre": {"femme": [2, 2]}}}, VIVIER)
    assert lus.taille == 2


def test_le_vivier_garde_les_coordonnees_hors_de_l_annonce() -> None:
    vivier = constituer_vivier({"v0"}, VIVIER, LISTE)
    assert [c.id for c in vivier] == ["v1", "v2", "v3", "l1"]
    assert coordonnees(vivier) == {"l1": {"email": "l1@exemple.fr"}}
    with pytest.raises(ChampInvalide, match="siège déjà"):
        constituer_vivier({"l1"}, [], LISTE)


def test_les_places_reservees_comptent_les_minimums_des_tirages_annonces() -> None:
    annonces = [{"genre": {"femme": [2, 3]}}, {"genre": {"femme": [1, 1], "homme": [1, 2]}}]
    assert minimums_reserves(annonces) == {("genre", "femme"): 3, ("genre", "homme"): 1}
