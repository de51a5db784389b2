"""The councils' documents on the web: a council's library (list filtered by kind and séance, a
page at a time; the deposit form; the setting that opens deposits to members), downloads,
withdrawal, and the attachments of avis and budget proposals.

Upload forms (`@televersement`) are read within the size limit before their handler runs
(`web.televersement`). Their refusals come back in place like any form's (`Echec`), the file
excepted: a browser cannot be given a file back, so the form asks for it again.
"""

from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from domaine.documents import NatureDocument, nom_de_fichier, peut_retirer_document
from domaine.erreurs import ChampInvalide, Introuvable
from domaine.fichiers import ACCEPTES, TYPES_MEDIA, trop_gros
from domaine.vocabulaire import Role
from langues import N_, _
from projections.lecture_documents import FiltresDocuments
from web import avis as pages_avis
from web import budget as pages_budget
from web.formulaires import REFUS, Echec, arrondissement, identifiant, texte
from web.limites import formulaire_limite
from web.pagination import numero_demande, paginer
from web.pieces_jointes import taille_en_mo
from web.rendu import acteur, apres_commande, plateforme, rendre
from web.securite import formulaire
from web.televersement import fichier_trop_gros, octets, televersement

if TYPE_CHECKING:
    from lancement.plateforme import Plateforme

FORMULAIRE_DEPOT = "depot"
FORMULAIRE_PIECE = "piece-jointe"


def _filtres(request: Request, arr: int) -> FiltresDocuments:
    nature = request.query_params.get("nature", "")
    seance = request.query_params.get("seance", "")
    return FiltresDocuments(
        arrondissement=arr,
        nature=nature if nature in {n.value for n in NatureDocument} else "",
        seance_id=seance if len(seance) == 36 else "",
        page=numero_demande(request),
    )


def _contexte(request: Request, arr: int, echec: Echec) -> dict[str, Any]:
    p = plateforme(request)
    qui = acteur(request)
    filtres = _filtres(request, arr)
    page = p.lecture_documents.bibliotheque(filtres)
    chemin = f"/conseils/{arr}/documents"

    def lien(n: int) -> str:
        parametres = [f"nature={filtres.nature}"] if filtres.nature else []
        parametres += [f"seance={filtres.seance_id}"] if filtres.seance_id else []
        parametres += [f"page={n}"] if n > 1 else []
        return chemin + ("?" + "&".join(parametres) if parametres else "")

    return {
        "arrondissement": arr,
        "page": page,
        "pagination": paginer(page.numero, page.pages, lien),
        "filtres": filtres,
        "natures": list(NatureDocument),
        "seances": p.lecture_documents.seances_du_conseil(arr),
        "peut_deposer": p.documents.depot_offert(arr, qui),
        "anime": qui is not None and qui.a_le_role(Role.ANIMATEUR, arr),
        "depots_des_membres": p.lecture_documents.depots_des_membres(arr),
        "retirables": {
            d.document_id
            for d in page.documents
            if peut_retirer_document(qui, arr, UUID(d.depose_par))
        },
        "taille_max": taille_en_mo(p.configuration.taille_max_document),
        "acceptes": _(ACCEPTES),
        "echec": echec,
    }


async def bibliotheque(request: Request) -> Response:
    arr = arrondissement(request)
    return rendre(
        request, "documents/bibliotheque.html", _contexte(request, arr, Echec()),
        fragment="documents/_liste.html",
    )  # fmt: skip


def _jour(form: FormData) -> date | None:
    brut = texte(form, "jour").strip()
    if not brut:
        return None
    try:
        return date.fromisoformat(brut)
    except ValueError:
        raise ChampInvalide("jour", "La date du document n'est pas une date valide.") from None


def _identifiant_facultatif(form: FormData, champ: str, message: str) -> UUID | None:
    brut = texte(form, champ).strip()
    if not brut:
        return None
    try:
        return UUID(brut)
    except ValueError:
        raise ChampInvalide(champ, message) from None


async def _fichier(request: Request, form: FormData) -> bytes:
    """The uploaded bytes, or the refusal of a file over the limit (its bytes were dropped)."""
    if fichier_trop_gros(request, "fichier"):
        raise trop_gros(plateforme(request).configuration.taille_max_document)
    return await octets(form, "fichier")


