"""The bodies of the contrat de ville and the councils' mandates: designation by decision or by a
tirage, substitutes and renewal, early end, meetings, attendance and reports back; refusals."""

from datetime import date, timedelta
from uuid import UUID

import pytest

from domaine.budget import DecisionDuConseil
from domaine.erreurs import ChampInvalide, DonneeInvalide, EtatIncompatible
from domaine.instances import (
    Delegation,
    Designe,
    Instance,
    Mandat,
    id_delegation,
    id_instance_unique,
)
from tests.unit.scenario import MAINTENANT, alors, etant_donne, historique, plus_tard, refuse

pytestmark = pytest.mark.calendrier

AGENT = UUID("00000000-0000-4000-8000-0000000000a9")
ANIMATRICE = UUID("00000000-0000-4000-8000-0000000000aa")
AICHA = UUID("00000000-0000-4000-8000-0000000000b1")
BRUNO = UUID("00000000-0000-4000-8000-0000000000b2")
HORS = UUID("00000000-0000-4000-8000-0000000000b3")
MEMBRES = {AICHA, BRUNO}
DECISION = DecisionDuConseil(UUID("00000000-0000-4000-8000-0000000000c1"), 1)
AUJOURD_HUI = MAINTENANT.date()
UN_AN = AUJOURD_HUI + timedelta(days=364)


def _ids(n: int, debut: int = 0x100) -> list[UUID]:
    return [UUID(int=debut + i) for i in range(n)]


def _instance(arrondissement: int = 18) -> Instance:
    instance = Instance.creer(
        UUID(int=0x51), "comite_technique", "Comité technique", arrondissement, AGENT, MAINTENANT
    )
    return etant_donne(*historique(instance))


def _delegation() -> Delegation:
    return etant_donne(*historique(Delegation.ouvrir(18, MAINTENANT)))


def _designer(
    delegation: Delegation,
    instance: Instance,
    designes: list[Designe],
    debut: date = AUJOURD_HUI,
    fin: date = UN_AN,
) -> list[str]:
    return delegation.designer(
        instance, designes, debut, fin, MEMBRES, _ids(len(designes), 0x200 + len(delegation.mandats)),
        ANIMATRICE, MAINTENANT, decision=DECISION,
    )  # fmt: skip


def test_les_comites_de_pilotage_ont_un_identifiant_fixe_par_leur_type() -> None:
    assert id_instance_unique("copil_parisien", 0) == id_instance_unique("copil_parisien", 0)
    assert id_instance_unique("copil_arrondissement", 18) != id_instance_unique(
        "copil_arrondissement", 19
    )
    assert id_instance_unique("comite_technique", 18) is None
    refuse(
        None,
        lambda: Instance.creer(UUID(int=1), "copil_parisien", "Copil", 18, AGENT, MAINTENANT),
        ChampInvalide,
        "pour Paris",
    )
    refuse(
        None,
        lambda: Instance.creer(UUID(int=1), "copil_parisien", "Copil", 0, AGENT, MAINTENANT),
        DonneeInvalide,
        "identifiant fixé",
    )
    refuse(
        None,
        lambda: Instance.creer(UUID(int=1), "conseil_municipal", "X", 0, AGENT, MAINTENANT),
        ChampInvalide,
        "inconnu",
    )
    assert id_delegation(18) != id_delegation(19)


def test_une_designation_par_decision_donne_titulaire_et_suppleant() -> None:
    delegation, instance = _delegation(), _instance()
    mandats = _designer(
        delegation, instance, [Designe(AICHA, "titulaire"), Designe(BRUNO, "suppleant")]
    )
    (evenement,) = alors(delegation, Delegation.MandatsDesignes)
    assert evenement.voie == "decision" and evenement.decision == 1
    assert [m["role"] for m in evenement.mandats] == ["titulaire", "suppleant"]
    assert {m.personne_id for m in delegation.mandats.values()} == {str(AICHA), str(BRUNO)}
    assert len(mandats) == 2


