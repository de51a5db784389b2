"""The structure carrying a council, recorded with its start date by the Ville or the État (rule 7)."""

from datetime import date
from typing import Any
from uuid import UUID

from domaine.conseils import ConseilCitoyen, id_conseil
from domaine.erreurs import DonneeInvalide, EtatIncompatible
from domaine.vocabulaire import FormeStructurePorteuse
from tests.unit.scenario import MAINTENANT, alors, etant_donne, plus_tard, refuse

AGENT = UUID("00000000-0000-4000-8000-0000000000d1")


def institue() -> Any:
    return ConseilCitoyen.Institue(
        originator_id=id_conseil(18),
        originator_version=1,
        timestamp=MAINTENANT,
        originator_topic=ConseilCitoyen.TOPIC,
        arrondissement=18,
    )


def designee(version: int, nom: str, depuis: date, forme: str = "association_existante") -> Any:
    return ConseilCitoyen.StructurePorteuseDesignee(
        originator_id=id_conseil(18),
        originator_version=version,
        timestamp=plus_tard(days=version),
        nom=nom,
        forme=forme,
        depuis=depuis,
        par=AGENT,
    )


def test_un_agent_de_la_ville_designe_la_structure_porteuse() -> None:
    conseil = etant_donne(institue())

    conseil.designer_structure_porteuse(
        "  Centre social Belleville ", "association_existante", date(2026, 1, 1),
        AGENT, plus_tard(days=1),
    )  # fmt: skip

    (evenement,) = alors(conseil, ConseilCitoyen.StructurePorteuseDesignee)
    assert evenement.nom == "Centre social Belleville"
    assert evenement.depuis == date(2026, 1, 1)
    assert conseil.structure_porteuse_au(date(2026, 6, 1)).forme == (
        FormeStructurePorteuse.ASSOCIATION_EXISTANTE
    )
    assert conseil.structure_porteuse_au(date(2025, 12, 31)) is None


def test_les_structures_successives_sont_datees() -> None:
    conseil = etant_donne(
        institue(),
        designee(2, "Collectif du 18e", date(2025, 1, 1), "collectif_informel"),
        designee(3, "Association du conseil citoyen", date(2026, 1, 1), "association_ad_hoc"),
    )

    assert conseil.structure_porteuse_au(date(2025, 6, 1)).nom == "Collectif du 18e"
    assert conseil.structure_porteuse_au(date(2026, 6, 1)).nom == "Association du conseil citoyen"


def test_une_forme_inconnue_ou_un_nom_vide_est_refuse() -> None:
    conseil = etant_donne(institue())
    refuse(
        conseil,
        lambda: conseil.designer_structure_porteuse(
            "Asso", "entreprise", date(2026, 1, 1), AGENT, MAINTENANT
        ),
        DonneeInvalide,
        "Forme de structure porteuse inconnue",
    )
    refuse(
        conseil,
        lambda: conseil.designer_structure_porteuse(
            "   ", "association_ad_hoc", date(2026, 1, 1), AGENT, MAINTENANT
        ),
        DonneeInvalide,
        "obligatoire",
    )


def test_une_structure_ne_peut_commencer_avant_la_derniere_enregistree() -> None:
    conseil = etant_donne(institue(), designee(2, "Collectif", date(2026, 1, 1)))
    refuse(
        conseil,
        lambda: conseil.designer_structure_porteuse(
            "Autre", "association_ad_hoc", date(2025, 6, 1), AGENT, MAINTENANT
        ),
        EtatIncompatible,
        "commencer plus tard",
    )


def test_une_date_de_debut_lointaine_est_refusee() -> None:
    conseil = etant_donne(institue())
    refuse(
        conseil,
        lambda: conseil.designer_structure_porteuse(
            "Asso", "association_ad_hoc", date(2030, 1, 1), AGENT, MAINTENANT
        ),
        DonneeInvalide,
        "un an",
    )
