"""Séances: who may plan them, and their life in the animateur's hands, through the web."""

import re
from collections.abc import Callable
from uuid import UUID, uuid4

import pytest
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb, HorlogeWeb
from tests.web.outils import (
    champs,
    connecter,
    erreur_en_place,
    jeton,
    lisible,
    planifier_seance,
    poster,
    rejoindre_directement,
    section,
    version_affichee,
)

PLAN = {"date": "2026-03-10T18:30", "lieu": "Centre Barbara", "ordre_du_jour": "Budget"}


@pytest.fixture
def seance(client: TestClient, animateur_web: UUID) -> str:
    """A séance of the 18e, planned by the animateur signed in on `client`, on 10 March."""
    return planifier_seance(client)


@pytest.fixture
def membre(plateforme_web: Plateforme, comptes_web: ComptesWeb) -> UUID:
    """Awa, member of the 18e assembly (joined through the platform)."""
    compte_id, _ = comptes_web("Awa Membre")
    rejoindre_directement(plateforme_web, compte_id, 18)
    return compte_id


def apres_le_debut(horloge_web: HorlogeWeb) -> None:
    horloge_web.avancer(days=9)  # 11 March, the day after the séance


# --- who may plan ------------------------------------------------------------------------------


def test_un_visiteur_anonyme_ne_peut_pas_planifier_de_seance(
    client: TestClient, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/conseils/18/seances", PLAN)

    assert reponse.status_code == 403
    assert "Connectez-vous pour effectuer cette action." in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_un_participant_ne_peut_pas_planifier_de_seance(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    assert "Planifier une séance" not in client.get("/conseils/18").text
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/conseils/18/seances", PLAN)

    assert reponse.status_code == 403
    assert "Seul·es les animateur·rices du conseil citoyen du 18e" in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_l_animateur_d_un_autre_conseil_ne_peut_pas_planifier_au_18e(
    client: TestClient, comptes_web: ComptesWeb, plateforme_web: Plateforme
) -> None:
    _, email = comptes_web("Yanis Animateur du 19e", "animateur", 19)
    connecter(client, email)
    assert "Planifier une séance" in client.get("/conseils/19").text
    assert "Planifier une séance" not in client.get("/conseils/18").text
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/conseils/18/seances", PLAN)

    assert reponse.status_code == 403
    assert "du 18e arrondissement" in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_l_animateur_du_18e_planifie_une_seance(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/conseils/18/seances", PLAN, page="/conseils/18")

    assert reponse.status_code == 303
    seance_id = UUID(reponse.headers["location"].removeprefix("/seances/"))
    assert plateforme_web.registre.position() == avant + 1
    page = lisible(client.get(f"/seances/{seance_id}").text)
    assert "Séance planifiée." in page
    assert "Séance du mardi 10 mars 2026 à 18 h 30" in page
    assert '<dd lang="fr" dir="auto">Centre Barbara</dd>' in page
    assert "À venir" in page
    assert f'action="/seances/{seance_id}/reprogrammer"' in page
    assert f'action="/seances/{seance_id}/annuler"' in page
    assert "La feuille de présence s'ouvre au début de la séance." in page
    conseil = lisible(client.get("/conseils/18").text)
    assert (
        f'<a href="/seances/{seance_id}">mardi 10 mars 2026 à 18 h 30</a> — <bdi lang="fr">Centre Barbara'
        in (conseil)
    )


def test_le_public_voit_la_seance_sans_les_outils_de_l_animateur(
    seance: str, nouveau_client: Callable[[], TestClient]
) -> None:
    visiteur = nouveau_client()

    reponse = visiteur.get(f"/seances/{seance}")

    assert reponse.status_code == 200
    assert "Centre Barbara" in reponse.text
    assert "/reprogrammer" not in reponse.text
    assert "/annuler" not in reponse.text
    assert "/anonymes" not in reponse.text


# --- planning rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2026-03-01T18:30", "La date d'une séance planifiée doit être dans le futur."),
        ("2026-03-02T09:59", "La date d'une séance planifiée doit être dans le futur."),
        ("2029-01-01T18:30", "plus de deux ans à l'avance"),
        ("demain soir", "Le champ « date et heure » n'est pas une date valide."),
        ("", "Le champ « date et heure » est obligatoire."),
    ],
)
def test_une_date_impossible_est_refusee(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme, date: str, message: str
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/conseils/18/seances", {**PLAN, "date": date})

    assert reponse.status_code == 422
    assert message in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_un_lieu_trop_long_est_refuse_sans_rien_enregistrer(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/conseils/18/seances", {**PLAN, "lieu": "x" * 500})

    assert reponse.status_code == 422
    assert "Le champ « lieu » est trop long (500 caractères, maximum 200)." in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_le_html_saisi_est_affiche_echappe(client: TestClient, animateur_web: UUID) -> None:
    seance_id = planifier_seance(
        client, lieu="<script>alert(1)</script>", ordre_du_jour='<img src=x onerror="alert(2)">'
    )

    for url in (f"/seances/{seance_id}", "/conseils/18"):
        html = client.get(url).text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
        assert "<script>alert(1)" not in html
        assert "<img src=x" not in html
    assert (
        "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in client.get(f"/seances/{seance_id}").text
    )


# --- reprogramming and concurrent edits ---------------------------------------------------------


def test_l_animateur_reprogramme_la_seance(
    client: TestClient, seance: str, plateforme_web: Plateforme
) -> None:
    page = client.get(f"/seances/{seance}").text
    version = version_affichee(page)

    reponse = poster(
        client,
        f"/seances/{seance}/reprogrammer",
        {
            "version": version,
            "date": "2026-03-12T19:00",
            "lieu": "Salle Saint-Bruno",
            "ordre_du_jour": "Budget et fête de quartier",
        },
        page=f"/seances/{seance}",
    )

    assert reponse.status_code == 303
    assert reponse.headers["location"] == f"/seances/{seance}"
    apres = lisible(client.get(f"/seances/{seance}").text)
    assert "Séance modifiée." in apres
    assert "jeudi 12 mars 2026 à 19 h 00" in apres
    assert '<dd lang="fr" dir="auto">Salle Saint-Bruno</dd>' in apres
    assert "Budget et fête de quartier" in apres
    assert version_affichee(apres) == version + 1


def test_reprogrammer_avec_htmx_renvoie_le_bloc_et_les_nouvelles_versions(
    client: TestClient, seance: str
) -> None:
    version = version_affichee(client.get(f"/seances/{seance}").text)

    reponse = poster(
        client,
        f"/seances/{seance}/reprogrammer",
        {"version": version, **PLAN, "lieu": "Salle Saint-Bruno"},
        htmx=True,
    )

    assert reponse.status_code == 200
    assert "<html" not in reponse.text
    plan = lisible(section(reponse.text, "plan"))
    assert "Séance modifiée." in plan
    assert '<dd lang="fr" dir="auto">Salle Saint-Bruno</dd>' in plan
    for formulaire in ("plan", "annuler", "anonymes", "compte-rendu"):
        assert (
            f'<input type="hidden" name="version" id="version-{formulaire}" '
            f'value="{version + 1}" hx-swap-oob="true">'
        ) in reponse.text


def test_deux_animateurs_modifient_la_meme_seance_le_second_doit_recharger(
    client: TestClient,
    seance: str,
    comptes_web: ComptesWeb,
    nouveau_client: Callable[[], TestClient],
    plateforme_web: Plateforme,
) -> None:
    _, email = comptes_web("Malik Coanimateur", "animateur", 18)
    collegue = nouveau_client()
    connecter(collegue, email)
    page_a = client.get(f"/seances/{seance}").text
    page_b = collegue.get(f"/seances/{seance}").text
    version = version_affichee(page_a)
    assert version_affichee(page_b) == version

    premiere = poster(
        client,
        f"/seances/{seance}/reprogrammer",
        {"version": version, **PLAN, "lieu": "Salle Première"},
    )
    avant = plateforme_web.registre.position()
    seconde = poster(
        collegue,
        f"/seances/{seance}/reprogrammer",
        {"version": version, **PLAN, "lieu": "Salle Seconde"},
    )

    assert premiere.status_code == 303
    assert seconde.status_code == 409
    message = lisible(seconde.text)
    assert "Quelqu'un d'autre vient de modifier cet élément" in message
    assert "rechargez la page" in message
    assert plateforme_web.registre.position() == avant
    rechargee = lisible(collegue.get(f"/seances/{seance}").text)
    assert '<dd lang="fr" dir="auto">Salle Première</dd>' in rechargee
    assert "Salle Seconde" not in rechargee
    assert version_affichee(rechargee) == version + 1


def test_sous_htmx_le_conflit_s_affiche_en_haut_du_formulaire_avec_la_saisie(
    client: TestClient, seance: str
) -> None:
    version = version_affichee(client.get(f"/seances/{seance}").text)
    assert (
        poster(
            client, f"/seances/{seance}/reprogrammer", {"version": version, **PLAN, "lieu": "A"}
        ).status_code
        == 303
    )

    reponse = poster(
        client,
        f"/seances/{seance}/reprogrammer",
        {"version": version, **PLAN, "lieu": "B"},
        htmx=True,
    )

    assert reponse.status_code == 409
    assert "hx-retarget" not in reponse.headers
    plan = lisible(section(reponse.text, "plan"))
    assert "rechargez la page" in plan
    assert '<dd lang="fr" dir="auto">A</dd>' in plan  # what the other animateur saved
    assert champs(reponse.text)["plan-lieu"]["valeur"] == "B"  # what this one typed


def test_une_seance_passee_ne_peut_plus_etre_reprogrammee(
    client: TestClient, seance: str, horloge_web: HorlogeWeb
) -> None:
    apres_le_debut(horloge_web)

    reponse = poster(
        client, f"/seances/{seance}/reprogrammer", {**PLAN, "date": "2026-04-01T18:30"}
    )

    assert reponse.status_code == 409
    assert "Une séance qui a déjà eu lieu ne peut plus être reprogrammée." in lisible(reponse.text)
    assert "/reprogrammer" not in client.get(f"/seances/{seance}").text


def test_l_animateur_d_un_autre_conseil_ne_touche_pas_aux_seances_du_18e(
    seance: str,
    comptes_web: ComptesWeb,
    nouveau_client: Callable[[], TestClient],
    plateforme_web: Plateforme,
) -> None:
    _, email = comptes_web("Yanis Animateur du 19e", "animateur", 19)
    autre = nouveau_client()
    connecter(autre, email)
    assert "/reprogrammer" not in autre.get(f"/seances/{seance}").text
    avant = plateforme_web.registre.position()

    reponse = poster(autre, f"/seances/{seance}/reprogrammer", {**PLAN, "lieu": "Ailleurs"})

    assert reponse.status_code == 403
    assert plateforme_web.registre.position() == avant


def test_agir_sur_une_seance_inconnue_repond_404(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    for url in (f"/seances/{uuid4()}/reprogrammer", "/seances/nimporte/annuler"):
        reponse = poster(client, url, {**PLAN, "motif": "x"})
        assert reponse.status_code == 404, url
        assert "Cette séance n'existe pas." in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


# --- the séance once started ---------------------------------------------------------------


def test_les_presences_ne_s_enregistrent_pas_avant_le_debut(
    client: TestClient, seance: str, membre: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(client, f"/seances/{seance}/presences/{membre}", {"present": "oui"})

    assert reponse.status_code == 409
    assert "La séance n'a pas encore eu lieu" in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_l_animateur_coche_puis_decoche_une_presence_avec_htmx(
    client: TestClient, seance: str, membre: UUID, horloge_web: HorlogeWeb
) -> None:
    apres_le_debut(horloge_web)
    page = lisible(client.get(f"/seances/{seance}").text)
    assert "Awa Membre" in page
    assert "Tenue" in page

    coche = poster(client, f"/seances/{seance}/presences/{membre}", {"present": "oui"}, htmx=True)

    assert coche.status_code == 200
    assert "<html" not in coche.text
    ligne = lisible(coche.text)
    assert ligne.lstrip().startswith('<tr id="ligne-1">')
    assert 'aria-label="Awa Membre, présent·e : marquer absent·e" autofocus' in ligne
    assert "Présent·e</button>" in ligne
    assert '<input type="hidden" name="present" value="non">' in ligne
    assert '<p id="presences-compte" hx-swap-oob="innerHTML">' in ligne
    assert '<strong id="nombre-presents">1</strong> présent·e sur 1 membre' in ligne
    assert "Awa Membre : présent·e." in ligne

    decoche = poster(client, f"/seances/{seance}/presences/{membre}", {"present": "non"}, htmx=True)

    ligne = lisible(decoche.text)
    assert '<strong id="nombre-presents">0</strong>' in ligne
    assert ">Absent·e</button>" in ligne
    assert "Awa Membre : absent·e." in ligne


def test_une_personne_qui_n_est_pas_membre_ne_peut_pas_etre_marquee_presente(
    client: TestClient, seance: str, horloge_web: HorlogeWeb, plateforme_web: Plateforme
) -> None:
    apres_le_debut(horloge_web)
    avant = plateforme_web.registre.position()

    reponse = poster(client, f"/seances/{seance}/presences/{uuid4()}", {"present": "oui"})

    assert reponse.status_code == 409
    assert "n'est pas membre de l'assemblée de ce conseil" in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_l_animateur_compte_les_participants_non_inscrits(
    client: TestClient, seance: str, horloge_web: HorlogeWeb, plateforme_web: Plateforme
) -> None:
    apres_le_debut(horloge_web)

    reponse = poster(client, f"/seances/{seance}/anonymes", {"nombre": "12"}, htmx=True)

    assert reponse.status_code == 200
    presences = lisible(section(reponse.text, "presences"))
    assert "Nombre de participants enregistré." in presences
    assert "<strong>12</strong> participants non inscrits" in presences
    assert "(12 participant·es)" in lisible(client.get("/conseils/18").text)

    avant = plateforme_web.registre.position()
    for valeur, message in (("-3", "ne peut pas être négatif"), ("douze", "nombre entier")):
        refus = poster(client, f"/seances/{seance}/anonymes", {"nombre": valeur})
        erreur_en_place(refus, "anonymes", "nombre", message, {"nombre": valeur})
    assert plateforme_web.registre.position() == avant


def test_l_animateur_redige_le_compte_rendu(
    client: TestClient, seance: str, horloge_web: HorlogeWeb
) -> None:
    apres_le_debut(horloge_web)

    reponse = poster(
        client,
        f"/seances/{seance}/compte-rendu",
        {"texte": "Vingt personnes présentes ; le budget est discuté."},
        htmx=True,
    )

    assert reponse.status_code == 200
    bloc = lisible(section(reponse.text, "compte-rendu"))
    assert "Compte rendu enregistré." in bloc
    assert "Vingt personnes présentes ; le budget est discuté." in bloc
    public = lisible(client.get(f"/seances/{seance}").text)
    assert "Vingt personnes présentes" in public


def test_le_compte_rendu_ne_peut_pas_etre_redige_avant_la_seance(
    client: TestClient, seance: str
) -> None:
    reponse = poster(client, f"/seances/{seance}/compte-rendu", {"texte": "Trop tôt"})

    assert reponse.status_code == 409
    assert "impossible de rédiger le compte rendu avant son début" in lisible(reponse.text)


def test_les_decisions_adoptees_et_rejetees_sont_affichees(
    client: TestClient, seance: str, horloge_web: HorlogeWeb
) -> None:
    apres_le_debut(horloge_web)

    adoptee = poster(
        client,
        f"/seances/{seance}/decisions",
        {"texte": "Créer un jardin partagé", "pour": "10", "contre": "2", "abstention": "1"},
    )
    rejetee = poster(
        client,
        f"/seances/{seance}/decisions",
        {"texte": "Fermer la rue le dimanche", "pour": "1", "contre": "5"},
        htmx=True,
    )

    assert adoptee.status_code == 303
    assert rejetee.status_code == 200
    decisions = lisible(section(rejetee.text, "decisions"))
    assert "Décision enregistrée." in decisions
    lignes = re.findall(r"<tr><td[^>]*>\d+</td>.*?</tr>", decisions, re.S)
    assert len(lignes) == 2
    assert "Créer un jardin partagé" in lignes[0] and "<strong>Adoptée</strong>" in lignes[0]
    assert "Fermer la rue le dimanche" in lignes[1] and "Rejetée" in lignes[1]
    conseil = lisible(client.get("/conseils/18").text)
    assert "Créer un jardin partagé" in conseil
    assert "(10 pour, 2 contre, 1 abstention)" in conseil
    assert "Fermer la rue le dimanche" not in conseil


def test_la_regle_de_majorite_du_conseil_s_applique_aux_decisions(
    client: TestClient, seance: str, horloge_web: HorlogeWeb
) -> None:
    fixee = poster(client, "/conseils/18/majorite", {"regle": "deux_tiers"})
    assert fixee.status_code == 303
    assert "Majorité des deux tiers" in client.get("/conseils/18/reglement").text
    apres_le_debut(horloge_web)

    reponse = poster(
        client,
        f"/seances/{seance}/decisions",
        {"texte": "Repeindre le préau", "pour": "6", "contre": "4"},
        htmx=True,
    )

    decisions = lisible(section(reponse.text, "decisions"))
    assert "Rejetée" in decisions
    assert "Majorité des deux tiers des suffrages exprimés" in decisions


@pytest.mark.parametrize(
    ("votes", "champ", "message"),
    [
        ({"pour": "3", "contre": "-1"}, "contre", "Le champ « contre » ne peut pas être négatif."),
        ({"pour": "0", "contre": "0"}, "pour", "Une décision doit compter au moins un vote."),
        (
            {"pour": "beaucoup", "contre": "0"},
            "pour",
            "Le champ « pour » doit être un nombre entier.",
        ),
    ],
)
def test_des_votes_invalides_sont_refuses_dans_le_formulaire(
    client: TestClient,
    seance: str,
    horloge_web: HorlogeWeb,
    plateforme_web: Plateforme,
    votes: dict[str, str],
    champ: str,
    message: str,
) -> None:
    apres_le_debut(horloge_web)
    avant = plateforme_web.registre.position()

    reponse = poster(
        client, f"/seances/{seance}/decisions", {"texte": "Une décision", **votes}, htmx=True
    )

    erreur_en_place(reponse, "decision", champ, message, {"texte": "Une décision", **votes})
    assert "hx-retarget" not in reponse.headers
    assert "<html" not in reponse.text
    assert plateforme_web.registre.position() == avant


def test_un_participant_ne_peut_pas_enregistrer_de_decision(
    seance: str,
    horloge_web: HorlogeWeb,
    comptes_web: ComptesWeb,
    nouveau_client: Callable[[], TestClient],
    plateforme_web: Plateforme,
) -> None:
    apres_le_debut(horloge_web)
    _, email = comptes_web("Camille Habitante")
    participant = nouveau_client()
    connecter(participant, email)
    avant = plateforme_web.registre.position()

    reponse = poster(
        participant,
        f"/seances/{seance}/decisions",
        {"texte": "Décision pirate", "pour": "100", "contre": "0"},
    )

    assert reponse.status_code == 403
    assert plateforme_web.registre.position() == avant


# --- cancelling -----------------------------------------------------------------------------------


def test_l_animateur_annule_une_seance_sans_presence(client: TestClient, seance: str) -> None:
    version = version_affichee(client.get(f"/seances/{seance}").text, "annuler")

    reponse = poster(
        client, f"/seances/{seance}/annuler", {"version": version, "motif": "Salle indisponible"}
    )

    assert reponse.status_code == 303
    page = lisible(client.get(f"/seances/{seance}").text)
    assert "Séance annulée." in page
    assert "Annulée : Salle indisponible" in page
    assert 'id="presences"' not in page
    assert "/reprogrammer" not in page
    assert '<span class="etiquette">annulée</span>' in client.get("/conseils/18").text

    encore = poster(client, f"/seances/{seance}/annuler", {"motif": "Deux fois"})
    assert encore.status_code == 409
    assert "Cette séance a été annulée." in lisible(encore.text)


def test_annuler_demande_un_motif(
    client: TestClient, seance: str, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(client, f"/seances/{seance}/annuler", {"motif": "  "})

    assert reponse.status_code == 422
    assert "Le champ « motif d'annulation » est obligatoire." in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_une_seance_avec_des_presences_ne_peut_plus_etre_annulee(
    client: TestClient,
    seance: str,
    membre: UUID,
    horloge_web: HorlogeWeb,
    plateforme_web: Plateforme,
) -> None:
    apres_le_debut(horloge_web)
    presence = poster(client, f"/seances/{seance}/presences/{membre}", {"present": "oui"})
    assert presence.status_code == 303
    assert "/annuler" not in client.get(f"/seances/{seance}").text
    avant = plateforme_web.registre.position()

    reponse = poster(client, f"/seances/{seance}/annuler", {"motif": "Finalement non"})

    assert reponse.status_code == 409
    assert "elle ne peut plus être annulée" in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant
    page = lisible(client.get(f"/seances/{seance}").text)
    assert "Tenue" in page
    assert "(1 participant·es)" in lisible(client.get("/conseils/18").text)


def test_le_jeton_csrf_d_une_page_de_seance_vaut_pour_ses_formulaires(
    client: TestClient, seance: str
) -> None:
    """The token is per session: the one on the séance page is the one every form carries."""
    html = client.get(f"/seances/{seance}").text
    valeurs = set(re.findall(r'name="csrf" value="([^"]+)"', html))

    assert valeurs == {jeton(client)}
