"""The règlement intérieur: the animateur deposits versions, the Ville or the État rules on them."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

import pytest
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb
from tests.web.outils import champs, connecter, erreur_en_place, lisible, poster

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

    erreur_en_place(sans_motif, "conformite", "motif", "Le champ « motif » est obligatoire.")
    assert "checked" in champs(sans_motif.text)["conformite-statut-non_conforme"]
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
    for depuis in ("2026-01-05", "pas une date"):  # the role is refused before the input
        formulaire = {"nom": "Asso", "forme": "association_ad_hoc", "depuis": depuis}
        reponse = poster(client, STRUCTURE, formulaire, page=REGLEMENT)
        assert reponse.status_code == 403
    assert plateforme_web.registre.position() == avant


def test_une_date_de_debut_invalide_est_refusee_en_francais(
    agent_ville: TestClient, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()
    formulaire = {"nom": "Asso", "forme": "association_ad_hoc", "depuis": "05/01/2026"}

    reponse = poster(agent_ville, STRUCTURE, formulaire, page=REGLEMENT)

    erreur_en_place(
        reponse,
        "structure",
        "depuis",
        "n'est pas une date valide",
        gardes={"nom": "Asso", "depuis": "05/01/2026"},
    )
    assert "checked" in lus(reponse)["structure-forme-association_ad_hoc"]
    assert plateforme_web.registre.position() == avant


def lus(reponse: Any) -> dict[str, dict[str, str]]:
    return champs(reponse.text)


def test_la_structure_porteuse_sans_forme_choisie_est_refusee_a_cote_du_choix(
    agent_ville: TestClient, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(agent_ville, STRUCTURE, {"nom": "Asso du quartier", "depuis": "2026-01-05"})

    erreur_en_place(
        reponse,
        "structure",
        "forme",
        "Choisissez la forme de la structure porteuse.",
        gardes={"nom": "Asso du quartier", "depuis": "2026-01-05"},
    )
    assert 'aria-describedby="erreur-structure-forme"' in reponse.text
    assert '<details class="outil" open>' in reponse.text  # the form is shown, not folded
    assert plateforme_web.registre.position() == avant


def test_statuer_sans_choisir_est_refuse_a_cote_du_choix(
    reglement_depose: None, agent_ville: TestClient, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(agent_ville, CONFORMITE, {"numero": "1", "motif": "Vu en commission"})

    erreur_en_place(
        reponse,
        "conformite",
        "statut",
        "Choisissez : conforme, non conforme ou en attente d'examen.",
        gardes={"motif": "Vu en commission"},
    )
    assert plateforme_web.registre.position() == avant


def test_un_texte_vide_ou_identique_revient_dans_le_formulaire(
    client: TestClient, reglement_depose: None, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    vide = poster(client, REGLEMENT, {"texte": "   "})
    erreur_en_place(vide, "reglement", "texte", "Le champ « règlement intérieur » est obligatoire.")

    identique = poster(client, REGLEMENT, {"texte": f"{TEXTE}\n"})
    assert identique.status_code == 409
    assert 'id="erreurs-reglement" role="alert"' in identique.text
    assert "Ce texte est identique à la version en vigueur." in lisible(identique.text)
    assert lus(identique)["reglement-texte"]["valeur"].strip() == TEXTE
    assert plateforme_web.registre.position() == avant


def test_une_regle_de_majorite_inconnue_est_refusee_a_cote_du_choix(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/conseils/18/majorite", {"regle": "unanimite"}, page=REGLEMENT)

    erreur_en_place(reponse, "majorite", "regle", "Règle de majorité inconnue : « unanimite ».")
    assert plateforme_web.registre.position() == avant
