"""French words for the report's keys and values, shared by every human-readable format.

The JSON keeps stable machine keys; people read labels. Figure labels and definitions come from
`definitions.py` (the single source); this module only adds the words for breakdowns and the
French way of writing numbers and dates, mirroring `web/rendu.py` without its Starlette imports.
"""

import re
from datetime import date
from enum import StrEnum
from typing import Any

from domaine.moyens import Institution, NatureAccompagnement, Recurrence
from domaine.quartiers import HORS_QPV, LIBELLE_HORS_QPV, libelle_quartier
from domaine.vocabulaire import (
    College,
    ComitePilotage,
    Destinataire,
    Genre,
    NatureInstance,
    OrigineAvis,
    RoleMandat,
    StatutProposition,
    TrancheAge,
)
from rapports.definitions import DEFINITIONS, SECTIONS

MOIS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip
ESPACE_FINE = "\u202f"  # the French thousands separator (narrow no-break space)
_DATE_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Figures whose definition is shared under another key of `DEFINITIONS`.
ALIAS_DEFINITIONS = {
    "obligations.bilan_ville_presente_le": "obligations.bilan",
    "obligations.bilan_etat_presente_le": "obligations.bilan",
    "obligations.conseils_bilan_ville": "obligations.conseils_bilan",
    "obligations.conseils_bilan_etat": "obligations.conseils_bilan",
}
# Their own labels, since two figures share one definition.
LIBELLES_FIGURES = {
    "obligations.bilan_ville_presente_le": "Bilan de la Ville présenté le",
    "obligations.bilan_etat_presente_le": "Bilan de l'État présenté le",
    "obligations.conseils_bilan_ville": "Conseils ayant reçu le bilan de la Ville",
    "obligations.conseils_bilan_etat": "Conseils ayant reçu le bilan de l'État",
}
# Keys inside a figure (splits, statistics, columns of a list).
LIBELLES = {
    "total": "Total",
    "par_college": "Par collège",
    "par_genre": "Par genre",
    "par_tranche_age": "Par tranche d'âge",
    "residence": "Par résidence",
    "qpv": "Quartier prioritaire (QPV)",
    HORS_QPV: LIBELLE_HORS_QPV,
    "a_mettre_a_jour": "Quartier à mettre à jour",
    "moyenne": "Moyenne par séance",
    "mediane": "Médiane",
    "maximum": "Maximum",
    "inscrits_moyenne": "Inscrit·es présent·es, moyenne",
    "anonymes_moyenne": "Participant·es non inscrit·es, moyenne",
    "adoptees": "Adoptées",
    "rejetees": "Rejetées",
    "p90": "90e centile",
    "transmis": "Transmis",
    "repondus": "Répondus",
    "en_retard_au_31_decembre": "En retard au 31 décembre",
    "deposees": "Déposées",
    "laureates": "Lauréates",
    "tirage_id": "Identifiant du tirage",
    "effectue_le": "Effectué le",
    "lien": "Enregistrement public",
    "comite": "Comité",
    "le": "Date",
    "representants": "Représentant·es présent·es",
    "engage_euros": "Engagé",
    "accorde_euros": "Accordé",
    "depense_euros": "Dépensé",
    "engagees": "Engagées",
    "proposees": "Proposées",
    "avec_participation": "Avec participation enregistrée",
    "engages": "Engagés",
    "postes": "Postes",
    "etp": "Équivalents temps plein",
    "heures": "Heures",
    "recurrentes": "Récurrentes",
    "ponctuelles": "Ponctuelles",
    "theme": "Thème",
    "organisme": "Organisme",
    "institution": "Institution",
    "participants": "Participant·es",
    "nom": "Salle",
    "recurrence": "Récurrence",
    "debut": "Début",
    "fin": "Fin",
    "nature": "Type d'instance",
    "instance": "Instance",
    "reunions": "Réunions",
    "avec_delegues": "Avec délégué·es du conseil",
    "sans_le_conseil": "Sans le conseil",
    "decision": "Par décision de l'assemblée",
    "tirage": "Par tirage au sort",
}
# The closed list a breakdown's keys come from, by the breakdown's key.
VOCABULAIRES: dict[str, type[StrEnum]] = {
    "par_college": College,
    "par_genre": Genre,
    "par_tranche_age": TrancheAge,
    "emis": OrigineAvis,
    "par_destinataire": Destinataire,
    "statuts_au_31_decembre": StatutProposition,
    "comite": ComitePilotage,
    "budget": Institution,
    "institution": Institution,
    "accompagnement": NatureAccompagnement,
    "recurrence": Recurrence,
    "nature": NatureInstance,
    "decision": RoleMandat,
    "tirage": RoleMandat,
}


def cle_de_definition(section: str, indicateur: str) -> str | None:
    """The `DEFINITIONS` key that defines this figure, or None if it has none."""
    cle = f"{section}.{indicateur}"
    cle = ALIAS_DEFINITIONS.get(cle, cle)
    return cle if cle in DEFINITIONS else None


