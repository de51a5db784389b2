"""Budget participatif through the web: lists and filters, filing, supports in place,
comments and moderation, the Ville's lifecycle forms, and who may do what."""

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from starlette.testclient import TestClient

from domaine.budget import Depot
from domaine.comptes import Acteur
from domaine.vocabulaire import StatutProposition as S
from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb, HorlogeWeb
from tests.web.outils import HTMX, connecter, jeton, lisible, poster, section

QPV_18 = "QPV-18-GOUTTE-D-OR"
DEPOT = {
    "titre": "Un jardin partagé rue Léon",
    "description": "Transformer la friche en jardin partagé ouvert aux écoles.",
    "quartier": QPV_18,
    "adresse": "12 rue Léon",
    "theme": "environnement",
    "cout": "80 000",
}


def acteur_de(plateforme: Plateforme, compte_id: UUID) -> Acteur:
    qui = plateforme.comptes.acteur(compte_id)
    assert qui is not None
    return qui


def deposer_directement(
    plateforme: Plateforme, auteur: UUID, arrondissement: int = 18, **champs: Any
) -> UUID:
    """A proposal the test needs, filed through the platform (not the form under test)."""
    valeurs: dict[str, Any] = {
        "titre": "Un jardin partagé rue Léon",
        "description": "Transformer la friche en jardin partagé.",
        "quartier": QPV_18 if arrondissement == 18 else "hors_qpv",
        "adresse": "",
        "theme": "environnement",
        "cout_estime": 80_000,
        **champs,
    }
    proposition_id, position = plateforme.budget.deposer(
        acteur_de(plateforme, auteur), arrondissement, Depot(**valeurs)
    )
    plateforme.projecteur.attendre(position)
    return proposition_id


@pytest.fixture
def autrice(comptes_web: ComptesWeb) -> UUID:
    compte_id, _ = comptes_web("Awa Autrice")
    return compte_id


@pytest.fixture
def proposition(plateforme_web: Plateforme, autrice: UUID) -> UUID:
    return deposer_directement(plateforme_web, autrice)


@pytest.fixture
def agent_ville_web(
    nouveau_client: Callable[[], TestClient], comptes_web: ComptesWeb
) -> TestClient:
    """A browser signed in as an agent of the Ville."""
    navigateur = nouveau_client()
    _, email = comptes_web("Camille Agente", "agent_ville")
    connecter(navigateur, email)
    return navigateur


def url(proposition_id: UUID, suite: str = "") -> str:
    return f"/budget-participatif/{proposition_id}{suite}"


def version_statut(html: str, statut: str) -> str:
    formulaire = re.search(rf'id="formulaire-etape-{statut}".*?</form>', html, re.S)
    assert formulaire, f"pas de formulaire pour l'étape {statut}"
    trouve = re.search(r'name="version" value="(\d+)"', formulaire.group(0))
    assert trouve
    return trouve.group(1)


def etapes_proposees(html: str) -> list[str]:
    return re.findall(r'id="formulaire-etape-([a-z_]+)"', html)


# --- lists -----------------------------------------------------------------------------------


