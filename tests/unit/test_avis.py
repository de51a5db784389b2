"""Avis: every legal step of the lifecycle, every illegal one refused with nothing recorded."""

from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest

from domaine.assemblee import Adhesion, profil
from domaine.avis import (
    Avis,
    ajouter_mois,
    exiger_agent_etat,
    exiger_agent_saisissant,
    exiger_cosignataire,
    exiger_membre,
    exiger_membre_ou_animateur,
    exiger_peut_clore,
    exiger_peut_cosigner,
    exiger_peut_reecrire,
    exiger_peut_retirer,
    exiger_repondant,
    peut_reecrire,
    peut_retirer,
)
from domaine.comptes import Acteur
from domaine.erreurs import ActionInterdite, ChampInvalide, DonneeInvalide, EtatIncompatible
from domaine.seances import Decision
from domaine.vocabulaire import Destinataire, RegleMajorite, Role, StatutAvis
from tests.unit.scenario import MAINTENANT, alors, plus_tard, refuse

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)

ARR = 18
SEANCE = UUID("00000000-0000-4000-8000-0000000000a1")
MEMBRE = Acteur(UUID("00000000-0000-4000-8000-0000000000c1"))
AUTRE_MEMBRE = Acteur(UUID("00000000-0000-4000-8000-0000000000c2"))
ETRANGER = Acteur(UUID("00000000-0000-4000-8000-0000000000c3"))
ANIMATRICE = Acteur(
    UUID("00000000-0000-4000-8000-0000000000b1"), frozenset({(Role.ANIMATEUR, ARR)})
)
ANIMATEUR_AILLEURS = Acteur(
    UUID("00000000-0000-4000-8000-0000000000b2"), frozenset({(Role.ANIMATEUR, 19)})
)
AGENT_VILLE = Acteur(
    UUID("00000000-0000-4000-8000-0000000000d1"), frozenset({(Role.AGENT_VILLE, None)})
)
AGENT_ETAT = Acteur(
    UUID("00000000-0000-4000-8000-0000000000d2"), frozenset({(Role.AGENT_ETAT, None)})
)
ADOPTEE = Decision(1, "Adopter l'avis", 12, 3, 1, RegleMajorite.SIMPLE, True)
REJETEE = Decision(2, "Adopter l'avis", 3, 12, 1, RegleMajorite.SIMPLE, False)
M, AM, ANIM = MEMBRE.compte_id, AUTRE_MEMBRE.compte_id, ANIMATRICE.compte_id
V, E = AGENT_VILLE.compte_id, AGENT_ETAT.compte_id


def adhesion(qui: Acteur = MEMBRE, arrondissement: int = ARR) -> Adhesion:
    p = profil(arrondissement, "habitant", "femme", "25_39", "hors_qpv", MAINTENANT.date())
    a = Adhesion.rejoindre_une_premiere_fois(arrondissement, qui.compte_id, p, True, MAINTENANT)
    a.collect_events()
    return a


def brouillon(destinataire: str = "ville", origine: str = "auto_saisine") -> Avis:
    avis = Avis.rediger(
        MEMBRE.compte_id,
        ARR,
        origine,
        "Éclairage de la rue Myrha",
        "Le conseil demande un meilleur éclairage.",
        destinataire,
        "Paris Habitat" if destinataire in ("bailleur_social", "autre") else "",
        "Sécurité",
        "axe_2",
        MAINTENANT,
    )
    avis.collect_events()
    return avis


def adopte(**options: Any) -> Avis:
    avis = brouillon(**options)
    avis.soumettre_au_vote(ANIMATRICE.compte_id, SEANCE, ARR, ADOPTEE, plus_tard(days=1))
    avis.collect_events()
    return avis


def transmis(**options: Any) -> Avis:
    avis = adopte(**options)
    avis.transmettre(ANIMATRICE.compte_id, 2, plus_tard(days=2))
    avis.collect_events()
    return avis


def repondu() -> Avis:
    avis = transmis()
    avis.repondre(V, Role.AGENT_VILLE, "Les travaux sont programmés.", [], plus_tard(days=20))
    avis.collect_events()
    return avis


