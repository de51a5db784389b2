"""Content-addressed storage of the documents, on both backends: the local directory and an
S3-compatible server started by the tests (a real HTTP server on a socket, no mock)."""

import hashlib
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from stockage.configuration import Configuration
from stockage.fichiers import (
    FichierAltere,
    FichierIntrouvable,
    Fichiers,
    FichiersLocaux,
    FichiersS3,
    fichiers_pour,
)
from tests.conftest import configuration_s3


@pytest.fixture(params=["local", "s3"])
def fichiers(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Fichiers]:
    if request.param == "local":
        yield FichiersLocaux(tmp_path / "fichiers")
        return
    serveur = request.getfixturevalue("serveur_s3")
    base = Configuration(f"sqlite:///{tmp_path}/p.sqlite3")
    yield fichiers_pour(configuration_s3(base, serveur, f"essai-{secrets.token_hex(4)}"))


def test_un_contenu_se_relit_a_son_empreinte(fichiers: Fichiers) -> None:
    contenu = b"%PDF-1.7 compte rendu"
    empreinte = fichiers.put(contenu)
    assert empreinte == hashlib.sha256(contenu).hexdigest()
    assert fichiers.existe(empreinte)
    assert fichiers.get(empreinte) == contenu


def test_le_meme_contenu_depose_deux_fois_n_est_stocke_qu_une_fois(
    fichiers: Fichiers, tmp_path: Path
) -> None:
    premier = fichiers.put(b"meme contenu")
    second = fichiers.put(b"meme contenu")
    assert premier == second
    if isinstance(fichiers, FichiersLocaux):
        stockes = [f for f in (tmp_path / "fichiers").rglob("*") if f.is_file()]
        assert [f.name for f in stockes] == [premier]  # no temporary file left either
    else:
        assert isinstance(fichiers, FichiersS3)
        objets = list(fichiers.client.list_objects(fichiers.seau, recursive=True))
        assert [o.object_name for o in objets] == [f"sha256/{premier}"]


def test_un_contenu_supprime_n_existe_plus(fichiers: Fichiers) -> None:
    empreinte = fichiers.put(b"a effacer")
    autre = fichiers.put(b"a garder")
    fichiers.supprimer(empreinte)
    assert not fichiers.existe(empreinte)
    with pytest.raises(FichierIntrouvable):
        fichiers.get(empreinte)
    assert fichiers.get(autre) == b"a garder"
    fichiers.supprimer(empreinte)  # deleting twice is harmless


def test_une_empreinte_inconnue_est_introuvable(fichiers: Fichiers) -> None:
    absente = "0" * 64
    assert not fichiers.existe(absente)
    with pytest.raises(FichierIntrouvable):
        fichiers.get(absente)


def test_une_adresse_qui_n_est_pas_une_empreinte_est_refusee(fichiers: Fichiers) -> None:
    for adresse in ("../../etc/passwd", "ABC", "0" * 63):
        with pytest.raises(ValueError):
            fichiers.existe(adresse)


def test_un_contenu_altere_n_est_jamais_rendu(fichiers: Fichiers) -> None:
    empreinte = fichiers.put(b"original")
    if isinstance(fichiers, FichiersLocaux):
        fichiers.chemin(empreinte).write_bytes(b"altere")
    else:
        assert isinstance(fichiers, FichiersS3)
        import io

        fichiers.client.put_object(fichiers.seau, fichiers.cle(empreinte), io.BytesIO(b"x"), 1)
    with pytest.raises(FichierAltere):
        fichiers.get(empreinte)


def test_par_defaut_les_fichiers_sont_a_cote_de_la_base_sqlite(tmp_path: Path) -> None:
    stockage = fichiers_pour(Configuration(f"sqlite:///{tmp_path}/base/p.sqlite3"))
    assert isinstance(stockage, FichiersLocaux)
    assert stockage.dossier == tmp_path / "base" / "fichiers"
