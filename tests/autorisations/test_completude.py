"""A route or a use case cannot be added without its row in the matrix."""

import inspect
import typing
from pathlib import Path

from starlette.routing import Mount, Route

import participation
from lancement.plateforme import Plateforme
from stockage.configuration import Configuration
from tests.autorisations.matrice import COMMANDES, DOC, ROUTES_ATTENDUES, en_markdown
from tests.autorisations.monde import ROLES
from web.app import ROUTES

DOSSIERS_SERVICES = (Path(participation.__file__).parent,)


def routes_de_l_app() -> list[tuple[str, str]]:
    cles = []
    for route in ROUTES:
        if isinstance(route, Mount):
            continue  # static files
        assert isinstance(route, Route)
        for methode in sorted((route.methods or set()) - {"HEAD"}):
            cles.append((methode, route.path))
    return cles


def services(dossier: Path) -> dict[str, type]:
    """The services `Plateforme` wires (objects of classes defined in participation/), by
    attribute."""
    p = Plateforme(Configuration(f"sqlite:///{dossier}/introspection.sqlite3"))
    try:
        services = {
            attribut: type(objet)
            for attribut, objet in vars(p).items()
            if set(DOSSIERS_SERVICES) & set(Path(inspect.getfile(type(objet))).parents)
        }
    finally:
        p.fermer()
    return services


def cas_d_usage(dossier: Path) -> list[str]:
    """Public methods of the services whose first parameter is the actor (`acteur`, or typed
    `Acteur`), but `autoriser` (a use case's role check alone, see below)."""
    trouves = []
    for attribut, classe in sorted(services(dossier).items()):
        for nom, methode in inspect.getmembers(classe, inspect.isfunction):
            parametres = list(inspect.signature(methode).parameters.values())[1:]
            if not nom.startswith("_") and nom != "autoriser" and parametres:
                premier = parametres[0]
                if premier.name == "acteur" or "Acteur" in str(premier.annotation):
                    trouves.append(f"{attribut}.{nom}")
    return trouves


def test_chaque_route_a_exactement_une_ligne_dans_la_matrice() -> None:
    attendues = [r.cle for r in ROUTES_ATTENDUES]
    app = routes_de_l_app()
    sans_ligne = [f"{m} {c}" for m, c in app if (m, c) not in attendues]
    en_double = sorted({f"{m} {c}" for m, c in attendues if attendues.count((m, c)) > 1})
    disparues = [f"{m} {c}" for m, c in attendues if (m, c) not in app]
    assert not sans_ligne, (
        "Route(s) sans ligne dans la matrice d'autorisations (tests/autorisations/matrice.py, "
        f"ROUTES_ATTENDUES) / route(s) without a row in the authorization matrix: {sans_ligne}"
    )
    assert not en_double, f"Ligne(s) en double / duplicate row(s): {en_double}"
    assert not disparues, f"Ligne(s) sans route / row(s) without a route: {disparues}"


def test_chaque_ligne_donne_le_resultat_de_chacun_des_sept_roles() -> None:
    for route in ROUTES_ATTENDUES:
        assert set(route.attendu) == set(ROLES), f"{route.methode} {route.chemin}"
    for nom, commande in COMMANDES.items():
        assert set(commande.attendu) == set(ROLES), nom


def test_chaque_cas_d_usage_a_sa_ligne_dans_la_matrice(tmp_path: Path) -> None:
    trouves = cas_d_usage(tmp_path)
    assert "seances.planifier" in trouves and "jetons.creer" in trouves  # the search works
    lignes = {cle.split(" (")[0] for cle in COMMANDES}  # "service.method (variant)" too
    sans_ligne = [nom for nom in trouves if nom not in lignes]
    disparus = [nom for nom in COMMANDES if nom.split(" (")[0] not in trouves]
    assert not sans_ligne, (
        "Cas d'usage sans ligne dans la matrice d'autorisations (tests/autorisations/matrice.py, "
        f"COMMANDES) / use case(s) without a row in the authorization matrix: {sans_ligne}"
    )
    assert not disparus, f"Ligne(s) sans cas d'usage / row(s) without a use case: {disparus}"


def test_la_documentation_montre_la_matrice_a_jour() -> None:
    assert en_markdown() in DOC.read_text(encoding="utf-8"), (
        "docs/autorisations.md n'est pas à jour / is out of date: "
        "python -m tests.autorisations.matrice, then paste its output into the file"
    )


def test_chaque_service_a_un_controle_qui_connait_chacun_de_ses_cas_d_usage(
    tmp_path: Path,
) -> None:
    """Every service with use cases has `autoriser(acteur, action, cible)` (what web handlers
    call before reading their form), whose `action` names each of them: a new use case must
    say there who may run it."""
    trouves = cas_d_usage(tmp_path)
    sans_regle = []
    for attribut, classe in sorted(services(tmp_path).items()):
        autoriser = getattr(classe, "autoriser", None)
        actions = typing.get_args(typing.get_type_hints(autoriser)["action"]) if autoriser else ()
        sans_regle += [
            nom
            for nom in trouves
            if nom.startswith(f"{attribut}.") and nom.split(".", 1)[1] not in actions
        ]
    assert not sans_regle, f"Cas d'usage absents de `autoriser` / unknown to it: {sans_regle}"
