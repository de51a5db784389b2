"""Delegates of a council in the bodies of the contrat de ville: designated by a decision in open
assembly or by a tirage au sort among volunteers, substitutes and renewals, meetings attended,
reports back presented in a séance, and the report's section, the same from the read models
and from the raw log."""

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

import pytest

from domaine.comptes import Acteur
from domaine.erreurs import ActionInterdite, ChampInvalide, EtatIncompatible
from domaine.instances import Designe, Mandat
from domaine.tirages import Tirage
from lancement.plateforme import Plateforme
from tests.conftest import HorlogeReglable
from tests.integration.outils import lignes_de_lecture, planifier, rejoindre
from tests.integration.test_rapports import les_deux
from tirage.verification import verifier

pytestmark = pytest.mark.calendrier


def _decision(plateforme: Plateforme, animateur: Acteur, quand: datetime) -> UUID:
    seance_id = planifier(plateforme, animateur, date=quand)
    return seance_id


def _membres(plateforme: Plateforme, creer_compte: Callable[..., Acteur], n: int) -> list[Acteur]:
    gens = [creer_compte() for _ in range(n)]
    for personne in gens:
        rejoindre(plateforme, personne)
    return gens


def _mandats(plateforme: Plateforme, arrondissement: int = 18) -> list[Mandat]:
    return sorted(
        plateforme.instances.delegation(arrondissement).mandats.values(),
        key=lambda m: (m.debut, m.role, m.personne_id),
    )


