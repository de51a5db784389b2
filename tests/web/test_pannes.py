"""When the database fails: a 503 in French with the time to wait, the truth about what was
recorded (a save that succeeded before the failure is said to be recorded), and a readiness
check for a load balancer."""

from collections.abc import Callable
from typing import Any, NoReturn
from uuid import UUID

import pytest
from sqlalchemy.exc import OperationalError
from starlette.applications import Starlette
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb
from tests.web.outils import connecter, jeton, lisible, poster
from tests.web.test_budget import deposer_directement, url


def base_injoignable(*_: Any, **__: Any) -> NoReturn:
    raise OperationalError("SELECT 1", {}, Exception("connection refused"))


@pytest.fixture
def navigateur(app_web: Starlette, comptes_web: ComptesWeb) -> TestClient:
    """A signed-in resident whose browser, like a real one, gets the error pages (no raise)."""
    client = TestClient(app_web, follow_redirects=False, raise_server_exceptions=False)
    connecter(client, comptes_web("Awa Habitante")[1])
    return client


@pytest.fixture
def proposition(plateforme_web: Plateforme, comptes_web: ComptesWeb) -> UUID:
    return deposer_directement(plateforme_web, comptes_web("Autrice")[0])


def soutenir(navigateur: TestClient, proposition: UUID) -> Any:
    page = url(proposition)
    return poster(navigateur, url(proposition, "/soutien"), {"soutien": "oui"}, page=page)


def test_une_base_injoignable_donne_un_503_en_francais_sans_rien_enregistrer(
    navigateur: TestClient,
    proposition: UUID,
    plateforme_web: Plateforme,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    avant = plateforme_web.registre.position()
    monkeypatch.setattr(plateforme_web.budget, "soutenir", base_injoignable)

    reponse = soutenir(navigateur, proposition)

    assert reponse.status_code == 503
    assert reponse.headers["Retry-After"] == "30"
    texte = lisible(reponse.text)
    assert "momentanément indisponible" in texte and "Rien n'a été enregistré" in texte
    assert plateforme_web.registre.position() == avant


@pytest.mark.parametrize(
    ("panne", "statut"),
    [(base_injoignable, 503), (lambda *_: 1 / 0, 500)],
    ids=["base injoignable", "erreur inattendue"],
)
def test_une_panne_apres_l_enregistrement_dit_que_l_action_est_enregistree(
    navigateur: TestClient,
    proposition: UUID,
    plateforme_web: Plateforme,
    monkeypatch: pytest.MonkeyPatch,
    panne: Callable[..., Any],
    statut: int,
) -> None:
    """The failure came while waiting for the read models: the support is recorded, and the
    page must not say otherwise (the person would support again, or think it lost)."""
    avant = plateforme_web.registre.position()
    monkeypatch.setattr(plateforme_web.projecteur, "attendre", panne)

    reponse = soutenir(navigateur, proposition)

    assert reponse.status_code == statut
    texte = lisible(reponse.text)
    assert "Votre action a bien été enregistrée" in texte
    assert "rien n'a été enregistré" not in texte.lower()
    assert plateforme_web.registre.position() == avant + 1


def test_pret_dit_si_la_base_repond_et_si_les_modeles_de_lecture_suivent(
    client: TestClient, plateforme_web: Plateforme, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert client.get("/sante/pret").status_code == 200

    monkeypatch.setattr(plateforme_web.registre, "position", lambda: 50_000)
    en_retard = client.get("/sante/pret")
    assert en_retard.status_code == 503 and "retard=" in en_retard.text

    monkeypatch.setattr(plateforme_web.registre, "position", base_injoignable)
    injoignable = client.get("/sante/pret")
    assert injoignable.status_code == 503 and injoignable.headers["Retry-After"] == "30"


def test_la_page_de_panne_s_affiche_meme_quand_le_compte_ne_peut_pas_etre_lu(
    navigateur: TestClient,
    proposition: UUID,
    plateforme_web: Plateforme,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The error page names who is signed in, read from the event store: when the outage it
    reports prevents that too, the page is still the French 503 (seen under load: a pool
    timeout), not a bare "Internal Server Error"."""
    avant = plateforme_web.registre.position()
    csrf = jeton(navigateur, url(proposition))
    monkeypatch.setattr(plateforme_web.comptes, "acteur", base_injoignable)

    reponse = poster(navigateur, url(proposition, "/soutien"), {"soutien": "oui"}, csrf=csrf)

    assert reponse.status_code == 503
    assert reponse.headers["Retry-After"] == "30"
    assert "Content-Security-Policy" in reponse.headers
    texte = lisible(reponse.text)
    assert "momentanément indisponible" in texte and "Rien n'a été enregistré" in texte
    assert plateforme_web.registre.position() == avant
