"""Convocations: every member of the open assembly is told once per change of a séance still
to come (in-app and by e-mail with an .ics), reminded the day before, and the outbox sends
exactly once even with two workers running the job at the same moment."""

import threading
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from icalendar import Calendar
from sqlalchemy import select

from domaine.comptes import Acteur
from lancement.plateforme import Plateforme
from stockage.configuration import Configuration
from stockage.messagerie import Courriel, MessagerieMemoire
from stockage.tables import convocations_envois as envois
from stockage.tables import notifications_lues, notifications_tout_lu, resumes_envoyes
from tests.conftest import HorlogeReglable
from tests.integration.outils import DATE_SEANCE, planifier, rejoindre


@pytest.fixture
def boite(plateforme: Plateforme) -> MessagerieMemoire:
    boite = MessagerieMemoire()
    plateforme.convocations.messagerie = boite
    return boite


@pytest.fixture
def membres(plateforme: Plateforme, creer_compte: Any) -> list[Acteur]:
    personnes = [creer_compte(nom=f"Membre {i}") for i in range(3)]
    for personne in personnes:
        rejoindre(plateforme, personne)
    return personnes


def _email(plateforme: Plateforme, acteur: Acteur) -> str:
    identite = plateforme.identites.identite(acteur.compte_id)
    assert identite is not None
    return identite.email


def _pour(boite: MessagerieMemoire, email: str) -> list[Courriel]:
    return [c for c in boite.envoyes if c.a == email]


def _evenement(courriel: Courriel) -> tuple[str, Any]:
    (piece,) = courriel.pieces_jointes
    calendrier = Calendar.from_ical(piece.contenu)
    (evenement,) = calendrier.walk("VEVENT")
    return str(calendrier["METHOD"]), evenement


def test_planifier_une_seance_convoque_chaque_membre_une_fois(
    plateforme: Plateforme, animateur_18: Acteur, membres: list[Acteur], boite: MessagerieMemoire
) -> None:
    seance_id = planifier(plateforme, animateur_18, ordre_du_jour="Budget participatif")

    bilan = plateforme.convocations.envoyer()
    encore = plateforme.convocations.envoyer()

    assert (bilan.notifications, bilan.courriels) == (3, 3)
    assert (encore.notifications, encore.courriels) == (0, 0)
    (courriel,) = _pour(boite, _email(plateforme, membres[0]))
    assert courriel.sujet == (
        "[Conseil citoyen du 18e] Convocation : séance du mardi 10 mars 2026 à 19 h 30"
    )
    assert "Bonjour Membre 0," in courriel.corps
    assert "Date : mardi 10 mars 2026 à 19 h 30 (heure de Paris)" in courriel.corps
    assert "Lieu : Centre Barbara" in courriel.corps
    assert "Ordre du jour :\nBudget participatif" in courriel.corps
    assert f"/seances/{seance_id}" in courriel.corps
    assert "Accessibilité" not in courriel.corps  # the séance states none
    methode, evenement = _evenement(courriel)
    assert methode == "REQUEST"
    assert evenement["SEQUENCE"] == 0
    assert str(evenement["STATUS"]) == "CONFIRMED"
    assert evenement.decoded("DTSTART").utcoffset() == timedelta(hours=1)  # Paris, winter
    assert evenement.decoded("DTSTART").hour == 19
    assert courriel.pieces_jointes[0].type_mime == "text/calendar; method=REQUEST"
    page = plateforme.notifications.lire(membres[0])
    assert [(n.genre, n.lue) for n in page.notifications] == [("convocation", False)]
    assert page.notifications[0].message.startswith("Convocation : le conseil citoyen du 18e")
    assert page.notifications[0].lien == f"/seances/{seance_id}"


