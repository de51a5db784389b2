"""What anyone sees without an account: the councils, their figures, errors, headers, assets."""

import re
from uuid import uuid4

from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb
from tests.web.outils import lisible, rejoindre_directement

ARRONDISSEMENTS = [10, 11, 13, 14, 17, 18, 19, 20]


def cartes(html: str) -> dict[int, str]:
    """The home page's cards, by arrondissement, as readable text."""
    resultat = {}
    for morceau in html.split('<li class="carte">')[1:]:
        numero = re.search(r'href="/conseils/(\d+)"', morceau)
        assert numero
        resultat[int(numero.group(1))] = lisible(morceau)
    return resultat


def repartition(carte: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", carte)}


def test_l_accueil_presente_les_huit_conseils_avec_leurs_quartiers_prioritaires(
    client: TestClient,
) -> None:
    reponse = client.get("/")

    assert reponse.status_code == 200
    assert "text/html" in reponse.headers["content-type"]
    par_conseil = cartes(reponse.text)
    assert list(par_conseil) == ARRONDISSEMENTS
    for a in ARRONDISSEMENTS:
        assert f"Conseil citoyen du {a}<sup>e</sup>" in par_conseil[a]
        assert "0</strong> personne dans l'assemblée" in par_conseil[a]
    assert "Goutte d'Or" in par_conseil[18]
    assert "Goutte d'Or" not in par_conseil[19]
    for a in (10, 11, 20):
        assert "Grand Belleville" in par_conseil[a]
    assert "Grand Belleville" not in par_conseil[18]
    assert "Porte de la Chapelle-Charles Hermite" in par_conseil[18]
    assert "Porte de la Chapelle-Charles Hermite" in par_conseil[19]


def test_l_accueil_compte_les_membres_par_college_et_par_genre(
    client: TestClient, plateforme_web: Plateforme, comptes_web: ComptesWeb
) -> None:
    habitante, _ = comptes_web("Awa Habitante")
    acteur, _ = comptes_web("Bruno Associatif")
    voisine, _ = comptes_web("Chloé Voisine")
    rejoindre_directement(plateforme_web, habitante, 18, quartier="QPV-18-GOUTTE-D-OR")
    rejoindre_directement(
        plateforme_web,
        acteur,
        18,
        college="acteur_local",
        genre="homme",
        structure_nom="Association des Jardins",
        structure_type="association",
    )
    rejoindre_directement(plateforme_web, voisine, 19, genre="ne_se_prononce_pas")

    par_conseil = cartes(client.get("/").text)

    assert '<strong id="total-18">2</strong> personnes' in par_conseil[18]
    assert repartition(par_conseil[18]) == {
        "Habitant·es": 1,
        "Acteurs locaux": 1,
        "Femmes": 1,
        "Hommes": 1,
        "Autre": 0,
        "Ne se prononce pas": 0,
    }
    assert '<strong id="total-19">1</strong> personne ' in par_conseil[19]
    assert repartition(par_conseil[19])["Ne se prononce pas"] == 1  # counted apart, never merged
    assert repartition(par_conseil[10]) == dict.fromkeys(repartition(par_conseil[10]), 0)


def test_la_page_d_un_conseil_montre_ses_quartiers_et_invite_a_se_connecter(
    client: TestClient,
) -> None:
    reponse = client.get("/conseils/18")

    assert reponse.status_code == 200
    page = lisible(reponse.text)
    assert "Conseil citoyen du 18<sup>e</sup> arrondissement" in page
    assert "Goutte d'Or" in page
    assert '<strong id="total-assemblee">0</strong> membre' in page
    assert 'href="/connexion?suite=/conseils/18"' in page
    assert 'action="/conseils/18/adhesion"' not in page
    assert "Planifier une séance" not in page


def test_un_conseil_inconnu_repond_404_en_francais(client: TestClient) -> None:
    for url in ("/conseils/99", "/conseils/12", "/conseils/dix-huit", "/conseils/99/historique"):
        reponse = client.get(url)
        assert reponse.status_code == 404, url
        assert "Ce conseil citoyen n'existe pas." in lisible(reponse.text)


def test_une_seance_inconnue_repond_404(client: TestClient) -> None:
    for url in (f"/seances/{uuid4()}", "/seances/pas-un-identifiant"):
        reponse = client.get(url)
        assert reponse.status_code == 404, url
        assert "Cette séance n'existe pas." in lisible(reponse.text)


def test_une_adresse_inconnue_repond_404_avec_la_mise_en_page_du_site(client: TestClient) -> None:
    reponse = client.get("/cette-page-n-existe-pas")

    assert reponse.status_code == 404
    assert "Cette page n'existe pas." in lisible(reponse.text)
    assert '<a href="/">Retour à l\'accueil : les conseils citoyens</a>' in lisible(reponse.text)


def test_une_action_demandee_en_get_repond_405(client: TestClient) -> None:
    reponse = client.get("/conseils/18/adhesion")

    assert reponse.status_code == 405
    assert "Cette action n'est pas possible ici." in lisible(reponse.text)


def test_les_entetes_de_securite_sont_presents_sur_les_pages_et_les_erreurs(
    client: TestClient,
) -> None:
    for url in ("/", "/conseils/18", "/conseils/99", "/static/site.css"):
        reponse = client.get(url)
        csp = reponse.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp, url
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert reponse.headers["x-content-type-options"] == "nosniff"
        assert reponse.headers["x-frame-options"] == "DENY"
        assert reponse.headers["referrer-policy"] == "same-origin"


def test_htmx_est_servi_par_le_site_lui_meme(client: TestClient) -> None:
    reponse = client.get("/static/vendor/htmx/htmx.min.js")

    assert reponse.status_code == 200
    assert "javascript" in reponse.headers["content-type"]
    assert "htmx" in reponse.text[:5000]


def test_la_mise_en_page_ne_charge_rien_depuis_un_autre_site(client: TestClient) -> None:
    html = client.get("/").text

    assert '<script src="/static/vendor/htmx/htmx.min.js" defer></script>' in html
    assert '<link rel="stylesheet" href="/static/site.css">' in html
    assert re.findall(r'(?:src|href)="(?:https?:)?//', html) == []
    assert client.get("/static/site.css").status_code == 200


def test_la_page_accessibilite_et_la_sonde_de_sante_repondent(client: TestClient) -> None:
    assert client.get("/accessibilite").status_code == 200
    sante = client.get("/sante")
    assert sante.status_code == 200
    assert re.fullmatch(r"ok position=\d+", sante.text)
