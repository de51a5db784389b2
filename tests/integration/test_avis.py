"""Avis through the services, on SQLite and PostgreSQL: roles, the séance's decision, the
council's answer delay, the read models, and the daily reminders with a fake clock."""

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

import pytest
from sqlalchemy import insert, select

from domaine.avis import ajouter_mois, en_retard
from domaine.comptes import Acteur
from domaine.erreurs import ActionInterdite, DonneeInvalide
from domaine.temps import jour_a_paris
from domaine.vocabulaire import StatutAvis
from lancement.plateforme import Plateforme
from participation.echeances import Bail
from projections.lecture_avis import Filtre
from projections.tables import avis as table_avis
from stockage.messagerie import MessagerieConsole
from tests.conftest import HorlogeReglable
from tests.integration.outils import planifier, rejoindre, rien_n_est_enregistre

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)


def avis_adopte(
    plateforme: Plateforme, horloge: HorlogeReglable, membre: Acteur, animateur: Acteur
) -> UUID:
    """A member drafts an avis to the Ville; a séance adopts it by decision n° 1."""
    rejoindre(plateforme, membre)
    avis_id, _ = plateforme.avis.rediger(
        membre, 18, "auto_saisine", "Propreté rue Myrha", "Le conseil demande…", "ville"
    )
    seance_id = planifier(plateforme, animateur, date=horloge.now + timedelta(days=1))
    horloge.avancer(days=1, hours=1)
    plateforme.seances.enregistrer_decision(animateur, seance_id, "Adopter l'avis", 20, 2, 1)
    plateforme.avis.soumettre_au_vote(animateur, avis_id, seance_id, 1)
    return avis_id


def lue(plateforme: Plateforme, avis_id: UUID) -> object:
    plateforme.projecteur.rattraper()
    ligne = plateforme.lecture_avis.avis(str(avis_id))
    assert ligne is not None
    return ligne


def test_un_avis_va_du_projet_a_la_reponse_et_sa_chronologie_le_raconte(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    participant: Acteur,
    animateur_18: Acteur,
    agent_ville: Acteur,
) -> None:
    avis_id = avis_adopte(plateforme, horloge, participant, animateur_18)
    plateforme.avis.fixer_delai_reponse(animateur_18, 18, 3)
    plateforme.avis.transmettre(animateur_18, avis_id, None)
    ligne = lue(plateforme, avis_id)
    attendu = ajouter_mois(jour_a_paris(horloge.now), 3)
    assert ligne.statut == "transmis" and ligne.echeance_reponse == attendu  # type: ignore[attr-defined]
    plateforme.avis.repondre(
        agent_ville, avis_id, None, "Nettoyage renforcé.", ["https://paris.fr/x"]
    )
    ligne = lue(plateforme, avis_id)
    assert ligne.statut == "repondu"  # type: ignore[attr-defined]
    etapes = [e.etape for e in plateforme.lecture_avis.etapes(str(avis_id))]
    assert etapes == ["redaction", "adoption", "transmission", "reponse"]
    reponse = plateforme.lecture_avis.reponses(str(avis_id))[0]
    assert reponse.liens == ["https://paris.fr/x"] and reponse.role == "agent_ville"


def test_le_mauvais_role_ou_une_decision_inconnue_n_enregistrent_rien(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    participant: Acteur,
    animateur_18: Acteur,
    agent_etat: Acteur,
    creer_compte: Callable[..., Acteur],
) -> None:
    avis_id = avis_adopte(plateforme, horloge, participant, animateur_18)
    animateur_19 = creer_compte("animateur", 19)
    with rien_n_est_enregistre(plateforme):
        with pytest.raises(ActionInterdite):
            plateforme.avis.transmettre(animateur_19, avis_id, None)
        with pytest.raises(ActionInterdite):
            plateforme.avis.transmettre(participant, avis_id, None)
    plateforme.avis.transmettre(animateur_18, avis_id, None)
    with rien_n_est_enregistre(plateforme):
        with pytest.raises(ActionInterdite):
            plateforme.avis.repondre(agent_etat, avis_id, None, "Pas à moi", [])
        with pytest.raises(ActionInterdite):
            plateforme.avis.repondre(animateur_18, avis_id, None, "Réponse", [])


