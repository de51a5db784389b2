"""Joining, leaving and joining again, through the use cases and the read model."""

from collections import Counter

from domaine.comptes import Acteur
from participation.plateforme import Plateforme
from tests.integration.outils import rejoindre


def test_la_plateforme_institue_les_huit_conseils(plateforme: Plateforme) -> None:
    assert plateforme.registre.position() == 8
    assert plateforme.projecteur.position() == 8
    assert plateforme.lecture.conseil(18).regle_majorite == "simple"
    assert plateforme.lecture.effectifs() == {}


def test_migrer_une_seconde_fois_ne_change_rien(plateforme: Plateforme) -> None:
    plateforme.migrer()
    assert plateforme.registre.position() == 8


def test_rejoindre_quitter_et_revenir_se_voit_dans_les_effectifs(
    plateforme: Plateforme, participant: Acteur, creer_compte
) -> None:
    position = rejoindre(plateforme, participant)
    plateforme.projecteur.attendre(position)

    effectifs = plateforme.lecture.effectifs()
    assert set(effectifs) == {18}
    assert effectifs[18].total == 1
    assert effectifs[18].par_college == Counter({"habitant": 1})
    assert effectifs[18].par_genre == Counter({"femme": 1})
    assert effectifs[18].par_quartier == Counter({"hors_qpv": 1})

    acteur_local = creer_compte()
    position = rejoindre(
        plateforme,
        acteur_local,
        college="acteur_local",
        genre="homme",
        quartier="hors_qpv",
        structure_nom="Association Salle Saint-Bruno",
        structure_type="association",
    )
    plateforme.projecteur.attendre(position)
    effectifs = plateforme.lecture.effectifs(18)
    assert effectifs[18].total == 2
    assert effectifs[18].par_college_genre == Counter(
        {("habitant", "femme"): 1, ("acteur_local", "homme"): 1}
    )

    position = plateforme.assemblee.quitter(participant, 18, "demenagement")
    plateforme.projecteur.attendre(position)
    assert plateforme.lecture.effectifs()[18].par_college == Counter({"acteur_local": 1})
    ligne = plateforme.lecture.adhesion(18, participant.compte_id)
    assert (ligne.actif, ligne.motif_sortie, ligne.nombre_entrees) == (False, "demenagement", 1)
    assert ligne.sorti_le is not None

    position = rejoindre(plateforme, participant, genre="autre")
    plateforme.projecteur.attendre(position)
    ligne = plateforme.lecture.adhesion(18, participant.compte_id)
    assert (ligne.actif, ligne.motif_sortie, ligne.sorti_le) == (True, None, None)
    assert (ligne.nombre_entrees, ligne.genre) == (2, "autre")
    assert plateforme.lecture.effectifs()[18].total == 2
