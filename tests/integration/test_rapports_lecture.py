"""The facts the annual report reads from `lecture_faits` are, field for field, the ones the raw
event log gives for the same year."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from domaine.comptes import Acteur
from lancement.plateforme import Plateforme
from projections.tables import faits
from rapports.calcul import bornes
from tests.conftest import HorlogeReglable
from tests.integration.outils import planifier, rejoindre

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)


def test_les_faits_lus_sont_ceux_du_journal_brut(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    creer_compte: Callable[..., Acteur],
    animateur_18: Acteur,
) -> None:
    """Two years in the 18e: people join and leave, séances with attendance and decisions."""
    gens = []
    for annee in (2025, 2026):
        horloge.now = datetime(annee, 2, 1, 10, tzinfo=UTC)
        for _ in range(3):
            personne = creer_compte()
            rejoindre(plateforme, personne, quartier="QPV-18-GOUTTE-D-OR")
            gens.append(personne)
        date = datetime(annee, 3, 10, 18, tzinfo=UTC)
        seance_id = planifier(plateforme, animateur_18, date=date)
        horloge.now = date + timedelta(hours=2)
        for personne in gens[-4:]:
            plateforme.seances.changer_presence(animateur_18, seance_id, personne.compte_id, True)
        plateforme.seances.compter_anonymes(animateur_18, seance_id, None, 3)
        plateforme.seances.enregistrer_decision(animateur_18, seance_id, "Oui", 5, 1, 0)
        plateforme.assemblee.quitter(gens[annee - 2025], 18, "demenagement")
    plateforme.projecteur.rattraper()

    journal = list(plateforme.rapports._depuis_evenements(None))
    assert list(plateforme.rapports._lecture()) == journal
    for annee in (2025, 2026):
        debut, fin = bornes(annee)
        lus = list(plateforme.rapports._lecture(faits.c.le >= debut, faits.c.le < fin))
        assert lus == [f for f in journal if debut <= f.le < fin]
        assert {f.le.tzinfo for f in lus} == {UTC}
        assert {type(f.position) for f in lus} == {int}
    assert {f.nature for f in journal} >= {"presence", "decision", "anonymes", "adhesion_sortie"}
