"""Séances of the open assembly: planning, attendance, decisions, cancellation."""

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest

from domaine.assemblee import Adhesion, id_adhesion
from domaine.erreurs import ChampInvalide, DonneeInvalide, EtatIncompatible
from domaine.seances import DATE_PASSEE, VOTES_MAX, PresencesRefusees, Seance, est_adoptee
from domaine.vocabulaire import RegleMajorite, StatutSeance
from tests.unit.scenario import MAINTENANT, alors, aucun_evenement, etant_donne, plus_tard, refuse

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)

SEANCE = UUID("00000000-0000-4000-8000-0000000000a1")
ANIMATRICE = UUID("00000000-0000-4000-8000-0000000000b1")
MEMBRE = UUID("00000000-0000-4000-8000-0000000000c1")
AUTRE_MEMBRE = UUID("00000000-0000-4000-8000-0000000000c2")
DATE = plus_tard(days=8, hours=8, minutes=30)  # 10 March 2026, 18:30 UTC
PENDANT = DATE + timedelta(hours=1)


# --- given events ----------------------------------------------------------------------------


def planifiee(arrondissement: int = 18, date: datetime = DATE) -> Any:
    return Seance.Planifiee(
        originator_id=SEANCE,
        originator_version=1,
        timestamp=MAINTENANT,
        originator_topic=Seance.TOPIC,
        arrondissement=arrondissement,
        date=date,
        lieu="Centre Barbara",
        ordre_du_jour="Budget participatif",
        par=ANIMATRICE,
    )


def presence(version: int, personne: UUID = MEMBRE) -> Any:
    return Seance.PresenceEnregistree(
        originator_id=SEANCE,
        originator_version=version,
        timestamp=PENDANT,
        personne_id=personne,
        par=ANIMATRICE,
    )


def decision(version: int, pour: int = 10, contre: int = 2, abstention: int = 1) -> Any:
    return Seance.DecisionEnregistree(
        originator_id=SEANCE,
        originator_version=version,
        timestamp=PENDANT,
        numero=1,
        texte="Proposer la rénovation du square Léon",
        pour=pour,
        contre=contre,
        abstention=abstention,
        regle="simple",
        adoptee=True,
        par=ANIMATRICE,
    )


def compte_rendu(version: int) -> Any:
    return Seance.CompteRenduRedige(
        originator_id=SEANCE,
        originator_version=version,
        timestamp=PENDANT,
        texte="Vingt personnes présentes.",
        par=ANIMATRICE,
    )


def annulee(version: int) -> Any:
    return Seance.Annulee(
        originator_id=SEANCE,
        originator_version=version,
        timestamp=plus_tard(days=1),
        motif="Salle indisponible",
        par=ANIMATRICE,
    )


def adhesion(arrondissement: int = 18, personne: UUID = MEMBRE, membre: bool = True) -> Adhesion:
    evenements: list[Any] = [
        Adhesion.Entree(
            originator_id=id_adhesion(arrondissement, personne),
            originator_version=1,
            timestamp=MAINTENANT - timedelta(days=30),
            originator_topic=Adhesion.TOPIC,
            arrondissement=arrondissement,
            personne_id=personne,
            college="habitant",
            genre="femme",
            tranche_age="25_39",
            quartier="hors_qpv",
            structure_nom="",
            structure_type="",
            consentement_parental=False,
            eligibilite_attestee=True,
        )
    ]
    if not membre:
        evenements.append(
            Adhesion.Sortie(
                originator_id=id_adhesion(arrondissement, personne),
                originator_version=2,
                timestamp=MAINTENANT - timedelta(days=1),
                motif="demenagement",
            )
        )
    resultat: Adhesion = etant_donne(*evenements)
    return resultat


def decider(seance: Seance, pour: Any, contre: Any, abstention: Any, texte: str = "Avis") -> Any:
    return seance.enregistrer_decision(
        texte, pour, contre, abstention, RegleMajorite.SIMPLE, ANIMATRICE, PENDANT
    )


# --- planning --------------------------------------------------------------------------------


