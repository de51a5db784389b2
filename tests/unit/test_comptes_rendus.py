"""Minutes of a séance: versions, approval by a decision of this séance or a later one of the
same council, immutability of the approved version, corrections, rejected votes."""

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import pytest

from domaine.comptes import Acteur
from domaine.erreurs import ChampInvalide, EtatIncompatible
from domaine.seances import Seance, peut_lire_le_projet
from domaine.vocabulaire import RegleMajorite, Role
from tests.unit.scenario import MAINTENANT, alors, etant_donne, plus_tard, refuse

pytestmark = pytest.mark.calendrier

ANIMATRICE = UUID("00000000-0000-4000-8000-0000000000b1")
MARS = plus_tard(days=8, hours=8, minutes=30)  # 10 March 2026, 18:30 UTC
AVRIL = MARS + timedelta(days=28)
MAI = AVRIL + timedelta(days=35)
SIMPLE = RegleMajorite.SIMPLE


def seance(date: datetime, arrondissement: int = 18) -> Seance:
    s = Seance.planifier(
        arrondissement, date, "Centre Barbara", "Ordre du jour", ANIMATRICE, MAINTENANT
    )
    s.collect_events()
    return s


def ecrire(s: Seance, texte: str, le: datetime) -> None:
    s.rediger_compte_rendu(texte, ANIMATRICE, le)


def voter(votante: Seance, votee: Seance, version: int, pour: int = 12, contre: int = 1) -> Any:
    return votante.voter_compte_rendu(
        votee, version, pour, contre, 0, SIMPLE, ANIMATRICE, votante.date + timedelta(hours=1)
    )


def test_chaque_redaction_est_une_nouvelle_version_numerotee() -> None:
    mars = seance(MARS)
    ecrire(mars, "Premier jet", MARS + timedelta(hours=2))
    ecrire(mars, "Premier jet corrigé", MARS + timedelta(days=2))
    ecrire(mars, "Premier jet corrigé", MARS + timedelta(days=3))  # unchanged: nothing

    assert [(v.numero, v.texte) for v in mars.comptes_rendus] == [
        (1, "Premier jet"),
        (2, "Premier jet corrigé"),
    ]
    assert mars.compte_rendu == "Premier jet corrigé"
    assert mars.version_approuvee == 0


def test_un_ancien_journal_sans_numero_se_relit_en_versions_dans_l_ordre() -> None:
    """Events written before versions existed carry no number: their order numbers them."""
    mars = seance(MARS)
    evenements = [
        Seance.Planifiee(
            originator_id=mars.id,
            originator_version=1,
            timestamp=MAINTENANT,
            originator_topic=Seance.TOPIC,
            arrondissement=18,
            date=MARS,
            lieu="Centre Barbara",
            ordre_du_jour="Ordre du jour",
            par=ANIMATRICE,
        ),
        *(
            Seance.CompteRenduRedige(
                originator_id=mars.id,
                originator_version=i + 2,
                timestamp=MARS + timedelta(days=i),
                texte=texte,
                par=ANIMATRICE,
            )
            for i, texte in enumerate(["A", "B"])
        ),
    ]
    relue: Seance = etant_donne(*evenements)
    assert [(v.numero, v.texte) for v in relue.comptes_rendus] == [(1, "A"), (2, "B")]


def test_la_seance_suivante_approuve_le_compte_rendu() -> None:
    mars, avril = seance(MARS), seance(AVRIL)
    ecrire(mars, "Vingt personnes présentes.", MARS + timedelta(days=2))
    mars.collect_events()

    decision = voter(avril, mars, 1)

    assert decision.adoptee and decision.numero == 1
    assert decision.texte == "Approbation du compte rendu de la séance du 10/03/2026 (version 1)"
    _, vote = alors(avril, Seance.DecisionEnregistree, Seance.CompteRenduMisAuxVoix)
    assert (vote.decision, vote.seance_id, vote.version, vote.adoptee) == (1, mars.id, 1, True)
    (approbation,) = alors(mars, Seance.CompteRenduApprouve)
    assert (approbation.version, approbation.par_seance, approbation.decision) == (1, avril.id, 1)
    assert mars.version_approuvee == 1


def test_une_seance_approuve_son_propre_compte_rendu() -> None:
    mars = seance(MARS)
    ecrire(mars, "Relevé des décisions lu en fin de séance.", MARS + timedelta(minutes=90))
    mars.collect_events()

    voter(mars, mars, 1)

    alors(
        mars,
        Seance.DecisionEnregistree,
        Seance.CompteRenduMisAuxVoix,
        Seance.CompteRenduApprouve,
    )
    assert mars.version_approuvee == 1


def test_une_seance_n_approuve_pas_le_compte_rendu_d_une_seance_qui_la_suit() -> None:
    mars, avril = seance(MARS), seance(AVRIL)
    ecrire(avril, "Texte", AVRIL + timedelta(hours=2))
    avril.collect_events()
    refuse(mars, lambda: voter(mars, avril, 1), ChampInvalide, "antérieure")
    assert avril.collect_events() == []


def test_une_seance_n_approuve_pas_le_compte_rendu_d_un_autre_conseil() -> None:
    mars, avril_19 = seance(MARS), seance(AVRIL, arrondissement=19)
    ecrire(mars, "Texte", MARS + timedelta(hours=2))
    mars.collect_events()
    refuse(avril_19, lambda: voter(avril_19, mars, 1), ChampInvalide, "son propre conseil")


