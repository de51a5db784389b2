"""A séance held but not planned on the platform is recorded after the fact, from the council
page; the planning form points to it when the date typed has passed."""

from uuid import UUID

import pytest
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.conftest import HorlogeWeb
from tests.web.outils import (
    champs,
    erreur_en_place,
    lisible,
    poster,
    rejoindre_directement,
)

pytestmark = pytest.mark.calendrier  # dates relative to the test's clock

TENUE = {
    "date": "2026-03-20T18:30",
    "lieu": "Salle Saint-Bruno",
    "ordre_du_jour": "Propreté des rues",
    "quartier": "QPV-18-GOUTTE-D-OR",
    "theme": "Propreté",
}


@pytest.fixture
def fin_mars(horloge_web: HorlogeWeb) -> None:
    """The clock on 28 March 2026 (the councils opened on the platform on 2 March)."""
    horloge_web.avancer(days=26)


def test_une_date_passee_pour_planifier_pointe_vers_l_enregistrement_apres_coup(
    client: TestClient, animateur_web: UUID, fin_mars: None, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    for htmx in (False, True):
        reponse = poster(client, "/conseils/18/seances", TENUE, page="/conseils/18", htmx=htmx)

        erreur_en_place(
            reponse,
            "planifier",
            "date",
            "La date d'une séance planifiée doit être dans le futur.",
            {k: v for k, v in TENUE.items()},
        )
        html = lisible(reponse.text)
        assert '<a href="#apres-coup-date">Enregistrez-la après coup</a>' in html
        assert '<details class="outil" id="apres-coup" open>' in html
        lus = champs(reponse.text)
        for nom, valeur in TENUE.items():
            assert lus[f"apres-coup-{nom}"]["valeur"] == valeur, nom  # filled in, ready to send
        assert ("<html" in reponse.text) is not htmx
    assert plateforme_web.registre.position() == avant


def test_l_animateur_enregistre_une_seance_tenue_puis_ses_presences_et_decisions(
    client: TestClient,
    animateur_web: UUID,
    horloge_web: HorlogeWeb,
    plateforme_web: Plateforme,
) -> None:
    membre, _ = plateforme_web.comptes.inscrire("Awa Membre", "awa@exemple.fr", "x" * 12)
    rejoindre_directement(plateforme_web, membre)  # on 2 March, before the séance
    arrivee, _ = plateforme_web.comptes.inscrire("Bob Tardif", "bob@exemple.fr", "x" * 12)
    horloge_web.avancer(days=26)  # 28 March
    rejoindre_directement(plateforme_web, arrivee)  # after the séance: not on its sheet

    reponse = poster(client, "/conseils/18/seances/apres-coup", TENUE, page="/conseils/18")

    assert reponse.status_code == 303
    seance = reponse.headers["location"].removeprefix("/seances/")
    page = lisible(client.get(f"/seances/{seance}").text)
    assert "Séance enregistrée après coup : saisissez maintenant ses présences" in page
    assert "Enregistrée après coup</span> le samedi 28 mars 2026" in page
    assert "Tenue (enregistrée après coup le samedi 28 mars 2026)" in page
    assert 'action="/seances/' + seance + '/presences"' in page  # the sheet is open at once
    assert "/reprogrammer" not in page
    conseil = lisible(client.get("/conseils/18").text)
    assert 'vendredi 20 mars 2026 à 18 h 30</a> — <bdi lang="fr">Salle Saint-Bruno</bdi>' in conseil
    assert '<span class="etiquette-statut">enregistrée après coup</span>' in conseil
    journal = lisible(client.get("/conseils/18/journal").text)
    assert "Séance enregistrée après coup" in journal

    presence = poster(client, f"/seances/{seance}/presences", {"lignes": "1"}, htmx=True)
    decision = poster(
        client,
        f"/seances/{seance}/decisions",
        {"texte": "Nettoyer le square", "pour": "8", "contre": "1"},
        htmx=True,
    )

    assert presence.status_code == 200
    assert "1 présence enregistrée. Vérifiez les noms : n° 1 Awa Membre." in lisible(presence.text)
    assert "Bob Tardif" not in presence.text
    assert "1</strong> présent·e sur 1 membre de l'assemblée ce jour-là" in lisible(presence.text)
    assert decision.status_code == 200
    assert "<strong>Adoptée</strong>" in decision.text
    assert "(1 participant·es)" in lisible(client.get("/conseils/18").text)


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2026-04-02T18:30", "Cette date n'est pas encore passée"),
        ("2026-03-01T18:30", "n'était pas encore ouvert sur la plateforme à cette date"),
        ("2013-03-01T18:30", "ne peut pas précéder la création des conseils citoyens"),
        ("hier soir", "n'est pas une date valide"),
    ],
)
def test_une_date_impossible_est_refusee_a_cote_du_champ(
    client: TestClient,
    animateur_web: UUID,
    fin_mars: None,
    plateforme_web: Plateforme,
    date: str,
    message: str,
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/conseils/18/seances/apres-coup", {**TENUE, "date": date}, htmx=True)

    erreur_en_place(reponse, "apres-coup", "date", message, {**TENUE, "date": date})
    assert '<details class="outil" id="apres-coup" open>' in reponse.text
    assert plateforme_web.registre.position() == avant


def test_une_seance_de_plus_de_90_jours_ne_s_enregistre_plus(
    client: TestClient, animateur_web: UUID, horloge_web: HorlogeWeb
) -> None:
    horloge_web.avancer(days=120)  # 30 June 2026

    reponse = poster(client, "/conseils/18/seances/apres-coup", TENUE)

    erreur_en_place(
        reponse,
        "apres-coup",
        "date",
        "au plus tôt une séance du 01/04/2026",
        {"lieu": TENUE["lieu"]},
    )
    assert "<html" in reponse.text  # without JavaScript: a page of its own, with a way back
    assert "←</span> Conseil citoyen du 18<sup>e</sup></a>" in reponse.text


def test_un_lieu_vide_est_refuse_a_cote_du_champ(
    client: TestClient, animateur_web: UUID, fin_mars: None
) -> None:
    reponse = poster(client, "/conseils/18/seances/apres-coup", {**TENUE, "lieu": "  "})

    erreur_en_place(
        reponse, "apres-coup", "lieu", "Le champ « lieu » est obligatoire.", {"theme": "Propreté"}
    )


def test_un_participant_ne_peut_pas_enregistrer_de_seance_apres_coup(
    client: TestClient, participant_web: UUID, fin_mars: None, plateforme_web: Plateforme
) -> None:
    assert "Enregistrer une séance déjà tenue" not in client.get("/conseils/18").text
    avant = plateforme_web.registre.position()

    # Even with an invalid date, the role is refused first: nothing about the input is said.
    reponse = poster(client, "/conseils/18/seances/apres-coup", {**TENUE, "date": "x"})

    assert reponse.status_code == 403
    assert "Seul·es les animateur·rices du conseil citoyen du 18e" in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant
