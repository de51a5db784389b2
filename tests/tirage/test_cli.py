"""The offline CLI contract of the issue: `participation tirage loterie | tirer | verify`, with
the documented POOL.csv and QUOTAS.json; exit codes 0 / 1 / 2 and one French line on errors;
byte-identical outputs across processes with different PYTHONHASHSEED."""

import csv
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lancement.cli import main
from tests.tirage.outils import RACINE, autonome, copie, ecrire_fichier, vivier_aleatoire
from tirage.canonique import ecrire
from tirage.loterie import annoncer
from tirage.vivier import Candidat, lire_quotas, lire_vivier

QUOTAS_ISSUE = {
    "taille": 30,
    "quotas": {
        "college": {"habitant": [20, 20], "acteur_local": [10, 10]},
        "genre": {"femme": [15, 15], "homme": [15, 15]},
        "quartier": {"Q01": [5, 30], "Q02": [5, 30]},
    },
}


def _ecrire_csv(chemin: Path, vivier: list[Candidat], extra: bool = True) -> Path:
    """POOL.csv as the issue documents it; with `extra`, columns in another order and more
    columns (names, e-mails) that the lottery must ignore."""
    rng = random.Random(len(vivier))
    colonnes = ["nom", "volontaire", "id", "genre", "courriel", "quartier", "college"]
    if not extra:
        colonnes = ["id", "college", "genre", "quartier", "volontaire"]
    with chemin.open("w", newline="", encoding="utf-8") as fichier:
        ecrivain = csv.DictWriter(fichier, fieldnames=colonnes)
        ecrivain.writeheader()
        for c in rng.sample(vivier, len(vivier)):  # the file order does not matter either
            ligne = {**c.en_json(), "nom": f"Nom {rng.random()}", "courriel": "x@exemple.fr"}
            ecrivain.writerow({k: ligne[k] for k in colonnes})
    return chemin


@pytest.fixture(scope="module")
def vivier_cli() -> list[Candidat]:
    """Parity is possible: 50 women and 50 men, split across the colleges."""
    rng = random.Random(11)
    vivier = vivier_aleatoire(rng, 100, quartiers=4)
    genres = ["femme", "homme"] * 50
    return [
        Candidat(c.id, "acteur_local" if i % 3 == 0 else "habitant", genres[i], c.quartier, "oui")
        for i, c in enumerate(vivier)
    ]


@pytest.fixture(scope="module")
def fichiers(tmp_path_factory: pytest.TempPathFactory, vivier_cli: list[Candidat]) -> Path:
    dossier = tmp_path_factory.mktemp("cli")
    _ecrire_csv(dossier / "POOL.csv", vivier_cli)
    (dossier / "QUOTAS.json").write_text(json.dumps(QUOTAS_ISSUE, indent=2), encoding="utf-8")
    return dossier


def _participation(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    try:
        code = main(["tirage", *arguments])
    except SystemExit as fin:  # argparse usage errors
        code = int(fin.code or 0)
    sortie = capsys.readouterr()
    return code, sortie.out, sortie.err


def test_loterie_tirer_verify(fichiers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    annonce, record = fichiers / "ANNONCE.json", fichiers / "RECORD.json"
    code, sortie, erreurs = _participation(
        capsys,
        "loterie",
        "--pool",
        str(fichiers / "POOL.csv"),
        "--quotas",
        str(fichiers / "QUOTAS.json"),
        "--sortie",
        str(annonce),
        "--hasard-prevu",
        "quatre dés à dix faces lancés par deux témoins, séance du 12 mars",
    )
    assert code == 0
    assert erreurs.startswith("Attention : sans --hasard-prevu-le")  # format 1, no time fixed
    assert sortie.startswith("Loterie annoncée : 10000 tickets, probabilité minimale ")
    document = json.loads(annonce.read_text(encoding="utf-8"))
    assert document["tickets"]["nombre"] == 10_000
    assert annonce.read_text(encoding="utf-8") == ecrire(document)  # canonical, final newline
    assert {"nom", "courriel"}.isdisjoint(document["vivier"][0])  # extra columns ignored

    code, sortie, _ = _participation(
        capsys, "tirer", str(annonce), "--hasard", "3,7,1,9", "--temoin", "A. Diallo",
        "--temoin", "J. Martin", "--sortie", str(record),
    )  # fmt: skip
    assert code == 0
    assert sortie == "Ticket 3719 : 30 personnes tirées, 70 en liste complémentaire.\n"
    enregistrement = json.loads(record.read_text(encoding="utf-8"))
    assert len(enregistrement["engagement"]) == 64
    assert int(enregistrement["engagement"], 16) >= 0
    assert len(enregistrement["selection"]) == 30
    assert len(enregistrement["suppleants"]) == 70
    assert enregistrement["tirage"]["temoins"] == ["A. Diallo", "J. Martin"]

    code, sortie, _ = _participation(capsys, "verify", str(record))
    assert code == 0
    assert sortie.endswith("Verdict : le tirage est conforme à son annonce.\n")
    assert autonome(record).returncode == 0

    altere = copie(enregistrement)
    altere["suppleants"][:2] = altere["suppleants"][1::-1]
    ecrire_fichier(fichiers / "ALTERE.json", altere)
    code, sortie, _ = _participation(capsys, "verify", str(fichiers / "ALTERE.json"))
    assert code == 1
    assert sortie.splitlines()[-1].startswith(
        "Verdict : NON CONFORME — liste complémentaire, rang 1 : publié "
    )
    assert autonome(fichiers / "ALTERE.json").returncode == 1


def test_les_colonnes_en_plus_et_l_ordre_du_fichier_ne_changent_rien(
    fichiers: Path, vivier_cli: list[Candidat], tmp_path: Path
) -> None:
    simple = _ecrire_csv(tmp_path / "simple.csv", vivier_cli, extra=False)
    riche = (fichiers / "POOL.csv").read_text(encoding="utf-8")
    assert lire_vivier(riche) == lire_vivier(simple.read_text(encoding="utf-8")) == vivier_cli
    # a byte order mark (spreadsheet export) is accepted too
    assert lire_vivier("\ufeff" + riche) == vivier_cli


@pytest.mark.parametrize(
    ("contenu", "message"),
    [
        ("id,college,genre,quartier\na,habitant,femme,Q01\n", "volontaire"),
        ("id,college,genre,quartier,volontaire\na,élu,femme,Q01,oui\n", "Ligne 2 : college"),
        ("id,college,genre,quartier,volontaire\na,habitant,F,Q01,oui\n", "Ligne 2 : genre"),
        ("id,college,genre,quartier,volontaire\na,habitant,femme,Q01,peut-être\n", "volontaire"),
        ("id,college,genre,quartier,volontaire\na,habitant,femme,,oui\n", "quartier vide"),
        (
            "id,college,genre,quartier,volontaire\na,habitant,femme,Q1,oui\na,habitant,homme,Q1,non\n",
            "en double",
        ),
        ("id,college,genre,quartier,volontaire\n", "Le vivier est vide."),
        ("\x00\x01", "Colonnes manquantes"),
    ],
)
def test_un_vivier_mal_forme_donne_le_code_2_et_une_ligne_en_francais(
    contenu: str, message: str, fichiers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "POOL.csv").write_text(contenu, encoding="utf-8")
    code, sortie, erreurs = _participation(
        capsys, "loterie", "--pool", str(tmp_path / "POOL.csv"),
        "--quotas", str(fichiers / "QUOTAS.json"), "--sortie", str(tmp_path / "A.json"),
    )  # fmt: skip
    assert (code, sortie) == (2, "")
    assert erreurs.startswith("Erreur : ") and erreurs.count("\n") == 1, erreurs
    assert message in erreurs
    assert not (tmp_path / "A.json").exists()


@pytest.mark.parametrize(
    ("quotas", "message"),
    [
        ("{", "n'est pas du JSON valide"),
        ("[]", "« taille »"),
        ('{"taille": "30"}', "« taille »"),
        ('{"taille": 500, "quotas": {}}', "La taille du panel (500) doit être comprise"),
        ('{"taille": 30, "quotas": {"age": {"jeune": [1, 2]}}}', "Catégorie de quota inconnue"),
        ('{"taille": 30, "quotas": {"genre": {"femme": [16, 15]}}}', "Quota genre = femme"),
        ('{"taille": 30, "quotas": {"genre": {"femme": 15}}}', "Quota genre = femme"),
        ('{"taille": 30, "quotas": {"genre": {"femme": [1.5, 15]}}}', "Quota genre = femme"),
        ('{"taille": 30, "quotas": {"genre": ["femme"]}}', "doivent être un objet"),
        ('{"taille": 30, "quotas": []}', "« quotas » doit être un objet"),
        (
            '{"taille": 30, "quotas": {"college": {"acteur_local": [40, 40]}}}',
            "Quota college = acteur_local : au moins 40 personnes demandées, mais le vivier "
            "n'en compte que 34.",
        ),
    ],
)
def test_des_quotas_mal_formes_ou_infaisables_donnent_le_code_2(
    quotas: str, message: str, fichiers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "QUOTAS.json").write_text(quotas, encoding="utf-8")
    code, sortie, erreurs = _participation(
        capsys, "loterie", "--pool", str(fichiers / "POOL.csv"),
        "--quotas", str(tmp_path / "QUOTAS.json"), "--sortie", str(tmp_path / "A.json"),
    )  # fmt: skip
    assert (code, sortie) == (2, "")
    assert erreurs.startswith("Erreur : ") and erreurs.count("\n") == 1, erreurs
    assert message in erreurs


@pytest.mark.parametrize(
    "arguments",
    [
        ["loterie", "--pool", "{d}/POOL.csv", "--quotas", "{d}/QUOTAS.json", "--sortie",
         "{d}/x.json", "--tickets", "1"],
        ["loterie", "--pool", "{d}/absent.csv", "--quotas", "{d}/QUOTAS.json", "--sortie", "x"],
        ["loterie", "--pool", "{d}/POOL.csv", "--sortie", "x"],
        ["tirer", "{d}/absent.json", "--hasard", "1,2,3,4", "--sortie", "{d}/r.json"],
        ["tirer", "{d}/POOL.csv", "--hasard", "1,2,3,4", "--sortie", "{d}/r.json"],
        ["verify", "{d}/absent.json"],
        ["verify", "{d}/POOL.csv"],
    ],
)  # fmt: skip
def test_les_erreurs_d_usage_donnent_le_code_2(
    arguments: list[str], fichiers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, sortie, erreurs = _participation(
        capsys, *(a.replace("{d}", str(fichiers)) for a in arguments)
    )
    assert (code, sortie) == (2, "")
    assert erreurs.startswith("Erreur : ") and erreurs.count("\n") == 1, erreurs


def test_tirer_refuse_une_annonce_modifiee_ou_un_hasard_vide(
    fichiers: Path, tmp_path: Path, vivier_cli: list[Candidat], capsys: pytest.CaptureFixture[str]
) -> None:
    annonce = annoncer(vivier_cli, lire_quotas(QUOTAS_ISSUE, vivier_cli), 100)
    ecrire_fichier(tmp_path / "A.json", annonce)
    code, _, erreurs = _participation(
        capsys, "tirer", str(tmp_path / "A.json"), "--hasard", " ", "--sortie", "r.json"
    )
    assert (code, erreurs) == (2, "Erreur : Le hasard public est vide.\n")
    annonce["hasard_prevu"] = "autre chose"
    ecrire_fichier(tmp_path / "A.json", annonce)
    code, _, erreurs = _participation(
        capsys, "tirer", str(tmp_path / "A.json"), "--hasard", "1", "--sortie", "r.json"
    )
    assert code == 2
    assert erreurs == "Erreur : L'annonce a été modifiée : son engagement ne correspond plus.\n"


def _lancer(graine: str, *arguments: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONHASHSEED": graine}
    return subprocess.Popen(
        [sys.executable, "-m", "lancement.cli", "tirage", *arguments],
        cwd=RACINE,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _attendre(*processus: subprocess.Popen[bytes]) -> list[str]:
    """Wait for each process to succeed; their standard outputs."""
    sorties = []
    for p in processus:
        sortie, erreurs = p.communicate(timeout=120)
        assert p.returncode == 0, (sortie, erreurs)
        sorties.append(sortie.decode("utf-8"))
    return sorties


def test_memes_octets_quel_que_soit_pythonhashseed(
    fichiers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entrees = ["--pool", str(fichiers / "POOL.csv"), "--quotas", str(fichiers / "QUOTAS.json")]
    a1, a999 = tmp_path / "A1.json", tmp_path / "A999.json"
    sorties = _attendre(
        _lancer("1", "loterie", *entrees, "--sortie", str(a1)),
        _lancer("999", "loterie", *entrees, "--sortie", str(a999)),
    )
    assert a1.read_bytes() == a999.read_bytes()
    # one line: nothing else (a solver's banner, say) on the output a script may read
    assert [len(s.splitlines()) for s in sorties] == [1, 1], sorties
    assert sorties[0].startswith("Loterie annoncée : ")
    # and the same bytes in this process (its own hash seed)
    code, _, _ = _participation(capsys, "loterie", *entrees, "--sortie", str(tmp_path / "A.json"))
    assert code == 0 and (tmp_path / "A.json").read_bytes() == a1.read_bytes()

    r1, r999 = tmp_path / "R1.json", tmp_path / "R999.json"
    tirage = ["--hasard", "Euromillions du 14 mars : 4 12 23 31 45", "--temoin", "Élise"]
    _attendre(
        _lancer("1", "tirer", str(a1), *tirage, "--sortie", str(r1)),
        _lancer("999", "tirer", str(a999), *tirage, "--sortie", str(r999)),
    )
    assert r1.read_bytes() == r999.read_bytes()
    record: dict[str, Any] = json.loads(r1.read_bytes())
    assert record["tirage"]["methode"] == "sha256"
    assert autonome(r1).returncode == 0


def test_une_annonce_a_l_heure_du_hasard_ne_se_tire_pas_avant(
    fichiers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Format 2 from the command line: the announcement commits to the time of the public
    randomness (Paris time typed without offset); a draw before it is refused, one after it
    records its own time, and both verifiers accept the record."""
    annonce, record = tmp_path / "A.json", tmp_path / "R.json"
    code, sortie, _ = _participation(
        capsys, "loterie", "--pool", str(fichiers / "POOL.csv"), "--quotas",
        str(fichiers / "QUOTAS.json"), "--hasard-prevu", "quatre dés, séance du 20 janvier",
        "--hasard-prevu-le", "2027-01-20T18:30", "--sortie", str(annonce),
    )  # fmt: skip
    assert code == 0 and "Attention" not in sortie
    assert json.loads(annonce.read_text())["hasard_prevu_le"] == "2027-01-20T18:30:00+01:00"

    trop_tot = ["tirer", str(annonce), "--hasard", "3,7,1,9", "--sortie", str(record)]
    code, _, erreurs = _participation(capsys, *trop_tot, "--le", "2026-12-06T10:00")
    assert code == 2 and "ne peut pas avoir lieu avant" in erreurs
    assert not record.exists()

    code, _, _ = _participation(capsys, *trop_tot, "--le", "2027-01-20T18:45")
    assert code == 0
    assert json.loads(record.read_text())["tirage"]["le"] == "2027-01-20T18:45:00+01:00"
    assert _participation(capsys, "verify", str(record))[0] == 0
    assert autonome(record).returncode == 0

    code, _, erreurs = _participation(capsys, *trop_tot, "--le", "demain soir")
    assert code == 2 and "--le" in erreurs


def test_un_vivier_au_champ_demesure_donne_une_erreur_en_francais(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vivier = tmp_path / "POOL.csv"
    vivier.write_text(
        "id,college,genre,quartier,volontaire\n" + "p1,habitant,femme,Q1," + "x" * 200_000 + "\n",
        encoding="utf-8",
    )
    quotas = tmp_path / "QUOTAS.json"
    quotas.write_text('{"taille": 1, "quotas": {}}', encoding="utf-8")

    code, _, erreurs = _participation(
        capsys, "loterie", "--pool", str(vivier), "--quotas", str(quotas), "--sortie", "a.json"
    )

    assert code == 2
    assert erreurs.startswith("Erreur : Le vivier contient un champ de plus de 128 Kio")
