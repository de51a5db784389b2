"""No form answers for the person: a select about someone starts on "— Choisissez —" (or on
"Sans motif" where no answer is legitimate), a radio group starts unchecked. Every form of the
council, account, administration and report pages is rendered for the roles that see it."""

import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb
from tests.web.outils import connecter, poster, profil_habitant

PERSONNELS = {"college", "structure_type", "genre", "tranche_age", "quartier", "motif"}
"""Answers about a person: what they declare when joining, why they leave or are erased."""

SANS_DEFAUT = {
    # A forgotten choice must not record the wrong thing either.
    r"/reglement/conformite$": {"statut"},
    r"/structure-porteuse$": {"forme"},
    r"^/rapports/bilans$": {"arrondissement", "annee"},
    r"^/admin/comptes/[^/]+/roles$": {"role", "arrondissement"},
}


class _Choix(HTMLParser):
    """Per form (its action): the selects' chosen values and the radios' checked values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.formulaires: list[tuple[str, dict[str, list[str]]]] = []
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []

    def _choisis(self) -> dict[str, list[str]]:
        assert self.formulaires, "a field outside any form"
        return self.formulaires[-1][1]

    def handle_starttag(self, balise: str, attributs: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attributs}
        if balise == "form":
            self.formulaires.append((attrs.get("action", ""), {}))
        elif balise == "select":
            self._select, self._options = attrs.get("name", ""), []
        elif balise == "option" and self._select is not None:
            self._options.append((attrs.get("value", ""), "selected" in attrs))
        elif balise == "input" and attrs.get("type") == "radio" and "checked" in attrs:
            self._choisis().setdefault(attrs.get("name", ""), []).append(attrs.get("value", ""))

    def handle_endtag(self, balise: str) -> None:
        if balise == "select" and self._select is not None:
            choisies = [v for v, choisie in self._options if choisie]
            # Without `selected`, a browser shows the first option.
            valeur = choisies[-1] if choisies else (self._options[0][0] if self._options else "")
            self._choisis().setdefault(self._select, []).append(valeur)
            self._select = None


def preselections(html: str) -> list[tuple[str, str, str]]:
    """(form action, field, value) of every answer a page would send untouched."""
    lecteur = _Choix()
    lecteur.feed(html)
    trouvees = []
    for action, choisis in lecteur.formulaires:
        interdits = set(PERSONNELS)
        for motif, noms in SANS_DEFAUT.items():
            if re.search(motif, action):
                interdits |= noms
        for nom, valeurs in choisis.items():
            trouvees += [(action, nom, v) for v in valeurs if nom in interdits and v]
    return trouvees


@pytest.fixture
def navigateur(
    nouveau_client: Callable[[], TestClient], comptes_web: ComptesWeb
) -> Callable[..., TestClient]:
    def ouvrir(role: str | None = None, arrondissement: int | None = None) -> TestClient:
        client = nouveau_client()
        if role is not None:
            _, email = comptes_web(f"Personne {role}", None if role == "participant" else role,
                                   arrondissement)  # fmt: skip
            connecter(client, email)
        return client

    return ouvrir


def formulaires_vus(client: TestClient, page: str) -> str:
    reponse = client.get(page)
    assert reponse.status_code == 200, (page, reponse.status_code)
    return reponse.text


def test_le_formulaire_pour_rejoindre_ne_repond_a_la_place_de_personne(
    navigateur: Callable[..., TestClient],
) -> None:
    participant = navigateur("participant")
    html = formulaires_vus(participant, "/conseils/18")

    assert 'action="/conseils/18/adhesion"' in html
    assert preselections(html) == []
    assert html.count('<option value="">— Choisissez —</option>') == 4


def test_aucun_formulaire_de_ces_pages_ne_preselectionne_de_reponse(
    navigateur: Callable[..., TestClient], plateforme_web: Plateforme
) -> None:
    membre = navigateur("participant")
    assert poster(membre, "/conseils/18/adhesion", profil_habitant()).status_code == 303
    animateur = navigateur("animateur", 18)
    assert poster(
        animateur, "/conseils/18/reglement", {"texte": "Article 1."}, page="/conseils/18/reglement"
    ).status_code == 303  # fmt: skip
    pages = {
        navigateur(): ["/conseils/18", "/conseils/18/historique", "/conseils/18/reglement"],
        membre: ["/conseils/18", "/compte", "/compte/effacement"],
        animateur: ["/conseils/18", "/conseils/18/reglement"],
        navigateur("agent_ville"): ["/conseils/18/reglement", "/rapports", "/compte"],
        navigateur("agent_etat"): ["/conseils/18/reglement", "/rapports"],
        navigateur("admin"): ["/admin/comptes", "/rapports", "/compte"],
    }
    actions_vues: set[str] = set()
    for client, adresses in pages.items():
        for adresse in adresses:
            html = formulaires_vus(client, adresse)
            assert preselections(html) == [], adresse
            actions_vues |= set(re.findall(r'<form [^>]*action="([^"]+)"', html))

    for attendue in (
        "/conseils/18/depart",
        "/conseils/18/reglement/conformite",
        "/conseils/18/structure-porteuse",
        "/conseils/18/majorite",
        "/rapports/bilans",
        "/compte/profil",
        "/compte/jetons",
        "/compte/effacement",
    ):
        assert attendue in actions_vues, attendue
    assert any(re.fullmatch(r"/admin/comptes/[^/]+/roles", a) for a in actions_vues)
    assert any(re.fullmatch(r"/admin/comptes/[^/]+/effacement", a) for a in actions_vues)


def test_le_detecteur_voit_une_preselection() -> None:
    """The check above would fail on the old joining form (first option shown, or selected)."""
    ancien = (
        '<form action="/conseils/18/adhesion">'
        '<input type="radio" name="college" value="habitant" checked>'
        '<select name="genre"><option value="femme">Femme</option></select>'
        '<select name="tranche_age"><option value="18_24">18</option>'
        '<option value="25_39" selected>25</option></select></form>'
    )

    assert preselections(ancien) == [
        ("/conseils/18/adhesion", "college", "habitant"),
        ("/conseils/18/adhesion", "genre", "femme"),
        ("/conseils/18/adhesion", "tranche_age", "25_39"),
    ]


def test_un_membre_qui_revient_repond_de_nouveau_sans_reponse_preremplie(
    navigateur: Callable[..., TestClient], plateforme_web: Plateforme
) -> None:
    membre = navigateur("participant")
    assert (
        poster(membre, "/conseils/18/adhesion", profil_habitant(genre="homme")).status_code == 303
    )
    assert poster(membre, "/conseils/18/depart", {"motif": ""}).status_code == 303

    html = formulaires_vus(membre, "/conseils/18")

    assert 'action="/conseils/18/adhesion"' in html
    assert preselections(html) == []
