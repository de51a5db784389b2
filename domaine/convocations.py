"""Convocations to a séance, their reminder and the weekly digest: what is said, and when.

Pure rules and wording (no I/O): `participation.convocations` decides who is told and sends;
this module says what a convocation, a cancellation and a reminder say (in-app and by
e-mail, one text for both), when the reminder of the day before is due, and which week a
digest covers. Every day and hour is Paris's (`domaine.temps`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from domaine.temps import a_paris, debut_du_jour, heure_de_paris, jour_a_paris
from domaine.traduction import _

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


Dire = Callable[[datetime], str]
"""How a date and hour are written: French by default (`date_longue`); the application passes
the current language's (`langues.formats`)."""


def message(seance: SeanceConvoquee, genre: str, dire: Dire = date_longue) -> str:
    """The one-line in-app notification (also the digest's line)."""
    valeurs = {"arrondissement": seance.arrondissement, "quand": dire(seance.date)}
    if genre == ANNULATION:
        return (
            _(
                "Séance annulée : la séance du conseil citoyen du %(arrondissement)se du "
                "%(quand)s n'aura pas lieu."
            )
            % valeurs
        )
    valeurs["lieu"] = seance.lieu
    if genre == RAPPEL:
        texte = _(
            "Rappel : le conseil citoyen du %(arrondissement)se se réunit le %(quand)s, %(lieu)s."
        )
    elif seance.sequence:
        texte = _(
            "Séance reprogrammée : le conseil citoyen du %(arrondissement)se se réunit le "
            "%(quand)s, %(lieu)s."
        )
    else:
        texte = _(
            "Convocation : le conseil citoyen du %(arrondissement)se se réunit le %(quand)s, "
            "%(lieu)s."
        )
    return texte % valeurs


def sujet(seance: SeanceConvoquee, genre: str, dire: Dire = date_longue) -> str:
    valeurs = {"arrondissement": seance.arrondissement, "quand": dire(seance.date)}
    if genre == ANNULATION:
        texte = _("[Conseil citoyen du %(arrondissement)se] Séance annulée : %(quand)s")
    elif genre == RAPPEL:
        texte = _("[Conseil citoyen du %(arrondissement)se] Rappel : séance du %(quand)s")
    elif seance.sequence:
        texte = _("[Conseil citoyen du %(arrondissement)se] Séance reprogrammée : %(quand)s")
    else:
        texte = _("[Conseil citoyen du %(arrondissement)se] Convocation : séance du %(quand)s")
    return texte % valeurs


def details(seance: SeanceConvoquee, dire: Dire = date_longue) -> list[str]:
    """The séance's date, place, agenda, and what the place offers; shared by every e-mail."""
    lignes = [
        _("Date : %(quand)s (heure de Paris)") % {"quand": dire(seance.date)},
        _("Lieu : %(lieu)s") % {"lieu": seance.lieu},
    ]
    if seance.modalite:
        lignes.append(_("Modalité : %(modalite)s") % {"modalite": seance.modalite})
    if seance.lien_visio:
        lignes.append(_("Participer à distance : %(lien)s") % {"lien": seance.lien_visio})
    if seance.accessibilite:
        lignes.append(
            _("Accessibilité : %(accessibilite)s") % {"accessibilite": seance.accessibilite}
        )
    lignes += [
        "",
        _("Ordre du jour :"),
        seance.ordre_du_jour,
        "",
        _("La séance : %(lien)s") % {"lien": seance.lien},
    ]
    return lignes


def courriel(
    seance: SeanceConvoquee, genre: str, nom: str, lien_preferences: str, dire: Dire = date_longue
) -> tuple[str, str]:
    """The subject and text of the e-mail to one member; the .ics goes with it. In the current
    language: the application writes it inside its recipient's."""
    valeurs = {"arrondissement": seance.arrondissement, "quand": dire(seance.date)}
    if genre == ANNULATION:
        annonce = (
            _(
                "La séance de l'assemblée du conseil citoyen du %(arrondissement)se prévue le "
                "%(quand)s est annulée."
            )
            % valeurs
        )
        if seance.motif_annulation:
            annonce += "\n" + _("Motif : %(motif)s") % {"motif": seance.motif_annulation}
        corps = [annonce, "", _("Le fichier joint retire la séance de votre agenda.")]
    else:
        if genre == RAPPEL:
            annonce = _(
                "Rappel : l'assemblée du conseil citoyen du %(arrondissement)se se réunit le "
                "%(quand)s."
            )
        elif seance.sequence:
            annonce = _(
                "La séance de l'assemblée du conseil citoyen du %(arrondissement)se a changé : "
                "voici ce qui vaut désormais."
            )
        else:
            annonce = _(
                "Vous êtes convoqué·e à la séance de l'assemblée du conseil citoyen du "
                "%(arrondissement)se."
            )
        corps = [
            annonce % valeurs,
            "",
            *details(seance, dire),
            "",
            _("Le fichier joint (.ics) ajoute la séance à votre agenda, ou la met à jour."),
        ]
    pied = [
        "",
        _("Vous recevez ce courriel parce que vous êtes membre de l'assemblée de ce conseil."),
        _(
            "Choisir comment être prévenu·e (chaque message, un résumé par semaine, aucun "
            "courriel) : %(lien)s"
        )
        % {"lien": lien_preferences},
    ]
    salutation = _("Bonjour %(nom)s,") % {"nom": nom}
    return sujet(seance, genre, dire), "\n".join([salutation, "", *corps, *pied]) + "\n"


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
    dire_le_jour: Callable[[date], str] = jour_long,
) -> tuple[str, str]:
    """The weekly digest: every notification of the past week, oldest first (in the current
    language; `dire_le_jour` writes a day in it, French by default)."""
    debut = lundi - timedelta(days=7)
    fin = lundi - timedelta(days=1)
    entetes = [
        _("Bonjour %(nom)s,") % {"nom": nom},
        "",
        _("Vos notifications de la semaine du %(debut)s au %(fin)s :")
        % {"debut": dire_le_jour(debut), "fin": dire_le_jour(fin)},
        "",
    ]
    corps = [
        "- "
        + _("%(jour)s : %(message)s")
        % {"jour": dire_le_jour(jour_a_paris(ligne.le)), "message": ligne.message}
        + f"\n  {ligne.lien}"
        for ligne in lignes
    ]
    pied = [
        "",
        _(
            "Les convocations de la semaine sont jointes (fichiers .ics) : ouvrez-les pour mettre "
            "votre agenda à jour."
        ),
        _("Toutes vos notifications : %(lien)s") % {"lien": lien_notifications},
        "",
        _("Vous recevez ce résumé parce que vous l'avez choisi sur « Mon compte » : %(lien)s")
        % {"lien": lien_preferences},
    ]
    nombre = len(lignes)
    if nombre > 1:
        sujet_ = _("[Conseils citoyens] Votre résumé de la semaine : %(nombre)s notifications")
    else:
        sujet_ = _("[Conseils citoyens] Votre résumé de la semaine : %(nombre)s notification")
    return sujet_ % {"nombre": nombre}, "\n".join([*entetes, *corps, *pied]) + "\n"
