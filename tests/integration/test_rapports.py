"""The annual report: the same bytes from the read models and from the raw log, "as of"
31 December whatever happened since, small groups masked, duties recorded, bad input refused."""

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

import pytest
from sqlalchemy import select, update

from domaine.comptes import Acteur
from domaine.erreurs import ActionInterdite, DonneeInvalide, EtatIncompatible, Introuvable
from lancement.plateforme import Plateforme
from projections.ouvertures import decoder, encoder
from projections.tables import ouvertures
from rapports.formats import en_json
from tests.conftest import HorlogeReglable
from tests.integration.outils import planifier, rejoindre

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)


def les_deux(plateforme: Plateforme, annee: int, conseil: int | None = None) -> bytes:
    """The report from the read models, checked equal to the one recomputed from events."""
    lecture = en_json(plateforme.rapports.annuel(annee, conseil))
    evenements = en_json(plateforme.rapports.annuel(annee, conseil, depuis_evenements=True))
    assert lecture == evenements
    return lecture


def une_annee_d_activite(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    creer_compte: Callable[..., Acteur],
    animateur: Acteur,
) -> list[Acteur]:
    """2026 in the 18e: seven people join (three women), one leaves, a séance is held with
    four of them present and a decision adopted."""
    horloge.now = datetime(2026, 2, 1, 10, tzinfo=UTC)
    gens = []
    for i in range(7):
        personne = creer_compte()
        rejoindre(plateforme, personne, genre="femme" if i < 3 else "homme")
        gens.append(personne)
    seance_id = planifier(plateforme, animateur, date=datetime(2026, 3, 10, 18, tzinfo=UTC))
    horloge.now = datetime(2026, 3, 10, 20, tzinfo=UTC)
    for personne in gens[:4]:
        plateforme.seances.changer_presence(animateur, seance_id, personne.compte_id, True)
    plateforme.seances.compter_anonymes(animateur, seance_id, None, 6)
    plateforme.seances.enregistrer_decision(
        animateur, seance_id, "Adopter l'ordre du jour", 9, 1, 0
    )
    horloge.now = datetime(2026, 6, 1, 10, tzinfo=UTC)
    plateforme.assemblee.quitter(gens[6], 18, "demenagement")
    return gens


def test_le_rapport_compte_l_annee_et_masque_les_petits_effectifs(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    creer_compte: Callable[..., Acteur],
    animateur_18: Acteur,
) -> None:
    une_annee_d_activite(plateforme, horloge, creer_compte, animateur_18)
    horloge.now = datetime(2027, 1, 1, 0, 30, tzinfo=UTC)
    import json

    rapport = json.loads(les_deux(plateforme, 2026, 18))
    assert rapport["schema"] == "participation-rapport-annuel/1" and not rapport["partiel"]
    assemblee = rapport["conseils"][0]["assemblee"]
    assert assemblee["au_1er_janvier"]["total"] == 0
    assert assemblee["entrees"]["total"] == 7 and assemblee["sorties"]["total"] == 1
    assert assemblee["au_31_decembre"]["total"] == 6
    assert assemblee["au_31_decembre"]["par_genre"] == {"femme": "< 5", "homme": "< 5"}
    assert assemblee["entrees"]["par_genre"] == {"femme": "< 5", "homme": "< 5"}
    assert assemblee["entrees"]["par_college"] == {"habitant": 7}
    assert assemblee["participants_uniques"]["total"] == 4
    seances = rapport["conseils"][0]["seances"]
    assert seances["tenues"] == 1 and seances["decisions"] == {"adoptees": 1, "rejetees": 0}
    assert seances["participation"]["moyenne"] == 10.0  # four signed in and six anonymous


def test_un_rapport_passe_ne_change_plus_quoi_qu_il_arrive_ensuite(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    creer_compte: Callable[..., Acteur],
    animateur_18: Acteur,
    agent_ville: Acteur,
) -> None:
    gens = une_annee_d_activite(plateforme, horloge, creer_compte, animateur_18)
    horloge.now = datetime(2027, 1, 1, 0, 30, tzinfo=UTC)  # just after the year's end
    au_31_decembre = les_deux(plateforme, 2026)

    # 2027: people come and go, the 2026 séance's attendance sheet is corrected, a review is
    # recorded late: none of it changes the 2026 report.
    horloge.now = datetime(2027, 3, 1, 10, tzinfo=UTC)
    rejoindre(plateforme, creer_compte())
    plateforme.assemblee.quitter(gens[0], 18, "")
    seance_id = plateforme.lecture.seances(18, horloge.now, a_venir=False)[0].seance_id
    plateforme.seances.changer_presence(animateur_18, UUID(seance_id), gens[5].compte_id, True)
    plateforme.conseils.enregistrer_bilan_annuel(agent_ville, 18, 2026, date(2027, 2, 15))
    assert les_deux(plateforme, 2026) == au_31_decembre
    assert les_deux(plateforme, 2027) != au_31_decembre


