"""A groupe moteur drawn by lot, end to end, on SQLite and PostgreSQL."""

import json
import random
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from domaine.comptes import Acteur
from domaine.erreurs import ActionInterdite, ChampInvalide, DonneeInvalide
from domaine.groupe_moteur import Objectifs
from domaine.viviers import candidat_volontaire
from lancement.plateforme import Plateforme
from projections.verification import verifier as verifier_projections
from tests.conftest import HorlogeReglable
from tirage.verification import verifier as verifier_tirage

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)

QUARTIERS = ["QPV-18-GOUTTE-D-OR", "QPV-18-BLEMONT", "hors_qpv"]


def liste_csv(nombre: int = 60) -> str:
    alea = random.Random(3)
    lignes = ["id,college,genre,quartier,volontaire"]
    for i in range(nombre):
        college = "acteur_local" if i % 3 == 0 else "habitant"
        genre = "femme" if i % 2 else "homme"
        lignes.append(f"bs-{i:03d},{college},{genre},{alea.choice(QUARTIERS)},non")
    return "\n".join(lignes)


@pytest.fixture
def volontaires(plateforme: Plateforme, creer_compte: Callable[..., Acteur]) -> list[Acteur]:
    gens = []
    for i in range(6):
        personne = creer_compte()
        plateforme.assemblee.rejoindre(
            personne, 18, "habitant", "femme" if i % 2 else "homme", "25_39", QUARTIERS[0], True
        )
        plateforme.assemblee.declarer_volontariat(personne, 18, True)
        gens.append(personne)
    return gens


def bientot(plateforme: Plateforme) -> datetime:
    """The time announced for the public randomness: the séance, in an hour."""
    return plateforme.registre.maintenant() + timedelta(hours=1)


def candidats(plateforme: Plateforme) -> list:
    plateforme.projecteur.rattraper()
    return [
        candidat_volontaire(v.personne_id, v.college, v.genre, v.quartier)
        for v in plateforme.lecture.volontaires_groupe_moteur(18)
    ]


def test_un_groupe_moteur_tire_au_sort_puis_complete_par_la_liste_complementaire(
    plateforme: Plateforme,
    animateur_18: Acteur,
    volontaires: list[Acteur],
    horloge: HorlogeReglable,
) -> None:
    plateforme.groupe_moteur.fixer_objectifs(animateur_18, 18, Objectifs(taille=20))
    quotas = plateforme.groupe_moteur.quotas_proposes(18)
    assert quotas["quotas"]["college"] == {"habitant": [13, 13], "acteur_local": [7, 7]}

    tirage_id, _ = plateforme.groupe_moteur.annoncer_tirage(
        animateur_18,
        18,
        quotas,
        "quatre dés",
        candidats(plateforme),
        liste_csv(),
        hasard_le=bientot(plateforme),
    )
    horloge.avancer(hours=2)
    position = plateforme.groupe_moteur.effectuer_tirage(
        animateur_18, tirage_id, "1,2,3,4", ["Awa D.", "Marc L."]
    )
    plateforme.projecteur.attendre(position)

    membres = plateforme.lecture.membres_groupe_moteur(18)
    assert len(membres) == 20
    assert sum(m.college == "acteur_local" for m in membres) == 7
    assert sum(m.genre == "femme" for m in membres) == 10
    record = json.loads(plateforme.lecture.tirage(tirage_id).document)
    assert record["tirage"]["ticket"] == 1234
    assert verifier_tirage(record).correct

    sortant = membres[0]
    entrant, position = plateforme.groupe_moteur.faire_sortir(
        animateur_18, 18, sortant.membre_id, "refus"
    )
    plateforme.projecteur.attendre(position)
    assert entrant is not None and entrant != sortant.membre_id
    apres = {m.membre_id: m for m in plateforme.lecture.membres_groupe_moteur(18)}
    assert sortant.membre_id not in apres
    assert (apres[entrant].college, apres[entrant].genre) == (sortant.college, sortant.genre)
    sens = [m.sens for m in plateforme.lecture.mouvements_groupe_moteur(18)]
    assert sens.count("entree") == 21 and sens.count("sortie") == 1
    assert verifier_projections(plateforme.registre, plateforme.moteur) == []


def test_un_participant_n_annonce_pas_de_tirage(
    plateforme: Plateforme, animateur_18: Acteur, participant: Acteur
) -> None:
    plateforme.groupe_moteur.fixer_objectifs(animateur_18, 18, Objectifs(taille=20))
    avant = plateforme.registre.position()
    with pytest.raises(ActionInterdite):
        plateforme.groupe_moteur.annoncer_tirage(
            participant,
            18,
            plateforme.groupe_moteur.quotas_proposes(18),
            "dés",
            [],
            liste_csv(),
            hasard_le=bientot(plateforme),
        )
    assert plateforme.registre.position() == avant


