"""Every form post carries this session's CSRF token; without it nothing is recorded."""

from collections.abc import Callable
from uuid import UUID

import pytest
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb
from tests.web.outils import HTMX, jeton, lisible, profil_habitant

MESSAGE = "Jeton de sécurité manquant ou expiré : rechargez la page puis recommencez."


def test_un_formulaire_sans_jeton_est_refuse_sans_rien_enregistrer(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = client.post("/conseils/18/adhesion", data=profil_habitant())

    assert reponse.status_code == 403
    assert MESSAGE in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


@pytest.mark.parametrize("faux", ["", "jeton-invente", "x" * 43])
def test_un_jeton_forge_est_refuse(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme, faux: str
) -> None:
    jeton(client)  # the session has a real token, which the attacker does not know
    avant = plateforme_web.registre.position()

    champ = client.post("/conseils/18/adhesion", data={**profil_habitant(), "csrf": faux})
    entete = client.post(
        "/conseils/18/adhesion", data=profil_habitant(), headers={"X-CSRF-Token": faux}
    )

    assert champ.status_code == 403
    assert entete.status_code == 403
    assert plateforme_web.registre.position() == avant


def test_le_jeton_d_une_autre_session_est_refuse(
    client: TestClient,
    participant_web: UUID,
    nouveau_client: Callable[[], TestClient],
    plateforme_web: Plateforme,
) -> None:
    autre = nouveau_client()
    jeton_de_l_autre = jeton(autre)
    jeton(client)
    avant = plateforme_web.registre.position()

    reponse = client.post(
        "/conseils/18/adhesion", data={**profil_habitant(), "csrf": jeton_de_l_autre}
    )

    assert reponse.status_code == 403
    assert plateforme_web.registre.position() == avant


def test_une_requete_htmx_sans_jeton_affiche_le_refus_dans_les_messages(
    client: TestClient, participant_web: UUID
) -> None:
    reponse = client.post("/conseils/18/adhesion", data=profil_habitant(), headers=HTMX)

    assert reponse.status_code == 403
    assert reponse.headers["hx-retarget"] == "#messages"
    assert reponse.text.strip() == f'<p class="note erreur">{MESSAGE}</p>'


def test_la_connexion_et_l_inscription_exigent_aussi_le_jeton(
    client: TestClient, comptes_web: ComptesWeb, plateforme_web: Plateforme
) -> None:
    _, email = comptes_web("Samia Connectée")
    avant = plateforme_web.registre.position()

    connexion = client.post(
        "/connexion", data={"email": email, "mot_de_passe": "mot de passe des tests web"}
    )
    inscription = client.post(
        "/inscription",
        data={
            "nom": "Intrus",
            "email": "intrus@exemple.fr",
            "mot_de_passe": "0123456789ab",
            "confirmation": "0123456789ab",
        },
    )
    deconnexion = client.post("/deconnexion")

    assert [connexion.status_code, inscription.status_code, deconnexion.status_code] == [403] * 3
    assert plateforme_web.registre.position() == avant
    assert plateforme_web.identites.par_email("intrus@exemple.fr") is None
    assert client.get("/compte").status_code == 303


def test_le_cookie_de_session_est_http_only_et_same_site(client: TestClient) -> None:
    reponse = client.get("/")

    cookie = reponse.headers["set-cookie"].lower()
    assert cookie.startswith("participation_session=")
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