@pytest.mark.parametrize(
    ("designes", "debut", "fin", "champ", "motif"),
    [
        ([Designe(HORS, "titulaire")], AUJOURD_HUI, UN_AN, "personnes", "membre de l'assemblée"),
        ([Designe(AICHA, "president")], AUJOURD_HUI, UN_AN, "role", "inconnu"),
        ([], AUJOURD_HUI, UN_AN, "personnes", "au moins une"),
        (
            [Designe(AICHA, "titulaire"), Designe(AICHA, "suppleant")],
            AUJOURD_HUI, UN_AN, "personnes", "deux fois",
        ),
        ([Designe(AICHA, "titulaire")], UN_AN, AUJOURD_HUI, "fin", "précéder"),
        ([Designe(AICHA, "titulaire")], date(2013, 1, 1), UN_AN, "debut", "2014"),
        ([Designe(AICHA, "titulaire")], AUJOURD_HUI, AUJOURD_HUI + timedelta(days=3000), "fin", "sept ans"),
        ([Designe(AICHA, "titulaire")], AUJOURD_HUI + timedelta(days=400), UN_AN + timedelta(days=400), "debut", "un an"),
    ],
)  # fmt: skip
def test_une_designation_invalide_est_refusee_a_cote_du_champ(
    designes: list[Designe], debut: date, fin: date, champ: str, motif: str
) -> None:
    delegation, instance = _delegation(), _instance()
    erreur = refuse(
        delegation,
        lambda: _designer(delegation, instance, designes, debut, fin),
        ChampInvalide,
        motif,
    )
    assert isinstance(erreur, ChampInvalide) and erreur.champ == champ


def test_un_mandat_a_la_fois_par_personne_et_instance_puis_le_renouvellement() -> None:
    delegation, instance = _delegation(), _instance()
    (premier,) = _designer(delegation, instance, [Designe(AICHA, "titulaire")])
    delegation.collect_events()
    refuse(
        delegation,
        lambda: _designer(
            delegation, instance, [Designe(AICHA, "suppleant")], UN_AN, UN_AN + timedelta(days=30)
        ),
        ChampInvalide,
        "un mandat à la fois",
    )
    autre = Instance.creer(UUID(int=0x52), "revue_de_projets", "Revue", 18, AGENT, MAINTENANT)
    _designer(delegation, autre, [Designe(AICHA, "titulaire")])  # another body: allowed
    delegation.collect_events()
    (renouvele,) = _designer(
        delegation, instance, [Designe(AICHA, "titulaire")],
        UN_AN + timedelta(days=1), UN_AN + timedelta(days=365),
    )  # fmt: skip
    assert delegation.mandats[renouvele].renouvelle == premier


def test_une_instance_d_un_autre_arrondissement_est_refusee() -> None:
    delegation, instance = _delegation(), _instance(19)
    refuse(
        delegation,
        lambda: _designer(delegation, instance, [Designe(AICHA, "titulaire")]),
        ChampInvalide,
        "ne concerne pas",
    )


def test_une_fin_anticipee_tombe_pendant_le_mandat_et_une_seule_fois() -> None:
    delegation, instance = _delegation(), _instance()
    (mandat,) = _designer(delegation, instance, [Designe(AICHA, "titulaire")])
    delegation.collect_events()
    refuse(
        delegation,
        lambda: delegation.terminer(
            mandat, AUJOURD_HUI - timedelta(days=1), "demission", ANIMATRICE, MAINTENANT
        ),
        ChampInvalide,
        "pendant le mandat",
    )
    refuse(
        delegation,
        lambda: delegation.terminer(mandat, AUJOURD_HUI, "lassitude", ANIMATRICE, MAINTENANT),
        ChampInvalide,
        "motif",
    )
    delegation.terminer(
        mandat, AUJOURD_HUI + timedelta(days=30), "demission", ANIMATRICE, MAINTENANT
    )
    alors(delegation, Delegation.MandatTermine)
    assert delegation.mandats[mandat].fin_effective == AUJOURD_HUI + timedelta(days=30)
    refuse(
        delegation,
        lambda: delegation.terminer(mandat, AUJOURD_HUI, "demission", ANIMATRICE, MAINTENANT),
        EtatIncompatible,
        "déjà pris fin",
    )


