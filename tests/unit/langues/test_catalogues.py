"""The catalogues are complete and current: every text a user reads is in them, translated in
English and Arabic, placeholders intact; no template shows text outside a translation call; the
easy-to-read French covers the pages a resident needs."""

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from langues import FACILE_A_LIRE, LANGUES, Langue
from langues.catalogues import RACINE, extraire, fichier_po, lire, manquants, sans_traduction
from langues.gabarits import textes_hors_traduction

TRADUITES = [langue for langue in LANGUES if langue.catalogue and langue.complete]
GABARITS = sorted(
    chemin
    for dossier in ("web/templates", "rapports/templates")
    for chemin in (RACINE / dossier).rglob("*")
    if chemin.suffix in (".html", ".txt", ".ics")
)
PAGES_FACILES_A_LIRE = [
    "web/templates/base.html",
    "web/templates/accueil.html",
    "web/templates/confidentialite.html",
    "web/templates/conseils/page.html",
    "web/templates/conseils/_adhesion.html",
    "web/templates/conseils/_effectifs.html",
    "web/templates/conseils/_calendrier.html",
    "web/templates/seances/page.html",
    "web/templates/seances/_agenda.html",
    "web/templates/seances/_a_distance.html",
    "web/templates/seances/_perimetre.html",
    "web/templates/seances/_maniere.html",
    "web/templates/seances/_scrutins.html",
    "web/templates/budget/liste.html",
    "web/templates/budget/page.html",
    "web/templates/budget/deposer.html",
    "web/templates/budget/_depot.html",
    "web/templates/budget/_soutien.html",
]
"""The pages a resident needs, in easy-to-read French (home, council, joining and leaving,
séances with remote attendance and online votes, proposing and supporting a budget proposal,
privacy); the rest falls back to French."""


@pytest.fixture(scope="module")
def modele() -> Catalog:
    return extraire()


@pytest.mark.parametrize("langue", TRADUITES, ids=lambda langue: langue.code)
def test_chaque_texte_est_traduit(langue: Langue) -> None:
    restes = manquants(langue)
    assert not restes, f"{len(restes)} textes sans traduction en {langue.code} : {restes[:10]}"


@pytest.mark.parametrize("langue", [lg for lg in LANGUES if lg.catalogue], ids=lambda lg: lg.code)
def test_les_catalogues_suivent_le_code(modele: Catalog, langue: Langue) -> None:
    """`python -m langues.catalogues actualiser` was run after the last change of a text."""
    attendus = {m.id for m in modele if m.id}
    presents = {m.id for m in lire(fichier_po(langue), langue) if m.id}
    assert not attendus - presents, f"absents du catalogue : {sorted(attendus - presents)[:10]}"
    assert not presents - attendus, f"plus dans le code : {sorted(presents - attendus)[:10]}"


@pytest.mark.parametrize("langue", [lg for lg in LANGUES if lg.catalogue], ids=lambda lg: lg.code)
def test_les_variables_des_textes_sont_gardees(langue: Langue) -> None:
    """A translation keeps every `%(name)s` of its source (else the page would fail)."""
    erreurs = [
        (str(message.id)[:60], [str(e) for e in problemes])
        for message, problemes in lire(fichier_po(langue), langue).check()
    ]
    assert not erreurs, erreurs[:10]


@pytest.mark.parametrize("chemin", GABARITS, ids=lambda c: str(c.relative_to(RACINE)))
def test_aucun_texte_hors_traduction_dans_les_gabarits(chemin: Path) -> None:
    restes = textes_hors_traduction(chemin.read_text(encoding="utf-8"))
    assert not restes, f"texte hors traduction dans {chemin.name} : {restes[:5]}"


def test_le_facile_a_lire_couvre_les_pages_d_un_habitant(modele: Catalog) -> None:
    facile = lire(fichier_po(FACILE_A_LIRE), FACILE_A_LIRE)
    pages = set(PAGES_FACILES_A_LIRE)
    restes = [
        str(message.id)[:60]
        for message in modele
        if message.id
        and any(fichier in pages for fichier, _ligne in message.locations)
        and sans_traduction(facile[message.id])
    ]
    assert not restes, f"{len(restes)} textes sans version facile à lire : {restes[:10]}"


def test_ajouter_une_langue_c_est_un_catalogue() -> None:
    """Each language but the source has its catalogue; nothing else names the languages."""
    for langue in LANGUES:
        if langue.catalogue is not None:
            assert fichier_po(langue).exists(), langue.code
