"""A tirage in the log: announced with its commitment, drawn once, substitutes called in order."""

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest

from domaine.erreurs import ChampInvalide, DonneeInvalide, EtatIncompatible
from domaine.temps import PARIS, a_paris
from domaine.tirages import Tirage, quotas_modifies
from tests.unit.scenario import MAINTENANT, alors, historique, plus_tard, refuse
from tirage.loterie import annoncer
from tirage.verification import verifier
from tirage.vivier import Candidat, Quotas

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)

ANIMATRICE = UUID("00000000-0000-4000-8000-0000000000b1")
SEANCE = a_paris(MAINTENANT + timedelta(days=7))  # the séance where the dice are thrown


def vivier() -> list[Candidat]:
    gens = []
    for i in range(24):
        college = "acteur_local" if i % 3 == 0 else "habitant"
        gens.append(
            Candidat(f"c{i:02d}", college, "femme" if i % 2 else "homme", "hors_qpv", "oui")
        )
    return gens


def annonce(hasard_le: datetime | None = SEANCE) -> dict[str, Any]:
    quotas = Quotas(
        6,
        {
            "college": {"habitant": (4, 4), "acteur_local": (2, 2)},
            "genre": {"femme": (3, 3), "homme": (3, 3)},
        },
    )
    return annoncer(vivier(), quotas, 100, "deux dés", hasard_le)


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

    selection = t.effectuer("4, 2", ["Awa D.", ""], ANIMATRICE, plus_tard(days=7, minutes=45))

    (evenement,) = alors(t, Tirage.Effectue)
    assert (evenement.ticket, evenement.methode, evenement.temoins) == (42, "des", ["Awa D."])
    assert evenement.selection == selection and len(selection) == 6
    refuse(
        t,
        lambda: t.effectuer("1,1", ["X"], ANIMATRICE, plus_tard(days=8)),
        EtatIncompatible,
        "déjà été effectué",
    )


def test_un_tirage_sans_temoin_est_refuse() -> None:
    t = tirage_annonce()
    refuse(t, lambda: t.effectuer("4,2", [" "], ANIMATRICE, SEANCE), DonneeInvalide, "témoin")


def test_le_suppleant_appele_est_du_meme_college_et_genre_d_abord() -> None:
    t = tirage_annonce()
    selection = t.effectuer("4,2", ["Awa D."], ANIMATRICE, SEANCE)
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
    selection = t.effectuer("4,2", ["Awa D."], ANIMATRICE, SEANCE)
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
    assert quotas_modifies(t.annonce, t.quotas_proposes)  # announced ones also constrain gender
    identiques = {"taille": 6, "quotas": document["quotas"]}
    assert not quotas_modifies(document, identiques)
    assert not quotas_modifies(document, None)  # announced before defaults were recorded


# --- the announced time of the public randomness ---------------------------------------------


def test_un_tirage_ne_s_effectue_pas_avant_l_heure_annoncee_du_hasard() -> None:
    """Announced on 2 March for the séance of 9 March at 11:00 (Paris): drawing on 6 March,
    or at 10:59 on the day, is refused with the announced time; at 11:00 it is drawn."""
    t = tirage_annonce()

    erreur = refuse(
        t,
        lambda: t.effectuer("4,2", ["Awa D."], ANIMATRICE, plus_tard(days=4)),
        EtatIncompatible,
        "annoncé pour le",
    )
    assert erreur.message.startswith(
        "Ce tirage est annoncé pour le lundi 9 mars 2026 à 11 h 00 (heure de Paris) : le "
        "hasard public ne peut pas être saisi avant."
    )
    refuse(
        t,
        lambda: t.effectuer("4,2", ["Awa D."], ANIMATRICE, SEANCE - timedelta(minutes=1)),
        EtatIncompatible,
        "11 h 00",
    )

    t.effectuer("4,2", ["Awa D."], ANIMATRICE, SEANCE)

    (evenement,) = alors(t, Tirage.Effectue)
    assert evenement.heure == "2026-03-09T11:00:00+01:00"
    record = t.record()
    assert record["tirage"]["le"] == evenement.heure
    assert record["hasard_prevu_le"] == "2026-03-09T11:00:00+01:00"
    assert verifier(record).correct


def test_l_heure_du_hasard_est_a_venir_et_dans_l_annee() -> None:
    for heure, motif in [
        (a_paris(MAINTENANT), "doivent être à venir"),
        (a_paris(MAINTENANT - timedelta(days=1)), "doivent être à venir"),
        (a_paris(MAINTENANT + timedelta(days=400)), "au plus un an à l'avance"),
    ]:
        with pytest.raises(ChampInvalide, match=motif) as erreur:
            Tirage.annoncer(uuid4(), 18, annonce(heure), ANIMATRICE, MAINTENANT)
        assert erreur.value.champ == "hasard_le"
    with pytest.raises(ChampInvalide, match="fixer la date et l'heure") as sans_heure:
        Tirage.annoncer(uuid4(), 18, annonce(None), ANIMATRICE, MAINTENANT)
    assert sans_heure.value.champ == "hasard_le"


def test_un_tirage_annonce_avant_la_regle_se_tire_sans_heure() -> None:
    """Format 1 announcements, in the log from before, carry no time: nothing to wait for."""
    t: Tirage = Tirage._create(  # as replayed from the log: today's rules are not re-run
        Tirage.Annonce,
        id=uuid4(),
        arrondissement=18,
        annonce=annonce(None),
        par=ANIMATRICE,
        timestamp=MAINTENANT,
    )
    historique(t)
    assert t.hasard_le is None

    t.effectuer("4,2", ["Awa D."], ANIMATRICE, MAINTENANT)

    (evenement,) = alors(t, Tirage.Effectue)
    assert evenement.heure == "" and "le" not in t.record()["tirage"]
    assert verifier(t.record()).correct


def test_l_heure_annoncee_est_celle_de_paris_en_ete_comme_en_hiver() -> None:
    ete = datetime(2026, 7, 1, 18, 30, tzinfo=PARIS)
    document = annonce(ete)
    assert document["hasard_prevu_le"] == "2026-07-01T18:30:00+02:00"
    t = Tirage.annoncer(uuid4(), 18, document, ANIMATRICE, MAINTENANT)
    historique(t)
    refuse(
        t,
        lambda: t.effectuer("4,2", ["Awa"], ANIMATRICE, ete - timedelta(seconds=1)),
        EtatIncompatible,
        "mercredi 1 juillet 2026 à 18 h 30",
    )