def test_designation_par_decision_suppleance_renouvellement_et_compte_rendu(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    creer_compte: Callable[..., Acteur],
    animateur_18: Acteur,
    agent_ville: Acteur,
    participant: Acteur,
) -> None:
    horloge.now = datetime(2025, 1, 10, 10, tzinfo=UTC)
    copil, _ = plateforme.instances.creer_instance(
        agent_ville, "copil_parisien", "Comité de pilotage parisien", 0
    )
    anru, _ = plateforme.instances.creer_instance(
        agent_ville, "renouvellement_urbain", "NPNRU Porte de la Chapelle", 18
    )
    with pytest.raises(EtatIncompatible, match="existe déjà"):
        plateforme.instances.creer_instance(agent_ville, "copil_parisien", "Encore", 0)
    with pytest.raises(ActionInterdite):
        plateforme.instances.creer_instance(animateur_18, "autre", "Atelier", 18)
    a, b, c = _membres(plateforme, creer_compte, 3)

    quand = datetime(2025, 1, 20, 18, tzinfo=UTC)
    seance_id = _decision(plateforme, animateur_18, quand)
    horloge.now = quand + timedelta(hours=2)
    plateforme.seances.enregistrer_decision(animateur_18, seance_id, "Délégué·es", 9, 1, 0)
    plateforme.seances.enregistrer_decision(animateur_18, seance_id, "Rejetée", 1, 9, 0)
    designes = [Designe(a.compte_id, "titulaire"), Designe(b.compte_id, "suppleant")]
    debut, fin = date(2025, 2, 1), date(2025, 12, 31)

    # Refusals: a rejected decision, a non-member, a period backwards, another council's body.
    with pytest.raises(ChampInvalide, match="adoptée") as refus:
        plateforme.instances.designer(animateur_18, 18, copil, designes, debut, fin, seance_id, 2)
    assert refus.value.champ == "decision"
    with pytest.raises(ChampInvalide, match="membre de l'assemblée") as refus:
        plateforme.instances.designer(
            animateur_18, 18, copil, [Designe(participant.compte_id, "titulaire")], debut, fin,
            seance_id, 1,
        )  # fmt: skip
    assert refus.value.champ == "personnes"
    with pytest.raises(ChampInvalide, match="précéder") as refus:
        plateforme.instances.designer(animateur_18, 18, copil, designes, fin, debut, seance_id, 1)
    assert refus.value.champ == "fin"
    with pytest.raises(ActionInterdite):
        plateforme.instances.designer(participant, 18, copil, designes, debut, fin, seance_id, 1)

    plateforme.instances.designer(animateur_18, 18, copil, designes, debut, fin, seance_id, 1)
    with pytest.raises(ChampInvalide, match="un mandat à la fois") as refus:
        plateforme.instances.designer(
            animateur_18, 18, copil, [Designe(a.compte_id, "titulaire")],
            date(2025, 6, 1), date(2026, 5, 31), seance_id, 1,
        )  # fmt: skip
    assert refus.value.champ == "debut"
    # The same person may sit in another body at the same time.
    plateforme.instances.designer(
        animateur_18, 18, anru, [Designe(a.compte_id, "titulaire")], debut, fin, seance_id, 1
    )
    suppleant, titulaire = [m for m in _mandats(plateforme) if m.instance_id == str(copil)]
    assert (titulaire.role, suppleant.role) == ("titulaire", "suppleant")
    assert titulaire.voie == "decision"

    # A meeting, attended by the titulaire; the substitute replaces nobody.
    horloge.now = datetime(2025, 6, 20, 10, tzinfo=UTC)
    reunion, _ = plateforme.instances.enregistrer_reunion(
        agent_ville, copil, date(2025, 6, 18), "Bilan à mi-parcours"
    )
    with pytest.raises(ChampInvalide, match="futur"):
        plateforme.instances.enregistrer_reunion(agent_ville, copil, date(2025, 7, 1), "Plus tard")
    plateforme.instances.enregistrer_presences(
        animateur_18, copil, reunion, 18, [titulaire.mandat_id]
    )
    # A meeting of the urban-renewal body without the council.
    reunion_anru, _ = plateforme.instances.enregistrer_reunion(
        animateur_18, anru, date(2025, 6, 19), "Relogement"
    )
    with pytest.raises(ChampInvalide, match="présent"):
        plateforme.instances.rediger_compte_rendu(
            b, copil, reunion, 18, suppleant.mandat_id, "Je n'y étais pas."
        )
    with pytest.raises(ActionInterdite):  # only the delegate, or an animateur
        plateforme.instances.rediger_compte_rendu(
            c, copil, reunion, 18, titulaire.mandat_id, "Pas moi."
        )
    compte_rendu, _ = plateforme.instances.rediger_compte_rendu(
        a, copil, reunion, 18, titulaire.mandat_id, "Le comité a validé le bilan."
    )
    quand = datetime(2025, 7, 2, 18, tzinfo=UTC)
    seance_2 = _decision(plateforme, animateur_18, quand)
    horloge.now = quand + timedelta(hours=2)
    plateforme.instances.presenter_compte_rendu(animateur_18, copil, compte_rendu, seance_2)
    with pytest.raises(EtatIncompatible, match="déjà été présenté"):
        plateforme.instances.presenter_compte_rendu(animateur_18, copil, compte_rendu, seance_2)

    # The substitute resigns; the titulaire is renewed for 2026 (a new mandate after the first).
    plateforme.instances.terminer_mandat(
        animateur_18, 18, suppleant.mandat_id, date(2025, 9, 1), "demission"
    )
    with pytest.raises(EtatIncompatible, match="déjà pris fin"):
        plateforme.instances.terminer_mandat(
            animateur_18, 18, suppleant.mandat_id, date(2025, 9, 2), "demission"
        )
    horloge.now = datetime(2025, 12, 10, 10, tzinfo=UTC)
    seance_3 = _decision(plateforme, animateur_18, datetime(2025, 12, 10, 18, tzinfo=UTC))
    horloge.now = datetime(2025, 12, 10, 20, tzinfo=UTC)
    plateforme.seances.enregistrer_decision(animateur_18, seance_3, "Renouvellement", 8, 0, 0)
    plateforme.instances.designer(
        animateur_18, 18, copil, [Designe(a.compte_id, "titulaire")],
        date(2026, 1, 1), date(2026, 12, 31), seance_3, 1,
    )  # fmt: skip
    renouvele = [m for m in _mandats(plateforme) if m.debut == date(2026, 1, 1)]
    assert renouvele[0].renouvelle == titulaire.mandat_id
    assert plateforme.instances.delegation(18).mandats[suppleant.mandat_id].termine_le == date(
        2025, 9, 1
    )

    horloge.now = datetime(2026, 1, 2, 10, tzinfo=UTC)
    plateforme.projecteur.rattraper()
    rapport = json.loads(les_deux(plateforme, 2025))
    section = rapport["conseils"][5]["instances"]
    assert section["instances_reunies"] == 2
    assert section["reunions"] == 2
    assert section["reunions_avec_delegues"] == 1
    assert section["instances_reunies_sans_le_conseil"] == 1
    assert section["comptes_rendus_rediges"] == section["comptes_rendus_presentes"] == 1
    assert section["mandats_designes"]["decision"] == {"titulaire": 3, "suppleant": 1}
    assert section["mandats_termines_avant_terme"] == 1
    sans = {i["instance"]: i["sans_le_conseil"] for i in section["par_instance"]}
    assert sans == {"Comité de pilotage parisien": 0, "NPNRU Porte de la Chapelle": 1}
    # The steering committee's meeting is one of the report's steering committees too.
    comites = rapport["conseils"][5]["obligations"]["comites_de_pilotage"]
    assert comites == [{"comite": "copil_parisien", "le": "2025-06-18", "representants": 1}]
    # Another council sees the Paris committee met without it.
    assert rapport["conseils"][6]["instances"]["instances_reunies_sans_le_conseil"] == 1
    assert reunion_anru
    # The delegate's data export lists her mandates and the events of the delegation.
    donnees = plateforme.rgpd.exporter(a, a.compte_id)
    assert len(donnees["mandats_de_delegue"]) == 3
    assert any("MandatsDesignes" in e["type"] for e in donnees["evenements"])
    # The read models are rebuilt from the log, identical.
    avant = lignes_de_lecture(plateforme)
    assert avant["lecture_mandats"] and avant["lecture_comptes_rendus_mandat"]
    plateforme.projecteur.reconstruire()
    assert lignes_de_lecture(plateforme) == avant


