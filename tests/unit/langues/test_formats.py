"""Dates and numbers as each language writes them; French as the platform always wrote it."""

from datetime import UTC, date, datetime

from langues import parler
from langues.formats import date_longue, nombre, pourcentage

SEANCE = datetime(2026, 12, 7, 17, 30, tzinfo=UTC)  # 18 h 30 in Paris


def test_le_francais_ne_change_pas() -> None:
    with parler("fr"):
        assert date_longue(SEANCE) == "lundi 7 décembre 2026 à 18 h 30"
        assert date_longue(date(2026, 2, 28)) == "samedi 28 février 2026"
        assert nombre(10000) == "10\u202f000"
        assert pourcentage(1234, 10000) == "12,34 %"


def test_l_anglais_et_l_arabe_selon_babel() -> None:
    with parler("en"):
        assert date_longue(SEANCE) == "Monday, 7 December 2026 at 18:30"
        assert nombre(10000) == "10,000"
        assert pourcentage(1234, 10000) == "12.34%"
    with parler("ar"):
        assert "2026" in date_longue(date(2026, 12, 7)) or "٢٠٢٦" in date_longue(date(2026, 12, 7))
        assert date_longue(date(2026, 12, 7)) != "lundi 7 décembre 2026"


def test_une_langue_inconnue_parle_francais() -> None:
    with parler("xx"):
        assert date_longue(date(2026, 12, 7)) == "lundi 7 décembre 2026"
