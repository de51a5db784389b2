"""Calendar feeds through the web: the council's public feed, a séance's file, and the private
feed at its secret address, read back with `icalendar` (`tests.ical`) and checked against the
séances as planned, reprogrammed and cancelled."""

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from html import unescape
from typing import Any
from uuid import UUID

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from domaine.comptes import Acteur
from lancement.plateforme import Plateforme
from participation.calendrier import uid_de_seance
from tests.ical import debut, evenements, heure_affichee, lire
from tests.web.conftest import ComptesWeb, HorlogeWeb
from tests.web.outils import connecter, poster, rejoindre_directement

pytestmark = pytest.mark.calendrier  # dates relative to the test's clock

Client = Callable[[], TestClient]
TYPE = "text/calendar; charset=utf-8"


@pytest.fixture
def animateur(plateforme_web: Plateforme, comptes_web: ComptesWeb) -> Acteur:
    compte_id, _ = comptes_web("Dominique Animatrice", "animateur", 18)
    qui = plateforme_web.comptes.acteur(compte_id)
    assert qui is not None
    return qui


def planifier(
    p: Plateforme, qui: Acteur, date: datetime, arrondissement: int = 18, lieu: str = "Barbara"
) -> str:
    seance_id, position = p.seances.planifier(qui, arrondissement, date, lieu, "Budget")
    p.projecteur.attendre(position)
    return str(seance_id)


def anonyme(nouveau_client: Client, url: str, **entetes: str) -> Any:
    """A calendar application: no cookie, no form, no CSRF token."""
    client = nouveau_client()
    reponse = client.get(url, headers=entetes)
    if reponse.status_code in (200, 304):
        assert "set-cookie" not in reponse.headers
    return reponse


def uid(seance_id: str) -> str:
    return uid_de_seance(seance_id)


# --- the public feed of a council ------------------------------------------------------------


def test_le_fil_d_un_conseil_montre_ses_seances_planifiees_reprogrammees_et_annulees(
    plateforme_web: Plateforme,
    animateur: Acteur,
    nouveau_client: Client,
    horloge_web: HorlogeWeb,
) -> None:
    p = plateforme_web
    planifiee = planifier(p, animateur, datetime(2026, 3, 10, 17, 30, tzinfo=UTC))
    reprogrammee = planifier(p, animateur, datetime(2026, 3, 17, 17, 30, tzinfo=UTC))
    annulee = planifier(p, animateur, datetime(2026, 3, 24, 17, 30, tzinfo=UTC))
    # Across the change to summer time (29 March 2026): 18:30 in Paris is 16:30 UTC.
    ete = planifier(p, animateur, datetime(2026, 4, 7, 16, 30, tzinfo=UTC))
    ailleurs = planifier(p, animer(p, animateur, 19), datetime(2026, 3, 11, 17, 30, tzinfo=UTC), 19)
    horloge_web.avancer(hours=1)
    nouvelle_date = datetime(2026, 3, 31, 16, 0, tzinfo=UTC)  # after the change: 18:00 CEST
    p.projecteur.attendre(
        p.seances.reprogrammer(animateur, UUID(reprogrammee), None, nouvelle_date, "Mairie", "BP")
    )
    horloge_web.avancer(hours=1)
    p.projecteur.attendre(p.seances.annuler(animateur, UUID(annulee), None, "Salle fermée"))

    reponse = anonyme(nouveau_client, "/conseils/18/calendrier.ics")

    assert reponse.status_code == 200
    assert reponse.headers["content-type"] == TYPE
    lus = evenements(reponse.content)
    assert set(lus) == {uid(planifiee), uid(reprogrammee), uid(annulee), uid(ete)}
    assert uid(ailleurs) not in lus
    assert [int(lus[uid(s)]["SEQUENCE"]) for s in (planifiee, reprogrammee, annulee, ete)] == [
        0,
        1,
        1,
        0,
    ]
    assert debut(lus[uid(reprogrammee)]) == nouvelle_date
    assert heure_affichee(lus[uid(reprogrammee)]) == "20260331T180000"
    assert str(lus[uid(reprogrammee)]["LOCATION"]) == "Mairie"
    assert lus[uid(reprogrammee)].decoded("DTSTAMP") == horloge_web() - timedelta(hours=1)
    assert str(lus[uid(annulee)]["STATUS"]) == "CANCELLED"
    assert "Salle fermée" in str(lus[uid(annulee)]["DESCRIPTION"])
    assert str(lus[uid(planifiee)]["STATUS"]) == "CONFIRMED"
    assert heure_affichee(lus[uid(planifiee)]) == "20260310T183000"
    assert heure_affichee(lus[uid(ete)]) == "20260407T183000"


