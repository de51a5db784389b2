"""The attendance sheet of a séance, for a council of a thousand members: search as you type,
filters, one click per person, the printable sign-in sheet (PDF) and the quick entry of a
paper sheet by its line numbers.

The lines are numbered in one order everywhere (screen, PDF, quick entry): alphabetical, on
the assembly of the séance's day (`projections.lecture_seances`). Names are personal data:
every route here is for the council's animateurs only (403 otherwise).
"""

import re
from pathlib import Path
from typing import Any
from uuid import UUID

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from domaine.comptes import exiger_animateur
from domaine.erreurs import ChampInvalide, EtatIncompatible
from domaine.seances import PresencesRefusees
from domaine.temps import a_paris, en_utc
from domaine.vocabulaire import StatutSeance
from langues import N_, _, langue, ngettext
from projections.lecture_seances import Feuille
from web.formulaires import REFUS, Echec, identifiant, texte
from web.rendu import (
    acteur,
    apres_commande,
    date_fr,
    est_fragment,
    plateforme,
    rendre,
    templates,
)
from web.seances import (
    Filtres,
    contexte,
    formulaire_d_animateur,
    lire_feuille,
    seance_id_de,
    seance_lue,
)

FEUILLE_DE_STYLE = Path(__file__).parent / "templates" / "seances" / "feuille-emargement.css"
LIGNES_MAX = 5_000
"""More numbers than that in one entry is not a sheet someone ticked."""
_MORCEAU = re.compile(r"^(\d{1,6})(?:-(\d{1,6}))?$")
_INTERVALLE = re.compile(r"\s*[-–]\s*|\s+à\s+")


def numeros(saisie: str, total: int) -> list[int]:
    """The line numbers typed from a paper sheet: "3, 7, 12-15" (commas, semicolons, spaces or
    new lines between them; a range with "-" or "à"), in the order typed, without repeats."""
    morceaux = [m for m in re.split(r"[,;\s]+", _INTERVALLE.sub("-", saisie.strip())) if m]
    if not morceaux:
        raise ChampInvalide(
            "lignes", "Indiquez au moins un numéro de ligne (par exemple 3, 7, 12-15)."
        )
    resultat: dict[int, None] = {}
    inconnus: list[str] = []
    for morceau in morceaux:
        trouve = _MORCEAU.match(morceau)
        if not trouve:
            raise ChampInvalide(
                "lignes",
                "« %(morceau)s » n'est ni un numéro de ligne ni un intervalle (par exemple 12-15).",
                morceau=morceau[:20],
            )
        debut = int(trouve.group(1))
        fin = int(trouve.group(2) or debut)
        if fin < debut:
            raise ChampInvalide(
                "lignes",
                "L'intervalle « %(morceau)s » va à l'envers : écrivez %(fin)s-%(debut)s.",
                morceau=morceau,
                fin=fin,
                debut=debut,
            )
        if fin - debut >= LIGNES_MAX:
            raise ChampInvalide(
                "lignes", "L'intervalle « %(morceau)s » est trop long.", morceau=morceau
            )
        for n in range(debut, fin + 1):
            if 1 <= n <= total:
                resultat[n] = None
            elif str(n) not in inconnus:
                inconnus.append(str(n))
    if inconnus:
        liste = ", ".join(inconnus[:10]) + (" …" if len(inconnus) > 10 else "")
        if len(inconnus) == 1:
            raise ChampInvalide(
                "lignes",
                "Numéro hors de la feuille (lignes 1 à %(total)s) : %(liste)s. "
                "Rien n'a été enregistré.",
                total=total,
                liste=liste,
            )
        raise ChampInvalide(
            "lignes",
            "Numéros hors de la feuille (lignes 1 à %(total)s) : %(liste)s. "
            "Rien n'a été enregistré.",
            total=total,
            liste=liste,
        )
    return list(resultat)


def _exiger_animateur(request: Request, seance: Any) -> None:
    exiger_animateur(acteur(request), seance.arrondissement)


