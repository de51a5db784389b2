"""Convocations to a séance, their reminder and the weekly digest: what is said, and when.

Pure rules and wording (no I/O): `participation.convocations` decides who is told and sends;
this module says what a convocation, a cancellation and a reminder say (in-app and by
e-mail, one text for both), when the reminder of the day before is due, and which week a
digest covers. Every day and hour is Paris's (`domaine.temps`).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from domaine.temps import a_paris, debut_du_jour, heure_de_paris, jour_a_paris

CONVOCATION = "convocation"
ANNULATION = "annulation"
RAPPEL = "rappel"
GENRES = (CONVOCATION, ANNULATION, RAPPEL)
"""What one sent-mark is for: a séance planned or reprogrammed (a convocation), cancelled,
or coming tomorrow (the reminder)."""

HEURE_DU_RAPPEL = time(8)
"""The reminder goes out from 08:00 (Paris) the day before the séance: not in the night."""

_JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MOIS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def date_longue(instant: datetime) -> str:
    """ "mardi 10 mars 2026 à 19 h 30", Paris wall-clock time."""
    local = a_paris(instant)
    jour = f"{_JOURS[local.weekday()]} {local.day} {_MOIS[local.month - 1]} {local.year}"
    return f"{jour} à {local.hour} h {local.minute:02d}"


def jour_long(jour: date) -> str:
    return f"{_JOURS[jour.weekday()]} {jour.day} {_MOIS[jour.month - 1]} {jour.year}"


def rappel_du(date_seance: datetime, maintenant: datetime) -> bool:
    """From 08:00 (Paris) the day before the séance until it starts. A job that was down at
    08:00 catches up later that day, or on the day itself before the start."""
    veille = jour_a_paris(date_seance) - timedelta(days=1)
    return heure_de_paris(veille, HEURE_DU_RAPPEL) <= maintenant < date_seance


def debut_de_la_veille(date_seance: datetime) -> datetime:
    """00:00 (Paris) the day before the séance: someone convened since then has just been
    told, and gets no reminder on top (a séance planned for tomorrow)."""
    return debut_du_jour(jour_a_paris(date_seance) - timedelta(days=1))


@dataclass(frozen=True)
class SeanceConvoquee:
    """What members are told of a séance at one of its changes (current state of the séance)."""

    arrondissement: int
    date: datetime
    lieu: str
    ordre_du_jour: str
    sequence: int
    """How many changes came before this one: 0 when it was planned."""
    lien: str
    """The séance's page, absolute."""
    motif_annulation: str = ""
    accessibilite: str = ""
    lien_visio: str = ""
    modalite: str = ""
    """How it is held (in person, online, both), once the séance says so; empty otherwise."""
    modifiee_le: datetime | None = None
    """When the change was made (the .ics `DTSTAMP`)."""


def _conseil(arrondissement: int) -> str:
    return f"conseil citoyen du {arrondissement}e"


def message(seance: SeanceConvoquee, genre: str) -> str:
    """The one-line in-app notification (also the digest's line)."""
    quand = date_longue(seance.date)
    conseil = _conseil(seance.arrondissement)
    if genre == ANNULATION:
        return f"Séance annulée : la séance du {conseil} du {quand} n'aura pas lieu."
    if genre == RAPPEL:
        return f"Rappel : le {conseil} se réunit le {quand}, {seance.lieu}."
    if seance.sequence:
        return f"Séance reprogrammée : le {conseil} se réunit le {quand}, {seance.lieu}."
    return f"Convocation : le {conseil} se réunit le {quand}, {seance.lieu}."


def sujet(seance: SeanceConvoquee, genre: str) -> str:
    quand = date_longue(seance.date)
    prefixe = f"[Conseil citoyen du {seance.arrondissement}e]"
    if genre == ANNULATION:
        return f"{prefixe} Séance annulée : {quand}"
    if genre == RAPPEL:
        return f"{prefixe} Rappel : séance du {quand}"
    if seance.sequence:
        return f"{prefixe} Séance reprogrammée : {quand}"
    return f"{prefixe} Convocation : séance du {quand}"


