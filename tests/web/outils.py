"""Helpers of the web tests: CSRF tokens, form posts, sign-in, reading pages."""

import re
from html import unescape
from html.parser import HTMLParser
from typing import Any
from uuid import UUID

from starlette.testclient import TestClient

from lancement.plateforme import Plateforme

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


class _Formulaires(HTMLParser):
    """The fields of a page: for each form field id, its attributes and its value as shown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.champs: dict[str, dict[str, str]] = {}
        self._zone: str | None = None
        self._select: str | None = None

    def handle_starttag(self, balise: str, attributs: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attributs}
        ident = attrs.get("id", "")
        if balise == "input" and ident:
            self.champs[ident] = {**attrs, "valeur": attrs.get("value", "")}
        elif balise == "textarea" and ident:
            self.champs[ident] = {**attrs, "valeur": ""}
            self._zone = ident
        elif balise == "select" and ident:
            self.champs[ident] = {**attrs, "valeur": ""}
            self._select = ident
        elif balise == "option" and self._select is not None and "selected" in attrs:
            self.champs[self._select]["valeur"] = attrs.get("value", "")

    def handle_endtag(self, balise: str) -> None:
        if balise == "textarea":
            self._zone = None
        elif balise == "select":
            self._select = None

    def handle_data(self, donnees: str) -> None:
        if self._zone is not None:
            self.champs[self._zone]["valeur"] += donnees


def champs(html: str) -> dict[str, dict[str, str]]:
    """Every field of the page by id: its attributes, and `valeur`, what it shows (the value
    of an input, the text of a textarea, the selected option of a select)."""
    lecteur = _Formulaires()
    lecteur.feed(html)
    return lecteur.champs


def erreur_en_place(
    reponse: Any, formulaire: str, champ: str, message: str, gardes: dict[str, str] | None = None
) -> None:
    """The one way a form refuses input: HTTP 422 and the form again, the message next to the
    field (`#erreur-{formulaire}-{champ}`, which the field points to and marks invalid), and
    each field of `gardes` still showing what was typed."""
    assert reponse.status_code == 422, reponse.status_code
    html = reponse.text
    trouve = re.search(rf'<p class="erreur-champ" id="erreur-{formulaire}-{champ}">(.*?)</p>', html)
    assert trouve, f"pas de message à côté du champ {formulaire}-{champ}"
    assert message in unescape(trouve.group(1)), unescape(trouve.group(1))
    lus = champs(html)
    ident = f"{formulaire}-{champ}"
    if ident in lus:
        assert lus[ident].get("aria-invalid") == "true", lus[ident]
        assert f"erreur-{ident}" in lus[ident].get("aria-describedby", "")
    for nom, valeur in (gardes or {}).items():
        assert lus[f"{formulaire}-{nom}"]["valeur"] == valeur, (nom, lus[f"{formulaire}-{nom}"])
