"""Reading back and checking iCalendar files (RFC 5545) in tests, with the `icalendar` library
and checks of our own of what it does not enforce: the calendar and its events carry their
required properties, every TZID names a VTIMEZONE of the file, and that VTIMEZONE alone (its
observances, not the library's zone database) turns each wall-clock time into the instant
Europe/Paris gives."""

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

LIGNE_MAX = 75  # octets, before folding (RFC 5545 §3.1)


def lire(contenu: bytes) -> Calendar:
    """Parse `contenu` and check it; returns the calendar."""
    _lignes(contenu)
    cal = Calendar.from_ical(contenu)
    assert cal.name == "VCALENDAR"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"])
    assert cal.subcomponents, "RFC 5545 wants at least one component in a calendar"
    zones = {str(z["TZID"]): z for z in cal.walk("VTIMEZONE")}
    for zone in zones.values():
        _zone(zone)
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids)), f"UID en double : {uids}"
    for evenement in cal.walk("VEVENT"):
        _evenement(evenement, zones)
    return cal


def evenements(contenu: bytes) -> dict[str, Event]:
    """The checked events of a file, by UID."""
    return {str(e["UID"]): e for e in lire(contenu).walk("VEVENT")}


def debut(evenement: Event) -> datetime:
    """The event's start as an instant in UTC."""
    valeur: datetime = evenement.decoded("DTSTART")
    return valeur.astimezone(UTC)


def heure_affichee(evenement: Event) -> str:
    """The wall-clock start as written in the file ("20260329T103000"), which a calendar shows
    in the zone of its TZID."""
    return str(evenement["DTSTART"].to_ical().decode())


def _lignes(contenu: bytes) -> None:
    assert contenu.endswith(b"\r\n"), "lines end with CRLF"
    for ligne in contenu.split(b"\r\n"):
        assert len(ligne) <= LIGNE_MAX, f"ligne non repliée : {ligne!r}"
        assert b"\n" not in ligne and b"\r" not in ligne, "a bare LF or CR"


def _evenement(evenement: Event, zones: dict[str, Any]) -> None:
    for propriete in ("UID", "DTSTAMP", "DTSTART"):
        assert propriete in evenement, f"VEVENT sans {propriete}"
    dtstamp = evenement["DTSTAMP"].to_ical().decode()
    assert dtstamp.endswith("Z"), f"DTSTAMP doit être en UTC : {dtstamp}"
    assert "TZID" not in evenement["DTSTAMP"].params
    assert int(evenement.get("SEQUENCE", 0)) >= 0
    assert str(evenement.get("STATUS", "CONFIRMED")) in {"CONFIRMED", "CANCELLED", "TENTATIVE"}
    for propriete in ("DTSTART", "DTEND"):
        if propriete not in evenement:
            continue
        tzid = evenement[propriete].params.get("TZID")
        assert tzid in zones, f"{propriete} : TZID {tzid!r} sans VTIMEZONE"
        mural = datetime.strptime(evenement[propriete].to_ical().decode(), "%Y%m%dT%H%M%S")
        attendu = mural.replace(tzinfo=ZoneInfo(tzid)).astimezone(UTC)
        assert _instant(zones[tzid], mural) == attendu, f"{propriete} {mural} mal converti"
        assert evenement.decoded(propriete).astimezone(UTC) == attendu
    if "DTEND" in evenement:
        assert evenement.decoded("DTEND") > evenement.decoded("DTSTART")


def _zone(zone: Any) -> None:
    observances = zone.walk("STANDARD") + zone.walk("DAYLIGHT")
    assert observances, "VTIMEZONE sans STANDARD ni DAYLIGHT"
    for observance in observances:
        for propriete in ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO"):
            assert propriete in observance, f"{observance.name} sans {propriete}"


def debuts(observance: Any) -> list[datetime]:
    """The wall-clock onsets of an observance: its DTSTART and its RDATEs (RRULE is not
    expanded: the files made here list their onsets)."""
    assert "RRULE" not in observance, "explicit onsets only"
    valeurs = [observance.decoded("DTSTART")]
    rdates = observance.get("RDATE", [])
    for rdate in rdates if isinstance(rdates, list) else [rdates]:
        valeurs.extend(periode.dt for periode in rdate.dts)
    return [v.replace(tzinfo=None) for v in valeurs]


def _instant(zone: Any, mural: datetime) -> datetime:
    """The instant of a wall-clock time by the VTIMEZONE's own observances: the latest onset
    at or before it gives the offset."""
    onsets = sorted(
        (debut_, observance.decoded("TZOFFSETTO"))
        for observance in zone.walk("STANDARD") + zone.walk("DAYLIGHT")
        for debut_ in debuts(observance)
    )
    en_vigueur = [decalage for debut_, decalage in onsets if debut_ <= mural]
    assert en_vigueur, f"{mural} avant le début de la VTIMEZONE"
    decalage: timedelta = en_vigueur[-1]
    return (mural - decalage).replace(tzinfo=UTC)