def details(seance: SeanceConvoquee) -> list[str]:
    """The séance's date, place, agenda, and what the place offers; shared by every e-mail."""
    lignes = [
        f"Date : {date_longue(seance.date)} (heure de Paris)",
        f"Lieu : {seance.lieu}",
    ]
    if seance.modalite:
        lignes.append(f"Modalité : {seance.modalite}")
    if seance.lien_visio:
        lignes.append(f"Participer à distance : {seance.lien_visio}")
    if seance.accessibilite:
        lignes.append(f"Accessibilité : {seance.accessibilite}")
    lignes += ["", "Ordre du jour :", seance.ordre_du_jour, "", f"La séance : {seance.lien}"]
    return lignes


def courriel(
    seance: SeanceConvoquee, genre: str, nom: str, lien_preferences: str
) -> tuple[str, str]:
    """The subject and text of the e-mail to one member; the .ics goes with it."""
    conseil = _conseil(seance.arrondissement)
    if genre == ANNULATION:
        annonce = f"La séance de l'assemblée du {conseil} prévue le {date_longue(seance.date)} est annulée."
        if seance.motif_annulation:
            annonce += f"\nMotif : {seance.motif_annulation}"
        corps = [annonce, "", "Le fichier joint retire la séance de votre agenda."]
    else:
        if genre == RAPPEL:
            annonce = f"Rappel : l'assemblée du {conseil} se réunit le {date_longue(seance.date)}."
        elif seance.sequence:
            annonce = (
                f"La séance de l'assemblée du {conseil} a changé : voici ce qui vaut désormais."
            )
        else:
            annonce = f"Vous êtes convoqué·e à la séance de l'assemblée du {conseil}."
        corps = [
            annonce,
            "",
            *details(seance),
            "",
            "Le fichier joint (.ics) ajoute la séance à votre agenda, ou la met à jour.",
        ]
    pied = [
        "",
        "Vous recevez ce courriel parce que vous êtes membre de l'assemblée de ce conseil.",
        f"Choisir comment être prévenu·e (chaque message, un résumé par semaine, aucun courriel) : {lien_preferences}",
    ]
    return sujet(seance, genre), "\n".join([f"Bonjour {nom},", "", *corps, *pied]) + "\n"


def semaine_du_resume(maintenant: datetime) -> date:
    """The Monday (Paris) of the week the digest is sent in: its sent-mark's key."""
    jour = jour_a_paris(maintenant)
    return jour - timedelta(days=jour.weekday())


def periode_du_resume(lundi: date) -> tuple[datetime, datetime]:
    """The week before that Monday, 00:00 to 00:00 (Paris): what the digest lists."""
    return debut_du_jour(lundi - timedelta(days=7)), debut_du_jour(lundi)


@dataclass(frozen=True)
class LigneDeResume:
    le: datetime
    message: str
    lien: str
    """Absolute."""


def courriel_de_resume(
    nom: str,
    lundi: date,
    lignes: list[LigneDeResume],
    lien_notifications: str,
    lien_preferences: str,
) -> tuple[str, str]:
    """The weekly digest: every notification of the past week, oldest first."""
    debut = lundi - timedelta(days=7)
    fin = lundi - timedelta(days=1)
    entetes = [
        f"Bonjour {nom},",
        "",
        f"Vos notifications de la semaine du {jour_long(debut)} au {jour_long(fin)} :",
        "",
    ]
    corps = [
        f"- {jour_long(jour_a_paris(ligne.le))} : {ligne.message}\n  {ligne.lien}"
        for ligne in lignes
    ]
    pied = [
        "",
        "Les convocations de la semaine sont jointes (fichiers .ics) : ouvrez-les pour mettre "
        "votre agenda à jour.",
        f"Toutes vos notifications : {lien_notifications}",
        "",
        "Vous recevez ce résumé parce que vous l'avez choisi sur « Mon compte » : "
        f"{lien_preferences}",
    ]
    nombre = len(lignes)
    sujet_ = f"[Conseils citoyens] Votre résumé de la semaine : {nombre} notification{'s' if nombre > 1 else ''}"
    return sujet_, "\n".join([*entetes, *corps, *pied]) + "\n"
