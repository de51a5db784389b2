"""A slow page never delays the others: handlers run off the event loop (web/hors_boucle.py).
The time-travel page is made to wait until the test lets it go; meanwhile other pages of the
same worker answer."""

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme


def test_une_page_lente_ne_retient_pas_les_autres(
    client: TestClient, plateforme_web: Plateforme, monkeypatch: pytest.MonkeyPatch
) -> None:
    commence, libere = threading.Event(), threading.Event()
    etat_au = plateforme_web.historique.etat_au

    def lent(*args: Any, **kwargs: Any) -> Any:
        commence.set()
        assert libere.wait(timeout=30), "the test never let the slow page go"
        return etat_au(*args, **kwargs)

    monkeypatch.setattr(plateforme_web.historique, "etat_au", lent)
    with ThreadPoolExecutor(1) as fil:
        historique = fil.submit(client.get, "/conseils/18/historique?au=2026-01-01")
        assert commence.wait(timeout=30)

        pendant = [client.get(chemin).status_code for chemin in ("/", "/conseils/18", "/sante")]

        assert not historique.done(), "the slow page is still running"
        libere.set()
        assert historique.result(timeout=30).status_code == 200
    assert pendant == [200, 200, 200]
