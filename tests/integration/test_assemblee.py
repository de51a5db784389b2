"""Joining, leaving and joining again, through the use cases and the read model."""

import re
from collections import Counter
from collections.abc import Callable
from html import unescape as lisible

from domaine.comptes import Acteur
from lancement.plateforme import Plateforme
from rapports.formats import rendre_fragment
from tests.conftest import HorlogeReglable
from tests.integration.outils import rejoindre

NSP = "ne_se_prononce_pas"


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


def test_ne_se_prononce_pas_est_compte_explicitement_dans_le_rapport(
    plateforme: Plateforme, horloge: HorlogeReglable, creer_compte: Callable[..., Acteur]
) -> None:
    """Five people keep their gender and age band to themselves: the report counts them as
    such (never as women aged 25-39), the gender split of the others unchanged."""
    for _ in range(5):
        rejoindre(plateforme, creer_compte(), genre="ne_se_prononce_pas", tranche_age=NSP)
    for genre in ("femme", "homme") * 3:
        rejoindre(plateforme, creer_compte(), genre=genre, tranche_age="40_59")
    annee = horloge.now.year

    rapport = plateforme.rapports.annuel(annee, 18)
    membres = rapport["conseils"][0]["assemblee"]["au_31_decembre"]

    assert membres["total"] == 11
    assert membres["par_genre"] == {"femme": "< 5", "homme": "< 5", NSP: 5}
    assert membres["par_tranche_age"] == {"40_59": 6, NSP: 5}
    tableau = lisible(str(rendre_fragment(rapport)))
    assert "Ne se prononce pas (18 ans ou plus)" in tableau
    assert "Ne se prononce pas" in tableau


def test_le_tableau_du_rapport_montre_ne_se_prononce_pas_meme_a_zero(
    plateforme: Plateforme, horloge: HorlogeReglable, creer_compte: Callable[..., Acteur]
) -> None:
    rejoindre(plateforme, creer_compte())

    rapport = plateforme.rapports.annuel(horloge.now.year, 18)
    html = lisible(str(rendre_fragment(rapport)))

    assert rapport["conseils"][0]["assemblee"]["au_31_decembre"]["par_genre"] == {"femme": "< 5"}
    for libelle in ("Ne se prononce pas", "Ne se prononce pas (18 ans ou plus)"):
        ligne = re.search(rf"<th[^>]*>{re.escape(libelle)}</th>(.*?)</tr>", html, re.S)
        assert ligne, libelle
        assert re.findall(r">(\d+)<", ligne.group(1)) == ["0"] * 5  # each head count: zero
