"""Every route × every role, as the matrix says: the status each role gets with valid input,
and nothing recorded when it is refused."""

import re
from collections.abc import Callable
from html import unescape
from typing import Any

from starlette.applications import Starlette
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.autorisations.matrice import ROUTES_ATTENDUES, Issue, Route
from tests.autorisations.monde import ROLES, Monde

_CSRF = re.compile(r'name="csrf" value="([^"]+)"|"X-CSRF-Token": "([^"]+)"')


class Navigateur:
    """A test client signed in as one role, with its session's CSRF token."""

    def __init__(self, app: Starlette, monde: Monde, role: str, email: str = "") -> None:
        self.client = TestClient(app, follow_redirects=False)
        if role != "anonyme":
            connexion = self.poster(
                "/connexion",
                {
                    "email": email or monde.email(role),
                    "mot_de_passe": monde.mot_de_passe,
                    "suite": "/",
                },
            )
            assert connexion.status_code == 303, f"{role} cannot sign in"
        self.csrf = self._jeton()

    def _jeton(self) -> str:
        trouve = _CSRF.search(self.client.get("/accessibilite").text)
        assert trouve, "pas de jeton CSRF"
        return trouve.group(1) or trouve.group(2)

    def poster(self, url: str, donnees: dict[str, str]) -> Any:
        return self.client.post(url, data={**donnees, "csrf": self._jeton()})


def observee(route: Route, reponse: Any) -> Issue | None:
    statut = reponse.status_code
    if statut == 401:
        return Issue.CONNEXION
    if statut in (302, 303) and reponse.headers["location"].startswith("/connexion"):
        return Issue.CONNEXION
    if statut == 403:
        return Issue.CONNEXION if "Connectez-vous" in unescape(reponse.text) else Issue.INTERDIT
    if statut == 404:
        return Issue.INTROUVABLE
    if statut == 200 or ((route.methode == "POST" or route.redirige) and statut in (204, 303)):
        return Issue.OK
    return None


def message(reponse: Any) -> str:
    trouve = re.search(r'class="note erreur">(.*?)</p>', reponse.text, re.S)
    texte = trouve.group(1) if trouve else reponse.text[:200]
    return " ".join(unescape(texte).split())


def ordre(route: Route) -> list[str]:
    """Refused roles first: an allowed command may change its target for the next ones."""
    return sorted(ROLES, key=lambda r: route.attendu[r] == Issue.OK)


def demander(
    route: Route,
    role: str,
    monde: Monde,
    navigateur: Navigateur,
    app: Starlette,
    vide: bool = False,
) -> tuple[Callable[[], Any], dict[str, str]]:
    """Prepare the request (fresh targets, form, client) before the log's position is taken;
    returns how to send it, and the path parameters it uses. `vide`: post an empty form (but
    for the fields that name the target, `Route.cible`)."""
    valeurs = {**monde.ids, **(route.parametres(monde) if route.parametres else {})}
    url = route.chemin.format(**valeurs)
    url += f"?{route.requete}" if route.requete else ""
    entetes = {}
    if route.api and role != "anonyme":
        entetes["Authorization"] = f"Bearer {monde.jetons_api[role]}"
    if route.methode == "GET":
        return lambda: navigateur.client.get(url, headers=entetes), valeurs
    formulaire = route.formulaire(monde) if route.formulaire else {}
    if vide:
        formulaire = {k: v for k, v in formulaire.items() if k in route.cible}
    if route.session:
        sosie = monde.sosie(role) if role != "anonyme" else ""
        navigateur = Navigateur(app, monde, role, sosie)
    donnees = {**formulaire, "csrf": navigateur.csrf}
    fichiers = route.fichiers(monde) if route.fichiers and not vide else None
    return (
        lambda: navigateur.client.post(url, data=donnees, files=fichiers, headers=entetes),
        valeurs,
    )


def test_chaque_role_obtient_sur_chaque_route_ce_que_prevoit_la_matrice(
    plateforme: Plateforme, monde: Monde, app: Starlette
) -> None:
    navigateurs = {role: Navigateur(app, monde, role) for role in ROLES}
    ecarts = []
    for route in ROUTES_ATTENDUES:
        for role in ordre(route):
            envoyer, valeurs = demander(route, role, monde, navigateurs[role], app)
            avant = plateforme.registre.position()
            reponse = envoyer()
            attendue = route.attendu[role]
            obtenue = observee(route, reponse)
            quoi = f"{route.methode} {route.chemin} ({route.libelle}) as {role}"
            if obtenue != attendue:
                ecarts.append(
                    f"{quoi}: expected {attendue.value}, got HTTP {reponse.status_code} "
                    f"« {message(reponse)} »"
                )
            elif attendue != Issue.OK and plateforme.registre.position() != avant:
                ecarts.append(f"{quoi}: refused, but an event was recorded")
            elif attendue == Issue.OK:
                for modele, roles in route.montre:
                    marqueur = modele.format(**valeurs)
                    if (marqueur in reponse.text) != (role in roles):
                        vu = "shows" if role not in roles else "does not show"
                        ecarts.append(f"{quoi}: the page {vu} {marqueur}")
    assert not ecarts, f"{len(ecarts)} écarts à la matrice :\n" + "\n".join(ecarts)
