"""Hybrid séances through the use cases and the read models: modality and accessibility,
remote presence, in-room and remote votes, online polls (one vote per member, even when the
same member votes twice at once), and the annual report's figures from both sources."""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import select

from domaine.comptes import Acteur
from domaine.erreurs import ActionInterdite, ChampInvalide, EtatIncompatible
from domaine.seances import Seance
from lancement.plateforme import Plateforme
from participation.seances import Maniere
from projections.tables import presences, scrutins, votants_scrutins
from projections.verification import verifier
from tests.integration.outils import DATE_SEANCE, rejoindre, rien_n_est_enregistre
from tests.integration.test_rapports import les_deux

pytestmark = pytest.mark.calendrier

LIEN = "https://visio.paris.fr/conseil-18"
PENDANT = DATE_SEANCE + timedelta(minutes=30)


def planifier_hybride(
    plateforme: Plateforme, animateur: Acteur, modalite: str = "hybride", **autres: Any
) -> UUID:
    seance_id, _ = plateforme.seances.planifier(
        animateur,
        18,
        DATE_SEANCE,
        "Centre Barbara",
        "Budget participatif",
        maniere=Maniere(modalite, LIEN, autres.pop("accessibilite", ()), autres.pop("autre", "")),
    )
    return seance_id


def membres(plateforme: Plateforme, creer_compte: Callable[..., Acteur], n: int) -> list[Acteur]:
    gens = [creer_compte() for _ in range(n)]
    for g in gens:
        rejoindre(plateforme, g)
    return gens


def test_la_modalite_le_lien_et_l_accessibilite_vont_au_modele_de_lecture(
    plateforme: Plateforme, horloge: Any, animateur_18: Acteur
) -> None:
    seance_id = planifier_hybride(
        plateforme,
        animateur_18,
        accessibilite=["plain_pied", "garde_enfants"],
        autre="LSF sur demande",
    )
    plateforme.projecteur.rattraper()
    ligne = plateforme.lecture.seance(seance_id)
    assert (ligne.modalite, ligne.lien_visio) == ("hybride", LIEN)
    assert (ligne.accessibilite, ligne.accessibilite_autre) == (
        "plain_pied,garde_enfants",
        "LSF sur demande",
    )

    position = plateforme.seances.reprogrammer(
        animateur_18,
        seance_id,
        None,
        DATE_SEANCE,
        "",
        "Budget participatif",
        maniere=Maniere("en_ligne", LIEN, ()),
    )
    plateforme.projecteur.attendre(position)
    ligne = plateforme.lecture.seance(seance_id)
    assert (ligne.modalite, ligne.lieu, ligne.accessibilite) == (
        "en_ligne",
        "En ligne (visioconférence)",
        "",
    )


def test_un_membre_se_declare_present_a_distance_et_la_feuille_le_montre(
    plateforme: Plateforme, horloge: Any, animateur_18: Acteur, creer_compte: Any
) -> None:
    a, b = membres(plateforme, creer_compte, 2)
    seance_id = planifier_hybride(plateforme, animateur_18)
    horloge.now = PENDANT
    nouveau, _ = plateforme.seances.se_declarer_a_distance(a, seance_id)
    assert nouveau
    plateforme.seances.changer_presence(animateur_18, seance_id, b.compte_id, True)
    position = plateforme.seances.se_declarer_a_distance(a, seance_id)[1]
    plateforme.projecteur.attendre(position)

    assert plateforme.lecture.seance(seance_id).presents == 2  # the total, as before
    with plateforme.moteur.connect() as cnx:
        lignes = dict(cnx.execute(select(presences.c.personne_id, presences.c.a_distance)).all())
    assert lignes == {str(a.compte_id): True, str(b.compte_id): False}
    assert plateforme.lecture_seances.a_distance(seance_id) == {str(a.compte_id)}

    position = plateforme.seances.changer_presence(animateur_18, seance_id, a.compte_id, False)
    plateforme.projecteur.attendre(position)
    assert plateforme.lecture_seances.a_distance(seance_id) == set()
    assert verifier(plateforme.registre, plateforme.moteur) == []


def test_la_presence_a_distance_est_reservee_aux_membres_du_conseil(
    plateforme: Plateforme, horloge: Any, animateur_18: Acteur, creer_compte: Any
) -> None:
    dehors, du_19 = creer_compte(), creer_compte()
    rejoindre(plateforme, du_19, 19)
    seance_id = planifier_hybride(plateforme, animateur_18)
    horloge.now = PENDANT
    for qui in (None, dehors, du_19):
        with (
            rien_n_est_enregistre(plateforme),
            pytest.raises(ActionInterdite, match=r"Connectez-vous|membres"),
        ):
            plateforme.seances.autoriser(qui, "se_declarer_a_distance", seance_id)
        with rien_n_est_enregistre(plateforme), pytest.raises(ActionInterdite):
            plateforme.seances.se_declarer_a_distance(qui, seance_id)
    with pytest.raises(ActionInterdite):
        plateforme.seances.autoriser(du_19, "ouvrir_scrutin", seance_id)