def test_la_saisine_par_un_agent_puis_la_reponse_du_conseil(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    participant: Acteur,
    animateur_18: Acteur,
    agent_etat: Acteur,
) -> None:
    aujourd_hui = horloge.now.date()
    with rien_n_est_enregistre(plateforme), pytest.raises(DonneeInvalide, match="postérieure"):
        plateforme.avis.saisir(agent_etat, 18, "T", "Q", aujourd_hui, aujourd_hui)
    avis_id, _ = plateforme.avis.saisir(
        agent_etat, 18, "NPNRU", "Votre avis ?", aujourd_hui, aujourd_hui + timedelta(days=45)
    )
    rejoindre(plateforme, participant)
    plateforme.avis.amender(participant, avis_id, None, "Avis sur le NPNRU", "Nous pensons…")
    ligne = lue(plateforme, avis_id)
    assert ligne.statut == "brouillon" and ligne.destinataire == "etat"  # type: ignore[attr-defined]
    assert plateforme.lecture_avis.auteurs(str(avis_id)) == [str(participant.compte_id)]


def test_une_cosignataire_retire_sa_cosignature_et_la_chronologie_le_dit(
    plateforme: Plateforme,
    participant: Acteur,
    animateur_18: Acteur,
    creer_compte: Callable[..., Acteur],
) -> None:
    cosignataire = creer_compte(nom="Bintou Cosignataire")
    rejoindre(plateforme, participant)
    rejoindre(plateforme, cosignataire)
    avis_id, _ = plateforme.avis.rediger(
        participant, 18, "auto_saisine", "Bancs", "Des bancs place Léon.", "ville"
    )
    plateforme.avis.cosigner(cosignataire, avis_id)
    plateforme.projecteur.rattraper()
    assert plateforme.lecture_avis.auteurs(str(avis_id)) == [
        str(participant.compte_id),  # who wrote it comes first
        str(cosignataire.compte_id),
    ]
    assert plateforme.lecture_avis.premier_auteur(str(avis_id)) == str(participant.compte_id)

    with rien_n_est_enregistre(plateforme):
        for qui in (participant, animateur_18):  # the author, someone who did not co-sign
            with pytest.raises(ActionInterdite):
                plateforme.avis.retirer_cosignature(qui, avis_id)
        with pytest.raises(ActionInterdite, match="rédigé"):
            plateforme.avis.amender(cosignataire, avis_id, None, "Bancs", "Autre texte")
        with pytest.raises(ActionInterdite, match="rédigé"):
            plateforme.avis.retirer(cosignataire, avis_id, None, "Je préfère")
    plateforme.projecteur.attendre(plateforme.avis.retirer_cosignature(cosignataire, avis_id))

    assert plateforme.lecture_avis.auteurs(str(avis_id)) == [str(participant.compte_id)]
    etapes = [e.etape for e in plateforme.lecture_avis.etapes(str(avis_id))]
    assert etapes == ["redaction", "cosignature", "retrait_cosignature"]


def test_les_rappels_vont_aux_agents_du_destinataire_et_a_l_animation_une_seule_fois(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    participant: Acteur,
    animateur_18: Acteur,
    agent_ville: Acteur,
    agent_etat: Acteur,
) -> None:
    messagerie = plateforme.echeances.messagerie
    assert isinstance(messagerie, MessagerieConsole)
    avis_id = avis_adopte(plateforme, horloge, participant, animateur_18)
    plateforme.avis.transmettre(animateur_18, avis_id, None)
    echeance = lue(plateforme, avis_id).echeance_reponse  # type: ignore[attr-defined]
    assert plateforme.echeances.verifier() == []

    horloge.now = datetime.combine(echeance - timedelta(days=7), datetime.min.time(), UTC)
    horloge.avancer(hours=8)
    rappels = plateforme.echeances.verifier()
    alertes = [r.alerte for r in rappels]
    assert [(a.echeance, a.niveau) for a in alertes if a] == [("reponse", "approche")]
    assert sorted(c.a for c in messagerie.envoyes) == sorted(
        ["personne2@exemple.fr", "personne3@exemple.fr"]  # the animateur, the agent Ville
    )
    assert plateforme.echeances.verifier() == []  # the same day again: nothing twice

    horloge.avancer(days=8)
    assert [r.alerte.niveau for r in plateforme.echeances.verifier() if r.alerte] == ["depassee"]
    notes = plateforme.lecture_avis.notifications(str(agent_ville.compte_id))
    assert [n.message.split(" : ")[1] for n in notes] == [
        "Échéance dépassée",
        "Échéance proche",
    ]
    assert plateforme.lecture_avis.notifications(str(agent_etat.compte_id)) == []
    assert plateforme.lecture_avis.notifications(str(participant.compte_id)) == []

    plateforme.avis.repondre(agent_ville, avis_id, None, "Enfin la réponse.", [])
    horloge.avancer(days=30)
    assert plateforme.echeances.verifier() == []
    with plateforme.moteur.connect() as cnx:
        assert cnx.execute(select(table_avis.c.repondu_le)).scalar() is not None


