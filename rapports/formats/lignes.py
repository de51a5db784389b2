"""The report as a list of leaves, one per figure and breakdown: the long format the CSV and the
XLSX write, in one deterministic order (sections and figures in the order of the definitions,
breakdowns in the order of their closed list), so both say exactly what the JSON says."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from domaine.quartiers import HORS_QPV
from rapports.formats.libelles import (
    LIBELLES,
    VOCABULAIRES,
    definition,
    ordre_des_figures,
    ordre_des_sections,
)

CODE_PARIS = "paris"  # the `conseil` of Paris-wide rows


@dataclass(frozen=True)
class Ligne:
    conseil: str  # the arrondissement's number, or "paris"
    section: str
    indicateur: str
    ventilation: str  # dotted path inside the figure ("par_college.habitant"), "" if none
    valeur: Any  # int, float, str ("< 5", a date, an identifier), bool or None

    @property
    def cle(self) -> str:
        """The leaf's path within its council: "assemblee.entrees.par_genre.femme"."""
        return ".".join(p for p in (self.section, self.indicateur, self.ventilation) if p)

    @property
    def definition(self) -> str:
        texte = definition(self.section, self.indicateur)
        if self.section == "assemblee" and self.ventilation.startswith("residence."):
            texte = f"{texte} {definition('assemblee', 'residence')}".strip()
        return texte


def conseils(rapport: dict[str, Any]) -> list[tuple[str, int | None, dict[str, Any]]]:
    """(code, arrondissement or None, figures) of each council, then Paris when present."""
    resultat: list[tuple[str, int | None, dict[str, Any]]] = [
        (str(c["arrondissement"]), c["arrondissement"], c) for c in rapport.get("conseils", [])
    ]
    if rapport.get("paris") is not None:
        resultat.append((CODE_PARIS, None, rapport["paris"]))
    return resultat


def sections(figures: dict[str, Any]) -> list[str]:
    return ordre_des_sections([k for k, v in figures.items() if isinstance(v, dict)])


def ordonner(cles: list[str], parent: str) -> list[str]:
    """Keys of a breakdown in a reader's order: its closed list's, else the labels' order (total
    first, then the splits), else alphabetical; "hors_qpv" after the neighbourhoods."""
    if parent == "par_quartier":
        return sorted(cles, key=lambda c: (c == HORS_QPV, c))
    vocabulaire = VOCABULAIRES.get(parent)
    ordre = [m.value for m in vocabulaire] if vocabulaire else list(LIBELLES)
    rangs = {cle: rang for rang, cle in enumerate(ordre)}
    return sorted(cles, key=lambda c: (rangs.get(c, len(rangs)), c))


def feuilles(valeur: Any, parent: str = "", chemin: tuple[str, ...] = ()) -> Iterator[Any]:
    """(path, value) of each scalar under `valeur`; list items are numbered from 0."""
    if isinstance(valeur, dict):
        for cle in ordonner(list(valeur), parent):
            yield from feuilles(valeur[cle], cle, (*chemin, cle))
    elif isinstance(valeur, list):
        for rang, element in enumerate(valeur):
            yield from feuilles(element, parent, (*chemin, str(rang)))
    else:
        yield chemin, valeur


def lignes(rapport: dict[str, Any]) -> Iterator[Ligne]:
    for code, _, figures in conseils(rapport):
        for section in sections(figures):
            contenu = figures[section]
            for indicateur in ordre_des_figures(section, list(contenu)):
                for chemin, valeur in feuilles(contenu[indicateur], indicateur):
                    yield Ligne(code, section, indicateur, ".".join(chemin), valeur)