def test_une_animatrice_planifie_une_seance_dans_le_futur() -> None:
    seance = Seance.planifier(
        18, DATE, "  Centre Barbara  ", "Budget participatif", ANIMATRICE, MAINTENANT, SEANCE
    )

    (evenement,) = alors(seance, Seance.Planifiee)
    assert evenement.originator_id == SEANCE
    assert evenement.arrondissement == 18
    assert evenement.date == DATE
    assert evenement.lieu == "Centre Barbara"
    assert evenement.ordre_du_jour == "Budget participatif"
    assert evenement.par == ANIMATRICE
    assert evenement.timestamp == MAINTENANT
    assert seance.statut == StatutSeance.PLANIFIEE


def test_sans_identifiant_fourni_une_seance_recoit_un_identifiant_neuf() -> None:
    a = Seance.planifier(18, DATE, "Lieu", "Ordre du jour", ANIMATRICE, MAINTENANT)
    b = Seance.planifier(18, DATE, "Lieu", "Ordre du jour", ANIMATRICE, MAINTENANT)
    assert a.id != b.id


@pytest.mark.parametrize(
    "date", [MAINTENANT - timedelta(days=1), MAINTENANT], ids=["hier", "maintenant"]
)
def test_on_ne_planifie_pas_une_seance_dans_le_passe(date: datetime) -> None:
    refuse(
        None,
        lambda: Seance.planifier(18, date, "Lieu", "Ordre du jour", ANIMATRICE, MAINTENANT),
        DonneeInvalide,
        "dans le futur",
    )


def test_on_ne_planifie_pas_une_seance_plus_de_deux_ans_a_l_avance() -> None:
    refuse(
        None,
        lambda: Seance.planifier(
            18, plus_tard(days=800), "Lieu", "Ordre du jour", ANIMATRICE, MAINTENANT
        ),
        DonneeInvalide,
        "deux ans",
    )


def test_une_date_sans_fuseau_horaire_est_refusee() -> None:
    refuse(
        None,
        lambda: Seance.planifier(
            18, DATE.replace(tzinfo=None), "Lieu", "Ordre du jour", ANIMATRICE, MAINTENANT
        ),
        DonneeInvalide,
        "fuseau horaire",
    )


@pytest.mark.parametrize(
    ("lieu", "ordre_du_jour", "mot_cle"),
    [
        ("L" * 201, "Ordre du jour", "lieu.*trop long"),
        ("Lieu", "O" * 20_001, "ordre du jour.*trop long"),
        ("   ", "Ordre du jour", "lieu.*obligatoire"),
        ("Lieu", "", "ordre du jour.*obligatoire"),
        ("Lieu\x00", "Ordre du jour", "caractère interdit"),
        ("Lieu", "Ordre du jour\x1b[2J", "ordre du jour.*caractère interdit"),
    ],
    ids=[
        "lieu-trop-long",
        "ordre-du-jour-trop-long",
        "lieu-vide",
        "odj-vide",
        "nul",
        "echappement",
    ],
)
def test_un_texte_trop_long_vide_ou_invalide_est_refuse(
    lieu: str, ordre_du_jour: str, mot_cle: str
) -> None:
    refuse(
        None,
        lambda: Seance.planifier(18, DATE, lieu, ordre_du_jour, ANIMATRICE, MAINTENANT),
        DonneeInvalide,
        mot_cle,
    )


def test_on_ne_planifie_pas_pour_un_arrondissement_sans_conseil_citoyen() -> None:
    refuse(
        None,
        lambda: Seance.planifier(12, DATE, "Lieu", "Ordre du jour", ANIMATRICE, MAINTENANT),
        DonneeInvalide,
        "12e",
    )


# --- reprogramming ---------------------------------------------------------------------------


def test_une_seance_a_venir_est_reprogrammee() -> None:
    seance = etant_donne(planifiee())
    nouvelle = DATE + timedelta(days=7)

    seance.reprogrammer(
        nouvelle, "Salle Saint-Bruno", "Budget participatif", ANIMATRICE, MAINTENANT
    )

    (evenement,) = alors(seance, Seance.Reprogrammee)
    assert (evenement.date, evenement.lieu) == (nouvelle, "Salle Saint-Bruno")
    assert evenement.originator_version == 2
    assert (seance.date, seance.lieu) == (nouvelle, "Salle Saint-Bruno")


def test_reprogrammer_sans_rien_changer_n_enregistre_rien() -> None:
    seance = etant_donne(planifiee())

    seance.reprogrammer(DATE, "Centre Barbara", " Budget participatif ", ANIMATRICE, MAINTENANT)

    aucun_evenement(seance)


