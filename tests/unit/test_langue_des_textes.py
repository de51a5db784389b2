"""The language people write their texts in is kept with each text (proposals, comments, avis,
minutes), checked like any input, and texts written before it was asked read as French."""

from datetime import timedelta
from typing import Any

import pytest

from domaine.avis import Avis
from domaine.budget import Depot, PropositionBP
from domaine.erreurs import ChampInvalide, DonneeInvalide
from domaine.seances import Seance
from domaine.textes import langue_du_texte
from tests.unit.scenario import MAINTENANT, alors, aucun_evenement, etant_donne, historique
from tests.unit.test_avis import ARR, M
from tests.unit.test_budget import AUTRICE, ENVELOPPE, QPV_18, deposer
from tests.unit.test_comptes_rendus import ANIMATRICE, MARS, seance

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)


@pytest.mark.parametrize("etiquette", ["fr", "ar", "kab", "zh-Hant", "und", " en "])
def test_une_etiquette_bcp_47_est_acceptee(etiquette: str) -> None:
    assert langue_du_texte(etiquette) == etiquette.strip()


@pytest.mark.parametrize("etiquette", ["", "fr_FR", "FR", "x", "<b>ar</b>", "fr-" + "a" * 40])
def test_une_etiquette_mal_formee_est_refusee(etiquette: str) -> None:
    with pytest.raises(DonneeInvalide, match="langue du texte"):
        langue_du_texte(etiquette)


def test_une_proposition_et_ses_commentaires_gardent_leur_langue() -> None:
    proposition = deposer(titre="حديقة مشتركة", langue="ar")
    (depot,) = alors(proposition, PropositionBP.Deposee)
    assert (depot.langue, proposition.langue) == ("ar", "ar")

    proposition.commenter(AUTRICE, "Good idea for the school.", MAINTENANT, "en")
    proposition.commenter(AUTRICE, "Bonne idée.", MAINTENANT)

    assert [c.langue for c in proposition.commentaires] == ["en", "fr"]


def test_une_langue_mal_formee_nomme_son_champ_et_ne_depose_rien() -> None:
    depot = Depot("Bancs", "Des bancs.", QPV_18, "", "environnement", 2_000, langue="arabe")
    with pytest.raises(ChampInvalide) as refus:
        PropositionBP.deposer(18, depot, ENVELOPPE, AUTRICE, MAINTENANT)
    assert refus.value.champ == "langue"

    proposition = deposer()
    historique(proposition)
    with pytest.raises(ChampInvalide) as refus:
        proposition.commenter(AUTRICE, "Bonne idée.", MAINTENANT, "français")
    assert refus.value.champ == "langue"
    aucun_evenement(proposition)


def avis_redige(**champs: Any) -> Avis:
    avis = Avis.rediger(
        M, ARR, "auto_saisine", "Éclairage", "Le square est sombre.", "ville", "", "", "",
        MAINTENANT, **champs,
    )  # fmt: skip
    historique(avis)
    return avis


def test_un_avis_dit_la_langue_de_chaque_version() -> None:
    avis = avis_redige(langue="en")
    assert avis.versions[0].langue == "en"

    # The same words, now said to be French: a new version, so the page declares it.
    numero = avis.amender(M, "Éclairage", "Le square est sombre.", MAINTENANT, "fr")

    (version,) = alors(avis, Avis.Amende)
    assert (numero, version.langue) == (2, "fr")
    assert avis.amender(M, "Éclairage", "Le square est sombre.", MAINTENANT, "fr") == 2
    aucun_evenement(avis)


def test_un_compte_rendu_dit_sa_langue_et_ne_se_repete_pas() -> None:
    mars: Seance = seance(MARS)
    apres = MARS + timedelta(hours=2)
    mars.rediger_compte_rendu("Compte rendu", ANIMATRICE, apres)
    mars.rediger_compte_rendu("Compte rendu", ANIMATRICE, apres)  # unchanged: nothing
    mars.rediger_compte_rendu("Compte rendu", ANIMATRICE, apres, "und")

    assert [(v.numero, v.langue) for v in mars.comptes_rendus] == [(1, "fr"), (2, "und")]


def test_les_textes_ecrits_avant_la_langue_se_relisent_en_francais() -> None:
    """Stored events lack the field: the library restores an event's attributes as stored
    (no `__init__`), so the class default answers."""
    proposition = deposer()
    proposition.commenter(AUTRICE, "Bonne idée.", MAINTENANT)
    anciens = []
    for evenement in historique(proposition):
        ancien = object.__new__(type(evenement))
        etat = {k: v for k, v in evenement.__dict__.items() if k != "langue"}
        ancien.__dict__.update(etat)
        anciens.append(ancien)

    relue: PropositionBP = etant_donne(*anciens)

    assert relue.langue == "fr"
    assert [c.langue for c in relue.commentaires] == ["fr"]
