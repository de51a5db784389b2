"""Rendering: one helper decides between a full page and an htmx fragment."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.templating import Jinja2Templates

from domaine.comptes import Acteur
from domaine.quartiers import HORS_QPV, libelle_quartier, quartier_a_jour
from domaine.temps import a_paris, jour_a_paris
from domaine.vocabulaire import (
    AxeContrat,
    College,
    Destinataire,
    FormeStructurePorteuse,
    Genre,
    ModeCourriels,
    MotifSortie,
    MotifSortieGroupe,
    OrigineAvis,
    RegleMajorite,
    Role,
    StatutAvis,
    StatutConformite,
    StatutSeance,
    TrancheAge,
    TypeStructure,
    VoieEntree,
)
from langues import N_, formats, gettext, langue, ngettext, pgettext
from langues.textes import (
    AUTRE,
    LANGUES_DES_TEXTES,
    NOM_DE_L_AUTRE,
    attribut_lang,
    langue_des_textes_par_defaut,
)
from stockage.moteur import est_une_indisponibilite
from web.formulaires import Echec
from web.idempotence import nouvelle_cle
from web.langues import liens_de_langue
from web.securite import jeton_csrf

if TYPE_CHECKING:
    from lancement.plateforme import Plateforme


def date_fr(valeur: date | datetime | None, heure: bool = True) -> str:
    """A date in full words, in the request's language (the name stays: many callers)."""
    return formats.date_longue(valeur, heure)


def _libelle(enum: Any, valeur: str) -> str:
    try:
        return gettext(str(enum(valeur).libelle))
    except ValueError:
        return valeur


def trait_tirage(valeur: str, categorie: str) -> str:
    """A feature of a lottery candidate (POOL.csv vocabulary), in the request's language."""
    if categorie == "college":
        return _libelle(College, valeur)
    if categorie == "genre":
        return gettext(N_("Ne se prononce pas")) if valeur == "nsp" else _libelle(Genre, valeur)
    if categorie == "quartier":
        return libelle_quartier(valeur)
    if categorie == "volontaire":
        origine = _ORIGINES.get(valeur)
        return gettext(origine) if origine else valeur
    return valeur


_ORIGINES = {"oui": N_("Volontaire"), "non": N_("Sur liste")}


class _Libelles(dict[str, str]):
    """French labels (marked `N_`), read translated into the request's language."""

    def __getitem__(self, cle: str) -> str:
        return gettext(super().__getitem__(cle))

    def get(self, cle: str, defaut: Any = None) -> Any:
        valeur = super().get(cle)
        return defaut if valeur is None else gettext(valeur)


pourcentage = formats.pourcentage
nombre = formats.nombre


templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.add_extension("jinja2.ext.i18n")
templates.env.policies["ext.i18n.trimmed"] = True  # a {% trans %} block's msgid has no indentation
templates.env.install_gettext_callables(gettext, ngettext, newstyle=True, pgettext=pgettext)  # type: ignore[attr-defined]
templates.env.filters["date_fr"] = date_fr
templates.env.filters["paris_iso"] = lambda v: a_paris(v).strftime("%Y-%m-%dT%H:%M")
templates.env.filters["jour_fr"] = lambda v: date_fr(v, heure=False)
templates.env.filters["quartier"] = libelle_quartier
templates.env.filters["college"] = lambda v: _libelle(College, v)
templates.env.filters["genre"] = lambda v: _libelle(Genre, v)
templates.env.filters["tranche_age"] = lambda v: _libelle(TrancheAge, v)
templates.env.filters["type_structure"] = lambda v: _libelle(TypeStructure, v)
templates.env.filters["motif_sortie"] = lambda v: _libelle(MotifSortie, v)
templates.env.filters["role"] = lambda v: _libelle(Role, v)
templates.env.filters["conformite"] = lambda v: _libelle(StatutConformite, v)
templates.env.filters["majorite"] = lambda v: _libelle(RegleMajorite, v)
templates.env.filters["statut_seance"] = lambda v: _libelle(StatutSeance, v)
templates.env.filters["forme_structure"] = lambda v: _libelle(FormeStructurePorteuse, v)
templates.env.filters["voie_entree"] = lambda v: _libelle(VoieEntree, v)
templates.env.filters["motif_sortie_groupe"] = lambda v: _libelle(MotifSortieGroupe, v)
templates.env.filters["trait_tirage"] = trait_tirage
templates.env.filters["pourcentage"] = pourcentage
templates.env.filters["nombre"] = nombre
templates.env.filters["lang"] = attribut_lang
templates.env.globals.update(
    cle_d_idempotence=nouvelle_cle,
    AxeContrat=AxeContrat,
    Destinataire=Destinataire,
    OrigineAvis=OrigineAvis,
    StatutAvis=StatutAvis,
    College=College,
    FormeStructurePorteuse=FormeStructurePorteuse,
    Genre=Genre,
    TrancheAge=TrancheAge,
    TypeStructure=TypeStructure,
    MotifSortie=MotifSortie,
    MotifSortieGroupe=MotifSortieGroupe,
    ModeCourriels=ModeCourriels,
    VoieEntree=VoieEntree,
    RegleMajorite=RegleMajorite,
    StatutConformite=StatutConformite,
    Role=Role,
    HORS_QPV=HORS_QPV,
    # What people write keeps its language: proposals, comments, avis and minutes record it
    # (`langues.textes`); the other texts (decisions, agendas, names of bodies) are written in
    # French, the councils' working language. `dir="auto"` sets the direction from the text.
    LANGUE_DES_CONTENUS="fr",
    LANGUES_DES_TEXTES=LANGUES_DES_TEXTES,
    AUTRE_LANGUE=AUTRE,
    NOM_DE_L_AUTRE_LANGUE=NOM_DE_L_AUTRE,
    langue_des_textes_par_defaut=langue_des_textes_par_defaut,
    CATEGORIES_TIRAGE=_Libelles(
        college=N_("Collège"),
        genre=N_("Genre"),
        quartier=N_("Quartier"),
        volontaire=N_("Origine"),
    ),
)


