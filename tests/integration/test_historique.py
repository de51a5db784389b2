"""Time travel: a council as it stood at any past instant, replayed from the log."""

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from demo.generateur import commande
from domaine.comptes import Acteur
from domaine.erreurs import DonneeInvalide
from domaine.temps import debut_du_jour
from domaine.vocabulaire import RegleMajorite, StatutConformite, StatutSeance
from lancement.plateforme import Plateforme
from participation.historique import EMPREINTE, ServiceHistorique
from projections.tables import historique_points
from stockage.configuration import Configuration
from tests.conftest import APRES_LA_DEMO, FIN_DE_LA_DEMO
from tests.integration.outils import DATE_SEANCE, planifier, rejoindre

UNE_SECONDE = timedelta(seconds=1)
UNE_MICROSECONDE = timedelta(microseconds=1)
LOIN = timedelta(days=3650)


def ids(etat: Any) -> set[Any]:
    return {m.personne_id for m in etat.membres}


def test_l_etat_d_un_conseil_a_des_instants_passes(
    plateforme: Plateforme,
    horloge: Any,
    creer_compte: Any,
    animateur_18: Acteur,
    agent_etat: Acteur,
) -> None:
    alice, bilal = creer_compte(), creer_compte()
    historique = plateforme.historique

    t_alice = horloge.now
    rejoindre(plateforme, alice)
    t_bilal = horloge.avancer(days=1)
    rejoindre(
        plateforme,
        bilal,
        college="acteur_local",
        genre="homme",
        structure_nom="École Richomme",
        structure_type="ecole",
    )
    rejoindre(plateforme, alice, 19)  # another council: never in the 18e's state
    t_seance = horloge.avancer(days=1)
    seance_id = planifier(plateforme, animateur_18)
    plateforme.conseils.fixer_regle_majorite(animateur_18, 18, "deux_tiers")
    plateforme.conseils.deposer_reglement(animateur_18, 18, "Article 1.")
    t_depart = horloge.avancer(days=1)
    plateforme.assemblee.quitter(alice, 18, "demenagement")
    plateforme.seances.reprogrammer(
        animateur_18, seance_id, None, DATE_SEANCE + timedelta(hours=2), "Salle B", "Odj 2"
    )
    plateforme.conseils.statuer_conformite(agent_etat, 18, 1, "conforme", "")
    t_seance_tenue = horloge.avancer(days=8)
    plateforme.seances.changer_presence(animateur_18, seance_id, bilal.compte_id, True)
    plateforme.seances.enregistrer_decision(animateur_18, seance_id, "Avis", 2, 1, 0)
    t_retour = horloge.avancer(days=30)
    rejoindre(plateforme, alice, genre="autre")

    avant = historique.etat_au(18, t_alice - UNE_SECONDE)
    assert avant.membres == () and avant.seances == ()
    assert avant.reglement is None

    assert ids(historique.etat_au(18, t_alice)) == {alice.compte_id}
    assert ids(historique.etat_au(18, t_bilal - UNE_SECONDE)) == {alice.compte_id}
    deux = historique.etat_au(18, t_bilal)
    assert ids(deux) == {alice.compte_id, bilal.compte_id}
    (b,) = [m for m in deux.membres if m.personne_id == bilal.compte_id]
    assert (b.college, b.structure_nom, b.structure_type) == (
        "acteur_local",
        "École Richomme",
        "ecole",
    )
    assert deux.seances == ()
    assert deux.regle_majorite == RegleMajorite.SIMPLE

    planifiee = historique.etat_au(18, t_seance)
    (s,) = planifiee.seances
    assert (s.seance_id, s.date, s.lieu, s.statut) == (
        seance_id,
        DATE_SEANCE,
        "Centre Barbara",
        StatutSeance.PLANIFIEE,
    )
    assert planifiee.regle_majorite == RegleMajorite.DEUX_TIERS
    assert planifiee.reglement == (1, StatutConformite.EN_ATTENTE)

    apres_depart = historique.etat_au(18, t_depart)
    assert ids(apres_depart) == {bilal.compte_id}
    (s,) = apres_depart.seances
    assert (s.date, s.lieu) == (DATE_SEANCE + timedelta(hours=2), "Salle B")
    assert s.presents == frozenset() and s.decisions == ()
    assert apres_depart.reglement == (1, StatutConformite.CONFORME)

    tenue = historique.etat_au(18, t_seance_tenue)
    (s,) = tenue.seances
    assert s.presents == {bilal.compte_id}
    (d,) = s.decisions
    assert (d.pour, d.contre, d.adoptee, d.regle) == (2, 1, True, RegleMajorite.DEUX_TIERS)

    assert ids(historique.etat_au(18, t_retour - UNE_SECONDE)) == {bilal.compte_id}
    maintenant = historique.etat_au(18, t_retour)
    assert ids(maintenant) == {alice.compte_id, bilal.compte_id}
    (a,) = [m for m in maintenant.membres if m.personne_id == alice.compte_id]
    assert a.genre == "autre"

    assert ids(historique.etat_au(19, t_retour)) == {alice.compte_id}
    assert historique.etat_au(19, t_retour).seances == ()