@televersement
async def deposer(request: Request) -> Response:
    arr = arrondissement(request)
    form = await formulaire_limite(request, "publication")
    p = plateforme(request)
    p.documents.autoriser(acteur(request), "deposer", arr)
    try:
        seance_id = _identifiant_facultatif(
            form, "seance_id", N_("Choisissez une séance de la liste.")
        )
        __, position = p.documents.deposer(
            acteur(request),
            arr,
            texte(form, "titre"),
            _jour(form),
            texte(form, "nature"),
            await _fichier(request, form),
            seance_id=seance_id,
        )
    except REFUS as erreur:
        echec = Echec.depuis(FORMULAIRE_DEPOT, erreur, form)
        contexte = _contexte(request, arr, echec)
        return rendre(
            request, "documents/bibliotheque.html", contexte, erreur.statut_http,
            "documents/_depot.html",
        )  # fmt: skip
    return apres_commande(request, position, _("Document déposé."), f"/conseils/{arr}/documents")


async def regler_depots(request: Request) -> Response:
    arr = arrondissement(request)
    form = await formulaire(request)
    p = plateforme(request)
    p.documents.autoriser(acteur(request), "regler_depots_des_membres", arr)
    ouverts = texte(form, "ouverts") == "oui"
    position = p.documents.regler_depots_des_membres(acteur(request), arr, ouverts)
    message = (
        _("Les membres de l'assemblée peuvent désormais déposer des documents.")
        if ouverts
        else _("Seule l'animation dépose désormais des documents.")
    )
    return apres_commande(request, position, message, f"/conseils/{arr}/documents")


def _document_id(request: Request) -> UUID:
    return identifiant(request.path_params["document_id"], N_("Ce document n'existe pas."))


def telecharger(request: Request) -> Response:
    """The file, always as a download (`attachment`), under a clean name made from its title,
    with its detected type, never sniffed, never cached (a withdrawn or erased file must not
    outlive its withdrawal in a cache)."""
    ligne, contenu = plateforme(request).documents.contenu(_document_id(request))
    nom = nom_de_fichier(ligne.titre, TYPES_MEDIA[ligne.type_media])
    return Response(
        contenu,
        media_type=ligne.type_media,
        headers={
            "Content-Disposition": f'attachment; filename="{nom}"',
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "no-store",
        },
    )


async def retirer(request: Request) -> Response:
    document_id = _document_id(request)
    await formulaire(request)
    p = plateforme(request)
    p.documents.autoriser(acteur(request), "retirer", document_id)
    position = p.documents.retirer(acteur(request), document_id)
    p.projecteur.attendre(position)  # the row says where to go back to
    ligne = p.lecture_documents.document(document_id)
    if ligne is None:
        raise Introuvable("Ce document n'existe pas.")
    if ligne.avis_id:
        retour = f"/avis/{ligne.avis_id}"
    elif ligne.proposition_id:
        retour = f"/budget-participatif/{ligne.proposition_id}"
    else:
        retour = f"/conseils/{ligne.arrondissement}/documents"
    return apres_commande(request, position, _("Document retiré."), retour)


# --- attachments of avis and budget proposals -------------------------------------------------


async def _joindre(
    request: Request,
    form: FormData,
    cible: UUID,
    joindre: Any,
    page: str,
    contexte_de_la_page: Any,
    retour: str,
) -> Response:
    """Attach the form's file to `cible`, or give the form back in place on the page."""
    try:
        contenu = await _fichier(request, form)
        __, position = joindre(acteur(request), cible, texte(form, "titre"), contenu)
    except REFUS as erreur:
        echec = Echec.depuis(FORMULAIRE_PIECE, erreur, form)
        contexte = contexte_de_la_page(request, cible, echec)
        return rendre(
            request, page, contexte, erreur.statut_http, "documents/_piece_jointe_formulaire.html"
        )
    return apres_commande(request, position, _("Pièce jointe ajoutée."), retour)


@televersement
async def joindre_a_un_avis(request: Request) -> Response:
    avis_id = identifiant(request.path_params["avis_id"], N_("Cet avis n'existe pas."))
    form = await formulaire_limite(request, "publication")
    p: Plateforme = plateforme(request)
    p.documents.autoriser(acteur(request), "joindre_a_un_avis", avis_id)
    return await _joindre(
        request, form, avis_id, p.documents.joindre_a_un_avis, "avis/page.html",
        pages_avis.contexte_de_la_page, f"/avis/{avis_id}#pieces-jointes",
    )  # fmt: skip


@televersement
async def joindre_a_une_proposition(request: Request) -> Response:
    proposition_id = identifiant(
        request.path_params["proposition_id"], N_("Cette proposition n'existe pas.")
    )
    form = await formulaire_limite(request, "publication")
    p: Plateforme = plateforme(request)
    p.documents.autoriser(acteur(request), "joindre_a_une_proposition", proposition_id)
    return await _joindre(
        request, form, proposition_id, p.documents.joindre_a_une_proposition, "budget/page.html",
        pages_budget.contexte_de_la_page, f"/budget-participatif/{proposition_id}#pieces-jointes",
    )  # fmt: skip
