"""The public page of a tirage: announcement, live result, the draw, downloads to verify."""

import json
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from importlib import resources
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from starlette.testclient import TestClient

import web.tirages
from domaine.groupe_moteur import Objectifs
from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb, HorlogeWeb
from tests.web.outils import HTMX, champs, erreur_en_place, lisible, poster, section
from tests.web.test_groupe_moteur import PAGE, annoncer, constituer, liste_csv, tirage_annonce
from tirage.canonique import ecrire
from tirage.loterie import engagement
from tirage.verification import verifier

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)

TEMOINS = "Awa D.\nMarc L.\n"


def annoncer_par_le_web(client: TestClient, horloge: HorlogeWeb | None = None) -> str:
    """A tirage announced for 11:00 (Paris) today; with `horloge`, the séance has come."""
    assert constituer(client).status_code == 303
    tirage_id = tirage_annonce(annoncer(client, fichier=liste_csv(60), avec_volontaires=False))
    if horloge is not None:
        horloge.avancer(hours=2)
    return tirage_id


def annoncer_directement(plateforme: Plateforme, comptes_web: ComptesWeb) -> tuple[str, UUID]:
    """A tirage the test needs, announced through the platform (not under test), for an hour
    later."""
    animateur_id, _ = comptes_web("Animatrice du 18e", "animateur", 18)
    animateur = plateforme.comptes.acteur(animateur_id)
    plateforme.groupe_moteur.fixer_objectifs(animateur, 18, Objectifs(taille=20))
    quotas = plateforme.groupe_moteur.quotas_proposes(18)
    tirage_id, position = plateforme.groupe_moteur.annoncer_tirage(
        animateur,
        18,
        quotas,
        "quatre dés",
        [],
        liste_csv(60),
        hasard_le=plateforme.registre.maintenant() + timedelta(hours=1),
    )
    plateforme.projecteur.attendre(position)
    return str(tirage_id), animateur_id


def test_le_tirage_en_seance_affiche_le_resultat_en_place(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme, horloge_web: HorlogeWeb
) -> None:
    tirage_id = annoncer_par_le_web(client, horloge_web)
    page = lisible(client.get(f"/tirages/{tirage_id}").text)
    assert 'hx-post="/tirages/' in page and 'name="temoins"' in page
    assert "avec 10\u202f000 tickets" in page

    reponse = poster(
        client,
        f"/tirages/{tirage_id}/tirer",
        {"hasard": "1,2,3,4", "temoins": TEMOINS},
        page=f"/tirages/{tirage_id}",
        htmx=True,
    )

    assert reponse.status_code == 200
    html = lisible(reponse.text)
    assert html.lstrip().startswith('<section id="tirer"')
    assert "Tirage effectué : les personnes tirées au sort entrent au groupe moteur." in html
    resultat = section(html, "resultat")
    assert 'hx-swap-oob="true"' in resultat
    assert "hx-trigger" not in resultat
    assert "Statut : effectué" in resultat
    assert "<strong>n° 1234</strong>" in resultat
    assert "Les chiffres des dés donnent le numéro du ticket" in resultat
    assert "Awa D., Marc L." in resultat
    record = json.loads(plateforme_web.lecture.tirage(UUID(tirage_id)).document)
    for ident in record["selection"]:
        assert f"<code>{ident}</code>" in resultat
    assert "Les 10 premières personnes suppléantes, dans l'ordre (sur 40)" in resultat

    membres = section(lisible(client.get(PAGE).text), "membres")
    assert membres.count("Tiré·e au sort") == 20
    assert f'href="/tirages/{tirage_id}"' in membres
    page = lisible(client.get(f"/tirages/{tirage_id}").text)
    assert "hx-trigger" not in page and 'name="temoins"' not in page
    assert f'href="/tirages/{tirage_id}/enregistrement.json"' in page


