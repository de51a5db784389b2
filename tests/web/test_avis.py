"""Avis through the web: drafting by members, the agents' answers, the deadline flags, the
lists and the refusals (wrong role, bad input) that record nothing."""

from collections.abc import Callable
from datetime import timedelta
from uuid import UUID

import pytest
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb, HorlogeWeb
from tests.web.outils import (
    HTMX,
    connecter,
    erreur_en_place,
    lisible,
    poster,
    rejoindre_directement,
    section,
)
from tests.web.scene_avis import SceneAvis, fixture_scene_avis  # noqa: F401 (the fixture)

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)

PROJET = {
    "origine": "auto_saisine",
    "titre": "Éclairage rue Myrha",
    "sujet": "Sécurité",
    "axe": "axe_2",
    "destinataire": "ville",
    "institution": "",
    "texte": "Le conseil demande un meilleur éclairage.",
}


def avis_transmis(plateforme: Plateforme, comptes_web: ComptesWeb, horloge: HorlogeWeb) -> UUID:
    """An avis to the Ville, drafted, adopted by a séance's decision and transmitted."""
    membre, _ = comptes_web("Awa Membre")
    rejoindre_directement(plateforme, membre, 18)
    animatrice, _ = comptes_web("Dominique Animatrice", "animateur", 18)
    qui = plateforme.comptes.acteur(membre)
    anim = plateforme.comptes.acteur(animatrice)
    avis_id, _ = plateforme.avis.rediger(qui, 18, "auto_saisine", "Propreté", "Texte", "ville")
    seance_id, _ = plateforme.seances.planifier(
        anim, 18, horloge.instant + timedelta(hours=1), "Centre Barbara", "Avis"
    )
    horloge.avancer(hours=2)
    plateforme.seances.enregistrer_decision(anim, seance_id, "Adopter l'avis", 9, 1, 0)
    plateforme.avis.soumettre_au_vote(anim, avis_id, seance_id, 1)
    position = plateforme.avis.transmettre(anim, avis_id, None)
    plateforme.projecteur.attendre(position)
    return avis_id


def test_un_membre_propose_un_projet_d_avis(
    client: TestClient, plateforme_web: Plateforme, participant_web: UUID
) -> None:
    rejoindre_directement(plateforme_web, participant_web, 18)
    page = client.get("/conseils/18/avis")
    assert "Proposer un projet d'avis" in lisible(page.text)
    reponse = poster(client, "/conseils/18/avis", PROJET, page="/conseils/18/avis")
    assert reponse.status_code == 303
    avis = client.get(reponse.headers["location"])
    texte = lisible(avis.text)
    assert "Éclairage rue Myrha" in texte
    assert "Projet en cours de rédaction" in texte
    assert "Projet d'avis rédigé" in texte  # the timeline's first step
    assert "Axe 2 : vivre sa ville et son quartier" in texte


def test_un_projet_invalide_revient_dans_son_formulaire_sans_rien_enregistrer(
    client: TestClient, plateforme_web: Plateforme, participant_web: UUID
) -> None:
    rejoindre_directement(plateforme_web, participant_web, 18)
    avant = plateforme_web.registre.position()
    for champs, champ, message in [
        ({"titre": ""}, "titre", "Le champ « titre » est obligatoire."),
        ({"texte": "x" * 100_001}, "texte", "trop long"),
        ({"destinataire": "autre"}, "institution", "Précisez le nom de l'institution"),
    ]:
        reponse = poster(
            client, "/conseils/18/avis", {**PROJET, **champs}, page="/conseils/18/avis", htmx=True
        )
        gardes = {k: v for k, v in PROJET.items() if k not in champs and k != "origine"}
        erreur_en_place(reponse, "avis", champ, message, gardes)
        assert "HX-Retarget" not in reponse.headers  # the form swaps itself, in place
    assert plateforme_web.registre.position() == avant


