"""Rate limits: past its limit a person gets HTTP 429 with a French message and a delay,
nothing is recorded, and nobody else (another account, another address) is held back.

The app here uses small limits (the real ones are in web/limites.py) on the test's clock."""

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import replace
from types import SimpleNamespace
from typing import Any
from uuid import UUID

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from stockage.configuration import Configuration
from tests.web.conftest import ComptesWeb, HorlogeWeb
from tests.web.outils import (
    MOT_DE_PASSE_WEB,
    connecter,
    lisible,
    poster,
    rejoindre_directement,
)
from tests.web.test_avis import PROJET
from tests.web.test_budget import DEPOT, deposer_directement
from web.app import creer_app
from web.limites import LIMITES, Limite, Limites, adresse_client
from web.securite import Limiteur

PETITES = (
    Limite("connexion", "adresse", 3, 900, "échecs"),
    Limite("connexion", "email", 2, 900, "échecs"),
    Limite("inscription", "adresse", 2, 3600, "comptes créés"),
    Limite("inscription", "email", 2, 3600, "tentatives"),
    Limite("publication", "compte", 2, 3600, "publications"),
    Limite("publication", "adresse", 3, 3600, "publications"),
    Limite("soutien", "compte", 2, 3600, "soutiens"),
    Limite("soutien", "adresse", 3, 3600, "soutiens"),
)


@pytest.fixture
def app_web(plateforme_web: Plateforme, horloge_web: HorlogeWeb) -> Starlette:
    """Overrides the conftest's app: small limits, on the test's clock."""
    limites = Limites(PETITES, horloge=lambda: horloge_web().timestamp())
    return creer_app(plateforme=plateforme_web, https=False, limites=limites)


@pytest.fixture
def depuis(app_web: Starlette) -> Iterator[Callable[[str], TestClient]]:
    """A browser connecting from the given IP address."""
    with ExitStack() as pile:

        def ouvrir(adresse: str) -> TestClient:
            navigateur = TestClient(app_web, follow_redirects=False, client=(adresse, 50000))
            return pile.enter_context(navigateur)

        yield ouvrir


def refuse(reponse: Any, motif: str, minutes: int) -> None:
    assert reponse.status_code == 429, reponse.text
    assert f"{motif} : réessayez dans {minutes} minutes." in lisible(reponse.text)
    assert 0 < int(reponse.headers["retry-after"]) <= minutes * 60


def se_connecter(navigateur: TestClient, email: str, mot_de_passe: str = "mauvais") -> Any:
    donnees = {"email": email, "mot_de_passe": mot_de_passe}
    return poster(navigateur, "/connexion", donnees, page="/connexion")


def s_inscrire(navigateur: TestClient, email: str, confirmation: str = MOT_DE_PASSE_WEB) -> Any:
    donnees = {
        "nom": "Léa Nouvelle",
        "email": email,
        "mot_de_passe": MOT_DE_PASSE_WEB,
        "confirmation": confirmation,
    }
    return poster(navigateur, "/inscription", donnees, page="/inscription")


def membre_connecte(
    depuis: Callable[[str], TestClient],
    comptes_web: ComptesWeb,
    plateforme: Plateforme,
    adresse: str,
    nom: str = "Awa Membre",
) -> TestClient:
    compte_id, email = comptes_web(nom)
    rejoindre_directement(plateforme, compte_id, 18)
    navigateur = depuis(adresse)
    connecter(navigateur, email)
    return navigateur


def test_la_table_des_limites_couvre_chaque_action_par_ses_deux_cles() -> None:
    cles = {(limite.action, limite.cle) for limite in LIMITES}
    assert cles == {
        ("connexion", "adresse"),
        ("connexion", "email"),
        ("inscription", "adresse"),
        ("inscription", "email"),
        ("publication", "compte"),
        ("publication", "adresse"),
        ("soutien", "compte"),
        ("soutien", "adresse"),
        ("calendrier", "adresse"),
    }


