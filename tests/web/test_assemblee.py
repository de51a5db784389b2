"""Joining and leaving a council's open assembly, by plain forms and by htmx: refusals come
back in place (the message next to each field, what was typed kept), focus lands on the
updated box after a swap, and no personal answer is ever preselected."""

import re
from typing import Any
from uuid import UUID

from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.outils import (
    HTMX,
    champs,
    erreur_en_place,
    jeton,
    lisible,
    poster,
    profil_habitant,
    section,
    total_assemblee,
)

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
    # htmx focuses [autofocus] in swapped content: the confirmation, read out as a status.
    assert re.search(
        r'<p class="note succes" role="status" tabindex="-1" autofocus>Bienvenue', lisible(html)
    )
    effectifs = section(html, "effectifs")
    assert 'hx-swap-oob="true"' in effectifs
    assert total_assemblee(effectifs) == 1
    assert total_assemblee(client.get("/conseils/18").text) == 1


def test_les_pages_completes_varient_aussi_selon_htmx(client: TestClient) -> None:
    reponse = client.get("/conseils/18")

    assert "HX-Request" in varie_selon(reponse)
    assert "<html" in reponse.text
    assert 'hx-swap-oob="true"' not in reponse.text


def test_un_acteur_local_sans_structure_est_refuse_en_place_sans_rien_enregistrer(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = rejoindre(
        client, college="acteur_local", genre="homme", structure_nom="", structure_type=""
    )

    erreur_en_place(
        reponse,
        "adhesion",
        "structure_nom",
        "Le champ « nom de la structure » est obligatoire.",
        gardes={"genre": "homme", "tranche_age": "25_39", "quartier": "hors_qpv"},
    )
    erreur_en_place(reponse, "adhesion", "structure_type", "Choisissez le type de structure")
    lus = champs(reponse.text)
    assert "checked" in lus["adhesion-college-acteur_local"]
    assert "checked" in lus["adhesion-eligible"]
    assert "<html" in reponse.text  # without JavaScript, the whole page comes back
    assert "Rien n'a été enregistré ; ce que vous avez saisi est conservé." in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant
    assert total_assemblee(client.get("/conseils/18").text) == 0


def test_une_erreur_sous_htmx_rend_la_boite_participer_avec_le_message_a_cote_du_champ(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = rejoindre(
        client, htmx=True, college="acteur_local", structure_nom="", structure_type="ecole"
    )

    erreur_en_place(
        reponse,
        "adhesion",
        "structure_nom",
        "Le champ « nom de la structure » est obligatoire.",
        gardes={"structure_type": "ecole", "genre": "femme"},
    )
    assert "hx-retarget" not in reponse.headers  # the form itself is swapped (#adhesion)
    assert "<html" not in reponse.text
    assert reponse.text.lstrip().startswith('<section id="adhesion"')
    assert 'id="erreurs-adhesion" role="alert" tabindex="-1" autofocus' in reponse.text
    assert plateforme_web.registre.position() == avant


def test_cocher_seulement_l_attestation_est_refuse_a_cote_de_chaque_question(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    """Nobody is counted as a woman aged 25-39 living in a QPV because she ticked one box."""
    avant = plateforme_web.registre.position()

    for htmx in (False, True):
        reponse = poster(client, ADHESION, {"eligibilite": "on"}, page="/conseils/18", htmx=htmx)

        erreur_en_place(reponse, "adhesion", "college", "Choisissez votre collège")
        erreur_en_place(reponse, "adhesion", "genre", "Choisissez votre genre")
        erreur_en_place(reponse, "adhesion", "tranche_age", "Choisissez votre tranche d'âge")
        erreur_en_place(reponse, "adhesion", "quartier", "Choisissez votre quartier")
        resume = lisible(reponse.text)
        assert "4 réponses manquent ou sont à corriger" in resume
        for champ in ("college", "genre", "tranche_age", "quartier"):
            assert f'<a href="#adhesion-{champ}">' in resume
        lus = champs(reponse.text)
        assert "checked" in lus["adhesion-eligible"]
        assert lus["adhesion-genre"]["valeur"] == ""
    assert plateforme_web.registre.position() == avant
    assert total_assemblee(client.get("/conseils/18").text) == 0


def test_ne_se_prononce_pas_est_compte_a_part_dans_les_effectifs(
    client: TestClient, participant_web: UUID
) -> None:
    reponse = rejoindre(client, genre="ne_se_prononce_pas", tranche_age="ne_se_prononce_pas")

    assert reponse.status_code == 303
    effectifs = section(client.get("/conseils/18").text, "effectifs")
    ligne = re.search(r"<th scope=\"row\">Ne se prononce pas</th>(.*?)</tr>", effectifs, re.S)
    assert ligne, "pas de ligne « Ne se prononce pas »"
    assert 'data-cle="habitant.ne_se_prononce_pas">1<' in ligne.group(1)
    assert 'data-cle="ne_se_prononce_pas">1<' in ligne.group(1)
    assert 'data-cle="femme">0<' in effectifs


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
    donnees = profil_habitant(genre="autre", tranche_age="60_74")
    del donnees["eligibilite"]

    reponse = poster(client, ADHESION, donnees)

    erreur_en_place(
        reponse,
        "adhesion",
        "eligible",
        "vous devez attester ne pas être élu·e",
        gardes={"genre": "autre", "tranche_age": "60_74", "quartier": "hors_qpv"},
    )
    assert "checked" not in champs(reponse.text)["adhesion-eligible"]
    assert plateforme_web.registre.position() == avant


def test_un_mineur_sans_accord_parental_ne_peut_pas_rejoindre(
    client: TestClient, participant_web: UUID
) -> None:
    refus = rejoindre(client, tranche_age="moins_de_18")
    erreur_en_place(
        refus,
        "adhesion",
        "consentement_parental",
        "l'accord d'un parent",
        gardes={"tranche_age": "moins_de_18"},
    )

    accord = rejoindre(client, tranche_age="moins_de_18", consentement_parental="on")
    assert accord.status_code == 303


def test_un_quartier_d_un_autre_arrondissement_est_refuse(
    client: TestClient, participant_web: UUID
) -> None:
    reponse = rejoindre(client, quartier="QPV-10-11-20-GRAND-BELLEVILLE")

    erreur_en_place(
        reponse, "adhesion", "quartier", "n'est pas un quartier prioritaire du 18e arrondissement"
    )


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

    for htmx in (False, True):  # e.g. a second tab still showing the joining form
        reponse = rejoindre(client, htmx=htmx)

        assert reponse.status_code == 409
        boite = lisible(section(reponse.text, "adhesion"))
        assert 'role="alert"' in boite
        assert "Vous êtes déjà membre de cette assemblée." in boite
        assert "Vous êtes membre de l'assemblée ouverte depuis" in boite
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
    assert 'role="status" tabindex="-1" autofocus>Vous avez quitté' in lisible(reponse.text)
    assert 'action="/conseils/18/adhesion"' in reponse.text
    effectifs = section(reponse.text, "effectifs")
    assert 'hx-swap-oob="true"' in effectifs
    assert total_assemblee(effectifs) == 0


def test_un_motif_de_depart_inconnu_est_refuse(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    assert rejoindre(client).status_code == 303
    avant = plateforme_web.registre.position()

    for htmx in (False, True):
        reponse = poster(client, DEPART, {"motif": "il pleuvait"}, htmx=htmx)

        erreur_en_place(reponse, "depart", "motif", "Motif de départ inconnu")
        assert ("<html" in reponse.text) is not htmx
    assert plateforme_web.registre.position() == avant


def test_le_motif_de_depart_est_facultatif_et_sans_motif_par_defaut(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    assert rejoindre(client).status_code == 303
    formulaire = champs(client.get("/conseils/18").text)

    assert formulaire["depart-motif"]["valeur"] == ""  # "Sans motif", not a reason
    assert poster(client, DEPART, {"motif": ""}).status_code == 303
    ligne = plateforme_web.lecture.adhesion(18, participant_web)
    assert ligne.motif_sortie == "non_precise"


def test_quitter_une_assemblee_dont_on_n_est_pas_membre_est_refuse(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    jamais = poster(client, DEPART, {"motif": ""})

    assert jamais.status_code == 404
    assert "Vous n'êtes pas membre de cette assemblée." in lisible(section(jamais.text, "adhesion"))
    assert plateforme_web.registre.position() == avant

    assert rejoindre(client).status_code == 303
    assert poster(client, DEPART, {"motif": ""}).status_code == 303
    avant = plateforme_web.registre.position()

    deja_parti = poster(client, DEPART, {"motif": ""}, htmx=True)

    assert deja_parti.status_code == 409
    assert "hx-retarget" not in deja_parti.headers  # the box, with its message, is swapped
    boite = lisible(section(deja_parti.text, "adhesion"))
    assert "Vous n'êtes pas membre de cette assemblée." in boite
    assert 'action="/conseils/18/adhesion"' in boite  # and the joining form is back
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


def test_se_porter_volontaire_met_le_focus_sur_la_confirmation(
    client: TestClient, participant_web: UUID
) -> None:
    assert rejoindre(client).status_code == 303

    reponse = poster(client, "/conseils/18/volontariat", {"volontaire": "oui"}, htmx=True)

    assert reponse.status_code == 200
    assert re.search(
        r'<p class="note succes" role="status" tabindex="-1" autofocus>Vous êtes volontaire',
        lisible(reponse.text),
    )


def test_se_porter_volontaire_apres_etre_parti_ailleurs_redonne_la_boite_avec_le_message(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    """The volunteering button pressed in a tab opened before leaving in another: the box comes
    back with the reason, never the generic error page."""
    assert rejoindre(client).status_code == 303
    assert poster(client, DEPART, {"motif": ""}).status_code == 303
    avant = plateforme_web.registre.position()

    for htmx in (True, False):
        reponse = poster(client, "/conseils/18/volontariat", {"volontaire": "oui"}, htmx=htmx)

        assert reponse.status_code in (404, 409)
        assert "hx-retarget" not in reponse.headers
        boite = lisible(section(reponse.text, "adhesion"))
        assert 'id="erreurs-volontariat"' in boite
        assert "Impossible de continuer" not in reponse.text
    assert plateforme_web.registre.position() == avant


def test_participer_vient_avant_les_statistiques(client: TestClient) -> None:
    page = client.get("/conseils/18").text

    assert page.index('<section id="adhesion"') < page.index('<section id="effectifs"')