def test_designation_par_tirage_au_sort_parmi_les_volontaires(
    plateforme: Plateforme,
    horloge: HorlogeReglable,
    creer_compte: Callable[..., Acteur],
    animateur_18: Acteur,
    agent_ville: Acteur,
) -> None:
    horloge.now = datetime(2026, 3, 1, 10, tzinfo=UTC)
    comite, _ = plateforme.instances.creer_instance(
        agent_ville, "comite_technique", "Comité technique Goutte d'Or", 18
    )
    gens = _membres(plateforme, creer_compte, 5)
    volontaires = [p.compte_id for p in gens]
    with pytest.raises(ChampInvalide, match="au moins 2 volontaires"):
        plateforme.instances.annoncer_tirage(
            animateur_18, 18, comite, volontaires[:1], 2, 1,
            date(2026, 4, 1), date(2027, 3, 31), "quatre dés", horloge.now + timedelta(days=2),
        )  # fmt: skip
    tirage_id, _ = plateforme.instances.annoncer_tirage(
        animateur_18, 18, comite, volontaires, 2, 1,
        date(2026, 4, 1), date(2027, 3, 31), "quatre dés", horloge.now + timedelta(days=2),
    )  # fmt: skip
    with pytest.raises(EtatIncompatible, match="délégué"):
        plateforme.groupe_moteur.effectuer_tirage(animateur_18, tirage_id, "1234", ["Témoin"])
    horloge.now += timedelta(days=3)
    plateforme.instances.effectuer_tirage(animateur_18, tirage_id, "1234", ["Témoin"])
    mandats = _mandats(plateforme)
    assert sorted(m.role for m in mandats) == ["suppleant", "titulaire", "titulaire"]
    assert {m.voie for m in mandats} == {"tirage"}
    tirage = plateforme.registre.trouver(Tirage, tirage_id)
    assert tirage is not None and tirage.resultat is not None
    titulaires = {m.personne_id for m in mandats if m.role == "titulaire"}
    assert titulaires == set(tirage.resultat["selection"])
    assert [m.personne_id for m in mandats if m.role == "suppleant"] == tirage.resultat[
        "suppleants"
    ][:1]
    # The draw's public record stays the lottery's: anyone can recompute it.
    assert verifier(tirage.record()).correct
    plateforme.projecteur.rattraper()
    horloge.now = datetime(2027, 1, 2, tzinfo=UTC)
    rapport = json.loads(les_deux(plateforme, 2026))
    assert rapport["conseils"][5]["instances"]["mandats_designes"]["tirage"] == {
        "titulaire": 2,
        "suppleant": 1,
    }
    assert rapport["conseils"][5]["groupe_moteur"]["tirages"] == []
