"""Hybrid séances: modality, videoconference link and accessibility; remote presence; in-room
and remote votes; online polls with one vote per member present."""

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import pytest

from domaine.erreurs import ChampInvalide, EtatIncompatible
from domaine.modalites import (
    LIEN_VISIO_MAX,
    LIEU_EN_LIGNE,
    fenetre_a_distance,
    phrase_d_accessibilite,
    phrase_de_modalite,
)
from domaine.seances import Seance
from domaine.temps import fin_du_jour, jour_a_paris
from domaine.vocabulaire import ModaliteSeance, RegleMajorite
from tests.unit.scenario import (
    MAINTENANT,
    alors,
    aucun_evenement,
    etant_donne,
    historique,
    refuse,
)
from tests.unit.test_seances import (
    ANIMATRICE,
    AUTRE_MEMBRE,
    DATE,
    MEMBRE,
    PENDANT,
    SEANCE,
    adhesion,
)

pytestmark = pytest.mark.calendrier

LIEN = "https://visio.paris.fr/conseil-18-mars"
FIN_DU_JOUR = fin_du_jour(jour_a_paris(DATE))


def planifiee(modalite: str = "hybride", lien: str = LIEN, **autres: Any) -> Any:
    return Seance.Planifiee(
        originator_id=SEANCE,
        originator_version=1,
        timestamp=MAINTENANT,
        originator_topic=Seance.TOPIC,
        arrondissement=18,
        date=DATE,
        lieu="Centre Barbara",
        ordre_du_jour="Budget participatif",
        par=ANIMATRICE,
        modalite=modalite,
        lien_visio=lien,
        **autres,
    )


def hybride(*evenements: Any, modalite: str = "hybride") -> Seance:
    seance: Seance = etant_donne(
        planifiee(modalite, "" if modalite == "presentiel" else LIEN), *evenements
    )
    return seance


def planifier(**maniere: Any) -> Seance:
    return Seance.planifier(
        18, DATE, "Centre Barbara", "Budget", ANIMATRICE, MAINTENANT, SEANCE, **maniere
    )


# --- modality, link and accessibility ------------------------------------------------------


def test_une_seance_hybride_garde_son_lien_et_son_accessibilite() -> None:
    seance = planifier(
        modalite="hybride",
        lien_visio=f"  {LIEN}  ",
        accessibilite=["garde_enfants", "plain_pied", "plain_pied"],
        accessibilite_autre="boucle magnétique à l'accueil",
    )

    (e,) = alors(seance, Seance.Planifiee)
    assert (e.modalite, e.lien_visio) == ("hybride", LIEN)
    assert e.accessibilite == ("plain_pied", "garde_enfants")  # the list's order, once
    assert e.accessibilite_autre == "boucle magnétique à l'accueil"
    assert seance.modalite == ModaliteSeance.HYBRIDE


def test_sans_precision_une_seance_est_en_presentiel_sans_lien_ni_mesure() -> None:
    seance = planifier()
    (e,) = alors(seance, Seance.Planifiee)
    assert (e.modalite, e.lien_visio, tuple(e.accessibilite), e.accessibilite_autre) == (
        "presentiel",
        "",
        (),
        "",
    )


def test_un_evenement_d_avant_les_seances_hybrides_se_relit_en_presentiel() -> None:
    ancien = Seance.Planifiee(
        originator_id=SEANCE,
        originator_version=1,
        timestamp=MAINTENANT,
        originator_topic=Seance.TOPIC,
        arrondissement=18,
        date=DATE,
        lieu="Centre Barbara",
        ordre_du_jour="Budget",
        par=ANIMATRICE,
    )
    seance: Seance = etant_donne(ancien)
    assert seance.modalite == ModaliteSeance.PRESENTIEL
    assert (seance.lien_visio, seance.accessibilite, seance.a_distance) == ("", (), set())


@pytest.mark.parametrize("modalite", ["en_ligne", "hybride"])
def test_le_lien_de_visioconference_est_obligatoire_en_ligne_ou_hybride(modalite: str) -> None:
    erreur = refuse(None, lambda: planifier(modalite=modalite), ChampInvalide, "obligatoire")
    assert isinstance(erreur, ChampInvalide) and erreur.champ == "lien_visio"


