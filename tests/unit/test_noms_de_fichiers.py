"""Report files are named once, with exactly one extension, produced now or archived."""

import pytest

from domaine.erreurs import DonneeInvalide
from rapports.formats import FORMATS, nom_de_fichier, nom_de_fichier_de


@pytest.mark.parametrize("format_", FORMATS)
def test_un_nom_de_fichier_a_une_seule_extension(format_: str) -> None:
    conseil = {"annee": 2025, "conseils": [{"arrondissement": 18}]}
    paris = {"annee": 2025, "conseils": [{"arrondissement": 18}], "paris": {}}

    assert nom_de_fichier(conseil, format_) == f"rapport-annuel-2025-18e.{format_}"
    assert nom_de_fichier(paris, format_) == f"rapport-annuel-2025-paris.{format_}"
    assert nom_de_fichier_de(2025, 0, format_) == f"rapport-annuel-2025-paris.{format_}"
    assert nom_de_fichier_de(2025, 18, format_).count(".") == 1


def test_un_format_inconnu_n_a_pas_de_nom() -> None:
    with pytest.raises(DonneeInvalide, match="Format de rapport inconnu"):
        nom_de_fichier({"annee": 2025, "conseils": []}, "docx")
