"""Real-browser fixtures: a uvicorn server on a throw-away SQLite database, and Debian's Chromium.

Chromium is `/usr/bin/chromium` (never `playwright install`). When it is absent the browser
tests are skipped locally and fail under `CI=true`, so that a broken CI setup never passes
silently.
"""

import contextlib
import os
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import uvicorn

from domaine.budget import Depot
from domaine.groupe_moteur import Objectifs
from domaine.quartiers import geographie_au
from domaine.viviers import candidat_volontaire
from domaine.vocabulaire import StatutProposition as S
from lancement.plateforme import Plateforme
from stockage.configuration import Configuration
from tests.conftest import CLE_DE_TEST
from tests.e2e.outils import (
    MOT_DE_PASSE_E2E,
    CompteE2E,
    HorlogeE2E,
    ServeurE2E,
    liste_pseudonyme,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
ARGUMENTS_CHROMIUM = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DELAI_DEMARRAGE_S = 15.0
DEPART_E2E = datetime(2026, 11, 17, 15, 0, tzinfo=UTC)
"""The platform's clock when the fixture fills the database (a Tuesday afternoon in Paris); the
pages then live two hours later. Fixed, so that no browser test depends on the day it runs."""


def _exiger_chromium() -> None:
    if CHROMIUM.exists():
        return
    raison = f"{CHROMIUM} introuvable (apt-get install -y chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"Chromium absent sous CI=true : {raison}")
    pytest.skip(f"Chromium absent: {raison}")


def _port_libre() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _attendre_connexions(serveur: uvicorn.Server, fil: threading.Thread, port: int) -> None:
    limite = time.monotonic() + DELAI_DEMARRAGE_S
    while time.monotonic() < limite:
        if not fil.is_alive():
            raise RuntimeError("Le serveur uvicorn s'est arrêté au démarrage.")
        if serveur.started:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
                return
        time.sleep(0.05)
    raise RuntimeError(f"Le serveur uvicorn n'accepte pas de connexion sur le port {port}.")


def animateur_de(p: Plateforme, comptes: dict[str, CompteE2E]) -> Any:
    return p.comptes.acteur(comptes["animateur"].compte_id)


def _peupler(p: Plateforme, horloge: HorlogeE2E) -> dict[str, Any]:
    """Accounts of each role, one member of the 18th, a règlement, a séance held an hour ago
    and one next week."""
    comptes = {}
    for cle, nom, email in [
        ("participant", "Awa Diallo", "awa@example.org"),
        ("animateur", "Dominique Martin", "dominique@example.org"),
        ("membre", "Bintou Camara", "bintou@example.org"),
        ("agent", "Camille Leroy", "camille@example.org"),
        ("admin", "Sacha Petit", "sacha@example.org"),
    ]:
        compte_id, _ = p.comptes.inscrire(nom, email, MOT_DE_PASSE_E2E)
        comptes[cle] = CompteE2E(nom, email, compte_id)
    p.comptes.amorcer_role(comptes["animateur"].compte_id, "animateur", 18)
    p.comptes.amorcer_role(comptes["agent"].compte_id, "agent_ville", None)
    p.comptes.amorcer_role(comptes["admin"].compte_id, "admin", None)
    p.conseils.deposer_reglement(animateur_de(p, comptes), 18, "Article 1. Assemblée ouverte.")
    animateur = p.comptes.acteur(comptes["animateur"].compte_id)
    membre = p.comptes.acteur(comptes["membre"].compte_id)
    code_quartier = geographie_au(horloge.now.date()).quartiers_de(18)[0].code
    p.assemblee.rejoindre(membre, 18, "habitant", "femme", "40_59", code_quartier, eligible=True)
    depart = horloge.now
    seance_passee, _ = p.seances.planifier(
        animateur, 18, depart + timedelta(hours=1), "Centre Barbara, 1 rue Fleury", "Bilan."
    )
    seance_future, position = p.seances.planifier(
        animateur, 18, depart + timedelta(days=7), "Mairie du 18e", "Budget participatif."
    )
    horloge.now = depart + timedelta(hours=2)  # the first séance has started: attendance opens
    p.projecteur.attendre(position)
    return {
        **comptes,
        "seance_passee": seance_passee,
        "seance_future": seance_future,
        **_groupe_moteur(p, horloge, animateur, membre, code_quartier),
        **_avis(p, animateur, membre, seance_passee),
        **_budget(p, comptes, animateur, membre, seance_passee, code_quartier),
    }


def _avis(p: Plateforme, animateur: Any, membre: Any, seance_id: Any) -> dict[str, Any]:
    """A draft (the member's forms, the animateur's vote form) and a transmitted avis (the
    agent Ville's answer form), adopted by a decision of the séance held an hour ago."""
    brouillon, _ = p.avis.rediger(
        membre, 18, "auto_saisine", "Éclairage du square", "Le conseil demande…", "ville"
    )
    transmis, _ = p.avis.rediger(
        membre, 18, "auto_saisine", "Propreté des rues", "Le conseil constate…", "ville"
    )
    p.seances.enregistrer_decision(animateur, seance_id, "Adopter l'avis sur la propreté", 9, 2, 1)
    p.avis.soumettre_au_vote(animateur, transmis, seance_id, 1)
    position = p.avis.transmettre(animateur, transmis, None)
    p.projecteur.attendre(position)
    return {"avis_brouillon": brouillon, "avis_transmis": transmis}


def _budget(
    p: Plateforme,
    comptes: dict[str, CompteE2E],
    animateur: Any,
    membre: Any,
    seance_id: Any,
    quartier: str,
) -> dict[str, Any]:
    """A proposal just filed (supported and commented by the member), and one being built,
    with an adopted decision the animateur may use to back the first one."""
    agent = p.comptes.acteur(comptes["agent"].compte_id)
    p.seances.enregistrer_decision(animateur, seance_id, "Porter le jardin partagé", 12, 2, 1)
    proposition, _ = p.budget.deposer(
        membre,
        18,
        Depot(
            "Un jardin partagé rue Léon",
            "Transformer la friche en jardin partagé ouvert aux écoles.",
            quartier,
            "12 rue Léon",
            "environnement",
            80_000,
            "https://exemple.fr/jardin.png",
        ),
    )
    p.budget.soutenir(membre, proposition, True)
    p.budget.commenter(membre, proposition, "Les écoles du quartier seraient ravies.")
    avancee, _ = p.budget.deposer(
        membre,
        18,
        Depot("Rénover le terrain de basket", "Refaire le sol.", "hors_qpv", "", "sport", 60_000),
    )
    b = p.budget
    b.faire_avancer(agent, avancee, None, S.RECEVABLE)
    b.faire_avancer(agent, avancee, None, S.ETUDIEE, cout_reestime=75_000)
    b.faire_avancer(agent, avancee, None, S.SOUMISE_AU_VOTE)
    b.faire_avancer(agent, avancee, None, S.LAUREATE, voix=1_234)
    position = b.faire_avancer(agent, avancee, None, S.EN_REALISATION)
    p.projecteur.attendre(position)
    return {"proposition": proposition, "proposition_avancee": avancee}


def _groupe_moteur(
    p: Plateforme, horloge: HorlogeE2E, animateur: Any, membre: Any, quartier: str
) -> dict[str, Any]:
    """A groupe moteur of 20 drawn by lot (one exit since), and a second tirage announced for
    next week."""
    gm = p.groupe_moteur
    p.assemblee.declarer_volontariat(membre, 18, True)
    gm.fixer_objectifs(animateur, 18, Objectifs(taille=20))
    volontaire = candidat_volontaire(str(membre.compte_id), "habitant", "femme", quartier)
    quotas = gm.quotas_proposes(18)
    tirage_effectue, _ = gm.annoncer_tirage(
        animateur,
        18,
        quotas,
        "quatre dés",
        [volontaire],
        liste_pseudonyme("bs", 60, quartier),
        hasard_le=horloge.now + timedelta(minutes=1),
    )
    horloge.now += timedelta(minutes=2)  # the announced time of the public randomness passed
    position = gm.effectuer_tirage(animateur, tirage_effectue, "1,2,3,4", ["Awa D.", "Marc L."])
    p.projecteur.attendre(position)
    sortant = p.lecture.membres_groupe_moteur(18)[0].membre_id
    gm.faire_sortir(animateur, 18, sortant, "demenagement", remplacer=False)
    tirage_annonce, position = gm.annoncer_tirage(
        animateur,
        18,
        gm.quotas_proposes(18),
        "quatre dés",
        [],
        liste_pseudonyme("le", 30, quartier),
        hasard_le=horloge.now + timedelta(days=7),
    )
    p.projecteur.attendre(position)
    return {"tirage_effectue": tirage_effectue, "tirage_annonce": tirage_annonce}


@pytest.fixture(scope="session")
def serveur_e2e(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeurE2E]:
    """The real app served by uvicorn in a thread, on 127.0.0.1 and a free port, with its
    scheduled jobs as `participation serve` runs them."""
    from lancement.serveur import taches_de_fond
    from web.app import creer_app

    dossier = tmp_path_factory.mktemp("e2e")
    horloge = HorlogeE2E(DEPART_E2E)
    # With its own key, creer_app() writes no ./var/secret_key in the working directory.
    configuration = Configuration(f"sqlite:///{dossier}/p.sqlite3", cle_secrete=CLE_DE_TEST)
    p = Plateforme(configuration, horloge=horloge)
    try:
        p.migrer()
        donnees = _peupler(p, horloge)
        port = _port_libre()
        config = uvicorn.Config(
            creer_app(plateforme=p, cycle_de_vie=taches_de_fond(p)),
            host="127.0.0.1",
            port=port,
            log_level="warning",
        )
        serveur = uvicorn.Server(config)
        fil = threading.Thread(target=serveur.run, name="uvicorn-e2e", daemon=True)
        fil.start()
        try:
            _attendre_connexions(serveur, fil, port)
            yield ServeurE2E(url=f"http://127.0.0.1:{port}", plateforme=p, **donnees)
        finally:
            serveur.should_exit = True
            fil.join(timeout=10)
    finally:
        p.fermer()


@pytest.fixture(scope="session")
def navigateur() -> Iterator["Browser"]:
    """Debian's Chromium driven by Playwright's sync API (no pytest-playwright plugin)."""
    _exiger_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGUMENTS_CHROMIUM
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page_e2e(navigateur: "Browser", serveur_e2e: ServeurE2E) -> Iterator["Page"]:
    """A fresh browser context (no cookies) and page for each test."""
    contexte = navigateur.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    contexte.set_default_timeout(10_000)
    page = contexte.new_page()
    try:
        yield page
    finally:
        contexte.close()
