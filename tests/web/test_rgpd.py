"""Personal-data rights on the web: download one's data, edit one's profile, erase one's
account (confirmed, CSRF-protected), erasure by an administrator, the privacy page."""

import json
from collections.abc import Callable
from uuid import UUID

from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb
from tests.web.outils import (
    champs,
    connecter,
    erreur_en_place,
    lisible,
    poster,
    profil_habitant,
)


def test_la_personne_telecharge_ses_donnees_depuis_son_compte(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    poster(client, "/conseils/18/adhesion", profil_habitant(), page="/conseils/18")
    page = client.get("/compte").text
    assert 'href="/compte/donnees.json"' in page

    reponse = client.get("/compte/donnees.json")

    assert reponse.status_code == 200
    assert reponse.headers["content-type"].startswith("application/json")
    assert "attachment" in reponse.headers["content-disposition"]
    assert "\n  " in reponse.text  # indented: readable as it is
    donnees = json.loads(reponse.text)
    assert donnees["identite"]["nom_affiche"] == "Camille Habitante"
    assert donnees["assemblees"][0]["arrondissement"] == 18
    assert "participation:Adhesion.Entree" in {e["type"] for e in donnees["evenements"]}


def test_sans_connexion_pas_de_donnees(client: TestClient) -> None:
    reponse = client.get("/compte/donnees.json")
    assert reponse.status_code == 303 and reponse.headers["location"].startswith("/connexion")


def test_la_personne_rectifie_son_nom_et_son_adresse_mais_pas_celle_d_une_autre(
    client: TestClient,
    participant_web: UUID,
    comptes_web: ComptesWeb,
    plateforme_web: Plateforme,
) -> None:
    _, autre_email = comptes_web("Autre Personne")
    saisie = {"nom": "Camille H.", "email": "camille.h@exemple.fr"}

    reponse = poster(client, "/compte/profil", saisie, page="/compte")

    assert reponse.status_code == 303
    page = lisible(client.get("/compte").text)
    assert "Votre profil est modifié." in page and "camille.h@exemple.fr" in page
    assert "Camille H." in lisible(client.get("/").text)  # the name shown when signed in

    refus = poster(
        client, "/compte/profil", {"nom": "Camille Hab", "email": autre_email}, page="/compte"
    )
    erreur_en_place(
        refus,
        "profil",
        "email",
        "Un compte existe déjà avec cette adresse",
        gardes={"nom": "Camille Hab", "email": autre_email},
    )
    identite = plateforme_web.identites.identite(participant_web)
    assert identite is not None and identite.email == "camille.h@exemple.fr"


def test_la_personne_efface_son_compte_apres_confirmation(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    poster(client, "/conseils/18/adhesion", profil_habitant(), page="/conseils/18")
    assert "Effacer mon compte" in client.get("/compte").text
    page = client.get("/compte/effacement")
    assert page.status_code == 200 and "définitif" in page.text

    sans_csrf = client.post("/compte/effacement", data={"confirmation": "oui"})
    assert sans_csrf.status_code == 403
    sans_case = poster(client, "/compte/effacement", {}, page="/compte/effacement")
    erreur_en_place(sans_case, "effacement", "confirmation", "Cochez la case de confirmation")
    assert plateforme_web.identites.identite(participant_web) is not None

    reponse = poster(
        client, "/compte/effacement", {"confirmation": "oui"}, page="/compte/effacement"
    )

    assert reponse.status_code == 303
    assert "Vos données personnelles sont effacées" in lisible(client.get("/").text)
    assert client.get("/compte").headers["location"].startswith("/connexion")
    assert plateforme_web.identites.identite(participant_web) is None
    plateforme_web.projecteur.rattraper()
    assert not plateforme_web.lecture.adhesions_de(participant_web)[0].actif


def test_une_administratrice_efface_un_compte_et_les_autres_recoivent_403(
    nouveau_client: Callable[[], TestClient],
    comptes_web: ComptesWeb,
    plateforme_web: Plateforme,
) -> None:
    cible, cible_email = comptes_web("Personne À Effacer")
    _, admin_email = comptes_web("Admin Istratrice", "admin")
    _, autre_email = comptes_web("Simple Participante")
    session_cible = nouveau_client()
    connecter(session_cible, cible_email)
    autre = nouveau_client()
    connecter(autre, autre_email)
    avant = plateforme_web.registre.position()

    refus = poster(
        autre,
        f"/admin/comptes/{cible}/effacement",
        {"motif": "demande_personne", "confirmation": "oui"},
    )
    assert refus.status_code == 403
    assert plateforme_web.registre.position() == avant

    admin = nouveau_client()
    connecter(admin, admin_email)
    assert f"/admin/comptes/{cible}/effacement" in admin.get("/admin/comptes").text
    sans_case = poster(
        admin, f"/admin/comptes/{cible}/effacement", {"motif": "demande_administration"}
    )
    erreur_en_place(
        sans_case,
        f"effacer-{cible}",
        "confirmation",
        "Cochez la case de confirmation",
        gardes={"motif": "demande_administration"},
    )
    sans_motif = poster(admin, f"/admin/comptes/{cible}/effacement", {"confirmation": "oui"})
    erreur_en_place(sans_motif, f"effacer-{cible}", "motif", "Choisissez le motif")
    assert "checked" in champs(sans_motif.text)[f"effacer-{cible}-confirmation"]
    assert plateforme_web.registre.position() == avant
    assert plateforme_web.identites.identite(cible) is not None
    reponse = poster(
        admin,
        f"/admin/comptes/{cible}/effacement",
        {"motif": "demande_administration", "confirmation": "oui"},
    )

    assert reponse.status_code == 303
    page = lisible(admin.get("/admin/comptes").text)
    assert "Les données personnelles de ce compte sont effacées." in page
    assert "Personne À Effacer" not in page
    # The erased person's open session is signed out on its next request.
    assert session_cible.get("/compte").headers["location"].startswith("/connexion")


def test_la_page_de_confidentialite_est_liee_depuis_chaque_page(client: TestClient) -> None:
    assert 'href="/confidentialite"' in client.get("/").text

    page = lisible(client.get("/confidentialite").text)

    assert "Registre des traitements" in page
    assert "3 ans sans activité" in page
    assert "clôture des acceptations" in page


def test_un_cosignataire_efface_reste_compte_comme_personne_effacee(
    client: TestClient, comptes_web: ComptesWeb, plateforme_web: Plateforme
) -> None:
    p = plateforme_web
    redactrice_id, _ = comptes_web("Rédactrice Avis")
    cosignataire_id, _ = comptes_web("Cosignataire Effacé")
    _, animateur_email = comptes_web("Anim Atrice", "animateur", 18)
    redactrice, cosignataire = p.comptes.acteur(redactrice_id), p.comptes.acteur(cosignataire_id)
    for qui in (redactrice, cosignataire):
        p.assemblee.rejoindre(qui, 18, "habitant", "femme", "25_39", "hors_qpv", True)
    avis_id, _ = p.avis.rediger(redactrice, 18, "auto_saisine", "Bancs", "Des bancs.", "ville")
    p.avis.cosigner(cosignataire, avis_id)
    p.projecteur.attendre(p.rgpd.effacer(cosignataire, cosignataire_id))
    connecter(client, animateur_email)

    page = lisible(client.get(f"/avis/{avis_id}").text)

    assert "Rédigé par Rédactrice Avis ; cosigné par Personne effacée." in page
    assert "Cosignataire Effacé" not in page


def test_un_profil_invalide_revient_a_cote_du_champ_avec_ce_qui_a_ete_saisi(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    for saisie, champ, message in (
        ({"nom": "   ", "email": "camille@exemple.fr"}, "nom", "nom affiché"),
        ({"nom": "Camille", "email": "pas-une-adresse"}, "email", "Adresse électronique invalide."),
    ):
        reponse = poster(client, "/compte/profil", saisie, page="/compte")

        erreur_en_place(reponse, "profil", champ, message, gardes={"email": saisie["email"]})
    identite = plateforme_web.identites.identite(participant_web)
    assert identite is not None and identite.nom == "Camille Habitante"
