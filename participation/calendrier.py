"""Séances as iCalendar (RFC 5545): the convocation's attachment and the calendar feeds.

One `VEVENT` per séance, whose `UID` never changes (a calendar application then updates the
event it already holds when the séance is reprogrammed, and strikes it out once cancelled);
`SEQUENCE` counts the changes the members were told of. Times are given in Europe/Paris with
its `VTIMEZONE`, so that a calendar shows the wall-clock time typed by the animateur.

The feeds (`participation.calendriers`) read the séances from the read model; the convocation
e-mails attach the same events with a `METHOD`. See docs/calendriers.md.

The texts the platform writes (titles, headings of the description) are in the current
language: a convocation's in its recipient's, a private feed in its holder's, a public feed in
French (`participation.calendriers`). What people wrote (place, agenda, reason) stays as is.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event, Timezone, vDuration

from domaine.temps import PARIS, a_paris
from langues import _

DUREE_PAR_DEFAUT = timedelta(hours=2)
"""A séance has a start, not an end: calendars show it as two hours long."""
RAFRAICHISSEMENT = timedelta(hours=1)
"""How often a subscribed calendar is asked to fetch a feed again (RFC 7986
`REFRESH-INTERVAL`, and Outlook's `X-PUBLISHED-TTL`); applications may poll less often."""
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
    """How many changes the members were told of since it was planned (0 at first): one per
    `Seance.Reprogrammee` (date, place, agenda, neighbourhood or theme) and one for
    `Seance.Annulee` (RFC 5546 raises the sequence of a cancellation too). The read model
    counts them (`lecture_seances.sequence`); a convocation must count the same way, so that
    the event it attaches and the feeds' agree."""
    lien: str
    """The séance's page, absolute."""
    lien_visio: str = ""
    accessibilite: str = ""
    """One line saying what the place offers (step-free access, interpretation…)."""
    modifiee_le: datetime | None = None
    """Its last change told to the members (planning, reprogramming, cancellation): the
    event's `DTSTAMP` and `LAST-MODIFIED`."""
    motif_annulation: str = ""
    perimetre: str = ""
    """One line on a séance held for one neighbourhood or on one theme (empty: the whole
    arrondissement, any subject)."""


def uid_de_seance(seance_id: str) -> str:
    return f"seance-{seance_id}@{DOMAINE_DES_UID}"


def titre_de_seance(arrondissement: int, annulee: bool = False) -> str:
    """Some applications show a cancelled event of a subscribed feed as any other (or drop
    it without a word): the title says it too."""
    titre = _(
        "Conseil citoyen du %(arrondissement)se : séance de l'assemblée",
        arrondissement=arrondissement,
    )
    return _("ANNULÉE — %(titre)s", titre=titre) if annulee else titre


def _evenement(seance: SeanceAuCalendrier) -> Event:
    debut = a_paris(seance.date)
    evenement = Event()
    evenement.add("uid", uid_de_seance(seance.seance_id))
    evenement.add("dtstamp", seance.modifiee_le or seance.date)
    if seance.modifiee_le is not None:
        evenement.add("last-modified", seance.modifiee_le)
    evenement.add("dtstart", debut)
    evenement.add("dtend", debut + DUREE_PAR_DEFAUT)
    evenement.add("summary", titre_de_seance(seance.arrondissement, seance.annulee))
    evenement.add("location", seance.lieu)
    description = []
    if seance.annulee:
        if seance.motif_annulation:
            description.append(_("Séance annulée : %(motif)s", motif=seance.motif_annulation))
        else:
            description.append(_("Séance annulée."))
    if seance.perimetre:
        description.append(seance.perimetre)
    description.append(_("Ordre du jour :") + "\n" + seance.ordre_du_jour)
    if seance.accessibilite:
        description.append(
            _("Accessibilité : %(accessibilite)s", accessibilite=seance.accessibilite)
        )
    if seance.lien_visio:
        description.append(_("Participer à distance : %(lien)s", lien=seance.lien_visio))
    description.append(seance.lien)
    evenement.add("description", "\n\n".join(description))
    evenement.add("url", seance.lien)
    evenement.add("sequence", seance.sequence)
    evenement.add("status", "CANCELLED" if seance.annulee else "CONFIRMED")
    return evenement


def calendrier(
    seances: Iterable[SeanceAuCalendrier],
    nom: str,
    methode: str = "",
    *,
    le: datetime | None = None,
) -> bytes:
    """An iCalendar file of these séances. `methode` is `REQUEST` or `CANCEL` for an e-mail
    attachment (RFC 5546), empty for a feed (which then asks to be fetched again every
    `RAFRAICHISSEMENT`). `le`, when the file is made: a feed without any séance still holds
    the zone of that year, since RFC 5545 wants at least one component in a calendar."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", nom)
    cal.add("name", nom)
    cal.add("x-wr-timezone", str(PARIS))
    if methode:
        cal.add("method", methode)
    else:
        cal.add("refresh-interval", RAFRAICHISSEMENT, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(RAFRAICHISSEMENT))
    evenements = [_evenement(s) for s in seances]
    annees = [a_paris(le).year] * 2 if le is not None else []
    if evenements:
        annees = [
            min(e.decoded("dtstart") for e in evenements).year,
            max(e.decoded("dtend") for e in evenements).year,
        ]
    if annees:
        # Whole years, so that the zone always lists both its winter and summer offsets.
        cal.add_component(
            Timezone.from_tzid(
                str(PARIS), first_date=date(annees[0], 1, 1), last_date=date(annees[1] + 1, 1, 1)
            )
        )
    for evenement in evenements:
        cal.add_component(evenement)
    return bytes(cal.to_ical())
