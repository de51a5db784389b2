"""The groupe moteur of a council: volunteering, composition against the targets, history,
and the animateur's tools (targets, announcing a tirage, exits with replacement).

Every form of the page answers invalid input in place (HTTP 422, or 409 for a refusal that
concerns no field): the message next to its field, what was typed kept; with htmx only the
form comes back. The announcement's quotas are a table (a minimum and a maximum per value,
with the pool's count beside each), checked live as they are typed (`etape=verifier`, which
never records anything); JSON stays available for experts, to import and export.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response

from domaine.comptes import Acteur
from domaine.erreurs import (
    ChampInvalide,
    DonneeInvalide,
    ErreurParticipation,
    Introuvable,
    au_champ,
)
from domaine.groupe_moteur import Objectifs, alertes
from domaine.quartiers import HORS_QPV, geographie_au
from domaine.quotas import examiner_quotas, quotas_par_defaut
from domaine.temps import jour_a_paris
from domaine.tirages import QuotasImpossibles
from domaine.viviers import VIVIER_VIDE, candidat_volontaire, constituer_vivier
from domaine.vocabulaire import MotifSortieGroupe, Role
from langues import N_, _, ngettext
from participation.groupe_moteur import ActionGroupeMoteur
from projections.lecture_groupe_moteur import EtatGroupeMoteur
from tirage.loterie import TICKETS_PAR_DEFAUT, heure_prevue
from tirage.vivier import Candidat
from web.conseils import apres_adhesion, refus_adhesion
from web.formulaires import REFUS, Echec, case, date_heure, entier, identifiant, nombre, texte
from web.formulaires import arrondissement as _arrondissement
from web.rendu import acteur, apres_commande, plateforme, rendre, trait_tirage
from web.rendu import templates as _gabarits
from web.securite import formulaire

if TYPE_CHECKING:
    from lancement.plateforme import Plateforme

LISTE_MAX_OCTETS = 2 * 1024 * 1024
TICKETS_MIN, TICKETS_MAX = 10, 100_000
CATEGORIES = {
    "college": N_("Collège"),
    "genre": N_("Genre"),
    "quartier": N_("Quartier"),
    "volontaire": N_("Origine"),
}
VALEURS_FIXES = {
    "college": ("habitant", "acteur_local"),
    "genre": ("femme", "homme", "autre", "nsp"),
    "volontaire": ("oui", "non"),
}


def cle(identifiant_: str) -> str:
    """A short id for the forms of one member's row (list ids may hold any character)."""
    return hashlib.sha256(identifiant_.encode("utf-8")).hexdigest()[:10]


_gabarits.env.filters["cle"] = cle


def noms_des_comptes(p: Plateforme, ids: list[str], arrondissement: int) -> dict[str, str]:
    """Names for animateurs: accounts (site volunteers) by their display name; people imported
    from a list by the contact details kept in the erasable store, when the list had them."""
    comptes, autres = [], []
    for brut in dict.fromkeys(ids):
        try:
            comptes.append(UUID(brut))
        except ValueError:
            autres.append(brut)
    noms = {str(k): v for k, v in p.identites.noms(comptes).items()}
    for ident, c in p.identites.coordonnees(arrondissement, autres).items():
        nom = " ".join(x for x in (c.get("prenom", ""), c.get("nom", "")) if x)
        contact = c.get("email") or c.get("courriel") or c.get("telephone") or ""
        noms[ident] = ", ".join(x for x in (nom, contact) if x)
    return noms


def json_lisible(document: Any) -> str:
    """Indented JSON with each [min, max] pair on one line, for people to edit."""
    texte_ = json.dumps(document, indent=2, ensure_ascii=False)
    return re.sub(r"\[\s*(-?\d+),\s*(-?\d+)\s*\]", r"[\1, \2]", texte_)


# --- the quota table -----------------------------------------------------------------------


@dataclass(frozen=True)
class LigneQuota:
    """One row of the quota table: a value of a category, its bounds as shown, and how many
    people of the pool have it."""

    rang: int
    categorie: str
    valeur: str
    minimum: str
    maximum: str
    effectif: int

    @property
    def libelle(self) -> str:
        return _(
            "%(categorie)s : %(valeur)s",
            categorie=self.libelle_categorie,
            valeur=self.libelle_valeur,
        )

    @property
    def libelle_valeur(self) -> str:
        return trait_tirage(self.valeur, self.categorie)

    @property
    def libelle_categorie(self) -> str:
        return _(CATEGORIES[self.categorie]) if self.categorie in CATEGORIES else self.categorie


