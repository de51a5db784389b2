"""The public account and the open data, from real data: one year of the demo (built once for
the module, so two calendar years), read over HTTP as anyone would, without an account.

What the issue asks: the public report and the open-data figures match the agents' report
(the same numbers, small cells masked the same way), no personal data in any open-data file,
the catalogue is valid JSON-LD with the DCAT triples a portal harvests, each CSV parses and
has its dictionary's columns."""

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from pyld import jsonld
from sqlalchemy import select
from starlette.testclient import TestClient

from demo.generateur import commande
from domaine.temps import annee_a_paris
from lancement.plateforme import Plateforme
from participation import donnees_ouvertes
from participation.donnees_ouvertes import JEUX, LICENCE_URL, PAR_CODE
from rapports.calcul import SEUIL_PAR_DEFAUT
from rapports.formats import en_json
from rapports.formats.lignes import lignes
from stockage.configuration import Configuration
from stockage.identites import candidats, personnes
from tests.conftest import APRES_LA_DEMO, CLE_DE_TEST, FIN_DE_LA_DEMO
from tests.web.outils import MOT_DE_PASSE_WEB, connecter
from web.app import creer_app

URL = "https://participation.exemple.paris.fr"
MASQUE = f"< {SEUIL_PAR_DEFAUT}"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
VOIE = re.compile(
    r"(rue|avenue|boulevard|chemin|impasse|place|allée|quai|route|square|passage|villa|cité)"
    r"( de| du| des| de la)? $"
)
"""The demo's fictitious streets are named after fictitious people ("rue Célina Lacombe"), whom
an account of the demo may happen to share a name with: a street is not a person."""
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@pytest.fixture(scope="module")
def plateforme_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Plateforme]:
    chemin = tmp_path_factory.mktemp("demo-ouverte") / "demo.sqlite3"
    configuration = Configuration(f"sqlite:///{chemin}", cle_secrete=CLE_DE_TEST, url_publique=URL)
    assert commande(configuration, 7, 1, False, FIN_DE_LA_DEMO) == 0
    plateforme = Plateforme(configuration, lambda: APRES_LA_DEMO)
    try:
        yield plateforme
    finally:
        plateforme.fermer()


@pytest.fixture(scope="module")
def client(plateforme_demo: Plateforme) -> Iterator[TestClient]:
    with TestClient(creer_app(plateforme=plateforme_demo, https=False)) as c:
        yield c


@pytest.fixture(scope="module")
def annee(plateforme_demo: Plateforme) -> int:
    return annee_a_paris(plateforme_demo.registre.maintenant())


def test_un_conseil_publie_ses_rapports_de_l_annee_en_cours_et_des_annees_closes(
    client: TestClient, annee: int
) -> None:
    index = client.get("/conseils/18/rapports")
    assert index.status_code == 200
    for an in (annee, annee - 1):
        assert f'href="/conseils/18/rapports/{an}"' in index.text
    assert "année en cours, chiffres à date" in index.text
    assert client.get(f"/conseils/18/rapports/{annee + 1}").status_code == 404
    assert client.get("/conseils/18/rapports/2015").status_code == 404  # before its activity
    assert client.get("/conseils/12/rapports").status_code == 404  # no council there
    assert 'href="/conseils/18/rapports"' in client.get("/conseils/18").text
    assert 'href="/donnees-ouvertes"' in client.get("/").text  # the footer


@pytest.fixture(scope="module")
def agent(plateforme_demo: Plateforme) -> Iterator[TestClient]:
    """A Ville agent signed in, who reads the agents' report."""
    compte, _ = plateforme_demo.comptes.inscrire(
        "Agent Rapport", "agent.rapport@exemple.fr", MOT_DE_PASSE_WEB
    )
    plateforme_demo.comptes.amorcer_role(compte, "agent_ville", None)
    app = creer_app(plateforme=plateforme_demo, https=False)
    with TestClient(app, follow_redirects=False) as c:
        connecter(c, "agent.rapport@exemple.fr")
        yield c


def test_le_rapport_public_montre_les_chiffres_du_rapport_des_agents(
    client: TestClient, agent: TestClient, plateforme_demo: Plateforme, annee: int
) -> None:
    for an in (annee, annee - 1):
        rapport = plateforme_demo.rapports.annuel(an, 18)
        page = client.get(f"/conseils/18/rapports/{an}")
        assert page.status_code == 200
        assert "/static/rapport.css" in page.text
        # the same body as the agents' page shows: the same figures, the same definitions
        vue = agent.get(f"/rapports/annuel?annee={an}&conseil=18&format=html")
        assert vue.status_code == 200
        fichier = agent.get(f"/rapports/annuel?annee={an}&conseil=18&format=json&vue=fichier")
        assert _article(page.text) == _article(vue.text)
        assert fichier.content == en_json(rapport)
        assert "&lt; 5" in page.text  # the demo's small cells, masked as in the agents' report
        if an == annee:
            assert rapport["partiel"] and "Rapport partiel" in page.text


