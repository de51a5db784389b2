"""Read models: rebuilt from the log they equal the incremental ones, fed exactly once."""

import threading
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import delete, text

from domaine.comptes import Acteur
from lancement.plateforme import Plateforme
from projections.projecteur import Projecteur
from projections.tables import TABLES_DE_LECTURE
from projections.verification import verifier
from stockage.moteur import creer_moteur
from stockage.tables import positions
from tests.integration.outils import DATE_SEANCE, lignes_de_lecture, planifier, rejoindre


def activite(plateforme: Plateforme, horloge: Any, creer_compte: Any) -> None:
    """Some of every kind of event, spread over a few days."""
    admin = creer_compte("admin")
    animatrice = creer_compte("animateur", 18)
    agent = creer_compte("agent_ville")
    habitante, acteur_local, mineur = creer_compte(), creer_compte(), creer_compte()
    plateforme.comptes.attribuer_role(admin, habitante.compte_id, "animateur", 20)
    plateforme.comptes.retirer_role(admin, habitante.compte_id, "animateur", 20)
    plateforme.conseils.fixer_regle_majorite(animatrice, 18, "absolue")
    plateforme.conseils.deposer_reglement(animatrice, 18, "Version 1")
    plateforme.conseils.statuer_conformite(agent, 18, 1, "non_conforme", "Parité absente")
    plateforme.conseils.deposer_reglement(animatrice, 18, "Version 2")
    plateforme.conseils.statuer_conformite(agent, 18, 2, "conforme", "")

    rejoindre(plateforme, habitante, quartier="QPV-18-GOUTTE-D-OR")
    rejoindre(
        plateforme,
        acteur_local,
        college="acteur_local",
        genre="homme",
        structure_nom="Amicale Boris Vian",
        structure_type="amicale",
    )
    rejoindre(plateforme, mineur, tranche_age="moins_de_18", consentement_parental=True)
    rejoindre(plateforme, habitante, 19, quartier="QPV-19-ALGERIE")
    horloge.avancer(days=1)
    plateforme.assemblee.quitter(mineur, 18, "manque_de_temps")
    plateforme.assemblee.quitter(habitante, 19)
    rejoindre(plateforme, habitante, 19, genre="autre")

    tenue = planifier(plateforme, animatrice)
    annulee = planifier(plateforme, animatrice, date=DATE_SEANCE + timedelta(days=7))
    plateforme.seances.reprogrammer(
        animatrice, tenue, None, DATE_SEANCE + timedelta(hours=1), "Salle Saint-Bruno", "Odj"
    )
    plateforme.seances.annuler(animatrice, annulee, None, "Grève")
    horloge.avancer(days=9)
    for membre in (habitante, acteur_local):
        plateforme.seances.changer_presence(animatrice, tenue, membre.compte_id, True)
    plateforme.seances.changer_presence(animatrice, tenue, acteur_local.compte_id, False)
    plateforme.seances.compter_anonymes(animatrice, tenue, None, 7)
    plateforme.seances.rediger_compte_rendu(animatrice, tenue, None, "Huit présents.")
    plateforme.seances.enregistrer_decision(animatrice, tenue, "Avis sur le square", 5, 1, 2)
    plateforme.seances.enregistrer_decision(animatrice, tenue, "Fête de quartier", 3, 3, 2)


def test_la_verification_ne_trouve_aucun_ecart_apres_l_activite(
    plateforme: Plateforme, horloge: Any, creer_compte: Any
) -> None:
    activite(plateforme, horloge, creer_compte)
    plateforme.projecteur.rattraper()

    assert verifier(plateforme.registre, plateforme.moteur) == []


def test_reconstruire_donne_les_memes_lignes_que_le_fil_de_l_eau(
    plateforme: Plateforme, horloge: Any, creer_compte: Any
) -> None:
    activite(plateforme, horloge, creer_compte)
    plateforme.projecteur.rattraper()
    incrementales = lignes_de_lecture(plateforme)
    assert incrementales["lecture_membres"] and incrementales["lecture_decisions"]

    position = plateforme.projecteur.reconstruire()

    assert position == plateforme.registre.position()
    assert lignes_de_lecture(plateforme) == incrementales
    assert verifier(plateforme.registre, plateforme.moteur) == []


def test_reconstruire_par_petits_lots_donne_les_memes_lignes(
    plateforme: Plateforme, horloge: Any, creer_compte: Any
) -> None:
    activite(plateforme, horloge, creer_compte)
    plateforme.projecteur.rattraper()
    incrementales = lignes_de_lecture(plateforme)

    lots: list[int] = []
    Projecteur(plateforme.registre, plateforme.moteur, taille_lot=3).reconstruire(lots.append)

    assert set(lots) <= {1, 2, 3} and sum(lots) == plateforme.registre.position()
    assert lignes_de_lecture(plateforme) == incrementales


def test_une_ligne_modifiee_a_la_main_est_signalee(
    plateforme: Plateforme, horloge: Any, creer_compte: Any
) -> None:
    activite(plateforme, horloge, creer_compte)
    plateforme.projecteur.rattraper()
    with plateforme.moteur.begin() as cnx:
        cnx.execute(text("UPDATE lecture_membres SET genre = 'homme'"))

    ecarts = verifier(plateforme.registre, plateforme.moteur)

    assert ecarts
    assert all(e.startswith("lecture_membres") for e in ecarts)
    assert any("genre" in e and "'homme'" in e and "'femme'" in e for e in ecarts)


