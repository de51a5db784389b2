"""What the HTML (and so the PDF) report shows, decided in Python so the templates only lay it
out: per council, each section's figures with their definition, tables and charts.

Every leaf of the JSON becomes exactly one table cell (or one headline figure) carrying its path
in `data-cle`, which lets the tests check the page against the JSON figure by figure.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from markupsafe import Markup

from domaine.temps import PARIS
from domaine.vocabulaire import Genre, TrancheAge
from langues import N_, _
from rapports.calcul import MESSAGE_SANS_ACTIVITE
from rapports.definitions import DEFINITIONS
from rapports.formats.graphiques import Serie, barres, est_masque
from rapports.formats.libelles import (
    VOCABULAIRES,
    date_longue,
    definition,
    libelle,
    libelle_conseil,
    libelle_figure,
    libelle_section,
    ordre_des_figures,
    texte,
)
from rapports.formats.lignes import conseils, ordonner, sections

REPARTITIONS = ("par_college", "par_genre", "par_tranche_age", "residence")
TOUJOURS_AFFICHEES = {
    "par_genre": (Genre.NON_PRECISE.value,),
    "par_tranche_age": (TrancheAge.NON_PRECISE.value,),
}
"""Rows the assembly's table shows even at zero: "ne se prononce pas" is counted explicitly
(definition `assemblee.ne_se_prononce_pas`), so its absence reads as a zero, not as a gap."""
ANNEE_COMPAREE = (
    ("au_1er_janvier", (N_("1er janv."), N_("au 1er janvier"))),
    ("au_31_decembre", (N_("31 déc."), N_("au 31 décembre"))),
)
"""The assembly's charts compare two dates: (figure, (a bar's short label, the series' name))."""
VIDES = {
    "groupe_moteur.tirages": N_("Aucun tirage au sort effectué dans l'année."),
    "obligations.comites_de_pilotage": N_("Aucun comité de pilotage enregistré dans l'année."),
    "instances.par_instance": N_("Aucune réunion d'instance enregistrée dans l'année."),
    "avis.emis": N_("Aucun avis engagé dans l'année."),
    "avis.par_destinataire": N_("Aucun avis adressé."),
    "budget_participatif.statuts_au_31_decembre": N_("Aucune proposition déposée."),
    "budget_participatif.par_quartier": N_("Aucune proposition déposée ni lauréate dans l'année."),
    "moyens.liste_des_formations": N_("Aucune formation proposée dans l'année."),
    "moyens.liste_des_salles": N_("Aucune salle mise à disposition dans l'année."),
}


ECRITS = frozenset({"theme", "organisme", "nom", "instance"})
"""Columns of a list that hold what people wrote: shown as written, in the contents' language."""


@dataclass(frozen=True)
class Cellule:
    cle: str | None  # the leaf's path in its council; None for a zero the JSON leaves out
    texte: str
    masque: bool = False
    indefini: bool = False
    nombre: bool = False  # right-aligned in a table
    lien: str | None = None
    contenu: bool = False  # text people wrote (a room's name, a training's theme): not translated


@dataclass
class LigneTableau:
    entete: str
    cellules: list[Cellule]


@dataclass
class Groupe:
    titre: str  # "" for a table of a single group
    lignes: list[LigneTableau] = field(default_factory=list)


@dataclass
class Bloc:
    """One figure (or, for the assembly, the table of its five head counts)."""

    cle: str
    libelle: str
    definitions: list[tuple[str, str]]
    valeur: Cellule | None = None
    colonnes: list[str] = field(default_factory=list)
    groupes: list[Groupe] = field(default_factory=list)
    graphiques: list[tuple[str, Markup]] = field(default_factory=list)  # (title, SVG)
    vide: str = ""

    @property
    def court(self) -> bool:
        """A table short enough to keep on one page in the PDF."""
        return sum(len(g.lignes) + bool(g.titre) for g in self.groupes) <= 12

    @property
    def colonnes_de_nombres(self) -> list[bool]:
        """Which columns hold only numbers (right-aligned, header included)."""
        lignes = [ligne for groupe in self.groupes for ligne in groupe.lignes]
        return [
            all(ligne.cellules[rang].nombre or ligne.cellules[rang].indefini for ligne in lignes)
            for rang in range(len(self.colonnes))
        ]


@dataclass
class Section:
    cle: str
    titre: str
    blocs: list[Bloc]