def plateforme(request: Request) -> Plateforme:
    p: Plateforme = request.app.state.plateforme
    return p


def acteur(request: Request) -> Acteur | None:
    """The signed-in account's roles, read from its aggregate on every request."""
    if hasattr(request.state, "acteur"):
        memorise: Acteur | None = request.state.acteur
        return memorise
    compte_id = request.session.get("compte_id")
    qui = None
    if compte_id:
        try:
            qui = plateforme(request).comptes.acteur(UUID(compte_id))
        except ValueError:
            qui = None
        if qui is None:
            request.session.clear()
    request.state.acteur = qui
    return qui


def est_fragment(request: Request) -> bool:
    """An htmx request wants a fragment, unless it is boosted or restores history."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-Boosted") != "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def rendre(
    request: Request,
    gabarit: str,
    contexte: dict[str, Any] | None = None,
    statut: int = 200,
    fragment: str | None = None,
) -> Response:
    """Render `fragment` (a `_partial.html`) for htmx, else the full page `gabarit`."""
    qui = acteur(request)
    donnees = {
        "acteur": qui,
        "nom_connecte": request.session.get("nom"),
        "csrf": jeton_csrf(request),
        "maintenant": plateforme(request).registre.maintenant(),
        "message": request.session.pop("message", None),
        "non_lues": _non_lues(request, qui),
        "quartiers_a_mettre_a_jour": _quartiers_a_mettre_a_jour(request, qui),
        "echec": Echec(),
        "langue": langue(),
        "liens_de_langue": liens_de_langue(request),
        **(contexte or {}),
    }
    nom = fragment if fragment and est_fragment(request) else gabarit
    reponse = templates.TemplateResponse(request, nom, donnees, status_code=statut)
    reponse.headers["Vary"] = "HX-Request, Cookie, Accept-Language"
    reponse.headers["Content-Language"] = langue().code
    return reponse


def _non_lues(request: Request, qui: Acteur | None) -> Callable[[], int]:
    """The header's unread count, read only if the template shows it (full pages, not
    fragments), once per response; 0 if the database cannot say (an error page during an
    outage still renders)."""
    memoire: list[int] = []

    def compter() -> int:
        if qui is None:
            return 0
        if not memoire:
            try:
                memoire.append(plateforme(request).notifications.non_lues(qui.compte_id))
            except Exception as panne:
                if not est_une_indisponibilite(panne):
                    raise
                memoire.append(0)
        return memoire[0]

    return compter


def _quartiers_a_mettre_a_jour(request: Request, qui: Acteur | None) -> Callable[[], list[int]]:
    """The councils where the signed-in member's declared QPV left the list in force: every
    full page asks them to declare it again ("at their next visit"), until they do."""

    def lire() -> list[int]:
        if qui is None:
            return []
        p = plateforme(request)
        try:
            adhesions = p.lecture.adhesions_de(qui.compte_id)
        except Exception as panne:
            if not est_une_indisponibilite(panne):
                raise
            return []
        aujourd_hui = jour_a_paris(p.registre.maintenant())
        return [
            a.arrondissement
            for a in adhesions
            if a.actif and not quartier_a_jour(a.arrondissement, a.quartier, aujourd_hui)
        ]

    return lire


def apres_commande(request: Request, position: int, message: str, url: str) -> Response:
    """After a successful POST: wait for the read models, then go to `url` (303; for htmx, an
    `HX-Redirect`, so that a form whose input must survive errors still lands on the page)."""
    plateforme(request).projecteur.attendre(position)
    annoncer(request, message)
    if est_fragment(request):
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


def annoncer(request: Request, message: str) -> None:
    """A one-time message shown on the next full page (after a redirect)."""
    request.session["message"] = message