def test_un_scrutin_en_ligne_de_bout_en_bout_jusqu_a_la_decision(
    plateforme: Plateforme, horloge: Any, animateur_18: Acteur, creer_compte: Any
) -> None:
    gens = membres(plateforme, creer_compte, 5)
    seance_id = planifier_hybride(plateforme, animateur_18)
    horloge.now = PENDANT
    for g in gens[:4]:
        plateforme.seances.se_declarer_a_distance(g, seance_id)
    numero, _ = plateforme.seances.ouvrir_scrutin(animateur_18, seance_id, "Rénover le square")
    for g, choix in zip(gens[:4], ["pour", "pour", "contre", "abstention"], strict=True):
        position = plateforme.seances.voter_en_ligne(g, seance_id, numero, choix)
    with rien_n_est_enregistre(plateforme), pytest.raises(EtatIncompatible, match="présents"):
        plateforme.seances.voter_en_ligne(gens[4], seance_id, numero, "pour")
    plateforme.projecteur.attendre(position)
    with plateforme.moteur.connect() as cnx:
        ligne = cnx.execute(select(scrutins)).one()
        assert (ligne.ouvert, ligne.votants, ligne.pour) == (True, 4, 0)  # split at closing
        assert len(cnx.execute(select(votants_scrutins)).all()) == 4

    plateforme.seances.clore_scrutin(animateur_18, seance_id, numero)
    with rien_n_est_enregistre(plateforme), pytest.raises(ChampInvalide, match="laissez"):
        plateforme.seances.enregistrer_decision(
            animateur_18, seance_id, "", 3, 0, 0, pour_distance=1, scrutin=numero
        )
    position = plateforme.seances.enregistrer_decision(
        animateur_18, seance_id, "", 3, 4, 0, scrutin=numero
    )
    plateforme.projecteur.attendre(position)
    (d,) = plateforme.lecture.decisions_de_seance(seance_id)
    assert (d.texte, d.pour, d.contre, d.abstention) == ("Rénover le square", 5, 5, 1)
    assert (d.pour_distance, d.contre_distance, d.abstention_distance, d.scrutin) == (2, 1, 1, 1)
    assert not d.adoptee  # 5 for, 5 against: not a simple majority of the totals
    with plateforme.moteur.connect() as cnx:
        ligne = cnx.execute(select(scrutins)).one()
    assert (ligne.ouvert, ligne.pour, ligne.contre, ligne.abstention, ligne.decision) == (
        False,
        2,
        1,
        1,
        1,
    )
    assert verifier(plateforme.registre, plateforme.moteur) == []


def test_deux_votes_simultanes_du_meme_membre_ne_comptent_qu_une_fois(
    plateforme: Plateforme, horloge: Any, animateur_18: Acteur, creer_compte: Any
) -> None:
    """Both requests load the same version; one saves, the other meets the version conflict,
    reloads (`reessayer_si_conflit`) and is refused as a second vote. Meanwhile seven other
    members vote at once: all of them count."""
    gens = membres(plateforme, creer_compte, 8)
    seance_id = planifier_hybride(plateforme, animateur_18)
    horloge.now = PENDANT
    for g in gens:
        plateforme.seances.se_declarer_a_distance(g, seance_id)
    numero, _ = plateforme.seances.ouvrir_scrutin(animateur_18, seance_id, "Texte")
    double = gens[0]
    depart = threading.Barrier(9)

    def voter(qui_choix: tuple[Acteur, str]) -> str:
        qui, choix = qui_choix
        depart.wait()
        try:
            plateforme.seances.voter_en_ligne(qui, seance_id, numero, choix)
        except EtatIncompatible as erreur:
            return erreur.message
        return "ok"

    votes = [(double, "pour"), (double, "contre")] + [(g, "abstention") for g in gens[1:]]
    with ThreadPoolExecutor(len(votes)) as fils:
        resultats = list(fils.map(voter, votes))

    assert resultats.count("ok") == 8
    (refus,) = [r for r in resultats if r != "ok"]
    assert "déjà voté" in refus
    seance = plateforme.registre.charger(Seance, seance_id, "")
    assert len(seance.scrutins[numero].votes) == 8
    assert seance.scrutins[numero].votes[double.compte_id] in ("pour", "contre")
    pour, contre, abstention = (
        plateforme.seances.registre.charger(Seance, seance_id, "").scrutins[numero].compte()
    )
    assert (pour + contre, abstention) == (1, 7)


def test_le_rapport_annuel_compte_les_presences_a_distance_des_deux_sources(
    plateforme: Plateforme, horloge: Any, animateur_18: Acteur, creer_compte: Any
) -> None:
    horloge.now = datetime(2026, 2, 1, 10, tzinfo=UTC)
    gens = membres(plateforme, creer_compte, 6)
    seance_id = planifier_hybride(plateforme, animateur_18)
    horloge.now = PENDANT
    for g in gens[:3]:
        plateforme.seances.se_declarer_a_distance(g, seance_id)
    plateforme.seances.changer_presence(animateur_18, seance_id, gens[3].compte_id, True)
    plateforme.seances.changer_presence(animateur_18, seance_id, gens[0].compte_id, False)
    plateforme.seances.enregistrer_decision(
        animateur_18, seance_id, "Avis", 1, 0, 0, pour_distance=2, contre_distance=0
    )
    horloge.now = datetime(2027, 2, 1, tzinfo=UTC)
    plateforme.projecteur.rattraper()

    rapport = les_deux(plateforme, 2026, 18).decode()
    assert '"tenues": 1' in rapport
    assert '"maximum": 3' in rapport  # two remote and one in the room
    assert '"adoptees": 1' in rapport
