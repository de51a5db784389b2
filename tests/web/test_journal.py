"""The public journal of a council (what happened, when, by which role; never a person) and the
page of the published checkpoints of the tamper-evident log."""

import re
from collections.abc import Callable
from uuid import UUID

from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from stockage.audit import points_depuis_json
from tests.web.conftest import ComptesWeb, HorlogeWeb
from tests.web.outils import lisible, poster, profil_habitant

JOURNAL = "/conseils/18/journal"


def _lignes(html: str) -> list[list[str]]:
    """The journal table's rows, as the cells' text."""
    corps = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return [
        [lisible(c).strip() for c in re.findall(r"<td>(.*?)</td>", ligne)]
        for ligne in re.findall(r"<tr>(.*?)</tr>", corps, flags=re.S)
    ]


def test_le_journal_montre_l_action_son_role_et_aucun_nom(
    client: TestClient, participant_web: UUID, nouveau_client: Callable[[], TestClient]
) -> None:
    assert poster(client, "/conseils/18/adhesion", profil_habitant()).status_code == 303

    reponse = nouveau_client().get(JOURNAL)  # public: read by someone not signed in

    assert reponse.status_code == 200
    lignes = _lignes(reponse.text)
    assert lignes[0][2:] == ["Entrée dans l'assemblée", "personne inscrite"]
    assert lignes[-1][2:] == ["Conseil institué", "système"]
    page = lisible(reponse.text)
    assert "Camille" not in page and "@exemple.fr" not in page
    assert 'href="/conseils/18/journal"' in client.get("/conseils/18").text


def test_chaque_conseil_n_a_que_ses_evenements(client: TestClient, participant_web: UUID) -> None:
    assert poster(client, "/conseils/18/adhesion", profil_habitant()).status_code == 303
    assert poster(client, "/conseils/18/depart", {"motif": "demenagement"}).status_code == 303

    assert [ligne[2] for ligne in _lignes(client.get(JOURNAL).text)] == [
        "Sortie de l'assemblée",
        "Entrée dans l'assemblée",
        "Conseil institué",
    ]
    assert [ligne[2] for ligne in _lignes(client.get("/conseils/19/journal").text)] == [
        "Conseil institué"
    ]


def test_le_journal_se_lit_par_pages_de_50_avec_ou_sans_javascript(
    client: TestClient,
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    compte_id, _ = comptes_web("Sacha Va-et-vient")
    acteur = plateforme_web.comptes.acteur(compte_id)
    for _ in range(30):  # 60 events in the 18e, plus its institution
        horloge_web.avancer(hours=1)
        plateforme_web.assemblee.rejoindre(
            acteur, 18, "habitant", "femme", "25_39", "hors_qpv", True
        )
        horloge_web.avancer(hours=1)
        plateforme_web.assemblee.quitter(acteur, 18)
    plateforme_web.projecteur.rattraper()

    premiere = client.get(JOURNAL)
    assert len(_lignes(premiere.text)) == 50
    assert 'href="/conseils/18/journal?page=2"' in premiere.text
    assert 'hx-get="/conseils/18/journal?page=2"' in premiere.text

    seconde = client.get(f"{JOURNAL}?page=2")  # the plain link: a whole page
    assert "<html" in seconde.text
    assert len(_lignes(seconde.text)) == 11
    assert _lignes(seconde.text)[-1][2] == "Conseil institué"
    assert "?page=3" not in seconde.text
    assert 'href="/conseils/18/journal?page=1"' in seconde.text

    fragment = client.get(f"{JOURNAL}?page=2", headers={"HX-Request": "true"})
    assert "<html" not in fragment.text
    assert fragment.text.lstrip().startswith('<section id="journal"')
    assert len(_lignes(fragment.text)) == 11

    assert client.get(f"{JOURNAL}?page=abc").status_code == 200  # a bad number: page 1
    assert client.get("/conseils/12/journal").status_code == 404


def test_les_points_de_controle_sont_publies(
    client: TestClient, plateforme_web: Plateforme, participant_web: UUID
) -> None:
    assert "Aucun point de contrôle publié" in lisible(
        client.get("/journal/points-de-controle").text
    )

    point = plateforme_web.chaine.point_de_controle(plateforme_web.registre.maintenant())

    page = lisible(client.get("/journal/points-de-controle").text)
    assert point.position == plateforme_web.registre.position()
    assert point.empreinte in page
    assert f"<td>{point.position}</td>" in page
    assert "lundi 2 mars 2026" in page


def test_les_points_de_controle_se_telechargent_pour_en_garder_une_copie(
    client: TestClient, plateforme_web: Plateforme
) -> None:
    point = plateforme_web.chaine.point_de_controle(plateforme_web.registre.maintenant())

    reponse = client.get("/journal/points-de-controle.json")

    assert reponse.status_code == 200
    assert reponse.headers["content-type"] == "application/json"
    assert points_depuis_json(reponse.json()) == [point]  # what `audit verify` reads back