def test_une_annee_sans_donnees_donne_un_rapport_vide_mais_valide(plateforme: Plateforme) -> None:
    import json

    rapport = json.loads(les_deux(plateforme, 2016))
    assert rapport["vide"] is True and "Aucune activité" in rapport["message"]
    assert [c["arrondissement"] for c in rapport["conseils"]] == [10, 11, 13, 14, 17, 18, 19, 20]
    assert rapport["paris"]["assemblee"]["au_31_decembre"]["total"] == 0


def test_une_annee_a_venir_ou_un_conseil_inconnu_sont_refuses(plateforme: Plateforme) -> None:
    with pytest.raises(DonneeInvalide, match="année à venir"):
        plateforme.rapports.annuel(2031)
    with pytest.raises(Introuvable, match="pas de conseil citoyen dans le 12e"):
        plateforme.rapports.annuel(2026, 12)


def test_les_obligations_de_la_ville_et_de_l_etat_figurent_au_rapport(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    animateur_18: Acteur,
    agent_ville: Acteur,
    agent_etat: Acteur,
    participant: Acteur,
) -> None:
    import json

    horloge.now = datetime(2026, 11, 20, 10, tzinfo=UTC)
    plateforme.conseils.enregistrer_bilan_annuel(agent_ville, 18, 2026, date(2026, 11, 18))
    # Steering committees counted before the bodies of the contract existed (an old log).
    conseil = plateforme.conseils.conseil(18)
    conseil.enregistrer_copil(
        "copil_parisien", date(2026, 6, 3), 2, agent_etat.compte_id, horloge.now
    )
    conseil.enregistrer_copil(
        "copil_arrondissement", date(2026, 10, 7), 3, animateur_18.compte_id, horloge.now
    )
    plateforme.registre.enregistrer(conseil)
    with pytest.raises(EtatIncompatible, match="déjà enregistré"):
        plateforme.conseils.enregistrer_bilan_annuel(agent_ville, 18, 2026, date(2026, 11, 19))
    with pytest.raises(ActionInterdite):
        plateforme.conseils.enregistrer_bilan_annuel(participant, 18, 2026, date(2026, 11, 19))
    horloge.now += timedelta(days=60)
    rapport = json.loads(les_deux(plateforme, 2026))
    obligations = rapport["conseils"][5]["obligations"]
    assert obligations["bilan_ville_presente_le"] == "2026-11-18"
    assert obligations["bilan_etat_presente_le"] is None
    assert [c["representants"] for c in obligations["comites_de_pilotage"]] == [2, 3]
    assert rapport["paris"]["obligations"]["conseils_bilan_ville"] == 1


def test_le_rapport_part_de_l_etat_enregistre_au_1er_janvier_tant_qu_il_est_a_jour(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    creer_compte: Callable[..., Acteur],
    animateur_18: Acteur,
) -> None:
    """The 2027 report reads only 2027's facts, starting from the stored state of 1 January;
    a stored state that no longer matches the facts before that day is folded again."""
    gens = une_annee_d_activite(plateforme, horloge, creer_compte, animateur_18)
    horloge.now = datetime(2027, 3, 1, 10, tzinfo=UTC)
    rejoindre(plateforme, creer_compte(), genre="femme")
    plateforme.assemblee.quitter(gens[1], 18, "")
    horloge.now = datetime(2028, 1, 1, 0, 30, tzinfo=UTC)

    premier = les_deux(plateforme, 2027)  # folds the history before 2027 and stores it
    with plateforme.moteur.connect() as cnx:
        stocke = cnx.execute(select(ouvertures).where(ouvertures.c.annee == 2027)).one()
    assert les_deux(plateforme, 2027) == premier  # from the stored state

    faux = decoder(stocke.etat)
    for adhesion in faux.adhesions.values():
        adhesion.membre = False  # nobody in the assembly on 1 January
    with plateforme.moteur.begin() as cnx:
        cnx.execute(update(ouvertures).values(etat=encoder(faux)))
    assert en_json(plateforme.rapports.annuel(2027)) != premier  # the stored state is used

    with plateforme.moteur.begin() as cnx:
        cnx.execute(update(ouvertures).values(faits=stocke.faits - 1))  # as if facts changed
    assert les_deux(plateforme, 2027) == premier
    with plateforme.moteur.connect() as cnx:
        assert cnx.execute(select(ouvertures.c.faits)).scalar_one() == stocke.faits

    plateforme.projecteur.reconstruire()
    with plateforme.moteur.connect() as cnx:
        assert cnx.execute(select(ouvertures)).all() == []  # a cache: emptied on rebuild
    assert les_deux(plateforme, 2027) == premier