def test_une_seance_qui_a_deja_eu_lieu_ne_peut_plus_etre_reprogrammee() -> None:
    seance = etant_donne(planifiee())

    refuse(
        seance,
        lambda: seance.reprogrammer(
            PENDANT + timedelta(days=7), "Lieu", "Ordre du jour", ANIMATRICE, PENDANT
        ),
        EtatIncompatible,
        "déjà eu lieu",
    )


def test_on_ne_reprogramme_pas_une_seance_dans_le_passe() -> None:
    seance = etant_donne(planifiee())

    refuse(
        seance,
        lambda: seance.reprogrammer(
            MAINTENANT - timedelta(hours=1), "Lieu", "Ordre du jour", ANIMATRICE, MAINTENANT
        ),
        DonneeInvalide,
        "dans le futur",
    )


# --- attendance ------------------------------------------------------------------------------


def test_une_membre_presente_est_inscrite_sur_la_feuille_de_presence() -> None:
    seance = etant_donne(planifiee())

    seance.marquer_present(adhesion(), ANIMATRICE, PENDANT)

    (evenement,) = alors(seance, Seance.PresenceEnregistree)
    assert evenement.personne_id == MEMBRE
    assert seance.presents == {MEMBRE}


def test_la_presence_se_note_des_l_heure_de_debut() -> None:
    seance = etant_donne(planifiee())

    seance.marquer_present(adhesion(), ANIMATRICE, DATE)

    alors(seance, Seance.PresenceEnregistree)


def test_on_n_enregistre_pas_de_presence_avant_le_debut_de_la_seance() -> None:
    seance = etant_donne(planifiee())

    refuse(
        seance,
        lambda: seance.marquer_present(adhesion(), ANIMATRICE, DATE - timedelta(minutes=1)),
        EtatIncompatible,
        "pas encore eu lieu",
    )


def test_seul_un_membre_de_ce_conseil_peut_etre_marque_present() -> None:
    seance = etant_donne(planifiee())

    refuse(
        seance,
        lambda: seance.marquer_present(adhesion(arrondissement=19), ANIMATRICE, PENDANT),
        EtatIncompatible,
        "pas membre de l'assemblée de ce conseil",
    )
    refuse(
        seance,
        lambda: seance.marquer_present(None, ANIMATRICE, PENDANT),
        EtatIncompatible,
        "pas membre",
    )


def test_qui_avait_quitte_l_assemblee_avant_la_seance_ne_peut_pas_etre_marque_present() -> None:
    seance = etant_donne(planifiee())

    refuse(
        seance,
        lambda: seance.marquer_present(adhesion(membre=False), ANIMATRICE, PENDANT),
        EtatIncompatible,
        "n'était pas membre de l'assemblée le 10/03/2026",
    )


def test_marquer_deux_fois_la_meme_presence_n_enregistre_rien_de_plus() -> None:
    seance = etant_donne(planifiee(), presence(2))

    seance.marquer_present(adhesion(), ANIMATRICE, PENDANT)

    aucun_evenement(seance)


def test_une_presence_est_retiree_et_retirer_une_absence_ne_fait_rien() -> None:
    seance = etant_donne(planifiee(), presence(2))

    seance.retirer_presence(AUTRE_MEMBRE, ANIMATRICE, PENDANT)
    aucun_evenement(seance)
    seance.retirer_presence(MEMBRE, ANIMATRICE, PENDANT)

    (evenement,) = alors(seance, Seance.PresenceRetiree)
    assert evenement.personne_id == MEMBRE
    assert seance.presents == set()


def test_les_participants_non_inscrits_sont_comptes_sans_etre_nommes() -> None:
    seance = etant_donne(planifiee())

    seance.compter_anonymes(12, ANIMATRICE, PENDANT)
    (evenement,) = alors(seance, Seance.ParticipantsAnonymesComptes)
    assert evenement.nombre == 12

    seance.compter_anonymes(12, ANIMATRICE, PENDANT)
    aucun_evenement(seance)
    refuse(
        seance,
        lambda: seance.compter_anonymes(-1, ANIMATRICE, PENDANT),
        DonneeInvalide,
        "négatif",
    )