@dataclass
class Conseil:
    code: str
    ancre: str
    titre: str
    sections: list[Section]


def point_de_controle(point: dict[str, Any] | None) -> dict[str, Any] | None:
    """The checkpoint of the tamper-evident log closing the year, with its date in words."""
    if point is None:
        return None
    le = datetime.fromisoformat(point["le"]).astimezone(PARIS)
    jour = date_longue(le.date().isoformat())
    return {**point, "le_texte": _("%(jour)s à %(heure)s", jour=jour, heure=le.strftime("%H:%M"))}


def vue(rapport: dict[str, Any], url_base: str = "") -> dict[str, Any]:
    """The template's context: the report's header and every council's sections."""
    seuil = int(rapport.get("seuil_petits_effectifs", 5))
    annee = rapport["annee"]
    liste = []
    for code, arrondissement, figures in conseils(rapport):
        contexte = _Contexte(code, annee, seuil, url_base)
        liste.append(
            Conseil(
                code,
                f"conseil-{code}",
                libelle_conseil(arrondissement)
                if arrondissement is not None
                else _("Paris — ensemble des conseils"),
                [_section(contexte, s, figures[s]) for s in sections(figures)],
            )
        )
    perimetre = (
        _("Paris et ses conseils citoyens")
        if rapport.get("paris") is not None
        else ", ".join(c.titre for c in liste)
    )
    return {
        "annee": annee,
        "au": date_longue(rapport["au"]),
        "partiel": bool(rapport.get("partiel")),
        "vide": bool(rapport.get("vide")),
        # The JSON keeps the French sentence; the page says it in the reader's language.
        "message": _(MESSAGE_SANS_ACTIVITE, annee=annee) if rapport.get("message") else "",
        "seuil": seuil,
        "schema": rapport.get("schema", ""),
        "perimetre": perimetre,
        "point_de_controle": point_de_controle(rapport.get("point_de_controle")),
        "conseils": liste,
        "annexe": annexe(),
    }


