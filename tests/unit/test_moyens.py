"""The means of a council (rule 19), command by command: what is recorded, what is refused."""

from datetime import UTC, date, datetime
from uuid import UUID

import pytest

from domaine.erreurs import ChampInvalide, EtatIncompatible
from domaine.moyens import MoyensDuConseil

LE = datetime(2026, 3, 2, 10, tzinfo=UTC)
AGENT = UUID(int=1)


def _moyens() -> MoyensDuConseil:
    moyens = MoyensDuConseil.ouvrir(18, LE)
    moyens.collect_events()
    return moyens


def test_depenser_plus_que_l_accorde_est_permis() -> None:
    moyens = _moyens()
    moyens.enregistrer_budget(UUID(int=2), 2026, "etat", "accorde", 1_000, AGENT, LE)
    moyens.enregistrer_budget(UUID(int=3), 2026, "etat", "depense", 1_500, AGENT, LE)
    assert [e.champs["euros"] for e in moyens.entrees.values()] == [1_000, 1_500]


@pytest.mark.parametrize(
    ("euros", "champ"), [(-1, "euros"), (0, "euros"), (True, "euros"), (10_000_001, "euros")]
)
def test_un_montant_negatif_nul_ou_demesure_est_refuse(euros: int, champ: str) -> None:
    moyens = _moyens()
    with pytest.raises(ChampInvalide) as refus:
        moyens.enregistrer_budget(UUID(int=2), 2026, "ville", "accorde", euros, AGENT, LE)
    assert refus.value.champ == champ
    assert moyens.collect_events() == []


def test_un_engagement_peut_preceder_son_annee_mais_pas_une_depense() -> None:
    moyens = _moyens()
    moyens.enregistrer_engagement(UUID(int=2), 2027, "etat", "budget_euros", 2_500, AGENT, LE)
    with pytest.raises(ChampInvalide, match="année commencée"):
        moyens.enregistrer_budget(UUID(int=3), 2027, "etat", "depense", 10, AGENT, LE)
    with pytest.raises(ChampInvalide):
        moyens.enregistrer_engagement(UUID(int=4), 2028, "etat", "formations", 2, AGENT, LE)


def test_une_formation_ne_nomme_personne_et_sa_participation_compte_juste() -> None:
    moyens = _moyens()
    formation = UUID(int=10)
    moyens.proposer_formation(formation, "Le contrat de ville", "UPCA", "ville",
                              date(2026, 2, 20), AGENT, LE)  # fmt: skip
    personne = str(UUID(int=99))
    moyens.enregistrer_participations(
        UUID(int=11), formation, 2, 1, 1, 1, 0, 1, [personne], AGENT, LE
    )
    evenement = moyens.collect_events()[-1]
    assert evenement.personnes == [personne] and evenement.habitants == 2
    autre = UUID(int=13)
    moyens.proposer_formation(autre, "Animer", "UPCA", "ville", date(2026, 2, 21), AGENT, LE)
    deux = [str(UUID(int=97)), str(UUID(int=98))]
    with pytest.raises(ChampInvalide, match="Plus de personnes"):
        moyens.enregistrer_participations(UUID(int=12), autre, 1, 0, 1, 0, 0, 0, deux, AGENT, LE)
    with pytest.raises(ChampInvalide, match="identifiant"):
        moyens.enregistrer_participations(
            UUID(int=12), autre, 1, 0, 1, 0, 0, 0, ["Camille Martin"], AGENT, LE
        )


def test_une_annulation_est_un_evenement_et_emporte_la_participation() -> None:
    moyens = _moyens()
    formation = UUID(int=10)
    moyens.proposer_formation(formation, "Budget participatif", "UPCA", "ville",
                              date(2026, 2, 20), AGENT, LE)  # fmt: skip
    moyens.enregistrer_participations(UUID(int=11), formation, 1, 0, 1, 0, 0, 0, [], AGENT, LE)
    moyens.collect_events()
    moyens.annuler(formation, "Saisie en double", AGENT, LE)
    annulees = moyens.collect_events()
    assert [e.entree for e in annulees] == [UUID(int=11), formation]
    assert moyens.entrees == {}
    with pytest.raises(EtatIncompatible, match="déjà annulé"):
        moyens.annuler(formation, "Encore", AGENT, LE)
    with pytest.raises(EtatIncompatible, match="existe déjà"):
        moyens.proposer_formation(formation, "Réutiliser l'id", "UPCA", "ville",
                                  date(2026, 2, 20), AGENT, LE)  # fmt: skip


def test_une_periode_d_accompagnement_au_dela_de_dix_ans_est_une_faute_de_frappe() -> None:
    moyens = _moyens()
    debut = date(2026, 3, 2)
    moyens.enregistrer_accompagnement(
        UUID(int=2), "adulte_relais", "ville", None, 120, debut, date(2036, 3, 2), AGENT, LE
    )
    moyens.collect_events()
    with pytest.raises(ChampInvalide, match="10 ans") as refus:
        moyens.enregistrer_accompagnement(
            UUID(int=3), "adulte_relais", "ville", None, 120, debut, date(9999, 12, 31), AGENT, LE
        )
    assert refus.value.champ == "fin"
    assert moyens.collect_events() == []