def saisine() -> Avis:
    avis = Avis.saisir(
        AGENT_ETAT.compte_id,
        Destinataire.ETAT,
        ARR,
        "Renouvellement urbain de la Goutte d'Or",
        "Quel est l'avis du conseil sur le projet ?",
        MAINTENANT.date(),
        MAINTENANT.date() + timedelta(days=30),
        "Urbanisme",
        "axe_2",
        MAINTENANT,
    )
    avis.collect_events()
    return avis


# --- drafting ----------------------------------------------------------------------------


def test_un_membre_redige_un_avis_d_auto_saisine_qui_devient_la_version_1() -> None:
    avis = Avis.rediger(M, ARR, "auto_saisine", "Titre", "Texte", "ville", "", "", "", MAINTENANT)
    alors(avis, Avis.Redige, Avis.Amende)
    assert avis.statut == StatutAvis.BROUILLON
    assert avis.auteurs == [MEMBRE.compte_id]
    assert [v.numero for v in avis.versions] == [1]


@pytest.mark.parametrize(
    ("qui", "adh", "motif"),
    [
        (None, None, "Connectez-vous"),
        (ETRANGER, None, "Rejoignez l'assemblée"),
        (MEMBRE, "autre_conseil", "Rejoignez l'assemblée"),
    ],
)
def test_seul_un_membre_de_l_assemblee_redige(qui: Any, adh: Any, motif: str) -> None:
    adhesion_ = adhesion(arrondissement=19) if adh == "autre_conseil" else None
    with pytest.raises((ActionInterdite,), match=motif):
        exiger_membre(qui, adhesion_, ARR)
    assert exiger_membre(MEMBRE, adhesion(), ARR) == MEMBRE


@pytest.mark.parametrize(
    ("champs", "champ", "motif"),
    [
        ({"titre": "  "}, "titre", "titre"),
        ({"contenu": ""}, "texte", "texte de l'avis"),
        ({"titre": "x" * 201}, "titre", "trop long"),
        ({"sujet": "x" * 201}, "sujet", "trop long"),
        ({"destinataire": "papa"}, "destinataire", "Destinataire inconnu"),
        ({"destinataire": "bailleur_social"}, "institution", "nom de l'institution"),
        ({"axe": "axe_9"}, "axe", "Axe du contrat"),
        ({"origine": "saisine"}, "origine", "Une saisine est enregistrée par l'institution"),
        ({"origine": "caprice"}, "origine", "Origine d'avis inconnue"),
    ],
)
def test_un_projet_invalide_est_refuse_en_nommant_son_champ(
    champs: dict[str, str], champ: str, motif: str
) -> None:
    valeurs = {
        "origine": "auto_saisine",
        "titre": "Titre",
        "contenu": "Texte",
        "destinataire": "ville",
        "institution": "",
        "sujet": "",
        "axe": "",
        **champs,
    }
    with pytest.raises(ChampInvalide, match=motif) as erreur:
        Avis.rediger(M, ARR, le=MAINTENANT, **valeurs)  # type: ignore[arg-type]
    assert erreur.value.champ == champ  # the service's argument, and the form's field


JOUR = MAINTENANT.date()
VILLE = Destinataire.VILLE
CHAMPS_DES_COMMANDES: list[tuple[str, Any, str]] = [
    ("amender", lambda: brouillon().amender(M, "", "X", MAINTENANT), "titre"),
    ("amender", lambda: brouillon().amender(M, "T", " ", MAINTENANT), "texte"),
    ("retirer", lambda: brouillon().retirer(M, "", MAINTENANT), "motif"),
    ("repondre", lambda: transmis().repondre(V, Role.AGENT_VILLE, "", [], MAINTENANT), "texte"),
    (
        "repondre",
        lambda: transmis().repondre(V, Role.AGENT_VILLE, "Oui", ["ftp://x"], MAINTENANT),
        "liens",
    ),
    ("clore", lambda: repondu().clore(ANIM, Role.ANIMATEUR, "x" * 20_001, MAINTENANT), "motif"),
    (
        "informer_partenaires",
        lambda: transmis(origine="interpellation").informer_partenaires(E, "", plus_tard(days=3)),
        "texte",
    ),
    (
        "soumettre_au_vote",
        lambda: brouillon().soumettre_au_vote(ANIM, SEANCE, 19, ADOPTEE, MAINTENANT),
        "decision",
    ),
    (
        "soumettre_au_vote",
        lambda: brouillon().soumettre_au_vote(ANIM, SEANCE, ARR, None, MAINTENANT),
        "decision",
    ),
    (
        "saisir",
        lambda: Avis.saisir(V, VILLE, ARR, "", "Q", JOUR, JOUR + timedelta(9), "", "", MAINTENANT),
        "titre",
    ),
    (
        "saisir",
        lambda: Avis.saisir(V, VILLE, ARR, "T", "", JOUR, JOUR + timedelta(9), "", "", MAINTENANT),
        "question",
    ),
    (
        "saisir",
        lambda: Avis.saisir(
            V, VILLE, ARR, "T", "Q", JOUR + timedelta(1), JOUR + timedelta(9), "", "", MAINTENANT
        ),
        "demandee_le",
    ),
    (
        "saisir",
        lambda: Avis.saisir(V, VILLE, ARR, "T", "Q", JOUR, JOUR, "", "", MAINTENANT),
        "echeance",
    ),
]


