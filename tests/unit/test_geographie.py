"""The priority geography as data: reading an official list, adopting it from a date, and what
the referential then accepts. The lists here are test inputs, not the official 2024 list (see
docs/geographie.md)."""

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from domaine.assemblee import Adhesion, profil
from domaine.conseils import ConseilCitoyen
from domaine.erreurs import ChampInvalide, DonneeInvalide, EtatIncompatible
from domaine.geographie import ReferentielGeographique, lire_liste
from domaine.quartiers import (
    GEOGRAPHIE_2015_2023,
    HORS_QPV,
    REFERENTIEL_INITIAL,
    arrondissements,
    geographie_au,
    installer,
    libelle_quartier,
    quartier_a_jour,
    referentiel,
    verifier_quartier,
)

LE = datetime(2023, 12, 20, 10, tzinfo=UTC)
LISTE_ESSAI = (
    "code;nom;arrondissements;population\n"
    "ESSAI-18-GOUTTE-D-OR;Goutte d'Or (essai);18;12000\n"
    "QPV-18-BLEMONT;Blémont;18;\n"
    "ESSAI-15-UN;Quartier d'essai du 15e;15;1100\n"
)


def adopter(contenu: str = LISTE_ESSAI, debut: date = date(2024, 1, 1)) -> None:
    r = ReferentielGeographique.ouvrir(LE)
    r.adopter(
        "2024-2030", debut, "Fichier d'essai", lire_liste(contenu), referentiel(), uuid4(), LE
    )
    courant = referentiel()
    for g in r.geographies:
        courant = courant.avec_geographie(g)
    installer(courant)


def test_une_liste_officielle_se_lit_avec_virgules_ou_points_virgules() -> None:
    quartiers = lire_liste(LISTE_ESSAI)
    assert [q.code for q in quartiers] == ["ESSAI-18-GOUTTE-D-OR", "QPV-18-BLEMONT", "ESSAI-15-UN"]
    assert quartiers[0].population == 12000 and quartiers[1].population is None
    a_virgules = lire_liste('code,nom,arrondissements\nX-1,"Nom, avec virgule","18;19"\n')
    assert a_virgules[0].nom == "Nom, avec virgule" and a_virgules[0].arrondissements == (18, 19)


@pytest.mark.parametrize(
    ("contenu", "message"),
    [
        ("", "vide"),
        ("code;nom\nA;B\n", "Colonnes manquantes : arrondissements"),
        ("code;nom;arrondissements\n", "aucun quartier"),
        ("code;nom;arrondissements\n;Nom;18\n", "Ligne 2 : code absent"),
        ("code;nom;arrondissements\nA;;18\n", "Ligne 2 : nom absent"),
        ("code;nom;arrondissements\nA;N;dix-huit\n", "Ligne 2 : arrondissements illisibles"),
        ("code;nom;arrondissements\nA;N;21\n", "Ligne 2 : arrondissements de Paris"),
        ("code;nom;arrondissements\nA;N;18\nA;M;19\n", "Codes en double : A"),
        ("code;nom;arrondissements;population\nA;N;18;-3\n", "négatif"),
    ],
)
def test_un_fichier_mal_forme_est_refuse_en_nommant_la_ligne(contenu: str, message: str) -> None:
    with pytest.raises(DonneeInvalide, match=message):
        lire_liste(contenu)


def test_la_geographie_adoptee_s_applique_a_partir_de_son_debut() -> None:
    adopter()
    assert geographie_au(date(2023, 12, 31)) is not None
    assert geographie_au(date(2023, 12, 31)).periode == "2015-2023"
    assert geographie_au(date(2024, 1, 1)).periode == "2024-2030"
    assert geographie_au(date(2026, 12, 7)).source == "Fichier d'essai"
    # a code of the founding list is still accepted for a day before the change, not after
    goutte = "QPV-18-GOUTTE-D-OR"
    assert verifier_quartier(18, goutte, date(2023, 6, 1)) == goutte
    with pytest.raises(DonneeInvalide):
        verifier_quartier(18, goutte, date(2024, 6, 1))
    assert quartier_a_jour(18, "QPV-18-BLEMONT", date(2024, 6, 1))
    assert not quartier_a_jour(18, goutte, date(2024, 6, 1))
    assert quartier_a_jour(18, HORS_QPV, date(2024, 6, 1))
    # records keep their code: its name is still known
    assert libelle_quartier(goutte) == "Goutte d'Or"


@pytest.mark.parametrize(
    ("periode", "debut", "champ"),
    [("2015-2023", date(2024, 1, 1), "periode"), ("2024-2030", date(2015, 1, 1), "debut")],
)
def test_une_liste_ne_remplace_jamais_une_periode_connue(
    periode: str, debut: date, champ: str
) -> None:
    r = ReferentielGeographique.ouvrir(LE)
    with pytest.raises(ChampInvalide) as refus:
        r.adopter(periode, debut, "Source", lire_liste(LISTE_ESSAI), referentiel(), uuid4(), LE)
    assert refus.value.champ == champ
    assert list(r.collect_events())[1:] == []


def test_un_conseil_s_institue_ou_une_liste_met_un_qpv() -> None:
    with pytest.raises(DonneeInvalide, match="15e arrondissement n'a aucun quartier"):
        ConseilCitoyen.instituer(15, LE)
    adopter()
    conseil = ConseilCitoyen.instituer(15, LE)
    assert conseil.arrondissement == 15
    installer(referentiel().avec_conseil(15))
    assert arrondissements() == (10, 11, 13, 14, 15, 17, 18, 19, 20)


def test_un_membre_redeclare_son_quartier_parmi_ceux_en_vigueur() -> None:
    p = profil(18, "habitant", "femme", "25_39", "QPV-18-GOUTTE-D-OR", date(2023, 3, 1))
    adhesion = Adhesion.rejoindre_une_premiere_fois(18, uuid4(), p, True, LE)
    adopter()
    apres = datetime(2024, 2, 1, 10, tzinfo=UTC)
    with pytest.raises(ChampInvalide) as refus:
        adhesion.redeclarer_quartier("QPV-18-GOUTTE-D-OR", apres)  # no longer in the list
    assert refus.value.champ == "quartier"
    with pytest.raises(ChampInvalide):
        adhesion.redeclarer_quartier("", apres)
    adhesion.redeclarer_quartier("ESSAI-18-GOUTTE-D-OR", apres)
    assert adhesion.profil.quartier == "ESSAI-18-GOUTTE-D-OR"
    adhesion.redeclarer_quartier("ESSAI-18-GOUTTE-D-OR", apres)  # the same again: nothing new
    assert [type(e).__name__ for e in adhesion.collect_events()] == [
        "Entree",
        "QuartierRedeclare",
    ]
    adhesion.quitter("", apres)
    with pytest.raises(EtatIncompatible):
        adhesion.redeclarer_quartier(HORS_QPV, apres)


def test_le_referentiel_fondateur_est_celui_du_contrat_de_ville() -> None:
    assert REFERENTIEL_INITIAL.geographies == (GEOGRAPHIE_2015_2023,)
    assert "2014-1750" in GEOGRAPHIE_2015_2023.source