def test_des_quotas_infaisables_sont_expliques_et_rien_n_est_enregistre(
    plateforme: Plateforme, animateur_18: Acteur
) -> None:
    plateforme.groupe_moteur.fixer_objectifs(animateur_18, 18, Objectifs(taille=20))
    avant = plateforme.registre.position()
    quotas = {"taille": 20, "quotas": {"college": {"acteur_local": [15, 20]}}}
    with pytest.raises(DonneeInvalide, match="acteur_local : au moins 15 personnes demandées"):
        plateforme.groupe_moteur.annoncer_tirage(
            animateur_18, 18, quotas, "dés", [], liste_csv(30), hasard_le=bientot(plateforme)
        )
    assert plateforme.registre.position() == avant


def test_les_acteurs_locaux_designes_par_consensus_laissent_au_tirage_les_places_d_habitants(
    plateforme: Plateforme, animateur_18: Acteur, horloge: HorlogeReglable
) -> None:
    from datetime import timedelta

    plateforme.groupe_moteur.fixer_objectifs(animateur_18, 18, Objectifs(taille=20))
    maintenant = plateforme.registre.maintenant()
    seance_id, _ = plateforme.seances.planifier(
        animateur_18, 18, maintenant + timedelta(hours=1), "Centre social", "Groupe moteur"
    )
    horloge.avancer(hours=2)
    plateforme.seances.enregistrer_decision(
        animateur_18, seance_id, "Approuver la liste des acteurs locaux", 30, 2, 1
    )
    liste = [(f"asso-{i}", "femme" if i % 2 else "homme", "hors_qpv") for i in range(7)]

    plateforme.groupe_moteur.designer_par_consensus(animateur_18, 18, seance_id, 1, liste)

    quotas = plateforme.groupe_moteur.quotas_proposes(18)
    assert quotas["taille"] == 13
    assert quotas["quotas"]["college"] == {"habitant": [13, 13], "acteur_local": [0, 0]}
    assert quotas["quotas"]["genre"] == {"femme": [7, 7], "homme": [6, 6]}
    with pytest.raises(Exception, match="en double ou déjà membre"):
        plateforme.groupe_moteur.designer_par_consensus(animateur_18, 18, seance_id, 1, liste[:1])


def test_une_designation_sans_decision_adoptee_est_refusee(
    plateforme: Plateforme, animateur_18: Acteur, horloge: HorlogeReglable
) -> None:
    from datetime import timedelta

    plateforme.groupe_moteur.fixer_objectifs(animateur_18, 18, Objectifs(taille=20))
    seance_id, _ = plateforme.seances.planifier(
        animateur_18, 18, plateforme.registre.maintenant() + timedelta(hours=1), "Salle", "Odj"
    )
    horloge.avancer(hours=2)
    plateforme.seances.enregistrer_decision(animateur_18, seance_id, "Liste", 2, 30, 0)
    avant = plateforme.registre.position()
    with pytest.raises(ChampInvalide, match="décision adoptée"):
        plateforme.groupe_moteur.designer_par_consensus(
            animateur_18, 18, seance_id, 1, [("asso-1", "femme", "hors_qpv")]
        )
    assert plateforme.registre.position() == avant


def test_la_composition_a_une_date_passee_vient_des_evenements(
    plateforme: Plateforme,
    animateur_18: Acteur,
    volontaires: list[Acteur],
    horloge: HorlogeReglable,
) -> None:
    plateforme.groupe_moteur.fixer_objectifs(animateur_18, 18, Objectifs(taille=20))
    avant_le_tirage = plateforme.registre.maintenant()
    horloge.avancer(days=1)
    tirage_id, _ = plateforme.groupe_moteur.annoncer_tirage(
        animateur_18, 18, plateforme.groupe_moteur.quotas_proposes(18), "dés",
        candidats(plateforme), liste_csv(), hasard_le=bientot(plateforme)
    )  # fmt: skip
    horloge.avancer(hours=2)
    plateforme.groupe_moteur.effectuer_tirage(animateur_18, tirage_id, "0,0,0,7", ["Awa D."])

    avant = plateforme.historique.etat_au(18, avant_le_tirage)
    apres = plateforme.historique.etat_au(18, plateforme.registre.maintenant())

    assert avant.groupe_moteur == () and avant.objectifs_groupe_moteur is not None
    assert len(apres.groupe_moteur) == 20


