"""Helpers shared by the real-browser tests: what the server fixture holds, signing in."""

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from lancement.plateforme import Plateforme

if TYPE_CHECKING:
    from playwright.sync_api import Page

MOT_DE_PASSE_E2E = "motdepasse-solide"


@dataclass(frozen=True)
class CompteE2E:
    nom: str
    email: str
    compte_id: UUID


@dataclass(frozen=True)
class ServeurE2E:
    """The running app and what the fixture put in its database."""

    url: str
    plateforme: Plateforme
    participant: CompteE2E
    animateur: CompteE2E
    membre: CompteE2E
    agent: CompteE2E
    admin: CompteE2E
    seance_passee: UUID
    seance_future: UUID
    tirage_effectue: UUID
    tirage_annonce: UUID
    avis_brouillon: UUID
    avis_transmis: UUID
    proposition: UUID  # budget participatif, just filed
    proposition_avancee: UUID  # budget participatif, en réalisation


class HorlogeE2E:
    """The platform's clock, moved by hand: `horloge()` returns `horloge.now`."""

    def __init__(self, depart: datetime) -> None:
        self.now = depart

    def __call__(self) -> datetime:
        return self.now


def se_connecter(page: "Page", serveur: ServeurE2E, compte: CompteE2E, suite: str = "/") -> None:
    """Sign in through the real form, then land on `suite`."""
    page.goto(f"{serveur.url}/connexion?suite={suite}")
    page.fill("#connexion-email", compte.email)
    page.fill("#connexion-mot_de_passe", MOT_DE_PASSE_E2E)
    page.locator("main").get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{serveur.url}{suite}")


def liste_pseudonyme(prefixe: str, nombre: int, quartier: str) -> str:
    """A POOL.csv list: pseudonymous ids, both colleges and genders, some in a QPV."""
    lignes = ["id,college,genre,quartier,volontaire"]
    for i in range(nombre):
        college = "acteur_local" if i % 3 == 0 else "habitant"
        genre = "femme" if i % 2 else "homme"
        lignes.append(
            f"{prefixe}-{i:03d},{college},{genre},{quartier if i % 4 else 'hors_qpv'},non"
        )
    return "\n".join(lignes) + "\n"
