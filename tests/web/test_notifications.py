"""The notifications page and the choice of e-mails on "Mon compte", as a member sees them."""

import re
from collections.abc import Callable

from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from stockage.messagerie import MessagerieMemoire
from tests.web.conftest import ComptesWeb, HorlogeWeb
from tests.web.outils import (
    HTMX,
    connecter,
    erreur_en_place,
    lisible,
    planifier_seance,
    poster,
    rejoindre_directement,
)


def _compteur(html: str) -> str:
    """The unread count next to "Notifications" in the header ("" when none)."""
    trouve = re.search(r'<span id="non-lues-lien"[^>]*>(.*?)</span>\s*</a>', html, re.S)
    assert trouve, "pas de compteur dans l'en-tête"
    return re.sub(r"<[^>]+>", "", trouve.group(1)).strip()


def _cles(html: str) -> list[str]:
    return re.findall(r'name="cle" value="([^"]+)"', html)


def _membre_convoque(
    nouveau_client: Callable[[], TestClient],
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
    seances: int = 1,
) -> TestClient:
    """A member of the 18e, signed in, convened to `seances` séances planned by an animatrice,
    one a minute (the job runs after each)."""
    compte_id, email = comptes_web("Awa Membre")
    rejoindre_directement(plateforme_web, compte_id)
    animatrice = nouveau_client()
    connecter(animatrice, comptes_web("Dominique Animatrice", "animateur", 18)[1])
    plateforme_web.convocations.messagerie = MessagerieMemoire()
    for jour in range(seances):
        planifier_seance(animatrice, date=f"2026-03-{10 + jour:02d}T18:30", lieu=f"Salle {jour}")
        plateforme_web.convocations.envoyer()
        horloge_web.avancer(minutes=1)
    membre = nouveau_client()
    connecter(membre, email)
    return membre


