"""A form sent twice is run once: each rendered form carries its idempotency key, and the same
form sent again (a double click, a retry after a lost answer, a resubmitted page) records
nothing new and gets the first answer, with or without htmx."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from uuid import UUID

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb
from tests.web.outils import connecter, jeton
from tests.web.test_budget import deposer_directement, url


@pytest.fixture
def proposition(plateforme_web: Plateforme, comptes_web: ComptesWeb) -> UUID:
    return deposer_directement(plateforme_web, comptes_web("Autrice")[0])


@pytest.fixture
def habitante(client: TestClient, comptes_web: ComptesWeb) -> TestClient:
    connecter(client, comptes_web("Awa Habitante")[1])
    return client


def formulaire_de_commentaire(client: TestClient, proposition: UUID) -> dict[str, Any]:
    """The comment form as the page renders it: its CSRF token and its idempotency key."""
    page = client.get(url(proposition)).text
    cle = re.search(
        r'action="[^"]*/commentaires".*?name="idempotence" value="([0-9a-f]{32})"', page, re.S
    )
    assert cle, "every form carries its idempotency key"
    return {
        "csrf": jeton(client, url(proposition)),
        "idempotence": cle.group(1),
        "commentaire": "Oui, un jardin !",
    }


@pytest.mark.parametrize("htmx", [False, True], ids=["sans htmx", "avec htmx"])
def test_le_meme_formulaire_renvoye_n_enregistre_rien_de_plus_et_repond_pareil(
    habitante: TestClient, proposition: UUID, plateforme_web: Plateforme, htmx: bool
) -> None:
    formulaire = formulaire_de_commentaire(habitante, proposition)
    entetes = {"HX-Request": "true"} if htmx else None
    avant = plateforme_web.registre.position()

    premiere = habitante.post(url(proposition, "/commentaires"), data=formulaire, headers=entetes)
    seconde = habitante.post(url(proposition, "/commentaires"), data=formulaire, headers=entetes)

    assert premiere.status_code in (200, 204, 303)
    assert plateforme_web.registre.position() == avant + 1
    assert (seconde.status_code, seconde.headers.get("location"), seconde.content) == (
        premiere.status_code,
        premiere.headers.get("location"),
        premiere.content,
    )


def test_un_double_clic_n_enregistre_qu_une_fois(
    app_web: Starlette,
    habitante: TestClient,
    proposition: UUID,
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
) -> None:
    formulaire = formulaire_de_commentaire(habitante, proposition)
    avant = plateforme_web.registre.position()
    depart = threading.Barrier(2)

    def envoyer(_: int) -> int:
        depart.wait()
        reponse = habitante.post(url(proposition, "/commentaires"), data=formulaire)
        return int(reponse.status_code)

    with ThreadPoolExecutor(2) as fils:
        statuts = sorted(fils.map(envoyer, range(2)))

    assert plateforme_web.registre.position() == avant + 1
    assert statuts in ([303, 303], [303, 409])  # the second waits for, or replays, the first


def test_un_formulaire_refuse_puis_corrige_est_bien_enregistre(
    habitante: TestClient, proposition: UUID, plateforme_web: Plateforme
) -> None:
    """A refused form frees its key: sent again, corrected, it is really run."""
    formulaire = formulaire_de_commentaire(habitante, proposition)
    avant = plateforme_web.registre.position()

    refuse = habitante.post(
        url(proposition, "/commentaires"), data={**formulaire, "commentaire": "  "}
    )
    corrige = habitante.post(url(proposition, "/commentaires"), data=formulaire)

    assert refuse.status_code == 422 and corrige.status_code == 303
    assert plateforme_web.registre.position() == avant + 1


def test_la_cle_d_un_autre_compte_ne_rend_jamais_sa_page(
    habitante: TestClient,
    nouveau_client: Any,
    comptes_web: ComptesWeb,
    proposition: UUID,
    plateforme_web: Plateforme,
) -> None:
    formulaire = formulaire_de_commentaire(habitante, proposition)
    assert habitante.post(url(proposition, "/commentaires"), data=formulaire).status_code == 303
    autre = nouveau_client()
    connecter(autre, comptes_web("Basile Voisin")[1])
    avant = plateforme_web.registre.position()

    reponse = autre.post(
        url(proposition, "/commentaires"),
        data={**formulaire, "csrf": jeton(autre, url(proposition))},
    )

    assert reponse.status_code == 409
    assert plateforme_web.registre.position() == avant