def test_le_tirage_designe_les_titulaires_puis_les_premiers_suppleants() -> None:
    delegation, instance = _delegation(), _instance()
    tirage = UUID(int=0x71)
    delegation.annoncer_tirage(tirage, instance, 1, 1, AUJOURD_HUI, UN_AN, ANIMATRICE, MAINTENANT)
    alors(delegation, Delegation.TirageAnnonce)
    delegation.designer_par_tirage(
        instance, tirage, [str(AICHA)], [str(BRUNO), str(HORS)], MEMBRES, _ids(3), ANIMATRICE,
        MAINTENANT,
    )  # fmt: skip
    (evenement,) = alors(delegation, Delegation.MandatsDesignes)
    assert evenement.voie == "tirage" and evenement.tirage_id == tirage
    assert [(m["personne_id"], m["role"]) for m in evenement.mandats] == [
        (str(AICHA), "titulaire"),
        (str(BRUNO), "suppleant"),
    ]
    refuse(
        delegation,
        lambda: delegation.designer_par_tirage(
            instance, tirage, [str(AICHA)], [], MEMBRES, _ids(1), ANIMATRICE, MAINTENANT
        ),
        EtatIncompatible,
        "ne désigne pas",
    )


def _reunion_avec() -> tuple[Instance, str, dict[str, Mandat]]:
    delegation, instance = _delegation(), _instance()
    (mid,) = _designer(delegation, instance, [Designe(AICHA, "titulaire")])
    instance.enregistrer_reunion(UUID(int=0x81), AUJOURD_HUI, "Bilan", AGENT, MAINTENANT)
    return instance, mid, delegation.mandats


def test_une_reunion_ses_presences_et_le_compte_rendu_presente_en_seance() -> None:
    instance, mid, mandats = _reunion_avec()
    reunion = str(UUID(int=0x81))
    instance.collect_events()
    refuse(
        instance,
        lambda: instance.enregistrer_reunion(
            UUID(int=0x82), AUJOURD_HUI + timedelta(days=1), "Plus tard", AGENT, MAINTENANT
        ),
        ChampInvalide,
        "futur",
    )
    refuse(
        instance,
        lambda: instance.rediger_compte_rendu(
            UUID(int=0x91), reunion, 18, mandats[mid], "Compte rendu", AICHA, MAINTENANT
        ),
        ChampInvalide,
        "présent",
    )
    instance.enregistrer_presences(reunion, 18, [mid], mandats, ANIMATRICE, MAINTENANT)
    instance.rediger_compte_rendu(
        UUID(int=0x91), reunion, 18, mandats[mid], "Compte rendu", AICHA, MAINTENANT
    )
    alors(instance, Instance.PresencesEnregistrees, Instance.CompteRenduRedige)
    seance = UUID(int=0xA1)
    refuse(
        instance,
        lambda: instance.presenter_compte_rendu(
            str(UUID(int=0x91)), seance, AUJOURD_HUI - timedelta(days=1), ANIMATRICE, MAINTENANT
        ),
        ChampInvalide,
        "suivre la réunion",
    )
    instance.presenter_compte_rendu(
        str(UUID(int=0x91)), seance, AUJOURD_HUI, ANIMATRICE, plus_tard(hours=2)
    )
    alors(instance, Instance.CompteRenduPresente)
    assert instance.reunions[reunion].comptes_rendus[str(UUID(int=0x91))].presente_le == AUJOURD_HUI


def test_une_presence_hors_du_mandat_ou_d_une_autre_instance_est_refusee() -> None:
    instance, mid, mandats = _reunion_avec()
    instance.collect_events()
    reunion = str(UUID(int=0x81))
    refuse(
        instance,
        lambda: instance.enregistrer_presences(
            reunion, 18, ["inconnu"], mandats, ANIMATRICE, MAINTENANT
        ),
        ChampInvalide,
        "pas un mandat",
    )
    futur = {mid: Mandat(mid, str(instance.id), str(AICHA), "titulaire", UN_AN, UN_AN, "decision")}
    refuse(
        instance,
        lambda: instance.enregistrer_presences(reunion, 18, [mid], futur, ANIMATRICE, MAINTENANT),
        ChampInvalide,
        "ne couvre pas",
    )
    refuse(
        instance,
        lambda: instance.enregistrer_presences(reunion, 19, [], mandats, ANIMATRICE, MAINTENANT),
        EtatIncompatible,
        "ne concerne pas",
    )
