"""Every setting is read in one module (`stockage/configuration.py`), typed, with its default
and its doc; `docs/configuration.md` shows them all."""

import re
from pathlib import Path

import pytest

from stockage.configuration import Configuration, ConfigurationInvalide, documentation

RACINE = Path(__file__).resolve().parents[2]
PAQUETS = ("tirage", "domaine", "stockage", "rapports", "projections", "participation", "web")
PAQUETS_HAUTS = ("lancement", "demo")
DOC = RACINE / "docs" / "configuration.md"
DEBUT, FIN = "<!-- reglages -->", "<!-- /reglages -->"


def test_l_environnement_n_est_lu_que_par_le_module_des_reglages() -> None:
    lecteurs = sorted(
        str(chemin.relative_to(RACINE))
        for paquet in PAQUETS + PAQUETS_HAUTS
        for chemin in (RACINE / paquet).rglob("*.py")
        if re.search(r"\bos\.environ\b|\bgetenv\(", chemin.read_text(encoding="utf-8"))
    )
    assert lecteurs == ["stockage/configuration.py"]


def test_chaque_variable_citee_par_la_documentation_est_un_reglage() -> None:
    texte = documentation()
    for page in [RACINE / "README.md", *(RACINE / "docs").glob("*.md")]:
        for variable in re.findall(r"PARTICIPATION_[A-Z0-9_]+", page.read_text(encoding="utf-8")):
            if variable != "PARTICIPATION_TEST_POSTGRES_URL":  # the tests' own, not the app's
                assert f"`{variable}`" in texte, f"{page.name} names {variable}, no setting"


def test_la_page_des_reglages_est_a_jour() -> None:
    page = DOC.read_text(encoding="utf-8")
    tableau = page.split(DEBUT, 1)[1].split(FIN, 1)[0].strip() + "\n"
    assert tableau == documentation(), (
        "docs/configuration.md is out of date: .venv/bin/python -m stockage.configuration"
    )


def test_sans_variable_chaque_reglage_garde_son_defaut() -> None:
    assert Configuration.depuis_environnement(environ={}) == Configuration()


def test_l_option_de_la_ligne_de_commande_passe_avant_l_environnement() -> None:
    environ = {"PARTICIPATION_DATABASE_URL": "sqlite:///ailleurs.sqlite3"}
    choisie = Configuration.depuis_environnement("sqlite:///ici.sqlite3", environ)
    assert choisie.database_url == "sqlite:///ici.sqlite3"


@pytest.mark.parametrize(
    ("variable", "valeur", "message"),
    [
        ("PARTICIPATION_ENVELOPPE_BP_EUROS", "3 M€", "nombre entier d'euros"),
        ("PARTICIPATION_CONSERVATION_ANS", "31", "entre 1 et 30"),
        ("PARTICIPATION_ARCHIVAGE", "15/01", "MM-JJ"),
        ("PARTICIPATION_SESSION_INACTIVITE_MIN", "2h", "minutes entre 5 et 480"),
        ("PARTICIPATION_DATABASE_URL", "mysql://base", "non reconnue"),
    ],
)
def test_un_reglage_invalide_est_refuse_en_francais_au_demarrage(
    variable: str, valeur: str, message: str
) -> None:
    with pytest.raises(ConfigurationInvalide, match=message):
        Configuration.depuis_environnement(environ={variable: valeur})