@pytest.mark.parametrize(
    ("lien", "motif"),
    [
        ("http://visio.paris.fr/x", "https://"),
        ("visio.paris.fr/conseil", "https://"),
        ("javascript:alert(1)", "https://"),
        ("https://", "pas une adresse"),
        ("https://localhost/x", "pas une adresse"),
        ("https://moi:secret@visio.paris.fr/x", "pas une adresse"),
        ("https://visio.paris.fr/a b", "espace"),
        ("https://visio.paris.fr/" + "a" * LIEN_VISIO_MAX, "trop long"),
        ("https://[::1/x", "https://"),
    ],
    ids=[
        "http",
        "sans-schema",
        "javascript",
        "sans-hote",
        "sans-point",
        "identifiants",
        "espace",
        "trop-long",
        "malforme",
    ],
)
def test_un_lien_qui_n_est_pas_une_adresse_https_est_refuse(lien: str, motif: str) -> None:
    erreur = refuse(
        None, lambda: planifier(modalite="en_ligne", lien_visio=lien), ChampInvalide, motif
    )
    assert isinstance(erreur, ChampInvalide) and erreur.champ == "lien_visio"


def test_en_presentiel_un_lien_laisse_dans_le_champ_est_ignore() -> None:
    seance = planifier(modalite="presentiel", lien_visio="pas un lien")
    (e,) = alors(seance, Seance.Planifiee)
    assert e.lien_visio == ""


def test_une_modalite_inconnue_ou_une_mesure_inconnue_est_refusee() -> None:
    erreur = refuse(None, lambda: planifier(modalite="par_courrier"), ChampInvalide, "présentiel")
    assert isinstance(erreur, ChampInvalide) and erreur.champ == "modalite"
    erreur = refuse(None, lambda: planifier(accessibilite=["ascenseur"]), ChampInvalide, "liste")
    assert isinstance(erreur, ChampInvalide) and erreur.champ == "accessibilite"
    erreur = refuse(
        None, lambda: planifier(accessibilite_autre="x" * 201), ChampInvalide, "trop long"
    )
    assert isinstance(erreur, ChampInvalide) and erreur.champ == "accessibilite_autre"


def test_une_seance_en_ligne_peut_laisser_son_lieu_vide() -> None:
    seance = Seance.planifier(
        18, DATE, "  ", "Budget", ANIMATRICE, MAINTENANT, modalite="en_ligne", lien_visio=LIEN
    )
    (e,) = alors(seance, Seance.Planifiee)
    assert e.lieu == LIEU_EN_LIGNE
    refuse(
        None,
        lambda: Seance.planifier(
            18, DATE, " ", "Budget", ANIMATRICE, MAINTENANT, modalite="hybride", lien_visio=LIEN
        ),
        ChampInvalide,
        "lieu.*obligatoire",
    )


def test_une_seance_enregistree_apres_coup_dit_aussi_comment_elle_s_est_tenue() -> None:
    hier = MAINTENANT - timedelta(days=1)
    seance = Seance.enregistrer_apres_coup(
        18,
        hier,
        "",
        "Budget",
        ANIMATRICE,
        MAINTENANT,
        MAINTENANT - timedelta(days=400),
        modalite="en_ligne",
        lien_visio=LIEN,
        accessibilite=["interpretation_lsf"],
    )
    (e,) = alors(seance, Seance.EnregistreeApresCoup)
    assert (e.modalite, e.lien_visio, tuple(e.accessibilite)) == (
        "en_ligne",
        LIEN,
        ("interpretation_lsf",),
    )