def test_une_seance_reprogrammee_garde_son_uid_et_monte_sa_sequence(
    plateforme_web: Plateforme, animateur: Acteur, nouveau_client: Client, horloge_web: HorlogeWeb
) -> None:
    p = plateforme_web
    seance_id = planifier(p, animateur, datetime(2026, 3, 10, 17, 30, tzinfo=UTC))
    avant = anonyme(nouveau_client, "/conseils/18/calendrier.ics")
    horloge_web.avancer(days=1)

    for heure in (18, 19):
        date = datetime(2026, 3, 12, heure, 0, tzinfo=UTC)
        p.projecteur.attendre(
            p.seances.reprogrammer(animateur, UUID(seance_id), None, date, "Barbara", "Budget")
        )
    apres = anonyme(nouveau_client, "/conseils/18/calendrier.ics")

    (ancien,) = evenements(avant.content).values()
    (nouveau,) = evenements(apres.content).values()
    assert str(ancien["UID"]) == str(nouveau["UID"]) == uid(seance_id)
    assert (int(ancien["SEQUENCE"]), int(nouveau["SEQUENCE"])) == (0, 2)
    assert heure_affichee(nouveau) == "20260312T200000"
    assert nouveau.decoded("DTSTAMP") > ancien.decoded("DTSTAMP")
    assert avant.headers["etag"] != apres.headers["etag"]


def test_un_conseil_sans_seance_a_un_calendrier_vide_mais_valide(nouveau_client: Client) -> None:
    reponse = anonyme(nouveau_client, "/conseils/10/calendrier.ics")

    assert reponse.status_code == 200
    cal = lire(reponse.content)
    assert cal.walk("VEVENT") == []
    assert str(cal["X-WR-CALNAME"]) == "Conseil citoyen du 10e : séances"
    assert "last-modified" not in reponse.headers


def test_un_conseil_inconnu_n_a_pas_de_calendrier(nouveau_client: Client) -> None:
    assert anonyme(nouveau_client, "/conseils/99/calendrier.ics").status_code == 404


def test_le_fil_public_se_garde_quelques_minutes_et_se_revalide(
    plateforme_web: Plateforme, animateur: Acteur, nouveau_client: Client
) -> None:
    planifier(plateforme_web, animateur, datetime(2026, 3, 10, 17, 30, tzinfo=UTC))

    premiere = anonyme(nouveau_client, "/conseils/18/calendrier.ics")
    etag = premiere.headers["etag"]
    encore = anonyme(nouveau_client, "/conseils/18/calendrier.ics", **{"If-None-Match": etag})

    assert premiere.headers["cache-control"] == "public, max-age=300"
    assert premiere.headers["last-modified"] == "Mon, 02 Mar 2026 09:00:00 GMT"
    assert encore.status_code == 304
    assert encore.content == b""


def test_la_page_du_conseil_propose_de_s_abonner(client: TestClient) -> None:
    page = unescape(client.get("/conseils/18").text)

    assert 'href="webcal://127.0.0.1:8000/conseils/18/calendrier.ics"' in page
    assert "S'abonner au calendrier des séances" in page
    assert "http://127.0.0.1:8000/conseils/18/calendrier.ics" in page  # the address to copy


# --- one séance's file ------------------------------------------------------------------------


def test_une_seance_s_ajoute_a_son_agenda_depuis_sa_page(
    plateforme_web: Plateforme, animateur: Acteur, nouveau_client: Client, client: TestClient
) -> None:
    seance_id = planifier(plateforme_web, animateur, datetime(2026, 3, 29, 8, 0, tzinfo=UTC))
    planifier(plateforme_web, animateur, datetime(2026, 3, 30, 8, 0, tzinfo=UTC))

    page = client.get(f"/seances/{seance_id}").text
    reponse = anonyme(nouveau_client, f"/seances/{seance_id}/calendrier.ics")

    assert f'href="/seances/{seance_id}/calendrier.ics"' in page
    assert "Ajouter à mon agenda" in page
    assert reponse.headers["content-type"] == TYPE
    (evenement,) = evenements(reponse.content).values()
    assert str(evenement["UID"]) == uid(seance_id)
    assert heure_affichee(evenement) == "20260329T100000"  # the day summer time begins
    assert anonyme(nouveau_client, f"/seances/{UUID(int=1)}/calendrier.ics").status_code == 404


# --- the private feed --------------------------------------------------------------------------

_ADRESSE = re.compile(
    r'id="calendrier-adresse"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*id="calendrier-adresse"'
)


