"""The persistent scheduler: one web worker holds the lease and keeps the daily reminders and
the yearly archive and the daily retention job (RGPD) in the database's job store; the archive
day is configurable."""

import asyncio
import itertools
import multiprocessing
import random
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import text

from lancement.planification import LA_PLATEFORME, RappelsQuotidiens, TachesEnBase
from lancement.plateforme import Plateforme
from participation.echeances import Bail
from stockage.configuration import Configuration, ConfigurationInvalide
from stockage.moteur import creer_moteur

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)


def test_un_seul_travailleur_planifie_les_taches_et_elles_sont_gardees_en_base(
    plateforme: Plateforme,
) -> None:
    async def scenario() -> tuple[list[str], bool]:
        premier, second = RappelsQuotidiens(plateforme), RappelsQuotidiens(plateforme)
        await premier.tenir()
        await second.tenir()
        tient = second.planificateur is not None
        assert premier.planificateur is not None
        ids = sorted(j.id for j in premier.planificateur.get_jobs())
        premier.arreter()
        second.arreter()
        await asyncio.sleep(0)
        return ids, tient

    # In its own thread: a browser test may have left an event loop running in this one.
    with ThreadPoolExecutor(1) as fil:
        ids, second_tient = fil.submit(asyncio.run, scenario()).result()
    assert ids == [
        "archives-rapports",
        "conservation-rgpd",
        "convocations",
        "points-de-controle",
        "points-historique",
        "rappels-avis",
        "resumes-hebdomadaires",
    ]
    assert not second_tient
    with plateforme.moteur.connect() as cnx:
        gardees = sorted(cnx.execute(text("SELECT id FROM apscheduler_jobs")).scalars())
    assert gardees == [
        "archives-rapports",
        "conservation-rgpd",
        "convocations",
        "points-de-controle",
        "points-historique",
        "rappels-avis",
        "resumes-hebdomadaires",
    ]


def test_le_jour_d_archivage_se_regle() -> None:
    def jour_d_archivage(brut: str | None) -> tuple[int, int]:
        environ = {} if brut is None else {"PARTICIPATION_ARCHIVAGE": brut}
        return Configuration.depuis_environnement(environ=environ).jour_archivage

    assert jour_d_archivage(None) == (1, 15)
    assert jour_d_archivage("02-01") == (2, 1)
    with pytest.raises(ConfigurationInvalide, match="MM-JJ"):
        jour_d_archivage("31-02")


def test_une_tache_gardee_en_base_s_execute_sur_la_plateforme_qui_la_charge(
    plateforme: Plateforme,
) -> None:
    """What a worker does after a restart: the job read back from the database runs on the
    platform of the worker that holds the lease."""
    magasin = TachesEnBase(plateforme)
    planificateur = BackgroundScheduler(jobstores={"default": magasin})
    planificateur.add_job(
        "lancement.planification:publier_point_de_controle",
        "interval",
        days=1,
        id="points-de-controle",
        args=[LA_PLATEFORME],
    )
    planificateur.start(paused=True)  # the job goes to the database, nothing runs
    avant = len(plateforme.chaine.points())
    try:
        tache = magasin.lookup_job("points-de-controle")
        tache.func(*tache.args)
    finally:
        planificateur.shutdown(wait=False)

    assert len(plateforme.chaine.points()) == avant + 1


DUREE_COURTE = timedelta(milliseconds=300)
ORIGINE = datetime(2026, 1, 5, tzinfo=UTC)
"""The workers' shared clock: a fixed day plus the machine's monotonic clock (one for all its
processes on Linux), so that no result depends on the day the test runs."""


def _travailleur(url: str, nom: str, tours: int, abandon_apres: int) -> list[tuple[float, str]]:
    """A worker process that tries the lease in a loop and stops renewing (as if killed) once
    it has held it `abandon_apres` times; returns the instants it held it."""
    moteur = creer_moteur(Configuration(url))
    bail = Bail(moteur, "rappels-avis", nom, DUREE_COURTE)
    tenu: list[tuple[float, str]] = []
    try:
        for _ in range(tours):
            maintenant = ORIGINE + timedelta(seconds=time.monotonic())
            if bail.prendre(maintenant):
                tenu.append((maintenant.timestamp(), nom))
                if len(tenu) >= abandon_apres:
                    break
            time.sleep(random.uniform(0.01, 0.05))
    finally:
        moteur.dispose()
    return tenu


def test_le_bail_n_a_qu_un_detenteur_a_la_fois_entre_plusieurs_processus(
    plateforme: Plateforme,
) -> None:
    """Four processes (as four web workers, on one or several hosts) race for the lease of
    the scheduled jobs; holders stop renewing one after the other: at any instant one holds
    it at most, and another takes over once the lease has expired."""
    url = plateforme.configuration.database_url
    contexte = multiprocessing.get_context("spawn")  # no engine shared across a fork
    with ProcessPoolExecutor(4, mp_context=contexte) as processus:
        tenus = list(
            processus.map(_travailleur, [url] * 4, [f"w{i}" for i in range(4)], [120] * 4, [8] * 4)
        )
    prises = sorted(p for tenu in tenus for p in tenu)
    assert len({nom for _, nom in prises}) >= 2, "a holder stopped and another took over"
    for (t1, n1), (t2, n2) in itertools.combinations(prises, 2):
        if n1 != n2:  # another worker may only take it once the last renewal has expired
            assert abs(t2 - t1) > DUREE_COURTE.total_seconds(), (n1, n2, t2 - t1)