def test_reprogrammer_change_la_modalite_et_garde_le_reste_si_rien_n_est_dit() -> None:
    seance = hybride()
    seance.reprogrammer(
        DATE,
        "Centre Barbara",
        "Budget participatif",
        ANIMATRICE,
        MAINTENANT,
        accessibilite=["plain_pied"],
    )
    (e,) = alors(seance, Seance.Reprogrammee)
    assert (e.modalite, e.lien_visio, e.accessibilite) == ("hybride", LIEN, ("plain_pied",))

    seance.reprogrammer(
        DATE, "Centre Barbara", "Budget participatif", ANIMATRICE, MAINTENANT, modalite="presentiel"
    )
    (e,) = alors(seance, Seance.Reprogrammee)
    assert (e.modalite, e.lien_visio) == ("presentiel", "")
    assert seance.accessibilite == ("plain_pied",)

    seance.reprogrammer(DATE, "Centre Barbara", "Budget participatif", ANIMATRICE, MAINTENANT)
    aucun_evenement(seance)  # nothing changed


def test_l_accessibilite_se_dit_en_une_ligne_francaise() -> None:
    assert phrase_d_accessibilite(()) == ""
    assert phrase_d_accessibilite(["plain_pied", "garde_enfants"]) == (
        "Accès de plain-pied, garde d'enfants."
    )
    assert phrase_d_accessibilite(["interpretation_lsf"], "boucle magnétique") == (
        "Interprétation en langue des signes française (LSF). Boucle magnétique."
    )
    assert phrase_d_accessibilite([], "traduction en arabe !") == "Traduction en arabe !"
    assert (
        phrase_de_modalite("hybride", "Centre Barbara", LIEN)
        == f"Centre Barbara, et en ligne : {LIEN}"
    )
    assert phrase_de_modalite("presentiel", "Centre Barbara", "") == "Centre Barbara"


# --- remote presence -----------------------------------------------------------------------


def test_la_fenetre_a_distance_va_du_debut_a_la_fin_du_jour_a_paris() -> None:
    assert fenetre_a_distance(DATE) == (DATE, FIN_DU_JOUR)


def test_un_membre_se_declare_present_a_distance_pendant_la_seance() -> None:
    seance = hybride()
    assert seance.se_declarer_a_distance(adhesion(), PENDANT) is True
    (e,) = alors(seance, Seance.PresenceADistanceDeclaree)
    assert e.personne_id == MEMBRE
    assert seance.presents == {MEMBRE} and seance.a_distance == {MEMBRE}
    assert seance.se_declarer_a_distance(adhesion(), PENDANT) is False  # once is enough
    aucun_evenement(seance)


@pytest.mark.parametrize(
    ("quand", "motif"),
    [
        (DATE - timedelta(minutes=1), "pas encore commencé"),
        (FIN_DU_JOUR, "terminée"),
        (FIN_DU_JOUR + timedelta(days=3), "terminée"),
    ],
    ids=["avant", "minuit", "plus-tard"],
)
def test_la_presence_a_distance_se_declare_seulement_le_jour_de_la_seance(
    quand: datetime, motif: str
) -> None:
    seance = hybride()
    refuse(
        seance, lambda: seance.se_declarer_a_distance(adhesion(), quand), EtatIncompatible, motif
    )
    seance.se_declarer_a_distance(adhesion(), FIN_DU_JOUR - timedelta(microseconds=1))


def test_pas_de_presence_a_distance_en_presentiel_ni_apres_annulation() -> None:
    seance = hybride(modalite="presentiel")
    refuse(
        seance,
        lambda: seance.se_declarer_a_distance(adhesion(), PENDANT),
        EtatIncompatible,
        "présentiel",
    )
    annulee = hybride(
        Seance.Annulee(
            originator_id=SEANCE,
            originator_version=2,
            timestamp=MAINTENANT,
            motif="Salle indisponible",
            par=ANIMATRICE,
        )
    )
    refuse(
        annulee,
        lambda: annulee.se_declarer_a_distance(adhesion(), PENDANT),
        EtatIncompatible,
        "annulée",
    )


def test_seul_un_membre_de_ce_jour_la_se_declare_present_a_distance() -> None:
    seance = hybride()
    refuse(
        seance, lambda: seance.se_declarer_a_distance(None, PENDANT), EtatIncompatible, "pas membre"
    )
    refuse(
        seance,
        lambda: seance.se_declarer_a_distance(adhesion(arrondissement=19), PENDANT),
        EtatIncompatible,
        "pas membre",
    )
    refuse(
        seance,
        lambda: seance.se_declarer_a_distance(adhesion(membre=False), PENDANT),
        EtatIncompatible,
        "n'étiez pas membre",
    )


def test_present_dans_la_salle_on_ne_se_declare_pas_a_distance_et_l_inverse_ne_change_rien() -> (
    None
):
    seance = hybride()
    seance.marquer_present(adhesion(), ANIMATRICE, PENDANT)
    seance.collect_events()
    refuse(
        seance,
        lambda: seance.se_declarer_a_distance(adhesion(), PENDANT),
        EtatIncompatible,
        "dans la salle",
    )

    seance.se_declarer_a_distance(adhesion(personne=AUTRE_MEMBRE), PENDANT)
    seance.marquer_present(adhesion(personne=AUTRE_MEMBRE), ANIMATRICE, PENDANT)
    alors(seance, Seance.PresenceADistanceDeclaree)  # already present: still remote
    seance.retirer_presence(AUTRE_MEMBRE, ANIMATRICE, PENDANT)
    assert seance.a_distance == set() and seance.presents == {MEMBRE}


# --- votes in the room and remote ----------------------------------------------------------


def decider(seance: Seance, *salle: int, **reste: Any) -> Any:
    return seance.enregistrer_decision(
        reste.pop("texte", "Rénover le square"),
        *salle,
        RegleMajorite.SIMPLE,
        ANIMATRICE,
        PENDANT,
        **reste,
    )


def test_une_decision_hybride_additionne_la_salle_et_la_distance() -> None:
    seance = hybride()
    d = decider(seance, 3, 5, 0, pour_distance=4, contre_distance=0, abstention_distance=2)
    (e,) = alors(seance, Seance.DecisionEnregistree)
    assert (e.pour, e.contre, e.abstention) == (7, 5, 2)  # the totals, as before
    assert (e.pour_distance, e.contre_distance, e.abstention_distance) == (4, 0, 2)
    assert d.adoptee  # 7 for, 5 against: the rule applies to the totals (3 < 5 in the room)
    assert d.dans_la_salle == (3, 5, 0)


def test_une_seance_en_presentiel_n_a_pas_de_votes_a_distance() -> None:
    seance = hybride(modalite="presentiel")
    erreur = refuse(
        seance, lambda: decider(seance, 3, 1, 0, pour_distance=1), ChampInvalide, "présentiel"
    )
    assert isinstance(erreur, ChampInvalide) and erreur.champ == "pour_distance"


def test_une_seance_en_ligne_n_a_pas_de_votes_dans_la_salle() -> None:
    seance = hybride(modalite="en_ligne")
    refuse(seance, lambda: decider(seance, 3, 1, 0), ChampInvalide, "pas de salle")
    erreur = refuse(seance, lambda: decider(seance, 0, 0, 0), ChampInvalide, "au moins un vote")
    assert isinstance(erreur, ChampInvalide) and erreur.champ == "pour_distance"
    decider(seance, 0, 0, 0, pour_distance=6, contre_distance=1)
    (e,) = alors(seance, Seance.DecisionEnregistree)
    assert (e.pour, e.contre, e.pour_distance) == (6, 1, 6)


def test_des_votes_a_distance_negatifs_sont_refuses() -> None:
    seance = hybride()
    erreur = refuse(
        seance, lambda: decider(seance, 1, 0, 0, contre_distance=-1), ChampInvalide, "négatif"
    )
    assert isinstance(erreur, ChampInvalide) and erreur.champ == "contre_distance"


# --- online polls --------------------------------------------------------------------------


def presente(seance: Seance, *personnes: UUID) -> Seance:
    for p in personnes:
        seance.se_declarer_a_distance(adhesion(personne=p), PENDANT)
    seance.collect_events()
    return seance