def test_les_personnes_tirees_d_une_liste_acceptent_dans_le_delai(
    plateforme: Plateforme,
    animateur_18: Acteur,
    volontaires: list[Acteur],
    horloge: HorlogeReglable,
) -> None:
    from domaine.erreurs import EtatIncompatible

    plateforme.groupe_moteur.fixer_objectifs(animateur_18, 18, Objectifs(taille=20))
    tirage_id, _ = plateforme.groupe_moteur.annoncer_tirage(
        animateur_18, 18, plateforme.groupe_moteur.quotas_proposes(18), "dés",
        candidats(plateforme), liste_csv(), hasard_le=bientot(plateforme)
    )  # fmt: skip
    horloge.avancer(hours=2)
    position = plateforme.groupe_moteur.effectuer_tirage(animateur_18, tirage_id, "9,9,9,9", ["A"])
    plateforme.projecteur.attendre(position)
    membres = plateforme.lecture.membres_groupe_moteur(18)
    de_liste = [m for m in membres if m.membre_id.startswith("bs-")]
    volontaires_tires = [m for m in membres if not m.membre_id.startswith("bs-")]
    assert de_liste and all(m.reponse_avant is not None for m in de_liste)
    assert all(m.reponse_avant is None for m in volontaires_tires)
    assert any("réponse(s)" in a for a in plateforme.groupe_moteur.groupe(18).alertes())

    position = plateforme.groupe_moteur.accepter(animateur_18, 18, de_liste[0].membre_id)
    plateforme.projecteur.attendre(position)
    lignes = {m.membre_id: m for m in plateforme.lecture.membres_groupe_moteur(18)}
    assert lignes[de_liste[0].membre_id].reponse_avant is None

    horloge.avancer(days=16)
    avant = plateforme.registre.position()
    with pytest.raises(EtatIncompatible, match="délai de réponse est dépassé"):
        plateforme.groupe_moteur.accepter(animateur_18, 18, de_liste[1].membre_id)
    assert plateforme.registre.position() == avant
    groupe = plateforme.groupe_moteur.groupe(18)
    assert any("en retard" in a for a in groupe.alertes(plateforme.registre.maintenant()))

    # The daily job reminds the animateurs, once, of the answers that did not come.
    rappels = plateforme.echeances.verifier()
    assert [r.lien for r in rappels] == ["/conseils/18/groupe-moteur"]
    assert f"{len(de_liste) - 1} personne(s) tirée(s) au sort" in rappels[0].message
    notes = plateforme.lecture_avis.notifications(str(animateur_18.compte_id))
    assert [n.lien for n in notes] == ["/conseils/18/groupe-moteur"]
    assert de_liste[1].membre_id in notes[0].message
    assert plateforme.echeances.verifier() == []


def test_un_volontaire_accepte_entre_sans_tirage(
    plateforme: Plateforme, animateur_18: Acteur, volontaires: list[Acteur], participant: Acteur
) -> None:
    from domaine.erreurs import EtatIncompatible

    plateforme.groupe_moteur.fixer_objectifs(animateur_18, 18, Objectifs(taille=20))
    position = plateforme.groupe_moteur.accepter_volontaire(
        animateur_18, 18, volontaires[0].compte_id
    )
    plateforme.projecteur.attendre(position)

    (membre,) = plateforme.lecture.membres_groupe_moteur(18)
    assert (membre.membre_id, membre.voie) == (str(volontaires[0].compte_id), "volontaire")
    plateforme.assemblee.rejoindre(participant, 18, "habitant", "femme", "25_39", "hors_qpv", True)
    with pytest.raises(EtatIncompatible, match="pas portée volontaire"):
        plateforme.groupe_moteur.accepter_volontaire(animateur_18, 18, participant.compte_id)
    with pytest.raises(ActionInterdite):
        plateforme.groupe_moteur.accepter_volontaire(participant, 18, volontaires[1].compte_id)


