"""One pool, its quotas (the format of the issue), an announcement and a record, shared by the
tirage tests. Session-scoped: a test that alters one works on a `copie()`."""

import random
from typing import Any

import pytest

from tests.tirage.outils import vivier_aleatoire
from tirage.loterie import annoncer
from tirage.tirer import tirer
from tirage.vivier import Candidat, Quotas, lire_quotas

QUOTAS_JSON: dict[str, Any] = {
    "taille": 12,
    "quotas": {
        "college": {"habitant": [8, 8], "acteur_local": [4, 4]},
        "genre": {"femme": [5, 6], "homme": [5, 6]},
        "quartier": {"Q01": [3, 12]},
    },
}


@pytest.fixture(scope="session")
def vivier() -> list[Candidat]:
    return vivier_aleatoire(random.Random(3), 40)


@pytest.fixture(scope="session")
def quotas(vivier: list[Candidat]) -> Quotas:
    return lire_quotas(QUOTAS_JSON, vivier)


@pytest.fixture(scope="session")
def annonce(vivier: list[Candidat], quotas: Quotas) -> dict[str, Any]:
    return annoncer(vivier, quotas, 10_000, "quatre dés à dix faces, séance du 12 mars")


@pytest.fixture(scope="session")
def record(annonce: dict[str, Any]) -> dict[str, Any]:
    return tirer(annonce, "3,7,1,9", ["Awa Diallo", "Jean Martin"])
