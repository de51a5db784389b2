"""The demo spans the geography change of 1 January 2024: a list is adopted on 30 December 2023,
as the décret was published, and members declare their neighbourhood again over the next months
(some never do: the reports count them "to be updated").

The list is a **demonstration** (`geographie_2024_demonstration.csv`): the 2015 QPV under new
codes (`DEMO24-…`), with the one renaming the press reported in the 18e ("Porte
Montmartre-Porte de Clignancourt-Moskova"). It is not the official list of décret
n° 2023-1314, which an agent loads with `participation geographie importer` (docs/geographie.md).
"""

import random
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from domaine.geographie import lire_liste
from domaine.quartiers import HORS_QPV, Quartier, geographie_au
from domaine.temps import heure_de_paris
from lancement.plateforme import Plateforme

FICHIER = Path(__file__).with_name("geographie_2024_demonstration.csv")
PERIODE = "2024-2030"
DEBUT = date(2024, 1, 1)
ADOPTION = heure_de_paris(date(2023, 12, 30), time(9, 0))
SOURCE = (
    "Démonstration : les QPV de 2015 sous de nouveaux codes (DEMO24-…), le quartier "
    "Porte Montmartre renommé comme la presse l'a rapporté (18dumois.info, janvier 2024). "
    "Ce n'est pas la liste officielle du décret n° 2023-1314 du 28 décembre 2023."
)
PART_QUI_REDECLARE = 0.8
"""Members asked to declare their neighbourhood again who do so within the demo."""

Planifier = Callable[[datetime, Callable[[], None]], None]


@cache
def _liste() -> tuple[Quartier, ...]:
    return lire_liste(FICHIER.read_text(encoding="utf-8"))


def quartiers_au(jour: date, arrondissement: int) -> tuple[Quartier, ...]:
    """The QPV a séance of that day gathers: the demo knows the list to come before it is
    adopted, so that séances planned weeks ahead use the right one."""
    if jour >= DEBUT:
        return tuple(q for q in _liste() if arrondissement in q.arrondissements)
    return geographie_au(jour).quartiers_de(arrondissement)


def nouveau_code(ancien: str) -> str:
    """A 2015 code's demonstration successor (same neighbourhood, new code)."""
    return "DEMO24-" + ancien.removeprefix("QPV-")


def code_au(code: str, jour: date) -> str:
    """The code a neighbourhood has on `jour` (a month's séance may fall after the change)."""
    return nouveau_code(code) if jour >= DEBUT and not code.startswith("DEMO24-") else code


def planifier_changement(
    plateforme: Plateforme,
    conseils: Iterable[Any],
    debut: datetime,
    fin: datetime,
    alea: random.Random,
    plus_tard: Planifier,
) -> None:
    """Adopt the list on 30 December 2023 (at the start, for a demo that begins later), then
    have members whose QPV left it declare it again, some days to months later."""
    if fin <= ADOPTION:
        return
    if debut >= ADOPTION:  # a platform set up after the change: the list is loaded first
        plateforme.geographie.adopter(FICHIER.read_text(encoding="utf-8"), PERIODE, DEBUT, SOURCE)
        return
    conseils = list(conseils)

    def adopter() -> None:
        plateforme.geographie.adopter(FICHIER.read_text(encoding="utf-8"), PERIODE, DEBUT, SOURCE)
        for conseil in conseils:
            for cle, quartier in list(conseil.quartiers.items()):
                if quartier == HORS_QPV or cle not in conseil.membres:
                    continue
                if alea.random() < PART_QUI_REDECLARE:
                    quand = ADOPTION + timedelta(days=alea.uniform(3, 240))
                    plus_tard(quand, _redeclarer(plateforme, conseil, cle, quartier))

    plus_tard(ADOPTION, adopter)


def _redeclarer(plateforme: Plateforme, conseil: Any, cle: Any, ancien: str) -> Callable[[], None]:
    def agir() -> None:
        if cle not in conseil.membres or conseil.quartiers.get(cle) != ancien:
            return  # left meanwhile, or joined again with a new answer
        nouveau = nouveau_code(ancien)
        plateforme.assemblee.redeclarer_quartier(
            conseil.membres[cle], conseil.arrondissement, nouveau
        )
        conseil.quartiers[cle] = nouveau

    return agir