def test_l_enregistrement_telecharge_se_verifie(
    client: TestClient,
    animateur_web: UUID,
    plateforme_web: Plateforme,
    tmp_path: Path,
    horloge_web: HorlogeWeb,
) -> None:
    tirage_id = annoncer_par_le_web(client, horloge_web)
    annonce_avant = client.get(f"/tirages/{tirage_id}/annonce.json")
    reponse = poster(
        client,
        f"/tirages/{tirage_id}/tirer",
        {"hasard": "1,2,3,4", "temoins": TEMOINS},
        page=f"/tirages/{tirage_id}",
    )
    assert reponse.status_code == 303
    assert reponse.headers["location"] == f"/tirages/{tirage_id}"

    telecharge = client.get(f"/tirages/{tirage_id}/enregistrement.json")

    assert telecharge.status_code == 200
    assert telecharge.headers["content-type"] == "application/json"
    assert (
        telecharge.headers["content-disposition"]
        == f'attachment; filename="tirage-{tirage_id}-enregistrement.json"'
    )
    ligne = plateforme_web.lecture.tirage(UUID(tirage_id))
    assert telecharge.text == ligne.document + "\n"
    record = json.loads(telecharge.text)
    assert record["tirage"]["ticket"] == 1234
    verdict = verifier(record)
    assert verdict.correct, verdict.ecart
    # The announcement is the same before and after the draw, and commits to itself.
    annonce = client.get(f"/tirages/{tirage_id}/annonce.json")
    assert annonce.status_code == 200 and annonce.text == annonce_avant.text
    contenu = json.loads(annonce.text)
    assert not {"tirage", "selection", "suppleants"} & set(contenu)
    assert annonce.text == ecrire(contenu)
    assert contenu["engagement"] == engagement(contenu) == ligne.engagement
    # The standalone verifier, downloaded from the site, gives the same verdict.
    script = client.get("/tirages/verificateur_autonome.py")
    if script.status_code == 404:
        pytest.skip("vérificateur autonome pas encore livré")
    (tmp_path / "verificateur_autonome.py").write_text(script.text)
    (tmp_path / "enregistrement.json").write_text(telecharge.text)
    resultat = subprocess.run(
        [sys.executable, "verificateur_autonome.py", "enregistrement.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr


def test_la_page_interroge_le_resultat_jusqu_au_tirage_seulement(
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    nouveau_client: Callable[[], TestClient],
    horloge_web: HorlogeWeb,
) -> None:
    tirage_id, animateur_id = annoncer_directement(plateforme_web, comptes_web)
    public = nouveau_client()
    page = lisible(public.get(f"/tirages/{tirage_id}").text)
    resultat = section(page, "resultat")
    assert f'hx-get="/tirages/{tirage_id}/resultat"' in resultat
    assert 'hx-trigger="every 2s"' in resultat and 'hx-swap="outerHTML"' in resultat
    assert "Statut : annoncé." in resultat
    assert "Effectuer le tirage" not in page  # the draw form is the animateur's
    assert 'href="/tirages/verificateur_autonome.py"' in page or not (
        resources.files("tirage").joinpath("verificateur_autonome.py").is_file()
    )
    sondage = public.get(f"/tirages/{tirage_id}/resultat", headers=HTMX)
    assert sondage.status_code == 204  # nothing new: htmx keeps the section and polls again
    assert public.get(f"/tirages/{tirage_id}/resultat").status_code == 200

    # Drawn elsewhere (the animateur's browser, or the CLI through the projections).
    horloge_web.avancer(hours=2)
    animateur = plateforme_web.comptes.acteur(animateur_id)
    plateforme_web.projecteur.attendre(
        plateforme_web.groupe_moteur.effectuer_tirage(
            animateur, UUID(tirage_id), "9,9,9,9", ["Awa D."]
        )
    )

    sondage = public.get(f"/tirages/{tirage_id}/resultat", headers=HTMX)
    assert sondage.status_code == 200
    assert sondage.text.lstrip().startswith('<section id="resultat"')
    assert "hx-get" not in sondage.text and "hx-trigger" not in sondage.text
    assert "<strong>n° 9999</strong>" in sondage.text
    assert "hx-trigger" not in public.get(f"/tirages/{tirage_id}").text


def test_un_tirage_sans_temoin_ou_sans_hasard_est_refuse(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme, horloge_web: HorlogeWeb
) -> None:
    tirage_id = annoncer_par_le_web(client, horloge_web)
    avant = plateforme_web.registre.position()

    sans_temoin = poster(
        client,
        f"/tirages/{tirage_id}/tirer",
        {"hasard": "1,2,3,4", "temoins": "  \n"},
        page=f"/tirages/{tirage_id}",
        htmx=True,
    )
    sans_hasard = poster(
        client,
        f"/tirages/{tirage_id}/tirer",
        {"hasard": " ", "temoins": TEMOINS},
        page=f"/tirages/{tirage_id}",
    )

    erreur_en_place(
        sans_temoin, "tirer", "temoins", "Indiquez au moins un témoin du tirage.",
        {"hasard": "1,2,3,4"},
    )  # fmt: skip
    assert sans_temoin.text.lstrip().startswith('<section id="tirer"')
    erreur_en_place(
        sans_hasard, "tirer", "hasard", "Le champ « hasard public » est obligatoire.",
        {"temoins": TEMOINS},
    )  # fmt: skip
    assert plateforme_web.registre.position() == avant


def test_un_tirage_ne_s_effectue_qu_une_fois(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme, horloge_web: HorlogeWeb
) -> None:
    tirage_id = annoncer_par_le_web(client, horloge_web)
    donnees = {"hasard": "1,2,3,4", "temoins": TEMOINS}
    assert poster(client, f"/tirages/{tirage_id}/tirer", donnees).status_code == 303
    avant = plateforme_web.registre.position()

    reponse = poster(client, f"/tirages/{tirage_id}/tirer", {**donnees, "hasard": "5,5,5,5"})

    assert reponse.status_code == 409
    assert "Ce tirage a déjà été effectué." in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_le_verificateur_autonome_se_telecharge(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fichier = resources.files("tirage").joinpath("verificateur_autonome.py")
    if not fichier.is_file():
        pytest.skip("vérificateur autonome pas encore livré")

    reponse = client.get("/tirages/verificateur_autonome.py")

    assert reponse.status_code == 200
    assert reponse.headers["content-type"] == "text/x-python; charset=utf-8"
    assert (
        reponse.headers["content-disposition"] == 'attachment; filename="verificateur_autonome.py"'
    )
    assert reponse.text == fichier.read_text(encoding="utf-8")

    monkeypatch.setattr(web.tirages, "_verificateur", lambda: tmp_path / "absent.py")
    absent = client.get("/tirages/verificateur_autonome.py")
    assert absent.status_code == 404
    assert "Le vérificateur autonome n'est pas disponible." in lisible(absent.text)


@pytest.mark.parametrize(
    "chemin",
    [
        f"/tirages/{uuid4()}",
        f"/tirages/{uuid4()}/resultat",
        f"/tirages/{uuid4()}/annonce.json",
        f"/tirages/{uuid4()}/enregistrement.json",
        "/tirages/pas-un-identifiant",
    ],
)
def test_un_tirage_inconnu_donne_404(client: TestClient, chemin: str) -> None:
    reponse = client.get(chemin)

    assert reponse.status_code == 404
    assert "Ce tirage n'existe pas." in lisible(reponse.text)


def test_un_tirage_ne_s_effectue_pas_avant_l_heure_annoncee_du_hasard(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme, horloge_web: HorlogeWeb
) -> None:
    """Announced on Monday 2 March for the séance of Monday 9 March at 18:30 (Paris): on the
    6th the page says why the draw is not possible yet and when it will be, and a draw posted
    anyway is refused in place with the announced time; at the séance it goes through."""
    assert constituer(client).status_code == 303
    tirage_id = tirage_annonce(
        annoncer(
            client, fichier=liste_csv(60), avec_volontaires=False, hasard_le="2026-03-09T18:30"
        )
    )
    horloge_web.avancer(days=4)
    page = lisible(client.get(f"/tirages/{tirage_id}").text)
    tirer = section(page, "tirer")
    assert (
        "Le tirage pourra être effectué à partir du lundi 9 mars 2026 à 18 h 30 (heure de Paris)"
    ) in " ".join(re.sub(r"<[^>]+>", "", tirer).split())
    assert 'name="hasard"' not in tirer and 'hx-trigger="every 30s"' in tirer
    assert "Prévu le</dt><dd>lundi 9 mars 2026 à 18 h 30 (heure de Paris)" in page
    avant = plateforme_web.registre.position()
    saisie = {"hasard": "1,2,3,4", "temoins": TEMOINS}

    for htmx in (True, False):
        reponse = poster(
            client, f"/tirages/{tirage_id}/tirer", saisie, page=f"/tirages/{tirage_id}", htmx=htmx
        )

        assert reponse.status_code == 409
        refus = lisible(section(reponse.text, "tirer"))
        assert (
            "Ce tirage est annoncé pour le lundi 9 mars 2026 à 18 h 30 (heure de Paris) : le "
            "hasard public ne peut pas être saisi avant."
        ) in refus
        assert 'role="alert"' in refus  # the summary at the top of the form, read out
        assert champs(reponse.text)["tirer-hasard"]["valeur"] == "1,2,3,4"
        assert champs(reponse.text)["tirer-temoins"]["valeur"] == TEMOINS
    assert plateforme_web.registre.position() == avant
    assert plateforme_web.lecture.tirage(UUID(tirage_id)).effectue_le is None

    horloge_web.avancer(days=3, hours=8, minutes=30)  # Monday 9 March, 18:30 in Paris
    assert 'name="hasard"' in section(client.get(f"/tirages/{tirage_id}").text, "tirer")
    reponse = poster(client, f"/tirages/{tirage_id}/tirer", saisie, page=f"/tirages/{tirage_id}")
    assert reponse.status_code == 303
    record = json.loads(plateforme_web.lecture.tirage(UUID(tirage_id)).document)
    assert record["hasard_prevu_le"] == "2026-03-09T18:30:00+01:00"
    assert record["tirage"]["le"] == "2026-03-09T18:30:00+01:00"
    assert verifier(record).correct


def test_le_message_d_annonce_disparait_une_fois_le_tirage_effectue(
    client: TestClient, animateur_web: UUID, plateforme_web: Plateforme, horloge_web: HorlogeWeb
) -> None:
    """ "Tirage annoncé… le tirage aura lieu" must not stay on a page that shows the result:
    the draw's answer and the result polled by the room clear the page's messages."""
    tirage_id = annoncer_par_le_web(client, horloge_web)
    page = lisible(client.get(f"/tirages/{tirage_id}").text)
    assert "Tirage annoncé : son engagement est publié." in page
    assert "Tirage annoncé" not in lisible(client.get(f"/tirages/{tirage_id}").text)  # once

    tire = poster(
        client,
        f"/tirages/{tirage_id}/tirer",
        {"hasard": "1,2,3,4", "temoins": TEMOINS},
        page=f"/tirages/{tirage_id}",
        htmx=True,
    )
    sondage = client.get(f"/tirages/{tirage_id}/resultat", headers=HTMX)

    effacer = '<div id="messages" hx-swap-oob="innerHTML"></div>'
    assert tire.status_code == 200 and effacer in tire.text
    assert sondage.status_code == 200 and effacer in sondage.text
    assert effacer not in client.get(f"/tirages/{tirage_id}/resultat").text  # full page
    groupe = lisible(client.get(PAGE).text)
    assert "à venir" not in section(groupe, "tirages")
