"""Every séance form refuses invalid input in place: 422 and the form again, the message next to
its field, what was typed kept, nothing recorded; with htmx its section alone, without the page.
A refusal about the séance's state (409) keeps the input too, with its message on top."""

from typing import Any
from uuid import UUID

import pytest
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.conftest import HorlogeWeb
from tests.web.outils import (
    champs,
    erreur_en_place,
    lisible,
    planifier_seance,
    poster,
    section,
    version_affichee,
)

pytestmark = pytest.mark.calendrier  # dates relative to the test's clock

PLAN = {"date": "2026-03-10T18:30", "lieu": "Centre Barbara", "ordre_du_jour": "Budget"}

# (path after /seances/{id}, form, posted fields, field, message, held séance?)
CAS: list[tuple[str, str, dict[str, str], str, str, bool]] = [
    (
        "reprogrammer",
        "plan",
        {**PLAN, "date": "2026-03-01T18:30", "theme": "Fête"},
        "date",
        "La date d'une séance planifiée doit être dans le futur.",
        False,
    ),
    (
        "reprogrammer",
        "plan",
        {**PLAN, "date": "bientôt"},
        "date",
        "Le champ « date et heure » n'est pas une date valide.",
        False,
    ),
    ("reprogrammer", "plan", {**PLAN, "lieu": " "}, "lieu", "« lieu » est obligatoire", False),
    (
        "reprogrammer",
        "plan",
        {**PLAN, "quartier": "QPV-19-INCONNU"},
        "quartier",
        "QPV-19-INCONNU",
        False,
    ),
    (
        "annuler",
        "annuler",
        {"motif": "  "},
        "motif",
        "« motif d'annulation » est obligatoire",
        False,
    ),
    ("anonymes", "anonymes", {"nombre": "-2"}, "nombre", "ne peut pas être négatif", True),
    (
        "compte-rendu",
        "compte-rendu",
        {"texte": ""},
        "texte",
        "« compte rendu » est obligatoire",
        True,
    ),
    (
        "decisions",
        "decision",
        {"texte": "Créer un jardin", "pour": "3", "contre": "x", "abstention": "1"},
        "contre",
        "Le champ « contre » doit être un nombre entier.",
        True,
    ),
    (
        "decisions",
        "decision",
        {"texte": "", "pour": "3", "contre": "1"},
        "texte",
        "« texte de la décision » est obligatoire",
        True,
    ),
]


@pytest.fixture
def seance(client: TestClient, animateur_web: UUID) -> str:
    return planifier_seance(client)


@pytest.mark.parametrize("htmx", [False, True], ids=["sans-js", "htmx"])
@pytest.mark.parametrize(
    ("chemin", "formulaire", "donnees", "champ", "message", "tenue"),
    CAS,
    ids=[f"{c[1]}-{c[3]}" for c in CAS],
)
def test_chaque_formulaire_de_seance_refuse_en_place_et_garde_la_saisie(
    client: TestClient,
    seance: str,
    horloge_web: HorlogeWeb,
    plateforme_web: Plateforme,
    chemin: str,
    formulaire: str,
    donnees: dict[str, str],
    champ: str,
    message: str,
    tenue: bool,
    htmx: bool,
) -> None:
    if tenue:
        horloge_web.avancer(days=9)
    avant = plateforme_web.registre.position()

    reponse = poster(
        client, f"/seances/{seance}/{chemin}", donnees, page=f"/seances/{seance}", htmx=htmx
    )

    # A select keeps what was chosen only among its options: an unknown neighbourhood cannot.
    gardes = {k: v for k, v in donnees.items() if not (k == champ == "quartier")}
    erreur_en_place(reponse, formulaire, champ, message, gardes)
    assert plateforme_web.registre.position() == avant
    assert ("<html" in reponse.text) is not htmx
    assert "hx-retarget" not in reponse.headers
    html = reponse.text
    assert f'id="erreurs-{formulaire}" role="alert" tabindex="-1" autofocus' in html
    assert f'<a href="#{formulaire}-{champ}">' in html  # the summary leads to the field
    assert '<details class="outil" open>' in html or formulaire == "anonymes"


def test_les_formulaires_de_seance_laissent_le_serveur_valider(
    client: TestClient, seance: str, horloge_web: HorlogeWeb
) -> None:
    """`novalidate`: the messages are the server's, in French, next to the field; `required`
    and `maxlength` stay for their meaning."""
    a_venir = client.get(f"/seances/{seance}").text
    horloge_web.avancer(days=9)
    tenue = client.get(f"/seances/{seance}").text
    conseil = client.get("/conseils/18").text

    for html, actions in (
        (a_venir, ("reprogrammer", "annuler")),
        (tenue, ("anonymes", "presences", "decisions", "compte-rendu")),
        (conseil, ("", "/apres-coup")),
    ):
        formulaires = [
            f for f in html.split("<form")[1:] if 'method="post"' in f and "deconnexion" not in f
        ]
        for action in actions:
            assert any(
                action in f.split(">", 1)[0] and "novalidate" in f.split(">", 1)[0]
                for f in formulaires
            ), action
    assert 'id="planifier-date" name="date" required' in conseil