def test_le_compte_rendu_ne_se_redige_qu_apres_le_debut() -> None:
    seance = etant_donne(planifiee())

    refuse(
        seance,
        lambda: seance.rediger_compte_rendu("Compte rendu", ANIMATRICE, MAINTENANT),
        EtatIncompatible,
        "rédiger le compte rendu avant son début",
    )
    seance.rediger_compte_rendu("  Compte rendu  ", ANIMATRICE, PENDANT)
    (evenement,) = alors(seance, Seance.CompteRenduRedige)
    assert evenement.texte == "Compte rendu"


# --- decisions -------------------------------------------------------------------------------


def test_une_decision_adoptee_est_enregistree_avec_ses_votes() -> None:
    seance = etant_donne(planifiee())

    resultat = seance.enregistrer_decision(
        "Proposer un projet au budget participatif",
        12,
        3,
        2,
        RegleMajorite.ABSOLUE,
        ANIMATRICE,
        PENDANT,
    )

    (evenement,) = alors(seance, Seance.DecisionEnregistree)
    assert (evenement.numero, evenement.pour, evenement.contre, evenement.abstention) == (
        1,
        12,
        3,
        2,
    )
    assert evenement.regle == "absolue"
    assert evenement.adoptee is True
    assert resultat.adoptee and resultat.numero == 1


def test_une_decision_rejetee_est_enregistree_aussi() -> None:
    seance = etant_donne(planifiee(), decision(2))

    resultat = decider(seance, 3, 3, 0)

    (evenement,) = alors(seance, Seance.DecisionEnregistree)
    assert evenement.numero == 2
    assert evenement.adoptee is False
    assert not resultat.adoptee
    assert [d.numero for d in seance.decisions] == [1, 2]


@pytest.mark.parametrize(
    ("pour", "contre", "abstention", "champ"),
    [(-1, 0, 0, "pour"), (3, -2, 0, "contre"), (3, 0, -5, "abstention")],
)
def test_un_nombre_de_votes_negatif_est_refuse(
    pour: int, contre: int, abstention: int, champ: str
) -> None:
    seance = etant_donne(planifiee())

    refuse(
        seance,
        lambda: decider(seance, pour, contre, abstention),
        DonneeInvalide,
        f"« {champ} ».*négatif",
    )


@pytest.mark.parametrize("valeur", [None, "3", 2.5, True], ids=["absent", "texte", "reel", "bool"])
def test_un_nombre_de_votes_absent_ou_non_entier_est_refuse(valeur: Any) -> None:
    seance = etant_donne(planifiee())

    refuse(seance, lambda: decider(seance, valeur, 0, 0), DonneeInvalide, "nombre entier")


def test_un_nombre_de_votes_demesure_est_refuse() -> None:
    seance = etant_donne(planifiee())

    refuse(seance, lambda: decider(seance, VOTES_MAX + 1, 0, 0), DonneeInvalide, "trop grand")


def test_une_decision_sans_aucun_vote_est_refusee() -> None:
    seance = etant_donne(planifiee())

    refuse(seance, lambda: decider(seance, 0, 0, 0), DonneeInvalide, "au moins un vote")


def test_une_decision_sans_texte_est_refusee() -> None:
    seance = etant_donne(planifiee())

    refuse(seance, lambda: decider(seance, 5, 0, 0, texte=" "), DonneeInvalide, "obligatoire")


def test_on_n_enregistre_pas_de_decision_avant_la_seance() -> None:
    seance = etant_donne(planifiee())

    refuse(
        seance,
        lambda: seance.enregistrer_decision(
            "Avis", 5, 0, 0, RegleMajorite.SIMPLE, ANIMATRICE, MAINTENANT
        ),
        EtatIncompatible,
        "pas encore eu lieu",
    )


@pytest.mark.parametrize(
    ("regle", "pour", "contre", "abstention", "adoptee"),
    [
        # simple: more for than against; abstentions do not count
        (RegleMajorite.SIMPLE, 5, 4, 0, True),
        (RegleMajorite.SIMPLE, 4, 4, 0, False),  # tie
        (RegleMajorite.SIMPLE, 2, 1, 50, True),
        (RegleMajorite.SIMPLE, 0, 0, 3, False),
        # absolue: more than half of all voters, abstentions included
        (RegleMajorite.ABSOLUE, 6, 3, 1, True),
        (RegleMajorite.ABSOLUE, 5, 3, 2, False),  # exactly half
        (RegleMajorite.ABSOLUE, 5, 5, 0, False),  # tie
        (RegleMajorite.ABSOLUE, 5, 1, 5, False),
        (RegleMajorite.ABSOLUE, 1, 0, 0, True),
        # deux tiers of the votes cast (for + against)
        (RegleMajorite.DEUX_TIERS, 2, 1, 0, True),  # exactly two thirds
        (RegleMajorite.DEUX_TIERS, 3, 2, 0, False),
        (RegleMajorite.DEUX_TIERS, 20, 10, 30, True),
        (RegleMajorite.DEUX_TIERS, 1, 1, 0, False),  # tie
        (RegleMajorite.DEUX_TIERS, 0, 0, 4, False),
        (RegleMajorite.DEUX_TIERS, 1, 0, 0, True),
    ],
)
def test_la_regle_de_majorite_decide_de_l_adoption(
    regle: RegleMajorite, pour: int, contre: int, abstention: int, adoptee: bool
) -> None:
    assert est_adoptee(regle, pour, contre, abstention) is adoptee


def test_la_decision_applique_la_regle_du_conseil() -> None:
    seance = etant_donne(planifiee())

    seance.enregistrer_decision("Avis", 3, 2, 0, RegleMajorite.DEUX_TIERS, ANIMATRICE, PENDANT)

    (evenement,) = alors(seance, Seance.DecisionEnregistree)
    assert (evenement.regle, evenement.adoptee) == ("deux_tiers", False)


# --- cancellation ----------------------------------------------------------------------------


def test_une_seance_sans_activite_est_annulee_avec_un_motif() -> None:
    seance = etant_donne(planifiee())

    seance.annuler("  Salle indisponible ", ANIMATRICE, plus_tard(days=1))

    (evenement,) = alors(seance, Seance.Annulee)
    assert evenement.motif == "Salle indisponible"
    assert seance.statut == StatutSeance.ANNULEE


def test_une_annulation_sans_motif_est_refusee() -> None:
    seance = etant_donne(planifiee())

    refuse(
        seance,
        lambda: seance.annuler("", ANIMATRICE, plus_tard(days=1)),
        DonneeInvalide,
        "motif d'annulation",
    )


@pytest.mark.parametrize(
    "deja", [presence, decision, compte_rendu], ids=["presence", "decision", "compte-rendu"]
)
def test_une_seance_avec_presences_decision_ou_compte_rendu_ne_peut_pas_etre_annulee(
    deja: Any,
) -> None:
    seance = etant_donne(planifiee(), deja(2))

    refuse(
        seance,
        lambda: seance.annuler("Erreur", ANIMATRICE, PENDANT),
        EtatIncompatible,
        "ne peut plus être annulée",
    )
    assert seance.statut == StatutSeance.PLANIFIEE


def test_une_seance_dont_la_presence_a_ete_retiree_peut_etre_annulee() -> None:
    retiree = Seance.PresenceRetiree(
        originator_id=SEANCE,
        originator_version=3,
        timestamp=PENDANT,
        personne_id=MEMBRE,
        par=ANIMATRICE,
    )
    seance = etant_donne(planifiee(), presence(2), retiree)

    seance.annuler("Tenue par erreur", ANIMATRICE, PENDANT)

    alors(seance, Seance.Annulee)


@pytest.mark.parametrize(
    "commande",
    [
        lambda s: s.reprogrammer(DATE + timedelta(days=1), "Lieu", "Odj", ANIMATRICE, MAINTENANT),
        lambda s: s.marquer_present(adhesion(), ANIMATRICE, PENDANT),
        lambda s: s.retirer_presence(MEMBRE, ANIMATRICE, PENDANT),
        lambda s: s.compter_anonymes(3, ANIMATRICE, PENDANT),
        lambda s: s.rediger_compte_rendu("Texte", ANIMATRICE, PENDANT),
        lambda s: decider(s, 3, 0, 0),
        lambda s: s.annuler("Encore", ANIMATRICE, PENDANT),
    ],
    ids=[
        "reprogrammer",
        "presence",
        "retrait",
        "anonymes",
        "compte-rendu",
        "decision",
        "annuler",
    ],
)
def test_une_seance_annulee_refuse_toute_commande(commande: Any) -> None:
    seance = etant_donne(planifiee(), annulee(2))

    refuse(seance, lambda: commande(seance), EtatIncompatible, "annulée")


def test_une_seance_hors_quartier_prioritaire_n_est_pas_une_seance_de_quartier() -> None:
    with pytest.raises(DonneeInvalide, match="quartier prioritaire"):
        Seance.planifier(18, DATE, "Salle", "Odj", ANIMATRICE, MAINTENANT, quartier="hors_qpv")


def test_un_theme_trop_long_est_refuse() -> None:
    with pytest.raises(DonneeInvalide, match="thème"):
        Seance.planifier(18, DATE, "Salle", "Odj", ANIMATRICE, MAINTENANT, theme="x" * 201)


def test_une_seance_de_quartier_garde_son_perimetre_si_on_ne_le_change_pas() -> None:
    seance = Seance.planifier(
        18, DATE, "Salle", "Odj", ANIMATRICE, MAINTENANT, quartier="QPV-18-BLEMONT", theme="Jardins"
    )
    seance.collect_events()

    seance.reprogrammer(DATE + timedelta(days=1), "Salle", "Odj", ANIMATRICE, MAINTENANT)

    (evenement,) = alors(seance, Seance.Reprogrammee)
    assert (evenement.quartier, evenement.theme) == ("QPV-18-BLEMONT", "Jardins")


# --- membership on the séance's day ------------------------------------------------------------


def adhesion_datee(
    entree: datetime, sortie: datetime | None = None, personne: UUID = MEMBRE
) -> Adhesion:
    """A member of the 18e who joined at `entree` (and left at `sortie`)."""
    evenements: list[Any] = [
        Adhesion.Entree(
            originator_id=id_adhesion(18, personne),
            originator_version=1,
            timestamp=entree,
            originator_topic=Adhesion.TOPIC,
            arrondissement=18,
            personne_id=personne,
            college="habitant",
            genre="homme",
            tranche_age="40_59",
            quartier="hors_qpv",
            structure_nom="",
            structure_type="",
            consentement_parental=False,
            eligibilite_attestee=True,
        )
    ]
    if sortie is not None:
        evenements.append(
            Adhesion.Sortie(
                originator_id=id_adhesion(18, personne),
                originator_version=2,
                timestamp=sortie,
                motif="demenagement",
            )
        )
    resultat: Adhesion = etant_donne(*evenements)
    return resultat


def test_qui_a_quitte_l_assemblee_apres_la_seance_y_est_note_present_apres_coup() -> None:
    seance = etant_donne(planifiee())
    partie_depuis = adhesion_datee(MAINTENANT - timedelta(days=30), DATE + timedelta(days=2))

    seance.marquer_present(partie_depuis, ANIMATRICE, DATE + timedelta(days=5))

    alors(seance, Seance.PresenceEnregistree)


def test_qui_a_rejoint_l_assemblee_le_soir_meme_de_la_seance_y_est_present() -> None:
    # The séance starts at 19:30 in Paris; joining at 23:30 Paris (22:30 UTC) is the same day.
    seance = etant_donne(planifiee())

    seance.marquer_present(
        adhesion_datee(DATE + timedelta(hours=4)), ANIMATRICE, DATE + timedelta(hours=5)
    )

    alors(seance, Seance.PresenceEnregistree)


def test_qui_a_rejoint_l_assemblee_pendant_la_seance_et_l_a_quittee_le_soir_y_etait() -> None:
    seance = etant_donne(planifiee())
    passage = adhesion_datee(DATE + timedelta(minutes=20), DATE + timedelta(hours=2))

    seance.marquer_present(passage, ANIMATRICE, DATE + timedelta(days=1))

    alors(seance, Seance.PresenceEnregistree)


def test_qui_a_rejoint_l_assemblee_le_lendemain_ne_peut_pas_etre_marque_present() -> None:
    # 00:30 in Paris on 11 March is still 10 March in UTC: the day is the Paris one.
    seance = etant_donne(planifiee())
    lendemain = datetime(2026, 3, 10, 23, 30, tzinfo=UTC)

    refuse(
        seance,
        lambda: seance.marquer_present(
            adhesion_datee(lendemain), ANIMATRICE, lendemain + timedelta(hours=1)
        ),
        EtatIncompatible,
        "n'était pas membre de l'assemblée le 10/03/2026",
    )


