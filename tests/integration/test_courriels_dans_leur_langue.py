"""Each e-mail speaks the language its recipient chose on the site: a convocation in English
and in Arabic to the members who chose them, in French to the others."""

from typing import Any

import pytest

from domaine.comptes import Acteur
from lancement.plateforme import Plateforme
from langues import gettext, parler
from stockage.messagerie import Courriel, MessagerieMemoire
from tests.integration.outils import planifier, rejoindre


@pytest.fixture
def boite(plateforme: Plateforme) -> MessagerieMemoire:
    boite = MessagerieMemoire()
    plateforme.convocations.messagerie = boite
    return boite


def _recu(plateforme: Plateforme, boite: MessagerieMemoire, acteur: Acteur) -> Courriel:
    identite = plateforme.identites.identite(acteur.compte_id)
    assert identite is not None
    (courriel,) = [c for c in boite.envoyes if c.a == identite.email]
    return courriel


def test_une_convocation_dans_la_langue_choisie_par_chaque_membre(
    plateforme: Plateforme, animateur_18: Acteur, creer_compte: Any, boite: MessagerieMemoire
) -> None:
    francophone, anglophone, arabophone = (creer_compte(nom=f"Membre {i}") for i in range(3))
    for membre in (francophone, anglophone, arabophone):
        rejoindre(plateforme, membre)
    plateforme.comptes.choisir_langue(anglophone.compte_id, "en")
    plateforme.comptes.choisir_langue(arabophone.compte_id, "ar")
    planifier(plateforme, animateur_18, ordre_du_jour="Budget participatif")

    plateforme.convocations.envoyer()

    assert "Bonjour Membre 0," in _recu(plateforme, boite, francophone).corps
    assert "mardi 10 mars 2026 à 19 h 30" in _recu(plateforme, boite, francophone).sujet
    en = _recu(plateforme, boite, anglophone)
    assert "Tuesday, 10 March 2026" in en.sujet
    assert "Bonjour" not in en.corps
    ar = _recu(plateforme, boite, arabophone)
    with parler("ar"):
        assert gettext("Ordre du jour :") in ar.corps
    assert "Bonjour" not in ar.corps
    # What the animateur wrote stays as written, in every language.
    assert all("Budget participatif" in c.corps for c in (en, ar))


def test_effacer_une_personne_efface_aussi_sa_langue(
    plateforme: Plateforme, creer_compte: Any
) -> None:
    membre = creer_compte(nom="Membre")
    plateforme.comptes.choisir_langue(membre.compte_id, "ar")
    plateforme.identites.supprimer(membre.compte_id)
    assert plateforme.identites.langues([membre.compte_id]) == {}