def test_la_convocation_apparait_non_lue_et_se_marque_comme_lue(
    nouveau_client: Callable[[], TestClient],
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    membre = _membre_convoque(nouveau_client, plateforme_web, comptes_web, horloge_web, seances=2)

    accueil = membre.get("/").text
    assert _compteur(accueil) == "2 non lues"
    page = membre.get("/notifications").text
    texte = lisible(page)
    assert "2 notifications, dont 2 non lues." in re.sub(r"<[^>]+>", "", texte)
    assert (
        "Convocation : le conseil citoyen du 18e se réunit le mercredi 11 mars 2026 à 18 h 30, Salle 1."
        in texte
    )
    assert texte.index("11 mars") < texte.index("mardi 10 mars")  # newest first
    assert texte.count("Non lue") == 2
    premiere, seconde = _cles(page)

    reponse = poster(
        membre, "/notifications/lue", {"cle": premiere, "page": "1"}, page="/notifications"
    )
    assert reponse.status_code == 303
    assert reponse.headers["location"] == "/notifications"
    apres = membre.get("/notifications").text
    assert _cles(apres) == [seconde]
    assert _compteur(apres) == "1 non lue"
    assert "Notification marquée comme lue." in lisible(apres)

    fragment = poster(
        membre,
        "/notifications/lue",
        {"cle": seconde, "page": "1"},
        page="/notifications",
        htmx=True,
    )
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith('<li class="notification">')
    assert 'id="non-lues-lien" hx-swap-oob="true"' in fragment.text
    assert _compteur(membre.get("/").text) == ""


def test_tout_marquer_comme_lu_avec_et_sans_htmx(
    nouveau_client: Callable[[], TestClient],
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    membre = _membre_convoque(nouveau_client, plateforme_web, comptes_web, horloge_web, seances=2)
    fragment = poster(
        membre, "/notifications/tout-lu", {"page": "1"}, page="/notifications", htmx=True
    )
    assert fragment.status_code == 200
    assert 'id="notifications"' in fragment.text
    assert "Toutes vos notifications sont marquées comme lues." in lisible(fragment.text)
    assert "Non lue" not in fragment.text
    assert _compteur(membre.get("/").text) == ""

    # A notification that comes later is unread again.
    horloge_web.avancer(days=7, hours=9)  # the day before the first séance, after 08:00
    plateforme_web.convocations.envoyer()
    assert _compteur(membre.get("/").text) == "1 non lue"
    reponse = poster(membre, "/notifications/tout-lu", {"page": "1"}, page="/notifications")
    assert (reponse.status_code, reponse.headers["location"]) == (303, "/notifications")
    assert _compteur(membre.get("/").text) == ""


def test_l_etat_lu_survit_a_la_reconstruction_des_modeles_de_lecture(
    nouveau_client: Callable[[], TestClient],
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    membre = _membre_convoque(nouveau_client, plateforme_web, comptes_web, horloge_web, seances=2)
    premiere, _ = _cles(membre.get("/notifications").text)
    poster(membre, "/notifications/lue", {"cle": premiere}, page="/notifications")

    plateforme_web.projecteur.reconstruire()

    assert _compteur(membre.get("/").text) == "1 non lue"
    assert premiere not in _cles(membre.get("/notifications").text)


def test_la_page_des_notifications_est_paginee(
    nouveau_client: Callable[[], TestClient],
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    membre = _membre_convoque(nouveau_client, plateforme_web, comptes_web, horloge_web, seances=21)
    premiere = membre.get("/notifications").text
    assert len(_cles(premiere)) == 20
    assert 'href="/notifications?page=2"' in premiere
    seconde = membre.get("/notifications?page=2").text
    assert len(_cles(seconde)) == 1
    assert "mardi 10 mars" in lisible(seconde)  # the oldest
    partiel = membre.get("/notifications?page=2", headers=HTMX)
    assert partiel.text.lstrip().startswith('<section id="notifications"')
    assert membre.get("/notifications?page=99").status_code == 200


def test_on_ne_marque_que_ses_propres_notifications(
    nouveau_client: Callable[[], TestClient],
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    membre = _membre_convoque(nouveau_client, plateforme_web, comptes_web, horloge_web)
    (cle,) = _cles(membre.get("/notifications").text)
    autre = nouveau_client()
    connecter(autre, comptes_web("Quelqu'un d'autre")[1])
    assert poster(autre, "/notifications/lue", {"cle": cle}).status_code == 404
    assert poster(autre, "/notifications/lue", {"cle": "x" * 500}).status_code == 404
    assert _compteur(membre.get("/").text) == "1 non lue"
    anonyme = nouveau_client()
    assert anonyme.get("/notifications").status_code == 403


def test_choisir_ses_courriels_sur_mon_compte(
    client: TestClient, participant_web: object, plateforme_web: Plateforme
) -> None:
    page = client.get("/compte").text
    assert 'id="titre-courriels"' in page
    assert re.search(r'id="courriels-tous" name="mode" value="tous" checked', page)  # the default

    reponse = poster(client, "/compte/courriels", {"mode": "resume"}, page="/compte")
    assert (reponse.status_code, reponse.headers["location"]) == (303, "/compte#courriels")
    page = client.get("/compte").text
    assert re.search(r'id="courriels-resume" name="mode" value="resume" checked', page)
    assert "Votre choix de courriels est enregistré." in lisible(page)

    fragment = poster(client, "/compte/courriels", {"mode": "aucun"}, page="/compte", htmx=True)
    assert fragment.text.lstrip().startswith('<section id="courriels"')
    assert re.search(r'value="aucun" checked', fragment.text)

    refus = poster(client, "/compte/courriels", {"mode": "pigeon"}, page="/compte")
    erreur_en_place(refus, "courriels", "mode", "Choisissez comment être prévenu·e")
    assert 'id="titre-jetons"' not in refus.text and "<h1>Mon compte</h1>" in refus.text
    refus_htmx = poster(client, "/compte/courriels", {"mode": ""}, page="/compte", htmx=True)
    assert refus_htmx.status_code == 422
    assert refus_htmx.text.lstrip().startswith('<section id="courriels"')


def test_une_convocation_planifiee_par_le_formulaire_part_par_courriel_avec_son_ics(
    nouveau_client: Callable[[], TestClient],
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    compte_id, email = comptes_web("Awa Membre")
    rejoindre_directement(plateforme_web, compte_id)
    animatrice = nouveau_client()
    connecter(animatrice, comptes_web("Dominique Animatrice", "animateur", 18)[1])
    planifier_seance(animatrice, date="2026-03-10T18:30")
    boite = MessagerieMemoire()
    plateforme_web.convocations.messagerie = boite
    horloge_web.avancer(minutes=1)
    plateforme_web.convocations.envoyer()

    (courriel,) = [c for c in boite.envoyes if c.a == email]
    assert "Date : mardi 10 mars 2026 à 18 h 30 (heure de Paris)" in courriel.corps
    assert courriel.pieces_jointes[0].nom == "seance-18e-2026-03-10.ics"
    assert b"METHOD:REQUEST" in courriel.pieces_jointes[0].contenu
