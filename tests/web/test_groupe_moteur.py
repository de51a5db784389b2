"""The groupe moteur page: volunteering, constitution, announcing a tirage, exits."""

import json
import random
import re
from collections.abc import Callable
from datetime import timedelta
from html import unescape
from typing import Any
from uuid import UUID

import pytest
from starlette.testclient import TestClient

from domaine.comptes import Compte
from domaine.groupe_moteur import Objectifs
from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb, HorlogeWeb
from tests.web.outils import (
    HTMX,
    champs,
    connecter,
    erreur_en_place,
    jeton,
    lisible,
    poster,
    rejoindre_directement,
    section,
)

PAGE = "/conseils/18/groupe-moteur"
QUARTIERS = ["QPV-18-GOUTTE-D-OR", "QPV-18-BLEMONT", "hors_qpv"]


def liste_csv(nombre: int = 60, prefixe: str = "bs") -> str:
    """A list imported from a social landlord: pseudonymous ids and features only."""
    alea = random.Random(3)
    lignes = ["id,college,genre,quartier,volontaire"]
    for i in range(nombre):
        college = "acteur_local" if i % 3 == 0 else "habitant"
        genre = "femme" if i % 2 else "homme"
        lignes.append(f"{prefixe}-{i:03d},{college},{genre},{alea.choice(QUARTIERS)},non")
    return "\n".join(lignes) + "\n"


def volontaires(plateforme: Plateforme, comptes_web: ComptesWeb, nombre: int = 6) -> list[UUID]:
    """Members of the 18e's open assembly who volunteered on the site (3 women, 3 men)."""
    ids = []
    for i in range(nombre):
        compte_id, _ = comptes_web(f"Volontaire {i}")
        genre = "femme" if i % 2 else "homme"
        rejoindre_directement(plateforme, compte_id, genre=genre, quartier=QUARTIERS[0])
        acteur = plateforme.comptes.acteur(compte_id)
        plateforme.projecteur.attendre(plateforme.assemblee.declarer_volontariat(acteur, 18, True))
        ids.append(compte_id)
    return ids


def constituer(client: TestClient, taille: int = 20, **champs: str) -> Any:
    donnees = {
        "taille": str(taille),
        "part_habitants": "67",
        "parite": "on",
        "minimum_par_quartier": "0",
    }
    return poster(client, f"{PAGE}/objectifs", {**donnees, **champs}, page=PAGE)


HEURE_DU_HASARD = "2026-03-02T11:00"  # Paris: an hour after DEPART_WEB, the séance


def table_des_quotas(html: str) -> dict[str, str]:
    """The quota table of the announcement form as shown: its hidden rows and the bounds."""
    lus = champs(html)
    if "annonce-taille" not in lus:  # no announcement form on this page
        return {}
    table = {f"quota-{k}": v for k, v in re.findall(r'name="quota-(\d+)" value="([^"]*)"', html)}
    for nom in list(table):
        k = nom.removeprefix("quota-")
        table[f"min-{k}"] = lus[f"annonce-min-{k}"]["valeur"]
        table[f"max-{k}"] = lus[f"annonce-max-{k}"]["valeur"]
    table["taille"] = lus["annonce-taille"]["valeur"]
    return table


def rang(html: str, categorie: str, valeur: str) -> str:
    """The row number of a quota in the table (its fields are `min-<rang>`, `max-<rang>`)."""
    trouve = re.search(rf'name="quota-(\d+)" value="{categorie}={valeur}"', html)
    assert trouve, f"pas de ligne {categorie}={valeur}"
    return trouve.group(1)


def quotas_affiches(html: str) -> dict[str, Any]:
    """The quotas document the table shows (empty rows constrain nothing)."""
    table = table_des_quotas(html)
    quotas: dict[str, dict[str, list[int]]] = {}
    for nom, ligne in table.items():
        if nom.startswith("quota-"):
            k = nom.removeprefix("quota-")
            categorie, _, valeur = unescape(ligne).partition("=")
            if table[f"min-{k}"] or table[f"max-{k}"]:
                quotas.setdefault(categorie, {})[valeur] = [
                    int(table[f"min-{k}"]),
                    int(table[f"max-{k}"]),
                ]
    return {"taille": int(table["taille"]), "quotas": quotas}


def remplir(html: str, quotas: dict[str, Any]) -> dict[str, str]:
    """The table's fields holding `quotas` (every other row left empty)."""
    table = table_des_quotas(html)
    for nom in list(table):
        if nom.startswith(("min-", "max-")):
            table[nom] = ""
    table["taille"] = str(quotas["taille"])
    for categorie, valeurs in quotas["quotas"].items():
        for valeur, (lo, hi) in valeurs.items():
            k = rang(html, categorie, valeur)
            table[f"min-{k}"], table[f"max-{k}"] = str(lo), str(hi)
    return table


