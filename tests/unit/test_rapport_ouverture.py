"""The report of a year is the same whether the fold starts from the stored opening of the year
or from the first fact of the log, even when the log's first facts are dated later (a platform
whose councils were instituted after the history it holds, as the demo's are)."""

from datetime import UTC, date, datetime

from rapports.calcul import ouverture, rapport_annuel
from rapports.faits import Fait

INSTITUE = datetime(2026, 12, 7, 9, tzinfo=UTC)


def _faits() -> list[Fait]:
    return [
        Fait(1, INSTITUE, "conseil", "c18", arrondissement=18),
        Fait(2, datetime(2025, 5, 1, tzinfo=UTC), "adhesion_entree", "a1", 18, "p1", "habitant",
             "femme", "25_39", "hors_qpv"),
        Fait(3, datetime(2026, 2, 1, tzinfo=UTC), "adhesion_entree", "a2", 18, "p2", "habitant",
             "homme", "40_59", "QPV-18-BLEMONT"),
        Fait(4, datetime(2023, 12, 30, tzinfo=UTC), "qpv_en_vigueur", "r", a="X", jour=date(2024, 1, 1)),
    ]  # fmt: skip


def test_un_conseil_institue_tard_ne_vide_pas_le_1er_janvier() -> None:
    faits = _faits()
    brut = rapport_annuel(faits, 2026, (18,), seuil=1)
    debut = datetime(2025, 12, 31, 23, tzinfo=UTC)  # 1 January 2026, Paris time
    depart = ouverture([f for f in faits if f.le < debut], 2026)
    lu = rapport_annuel([f for f in faits if f.le >= debut], 2026, (18,), seuil=1, depart=depart)
    assert brut == lu
    assemblee = brut["conseils"][0]["assemblee"]
    assert assemblee["au_1er_janvier"]["total"] == 1
    # the list adopted for 2024 does not have Blémont: that member is to be updated
    assert assemblee["au_31_decembre"]["residence"] == {"a_mettre_a_jour": 1, "hors_qpv": 1}