def creer_agenda(client: TestClient) -> str:
    """ "Créer mon agenda privé" on "Mon compte"; returns the address's path, shown once."""
    reponse = poster(client, "/compte/calendrier", page="/compte")
    assert reponse.status_code == 200, reponse.text
    assert reponse.headers["cache-control"] == "no-store"
    trouve = _ADRESSE.search(reponse.text)
    assert trouve, "l'adresse n'est pas affichée"
    adresse = unescape(trouve.group(1) or trouve.group(2))
    assert adresse.startswith("http://127.0.0.1:8000/calendrier/")
    return adresse.removeprefix("http://127.0.0.1:8000")


def animer(p: Plateforme, qui: Acteur, *conseils: int) -> Acteur:
    """The animateur of the 18e animates these councils too."""
    for conseil in conseils:
        p.projecteur.attendre(p.comptes.amorcer_role(qui.compte_id, "animateur", conseil))
    partout = p.comptes.acteur(qui.compte_id)
    assert partout is not None
    return partout


def membre(
    p: Plateforme, comptes_web: ComptesWeb, client: TestClient, nom: str, *conseils: int
) -> UUID:
    compte_id, email = comptes_web(nom)
    for conseil in conseils:
        rejoindre_directement(p, compte_id, conseil)
    connecter(client, email)
    return compte_id


def test_l_agenda_prive_liste_les_seances_des_conseils_de_la_personne_seulement(
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    animateur: Acteur,
    nouveau_client: Client,
    client: TestClient,
) -> None:
    p = plateforme_web
    qui = animer(p, animateur, 19, 20)
    du_18 = planifier(p, qui, datetime(2026, 3, 10, 17, 30, tzinfo=UTC), 18)
    du_19 = planifier(p, qui, datetime(2026, 3, 11, 17, 30, tzinfo=UTC), 19)
    du_20 = planifier(p, qui, datetime(2026, 3, 12, 17, 30, tzinfo=UTC), 20)
    membre(p, comptes_web, client, "Awa Membre", 18, 19)

    chemin = creer_agenda(client)
    reponse = anonyme(nouveau_client, chemin)

    assert reponse.status_code == 200
    assert reponse.headers["content-type"] == TYPE
    assert reponse.headers["cache-control"] == "no-store"
    assert set(evenements(reponse.content)) == {uid(du_18), uid(du_19)}
    assert uid(du_20) not in evenements(reponse.content)
    # The address is shown once: the account page then says since when it works, not where.
    page = client.get("/compte").text
    assert chemin not in page
    assert "Votre agenda privé est actif depuis le" in unescape(page)


def test_l_agenda_d_une_personne_ne_montre_jamais_les_conseils_d_une_autre(
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    animateur: Acteur,
    nouveau_client: Client,
) -> None:
    p = plateforme_web
    qui = animer(p, animateur, 19)
    du_18 = planifier(p, qui, datetime(2026, 3, 10, 17, 30, tzinfo=UTC), 18)
    du_19 = planifier(p, qui, datetime(2026, 3, 11, 17, 30, tzinfo=UTC), 19)
    awa, bea = nouveau_client(), nouveau_client()
    membre(p, comptes_web, awa, "Awa du 18e", 18)
    membre(p, comptes_web, bea, "Béa du 19e", 19)

    agenda_awa, agenda_bea = creer_agenda(awa), creer_agenda(bea)

    assert set(evenements(anonyme(nouveau_client, agenda_awa).content)) == {uid(du_18)}
    assert set(evenements(anonyme(nouveau_client, agenda_bea).content)) == {uid(du_19)}


def test_un_conseil_quitte_sort_de_l_agenda_prive(
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    animateur: Acteur,
    nouveau_client: Client,
    client: TestClient,
) -> None:
    p = plateforme_web
    planifier(p, animateur, datetime(2026, 3, 10, 17, 30, tzinfo=UTC))
    compte_id = membre(p, comptes_web, client, "Awa Membre", 18)
    chemin = creer_agenda(client)
    assert len(evenements(anonyme(nouveau_client, chemin).content)) == 1

    qui = p.comptes.acteur(compte_id)
    p.projecteur.attendre(p.assemblee.quitter(qui, 18, "demenagement"))

    cal = lire(anonyme(nouveau_client, chemin).content)
    assert cal.walk("VEVENT") == []


def test_une_adresse_revoquee_ou_remplacee_repond_404(
    plateforme_web: Plateforme, comptes_web: ComptesWeb, nouveau_client: Client, client: TestClient
) -> None:
    membre(plateforme_web, comptes_web, client, "Awa Membre", 18)
    premiere = creer_agenda(client)

    seconde = creer_agenda(client)  # "Remplacer par une nouvelle adresse"
    assert anonyme(nouveau_client, premiere).status_code == 404
    assert anonyme(nouveau_client, seconde).status_code == 200

    reponse = poster(client, "/compte/calendrier/revoquer", page="/compte")
    assert reponse.status_code == 303
    assert anonyme(nouveau_client, seconde).status_code == 404
    page = unescape(client.get("/compte").text)
    assert "Votre agenda privé est révoqué" in page
    assert "Créer mon agenda privé" in page