def annoncer(
    client: TestClient,
    *,
    quotas: dict[str, Any] | None = None,
    fichier: str | None = None,
    liste: str = "",
    avec_volontaires: bool = True,
    hasard_prevu: str = "quatre dés à dix faces lancés à la séance",
    hasard_le: str = HEURE_DU_HASARD,
    arrondissement: int = 18,
    htmx: bool = False,
    etape: str = "annoncer",
    json_importe: str | None = None,
    **autres: str,
) -> Any:
    """Post the announcement form as a browser does (multipart). Without `quotas`, as an
    animateur would: pick the pool, ask for the quotas proposed for it, then announce them;
    with `quotas`, the table holding them. `autres` overrides any field."""
    chemin = f"/conseils/{arrondissement}/groupe-moteur"
    page = client.get(chemin)
    assert page.status_code == 200
    donnees = {
        "csrf": jeton(client, chemin),
        **table_des_quotas(page.text),
        "liste_csv": liste,
        "hasard_prevu": hasard_prevu,
        "hasard_le": hasard_le,
        "tickets": "10000",
    }
    if avec_volontaires:
        donnees["volontaires"] = "on"
    fichiers = {"fichier": ("liste.csv", (fichier or "").encode(), "text/csv")}
    url = f"/conseils/{arrondissement}/tirages"
    if quotas is None and etape == "annoncer" and "taille" in donnees:
        proposes = client.post(url, data={**donnees, "etape": "proposer"}, files=fichiers)
        assert proposes.status_code in (200, 422), proposes.text
        donnees.update(table_des_quotas(proposes.text))
    elif quotas is not None:
        donnees.update(remplir(page.text, quotas))
    if json_importe is not None:
        donnees["quotas"] = json_importe  # the experts' JSON box
    return client.post(
        url,
        data={**donnees, "etape": etape, **autres},
        files=fichiers,
        headers=HTMX if htmx else None,
    )


def tirage_annonce(reponse: Any) -> str:
    assert reponse.status_code == 303, reponse.text
    emplacement: str = reponse.headers["location"]
    assert emplacement.startswith("/tirages/")
    return emplacement.removeprefix("/tirages/")