def _cles_par_defaut(quartiers: list[str]) -> list[tuple[str, str]]:
    """The rows every table shows: each college, gender, neighbourhood of the council, origin."""
    return [
        *(("college", v) for v in VALEURS_FIXES["college"]),
        *(("genre", v) for v in VALEURS_FIXES["genre"]),
        *(("quartier", q) for q in [*quartiers, HORS_QPV]),
        *(("volontaire", v) for v in VALEURS_FIXES["volontaire"]),
    ]


def _lignes(
    cles: list[tuple[str, str]],
    bornes: dict[tuple[str, str], tuple[str, str]],
    vivier: list[Candidat],
) -> list[LigneQuota]:
    categories = {c for c, _ignore in cles}
    comptes = Counter((c, candidat.trait(c)) for candidat in vivier for c in categories)
    return [
        LigneQuota(k, c, v, *bornes.get((c, v), ("", "")), comptes[(c, v)])
        for k, (c, v) in enumerate(cles)
    ]


def _lignes_du_document(
    document: dict[str, Any], quartiers: list[str], vivier: list[Candidat]
) -> list[LigneQuota]:
    """The table for a quotas document (the defaults, or imported JSON): the usual rows plus
    any category or value the document constrains."""
    cles = _cles_par_defaut(quartiers)
    bornes: dict[tuple[str, str], tuple[str, str]] = {}
    for categorie, valeurs in (document.get("quotas") or {}).items():
        for valeur, paire in valeurs.items():
            if (categorie, valeur) not in cles:
                cles.append((categorie, valeur))
            bornes[(categorie, valeur)] = (str(paire[0]), str(paire[1]))
    return _lignes(cles, bornes, vivier)


def _lignes_saisies(form: FormData, vivier: list[Candidat]) -> list[LigneQuota]:
    """The table as posted: its rows (hidden `quota-k` = "categorie=valeur") and what was typed."""
    cles, bornes = [], {}
    for k in range(500):
        brut = texte(form, f"quota-{k}")
        if not brut:
            break
        categorie, _ignore, valeur = brut.partition("=")
        cles.append((categorie, valeur))
        bornes[(categorie, valeur)] = (texte(form, f"min-{k}"), texte(form, f"max-{k}"))
    return _lignes(cles, bornes, vivier)


_PAS_UN_ENTIER = {
    "minimum": N_("%(ligne)s : le minimum doit être un nombre entier (par exemple 3)."),
    "maximum": N_("%(ligne)s : le maximum doit être un nombre entier (par exemple 3)."),
}
_NEGATIF = {
    "minimum": N_("%(ligne)s : le minimum ne peut pas être négatif."),
    "maximum": N_("%(ligne)s : le maximum ne peut pas être négatif."),
}


def _borne(brut: str, champ: str, ligne: LigneQuota, quoi: str) -> int:
    try:
        valeur = int(brut.strip())
    except ValueError:
        raise ChampInvalide(champ, _PAS_UN_ENTIER[quoi], ligne=ligne.libelle) from None
    if valeur < 0:
        raise ChampInvalide(champ, _NEGATIF[quoi], ligne=ligne.libelle)
    return valeur


def _quotas_saisis(form: FormData, lignes: list[LigneQuota]) -> dict[str, Any]:
    """The quotas document from the table: an empty pair leaves a value unconstrained; an
    empty minimum is 0, an empty maximum the number of seats. Each error names its field."""
    taille = au_champ("taille", lambda: entier(form, "taille", N_("places à pourvoir")))
    if taille < 1:
        raise ChampInvalide("taille", "Le tirage pourvoit au moins une place.")
    quotas: dict[str, dict[str, list[int]]] = {}
    for ligne in lignes:
        if not ligne.minimum.strip() and not ligne.maximum.strip():
            continue
        k = ligne.rang
        lo = _borne(ligne.minimum, f"min-{k}", ligne, "minimum") if ligne.minimum.strip() else 0
        hi = (
            _borne(ligne.maximum, f"max-{k}", ligne, "maximum") if ligne.maximum.strip() else taille
        )
        if lo > hi:
            raise ChampInvalide(
                f"min-{k}",
                "%(ligne)s : le minimum (%(minimum)s) dépasse le maximum (%(maximum)s).",
                ligne=ligne.libelle,
                minimum=lo,
                maximum=hi,
            )
        if lo > taille:
            raise ChampInvalide(
                f"min-{k}",
                "%(ligne)s : le minimum (%(minimum)s) dépasse le nombre de places (%(places)s).",
                ligne=ligne.libelle,
                minimum=lo,
                places=taille,
            )
        if lo > ligne.effectif:
            raise ChampInvalide(
                f"min-{k}",
                "%(ligne)s : au moins %(minimum)s demandé·es, mais le vivier n'en compte que "
                "%(effectif)s.",
                ligne=ligne.libelle,
                minimum=lo,
                effectif=ligne.effectif,
            )
        quotas.setdefault(ligne.categorie, {})[ligne.valeur] = [lo, hi]
    return {"taille": taille, "quotas": quotas}