def test_reprogrammer_convoque_a_nouveau_et_annuler_envoie_une_annulation(
    plateforme: Plateforme,
    animateur_18: Acteur,
    membres: list[Acteur],
    boite: MessagerieMemoire,
    creer_compte: Any,
    horloge: HorlogeReglable,
) -> None:
    seance_id = planifier(plateforme, animateur_18)
    plateforme.convocations.envoyer()
    horloge.avancer(hours=1)
    plateforme.seances.reprogrammer(
        animateur_18, seance_id, None, DATE_SEANCE + timedelta(days=1), "Salle des fêtes", "Odj"
    )
    plateforme.convocations.envoyer()
    horloge.avancer(hours=1)
    retardataire = creer_compte(nom="Arrivée après l'annulation")
    plateforme.seances.annuler(animateur_18, seance_id, None, "Salle indisponible")
    rejoindre(plateforme, retardataire)
    plateforme.convocations.envoyer()

    premier, deuxieme, annulation = _pour(boite, _email(plateforme, membres[1]))
    assert "Convocation" in premier.sujet
    assert deuxieme.sujet.endswith("Séance reprogrammée : mercredi 11 mars 2026 à 19 h 30")
    assert "Lieu : Salle des fêtes" in deuxieme.corps
    assert _evenement(deuxieme)[0] == "REQUEST"
    assert _evenement(deuxieme)[1]["SEQUENCE"] == 1
    assert "Séance annulée" in annulation.sujet
    assert "Motif : Salle indisponible" in annulation.corps
    methode, evenement = _evenement(annulation)
    assert (methode, str(evenement["STATUS"]), evenement["SEQUENCE"]) == ("CANCEL", "CANCELLED", 2)
    assert annulation.pieces_jointes[0].type_mime == "text/calendar; method=CANCEL"
    assert len({_evenement(c)[1]["UID"] for c in (premier, deuxieme, annulation)}) == 1
    # Someone who joined after every change was never convened: no cancellation either.
    assert _pour(boite, _email(plateforme, retardataire)) == []
    assert len(boite.envoyes) == 9
    genres = [n.genre for n in plateforme.notifications.lire(membres[1]).notifications]
    assert genres == ["annulation", "convocation", "convocation"]


def test_un_membre_arrive_apres_le_changement_n_est_pas_convoque_mais_recoit_le_rappel(
    plateforme: Plateforme,
    animateur_18: Acteur,
    membres: list[Acteur],
    boite: MessagerieMemoire,
    creer_compte: Any,
    horloge: HorlogeReglable,
) -> None:
    planifier(plateforme, animateur_18)
    horloge.avancer(minutes=1)
    nouvelle = creer_compte(nom="Nouvelle")
    rejoindre(plateforme, nouvelle)
    plateforme.convocations.envoyer()
    assert _pour(boite, _email(plateforme, nouvelle)) == []

    horloge.now = DATE_SEANCE - timedelta(days=1, hours=11)  # 08:30 Paris, the day before
    plateforme.convocations.envoyer()
    (rappel,) = _pour(boite, _email(plateforme, nouvelle))
    assert (
        rappel.sujet == "[Conseil citoyen du 18e] Rappel : séance du mardi 10 mars 2026 à 19 h 30"
    )


def test_le_rappel_part_une_fois_la_veille_a_partir_de_8_heures(
    plateforme: Plateforme,
    animateur_18: Acteur,
    membres: list[Acteur],
    boite: MessagerieMemoire,
    horloge: HorlogeReglable,
) -> None:
    planifier(plateforme, animateur_18)
    plateforme.convocations.envoyer()
    horloge.now = DATE_SEANCE - timedelta(
        days=1, hours=12, minutes=1
    )  # 07:29 Paris, the day before
    assert plateforme.convocations.envoyer().notifications == 0
    horloge.avancer(minutes=31)
    assert plateforme.convocations.envoyer().par_genre == {"rappel": 3}
    horloge.avancer(hours=10)
    assert plateforme.convocations.envoyer().notifications == 0
    horloge.now = DATE_SEANCE + timedelta(minutes=1)
    assert plateforme.convocations.envoyer().notifications == 0
    assert Counter(c.sujet.split(" : ")[0] for c in boite.envoyes) == {
        "[Conseil citoyen du 18e] Convocation": 3,
        "[Conseil citoyen du 18e] Rappel": 3,
    }


def test_pas_de_rappel_pour_une_seance_annulee_ni_juste_apres_la_convocation(
    plateforme: Plateforme,
    animateur_18: Acteur,
    membres: list[Acteur],
    boite: MessagerieMemoire,
    horloge: HorlogeReglable,
) -> None:
    horloge.now = DATE_SEANCE - timedelta(hours=20)  # the day before, 11:30 Paris
    demain = planifier(plateforme, animateur_18)
    annulee = planifier(plateforme, animateur_18, lieu="Ailleurs")
    plateforme.convocations.envoyer()
    plateforme.seances.annuler(animateur_18, annulee, None, "Doublon")
    horloge.avancer(hours=2)
    plateforme.convocations.envoyer()

    sujets = Counter(c.sujet.split(" : ")[0] for c in boite.envoyes)
    assert sujets == {
        "[Conseil citoyen du 18e] Convocation": 6,  # two séances, three members
        "[Conseil citoyen du 18e] Séance annulée": 3,
    }
    assert demain