def definition(section: str, indicateur: str) -> str:
    cle = cle_de_definition(section, indicateur)
    return DEFINITIONS[cle][1] if cle else ""


def libelle_figure(section: str, indicateur: str) -> str:
    cle = f"{section}.{indicateur}"
    if cle in LIBELLES_FIGURES:
        return LIBELLES_FIGURES[cle]
    if cle in DEFINITIONS:
        return DEFINITIONS[cle][0]
    return libelle(indicateur)


def libelle_section(section: str) -> str:
    return SECTIONS.get(section, section)


def ordre_des_figures(section: str, indicateurs: list[str]) -> list[str]:
    """Figures in the order of `DEFINITIONS` (the reading order), unknown ones last, sorted."""
    rangs = {cle: rang for rang, cle in enumerate(DEFINITIONS)}
    fin = len(rangs)

    alias = list(ALIAS_DEFINITIONS)

    def rang(indicateur: str) -> tuple[int, int, str]:
        cle = f"{section}.{indicateur}"
        ordre_alias = alias.index(cle) if cle in alias else 0  # the Ville before the État
        return rangs.get(ALIAS_DEFINITIONS.get(cle, cle), fin), ordre_alias, indicateur

    return sorted(indicateurs, key=rang)


def ordre_des_sections(sections: list[str]) -> list[str]:
    rangs = {cle: rang for rang, cle in enumerate(SECTIONS)}
    return sorted(sections, key=lambda s: (rangs.get(s, len(rangs)), s))


def libelle(cle: str, parent: str = "") -> str:
    """The label of `cle`, a key found under `parent` (a breakdown, a statistic, a column)."""
    if parent == "par_quartier":
        return libelle_quartier(cle)
    vocabulaire = VOCABULAIRES.get(parent)
    if vocabulaire is not None:
        try:
            return str(vocabulaire(cle).libelle)  # type: ignore[attr-defined]
        except ValueError:
            return cle
    return LIBELLES.get(cle, cle)


def libelle_ventilation(indicateur: str, ventilation: str) -> str:
    """'par_college.habitant' under 'au_1er_janvier' -> 'Par collège › Habitant·e'; list items
    are numbered from 1 ('n° 1 › Effectué le')."""
    parties = []
    parent = indicateur
    for cle in ventilation.split(".") if ventilation else []:
        if cle.isdigit():
            parties.append(f"n° {int(cle) + 1}")
            continue  # an item of a list: its fields are read under the list's key
        parties.append(libelle(cle, parent))
        parent = cle
    return " › ".join(parties)


def libelle_conseil(arrondissement: int | None) -> str:
    if arrondissement is None:
        return "Paris"
    return f"{arrondissement}{'er' if arrondissement == 1 else 'e'} arrondissement"


def nombre(valeur: int) -> str:
    """10000 -> "10 000" with a narrow no-break space; negative numbers keep their sign."""
    return f"{valeur:,}".replace(",", ESPACE_FINE).replace("-", "−")


def decimal(valeur: float) -> str:
    """14.75 -> "14,75"; 50.0 -> "50" (figures are rounded to two decimals)."""
    if float(valeur).is_integer():
        return nombre(int(valeur))
    chiffres = f"{valeur:.2f}".rstrip("0")
    entier, _, decimales = chiffres.partition(".")
    signe = "−" if chiffres.startswith("-") else ""
    return f"{signe}{nombre(abs(int(entier)))},{decimales}"


def date_longue(iso: str) -> str:
    """'2026-03-12' -> '12 mars 2026'."""
    jour = date.fromisoformat(iso)
    premier = "1er" if jour.day == 1 else str(jour.day)
    return f"{premier} {MOIS[jour.month - 1]} {jour.year}"


def texte(valeur: Any, cle: str = "") -> str:
    """A value as a French reader expects it; `cle`, the leaf's dotted path, gives the unit:
    "…_euros" in euros, "…_jours" in days, a leaf "part_…" as a percentage."""
    if valeur is None:
        return "—"
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    parties = cle.split(".")
    if isinstance(valeur, int | float):
        if isinstance(valeur, float) and parties[-1].startswith("part_"):
            return decimal(round(valeur * 100, 2)) + f"{ESPACE_FINE}%"
        chiffre = nombre(valeur) if isinstance(valeur, int) else decimal(valeur)
        if any(p.endswith("_euros") for p in parties):
            return f"{chiffre}{ESPACE_FINE}€"
        if any(p.endswith("_jours") for p in parties):
            return f"{chiffre} {'jour' if valeur in (0, 1) else 'jours'}"
        return chiffre
    if isinstance(valeur, str) and _DATE_ISO.match(valeur):
        return date_longue(valeur)
    return str(valeur)