def test_une_adresse_inventee_repond_404(nouveau_client: Client) -> None:
    for secret in ("inconnu", "x" * 500, "%00", UUID(int=3).hex):
        assert anonyme(nouveau_client, f"/calendrier/{secret}.ics").status_code == 404


def test_les_adresses_inconnues_sont_limitees_par_adresse_client(
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    app_web: Starlette,
    client: TestClient,
    horloge_web: HorlogeWeb,
) -> None:
    membre(plateforme_web, comptes_web, client, "Awa Membre", 18)
    chemin = creer_agenda(client)
    curieux = TestClient(app_web, client=("198.51.100.9", 50000))
    abonne = TestClient(app_web, client=("203.0.113.5", 50000))
    for numero in range(60):
        assert curieux.get(f"/calendrier/essai{numero}.ics").status_code == 404
    for _ in range(100):  # a subscription in use is never counted
        assert abonne.get(chemin).status_code == 200

    refus = curieux.get(chemin)

    assert refus.status_code == 429
    assert "Trop d'adresses d'agenda inconnues" in unescape(refus.text)
    horloge_web.avancer(hours=1)
    assert curieux.get(chemin).status_code == 200


def test_effacer_son_compte_supprime_son_agenda_prive(
    plateforme_web: Plateforme, comptes_web: ComptesWeb, nouveau_client: Client, client: TestClient
) -> None:
    compte_id = membre(plateforme_web, comptes_web, client, "Awa Membre", 18)
    chemin = creer_agenda(client)

    plateforme_web.rgpd.effacer_depuis_la_console(compte_id)

    assert anonyme(nouveau_client, chemin).status_code == 404
    assert plateforme_web.calendriers.cree_le(compte_id) is None


def test_l_export_des_donnees_dit_quand_l_agenda_fut_cree_sans_son_adresse(
    plateforme_web: Plateforme, comptes_web: ComptesWeb, client: TestClient
) -> None:
    compte_id = membre(plateforme_web, comptes_web, client, "Awa Membre", 18)
    chemin = creer_agenda(client)

    donnees = client.get("/compte/donnees.json")

    assert donnees.json()["agenda_prive"]["cree_le"] == "2026-03-02T09:00:00+00:00"
    secret = chemin.removeprefix("/calendrier/").removesuffix(".ics")
    assert secret not in donnees.text
    assert plateforme_web.calendriers.cree_le(compte_id) is not None


def test_le_lien_de_visio_va_dans_l_agenda_prive_et_l_accessibilite_dans_les_deux(
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    animateur: Acteur,
    nouveau_client: Client,
    client: TestClient,
) -> None:
    """The videoconference link is for members (as on the séance page): in the private feed,
    not in the public one; what the place offers is stated in both."""
    from participation.seances import Maniere

    p = plateforme_web
    lien = "https://visio.paris.fr/conseil-18"
    seance_id, position = p.seances.planifier(
        animateur,
        18,
        datetime(2026, 3, 10, 17, 30, tzinfo=UTC),
        "Barbara",
        "Budget",
        maniere=Maniere("hybride", lien, ("plain_pied",)),
    )
    p.projecteur.attendre(position)
    membre(p, comptes_web, client, "Awa Membre", 18)

    public = lire(anonyme(nouveau_client, "/conseils/18/calendrier.ics").content)
    prive = lire(anonyme(nouveau_client, creer_agenda(client)).content)

    (du_public,) = public.walk("VEVENT")
    (du_prive,) = prive.walk("VEVENT")
    assert lien not in str(du_public["DESCRIPTION"])
    assert lien in str(du_prive["DESCRIPTION"])
    for evenement in (du_public, du_prive):
        assert "Accès de plain-pied" in str(evenement["DESCRIPTION"])
        assert str(evenement["UID"]) == uid(str(seance_id))


def test_l_agenda_prive_d_une_animatrice_compte_les_conseils_qu_elle_anime(
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    nouveau_client: Client,
    client: TestClient,
) -> None:
    """An animatrice who is not a member of the assembly still attends every séance."""
    p = plateforme_web
    compte_id, email = comptes_web("Dominique Animatrice", "animateur", 18)
    animatrice = p.comptes.acteur(compte_id)
    assert animatrice is not None
    du_18 = planifier(p, animatrice, datetime(2026, 3, 10, 17, 30, tzinfo=UTC), 18)
    connecter(client, email)

    reponse = anonyme(nouveau_client, creer_agenda(client))

    assert set(evenements(reponse.content)) == {uid(du_18)}
