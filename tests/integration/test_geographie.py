"""A geography change on 1 January 2024: the list is adopted, a member re-declares, past reports
stay as they were, the year's report counts "to be updated" honestly, the same from the read
models and from the raw log; and a council is instituted where the list adds a QPV.

The list is a test input (two real 2015 codes kept, one renamed, one in the 15e), not the
official 2024 list: see docs/geographie.md."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from demo.cli import main as demo_main
from domaine.comptes import Acteur
from domaine.erreurs import DonneeInvalide
from domaine.quartiers import arrondissements, geographie_au
from lancement.cli import main
from lancement.plateforme import Plateforme
from stockage.configuration import VARIABLE_URL, Configuration
from tests.conftest import HorlogeReglable
from tests.integration.outils import rejoindre

LISTE_ESSAI = (
    "code;nom;arrondissements\n"
    "ESSAI-18-GOUTTE-D-OR;Goutte d'Or (périmètre d'essai);18\n"
    "QPV-18-BLEMONT;Blémont;18\n"
    "ESSAI-15-UN;Quartier d'essai du 15e;15\n"
)
ADOPTEE_LE = datetime(2023, 12, 20, 10, tzinfo=UTC)


def residence(rapport: dict[str, Any]) -> dict[str, Any]:
    residence: dict[str, Any] = rapport["conseils"][0]["assemblee"]["au_31_decembre"]["residence"]
    return residence


def test_un_changement_de_geographie_au_1er_janvier_2024(
    plateforme: Plateforme, horloge: HorlogeReglable, creer_compte: Callable[..., Acteur]
) -> None:
    horloge.now = datetime(2023, 6, 1, 10, tzinfo=UTC)
    goutte, blemont, ailleurs = creer_compte(), creer_compte(), creer_compte()
    rejoindre(plateforme, goutte, quartier="QPV-18-GOUTTE-D-OR")
    rejoindre(plateforme, blemont, quartier="QPV-18-BLEMONT")
    rejoindre(plateforme, ailleurs, quartier="hors_qpv")
    horloge.now = datetime(2023, 12, 1, 10, tzinfo=UTC)
    avant = plateforme.rapports.annuel(2023, 18, seuil=1)

    horloge.now = ADOPTEE_LE
    comparaison = plateforme.geographie.adopter(
        LISTE_ESSAI, "2024-2030", date(2024, 1, 1), "Liste d'essai"
    )
    assert comparaison.entrants == ["ESSAI-15-UN", "ESSAI-18-GOUTTE-D-OR"]
    assert "QPV-18-GOUTTE-D-OR" in comparaison.sortants
    assert comparaison.sans_conseil == [15]
    with pytest.raises(DonneeInvalide):  # a period is never loaded twice
        plateforme.geographie.adopter(LISTE_ESSAI, "2024-2030", date(2024, 2, 1), "Encore")

    horloge.now = datetime(2024, 3, 1, 10, tzinfo=UTC)
    assert plateforme.rapports.annuel(2023, 18, seuil=1)["conseils"] == avant["conseils"]
    assert residence(avant) == {"hors_qpv": 1, "qpv": 2}
    assert residence(plateforme.rapports.annuel(2024, 18, seuil=1)) == {
        "a_mettre_a_jour": 1,
        "hors_qpv": 1,
        "qpv": 1,
    }

    plateforme.assemblee.redeclarer_quartier(goutte, 18, "ESSAI-18-GOUTTE-D-OR")
    lu = plateforme.rapports.annuel(2024, 18, seuil=1)
    assert residence(lu) == {"hors_qpv": 1, "qpv": 2}
    brut = plateforme.rapports.annuel(2024, 18, seuil=1, depuis_evenements=True)
    assert brut == lu
    assert plateforme.lecture.adhesion(18, goutte.compte_id).quartier == "ESSAI-18-GOUTTE-D-OR"

    # another process (a new platform on the same database) sees the adopted list
    plateforme.geographie.installer()
    assert geographie_au(date(2024, 3, 1)).periode == "2024-2030"


def test_la_commande_importe_la_liste_et_institue_le_conseil_du_15e(
    configuration: Configuration,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(VARIABLE_URL, configuration.database_url)
    fichier = tmp_path / "qpv-2024.csv"
    fichier.write_text(LISTE_ESSAI, encoding="utf-8")
    horloge = HorlogeReglable(ADOPTEE_LE)
    commande = ["geographie", "importer", str(fichier), "--periode", "2024-2030"]
    commande += ["--debut", "2024-01-01", "--source", "Liste d'essai"]

    assert main([*commande, "--essai"], horloge) == 0
    sortie = capsys.readouterr().out
    assert "+ ESSAI-15-UN Quartier d'essai du 15e" in sortie and "rien n'a été enregistré" in sortie
    assert "participation geographie instituer --arrondissement 15" in sortie
    assert main(["geographie", "instituer", "--arrondissement", "15"], horloge) == 2
    assert "aucun quartier prioritaire" in capsys.readouterr().err

    assert main(commande, horloge) == 0
    assert "adoptée" in capsys.readouterr().out
    assert main(commande, horloge) == 2  # the same period again
    assert main(["geographie", "instituer", "--arrondissement", "15"], horloge) == 0
    assert main(["geographie", "liste"], horloge) == 0
    sortie = capsys.readouterr().out
    assert "2024-2030 : du 01/01/2024" in sortie and "15e" in sortie

    horloge.now = datetime(2024, 2, 1, 10, tzinfo=UTC)
    with Plateforme(configuration, horloge) as plateforme:
        assert 15 in arrondissements()
        compte_id, _ = plateforme.comptes.inscrire(
            "Awa Diallo", "awa@example.org", "mot de passe 15e"
        )
        personne = plateforme.comptes.acteur(compte_id)
        rejoindre(plateforme, personne, 15, quartier="ESSAI-15-UN")
        plateforme.projecteur.rattraper()
        assert plateforme.lecture.adhesion(15, compte_id).quartier == "ESSAI-15-UN"
        assert plateforme.rapports.perimetre(2024, 15) == (15,)

    mauvais = tmp_path / "mauvais.csv"
    mauvais.write_text("code;nom\nA;B\n", encoding="utf-8")
    assert (
        main(
            [
                "geographie",
                "importer",
                str(mauvais),
                "--periode",
                "X",
                "--debut",
                "2030-01-01",
                "--source",
                "S",
            ],
            horloge,
        )
        == 2
    )
    assert "Colonnes manquantes" in capsys.readouterr().err


def test_la_demo_traverse_le_changement_de_geographie(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A demo ending in June 2024 adopts its (demonstration) list on 30 December 2023; members
    declare their neighbourhood again, others are still to be updated; reports agree."""
    configuration = Configuration(f"sqlite:///{tmp_path}/demo.sqlite3")
    monkeypatch.setenv(VARIABLE_URL, configuration.database_url)
    assert demo_main(["--seed", "5", "--debut", "2023-10-01", "--fin", "2024-06-30"]) == 0
    horloge = HorlogeReglable(datetime(2024, 7, 1, 10, tzinfo=UTC))
    with Plateforme(configuration, horloge) as plateforme:
        assert geographie_au(date(2024, 3, 1)).periode == "2024-2030"
        assert geographie_au(date(2023, 3, 1)).periode == "2015-2023"
        lu = plateforme.rapports.annuel(2024, seuil=1)
        assert lu == plateforme.rapports.annuel(2024, seuil=1, depuis_evenements=True)
        residence = lu["paris"]["assemblee"]["au_31_decembre"]["residence"]
        assert residence["a_mettre_a_jour"] > 0 and residence["qpv"] > 0
        avant = plateforme.rapports.annuel(2023, seuil=1)["paris"]["assemblee"]
        assert "a_mettre_a_jour" not in avant["au_31_decembre"]["residence"]
        with plateforme.moteur.connect() as cnx:
            codes = set(
                cnx.execute(
                    text(
                        "SELECT quartier FROM lecture_seances WHERE quartier != '' AND date >= :d"
                    ),
                    {"d": datetime(2024, 1, 1)},
                ).scalars()
            )
            redeclares = cnx.execute(
                text("SELECT count(*) FROM lecture_faits WHERE nature = 'quartier_redeclare'")
            ).scalar()
    assert codes and all(c.startswith("DEMO24-") for c in codes)
    assert redeclares and redeclares > 10


def test_une_plateforme_au_repos_ne_remplace_pas_le_referentiel_d_une_autre(
    configuration: Configuration, horloge: HorlogeReglable, tmp_path: Path
) -> None:
    """Two platforms in one process (a test server beside a demo being loaded): the idle
    one's poller reinstalls its referential only when its own log changes."""
    horloge.now = ADOPTEE_LE
    with Plateforme(Configuration(f"sqlite:///{tmp_path}/autre.sqlite3"), horloge) as autre:
        autre.migrer()
        with Plateforme(configuration, horloge) as plateforme:
            plateforme.migrer()
            plateforme.geographie.adopter(LISTE_ESSAI, "2024-2030", date(2024, 1, 1), "Essai")
            autre.tenir_a_jour()
            assert geographie_au(date(2024, 3, 1)).periode == "2024-2030"