async def feuille(request: Request) -> Response:
    """GET /seances/{id}/presences: the sheet's lines for a search, a filter or a page (htmx
    swaps the results only, and the address bar follows); the whole page without JavaScript."""
    seance_id = seance_id_de(request)
    _exiger_animateur(request, seance_lue(request, seance_id))
    filtres = Filtres.de(request)
    ctx = {**contexte(request, seance_id, filtres=filtres), "statut_oob": est_fragment(request)}
    reponse = rendre(request, "seances/page.html", ctx, fragment="seances/_feuille.html")
    if est_fragment(request):
        requete = filtres.requete()
        reponse.headers["HX-Replace-Url"] = f"/seances/{seance_id}" + (
            f"?{requete}" if requete else ""
        )
    return reponse


def _apres_presence(
    request: Request,
    seance_id: UUID,
    position: int,
    message: str,
    filtres: Filtres,
    ancre: str,
    partiel: str,
    extra: dict[str, Any] | None = None,
) -> Response:
    if not est_fragment(request):
        requete = filtres.requete()
        url = f"/seances/{seance_id}" + (f"?{requete}" if requete else "") + ancre
        return apres_commande(request, position, message, url)
    plateforme(request).projecteur.attendre(position)
    ctx = {
        **contexte(request, seance_id, filtres=filtres),
        "confirmation": message,
        "partiel": partiel,
        **(extra or {}),
    }
    return rendre(request, "seances/page.html", ctx, fragment=partiel)


async def changer_presence(request: Request) -> Response:
    """One click on a line: present or absent. htmx swaps that line (the focus stays on its
    button, so the keyboard goes on down the list) and updates the count, which is announced."""
    seance_id, seance, form = await formulaire_d_animateur(request, "changer_presence")
    personne_id = identifiant(request.path_params["personne_id"], N_("Personne inconnue."))
    present = texte(form, "present") == "oui"
    filtres = Filtres.du_formulaire(form)
    try:
        position = plateforme(request).seances.changer_presence(
            acteur(request), seance_id, personne_id, present
        )
    except EtatIncompatible as erreur:
        ctx = {
            **contexte(request, seance_id, Echec.depuis("presence", erreur, form), filtres),
            "ligne_refusee": str(personne_id),
        }
        if "feuille" not in ctx:
            raise  # cancelled meanwhile: no sheet any more, the error page says so
        return rendre(
            request,
            "seances/page.html",
            ctx,
            erreur.statut_http,
            fragment="seances/_ligne_maj.html",
        )
    f = lire_feuille(request, seance)
    ligne = next((li for li in f.lignes if li.personne_id == str(personne_id)), None)
    qui = (ligne.nom or _("Personne effacée")) if ligne else _("Cette personne")
    message = _("%(qui)s : présent·e.", qui=qui) if present else _("%(qui)s : absent·e.", qui=qui)
    return _apres_presence(
        request,
        seance_id,
        position,
        message,
        filtres,
        f"#ligne-{ligne.numero}" if ligne else "#presences",
        "seances/_ligne_maj.html",
        {"ligne_maj": str(personne_id)},
    )