def test_la_liste_de_paris_filtre_et_trie_avec_ou_sans_htmx(
    client: TestClient,
    plateforme_web: Plateforme,
    autrice: UUID,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    jardin = deposer_directement(plateforme_web, autrice, titre="Jardin Léon")
    horloge_web.avancer(minutes=5)
    stade = deposer_directement(
        plateforme_web, autrice, 19, titre="Stade Curial", theme="sport", cout_estime=900_000
    )
    horloge_web.avancer(minutes=5)
    fresque = deposer_directement(
        plateforme_web, autrice, titre="Fresque Ordener", theme="culture", cout_estime=5_000
    )
    soutien, _ = comptes_web("Bintou Soutien")
    plateforme_web.projecteur.attendre(
        plateforme_web.budget.soutenir(acteur_de(plateforme_web, soutien), stade, True)
    )

    page = client.get("/budget-participatif")
    assert page.status_code == 200
    titres = re.findall(r'<a href="/budget-participatif/[^"]+"[^>]*>([^<]+)</a>', page.text)
    assert titres == ["Stade Curial", "Fresque Ordener", "Jardin Léon"]  # supports, then newest
    assert 'hx-get="/budget-participatif"' in page.text and 'hx-push-url="true"' in page.text

    par_cout = client.get("/budget-participatif?tri=cout")
    assert str(fresque) in par_cout.text.split(str(jardin))[0]

    partiel = client.get("/budget-participatif?conseil=18&theme=culture", headers=HTMX)
    assert partiel.status_code == 200
    assert "HX-Request" in partiel.headers["vary"]
    assert "<html" not in partiel.text
    assert partiel.text.lstrip().startswith('<section id="resultats"')
    assert "Fresque Ordener" in partiel.text and "Jardin Léon" not in partiel.text
    assert 'hx-swap-oob="innerHTML">1 proposition ouverte au soutien.<' in partiel.text

    sans_js = client.get("/budget-participatif?conseil=19&statut=deposee&tri=date")
    assert "<html" in sans_js.text and "Stade Curial" in sans_js.text
    assert "Jardin Léon" not in sans_js.text
    assert '<option value="19" selected>' in sans_js.text

    croises = client.get("/budget-participatif?conseil=18&quartier=QPV-19-ALGERIE")
    assert "Aucune proposition ne correspond" in croises.text  # both filters apply

    inconnu = client.get("/budget-participatif?theme=politique&tri=n_importe&conseil=99")
    assert inconnu.status_code == 200 and "Jardin Léon" in inconnu.text  # ignored, not an error


def test_la_liste_montre_d_abord_les_propositions_ouvertes_au_soutien(
    client: TestClient,
    plateforme_web: Plateforme,
    autrice: UUID,
    agent_ville_web: TestClient,
    comptes_web: ComptesWeb,
) -> None:
    ouverte = deposer_directement(plateforme_web, autrice, titre="Bancs place Léon")
    close = deposer_directement(plateforme_web, autrice, titre="Piscine sur le toit")
    agent = acteur_de(plateforme_web, comptes_web("Agente", "agent_ville")[0])
    plateforme_web.projecteur.attendre(
        plateforme_web.budget.faire_avancer(
            agent, close, None, S.IRRECEVABLE, motif="Hors compétence"
        )
    )

    page = client.get("/conseils/18/budget-participatif")

    resultats = lisible(section(page.text, "resultats"))
    assert "1 proposition ouverte au soutien" in resultats
    assert "Bancs place Léon" in resultats and "Piscine sur le toit" not in resultats
    assert "Les soutiens sont clos pour 1 autre proposition" in resultats
    assert 'href="/conseils/18/budget-participatif?statut=toutes"' in page.text
    assert '<option value="ouvertes" selected>Ouvertes au soutien</option>' in page.text
    toutes = lisible(client.get("/conseils/18/budget-participatif?statut=toutes").text)
    assert "2 propositions, tous statuts confondus" in toutes and "Piscine sur le toit" in toutes
    assert '<option value="toutes" selected>' in toutes
    assert str(ouverte) in toutes
    irrecevables = client.get("/conseils/18/budget-participatif?statut=irrecevable").text
    assert "Piscine sur le toit" in irrecevables and "Bancs place Léon" not in irrecevables


def _titres(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/budget-participatif/[^"]+"[^>]*>([^<]+)</a></h3>', html)


def test_une_longue_liste_se_pagine_en_gardant_ses_filtres_avec_ou_sans_htmx(
    client: TestClient, plateforme_web: Plateforme, autrice: UUID, horloge_web: HorlogeWeb
) -> None:
    for numero in range(30):
        horloge_web.avancer(minutes=1)
        deposer_directement(plateforme_web, autrice, titre=f"Jardin n° {numero:02d}")
    deposer_directement(plateforme_web, autrice, titre="Fresque", theme="culture")
    url = "/conseils/18/budget-participatif?theme=environnement&tri=date"

    premiere = client.get(url)

    assert "30 propositions ouvertes au soutien" in lisible(premiere.text)
    assert _titres(premiere.text) == [f"Jardin n° {n:02d}" for n in range(29, 5, -1)]  # 24
    assert "page 1 sur 2, propositions 1 à 24" in premiere.text
    suivante = "/conseils/18/budget-participatif?theme=environnement&amp;tri=date&amp;page=2"
    assert f'id="lien-page-suivante" rel="next" href="{suivante}"' in premiere.text
    assert f'hx-get="{suivante}" hx-target="#resultats"' in premiere.text
    assert 'aria-current="page"' in premiere.text

    sans_js = client.get(f"{url}&page=2")
    assert "<html" in sans_js.text
    assert _titres(sans_js.text) == [f"Jardin n° {n:02d}" for n in range(5, -1, -1)]
    assert "propositions 25 à 30" in sans_js.text and "Fresque" not in sans_js.text
    assert '<option value="environnement" selected>' in sans_js.text  # the filters are kept

    avec_htmx = client.get(f"{url}&page=2", headers={**HTMX, "HX-Trigger": "lien-page-suivante"})
    assert avec_htmx.text.lstrip().startswith('<section id="resultats"')
    assert '<h2 id="titre-resultats" tabindex="-1" autofocus>' in avec_htmx.text
    assert "annonce-resultats" not in avec_htmx.text  # the focused heading says it
    assert _titres(avec_htmx.text) == _titres(sans_js.text)

    filtre = client.get(f"{url}&page=2", headers={**HTMX, "HX-Trigger": "filtre-theme"})
    assert "autofocus" not in filtre.text  # a filter keeps the focus on its field
    assert 'hx-swap-oob="innerHTML">30 propositions ouvertes au soutien, page 2 sur 2.' in (
        filtre.text
    )
    au_dela = client.get(f"{url}&page=99")
    assert "page 2 sur 2" in au_dela.text  # a page past the end shows the last one
    assert client.get(f"{url}&page=-3").status_code == 200


def test_la_pagination_de_paris_garde_le_conseil_choisi(
    client: TestClient, plateforme_web: Plateforme, autrice: UUID
) -> None:
    for numero in range(25):
        deposer_directement(plateforme_web, autrice, 19, titre=f"Stade {numero}")
    page = client.get("/budget-participatif?conseil=19&statut=toutes").text
    assert 'href="/budget-participatif?conseil=19&amp;statut=toutes&amp;page=2"' in page


def test_la_liste_d_un_conseil_filtre_par_quartier_et_propose_de_deposer(
    client: TestClient, plateforme_web: Plateforme, autrice: UUID
) -> None:
    deposer_directement(plateforme_web, autrice, titre="Jardin Léon")
    deposer_directement(plateforme_web, autrice, titre="Bancs hors QPV", quartier="hors_qpv")
    deposer_directement(plateforme_web, autrice, 19, titre="Stade Curial")

    page = client.get(f"/conseils/18/budget-participatif?quartier={QPV_18}")

    assert page.status_code == 200
    assert "Jardin Léon" in page.text
    assert "Bancs hors QPV" not in page.text and "Stade Curial" not in page.text
    assert 'href="/conseils/18/budget-participatif/deposer"' in page.text
    assert client.get("/conseils/99/budget-participatif").status_code == 404


def test_le_conseil_et_la_navigation_menent_aux_propositions(client: TestClient) -> None:
    page = client.get("/conseils/18")
    assert 'href="/conseils/18/budget-participatif"' in page.text
    assert 'href="/budget-participatif"' in page.text


# --- filing ----------------------------------------------------------------------------------


def test_une_participante_depose_une_proposition_par_le_formulaire(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    formulaire = client.get("/conseils/18/budget-participatif/deposer")
    assert 'id="depot-titre"' in formulaire.text and QPV_18 in formulaire.text

    reponse = poster(
        client, "/conseils/18/budget-participatif", DEPOT, page="/conseils/18/budget-participatif"
    )

    assert reponse.status_code == 303
    page = client.get(reponse.headers["location"])
    texte = lisible(page.text)
    assert "Un jardin partagé rue Léon" in texte and "Camille Habitante" in texte
    assert "80\u202f000\u202f€ selon l'auteur·rice" in texte
    assert "Votre proposition est déposée" in texte
    frise = section(page.text, "etapes")
    assert "Déposée" in frise and "Participant·e" in lisible(frise)


def test_une_saisie_invalide_revient_avec_son_message_et_ce_qui_a_ete_tape(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/conseils/18/budget-participatif", {**DEPOT, "cout": "beaucoup"})

    assert reponse.status_code == 422
    texte = lisible(reponse.text)
    assert "doit être un nombre entier d'euros" in texte
    assert 'value="Un jardin partagé rue Léon"' in texte  # what was typed is kept
    assert "Transformer la friche" in texte and 'value="beaucoup"' in texte
    assert f'<option value="{QPV_18}" selected>' in texte
    assert (
        'id="depot-theme-environnement" name="theme" value="environnement" required checked'
        in texte
    )
    champ = re.search(r'<input[^>]*id="depot-cout"[^>]*>', texte)
    assert champ and 'aria-invalid="true"' in champ.group(0)
    assert "erreur-depot-cout" in champ.group(0)
    assert '<a href="#depot-cout">' in texte and "autofocus" in texte
    assert plateforme_web.registre.position() == avant


@pytest.mark.parametrize(
    ("champs", "champ", "message"),
    [
        ({"titre": "  "}, "titre", "« titre » est obligatoire"),
        ({"titre": "x" * 201}, "titre", "trop long"),
        ({"cout": "0"}, "cout", "au moins 1 €"),
        ({"cout": "-300"}, "cout", "au moins 1 €"),
        ({"cout": "999999999"}, "cout", "dépasse l'enveloppe annuelle"),
        ({"cout": ""}, "cout", "« coût estimé » est obligatoire"),
        ({"theme": "politique"}, "theme", "Choisissez un thème"),
        ({"quartier": "QPV-19-ALGERIE"}, "quartier", "pas un quartier prioritaire du 18e"),
        ({"image": "javascript:alert(1)"}, "image", "https://"),
    ],
)
def test_chaque_erreur_de_saisie_est_liee_a_son_champ_en_place_avec_htmx(
    client: TestClient,
    participant_web: UUID,
    plateforme_web: Plateforme,
    champs: dict[str, str],
    champ: str,
    message: str,
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/conseils/18/budget-participatif", {**DEPOT, **champs}, htmx=True)

    assert reponse.status_code == 422
    assert reponse.text.lstrip().startswith('<form id="formulaire-depot"')  # the form alone
    assert f'id="erreur-depot-{champ}"' in reponse.text
    assert message in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_sans_compte_on_ne_depose_pas(client: TestClient, plateforme_web: Plateforme) -> None:
    assert "connectez-vous" in client.get("/conseils/18/budget-participatif/deposer").text
    avant = plateforme_web.registre.position()
    reponse = poster(client, "/conseils/18/budget-participatif", DEPOT)
    assert reponse.status_code == 403
    assert plateforme_web.registre.position() == avant


# --- supports --------------------------------------------------------------------------------


def test_soutenir_puis_retirer_son_soutien_en_place(
    client: TestClient, participant_web: UUID, proposition: UUID, plateforme_web: Plateforme
) -> None:
    page = client.get(url(proposition))
    assert '<strong id="nombre-soutiens">0</strong>' in page.text
    assert 'hx-post="/budget-participatif/' in section(page.text, "soutien")

    reponse = poster(client, url(proposition, "/soutien"), {"soutien": "oui"}, htmx=True)
    assert reponse.status_code == 200
    assert reponse.text.lstrip().startswith('<section id="soutien"')
    assert '<strong id="nombre-soutiens">1</strong>' in reponse.text
    assert "Retirer mon soutien" in reponse.text and "Merci pour votre soutien" in reponse.text

    avant = plateforme_web.registre.position()
    encore = poster(client, url(proposition, "/soutien"), {"soutien": "oui"}, htmx=True)
    assert encore.status_code == 200 and '<strong id="nombre-soutiens">1</strong>' in encore.text
    assert plateforme_web.registre.position() == avant  # supporting twice records nothing

    retrait = poster(client, url(proposition, "/soutien"), {"soutien": "non"}, htmx=True)
    assert '<strong id="nombre-soutiens">0</strong>' in retrait.text
    assert "Soutenir cette proposition" in retrait.text


def test_apres_un_soutien_le_message_prend_le_focus_et_est_annonce(
    client: TestClient, participant_web: UUID, proposition: UUID
) -> None:
    assert 'hx-disabled-elt="find button"' in section(client.get(url(proposition)).text, "soutien")
    reponse = poster(client, url(proposition, "/soutien"), {"soutien": "oui"}, htmx=True)
    assert (
        '<p class="note succes" role="status" tabindex="-1" autofocus>Merci pour votre soutien !'
        in reponse.text
    )
    retrait = poster(client, url(proposition, "/soutien"), {"soutien": "non"}, htmx=True)
    assert 'role="status" tabindex="-1" autofocus>Votre soutien est retiré.' in retrait.text


def test_un_soutien_sur_une_proposition_close_entre_temps_est_refuse_en_place(
    client: TestClient,
    participant_web: UUID,
    proposition: UUID,
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
) -> None:
    agent = acteur_de(plateforme_web, comptes_web("Agente", "agent_ville")[0])
    plateforme_web.projecteur.attendre(
        plateforme_web.budget.faire_avancer(
            agent, proposition, None, S.IRRECEVABLE, motif="Hors compétence"
        )
    )
    avant = plateforme_web.registre.position()
    reponse = poster(client, url(proposition, "/soutien"), {"soutien": "oui"}, htmx=True)
    assert reponse.status_code == 409
    assert reponse.text.lstrip().startswith('<section id="soutien"')
    assert 'role="alert" tabindex="-1" autofocus' in reponse.text
    assert "Les soutiens sont clos" in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_sans_javascript_le_soutien_redirige_vers_la_proposition(
    client: TestClient, participant_web: UUID, proposition: UUID
) -> None:
    reponse = poster(client, url(proposition, "/soutien"), {"soutien": "oui"})
    assert reponse.status_code == 303 and reponse.headers["location"] == url(proposition)
    assert '<strong id="nombre-soutiens">1</strong>' in client.get(url(proposition)).text


def test_un_visiteur_anonyme_est_invite_a_se_connecter_pour_soutenir(
    client: TestClient, proposition: UUID, plateforme_web: Plateforme
) -> None:
    page = client.get(url(proposition))
    assert f"/connexion?suite=/budget-participatif/{proposition}" in page.text
    avant = plateforme_web.registre.position()
    assert poster(client, url(proposition, "/soutien"), {"soutien": "oui"}).status_code == 403
    assert plateforme_web.registre.position() == avant


# --- comments and moderation -----------------------------------------------------------------


def test_l_animation_masque_un_commentaire_avec_un_motif_visible(
    client: TestClient,
    nouveau_client: Callable[[], TestClient],
    comptes_web: ComptesWeb,
    participant_web: UUID,
    proposition: UUID,
    plateforme_web: Plateforme,
) -> None:
    assert poster(client, url(proposition, "/commentaires"), {"commentaire": "Hors sujet !"})
    assert "Hors sujet !" in client.get(url(proposition)).text
    assert "Masquer ce commentaire" not in client.get(url(proposition)).text

    avant = plateforme_web.registre.position()
    interdit = poster(client, url(proposition, "/commentaires/1/masquer"), {"motif": "Spam"})
    assert interdit.status_code == 403 and plateforme_web.registre.position() == avant

    animation = nouveau_client()
    _, email = comptes_web("Dominique Animatrice", "animateur", 18)
    connecter(animation, email)
    page = animation.get(url(proposition))
    assert "Masquer ce commentaire" in page.text

    avant = plateforme_web.registre.position()
    sans_motif = poster(animation, url(proposition, "/commentaires/1/masquer"), {"motif": " "})
    assert sans_motif.status_code == 422
    assert "motif du masquage" in lisible(sans_motif.text)
    assert plateforme_web.registre.position() == avant

    masque = poster(
        animation, url(proposition, "/commentaires/1/masquer"), {"motif": "Propos hors sujet"}
    )
    assert masque.status_code == 303
    publique = lisible(client.get(url(proposition)).text)
    assert "Commentaire masqué par l'animation : Propos hors sujet" in publique
    assert "Hors sujet !" not in publique


def test_un_commentaire_vide_revient_en_place_avec_son_message(
    client: TestClient, participant_web: UUID, proposition: UUID
) -> None:
    reponse = poster(client, url(proposition, "/commentaires"), {"commentaire": ""}, htmx=True)
    assert reponse.status_code == 422
    assert reponse.text.lstrip().startswith('<form id="formulaire-commentaire"')
    assert "« commentaire » est obligatoire" in lisible(reponse.text)


# --- the council's backing -------------------------------------------------------------------


def test_l_animation_enregistre_le_portage_par_une_decision_adoptee(
    client: TestClient,
    animateur_web: UUID,
    proposition: UUID,
    plateforme_web: Plateforme,
    horloge_web: HorlogeWeb,
) -> None:
    animateur = acteur_de(plateforme_web, animateur_web)
    seance_id, _ = plateforme_web.seances.planifier(
        animateur, 18, horloge_web() + timedelta(days=1), "Salle", "BP"
    )
    horloge_web.avancer(days=2)
    plateforme_web.projecteur.attendre(
        plateforme_web.seances.enregistrer_decision(
            animateur, seance_id, "Porter le jardin", 9, 1, 0
        )
    )
    page = client.get(url(proposition))
    assert 'id="formulaire-portage"' in page.text

    reponse = poster(client, url(proposition, "/portage"), {"decision": f"{seance_id}:1"})

    assert reponse.status_code == 303
    page = lisible(client.get(url(proposition)).text)
    assert "Portée par le conseil citoyen" in page and "« Porter le jardin »" in page
    assert 'id="formulaire-portage"' not in page


# --- the lifecycle ---------------------------------------------------------------------------

PARCOURS = [
    ("recevable", {}),
    ("etudiee", {"cout": "95 000"}),
    ("soumise_au_vote", {}),
    ("laureate", {"voix": "1842"}),
    ("en_realisation", {}),
    ("realisee", {"date": "2026-03-02"}),
]


def test_une_proposition_va_de_deposee_a_realisee_par_l_agent_de_la_ville_seulement(
    client: TestClient,
    nouveau_client: Callable[[], TestClient],
    comptes_web: ComptesWeb,
    agent_ville_web: TestClient,
    participant_web: UUID,
    proposition: UUID,
    plateforme_web: Plateforme,
) -> None:
    animation = nouveau_client()
    _, email = comptes_web("Dominique Animatrice", "animateur", 18)
    connecter(animation, email)

    for statut, champs in PARCOURS:
        page = agent_ville_web.get(url(proposition)).text
        donnees = {**champs, "version": version_statut(page, statut)}
        for intrus in (client, animation):  # a participant, an animateur of the council
            assert 'id="formulaire-etape-' not in intrus.get(url(proposition)).text
            avant = plateforme_web.registre.position()
            refus = poster(intrus, url(proposition, f"/statut/{statut}"), donnees)
            assert refus.status_code == 403, statut
            assert plateforme_web.registre.position() == avant

        reponse = poster(agent_ville_web, url(proposition, f"/statut/{statut}"), donnees)
        assert reponse.status_code == 303, lisible(reponse.text)

    page = agent_ville_web.get(url(proposition)).text
    assert etapes_proposees(page) == []
    assert "Plus aucune étape n'est possible" in lisible(page)
    frise = lisible(section(page, "etapes"))
    for libelle in ("Déposée", "Recevable", "Étudiée", "Soumise au vote", "Lauréate"):
        assert libelle in frise
    assert "En réalisation" in frise and "Réalisée le lundi 2 mars 2026" in frise
    assert "Coût réestimé par la Ville : 95\u202f000\u202f€" in frise
    assert "1\u202f842 voix" in frise and frise.count("Agent de la Ville") == 6
    ligne = plateforme_web.lecture.proposition_bp(proposition)
    assert (ligne.statut, ligne.cout, ligne.voix) == ("realisee", 95_000, 1_842)


def test_l_agent_ne_voit_que_les_transitions_legales(
    agent_ville_web: TestClient, proposition: UUID, plateforme_web: Plateforme, autrice: UUID
) -> None:
    deposer_directement(plateforme_web, autrice, titre="Aménager le square Léon")
    page = agent_ville_web.get(url(proposition)).text
    assert etapes_proposees(page) == ["recevable", "irrecevable", "fusionnee"]
    assert "Aménager le square Léon" in section(page, "cycle")  # the merge target list

    poster(agent_ville_web, url(proposition, "/statut/recevable"), {"version": "1"})
    page = agent_ville_web.get(url(proposition)).text
    assert etapes_proposees(page) == ["etudiee", "abandonnee", "fusionnee"]


def test_une_transition_illegale_ou_un_formulaire_perime_sont_refuses(
    agent_ville_web: TestClient, proposition: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()
    illegale = poster(agent_ville_web, url(proposition, "/statut/laureate"), {"voix": "10"})
    assert illegale.status_code == 409
    assert "« déposée » : elle ne peut pas passer au statut « lauréate »" in lisible(illegale.text)
    assert plateforme_web.registre.position() == avant
    assert poster(agent_ville_web, url(proposition, "/statut/inconnu"), {}).status_code == 404

    assert "Impossible de continuer" not in illegale.text  # the page, its message on top
    assert 'id="refus" role="alert" tabindex="-1" autofocus' in illegale.text

    assert poster(agent_ville_web, url(proposition, "/statut/recevable"), {"version": "1"})
    perime = poster(
        agent_ville_web, url(proposition, "/statut/abandonnee"), {"version": "1", "motif": "x"}
    )
    assert perime.status_code == 409 and "rechargez la page" in lisible(perime.text)
    assert 'id="erreurs-etape-abandonnee"' in perime.text  # the form's summary...
    assert ">x</textarea>" in perime.text  # ...and what was typed
    avec_htmx = poster(
        agent_ville_web,
        url(proposition, "/statut/abandonnee"),
        {"version": "1", "motif": "Le terrain est vendu"},
        htmx=True,
    )
    assert avec_htmx.status_code == 409
    assert avec_htmx.text.lstrip().startswith('<form id="formulaire-etape-abandonnee"')
    assert ">Le terrain est vendu</textarea>" in avec_htmx.text


def test_les_formulaires_du_budget_laissent_le_serveur_valider_et_nomment_leurs_champs(
    client: TestClient, participant_web: UUID, proposition: UUID, agent_ville_web: TestClient
) -> None:
    pages = [
        client.get("/conseils/18/budget-participatif/deposer").text,
        client.get(url(proposition)).text,
        agent_ville_web.get(url(proposition)).text,
    ]
    for html in pages:
        formulaires = re.findall(r'<form id="formulaire-[^"]+"[^>]*>', html)
        assert formulaires and all("novalidate" in f for f in formulaires), formulaires
    assert 'id="depot-cout"' in pages[0] and 'id="commentaire-commentaire"' in pages[1]
    assert 'id="etape-irrecevable-motif"' in pages[2]


def test_les_erreurs_du_cycle_reviennent_dans_leur_formulaire(
    agent_ville_web: TestClient, proposition: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()
    sans_motif = poster(
        agent_ville_web, url(proposition, "/statut/irrecevable"), {"motif": ""}, htmx=True
    )
    assert sans_motif.status_code == 422
    assert sans_motif.text.lstrip().startswith('<form id="formulaire-etape-irrecevable"')
    assert 'id="erreur-etape-irrecevable-motif"' in sans_motif.text

    sans_js = poster(agent_ville_web, url(proposition, "/statut/irrecevable"), {"motif": ""})
    assert sans_js.status_code == 422 and "<html" in sans_js.text
    assert re.search(
        r'<details class="outil" open>\s*<summary>Déclarer la proposition irr', sans_js.text
    )
    assert plateforme_web.registre.position() == avant


def test_une_date_de_realisation_future_est_refusee(
    agent_ville_web: TestClient, proposition: UUID, plateforme_web: Plateforme
) -> None:
    for statut, champs in PARCOURS[:-1]:
        assert poster(agent_ville_web, url(proposition, f"/statut/{statut}"), champs)
    avant = plateforme_web.registre.position()

    reponse = poster(agent_ville_web, url(proposition, "/statut/realisee"), {"date": "2026-03-03"})

    assert reponse.status_code == 422
    assert "ne peut pas être dans le futur" in lisible(reponse.text)
    assert 'value="2026-03-03"' in reponse.text
    assert plateforme_web.registre.position() == avant


def test_une_proposition_inconnue_donne_404(client: TestClient) -> None:
    assert client.get("/budget-participatif/pas-un-identifiant").status_code == 404
    assert client.get(f"/budget-participatif/{UUID(int=3)}").status_code == 404
    assert jeton(client)  # the site still works
