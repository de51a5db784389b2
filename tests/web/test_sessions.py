"""A signed-in session ends after 2 hours without activity or 8 hours after sign-in, and
signing in or out starts a brand-new session: nothing obtained before is worth anything."""

import stat
from collections.abc import Callable
from pathlib import Path
from uuid import UUID

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from lancement.cli import main
from lancement.plateforme import Plateforme
from stockage.configuration import Configuration, ConfigurationInvalide
from tests.web.conftest import ComptesWeb, HorlogeWeb
from tests.web.outils import connecter, jeton, lisible, poster, profil_habitant
from web.app import creer_app
from web.securite import cle_secrete

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)

EXPIREE = "Votre session a expiré : reconnectez-vous pour continuer."


@pytest.fixture
def app_web(plateforme_web: Plateforme, horloge_web: HorlogeWeb) -> Starlette:
    """Overrides the conftest's app: sessions on the test's clock (elsewhere: the wall clock,
    so that tests moving the platform's time by days stay signed in)."""
    return creer_app(plateforme=plateforme_web, https=False, horloge_session=horloge_web)


def est_connecte(client: TestClient) -> bool:
    return bool(client.get("/compte").status_code == 200)


def test_apres_deux_heures_sans_activite_la_session_expire(
    client: TestClient, participant_web: UUID, horloge_web: HorlogeWeb
) -> None:
    horloge_web.avancer(hours=1, minutes=59)
    assert est_connecte(client)  # activity: the idle clock starts again

    horloge_web.avancer(hours=2)
    compte = client.get("/compte")

    assert compte.status_code == 303
    assert compte.headers["location"] == "/connexion?suite=/compte"
    page = lisible(client.get(compte.headers["location"]).text)
    assert EXPIREE in page
    assert "Se connecter" in page
    assert not est_connecte(client)


def test_huit_heures_apres_la_connexion_la_session_expire_meme_active(
    client: TestClient, participant_web: UUID, horloge_web: HorlogeWeb
) -> None:
    for _ in range(7):
        horloge_web.avancer(hours=1, minutes=5)
        assert est_connecte(client)

    horloge_web.avancer(hours=1)  # 8 h 35 after signing in, 1 h after the last page

    assert not est_connecte(client)
    assert EXPIREE in lisible(client.get("/connexion").text)


def test_un_formulaire_envoye_apres_l_expiration_est_refuse_sans_rien_enregistrer(
    client: TestClient,
    participant_web: UUID,
    horloge_web: HorlogeWeb,
    plateforme_web: Plateforme,
) -> None:
    formulaire = jeton(client, "/conseils/18")
    horloge_web.avancer(hours=3)
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/conseils/18/adhesion", profil_habitant(), csrf=formulaire)

    assert reponse.status_code == 403
    assert "Votre session a expiré : reconnectez-vous puis recommencez." in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_la_duree_d_inactivite_se_regle(
    plateforme_web: Plateforme, comptes_web: ComptesWeb, horloge_web: HorlogeWeb
) -> None:
    _, email = comptes_web("Samia Connectée")
    app = creer_app(
        plateforme=plateforme_web, https=False, inactivite_s=30 * 60, horloge_session=horloge_web
    )
    with TestClient(app, follow_redirects=False) as navigateur:
        connecter(navigateur, email)
        horloge_web.avancer(minutes=29)
        assert est_connecte(navigateur)
        horloge_web.avancer(minutes=30)
        assert not est_connecte(navigateur)


@pytest.mark.parametrize(
    ("valeur", "attendu"), [(None, 7200), ("", 7200), ("30", 1800), ("480", 28800)]
)
def test_la_duree_d_inactivite_vient_de_l_environnement(
    monkeypatch: pytest.MonkeyPatch, valeur: str | None, attendu: int
) -> None:
    environ = {} if valeur is None else {"PARTICIPATION_SESSION_INACTIVITE_MIN": valeur}
    assert Configuration.depuis_environnement(environ=environ).inactivite_s == attendu


@pytest.mark.parametrize("valeur", ["0", "4", "481", "2h", "-5", "²"])
def test_une_duree_d_inactivite_invalide_est_refusee_en_francais(
    monkeypatch: pytest.MonkeyPatch, valeur: str
) -> None:
    with pytest.raises(ConfigurationInvalide, match="nombre entier de minutes entre 5 et 480"):
        Configuration.depuis_environnement(environ={"PARTICIPATION_SESSION_INACTIVITE_MIN": valeur})


def test_un_jeton_obtenu_avant_la_connexion_est_refuse_apres(
    client: TestClient, comptes_web: ComptesWeb, plateforme_web: Plateforme
) -> None:
    _, email = comptes_web("Samia Connectée")
    avant_connexion = jeton(client, "/connexion")
    cookie_anonyme = client.cookies["participation_session"]
    connecter(client, email)
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/conseils/18/adhesion", profil_habitant(), csrf=avant_connexion)

    assert reponse.status_code == 403
    assert plateforme_web.registre.position() == avant
    assert jeton(client) != avant_connexion
    assert client.cookies["participation_session"] != cookie_anonyme


def test_un_cookie_d_avant_la_connexion_ne_donne_pas_la_session_ouverte(
    client: TestClient,
    comptes_web: ComptesWeb,
    nouveau_client: Callable[[], TestClient],
) -> None:
    """Session fixation: an attacker who planted a cookie before the victim signs in gets
    nothing from it afterwards."""
    _, email = comptes_web("Samia Connectée")
    client.get("/connexion")
    plante = client.cookies["participation_session"]
    connecter(client, email)

    attaquant = nouveau_client()
    attaquant.cookies.set("participation_session", plante)

    assert not est_connecte(attaquant)
    assert est_connecte(client)


def test_se_deconnecter_renouvelle_aussi_le_jeton(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    connecte = jeton(client)
    poster(client, "/deconnexion", csrf=connecte)
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/deconnexion", csrf=connecte)

    assert reponse.status_code == 403
    assert plateforme_web.registre.position() == avant
    assert jeton(client) != connecte


def test_le_serveur_ne_demarre_pas_avec_une_duree_d_inactivite_invalide(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("PARTICIPATION_DATABASE_URL", f"sqlite:///{tmp_path}/p.sqlite3")
    monkeypatch.setenv("PARTICIPATION_SESSION_INACTIVITE_MIN", "deux heures")

    assert main(["serve"]) == 2
    assert capsys.readouterr().err.strip() == (
        "Erreur : PARTICIPATION_SESSION_INACTIVITE_MIN doit être un nombre entier de minutes "
        "entre 5 et 480 (reçu : 'deux heures')."
    )


def test_la_cle_de_session_locale_est_creee_une_fois_pour_tous_les_processus(
    tmp_path: Path,
) -> None:
    """Without PARTICIPATION_SECRET_KEY, every worker reads the one key the first made."""
    dossier = tmp_path / "var"
    cles = {cle_secrete(dossier) for _ in range(3)}

    assert len(cles) == 1 and len(cles.pop()) >= 48
    assert stat.S_IMODE((dossier / "secret_key").stat().st_mode) == 0o600
