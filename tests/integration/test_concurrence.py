"""Optimistic concurrency: the second of two writers working from the same version loses."""

from datetime import timedelta

import pytest

from domaine.assemblee import Adhesion, profil
from domaine.comptes import Acteur
from domaine.erreurs import ConflitDeModification
from domaine.seances import Seance
from lancement.plateforme import Plateforme
from tests.integration.outils import DATE_SEANCE, planifier, rien_n_est_enregistre


def test_deux_animatrices_reprogramment_la_meme_version_et_la_seconde_est_prevenue(
    plateforme: Plateforme, animateur_18: Acteur, creer_compte
) -> None:
    autre_animatrice = creer_compte("animateur", 18)
    seance_id = planifier(plateforme, animateur_18)
    formulaire_1 = plateforme.registre.charger(Seance, seance_id, "").version
    formulaire_2 = plateforme.registre.charger(Seance, seance_id, "").version
    assert formulaire_1 == formulaire_2 == 1

    plateforme.seances.reprogrammer(
        animateur_18, seance_id, formulaire_1, DATE_SEANCE + timedelta(days=1), "Salle A", "Odj"
    )
    with (
        rien_n_est_enregistre(plateforme),
        pytest.raises(ConflitDeModification, match="Quelqu'un d'autre"),
    ):
        plateforme.seances.reprogrammer(
            autre_animatrice,
            seance_id,
            formulaire_2,
            DATE_SEANCE + timedelta(days=2),
            "Salle B",
            "Odj",
        )

    seance = plateforme.registre.charger(Seance, seance_id, "")
    assert (seance.version, seance.lieu) == (2, "Salle A")
    plateforme.projecteur.rattraper()
    ligne = plateforme.lecture.seance(seance_id)
    assert (ligne.lieu, ligne.version) == ("Salle A", 2)


def test_deux_copies_chargees_en_meme_temps_ne_s_ecrasent_pas(
    plateforme: Plateforme, animateur_18: Acteur, horloge
) -> None:
    """Without any version from a form, the event store itself refuses the second save."""
    seance_id = planifier(plateforme, animateur_18)
    copie_1 = plateforme.registre.charger(Seance, seance_id, "")
    copie_2 = plateforme.registre.charger(Seance, seance_id, "")
    le = horloge.now
    copie_1.reprogrammer(
        DATE_SEANCE + timedelta(days=1), "Salle A", "Odj", animateur_18.compte_id, le
    )
    copie_2.annuler("Salle indisponible", animateur_18.compte_id, le)

    plateforme.registre.enregistrer(copie_1)
    with rien_n_est_enregistre(plateforme), pytest.raises(ConflitDeModification):
        plateforme.registre.enregistrer(copie_2)

    seance = plateforme.registre.charger(Seance, seance_id, "")
    assert seance.statut == "planifiee"
    assert seance.lieu == "Salle A"


def test_deux_premieres_adhesions_simultanees_de_la_meme_personne_n_en_font_qu_une(
    plateforme: Plateforme, participant: Acteur, horloge
) -> None:
    p = profil(18, "habitant", "femme", "25_39", "hors_qpv", horloge.now.date())
    premiere = Adhesion.rejoindre_une_premiere_fois(18, participant.compte_id, p, True, horloge.now)
    seconde = Adhesion.rejoindre_une_premiere_fois(18, participant.compte_id, p, True, horloge.now)

    plateforme.registre.enregistrer(premiere)
    with rien_n_est_enregistre(plateforme), pytest.raises(ConflitDeModification):
        plateforme.registre.enregistrer(seconde)

    plateforme.projecteur.rattraper()
    assert plateforme.lecture.effectifs()[18].total == 1