@pytest.mark.parametrize("htmx", [False, True], ids=["sans-js", "htmx"])
def test_planifier_avec_un_lieu_trop_long_garde_la_saisie(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme, htmx: bool
) -> None:
    donnees = {**PLAN, "lieu": "x" * 201, "quartier": "QPV-18-GOUTTE-D-OR", "theme": "Propreté"}
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/conseils/18/seances", donnees, page="/conseils/18", htmx=htmx)

    erreur_en_place(
        reponse,
        "planifier",
        "lieu",
        "« lieu » est trop long (201 caractères, maximum 200)",
        donnees,
    )
    assert "Enregistrez-la après coup" not in reponse.text  # only for a date in the past
    assert plateforme_web.registre.position() == avant


def test_un_conflit_de_version_garde_la_saisie_du_compte_rendu(
    client: TestClient, seance: str, horloge_web: HorlogeWeb, plateforme_web: Plateforme
) -> None:
    horloge_web.avancer(days=9)
    version = version_affichee(client.get(f"/seances/{seance}").text, "compte-rendu")
    assert (
        poster(
            client, f"/seances/{seance}/compte-rendu", {"version": version, "texte": "Premier"}
        ).status_code
        == 303
    )
    avant = plateforme_web.registre.position()

    reponse = poster(
        client,
        f"/seances/{seance}/compte-rendu",
        {"version": version, "texte": "Mon long compte rendu"},
        htmx=True,
    )

    assert reponse.status_code == 409
    bloc = lisible(section(reponse.text, "compte-rendu"))
    assert "Quelqu'un d'autre vient de modifier cet élément" in bloc
    assert champs(reponse.text)["compte-rendu-texte"]["valeur"] == "Mon long compte rendu"
    assert f'id="version-compte-rendu" value="{version + 1}"' in reponse.text  # now up to date
    assert plateforme_web.registre.position() == avant


@pytest.mark.parametrize(
    ("chemin", "donnees", "message"),
    [
        ("compte-rendu", {"texte": "Trop tôt"}, "impossible de rédiger le compte rendu"),
        ("decisions", {"texte": "Trop tôt", "pour": "1", "contre": "0"}, "une décision"),
        ("presences", {"lignes": "1"}, "enregistrer les présences"),
    ],
)
def test_un_formulaire_d_une_seance_a_venir_explique_le_refus_dans_sa_section(
    client: TestClient,
    seance: str,
    plateforme_web: Plateforme,
    chemin: str,
    donnees: dict[str, Any],
    message: str,
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(client, f"/seances/{seance}/{chemin}", donnees, htmx=True)

    assert reponse.status_code in (409, 422)
    assert "hx-retarget" not in reponse.headers
    assert "La séance n'a pas encore eu lieu" in lisible(reponse.text) or message in lisible(
        reponse.text
    )
    assert 'class="note erreur"' in reponse.text
    assert plateforme_web.registre.position() == avant


def test_une_seance_annulee_entre_temps_le_dit_sans_page_d_erreur(
    client: TestClient, seance: str, plateforme_web: Plateforme
) -> None:
    assert poster(client, f"/seances/{seance}/annuler", {"motif": "Salle prise"}).status_code == 303

    reponse = poster(client, f"/seances/{seance}/reprogrammer", {**PLAN, "lieu": "Ailleurs"})

    assert reponse.status_code == 409
    plan = lisible(section(reponse.text, "plan"))
    assert "Cette séance a été annulée." in plan
    assert "Impossible de continuer" not in reponse.text


def test_une_decision_pour_une_seance_annulee_entre_temps_le_dit_sans_page_d_erreur(
    client: TestClient, seance: str, horloge_web: HorlogeWeb
) -> None:
    assert poster(client, f"/seances/{seance}/annuler", {"motif": "Salle prise"}).status_code == 303
    horloge_web.avancer(days=9)

    reponse = poster(
        client,
        f"/seances/{seance}/decisions",
        {"texte": "Créer un jardin", "pour": "3", "contre": "1"},
        page=f"/seances/{seance}",
    )

    assert reponse.status_code == 409
    assert "Cette séance a été annulée." in lisible(reponse.text)
    assert 'class="note erreur"' in reponse.text