# --- several people at once (a paper sheet entered afterwards) ----------------------------------


def test_une_feuille_papier_est_saisie_d_un_coup() -> None:
    seance = etant_donne(planifiee(), presence(2))
    autre = adhesion_datee(MAINTENANT, personne=AUTRE_MEMBRE)

    nouvelles = seance.marquer_presents(
        [(MEMBRE, adhesion()), (AUTRE_MEMBRE, autre), (AUTRE_MEMBRE, autre)],
        ANIMATRICE,
        DATE + timedelta(days=3),
    )

    (evenement,) = alors(seance, Seance.PresenceEnregistree)
    assert evenement.personne_id == AUTRE_MEMBRE
    assert nouvelles == 1  # the first was already present, the third is the second again
    assert seance.presents == {MEMBRE, AUTRE_MEMBRE}


def test_une_feuille_papier_avec_un_non_membre_n_enregistre_personne() -> None:
    seance = etant_donne(planifiee())
    arrive_trop_tard = adhesion_datee(DATE + timedelta(days=2), personne=AUTRE_MEMBRE)

    erreur = refuse(
        seance,
        lambda: seance.marquer_presents(
            [(MEMBRE, adhesion()), (AUTRE_MEMBRE, arrive_trop_tard)],
            ANIMATRICE,
            DATE + timedelta(days=3),
        ),
        PresencesRefusees,
        "Une personne n'était pas membre de l'assemblée le 10/03/2026",
    )

    assert isinstance(erreur, PresencesRefusees)
    assert erreur.personnes == (AUTRE_MEMBRE,)
    assert erreur.champ == "personnes"


def test_une_feuille_papier_vide_ou_avant_la_seance_est_refusee() -> None:
    seance = etant_donne(planifiee())

    refuse(
        seance, lambda: seance.marquer_presents([], ANIMATRICE, PENDANT), ChampInvalide, "au moins"
    )
    refuse(
        seance,
        lambda: seance.marquer_presents([(MEMBRE, adhesion())], ANIMATRICE, MAINTENANT),
        EtatIncompatible,
        "pas encore eu lieu",
    )


# --- recording a séance after the fact --------------------------------------------------------

OUVERT_LE = MAINTENANT - timedelta(days=400)
"""When the 18e council opened on the platform, in these tests."""
TENUE = MAINTENANT - timedelta(days=6, hours=14)  # 23 February 2026, 20:00 in Paris


def apres_coup(
    date: datetime = TENUE,
    le: datetime = MAINTENANT,
    ouvert_le: datetime = OUVERT_LE,
    **champs: Any,
) -> Seance:
    valeurs: dict[str, Any] = {"lieu": "Salle Saint-Bruno", "ordre_du_jour": "Propreté", **champs}
    return Seance.enregistrer_apres_coup(
        18,
        date,
        valeurs.pop("lieu"),
        valeurs.pop("ordre_du_jour"),
        ANIMATRICE,
        le,
        ouvert_le,
        SEANCE,
        **valeurs,
    )


def test_une_seance_tenue_sans_avoir_ete_planifiee_s_enregistre_apres_coup() -> None:
    seance = apres_coup()

    (evenement,) = alors(seance, Seance.EnregistreeApresCoup)
    assert (evenement.arrondissement, evenement.date, evenement.lieu) == (
        18,
        TENUE,
        "Salle Saint-Bruno",
    )
    assert evenement.timestamp == MAINTENANT  # recorded now: the log never backdates
    assert seance.enregistree_apres_coup_le == MAINTENANT
    assert seance.date <= MAINTENANT
    assert etant_donne(planifiee()).enregistree_apres_coup_le is None


def test_une_seance_enregistree_apres_coup_recoit_ses_presences_et_decisions() -> None:
    seance = etant_donne(*apres_coup().collect_events())

    seance.marquer_present(adhesion(), ANIMATRICE, MAINTENANT)
    decision = seance.enregistrer_decision(
        "Nettoyer le square", 3, 4, 1, RegleMajorite.ABSOLUE, ANIMATRICE, MAINTENANT
    )
    seance.compter_anonymes(5, ANIMATRICE, MAINTENANT)

    alors(
        seance,
        Seance.PresenceEnregistree,
        Seance.DecisionEnregistree,
        Seance.ParticipantsAnonymesComptes,
    )
    assert not decision.adoptee  # 3 of 8 votes: no absolute majority