def test_un_seul_processus_tient_le_bail_du_planificateur(plateforme: Plateforme) -> None:
    t0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    duree = timedelta(seconds=90)
    premier = Bail(plateforme.moteur, "rappels-avis", "worker-1", duree)
    second = Bail(plateforme.moteur, "rappels-avis", "worker-2", duree)
    assert premier.prendre(t0)
    assert not second.prendre(t0 + timedelta(seconds=1))
    assert premier.prendre(t0 + timedelta(seconds=30))  # renewed
    assert not second.prendre(t0 + timedelta(seconds=100))
    assert second.prendre(t0 + timedelta(seconds=121))  # the first stopped renewing
    assert not premier.prendre(t0 + timedelta(seconds=122))
    second.rendre()
    assert premier.prendre(t0 + timedelta(seconds=123))


def test_le_delai_de_reponse_se_regle_par_conseil_de_1_a_12_mois(
    plateforme: Plateforme, animateur_18: Acteur
) -> None:
    with rien_n_est_enregistre(plateforme):
        with pytest.raises(DonneeInvalide, match="de 1 à 12"):
            plateforme.avis.fixer_delai_reponse(animateur_18, 18, 0)
        with pytest.raises(ActionInterdite):
            plateforme.avis.fixer_delai_reponse(animateur_18, 19, 3)
    plateforme.avis.fixer_delai_reponse(animateur_18, 18, 4)
    plateforme.projecteur.rattraper()
    assert plateforme.lecture.conseil(18).delai_reponse_avis_mois == 4


def test_la_liste_des_avis_en_retard_suit_la_regle_du_domaine(plateforme: Plateforme) -> None:
    """The SQL filter compares the deadline that runs with the domain's cut-off: for every
    status and deadline, the list and `domaine.avis.en_retard` agree."""
    aujourd_hui = date(2026, 5, 2)
    lignes = []
    for statut in StatutAvis:
        for decalage in (None, -1, 0, 1):
            echeance = None if decalage is None else aujourd_hui + timedelta(days=decalage)
            for reponse, saisine in ((echeance, None), (None, echeance), (echeance, echeance)):
                lignes.append((statut, reponse, saisine))
    with plateforme.moteur.begin() as cnx:
        for numero, (statut, reponse, saisine) in enumerate(lignes):
            cnx.execute(
                insert(table_avis).values(
                    avis_id=f"{numero:036d}", arrondissement=18, origine="auto_saisine",
                    titre="Avis", texte="", versions=1, sujet="", axe="", destinataire="ville",
                    institution="", question="", statut=statut.value, version=1,
                    cree_le=datetime(2026, 1, 5, tzinfo=UTC), echeance_reponse=reponse,
                    echeance_saisine=saisine,
                )
            )  # fmt: skip
    attendus = {
        f"{numero:036d}"
        for numero, (statut, reponse, saisine) in enumerate(lignes)
        if en_retard(statut, reponse, saisine, aujourd_hui)
    }
    filtre = Filtre(seulement_en_retard=True)
    listes = plateforme.lecture_avis.liste(filtre, aujourd_hui, limite=1000)
    assert attendus and {ligne.avis_id for ligne in listes} == attendus
    assert plateforme.lecture_avis.compter(filtre, aujourd_hui) == len(attendus)
