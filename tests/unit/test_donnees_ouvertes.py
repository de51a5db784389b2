"""The open data's dictionary: one source (`participation.donnees_ouvertes.JEUX`) for the page,
the JSON dictionary, the files' columns and docs/donnees-ouvertes.md."""

from pathlib import Path

from participation.donnees_ouvertes import JEUX, dictionnaire_markdown, unite

DOC = Path(__file__).resolve().parents[2] / "docs" / "donnees-ouvertes.md"
TYPES = {"string", "integer", "number", "boolean", "date", "datetime", "object"}


def test_la_page_des_donnees_ouvertes_donne_le_dictionnaire_a_jour() -> None:
    page = DOC.read_text(encoding="utf-8")
    tables = page.split("<!-- dictionnaire -->\n", 1)[1].split("<!-- /dictionnaire -->", 1)[0]
    assert tables == dictionnaire_markdown(), (
        "docs/donnees-ouvertes.md is out of date: .venv/bin/python -m participation.donnees_ouvertes"
    )


def test_chaque_colonne_a_un_nom_unique_un_type_connu_et_un_sens() -> None:
    for jeu in JEUX:
        noms = [c.nom for c in jeu.colonnes]
        assert len(noms) == len(set(noms)), jeu.code
        for colonne in jeu.colonnes:
            assert colonne.type in TYPES, (jeu.code, colonne.nom)
            assert colonne.sens.strip(), (jeu.code, colonne.nom)
        assert not {"auteur_id", "lien_visio", "nom", "email"} & set(noms), jeu.code


def test_l_unite_d_un_chiffre_se_lit_dans_sa_cle() -> None:
    assert unite("budget_participatif.montant_laureates_euros", 1200) == "euros"
    assert unite("avis.delai_de_reponse_jours.mediane", 12.5) == "jours"
    assert unite("groupe_moteur.part_habitants", 0.5) == "proportion"
    assert unite("obligations.bilan_ville_presente_le", "2026-03-02") == "date"
    assert unite("assemblee.entrees.par_genre.femme", "< 5") == "nombre"
    assert unite("groupe_moteur.constitue", True) == ""
    assert unite("avis.delai_de_reponse_jours.p90", None) == ""
