"""Budget participatif proposals: filing, supports, comments, backing, and the lifecycle."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest

from domaine.budget import ETAPES as ETAPES_DU_CYCLE
from domaine.budget import (
    FINAUX,
    SOUTIENS_OUVERTS,
    TRANSITIONS,
    VOIX_MAX,
    DecisionDuConseil,
    Depot,
    PropositionBP,
    decision_du_conseil,
    message_transition,
    suivants,
)
from domaine.erreurs import ChampInvalide, DonneeInvalide, EtatIncompatible, Introuvable
from domaine.seances import Seance
from domaine.vocabulaire import RegleMajorite, StatutProposition
from tests.unit.scenario import (
    MAINTENANT,
    alors,
    aucun_evenement,
    etant_donne,
    historique,
    plus_tard,
    refuse,
)

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)

S = StatutProposition
PROPOSITION = UUID("00000000-0000-4000-8000-0000000000d1")
AUTRE = UUID("00000000-0000-4000-8000-0000000000d2")
AUTRICE = UUID("00000000-0000-4000-8000-0000000000b1")
SOUTIEN = UUID("00000000-0000-4000-8000-0000000000c1")
AGENT = UUID("00000000-0000-4000-8000-0000000000e1")
ANIMATRICE = UUID("00000000-0000-4000-8000-0000000000f1")
TROISIEME = UUID("00000000-0000-4000-8000-0000000000d3")
SEANCE = UUID("00000000-0000-4000-8000-0000000000a1")
ENVELOPPE = 3_000_000
QPV_18 = "QPV-18-GOUTTE-D-OR"
ENSUITE = plus_tard(days=30)


def deposer(
    proposition_id: UUID = PROPOSITION, arrondissement: int = 18, **champs: Any
) -> PropositionBP:
    valeurs: dict[str, Any] = {
        "titre": "Un jardin partagé rue Léon",
        "description": "Transformer la friche en jardin partagé ouvert aux écoles.",
        "quartier": QPV_18,
        "adresse": "12 rue Léon",
        "theme": "environnement",
        "cout_estime": 80_000,
        "image": "",
        **champs,
    }
    return PropositionBP.deposer(
        arrondissement,
        Depot(**valeurs),
        enveloppe=ENVELOPPE,
        par=AUTRICE,
        le=MAINTENANT,
        proposition_id=proposition_id,
    )


def deposee(**champs: Any) -> PropositionBP:
    """A filed proposal, replayed from its events: nothing pending."""
    return etant_donne(*historique(deposer(**champs)))


def avancer(p: PropositionBP, statut: S, **details: Any) -> None:
    """The Ville moves `p` to `statut` (by its agent, a month after the filing)."""
    p.faire_avancer(statut, AGENT, ENSUITE, ENVELOPPE, **details)


# One step per target status, with valid details.
ETAPES: dict[S, Callable[[PropositionBP], None]] = {
    S.RECEVABLE: lambda p: avancer(p, S.RECEVABLE),
    S.IRRECEVABLE: lambda p: avancer(p, S.IRRECEVABLE, motif="Hors compétence de la Ville"),
    S.ETUDIEE: lambda p: avancer(p, S.ETUDIEE, cout_reestime=95_000),
    S.SOUMISE_AU_VOTE: lambda p: avancer(p, S.SOUMISE_AU_VOTE),
    S.LAUREATE: lambda p: avancer(p, S.LAUREATE, voix=1_234),
    S.NON_RETENUE: lambda p: avancer(p, S.NON_RETENUE, voix=321),
    S.EN_REALISATION: lambda p: avancer(p, S.EN_REALISATION),
    S.REALISEE: lambda p: avancer(p, S.REALISEE, realisee_le=ENSUITE.date()),
    S.ABANDONNEE: lambda p: avancer(p, S.ABANDONNEE, motif="Terrain finalement indisponible"),
    S.FUSIONNEE: lambda p: avancer(p, S.FUSIONNEE, cible_id=deposee(proposition_id=TROISIEME)),
}
EVENEMENTS: dict[S, type] = {
    S.RECEVABLE: PropositionBP.DeclareeRecevable,
    S.IRRECEVABLE: PropositionBP.DeclareeIrrecevable,
    S.ETUDIEE: PropositionBP.Etudiee,
    S.SOUMISE_AU_VOTE: PropositionBP.SoumiseAuVote,
    S.LAUREATE: PropositionBP.DeclareeLaureate,
    S.NON_RETENUE: PropositionBP.NonRetenue,
    S.EN_REALISATION: PropositionBP.RealisationLancee,
    S.REALISEE: PropositionBP.Realisee,
    S.ABANDONNEE: PropositionBP.Abandonnee,
    S.FUSIONNEE: PropositionBP.Fusionnee,
}
CHEMINS: dict[S, list[S]] = {
    S.DEPOSEE: [],
    S.RECEVABLE: [S.RECEVABLE],
    S.IRRECEVABLE: [S.IRRECEVABLE],
    S.ETUDIEE: [S.RECEVABLE, S.ETUDIEE],
    S.SOUMISE_AU_VOTE: [S.RECEVABLE, S.ETUDIEE, S.SOUMISE_AU_VOTE],
    S.LAUREATE: [S.RECEVABLE, S.ETUDIEE, S.SOUMISE_AU_VOTE, S.LAUREATE],
    S.NON_RETENUE: [S.RECEVABLE, S.ETUDIEE, S.SOUMISE_AU_VOTE, S.NON_RETENUE],
    S.EN_REALISATION: [S.RECEVABLE, S.ETUDIEE, S.SOUMISE_AU_VOTE, S.LAUREATE, S.EN_REALISATION],
    S.REALISEE: [
        S.RECEVABLE,
        S.ETUDIEE,
        S.SOUMISE_AU_VOTE,
        S.LAUREATE,
        S.EN_REALISATION,
        S.REALISEE,
    ],
    S.ABANDONNEE: [S.RECEVABLE, S.ABANDONNEE],
    S.FUSIONNEE: [S.FUSIONNEE],
}


def au_statut(statut: S, **champs: Any) -> PropositionBP:
    """A proposal that reached `statut` by the legal path, replayed from its events."""
    proposition = deposer(**champs)
    for etape in CHEMINS[statut]:
        ETAPES[etape](proposition)
    rejouee: PropositionBP = etant_donne(*historique(proposition))
    assert rejouee.statut == statut
    return rejouee


LEGALES = [(de, vers) for de in S for vers in S if vers in TRANSITIONS[de]]
# No command brings a proposal back to déposée: that status is only ever a starting point.
ILLEGALES = [
    (de, vers) for de in S for vers in S if vers not in TRANSITIONS[de] and vers != S.DEPOSEE
]


def test_chaque_statut_a_un_chemin_et_chaque_etape_une_commande() -> None:
    assert set(CHEMINS) == set(S)
    assert set(ETAPES) == set(S) - {S.DEPOSEE}
    assert {S.IRRECEVABLE, S.NON_RETENUE, S.REALISEE, S.ABANDONNEE, S.FUSIONNEE} == FINAUX


# --- filing ----------------------------------------------------------------------------------


def test_une_participante_depose_une_proposition_sans_donnee_personnelle() -> None:
    proposition = deposer()

    (evenement,) = alors(proposition, PropositionBP.Deposee)
    assert evenement.par == AUTRICE
    assert evenement.role == "participant"
    assert (evenement.seance_id, evenement.decision) == (None, None)
    assert evenement.timestamp == MAINTENANT
    assert (proposition.statut, proposition.cout, proposition.portee) == (S.DEPOSEE, 80_000, None)
    assert proposition.quartier == QPV_18 and proposition.theme == "environnement"


def test_le_conseil_depose_une_proposition_apres_une_decision_adoptee() -> None:
    decision = DecisionDuConseil(SEANCE, 2)
    proposition = PropositionBP.deposer(
        18,
        Depot(
            "Fresque participative",
            "Une fresque sur le mur de l'école.",
            "hors_qpv",
            "",
            "culture",
            15_000,
            "https://exemple.fr/fresque.png",
        ),
        ENVELOPPE,
        ANIMATRICE,
        MAINTENANT,
        PROPOSITION,
        au_nom_du_conseil=decision,
    )

    (evenement,) = alors(proposition, PropositionBP.Deposee)
    assert (evenement.seance_id, evenement.decision, evenement.role) == (SEANCE, 2, "animateur")
    assert proposition.portee == decision
    assert proposition.image == "https://exemple.fr/fresque.png"


@pytest.mark.parametrize(
    ("champs", "champ", "motif"),
    [
        ({"titre": "   "}, "titre", "« titre » est obligatoire"),
        ({"titre": "x" * 201}, "titre", "trop long"),
        ({"description": ""}, "description", "« description » est obligatoire"),
        ({"description": "x" * 5_001}, "description", "trop long"),
        ({"adresse": "x" * 201}, "adresse", "trop long"),
        ({"quartier": ""}, "quartier", "Choisissez le quartier"),
        ({"quartier": "QPV-INCONNU"}, "quartier", "n'est pas un quartier prioritaire du 18e"),
        ({"quartier": "QPV-19-ALGERIE"}, "quartier", "n'est pas un quartier prioritaire du 18e"),
        ({"theme": "politique"}, "theme", "Choisissez un thème"),
        ({"cout_estime": 0}, "cout", "au moins 1 €"),
        ({"cout_estime": -500}, "cout", "au moins 1 €"),
        ({"cout_estime": ENVELOPPE + 1}, "cout", "dépasse l'enveloppe annuelle"),
        ({"cout_estime": 10**12}, "cout", "dépasse l'enveloppe annuelle"),
        ({"cout_estime": True}, "cout", "nombre entier"),
        ({"image": "javascript:alert(1)"}, "image", "https://"),
        ({"image": "ftp://exemple.fr/a.png"}, "image", "https://"),
        ({"image": "https://exemple.fr/une image.png"}, "image", "sans espace"),
        ({"image": "https://"}, "image", "https://"),
        ({"image": "https://moi:secret@exemple.fr/a.png"}, "image", "https://"),
        ({"image": "https://exemple.fr/" + "a" * 500}, "image", "trop long"),
    ],
)
def test_une_saisie_invalide_nomme_le_champ_et_ne_cree_rien(
    champs: dict[str, Any], champ: str, motif: str
) -> None:
    erreur = refuse(None, lambda: deposer(**champs), ChampInvalide, motif)
    assert isinstance(erreur, ChampInvalide) and erreur.champ == champ


def test_hors_quartier_prioritaire_et_lien_http_sont_acceptes() -> None:
    proposition = deposer(quartier="hors_qpv", image="http://exemple.fr/a.png", adresse="")
    assert (proposition.quartier, proposition.adresse) == ("hors_qpv", "")


def test_le_cout_peut_atteindre_l_enveloppe_exactement() -> None:
    assert deposer(cout_estime=ENVELOPPE).cout == ENVELOPPE


def test_il_n_y_a_pas_de_budget_participatif_hors_des_arrondissements_concernes() -> None:
    refuse(None, lambda: deposer(arrondissement=5), DonneeInvalide, "pas de conseil citoyen")


# --- the council's decision -----------------------------------------------------------------


def seance_avec_decisions(arrondissement: int = 18) -> Seance:
    seance = Seance.planifier(
        arrondissement,
        plus_tard(days=1),
        "Centre Barbara",
        "Budget",
        ANIMATRICE,
        MAINTENANT,
        SEANCE,
    )
    pendant = plus_tard(days=1, hours=1)
    seance.enregistrer_decision(
        "Porter le jardin", 10, 2, 0, RegleMajorite.SIMPLE, ANIMATRICE, pendant
    )
    seance.enregistrer_decision(
        "Porter la fresque", 1, 9, 0, RegleMajorite.SIMPLE, ANIMATRICE, pendant
    )
    return seance


def test_seule_une_decision_adoptee_d_une_seance_du_conseil_engage_le_conseil() -> None:
    seance = seance_avec_decisions()

    assert decision_du_conseil(seance, 18, 1) == DecisionDuConseil(SEANCE, 1)
    refuse(None, lambda: decision_du_conseil(seance, 18, 2), ChampInvalide, "pas été adoptée")
    refuse(None, lambda: decision_du_conseil(seance, 18, 3), ChampInvalide, "pas de décision n° 3")
    refuse(None, lambda: decision_du_conseil(seance, 19, 1), ChampInvalide, "pas une séance de ce")


def test_le_conseil_porte_une_proposition_une_seule_fois() -> None:
    proposition = deposee()
    proposition.porter(DecisionDuConseil(SEANCE, 1), ANIMATRICE, ENSUITE)

    (evenement,) = alors(proposition, PropositionBP.PorteeParLeConseil)
    assert (evenement.seance_id, evenement.decision, evenement.role) == (SEANCE, 1, "animateur")
    refuse(
        proposition,
        lambda: proposition.porter(DecisionDuConseil(SEANCE, 3), ANIMATRICE, ENSUITE),
        EtatIncompatible,
        "déjà portée",
    )


@pytest.mark.parametrize("statut", sorted(FINAUX))
def test_une_proposition_close_ne_peut_plus_etre_portee(statut: S) -> None:
    proposition = au_statut(statut)
    refuse(
        proposition,
        lambda: proposition.porter(DecisionDuConseil(SEANCE, 1), ANIMATRICE, ENSUITE),
        EtatIncompatible,
        "ne peut plus la porter",
    )


# --- supports --------------------------------------------------------------------------------


def test_soutenir_deux_fois_ne_compte_qu_un_soutien_et_n_enregistre_rien_de_plus() -> None:
    proposition = deposee()
    proposition.soutenir(SOUTIEN, ENSUITE)
    alors(proposition, PropositionBP.Soutenue)

    proposition.soutenir(SOUTIEN, ENSUITE)

    aucun_evenement(proposition)
    assert proposition.soutiens == {SOUTIEN}


def test_un_soutien_se_retire_et_retirer_sans_soutenir_ne_fait_rien() -> None:
    proposition = deposee()
    proposition.retirer_soutien(SOUTIEN, ENSUITE)
    aucun_evenement(proposition)

    proposition.soutenir(SOUTIEN, ENSUITE)
    proposition.retirer_soutien(SOUTIEN, ENSUITE)

    alors(proposition, PropositionBP.Soutenue, PropositionBP.SoutienRetire)
    assert proposition.soutiens == set()


def test_les_soutiens_ne_changent_pas_la_version_des_formulaires_de_statut() -> None:
    proposition = deposee()
    proposition.soutenir(SOUTIEN, ENSUITE)
    assert proposition.version_statut == 1
    avancer(proposition, S.RECEVABLE)
    assert proposition.version_statut == proposition.version == 3


@pytest.mark.parametrize("statut", sorted(set(S) - SOUTIENS_OUVERTS))
def test_les_soutiens_sont_clos_a_partir_du_vote(statut: S) -> None:
    proposition = au_statut(statut)
    refuse(
        proposition,
        lambda: proposition.soutenir(SOUTIEN, ENSUITE),
        EtatIncompatible,
        "les soutiens sont clos",
    )
    refuse(
        proposition,
        lambda: proposition.retirer_soutien(SOUTIEN, ENSUITE),
        EtatIncompatible,
        "les soutiens sont clos",
    )


# --- comments and moderation -----------------------------------------------------------------


def test_un_commentaire_masque_reste_dans_le_journal_avec_son_motif() -> None:
    proposition = deposee()
    assert proposition.commenter(SOUTIEN, "  Très bonne idée !  ", ENSUITE) == 1
    (commentaire,) = alors(proposition, PropositionBP.Commentee)
    assert (commentaire.numero, commentaire.auteur, commentaire.texte) == (
        1,
        SOUTIEN,
        "Très bonne idée !",
    )

    proposition.masquer_commentaire(1, "Propos injurieux", ANIMATRICE, ENSUITE)

    (masquage,) = alors(proposition, PropositionBP.CommentaireMasque)
    assert (masquage.numero, masquage.motif, masquage.par) == (1, "Propos injurieux", ANIMATRICE)
    (garde,) = proposition.commentaires
    assert garde.masque and garde.texte == "Très bonne idée !"


def test_masquer_exige_un_motif_un_commentaire_existant_et_pas_deja_masque() -> None:
    proposition = deposee()
    proposition.commenter(SOUTIEN, "Hors sujet", ENSUITE)
    alors(proposition, PropositionBP.Commentee)

    erreur = refuse(
        proposition,
        lambda: proposition.masquer_commentaire(1, "  ", ANIMATRICE, ENSUITE),
        ChampInvalide,
        "motif du masquage",
    )
    assert isinstance(erreur, ChampInvalide) and erreur.champ == "motif"
    refuse(
        proposition,
        lambda: proposition.masquer_commentaire(2, "Spam", ANIMATRICE, ENSUITE),
        Introuvable,
        "n'existe pas",
    )
    proposition.masquer_commentaire(1, "Spam", ANIMATRICE, ENSUITE)
    alors(proposition, PropositionBP.CommentaireMasque)
    refuse(
        proposition,
        lambda: proposition.masquer_commentaire(1, "Spam", ANIMATRICE, ENSUITE),
        EtatIncompatible,
        "déjà masqué",
    )


@pytest.mark.parametrize(("contenu", "motif"), [("   ", "obligatoire"), ("x" * 2_001, "trop long")])
def test_un_commentaire_vide_ou_trop_long_est_refuse(contenu: str, motif: str) -> None:
    proposition = deposee()
    refuse(
        proposition,
        lambda: proposition.commenter(SOUTIEN, contenu, ENSUITE),
        ChampInvalide,
        motif,
    )


@pytest.mark.parametrize("statut", sorted(FINAUX))
def test_une_proposition_close_ne_recoit_plus_de_commentaire(statut: S) -> None:
    proposition = au_statut(statut)
    refuse(
        proposition,
        lambda: proposition.commenter(SOUTIEN, "Et maintenant ?", ENSUITE),
        EtatIncompatible,
        "commentaires sont clos",
    )


# --- lifecycle -------------------------------------------------------------------------------


@pytest.mark.parametrize(("de", "vers"), LEGALES, ids=[f"{a}->{b}" for a, b in LEGALES])
def test_chaque_transition_legale_enregistre_son_etape(de: S, vers: S) -> None:
    proposition = au_statut(de)

    ETAPES[vers](proposition)

    (evenement,) = alors(proposition, EVENEMENTS[vers])
    assert (evenement.par, evenement.role, evenement.timestamp) == (AGENT, "agent_ville", ENSUITE)
    assert proposition.statut == vers
    assert proposition.version_statut == proposition.version


@pytest.mark.parametrize(("de", "vers"), ILLEGALES, ids=[f"{a}->{b}" for a, b in ILLEGALES])
def test_chaque_transition_illegale_est_refusee_en_nommant_les_deux_statuts(de: S, vers: S) -> None:
    proposition = au_statut(de)

    erreur = refuse(proposition, lambda: ETAPES[vers](proposition), EtatIncompatible, "ne peut pas")

    assert f"« {de.libelle.lower()} »" in erreur.message
    assert f"« {vers.libelle.lower()} »" in erreur.message
    assert proposition.statut == de


def test_le_message_d_une_transition_illegale_donne_les_statuts_possibles() -> None:
    assert message_transition(S.DEPOSEE, S.LAUREATE) == (
        "Cette proposition est « déposée » : elle ne peut pas passer au statut « lauréate ». "
        "Statuts possibles : recevable, irrecevable, fusionnée."
    )
    assert message_transition(S.REALISEE, S.ABANDONNEE).endswith("C'est un statut final.")
    assert suivants(S.SOUMISE_AU_VOTE) == [S.LAUREATE, S.NON_RETENUE, S.ABANDONNEE]


def test_l_etude_enregistre_le_cout_reestime_qui_devient_le_cout_affiche() -> None:
    proposition = au_statut(S.RECEVABLE)
    avancer(proposition, S.ETUDIEE, cout_reestime=120_000)
    (evenement,) = alors(proposition, PropositionBP.Etudiee)
    assert evenement.cout_reestime == 120_000
    assert (proposition.cout_estime, proposition.cout) == (80_000, 120_000)


@pytest.mark.parametrize(("cout", "motif"), [(0, "au moins 1 €"), (ENVELOPPE + 1, "enveloppe")])
def test_l_etude_exige_un_cout_reestime_plausible(cout: int, motif: str) -> None:
    proposition = au_statut(S.RECEVABLE)
    refuse(
        proposition,
        lambda: avancer(proposition, S.ETUDIEE, cout_reestime=cout),
        ChampInvalide,
        motif,
    )


@pytest.mark.parametrize(("voix", "motif"), [(-1, "positif ou nul"), (VOIX_MAX + 1, "trop grand")])
def test_le_resultat_du_vote_exige_un_nombre_de_voix_plausible(voix: int, motif: str) -> None:
    proposition = au_statut(S.SOUMISE_AU_VOTE)
    for statut in (S.LAUREATE, S.NON_RETENUE):
        refuse(
            proposition,
            lambda statut=statut: avancer(proposition, statut, voix=voix),
            ChampInvalide,
            motif,
        )


def test_le_vote_enregistre_les_voix() -> None:
    proposition = au_statut(S.SOUMISE_AU_VOTE)
    avancer(proposition, S.NON_RETENUE, voix=0)
    (evenement,) = alors(proposition, PropositionBP.NonRetenue)
    assert evenement.voix == 0 and proposition.voix == 0


def test_l_irrecevabilite_exige_un_motif() -> None:
    proposition = au_statut(S.DEPOSEE)
    refuse(
        proposition,
        lambda: avancer(proposition, S.IRRECEVABLE, motif="  "),
        ChampInvalide,
        "motif d'irrecevabilité",
    )


@pytest.mark.parametrize("statut", [S.RECEVABLE, S.ETUDIEE, S.SOUMISE_AU_VOTE, S.LAUREATE])
def test_l_abandon_exige_un_motif(statut: S) -> None:
    proposition = au_statut(statut)
    refuse(
        proposition,
        lambda: avancer(proposition, S.ABANDONNEE, motif=""),
        ChampInvalide,
        "motif de l'abandon",
    )


def test_la_date_de_realisation_n_est_ni_future_ni_anterieure_au_depot() -> None:
    proposition = au_statut(S.EN_REALISATION)
    demain = (ENSUITE + timedelta(days=1)).date()
    veille_du_depot = (MAINTENANT - timedelta(days=1)).date()

    for jour, motif in [(demain, "dans le futur"), (veille_du_depot, "précéder le dépôt")]:
        erreur = refuse(
            proposition,
            lambda jour=jour: avancer(proposition, S.REALISEE, realisee_le=jour),
            ChampInvalide,
            motif,
        )
        assert isinstance(erreur, ChampInvalide) and erreur.champ == "date"

    avancer(proposition, S.REALISEE, realisee_le=MAINTENANT.date())
    (evenement,) = alors(proposition, PropositionBP.Realisee)
    assert evenement.realisee_le == MAINTENANT.date()


# --- merging ---------------------------------------------------------------------------------


def test_une_proposition_fusionnee_garde_son_historique_et_pointe_vers_la_cible() -> None:
    proposition = au_statut(S.ETUDIEE)
    cible = deposee(proposition_id=AUTRE)

    avancer(proposition, S.FUSIONNEE, cible_id=cible)

    (evenement,) = alors(proposition, PropositionBP.Fusionnee)
    assert evenement.cible_id == AUTRE
    assert (proposition.statut, proposition.fusionnee_dans) == (S.FUSIONNEE, AUTRE)
    assert proposition.cout == 95_000  # its history stays: the study's estimate is kept
    aucun_evenement(cible)


@pytest.mark.parametrize(
    ("cible", "motif"),
    [
        (lambda: deposee(), "avec elle-même"),
        (lambda: deposee(proposition_id=AUTRE, arrondissement=19, quartier="hors_qpv"), "même"),
        (lambda: au_statut(S.FUSIONNEE, proposition_id=AUTRE), "elle-même été fusionnée"),
        (lambda: au_statut(S.IRRECEVABLE, proposition_id=AUTRE), "« irrecevable »"),
        (lambda: au_statut(S.REALISEE, proposition_id=AUTRE), "« réalisée »"),
    ],
    ids=["elle-meme", "autre-arrondissement", "cible-fusionnee", "cible-irrecevable", "finale"],
)
def test_une_fusion_exige_une_autre_proposition_ouverte_du_meme_arrondissement(
    cible: Callable[[], PropositionBP], motif: str
) -> None:
    proposition = deposee()
    erreur = refuse(
        proposition,
        lambda: avancer(proposition, S.FUSIONNEE, cible_id=cible()),
        ChampInvalide,
        motif,
    )
    assert isinstance(erreur, ChampInvalide) and erreur.champ == "cible"


def test_chaque_etape_du_cycle_a_son_evenement_et_ses_details_dans_la_table() -> None:
    assert {statut: etape.evenement for statut, etape in ETAPES_DU_CYCLE.items()} == EVENEMENTS
    proposition = deposee()
    with pytest.raises(TypeError, match="motif"):  # a step without its details is a bug
        avancer(proposition, S.IRRECEVABLE)
    refuse(
        proposition,
        lambda: avancer(proposition, S.DEPOSEE),
        EtatIncompatible,
        "ne peut pas passer au statut « déposée »",
    )


def test_l_evenement_d_une_etape_nomme_l_agent_et_le_role_de_la_ville() -> None:
    proposition = au_statut(S.ETUDIEE)
    avancer(proposition, S.SOUMISE_AU_VOTE)
    (evenement,) = alors(proposition, PropositionBP.SoumiseAuVote)
    assert (evenement.par, evenement.role, evenement.timestamp) == (AGENT, "agent_ville", ENSUITE)
