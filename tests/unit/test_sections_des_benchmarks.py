"""Each benchmark replaces its own section of docs/performance.md and keeps the others."""

from pathlib import Path

from benchmarks.sections import ecrire_section, sections_sauf

PAGE = """# Performance

Intro of benchmarks.run.

## Machine

| a | b |

### Not a section

## Figures

figures

## Tirage au sort

### Machine

tirage
"""


def test_une_section_est_remplacee_sur_place_ou_ajoutee_a_la_fin(tmp_path: Path) -> None:
    page = tmp_path / "performance.md"
    page.write_text(PAGE)

    ecrire_section(page, "## Rapport annuel", "## Rapport annuel\n\nv1\n")
    assert page.read_text() == PAGE + "\n## Rapport annuel\n\nv1\n"

    ecrire_section(page, "## Figures", "## Figures\n\nnew figures\n")
    ecrire_section(page, "## Rapport annuel", "## Rapport annuel\n\nv2\n")
    texte = page.read_text()
    assert texte.count("## Rapport annuel") == 1 and "v2" in texte and "v1" not in texte
    assert texte.index("## Tirage au sort") < texte.index("## Figures")  # moved to the end
    assert "| a | b |\n\n### Not a section\n\n## Tirage" in texte  # a ### stays in its ##


def test_une_page_absente_est_creee(tmp_path: Path) -> None:
    page = tmp_path / "docs" / "performance.md"
    ecrire_section(page, "## Rapport annuel", "## Rapport annuel\n\nx")
    assert page.read_text() == "# Performance\n\n## Rapport annuel\n\nx\n"


def test_la_page_reecrite_garde_les_sections_des_autres(tmp_path: Path) -> None:
    page = tmp_path / "performance.md"
    assert sections_sauf(page, ("## Machine",)) == ""
    page.write_text(PAGE + "\n## Rapport annuel\n\nrapport\n")
    gardees = sections_sauf(page, ("## Machine", "## Figures"))
    assert (
        gardees == "\n## Tirage au sort\n\n### Machine\n\ntirage\n\n## Rapport annuel\n\nrapport\n"
    )
