"""Retention periods, on SQLite and PostgreSQL: the daily job erases only the people inactive
for the configured number of years, and forgets the contact details of an imported list once
its draw's acceptances closed."""

import io
import json
from collections.abc import Callable
from datetime import timedelta

import pytest

from domaine.comptes import Acteur
from domaine.groupe_moteur import Objectifs
from lancement.plateforme import Plateforme
from stockage.configuration import Configuration, ConfigurationInvalide, lire_conservation_ans
from stockage.export import exporter
from tests.conftest import HorlogeReglable
from tests.integration.outils import rejoindre
from tests.integration.test_budget import deposer
from tests.integration.test_groupe_moteur import liste_csv
from tirage.verification import verifier as verifier_tirage

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)


def test_seules_les_personnes_inactives_depuis_trois_ans_sont_effacees(
    plateforme: Plateforme, horloge: HorlogeReglable, creer_compte: Callable[..., Acteur]
) -> None:
    partie = creer_compte(nom="Partie Depuis Longtemps")
    rejoindre(plateforme, partie)
    horloge.avancer(days=1)
    plateforme.assemblee.quitter(partie, 18)
    jamais_venue = creer_compte(nom="Jamais Venue")
    toujours_membre = creer_compte(nom="Toujours Membre")
    rejoindre(plateforme, toujours_membre)
    creer_compte("agent_ville", nom="Agente Ville")
    revenue = creer_compte(nom="Partie Puis Active")
    rejoindre(plateforme, revenue)
    plateforme.assemblee.quitter(revenue, 18)
    horloge.avancer(days=2 * 365)
    deposer(plateforme, revenue)  # still active two years later
    horloge.avancer(days=365 + 2)
    plateforme.projecteur.rattraper()

    assert plateforme.conservation.appliquer(ans=5).personnes_effacees == []
    bilan = plateforme.conservation.appliquer()

    assert bilan.personnes_effacees == sorted([partie.compte_id, jamais_venue.compte_id])
    restants = {i.nom for i in plateforme.identites.tous()}
    assert {"Toujours Membre", "Agente Ville", "Partie Puis Active"} <= restants
    assert not {"Partie Depuis Longtemps", "Jamais Venue"} & restants
    assert plateforme.conservation.appliquer().personnes_effacees == []  # safe to run twice
    sortie = io.StringIO()
    exporter(plateforme.registre, sortie)
    lignes = [json.loads(x) for x in sortie.getvalue().splitlines()]
    effacements = [x["payload"] for x in lignes if x["type"] == "participation:Compte.Efface"]
    assert effacements == 2 * [
        {"motif": "conservation_ecoulee", "par": None, "role_demandeur": "plateforme"}
    ]


def test_la_duree_de_conservation_se_regle_par_l_environnement() -> None:
    def ans(environ: dict[str, str]) -> int:
        return Configuration.depuis_environnement(environ=environ).conservation_ans

    assert ans({}) == 3
    assert ans({"PARTICIPATION_CONSERVATION_ANS": "5"}) == 5
    with pytest.raises(ConfigurationInvalide, match="PARTICIPATION_CONSERVATION_ANS"):
        lire_conservation_ans("trois")
    with pytest.raises(ConfigurationInvalide):
        lire_conservation_ans("0")


def test_les_coordonnees_d_une_liste_sont_purgees_a_la_cloture_des_acceptations(
    plateforme: Plateforme, horloge: HorlogeReglable, animateur_18: Acteur
) -> None:
    plateforme.groupe_moteur.fixer_objectifs(animateur_18, 18, Objectifs(taille=20))
    lignes = liste_csv().splitlines()
    csv = "\n".join(
        [lignes[0] + ",nom,email"]
        + [f"{ligne},Personne {i},personne{i}@liste.example" for i, ligne in enumerate(lignes[1:])]
    )
    quotas = plateforme.groupe_moteur.quotas_proposes(18)
    tirage_id, _ = plateforme.groupe_moteur.annoncer_tirage(
        animateur_18, 18, quotas, "dés", [], csv, hasard_le=horloge.now + timedelta(hours=1)
    )
    horloge.avancer(days=7)
    assert plateforme.conservation.appliquer().candidats_purges == 0  # not drawn yet
    plateforme.groupe_moteur.effectuer_tirage(animateur_18, tirage_id, "1,2,3,4", ["Awa D."])
    plateforme.projecteur.rattraper()
    tires = [m.membre_id for m in plateforme.lecture.membres_groupe_moteur(18)]
    for membre_id in tires[1:]:
        plateforme.groupe_moteur.accepter(animateur_18, 18, membre_id)
    horloge.avancer(days=16)
    plateforme.projecteur.rattraper()

    assert plateforme.conservation.appliquer().candidats_purges == 0  # one answer awaited
    assert plateforme.identites.coordonnees(18, ["bs-001"])

    entrant, _ = plateforme.groupe_moteur.faire_sortir(animateur_18, 18, tires[0], "refus")
    assert entrant is not None
    plateforme.projecteur.rattraper()
    assert plateforme.conservation.appliquer().candidats_purges == 0  # the substitute's turn
    plateforme.groupe_moteur.accepter(animateur_18, 18, entrant)
    plateforme.projecteur.rattraper()

    assert plateforme.conservation.appliquer().candidats_purges == 60
    assert plateforme.identites.candidats_de(18) == []
    record = json.loads(plateforme.lecture.tirage(tirage_id).document)
    assert verifier_tirage(record).correct
    assert len(record["vivier"]) == 60  # the public record keeps pseudonymous ids and features