def _au_quota(erreur: QuotasImpossibles, lignes: list[LigneQuota]) -> ChampInvalide:
    """Point the lottery's diagnosis at the field of the first quota that blocks."""
    for blocage in erreur.blocages:
        for ligne in lignes:
            saisie = ligne.minimum if blocage.borne == "min" else ligne.maximum
            if ligne.categorie == blocage.categorie and (
                ligne.valeur == blocage.valeur or (not blocage.valeur and saisie.strip())
            ):
                return ChampInvalide(f"{blocage.borne}-{ligne.rang}", erreur.message)
    return ChampInvalide("taille", erreur.message)


async def _liste_importee(form: FormData) -> str:
    """The imported list (POOL.csv): an uploaded file or text pasted in the form."""
    fichier = form.get("fichier")
    contenu = ""
    if isinstance(fichier, UploadFile) and fichier.filename:
        brut = await fichier.read(LISTE_MAX_OCTETS + 1)
        if len(brut) > LISTE_MAX_OCTETS:
            raise ChampInvalide("fichier", "La liste importée dépasse 2 Mo.")
        try:
            contenu = brut.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ChampInvalide(
                "fichier", "La liste importée doit être un fichier CSV encodé en UTF-8."
            ) from None
    collee = texte(form, "liste_csv")
    if contenu.strip() and collee.strip():
        raise ChampInvalide(
            "liste_csv", "Importez la liste par un fichier ou collez-la, pas les deux."
        )
    return contenu if contenu.strip() else collee


@dataclass(frozen=True)
class Groupe:
    """What the announcement form works on: the groupe moteur from the read models (never the
    aggregate: only the announcement itself, a command, loads it) and the codes of the
    council's priority neighbourhoods today."""

    etat: EtatGroupeMoteur
    quartiers: list[str]


def _groupe(p: Plateforme, arrondissement: int) -> Groupe:
    etat = p.lecture.etat_groupe_moteur(arrondissement)
    if etat is None:
        raise Introuvable("Ce conseil n'a pas encore constitué son groupe moteur.")
    jour = jour_a_paris(p.registre.maintenant())
    return Groupe(etat, [q.code for q in geographie_au(jour).quartiers_de(arrondissement)])


def _volontaires(p: Plateforme, arrondissement: int) -> list[Candidat]:
    """Site volunteers, as lottery candidates, except those already in the groupe moteur."""
    deja = {m.membre_id for m in p.lecture.membres_groupe_moteur(arrondissement)}
    return [
        candidat_volontaire(v.personne_id, v.college, v.genre, v.quartier)
        for v in p.lecture.volontaires_groupe_moteur(arrondissement)
        if v.personne_id not in deja
    ]


@dataclass
class Annonce:
    """The announcement form as the page shows it: its pool, its table, the live verdict."""

    lignes: list[LigneQuota]
    vivier: int
    taille: str
    verdict: str = ""
    faisable: bool = False
    champ: str = ""  # the field the verdict is about, if any
    json: str = ""  # the table as JSON, for experts to export
    conseil: str = ""  # what a larger pool allows, when the table asks for fewer seats


def _entier_ou_zero(brut: str) -> int:
    return nombre(brut) or 0


def _proposes(groupe: Groupe, vivier: list[Candidat]) -> dict[str, Any]:
    """The default quotas for this pool, as `ServiceGroupeMoteur.quotas_proposes` computes
    them, from the read models."""
    return quotas_par_defaut(
        groupe.etat.objectifs,
        groupe.etat.membres,
        groupe.quartiers,
        groupe.etat.minimums_reserves,
        vivier,
    )


