"""Avis through the web: drafting by members, the agents' answers, the deadline flags, the
lists and the refusals (wrong role, bad input) that record nothing."""

from collections.abc import Callable
from datetime import timedelta
from uuid import UUID

import pytest
from starlette.testclient import TestClient

from participation.plateforme import Plateforme
from tests.web.conftest import ComptesWeb, HorlogeWeb
from tests.web.outils import HTMX, connecter, lisible, poster, rejoindre_directement

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


def test_un_projet_invalide_est_refuse_en_francais_sans_rien_enregistrer(
    client: TestClient, plateforme_web: Plateforme, participant_web: UUID
) -> None:
    rejoindre_directement(plateforme_web, participant_web, 18)
    avant = plateforme_web.registre.position()
    for champs, message in [
        ({"titre": ""}, "Le champ « titre » est obligatoire."),
        ({"texte": "x" * 100_001}, "trop long"),
        ({"destinataire": "autre"}, "Précisez le nom de l'institution"),
    ]:
        reponse = poster(
            client, "/conseils/18/avis", {**PROJET, **champs}, page="/conseils/18/avis", htmx=True
        )
        assert reponse.status_code == 422
        assert message in lisible(reponse.text)
        assert reponse.headers["HX-Retarget"] == "#messages"
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
