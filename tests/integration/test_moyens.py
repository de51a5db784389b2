"""Means and training (rule 19): agents record rooms, budgets, support staff and trainings; the
annual report's "moyens" section sets them against what was committed, the same from the read
models and from the raw log, and a cancelled record no longer counts."""

import json
from datetime import UTC, date, datetime
from uuid import UUID, uuid4

import pytest

from domaine.comptes import Acteur
from domaine.erreurs import ActionInterdite, ChampInvalide, EtatIncompatible
from domaine.moyens import MoyensDuConseil, id_moyens
from lancement.plateforme import Plateforme
from tests.conftest import HorlogeReglable
from tests.integration.test_rapports import les_deux

pytestmark = pytest.mark.calendrier


def _formation(plateforme: Plateforme, theme: str) -> UUID:
    moyens = plateforme.registre.charger(MoyensDuConseil, id_moyens(18), "absent")
    return next(k for k, e in moyens.entrees.items() if e.champs.get("theme") == theme)


def deux_annees(
    plateforme: Plateforme, horloge: HorlogeReglable, ville: Acteur, etat: Acteur
) -> None:
    """2025: a weekly room from March to the end of 2026, a commitment and a grant of the
    État; 2026: the État's share committed in December 2025, grants, spending beyond the
    grant, an adulte-relais, two trainings (one attended), a mistaken grant cancelled."""
    m = plateforme.moyens
    horloge.now = datetime(2025, 3, 1, 10, tzinfo=UTC)
    m.enregistrer_salle(
        ville,
        18,
        "Maison des associations, 15 passage Ramey",
        "ville",
        "hebdomadaire",
        date(2025, 3, 3),
        date(2026, 12, 31),
    )
    m.enregistrer_engagement(etat, 18, 2025, "etat", "budget_euros", 2_500)
    m.enregistrer_budget(etat, 18, 2025, "etat", "accorde", 2_500)
    horloge.now = datetime(2025, 12, 15, 10, tzinfo=UTC)
    m.enregistrer_engagement(etat, 18, 2026, "etat", "budget_euros", 2_500)
    m.enregistrer_engagement(ville, 18, 2026, "ville", "formations", 3)
    m.enregistrer_engagement(etat, 18, 2026, "etat", "adultes_relais", 1)
    horloge.now = datetime(2026, 2, 1, 10, tzinfo=UTC)
    m.enregistrer_budget(etat, 18, 2026, "etat", "accorde", 2_000)
    m.enregistrer_budget(ville, 18, 2026, "ville", "accorde", 25_000)  # a typo
    m.enregistrer_budget(ville, 18, 2026, "ville", "accorde", 500)
    m.enregistrer_accompagnement(
        etat, 18, "adulte_relais", "etat", 100, None, date(2026, 1, 5), None
    )
    m.enregistrer_salle(
        ville, 18, "Mairie du 18e, salle des fêtes", "ville", "ponctuelle", date(2026, 6, 20), None
    )
    m.proposer_formation(
        ville, 18, "Le contrat de ville", "Centre de ressources", "ville", date(2026, 3, 14)
    )
    m.proposer_formation(ville, 18, "Prendre la parole", "UPCA", "ville", date(2026, 11, 14))
    horloge.now = datetime(2026, 3, 20, 10, tzinfo=UTC)
    formation = _formation(plateforme, "Le contrat de ville")
    gens = [str(uuid4()) for _ in range(2)]
    m.enregistrer_participations(ville, 18, formation, 7, 2, 5, 3, 0, 1, gens)
    moyens = plateforme.registre.charger(MoyensDuConseil, id_moyens(18), "absent")
    typo = next(k for k, e in moyens.entrees.items() if e.champs.get("euros") == 25_000)
    m.annuler(ville, 18, typo, "Erreur de saisie : 500 euros")
    horloge.now = datetime(2026, 10, 1, 10, tzinfo=UTC)
    m.enregistrer_budget(etat, 18, 2026, "etat", "depense", 2_300)  # more than granted