def test_l_etat_passe_exige_un_instant_avec_fuseau_et_un_conseil_existant(
    plateforme: Plateforme, horloge: Any
) -> None:
    with pytest.raises(DonneeInvalide, match="fuseau horaire"):
        plateforme.historique.etat_au(18, horloge.now.replace(tzinfo=None))
    with pytest.raises(DonneeInvalide, match="pas de conseil citoyen dans le 12e"):
        plateforme.historique.etat_au(12, horloge.now)


# --- the checkpoints and the journal's index give exactly the replay's answer --------------------


def instants(plateforme: Plateforme) -> list[datetime]:
    """Before the first event, just before, at and just after each event's time, every Paris
    midnight in between, and far in the future."""
    registre = plateforme.registre
    temps = sorted(
        {
            registre.mapper.to_domain_event(n).timestamp
            for n in registre.recorder.select_notifications(
                0, 1_000_000, topics=ServiceHistorique.TOPICS
            )
        }
    )
    minuits = [
        debut_du_jour(temps[0].date() + timedelta(days=i))
        for i in range((temps[-1] - temps[0]).days + 3)
    ]
    autour = [t + d for t in temps for d in (-UNE_MICROSECONDE, timedelta(0), UNE_MICROSECONDE)]
    return sorted({temps[0] - timedelta(days=400), *autour, *minuits, temps[-1] + LOIN})


def comparer(service: ServiceHistorique, moments: list[datetime], *arrondissements: int) -> None:
    for arrondissement in arrondissements:
        for au in moments:
            attendu = service.etat_au_par_rejeu_complet(arrondissement, au)
            assert service.etat_au(arrondissement, au) == attendu, (arrondissement, au)


def points(plateforme: Plateforme, arrondissement: int) -> list[tuple[int, int]]:
    t = historique_points.c
    with plateforme.moteur.connect() as cnx:
        return [
            (int(p), int(n))
            for p, n in cnx.execute(
                select(t.position, t.evenements)
                .where(t.arrondissement == arrondissement)
                .order_by(t.position)
            )
        ]


def test_points_de_reprise_index_et_queue_du_journal_donnent_le_rejeu_complet(
    plateforme: Plateforme,
    horloge: Any,
    creer_compte: Any,
    animateur_18: Acteur,
    agent_etat: Acteur,
) -> None:
    service = ServiceHistorique(plateforme.registre, plateforme.moteur, evenements_par_point=3)
    personnes = [creer_compte() for _ in range(5)]
    for i, personne in enumerate(personnes):
        rejoindre(plateforme, personne, 18 if i % 2 == 0 else 19)
        rejoindre(plateforme, personne, 19 if i % 2 == 0 else 18)
        horloge.avancer(hours=7)
    seance_id = planifier(plateforme, animateur_18)
    plateforme.conseils.fixer_regle_majorite(animateur_18, 18, "absolue")
    plateforme.conseils.deposer_reglement(animateur_18, 18, "Article 1.")
    horloge.avancer(days=1)
    plateforme.assemblee.quitter(personnes[0], 18, "demenagement")
    plateforme.conseils.statuer_conformite(agent_etat, 18, 1, "conforme", "")
    plateforme.seances.reprogrammer(
        animateur_18, seance_id, None, DATE_SEANCE + timedelta(hours=1), "Salle B", "Odj"
    )
    moments = instants(plateforme)
    comparer(service, moments, 18, 19)  # the journal is behind: all from the log's tail

    plateforme.projecteur.rattraper()
    comparer(service, moments, 18)  # all from the journal's index, no checkpoint yet
    assert service.preparer_points() > 3
    assert len(points(plateforme, 18)) >= 3
    comparer(service, moments, 18, 19)

    horloge.now = DATE_SEANCE + timedelta(hours=2)
    for personne in personnes[1:4]:
        plateforme.seances.changer_presence(animateur_18, seance_id, personne.compte_id, True)
    plateforme.seances.changer_presence(animateur_18, seance_id, personnes[2].compte_id, False)
    plateforme.seances.enregistrer_decision(animateur_18, seance_id, "Avis", 3, 1, 0)
    horloge.avancer(days=2)
    rejoindre(plateforme, personnes[0], 18, genre="autre")
    moments = instants(plateforme)
    comparer(service, moments, 18)  # checkpoints, then the index, then the log's tail

    plateforme.projecteur.rattraper()
    assert service.preparer_points() > 0
    assert service.preparer_points() == 0  # idempotent
    comparer(service, moments, 18, 19)

    plateforme.projecteur.reconstruire()  # empties the checkpoints with the read models
    assert points(plateforme, 18) == []
    comparer(service, moments, 18)
    service.preparer_points()
    comparer(service, moments, 18)


