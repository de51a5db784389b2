"""Séances through the use cases and the read model."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domaine.comptes import Acteur
from domaine.temps import PARIS, en_utc
from lancement.plateforme import Plateforme
from tests.integration.outils import DATE_SEANCE, planifier, rejoindre

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)


def test_une_seance_planifiee_puis_tenue_apparait_dans_les_modeles_de_lecture(
    plateforme: Plateforme, horloge: Any, animateur_18: Acteur, creer_compte: Any
) -> None:
    membre, membre_19 = creer_compte(), creer_compte()
    rejoindre(plateforme, membre)
    rejoindre(plateforme, membre_19, 19)
    plateforme.conseils.fixer_regle_majorite(animateur_18, 18, "deux_tiers")
    seance_id = planifier(plateforme, animateur_18)
    plateforme.projecteur.rattraper()

    (a_venir,) = plateforme.lecture.seances(18, horloge.now, a_venir=True)
    assert a_venir.seance_id == str(seance_id)
    assert en_utc(a_venir.date) == DATE_SEANCE
    assert plateforme.lecture.seances(18, horloge.now, a_venir=False) == []
    assert plateforme.lecture.seances(19, horloge.now, a_venir=True) == []

    horloge.avancer(days=9)
    plateforme.seances.changer_presence(animateur_18, seance_id, membre.compte_id, True)
    plateforme.seances.compter_anonymes(animateur_18, seance_id, None, 4)
    plateforme.seances.enregistrer_decision(animateur_18, seance_id, "Avis square", 2, 1, 5)
    position = plateforme.seances.enregistrer_decision(animateur_18, seance_id, "Fête", 3, 2, 0)
    plateforme.projecteur.attendre(position)

    assert plateforme.lecture.seances(18, horloge.now, a_venir=True) == []
    (passee,) = plateforme.lecture.seances(18, horloge.now, a_venir=False)
    assert (passee.presents, passee.anonymes, passee.version) == (1, 4, 5)
    assert plateforme.lecture.presents(seance_id) == {membre.compte_id}
    decisions = plateforme.lecture.decisions_de_seance(seance_id)
    assert [(d.numero, d.regle, d.adoptee) for d in decisions] == [
        (1, "deux_tiers", True),
        (2, "deux_tiers", False),
    ]
    assert [d.texte for d in plateforme.lecture.decisions_adoptees(18)] == ["Avis square"]


def test_une_seance_annulee_le_reste_dans_les_modeles_de_lecture(
    plateforme: Plateforme, horloge: Any, animateur_18: Acteur
) -> None:
    seance_id = planifier(plateforme, animateur_18)
    position = plateforme.seances.annuler(animateur_18, seance_id, None, "Salle fermée")
    plateforme.projecteur.attendre(position)

    ligne = plateforme.lecture.seance(seance_id)
    assert (ligne.statut, ligne.motif_annulation, ligne.version) == ("annulee", "Salle fermée", 2)


def test_une_date_saisie_en_heure_de_paris_est_lue_au_bon_instant(
    plateforme: Plateforme, horloge: Any, animateur_18: Acteur
) -> None:
    """Regression: SQLite dropped the +01:00 offset, shifting séances by one or two hours."""
    date = datetime(2026, 3, 10, 18, 30, tzinfo=PARIS)  # 17:30 UTC
    seance_id = planifier(plateforme, animateur_18, date=date)
    plateforme.seances.reprogrammer(
        animateur_18, seance_id, None, datetime(2026, 4, 7, 18, 30, tzinfo=PARIS), "Lieu", "Odj"
    )
    plateforme.projecteur.rattraper()

    ligne = plateforme.lecture.seance(seance_id)
    assert en_utc(ligne.date) == datetime(2026, 4, 7, 16, 30, tzinfo=UTC)  # summer time
    juste_apres = datetime(2026, 4, 7, 16, 45, tzinfo=UTC)
    assert plateforme.lecture.seances(18, juste_apres, a_venir=True) == []
    assert len(plateforme.lecture.seances(18, juste_apres - timedelta(minutes=30), True)) == 1
