"""Budget participatif through the use cases and the read models, on SQLite and PostgreSQL."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest

from domaine.budget import Depot
from domaine.comptes import Acteur
from domaine.erreurs import ActionInterdite, ChampInvalide, ConflitDeModification, EtatIncompatible
from domaine.vocabulaire import StatutProposition as S
from lancement.cli import main
from lancement.plateforme import Plateforme
from projections.lecture_budget import OUVERTES_AU_SOUTIEN, FiltresBP
from projections.verification import verifier
from stockage.configuration import (
    VARIABLE_ENVELOPPE_BP,
    Configuration,
    ConfigurationInvalide,
    lire_enveloppe_bp,
)
from tests.integration.outils import planifier, rien_n_est_enregistre

QPV_18 = "QPV-18-GOUTTE-D-OR"


def deposer(
    plateforme: Plateforme, acteur: Acteur | None, arrondissement: int = 18, **champs: Any
) -> UUID:
    valeurs: dict[str, Any] = {
        "titre": "Un jardin partagé rue Léon",
        "description": "Transformer la friche en jardin partagé.",
        "quartier": QPV_18 if arrondissement == 18 else "hors_qpv",
        "adresse": "12 rue Léon",
        "theme": "environnement",
        "cout_estime": 80_000,
        **champs,
    }
    pour_le_conseil = {k: valeurs.pop(k) for k in ("seance_id", "decision") if k in valeurs}
    proposition_id, _ = plateforme.budget.deposer(
        acteur, arrondissement, Depot(**valeurs), **pour_le_conseil
    )
    return proposition_id


def decisions_de_seance(
    plateforme: Plateforme, horloge: Any, animateur: Acteur, arrondissement: int = 18
) -> UUID:
    """A séance held with decision 1 adopted and decision 2 rejected."""
    seance_id = planifier(plateforme, animateur, arrondissement)
    horloge.avancer(days=9)
    plateforme.seances.enregistrer_decision(animateur, seance_id, "Porter le jardin", 9, 1, 0)
    plateforme.seances.enregistrer_decision(animateur, seance_id, "Porter la fresque", 1, 9, 0)
    return seance_id


def test_une_proposition_va_du_depot_a_la_realisation_avec_soutiens_et_moderation(
    plateforme: Plateforme,
    horloge: Any,
    participant: Acteur,
    animateur_18: Acteur,
    agent_ville: Acteur,
    creer_compte: Any,
) -> None:
    voisine, voisin = creer_compte(), creer_compte()
    b = plateforme.budget
    proposition_id = deposer(plateforme, participant)
    b.soutenir(voisine, proposition_id, True)
    position = b.soutenir(voisin, proposition_id, True)
    assert b.soutenir(voisin, proposition_id, True) == position  # idempotent: nothing recorded
    b.soutenir(voisin, proposition_id, False)
    b.commenter(voisine, proposition_id, "Les écoles du quartier seraient ravies.")
    b.commenter(voisin, proposition_id, "Message hors sujet")
    b.masquer_commentaire(animateur_18, proposition_id, 2, "Hors sujet")

    etapes = [
        lambda v: b.faire_avancer(agent_ville, proposition_id, v, S.RECEVABLE),
        lambda v: b.faire_avancer(agent_ville, proposition_id, v, S.ETUDIEE, cout_reestime=95_000),
        lambda v: b.faire_avancer(agent_ville, proposition_id, v, S.SOUMISE_AU_VOTE),
        lambda v: b.faire_avancer(agent_ville, proposition_id, v, S.LAUREATE, voix=1_842),
        lambda v: b.faire_avancer(agent_ville, proposition_id, v, S.EN_REALISATION),
        lambda v: b.faire_avancer(
            agent_ville, proposition_id, v, S.REALISEE, realisee_le=horloge.now.date()
        ),
    ]
    for etape in etapes:
        horloge.avancer(days=20)
        plateforme.projecteur.rattraper()
        # The form carries the version the read model shows: it must match the aggregate's.
        position = etape(plateforme.lecture.proposition_bp(proposition_id).version_statut)
    plateforme.projecteur.attendre(position)

    ligne = plateforme.lecture.proposition_bp(proposition_id)
    assert (ligne.statut, ligne.soutiens, ligne.commentaires) == ("realisee", 1, 2)
    assert (ligne.cout_estime, ligne.cout, ligne.voix) == (80_000, 95_000, 1_842)
    assert ligne.realisee_le == horloge.now.date()
    assert ligne.auteur_id == str(participant.compte_id)
    assert [(e.etape, e.role) for e in plateforme.lecture.etapes_bp(proposition_id)] == [
        ("deposee", "participant"),
        ("recevable", "agent_ville"),
        ("etudiee", "agent_ville"),
        ("soumise_au_vote", "agent_ville"),
        ("laureate", "agent_ville"),
        ("en_realisation", "agent_ville"),
        ("realisee", "agent_ville"),
    ]
    commentaires = plateforme.lecture.commentaires_bp(proposition_id)
    assert [(c.numero, c.motif_masquage) for c in commentaires] == [(1, ""), (2, "Hors sujet")]
    assert commentaires[1].texte == "Message hors sujet"  # hidden, never erased
    assert plateforme.lecture.soutient_bp(proposition_id, voisine.compte_id)
    assert not plateforme.lecture.soutient_bp(proposition_id, voisin.compte_id)
    assert verifier(plateforme.registre, plateforme.moteur) == []


def test_seul_un_agent_de_la_ville_fait_avancer_une_proposition(
    plateforme: Plateforme,
    participant: Acteur,
    animateur_18: Acteur,
    agent_etat: Acteur,
    admin: Acteur,
    agent_ville: Acteur,
) -> None:
    proposition_id = deposer(plateforme, participant)
    b = plateforme.budget

    with rien_n_est_enregistre(plateforme):
        for qui in (None, participant, animateur_18, agent_etat, admin):
            with pytest.raises(ActionInterdite):
                b.faire_avancer(qui, proposition_id, None, S.RECEVABLE)
            with pytest.raises(ActionInterdite):
                b.faire_avancer(qui, proposition_id, None, S.IRRECEVABLE, motif="")
            with pytest.raises(ActionInterdite):  # the role first, whatever the details
                b.faire_avancer(qui, proposition_id, None, S.FUSIONNEE, cible_id=UUID(int=7))

    b.faire_avancer(agent_ville, proposition_id, None, S.RECEVABLE)


def test_moderer_et_porter_reviennent_aux_animateurs_du_conseil_de_la_proposition(
    plateforme: Plateforme,
    horloge: Any,
    participant: Acteur,
    animateur_18: Acteur,
    agent_ville: Acteur,
    creer_compte: Any,
) -> None:
    animateur_19 = creer_compte("animateur", 19)
    seance_18 = decisions_de_seance(plateforme, horloge, animateur_18)
    proposition_id = deposer(plateforme, participant)
    plateforme.budget.commenter(participant, proposition_id, "Précision : côté rue.")

    with rien_n_est_enregistre(plateforme):
        for qui in (participant, animateur_19, agent_ville, None):
            with pytest.raises(ActionInterdite):
                plateforme.budget.masquer_commentaire(qui, proposition_id, 1, "Spam")
            with pytest.raises(ActionInterdite):
                plateforme.budget.porter(qui, proposition_id, seance_18, 1)
        with pytest.raises(ActionInterdite, match="Connectez-vous"):
            plateforme.budget.soutenir(None, proposition_id, True)
        with pytest.raises(ChampInvalide, match="pas été adoptée"):
            plateforme.budget.porter(animateur_18, proposition_id, seance_18, 2)
        with pytest.raises(ChampInvalide, match="pas de décision n° 7"):
            plateforme.budget.porter(animateur_18, proposition_id, seance_18, 7)
        with pytest.raises(ChampInvalide, match="n'existe pas"):
            plateforme.budget.porter(animateur_18, proposition_id, proposition_id, 1)

    position = plateforme.budget.porter(animateur_18, proposition_id, seance_18, 1)
    plateforme.projecteur.attendre(position)
    ligne = plateforme.lecture.proposition_bp(proposition_id)
    assert (ligne.portee_seance_id, ligne.portee_decision) == (str(seance_18), 1)
    etape = plateforme.lecture.etapes_bp(proposition_id)[-1]
    assert (etape.etape, etape.role, etape.decision_texte) == (
        "portee",
        "animateur",
        "Porter le jardin",
    )


def test_le_conseil_depose_au_nom_de_l_assemblee_seulement_apres_une_decision_adoptee(
    plateforme: Plateforme, horloge: Any, participant: Acteur, animateur_18: Acteur
) -> None:
    seance_id = decisions_de_seance(plateforme, horloge, animateur_18)

    with rien_n_est_enregistre(plateforme):
        with pytest.raises(ActionInterdite, match="animateur"):
            deposer(plateforme, participant, seance_id=seance_id, decision=1)
        with pytest.raises(ChampInvalide, match="pas été adoptée"):
            deposer(plateforme, animateur_18, seance_id=seance_id, decision=2)
        with pytest.raises(ChampInvalide, match="Choisissez la décision"):
            deposer(plateforme, animateur_18, seance_id=seance_id, decision=None)

    proposition_id = deposer(plateforme, animateur_18, seance_id=seance_id, decision=1)
    plateforme.projecteur.rattraper()
    ligne = plateforme.lecture.proposition_bp(proposition_id)
    assert ligne.au_nom_du_conseil and ligne.portee_decision == 1
    (etape,) = plateforme.lecture.etapes_bp(proposition_id)
    assert (etape.etape, etape.role, etape.decision) == ("deposee", "animateur", 1)


def test_un_formulaire_de_statut_perime_est_refuse_mais_un_soutien_ne_le_perime_pas(
    plateforme: Plateforme, participant: Acteur, agent_ville: Acteur, creer_compte: Any
) -> None:
    proposition_id = deposer(plateforme, participant)
    plateforme.budget.soutenir(creer_compte(), proposition_id, True)
    plateforme.budget.commenter(participant, proposition_id, "Bonjour")

    b = plateforme.budget
    b.faire_avancer(agent_ville, proposition_id, 1, S.RECEVABLE)  # shown at version 1

    with rien_n_est_enregistre(plateforme), pytest.raises(ConflitDeModification, match="recharg"):
        b.faire_avancer(agent_ville, proposition_id, 1, S.IRRECEVABLE, motif="Doublon")
    with rien_n_est_enregistre(plateforme), pytest.raises(EtatIncompatible, match="« recevable »"):
        b.faire_avancer(agent_ville, proposition_id, None, S.IRRECEVABLE, motif="Doublon")


def test_une_fusion_exige_une_cible_existante_du_meme_conseil_et_montre_les_deux_historiques(
    plateforme: Plateforme, participant: Acteur, agent_ville: Acteur
) -> None:
    source = deposer(plateforme, participant, titre="Bancs square Léon")
    cible = deposer(plateforme, participant, titre="Aménager le square Léon")
    ailleurs = deposer(plateforme, participant, 19, titre="Bancs place des Fêtes")
    b = plateforme.budget

    with rien_n_est_enregistre(plateforme):
        with pytest.raises(ChampInvalide, match="n'existe pas"):
            b.faire_avancer(agent_ville, source, None, S.FUSIONNEE, cible_id=UUID(int=7))
        with pytest.raises(ChampInvalide, match="même arrondissement"):
            b.faire_avancer(agent_ville, source, None, S.FUSIONNEE, cible_id=ailleurs)
        with pytest.raises(ChampInvalide, match="elle-même"):
            b.faire_avancer(agent_ville, source, None, S.FUSIONNEE, cible_id=source)

    position = b.faire_avancer(agent_ville, source, None, S.FUSIONNEE, cible_id=cible)
    plateforme.projecteur.attendre(position)

    assert plateforme.lecture.proposition_bp(source).fusionnee_dans == str(cible)
    assert plateforme.lecture.proposition_bp(cible).statut == "deposee"
    assert [(e.etape, e.autre_id) for e in plateforme.lecture.etapes_bp(cible)] == [
        ("deposee", None),
        ("absorbe", str(source)),
    ]
    with rien_n_est_enregistre(plateforme), pytest.raises(ChampInvalide, match="elle-même été"):
        b.faire_avancer(agent_ville, cible, None, S.FUSIONNEE, cible_id=source)


def test_les_listes_filtrent_et_trient(
    plateforme: Plateforme, horloge: Any, participant: Acteur, creer_compte: Any
) -> None:
    jardin = deposer(plateforme, participant, cout_estime=80_000)
    horloge.avancer(days=1)
    fresque = deposer(plateforme, participant, theme="culture", quartier="hors_qpv", cout_estime=5)
    horloge.avancer(days=1)
    stade = deposer(plateforme, participant, 19, theme="sport", cout_estime=900_000)
    for _ in range(2):
        plateforme.budget.soutenir(creer_compte(), fresque, True)
    plateforme.projecteur.rattraper()

    def ids(**filtres: Any) -> list[str]:
        return [r.proposition_id for r in plateforme.lecture.propositions_bp(FiltresBP(**filtres))]

    assert ids() == [str(fresque), str(stade), str(jardin)]  # most supported, then newest
    assert ids(tri="date") == [str(stade), str(fresque), str(jardin)]
    assert ids(tri="cout") == [str(fresque), str(jardin), str(stade)]
    assert ids(tri="cout_desc") == [str(stade), str(jardin), str(fresque)]
    assert ids(arrondissement=18) == [str(fresque), str(jardin)]
    assert ids(theme="sport") == [str(stade)]
    assert ids(quartier=QPV_18) == [str(jardin)]
    assert ids(statut="deposee", arrondissement=19) == [str(stade)]
    assert ids(statut="laureate") == []


def test_les_ouvertes_au_soutien_puis_une_page_a_la_fois(
    plateforme: Plateforme, horloge: Any, participant: Acteur, agent_ville: Acteur
) -> None:
    ids = []
    for numero in range(7):
        horloge.avancer(minutes=1)
        ids.append(deposer(plateforme, participant, titre=f"Projet {numero}"))
    b = plateforme.budget
    b.faire_avancer(agent_ville, ids[0], None, S.IRRECEVABLE, motif="Hors compétence")
    b.faire_avancer(agent_ville, ids[1], None, S.RECEVABLE)
    b.faire_avancer(agent_ville, ids[1], None, S.ETUDIEE, cout_reestime=10_000)
    b.faire_avancer(agent_ville, ids[1], None, S.SOUMISE_AU_VOTE)
    plateforme.projecteur.rattraper()
    lecture = plateforme.lecture
    ouvertes = FiltresBP(statut=OUVERTES_AU_SOUTIEN, tri="date")

    assert lecture.compter_bp(ouvertes) == 5 and lecture.compter_bp(FiltresBP()) == 7
    premiere = lecture.page_bp(ouvertes, taille=2)
    assert (premiere.total, premiere.numero, premiere.pages) == (5, 1, 3)
    assert [r.proposition_id for r in premiere.propositions] == [str(ids[6]), str(ids[5])]
    derniere = lecture.page_bp(FiltresBP(statut=OUVERTES_AU_SOUTIEN, tri="date", page=3), 2)
    assert [r.proposition_id for r in derniere.propositions] == [str(ids[2])]
    assert (derniere.premiere, derniere.derniere) == (5, 5)
    au_dela = lecture.page_bp(FiltresBP(statut=OUVERTES_AU_SOUTIEN, tri="date", page=99), 2)
    assert au_dela.numero == 3  # a page past the end gives the last one
    pages = [lecture.page_bp(FiltresBP(tri="date", page=n), 3).propositions for n in (1, 2, 3)]
    assert [r.proposition_id for page in pages for r in page] == [str(i) for i in reversed(ids)]
    vide = lecture.page_bp(FiltresBP(statut="laureate"))
    assert (vide.total, vide.numero, vide.pages, vide.premiere) == (0, 1, 1, 0)


def test_l_enveloppe_vient_de_la_configuration(
    configuration_sqlite: Configuration, horloge: Any, hachage_rapide: None
) -> None:
    petite = Configuration(configuration_sqlite.database_url, enveloppe_bp_euros=10_000)
    plateforme = Plateforme(petite, horloge=horloge)
    try:
        plateforme.migrer()
        compte_id, _ = plateforme.comptes.inscrire("Awa", "awa@exemple.fr", "mot de passe long")
        awa = plateforme.comptes.acteur(compte_id)
        with (
            rien_n_est_enregistre(plateforme),
            pytest.raises(ChampInvalide, match="10\u202f000\u202f€"),
        ):
            deposer(plateforme, awa, cout_estime=10_001)
        deposer(plateforme, awa, cout_estime=10_000)
    finally:
        plateforme.fermer()


def test_une_enveloppe_mal_configuree_donne_un_message_clair(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    assert lire_enveloppe_bp(None) == 3_000_000
    assert lire_enveloppe_bp(" 2 500 000 ") == 2_500_000
    assert lire_enveloppe_bp("1_000_000") == 1_000_000
    for brut in ("3 M€", "-5", "1.5e6"):
        with pytest.raises(ConfigurationInvalide, match=VARIABLE_ENVELOPPE_BP):
            lire_enveloppe_bp(brut)
    for valeur in (0, 10**10):
        with pytest.raises(ConfigurationInvalide, match="entre 1 et"):
            Configuration(enveloppe_bp_euros=valeur)

    monkeypatch.setenv(VARIABLE_ENVELOPPE_BP, "trois millions")
    url = f"sqlite:///{tmp_path}/base.sqlite3"
    assert main(["--database-url", url, "db", "upgrade"]) == 2
    erreur = capsys.readouterr().err
    assert erreur.startswith(f"Erreur : {VARIABLE_ENVELOPPE_BP} doit être un nombre entier")
    assert len(erreur.strip().splitlines()) == 1


def test_une_date_de_realisation_future_est_refusee_sans_rien_enregistrer(
    plateforme: Plateforme, horloge: Any, participant: Acteur, agent_ville: Acteur
) -> None:
    proposition_id = deposer(plateforme, participant)
    b = plateforme.budget
    b.faire_avancer(agent_ville, proposition_id, None, S.RECEVABLE)
    b.faire_avancer(agent_ville, proposition_id, None, S.ETUDIEE, cout_reestime=60_000)
    b.faire_avancer(agent_ville, proposition_id, None, S.SOUMISE_AU_VOTE)
    b.faire_avancer(agent_ville, proposition_id, None, S.LAUREATE, voix=500)
    b.faire_avancer(agent_ville, proposition_id, None, S.EN_REALISATION)
    demain: date = (horloge.now + timedelta(days=2)).date()

    with rien_n_est_enregistre(plateforme), pytest.raises(ChampInvalide, match="futur"):
        b.faire_avancer(agent_ville, proposition_id, None, S.REALISEE, realisee_le=demain)


def test_quarante_soutiens_simultanes_sont_tous_enregistres(
    plateforme: Plateforme, participant: Acteur, creer_compte: Any
) -> None:
    """Everyone loads the same version and all but one meet a conflict: supports commute, so
    each is applied again to the new version, and nobody is told to reload."""
    proposition_id = deposer(plateforme, participant)
    soutiens = [creer_compte() for _ in range(40)]
    depart = threading.Barrier(8)

    def soutenir(qui: Acteur) -> int:
        if soutiens.index(qui) < 8:
            depart.wait()  # the first eight start together
        return plateforme.budget.soutenir(qui, proposition_id, True)

    with ThreadPoolExecutor(8) as fils:
        positions = list(fils.map(soutenir, soutiens))

    plateforme.projecteur.attendre(max(positions))
    assert plateforme.lecture.proposition_bp(proposition_id).soutiens == 40


def test_des_ecritures_simultanees_et_leurs_lectures_ne_se_bloquent_pas(
    plateforme: Plateforme, participant: Acteur, creer_compte: Any
) -> None:
    """What each web request does: save, then catch the read models up to its own event.
    Catching up used to read the log through the event store's pool while holding the
    database's write lock, and a save held that pool while waiting for the lock: with several
    threads each waited for the other until a timeout (on SQLite, an outage answered 503)."""
    propositions = [deposer(plateforme, participant) for _ in range(4)]
    residents = [creer_compte() for _ in range(8)]

    def agir(qui: Acteur) -> None:
        for tour in range(12):
            proposition_id = propositions[tour % len(propositions)]
            position = plateforme.budget.soutenir(qui, proposition_id, tour % 8 < 4)
            plateforme.projecteur.attendre(position)

    with ThreadPoolExecutor(len(residents)) as fils:
        list(fils.map(agir, residents))  # re-raises any failure of a thread

    plateforme.projecteur.rattraper()
    assert verifier(plateforme.registre, plateforme.moteur) == []
