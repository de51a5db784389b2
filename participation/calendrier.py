"""Séances as iCalendar (RFC 5545): the convocation's attachment and the calendar feeds.

One `VEVENT` per séance, whose `UID` never changes (a calendar application then updates the
event it already holds when the séance is reprogrammed, and strikes it out once cancelled);
`SEQUENCE` counts the changes the members were told of. Times are given in Europe/Paris with
its `VTIMEZONE`, so that a calendar shows the wall-clock time typed by the animateur.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event, Timezone

from domaine.temps import PARIS, a_paris

DUREE_PAR_DEFAUT = timedelta(hours=2)
"""A séance has a start, not an end: calendars show it as two hours long."""
PRODID = "-//Conseils citoyens de Paris//participation//FR"
DOMAINE_DES_UID = "participation.conseils-citoyens.paris"


@dataclass(frozen=True)
class SeanceAuCalendrier:
    """What a calendar shows of a séance (from the read model or the aggregate)."""

    seance_id: str
    arrondissement: int
    date: datetime
    lieu: str
    ordre_du_jour: str
    annulee: bool
    sequence: int
    """How many times its date, place or agenda changed since it was planned (0 at first)."""
    lien: str
    """The séance's page, absolute."""
    lien_visio: str = ""
    accessibilite: str = ""
    """One line saying what the place offers (step-free access, interpretation…)."""
    modifiee_le: datetime | None = None


def uid_de_seance(seance_id: str) -> str:
    return f"seance-{seance_id}@{DOMAINE_DES_UID}"


def titre_de_seance(arrondissement: int) -> str:
    return f"Conseil citoyen du {arrondissement}e : séance de l'assemblée"


def _evenement(seance: SeanceAuCalendrier) -> Event:
    debut = a_paris(seance.date)
    evenement = Event()
    evenement.add("uid", uid_de_seance(seance.seance_id))
    evenement.add("dtstamp", seance.modifiee_le or seance.date)
    evenement.add("dtstart", debut)
    evenement.add("dtend", debut + DUREE_PAR_DEFAUT)
    evenement.add("summary", titre_de_seance(seance.arrondissement))
    evenement.add("location", seance.lieu)
    description = [f"Ordre du jour :\n{seance.ordre_du_jour}"]
    if seance.accessibilite:
        description.append(f"Accessibilité : {seance.accessibilite}")
    if seance.lien_visio:
        description.append(f"Participer à distance : {seance.lien_visio}")
    description.append(seance.lien)
    evenement.add("description", "\n\n".join(description))
    evenement.add("url", seance.lien)
    evenement.add("sequence", seance.sequence)
    evenement.add("status", "CANCELLED" if seance.annulee else "CONFIRMED")
    return evenement


def calendrier(seances: Iterable[SeanceAuCalendrier], nom: str, methode: str = "") -> bytes:
    """An iCalendar file of these séances. `methode` is `REQUEST` or `CANCEL` for an e-mail
    attachment (RFC 5546), empty for a feed."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", nom)
    cal.add("x-wr-timezone", str(PARIS))
    if methode:
        cal.add("method", methode)
    evenements = [_evenement(s) for s in seances]
    if evenements:
        debut = min(e.decoded("dtstart") for e in evenements)
        fin = max(e.decoded("dtend") for e in evenements)
        # Whole years, so that the zone always lists both its winter and summer offsets.
        cal.add_component(
            Timezone.from_tzid(
                str(PARIS), first_date=date(debut.year, 1, 1), last_date=date(fin.year + 1, 1, 1)
            )
        )
    for evenement in evenements:
        cal.add_component(evenement)
    return bytes(cal.to_ical())
