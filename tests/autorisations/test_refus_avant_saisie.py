"""A refused role is refused whatever it typed: every POST route whose rule refuses some role,
posted an empty form by each refused role (only the fields that name the target are kept:
`Route.cible`), gives that role's refusal (403, the sign-in page, 404), never the form back
with its errors (422), and records nothing."""

from starlette.applications import Starlette

from lancement.plateforme import Plateforme
from tests.autorisations.matrice import OK, ROUTES_ATTENDUES
from tests.autorisations.monde import ROLES, Monde
from tests.autorisations.test_matrice_web import Navigateur, demander, message, observee


def test_un_role_refuse_l_est_avant_la_lecture_du_formulaire(
    plateforme: Plateforme, monde: Monde, app: Starlette
) -> None:
    navigateurs = {role: Navigateur(app, monde, role) for role in ROLES}
    ecarts = []
    for route in ROUTES_ATTENDUES:
        if route.methode != "POST":
            continue
        for role in (r for r in ROLES if route.attendu[r] != OK):
            envoyer, _ = demander(route, role, monde, navigateurs[role], app, vide=True)
            avant = plateforme.registre.position()
            reponse = envoyer()
            attendue = route.attendu[role]
            quoi = f"POST {route.chemin} ({route.libelle}) as {role}, empty form"
            if observee(route, reponse) != attendue:
                ecarts.append(
                    f"{quoi}: expected {attendue.value}, got HTTP {reponse.status_code} "
                    f"« {message(reponse)} »"
                )
            elif plateforme.registre.position() != avant:
                ecarts.append(f"{quoi}: refused, but an event was recorded")
    assert not ecarts, f"{len(ecarts)} refus après la saisie :\n" + "\n".join(ecarts)
