"""The séance read model's calendar columns (how many changes were told, when the last one
was) on SQLite and PostgreSQL, applied one event at a time and by a rebuild in batches, and
the feeds built from them."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from domaine.comptes import Acteur
from lancement.plateforme import Plateforme
from participation.calendrier import uid_de_seance
from projections.lecture_calendrier import LectureCalendrier
from tests.conftest import HorlogeReglable
from tests.ical import evenements
from tests.integration.outils import planifier

DEBUT = datetime(2026, 4, 1, 16, 30, tzinfo=UTC)


def test_les_changements_d_une_seance_font_monter_sa_sequence_meme_apres_reconstruction(
    plateforme: Plateforme,
    creer_compte: Callable[..., Acteur],
    horloge: HorlogeReglable,
) -> None:
    p = plateforme
    animateur = creer_compte("animateur", 18)
    stable = planifier(p, animateur, date=DEBUT)
    changee = planifier(p, animateur, date=DEBUT + timedelta(days=7))
    annulee = planifier(p, animateur, date=DEBUT + timedelta(days=14))
    planifiee_le = horloge()
    for jours in (8, 9):
        horloge.avancer(hours=1)
        p.seances.reprogrammer(
            animateur, changee, None, DEBUT + timedelta(days=jours), "Mairie", "Budget"
        )
    reprogrammee_le = horloge()
    horloge.avancer(hours=1)
    p.seances.annuler(animateur, annulee, None, "Salle fermée")
    annulee_le = horloge()
    p.projecteur.rattraper()
    lecture = LectureCalendrier(p.moteur)

    def lu() -> dict[str, tuple[int, datetime, bool]]:
        return {
            s.seance_id: (s.sequence, s.modifiee_le, s.annulee)
            for s in lecture.seances_des_conseils([18])
        }

    attendu = {
        str(stable): (0, planifiee_le, False),
        str(changee): (2, reprogrammee_le, False),
        str(annulee): (1, annulee_le, True),
    }
    assert lu() == attendu
    p.projecteur.reconstruire()  # every event in one batch: the same rows
    assert lu() == attendu

    fil = evenements(p.calendriers.du_conseil(18).contenu)
    assert {uid: int(e["SEQUENCE"]) for uid, e in fil.items()} == {
        uid_de_seance(str(stable)): 0,
        uid_de_seance(str(changee)): 2,
        uid_de_seance(str(annulee)): 1,
    }
