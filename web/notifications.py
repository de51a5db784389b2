"""The signed-in person's notifications page: convocations to séances (and their reminders,
cancellations) and the reminders to act (deadlines of avis, late answers of a tirage), newest
first, 20 a page, unread ones marked; "marquer comme lu" per item and "tout marquer comme lu"
(htmx swaps the item or the list and updates the header's count out of band; without
JavaScript, a plain POST and a 303 back to the same page)."""

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from domaine.comptes import exiger_compte
from langues import _
from web.formulaires import texte
from web.pagination import numero_demande, paginer
from web.rendu import acteur, annoncer, est_fragment, plateforme, rendre
from web.securite import formulaire


def _adresse(page: int) -> str:
    return "/notifications" if page <= 1 else f"/notifications?page={page}"


def _page_du_formulaire(brut: str) -> int:
    return int(brut) if brut.isdecimal() and len(brut) < 7 else 1


def _contexte(request: Request, numero: int) -> dict[str, object]:
    resultat = plateforme(request).notifications.lire(acteur(request), numero)
    return {
        "resultat": resultat,
        "pagination": paginer(resultat.page, resultat.pages, _adresse),
    }


async def page(request: Request) -> Response:
    exiger_compte(acteur(request))
    contexte = _contexte(request, numero_demande(request))
    return rendre(
        request, "notifications/page.html", contexte, fragment="notifications/_liste.html"
    )


async def marquer_lue(request: Request) -> Response:
    form = await formulaire(request)
    p = plateforme(request)
    qui = acteur(request)
    p.notifications.autoriser(qui, "marquer_lue")
    cle = texte(form, "cle")
    numero = _page_du_formulaire(texte(form, "page"))
    p.notifications.marquer_lue(qui, cle)
    if not est_fragment(request):
        annoncer(request, _("Notification marquée comme lue."))
        return RedirectResponse(_adresse(numero), status_code=303)
    assert qui is not None
    notification = p.notifications.lecture.une(str(qui.compte_id), cle)
    contexte = {"n": notification, "numero": numero, "vient_d_etre_lue": True}
    return rendre(request, "notifications/_lue.html", contexte)


async def tout_marquer_lu(request: Request) -> Response:
    form = await formulaire(request)
    p = plateforme(request)
    qui = acteur(request)
    p.notifications.autoriser(qui, "tout_marquer_lu")
    numero = _page_du_formulaire(texte(form, "page"))
    p.notifications.tout_marquer_lu(qui)
    if not est_fragment(request):
        annoncer(request, _("Toutes vos notifications sont marquées comme lues."))
        return RedirectResponse(_adresse(numero), status_code=303)
    contexte = {
        **_contexte(request, numero),
        "confirmation": _("Toutes vos notifications sont marquées comme lues."),
    }
    return rendre(request, "notifications/_liste_maj.html", contexte)
