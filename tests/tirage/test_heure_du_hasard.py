"""Format 2: the announcement commits to the date and time of its public randomness, and no
draw may come before it; both verifiers check it, and format 1 records still verify."""

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.tirage.outils import autonome, autonome_en_memoire, copie, ecrire_fichier, sceller
from tirage import FORMAT, FORMAT_1
from tirage.erreurs import EntreeInvalide
from tirage.loterie import annoncer, engagement, heure_prevue
from tirage.tirer import tirer
from tirage.verification import verifier
from tirage.vivier import Candidat, Quotas

HIVER = timezone(timedelta(hours=1))  # Paris in January
PREVUE = datetime(2027, 1, 20, 18, 30, tzinfo=HIVER)


@pytest.fixture(scope="module")
def annonce_v2(vivier: list[Candidat], quotas: Quotas) -> dict[str, Any]:
    return annoncer(vivier, quotas, 10_000, "quatre dés, séance du 20 janvier", PREVUE)


def test_l_annonce_engage_l_heure_du_hasard(annonce_v2: dict[str, Any]) -> None:
    assert annonce_v2["format"] == FORMAT == "participation-tirage/2"
    assert annonce_v2["hasard_prevu_le"] == "2027-01-20T18:30:00+01:00"
    assert heure_prevue(annonce_v2) == PREVUE
    plus_tard = copie(annonce_v2)
    plus_tard["hasard_prevu_le"] = "2027-01-20T19:30:00+01:00"
    assert engagement(plus_tard) != annonce_v2["engagement"]  # the time is committed to
    verdict = verifier(plus_tard)
    assert not verdict.correct and "engagement" in verdict.ecart


def test_une_annonce_sans_heure_reste_au_format_1(annonce: dict[str, Any]) -> None:
    assert annonce["format"] == FORMAT_1 and "hasard_prevu_le" not in annonce
    assert heure_prevue(annonce) is None


def test_une_heure_sans_fuseau_est_refusee(vivier: list[Candidat], quotas: Quotas) -> None:
    with pytest.raises(EntreeInvalide, match="fuseau horaire"):
        annoncer(vivier, quotas, 100, "dés", datetime(2027, 1, 20, 18, 30))


def test_un_tirage_avant_l_heure_annoncee_est_refuse(annonce_v2: dict[str, Any]) -> None:
    with pytest.raises(EntreeInvalide) as erreur:
        tirer(annonce_v2, "3,7,1,9", ["Awa"], PREVUE - timedelta(minutes=1))
    assert erreur.value.message == (
        "Le hasard public est annoncé pour le 20/01/2027 à 18:30 (UTC+0100) : le tirage ne "
        "peut pas avoir lieu avant."
    )
    with pytest.raises(EntreeInvalide, match="indiquez l'heure du tirage"):
        tirer(annonce_v2, "3,7,1,9", ["Awa"])
    with pytest.raises(EntreeInvalide, match="indiquez l'heure du tirage"):
        tirer(annonce_v2, "3,7,1,9", ["Awa"], datetime(2027, 1, 21, 12, 0))


def test_un_tirage_a_l_heure_annoncee_se_verifie(
    annonce_v2: dict[str, Any], tmp_path: Path
) -> None:
    record = tirer(annonce_v2, "3,7,1,9", ["Awa"], datetime(2027, 1, 20, 18, 30, tzinfo=UTC))

    assert record["tirage"]["le"] == "2027-01-20T18:30:00+00:00"  # 19:30 in Paris
    verdict = verifier(record)
    assert verdict.correct, verdict.ecart
    assert "tiré le 2027-01-20T18:30:00+00:00, pas avant l'heure annoncée" in verdict.etapes
    resultat = autonome(ecrire_fichier(tmp_path / "enregistrement.json", record))
    assert (resultat.returncode, resultat.stdout) == (0, "CONFORME\n"), resultat.stderr


def test_un_enregistrement_date_d_avant_l_heure_annoncee_n_est_pas_conforme(
    annonce_v2: dict[str, Any], tmp_path: Path
) -> None:
    record = tirer(annonce_v2, "3,7,1,9", ["Awa"], PREVUE + timedelta(minutes=45))
    record["tirage"]["le"] = "2027-01-20T18:29:00+01:00"  # outside the commitment

    verdict = verifier(record)

    assert not verdict.correct
    assert verdict.ecart.startswith("tiré le 2027-01-20T18:29:00+01:00, avant l'heure annoncée")
    code, sortie = autonome_en_memoire(record)
    assert (code, sortie) == (1, "NON CONFORME — tiré avant l'heure annoncée\n")
    assert autonome(ecrire_fichier(tmp_path / "r.json", record)).returncode == 1


@pytest.mark.parametrize(
    ("cle", "valeur"),
    [
        ("hasard_prevu_le", "2027-01-20T18:30:00"),  # no offset
        ("hasard_prevu_le", "le 20 janvier"),
        ("tirage.le", "2027-01-20T19:30:00"),
        ("tirage.le", None),
    ],
)
def test_une_heure_mal_formee_n_est_pas_conforme(
    annonce_v2: dict[str, Any], cle: str, valeur: Any, tmp_path: Path
) -> None:
    record = tirer(annonce_v2, "3,7,1,9", ["Awa"], PREVUE + timedelta(hours=1))
    if cle == "tirage.le":
        record["tirage"]["le"] = valeur
    else:
        record[cle] = valeur
        sceller(record)  # a publisher who recomputes the commitment

    assert not verifier(record).correct
    resultat = autonome(ecrire_fichier(tmp_path / "r.json", record))
    assert resultat.returncode == 1 and resultat.stdout.startswith("NON CONFORME — ")


def test_un_enregistrement_au_format_1_se_verifie_toujours(
    record: dict[str, Any], tmp_path: Path
) -> None:
    """Records published before format 2 have no time: nothing to check, nothing refused."""
    assert record["format"] == FORMAT_1 and "le" not in record["tirage"]
    assert verifier(record).correct
    assert autonome(ecrire_fichier(tmp_path / "r.json", record)).returncode == 0