def test_les_echecs_de_connexion_sur_un_compte_le_suspendent_sans_gener_les_autres(
    depuis: Callable[[str], TestClient], comptes_web: ComptesWeb, horloge_web: HorlogeWeb
) -> None:
    _, visee = comptes_web("Samia Visée")
    _, autre = comptes_web("Camille Autre")
    attaquant = depuis("198.51.100.7")
    for _ in range(2):
        assert se_connecter(attaquant, visee).status_code == 422

    refuse(
        se_connecter(depuis("203.0.113.1"), visee, MOT_DE_PASSE_WEB),
        "Trop de tentatives de connexion",
        15,
    )
    assert se_connecter(attaquant, autre, MOT_DE_PASSE_WEB).status_code == 303

    horloge_web.avancer(minutes=15)
    assert se_connecter(depuis("203.0.113.1"), visee, MOT_DE_PASSE_WEB).status_code == 303


def test_les_echecs_de_connexion_depuis_une_adresse_la_suspendent_elle_seule(
    depuis: Callable[[str], TestClient], comptes_web: ComptesWeb
) -> None:
    _, email = comptes_web("Samia Connectée")
    robot = depuis("198.51.100.7")
    for numero in range(3):
        assert se_connecter(robot, f"essai{numero}@exemple.fr").status_code == 422

    refuse(se_connecter(robot, email, MOT_DE_PASSE_WEB), "Trop de tentatives de connexion", 15)
    assert se_connecter(depuis("203.0.113.1"), email, MOT_DE_PASSE_WEB).status_code == 303


def test_une_adresse_ne_tente_que_deux_inscriptions_par_heure_ici(
    depuis: Callable[[str], TestClient],
    plateforme_web: Plateforme,
    horloge_web: HorlogeWeb,
    comptes_web: ComptesWeb,
) -> None:
    """Failed attempts count: "un compte existe déjà" must not be asked e-mail after e-mail."""
    _, existant = comptes_web("Samia Existante")
    fabrique = depuis("198.51.100.7")
    assert s_inscrire(fabrique, "lot@exemple.fr").status_code == 303
    poster(fabrique, "/deconnexion")
    assert s_inscrire(fabrique, existant).status_code == 422
    avant = plateforme_web.registre.position()

    refuse(s_inscrire(fabrique, "de-trop@exemple.fr"), "Trop de créations de compte", 60)

    assert plateforme_web.identites.par_email("de-trop@exemple.fr") is None
    assert plateforme_web.registre.position() == avant
    assert s_inscrire(depuis("203.0.113.1"), "voisine@exemple.fr").status_code == 303
    horloge_web.avancer(hours=1)
    assert s_inscrire(fabrique, "de-trop@exemple.fr").status_code == 303


def test_les_tentatives_d_inscription_sur_une_adresse_electronique_sont_limitees(
    depuis: Callable[[str], TestClient], plateforme_web: Plateforme
) -> None:
    """Whatever the IP address: one cannot probe an e-mail address indefinitely."""
    for numero in range(2):
        reponse = s_inscrire(depuis(f"198.51.100.{numero}"), "lea@exemple.fr", "pas pareil")
        assert reponse.status_code == 422

    refuse(s_inscrire(depuis("203.0.113.1"), "LEA@exemple.fr"), "Trop de créations de compte", 60)
    assert plateforme_web.identites.par_email("lea@exemple.fr") is None
    assert s_inscrire(depuis("203.0.113.1"), "autre@exemple.fr").status_code == 303


def test_au_dela_de_sa_limite_un_compte_ne_publie_plus_et_l_apprend_en_place(
    depuis: Callable[[str], TestClient],
    comptes_web: ComptesWeb,
    plateforme_web: Plateforme,
    horloge_web: HorlogeWeb,
) -> None:
    """Drafting or amending an avis, filing a proposal, commenting: one budget per account."""
    awa = membre_connecte(depuis, comptes_web, plateforme_web, "198.51.100.7")
    avis = poster(awa, "/conseils/18/avis", PROJET)
    assert avis.status_code == 303
    depot = poster(awa, "/conseils/18/budget-participatif", DEPOT)
    assert depot.status_code == 303
    proposition = depot.headers["location"]
    avant = plateforme_web.registre.position()

    commentaire = poster(awa, f"{proposition}/commentaires", {"commentaire": "Et moi"}, htmx=True)
    amendement = poster(
        awa, f"{avis.headers['location']}/versions", {**PROJET, "version": "1"}, htmx=True
    )
    autre_projet = poster(awa, "/conseils/18/avis", PROJET)

    for reponse in (commentaire, amendement, autre_projet):
        refuse(reponse, "Trop de publications en peu de temps", 60)
    assert commentaire.headers["hx-retarget"] == "#messages"
    assert "<html" not in commentaire.text
    assert plateforme_web.registre.position() == avant

    voisine = membre_connecte(depuis, comptes_web, plateforme_web, "203.0.113.1", "Léa Voisine")
    assert poster(voisine, f"{proposition}/commentaires", {"commentaire": "Oui"}).status_code == 303
    horloge_web.avancer(hours=1)
    assert poster(awa, f"{proposition}/commentaires", {"commentaire": "Et moi"}).status_code == 303