def test_sans_adhesion_ou_sans_compte_on_ne_redige_pas(
    nouveau_client: Callable[[], TestClient], plateforme_web: Plateforme, comptes_web: ComptesWeb
) -> None:
    _, email = comptes_web("Sam Voisin")
    avant = plateforme_web.registre.position()
    anonyme = nouveau_client()
    assert poster(anonyme, "/conseils/18/avis", PROJET).status_code == 403
    non_membre = nouveau_client()
    connecter(non_membre, email)
    reponse = poster(non_membre, "/conseils/18/avis", PROJET)
    assert reponse.status_code == 403
    assert "Rejoignez l'assemblée" in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def test_un_avis_en_retard_est_signale_puis_ne_l_est_plus_une_fois_repondu(
    nouveau_client: Callable[[], TestClient],
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    avis_id = avis_transmis(plateforme_web, comptes_web, horloge_web)
    public = nouveau_client()
    texte = lisible(public.get(f"/avis/{avis_id}").text)
    assert "En attente d'une réponse depuis 0 jour" in texte
    horloge_web.avancer(days=75)
    page = public.get(f"/avis/{avis_id}")
    assert 'id="retard"' in page.text and "En retard de" in lisible(page.text)
    conseil = lisible(public.get("/conseils/18").text)
    assert "en retard de" in conseil

    agent_etat = nouveau_client()
    connecter(agent_etat, comptes_web("Agent État", "agent_etat")[1])
    avant = plateforme_web.registre.position()
    refus = poster(agent_etat, f"/avis/{avis_id}/reponses", {"texte": "Pas nous"})
    assert refus.status_code == 403
    assert plateforme_web.registre.position() == avant

    agent = nouveau_client()
    connecter(agent, comptes_web("Agent Ville", "agent_ville")[1])
    a_repondre = lisible(agent.get("/avis").text)  # the agent's default: the avis they answer
    assert "Propreté" in a_repondre and "en retard de" in a_repondre
    formulaire = agent.get(f"/avis/{avis_id}")
    assert "Répondre à l'avis" in lisible(formulaire.text)
    reponse = poster(
        agent,
        f"/avis/{avis_id}/reponses",
        {"texte": "Un passage supplémentaire par semaine.", "liens": "https://paris.fr/a.pdf\n"},
        page=f"/avis/{avis_id}",
    )
    assert reponse.status_code == 303
    page = lisible(public.get(f"/avis/{avis_id}").text)
    assert 'id="retard"' not in page and "En retard" not in page
    assert "Réponse reçue" in page and "https://paris.fr/a.pdf" in page


def test_la_liste_parisienne_se_filtre_avec_htmx(
    client: TestClient,
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    avis_transmis(plateforme_web, comptes_web, horloge_web)
    partiel = client.get("/avis?conseil=18&statut=transmis", headers=HTMX)
    assert partiel.text.lstrip().startswith('<div id="resultats">')
    assert "Propreté" in partiel.text
    vide = client.get("/avis?conseil=19", headers=HTMX)
    assert "Aucun avis ne correspond." in lisible(vide.text)
    complet = client.get("/avis?statut=transmis")
    assert "<h1>Les avis des conseils citoyens</h1>" in complet.text


def test_les_rappels_apparaissent_dans_les_notifications(
    nouveau_client: Callable[[], TestClient],
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    agent = nouveau_client()
    connecter(agent, comptes_web("Agent Ville", "agent_ville")[1])
    avis_transmis(plateforme_web, comptes_web, horloge_web)
    horloge_web.avancer(days=70)
    assert len(plateforme_web.echeances.verifier()) == 1
    page = lisible(agent.get("/notifications").text)
    assert "Échéance dépassée" in page
    assert nouveau_client().get("/notifications").status_code == 403


def test_un_avis_inconnu_est_une_page_introuvable(client: TestClient) -> None:
    assert client.get("/avis/pas-un-id").status_code == 404
    assert client.get("/avis/00000000-0000-4000-8000-000000000000").status_code == 404
    assert client.get("/conseils/99/avis").status_code == 404


# --- who signs, who rewrites or withdraws --------------------------------------------------

CONFIRMATION = 'class="note succes" role="status" tabindex="-1" autofocus'


def test_cosigner_puis_retirer_sa_cosignature_en_place_le_message_prend_le_focus(
    scene_avis: SceneAvis,
) -> None:
    avis_id = scene_avis.brouillon()
    voisine = scene_avis["voisine"]
    page = voisine.get(f"/avis/{avis_id}").text
    assert 'hx-target="#cosignature"' in section(page, "cosignature")

    cosigne = poster(
        voisine, f"/avis/{avis_id}/cosignatures", {}, page=f"/avis/{avis_id}", htmx=True
    )
    assert cosigne.status_code == 200
    assert cosigne.text.lstrip().startswith('<section id="cosignature"')
    assert f"{CONFIRMATION}>Vous cosignez ce projet d'avis.</p>" in lisible(cosigne.text)
    assert '<strong id="nombre-signataires">2</strong>' in cosigne.text
    assert (
        "Retirer ma cosignature" in cosigne.text and 'hx-disabled-elt="find button"' in cosigne.text
    )

    retrait = poster(
        voisine,
        f"/avis/{avis_id}/cosignatures",
        {"cosignature": "retirer"},
        page=f"/avis/{avis_id}",
        htmx=True,
    )
    assert retrait.status_code == 200
    assert f"{CONFIRMATION}>Votre cosignature est retirée.</p>" in retrait.text
    assert '<strong id="nombre-signataires">1</strong>' in retrait.text
    assert "Cosigner ce projet d'avis" in retrait.text
    chronologie = lisible(voisine.get(f"/avis/{avis_id}").text)
    assert "Nouveau·elle cosignataire" in chronologie and "Cosignature retirée" in chronologie


def test_sans_javascript_cosigner_et_retirer_sa_cosignature_reviennent_sur_la_page(
    scene_avis: SceneAvis,
) -> None:
    avis_id = scene_avis.brouillon(cosigne=True)
    cosignataire = scene_avis["cosignataire"]
    reponse = poster(cosignataire, f"/avis/{avis_id}/cosignatures", {"cosignature": "retirer"})
    assert reponse.status_code == 303 and reponse.headers["location"] == f"/avis/{avis_id}"
    page = lisible(cosignataire.get(f"/avis/{avis_id}").text)
    assert "Votre cosignature est retirée." in page and "Cosigner ce projet d'avis" in page


def test_ni_l_autrice_ni_une_non_cosignataire_ne_retirent_une_cosignature(
    scene_avis: SceneAvis,
) -> None:
    avis_id = scene_avis.brouillon(cosigne=True)
    avant = scene_avis.p.registre.position()
    for role, message in (
        ("autrice", "Vous avez rédigé ce projet d'avis : votre signature ne peut pas"),
        ("voisine", "Vous ne cosignez pas ce projet d'avis."),
        ("animatrice", "Vous ne cosignez pas ce projet d'avis."),
    ):
        reponse = poster(
            scene_avis[role], f"/avis/{avis_id}/cosignatures", {"cosignature": "retirer"}
        )
        assert reponse.status_code == 403, role
        assert message in lisible(reponse.text)
    assert "Retirer ma cosignature" not in scene_avis["autrice"].get(f"/avis/{avis_id}").text
    assert scene_avis.p.registre.position() == avant


def test_apres_l_adoption_une_cosignature_ne_se_retire_plus(scene_avis: SceneAvis) -> None:
    avis_id = scene_avis.adopte(cosigne=True)
    cosignataire = scene_avis["cosignataire"]
    page = cosignataire.get(f"/avis/{avis_id}").text
    assert "Vous avez cosigné cet avis." in lisible(page)
    assert "Retirer ma cosignature" not in page
    avant = scene_avis.p.registre.position()

    reponse = poster(
        cosignataire, f"/avis/{avis_id}/cosignatures", {"cosignature": "retirer"}, htmx=True
    )

    assert reponse.status_code == 409
    assert reponse.text.lstrip().startswith('<section id="cosignature"')
    assert "Impossible de retirer votre cosignature" in lisible(reponse.text)
    assert 'role="alert" tabindex="-1" autofocus' in reponse.text
    assert scene_avis.p.registre.position() == avant


DROITS = (
    "Seules la personne qui a rédigé ce projet et l'animation du conseil peuvent le modifier "
    "ou le retirer ; les cosignataires peuvent retirer leur cosignature tant que l'assemblée "
    "ne l'a pas adopté."
)


def test_la_page_dit_qui_peut_reecrire_ou_retirer_et_ne_le_propose_qu_a_eux(
    scene_avis: SceneAvis,
) -> None:
    avis_id = scene_avis.brouillon(cosigne=True)
    formulaires = ('id="formulaire-amender"', 'id="formulaire-retrait"')
    for role, voit in (("autrice", True), ("animatrice", True), ("cosignataire", False)):
        page = scene_avis[role].get(f"/avis/{avis_id}").text
        assert DROITS in lisible(section(page, "actions")), role
        assert all((f in page) == voit for f in formulaires), role
    assert DROITS in lisible(scene_avis["agent_ville"].get(f"/avis/{avis_id}").text)

    avant = scene_avis.p.registre.position()
    cosignataire = scene_avis["cosignataire"]
    reecrit = poster(cosignataire, f"/avis/{avis_id}/versions", {"titre": "T", "texte": "Autre"})
    retire = poster(cosignataire, f"/avis/{avis_id}/retrait", {"motif": "Je préfère"})
    assert reecrit.status_code == retire.status_code == 403
    assert "les cosignataires le soutiennent sans le réécrire" in lisible(reecrit.text)
    assert scene_avis.p.registre.position() == avant


def test_un_avis_adopte_appartient_au_conseil_seule_l_animation_le_retire(
    scene_avis: SceneAvis,
) -> None:
    avis_id = scene_avis.adopte()
    autrice = scene_avis["autrice"].get(f"/avis/{avis_id}").text
    assert "seule l'animation du conseil peut le transmettre ou le retirer" in lisible(autrice)
    assert 'id="formulaire-retrait"' not in autrice
    assert 'id="formulaire-retrait"' in scene_avis["animatrice"].get(f"/avis/{avis_id}").text
    refus = poster(scene_avis["autrice"], f"/avis/{avis_id}/retrait", {"motif": "Finalement non"})
    assert refus.status_code == 403


def test_les_listes_d_avis_se_paginent_en_gardant_leurs_filtres(scene_avis: SceneAvis) -> None:
    for _ in range(31):
        scene_avis.brouillon()
    public = scene_avis["voisine"]

    premiere = public.get("/avis?conseil=18&statut=brouillon")

    texte = lisible(premiere.text)
    assert "31 avis, page 1 sur 2 (n° 1 à 30)." in texte
    assert texte.count('<a href="/avis/') == 30
    suivante = "/avis?conseil=18&amp;destinataire=tous&amp;statut=brouillon&amp;page=2"
    assert f'id="lien-page-suivante" rel="next" href="{suivante}"' in premiere.text
    seconde = public.get(
        "/avis?conseil=18&destinataire=tous&statut=brouillon&page=2",
        headers={**HTMX, "HX-Trigger": "lien-page-suivante"},
    )
    assert seconde.text.lstrip().startswith('<div id="resultats">')
    assert 'id="nombre-avis" tabindex="-1" autofocus>31 avis, page 2 sur 2' in seconde.text
    assert lisible(seconde.text).count('<a href="/avis/') == 1

    conseil = public.get("/conseils/18/avis?page=2")
    assert "31 avis, page 2 sur 2" in conseil.text and "<html" in conseil.text
    assert 'href="/conseils/18/avis"' in conseil.text  # back to page 1, a clean address