def test_les_coordonnees_d_une_liste_importee_restent_hors_du_journal_et_du_registre(
    plateforme: Plateforme, animateur_18: Acteur
) -> None:
    plateforme.groupe_moteur.fixer_objectifs(animateur_18, 18, Objectifs(taille=20))
    lignes = liste_csv().splitlines()
    avec_contacts = [lignes[0] + ",nom,email"] + [
        f"{ligne},Personne {i},personne{i}@liste.example" for i, ligne in enumerate(lignes[1:])
    ]
    csv = "\n".join(avec_contacts)
    quotas = plateforme.groupe_moteur.quotas_proposes(18)

    with pytest.raises(DonneeInvalide, match="coordonnées"):
        plateforme.groupe_moteur.annoncer_tirage(
            animateur_18,
            18,
            {**quotas, "quotas": {"email": {"x": [0, 1]}}},
            "dés",
            [],
            csv,
            hasard_le=bientot(plateforme),
        )
    tirage_id, position = plateforme.groupe_moteur.annoncer_tirage(
        animateur_18, 18, quotas, "dés", [], csv, hasard_le=bientot(plateforme)
    )
    plateforme.projecteur.attendre(position)

    document = plateforme.lecture.tirage(tirage_id).document
    assert "liste.example" not in document and "Personne 1" not in document
    etats = b"".join(n.state for n in plateforme.registre.recorder.select_notifications(0, 10_000))
    assert b"liste.example" not in etats
    assert plateforme.identites.coordonnees(18, ["bs-001"]) == {
        "bs-001": {"email": "personne1@liste.example", "nom": "Personne 1"}
    }


def test_des_places_d_habitants_sont_reservees_par_liste_source(
    plateforme: Plateforme,
    animateur_18: Acteur,
    volontaires: list[Acteur],
    horloge: HorlogeReglable,
) -> None:
    plateforme.groupe_moteur.fixer_objectifs(animateur_18, 18, Objectifs(taille=20))
    lignes = liste_csv().splitlines()
    sources = ["bailleur_social", "liste_electorale"]
    csv = "\n".join(
        [lignes[0] + ",source"]
        + [f"{ligne},{sources[i % 2]}" for i, ligne in enumerate(lignes[1:])]
    )
    quotas = plateforme.groupe_moteur.quotas_proposes(18)
    quotas["quotas"]["source"] = {"volontariat": [2, 6], "bailleur_social": [3, 20]}

    tirage_id, _ = plateforme.groupe_moteur.annoncer_tirage(
        animateur_18, 18, quotas, "dés", candidats(plateforme), csv, hasard_le=bientot(plateforme)
    )
    horloge.avancer(hours=2)
    position = plateforme.groupe_moteur.effectuer_tirage(animateur_18, tirage_id, "4,4,4,4", ["A"])
    plateforme.projecteur.attendre(position)

    record = json.loads(plateforme.lecture.tirage(tirage_id).document)
    sources_tirees = [c["source"] for c in record["vivier"] if c["id"] in record["selection"]]
    assert 2 <= sources_tirees.count("volontariat") <= 6
    assert sources_tirees.count("bailleur_social") >= 3
    assert verifier_tirage(record).correct


def test_un_tirage_annonce_reserve_ses_places_jusqu_au_tirage(
    plateforme: Plateforme,
    animateur_18: Acteur,
    volontaires: list[Acteur],
    horloge: HorlogeReglable,
) -> None:
    """Between the announcement and the draw, neither a volunteer nor a second tirage may take
    the seats the announced lottery will fill."""
    from domaine.erreurs import EtatIncompatible

    gm = plateforme.groupe_moteur
    gm.fixer_objectifs(animateur_18, 18, Objectifs(taille=25))
    tirage_id, _ = gm.annoncer_tirage(
        animateur_18,
        18,
        gm.quotas_proposes(18),
        "dés",
        candidats(plateforme)[:3],
        liste_csv(),
        hasard_le=bientot(plateforme),
    )
    assert gm.groupe(18).places_reservees == 25
    avant = plateforme.registre.position()
    with pytest.raises(EtatIncompatible, match="réservées par un tirage annoncé"):
        gm.accepter_volontaire(animateur_18, 18, volontaires[5].compte_id)
    with pytest.raises(EtatIncompatible, match="réservées par un tirage annoncé"):
        gm.annoncer_tirage(
            animateur_18,
            18,
            gm.quotas_proposes(18),
            "dés",
            [],
            liste_csv(),
            hasard_le=bientot(plateforme),
        )
    with pytest.raises(ChampInvalide, match="places réservées"):
        gm.fixer_objectifs(animateur_18, 18, Objectifs(taille=20))
    assert plateforme.registre.position() == avant

    horloge.avancer(hours=2)

    position = gm.effectuer_tirage(animateur_18, tirage_id, "1,2,3,4", ["Awa"])
    plateforme.projecteur.attendre(position)
    groupe = gm.groupe(18)
    assert groupe.places_reservees == 0 and len(groupe.membres) == 25
