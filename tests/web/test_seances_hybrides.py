"""Hybrid séances on the site: planning with a modality, a videoconference link and the
accessibility (refused in place, input kept, with and without htmx), the members' "present
remotely" button during the séance, the animateur's sheet showing who is remote, online polls
(one vote per member, nothing preselected) and their result in a decision."""

from collections.abc import Callable
from datetime import UTC, datetime
from uuid import UUID

import pytest
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb, HorlogeWeb
from tests.web.outils import (
    champs,
    connecter,
    erreur_en_place,
    lisible,
    poster,
    rejoindre_directement,
    section,
)

pytestmark = pytest.mark.calendrier

LIEN = "https://visio.paris.fr/conseil-18"
PLAN = {
    "date": "2026-03-10T18:30",
    "lieu": "Centre Barbara",
    "ordre_du_jour": "Budget participatif",
    "modalite": "hybride",
    "lien_visio": LIEN,
    "accessibilite": ["plain_pied", "interpretation_lsf"],
    "accessibilite_autre": "Garde d'enfants sur inscription",
}
PENDANT = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)  # 19:00 in Paris, the séance began at 18:30


def planifier(client: TestClient, **changes: object) -> str:
    reponse = poster(client, "/conseils/18/seances", {**PLAN, **changes}, page="/conseils/18")
    assert reponse.status_code == 303, reponse.text
    return str(reponse.headers["location"]).removeprefix("/seances/")


@pytest.fixture
def seance(client: TestClient, animateur_web: UUID) -> str:
    return planifier(client)


@pytest.fixture
def membre(
    nouveau_client: Callable[[], TestClient],
    comptes_web: ComptesWeb,
    plateforme_web: Plateforme,
) -> TestClient:
    """A member of the 18e's assembly, signed in on a client of their own."""
    compte_id, email = comptes_web("Awa Membre")
    rejoindre_directement(plateforme_web, compte_id)
    autre = nouveau_client()
    connecter(autre, email)
    return autre


@pytest.mark.parametrize("htmx", [False, True], ids=["sans-js", "htmx"])
@pytest.mark.parametrize(
    ("changes", "champ", "message"),
    [
        ({"lien_visio": "http://visio.paris.fr/x"}, "lien_visio", "https://"),
        ({"lien_visio": " "}, "lien_visio", "obligatoire pour une séance en ligne ou hybride"),
        ({"modalite": "par_pigeon"}, "modalite", "présentiel, en ligne ou hybride"),
        ({"accessibilite_autre": "x" * 201}, "accessibilite_autre", "trop long"),
    ],
    ids=["http", "sans-lien", "modalite", "precision"],
)
def test_planifier_refuse_en_place_et_garde_la_modalite_le_lien_et_l_accessibilite(
    client: TestClient,
    animateur_web: UUID,
    plateforme_web: Plateforme,
    changes: dict[str, str],
    champ: str,
    message: str,
    htmx: bool,
) -> None:
    donnees = {**PLAN, **changes}
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/conseils/18/seances", donnees, page="/conseils/18", htmx=htmx)

    gardes = {k: str(donnees[k]) for k in ("lieu", "lien_visio", "accessibilite_autre")}
    erreur_en_place(reponse, "planifier", champ, message, gardes)
    assert plateforme_web.registre.position() == avant
    assert ("<html" in reponse.text) is not htmx
    lus = champs(reponse.text)
    assert "checked" in lus["planifier-accessibilite-plain_pied"]
    assert "checked" in lus["planifier-accessibilite-interpretation_lsf"]
    assert "checked" not in lus["planifier-accessibilite-garde_enfants"]
    if champ != "modalite":
        assert "checked" in lus["planifier-modalite-hybride"]
    assert f'<a href="#planifier-{champ}">' in reponse.text  # the summary leads to the field


