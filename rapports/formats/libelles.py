"""Words for the report's keys and values, shared by every human-readable format.

The JSON keeps stable machine keys; people read labels, in the current language (that of the
request; French outside one, as for the scheduled archive). Figure labels and definitions come
from `definitions.py` (the single source, in French, marked for the catalogues); this module adds
the words for breakdowns, translates them all when they are shown, and writes numbers and dates
as the language does: French keeps the report's long-standing forms ("10 000", "12 mars 2026"),
the other languages take Babel's.
"""

import re
from datetime import date
from enum import StrEnum
from typing import Any

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

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
from langues import N_, _, gettext, langue, ngettext
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
    "obligations.bilan_ville_presente_le": N_("Bilan de la Ville présenté le"),
    "obligations.bilan_etat_presente_le": N_("Bilan de l'État présenté le"),
    "obligations.conseils_bilan_ville": N_("Conseils ayant reçu le bilan de la Ville"),
    "obligations.conseils_bilan_etat": N_("Conseils ayant reçu le bilan de l'État"),
}
# Keys inside a figure (splits, statistics, columns of a list).
LIBELLES = {
    "total": N_("Total"),
    "par_college": N_("Par collège"),
    "par_genre": N_("Par genre"),
    "par_tranche_age": N_("Par tranche d'âge"),
    "residence": N_("Par résidence"),
    "qpv": N_("Quartier prioritaire (QPV)"),
    HORS_QPV: LIBELLE_HORS_QPV,  # marked for the catalogues in `domaine.quartiers`
    "a_mettre_a_jour": N_("Quartier à mettre à jour"),
    "moyenne": N_("Moyenne par séance"),
    "mediane": N_("Médiane"),
    "maximum": N_("Maximum"),
    "inscrits_moyenne": N_("Inscrit·es présent·es, moyenne"),
    "anonymes_moyenne": N_("Participant·es non inscrit·es, moyenne"),
    "adoptees": N_("Adoptées"),
    "rejetees": N_("Rejetées"),
    "p90": N_("90e centile"),
    "transmis": N_("Transmis"),
    "repondus": N_("Répondus"),
    "en_retard_au_31_decembre": N_("En retard au 31 décembre"),
    "deposees": N_("Déposées"),
    "laureates": N_("Lauréates"),
    "tirage_id": N_("Identifiant du tirage"),
    "effectue_le": N_("Effectué le"),
    "lien": N_("Enregistrement public"),
    "comite": N_("Comité"),
    "le": N_("Date"),
    "representants": N_("Représentant·es présent·es"),
    "engage_euros": N_("Engagé"),
    "accorde_euros": N_("Accordé"),
    "depense_euros": N_("Dépensé"),
    "engagees": N_("Engagées"),
    "proposees": N_("Proposées"),
    "avec_participation": N_("Avec participation enregistrée"),
    "engages": N_("Engagés"),
    "postes": N_("Postes"),
    "etp": N_("Équivalents temps plein"),
    "heures": N_("Heures"),
    "recurrentes": N_("Récurrentes"),
    "ponctuelles": N_("Ponctuelles"),
    "theme": N_("Thème"),
    "organisme": N_("Organisme"),
    "institution": N_("Institution"),
    "participants": N_("Participant·es"),
    "nom": N_("Salle"),
    "recurrence": N_("Récurrence"),
    "debut": N_("Début"),
    "fin": N_("Fin"),
    "nature": N_("Type d'instance"),
    "instance": N_("Instance"),
    "reunions": N_("Réunions"),
    "avec_delegues": N_("Avec délégué·es du conseil"),
    "sans_le_conseil": N_("Sans le conseil"),
    "decision": N_("Par décision de l'assemblée"),
    "tirage": N_("Par tirage au sort"),
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
    return _(DEFINITIONS[cle][1]) if cle else ""


def libelle_figure(section: str, indicateur: str) -> str:
    cle = f"{section}.{indicateur}"
    if cle in LIBELLES_FIGURES:
        return _(LIBELLES_FIGURES[cle])
    if cle in DEFINITIONS:
        return _(DEFINITIONS[cle][0])
    return libelle(indicateur)


def libelle_section(section: str) -> str:
    return _(SECTIONS[section]) if section in SECTIONS else section


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
            return gettext(str(vocabulaire(cle).libelle))  # type: ignore[attr-defined]
        except ValueError:
            return cle
    return _(LIBELLES[cle]) if cle in LIBELLES else cle


def libelle_ventilation(indicateur: str, ventilation: str) -> str:
    """'par_college.habitant' under 'au_1er_janvier' -> 'Par collège › Habitant·e'; list items
    are numbered from 1 ('n° 1 › Effectué le')."""
    parties = []
    parent = indicateur
    for cle in ventilation.split(".") if ventilation else []:
        if cle.isdigit():
            parties.append(_("n° %(rang)s", rang=int(cle) + 1))
            continue  # an item of a list: its fields are read under the list's key
        parties.append(libelle(cle, parent))
        parent = cle
    return " › ".join(parties)


def libelle_conseil(arrondissement: int | None) -> str:
    if arrondissement is None:
        return _("Paris")
    if arrondissement == 1:
        return _("%(numero)ser arrondissement", numero=arrondissement)
    return _("%(numero)se arrondissement", numero=arrondissement)


def _en_francais() -> bool:
    return langue().locale.startswith("fr")


def nombre(valeur: int) -> str:
    """10000 -> "10 000" with a narrow no-break space in French ("10,000" in English); negative
    numbers keep their sign."""
    if not _en_francais():
        return format_decimal(valeur, locale=langue().locale)
    return f"{valeur:,}".replace(",", ESPACE_FINE).replace("-", "−")


def decimal(valeur: float) -> str:
    """14.75 -> "14,75"; 50.0 -> "50" (figures are rounded to two decimals)."""
    if float(valeur).is_integer():
        return nombre(int(valeur))
    if not _en_francais():
        return format_decimal(round(valeur, 2), format="#,##0.##", locale=langue().locale)
    chiffres = f"{valeur:.2f}".rstrip("0")
    entier, __, decimales = chiffres.partition(".")
    signe = "−" if chiffres.startswith("-") else ""
    return f"{signe}{nombre(abs(int(entier)))},{decimales}"


def date_longue(iso: str) -> str:
    """'2026-03-12' -> '12 mars 2026' ('12 March 2026' in English)."""
    jour = date.fromisoformat(iso)
    if not _en_francais():
        return format_date(jour, "long", locale=langue().locale)
    premier = "1er" if jour.day == 1 else str(jour.day)
    return f"{premier} {MOIS[jour.month - 1]} {jour.year}"


def _jours(valeur: int | float, chiffre: str) -> str:
    """ "3 jours": French takes the singular for 0 and 1, other languages their own rules."""
    if _en_francais():
        nombre_ = 1 if valeur in (0, 1) else 2
    else:
        nombre_ = int(valeur) if float(valeur).is_integer() else 100  # a fraction: "many"
    return ngettext("%(nombre)s jour", "%(nombre)s jours", nombre_) % {"nombre": chiffre}


def texte(valeur: Any, cle: str = "") -> str:
    """A value as a reader of the current language expects it; `cle`, the leaf's dotted path,
    gives the unit: "…_euros" in euros, "…_jours" in days, a leaf "part_…" as a percentage."""
    if valeur is None:
        return "—"
    if isinstance(valeur, bool):
        return _("oui") if valeur else _("non")
    parties = cle.split(".")
    if isinstance(valeur, int | float):
        francais = _en_francais()
        if isinstance(valeur, float) and parties[-1].startswith("part_"):
            if not francais:
                return decimal(round(valeur * 100, 2)) + "%"
            return decimal(round(valeur * 100, 2)) + f"{ESPACE_FINE}%"
        chiffre = nombre(valeur) if isinstance(valeur, int) else decimal(valeur)
        if any(p.endswith("_euros") for p in parties):
            if not francais:
                return format_currency(valeur, "EUR", locale=langue().locale)
            return f"{chiffre}{ESPACE_FINE}€"
        if any(p.endswith("_jours") for p in parties):
            return _jours(valeur, chiffre)
        return chiffre
    if isinstance(valeur, str) and _DATE_ISO.match(valeur):
        return date_longue(valeur)
    return str(valeur)
