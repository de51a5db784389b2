"""A séance recorded after the fact, through the use cases: read models (rebuildable), the time
travel view and the annual report treat it by its business date, the log never backdates it."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from domaine.comptes import Acteur
from domaine.temps import en_utc
from lancement.plateforme import Plateforme
from projections.verification import verifier
from rapports.formats import en_json
from tests.conftest import HorlogeReglable
from tests.integration.outils import rejoindre

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)

TENUE = datetime(2026, 5, 12, 16, 30, tzinfo=UTC)  # 18:30 in Paris
ENREGISTREE = datetime(2026, 5, 20, 9, 0, tzinfo=UTC)


def seance_tenue_puis_enregistree(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    creer_compte: Callable[..., Acteur],
    animateur: Acteur,
) -> tuple[object, list[Acteur]]:
    """Three people join in April; the séance of 12 May is recorded on 20 May, with two of them
    present, four people who did not sign in and an adopted decision."""
    horloge.now = datetime(2026, 4, 1, 10, tzinfo=UTC)
    gens = [creer_compte() for _ in range(3)]
    for personne in gens:
        rejoindre(plateforme, personne)
    horloge.now = ENREGISTREE
    seance_id, _ = plateforme.seances.enregistrer_apres_coup(
        animateur, 18, TENUE, "Salle Saint-Bruno", "Propreté", quartier="QPV-18-GOUTTE-D-OR"
    )
    nouvelles, _ = plateforme.seances.marquer_presents(
        animateur, seance_id, [gens[0].compte_id, gens[1].compte_id]
    )
    assert nouvelles == 2
    plateforme.seances.compter_anonymes(animateur, seance_id, None, 4)
    plateforme.seances.enregistrer_decision(animateur, seance_id, "Nettoyer le square", 5, 1, 0)
    plateforme.projecteur.rattraper()
    return seance_id, gens


def test_la_seance_enregistree_apres_coup_est_dans_les_modeles_de_lecture(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    creer_compte: Callable[..., Acteur],
    animateur_18: Acteur,
) -> None:
    seance_id, _ = seance_tenue_puis_enregistree(plateforme, horloge, creer_compte, animateur_18)

    ligne = plateforme.lecture.seance(seance_id)
    assert en_utc(ligne.date) == TENUE
    assert en_utc(ligne.apres_coup_le) == ENREGISTREE
    assert (ligne.presents, ligne.anonymes, ligne.quartier) == (2, 4, "QPV-18-GOUTTE-D-OR")
    (passee,) = plateforme.lecture.seances(18, horloge.now, a_venir=False)
    assert passee.seance_id == str(seance_id)
    (decision,) = plateforme.lecture.decisions_adoptees(18)
    assert en_utc(decision.date) == TENUE  # the decision carries the séance's date
    assert verifier(plateforme.registre, plateforme.moteur) == []  # `projections check`


def test_le_voyage_dans_le_temps_ne_la_montre_qu_une_fois_enregistree(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    creer_compte: Callable[..., Acteur],
    animateur_18: Acteur,
) -> None:
    """The view shows what the platform knew: nothing on the séance's evening, the séance at
    its own date once recorded."""
    seance_id, gens = seance_tenue_puis_enregistree(plateforme, horloge, creer_compte, animateur_18)

    le_soir_meme = plateforme.historique.etat_au(18, TENUE + timedelta(hours=3))
    une_fois_enregistree = plateforme.historique.etat_au(18, ENREGISTREE + timedelta(hours=1))

    assert le_soir_meme.seances == ()
    (seance,) = une_fois_enregistree.seances
    assert (seance.seance_id, seance.date) == (seance_id, TENUE)
    assert seance.presents == {gens[0].compte_id, gens[1].compte_id}
    assert [d.texte for d in seance.decisions] == ["Nettoyer le square"]


def test_le_rapport_annuel_compte_la_seance_a_sa_date(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    creer_compte: Callable[..., Acteur],
    animateur_18: Acteur,
) -> None:
    """Recorded in its own year, the séance counts as held that year with its attendance and its
    decision; the report from the read models and the one from the raw log agree."""
    seance_tenue_puis_enregistree(plateforme, horloge, creer_compte, animateur_18)
    horloge.now = datetime(2027, 1, 10, 10, tzinfo=UTC)

    lecture = plateforme.rapports.annuel(2026, 18)
    evenements = plateforme.rapports.annuel(2026, 18, depuis_evenements=True)

    assert en_json(lecture) == en_json(evenements)
    seances = lecture["conseils"][0]["seances"]
    assert seances["tenues"] == 1
    assert seances["participation"]["maximum"] == 6  # two members and four unsigned
    assert seances["decisions"] == {"adoptees": 1, "rejetees": 0}