def _article(html: str) -> str:
    debut = html.index("<article")
    return html[debut : html.index("</article>", debut)]


def test_les_chiffres_ouverts_sont_ceux_du_rapport_des_agents(
    client: TestClient, plateforme_demo: Plateforme, annee: int
) -> None:
    for an in (annee, annee - 1):
        rapport = plateforme_demo.rapports.annuel(an, 18)
        en_json_ = client.get(f"/donnees-ouvertes/{an}/18/chiffres.json")
        assert en_json_.status_code == 200
        assert en_json_.content == en_json(rapport)
        lues = _csv(client.get(f"/donnees-ouvertes/{an}/18/chiffres.csv").text)
        attendues = list(lignes(rapport))
        assert len(lues) == len(attendues) > 50
        sections = {ligne["section"] for ligne in lues}
        assert sections == {k for k, v in rapport["conseils"][0].items() if isinstance(v, dict)}
        masquees = 0
        for lue, ligne in zip(lues, attendues, strict=True):
            assert (lue["section"], lue["indicateur"], lue["ventilation"]) == (
                ligne.section,
                ligne.indicateur,
                ligne.ventilation,
            )
            assert lue["valeur"] == _texte(ligne.valeur)
            assert lue["masquee"] == ("true" if ligne.valeur == MASQUE else "false")
            assert lue["definition"] == ligne.definition
            masquees += lue["valeur"] == MASQUE
        assert masquees > 0  # small cells: masked exactly where the agents' report masks them


def _texte(valeur: Any) -> str:
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "true" if valeur else "false"
    return str(valeur)


def _csv(texte: str) -> list[dict[str, str]]:
    assert not texte.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(texte)))


def test_chaque_fichier_csv_a_les_colonnes_du_dictionnaire_et_le_json_ses_champs(
    client: TestClient, annee: int
) -> None:
    dictionnaire = client.get("/donnees-ouvertes/dictionnaire.json").json()
    assert dictionnaire["licence"]["url"] == LICENCE_URL
    champs = {j["code"]: [f["name"] for f in j["schema"]["fields"]] for j in dictionnaire["jeux"]}
    assert set(champs) == set(PAR_CODE)
    non_vides = set()
    for an in (annee, annee - 1):
        for jeu in JEUX:
            reponse = client.get(f"/donnees-ouvertes/{an}/18/{jeu.code}.csv")
            assert reponse.status_code == 200
            assert reponse.headers["content-type"] == "text/csv; charset=utf-8"
            lecteur = csv.reader(io.StringIO(reponse.text))
            entete = next(lecteur)
            assert entete == [c.nom for c in jeu.colonnes if c.csv]
            rangs = list(lecteur)
            assert all(len(r) == len(entete) for r in rangs)
            if rangs:
                non_vides.add(jeu.code)
            if jeu.code == "chiffres":
                continue
            document = client.get(f"/donnees-ouvertes/{an}/18/{jeu.code}.json").json()
            assert document["licence"] == LICENCE_URL and document["annee"] == an
            assert len(document["enregistrements"]) == len(rangs)
            for enregistrement in document["enregistrements"]:
                assert list(enregistrement) == champs[jeu.code]
                assert enregistrement["url"].startswith(URL + "/")
    assert non_vides == set(PAR_CODE)  # the demo fills every dataset
    assert client.get(f"/donnees-ouvertes/{annee}/18/inconnu.csv").status_code == 404
    assert client.get(f"/donnees-ouvertes/{annee}/18/seances.xlsx").status_code == 404
    assert client.get(f"/donnees-ouvertes/{annee + 1}/18/seances.csv").status_code == 404


def test_aucune_donnee_personnelle_dans_les_donnees_ouvertes(
    client: TestClient, plateforme_demo: Plateforme, annee: int
) -> None:
    """No name, e-mail or contact detail of the identity store in any file of any council,
    and no column about a person (author, videoconference link)."""
    with plateforme_demo.moteur.connect() as cnx:
        gens = list(cnx.execute(select(personnes.c.nom, personnes.c.email)))
        contacts = [json.loads(c) for c in cnx.execute(select(candidats.c.coordonnees)).scalars()]
    assert len(gens) > 100
    cherches = {e.lower() for _, e in gens}
    cherches |= {n.lower() for n, _ in gens if " " in n}  # full names ("Véronique Dupont")
    for contact in contacts:
        cherches |= {str(v).lower() for v in contact.values() if v and "@" in str(v)}
    motif = re.compile("|".join(re.escape(c) for c in sorted(cherches, key=len, reverse=True)))
    lus = 0
    for arrondissement in (10, 11, 13, 14, 17, 18, 19, 20):
        for an in (annee, annee - 1):
            for jeu in JEUX:
                if jeu.code == "chiffres" and arrondissement != 18:
                    continue  # counts folded from facts, which hold no name: one council is enough
                for format_ in ("csv", "json"):
                    url = f"/donnees-ouvertes/{an}/{arrondissement}/{jeu.code}.{format_}"
                    texte = client.get(url).text.lower()
                    trouves = [
                        t.group(0)
                        for t in motif.finditer(texte)
                        if not VOIE.search(texte[max(0, t.start() - 20) : t.start()])
                    ]
                    assert not trouves, f"{url}: {trouves}"
                    assert "auteur_id" not in texte and "lien_visio" not in texte
                    lus += 1
    assert lus == (8 * (len(JEUX) - 1) + 1) * 2 * 2