def test_ni_les_membres_partis_ni_les_personnes_effacees_ne_recoivent_rien(
    plateforme: Plateforme,
    animateur_18: Acteur,
    membres: list[Acteur],
    boite: MessagerieMemoire,
    horloge: HorlogeReglable,
) -> None:
    partie, effacee, restee = membres
    plateforme.assemblee.quitter(partie, 18, "demenagement")
    effacee_email = _email(plateforme, effacee)
    plateforme.rgpd.effacer(effacee, effacee.compte_id)
    planifier(plateforme, animateur_18)
    plateforme.convocations.envoyer()
    horloge.now = DATE_SEANCE - timedelta(hours=6)
    plateforme.convocations.envoyer()

    assert {c.a for c in boite.envoyes} == {_email(plateforme, restee)}
    assert _pour(boite, effacee_email) == []
    with plateforme.moteur.connect() as cnx:
        destinataires = set(cnx.execute(select(envois.c.personne_id)).scalars())
    assert destinataires == {str(restee.compte_id)}


def test_le_choix_des_courriels_ne_change_que_les_courriels(
    plateforme: Plateforme, animateur_18: Acteur, membres: list[Acteur], boite: MessagerieMemoire
) -> None:
    par_defaut, resume, aucun = membres
    plateforme.comptes.choisir_courriels(resume, "resume")
    plateforme.comptes.choisir_courriels(aucun, "aucun")
    planifier(plateforme, animateur_18)
    plateforme.convocations.envoyer()

    assert {c.a for c in boite.envoyes} == {_email(plateforme, par_defaut)}
    for personne in membres:  # the in-app notification, always
        assert plateforme.notifications.non_lues(personne.compte_id) == 1
    with plateforme.moteur.connect() as cnx:
        issues = dict(cnx.execute(select(envois.c.personne_id, envois.c.courriel)).all())
    assert issues == {
        str(par_defaut.compte_id): "envoye",
        str(resume.compte_id): "resume",
        str(aucun.compte_id): "aucun",
    }


class MessagerieEnPanne(MessagerieMemoire):
    def envoyer(self, courriel: Courriel) -> None:
        raise ConnectionRefusedError("SMTP indisponible")


def test_un_envoi_reclame_mais_jamais_marque_est_repris_apres_quelques_minutes(
    plateforme: Plateforme,
    animateur_18: Acteur,
    membres: list[Acteur],
    horloge: HorlogeReglable,
) -> None:
    """A worker that died (or an SMTP server that refused) between the claim and the mark: the
    notification is there, the e-mail goes out once the claim is stale."""
    planifier(plateforme, animateur_18)
    plateforme.convocations.messagerie = MessagerieEnPanne()
    plateforme.convocations.envoyer()
    boite = MessagerieMemoire()
    plateforme.convocations.messagerie = boite
    horloge.avancer(minutes=2)
    assert plateforme.convocations.envoyer().courriels == 0  # claims still fresh
    horloge.avancer(minutes=4)
    assert plateforme.convocations.envoyer().courriels == 3
    horloge.avancer(minutes=10)
    assert plateforme.convocations.envoyer().courriels == 0
    assert len(boite.envoyes) == 3
    assert plateforme.notifications.non_lues(membres[0].compte_id) == 1


def test_une_reclamation_perimee_d_un_changement_depasse_n_est_pas_envoyee(
    plateforme: Plateforme,
    animateur_18: Acteur,
    membres: list[Acteur],
    horloge: HorlogeReglable,
) -> None:
    seance_id = planifier(plateforme, animateur_18)
    plateforme.convocations.messagerie = MessagerieEnPanne()
    plateforme.convocations.envoyer()
    plateforme.seances.reprogrammer(
        animateur_18, seance_id, None, DATE_SEANCE + timedelta(hours=1), "Centre Barbara", "Odj"
    )
    boite = MessagerieMemoire()
    plateforme.convocations.messagerie = boite
    horloge.avancer(minutes=6)
    plateforme.convocations.envoyer()
    assert len(boite.envoyes) == 3
    assert all("reprogrammée" in c.sujet for c in boite.envoyes)
    with plateforme.moteur.connect() as cnx:
        issues = Counter(cnx.execute(select(envois.c.changement, envois.c.courriel)).all())
    assert issues == {(1, "perime"): 3, (2, "envoye"): 3}


# --- two workers ------------------------------------------------------------------------------


def _deux_travailleurs(
    configuration: Configuration, horloge: HorlogeReglable
) -> list[tuple[Plateforme, MessagerieMemoire]]:
    travailleurs = []
    for _ in range(2):
        boite = MessagerieMemoire()
        travailleurs.append((Plateforme(configuration, horloge=horloge, messagerie=boite), boite))
    return travailleurs


def _en_meme_temps(
    travailleurs: list[tuple[Plateforme, MessagerieMemoire]],
    tache: Callable[[Plateforme], object] = lambda p: p.convocations.envoyer(),
) -> None:
    """Each worker runs `tache` in its own thread, all released at the same moment."""
    depart = threading.Barrier(len(travailleurs))
    erreurs: list[BaseException] = []

    def travailler(p: Plateforme) -> None:
        try:
            depart.wait()
            tache(p)
        except BaseException as erreur:  # reported below, in the test's thread
            erreurs.append(erreur)

    fils = [threading.Thread(target=travailler, args=(p,)) for p, _ in travailleurs]
    for fil in fils:
        fil.start()
    for fil in fils:
        fil.join()
    assert not erreurs, erreurs


