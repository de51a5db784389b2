"""A tirage in the log: announced with its commitment, drawn once, substitutes called in order."""

from typing import Any
from uuid import UUID, uuid4

import pytest

from domaine.erreurs import DonneeInvalide, EtatIncompatible
from domaine.tirages import Tirage
from tests.unit.scenario import MAINTENANT, alors, historique, plus_tard, refuse
from tirage.loterie import annoncer
from tirage.vivier import Candidat, Quotas

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)

ANIMATRICE = UUID("00000000-0000-4000-8000-0000000000b1")


def vivier() -> list[Candidat]:
    gens = []
    for i in range(24):
        college = "acteur_local" if i % 3 == 0 else "habitant"
        gens.append(
            Candidat(f"c{i:02d}", college, "femme" if i % 2 else "homme", "hors_qpv", "oui")
        )
    return gens


def annonce() -> dict[str, Any]:
    quotas = Quotas(
        6,
        {
            "college": {"habitant": (4, 4), "acteur_local": (2, 2)},
            "genre": {"femme": (3, 3), "homme": (3, 3)},
        },
    )
    return annoncer(vivier(), quotas, 100, "deux dés")


def tirage_annonce() -> Tirage:
    t = Tirage.annoncer(uuid4(), 18, annonce(), ANIMATRICE, MAINTENANT)
    historique(t)
    return t


def test_une_annonce_alteree_est_refusee() -> None:
    document = annonce()
    document["taille"] = 5
    with pytest.raises(DonneeInvalide, match="engagement"):
        Tirage.annoncer(uuid4(), 18, document, ANIMATRICE, MAINTENANT)


def test_le_tirage_suit_le_hasard_et_ne_se_refait_pas() -> None:
    t = tirage_annonce()

    selection = t.effectuer("4, 2", ["Awa D.", ""], ANIMATRICE, plus_tard(days=1))

    (evenement,) = alors(t, Tirage.Effectue)
    assert (evenement.ticket, evenement.methode, evenement.temoins) == (42, "des", ["Awa D."])
    assert evenement.selection == selection and len(selection) == 6
    refuse(
        t,
        lambda: t.effectuer("1,1", ["X"], ANIMATRICE, MAINTENANT),
        EtatIncompatible,
        "déjà été effectué",
    )


def test_un_tirage_sans_temoin_est_refuse() -> None:
    t = tirage_annonce()
    refuse(t, lambda: t.effectuer("4,2", [" "], ANIMATRICE, MAINTENANT), DonneeInvalide, "témoin")


def test_le_suppleant_appele_est_du_meme_college_et_genre_d_abord() -> None:
    t = tirage_annonce()
    selection = t.effectuer("4,2", ["Awa D."], ANIMATRICE, MAINTENANT)
    historique(t)
    sortant = selection[0]
    restants = selection[1:]

    entrant = t.prochain_suppleant(sortant, restants)

    assert entrant is not None
    assert (t.traits(entrant)["college"], t.traits(entrant)["genre"]) == (
        t.traits(sortant)["college"],
        t.traits(sortant)["genre"],
    )
    premier_du_meme_type = next(
        s
        for s in t.record()["suppleants"]
        if (t.traits(s)["college"], t.traits(s)["genre"])
        == (t.traits(sortant)["college"], t.traits(sortant)["genre"])
    )
    assert entrant == premier_du_meme_type


def test_quand_personne_ne_tient_les_quotas_il_n_y_a_pas_de_suppleant() -> None:
    t = tirage_annonce()
    selection = t.effectuer("4,2", ["Awa D."], ANIMATRICE, MAINTENANT)
    historique(t)
    for s in t.record()["suppleants"]:
        t.appeler(s, selection[0], ANIMATRICE, MAINTENANT)

    assert t.prochain_suppleant(selection[0], selection[1:]) is None


def test_des_quotas_changes_par_l_animateur_se_voient_dans_le_journal() -> None:
    document = annonce()
    proposes = {"taille": 6, "quotas": {"college": {"acteur_local": [2, 2], "habitant": [4, 4]}}}

    t = Tirage.annoncer(uuid4(), 18, document, ANIMATRICE, MAINTENANT, proposes)

    (evenement,) = alors(t, Tirage.Annonce)
    assert evenement.quotas_proposes == proposes
    assert t.quotas_modifies  # the announced quotas also constrain gender
    identiques = {"taille": 6, "quotas": document["quotas"]}
    assert not Tirage.annoncer(
        uuid4(), 18, document, ANIMATRICE, MAINTENANT, identiques
    ).quotas_modifies