def test_un_evenement_date_avant_le_precedent_est_applique_comme_par_le_rejeu(
    plateforme: Plateforme, horloge: Any, creer_compte: Any
) -> None:
    """Two workers: one records at t2 an event it stamped t1 < t2, after the other's event of
    t2. A checkpoint holding both is of t2: for an instant in [t1, t2), the walk starts before
    it. An aggregate whose event of t2 comes before its event of t1 stops at the former."""
    service = ServiceHistorique(plateforme.registre, plateforme.moteur, evenements_par_point=2)
    alice, bilal, chloe = creer_compte(), creer_compte(), creer_compte()
    t0 = horloge.now
    rejoindre(plateforme, alice)
    rejoindre(plateforme, chloe)
    t2 = horloge.avancer(days=2)
    rejoindre(plateforme, bilal)
    plateforme.assemblee.quitter(alice, 18)
    horloge.now = t0 + timedelta(days=1)  # the slower worker's clock
    rejoindre(plateforme, alice, genre="homme")  # her return, stamped before her exit
    plateforme.assemblee.quitter(chloe, 18)
    horloge.now = t2 + timedelta(days=1)
    rejoindre(plateforme, creer_compte())
    plateforme.projecteur.rattraper()
    assert service.preparer_points() >= 2

    comparer(service, instants(plateforme), 18)
    # Between: alice's exit is later, so her return (after it) is not seen; chloé has left.
    entre_deux = service.etat_au(18, t0 + timedelta(days=1, hours=1))
    assert ids(entre_deux) == {alice.compte_id}
    (a,) = entre_deux.membres
    assert a.genre == "femme"
    # From t2 on, her exit and then her return are seen; bilal has joined.
    assert ids(service.etat_au(18, t2)) == {alice.compte_id, bilal.compte_id}
    assert [
        m.genre for m in service.etat_au(18, t2).membres if m.personne_id == alice.compte_id
    ] == ["homme"]


def test_des_points_d_une_autre_version_du_code_sont_ignores_puis_remplaces(
    plateforme: Plateforme, horloge: Any, creer_compte: Any
) -> None:
    service = ServiceHistorique(plateforme.registre, plateforme.moteur, evenements_par_point=1)
    for _ in range(3):
        rejoindre(plateforme, creer_compte())
        horloge.avancer(days=1)
    plateforme.projecteur.rattraper()
    service.preparer_points()
    with plateforme.moteur.begin() as cnx:
        cnx.execute(
            update(historique_points).values(
                empreinte="0" * 64, etat=b"n'importe quoi de la version d'avant"
            )
        )
    moments = instants(plateforme)
    comparer(service, moments, 18)

    ecrits = service.preparer_points()
    with plateforme.moteur.connect() as cnx:
        empreintes = list(cnx.execute(select(historique_points.c.empreinte)).scalars())
    assert set(empreintes) == {EMPREINTE}
    assert ecrits == len(empreintes) > len(points(plateforme, 18)) == 4  # and each council's
    comparer(service, moments, 18)


def test_deux_processus_qui_preparent_les_memes_points_ne_se_genent_pas(
    plateforme: Plateforme, horloge: Any, creer_compte: Any
) -> None:
    premier, second = (
        ServiceHistorique(plateforme.registre, plateforme.moteur, evenements_par_point=2)
        for _ in range(2)
    )
    for _ in range(5):
        rejoindre(plateforme, creer_compte())
        horloge.avancer(hours=5)
    plateforme.projecteur.rattraper()
    second._dernier_point = lambda *_: None  # type: ignore[method-assign]  # read before

    ecrits = premier.preparer_points()

    assert ecrits == 3  # the council's creation and the five members, two by two
    assert second.preparer_points() == 0  # the same rows: already there
    assert len(points(plateforme, 18)) == 3
    comparer(premier, instants(plateforme), 18)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Plateforme]:
    """One year of the demo (a few seconds)."""
    configuration = Configuration(f"sqlite:///{tmp_path_factory.mktemp('demo')}/demo.sqlite3")
    assert commande(configuration, 7, 1, False, FIN_DE_LA_DEMO) == 0
    with Plateforme(configuration, lambda: APRES_LA_DEMO) as plateforme:
        yield plateforme


class LogDecodeUneFois(ServiceHistorique):
    """The same service, whose full replay decodes the log once for all the instants compared
    (events are immutable; the log does not change meanwhile): the replay is unchanged."""

    decodes: list[Any] | None = None

    def _evenements(self, depuis: int) -> Iterator[Any]:
        if depuis:
            return super()._evenements(depuis)
        if self.decodes is None:
            self.decodes = list(super()._evenements(0))
        return iter(self.decodes)


def test_sur_la_demo_l_etat_a_chaque_date_est_celui_du_rejeu_complet(demo: Plateforme) -> None:
    service = LogDecodeUneFois(demo.registre, demo.moteur, evenements_par_point=250)
    service.preparer_points()
    assert len(points(demo, 18)) > 3
    fin = debut_du_jour(FIN_DE_LA_DEMO)
    # The end of every other week's Sunday and a Wednesday noon, back to before the first event.
    moments = [fin - timedelta(days=7 * i + d) for i in range(0, 56, 2) for d in (0, 3.5)]
    comparer(service, moments, 18)
    comparer(service, moments[::6], 10, 20)
