"""The carrying structure goes through the event store, the read model and time travel."""

from datetime import date

import pytest

from domaine.comptes import Acteur
from domaine.erreurs import ActionInterdite
from lancement.plateforme import Plateforme


def test_la_structure_porteuse_est_lue_et_datee(
    plateforme: Plateforme, agent_etat: Acteur, horloge: object
) -> None:
    position = plateforme.conseils.designer_structure_porteuse(
        agent_etat, 19, "Collectif Danube", "collectif_informel", date(2026, 1, 15)
    )
    plateforme.projecteur.attendre(position)

    (ligne,) = plateforme.lecture.structures_porteuses(19)
    assert (ligne.nom, ligne.forme, ligne.depuis) == (
        "Collectif Danube",
        "collectif_informel",
        date(2026, 1, 15),
    )
    etat = plateforme.historique.etat_au(19, plateforme.registre.maintenant())
    assert etat.structure_porteuse is not None
    assert etat.structure_porteuse.depuis == date(2026, 1, 15)
    assert plateforme.lecture.structures_porteuses(18) == []


def test_un_participant_ne_designe_rien(plateforme: Plateforme, participant: Acteur) -> None:
    avant = plateforme.registre.position()
    with pytest.raises(ActionInterdite):
        plateforme.conseils.designer_structure_porteuse(
            participant, 19, "Collectif", "collectif_informel", date(2026, 1, 15)
        )
    assert plateforme.registre.position() == avant