def test_un_scrutin_en_ligne_compte_une_voix_par_membre_present() -> None:
    seance = presente(hybride(), MEMBRE, AUTRE_MEMBRE)
    numero = seance.ouvrir_scrutin("Rénover le square Léon", ANIMATRICE, PENDANT)
    seance.voter_en_ligne(numero, MEMBRE, "pour", PENDANT)
    seance.voter_en_ligne(numero, AUTRE_MEMBRE, "abstention", PENDANT)
    ouvert, vote, _ = alors(
        seance, Seance.ScrutinOuvert, Seance.VoteEnLigneExprime, Seance.VoteEnLigneExprime
    )
    assert (ouvert.numero, ouvert.texte) == (1, "Rénover le square Léon")
    assert (vote.personne_id, vote.choix) == (MEMBRE, "pour")
    assert not hasattr(vote, "par")  # the voter's pseudonymous id only

    refuse(
        seance,
        lambda: seance.voter_en_ligne(numero, MEMBRE, "contre", PENDANT),
        EtatIncompatible,
        "déjà voté.*un seul vote",
    )
    assert seance.clore_scrutin(numero, ANIMATRICE, PENDANT) == (1, 0, 1)
    (clos,) = alors(seance, Seance.ScrutinClos)
    assert (clos.pour, clos.contre, clos.abstention) == (1, 0, 1)


def test_seuls_les_membres_presents_votent_en_ligne() -> None:
    seance = presente(hybride(), MEMBRE)
    seance.ouvrir_scrutin("Texte", ANIMATRICE, PENDANT)
    seance.collect_events()
    refuse(
        seance,
        lambda: seance.voter_en_ligne(1, AUTRE_MEMBRE, "pour", PENDANT),
        EtatIncompatible,
        "présents",
    )
    seance.marquer_present(adhesion(personne=AUTRE_MEMBRE), ANIMATRICE, PENDANT)
    seance.voter_en_ligne(1, AUTRE_MEMBRE, "pour", PENDANT)  # in the room, with a phone
    alors(seance, Seance.PresenceEnregistree, Seance.VoteEnLigneExprime)


def test_un_choix_inconnu_un_scrutin_inconnu_ou_clos_sont_refuses() -> None:
    seance = presente(hybride(), MEMBRE)
    refuse(
        seance,
        lambda: seance.voter_en_ligne(1, MEMBRE, "pour", PENDANT),
        EtatIncompatible,
        "n'existe pas",
    )
    seance.ouvrir_scrutin("Texte", ANIMATRICE, PENDANT)
    seance.collect_events()
    erreur = refuse(
        seance,
        lambda: seance.voter_en_ligne(1, MEMBRE, "peut-être", PENDANT),
        ChampInvalide,
        "pour, contre",
    )
    assert isinstance(erreur, ChampInvalide) and erreur.champ == "choix"
    seance.clore_scrutin(1, ANIMATRICE, PENDANT)
    seance.collect_events()
    refuse(
        seance, lambda: seance.voter_en_ligne(1, MEMBRE, "pour", PENDANT), EtatIncompatible, "clos"
    )
    refuse(
        seance, lambda: seance.clore_scrutin(1, ANIMATRICE, PENDANT), EtatIncompatible, "déjà clos"
    )
    refuse(
        seance,
        lambda: seance.clore_scrutin(9, ANIMATRICE, PENDANT),
        EtatIncompatible,
        "n'existe pas",
    )


def test_un_scrutin_a_la_fois_pendant_une_seance_hybride_en_cours() -> None:
    seance = hybride()
    seance.ouvrir_scrutin("Premier", ANIMATRICE, PENDANT)
    seance.collect_events()
    refuse(
        seance,
        lambda: seance.ouvrir_scrutin("Second", ANIMATRICE, PENDANT),
        EtatIncompatible,
        "encore ouvert",
    )
    refuse(
        seance,
        lambda: seance.ouvrir_scrutin("", ANIMATRICE, FIN_DU_JOUR),
        EtatIncompatible,
        "terminée",
    )
    presentiel = hybride(modalite="presentiel")
    refuse(
        presentiel,
        lambda: presentiel.ouvrir_scrutin("Texte", ANIMATRICE, PENDANT),
        EtatIncompatible,
        "présentiel",
    )
    seance.clore_scrutin(1, ANIMATRICE, PENDANT)
    seance.collect_events()
    erreur = refuse(
        seance,
        lambda: seance.ouvrir_scrutin("  ", ANIMATRICE, PENDANT),
        ChampInvalide,
        "obligatoire",
    )
    assert isinstance(erreur, ChampInvalide) and erreur.champ == "texte"
    assert seance.ouvrir_scrutin("Second", ANIMATRICE, PENDANT) == 2


