"""Helpers of the web tests: CSRF tokens, form posts, sign-in, reading pages."""

import re
from html import unescape
from typing import Any
from uuid import UUID

from starlette.testclient import TestClient

from participation.plateforme import Plateforme

MOT_DE_PASSE_WEB = "mot de passe des tests web"
HTMX = {"HX-Request": "true"}

_CHAMP_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_ENTETE_CSRF = re.compile(r'"X-CSRF-Token": "([^"]+)"')


def jeton_de(html: str) -> str:
    """The CSRF token a rendered page carries (hidden field, or htmx's header on <body>)."""
    trouve = _CHAMP_CSRF.search(html) or _ENTETE_CSRF.search(html)
    assert trouve, "la page ne contient pas de jeton CSRF"
    return trouve.group(1)


def jeton(client: TestClient, page: str = "/accessibilite") -> str:
    reponse = client.get(page)
    assert reponse.status_code == 200, reponse.text
    return jeton_de(reponse.text)


def poster(
    client: TestClient,
    url: str,
    donnees: dict[str, Any] | None = None,
    *,
    page: str = "/accessibilite",
    htmx: bool = False,
    csrf: str | None = None,
) -> Any:
    """POST a form as a browser would: with the CSRF token of a page rendered just before."""
    champs = dict(donnees or {})
    champs["csrf"] = csrf if csrf is not None else jeton(client, page)
    return client.post(url, data=champs, headers=HTMX if htmx else None)


def connecter(client: TestClient, email: str, mot_de_passe: str = MOT_DE_PASSE_WEB) -> None:
    reponse = poster(
        client,
        "/connexion",
        {"email": email, "mot_de_passe": mot_de_passe, "suite": "/"},
        page="/connexion",
    )
    assert reponse.status_code == 303, reponse.text


def profil_habitant(**champs: Any) -> dict[str, Any]:
    """What the joining form sends by default: an habitante of the 18e, hors QPV."""
    return {
        "college": "habitant",
        "genre": "femme",
        "tranche_age": "25_39",
        "quartier": "hors_qpv",
        "eligibilite": "on",
        **champs,
    }


def total_assemblee(html: str) -> int:
    """The head count shown in the council page's #effectifs section."""
    trouve = re.search(r'<strong id="total-assemblee">(\d+)</strong>', html)
    assert trouve, "le nombre de membres n'est pas affiché"
    return int(trouve.group(1))


def section(html: str, ident: str) -> str:
    """The HTML of `<section id="ident" ...>` up to its closing tag (sections do not nest)."""
    trouve = re.search(rf'<section id="{ident}"[^>]*>.*?</section>', html, re.S)
    assert trouve, f"pas de section #{ident}"
    return trouve.group(0)


def version_affichee(html: str, formulaire: str = "plan") -> int:
    trouve = re.search(rf'name="version" id="version-{formulaire}" value="(\d+)"', html)
    assert trouve, f"pas de champ version pour {formulaire}"
    return int(trouve.group(1))


def lisible(html: str) -> str:
    """The page's text with entities decoded (Jinja escapes ' as &#39;)."""
    return unescape(html)


def planifier_seance(
    client: TestClient,
    date: str = "2026-03-10T18:30",
    lieu: str = "Centre Barbara",
    ordre_du_jour: str = "Budget participatif",
    arrondissement: int = 18,
) -> str:
    """Plan a séance through the form; returns its id (from the redirect to its page)."""
    reponse = poster(
        client,
        f"/conseils/{arrondissement}/seances",
        {"date": date, "lieu": lieu, "ordre_du_jour": ordre_du_jour},
        page=f"/conseils/{arrondissement}",
    )
    assert reponse.status_code == 303, reponse.text
    emplacement: str = reponse.headers["location"]
    assert emplacement.startswith("/seances/")
    return emplacement.removeprefix("/seances/")


def rejoindre_directement(
    plateforme: Plateforme, compte_id: UUID, arrondissement: int = 18, **champs: Any
) -> None:
    """Someone joins through the platform itself (a member the test needs, not under test)."""
    valeurs: dict[str, Any] = {
        "college": "habitant",
        "genre": "femme",
        "tranche_age": "25_39",
        "quartier": "hors_qpv",
        "eligible": True,
        **champs,
    }
    acteur = plateforme.comptes.acteur(compte_id)
    position = plateforme.assemblee.rejoindre(acteur, arrondissement, **valeurs)
    plateforme.projecteur.attendre(position)
