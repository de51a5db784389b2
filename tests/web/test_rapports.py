"""The agents' space for annual reports: producing, the archive with fingerprints, the duties
they record; nobody else gets in."""

import hashlib
import json
from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from participation.archives import Archives
from rapports.formats import TYPES_MIME
from tests.web.conftest import ComptesWeb, HorlogeWeb
from tests.web.outils import champs, connecter, erreur_en_place, lisible, poster

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)


def test_un_agent_produit_un_rapport_et_enregistre_les_obligations(
    client: TestClient, plateforme_web: Plateforme, comptes_web: ComptesWeb
) -> None:
    connecter(client, comptes_web("Agent Ville", "agent_ville")[1])
    page = lisible(client.get("/rapports").text)
    assert "Produire un rapport" in page and "Bilan annuel présenté au conseil" in page
    vue = client.get("/rapports/annuel?annee=2026&conseil=18")
    assert vue.status_code == 200 and "/static/rapport.css" in vue.text
    assert "<article" in vue.text and "2026" in vue.text
    assert "format=pdf&amp;vue=fichier" in vue.text
    rapport = client.get("/rapports/annuel?annee=2026&conseil=18&format=json")
    assert rapport.status_code == 200
    assert json.loads(rapport.content)["conseils"][0]["arrondissement"] == 18
    assert "attachment" in rapport.headers["content-disposition"]

    reponse = poster(
        client,
        "/rapports/bilans",
        {"arrondissement": "18", "annee": "2026", "presente_le": "2026-02-20"},
        page="/rapports",
    )
    assert reponse.status_code == 303
    obligations = json.loads(
        client.get("/rapports/annuel?annee=2026&conseil=18&format=json").content
    )["conseils"][0]["obligations"]
    assert obligations["bilan_ville_presente_le"] == "2026-02-20"
    assert "/instances" in page  # steering committees are recorded as meetings of the bodies


