"""The delegates' pages: an agent adds a body, the animatrice designates delegates by a
decision of the open assembly, a meeting is recorded with who attended, the delegate writes
their report back and the animatrice marks it presented; refusals come back next to their
field; the public sees roles and dates, never a name."""

from datetime import UTC, datetime, timedelta

import pytest
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb, HorlogeWeb
from tests.web.outils import connecter, erreur_en_place, lisible, poster, rejoindre_directement

pytestmark = pytest.mark.calendrier

PAGE = "/conseils/18/delegues"


def test_designation_reunion_compte_rendu_et_page_publique_sans_nom(
    client: TestClient,
    nouveau_client: object,
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    p = plateforme_web
    agent_id, agent_email = comptes_web("Agent Ville", "agent_ville")
    anim_id, anim_email = comptes_web("Dominique Animatrice", "animateur", 18)
    deleguee_id, deleguee_email = comptes_web("Aïcha Déléguée")
    autre_id, _ = comptes_web("Bruno Suppléant")
    dehors_id, _ = comptes_web("Hors Assemblée")
    for personne in (deleguee_id, autre_id):
        rejoindre_directement(p, personne)

    connecter(client, agent_email)
    refus = poster(client, "/instances", {"nature": "autre", "nom": ""}, page="/instances")
    erreur_en_place(refus, "instance", "nom", "nom de l'instance")
    ajout = poster(
        client,
        "/instances",
        {
            "nature": "copil_arrondissement",
            "nom": "Comité de pilotage du 18e",
            "arrondissement": "18",
        },
        page="/instances",
    )
    assert ajout.status_code == 303
    (instance,) = p.lecture_instances.instances(18)

    # A séance with an adopted decision, recorded by the animatrice (not under test here).
    animatrice = p.comptes.acteur(anim_id)
    seance_id, _ = p.seances.planifier(
        animatrice, 18, datetime(2026, 3, 3, 17, tzinfo=UTC), "Centre Barbara", "Délégué·es"
    )
    horloge_web.avancer(days=2)
    position = p.seances.enregistrer_decision(animatrice, seance_id, "Délégué·es", 9, 0, 0)
    p.projecteur.attendre(position)

    connecter(client, anim_email)
    formulaire = {
        "instance": instance.instance_id,
        "decision": f"{seance_id}:1",
        "titulaires": str(deleguee_id),
        "suppleants": str(autre_id),
        "debut": "2026-03-05",
        "fin": "2027-03-04",
    }
    hors = poster(
        client, f"{PAGE}/designations", {**formulaire, "titulaires": str(dehors_id)}, page=PAGE
    )
    erreur_en_place(hors, "designation", "personnes", "membre de l'assemblée")
    a_l_envers = poster(
        client, f"{PAGE}/designations", {**formulaire, "fin": "2026-03-01"}, page=PAGE
    )
    erreur_en_place(a_l_envers, "designation", "fin", "précéder", gardes={"debut": "2026-03-05"})
    assert poster(client, f"{PAGE}/designations", formulaire, page=PAGE).status_code == 303
    double = poster(client, f"{PAGE}/designations", formulaire, page=PAGE)
    erreur_en_place(double, "designation", "debut", "un mandat à la fois")

    horloge_web.avancer(days=10)
    reunion = poster(
        client,
        f"{PAGE}/reunions",
        {"instance": instance.instance_id, "tenue_le": "2026-03-12", "ordre_du_jour": "Bilan"},
        page=PAGE,
    )
    assert reunion.status_code == 303
    (vue,) = p.lecture_instances.reunions(18)
    cible = f"{instance.instance_id}:{vue.reunion.reunion_id}"
    mandats = {m.role: m.mandat_id for m in p.lecture_instances.mandats(18)}
    presences = poster(
        client, f"{PAGE}/reunions/{cible}/presences", {"mandats": mandats["titulaire"]}, page=PAGE
    )
    assert presences.status_code == 303

    # The delegate writes her report back; someone else may not.
    delegue = nouveau_client()  # type: ignore[operator]
    connecter(delegue, deleguee_email)
    page_deleguee = lisible(delegue.get(PAGE).text)
    assert "Compte rendu de mandat" in page_deleguee
    ecrit = poster(
        delegue,
        f"{PAGE}/reunions/{cible}/comptes-rendus",
        {"mandat": mandats["titulaire"], "texte": "Le comité a validé le bilan."},
        page=PAGE,
    )
    assert ecrit.status_code == 303
    (vue,) = p.lecture_instances.reunions(18)
    (compte_rendu,) = vue.comptes_rendus

    # Presented at a séance held after the meeting.
    seance_2, _ = p.seances.planifier(
        animatrice, 18, horloge_web.instant + timedelta(hours=2), "Centre Barbara", "Retours"
    )
    horloge_web.avancer(hours=4)
    p.projecteur.attendre(p.registre.position())
    presente = poster(
        client,
        f"{PAGE}/reunions/{cible}/presentation",
        {"compte_rendu": compte_rendu.compte_rendu_id, "seance": str(seance_2)},
        page=PAGE,
    )
    assert presente.status_code == 303

    public = nouveau_client()  # type: ignore[operator]
    html = public.get(PAGE).text
    texte = lisible(html)
    assert "Délégué·e (titulaire)" in texte and "Délégué·e (suppléant·e)" in texte
    assert "Le comité a validé le bilan." in texte and "présenté en séance" in texte
    for nom in ("Aïcha", "Bruno", "Dominique"):
        assert nom not in html
    assert "<form" not in html.split("<main", 1)[-1] or 'action="/conseils/18/delegues' not in html
    assert "/conseils/18/delegues" in public.get("/conseils/18").text
    anime = lisible(client.get(PAGE).text)
    assert "Aïcha Déléguée" in anime  # the animatrice sees whom she designated
    del agent_id


def test_un_tirage_de_delegues_s_annonce_et_se_tire_sur_sa_page(
    client: TestClient,
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    p = plateforme_web
    _, agent_email = comptes_web("Agent Ville", "agent_ville")
    _, anim_email = comptes_web("Dominique Animatrice", "animateur", 18)
    volontaires = [comptes_web(f"Volontaire {i}")[0] for i in range(3)]
    for personne in volontaires:
        rejoindre_directement(p, personne)
    connecter(client, agent_email)
    poster(
        client,
        "/instances",
        {"nature": "revue_de_projets", "nom": "Revue de projets du 18e", "arrondissement": "18"},
        page="/instances",
    )
    (instance,) = p.lecture_instances.instances(18)

    connecter(client, anim_email)
    formulaire = {
        "instance": instance.instance_id,
        "volontaires": [str(v) for v in volontaires],
        "titulaires": "1",
        "suppleants": "1",
        "debut": "2026-04-01",
        "fin": "2027-03-31",
        "hasard_prevu": "quatre dés à dix faces",
        "hasard_le": "2026-03-02T09:00",  # already past: refused next to the field
    }
    erreur_en_place(
        poster(client, f"{PAGE}/tirages", formulaire, page=PAGE), "tirage", "hasard_le", "à venir"
    )
    annonce = poster(
        client, f"{PAGE}/tirages", {**formulaire, "hasard_le": "2026-03-05T19:00"}, page=PAGE
    )
    assert annonce.status_code == 303
    assert p.lecture.tirages(18) == []  # not listed with the groupe moteur's tirages
    (mandat_tirage,) = p.instances.delegation(18).tirages.values()
    page_tirage = f"/tirages/{mandat_tirage.tirage_id}"
    assert "Tirage au sort de délégué·es" in client.get(page_tirage).text

    horloge_web.avancer(days=3, hours=10)
    tire = poster(
        client, f"{page_tirage}/tirer", {"hasard": "1,2,3,4", "temoins": "Awa"}, page=page_tirage
    )
    assert tire.status_code == 303, tire.text
    roles = sorted(m.role for m in p.instances.delegation(18).mandats.values())
    assert roles == ["suppleant", "titulaire"]
    assert "Tirage au sort" in lisible(client.get(PAGE).text)
