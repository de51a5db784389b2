"""Time travel: a council as it stood at any past instant, replayed from the log."""

from datetime import timedelta
from typing import Any

import pytest

from domaine.comptes import Acteur
from domaine.erreurs import DonneeInvalide
from domaine.vocabulaire import RegleMajorite, StatutConformite, StatutSeance
from lancement.plateforme import Plateforme
from tests.integration.outils import DATE_SEANCE, planifier, rejoindre

UNE_SECONDE = timedelta(seconds=1)


def ids(etat: Any) -> set[Any]:
    return {m.personne_id for m in etat.membres}


def test_l_etat_d_un_conseil_a_des_instants_passes(
    plateforme: Plateforme,
    horloge: Any,
    creer_compte: Any,
    animateur_18: Acteur,
    agent_etat: Acteur,
) -> None:
    alice, bilal = creer_compte(), creer_compte()
    historique = plateforme.historique

    t_alice = horloge.now
    rejoindre(plateforme, alice)
    t_bilal = horloge.avancer(days=1)
    rejoindre(
        plateforme,
        bilal,
        college="acteur_local",
        genre="homme",
        structure_nom="École Richomme",
        structure_type="ecole",
    )
    rejoindre(plateforme, alice, 19)  # another council: never in the 18e's state
    t_seance = horloge.avancer(days=1)
    seance_id = planifier(plateforme, animateur_18)
    plateforme.conseils.fixer_regle_majorite(animateur_18, 18, "deux_tiers")
    plateforme.conseils.deposer_reglement(animateur_18, 18, "Article 1.")
    t_depart = horloge.avancer(days=1)
    plateforme.assemblee.quitter(alice, 18, "demenagement")
    plateforme.seances.reprogrammer(
        animateur_18, seance_id, None, DATE_SEANCE + timedelta(hours=2), "Salle B", "Odj 2"
    )
    plateforme.conseils.statuer_conformite(agent_etat, 18, 1, "conforme", "")
    t_seance_tenue = horloge.avancer(days=8)
    plateforme.seances.changer_presence(animateur_18, seance_id, bilal.compte_id, True)
    plateforme.seances.enregistrer_decision(animateur_18, seance_id, "Avis", 2, 1, 0)
    t_retour = horloge.avancer(days=30)
    rejoindre(plateforme, alice, genre="autre")

    avant = historique.etat_au(18, t_alice - UNE_SECONDE)
    assert avant.membres == () and avant.seances == ()
    assert avant.reglement is None

    assert ids(historique.etat_au(18, t_alice)) == {alice.compte_id}
    assert ids(historique.etat_au(18, t_bilal - UNE_SECONDE)) == {alice.compte_id}
    deux = historique.etat_au(18, t_bilal)
    assert ids(deux) == {alice.compte_id, bilal.compte_id}
    (b,) = [m for m in deux.membres if m.personne_id == bilal.compte_id]
    assert (b.college, b.structure_nom, b.structure_type) == (
        "acteur_local",
        "École Richomme",
        "ecole",
    )
    assert deux.seances == ()
    assert deux.regle_majorite == RegleMajorite.SIMPLE

    planifiee = historique.etat_au(18, t_seance)
    (s,) = planifiee.seances
    assert (s.seance_id, s.date, s.lieu, s.statut) == (
        seance_id,
        DATE_SEANCE,
        "Centre Barbara",
        StatutSeance.PLANIFIEE,
    )
    assert planifiee.regle_majorite == RegleMajorite.DEUX_TIERS
    assert planifiee.reglement == (1, StatutConformite.EN_ATTENTE)

    apres_depart = historique.etat_au(18, t_depart)
    assert ids(apres_depart) == {bilal.compte_id}
    (s,) = apres_depart.seances
    assert (s.date, s.lieu) == (DATE_SEANCE + timedelta(hours=2), "Salle B")
    assert s.presents == frozenset() and s.decisions == ()
    assert apres_depart.reglement == (1, StatutConformite.CONFORME)

    tenue = historique.etat_au(18, t_seance_tenue)
    (s,) = tenue.seances
    assert s.presents == {bilal.compte_id}
    (d,) = s.decisions
    assert (d.pour, d.contre, d.adoptee, d.regle) == (2, 1, True, RegleMajorite.DEUX_TIERS)

    assert ids(historique.etat_au(18, t_retour - UNE_SECONDE)) == {bilal.compte_id}
    maintenant = historique.etat_au(18, t_retour)
    assert ids(maintenant) == {alice.compte_id, bilal.compte_id}
    (a,) = [m for m in maintenant.membres if m.personne_id == alice.compte_id]
    assert a.genre == "autre"

    assert ids(historique.etat_au(19, t_retour)) == {alice.compte_id}
    assert historique.etat_au(19, t_retour).seances == ()


def test_l_etat_passe_exige_un_instant_avec_fuseau_et_un_conseil_existant(
    plateforme: Plateforme, horloge: Any
) -> None:
    with pytest.raises(DonneeInvalide, match="fuseau horaire"):
        plateforme.historique.etat_au(18, horloge.now.replace(tzinfo=None))
    with pytest.raises(DonneeInvalide, match="pas de conseil citoyen dans le 12e"):
        plateforme.historique.etat_au(12, horloge.now)