def test_les_moyens_figurent_au_rapport_contre_les_engagements(
    plateforme: Plateforme, horloge: HorlogeReglable, agent_ville: Acteur, agent_etat: Acteur
) -> None:
    deux_annees(plateforme, horloge, agent_ville, agent_etat)
    horloge.now = datetime(2027, 1, 10, 10, tzinfo=UTC)
    moyens = json.loads(les_deux(plateforme, 2026, 18))["conseils"][0]["moyens"]
    assert moyens["budget"] == {
        "etat": {"engage_euros": 2_500, "accorde_euros": 2_000, "depense_euros": 2_300},
        "ville": {"engage_euros": 0, "accorde_euros": 500, "depense_euros": 0},
    }
    assert moyens["part_budget_depense"] == 0.92
    assert moyens["formations"] == {"engagees": 3, "proposees": 2, "avec_participation": 1}
    assert moyens["participations_formations"] == {
        "total": 9,
        "par_college": {"acteur_local": "< 5", "habitant": 7},
        "par_genre": {"femme": 5, "homme": "< 5", "ne_se_prononce_pas": "< 5"},
    }
    assert moyens["personnes_formees"] == 2
    assert moyens["accompagnement"]["adulte_relais"] == {
        "engages": 1,
        "postes": 1,
        "etp": 1.0,
        "heures": 0,
    }
    assert moyens["salles"] == {"recurrentes": 1, "ponctuelles": 1}
    assert [f["participants"] for f in moyens["liste_des_formations"]] == [9, None]
    texte = json.dumps(moyens)
    assert "Agent" not in texte  # nobody's name, only organisations and places

    en_2025 = json.loads(les_deux(plateforme, 2025))
    assert en_2025["conseils"][5]["moyens"]["budget"]["etat"]["accorde_euros"] == 2_500
    assert en_2025["paris"]["moyens"]["salles"] == {"recurrentes": 1, "ponctuelles": 0}
    assert "liste_des_salles" not in en_2025["paris"]["moyens"]
    assert les_deux(plateforme, 2026) == les_deux(plateforme, 2026)  # from the stored opening


def test_les_moyens_refusent_les_saisies_invalides_et_les_roles_non_agents(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    agent_ville: Acteur,
    animateur_18: Acteur,
    participant: Acteur,
) -> None:
    horloge.now = datetime(2026, 2, 1, 10, tzinfo=UTC)
    m = plateforme.moyens
    for qui in (None, participant, animateur_18):
        with pytest.raises(ActionInterdite):
            m.enregistrer_budget(qui, 18, 2026, "ville", "accorde", 100)
    with pytest.raises(ChampInvalide, match="au moins 1") as refus:
        m.enregistrer_budget(agent_ville, 18, 2026, "ville", "accorde", -5)
    assert refus.value.champ == "euros"
    with pytest.raises(ChampInvalide, match="année commencée"):
        m.enregistrer_budget(agent_ville, 18, 2027, "ville", "depense", 5)
    with pytest.raises(ChampInvalide) as refus:
        m.enregistrer_salle(
            agent_ville, 18, "Salle", "ville", "mensuelle", date(2026, 3, 1), date(2026, 2, 1)
        )
    assert refus.value.champ == "fin"
    m.proposer_formation(
        agent_ville, 18, "Le budget participatif", "UPCA", "ville", date(2026, 3, 1)
    )
    formation = _formation(plateforme, "Le budget participatif")
    with pytest.raises(ChampInvalide, match="pas encore eu lieu"):
        m.enregistrer_participations(agent_ville, 18, formation, 1, 0, 1, 0, 0, 0)
    horloge.now = datetime(2026, 3, 2, 10, tzinfo=UTC)
    with pytest.raises(ChampInvalide, match="au moins une personne"):
        m.enregistrer_participations(agent_ville, 18, formation, 0, 0, 0, 0, 0, 0)
    with pytest.raises(ChampInvalide, match="même total"):
        m.enregistrer_participations(agent_ville, 18, formation, 3, 0, 1, 1, 0, 0)
    with pytest.raises(ChampInvalide, match="identifiant"):
        m.enregistrer_participations(agent_ville, 18, formation, 1, 0, 1, 0, 0, 0, ["Camille"])
    m.enregistrer_participations(agent_ville, 18, formation, 1, 0, 1, 0, 0, 0)
    with pytest.raises(EtatIncompatible, match="déjà enregistrée"):
        m.enregistrer_participations(agent_ville, 18, formation, 1, 0, 1, 0, 0, 0)
    m.annuler(agent_ville, 18, formation, "Formation reportée")
    with pytest.raises(EtatIncompatible, match="déjà annulé"):
        m.annuler(agent_ville, 18, formation, "Encore")
    moyens = plateforme.registre.charger(MoyensDuConseil, id_moyens(18), "absent")
    assert moyens.entrees == {}  # the training took its attendance with it
