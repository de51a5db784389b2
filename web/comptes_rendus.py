"""The minutes of a séance on its page and in print: which version anyone may read, the forms
of its animateurs (a new version; the vote on minutes awaiting approval), and the PDF.

Publication: the approved version is public (anyone reads it on the séance page and downloads
its PDF). A version not yet approved, a first draft or a correction, is read by the council's
animateurs and the current members of its open assembly, who vote on it
(`domaine.seances.peut_lire_le_projet`); its PDF is marked "PROJET".
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from domaine.comptes import Acteur
from domaine.seances import peut_lire_le_projet
from domaine.temps import a_paris, en_utc
from domaine.vocabulaire import College
from langues import _, langue
from projections.lecture_comptes_rendus import CompteRenduLu, VersionLue
from web.rendu import templates

FEUILLE_DE_STYLE = Path(__file__).parent / "templates" / "seances" / "compte-rendu.css"


def lit_le_projet(p: Any, qui: Acteur | None, arrondissement: int) -> bool:
    """Whether this reader may read minutes not yet approved (see the module's docstring)."""
    adhesion = p.lecture.adhesion(arrondissement, qui.compte_id) if qui is not None else None
    return peut_lire_le_projet(qui, arrondissement, bool(adhesion and adhesion.actif))


def presents_par_college(p: Any, seance: Any) -> list[tuple[str, int]]:
    """(label, count) of the members present, by college, every college listed."""
    nombres = p.lecture_comptes_rendus.presents_par_college(
        seance.arrondissement, UUID(seance.seance_id)
    )
    return [(c.libelle, nombres.get(c.value, 0)) for c in College]


def contexte_compte_rendu(
    p: Any, qui: Acteur | None, seance: Any, anime: bool, tenue: bool
) -> dict[str, object]:
    """What the minutes' section of the séance page shows."""
    seance_id = UUID(seance.seance_id)
    lecture = p.lecture_comptes_rendus
    resultat: dict[str, object] = {
        "cr": lecture.compte_rendu(seance_id),
        "lit_le_projet": lit_le_projet(p, qui, seance.arrondissement),
        "votes_cr": lecture.votes_de_la_seance(seance_id),
        "presents_par_college": presents_par_college(p, seance),
    }
    if anime and tenue:
        resultat["a_voter"] = lecture.en_attente(seance.arrondissement, en_utc(seance.date))
    return resultat


@dataclass(frozen=True)
class Imprime:
    """The version a PDF prints, and whether it is a draft (marked "PROJET")."""

    version: VersionLue
    projet: bool


def version_imprimee(cr: CompteRenduLu, lit_projet: bool, projet_demande: bool) -> Imprime | None:
    """The approved version; the draft instead when asked for (or when none is approved) by
    someone who may read it. None: nothing this reader may print."""
    if lit_projet and cr.projet is not None and (projet_demande or cr.approuvee is None):
        return Imprime(cr.projet, True)
    if cr.approuvee is not None:
        return Imprime(cr.approuvee, False)
    return None


def nom_du_fichier(seance: Any, projet: bool) -> str:
    jour = a_paris(en_utc(seance.date)).date().isoformat()
    suffixe = "-projet" if projet else ""
    return f"compte-rendu-{seance.arrondissement}e-{jour}{suffixe}.pdf"


def pdf(
    seance: Any,
    imprime: Imprime,
    cr: CompteRenduLu,
    decisions: list[Any],
    votes_cr: dict[int, Any],
    presents: list[tuple[str, int]],
) -> bytes:
    """The minutes laid out by WeasyPrint on A4 (imported here: slow to import, only the PDFs
    need it), from a standalone template whose style is its own stylesheet. The same inputs
    give the same bytes: the document carries no creation date."""
    from weasyprint import CSS, HTML

    html = templates.env.get_template("seances/compte-rendu-pdf.html").render(
        seance=seance,
        conseil=_(
            "Conseil citoyen du %(arrondissement)se arrondissement",
            arrondissement=seance.arrondissement,
        ),
        imprime=imprime,
        cr=cr,
        decisions=decisions,
        votes_cr=votes_cr,
        presents_par_college=presents,
        langue=langue(),
    )
    contenu: bytes = HTML(string=html).write_pdf(stylesheets=[CSS(filename=FEUILLE_DE_STYLE)])
    return contenu
