"""Unexpected failures and odd inputs end in a French page, never in a bare server error."""

import io
import zipfile
from collections.abc import Iterator
from uuid import UUID

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.outils import HTMX, connecter, lisible, planifier_seance, poster

INATTENDUE = "Une erreur inattendue s'est produite ; rien n'a été enregistré. Réessayez plus tard."


@pytest.fixture
def panne(
    app_web: Starlette, plateforme_web: Plateforme, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    """The home page's query fails; the client does not re-raise server errors."""

    def en_panne(*args: object, **kwargs: object) -> None:
        raise RuntimeError("base de lecture indisponible")

    monkeypatch.setattr(plateforme_web.lecture, "resumes", en_panne)
    with TestClient(app_web, raise_server_exceptions=False) as navigateur:
        yield navigateur


def test_une_panne_affiche_une_page_d_erreur_en_francais_avec_les_entetes_de_securite(
    panne: TestClient,
) -> None:
    reponse = panne.get("/")

    assert reponse.status_code == 500
    assert INATTENDUE in lisible(reponse.text)
    assert "base de lecture indisponible" not in reponse.text
    assert "frame-ancestors 'none'" in reponse.headers["content-security-policy"]
    assert reponse.headers["x-content-type-options"] == "nosniff"
    assert reponse.headers["x-frame-options"] == "DENY"


def test_une_panne_sous_htmx_s_affiche_dans_les_messages(panne: TestClient) -> None:
    reponse = panne.get("/", headers=HTMX)

    assert reponse.status_code == 500
    assert reponse.headers["hx-retarget"] == "#messages"
    assert "<html" not in reponse.text
    assert INATTENDUE in lisible(reponse.text)


def test_un_numero_de_version_exotique_ne_provoque_pas_d_erreur_serveur(
    client: TestClient, animateur_web: UUID
) -> None:
    """'²' passes str.isdigit() but not int(): it must be read as "no version", not crash."""
    seance = planifier_seance(client)

    reponse = poster(client, f"/seances/{seance}/annuler", {"version": "²", "motif": "Pluie"})

    assert reponse.status_code == 303
    assert "Annulée : Pluie" in lisible(client.get(f"/seances/{seance}").text)


def test_un_arrondissement_exotique_dans_l_administration_est_refuse_proprement(
    client: TestClient, plateforme_web: Plateforme
) -> None:
    admin, _ = plateforme_web.comptes.inscrire("Alix Admin", "alix@exemple.fr", "mot de passe long")
    plateforme_web.projecteur.attendre(plateforme_web.comptes.amorcer_role(admin, "admin", None))
    connecter(client, "alix@exemple.fr", "mot de passe long")

    reponse = poster(
        client, f"/admin/comptes/{admin}/roles", {"role": "animateur", "arrondissement": "¹⁸"}
    )

    assert reponse.status_code == 422
    assert "Un rôle d'animateur·rice se rattache à un conseil citoyen." in lisible(reponse.text)


def test_la_suite_apres_connexion_ne_mene_jamais_hors_du_site(client: TestClient) -> None:
    suites = ("https://pirate.example.org", "//pirate.example.org", "/\\pirate.example.org")
    for numero, suite in enumerate(suites):
        reponse = poster(
            client,
            "/inscription",
            {
                "nom": "Léa",
                "email": f"lea{numero}@exemple.fr",
                "mot_de_passe": "un mot de passe long",
                "confirmation": "un mot de passe long",
                "suite": suite,
            },
            page="/inscription",
        )
        assert reponse.status_code == 303
        emplacement = reponse.headers["location"]
        assert emplacement.startswith("/"), suite
        assert emplacement[1:2] not in ("/", "\\"), suite


def test_le_code_source_en_service_est_telechargeable(client: TestClient) -> None:
    reponse = client.get("/source")

    assert reponse.status_code == 200
    assert reponse.headers["content-type"] == "application/zip"
    assert "attachment" in reponse.headers["content-disposition"]
    noms = zipfile.ZipFile(io.BytesIO(reponse.content)).namelist()
    assert "participation-source/LISEZMOI.txt" in noms
    assert "participation-source/web/app.py" in noms
    assert 'href="/source"' in client.get("/").text