def test_une_seance_commencee_il_y_a_une_heure_s_enregistre_apres_coup() -> None:
    alors(apres_coup(date=MAINTENANT - timedelta(hours=1)), Seance.EnregistreeApresCoup)


@pytest.mark.parametrize(
    ("date", "motif"),
    [
        (MAINTENANT + timedelta(minutes=1), "pas encore passée"),
        (MAINTENANT - timedelta(days=95), "dans les 90 jours qui la suivent"),
        (datetime(2013, 6, 1, 18, 0, tzinfo=UTC), "création des conseils citoyens"),
    ],
    ids=["a-venir", "trop-ancienne", "avant-2014"],
)
def test_une_date_impossible_pour_une_seance_tenue_est_refusee(date: datetime, motif: str) -> None:
    erreur = refuse(None, lambda: apres_coup(date=date), ChampInvalide, motif)

    assert isinstance(erreur, ChampInvalide) and erreur.champ == "date"


def test_les_90_jours_se_comptent_en_jours_de_paris() -> None:
    # Now: 1 June 2026 at 00:30 in Paris, still 31 May in UTC. The earliest séance is on
    # 3 March (Paris), even at 00:15 Paris, which is 2 March in UTC.
    le = datetime(2026, 5, 31, 22, 30, tzinfo=UTC)
    au_plus_tot = datetime(2026, 3, 2, 23, 15, tzinfo=UTC)

    alors(apres_coup(date=au_plus_tot, le=le), Seance.EnregistreeApresCoup)
    refuse(
        None,
        lambda: apres_coup(date=au_plus_tot - timedelta(minutes=30), le=le),
        ChampInvalide,
        "au plus tôt une séance du 03/03/2026",
    )


def test_une_seance_d_avant_l_ouverture_du_conseil_sur_la_plateforme_est_refusee() -> None:
    refuse(
        None,
        lambda: apres_coup(ouvert_le=MAINTENANT - timedelta(days=3)),
        ChampInvalide,
        "pas encore ouvert sur la plateforme à cette date \\(ouvert le 27/02/2026\\)",
    )


@pytest.mark.parametrize(
    ("champs", "champ", "motif"),
    [
        ({"lieu": " "}, "lieu", "lieu.*obligatoire"),
        ({"ordre_du_jour": "O" * 20_001}, "ordre_du_jour", "trop long"),
        ({"quartier": "hors_qpv"}, "quartier", "quartier prioritaire"),
        ({"quartier": "QPV-19-INCONNU"}, "quartier", "quartier"),
        ({"theme": "T" * 201}, "theme", "thème.*trop long"),
    ],
)
def test_chaque_refus_nomme_son_champ(champs: dict[str, str], champ: str, motif: str) -> None:
    erreur = refuse(None, lambda: apres_coup(**champs), ChampInvalide, motif)

    assert isinstance(erreur, ChampInvalide) and erreur.champ == champ


def test_planifier_dans_le_passe_nomme_le_champ_date() -> None:
    erreur = refuse(
        None,
        lambda: Seance.planifier(18, TENUE, "Lieu", "Ordre du jour", ANIMATRICE, MAINTENANT),
        ChampInvalide,
        "dans le futur",
    )

    assert isinstance(erreur, ChampInvalide) and erreur.message == DATE_PASSEE


def test_les_refus_des_decisions_et_du_compte_rendu_nomment_leur_champ() -> None:
    seance = etant_donne(planifiee())

    for commande, champ in (
        (lambda: decider(seance, 0, 0, 0), "pour"),
        (lambda: decider(seance, 1, -1, 0), "contre"),
        (lambda: decider(seance, 1, 0, 0, texte=""), "texte"),
        (lambda: seance.compter_anonymes(-1, ANIMATRICE, PENDANT), "nombre"),
        (lambda: seance.rediger_compte_rendu(" ", ANIMATRICE, PENDANT), "texte"),
        (lambda: seance.annuler("", ANIMATRICE, PENDANT), "motif"),
    ):
        erreur = refuse(seance, commande, ChampInvalide, ".")
        assert isinstance(erreur, ChampInvalide) and erreur.champ == champ