def test_une_ligne_supprimee_a_la_main_est_signalee(
    plateforme: Plateforme, horloge: Any, creer_compte: Any
) -> None:
    activite(plateforme, horloge, creer_compte)
    plateforme.projecteur.rattraper()
    with plateforme.moteur.begin() as cnx:
        cnx.execute(text("DELETE FROM lecture_decisions WHERE numero = 2"))

    ecarts = verifier(plateforme.registre, plateforme.moteur)

    (ecart,) = ecarts
    assert ecart.startswith("lecture_decisions")
    assert "absente" in ecart and ", 2]" in ecart


def test_des_modeles_de_lecture_en_retard_sont_signales(
    plateforme: Plateforme, participant: Acteur
) -> None:
    plateforme.projecteur.rattraper()
    rejoindre(plateforme, participant)
    assert plateforme.projecteur.en_retard() == 1

    assert verifier(plateforme.registre, plateforme.moteur)

    plateforme.projecteur.rattraper()
    assert plateforme.projecteur.en_retard() == 0
    assert verifier(plateforme.registre, plateforme.moteur) == []


def test_rattraper_deux_fois_ne_duplique_aucune_ligne(
    plateforme: Plateforme, horloge: Any, creer_compte: Any
) -> None:
    activite(plateforme, horloge, creer_compte)
    premiere = plateforme.projecteur.rattraper()
    lignes = lignes_de_lecture(plateforme)

    seconde = plateforme.projecteur.rattraper()
    plateforme.projecteur.attendre(premiere)

    assert premiere == seconde == plateforme.registre.position()
    assert lignes_de_lecture(plateforme) == lignes


def test_un_second_processus_sur_la_meme_base_ne_rejoue_pas_les_evenements(
    plateforme: Plateforme, configuration: Any, horloge: Any, participant: Acteur
) -> None:
    position = rejoindre(plateforme, participant)
    plateforme.projecteur.attendre(position)
    lignes = lignes_de_lecture(plateforme)

    autre = Plateforme(configuration, horloge=horloge)
    try:
        autre.migrer()
        assert autre.registre.position() == position  # councils were not instituted again
        assert autre.projecteur.rattraper() == position
        assert lignes_de_lecture(autre) == lignes
        assert autre.lecture.effectifs()[18].total == 1
    finally:
        autre.fermer()


def _en_parallele(plateforme: Plateforme, configuration: Any, nombre: int) -> list[str]:
    """`nombre` projectors, each with its own engine (as separate workers), all at once."""
    erreurs: list[str] = []
    moteurs = [creer_moteur(configuration) for _ in range(nombre)]
    depart = threading.Barrier(nombre)

    def projeter(moteur: Any) -> None:
        try:
            depart.wait()
            Projecteur(plateforme.registre, moteur, taille_lot=5).rattraper()
        except Exception as exc:
            erreurs.append(repr(exc))

    fils = [threading.Thread(target=projeter, args=(m,)) for m in moteurs]
    for f in fils:
        f.start()
    for f in fils:
        f.join(timeout=60)
    for m in moteurs:
        m.dispose()
    return erreurs


def test_des_projecteurs_concurrents_ne_traitent_chaque_evenement_qu_une_fois(
    plateforme: Plateforme, configuration: Any, creer_compte: Any
) -> None:
    """Regression: on SQLite, two projectors read the same position and the second one
    crashed with a UNIQUE constraint error instead of starting again."""
    plateforme.projecteur.rattraper()
    for arrondissement in (10, 18, 19, 20):
        for _ in range(4):
            rejoindre(plateforme, creer_compte(), arrondissement)

    assert _en_parallele(plateforme, configuration, 3) == []
    assert plateforme.projecteur.position() == plateforme.registre.position()
    assert verifier(plateforme.registre, plateforme.moteur) == []


def test_des_projecteurs_concurrents_reconstruisent_depuis_zero_sans_erreur(
    plateforme: Plateforme, configuration: Any, creer_compte: Any
) -> None:
    for _ in range(6):
        rejoindre(plateforme, creer_compte())
    with plateforme.moteur.begin() as cnx:
        for table in reversed(TABLES_DE_LECTURE):
            cnx.execute(delete(table))
        cnx.execute(delete(positions))

    assert _en_parallele(plateforme, configuration, 3) == []
    assert verifier(plateforme.registre, plateforme.moteur) == []


def test_une_ligne_ajoutee_a_la_main_est_signalee(
    plateforme: Plateforme, participant: Acteur, horloge: Any
) -> None:
    plateforme.projecteur.rattraper()
    with plateforme.moteur.begin() as cnx:
        cnx.execute(
            text(
                "INSERT INTO lecture_roles (personne_id, role, arrondissement, depuis) "
                "VALUES (:p, 'admin', 0, :d)"
            ),
            {"p": str(participant.compte_id), "d": horloge.now},
        )

    (ecart,) = verifier(plateforme.registre, plateforme.moteur)
    assert ecart.startswith("lecture_roles") and "en trop" in ecart


@pytest.mark.parametrize("configuration", ["postgres"], indirect=True)
def test_apres_une_reconstruction_postgresql_a_ses_statistiques(
    plateforme: Plateforme, participant: Acteur
) -> None:
    """A rebuild leaves dead row versions and no statistics; lists then read hundreds of
    megabytes. It vacuums and analyses every read model itself."""
    rejoindre(plateforme, participant, 18)
    plateforme.projecteur.reconstruire()
    with plateforme.moteur.connect() as cnx:
        sans = cnx.execute(
            text(
                "SELECT relname FROM pg_stat_user_tables WHERE relname LIKE 'lecture_%' "
                "AND (last_vacuum IS NULL OR last_analyze IS NULL)"
            )
        ).scalars()
        assert list(sans) == []