def annexe() -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Every definition, by section: (section title, [(key, label, definition)])."""
    par_section: dict[str, list[tuple[str, str, str]]] = {}
    for cle, (libelle_, texte_) in DEFINITIONS.items():
        par_section.setdefault(cle.split(".")[0], []).append((cle, _(libelle_), _(texte_)))
    return [(libelle_section(s), d) for s, d in par_section.items()]


@dataclass(frozen=True)
class _Contexte:
    code: str
    annee: int
    seuil: int
    url_base: str

    def ident(self, *parties: str) -> str:
        return "-".join(("g", self.code, *parties)).replace("_", "-")


def _cellule(cle: str, valeur: Any) -> Cellule:
    if est_masque(valeur):
        return Cellule(cle, str(valeur), masque=True, nombre=True)
    nombre = isinstance(valeur, int | float) and not isinstance(valeur, bool)
    return Cellule(cle, texte(valeur, cle), indefini=valeur is None, nombre=nombre)


def _section(contexte: _Contexte, section: str, contenu: dict[str, Any]) -> Section:
    blocs: list[Bloc] = []
    indicateurs = ordre_des_figures(section, list(contenu))
    if section == "assemblee":
        blocs.append(_assemblee(contexte, contenu))
        indicateurs = [i for i in indicateurs if not _est_repartition(contenu[i])]
    for indicateur in indicateurs:
        blocs.append(_bloc(contexte, section, indicateur, contenu[indicateur]))
    return Section(section, libelle_section(section), blocs)


def _est_repartition(valeur: Any) -> bool:
    return isinstance(valeur, dict) and "total" in valeur and "par_college" in valeur


def _assemblee(contexte: _Contexte, contenu: dict[str, Any]) -> Bloc:
    """The five head counts side by side, split by college, gender, age band and residence;
    charts compare 1 January with 31 December."""
    figures = [
        i for i in ordre_des_figures("assemblee", list(contenu)) if _est_repartition(contenu[i])
    ]
    colonnes = [libelle_figure("assemblee", f) for f in figures]
    total = Groupe(
        "",
        [
            LigneTableau(
                _("Total"),
                [_cellule(f"assemblee.{f}.total", contenu[f]["total"]) for f in figures],
            )
        ],
    )
    groupes = [total]
    for repartition in REPARTITIONS:
        presentes = {k for f in figures for k in contenu[f].get(repartition, {})}
        toujours = set(TOUJOURS_AFFICHEES.get(repartition, ()))
        cles = ordonner(sorted(presentes | toujours), repartition)
        groupe = Groupe(libelle(repartition))
        for cle in cles:
            cellules = []
            for f in figures:
                cases = contenu[f].get(repartition, {})
                if cle in cases:
                    cellules.append(_cellule(f"assemblee.{f}.{repartition}.{cle}", cases[cle]))
                else:
                    cellules.append(Cellule(None, "0", nombre=True))
            groupe.lignes.append(LigneTableau(libelle(cle, repartition), cellules))
        groupes.append(groupe)
    definitions = [(libelle_figure("assemblee", f), definition("assemblee", f)) for f in figures]
    for extra in ("residence", "ne_se_prononce_pas", "petits_effectifs"):
        definitions.append((libelle_figure("assemblee", extra), definition("assemblee", extra)))
    graphiques = []
    comparees = [
        (cle, Serie(_(court), _(nom))) for cle, (court, nom) in ANNEE_COMPAREE if cle in contenu
    ]
    for repartition in REPARTITIONS:
        cles = ordonner(
            sorted({k for cle, __ in comparees for k in contenu[cle].get(repartition, {})}),
            repartition,
        )
        if not cles:
            continue
        graphiques.append(
            barres(
                contexte.ident("assemblee", repartition),
                _(
                    "Membres de l'assemblée ouverte au 1er janvier et au 31 décembre "
                    "%(annee)s, %(repartition)s",
                    annee=contexte.annee,
                    repartition=libelle(repartition).lower(),
                ),
                [serie for __, serie in comparees],
                [
                    (
                        libelle(k, repartition),
                        [contenu[cle].get(repartition, {}).get(k, 0) for cle, __ in comparees],
                    )
                    for k in cles
                ],
                contexte.seuil,
            )
        )
    return Bloc(
        "assemblee.effectifs",
        _("Effectifs de l'assemblée ouverte"),
        definitions,
        colonnes=colonnes,
        groupes=groupes,
        graphiques=graphiques,
    )


def _bloc(contexte: _Contexte, section: str, indicateur: str, valeur: Any) -> Bloc:
    cle = f"{section}.{indicateur}"
    bloc = Bloc(
        cle,
        libelle_figure(section, indicateur),
        [(libelle_figure(section, indicateur), definition(section, indicateur))],
    )
    if isinstance(valeur, list):
        _liste(contexte, bloc, indicateur, valeur)
    elif isinstance(valeur, dict):
        _tableau(bloc, indicateur, valeur)
    else:
        bloc.valeur = _cellule(cle, valeur)
    if not bloc.groupes and bloc.valeur is None:
        bloc.vide = _(VIDES[cle]) if cle in VIDES else _("Aucune donnée pour l'année.")
    graphique = _GRAPHIQUES.get(cle)
    if graphique is not None:
        dessin = graphique(contexte, valeur)
        if dessin is not None:
            bloc.graphiques.append(dessin)
    return bloc


def _tableau(bloc: Bloc, indicateur: str, valeur: dict[str, Any]) -> None:
    """A breakdown as a table: key/value rows; a matrix when every value is itself a
    breakdown (per addressee, per neighbourhood); groups for a count with its splits."""
    cles = ordonner(list(valeur), indicateur)
    if not cles:
        return
    if all(isinstance(valeur[k], dict) for k in cles):
        colonnes = ordonner(sorted({c for k in cles for c in valeur[k]}), "")
        bloc.colonnes = [libelle(c) for c in colonnes]
        bloc.groupes = [
            Groupe(
                "",
                [
                    LigneTableau(
                        libelle(k, indicateur),
                        [
                            _cellule(f"{bloc.cle}.{k}.{c}", valeur[k][c])
                            if c in valeur[k]
                            else Cellule(None, "—", indefini=True)
                            for c in colonnes
                        ],
                    )
                    for k in cles
                ],
            )
        ]
        return
    bloc.colonnes = [_("Valeur")]
    simple = Groupe("")
    bloc.groupes = [simple]
    for k in cles:
        if isinstance(valeur[k], dict):
            groupe = Groupe(libelle(k))
            for sous in ordonner(list(valeur[k]), k):
                groupe.lignes.append(
                    LigneTableau(
                        libelle(sous, k),
                        [_cellule(f"{bloc.cle}.{k}.{sous}", valeur[k][sous])],
                    )
                )
            bloc.groupes.append(groupe)
        else:
            simple.lignes.append(
                LigneTableau(libelle(k, indicateur), [_cellule(f"{bloc.cle}.{k}", valeur[k])])
            )
    bloc.groupes = [g for g in bloc.groupes if g.lignes]


def _liste(contexte: _Contexte, bloc: Bloc, indicateur: str, valeur: list[dict[str, Any]]) -> None:
    """Tirages and steering committees: one row each; a tirage's link opens its public record."""
    if not valeur:
        return
    colonnes = ordonner(sorted({c for element in valeur for c in element}), indicateur)
    bloc.colonnes = [libelle(c) for c in colonnes]
    groupe = Groupe("")
    for rang, element in enumerate(valeur):
        cellules = []
        for c in colonnes:
            cle = f"{bloc.cle}.{rang}.{c}"
            if c == "lien" and isinstance(element.get(c), str):
                quand = element.get("effectue_le")
                cellules.append(
                    Cellule(
                        cle,
                        _("Tirage du %(date)s", date=date_longue(quand))
                        if quand
                        else _("Voir le tirage"),
                        lien=contexte.url_base + element[c],
                    )
                )
            elif c in VOCABULAIRES and isinstance(element.get(c), str):
                cellules.append(Cellule(cle, libelle(element[c], c)))
            elif c in ECRITS and isinstance(element.get(c), str):
                cellules.append(Cellule(cle, element[c], contenu=True))
            else:
                cellules.append(_cellule(cle, element.get(c)))
        groupe.lignes.append(LigneTableau(str(rang + 1), cellules))
    bloc.groupes = [groupe]