@pytest.mark.parametrize(
    ("commande", "appel", "champ"), CHAMPS_DES_COMMANDES, ids=[c[0] for c in CHAMPS_DES_COMMANDES]
)
def test_chaque_saisie_invalide_nomme_son_champ(commande: str, appel: Any, champ: str) -> None:
    with pytest.raises(ChampInvalide) as erreur:
        appel()
    assert erreur.value.champ == champ, erreur.value.message


def test_une_interpellation_s_adresse_toujours_a_l_etat() -> None:
    avis = brouillon(destinataire="ville", origine="interpellation")
    assert avis.destinataire == Destinataire.ETAT


def test_les_versions_successives_sont_gardees() -> None:
    avis = brouillon()
    assert avis.amender(ANIM, "Titre revu", "Texte revu", plus_tard(hours=1)) == 2
    alors(avis, Avis.Amende)
    assert [v.titre for v in avis.versions] == ["Éclairage de la rue Myrha", "Titre revu"]
    assert avis.amender(M, "Titre revu", "Texte revu", plus_tard(hours=2)) == 2
    alors(avis)  # nothing changed, no new version


def test_seules_l_autrice_du_projet_et_l_animation_le_reecrivent_pas_les_cosignataires() -> None:
    avis = cosigne()
    for qui in (MEMBRE, ANIMATRICE):
        assert exiger_peut_reecrire(qui, ARR, avis.premier_auteur) == qui
    for qui in (AUTRE_MEMBRE, ETRANGER, ANIMATEUR_AILLEURS, AGENT_VILLE):  # a co-signer...
        assert not peut_reecrire(qui, ARR, avis.premier_auteur)
        with pytest.raises(ActionInterdite, match="les cosignataires le soutiennent sans"):
            exiger_peut_reecrire(qui, ARR, avis.premier_auteur)
    with pytest.raises(ActionInterdite, match="Connectez-vous"):
        exiger_peut_reecrire(None, ARR, avis.premier_auteur)


# --- co-signatures -----------------------------------------------------------------------


def cosigne() -> Avis:
    avis = brouillon()
    avis.cosigner(AM, MAINTENANT)
    avis.collect_events()
    return avis


def test_cosigner_deux_fois_ne_change_rien() -> None:
    avis = brouillon()
    avis.cosigner(AM, MAINTENANT)
    alors(avis, Avis.CoAuteurAjoute)
    avis.cosigner(AM, MAINTENANT)
    alors(avis)


def test_seul_un_membre_cosigne_ou_qui_a_deja_signe() -> None:
    avis = cosigne()
    assert exiger_peut_cosigner(ETRANGER, adhesion(ETRANGER), ARR, avis.auteurs) == ETRANGER
    assert exiger_peut_cosigner(AUTRE_MEMBRE, None, ARR, avis.auteurs) == AUTRE_MEMBRE
    with pytest.raises(ActionInterdite, match="Rejoignez l'assemblée"):
        exiger_peut_cosigner(ETRANGER, None, ARR, avis.auteurs)


def test_une_cosignataire_retire_sa_cosignature_puis_peut_cosigner_de_nouveau() -> None:
    avis = cosigne()
    assert avis.auteurs[1:] == [AUTRE_MEMBRE.compte_id]  # the co-signatories

    avis.retirer_cosignature(AM, plus_tard(hours=1))

    (evenement,) = alors(avis, Avis.CosignatureRetiree)
    assert evenement.personne_id == AUTRE_MEMBRE.compte_id
    assert avis.auteurs == [MEMBRE.compte_id] and avis.premier_auteur == MEMBRE.compte_id
    avis.cosigner(AM, plus_tard(hours=2))
    alors(avis, Avis.CoAuteurAjoute)


def test_une_cosignataire_qui_a_quitte_l_assemblee_peut_encore_retirer_son_nom() -> None:
    avis = cosigne()  # no membership is needed to take one's name off
    assert exiger_cosignataire(AUTRE_MEMBRE, avis.auteurs) == AUTRE_MEMBRE
    avis.retirer_cosignature(AM, plus_tard(days=3))
    alors(avis, Avis.CosignatureRetiree)


@pytest.mark.parametrize(
    ("qui", "motif"),
    [
        (None, "Connectez-vous"),
        (MEMBRE, "Vous avez rédigé ce projet d'avis : votre signature ne peut pas être retirée"),
        (ETRANGER, "Vous ne cosignez pas ce projet d'avis"),
        (ANIMATRICE, "Vous ne cosignez pas ce projet d'avis"),
    ],
)
def test_seule_une_cosignataire_retire_une_cosignature(qui: Acteur | None, motif: str) -> None:
    avis = cosigne()
    with pytest.raises(ActionInterdite, match=motif):
        exiger_cosignataire(qui, avis.auteurs)
    refuse(avis, lambda: avis.retirer_cosignature(M, MAINTENANT), EtatIncompatible, "ne cosigne")
    assert avis.auteurs[1:] == [AUTRE_MEMBRE.compte_id]


def test_une_fois_l_avis_adopte_les_cosignatures_sont_celles_du_texte_vote() -> None:
    avis = cosigne()
    avis.soumettre_au_vote(ANIM, SEANCE, ARR, ADOPTEE, plus_tard(days=1))
    avis.collect_events()
    refuse(
        avis,
        lambda: avis.retirer_cosignature(AM, plus_tard(days=2)),
        EtatIncompatible,
        "Impossible de retirer votre cosignature : l'avis est au statut « Adopté en assemblée »",
    )


def test_apres_un_vote_rejete_le_projet_reste_ouvert_aux_cosignatures_et_a_leur_retrait() -> None:
    avis = cosigne()
    avis.soumettre_au_vote(ANIM, SEANCE, ARR, REJETEE, plus_tard(days=1))
    avis.collect_events()
    avis.retirer_cosignature(AM, plus_tard(days=2))
    alors(avis, Avis.CosignatureRetiree)


# --- vote --------------------------------------------------------------------------------


def test_un_projet_rejete_reste_en_brouillon_et_peut_etre_retravaille_puis_adopte() -> None:
    avis = brouillon()
    assert not avis.soumettre_au_vote(ANIM, SEANCE, ARR, REJETEE, plus_tard(days=1))
    alors(avis, Avis.SoumisAuVote)
    assert avis.statut == StatutAvis.BROUILLON
    avis.amender(M, "Titre", "Texte retravaillé", plus_tard(days=2))
    assert avis.soumettre_au_vote(ANIM, SEANCE, ARR, ADOPTEE, plus_tard(days=3))
    events = alors(avis, Avis.Amende, Avis.SoumisAuVote)
    assert events[1].version == 2
    assert avis.statut == StatutAvis.ADOPTE


@pytest.mark.parametrize(
    ("arrondissement", "decision", "motif"),
    [
        (19, ADOPTEE, "pas une séance de ce conseil"),
        (ARR, None, "pas de décision"),
    ],
)
def test_le_vote_est_enregistre_sur_une_decision_du_conseil(
    arrondissement: int, decision: Decision | None, motif: str
) -> None:
    avis = brouillon()
    refuse(
        avis,
        lambda: avis.soumettre_au_vote(ANIM, SEANCE, arrondissement, decision, MAINTENANT),
        DonneeInvalide,
        motif,
    )


# --- the lifecycle as a table -------------------------------------------------------------

ETATS = {
    "saisine_recue": saisine,
    "brouillon": brouillon,
    "adopte": adopte,
    "transmis": transmis,
    "repondu": repondu,
}

COMMANDES = {
    "amender": lambda a: a.amender(ANIM, "Autre titre", "Autre texte", plus_tard(days=9)),
    "voter": lambda a: a.soumettre_au_vote(ANIM, UUID(int=7), ARR, ADOPTEE, plus_tard(days=9)),
    "transmettre": lambda a: a.transmettre(ANIM, 2, plus_tard(days=9)),
    "accuser": lambda a: a.accuser_reception(V, Role.AGENT_VILLE, plus_tard(days=9)),
    "repondre": lambda a: a.repondre(V, Role.AGENT_VILLE, "Réponse", [], plus_tard(days=9)),
    "clore": lambda a: a.clore(ANIM, Role.ANIMATEUR, "", plus_tard(days=9)),
    "retirer": lambda a: a.retirer(ANIM, "Sujet traité ailleurs", plus_tard(days=9)),
}

PERMIS = {
    ("saisine_recue", "amender"),
    ("saisine_recue", "retirer"),
    ("brouillon", "amender"),
    ("brouillon", "voter"),
    ("brouillon", "retirer"),
    ("adopte", "transmettre"),
    ("adopte", "retirer"),
    ("transmis", "accuser"),
    ("transmis", "repondre"),
    ("repondu", "repondre"),
    ("repondu", "clore"),
}


@pytest.mark.parametrize("etat", list(ETATS))
@pytest.mark.parametrize("commande", list(COMMANDES))
def test_chaque_transition_est_permise_ou_refusee_selon_le_statut(etat: str, commande: str) -> None:
    avis = ETATS[etat]()
    if (etat, commande) in PERMIS:
        COMMANDES[commande](avis)
        assert len(avis.collect_events()) == 1
    else:
        refuse(avis, lambda: COMMANDES[commande](avis), EtatIncompatible, "Impossible|retiré")


def test_un_avis_clos_ou_retire_n_accepte_plus_rien() -> None:
    for fin in ("clore", "retirer"):
        avis = repondu() if fin == "clore" else brouillon()
        COMMANDES[fin](avis)
        avis.collect_events()
        for nom, commande in COMMANDES.items():
            refuse(avis, lambda c=commande: c(avis), EtatIncompatible, "Impossible|retiré")


# --- the addressee's side -----------------------------------------------------------------


def test_la_transmission_fixe_l_echeance_selon_le_delai_du_conseil() -> None:
    avis = adopte()
    echeance = avis.transmettre(ANIM, 2, MAINTENANT)
    assert echeance == date(2026, 5, 2)
    assert avis.jours_d_attente(date(2026, 3, 12)) == 10
    assert not avis.en_retard(date(2026, 5, 2))
    assert avis.en_retard(date(2026, 5, 3))


@pytest.mark.parametrize(
    ("destinataire", "bon", "mauvais"),
    [
        ("ville", AGENT_VILLE, AGENT_ETAT),
        ("mairie_arrondissement", AGENT_VILLE, AGENT_ETAT),
        ("etat", AGENT_ETAT, AGENT_VILLE),
        ("bailleur_social", AGENT_ETAT, ANIMATRICE),
    ],
)
def test_seuls_les_agents_du_destinataire_repondent(
    destinataire: str, bon: Acteur, mauvais: Acteur
) -> None:
    avis = transmis(destinataire=destinataire)
    with pytest.raises(ActionInterdite, match="agents"):
        exiger_repondant(mauvais, avis.destinataire)
    qui, role = exiger_repondant(bon, avis.destinataire)
    avis.accuser_reception(qui.compte_id, role, MAINTENANT)
    avis.repondre(qui.compte_id, role, "Réponse", ["https://paris.fr/reponse.pdf"], MAINTENANT)
    evenements = alors(avis, Avis.ReceptionAccusee, Avis.Repondu)
    assert {e.role for e in evenements} == {role.value}
    assert avis.statut == StatutAvis.REPONDU


def test_une_nouvelle_reponse_s_ajoute_aux_precedentes() -> None:
    avis = repondu()
    assert avis.repondre(V, Role.AGENT_VILLE, "Complément", [], plus_tard(days=40)) == 2
    assert [r.texte for r in avis.reponses] == ["Les travaux sont programmés.", "Complément"]
    assert avis.repondu_le == plus_tard(days=20)


@pytest.mark.parametrize(
    ("liens", "motif"),
    [
        (["javascript:alert(1)"], "adresse http"),
        (["https://x.fr/" + "a" * 500], "adresse http"),
        ([f"https://x.fr/{i}" for i in range(11)], "Au plus 10"),
    ],
)
def test_les_pieces_jointes_sont_des_liens_web(liens: list[str], motif: str) -> None:
    avis = transmis()
    refuse(
        avis,
        lambda: avis.repondre(V, Role.AGENT_VILLE, "R", liens, MAINTENANT),
        DonneeInvalide,
        motif,
    )


def test_seuls_l_animation_et_le_destinataire_closent() -> None:
    avis = repondu()
    for intrus in (MEMBRE, AGENT_ETAT, ANIMATEUR_AILLEURS):
        with pytest.raises(ActionInterdite, match="agents"):
            exiger_peut_clore(intrus, ARR, avis.destinataire)
    assert exiger_peut_clore(ANIMATRICE, ARR, avis.destinataire) == (ANIMATRICE, Role.ANIMATEUR)
    qui, role = exiger_peut_clore(AGENT_VILLE, ARR, avis.destinataire)
    avis.clore(qui.compte_id, role, "Réponse satisfaisante", MAINTENANT)
    assert alors(avis, Avis.Clos)[0].role == "agent_ville"


def test_seules_l_autrice_du_projet_et_l_animation_le_retirent_avec_un_motif() -> None:
    avis = cosigne()
    for intrus in (AUTRE_MEMBRE, ETRANGER):  # a co-signer, someone else
        assert not peut_retirer(intrus, ARR, avis.premier_auteur, avis.statut)
        with pytest.raises(
            ActionInterdite, match="Seules la personne qui a rédigé ce projet d'avis et l'anim"
        ):
            exiger_peut_retirer(intrus, ARR, avis.premier_auteur, avis.statut)
    for qui in (MEMBRE, ANIMATRICE):
        assert exiger_peut_retirer(qui, ARR, avis.premier_auteur, avis.statut) == qui
    refuse(avis, lambda: avis.retirer(M, " ", MAINTENANT), DonneeInvalide, "motif")
    avis.retirer(M, "Sujet réglé", MAINTENANT)
    alors(avis, Avis.Retire)


def test_un_avis_adopte_n_est_plus_retire_que_par_l_animation() -> None:
    avis = adopte()
    with pytest.raises(ActionInterdite, match="adopté par l'assemblée : seule l'animation du"):
        exiger_peut_retirer(MEMBRE, ARR, avis.premier_auteur, avis.statut)
    assert exiger_peut_retirer(ANIMATRICE, ARR, avis.premier_auteur, avis.statut) == ANIMATRICE
    avis.retirer(ANIM, "Le bailleur a déjà répondu", plus_tard(days=2))
    alors(avis, Avis.Retire)


# --- saisine and interpellation -------------------------------------------------------------


def test_une_saisine_est_enregistree_par_un_agent_avec_une_echeance_future() -> None:
    avis = saisine()
    assert avis.statut == StatutAvis.SAISINE_RECUE
    assert avis.destinataire == Destinataire.ETAT
    assert exiger_agent_saisissant(AGENT_VILLE) == (AGENT_VILLE, Destinataire.VILLE)
    assert exiger_agent_saisissant(AGENT_ETAT) == (AGENT_ETAT, Destinataire.ETAT)
    for qui in (None, ANIMATRICE, MEMBRE):
        with pytest.raises(ActionInterdite):
            exiger_agent_saisissant(qui)
    jour = MAINTENANT.date()
    with pytest.raises(DonneeInvalide, match="postérieure"):
        Avis.saisir(V, VILLE, ARR, "T", "Q", jour, jour, "", "", MAINTENANT)
    with pytest.raises(DonneeInvalide, match="futur"):
        Avis.saisir(
            V,
            VILLE,
            ARR,
            "T",
            "Q",
            jour + timedelta(1),
            jour + timedelta(30),
            "",
            "",
            MAINTENANT,
        )


def test_un_membre_ou_l_animation_redige_la_reponse_du_conseil_a_une_saisine() -> None:
    avis = saisine()
    with pytest.raises(ActionInterdite, match="Rejoignez"):
        exiger_membre_ou_animateur(ETRANGER, None, ARR)
    assert exiger_membre_ou_animateur(ANIMATRICE, None, ARR) == ANIMATRICE
    assert exiger_membre_ou_animateur(MEMBRE, adhesion(), ARR) == MEMBRE
    avis.rediger_reponse_a_la_saisine(M, "Avis sur le projet", "X", MAINTENANT)
    alors(avis, Avis.Amende)
    assert avis.statut == StatutAvis.BROUILLON
    assert avis.auteurs == [MEMBRE.compte_id]


