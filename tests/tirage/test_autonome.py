"""The standalone verifier, as residents download it: one file under 100 lines, Python's
standard library only, runnable anywhere with `python3 verificateur_autonome.py RECORD.json`."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.tirage.outils import AUTONOME, ecrire_fichier


def test_moins_de_100_lignes() -> None:
    assert len(AUTONOME.read_text(encoding="utf-8").splitlines()) < 100


def test_seulement_la_bibliotheque_standard() -> None:
    arbre = ast.parse(AUTONOME.read_text(encoding="utf-8"))
    modules: set[str] = set()
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in noeud.names)
        elif isinstance(noeud, ast.ImportFrom):
            assert noeud.level == 0 and noeud.module
            modules.add(noeud.module.split(".")[0])
    assert modules and modules <= sys.stdlib_module_names, modules
    docstring = ast.get_docstring(arbre) or ""
    assert "Usage : python3 verificateur_autonome.py enregistrement.json" in docstring


def _lancer(dossier: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Isolated mode (-I) and no site-packages (-S), from a folder holding only the script."""
    return subprocess.run(
        [sys.executable, "-I", "-S", "verificateur_autonome.py", *arguments],
        cwd=dossier,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_telecharge_seul_dans_un_dossier(record: dict[str, Any], tmp_path: Path) -> None:
    shutil.copy(AUTONOME, tmp_path / "verificateur_autonome.py")
    ecrire_fichier(tmp_path / "enregistrement.json", record)
    resultat = _lancer(tmp_path, "enregistrement.json")
    assert (resultat.returncode, resultat.stdout) == (0, "CONFORME\n"), resultat.stderr


def test_fichier_illisible_code_2(tmp_path: Path) -> None:
    shutil.copy(AUTONOME, tmp_path / "verificateur_autonome.py")
    (tmp_path / "casse.json").write_text("{", encoding="utf-8")
    (tmp_path / "latin1.json").write_bytes('{"é": 1}'.encode("latin-1"))
    for arguments in ((), ("absent.json",), ("casse.json",), ("latin1.json",)):
        resultat = _lancer(tmp_path, *arguments)
        assert resultat.returncode == 2, (arguments, resultat)
        assert resultat.stdout.startswith("Erreur : ") and resultat.stdout.count("\n") == 1
        assert "Usage : python3 verificateur_autonome.py enregistrement.json" in resultat.stdout
