"""A council's avis world for the web tests: who signs, who animates, who answers, and avis at
each step of their life, built through the platform (the forms under test come after)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from uuid import UUID

import pytest
from starlette.testclient import TestClient

from domaine.comptes import Acteur
from lancement.plateforme import Plateforme
from tests.web.conftest import ComptesWeb, HorlogeWeb
from tests.web.outils import connecter, rejoindre_directement


@dataclass
class SceneAvis:
    """Browsers signed in as each role of an avis of the 18e, and factories of avis."""

    p: Plateforme
    horloge: HorlogeWeb
    navigateurs: dict[str, TestClient] = field(default_factory=dict)
    acteurs: dict[str, Acteur] = field(default_factory=dict)
    seance_id: UUID | None = None

    def __getitem__(self, role: str) -> TestClient:
        return self.navigateurs[role]

    def qui(self, role: str) -> Acteur:
        return self.acteurs[role]

    def brouillon(self, cosigne: bool = False) -> UUID:
        """A draft of the autrice, addressed to the Ville; co-signed by the cosignataire."""
        avis_id, position = self.p.avis.rediger(
            self.qui("autrice"),
            18,
            "auto_saisine",
            "Éclairage rue Myrha",
            "Le conseil demande un meilleur éclairage.",
            "ville",
        )
        if cosigne:
            position = self.p.avis.cosigner(self.qui("cosignataire"), avis_id)
        self.p.projecteur.attendre(position)
        return avis_id

    def adopte(self, origine: str = "auto_saisine", cosigne: bool = False) -> UUID:
        avis_id, position = self.p.avis.rediger(
            self.qui("autrice"), 18, origine, "Propreté", "Texte de l'avis", "ville"
        )
        if cosigne:
            self.p.avis.cosigner(self.qui("cosignataire"), avis_id)
        assert self.seance_id is not None
        position = self.p.avis.soumettre_au_vote(self.qui("animatrice"), avis_id, self.seance_id, 1)
        self.p.projecteur.attendre(position)
        return avis_id

    def transmis(self, origine: str = "auto_saisine") -> UUID:
        avis_id = self.adopte(origine)
        self.p.projecteur.attendre(self.p.avis.transmettre(self.qui("animatrice"), avis_id, None))
        return avis_id

    def repondu(self) -> UUID:
        avis_id = self.transmis()
        position = self.p.avis.repondre(self.qui("agent_ville"), avis_id, None, "Réponse", [])
        self.p.projecteur.attendre(position)
        return avis_id

    def interpellation_transmise(self) -> UUID:
        return self.transmis("interpellation")

    def interpellation_informee(self) -> UUID:
        avis_id = self.transmis("interpellation")
        position = self.p.avis.informer_partenaires(
            self.qui("agent_etat"), avis_id, None, "Le bailleur est informé."
        )
        self.p.projecteur.attendre(position)
        return avis_id

    def saisine(self) -> UUID:
        jour = self.horloge().date()
        avis_id, position = self.p.avis.saisir(
            self.qui("agent_ville"), 18, "Square Léon", "Votre avis ?", jour, jour + timedelta(60)
        )
        self.p.projecteur.attendre(position)
        return avis_id


@pytest.fixture(name="scene_avis")
def fixture_scene_avis(
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
    nouveau_client: Callable[[], TestClient],
) -> SceneAvis:
    scene = SceneAvis(plateforme_web, horloge_web)
    for role, nom, compte_role, arrondissement in (
        ("autrice", "Awa Autrice", None, None),
        ("cosignataire", "Bintou Cosignataire", None, None),
        ("voisine", "Chloé Voisine", None, None),  # a member who did not sign
        ("animatrice", "Dominique Animatrice", "animateur", 18),
        ("agent_ville", "Camille Agente", "agent_ville", None),
        ("agent_etat", "Sacha Agent", "agent_etat", None),
    ):
        compte_id, email = comptes_web(nom, compte_role, arrondissement)
        if role in ("autrice", "cosignataire", "voisine"):
            rejoindre_directement(plateforme_web, compte_id, 18)
        navigateur = nouveau_client()
        connecter(navigateur, email)
        scene.navigateurs[role] = navigateur
        qui = plateforme_web.comptes.acteur(compte_id)
        assert qui is not None
        scene.acteurs[role] = qui
    animatrice = scene.qui("animatrice")
    seance_id, _ = plateforme_web.seances.planifier(
        animatrice, 18, horloge_web() + timedelta(hours=1), "Centre Barbara", "Avis"
    )
    horloge_web.avancer(hours=2)
    position = plateforme_web.seances.enregistrer_decision(
        animatrice, seance_id, "Adopter l'avis", 9, 1, 0
    )
    plateforme_web.projecteur.attendre(position)
    scene.seance_id = seance_id
    return scene
