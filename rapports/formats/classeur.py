"""The XLSX report (openpyxl): one sheet per council, "Paris", then "Définitions", in the
language of the request (French outside one); each row's "Clé" stays the JSON's path.

Numbers stay numbers (a display format adds thousands separators, euros or percentages), so the
sheet reads back to the JSON's figures; a masked cell is the text "< 5". Each row carries its
JSON path in the "Clé" column.

Byte-identical output for the same report: the document's created/modified dates are the
report's "au" date (`Workbook.save` would stamp "modified" with the time of saving, so the
workbook is written through openpyxl's `ExcelWriter`), and the zip is rewritten with every
entry dated that day at 00:00 (openpyxl dates entries with the clock or a temporary file's
modification time).
"""

import io
from datetime import date, datetime
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from langues import FRANCAIS, N_, _, langue
from rapports.calcul import MESSAGE_SANS_ACTIVITE
from rapports.definitions import DEFINITIONS
from rapports.formats.libelles import (
    date_longue,
    libelle_conseil,
    libelle_figure,
    libelle_section,
    libelle_ventilation,
)
from rapports.formats.lignes import Ligne, conseils, lignes

ENTETES = (N_("Section"), N_("Indicateur"), N_("Ventilation"), N_("Valeur"), N_("Clé"))
LARGEURS = (28, 34, 46, 14, 60)
GRAS = Font(bold=True)
TITRE = Font(bold=True, size=14)
FOND_ENTETE = PatternFill("solid", fgColor="F4F5F7")


def _dater(archive: bytes, quand: date) -> bytes:
    """The same zip with every entry stamped `quand` at 00:00, in the same order."""
    date_time = (quand.year, quand.month, quand.day, 0, 0, 0)
    sortie = io.BytesIO()
    with ZipFile(io.BytesIO(archive)) as source, ZipFile(sortie, "w", ZIP_DEFLATED) as cible:
        for entree in source.infolist():
            copie = ZipInfo(entree.filename, date_time=date_time)
            copie.compress_type = ZIP_DEFLATED
            copie.external_attr = 0o600 << 16
            cible.writestr(copie, source.read(entree))
    return sortie.getvalue()


def classeur(rapport: dict[str, Any]) -> bytes:
    au = date.fromisoformat(rapport["au"])
    livre = Workbook()
    livre.remove(livre.active)  # type: ignore[arg-type]
    par_conseil: dict[str, list[Ligne]] = {}
    for ligne in lignes(rapport):
        par_conseil.setdefault(ligne.conseil, []).append(ligne)
    for code, arrondissement, __ in conseils(rapport):
        feuille = livre.create_sheet(libelle_conseil(arrondissement))
        _feuille_conseil(
            feuille, rapport, libelle_conseil(arrondissement), par_conseil.get(code, [])
        )
    _feuille_definitions(livre.create_sheet(_("Définitions")), rapport)
    proprietes = livre.properties
    proprietes.title = _("Rapport annuel %(annee)s des conseils citoyens", annee=rapport["annee"])
    proprietes.creator = "participation"
    proprietes.language = "fr-FR" if langue() == FRANCAIS else langue().code
    proprietes.created = proprietes.modified = datetime(au.year, au.month, au.day)
    tampon = io.BytesIO()
    with ZipFile(tampon, "w", ZIP_DEFLATED) as archive:
        ExcelWriter(livre, archive).write_data()  # unlike Workbook.save, keeps our dates
    return _dater(tampon.getvalue(), au)


def _feuille_conseil(
    feuille: Worksheet, rapport: dict[str, Any], titre: str, contenu: list[Ligne]
) -> None:
    seuil = rapport.get("seuil_petits_effectifs", 5)
    feuille.append(
        [_("Rapport annuel %(annee)s — %(perimetre)s", annee=rapport["annee"], perimetre=titre)]
    )
    feuille["A1"].font = TITRE
    situation = _("Situation au %(au)s.", au=date_longue(rapport["au"]))
    if rapport.get("partiel"):
        situation += " " + _("Rapport partiel : l'année n'est pas terminée.")
    if rapport.get("vide"):
        situation += " " + (
            _(MESSAGE_SANS_ACTIVITE, annee=rapport["annee"])
            if rapport.get("message")
            else _("Aucune activité enregistrée.")
        )
    feuille.append([situation])
    feuille.append(
        [
            _(
                "Toute case démographique de 1 à %(maximum)s personnes est affichée "
                "« < %(seuil)s ». Cellule vide : sans objet. Définitions : feuille "
                "« %(feuille)s ».",
                maximum=seuil - 1,
                seuil=seuil,
                feuille=_("Définitions"),
            )
        ]
    )
    feuille.append([])
    feuille.append([_(entete) for entete in ENTETES])
    premiere = feuille.max_row
    for cellule in feuille[premiere]:
        cellule.font = GRAS
        cellule.fill = FOND_ENTETE
    for ligne in contenu:
        feuille.append(
            [
                libelle_section(ligne.section),
                libelle_figure(ligne.section, ligne.indicateur),
                libelle_ventilation(ligne.indicateur, ligne.ventilation),
                ligne.valeur,  # numbers, booleans and text as in the JSON; None: empty
                ligne.cle,
            ]
        )
        case = feuille.cell(feuille.max_row, 4)
        case.number_format = _format(ligne)
        if isinstance(ligne.valeur, str):
            case.alignment = Alignment(horizontal="right")
    _largeurs(feuille, LARGEURS)
    feuille.freeze_panes = f"A{premiere + 1}"
    if contenu:
        feuille.auto_filter.ref = f"A{premiere}:E{feuille.max_row}"


def _feuille_definitions(feuille: Worksheet, rapport: dict[str, Any]) -> None:
    feuille.append([_("Définitions des chiffres du rapport annuel")])
    feuille["A1"].font = TITRE
    feuille.append([_("Schéma des données : %(schema)s", schema=rapport.get("schema", ""))])
    feuille.append([])
    feuille.append([_("Clé"), _("Section"), _("Chiffre"), _("Définition")])
    for cellule in feuille[feuille.max_row]:
        cellule.font = GRAS
        cellule.fill = FOND_ENTETE
    for cle, (libelle, definition) in DEFINITIONS.items():
        feuille.append([cle, libelle_section(cle.split(".")[0]), _(libelle), _(definition)])
        feuille.cell(feuille.max_row, 4).alignment = Alignment(wrap_text=True, vertical="top")
    _largeurs(feuille, (44, 28, 34, 100))
    feuille.freeze_panes = "A5"


def _format(ligne: Ligne) -> str:
    feuille = ligne.ventilation.rsplit(".", 1)[-1] if ligne.ventilation else ligne.indicateur
    if isinstance(ligne.valeur, bool) or not isinstance(ligne.valeur, int | float):
        return "General"
    if feuille.startswith("part_"):
        return "0%"
    if feuille.endswith("_euros"):
        return '#,##0 "€"'
    return "#,##0" if isinstance(ligne.valeur, int) else "#,##0.00"


def _largeurs(feuille: Worksheet, largeurs: tuple[int, ...]) -> None:
    for rang, largeur in enumerate(largeurs, start=1):
        feuille.column_dimensions[get_column_letter(rang)].width = largeur