# --- charts other than the assembly's ---------------------------------------------------------


def _graphique_participation(contexte: _Contexte, valeur: Any) -> tuple[str, Markup] | None:
    if not isinstance(valeur, dict) or all(v is None for v in valeur.values()):
        return None
    cles = ordonner(list(valeur), "participation")
    return barres(
        contexte.ident("seances", "participation"),
        _(
            "Participation aux séances tenues en %(annee)s, en personnes par séance",
            annee=contexte.annee,
        ),
        [Serie("", "")],
        [(_(_COURT[k]) if k in _COURT else libelle(k), [valeur[k]]) for k in cles],
        contexte.seuil,
    )


def _graphique_destinataires(contexte: _Contexte, valeur: Any) -> tuple[str, Markup] | None:
    if not isinstance(valeur, dict) or not valeur:
        return None
    colonnes = ("transmis", "repondus", "en_retard_au_31_decembre")
    series = [
        Serie(_("transmis"), _("transmis")),
        Serie(_("répondus"), _("répondus")),
        Serie(_("en retard"), _("en retard au 31 décembre")),
    ]
    return barres(
        contexte.ident("avis", "destinataires"),
        _(
            "Avis transmis, répondus et en retard en %(annee)s, par destinataire",
            annee=contexte.annee,
        ),
        series,
        [
            (libelle(d, "par_destinataire"), [valeur[d].get(c) for c in colonnes])
            for d in ordonner(list(valeur), "par_destinataire")
        ],
        contexte.seuil,
    )


def _graphique_statuts(contexte: _Contexte, valeur: Any) -> tuple[str, Markup] | None:
    if not isinstance(valeur, dict) or not valeur:
        return None
    return barres(
        contexte.ident("budget", "statuts"),
        _(
            "Propositions de budget participatif par statut au 31 décembre %(annee)s",
            annee=contexte.annee,
        ),
        [Serie("", "")],
        [
            (libelle(s, "statuts_au_31_decembre"), [valeur[s]])
            for s in ordonner(list(valeur), "statuts_au_31_decembre")
        ],
        contexte.seuil,
    )


_COURT = {
    "moyenne": N_("Moyenne"),
    "inscrits_moyenne": N_("Inscrit·es (moyenne)"),
    "anonymes_moyenne": N_("Non inscrit·es (moyenne)"),
}
_GRAPHIQUES = {
    "seances.participation": _graphique_participation,
    "avis.par_destinataire": _graphique_destinataires,
    "budget_participatif.statuts_au_31_decembre": _graphique_statuts,
}