def test_un_membre_se_porte_volontaire_puis_se_retire_en_place(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    rejoindre_directement(plateforme_web, participant_web)
    page = lisible(client.get("/conseils/18").text)
    assert "Me porter volontaire pour le groupe moteur" in page
    assert f'href="{PAGE}"' in page

    reponse = poster(
        client, "/conseils/18/volontariat", {"volontaire": "oui"}, page="/conseils/18", htmx=True
    )

    assert reponse.status_code == 200
    assert reponse.text.lstrip().startswith('<section id="adhesion"')
    fragment = lisible(section(reponse.text, "adhesion"))
    assert "vous serez dans le vivier du prochain tirage au sort" in fragment
    assert "Retirer ma candidature au groupe moteur" in fragment
    assert [v.personne_id for v in plateforme_web.lecture.volontaires_groupe_moteur(18)] == [
        str(participant_web)
    ]
    assert "1 membre de l'assemblée ouverte s'est porté·e volontaire" in lisible(
        client.get(PAGE).text
    )

    reponse = poster(
        client, "/conseils/18/volontariat", {"volontaire": "non"}, page="/conseils/18", htmx=True
    )

    assert reponse.status_code == 200
    fragment = lisible(section(reponse.text, "adhesion"))
    assert "Vous avez retiré votre candidature au groupe moteur." in fragment
    assert "Me porter volontaire pour le groupe moteur" in fragment
    assert plateforme_web.lecture.volontaires_groupe_moteur(18) == []


def test_il_faut_etre_membre_de_l_assemblee_pour_se_porter_volontaire(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/conseils/18/volontariat", {"volontaire": "oui"}, htmx=True)

    assert reponse.status_code in (404, 409)
    assert "hx-retarget" not in reponse.headers  # the Participer box comes back, with the reason
    assert "membre" in lisible(section(reponse.text, "adhesion"))
    assert plateforme_web.registre.position() == avant


def test_l_animateur_constitue_le_groupe_moteur(
    client: TestClient,
    animateur_web: UUID,
    plateforme_web: Plateforme,
    nouveau_client: Callable[[], TestClient],
) -> None:
    page = lisible(client.get(PAGE).text)
    assert "Le groupe moteur de ce conseil n'est pas encore constitué." in page
    assert "Constituer le groupe moteur" in page
    anonyme = lisible(nouveau_client().get(PAGE).text)
    assert "n'est pas encore constitué" in anonyme
    assert 'name="taille"' not in anonyme

    reponse = constituer(client, taille=20)

    assert reponse.status_code == 303
    assert reponse.headers["location"] == PAGE
    page = lisible(client.get(PAGE).text)
    assert "Groupe moteur constitué." in page
    assert "0</strong> membre sur 20 places (20 vacantes)" in page
    assert "20 places vacantes sur 20." in page  # the warnings of the domain
    assert "67 %, soit 13 places ; acteurs locaux : 7 places" in page
    assert "10 femmes et 10 hommes" in page
    # No volunteer yet: the pool is empty, so nothing can be proposed, and the page says so.
    assert quotas_affiches(page)["taille"] == 0
    assert "Le vivier est vide" in section(page, "annonce")
    assert 'action="/conseils/18/tirages"' in page
    assert 'enctype="multipart/form-data"' in page
    anonyme = lisible(nouveau_client().get(PAGE).text)
    assert "Composition et objectifs" in anonyme
    assert 'name="taille"' not in anonyme and "Modifier les objectifs" not in anonyme
    assert "20 places" in lisible(nouveau_client().get("/conseils/18").text)

    reponse = constituer(client, taille=24)

    assert reponse.status_code == 303
    assert "Objectifs du groupe moteur enregistrés." in lisible(client.get(PAGE).text)
    assert plateforme_web.lecture.groupe_moteur(18).taille == 24


def test_des_objectifs_hors_limites_sont_refuses_en_place(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()
    donnees = {"taille": "10", "part_habitants": "67", "minimum_par_quartier": "0"}

    reponse = poster(client, f"{PAGE}/objectifs", donnees, page=PAGE, htmx=True)

    erreur_en_place(
        reponse,
        "objectifs",
        "taille",
        "de 20 à 50 membres (demandé : 10)",
        {"taille": "10", "part_habitants": "67"},
    )
    assert reponse.text.lstrip().startswith('<form id="formulaire-objectifs"')
    assert "parite" not in {k for k, v in champs(reponse.text).items() if "checked" in v}
    sans_htmx = poster(client, f"{PAGE}/objectifs", {**donnees, "part_habitants": "4x"}, page=PAGE)
    erreur_en_place(sans_htmx, "objectifs", "part_habitants", "doit être un nombre entier")
    assert "<h1>" in sans_htmx.text  # the whole page, the form in place
    assert plateforme_web.registre.position() == avant
    assert plateforme_web.lecture.groupe_moteur(18) is None


def test_annoncer_un_tirage_avec_les_volontaires_et_une_liste_importee(
    client: TestClient,
    animateur_web: UUID,
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
) -> None:
    ids_volontaires = volontaires(plateforme_web, comptes_web)
    assert constituer(client).status_code == 303
    page = lisible(client.get(PAGE).text)
    assert "Inclure les 6 volontaires inscrit·es sur le site" in page

    tirage_id = tirage_annonce(annoncer(client, fichier=liste_csv(60)))

    ligne = plateforme_web.lecture.tirage(UUID(tirage_id))
    assert ligne.vivier == 66 and ligne.taille == 20 and ligne.tickets == 10000
    annonce = json.loads(ligne.document)
    assert {str(i) for i in ids_volontaires} <= {c["id"] for c in annonce["vivier"]}
    page = lisible(client.get(f"/tirages/{tirage_id}").text)
    assert "Tirage annoncé : son engagement est publié." in page
    assert f'<code class="empreinte">{ligne.engagement}</code>' in page
    assert "Statut : annoncé." in page
    assert "quatre dés à dix faces lancés à la séance" in page
    assert "Prévu le</dt><dd>lundi 2 mars 2026 à 11 h 00 (heure de Paris)" in page
    assert "Vivier</dt><dd>66 personnes" in page
    assert f'href="/tirages/{tirage_id}/annonce.json"' in page
    assert 'href="/tirages/verificateur_autonome.py"' in page
    assert "Effectuer le tirage" in page
    assert "Quotas modifiés" not in page
    liste = lisible(client.get(PAGE).text)
    assert f'href="/tirages/{tirage_id}"' in liste
    assert "vivier de 66 personnes" in liste


def test_une_liste_collee_suffit_sans_les_volontaires(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme, comptes_web: ComptesWeb
) -> None:
    volontaires(plateforme_web, comptes_web, 2)
    assert constituer(client).status_code == 303

    tirage_id = tirage_annonce(annoncer(client, liste=liste_csv(40), avec_volontaires=False))

    annonce = json.loads(plateforme_web.lecture.tirage(UUID(tirage_id)).document)
    assert len(annonce["vivier"]) == 40
    assert all(c["id"].startswith("bs-") for c in annonce["vivier"])


def test_un_participant_ou_l_animateur_d_un_autre_conseil_recoit_403(
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    nouveau_client: Callable[[], TestClient],
    horloge_web: HorlogeWeb,
) -> None:
    animateur_id, _ = comptes_web("Animatrice du 18e", "animateur", 18)
    animateur = plateforme_web.comptes.acteur(animateur_id)
    plateforme_web.groupe_moteur.fixer_objectifs(animateur, 18, Objectifs(taille=20))
    quotas = plateforme_web.groupe_moteur.quotas_proposes(18)
    tirage_id, position = plateforme_web.groupe_moteur.annoncer_tirage(
        animateur,
        18,
        quotas,
        "dés",
        [],
        liste_csv(60),
        hasard_le=horloge_web() + timedelta(hours=1),
    )
    plateforme_web.projecteur.attendre(position)
    horloge_web.avancer(hours=2)  # the draw would be allowed: only the role is refused
    _, email_participant = comptes_web("Camille Participante")
    _, email_autre = comptes_web("Animateur du 19e", "animateur", 19)
    avant = plateforme_web.registre.position()

    for email in (email_participant, email_autre):
        client = nouveau_client()
        connecter(client, email)
        page = lisible(client.get(PAGE).text)
        assert 'name="taille"' not in page and "Faire sortir" not in page
        assert "Effectuer le tirage" not in lisible(client.get(f"/tirages/{tirage_id}").text)
        tableau = {"taille": "20", "quota-0": "college=habitant", "min-0": "13", "max-0": "13"}
        reponses = [
            annoncer(client, fichier=liste_csv(60), **tableau),
            annoncer(client, fichier=liste_csv(60), etape="verifier", **tableau),
            annoncer(client, fichier=liste_csv(60), **{**tableau, "min-0": "pas un nombre"}),
            poster(client, f"{PAGE}/objectifs", {"taille": "30"}, page=PAGE),
            poster(
                client,
                f"/tirages/{tirage_id}/tirer",
                {"hasard": "1,2,3,4", "temoins": "Awa"},
                page=PAGE,
            ),
            poster(client, f"{PAGE}/sorties", {"membre_id": "bs-001", "motif": "refus"}),
            poster(client, f"{PAGE}/acceptations", {"membre_id": "bs-001"}),
        ]
        assert [r.status_code for r in reponses] == [403] * len(reponses)
    assert plateforme_web.registre.position() == avant
    assert plateforme_web.lecture.tirage(tirage_id).effectue_le is None


def test_des_quotas_modifies_avant_l_annonce_sont_signales_sur_la_page_du_tirage(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme
) -> None:
    assert constituer(client).status_code == 303
    quotas = plateforme_web.groupe_moteur.quotas_proposes(18)
    quotas["quotas"]["genre"] = {"femme": [9, 11], "homme": [9, 11]}

    tirage_id = tirage_annonce(annoncer(client, quotas=quotas, fichier=liste_csv()))

    page = lisible(client.get(f"/tirages/{tirage_id}").text)
    assert "Quotas modifiés par l'animateur·rice avant l'annonce." in page
    assert re.search(r'"femme": \[\s*10,\s*10\s*\]', page)  # the proposed ones, to compare
    annonce = json.loads(client.get(f"/tirages/{tirage_id}/annonce.json").text)
    assert annonce["quotas"]["genre"] == {"femme": [9, 11], "homme": [9, 11]}


def test_la_table_des_quotas_montre_ce_que_compte_le_vivier(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme, comptes_web: ComptesWeb
) -> None:
    """Beside each bound, how many people of the pool have that value: the volunteers on the
    page; volunteers plus the list once it is added (the live check updates the counts)."""
    volontaires(plateforme_web, comptes_web)  # 6 habitants of the Goutte-d'Or, 3 women
    assert constituer(client).status_code == 303
    page = client.get(PAGE).text
    femmes, actrices = rang(page, "genre", "femme"), rang(page, "college", "acteur_local")
    assert re.search(rf'<span id="annonce-effectif-{femmes}">3</span>', page)
    assert re.search(rf'<span id="annonce-effectif-{actrices}">0</span>', page)
    # The defaults fit the 6 volunteers (no local actor among them), not the 20 seats.
    assert quotas_affiches(page) == plateforme_web.groupe_moteur.quotas_proposes(
        18, _candidats(plateforme_web)
    )
    assert quotas_affiches(page)["taille"] == 6
    assert "Ces quotas peuvent être respectés" in lisible(section(page, "annonce"))
    avant = plateforme_web.registre.position()

    verification = annoncer(client, fichier=liste_csv(60), etape="verifier", htmx=True)

    assert verification.status_code == 200
    html = lisible(verification.text)
    assert '<span id="annonce-vivier" hx-swap-oob="true">66</span>' in html
    assert f'<span id="annonce-effectif-{femmes}" hx-swap-oob="true">33</span>' in html
    assert f'<span id="annonce-effectif-{actrices}" hx-swap-oob="true">20</span>' in html
    assert "les objectifs permettent de pourvoir 20 places" in html
    assert plateforme_web.registre.position() == avant


def _candidats(plateforme: Plateforme) -> list[Any]:
    from domaine.viviers import candidat_volontaire

    return [
        candidat_volontaire(v.personne_id, v.college, v.genre, v.quartier)
        for v in plateforme.lecture.volontaires_groupe_moteur(18)
    ]


def test_la_verification_en_direct_nomme_le_quota_qui_bloque_et_de_combien(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme
) -> None:
    assert constituer(client).status_code == 303
    avant = plateforme_web.registre.position()
    # 30 people in the list: 15 women, 10 of them habitants; 10 local actors. With 3 local
    # actors' seats, at most 13 women can sit: each quota alone holds, together they do not.
    quotas = {
        "taille": 20,
        "quotas": {
            "college": {"habitant": [17, 17], "acteur_local": [3, 3]},
            "genre": {"femme": [15, 15]},
        },
    }

    reponse = annoncer(client, quotas=quotas, fichier=liste_csv(30), etape="verifier", htmx=True)

    assert reponse.status_code == 200
    html = lisible(reponse.text)
    assert (
        "Les quotas ne peuvent pas être respectés ensemble avec ce vivier. Le plus petit "
        "assouplissement possible serait : genre = femme (minimum 15) : 2 de moins."
    ) in html
    page = client.get(PAGE).text
    bloque = re.search(r'<a href="#annonce-((?:min|max)-\d+)">Les quotas ne peuvent', html)
    assert bloque, html
    assert bloque.group(1) == f"min-{rang(page, 'genre', 'femme')}"
    assert plateforme_web.registre.position() == avant

    # Announcing them anyway: refused, the same message next to the same field.
    annonce = annoncer(client, quotas=quotas, fichier=liste_csv(30))

    erreur_en_place(
        annonce,
        "annonce",
        bloque.group(1),
        "Les quotas ne peuvent pas être respectés ensemble",
        {"hasard_prevu": "quatre dés à dix faces lancés à la séance", "taille": "20"},
    )
    assert "Les quotas ne peuvent pas être respectés ensemble" in lisible(
        section(annonce.text, "annonce")
    )
    assert plateforme_web.registre.position() == avant
    assert plateforme_web.lecture.tirages(18) == []


def test_des_quotas_mal_saisis_sont_refuses_a_cote_du_champ_avec_la_saisie_gardee(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme
) -> None:
    assert constituer(client).status_code == 303
    page = client.get(PAGE).text
    femmes, acteurs = rang(page, "genre", "femme"), rang(page, "college", "acteur_local")
    avant = plateforme_web.registre.position()
    cas = [
        ({f"min-{femmes}": "12", f"max-{femmes}": "5"}, f"min-{femmes}",
         "Genre : Femme : le minimum (12) dépasse le maximum (5)."),
        ({f"min-{femmes}": "dix"}, f"min-{femmes}", "le minimum doit être un nombre entier"),
        ({f"max-{femmes}": "-2"}, f"max-{femmes}", "le maximum ne peut pas être négatif"),
        ({f"min-{acteurs}": "15", f"max-{acteurs}": "20"}, f"min-{acteurs}",
         "au moins 15 demandé·es, mais le vivier n'en compte que 10."),
        ({"taille": "0"}, "taille", "au moins une place"),
        ({"taille": "25"}, "taille", "il n'en reste que 20 au groupe moteur"),
    ]  # fmt: skip
    for htmx in (False, True):
        for champs_saisis, champ, message in cas:
            reponse = annoncer(client, liste=liste_csv(30), htmx=htmx, **champs_saisis)

            gardes = {**champs_saisis, "hasard_le": HEURE_DU_HASARD}
            erreur_en_place(reponse, "annonce", champ, message, gardes)
            assert champs(reponse.text)["annonce-liste_csv"]["valeur"] == liste_csv(30)
            if htmx:
                assert reponse.text.lstrip().startswith('<form id="formulaire-annonce"')
    assert plateforme_web.registre.position() == avant


def test_un_fichier_refuse_revient_dans_la_liste_collee(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme
) -> None:
    """A file input cannot be given back: its text comes back in the pasted list, where the
    animateur corrects it."""
    assert constituer(client).status_code == 303
    fautive = liste_csv(30).replace("bs-004,habitant,homme", "bs-004,habitant,monsieur")

    reponse = annoncer(client, quotas={"taille": 10, "quotas": {}}, fichier=fautive, htmx=True)

    erreur_en_place(reponse, "annonce", "liste_csv", "genre « monsieur » inconnu")
    assert champs(reponse.text)["annonce-liste_csv"]["valeur"] == fautive
    assert plateforme_web.lecture.tirages(18) == []


def test_les_quotas_s_importent_en_json_et_les_erreurs_restent_en_place(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme
) -> None:
    assert constituer(client).status_code == 303
    document = {"taille": 12, "quotas": {"genre": {"femme": [6, 6], "homme": [6, 6]}}}

    reponse = annoncer(
        client, liste=liste_csv(30), etape="importer", json_importe=json.dumps(document), htmx=True
    )

    assert reponse.status_code == 200
    assert "Quotas importés du JSON dans le tableau." in lisible(reponse.text)
    assert quotas_affiches(reponse.text) == document
    assert champs(reponse.text)["annonce-liste_csv"]["valeur"] == liste_csv(30)
    assert json.loads(champs(reponse.text)["annonce-export"]["valeur"]) == document

    mauvais = annoncer(client, etape="importer", json_importe='{"taille": 12, "quotas": ')
    erreur_en_place(
        mauvais, "annonce", "quotas", "Ce n'est pas un JSON valide (ligne 1",
        {"quotas": '{"taille": 12, "quotas": '},
    )  # fmt: skip
    assert 'class="outil" open' in mauvais.text  # the expert's box stays open
    assert plateforme_web.lecture.tirages(18) == []


def test_une_heure_du_hasard_passee_ou_absente_est_refusee_en_place(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme
) -> None:
    assert constituer(client).status_code == 303
    avant = plateforme_web.registre.position()

    passee = annoncer(client, fichier=liste_csv(60), hasard_le="2026-03-02T09:59")
    absente = annoncer(client, fichier=liste_csv(60), hasard_le="", htmx=True)
    sans_texte = annoncer(client, fichier=liste_csv(60), hasard_prevu=" ")

    erreur_en_place(
        passee,
        "annonce",
        "hasard_le",
        "doivent être à venir (il est lundi 2 mars 2026 à 10 h 00)",
        {"hasard_le": "2026-03-02T09:59"},
    )
    erreur_en_place(absente, "annonce", "hasard_le", "est obligatoire")
    erreur_en_place(sans_texte, "annonce", "hasard_prevu", "Décrivez le hasard public à venir")
    assert plateforme_web.registre.position() == avant


def test_l_annonce_par_htmx_mene_a_la_page_du_tirage(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme
) -> None:
    assert constituer(client).status_code == 303

    reponse = annoncer(client, fichier=liste_csv(60), htmx=True)

    assert reponse.status_code == 204
    (tirage,) = plateforme_web.lecture.tirages(18)
    assert reponse.headers["HX-Redirect"] == f"/tirages/{tirage.tirage_id}"


def test_une_liste_et_un_fichier_a_la_fois_sont_refuses(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme
) -> None:
    assert constituer(client).status_code == 303
    avant = plateforme_web.registre.position()

    reponse = annoncer(client, fichier=liste_csv(60), liste=liste_csv(60, "x"))

    assert reponse.status_code == 422
    assert "par un fichier ou collez-la, pas les deux" in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def tirer(client: TestClient, tirage_id: str, horloge: HorlogeWeb, hasard: str = "1,2,3,4") -> Any:
    """Draw at the séance: the clock is moved past the announced time of the randomness."""
    horloge.avancer(hours=2)
    return poster(
        client,
        f"/tirages/{tirage_id}/tirer",
        {"hasard": hasard, "temoins": "Awa D.\nMarc L.\n"},
        page=f"/tirages/{tirage_id}",
    )


def test_une_sortie_appelle_le_premier_suppleant_et_le_nomme(
    client: TestClient,
    animateur_web: UUID,
    plateforme_web: Plateforme,
    horloge_web: HorlogeWeb,
) -> None:
    assert constituer(client).status_code == 303
    tirage_id = tirage_annonce(annoncer(client, fichier=liste_csv(60), avec_volontaires=False))
    assert tirer(client, tirage_id, horloge_web).status_code == 303
    avant = {m.membre_id: m for m in plateforme_web.lecture.membres_groupe_moteur(18)}
    sortant = next(iter(avant.values()))
    page = lisible(client.get(PAGE).text)
    assert "Faire sortir" in page
    assert "A refusé après le tirage" in page  # a reason of the exit form

    reponse = poster(
        client,
        f"{PAGE}/sorties",
        {"membre_id": sortant.membre_id, "motif": "refus", "remplacer": "on"},
        page=PAGE,
    )

    assert reponse.status_code == 303
    apres = {m.membre_id: m for m in plateforme_web.lecture.membres_groupe_moteur(18)}
    assert len(apres) == 20 and sortant.membre_id not in apres
    (entrant,) = set(apres) - set(avant)
    page = lisible(client.get(PAGE).text)
    assert (
        f"Sortie de {sortant.membre_id} enregistrée. La personne suppléante "
        f"{entrant} entre au groupe moteur à sa place."
    ) in page
    assert (apres[entrant].college, apres[entrant].genre) == (sortant.college, sortant.genre)
    historique = section(page, "historique")
    assert "A refusé après le tirage" in historique
    au = " ".join(lisible(client.get("/conseils/18/historique?au=2026-03-02").text).split())
    assert (
        "Groupe moteur : 20 membres sur 20 places — 13 habitant·es, 7 acteurs locaux ; "
        "10 femmes, 10 hommes."
    ) in au
    avant = lisible(client.get("/conseils/18/historique?au=2026-03-01").text)
    assert "Le groupe moteur n'était pas encore constitué." in avant
    assert historique.count("<td>Entrée</td>") == 21
    assert historique.count("<td>Sortie</td>") == 1


def vivier_juste(prefixe: str = "liste") -> str:
    """14 people who, with the 6 volunteers (3 women, 3 men, habitants), make exactly the 20
    seats: 13 habitants (7 women) and 7 local actors (3 women): no substitute is left."""
    lignes = ["id,college,genre,quartier,volontaire"]
    gens = [("habitant", "femme")] * 4 + [("habitant", "homme")] * 3
    gens += [("acteur_local", "femme")] * 3 + [("acteur_local", "homme")] * 4
    for i, (college, genre) in enumerate(gens):
        lignes.append(f"{prefixe}-{i:02d},{college},{genre},hors_qpv,non")
    return "\n".join(lignes) + "\n"


def test_sans_suppleant_restant_la_page_demande_un_nouveau_tirage(
    client: TestClient,
    animateur_web: UUID,
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    nouveau_client: Callable[[], TestClient],
    horloge_web: HorlogeWeb,
) -> None:
    ids_volontaires = volontaires(plateforme_web, comptes_web)
    assert constituer(client).status_code == 303
    tirage_id = tirage_annonce(annoncer(client, fichier=vivier_juste()))
    assert tirer(client, tirage_id, horloge_web).status_code == 303
    membres = section(lisible(client.get(PAGE).text), "membres")
    assert membres.count("Tiré·e au sort") == 20
    # The animateur sees who the site volunteers are; the public sees pseudonyms only.
    assert "Volontaire 0" in membres and "Volontaire 5" in membres
    public = lisible(nouveau_client().get(PAGE).text)
    assert str(ids_volontaires[0]) in public and "Volontaire 0" not in public
    assert "14 réponse(s) de personnes tirées au sort attendue(s)." in public
    assert "Réponse attendue avant le mardi 17 mars 2026" in public

    reponse = poster(
        client,
        f"{PAGE}/sorties",
        {"membre_id": str(ids_volontaires[0]), "motif": "demission", "remplacer": "on"},
        page=PAGE,
    )

    assert reponse.status_code == 303
    page = lisible(client.get(PAGE).text)
    assert (
        f"Sortie de Volontaire 0 ({ids_volontaires[0]}) enregistrée. Aucune personne "
        "suppléante restante ne respecte les quotas : annoncez un nouveau tirage."
    ) in page
    assert "1 place vacante sur 20." in page
    assert len(plateforme_web.lecture.membres_groupe_moteur(18)) == 19
    assert "Démission" in section(page, "historique")


def test_une_sortie_sans_remplacement_laisse_la_place_vacante(
    client: TestClient,
    animateur_web: UUID,
    plateforme_web: Plateforme,
    horloge_web: HorlogeWeb,
) -> None:
    assert constituer(client).status_code == 303
    tirage_id = tirage_annonce(annoncer(client, fichier=liste_csv(60), avec_volontaires=False))
    assert tirer(client, tirage_id, horloge_web).status_code == 303
    sortant = plateforme_web.lecture.membres_groupe_moteur(18)[0].membre_id

    reponse = poster(
        client,
        f"{PAGE}/sorties",
        {"membre_id": sortant, "motif": "demenagement"},
        page=PAGE,
        htmx=True,
    )

    assert reponse.status_code == 204
    assert reponse.headers["HX-Redirect"] == PAGE
    page = lisible(client.get(PAGE).text)
    assert f"Sortie de {sortant} enregistrée." in page
    assert "La personne suppléante" not in page and "nouveau tirage" not in page
    assert len(plateforme_web.lecture.membres_groupe_moteur(18)) == 19


def test_l_animateur_enregistre_l_acceptation_d_une_personne_tiree_d_une_liste(
    client: TestClient,
    animateur_web: UUID,
    plateforme_web: Plateforme,
    horloge_web: HorlogeWeb,
) -> None:
    assert constituer(client).status_code == 303
    tirage_id = tirage_annonce(annoncer(client, fichier=liste_csv(60), avec_volontaires=False))
    assert tirer(client, tirage_id, horloge_web).status_code == 303
    premier, second, *_ = plateforme_web.lecture.membres_groupe_moteur(18)
    page = lisible(client.get(PAGE).text)
    assert "20 réponse(s) de personnes tirées au sort attendue(s)." in page
    assert page.count("Enregistrer l'acceptation") == 20

    reponse = poster(
        client,
        f"{PAGE}/acceptations",
        {"membre_id": premier.membre_id},
        page=PAGE,
        htmx=True,
    )

    assert reponse.status_code == 204
    page = lisible(client.get(PAGE).text)
    assert f"Acceptation de {premier.membre_id} enregistrée." in page
    assert "19 réponse(s) de personnes tirées au sort attendue(s)." in page
    assert page.count("Enregistrer l'acceptation") == 19

    horloge_web.avancer(days=16)
    page = lisible(client.get(PAGE).text)
    assert "19 réponse(s) en retard : enregistrez un refus." in page
    assert "Enregistrer l'acceptation" not in page
    assert section(page, "membres").count(">en retard</span>") == 19
    avant = plateforme_web.registre.position()
    tardive = poster(client, f"{PAGE}/acceptations", {"membre_id": second.membre_id}, page=PAGE)
    assert tardive.status_code == 409
    assert "Le délai de réponse est dépassé" in lisible(tardive.text)
    assert plateforme_web.registre.position() == avant


def test_l_animateur_accepte_un_volontaire_sans_tirage(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme, comptes_web: ComptesWeb
) -> None:
    (personne,) = volontaires(plateforme_web, comptes_web, nombre=1)
    constituer(client)
    page = client.get(PAGE).text
    assert "Volontaire 0" in section(page, "autres-entrees")

    reponse = poster(client, f"{PAGE}/volontaires", {"personne_id": str(personne)}, page=PAGE)

    assert reponse.status_code == 303
    page = lisible(client.get(PAGE).text)
    assert "Volontaire accepté·e au groupe moteur." in page
    assert "Aucun·e volontaire en attente." in page
    assert "Volontaire accepté·e" in section(page, "membres")


def test_la_designation_consensuelle_demande_une_decision_adoptee(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme, horloge_web: HorlogeWeb
) -> None:
    from datetime import timedelta

    constituer(client)
    acteur = plateforme_web.comptes.acteur(animateur_web)
    seance_id, _ = plateforme_web.seances.planifier(
        acteur, 18, horloge_web() + timedelta(hours=1), "Centre social", "Groupe moteur"
    )
    horloge_web.avancer(hours=2)
    plateforme_web.projecteur.attendre(
        plateforme_web.seances.enregistrer_decision(
            acteur, seance_id, "Liste des acteurs", 20, 1, 0
        )
    )
    liste = "asso-1,femme,hors_qpv\nasso-2,homme,QPV-18-BLEMONT\n"

    mauvaise = poster(
        client, f"{PAGE}/consensus", {"decision": f"{seance_id}:1", "membres": "x,y"}, page=PAGE
    )
    erreur_en_place(
        mauvaise,
        "consensus",
        "membres",
        "Ligne 1 de la liste : attendu « identifiant,genre,quartier ».",
        {"membres": "x,y", "decision": f"{seance_id}:1"},
    )
    sans_decision = poster(client, f"{PAGE}/consensus", {"membres": liste}, page=PAGE, htmx=True)
    erreur_en_place(sans_decision, "consensus", "decision", "Choisissez la décision")
    assert sans_decision.text.lstrip().startswith('<form id="formulaire-consensus"')

    reponse = poster(
        client, f"{PAGE}/consensus", {"decision": f"{seance_id}:1", "membres": liste}, page=PAGE
    )

    assert reponse.status_code == 303
    membres = section(lisible(client.get(PAGE).text), "membres")
    assert "asso-1" in membres and "asso-2" in membres
    assert "Désigné·e par consensus des acteurs locaux" in membres


def test_un_participant_ne_designe_personne(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()
    reponse = poster(
        client,
        f"{PAGE}/consensus",
        {"decision": f"{UUID(int=1)}:1", "membres": "a,femme,q"},
        page=PAGE,
    )
    assert reponse.status_code == 403
    assert plateforme_web.registre.position() == avant


def test_une_sortie_sans_motif_ou_d_un_inconnu_est_refusee_dans_son_formulaire(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme, horloge_web: HorlogeWeb
) -> None:
    from web.groupe_moteur import cle

    assert constituer(client).status_code == 303
    tirage_id = tirage_annonce(annoncer(client, fichier=liste_csv(60), avec_volontaires=False))
    assert tirer(client, tirage_id, horloge_web).status_code == 303
    sortant = plateforme_web.lecture.membres_groupe_moteur(18)[0].membre_id
    avant = plateforme_web.registre.position()
    f = f"sortie-{cle(sortant)}"

    sans_motif = poster(
        client, f"{PAGE}/sorties", {"membre_id": sortant, "remplacer": "on"}, page=PAGE, htmx=True
    )
    sans_motif_page = poster(client, f"{PAGE}/sorties", {"membre_id": sortant}, page=PAGE)
    inconnu = poster(
        client, f"{PAGE}/acceptations", {"membre_id": "personne"}, page=PAGE, htmx=True
    )

    erreur_en_place(sans_motif, f, "motif", "Choisissez le motif de la sortie.")
    assert sans_motif.text.lstrip().startswith(f'<form id="formulaire-{f}"')
    assert champs(sans_motif.text)[f"{f}-remplacer"].get("checked") is not None
    erreur_en_place(sans_motif_page, f, "motif", "Choisissez le motif de la sortie.")
    assert "<details open>" in sans_motif_page.text  # the exit form is unfolded
    assert "remplacer" not in {
        k.removeprefix(f"{f}-")
        for k, v in champs(sans_motif_page.text).items()
        if k.startswith(f) and "checked" in v
    }
    assert inconnu.status_code == 409
    assert "Aucune réponse n'est attendue de cette personne." in lisible(inconnu.text)
    assert plateforme_web.registre.position() == avant


def test_la_page_lit_les_modeles_de_lecture_sans_rejouer_d_agregat(
    client: TestClient,
    nouveau_client: Callable[[], TestClient],
    animateur_web: UUID,
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """GET pages read read models: with a tirage announced (its seats held) and seats still
    free, the page, the live check and the proposed quotas load no aggregate besides the
    signed-in account (read on every request), and show what the aggregate would give."""
    volontaires(plateforme_web, comptes_web)
    assert constituer(client).status_code == 303
    tirage_annonce(annoncer(client, fichier=liste_csv(9)))  # 15 of the 20 seats held
    groupe = plateforme_web.groupe_moteur.groupe(18)
    assert groupe.places_reservees and groupe.places_libres
    attendus = plateforme_web.groupe_moteur.quotas_proposes(18, _candidats(plateforme_web))
    rejoues: list[str] = []
    lire = plateforme_web.registre.repository.get

    def lire_sauf_les_agregats(aggregate_id: UUID, *args: Any, **kwargs: Any) -> Any:
        agregat = lire(aggregate_id, *args, **kwargs)
        if not isinstance(agregat, Compte):
            rejoues.append(type(agregat).__name__)
        return agregat

    monkeypatch.setattr(plateforme_web.registre.repository, "get", lire_sauf_les_agregats)

    page = client.get(PAGE)
    verification = annoncer(client, fichier=liste_csv(30, "autre"), etape="verifier", htmx=True)
    anonyme = nouveau_client().get(PAGE)

    assert rejoues == []
    assert [page.status_code, verification.status_code, anonyme.status_code] == [200] * 3
    texte = lisible(page.text)
    assert f"{groupe.places_libres} vacantes" in texte
    assert f"{groupe.places_reservees} réservées par un tirage annoncé" in texte
    assert quotas_affiches(page.text) == attendus


def test_une_liste_au_champ_demesure_est_refusee_en_francais_a_son_champ(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme
) -> None:
    """Python's csv module stops at a field over 128 KiB: a French refusal, not a 500."""
    assert constituer(client).status_code == 303
    avant = plateforme_web.registre.position()
    demesuree = liste_csv(3) + "\n" + "x" * 200_000 + ",habitant,femme,hors_qpv,oui\n"

    reponse = annoncer(client, liste=demesuree)

    assert reponse.status_code == 422
    assert "champ de plus de 128 Kio" in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant
