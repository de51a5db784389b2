"""Pages of a séance: details for everyone, and the animateur's tools (planning, recording a
séance after the fact, reprogramming, minutes, decisions, cancelling).

Every form answers invalid input in place: the role is checked first (403, nothing read), then
a refused input gives the form back with the message next to its field and what was typed
(422), and a refusal about the séance's state (409: already held, cancelled, changed by someone
else meanwhile) gives it back too, with the message at the top. With htmx only the form's
section comes back; without, the whole page. The attendance sheet is in `web.presences`.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from math import ceil
from typing import Any, TypeVar
from urllib.parse import urlencode
from uuid import UUID

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from domaine.erreurs import (
    ChampInvalide,
    DonneeInvalide,
    ErreurParticipation,
    Introuvable,
    au_champ,
)
from domaine.modalites import fenetre_a_distance, phrase_d_accessibilite
from domaine.quartiers import geographie_au
from domaine.seances import DATE_PASSEE, DELAI_APRES_COUP_JOURS
from domaine.temps import a_paris, en_utc, jour_a_paris
from domaine.vocabulaire import Accessibilite, College, ModaliteSeance, Role, StatutSeance
from langues import N_, _
from participation.seances import ActionSeance, Maniere
from projections.lecture_seances import ETATS, PAR_PAGE, Feuille, feuille
from web import comptes_rendus
from web.formulaires import (
    REFUS,
    Echec,
    date_heure,
    entier,
    entier_optionnel,
    identifiant,
    langue_du_texte,
    texte,
)
from web.formulaires import arrondissement as arrondissement_de
from web.rendu import acteur, apres_commande, est_fragment, plateforme, rendre, templates
from web.securite import formulaire

T = TypeVar("T")


def bornes_apres_coup(maintenant: datetime) -> tuple[str, str]:
    """The earliest and latest start a séance recorded after the fact may have, as the
    `datetime-local` field's `min` and `max` (Paris time)."""
    fin = a_paris(maintenant)
    debut = fin - timedelta(days=DELAI_APRES_COUP_JOURS)
    return debut.strftime("%Y-%m-%dT00:00"), fin.strftime("%Y-%m-%dT%H:%M")


templates.env.globals["bornes_apres_coup"] = bornes_apres_coup
templates.env.globals["DELAI_APRES_COUP_JOURS"] = DELAI_APRES_COUP_JOURS
templates.env.globals["MODALITES"] = list(ModaliteSeance)
templates.env.globals["MESURES_D_ACCESSIBILITE"] = list(Accessibilite)
templates.env.filters["modalite"] = lambda v: ModaliteSeance(v).libelle
templates.env.filters["accessibilite"] = lambda s: phrase_d_accessibilite(
    [m for m in getattr(s, "accessibilite", "").split(",") if m],
    getattr(s, "accessibilite_autre", ""),
)
INTROUVABLE = N_("Cette séance n'existe pas.")


def seance_id_de(request: Request) -> UUID:
    return identifiant(request.path_params["seance_id"], INTROUVABLE)


def seance_lue(request: Request, seance_id: UUID) -> Any:
    """The séance's row; one the read models have not caught up with yet (planned a moment
    ago by another process) is waited for once before answering 404."""
    p = plateforme(request)
    seance = p.lecture.seance(seance_id)
    if seance is None:
        p.projecteur.tenir_a_jour()
        seance = p.lecture.seance(seance_id)
    if seance is None:
        raise Introuvable(INTROUVABLE)
    return seance


async def formulaire_d_animateur(
    request: Request, action: ActionSeance
) -> tuple[UUID, Any, FormData]:
    """The séance, and the form once the CSRF token and the role of the use case `action` are
    checked: a refused role is a 403 before any input is read."""
    seance_id = seance_id_de(request)
    form = await formulaire(request)
    seance = seance_lue(request, seance_id)
    plateforme(request).seances.autoriser(acteur(request), action, seance_id)
    return seance_id, seance, form


# --- the attendance sheet's filters (read here: the séance page shows the sheet) --------------


@dataclass(frozen=True)
class Filtres:
    """What the attendance sheet shows; unknown values are ignored (a search, not a form)."""

    recherche: str = ""
    college: str = ""
    etat: str = ""
    page: int = 1

    @classmethod
    def de(cls, request: Request) -> "Filtres":
        return cls.depuis(request.query_params)

    @classmethod
    def depuis(cls, q: Mapping[str, str]) -> "Filtres":
        college = q.get("college", "")
        etat = q.get("etat", "")
        page = q.get("page", "")
        return cls(
            recherche=q.get("q", "").strip()[:100],
            college=college if college in set(College) else "",
            etat=etat if etat in ETATS else "",
            page=int(page) if page.isdecimal() and 0 < int(page) < 10_000 else 1,
        )

    @classmethod
    def du_formulaire(cls, form: FormData) -> "Filtres":
        """The filters a toggle was clicked under (hidden fields), to come back to them."""
        return cls.depuis({k: texte(form, k) for k in ("q", "college", "etat", "page")})

    def requete(self, **changes: Any) -> str:
        """The query string of these filters (empty values left out), e.g. for a page link."""
        f = replace(self, **changes)
        valeurs = {"q": f.recherche, "college": f.college, "etat": f.etat}
        if f.page > 1:
            valeurs["page"] = str(f.page)
        return urlencode({k: v for k, v in valeurs.items() if v})


def lire_feuille(request: Request, seance: Any) -> Feuille:
    """The séance's attendance sheet, numbered (names are read here: animateurs only)."""
    p = plateforme(request)
    lignes, presents, au = p.lecture_seances.membres_de_la_seance(
        seance.arrondissement, UUID(seance.seance_id), en_utc(seance.date), p.registre.maintenant()
    )
    noms = p.identites.noms([UUID(ligne[0]) for ligne in lignes])
    distance = (
        p.lecture_seances.a_distance(UUID(seance.seance_id))
        if seance.modalite != ModaliteSeance.PRESENTIEL
        else set()
    )
    return feuille(lignes, presents, noms, au, distance)


def contexte_feuille(request: Request, seance: Any, filtres: Filtres) -> dict[str, object]:
    f = lire_feuille(request, seance)
    trouvees = f.filtrer(filtres.recherche, filtres.college, filtres.etat)
    pages = max(1, ceil(len(trouvees) / PAR_PAGE))
    filtres = replace(filtres, page=min(filtres.page, pages))
    debut = (filtres.page - 1) * PAR_PAGE
    return {
        "feuille": f,
        "filtres": filtres,
        "trouvees": trouvees[debut : debut + PAR_PAGE],
        "nombre_trouvees": len(trouvees),
        "pages": pages,
        "colleges": list(College),
        "etats": ETATS,
    }


# --- the séance page ------------------------------------------------------------------------


def contexte(
    request: Request, seance_id: UUID, echec: Echec | None = None, filtres: Filtres | None = None
) -> dict[str, object]:
    p = plateforme(request)
    seance = seance_lue(request, seance_id)
    qui = acteur(request)
    anime = qui is not None and qui.a_le_role(Role.ANIMATEUR, seance.arrondissement)
    maintenant = p.registre.maintenant()
    annulee = seance.statut == StatutSeance.ANNULEE
    tenue = not annulee and en_utc(seance.date) <= maintenant
    resultat: dict[str, object] = {
        "seance": seance,
        "arrondissement": seance.arrondissement,
        "quartiers": geographie_au(jour_a_paris(maintenant)).quartiers_de(seance.arrondissement),
        "decisions": p.lecture.decisions_de_seance(seance_id),
        "anime": anime,
        "tenue": tenue,
        "a_venir": en_utc(seance.date) > maintenant,
        "annulee": annulee,
        "echec": echec or Echec(),
        "documents_de_la_seance": p.lecture_documents.de_la_seance(seance_id),
    }
    if not annulee:
        resultat.update(comptes_rendus.contexte_compte_rendu(p, qui, seance, anime, tenue))
    if anime and not annulee:
        resultat.update(contexte_feuille(request, seance, filtres or Filtres.de(request)))
    if seance.modalite != ModaliteSeance.PRESENTIEL:
        resultat.update(contexte_hybride(request, seance_id, seance, anime, maintenant))
    return resultat


def contexte_hybride(
    request: Request, seance_id: UUID, seance: Any, anime: bool, maintenant: datetime
) -> dict[str, object]:
    """What the sections of an online or hybrid séance show: whether remote presence and votes
    are open now, the reader's own presence and votes (members), the polls."""
    p = plateforme(request)
    qui = acteur(request)
    adhesion = p.lecture.adhesion(seance.arrondissement, qui.compte_id) if qui else None
    debut, fin = fenetre_a_distance(en_utc(seance.date))
    a_distance = p.lecture_seances.a_distance(seance_id)
    moi = str(qui.compte_id) if qui else ""
    presents = {str(x) for x in p.lecture.presents(seance_id)} if moi else set()
    return {
        "hybride": True,
        "en_cours": seance.statut != StatutSeance.ANNULEE and debut <= maintenant < fin,
        "fin_a_distance": fin,
        "membre": adhesion is not None,
        "voit_le_lien": anime or adhesion is not None,
        "nombre_a_distance": len(a_distance),
        "moi_a_distance": moi in a_distance,
        "moi_dans_la_salle": moi in presents and moi not in a_distance,
        "moi_present": moi in presents,
        "scrutins": p.lecture_seances.scrutins(seance_id),
        "mes_votes": p.lecture_seances.scrutins_votes(seance_id, qui.compte_id) if qui else set(),
    }


async def seance(request: Request) -> Response:
    return rendre(request, "seances/page.html", contexte(request, seance_id_de(request)))


def apres(
    request: Request,
    seance_id: UUID,
    position: int,
    message: str,
    fragment: str,
    ancre: str = "",
) -> Response:
    """htmx gets the changed section (and the new version of every form); others a redirect."""
    if not est_fragment(request):
        return apres_commande(request, position, message, f"/seances/{seance_id}{ancre}")
    plateforme(request).projecteur.attendre(position)
    ctx = {**contexte(request, seance_id), "confirmation": message, "partiel": fragment}
    return rendre(request, "seances/page.html", ctx, fragment="seances/_maj.html")


def refuser(
    request: Request,
    seance_id: UUID,
    nom: str,
    erreur: ErreurParticipation,
    form: FormData,
    fragment: str,
    filtres: Filtres | None = None,
) -> Response:
    """The form again, its message in place and what was typed kept (422, or 409 for a state
    refusal): its section for htmx, the whole page otherwise."""
    ctx = {
        **contexte(request, seance_id, Echec.depuis(nom, erreur, form), filtres),
        "partiel": fragment,
    }
    return rendre(
        request, "seances/page.html", ctx, erreur.statut_http, fragment="seances/_maj.html"
    )


async def reprogrammer(request: Request) -> Response:
    seance_id, __, form = await formulaire_d_animateur(request, "reprogrammer")
    try:
        position = plateforme(request).seances.reprogrammer(
            acteur(request),
            seance_id,
            entier_optionnel(form, "version"),
            au_champ("date", lambda: date_heure(form, "date", _("date et heure"))),
            texte(form, "lieu"),
            texte(form, "ordre_du_jour"),
            quartier=texte(form, "quartier"),
            theme=texte(form, "theme"),
            maniere=lire_maniere(form),
        )
    except REFUS as erreur:
        return refuser(request, seance_id, "plan", erreur, form, "seances/_plan.html")
    return apres(request, seance_id, position, _("Séance modifiée."), "seances/_plan.html")


async def compter_anonymes(request: Request) -> Response:
    seance_id, __, form = await formulaire_d_animateur(request, "compter_anonymes")
    try:
        position = plateforme(request).seances.compter_anonymes(
            acteur(request),
            seance_id,
            entier_optionnel(form, "version"),
            au_champ("nombre", lambda: entier(form, "nombre", _("participants non inscrits"))),
        )
    except REFUS as erreur:
        return refuser(request, seance_id, "anonymes", erreur, form, "seances/_presences.html")
    return apres(
        request,
        seance_id,
        position,
        _("Nombre de participants enregistré."),
        "seances/_presences.html",
        "#presences",
    )


async def rediger_compte_rendu(request: Request) -> Response:
    seance_id, __, form = await formulaire_d_animateur(request, "rediger_compte_rendu")
    try:
        position = plateforme(request).seances.rediger_compte_rendu(
            acteur(request),
            seance_id,
            entier_optionnel(form, "version"),
            texte(form, "texte"),
            langue_du_texte(form),
        )
    except REFUS as erreur:
        return refuser(
            request, seance_id, "compte-rendu", erreur, form, "seances/_compte_rendu.html"
        )
    return apres(
        request,
        seance_id,
        position,
        _("Compte rendu enregistré."),
        "seances/_compte_rendu.html",
        "#compte-rendu",
    )


async def enregistrer_decision(request: Request) -> Response:
    seance_id, seance, form = await formulaire_d_animateur(request, "enregistrer_decision")
    # An online séance has no room, so its form has no room fields; remote ones may be left
    # empty (0), and are absent from the form of a séance in person.
    en_ligne = seance.modalite == ModaliteSeance.EN_LIGNE

    def nombre(champ: str, libelle: str, defaut: int | None = 0) -> int:
        return au_champ(champ, lambda: entier(form, champ, libelle, defaut=defaut))

    try:
        position = plateforme(request).seances.enregistrer_decision(
            acteur(request),
            seance_id,
            texte(form, "texte"),
            nombre("pour", _("pour"), 0 if en_ligne else None),
            nombre("contre", _("contre"), 0 if en_ligne else None),
            nombre("abstention", _("abstention")),
            pour_distance=nombre("pour_distance", _("pour (à distance)")),
            contre_distance=nombre("contre_distance", _("contre (à distance)")),
            abstention_distance=nombre("abstention_distance", _("abstention (à distance)")),
            scrutin=nombre("scrutin", _("scrutin en ligne")),
        )
    except REFUS as erreur:
        return refuser(request, seance_id, "decision", erreur, form, "seances/_decisions.html")
    return apres(
        request,
        seance_id,
        position,
        _("Décision enregistrée."),
        "seances/_decisions.html",
        "#decisions",
    )


def _compte_rendu_vote(form: FormData) -> tuple[UUID | None, int | None]:
    """The minutes chosen in the vote form: "<séance id>:<version>" (None, None if none)."""
    seance, __, version = texte(form, "compte_rendu").partition(":")
    try:
        return UUID(seance), int(version)
    except ValueError:
        return None, None


async def voter_compte_rendu(request: Request) -> Response:
    """POST /seances/{id}/compte-rendu/vote: the assembly of this séance votes on minutes (its
    own, or an earlier séance's). The choice of minutes is one field: the domain's refusals
    about the séance or the version are shown next to it."""
    seance_id, __, form = await formulaire_d_animateur(request, "voter_compte_rendu")
    approuvee, version = _compte_rendu_vote(form)
    try:
        try:
            position = plateforme(request).seances.voter_compte_rendu(
                acteur(request),
                seance_id,
                approuvee,
                version,
                au_champ("pour", lambda: entier(form, "pour", _("pour"))),
                au_champ("contre", lambda: entier(form, "contre", _("contre"))),
                au_champ(
                    "abstention", lambda: entier(form, "abstention", _("abstention"), defaut=0)
                ),
            )
        except ChampInvalide as erreur:
            if erreur.champ in ("seance", "version"):
                raise ChampInvalide("compte_rendu", erreur.gabarit, **erreur.valeurs) from None
            raise
    except REFUS as erreur:
        return refuser(request, seance_id, "vote-cr", erreur, form, "seances/_compte_rendu.html")
    # The decisions change too: htmx reloads the whole page.
    return apres_commande(
        request,
        position,
        _("Vote sur le compte rendu enregistré."),
        f"/seances/{seance_id}#compte-rendu",
    )


async def compte_rendu_pdf(request: Request) -> Response:
    """GET /seances/{id}/compte-rendu.pdf: the approved minutes for anyone; a draft (marked
    "PROJET") for those who may read it, when none is approved or with `?projet=1`."""
    seance_id = seance_id_de(request)
    seance = seance_lue(request, seance_id)
    p = plateforme(request)
    cr = p.lecture_comptes_rendus.compte_rendu(seance_id)
    lit_projet = comptes_rendus.lit_le_projet(p, acteur(request), seance.arrondissement)
    imprime = comptes_rendus.version_imprimee(
        cr, lit_projet, request.query_params.get("projet") == "1"
    )
    if imprime is None or seance.statut == StatutSeance.ANNULEE:
        raise Introuvable("Le compte rendu de cette séance n'est pas encore approuvé.")
    contenu = await run_in_threadpool(
        comptes_rendus.pdf,
        seance,
        imprime,
        cr,
        p.lecture.decisions_de_seance(seance_id),
        p.lecture_comptes_rendus.votes_de_la_seance(seance_id),
        comptes_rendus.presents_par_college(p, seance),
    )
    fichier = comptes_rendus.nom_du_fichier(seance, imprime.projet)
    return Response(
        contenu,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{fichier}"',
            "Cache-Control": "no-store" if imprime.projet else "no-cache",
        },
    )


async def annuler(request: Request) -> Response:
    seance_id, __, form = await formulaire_d_animateur(request, "annuler")
    try:
        position = plateforme(request).seances.annuler(
            acteur(request), seance_id, entier_optionnel(form, "version"), texte(form, "motif")
        )
    except REFUS as erreur:
        return refuser(request, seance_id, "annuler", erreur, form, "seances/_plan.html")
    # Every section of the page changes: htmx reloads it whole.
    return apres_commande(request, position, _("Séance annulée."), f"/seances/{seance_id}")


# --- planning, and recording a séance after the fact (forms of the council page) -------------


def _contexte_planification(
    request: Request, arrondissement: int, echec: Echec, proposer_apres_coup: bool = False
) -> dict[str, object]:
    maintenant = plateforme(request).registre.maintenant()
    return {
        "arrondissement": arrondissement,
        "quartiers": geographie_au(jour_a_paris(maintenant)).quartiers_de(arrondissement),
        "anime": True,
        "echec": echec,
        "proposer_apres_coup": proposer_apres_coup,
    }


def _planification_refusee(
    request: Request,
    arrondissement: int,
    nom: str,
    erreur: DonneeInvalide,
    form: FormData,
) -> Response:
    """Both forms come back (htmx: the block that holds them; otherwise a page of their own,
    with a link back to the council): a date in the past typed to plan a séance opens the
    form that records it after the fact, filled with what was typed."""
    proposer = nom == "planifier" and erreur.gabarit == DATE_PASSEE
    ctx = _contexte_planification(
        request, arrondissement, Echec.depuis(nom, erreur, form), proposer
    )
    return rendre(request, "seances/planifier.html", ctx, 422, fragment="seances/_planifier.html")


def _lire_plan(form: FormData) -> dict[str, Any]:
    return {
        "date": au_champ("date", lambda: date_heure(form, "date", _("date et heure"))),
        "lieu": texte(form, "lieu"),
        "ordre_du_jour": texte(form, "ordre_du_jour"),
        "quartier": texte(form, "quartier"),
        "theme": texte(form, "theme"),
        "maniere": lire_maniere(form) or Maniere(),
    }


def lire_maniere(form: FormData) -> Maniere | None:
    """The modality, link and accessibility fields; None when the form has none of them
    (then reprogramming keeps the séance's)."""
    if "modalite" not in form:
        return None
    return Maniere(
        texte(form, "modalite"),
        texte(form, "lien_visio"),
        [m for m in form.getlist("accessibilite") if isinstance(m, str)],
        texte(form, "accessibilite_autre"),
    )


async def planifier(request: Request) -> Response:
    """POST /conseils/{arrondissement}/seances: a séance to come."""
    arrondissement = arrondissement_de(request)
    form = await formulaire(request)
    plateforme(request).seances.autoriser(acteur(request), "planifier", arrondissement)
    try:
        seance_id, position = plateforme(request).seances.planifier(
            acteur(request), arrondissement, **_lire_plan(form)
        )
    except DonneeInvalide as erreur:
        return _planification_refusee(request, arrondissement, "planifier", erreur, form)
    return apres_commande(request, position, _("Séance planifiée."), f"/seances/{seance_id}")


async def enregistrer_apres_coup(request: Request) -> Response:
    """POST /conseils/{arrondissement}/seances/apres-coup: a séance already held, then its
    page, where its attendance and decisions are entered."""
    arrondissement = arrondissement_de(request)
    form = await formulaire(request)
    plateforme(request).seances.autoriser(acteur(request), "enregistrer_apres_coup", arrondissement)
    try:
        seance_id, position = plateforme(request).seances.enregistrer_apres_coup(
            acteur(request), arrondissement, **_lire_plan(form)
        )
    except DonneeInvalide as erreur:
        return _planification_refusee(request, arrondissement, "apres-coup", erreur, form)
    return apres_commande(
        request,
        position,
        _("Séance enregistrée après coup : saisissez maintenant ses présences et ses décisions."),
        f"/seances/{seance_id}",
    )