def test_le_catalogue_est_du_json_ld_dcat_que_un_portail_peut_moissonner(
    client: TestClient, plateforme_demo: Plateforme, annee: int
) -> None:
    reponse = client.get("/donnees-ouvertes/catalogue.jsonld")
    assert reponse.status_code == 200
    assert reponse.headers["content-type"].startswith("application/ld+json")
    document = reponse.json()
    assert document["@type"] == "dcat:Catalog"
    quads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    triplets = [_triplet(t) for t in quads.splitlines()]
    catalogue = f"<{URL}/donnees-ouvertes/catalogue.jsonld>"
    assert (catalogue, f"<{RDF_TYPE}>", f"<{DCAT}Catalog>") in triplets
    jeux = [s for s, p, o in triplets if p == f"<{RDF_TYPE}>" and o == f"<{DCAT}Dataset>"]
    assert len(jeux) == 8 * len(JEUX)
    assert {o for s, p, o in triplets if s == catalogue and p == f"<{DCAT}dataset>"} == set(jeux)
    jeu = f"<{URL}/donnees-ouvertes#seances-18>"
    proprietes = {p for s, p, o in triplets if s == jeu}
    for requise in ("title", "description", "license", "publisher", "spatial", "temporal"):
        assert f"<{DCT}{requise}>" in proprietes, requise
    assert f"<{DCAT}keyword>" in proprietes and f"<{DCAT}distribution>" in proprietes
    assert (jeu, f"<{DCT}title>", '"Séances — conseil citoyen du 18e arrondissement"@fr') in (
        triplets
    )
    distributions = {o for s, p, o in triplets if s == jeu and p == f"<{DCAT}distribution>"}
    telechargements = {
        o for s, p, o in triplets if s in distributions and p == f"<{DCAT}downloadURL>"
    }
    annees = plateforme_demo.donnees_ouvertes.annees(18)
    assert annees[:2] == [annee, annee - 1]
    assert telechargements == {
        f"<{URL}/donnees-ouvertes/{an}/18/seances.{f}>" for an in annees for f in ("csv", "json")
    }
    types = {o for s, p, o in triplets if s in distributions and p == f"<{DCAT}mediaType>"}
    assert types == {
        "<http://www.iana.org/assignments/media-types/text/csv>",
        "<http://www.iana.org/assignments/media-types/application/json>",
    }
    assert (jeu, f"<{DCT}license>", f"<{LICENCE_URL}>") in triplets
    # every download address answers, relative to the configured public address
    for adresse in sorted(telechargements):
        assert client.get(adresse.strip("<>").removeprefix(URL)).status_code == 200


def _triplet(ligne: str) -> tuple[str, str, str]:
    sujet, predicat, reste = ligne.split(" ", 2)
    return sujet, predicat, reste.removesuffix(" .")


def test_la_page_des_donnees_ouvertes_donne_licence_dictionnaire_et_fichiers(
    client: TestClient, annee: int
) -> None:
    page = client.get("/donnees-ouvertes")
    assert page.status_code == 200
    assert LICENCE_URL in page.text and "Licence Ouverte" in page.text
    assert 'href="/donnees-ouvertes/catalogue.jsonld"' in page.text
    for jeu in JEUX:
        assert f'id="jeu-{jeu.code}"' in page.text
        for colonne in jeu.colonnes:
            assert f"<code>{colonne.nom}</code>" in page.text
        assert f'href="/donnees-ouvertes/{annee}/18/{jeu.code}.csv"' in page.text


def test_une_section_reservee_aux_agents_quitte_le_rapport_public_et_les_chiffres(
    client: TestClient, plateforme_demo: Plateforme, annee: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one lever for a section that should stay with the agents; the agents' report keeps
    it. (A new log position or a new key empties nothing else: the report kept is per key.)"""
    monkeypatch.setattr(donnees_ouvertes, "SECTIONS_RESERVEES_AUX_AGENTS", {"obligations"})
    an = annee - 1
    plateforme_demo.donnees_ouvertes._memoire.clear()
    try:
        assert "obligations" in plateforme_demo.rapports.annuel(an, 18)["conseils"][0]
        public = client.get(f"/donnees-ouvertes/{an}/18/chiffres.json").json()
        assert "obligations" not in public["conseils"][0]
        assert "assemblee" in public["conseils"][0]
        lues = _csv(client.get(f"/donnees-ouvertes/{an}/18/chiffres.csv").text)
        assert lues and all(ligne["section"] != "obligations" for ligne in lues)
        assert "Obligations de la Ville" not in client.get(f"/conseils/18/rapports/{an}").text
    finally:
        plateforme_demo.donnees_ouvertes._memoire.clear()