def test_une_adresse_partagee_a_sa_propre_limite_de_publications(
    depuis: Callable[[str], TestClient], comptes_web: ComptesWeb, plateforme_web: Plateforme
) -> None:
    proposition = (
        f"/budget-participatif/{deposer_directement(plateforme_web, comptes_web('Awa')[0])}"
    )
    une = membre_connecte(depuis, comptes_web, plateforme_web, "198.51.100.7", "Une")
    deux = membre_connecte(depuis, comptes_web, plateforme_web, "198.51.100.7", "Deux")
    assert poster(une, f"{proposition}/commentaires", {"commentaire": "1"}).status_code == 303
    assert poster(une, f"{proposition}/commentaires", {"commentaire": "2"}).status_code == 303
    assert poster(deux, f"{proposition}/commentaires", {"commentaire": "3"}).status_code == 303

    refuse(
        poster(deux, f"{proposition}/commentaires", {"commentaire": "4"}),
        "Trop de publications en peu de temps",
        60,
    )
    ailleurs = membre_connecte(depuis, comptes_web, plateforme_web, "203.0.113.1", "Ailleurs")
    assert poster(ailleurs, f"{proposition}/commentaires", {"commentaire": "5"}).status_code == 303


def test_soutenir_et_cosigner_ont_leur_limite_par_compte_et_par_adresse(
    depuis: Callable[[str], TestClient], comptes_web: ComptesWeb, plateforme_web: Plateforme
) -> None:
    autrice, _ = comptes_web("Awa Autrice")
    rejoindre_directement(plateforme_web, autrice, 18)
    proposition = f"/budget-participatif/{deposer_directement(plateforme_web, autrice)}"
    qui = plateforme_web.comptes.acteur(autrice)
    avis_id, position = plateforme_web.avis.rediger(
        qui, 18, "auto_saisine", "Bancs", "Texte", "ville"
    )
    plateforme_web.projecteur.attendre(position)
    cosignature = f"/avis/{avis_id}/cosignatures"

    une = membre_connecte(depuis, comptes_web, plateforme_web, "198.51.100.7", "Une")
    assert poster(une, f"{proposition}/soutien", {"soutien": "oui"}, htmx=True).status_code == 200
    assert poster(une, f"{proposition}/soutien", {"soutien": "non"}, htmx=True).status_code == 200
    avant = plateforme_web.registre.position()
    refuse(poster(une, cosignature), "Trop de soutiens ou de cosignatures en peu de temps", 60)
    assert plateforme_web.registre.position() == avant

    deux = membre_connecte(depuis, comptes_web, plateforme_web, "198.51.100.7", "Deux")
    assert poster(deux, cosignature).status_code == 303  # the address's third
    refuse(
        poster(deux, f"{proposition}/soutien", {"soutien": "oui"}),
        "Trop de soutiens ou de cosignatures en peu de temps",
        60,
    )
    ailleurs = membre_connecte(depuis, comptes_web, plateforme_web, "203.0.113.1", "Ailleurs")
    assert poster(ailleurs, f"{proposition}/soutien", {"soutien": "oui"}).status_code == 303


def test_un_formulaire_sans_jeton_ne_consomme_pas_la_limite(
    depuis: Callable[[str], TestClient], comptes_web: ComptesWeb, plateforme_web: Plateforme
) -> None:
    """A forged cross-site post (no CSRF token) cannot use up someone's quota."""
    awa = membre_connecte(depuis, comptes_web, plateforme_web, "198.51.100.7")
    for _ in range(5):
        assert awa.post("/conseils/18/avis", data=PROJET).status_code == 403

    assert poster(awa, "/conseils/18/avis", PROJET).status_code == 303


def requete(entetes: dict[str, str], confiance: bool, pair: str = "10.0.0.2") -> Request:
    etat = SimpleNamespace(limites=Limites(proxy_de_confiance=confiance))
    return Request(
        {
            "type": "http",
            "headers": [(k.lower().encode(), v.encode()) for k, v in entetes.items()],
            "client": (pair, 443),
            "app": SimpleNamespace(state=etat),
        }
    )


