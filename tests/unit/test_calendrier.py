"""Séances as iCalendar files (`participation.calendrier`), read back with the `icalendar`
library and checked (`tests.ical`): what a member's calendar application will show."""

from datetime import UTC, datetime, timedelta

from participation.calendrier import (
    SeanceAuCalendrier,
    calendrier,
    titre_de_seance,
    uid_de_seance,
)
from tests.ical import debut, debuts, evenements, heure_affichee, lire

PLANIFIEE_LE = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def seance(
    seance_id: str = "11111111-1111-1111-1111-111111111111",
    date: datetime = datetime(2026, 3, 10, 17, 30, tzinfo=UTC),
    **champs: object,
) -> SeanceAuCalendrier:
    valeurs: dict[str, object] = {
        "arrondissement": 18,
        "lieu": "Centre Barbara",
        "ordre_du_jour": "Budget participatif",
        "annulee": False,
        "sequence": 0,
        "lien": f"https://exemple.fr/seances/{seance_id}",
        "modifiee_le": PLANIFIEE_LE,
        **champs,
    }
    return SeanceAuCalendrier(seance_id, date=date, **valeurs)  # type: ignore[arg-type]


def test_une_seance_planifiee_est_un_evenement_confirme_a_l_heure_de_paris() -> None:
    (evenement,) = evenements(calendrier([seance()], "Conseil citoyen du 18e")).values()

    assert str(evenement["UID"]) == "seance-11111111-1111-1111-1111-111111111111@" + (
        "participation.conseils-citoyens.paris"
    )
    assert heure_affichee(evenement) == "20260310T183000"  # 17:30 UTC, 18:30 in Paris (winter)
    assert evenement["DTSTART"].params["TZID"] == "Europe/Paris"
    assert evenement.decoded("DTEND") - evenement.decoded("DTSTART") == timedelta(hours=2)
    assert int(evenement["SEQUENCE"]) == 0
    assert str(evenement["STATUS"]) == "CONFIRMED"
    assert str(evenement["SUMMARY"]) == titre_de_seance(18)
    assert str(evenement["LOCATION"]) == "Centre Barbara"
    assert evenement.decoded("DTSTAMP") == PLANIFIEE_LE
    assert "Budget participatif" in str(evenement["DESCRIPTION"])
    assert (
        str(evenement["URL"]) == "https://exemple.fr/seances/11111111-1111-1111-1111-111111111111"
    )


def test_l_uid_ne_depend_que_de_la_seance() -> None:
    avant = seance()
    apres = seance(date=datetime(2026, 3, 12, 17, 0, tzinfo=UTC), lieu="Mairie", sequence=1)

    uid_avant = next(iter(evenements(calendrier([avant], "A"))))
    uid_apres = next(iter(evenements(calendrier([apres], "B"))))

    assert uid_avant == uid_apres == uid_de_seance(avant.seance_id)


def test_une_seance_annulee_est_barree_et_dit_pourquoi() -> None:
    annulee = seance(annulee=True, sequence=1, motif_annulation="Salle indisponible")

    (evenement,) = evenements(calendrier([annulee], "Conseil")).values()

    assert str(evenement["STATUS"]) == "CANCELLED"
    assert int(evenement["SEQUENCE"]) == 1
    assert str(evenement["SUMMARY"]).startswith("ANNULÉE")
    assert "Séance annulée : Salle indisponible" in str(evenement["DESCRIPTION"])


def test_les_seances_de_part_et_d_autre_des_changements_d_heure_gardent_leur_heure_de_paris() -> (
    None
):
    # 2026: summer time from Sunday 29 March (2:00 → 3:00) to Sunday 25 October (3:00 → 2:00).
    veille = seance("a", datetime(2026, 3, 28, 17, 30, tzinfo=UTC))  # Saturday 18:30 CET
    lendemain = seance("b", datetime(2026, 3, 29, 8, 0, tzinfo=UTC))  # Sunday 10:00 CEST
    ete = seance("c", datetime(2026, 10, 24, 16, 30, tzinfo=UTC))  # Saturday 18:30 CEST
    hiver = seance("d", datetime(2026, 10, 25, 17, 30, tzinfo=UTC))  # Sunday 18:30 CET

    lus = evenements(calendrier([veille, lendemain, ete, hiver], "Conseil"))

    heures = {uid.split("@")[0]: heure_affichee(e) for uid, e in lus.items()}
    assert heures == {
        "seance-a": "20260328T183000",
        "seance-b": "20260329T100000",
        "seance-c": "20261024T183000",
        "seance-d": "20261025T183000",
    }
    assert {uid.split("@")[0]: debut(e) for uid, e in lus.items()} == {
        "seance-a": veille.date,
        "seance-b": lendemain.date,
        "seance-c": ete.date,
        "seance-d": hiver.date,
    }


def test_un_fil_de_plusieurs_annees_a_un_fuseau_pour_chacune() -> None:
    premiere = seance("a", datetime(2025, 6, 10, 16, 30, tzinfo=UTC))
    derniere = seance("b", datetime(2028, 7, 4, 16, 30, tzinfo=UTC))

    cal = lire(calendrier([premiere, derniere], "Conseil"))  # checks both against the zone

    (zone,) = cal.walk("VTIMEZONE")
    ete = [d for observance in zone.walk("DAYLIGHT") for d in debuts(observance)]
    assert sorted(d.year for d in ete) == [2025, 2026, 2027, 2028]


def test_un_calendrier_sans_seance_reste_valide() -> None:
    cal = lire(calendrier([], "Conseil citoyen du 10e", le=PLANIFIEE_LE))

    assert cal.walk("VEVENT") == []
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert str(cal["X-WR-CALNAME"]) == "Conseil citoyen du 10e"


def test_un_fil_demande_a_etre_relu_mais_une_piece_jointe_porte_sa_methode() -> None:
    fil = lire(calendrier([seance()], "Conseil"))
    convocation = lire(calendrier([seance()], "Conseil", "REQUEST"))

    assert fil.decoded("REFRESH-INTERVAL") == timedelta(hours=1)
    assert "METHOD" not in fil
    assert str(convocation["METHOD"]) == "REQUEST"
    assert "REFRESH-INTERVAL" not in convocation


def test_les_textes_saisis_reviennent_tels_quels() -> None:
    ordre_du_jour = "1. Budget ; vote\n2. Propreté, rue Myrha\\Polonceau\n3. « Questions »"
    lieu = "Centre Barbara, 1 rue Fleury ; salle 2"

    (evenement,) = evenements(
        calendrier([seance(ordre_du_jour=ordre_du_jour, lieu=lieu)], "Conseil")
    ).values()

    assert str(evenement["LOCATION"]) == lieu
    assert ordre_du_jour in str(evenement["DESCRIPTION"])
