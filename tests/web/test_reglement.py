"""The règlement intérieur: the animateur deposits versions, the Ville or the État rules on them."""

from collections.abc import Callable
from uuid import UUID

import pytest
from starlette.testclient import TestClient

from participation.plateforme import Plateforme
from tests.web.conftest import ComptesWeb
from tests.web.outils import connecter, lisible, poster

REGLEMENT = "/conseils/18/reglement"
CONFORMITE = "/conseils/18/reglement/conformite"
TEXTE = "Article 1 — L'assemblée ouverte se réunit au moins quatre fois par an."


@pytest.fixture
def reglement_depose(client: TestClient, animateur_web: UUID) -> None:
    reponse = poster(client, REGLEMENT, {"texte": TEXTE}, page=REGLEMENT)
    assert reponse.status_code == 303


@pytest.fixture
def agent_ville(comptes_web: ComptesWeb, nouveau_client: Callable[[], TestClient]) -> TestClient:
    _, email = comptes_web("Agent de la Ville", "agent_ville")
    navigateur = nouveau_client()
    connecter(navigateur, email)
    return navigateur


def test_sans_reglement_la_page_le_dit(client: TestClient) -> None:
    page = lisible(client.get(REGLEMENT).text)

    assert "Aucun règlement intérieur n'a encore été déposé." in page
    assert "Majorité simple" in page
    assert f'action="{REGLEMENT}"' not in page


def test_l_animateur_depose_une_version_en_attente_d_examen(
    client: TestClient, reglement_depose: None
) -> None:
    page = lisible(client.get(REGLEMENT).text)

    assert "Nouvelle version du règlement intérieur déposée." in page
    assert "Version 1 (en vigueur)" in page
    assert TEXTE in page
    assert "conformité : <strong>En attente d'examen</strong>" in page
    assert "version 1 du lundi 2 mars 2026" in lisible(client.get("/conseils/18").text)


def test_deposer_un_texte_identique_est_refuse(
    client: TestClient, reglement_depose: None, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(client, REGLEMENT, {"texte": f"  {TEXTE}  "})

    assert reponse.status_code == 409
    assert "Ce texte est identique à la version en vigueur." in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_un_participant_ne_peut_pas_deposer_de_reglement(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(client, REGLEMENT, {"texte": "Règlement pirate"})

    assert reponse.status_code == 403
    assert plateforme_web.registre.position() == avant


def test_l_agent_de_la_ville_declare_la_version_conforme(
    reglement_depose: None, agent_ville: TestClient
) -> None:
    formulaire = agent_ville.get(REGLEMENT).text
    assert f'action="{CONFORMITE}"' in formulaire

    reponse = poster(
        agent_ville, CONFORMITE, {"numero": "1", "statut": "conforme", "motif": ""}, page=REGLEMENT
    )

    assert reponse.status_code == 303
    assert reponse.headers["location"] == REGLEMENT
    page = lisible(agent_ville.get(REGLEMENT).text)
    assert "Conformité du règlement intérieur enregistrée." in page
    assert "conformité : <strong>Conforme</strong> (Agent de la Ville)" in page


def test_non_conforme_exige_un_motif(
    reglement_depose: None, agent_ville: TestClient, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    sans_motif = poster(agent_ville, CONFORMITE, {"numero": "1", "statut": "non_conforme"})

    assert sans_motif.status_code == 422
    assert "Le champ « motif » est obligatoire." in lisible(sans_motif.text)
    assert plateforme_web.registre.position() == avant

    avec_motif = poster(
        agent_ville,
        CONFORMITE,
        {"numero": "1", "statut": "non_conforme", "motif": "Article 4 contraire à la loi"},
    )

    assert avec_motif.status_code == 303
    page = lisible(agent_ville.get(REGLEMENT).text)
    assert (
        "<strong>Non conforme</strong> (Agent de la Ville) : Article 4 contraire à la loi" in page
    )


def test_un_participant_ou_l_animateur_ne_peut_pas_statuer_sur_la_conformite(
    client: TestClient,
    reglement_depose: None,
    comptes_web: ComptesWeb,
    nouveau_client: Callable[[], TestClient],
    plateforme_web: Plateforme,
) -> None:
    _, email = comptes_web("Camille Habitante")
    participant = nouveau_client()
    connecter(participant, email)
    assert f'action="{CONFORMITE}"' not in participant.get(REGLEMENT).text
    avant = plateforme_web.registre.position()

    for navigateur in (participant, client):
        reponse = poster(navigateur, CONFORMITE, {"numero": "1", "statut": "conforme"})
        assert reponse.status_code == 403
        assert "Seuls les agents de la Ville ou de l'État" in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant
    assert "<strong>En attente d'examen</strong>" in lisible(client.get(REGLEMENT).text)


def test_statuer_sur_une_version_inexistante_est_refuse(
    reglement_depose: None, agent_ville: TestClient
) -> None:
    for numero, statut in (("7", 422), ("un", 422)):
        reponse = poster(agent_ville, CONFORMITE, {"numero": numero, "statut": "conforme"})
        assert reponse.status_code == statut, numero


STRUCTURE = "/conseils/18/structure-porteuse"


def test_l_agent_enregistre_la_structure_porteuse_affichee_sur_le_conseil(
    agent_ville: TestClient,
) -> None:
    formulaire = {"nom": "Centre social <b>Goutte d'Or</b>", "forme": "association_existante"}
    reponse = poster(agent_ville, STRUCTURE, {**formulaire, "depuis": "2026-01-05"}, page=REGLEMENT)

    assert reponse.status_code == 303
    brut = agent_ville.get(REGLEMENT).text
    page = lisible(brut)
    assert "Structure porteuse enregistrée." in page
    assert "Centre social &lt;b&gt;Goutte d&#39;Or&lt;/b&gt;" in brut  # escaped, never markup
    assert "Association locale existante, depuis le lundi 5 janvier 2026" in page
    assert "depuis le lundi 5 janvier 2026" in lisible(agent_ville.get("/conseils/18").text)


def test_un_animateur_ne_peut_pas_enregistrer_la_structure_porteuse(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()
    champs = {"nom": "Asso", "forme": "association_ad_hoc", "depuis": "2026-01-05"}

    reponse = poster(client, STRUCTURE, champs, page=REGLEMENT)

    assert reponse.status_code == 403
    assert plateforme_web.registre.position() == avant


def test_une_date_de_debut_invalide_est_refusee_en_francais(
    agent_ville: TestClient, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()
    champs = {"nom": "Asso", "forme": "association_ad_hoc", "depuis": "05/01/2026"}

    reponse = poster(agent_ville, STRUCTURE, champs, page=REGLEMENT)

    assert reponse.status_code == 422
    assert "n'est pas une date valide" in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant
