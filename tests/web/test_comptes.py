"""Accounts: signing up, signing in (and its throttle), signing out, and the administrators' page."""

from typing import Any
from uuid import UUID

from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb
from tests.web.outils import (
    MOT_DE_PASSE_WEB,
    connecter,
    erreur_en_place,
    jeton,
    lisible,
    poster,
)

NOUVEAU_MDP = "un mot de passe assez long"


def inscrire(client: TestClient, **champs: str) -> Any:
    donnees = {
        "nom": "Léa Nouvelle",
        "email": "lea@exemple.fr",
        "mot_de_passe": NOUVEAU_MDP,
        "confirmation": NOUVEAU_MDP,
        "suite": "/",
        **champs,
    }
    return poster(client, "/inscription", donnees, page="/inscription")


def test_creer_un_compte_connecte_la_personne_et_la_ramene_ou_elle_allait(
    client: TestClient, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()
    page = client.get("/inscription?suite=/conseils/18")
    assert 'name="suite" value="/conseils/18"' in page.text

    reponse = inscrire(client, suite="/conseils/18")

    assert reponse.status_code == 303
    assert reponse.headers["location"] == "/conseils/18"
    assert plateforme_web.registre.position() == avant + 1
    assert plateforme_web.identites.par_email("lea@exemple.fr") is not None
    suite = lisible(client.get("/conseils/18").text)
    assert "Votre compte est créé : vous êtes connecté·e." in suite
    assert "Mon compte (Léa Nouvelle)" in suite
    assert "Se déconnecter" in suite
    assert 'action="/conseils/18/adhesion"' in suite


def test_apres_l_inscription_on_ne_suit_pas_une_adresse_exterieure(client: TestClient) -> None:
    reponse = inscrire(client, suite="//pirate.example.org/piege")

    assert reponse.status_code == 303
    assert reponse.headers["location"] == "/"


def test_une_adresse_deja_utilisee_est_refusee_en_francais(
    client: TestClient, plateforme_web: Plateforme, comptes_web: ComptesWeb
) -> None:
    _, email = comptes_web("Premier Titulaire")
    avant = plateforme_web.registre.position()

    reponse = inscrire(client, email=email.upper())

    assert reponse.status_code == 422
    assert "Un compte existe déjà avec cette adresse électronique." in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant
    assert "Se déconnecter" not in reponse.text


def test_deux_mots_de_passe_differents_sont_refuses(
    client: TestClient, plateforme_web: Plateforme
) -> None:
    reponse = inscrire(client, confirmation="un autre mot de passe")

    assert reponse.status_code == 422
    assert "Les deux mots de passe ne correspondent pas." in lisible(reponse.text)
    assert plateforme_web.identites.par_email("lea@exemple.fr") is None


def test_un_mot_de_passe_trop_court_est_refuse(
    client: TestClient, plateforme_web: Plateforme
) -> None:
    reponse = inscrire(client, mot_de_passe="court", confirmation="court")

    assert reponse.status_code == 422
    assert "Le mot de passe doit compter au moins 10 caractères." in lisible(reponse.text)
    assert plateforme_web.identites.par_email("lea@exemple.fr") is None


def test_une_adresse_electronique_invalide_est_refusee(client: TestClient) -> None:
    reponse = inscrire(client, email="pas-une-adresse")

    assert reponse.status_code == 422
    assert "Adresse électronique invalide." in lisible(reponse.text)


def test_au_dela_de_vingt_tentatives_depuis_une_adresse_l_inscription_est_suspendue(
    client: TestClient, plateforme_web: Plateforme
) -> None:
    """Failed attempts count too: the form tells whether an e-mail already has an account."""
    for numero in range(15):
        assert inscrire(client, email=f"lot{numero}@exemple.fr").status_code == 303
    for numero in range(5):
        assert inscrire(client, email=f"lot{numero}@exemple.fr").status_code == 422

    reponse = inscrire(client, email="de-trop@exemple.fr")

    assert reponse.status_code == 429
    assert "Trop de créations de compte : réessayez dans 60 minutes." in lisible(reponse.text)
    assert plateforme_web.identites.par_email("de-trop@exemple.fr") is None


def test_se_connecter_ouvre_une_session_a_son_nom(
    client: TestClient, comptes_web: ComptesWeb
) -> None:
    _, email = comptes_web("Samia Connectée")

    reponse = poster(
        client,
        "/connexion",
        {"email": f"  {email.upper()} ", "mot_de_passe": MOT_DE_PASSE_WEB, "suite": "/compte"},
        page="/connexion?suite=/compte",
    )

    assert reponse.status_code == 303
    assert reponse.headers["location"] == "/compte"
    compte = lisible(client.get("/compte").text)
    assert "Vous êtes connecté·e." in compte
    assert "Samia Connectée" in compte
    assert email in compte
    assert "Vous n'avez encore rejoint aucune assemblée." in compte


def test_un_mauvais_mot_de_passe_est_refuse_sans_ouvrir_de_session(
    client: TestClient, comptes_web: ComptesWeb
) -> None:
    _, email = comptes_web("Samia Connectée")

    mauvais = poster(
        client, "/connexion", {"email": email, "mot_de_passe": "pas le bon mot"}, page="/connexion"
    )
    inconnu = poster(
        client,
        "/connexion",
        {"email": "personne@exemple.fr", "mot_de_passe": MOT_DE_PASSE_WEB},
        page="/connexion",
    )

    for reponse in (mauvais, inconnu):
        assert reponse.status_code == 422
        assert "Adresse électronique ou mot de passe incorrect." in lisible(reponse.text)
    assert client.get("/compte").headers["location"] == "/connexion?suite=/compte"


def test_apres_cinq_echecs_la_connexion_est_suspendue_meme_avec_le_bon_mot_de_passe(
    client: TestClient, comptes_web: ComptesWeb
) -> None:
    _, email = comptes_web("Samia Connectée")
    for _ in range(5):
        reponse = poster(
            client, "/connexion", {"email": email, "mot_de_passe": "pas le bon"}, page="/connexion"
        )
        assert reponse.status_code == 422

    reponse = poster(
        client, "/connexion", {"email": email, "mot_de_passe": MOT_DE_PASSE_WEB}, page="/connexion"
    )

    assert reponse.status_code == 429
    assert "Trop de tentatives de connexion : réessayez dans 15 minutes." in lisible(reponse.text)
    assert client.get("/compte").status_code == 303


def test_la_connexion_renouvelle_la_session_et_son_jeton(
    client: TestClient, comptes_web: ComptesWeb, plateforme_web: Plateforme
) -> None:
    """No session fixation: a token read before signing in is worthless afterwards."""
    _, email = comptes_web("Samia Connectée")
    ancien = jeton(client)
    connecter(client, email)
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/conseils/18/adhesion", {"college": "habitant"}, csrf=ancien)

    assert reponse.status_code == 403
    assert plateforme_web.registre.position() == avant
    assert jeton(client) != ancien


def test_se_deconnecter_ferme_la_session(client: TestClient, participant_web: UUID) -> None:
    reponse = poster(client, "/deconnexion")

    assert reponse.status_code == 303
    assert reponse.headers["location"] == "/"
    accueil = lisible(client.get("/").text)
    assert "Vous êtes déconnecté·e." in accueil
    assert "Se connecter" in accueil
    assert "Se déconnecter" not in accueil
    assert client.get("/compte").status_code == 303


def test_mon_compte_sans_session_renvoie_vers_la_connexion(client: TestClient) -> None:
    reponse = client.get("/compte")

    assert reponse.status_code == 303
    assert reponse.headers["location"] == "/connexion?suite=/compte"


def test_l_administration_des_comptes_est_reservee_aux_administrateurs(
    client: TestClient, comptes_web: ComptesWeb
) -> None:
    anonyme = client.get("/admin/comptes")
    assert anonyme.status_code == 403
    assert "Connectez-vous pour effectuer cette action." in lisible(anonyme.text)

    _, email = comptes_web("Camille Habitante")
    connecter(client, email)
    participant = client.get("/admin/comptes")
    assert participant.status_code == 403
    assert "Seul·es les administrateur·rices" in lisible(participant.text)
    assert 'href="/admin/comptes"' not in client.get("/").text


def test_un_administrateur_attribue_puis_retire_un_role_d_animateur(
    client: TestClient, comptes_web: ComptesWeb, plateforme_web: Plateforme
) -> None:
    _, email_admin = comptes_web("Alix Administratrice", "admin")
    camille, _ = comptes_web("Camille Habitante")
    connecter(client, email_admin)

    page = client.get("/admin/comptes")
    assert page.status_code == 200
    assert 'href="/admin/comptes"' in page.text
    assert "Camille Habitante" in page.text
    assert f'action="/admin/comptes/{camille}/roles"' in page.text

    reponse = poster(
        client,
        f"/admin/comptes/{camille}/roles",
        {"role": "animateur", "arrondissement": "18"},
        page="/admin/comptes",
    )

    assert reponse.status_code == 303
    assert reponse.headers["location"] == "/admin/comptes"
    apres = lisible(client.get("/admin/comptes").text)
    assert "Rôle attribué." in apres
    assert "Animateur·rice 18<sup>e</sup>" in apres
    acteur = plateforme_web.comptes.acteur(camille)
    assert acteur is not None and acteur.conseils_animes == [18]

    retrait = poster(
        client,
        f"/admin/comptes/{camille}/roles",
        {"action": "retirer", "role": "animateur", "arrondissement": "18"},
        page="/admin/comptes",
    )

    assert retrait.status_code == 303
    assert "Rôle retiré." in lisible(client.get("/admin/comptes").text)
    acteur = plateforme_web.comptes.acteur(camille)
    assert acteur is not None and acteur.conseils_animes == []


def test_un_role_d_animateur_sans_conseil_est_refuse(
    client: TestClient, comptes_web: ComptesWeb, plateforme_web: Plateforme
) -> None:
    _, email_admin = comptes_web("Alix Administratrice", "admin")
    camille, _ = comptes_web("Camille Habitante")
    connecter(client, email_admin)
    avant = plateforme_web.registre.position()

    reponse = poster(
        client, f"/admin/comptes/{camille}/roles", {"role": "animateur", "arrondissement": ""}
    )

    erreur_en_place(
        reponse,
        f"attribuer-{camille}",
        "arrondissement",
        "Un rôle d'animateur·rice se rattache à un conseil citoyen.",
        gardes={"role": "animateur"},
    )
    sans_role = poster(client, f"/admin/comptes/{camille}/roles", {"arrondissement": "19"})
    erreur_en_place(
        sans_role,
        f"attribuer-{camille}",
        "role",
        "Choisissez le rôle à attribuer.",
        gardes={"arrondissement": "19"},
    )
    assert plateforme_web.registre.position() == avant


def test_retirer_son_propre_role_d_administration_revient_sur_sa_ligne(
    client: TestClient, comptes_web: ComptesWeb, plateforme_web: Plateforme
) -> None:
    alix, email_admin = comptes_web("Alix Administratrice", "admin")
    connecter(client, email_admin)
    avant = plateforme_web.registre.position()

    reponse = poster(client, f"/admin/comptes/{alix}/roles", {"action": "retirer", "role": "admin"})

    assert reponse.status_code == 409
    assert f'id="erreurs-retirer-{alix}" role="alert"' in reponse.text
    assert "Vous ne pouvez pas retirer votre propre rôle" in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_un_jeton_d_api_sans_nom_ou_trop_long_revient_a_cote_du_champ(
    client: TestClient, comptes_web: ComptesWeb, plateforme_web: Plateforme
) -> None:
    agent, email = comptes_web("Agent Ville", "agent_ville")
    connecter(client, email)

    for libelle, message in (
        ("   ", "Le champ « nom du jeton » est obligatoire."),
        ("x" * 121, "Le champ « nom du jeton » est trop long"),
    ):
        reponse = poster(client, "/compte/jetons", {"libelle": libelle}, page="/compte")

        erreur_en_place(reponse, "jeton", "libelle", message, gardes={"libelle": libelle})
    assert plateforme_web.jetons.de(agent) == []


def test_un_participant_ne_cree_pas_de_jeton_meme_avec_un_nom_invalide(
    client: TestClient, participant_web: UUID
) -> None:
    assert poster(client, "/compte/jetons", {"libelle": ""}, page="/compte").status_code == 403


def test_un_participant_ne_peut_pas_s_attribuer_un_role(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(client, f"/admin/comptes/{participant_web}/roles", {"role": "admin"})

    assert reponse.status_code == 403
    assert plateforme_web.registre.position() == avant
    acteur = plateforme_web.comptes.acteur(participant_web)
    assert acteur is not None and acteur.roles == frozenset()


def test_un_mauvais_mot_de_passe_redonne_le_formulaire_avec_l_adresse_et_un_message(
    client: TestClient, comptes_web: ComptesWeb
) -> None:
    _, email = comptes_web("Samia Connectée")
    for htmx in (False, True):
        reponse = poster(
            client,
            "/connexion",
            {"email": email, "mot_de_passe": "pas le bon mot", "suite": "/compte"},
            page="/connexion",
            htmx=htmx,
        )
        erreur_en_place(
            reponse,
            "connexion",
            "mot_de_passe",
            "Adresse électronique ou mot de passe incorrect.",
            {"email": email, "mot_de_passe": ""},  # the password is never sent back
        )
        assert "Impossible de continuer" not in reponse.text
        assert 'name="suite" value="/compte"' in reponse.text


def test_une_inscription_refusee_garde_ce_qui_a_ete_saisi_sauf_les_mots_de_passe(
    client: TestClient,
) -> None:
    for champs_envoyes, champ, message in [
        ({"confirmation": "un autre mot de passe"}, "confirmation", "ne correspondent pas"),
        ({"email": "pas-une-adresse"}, "email", "Adresse électronique invalide"),
        ({"mot_de_passe": "court", "confirmation": "court"}, "mot_de_passe", "au moins 10"),
        ({"nom": "  "}, "nom", "nom affiché"),
    ]:
        reponse = inscrire(client, **champs_envoyes)
        gardes = {"nom": champs_envoyes.get("nom", "Léa Nouvelle"), "mot_de_passe": ""}
        gardes["email"] = champs_envoyes.get("email", "lea@exemple.fr")
        erreur_en_place(reponse, "inscription", champ, message, gardes)


def test_l_administration_cherche_et_pagine_les_comptes(
    client: TestClient, comptes_web: ComptesWeb, plateforme_web: Plateforme
) -> None:
    """Thousands of accounts never load at once: 50 per page, a search in names and e-mails,
    and a change of role returns to the same search and page."""
    _, email_admin = comptes_web("Alix Administratrice", "admin")
    for numero in range(55):
        comptes_web(f"Habitant {numero:02d}")
    cible, _ = comptes_web("Zoé Recherchée")
    connecter(client, email_admin)

    premiere = lisible(client.get("/admin/comptes").text)
    assert "Comptes 1 à 50 sur 57" in premiere
    assert 'href="/admin/comptes?page=2"' in premiere
    assert premiere.count('action="/admin/comptes/') == 50 * 2 + 1  # + Alix's "retirer"
    seconde = lisible(client.get("/admin/comptes?page=2").text)
    assert "Comptes 51 à 57 sur 57" in seconde and "Zoé Recherchée" in seconde

    trouve = lisible(client.get("/admin/comptes", params={"q": "zoé"}).text)
    assert "1 compte pour « zoé »" in trouve and "Zoé Recherchée" in trouve
    assert "Habitant 01" not in trouve
    avec_role = lisible(client.get("/admin/comptes?avec_role=oui").text)
    assert "Alix Administratrice" in avec_role and "Habitant 01" not in avec_role

    reponse = poster(
        client,
        f"/admin/comptes/{cible}/roles",
        {"role": "agent_etat", "arrondissement": "", "q": "zoé", "page": "1"},
        page="/admin/comptes",
    )
    assert reponse.status_code == 303
    assert reponse.headers["location"] == "/admin/comptes?q=zo%C3%A9"
