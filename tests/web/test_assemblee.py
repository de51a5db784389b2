"""Joining and leaving a council's open assembly, by plain forms and by htmx."""

from typing import Any
from uuid import UUID

from starlette.testclient import TestClient

from participation.plateforme import Plateforme
from tests.web.outils import HTMX, jeton, lisible, poster, profil_habitant, section, total_assemblee

ADHESION = "/conseils/18/adhesion"


def varie_selon(reponse: Any) -> list[str]:
    return [v.strip() for v in reponse.headers["vary"].split(",")]


DEPART = "/conseils/18/depart"


def rejoindre(client: TestClient, htmx: bool = False, **champs: str) -> Any:
    return poster(client, ADHESION, profil_habitant(**champs), page="/conseils/18", htmx=htmx)


def test_rejoindre_l_assemblee_du_18e_par_le_formulaire(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = rejoindre(client, quartier="QPV-18-GOUTTE-D-OR")

    assert reponse.status_code == 303
    assert reponse.headers["location"] == "/conseils/18"
    assert plateforme_web.registre.position() == avant + 1
    page = lisible(client.get("/conseils/18").text)
    assert total_assemblee(page) == 1
    assert "Bienvenue dans l'assemblée ouverte !" in page
    assert "Vous êtes membre de l'assemblée ouverte depuis le lundi 2 mars 2026" in page
    assert "<strong>Habitant·e</strong>" in page
    assert "Dont 1 personne des quartiers prioritaires." in page
    assert 'action="/conseils/18/depart"' in page
    assert "Conseil citoyen du 18<sup>e</sup>" in lisible(client.get("/compte").text)


def test_rejoindre_avec_htmx_renvoie_le_fragment_et_les_effectifs_hors_bande(
    client: TestClient, participant_web: UUID
) -> None:
    reponse = rejoindre(client, htmx=True)

    assert reponse.status_code == 200
    assert "HX-Request" in varie_selon(reponse)
    html = reponse.text
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="adhesion"')
    assert "Bienvenue dans l'assemblée ouverte !" in lisible(section(html, "adhesion"))
    effectifs = section(html, "effectifs")
    assert 'hx-swap-oob="true"' in effectifs
    assert total_assemblee(effectifs) == 1
    assert total_assemblee(client.get("/conseils/18").text) == 1


def test_les_pages_completes_varient_aussi_selon_htmx(client: TestClient) -> None:
    reponse = client.get("/conseils/18")

    assert "HX-Request" in varie_selon(reponse)
    assert "<html" in reponse.text
    assert 'hx-swap-oob="true"' not in reponse.text


def test_un_acteur_local_sans_structure_est_refuse_sans_rien_enregistrer(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = rejoindre(client, college="acteur_local", structure_nom="", structure_type="")

    assert reponse.status_code == 422
    assert "Le champ « nom de la structure » est obligatoire." in lisible(reponse.text)
    assert "Rien n'a été enregistré." in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant
    assert total_assemblee(client.get("/conseils/18").text) == 0


def test_une_erreur_sous_htmx_s_affiche_dans_la_zone_des_messages(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = rejoindre(client, htmx=True, college="acteur_local", structure_nom="")

    assert reponse.status_code == 422
    assert reponse.headers["hx-retarget"] == "#messages"
    assert reponse.headers["hx-reswap"] == "innerHTML"
    assert "<html" not in reponse.text
    assert reponse.text.strip() == (
        '<p class="note erreur">Le champ « nom de la structure » est obligatoire.</p>'
    )
    assert plateforme_web.registre.position() == avant


def test_un_acteur_local_avec_sa_structure_rejoint_le_college_des_acteurs_locaux(
    client: TestClient, participant_web: UUID
) -> None:
    reponse = rejoindre(
        client,
        college="acteur_local",
        genre="homme",
        structure_nom="Amicale des locataires",
        structure_type="amicale",
    )

    assert reponse.status_code == 303
    page = lisible(client.get("/conseils/18").text)
    assert total_assemblee(page) == 1
    assert "<strong>Acteur local</strong>" in page


def test_rejoindre_exige_l_attestation_d_eligibilite(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()
    donnees = profil_habitant()
    del donnees["eligibilite"]

    reponse = poster(client, ADHESION, donnees)

    assert reponse.status_code == 422
    assert "vous devez attester ne pas être élu·e" in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_un_mineur_sans_accord_parental_ne_peut_pas_rejoindre(
    client: TestClient, participant_web: UUID
) -> None:
    refus = rejoindre(client, tranche_age="moins_de_18")
    assert refus.status_code == 422
    assert "l'accord d'un parent" in lisible(refus.text)

    accord = rejoindre(client, tranche_age="moins_de_18", consentement_parental="on")
    assert accord.status_code == 303


def test_un_quartier_d_un_autre_arrondissement_est_refuse(
    client: TestClient, participant_web: UUID
) -> None:
    reponse = rejoindre(client, quartier="QPV-10-11-20-GRAND-BELLEVILLE")

    assert reponse.status_code == 422
    assert "n'est pas un quartier prioritaire du 18e arrondissement" in lisible(reponse.text)


def test_rejoindre_sans_etre_connecte_est_refuse(
    client: TestClient, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = rejoindre(client)

    assert reponse.status_code == 403
    assert "Connectez-vous pour effectuer cette action." in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_rejoindre_deux_fois_est_refuse(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    assert rejoindre(client).status_code == 303
    avant = plateforme_web.registre.position()

    reponse = rejoindre(client)

    assert reponse.status_code == 409
    assert "Vous êtes déjà membre de cette assemblée." in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant
    assert total_assemblee(client.get("/conseils/18").text) == 1


def test_quitter_l_assemblee_avec_un_motif(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    assert rejoindre(client).status_code == 303

    reponse = poster(client, DEPART, {"motif": "demenagement"}, page="/conseils/18")

    assert reponse.status_code == 303
    assert reponse.headers["location"] == "/conseils/18"
    page = lisible(client.get("/conseils/18").text)
    assert "Vous avez quitté l'assemblée ouverte." in page
    assert "Vous avez quitté l'assemblée le lundi 2 mars 2026" in page
    assert total_assemblee(page) == 0
    assert 'action="/conseils/18/adhesion"' in page


def test_quitter_avec_htmx_met_a_jour_le_fragment_et_les_effectifs(
    client: TestClient, participant_web: UUID
) -> None:
    assert rejoindre(client).status_code == 303

    reponse = poster(client, DEPART, {"motif": "manque_de_temps"}, htmx=True)

    assert reponse.status_code == 200
    assert "<html" not in reponse.text
    assert "Vous avez quitté l'assemblée ouverte." in lisible(section(reponse.text, "adhesion"))
    assert 'action="/conseils/18/adhesion"' in reponse.text
    effectifs = section(reponse.text, "effectifs")
    assert 'hx-swap-oob="true"' in effectifs
    assert total_assemblee(effectifs) == 0


def test_un_motif_de_depart_inconnu_est_refuse(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    assert rejoindre(client).status_code == 303
    avant = plateforme_web.registre.position()

    reponse = poster(client, DEPART, {"motif": "il pleuvait"})

    assert reponse.status_code == 422
    assert "Motif de départ inconnu" in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_quitter_une_assemblee_dont_on_n_est_pas_membre_est_refuse(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    jamais = poster(client, DEPART, {"motif": ""})

    assert jamais.status_code == 404
    assert "Vous n'êtes pas membre de cette assemblée." in lisible(jamais.text)
    assert plateforme_web.registre.position() == avant

    assert rejoindre(client).status_code == 303
    assert poster(client, DEPART, {"motif": ""}).status_code == 303
    avant = plateforme_web.registre.position()

    deja_parti = poster(client, DEPART, {"motif": ""}, htmx=True)

    assert deja_parti.status_code == 409
    assert deja_parti.headers["hx-retarget"] == "#messages"
    assert "Vous n'êtes pas membre de cette assemblée." in lisible(deja_parti.text)
    assert plateforme_web.registre.position() == avant


def test_on_peut_revenir_apres_etre_parti(client: TestClient, participant_web: UUID) -> None:
    assert rejoindre(client).status_code == 303
    assert poster(client, DEPART, {"motif": "autre"}).status_code == 303

    reponse = rejoindre(client, genre="autre", tranche_age="40_59")

    assert reponse.status_code == 303
    page = lisible(client.get("/conseils/18").text)
    assert total_assemblee(page) == 1
    assert "Vous êtes membre de l'assemblée ouverte" in page


def test_rejoindre_un_conseil_inexistant_repond_404(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/conseils/99/adhesion", profil_habitant(), csrf=jeton(client))

    assert reponse.status_code == 404
    assert plateforme_web.registre.position() == avant


def test_le_jeton_csrf_peut_venir_de_l_entete_htmx(
    client: TestClient, participant_web: UUID
) -> None:
    html = client.get("/conseils/18").text
    assert '<body hx-headers=\'{"X-CSRF-Token": "' in html
    csrf = jeton(client)

    reponse = client.post(ADHESION, data=profil_habitant(), headers={**HTMX, "X-CSRF-Token": csrf})

    assert reponse.status_code == 200
    assert total_assemblee(section(reponse.text, "effectifs")) == 1
