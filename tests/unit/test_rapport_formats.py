"""The report's formats on small reports made by the pure fold: an empty year, a partial one,
and the French writing of numbers, dates and masked cells."""

import csv
import io
import re
from datetime import UTC, datetime
from typing import Any

from openpyxl import load_workbook

from domaine.quartiers import ARRONDISSEMENTS_FONDATEURS
from rapports.calcul import rapport_annuel
from rapports.formats import nom_de_fichier, rendre
from rapports.formats.graphiques import Serie, barres
from rapports.formats.libelles import libelle_ventilation, texte


def _vide(**options: Any) -> dict[str, Any]:
    return rapport_annuel([], 2025, ARRONDISSEMENTS_FONDATEURS, **options)


def test_une_annee_sans_activite_le_dit_dans_chaque_format() -> None:
    rapport = _vide()
    assert rapport["vide"]
    page = rendre(rapport, "html").decode()
    assert "Aucune activité enregistrée en 2025 pour ce périmètre." in page
    assert "<svg" not in page  # nothing to draw
    assert "Aucun tirage au sort effectué dans l&#39;année." in page

    lignes = list(
        csv.reader(io.StringIO(rendre(rapport, "csv").decode("utf-8-sig")), delimiter=";")
    )
    assert {ligne[0] for ligne in lignes[1:]} == {
        *(str(a) for a in ARRONDISSEMENTS_FONDATEURS),
        "paris",
    }
    seances_18 = [ligne for ligne in lignes if ligne[:3] == ["18", "seances", "tenues"]]
    assert [ligne[:5] for ligne in seances_18] == [["18", "seances", "tenues", "", "0"]]

    classeur = load_workbook(io.BytesIO(rendre(rapport, "xlsx")))
    assert "Aucune activité enregistrée en 2025" in str(classeur["Paris"]["A2"].value)


def test_un_rapport_partiel_l_annonce() -> None:
    rapport = rapport_annuel([], 2026, (18,), maintenant=datetime(2026, 3, 1, 12, tzinfo=UTC))
    assert rapport["partiel"] and rapport["au"] == "2026-03-01"
    page = rendre(rapport, "html").decode()
    assert "Rapport partiel" in page and "1er mars 2026" in page
    assert "<nav" not in page  # a single council needs no table of contents
    assert nom_de_fichier(rapport, "pdf") == "rapport-annuel-2026-18e.pdf"


def test_les_nombres_et_les_dates_s_ecrivent_a_la_francaise() -> None:
    assert texte(1234567) == "1\u202f234\u202f567"
    assert texte(-2) == "−2"
    assert texte(14.75) == "14,75"
    assert texte(50.0) == "50"
    assert texte(0.67, "groupe_moteur.part_habitants") == "67\u202f%"
    assert (
        texte(987000, "budget_participatif.montant_estime_deposees_euros") == "987\u202f000\u202f€"
    )
    assert texte(12.5, "avis.delai_de_reponse_jours.mediane") == "12,5 jours"
    assert texte(None) == "—"
    assert texte(True) == "oui"
    assert texte("2026-03-01") == "1er mars 2026"
    assert texte("< 5") == "< 5"


def test_les_ventilations_ont_un_libelle_francais() -> None:
    assert libelle_ventilation("au_1er_janvier", "par_college.habitant") == (
        "Par collège › Habitant·e"
    )
    assert libelle_ventilation("par_destinataire", "autre.transmis") == (
        "Autre institution › Transmis"
    )
    assert libelle_ventilation("sorties", "par_genre.autre") == "Par genre › Autre"
    assert libelle_ventilation("tirages", "0.effectue_le") == "n° 1 › Effectué le"
    assert libelle_ventilation("par_quartier", "hors_qpv.deposees") == (
        "Hors quartier prioritaire › Déposées"
    )


def test_une_case_masquee_est_une_barre_hachuree_sans_nombre() -> None:
    titre, svg = barres(
        "essai",
        "Membres par genre",
        [Serie("1er janv.", "au 1er janvier"), Serie("31 déc.", "au 31 décembre")],
        [("Femme", [21, 27]), ("Autre", ["< 5", "< 5"]), ("Homme", [0, None])],
        5,
    )
    assert titre == "Membres par genre"
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img"')
    assert 'aria-label="Membres par genre"' in svg and "<title>Membres par genre</title>" in svg
    assert svg.count('fill="url(#hachures-essai)"') == 2
    etiquettes = re.findall(r">([^<>]+ : [^<>]+)</text>", str(svg))
    assert etiquettes == [
        "1er janv. : 21",
        "31 déc. : 27",
        "1er janv. : &lt; 5",
        "31 déc. : &lt; 5",
        "1er janv. : 0",
        "31 déc. : —",
    ]
    assert "Autre : au 1er janvier moins de 5, au 31 décembre moins de 5" in svg
    assert "style=" not in svg  # the site's CSP forbids inline styles
