"""`verify --equite` re-solves the fairness problem: a normal record passes; a lottery whose
tickets all sit on one composition, though every ticket meets the quotas and everything else is
consistent (probabilities, commitment, draw), fails on equity alone."""

from pathlib import Path
from typing import Any

import pytest

from lancement.cli import main
from tests.tirage.outils import (
    autonome,
    copie,
    ecrire_fichier,
    recalculer_apparitions,
    sceller,
)
from tirage.tirer import tirer
from tirage.verification import verifier


def test_un_enregistrement_normal_passe_l_equite(record: dict[str, Any]) -> None:
    verdict = verifier(record, equite=True)
    assert verdict.correct, verdict.ecart
    assert verdict.etapes[3].startswith("équité : minimum 0.1")
    optimum = float(record["probabilite_minimale_optimale"])
    numerateur, m = map(int, record["probabilite_minimale"].split("/"))
    assert optimum - 0.001 <= numerateur / m <= optimum + 1e-9


@pytest.fixture(scope="module")
def record_injuste(annonce: dict[str, Any]) -> dict[str, Any]:
    injuste = copie(annonce)
    premiere = injuste["tickets"]["compositions"][0]["composition"]
    injuste["tickets"]["compositions"] = [{"composition": premiere, "tickets": 10_000}]
    sceller(recalculer_apparitions(injuste))
    return tirer(injuste, "3,7,1,9")


def test_une_loterie_injuste_mais_dans_les_quotas_echoue_a_l_equite_seule(
    record_injuste: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert verifier(record_injuste).correct  # every other check passes
    verdict = verifier(record_injuste, equite=True)
    assert not verdict.correct
    assert verdict.ecart.startswith("probabilité minimale 0.0000, alors que l'optimum est 0.1")
    assert verdict.etapes[-1] == "probabilités de chaque personne recalculées : identiques"

    chemin = ecrire_fichier(tmp_path / "injuste.json", record_injuste)
    assert main(["tirage", "verify", str(chemin)]) == 0
    assert main(["tirage", "verify", "--equite", str(chemin)]) == 1
    assert (
        capsys.readouterr()
        .out.splitlines()[-1]
        .startswith("Verdict : NON CONFORME — probabilité minimale 0.0000")
    )
    # the standalone script does not re-solve the optimisation: same verdict as without --equite
    assert autonome(chemin).stdout == "CONFORME\n"


def test_verify_equite_en_ligne_de_commande(
    record: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chemin = ecrire_fichier(tmp_path / "record.json", record)
    assert main(["tirage", "verify", "--equite", str(chemin)]) == 0
    sortie = capsys.readouterr().out
    assert "  ✓ équité : minimum 0.1" in sortie
    assert sortie.endswith("Verdict : le tirage est conforme à son annonce.\n")