def test_l_adresse_du_client_vient_du_proxy_seulement_s_il_est_de_confiance() -> None:
    transmise = {"X-Forwarded-For": "192.0.2.66, 203.0.113.9"}

    assert adresse_client(requete(transmise, confiance=False)) == "10.0.0.2"
    # The proxy appends the address it saw; what comes before is the client's own claim.
    assert adresse_client(requete(transmise, confiance=True)) == "203.0.113.9"
    assert adresse_client(requete({}, confiance=True)) == "10.0.0.2"


def test_la_fenetre_glisse_et_donne_le_delai_exact() -> None:
    instant = [0.0]
    limiteur = Limiteur(2, 60, horloge=lambda: instant[0])
    limiteur.noter("a")
    instant[0] = 10
    limiteur.noter("a")

    assert limiteur.attente("a") == 50
    assert limiteur.attente("b") == 0
    instant[0] = 60
    assert limiteur.attente("a") == 0  # the first try left the window
    limiteur.noter("a")
    assert limiteur.attente("a") == 10


@pytest.mark.parametrize(("valeur", "confiance"), [("1", True), ("0", False), (None, False)])
def test_la_confiance_dans_le_proxy_se_regle_par_l_environnement(
    plateforme_web: Plateforme,
    monkeypatch: pytest.MonkeyPatch,
    valeur: str | None,
    confiance: bool,
) -> None:
    environ = {} if valeur is None else {"PARTICIPATION_PROXY_DE_CONFIANCE": valeur}
    reglages = Configuration.depuis_environnement(environ=environ)
    plateforme_web.configuration = replace(
        plateforme_web.configuration, proxy_de_confiance=reglages.proxy_de_confiance
    )
    app = creer_app(plateforme=plateforme_web, https=False)

    assert app.state.limites.proxy_de_confiance is confiance


def test_les_cles_oubliees_ne_s_accumulent_pas_en_memoire() -> None:
    instant = [0.0]
    limiteur = Limiteur(5, 60, horloge=lambda: instant[0])
    for numero in range(1000):
        limiteur.noter(f"email:{numero}@exemple.fr")
    assert len(limiteur) == 1000

    instant[0] = 61
    for numero in range(24):
        limiteur.noter(f"adresse:{numero}")

    assert len(limiteur) == 24


def test_deposer_un_reglement_compte_aussi_comme_une_publication(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme
) -> None:
    for version in (1, 2):
        assert (
            poster(client, "/conseils/18/reglement", {"texte": f"Règlement v{version}"}).status_code
            == 303
        )
    avant = plateforme_web.registre.position()

    refuse(
        poster(client, "/conseils/18/reglement", {"texte": "Règlement v3"}),
        "Trop de publications en peu de temps",
        60,
    )
    assert plateforme_web.registre.position() == avant


def test_les_limites_sont_comptees_ensemble_par_tous_les_processus(
    plateforme_web: Plateforme, horloge_web: HorlogeWeb
) -> None:
    """Two workers (two apps, two platforms on one database, as two hosts would be): five
    failed sign-ins for one e-mail spread over both spend its limit on both."""
    deuxieme = Plateforme(plateforme_web.configuration, horloge_web)
    instant = [1_000_000.0]
    applis = [
        creer_app(p, https=False, limites=Limites(horloge=lambda: instant[0], partagees=p.moteur))
        for p in (plateforme_web, deuxieme)
    ]
    try:
        with TestClient(applis[0]) as premier, TestClient(applis[1]) as second:
            echecs = [
                poster(
                    client,
                    "/connexion",
                    {"email": "cible@exemple.fr", "mot_de_passe": "pas le bon", "suite": "/"},
                    page="/connexion",
                ).status_code
                for client in (premier, second, premier, second, premier, second)
            ]
            instant[0] += 15 * 60 + 1  # the window has passed: allowed again, on both
            apres = poster(
                second,
                "/connexion",
                {"email": "cible@exemple.fr", "mot_de_passe": "pas le bon", "suite": "/"},
                page="/connexion",
            ).status_code
    finally:
        deuxieme.fermer()
    assert echecs == [422] * 5 + [429]
    assert apres == 422
