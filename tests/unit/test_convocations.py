"""Convocations in the domain: the choice of e-mails on the account, when the reminder of the
day before is due, and what a convocation, a cancellation and a reminder say."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from domaine.comptes import Compte
from domaine.convocations import (
    ANNULATION,
    CONVOCATION,
    RAPPEL,
    SeanceConvoquee,
    courriel,
    debut_de_la_veille,
    message,
    periode_du_resume,
    rappel_du,
    semaine_du_resume,
)
from domaine.erreurs import ChampInvalide, EtatIncompatible
from tests.unit.scenario import MAINTENANT, alors, aucun_evenement, etant_donne, plus_tard, refuse

COMPTE = UUID("00000000-0000-4000-8000-0000000000c1")


def _ouvert() -> Any:
    return Compte.Ouvert(
        originator_id=COMPTE,
        originator_version=1,
        timestamp=MAINTENANT,
        originator_topic=Compte.TOPIC,
    )


def test_le_choix_des_courriels_est_un_evenement_sans_donnee_personnelle() -> None:
    compte = etant_donne(_ouvert())
    assert compte.courriels == "tous"  # the default, for accounts older than the choice
    compte.choisir_courriels("resume", plus_tard(days=1))
    (choix,) = alors(compte, Compte.CourrielsChoisis)
    assert choix.mode == "resume"
    assert set(vars(choix)) - {"originator_id", "originator_version", "timestamp"} == {"mode"}
    assert compte.courriels == "resume"
    compte.choisir_courriels("resume", plus_tard(days=2))
    aucun_evenement(compte)


def test_un_choix_inconnu_ou_un_compte_efface_sont_refuses() -> None:
    compte = etant_donne(_ouvert())
    refuse(
        compte, lambda: compte.choisir_courriels("pigeon", MAINTENANT), ChampInvalide, "Choisissez"
    )
    efface = etant_donne(
        _ouvert(),
        Compte.Efface(
            originator_id=COMPTE,
            originator_version=2,
            timestamp=MAINTENANT,
            motif="demande_personne",
            par=COMPTE,
            role_demandeur="personne",
        ),
    )
    refuse(
        efface, lambda: efface.choisir_courriels("aucun", MAINTENANT), EtatIncompatible, "effacé"
    )


SEANCE = datetime(2026, 3, 10, 18, 30, tzinfo=UTC)  # Tuesday 19:30 in Paris


def test_le_rappel_est_du_la_veille_a_partir_de_8_heures_a_paris_jusqu_a_la_seance() -> None:
    huit_heures_la_veille = datetime(2026, 3, 9, 7, 0, tzinfo=UTC)
    assert not rappel_du(SEANCE, huit_heures_la_veille - timedelta(seconds=1))
    assert rappel_du(SEANCE, huit_heures_la_veille)
    assert rappel_du(SEANCE, SEANCE - timedelta(minutes=1))  # a job that was down catches up
    assert not rappel_du(SEANCE, SEANCE)
    # Summer time: 08:00 in Paris is 06:00 UTC.
    ete = datetime(2026, 7, 7, 16, 0, tzinfo=UTC)
    assert rappel_du(ete, datetime(2026, 7, 6, 6, 0, tzinfo=UTC))
    assert not rappel_du(ete, datetime(2026, 7, 6, 5, 59, tzinfo=UTC))
    assert debut_de_la_veille(SEANCE) == datetime(2026, 3, 8, 23, 0, tzinfo=UTC)


def test_une_seance_tard_le_soir_a_sa_veille_a_paris_pas_en_utc() -> None:
    """00:30 on Wednesday in Paris is still Tuesday in UTC: its day before is Tuesday."""
    minuit_et_demie = datetime(2026, 3, 10, 23, 30, tzinfo=UTC)
    assert rappel_du(minuit_et_demie, datetime(2026, 3, 10, 7, 0, tzinfo=UTC))
    assert not rappel_du(minuit_et_demie, datetime(2026, 3, 9, 20, 0, tzinfo=UTC))


def _seance(**champs: Any) -> SeanceConvoquee:
    valeurs: dict[str, Any] = {
        "arrondissement": 18,
        "date": SEANCE,
        "lieu": "Centre Barbara",
        "ordre_du_jour": "1. Budget participatif\n2. Questions diverses",
        "sequence": 0,
        "lien": "https://participation.example/seances/1",
    }
    return SeanceConvoquee(**{**valeurs, **champs})


def test_ce_que_dit_chaque_genre_d_envoi() -> None:
    assert message(_seance(), CONVOCATION) == (
        "Convocation : le conseil citoyen du 18e se réunit le mardi 10 mars 2026 à 19 h 30, "
        "Centre Barbara."
    )
    assert message(_seance(sequence=2), CONVOCATION).startswith("Séance reprogrammée : ")
    assert message(_seance(), ANNULATION).startswith("Séance annulée : ")
    assert message(_seance(), RAPPEL).startswith("Rappel : ")


def test_le_courriel_dit_l_accessibilite_et_la_visio_seulement_si_la_seance_les_donne() -> None:
    sujet, corps = courriel(_seance(), CONVOCATION, "Awa", "https://x/compte#courriels")
    assert sujet == "[Conseil citoyen du 18e] Convocation : séance du mardi 10 mars 2026 à 19 h 30"
    assert corps.startswith("Bonjour Awa,\n")
    assert "Ordre du jour :\n1. Budget participatif\n2. Questions diverses" in corps
    assert "Accessibilité" not in corps and "distance" not in corps
    accessible = _seance(
        accessibilite="Accès de plain-pied, interprétation LSF, garde d'enfants",
        lien_visio="https://visio.paris.fr/salle",
    )
    _, corps = courriel(accessible, CONVOCATION, "Awa", "https://x/compte#courriels")
    assert "Accessibilité : Accès de plain-pied, interprétation LSF, garde d'enfants" in corps
    assert "Participer à distance : https://visio.paris.fr/salle" in corps
    _, annulation = courriel(_seance(motif_annulation="Salle indisponible"), ANNULATION, "Awa", "l")
    assert "Motif : Salle indisponible" in annulation and "Ordre du jour" not in annulation


def test_le_resume_couvre_la_semaine_d_avant_le_lundi_a_paris() -> None:
    dimanche_soir_utc = datetime(2026, 3, 8, 23, 30, tzinfo=UTC)  # Monday 00:30 in Paris
    assert semaine_du_resume(dimanche_soir_utc) == date(2026, 3, 9)
    debut, fin = periode_du_resume(date(2026, 3, 9))
    assert (debut, fin) == (
        datetime(2026, 3, 1, 23, 0, tzinfo=UTC),
        datetime(2026, 3, 8, 23, 0, tzinfo=UTC),
    )