def test_on_ne_vote_plus_en_ligne_apres_la_fin_du_jour_mais_on_clot_le_scrutin() -> None:
    seance = presente(hybride(), MEMBRE)
    seance.ouvrir_scrutin("Texte", ANIMATRICE, PENDANT)
    seance.collect_events()
    refuse(
        seance,
        lambda: seance.voter_en_ligne(1, MEMBRE, "pour", FIN_DU_JOUR),
        EtatIncompatible,
        "terminée",
    )
    seance.clore_scrutin(1, ANIMATRICE, FIN_DU_JOUR + timedelta(days=2))
    alors(seance, Seance.ScrutinClos)


def test_un_scrutin_clos_donne_la_part_a_distance_d_une_decision_une_seule_fois() -> None:
    seance = presente(hybride(), MEMBRE, AUTRE_MEMBRE)
    seance.ouvrir_scrutin("Rénover le square Léon", ANIMATRICE, PENDANT)
    seance.voter_en_ligne(1, MEMBRE, "pour", PENDANT)
    seance.voter_en_ligne(1, AUTRE_MEMBRE, "contre", PENDANT)
    seance.collect_events()
    erreur = refuse(
        seance,
        lambda: decider(seance, 1, 0, 0, texte="", scrutin=1),
        ChampInvalide,
        "encore ouvert",
    )
    assert isinstance(erreur, ChampInvalide) and erreur.champ == "scrutin"
    seance.clore_scrutin(1, ANIMATRICE, PENDANT)
    seance.collect_events()
    refuse(
        seance,
        lambda: decider(seance, 1, 0, 0, scrutin=1, pour_distance=2),
        ChampInvalide,
        "laissez ces champs",
    )
    refuse(seance, lambda: decider(seance, 1, 0, 0, scrutin=7), ChampInvalide, "n'existe pas")

    d = decider(seance, 5, 1, 0, texte="", scrutin=1)
    (e,) = alors(seance, Seance.DecisionEnregistree)
    assert (e.texte, e.scrutin) == ("Rénover le square Léon", 1)  # the poll's text
    assert (e.pour, e.contre, e.abstention) == (6, 2, 0)
    assert (e.pour_distance, e.contre_distance) == (1, 1)
    assert d.adoptee and seance.scrutins[1].decision == 1
    refuse(
        seance,
        lambda: decider(seance, 1, 0, 0, scrutin=1),
        ChampInvalide,
        "déjà donné la décision n° 1",
    )


def test_une_seance_rejouee_retrouve_ses_scrutins_et_ses_presences_a_distance() -> None:
    seance = planifier(modalite="hybride", lien_visio=LIEN, accessibilite=["plain_pied"])
    seance.se_declarer_a_distance(adhesion(), PENDANT)
    seance.ouvrir_scrutin("Texte", ANIMATRICE, PENDANT)
    seance.voter_en_ligne(1, MEMBRE, "pour", PENDANT)
    seance.clore_scrutin(1, ANIMATRICE, PENDANT)
    decider(seance, 2, 0, 0, scrutin=1)
    rejouee: Seance = etant_donne(*historique(seance))
    assert rejouee.a_distance == {MEMBRE} and rejouee.presents == {MEMBRE}
    assert rejouee.accessibilite == ("plain_pied",)
    assert rejouee.scrutins == seance.scrutins
    assert rejouee.decisions == seance.decisions
    assert rejouee.decisions[0].dans_la_salle == (2, 0, 0)