def test_une_seance_hybride_montre_sa_modalite_son_lien_et_son_accessibilite(
    client: TestClient, seance: str, nouveau_client: Callable[[], TestClient]
) -> None:
    page = lisible(client.get(f"/seances/{seance}").text)
    plan = section(page, "plan")
    assert "Hybride (sur place et en visioconférence)" in plan
    assert f'href="{LIEN}"' in plan
    assert (
        "Accès de plain-pied, interprétation en langue des signes française (LSF). "
        "Garde d'enfants sur inscription." in plan
    )
    conseil = lisible(client.get("/conseils/18").text)
    assert "hybride</span>" in conseil
    assert "Accessibilité : Accès de plain-pied" in conseil

    public = lisible(nouveau_client().get(f"/seances/{seance}").text)
    assert LIEN not in public  # the link is for the assembly's members
    assert "communiqué aux membres de l'assemblée" in public


@pytest.mark.parametrize("htmx", [False, True], ids=["sans-js", "htmx"])
def test_reprogrammer_en_ligne_sans_lien_est_refuse_en_place(
    client: TestClient, seance: str, plateforme_web: Plateforme, htmx: bool
) -> None:
    page = client.get(f"/seances/{seance}").text
    lus = champs(page)
    assert lus["plan-lien_visio"]["valeur"] == LIEN  # the current values are shown
    assert "checked" in lus["plan-modalite-hybride"]
    donnees = {
        **PLAN,
        "modalite": "en_ligne",
        "lien_visio": "",
        "lieu": "",
        "version": lus["version-plan"]["valeur"],
    }
    avant = plateforme_web.registre.position()

    reponse = poster(
        client, f"/seances/{seance}/reprogrammer", donnees, page=f"/seances/{seance}", htmx=htmx
    )

    erreur_en_place(reponse, "plan", "lien_visio", "obligatoire", {"lien_visio": "", "lieu": ""})
    assert "checked" in champs(reponse.text)["plan-modalite-en_ligne"]
    assert plateforme_web.registre.position() == avant


def test_un_membre_se_declare_present_a_distance_et_l_animateur_le_voit(
    client: TestClient,
    seance: str,
    membre: TestClient,
    horloge_web: HorlogeWeb,
    nouveau_client: Callable[[], TestClient],
    comptes_web: ComptesWeb,
) -> None:
    avant = lisible(membre.get(f"/seances/{seance}").text)
    assert "apparaîtra ici au début de la séance" in avant
    assert LIEN in section(avant, "a-distance")
    horloge_web.instant = PENDANT
    page = membre.get(f"/seances/{seance}").text
    assert "Je suis présent·e à distance</button>" in lisible(page)

    reponse = poster(membre, f"/seances/{seance}/a-distance", page=f"/seances/{seance}")
    assert reponse.status_code == 303
    apres = lisible(membre.get(f"/seances/{seance}").text)
    assert "Vous êtes noté·e présent·e à distance." in apres
    assert "(dont 1 à distance)" in apres

    feuille = lisible(section(client.get(f"/seances/{seance}").text, "presences"))
    assert "(dont 1 à distance)" in feuille
    assert 'Awa Membre <span class="etiquette-statut">à distance</span>' in feuille

    # htmx: the section alone, with the confirmation
    reponse = poster(membre, f"/seances/{seance}/a-distance", page=f"/seances/{seance}", htmx=True)
    assert reponse.status_code == 200 and "<html" not in reponse.text
    assert "Vous étiez déjà noté·e présent·e à distance." in lisible(reponse.text)

    _, email = comptes_web("Pas Membre")
    dehors = nouveau_client()
    connecter(dehors, email)
    assert "Je suis présent" not in lisible(dehors.get(f"/seances/{seance}").text)
    refuse = poster(dehors, f"/seances/{seance}/a-distance", page=f"/seances/{seance}")
    assert refuse.status_code == 403