def _examiner(groupe: Groupe, annonce: Annonce, vivier: list[Candidat]) -> None:
    """Fill the live verdict: can a panel meet these quotas with this pool?"""
    if not vivier:
        annonce.verdict, annonce.champ = _(VIVIER_VIDE), "liste_csv"
        return
    etat = groupe.etat
    try:
        document = _quotas_saisis(FormData({"taille": annonce.taille}), annonce.lignes)
        annonce.json = json_lisible(document)
        examiner_quotas(etat.places_libres, etat.places_reservees, document, vivier)
    except QuotasImpossibles as erreur:
        annonce.champ = _au_quota(erreur, annonce.lignes).champ
        annonce.verdict = erreur.message
    except REFUS as erreur:
        annonce.champ = erreur.champ if isinstance(erreur, ChampInvalide) else ""
        annonce.verdict = erreur.message
    else:
        annonce.faisable = True
        places = document["taille"]
        # Translators: %(vivier)s is "le vivier de N personne(s)", translated apart.
        annonce.verdict = ngettext(
            "Ces quotas peuvent être respectés : %(vivier)s permet de pourvoir %(places)s place.",
            "Ces quotas peuvent être respectés : %(vivier)s permet de pourvoir %(places)s places.",
            places,
        ) % {
            "vivier": ngettext(
                "le vivier de %(n)s personne", "le vivier de %(n)s personnes", len(vivier)
            )
            % {"n": len(vivier)},
            "places": places,
        }
    # A larger pool than the table was proposed for (a list added): say what it allows.
    possibles = _proposes(groupe, vivier)["taille"]
    if possibles > _entier_ou_zero(annonce.taille):
        # Translators: the quoted text is the label of the button "Proposer des quotas…".
        annonce.conseil = _(
            "Avec ce vivier, les objectifs permettent de pourvoir %(places)s places : "
            "« Proposer des quotas pour ce vivier » remplit le tableau en conséquence.",
            places=possibles,
        )


def _annonce(
    groupe: Groupe,
    vivier: list[Candidat],
    form: FormData | None = None,
    document: dict[str, Any] | None = None,
) -> Annonce:
    """The table from what was posted, or from a document (imported JSON, the defaults for
    this pool when neither is given), then its live verdict."""
    if form is not None and document is None:
        lignes = _lignes_saisies(form, vivier)
        taille = texte(form, "taille")
    else:
        if document is None:
            document = _proposes(groupe, vivier)
        lignes = _lignes_du_document(document, groupe.quartiers, vivier)
        taille = str(document.get("taille", ""))
    annonce = Annonce(lignes, len(vivier), taille)
    _examiner(groupe, annonce, vivier)
    return annonce


# --- the page --------------------------------------------------------------------------------


def _contexte(request: Request, arrondissement: int, echec: Echec | None = None) -> dict[str, Any]:
    p = plateforme(request)
    qui = acteur(request)
    anime = qui is not None and qui.a_le_role(Role.ANIMATEUR, arrondissement)
    maintenant = p.registre.maintenant()
    quartiers = geographie_au(jour_a_paris(maintenant)).quartiers_de(arrondissement)
    etat = p.lecture.etat_groupe_moteur(arrondissement)
    membres = etat.membres if etat else []
    mouvements = p.lecture.mouvements_groupe_moteur(arrondissement)
    ids_membres = {m.membre_id for m in membres}
    volontaires = [
        v
        for v in p.lecture.volontaires_groupe_moteur(arrondissement)
        if v.personne_id not in ids_membres
    ]
    tirages = p.lecture.tirages(arrondissement)
    contexte: dict[str, Any] = {
        "arrondissement": arrondissement,
        "anime": anime,
        "groupe": etat,
        "quartiers": quartiers,
        "membres": membres,
        "mouvements": mouvements,
        "tirages": tirages,
        "prevus": _heures_prevues(p, tirages),
        "volontaires": len(volontaires),
        "noms": {},
        "maintenant": maintenant,
        "echec": echec or Echec(),
        "MotifSortieGroupe": MotifSortieGroupe,
    }
    if etat is None:
        return contexte
    objectifs = etat.objectifs
    contexte.update(
        objectifs=objectifs,
        places_libres=etat.places_libres,
        places_reservees=etat.places_reservees,
        alertes=alertes(objectifs, membres, maintenant, quartiers),
        par_college_genre=Counter((m.college.value, m.genre.value) for m in membres),
        par_college=Counter(m.college.value for m in membres),
        par_genre=Counter(m.genre.value for m in membres),
        par_quartier=Counter(m.quartier for m in membres),
    )
    if anime:
        en_attente = _volontaires(p, arrondissement)
        ids = [m.membre_id for m in membres] + [r.membre_id for r in mouvements]
        contexte["noms"] = noms_des_comptes(p, ids + [c.id for c in en_attente], arrondissement)
        contexte["volontaires_en_attente"] = en_attente
        contexte["decisions_adoptees"] = p.lecture.decisions_adoptees(arrondissement)
        if etat.places_libres and "annonce" not in contexte:
            groupe = Groupe(etat, [q.code for q in quartiers])
            contexte["annonce"] = _annonce(groupe, en_attente)
    return contexte


