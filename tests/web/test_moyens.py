"""A council's means and training page: everyone sees the year's figures (nobody named), the
agents record and cancel, and a refused input comes back next to its field, kept."""

import re

import pytest
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb
from tests.web.outils import connecter, erreur_en_place, lisible, poster

pytestmark = pytest.mark.calendrier

PAGE = "/conseils/18/moyens"


def test_un_agent_enregistre_les_moyens_et_tout_le_monde_voit_les_chiffres(
    client: TestClient,
    nouveau_client: "object",
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
) -> None:
    connecter(client, comptes_web("Agent État", "agent_etat")[1])
    for url, saisie in (
        ("/engagements", {"annee": "2026", "institution": "etat", "objet": "budget_euros",
                          "valeur": "2 500"}),
        ("/budgets", {"annee": "2026", "institution": "etat", "nature": "accorde",
                      "euros": "2 000"}),
        ("/budgets", {"annee": "2026", "institution": "etat", "nature": "depense",
                      "euros": "2 400"}),
        ("/formations", {"theme": "Le contrat de ville", "organisme": "Centre de ressources",
                         "institution": "ville", "le": "2026-02-14"}),
        ("/salles", {"nom": "Maison des associations", "institution": "ville",
                     "recurrence": "mensuelle", "debut": "2026-01-05", "fin": ""}),
        ("/accompagnements", {"nature": "adulte_relais", "institution": "etat", "etp": "0,5",
                              "heures": "", "debut": "2026-01-05", "fin": ""}),
    ):  # fmt: skip
        reponse = poster(client, PAGE + url, saisie, page=PAGE)
        assert reponse.status_code == 303, (url, lisible(reponse.text)[:3000])
    formation = re.search(r'<option value="([0-9a-f-]{36})"', client.get(PAGE).text)
    assert formation
    reponse = poster(
        client,
        PAGE + "/participations",
        {"formation": formation.group(1), "habitants": "6", "acteurs_locaux": "2",
         "femmes": "5", "hommes": "3", "autres": "0", "non_precise": "0"},
        page=PAGE,
    )  # fmt: skip
    assert reponse.status_code == 303
    page = lisible(client.get(PAGE).text)
    assert "2 500 €" in page.replace("\u202f", " ") and "120 %" in page
    assert "dépensé plus que ce qui est enregistré comme accordé" in page
    assert "Enregistrements" in page and "Annuler" in page

    public = lisible(nouveau_client().get(PAGE).text)  # type: ignore[operator]
    assert "Le contrat de ville" in public and "Centre de ressources" in public
    assert "Habitant·e : 6" in public and "Acteur local : &lt; 5" not in public
    assert "Acteur local : < 5" in public  # small counts masked
    assert "Enregistrements" not in public and 'action="/conseils/18/moyens/' not in public


def test_une_saisie_refusee_revient_a_cote_de_son_champ(
    client: TestClient, comptes_web: ComptesWeb
) -> None:
    connecter(client, comptes_web("Agent Ville", "agent_ville")[1])
    reponse = poster(
        client,
        PAGE + "/budgets",
        {"annee": "2026", "institution": "ville", "nature": "accorde", "euros": "-300"},
        page=PAGE,
    )
    erreur_en_place(reponse, "budget", "euros", "au moins 1", gardes={"euros": "-300"})
    reponse = poster(
        client,
        PAGE + "/salles",
        {"nom": "Salle", "institution": "ville", "recurrence": "hebdomadaire",
         "debut": "2026-02-01", "fin": "2026-01-01"},
        page=PAGE,
    )  # fmt: skip
    erreur_en_place(reponse, "salle", "fin", "précéder le début", gardes={"nom": "Salle"})
    reponse = poster(
        client,
        PAGE + "/formations",
        {"theme": "", "organisme": "UPCA", "institution": "ville", "le": "2026-02-01"},
        page=PAGE,
    )
    erreur_en_place(reponse, "formation", "theme", "obligatoire", gardes={"organisme": "UPCA"})


def test_un_membre_ne_peut_rien_enregistrer(client: TestClient, comptes_web: ComptesWeb) -> None:
    connecter(client, comptes_web("Dominique", "animateur", 18)[1])
    reponse = poster(
        client,
        PAGE + "/budgets",
        {"annee": "2026", "institution": "ville", "nature": "accorde", "euros": "300"},
        page=PAGE,
    )
    assert reponse.status_code == 403
