"""The weekly digest, the "nothing" choice and the default: how each choice of e-mails is
honoured, and the digest sent once per person and week even by two workers at once."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from icalendar import Calendar

from domaine.comptes import Acteur
from lancement.plateforme import Plateforme
from stockage.configuration import Configuration
from stockage.messagerie import MessagerieMemoire
from tests.conftest import HorlogeReglable
from tests.integration.outils import DATE_SEANCE, planifier, rejoindre
from tests.integration.test_convocations import _deux_travailleurs, _email, _en_meme_temps

LUNDI_8H = datetime(2026, 3, 9, 7, 0, tzinfo=UTC)
"""Monday 9 March 2026, 08:00 in Paris: the digest of the week of 2 to 8 March."""


@pytest.fixture
def boite(plateforme: Plateforme) -> MessagerieMemoire:
    boite = MessagerieMemoire()
    plateforme.convocations.messagerie = boite
    plateforme.resumes.messagerie = boite
    return boite


@pytest.fixture
def trois_choix(plateforme: Plateforme, creer_compte: Any) -> dict[str, Acteur]:
    """Three members of the 18e: one left on the default, one who chose the weekly digest,
    one who chose no e-mail."""
    personnes = {choix: creer_compte(nom=f"Choix {choix}") for choix in ("tous", "resume", "aucun")}
    for choix, personne in personnes.items():
        rejoindre(plateforme, personne)
        if choix != "tous":
            plateforme.comptes.choisir_courriels(personne, choix)
    return personnes


def _une_semaine_de_convocations(
    plateforme: Plateforme, animateur: Acteur, horloge: HorlogeReglable
) -> None:
    """Two séances planned on Tuesday 3 March, one reprogrammed on Thursday 5."""
    horloge.now = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    premiere = planifier(plateforme, animateur)
    planifier(plateforme, animateur, date=DATE_SEANCE + timedelta(days=2), lieu="Salle B")
    plateforme.convocations.envoyer()
    horloge.now = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
    plateforme.seances.reprogrammer(
        animateur, premiere, None, DATE_SEANCE + timedelta(hours=1), "Centre Barbara", "Odj"
    )
    plateforme.convocations.envoyer()


def test_le_resume_de_la_semaine_liste_les_notifications_avec_les_ics(
    plateforme: Plateforme,
    animateur_18: Acteur,
    trois_choix: dict[str, Acteur],
    boite: MessagerieMemoire,
    horloge: HorlogeReglable,
) -> None:
    _une_semaine_de_convocations(plateforme, animateur_18, horloge)
    email = _email(plateforme, trois_choix["resume"])
    assert [c for c in boite.envoyes if c.a == email] == []  # nothing during the week

    horloge.now = LUNDI_8H
    (resume,) = plateforme.resumes.envoyer()
    assert plateforme.resumes.envoyer() == []  # once a week
    horloge.avancer(days=1)
    assert plateforme.resumes.envoyer() == []

    assert (resume.personne_id, resume.notifications) == (trois_choix["resume"].compte_id, 3)
    (courriel,) = [c for c in boite.envoyes if c.a == email]
    assert courriel.sujet == "[Conseils citoyens] Votre résumé de la semaine : 3 notifications"
    assert "semaine du lundi 2 mars 2026 au dimanche 8 mars 2026" in courriel.corps
    assert courriel.corps.count("- mardi 3 mars 2026 : Convocation : ") == 2
    assert "- jeudi 5 mars 2026 : Séance reprogrammée : " in courriel.corps
    assert "/notifications" in courriel.corps
    ics = [Calendar.from_ical(p.contenu) for p in courriel.pieces_jointes]
    assert len(ics) == 2  # one per séance, as it stands now
    sequences = sorted(int(e["SEQUENCE"]) for c in ics for e in c.walk("VEVENT"))
    assert sequences == [0, 1]


def test_rien_par_courriel_mais_tout_dans_les_notifications(
    plateforme: Plateforme,
    animateur_18: Acteur,
    trois_choix: dict[str, Acteur],
    boite: MessagerieMemoire,
    horloge: HorlogeReglable,
) -> None:
    _une_semaine_de_convocations(plateforme, animateur_18, horloge)
    horloge.now = LUNDI_8H
    plateforme.resumes.envoyer()
    horloge.now = DATE_SEANCE - timedelta(hours=6)  # the reminders
    plateforme.convocations.envoyer()

    aucun = trois_choix["aucun"]
    assert [c for c in boite.envoyes if c.a == _email(plateforme, aucun)] == []
    assert plateforme.notifications.non_lues(aucun.compte_id) == 4


def test_par_defaut_chaque_message_part_aussitot_et_pas_de_resume(
    plateforme: Plateforme,
    animateur_18: Acteur,
    trois_choix: dict[str, Acteur],
    boite: MessagerieMemoire,
    horloge: HorlogeReglable,
) -> None:
    _une_semaine_de_convocations(plateforme, animateur_18, horloge)
    horloge.now = LUNDI_8H
    envoyes = plateforme.resumes.envoyer()

    tous = trois_choix["tous"]
    assert [r.personne_id for r in envoyes] == [trois_choix["resume"].compte_id]
    sujets = [c.sujet for c in boite.envoyes if c.a == _email(plateforme, tous)]
    assert len(sujets) == 3 and not any("résumé" in s for s in sujets)
    assert plateforme.comptes.courriels(tous.compte_id) == "tous"


def test_pas_de_resume_vide_ni_de_notifications_d_une_autre_semaine(
    plateforme: Plateforme,
    animateur_18: Acteur,
    trois_choix: dict[str, Acteur],
    boite: MessagerieMemoire,
    horloge: HorlogeReglable,
) -> None:
    _une_semaine_de_convocations(plateforme, animateur_18, horloge)
    horloge.now = LUNDI_8H + timedelta(days=7)  # the week after: nothing happened in it
    assert plateforme.resumes.envoyer() == []


def test_deux_travailleurs_envoient_un_seul_resume_par_personne_et_semaine(
    configuration: Configuration,
    plateforme: Plateforme,
    animateur_18: Acteur,
    creer_compte: Any,
    horloge: HorlogeReglable,
) -> None:
    personnes = [creer_compte(nom=f"Résumé {i}") for i in range(20)]
    for personne in personnes:
        rejoindre(plateforme, personne)
        plateforme.comptes.choisir_courriels(personne, "resume")
    _une_semaine_de_convocations(plateforme, animateur_18, horloge)
    horloge.now = LUNDI_8H
    travailleurs = _deux_travailleurs(configuration, horloge)
    try:
        _en_meme_temps(travailleurs, lambda p: p.resumes.envoyer())
    finally:
        for p, _ in travailleurs:
            p.fermer()

    destinataires = sorted(c.a for _, boite in travailleurs for c in boite.envoyes)
    assert destinataires == sorted(_email(plateforme, p) for p in personnes)
