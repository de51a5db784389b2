"""The persistent scheduler: one web worker holds the lease and keeps the daily reminders and
the yearly archive and the daily retention job (RGPD) in the database's job store; the archive
day is configurable."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from lancement.planification import RappelsQuotidiens, jour_d_archivage
from lancement.plateforme import Plateforme
from stockage.configuration import ConfigurationInvalide

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
    assert ids == ["archives-rapports", "conservation-rgpd", "points-de-controle", "rappels-avis"]
    assert not second_tient
    with plateforme.moteur.connect() as cnx:
        gardees = sorted(cnx.execute(text("SELECT id FROM apscheduler_jobs")).scalars())
    assert gardees == [
        "archives-rapports",
        "conservation-rgpd",
        "points-de-controle",
        "rappels-avis",
    ]


def test_le_jour_d_archivage_se_regle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARTICIPATION_ARCHIVAGE", raising=False)
    assert jour_d_archivage() == (1, 15)
    monkeypatch.setenv("PARTICIPATION_ARCHIVAGE", "02-01")
    assert jour_d_archivage() == (2, 1)
    monkeypatch.setenv("PARTICIPATION_ARCHIVAGE", "31-02")
    with pytest.raises(ConfigurationInvalide, match="MM-JJ"):
        jour_d_archivage()