def test_qui_ecrit_le_premier_projet_d_une_saisine_en_devient_l_autrice() -> None:
    avis = saisine()
    assert avis.premier_auteur is None
    avis.rediger_reponse_a_la_saisine(M, "Avis sur le projet", "X", MAINTENANT)
    avis.cosigner(AM, MAINTENANT)
    avis.collect_events()
    assert avis.premier_auteur == MEMBRE.compte_id
    with pytest.raises(ActionInterdite, match="rédigé"):
        exiger_peut_reecrire(AUTRE_MEMBRE, ARR, avis.premier_auteur)


def test_le_prefet_suit_une_interpellation_jusqu_a_sa_cloture() -> None:
    avis = transmis(origine="interpellation")
    with pytest.raises(ActionInterdite, match="État"):
        exiger_agent_etat(AGENT_VILLE)
    assert exiger_agent_etat(AGENT_ETAT) == AGENT_ETAT
    refuse(
        avis,
        lambda: avis.presenter_diagnostic(E, MAINTENANT.date(), "x", MAINTENANT),
        EtatIncompatible,
        "Impossible",
    )
    avis.informer_partenaires(E, "Bailleurs et mairie informés", plus_tard(days=10))
    alors(avis, Avis.PartenairesInformes)
    refuse(
        avis,
        lambda: avis.presenter_diagnostic(E, plus_tard(days=60).date(), "x", plus_tard(days=11)),
        DonneeInvalide,
        "futur",
    )
    avis.presenter_diagnostic(E, plus_tard(days=30).date(), "Diagnostic", plus_tard(days=31))
    avis.clore(E, Role.AGENT_ETAT, "", plus_tard(days=32))
    alors(avis, Avis.DiagnosticPresente, Avis.Clos)
    assert avis.repondu_le == plus_tard(days=10)


def test_le_suivi_du_prefet_ne_concerne_que_les_interpellations() -> None:
    avis = transmis()
    refuse(
        avis,
        lambda: avis.informer_partenaires(E, "x", MAINTENANT),
        EtatIncompatible,
        "interpellations",
    )


# --- deadlines and reminders ----------------------------------------------------------------


def test_un_rappel_sept_jours_avant_puis_un_apres_l_echeance_une_seule_fois_chacun() -> None:
    avis = adopte()
    avis.transmettre(ANIM, 2, MAINTENANT)  # due 2 May 2026
    avis.collect_events()
    assert avis.signaler_echeance(plus_tard(days=30)) is None
    rappel = avis.signaler_echeance(jour_midi(date(2026, 4, 25)))
    assert rappel is not None and (rappel.echeance, rappel.niveau) == ("reponse", "approche")
    assert avis.signaler_echeance(jour_midi(date(2026, 4, 26))) is None
    depasse = avis.signaler_echeance(jour_midi(date(2026, 5, 3)))
    assert depasse is not None and depasse.niveau == "depassee"
    assert avis.signaler_echeance(jour_midi(date(2026, 6, 3))) is None
    alors(avis, Avis.EcheanceSignalee, Avis.EcheanceSignalee)


def test_une_reponse_arrete_les_rappels() -> None:
    avis = repondu()
    assert avis.signaler_echeance(plus_tard(days=400)) is None
    assert not avis.en_retard(plus_tard(days=400).date())


def test_la_saisine_rappelle_au_conseil_son_echeance_tant_qu_il_n_a_pas_transmis() -> None:
    avis = saisine()
    rappel = avis.signaler_echeance(plus_tard(days=31))
    assert rappel is not None and (rappel.echeance, rappel.niveau) == ("saisine", "depassee")
    assert avis.en_retard(plus_tard(days=31).date())


@pytest.mark.parametrize(
    ("jour", "mois", "attendu"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 11, 15), 2, date(2027, 1, 15)),
        (date(2026, 12, 31), 12, date(2027, 12, 31)),
    ],
)
def test_ajouter_des_mois_reste_dans_le_calendrier(jour: date, mois: int, attendu: date) -> None:
    assert ajouter_mois(jour, mois) == attendu


def jour_midi(jour: date) -> Any:
    from datetime import UTC, datetime

    return datetime(jour.year, jour.month, jour.day, 12, tzinfo=UTC)
