"""The CSV report, long format: one row per figure and breakdown, for Excel in French.

UTF-8 with a byte-order mark and ";" between fields, so that a French Excel opens it as is.
Values are written as in the JSON except decimals, which take a comma (0,67), since the same
French Excel would read "0.67" as text, and "1.5" as a date. Booleans are "true"/"false", a
null is an empty field, a masked cell stays "< 5".
"""

import csv
import io
from typing import Any

from rapports.formats.lignes import lignes

COLONNES = ("conseil", "section", "indicateur", "ventilation", "valeur", "definition")
BOM = "\ufeff"


def valeur_csv(valeur: Any) -> str:
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "true" if valeur else "false"
    if isinstance(valeur, float):
        return repr(valeur).replace(".", ",")
    return str(valeur)


def tableau_csv(rapport: dict[str, Any]) -> bytes:
    sortie = io.StringIO()
    ecrivain = csv.writer(sortie, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow(COLONNES)
    for ligne in lignes(rapport):
        ecrivain.writerow(
            (
                ligne.conseil,
                ligne.section,
                ligne.indicateur,
                ligne.ventilation,
                valeur_csv(ligne.valeur),
                ligne.definition,
            )
        )
    return (BOM + sortie.getvalue()).encode("utf-8")
