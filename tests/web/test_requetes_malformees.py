"""What the framework refuses before any handler runs (a form part over 1 MB, a multipart
body without its boundary) is answered in French, with the way back, never a traceback."""

from starlette.testclient import TestClient

from tests.web.outils import jeton, lisible

MESSAGE = "Le formulaire envoyé n'a pas pu être lu"


def test_un_champ_de_plus_d_un_mega_octet_est_refuse_en_francais(client: TestClient) -> None:
    csrf = jeton(client, "/connexion")
    reponse = client.post(
        "/connexion",
        data={"csrf": csrf, "email": "a@exemple.fr"},
        files={"mot_de_passe": (None, b"x" * 1_100_000)},
        headers={"Referer": "http://testserver/connexion"},
    )

    assert reponse.status_code == 400
    assert MESSAGE in lisible(reponse.text)
    assert 'href="/connexion"' in reponse.text  # not a dead end


def test_un_envoi_multipart_sans_frontiere_est_refuse_en_francais(client: TestClient) -> None:
    reponse = client.post(
        "/connexion", content=b"--x\r\n", headers={"Content-Type": "multipart/form-data"}
    )

    assert reponse.status_code == 400
    assert MESSAGE in lisible(reponse.text)