def test_deux_travailleurs_en_meme_temps_envoient_exactement_un_courriel_par_membre_et_changement(
    configuration: Configuration,
    plateforme: Plateforme,
    animateur_18: Acteur,
    creer_compte: Any,
    horloge: HorlogeReglable,
) -> None:
    """Two workers, each with its own platform (engine, event store, read models' poller) on
    the same database, run the job at the same moment after each change."""
    personnes = [creer_compte(nom=f"Membre {i}") for i in range(150)]  # more than one batch
    for personne in personnes:
        rejoindre(plateforme, personne)
    travailleurs = _deux_travailleurs(configuration, horloge)
    try:
        seance_id = planifier(plateforme, animateur_18)
        _en_meme_temps(travailleurs)
        horloge.avancer(hours=1)
        plateforme.seances.reprogrammer(
            animateur_18, seance_id, None, DATE_SEANCE + timedelta(days=1), "Salle B", "Odj"
        )
        _en_meme_temps(travailleurs)
        horloge.now = DATE_SEANCE  # the day before the new date, 19:30 Paris: the reminder
        _en_meme_temps(travailleurs)
        horloge.avancer(minutes=10)
        plateforme.seances.annuler(animateur_18, seance_id, None, "Salle indisponible")
        _en_meme_temps(travailleurs)
        _en_meme_temps(travailleurs)
    finally:
        for p, _ in travailleurs:
            p.fermer()

    envoyes = [c for _, boite in travailleurs for c in boite.envoyes]
    par_membre_et_genre = Counter((c.a, c.sujet.split(" : ")[0].split("] ")[1]) for c in envoyes)
    attendu = {"Convocation": 1, "Séance reprogrammée": 1, "Rappel": 1, "Séance annulée": 1}
    for personne in personnes:
        email = _email(plateforme, personne)
        assert {g: par_membre_et_genre[(email, g)] for g in attendu} == attendu
    assert len(envoyes) == 4 * len(personnes)
    with plateforme.moteur.connect() as cnx:
        non_marques = cnx.execute(select(envois).where(envois.c.envoye_le.is_(None))).all()
    assert non_marques == []


def test_l_effacement_supprime_les_convocations_et_l_etat_lu_et_l_export_les_contient(
    plateforme: Plateforme,
    animateur_18: Acteur,
    membres: list[Acteur],
    boite: MessagerieMemoire,
) -> None:
    personne = membres[0]
    planifier(plateforme, animateur_18)
    plateforme.convocations.envoyer()
    plateforme.comptes.choisir_courriels(personne, "aucun")
    plateforme.notifications.tout_marquer_lu(personne)
    donnees = plateforme.rgpd.exporter(personne, personne.compte_id)
    assert [c["genre"] for c in donnees["convocations"]] == ["convocation"]
    assert donnees["courriels"] == "aucun"

    plateforme.rgpd.effacer(personne, personne.compte_id)

    with plateforme.moteur.connect() as cnx:
        restants = {
            table.name: cnx.execute(
                select(table).where(table.c.personne_id == str(personne.compte_id))
            ).all()
            for table in (envois, notifications_lues, notifications_tout_lu, resumes_envoyes)
        }
    assert restants == {t: [] for t in restants}


def test_la_convocation_d_une_seance_hybride_dit_son_lien_et_son_accessibilite(
    plateforme: Plateforme, animateur_18: Acteur, membres: list[Acteur], boite: MessagerieMemoire
) -> None:
    """The convocation and its .ics tell members how to attend and what the place offers."""
    from participation.seances import Maniere

    lien = "https://visio.paris.fr/conseil-18"
    plateforme.seances.planifier(
        animateur_18,
        18,
        DATE_SEANCE,
        "Centre Barbara",
        "Budget participatif",
        maniere=Maniere("hybride", lien, ("plain_pied", "garde_enfants"), "Boucle magnétique"),
    )

    plateforme.convocations.envoyer()

    (courriel,) = _pour(boite, _email(plateforme, membres[0]))
    assert "Modalité : Hybride (sur place et en visioconférence)" in courriel.corps
    assert f"Participer à distance : {lien}" in courriel.corps
    ligne = next(x for x in courriel.corps.splitlines() if x.startswith("Accessibilité : "))
    assert "plain-pied" in ligne and "garde d'enfants" in ligne and "Boucle magnétique" in ligne
    description = str(_evenement(courriel)[1]["DESCRIPTION"])
    assert lien in description and "Boucle magnétique" in description