def test_la_presence_a_distance_hors_de_la_seance_est_refusee_en_place(
    seance: str, membre: TestClient, horloge_web: HorlogeWeb, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()
    reponse = poster(membre, f"/seances/{seance}/a-distance", page=f"/seances/{seance}", htmx=True)
    assert reponse.status_code == 409
    assert "pas encore commencé" in lisible(section(reponse.text, "a-distance"))
    assert plateforme_web.registre.position() == avant


def test_un_scrutin_en_ligne_du_debut_a_la_decision(
    client: TestClient,
    seance: str,
    membre: TestClient,
    horloge_web: HorlogeWeb,
    plateforme_web: Plateforme,
) -> None:
    horloge_web.instant = PENDANT
    url = f"/seances/{seance}"
    vide = poster(client, f"{url}/scrutins", {"texte": " "}, page=url, htmx=True)
    erreur_en_place(vide, "scrutin", "texte", "obligatoire", {"texte": " "})
    assert (
        poster(client, f"{url}/scrutins", {"texte": "Rénover le square"}, page=url).status_code
        == 303
    )

    avant_presence = lisible(section(membre.get(url).text, "scrutins"))
    assert "déclarez-vous présent·e à distance" in avant_presence
    poster(membre, f"{url}/a-distance", page=url)
    formulaire = section(membre.get(url).text, "scrutins")
    assert 'name="choix"' in formulaire and "checked" not in formulaire  # nothing preselected

    sans_choix = poster(membre, f"{url}/scrutins/1/vote", {}, page=url, htmx=True)
    erreur_en_place(sans_choix, "vote-1", "choix", "pour, contre ou abstention")
    assert poster(membre, f"{url}/scrutins/1/vote", {"choix": "pour"}, page=url).status_code == 303
    position = plateforme_web.registre.position()
    second = poster(membre, f"{url}/scrutins/1/vote", {"choix": "contre"}, page=url, htmx=True)
    assert second.status_code == 409
    assert "Vous avez déjà voté à ce scrutin" in lisible(second.text)
    assert plateforme_web.registre.position() == position
    assert "Vous avez voté à ce scrutin" in lisible(membre.get(url).text)
    assert "1 vote enregistré" in lisible(client.get(url).text)

    assert poster(client, f"{url}/scrutins/1/clore", page=url).status_code == 303
    page = lisible(client.get(url).text)
    assert "Résultat : <strong>1</strong> pour, <strong>0</strong> contre" in page
    assert champs(page)["decision-scrutin"]  # offered to the decision form
    reponse = poster(
        client,
        f"{url}/decisions",
        {"texte": "", "pour": "4", "contre": "1", "abstention": "0", "scrutin": "1"},
        page=url,
    )
    assert reponse.status_code == 303, reponse.text
    decisions = lisible(section(client.get(url).text, "decisions"))
    assert "Rénover le square" in decisions
    assert "Dans la salle : 4 pour, 1 contre, 0 abstention ; à distance : 1 pour" in decisions
    assert "(scrutin en ligne n° 1)" in decisions
    assert "Repris dans la" in lisible(client.get(url).text)


@pytest.mark.parametrize("htmx", [False, True], ids=["sans-js", "htmx"])
def test_une_decision_hybride_refuse_des_votes_a_distance_invalides_en_place(
    client: TestClient, seance: str, horloge_web: HorlogeWeb, htmx: bool
) -> None:
    horloge_web.instant = PENDANT
    url = f"/seances/{seance}"
    donnees = {"texte": "Fête", "pour": "3", "contre": "0", "pour_distance": "deux"}
    reponse = poster(client, f"{url}/decisions", donnees, page=url, htmx=htmx)
    erreur_en_place(reponse, "decision", "pour_distance", "nombre entier", donnees)

    reponse = poster(
        client, f"{url}/decisions", {**donnees, "pour_distance": "2"}, page=url, htmx=htmx
    )
    assert reponse.status_code == (200 if htmx else 303)


def test_une_seance_en_presentiel_ne_propose_ni_distance_ni_scrutin(
    client: TestClient, animateur_web: UUID, horloge_web: HorlogeWeb
) -> None:
    seance = planifier(client, modalite="presentiel", lien_visio="https://ignore.example.org/x")
    horloge_web.instant = PENDANT
    page = client.get(f"/seances/{seance}").text
    assert 'id="a-distance"' not in page and 'id="scrutins"' not in page
    assert "decision-pour_distance" not in page
    assert "ignore.example.org" not in page