async def saisir_lignes(request: Request) -> Response:
    """POST /seances/{id}/presences: the line numbers ticked on a paper sheet, all marked present
    in one save; an unknown number or someone who was not a member that day refuses them all,
    the numbers typed kept."""
    seance_id, seance, form = await formulaire_d_animateur(request, "marquer_presents")
    f = lire_feuille(request, seance)
    lignes = f.par_numero()
    p = plateforme(request)
    try:
        try:
            choisis = numeros(texte(form, "lignes"), f.total)
        except ChampInvalide:
            if not (seance.statut != StatutSeance.ANNULEE and en_utc(seance.date) <= f.au):
                # Not held (yet): the domain's refusal says so, rather than the numbers.
                p.seances.marquer_presents(acteur(request), seance_id, [])
            raise
        personnes = [UUID(lignes[n].personne_id) for n in choisis]
        nouvelles, position = p.seances.marquer_presents(acteur(request), seance_id, personnes)
    except PresencesRefusees as erreur:
        numeros_refuses = [n for n in lignes if UUID(lignes[n].personne_id) in erreur.personnes]
        message = ngettext(
            "Ligne %(lignes)s : %(message)s",
            "Lignes %(lignes)s : %(message)s",
            len(numeros_refuses),
        ) % {"lignes": _liste(numeros_refuses), "message": erreur.message}
        return _saisie_refusee(request, seance_id, ChampInvalide("lignes", message), form)
    except REFUS as erreur:
        return _saisie_refusee(request, seance_id, erreur, form)
    noms = [
        _("n° %(numero)s %(nom)s", numero=n, nom=lignes[n].nom or _("Personne effacée"))
        for n in choisis
    ]
    deja = len(choisis) - nouvelles
    liste = ", ".join(noms[:40]) + (" …" if len(noms) > 40 else "")
    enregistrees = ngettext(
        "%(nombre)s présence enregistrée", "%(nombre)s présences enregistrées", nouvelles
    ) % {"nombre": nouvelles}
    if deja:
        enregistrees = ngettext(
            "%(enregistrees)s (%(nombre)s déjà notée)",
            "%(enregistrees)s (%(nombre)s déjà notées)",
            deja,
        ) % {"enregistrees": enregistrees, "nombre": deja}
    message = _(
        "%(enregistrees)s. Vérifiez les noms : %(noms)s.", enregistrees=enregistrees, noms=liste
    )
    return _apres_presence(
        request,
        seance_id,
        position,
        message,
        Filtres(),
        "#presences",
        "seances/_presences.html",
    )


def _saisie_refusee(request: Request, seance_id: UUID, erreur: Any, form: Any) -> Response:
    ctx = {
        **contexte(request, seance_id, Echec.depuis("saisie", erreur, form)),
        "partiel": "seances/_presences.html",
    }
    return rendre(
        request, "seances/page.html", ctx, erreur.statut_http, fragment="seances/_maj.html"
    )


def _liste(nombres: list[int]) -> str:
    textes = [str(n) for n in nombres]
    if len(textes) == 1:
        return textes[0]
    return _("%(debut)s et %(dernier)s", debut=", ".join(textes[:-1]), dernier=textes[-1])


# --- the printable sign-in sheet -------------------------------------------------------------


def pdf_de_la_feuille(seance: Any, f: Feuille, nom_du_conseil: str) -> bytes:
    """The sign-in sheet laid out by WeasyPrint (imported here: slow to import, only this needs
    it). Rendered from its own standalone template: its style is inline, which is fine in a
    PDF (the site's CSP concerns pages the browser shows)."""
    from weasyprint import CSS, HTML

    avant = f.au < en_utc(seance.date)
    html = templates.env.get_template("seances/feuille.html").render(
        seance=seance,
        feuille=f,
        conseil=nom_du_conseil,
        langue=langue(),
        liste_au=_("au %(jour)s", jour=date_fr(f.au)) if avant else _("au début de la séance"),
    )
    contenu: bytes = HTML(string=html).write_pdf(stylesheets=[CSS(filename=FEUILLE_DE_STYLE)])
    return contenu


async def feuille_pdf(request: Request) -> Response:
    """GET /seances/{id}/feuille-emargement.pdf: print it before a séance held on paper."""
    seance_id = seance_id_de(request)
    seance = seance_lue(request, seance_id)
    _exiger_animateur(request, seance)
    f = lire_feuille(request, seance)
    nom = _(
        "Conseil citoyen du %(arrondissement)se arrondissement",
        arrondissement=seance.arrondissement,
    )
    contenu = await run_in_threadpool(pdf_de_la_feuille, seance, f, nom)
    jour = a_paris(en_utc(seance.date)).date().isoformat()
    fichier = f"feuille-emargement-{seance.arrondissement}e-{jour}.pdf"
    return Response(
        contenu,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{fichier}"',
            "Cache-Control": "no-store",
        },
    )
