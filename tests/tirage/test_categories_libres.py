"""Any column of POOL.csv may carry quotas (the source list, say); others never leave the file."""

import json
import subprocess
import sys
from pathlib import Path

import tirage
from tirage.canonique import ecrire
from tirage.loterie import annoncer
from tirage.tirer import tirer
from tirage.verification import verifier
from tirage.vivier import lire_quotas, lire_vivier

SOURCES = ["volontariat", "bailleur_social", "liste_electorale", "autre"]


def vivier_csv() -> str:
    lignes = ["id,college,genre,quartier,volontaire,source,nom"]
    for i in range(80):
        source = SOURCES[i % 4]
        volontaire = "oui" if source == "volontariat" else "non"
        college = "acteur_local" if i % 5 == 0 else "habitant"
        genre = "femme" if i % 2 else "homme"
        lignes.append(f"p{i:03d},{college},{genre},Q{i % 3},{volontaire},{source},Nom Secret {i}")
    return "\n".join(lignes)


QUOTAS = {
    "taille": 20,
    "quotas": {
        "college": {"habitant": [14, 14], "acteur_local": [6, 6]},
        "genre": {"femme": [10, 10], "homme": [10, 10]},
        "source": {"bailleur_social": [4, 8], "liste_electorale": [4, 8], "volontariat": [4, 8]},
    },
}


def test_des_places_sont_reservees_par_liste_source_et_les_autres_colonnes_restent_privees(
    tmp_path: Path,
) -> None:
    vivier = lire_vivier(vivier_csv())
    annonce = annoncer(vivier, lire_quotas(QUOTAS, vivier), 1000, "dés")
    record = tirer(annonce, "1,2,3")

    assert annonce["categories"] == ["college", "genre", "source"]
    assert all(
        set(c) == {"id", "college", "genre", "quartier", "volontaire", "source"}
        for c in record["vivier"]
    )
    assert "Nom Secret" not in ecrire(record)
    sources = {c["id"]: c["source"] for c in record["vivier"]}
    choisis = [sources[i] for i in record["selection"]]
    for source in ("bailleur_social", "liste_electorale", "volontariat"):
        assert 4 <= choisis.count(source) <= 8
    assert verifier(record, equite=True).correct

    fichier = tmp_path / "enregistrement.json"
    fichier.write_text(ecrire(record))
    script = Path(tirage.__file__).parent / "verificateur_autonome.py"
    resultat = subprocess.run(
        [sys.executable, "-S", str(script), str(fichier)], capture_output=True, text=True
    )
    assert resultat.returncode == 0 and "CONFORME" in resultat.stdout

    falsifie = json.loads(ecrire(record))
    falsifie["vivier"][0]["nom"] = "Nom Secret 0"  # a column without quota has no place here
    assert not verifier(falsifie).correct


def test_une_categorie_absente_du_vivier_est_refusee() -> None:
    vivier = lire_vivier(vivier_csv())
    try:
        lire_quotas({"taille": 5, "quotas": {"age": {"jeune": [1, 5]}}}, vivier)
    except Exception as erreur:
        assert "Catégorie de quota inconnue : « age »" in str(erreur)
        assert "source" in str(erreur)
    else:
        raise AssertionError("quota on an unknown column accepted")
