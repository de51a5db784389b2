"""docs/metrics.md is generated from the definitions shown in the report: kept in sync."""

from pathlib import Path

from rapports.definitions import DEFINITIONS, markdown

RACINE = Path(__file__).resolve().parents[2]


def test_docs_metrics_est_a_jour() -> None:
    """Regenerate with `python -m rapports.definitions > docs/metrics.md`."""
    assert (RACINE / "docs" / "metrics.md").read_text(encoding="utf-8") == markdown()


def test_ne_se_prononce_pas_est_defini_et_documente() -> None:
    assert "assemblee.ne_se_prononce_pas" in DEFINITIONS
    assert "`ne_se_prononce_pas`" in markdown()