def test_les_archives_sont_listees_avec_leur_empreinte(
    client: TestClient,
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    archives = Archives(plateforme_web.moteur, plateforme_web.rapports, formats=("json", "csv"))
    ajoutees = archives.archiver(2025)
    assert len(ajoutees) == 8 * 2 + 1  # each council in both formats, Paris in JSON
    assert archives.archiver(2025) == []  # once only
    connecter(client, comptes_web("Agent État", "agent_etat")[1])
    page = client.get("/rapports").text
    premiere = ajoutees[0]
    assert premiere.sha256 in page
    fichier = client.get(f"/rapports/archives/2025/{premiere.arrondissement}/{premiere.format}")
    assert hashlib.sha256(fichier.content).hexdigest() == premiere.sha256
    assert client.get("/rapports/archives/2025/18/exe").status_code == 404


def test_seuls_les_agents_et_l_administration_y_accedent(
    nouveau_client: Callable[[], TestClient], comptes_web: ComptesWeb
) -> None:
    anonyme = nouveau_client()
    assert anonyme.get("/rapports").status_code == 403
    participant = nouveau_client()
    connecter(participant, comptes_web("Camille Habitante")[1])
    assert participant.get("/rapports").status_code == 403
    assert participant.get("/rapports/annuel?annee=2025&format=json").status_code == 403
    animateur = nouveau_client()
    connecter(animateur, comptes_web("Dominique", "animateur", 18)[1])
    assert animateur.get("/rapports").status_code == 403


# --- downloads have exactly one extension ----------------------------------------------------


@pytest.fixture
def agent(client: TestClient, comptes_web: ComptesWeb) -> TestClient:
    connecter(client, comptes_web("Agent Ville", "agent_ville")[1])
    return client


@pytest.fixture
def rendu_rapide(monkeypatch: pytest.MonkeyPatch) -> None:
    """The file's name is under test, not its bytes (tests/integration/test_rapport_formats.py
    checks those): skip laying out PDFs, seconds each on a small machine."""

    def rendre(rapport: dict[str, Any], format_: str, url_base: str = "") -> bytes:
        return f"{format_} {rapport['annee']}".encode()

    monkeypatch.setattr("web.rapports.rendre", rendre)
    monkeypatch.setattr("participation.archives.rendre", rendre)


@pytest.mark.parametrize("format_", ["pdf", "xlsx", "csv", "json", "html"])
@pytest.mark.parametrize(("conseil", "perimetre"), [("18", "18e"), ("", "paris")])
def test_un_rapport_telecharge_a_une_seule_extension(
    agent: TestClient, rendu_rapide: None, format_: str, conseil: str, perimetre: str
) -> None:
    reponse = agent.get(
        "/rapports/annuel", params={"annee": "2025", "conseil": conseil, "format": format_,
                                    "vue": "fichier"}
    )  # fmt: skip

    assert reponse.status_code == 200
    disposition = reponse.headers["content-disposition"]
    assert disposition == f'attachment; filename="rapport-annuel-2025-{perimetre}.{format_}"'
    assert reponse.headers["content-type"].startswith(TYPES_MIME[format_].split(";")[0])


@pytest.mark.parametrize("format_", ["pdf", "xlsx", "csv", "json", "html"])
def test_un_rapport_archive_a_une_seule_extension(
    agent: TestClient, rendu_rapide: None, plateforme_web: Plateforme, format_: str
) -> None:
    archives = Archives(plateforme_web.moteur, plateforme_web.rapports, formats=(format_,))
    archives.archiver(2025)
    for arrondissement, perimetre in ((18, "18e"), (0, "paris")):
        if arrondissement == 0 and format_ != "json":
            continue  # Paris is archived in JSON only
        reponse = agent.get(f"/rapports/archives/2025/{arrondissement}/{format_}")

        assert reponse.status_code == 200
        assert reponse.headers["content-disposition"] == (
            f'attachment; filename="rapport-annuel-2025-{perimetre}.{format_}"'
        )


# --- the forms answer in place ---------------------------------------------------------------


def test_une_demande_de_rapport_invalide_revient_a_cote_du_champ(agent: TestClient) -> None:
    for params, champ, message in (
        ({"annee": "", "format": "pdf"}, "annee", "Choisissez l'année du rapport."),
        ({"annee": "1999"}, "annee", "1999"),
        ({"annee": "2025", "conseil": "12"}, "conseil", "12e"),
        ({"annee": "2025", "format": "docx"}, "format", "Format inconnu : « docx »"),
    ):
        reponse = agent.get("/rapports/annuel", params=params)

        erreur_en_place(reponse, "rapport", champ, message)
    garde = agent.get(
        "/rapports/annuel", params={"annee": "2025", "conseil": "12", "format": "csv"}
    )
    assert champs(garde.text)["rapport-format"]["valeur"] == "csv"
    assert champs(garde.text)["rapport-annee"]["valeur"] == "2025"


@pytest.mark.parametrize("htmx", [False, True])
def test_un_bilan_date_dans_le_futur_revient_a_cote_de_la_date(
    agent: TestClient, plateforme_web: Plateforme, htmx: bool
) -> None:
    avant = plateforme_web.registre.position()
    saisie = {"arrondissement": "18", "annee": "2026", "presente_le": "2026-03-03"}  # tomorrow

    reponse = poster(agent, "/rapports/bilans", saisie, page="/rapports", htmx=htmx)

    erreur_en_place(
        reponse,
        "bilan",
        "presente_le",
        "La date de présentation ne peut pas être dans le futur.",
        gardes={"arrondissement": "18", "annee": "2026", "presente_le": "2026-03-03"},
    )
    if htmx:
        assert reponse.text.lstrip().startswith('<form id="formulaire-bilan"')
    else:
        assert "<html" in reponse.text
    assert plateforme_web.registre.position() == avant


def test_un_bilan_sans_conseil_ni_annee_est_refuse_a_cote_des_champs(
    agent: TestClient, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    sans_conseil = poster(agent, "/rapports/bilans", {"annee": "2026", "presente_le": "2026-02-01"})
    erreur_en_place(sans_conseil, "bilan", "arrondissement", "Choisissez le conseil citoyen.")
    sans_annee = poster(agent, "/rapports/bilans", {"arrondissement": "18", "presente_le": "x"})
    erreur_en_place(sans_annee, "bilan", "annee", "année du bilan")
    assert plateforme_web.registre.position() == avant


def test_un_bilan_deja_enregistre_revient_dans_le_formulaire(
    agent: TestClient, plateforme_web: Plateforme
) -> None:
    saisie = {"arrondissement": "18", "annee": "2026", "presente_le": "2026-02-20"}
    assert poster(agent, "/rapports/bilans", saisie).status_code == 303
    avant = plateforme_web.registre.position()

    reponse = poster(agent, "/rapports/bilans", saisie, htmx=True)

    assert reponse.status_code == 409
    assert 'id="erreurs-bilan" role="alert"' in reponse.text
    assert "est déjà enregistré pour ce conseil" in lisible(reponse.text)
    assert champs(reponse.text)["bilan-presente_le"]["valeur"] == "2026-02-20"
    assert plateforme_web.registre.position() == avant


def test_un_participant_est_refuse_avant_toute_lecture_de_sa_saisie(
    nouveau_client: Callable[[], TestClient], comptes_web: ComptesWeb
) -> None:
    participant = nouveau_client()
    connecter(participant, comptes_web("Camille Habitante")[1])

    assert poster(participant, "/rapports/bilans", {"arrondissement": "x"}).status_code == 403