def _heures_prevues(p: Plateforme, tirages: list[Any]) -> dict[str, Any]:
    """When the public randomness of each tirage not drawn yet is due (format 2)."""
    prevues = {}
    for t in tirages:
        if t.effectue_le is None:
            ligne = p.lecture.tirage(UUID(t.tirage_id))
            prevues[t.tirage_id] = heure_prevue(json.loads(ligne.document)) if ligne else None
    return prevues


async def page(request: Request) -> Response:
    arrondissement = _arrondissement(request)
    return rendre(request, "groupe_moteur/page.html", _contexte(request, arrondissement))


def _refus(
    request: Request,
    arrondissement: int,
    nom: str,
    erreur: ErreurParticipation,
    form: FormData,
    partiel: str,
    **autres: Any,
) -> Response:
    """The page (or, for htmx, the form's partial) again, with the refusal in place."""
    contexte = {**_contexte(request, arrondissement, Echec.depuis(nom, erreur, form)), **autres}
    return rendre(request, "groupe_moteur/page.html", contexte, erreur.statut_http, partiel)


async def _commande(
    request: Request,
    nom: str | Callable[[FormData], str],
    partiel: str,
    action: ActionGroupeMoteur,
    agir: Callable[[Plateforme, Acteur | None, int, FormData], tuple[int, str]],
    autres: Callable[[dict[str, Any], FormData], dict[str, Any]] | None = None,
) -> Response:
    """Run one command from a form of the page: the role first (403 whatever was typed), then
    the use case `action`; invalid input gives the form back in place.
    `nom`: the form's name, or how to find it from the posted row (forms of a table's rows);
    `autres`: what the form's partial needs besides the page's context (its row)."""
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
    p.groupe_moteur.autoriser(acteur(request), action, arrondissement)
    try:
        position, message = agir(p, acteur(request), arrondissement, form)
    except REFUS as erreur:
        nom_ = nom(form) if callable(nom) else nom
        contexte = _contexte(request, arrondissement, Echec.depuis(nom_, erreur, form))
        extra = autres(contexte, form) if autres else {}
        return rendre(
            request,
            "groupe_moteur/page.html",
            {**contexte, **extra},
            erreur.statut_http,
            partiel,
        )
    return apres_commande(request, position, message, f"/conseils/{arrondissement}/groupe-moteur")


async def volontariat(request: Request) -> Response:
    """A member of the open assembly volunteers for the groupe moteur, or withdraws."""
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    plateforme(request).assemblee.autoriser(acteur(request), "declarer_volontariat", arrondissement)
    volontaire = texte(form, "volontaire") == "oui"
    try:
        position = plateforme(request).assemblee.declarer_volontariat(
            acteur(request), arrondissement, volontaire
        )
    except (*REFUS, Introuvable) as erreur:  # e.g. no longer a member (left in another tab)
        echec = Echec.depuis("volontariat", erreur, form)
        return refus_adhesion(request, arrondissement, echec, erreur)
    message = (
        _(
            "Vous êtes volontaire pour le groupe moteur : vous serez dans le vivier du prochain "
            "tirage au sort."
        )
        if volontaire
        else _("Vous avez retiré votre candidature au groupe moteur.")
    )
    return apres_adhesion(request, arrondissement, position, message)


async def fixer_objectifs(request: Request) -> Response:
    def agir(p: Plateforme, qui: Acteur | None, a: int, form: FormData) -> tuple[int, str]:
        objectifs = Objectifs(
            taille=au_champ("taille", lambda: entier(form, "taille", N_("nombre de membres"))),
            part_habitants=au_champ(
                "part_habitants",
                lambda: entier(form, "part_habitants", N_("part des habitant·es"), defaut=67),
            ),
            parite=case(form, "parite"),
            minimum_par_quartier=au_champ(
                "minimum_par_quartier",
                lambda: entier(
                    form,
                    "minimum_par_quartier",
                    N_("minimum par quartier prioritaire"),
                    defaut=0,
                ),
            ),
        )
        nouveau = p.lecture.groupe_moteur(a) is None
        position = p.groupe_moteur.fixer_objectifs(qui, a, objectifs)
        return position, (
            _("Groupe moteur constitué.")
            if nouveau
            else _("Objectifs du groupe moteur enregistrés.")
        )

    return await _commande(
        request, "objectifs", "groupe_moteur/_objectifs.html", "fixer_objectifs", agir
    )


# --- announcing a tirage ---------------------------------------------------------------------


def _saisie_avec_liste(form: FormData, liste: str) -> FormData:
    """What was posted, the uploaded file's text moved to the pasted list: a file input cannot
    be given back, its content can."""
    items = [(k, v) for k, v in form.multi_items() if k not in ("fichier", "liste_csv")]
    return FormData([*items, ("liste_csv", liste)])


async def annoncer_tirage(request: Request) -> Response:
    """The announcement form: `etape` is `verifier` (the live check), `importer` (JSON into
    the table), `proposer` (the defaults for this pool), or the announcement itself."""
    arrondissement = _arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
    qui = acteur(request)
    p.groupe_moteur.autoriser(qui, "annoncer_tirage", arrondissement)  # 403 first
    etape = texte(form, "etape")
    groupe = _groupe(p, arrondissement)
    volontaires = _volontaires(p, arrondissement) if case(form, "volontaires") else []
    liste = ""
    try:
        liste = await _liste_importee(form)
        membres = {m.membre_id for m in groupe.etat.membres}
        vivier = constituer_vivier(membres, volontaires, liste)
    except REFUS as erreur:
        if etape == "verifier":
            annonce = _annonce(groupe, volontaires, form)
            annonce.verdict, annonce.faisable = erreur.message, False
            annonce.champ = erreur.champ if isinstance(erreur, ChampInvalide) else ""
            return _verification(request, arrondissement, annonce)
        saisie = _saisie_avec_liste(form, liste)
        annonce = _annonce(groupe, volontaires, saisie)
        return _refus_annonce(request, arrondissement, erreur, saisie, annonce)
    saisie = _saisie_avec_liste(form, liste)
    if etape == "verifier":
        return _verification(request, arrondissement, _annonce(groupe, vivier, saisie))
    if etape in ("importer", "proposer"):
        return _remplir(request, arrondissement, etape, saisie, groupe, vivier)
    annonce = _annonce(groupe, vivier, saisie)
    try:
        quotas = _quotas_saisis(saisie, annonce.lignes)
        hasard_le = au_champ(
            "hasard_le",
            lambda: date_heure(saisie, "hasard_le", N_("date et heure du hasard public")),
        )
        tickets = au_champ(
            "tickets",
            lambda: entier(saisie, "tickets", N_("nombre de tickets"), defaut=TICKETS_PAR_DEFAUT),
        )
        if not TICKETS_MIN <= tickets <= TICKETS_MAX:
            raise ChampInvalide(
                "tickets",
                "Le nombre de tickets doit être compris entre %(minimum)s et %(maximum)s.",
                minimum=TICKETS_MIN,
                maximum=f"{TICKETS_MAX:_}".replace("_", " "),
            )
        # Solving the lottery takes a moment: keep the event loop free for the other requests.
        tirage_id, position = await run_in_threadpool(
            lambda: p.groupe_moteur.annoncer_tirage(
                qui,
                arrondissement,
                quotas,
                texte(saisie, "hasard_prevu"),
                volontaires,
                liste,
                tickets,
                hasard_le=hasard_le,
            )
        )
    except QuotasImpossibles as erreur:
        return _refus_annonce(
            request, arrondissement, _au_quota(erreur, annonce.lignes), saisie, annonce
        )
    except REFUS as erreur:
        return _refus_annonce(request, arrondissement, erreur, saisie, annonce)
    return apres_commande(
        request,
        position,
        _(
            "Tirage annoncé : son engagement est publié. Le tirage aura lieu à l'heure annoncée "
            "pour le hasard public."
        ),
        f"/tirages/{tirage_id}",
    )


def _refus_annonce(
    request: Request,
    arrondissement: int,
    erreur: ErreurParticipation,
    saisie: FormData,
    annonce: Annonce,
) -> Response:
    """The announcement form again with the refusal in place; the live verdict says the same
    when the refusal is about the quotas."""
    if isinstance(erreur, ChampInvalide) and (
        erreur.champ == "taille" or erreur.champ.startswith(("min-", "max-"))
    ):
        annonce.verdict, annonce.faisable, annonce.champ = erreur.message, False, erreur.champ
    return _refus(
        request,
        arrondissement,
        "annonce",
        erreur,
        saisie,
        "groupe_moteur/_annonce.html",
        annonce=annonce,
    )


def _remplir(
    request: Request,
    arrondissement: int,
    etape: str,
    saisie: FormData,
    groupe: Groupe,
    vivier: list[Candidat],
) -> Response:
    """Fill the table from the JSON pasted by an expert, or with the defaults for this pool;
    the rest of the form keeps what was typed."""
    try:
        document = _json_saisi(texte(saisie, "quotas")) if etape == "importer" else None
    except DonneeInvalide as erreur:
        annonce = _annonce(groupe, vivier, saisie)
        return _refus_annonce(request, arrondissement, erreur, saisie, annonce)
    annonce = _annonce(groupe, vivier, document=document)
    # The table shows the new bounds: what was typed in it before is dropped on purpose.
    garde = [
        (k, v)
        for k, v in saisie.multi_items()
        if isinstance(v, str) and not re.fullmatch(r"(quota|min|max)-\d+|taille|quotas", k)
    ]
    echec = Echec("annonce", "", "", tuple(garde))
    message = (
        _("Quotas importés du JSON dans le tableau.")
        if etape == "importer"
        else _("Quotas proposés pour ce vivier, d'après les objectifs du groupe moteur.")
    )
    contexte = {
        **_contexte(request, arrondissement),
        "echec": echec,
        "annonce": annonce,
        "confirmation": message,
    }
    return rendre(request, "groupe_moteur/page.html", contexte, 200, "groupe_moteur/_annonce.html")


def _json_saisi(brut: str) -> dict[str, Any]:
    try:
        valeur = json.loads(brut)
    except json.JSONDecodeError as erreur:
        raise ChampInvalide(
            "quotas",
            "Ce n'est pas un JSON valide (ligne %(ligne)s, colonne %(colonne)s).",
            ligne=erreur.lineno,
            colonne=erreur.colno,
        ) from None
    quotas = valeur.get("quotas") if isinstance(valeur, dict) else None
    if not isinstance(quotas, dict) or not all(
        isinstance(vals, dict)
        and all(
            isinstance(b, list) and len(b) == 2 and all(isinstance(x, int) for x in b)
            for b in vals.values()
        )
        for vals in quotas.values()
    ):
        raise ChampInvalide(
            "quotas",
            'Attendu : {"taille": 20, "quotas": {"genre": {"femme": [10, 10]}, …}}, chaque '
            "quota étant [minimum, maximum].",
        )
    document: dict[str, Any] = valeur
    return document


def _verification(request: Request, arrondissement: int, annonce: Annonce) -> Response:
    """The live verdict (and the pool's counts, out of band): never records anything."""
    contexte = {
        **_contexte(request, arrondissement),
        "annonce": annonce,
        "oob": True,
    }
    return rendre(
        request,
        "groupe_moteur/page.html",
        contexte,
        200,
        "groupe_moteur/_verification.html",
    )


# --- other entries, acceptances, exits -------------------------------------------------------


def _ligne_du_volontaire(contexte: dict[str, Any], form: FormData) -> dict[str, Any]:
    ident = texte(form, "personne_id")
    trouve = next((v for v in contexte.get("volontaires_en_attente", []) if v.id == ident), None)
    return {"v": trouve or candidat_volontaire(ident, "habitant", "non_precise", HORS_QPV)}


def _ligne_du_membre(contexte: dict[str, Any], form: FormData) -> dict[str, Any]:
    ident = texte(form, "membre_id")
    trouve = next((m for m in contexte["membres"] if m.membre_id == ident), None)
    return {"m": trouve}


async def accepter_volontaire(request: Request) -> Response:
    """A volunteer of the open assembly takes a seat without a tirage."""

    def agir(p: Plateforme, qui: Acteur | None, a: int, form: FormData) -> tuple[int, str]:
        personne_id = identifiant(texte(form, "personne_id"), N_("Personne inconnue."))
        position = p.groupe_moteur.accepter_volontaire(qui, a, personne_id)
        return position, _("Volontaire accepté·e au groupe moteur.")

    return await _commande(
        request,
        _nom_de("volontaire", "personne_id"),
        "groupe_moteur/_volontaire.html",
        "accepter_volontaire",
        agir,
        _ligne_du_volontaire,
    )


