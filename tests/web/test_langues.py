"""The page speaks the reader's language: the switch's choice (a cookie), else the browser's
Accept-Language, else French; `<html>` declares language and direction; a refusal of the domain
is read in that language too; a member's choice is kept on the account for their e-mails."""

import re
from collections.abc import Callable
from uuid import UUID

from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from langues import gettext, parler
from tests.web.conftest import ComptesWeb
from tests.web.outils import connecter, poster


def _racine(html: str) -> str:
    trouve = re.search(r"<html[^>]*>", html)
    assert trouve
    return trouve.group(0)


def test_sans_choix_la_page_est_en_francais(client: TestClient) -> None:
    reponse = client.get("/")
    assert _racine(reponse.text) == '<html lang="fr" dir="ltr">'
    assert reponse.headers["content-language"] == "fr"


def test_le_navigateur_choisit_parmi_les_langues_de_la_plateforme(client: TestClient) -> None:
    assert 'lang="en"' in _racine(
        client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).text
    )
    arabe = _racine(client.get("/", headers={"Accept-Language": "ar-MA"}).text)
    assert arabe == '<html lang="ar" dir="rtl">'
    # The preferred language the platform does not speak is skipped, by weight.
    en = client.get("/", headers={"Accept-Language": "de;q=1, ar;q=0.5, en;q=0.8"})
    assert 'lang="en"' in _racine(en.text)
    assert 'lang="fr"' in _racine(client.get("/", headers={"Accept-Language": "de, zz"}).text)


def test_le_lien_de_langue_ramene_a_la_meme_page_et_le_choix_reste(client: TestClient) -> None:
    reponse = client.get("/langue/ar?retour=/avis", headers={"Accept-Language": "en"})
    assert reponse.status_code == 303
    assert reponse.headers["location"] == "/avis"
    # The cookie beats the browser's header.
    page = client.get("/avis", headers={"Accept-Language": "en"})
    assert _racine(page.text) == '<html lang="ar" dir="rtl">'
    with parler("ar"):
        assert gettext("Les avis") in page.text


def test_chaque_page_offre_chaque_langue_par_un_simple_lien(client: TestClient) -> None:
    html = client.get("/conseils/18?onglet=1").text
    liens = re.findall(r'<a href="(/langue/[^"]+)" hreflang="([^"]+)" lang="([^"]+)"', html)
    assert {(hreflang, lang) for _lien, hreflang, lang in liens} == {
        ("fr", "fr"),
        ("fr-x-falc", "fr-x-falc"),
        ("en", "en"),
        ("ar", "ar"),
    }
    assert all("retour=%2Fconseils%2F18%3Fonglet%3D1" in lien for lien, _h, _l in liens)


def test_le_retour_ne_mene_jamais_sur_un_autre_site(client: TestClient) -> None:
    for retour in ("//ailleurs.example/", "https://ailleurs.example/", "javascript:alert(1)"):
        reponse = client.get("/langue/en", params={"retour": retour})
        assert reponse.headers["location"] == "/"
    assert client.get("/langue/klingon?retour=/avis").headers["location"] == "/avis"


def test_un_refus_se_lit_dans_la_langue_de_la_page(client: TestClient) -> None:
    client.get("/langue/en")
    reponse = poster(
        client,
        "/inscription",
        {
            "nom": "Camille",
            "email": "pas-une-adresse",
            "mot_de_passe": "x" * 12,
            "confirmation": "x" * 12,
        },
        page="/inscription",
    )
    assert reponse.status_code == 422
    with parler("en"):
        attendu = gettext("Adresse électronique invalide.")
    assert attendu != "Adresse électronique invalide."
    assert attendu in reponse.text


def test_le_choix_d_un_membre_est_garde_pour_ses_courriels(
    client: TestClient, comptes_web: ComptesWeb, plateforme_web: Plateforme
) -> None:
    compte_id, email = comptes_web("Camille Habitante")
    connecter(client, email)
    client.get("/langue/ar?retour=/compte")
    assert plateforme_web.comptes.identites.langues([UUID(str(compte_id))]) == {compte_id: "ar"}


def test_a_la_connexion_un_membre_retrouve_sa_langue_sur_un_autre_appareil(
    nouveau_client: Callable[[], TestClient], comptes_web: ComptesWeb, plateforme_web: Plateforme
) -> None:
    compte_id, email = comptes_web("Camille Habitante")
    plateforme_web.comptes.choisir_langue(compte_id, "ar")
    autre_appareil = nouveau_client()
    connecter(autre_appareil, email)
    assert autre_appareil.cookies.get("langue") == "ar"
    assert _racine(autre_appareil.get("/compte").text) == '<html lang="ar" dir="rtl">'


def test_un_choix_fait_sur_l_appareil_l_emporte_sur_celui_du_compte(
    nouveau_client: Callable[[], TestClient], comptes_web: ComptesWeb, plateforme_web: Plateforme
) -> None:
    compte_id, email = comptes_web("Camille Habitante")
    plateforme_web.comptes.choisir_langue(compte_id, "ar")
    appareil = nouveau_client()
    appareil.get("/langue/en")
    connecter(appareil, email)
    assert 'lang="en"' in _racine(appareil.get("/compte").text)