def test_une_seance_pas_encore_tenue_ou_annulee_ne_vote_pas() -> None:
    mars, avril = seance(MARS), seance(AVRIL)
    ecrire(mars, "Texte", MARS + timedelta(hours=2))
    mars.collect_events()
    avant = AVRIL - timedelta(hours=1)
    refuse(
        avril,
        lambda: avril.voter_compte_rendu(mars, 1, 10, 0, 0, SIMPLE, ANIMATRICE, avant),
        EtatIncompatible,
        "pas encore eu lieu",
    )
    avril.annuler("Salle indisponible", ANIMATRICE, avant)
    avril.collect_events()
    refuse(avril, lambda: voter(avril, mars, 1), EtatIncompatible, "annulée")
    assert mars.collect_events() == []


def test_on_ne_vote_ni_une_version_inexistante_ni_un_compte_rendu_absent() -> None:
    mars, avril = seance(MARS), seance(AVRIL)
    refuse(avril, lambda: voter(avril, mars, 1), ChampInvalide, "pas encore de compte rendu")
    ecrire(mars, "Texte", MARS + timedelta(hours=2))
    mars.collect_events()
    refuse(avril, lambda: voter(avril, mars, 2), ChampInvalide, "pas de version 2")


def test_une_version_ecrite_apres_la_seance_votante_ne_peut_pas_y_avoir_ete_votee() -> None:
    mars, avril = seance(MARS), seance(AVRIL)
    ecrire(mars, "Texte", AVRIL + timedelta(days=1))  # written the day after April's séance
    mars.collect_events()
    refuse(avril, lambda: voter(avril, mars, 1), ChampInvalide, "rédigée après la séance")


def test_une_version_approuvee_ne_change_plus_une_correction_est_approuvee_a_son_tour() -> None:
    mars, avril, mai = seance(MARS), seance(AVRIL), seance(MAI)
    ecrire(mars, "Version approuvée", MARS + timedelta(days=2))
    voter(avril, mars, 1)
    ecrire(mars, "Version corrigée", AVRIL + timedelta(days=3))
    for s in (mars, avril):
        s.collect_events()

    assert mars.version_approuvee == 1
    assert mars.comptes_rendus[0].texte == "Version approuvée"
    refuse(avril, lambda: voter(avril, mars, 1), EtatIncompatible, "déjà approuvée")

    voter(mai, mars, 2)

    (approbation,) = alors(mars, Seance.CompteRenduApprouve)
    assert approbation.version == 2 and approbation.par_seance == mai.id
    assert mars.version_approuvee == 2
    assert [v.texte for v in mars.comptes_rendus] == ["Version approuvée", "Version corrigée"]
    mai.collect_events()
    refuse(mai, lambda: voter(mai, mars, 1), EtatIncompatible, "plus ancienne")


def test_un_vote_qui_rejette_l_approbation_laisse_le_projet() -> None:
    mars, avril, mai = seance(MARS), seance(AVRIL), seance(MAI)
    ecrire(mars, "Texte contesté", MARS + timedelta(days=2))
    mars.collect_events()

    decision = voter(avril, mars, 1, pour=3, contre=9)

    assert not decision.adoptee
    (rejet,) = alors(mars, Seance.CompteRenduNonApprouve)
    assert (rejet.version, rejet.par_seance) == (1, avril.id)
    assert mars.version_approuvee == 0
    assert [a.adoptee for a in mars.approbations] == [False]
    ecrire(mars, "Texte retravaillé", AVRIL + timedelta(days=2))
    voter(mai, mars, 2)
    assert mars.version_approuvee == 2


def test_des_votes_invalides_n_enregistrent_rien_sur_aucune_des_deux_seances() -> None:
    mars, avril = seance(MARS), seance(AVRIL)
    ecrire(mars, "Texte", MARS + timedelta(days=2))
    mars.collect_events()
    refuse(avril, lambda: voter(avril, mars, 1, pour=0, contre=0), ChampInvalide, "au moins un")
    assert mars.collect_events() == [] and mars.approbations == []


def test_le_projet_se_lit_par_l_animation_et_les_membres_seulement() -> None:
    animatrice = Acteur(ANIMATRICE, frozenset({(Role.ANIMATEUR, 18)}))
    assert peut_lire_le_projet(animatrice, 18, membre_actif=False)
    assert not peut_lire_le_projet(animatrice, 19, membre_actif=False)
    assert peut_lire_le_projet(Acteur(ANIMATRICE), 18, membre_actif=True)
    assert not peut_lire_le_projet(Acteur(ANIMATRICE), 18, membre_actif=False)
    assert not peut_lire_le_projet(None, 18, membre_actif=False)


def test_une_seance_en_ligne_approuve_un_compte_rendu_par_les_votes_a_distance() -> None:
    """An online séance has no room: the counts of its vote on minutes are remote votes."""
    mars = seance(MARS)
    ecrire(mars, "Compte rendu de mars", MARS + timedelta(hours=2))
    avril = Seance.planifier(
        18,
        AVRIL,
        "",
        "Ordre du jour",
        ANIMATRICE,
        MAINTENANT,
        modalite="en_ligne",
        lien_visio="https://visio.paris.fr/conseil-18",
    )
    avril.collect_events()

    decision = voter(avril, mars, 1, pour=9, contre=2)

    assert (decision.pour, decision.contre, decision.pour_distance) == (9, 2, 9)
    assert decision.adoptee and mars.version_approuvee == 1
    ecrire(mars, "Compte rendu de mars, corrigé", AVRIL)
    with pytest.raises(ChampInvalide) as refus:
        voter(avril, mars, 2, pour=0, contre=0)
    assert refus.value.champ == "pour"