def _nom_de(prefixe: str, champ: str) -> Callable[[FormData], str]:
    """The name of a row's form: `prefixe-` and a short key of the row's id (`cle`)."""
    return lambda form: f"{prefixe}-{cle(texte(form, champ))}"


def _liste_designee(brut: str) -> list[tuple[str, str, str]]:
    """Lines `identifiant,genre,quartier` typed by the animateur."""
    membres = []
    for numero, ligne in enumerate(brut.splitlines(), start=1):
        if not ligne.strip():
            continue
        champs = [c.strip() for c in ligne.split(",")]
        if len(champs) != 3 or not all(champs) or len(champs[0]) > 64:
            raise ChampInvalide(
                "membres",
                "Ligne %(numero)s de la liste : attendu « identifiant,genre,quartier ».",
                numero=numero,
            )
        membres.append((champs[0], champs[1], champs[2]))
    return membres


async def designer_par_consensus(request: Request) -> Response:
    """The local actors' agreed list, approved by a decision adopted in open assembly."""

    def agir(p: Plateforme, qui: Acteur | None, a: int, form: FormData) -> tuple[int, str]:
        seance, _ignore, numero = texte(form, "decision").partition(":")
        if not numero.isdecimal():
            raise ChampInvalide(
                "decision", "Choisissez la décision de l'assemblée ouverte qui approuve la liste."
            )
        try:
            seance_id = UUID(seance)
        except ValueError:
            raise ChampInvalide("decision", "Choisissez une décision dans la liste.") from None
        membres = _liste_designee(texte(form, "membres"))
        position = p.groupe_moteur.designer_par_consensus(qui, a, seance_id, int(numero), membres)
        return position, _("Acteurs locaux désignés par consensus : ils entrent au groupe moteur.")

    return await _commande(
        request, "consensus", "groupe_moteur/_consensus.html", "designer_par_consensus", agir
    )


async def accepter(request: Request) -> Response:
    """Someone drawn from a list accepted their seat within the delay."""

    def agir(p: Plateforme, qui: Acteur | None, a: int, form: FormData) -> tuple[int, str]:
        membre_id = texte(form, "membre_id")
        position = p.groupe_moteur.accepter(qui, a, membre_id)
        noms = noms_des_comptes(p, [membre_id], a)
        designe = f"{noms[membre_id]} ({membre_id})" if membre_id in noms else membre_id
        return position, _("Acceptation de %(personne)s enregistrée.", personne=designe)

    return await _commande(
        request,
        _nom_de("acceptation", "membre_id"),
        "groupe_moteur/_acceptation.html",
        "accepter",
        agir,
        _ligne_du_membre,
    )


async def faire_sortir(request: Request) -> Response:
    """An exit (or a refusal after the draw), replaced by the next substitute if asked."""

    def agir(p: Plateforme, qui: Acteur | None, a: int, form: FormData) -> tuple[int, str]:
        membre_id = texte(form, "membre_id")
        motif = texte(form, "motif")
        remplacer = case(form, "remplacer")
        if not motif:
            raise ChampInvalide("motif", "Choisissez le motif de la sortie.")
        ligne = next(
            (m for m in p.lecture.membres_groupe_moteur(a) if m.membre_id == membre_id), None
        )
        entrant, position = p.groupe_moteur.faire_sortir(qui, a, membre_id, motif, remplacer)
        noms = noms_des_comptes(p, [membre_id, entrant or ""], a)

        def designer(ident: str) -> str:
            return f"{noms[ident]} ({ident})" if ident in noms else ident

        message = _("Sortie de %(personne)s enregistrée.", personne=designer(membre_id))
        if entrant is not None:
            message += " " + _(
                "La personne suppléante %(personne)s entre au groupe moteur à sa place.",
                personne=designer(entrant),
            )
        elif (
            remplacer
            and ligne is not None
            and ligne.tirage_id
            and motif != MotifSortieGroupe.FIN_DE_MANDAT
        ):
            message += " " + _(
                "Aucune personne suppléante restante ne respecte les quotas : "
                "annoncez un nouveau tirage."
            )
        return position, message

    return await _commande(
        request,
        _nom_de("sortie", "membre_id"),
        "groupe_moteur/_sortie.html",
        "faire_sortir",
        agir,
        _ligne_du_membre,
    )
