"""Calendar feeds over HTTP: a council's public feed, one séance's file, the private feed at
its secret address, and the account page's forms that make and revoke that address.

Feeds are fetched by calendar applications, which have no session cookie and post no form:
they need neither (no CSRF, nothing recorded). The public ones may be cached a few minutes and
revalidated (`ETag`, `Last-Modified`); the private one is never stored by a cache (its address
is a credential), and unknown addresses are counted per client address and limited
(`web.limites`), although a secret of 256 random bits cannot be guessed.
"""

import hashlib
from email.utils import format_datetime
from urllib.parse import urlsplit, urlunsplit

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from domaine.erreurs import Introuvable
from domaine.temps import en_utc
from langues import N_, _
from participation.calendriers import Flux
from web.comptes import contexte_compte
from web.formulaires import arrondissement
from web.limites import adresse_client, limites
from web.rendu import acteur, annoncer, plateforme, rendre, templates
from web.seances import seance_id_de
from web.securite import formulaire

TYPE = "text/calendar; charset=utf-8"
CACHE_PUBLIC_S = 300
"""A public feed may be kept five minutes: a reprogrammed séance reaches a subscribed
calendar within its application's own polling delay plus that."""
INCONNU = N_("Ce calendrier n'existe pas, ou son adresse a été révoquée ou remplacée.")


def adresse_publique(request: Request, chemin: str) -> str:
    """The absolute address of `chemin` on the site (`PARTICIPATION_URL_PUBLIQUE`): what a
    person copies into a calendar application, which fetches it from elsewhere."""
    return plateforme(request).configuration.url_publique.rstrip("/") + chemin


def webcal(adresse: str) -> str:
    """The same address with the `webcal:` scheme, which phones and desktop calendars open as
    a subscription (an `https:` link downloads the file once)."""
    return urlunsplit(("webcal", *urlsplit(adresse)[1:]))


templates.env.globals["adresse_publique"] = adresse_publique
templates.env.globals["webcal"] = webcal


def _public(request: Request, flux: Flux, fichier: str, selon_la_langue: bool = False) -> Response:
    """A public feed, cacheable a few minutes and revalidated by its fingerprint. `private`
    when the request came with a session: its answer then carries a cookie, which a shared
    cache must not keep. `selon_la_langue`: its texts are in the request's language (the
    language cookie, or `Accept-Language`), which a cache must then tell apart."""
    etiquette = '"' + hashlib.sha256(flux.contenu).hexdigest()[:32] + '"'
    portee = "private" if request.session else "public"
    entetes = {
        "ETag": etiquette,
        "Cache-Control": f"{portee}, max-age={CACHE_PUBLIC_S}",
        "Content-Disposition": f'inline; filename="{fichier}"',
    }
    if selon_la_langue:
        entetes["Vary"] = "Accept-Language, Cookie"
    if flux.modifie_le is not None:
        entetes["Last-Modified"] = format_datetime(en_utc(flux.modifie_le), usegmt=True)
    demandees = request.headers.get("if-none-match", "")
    if etiquette in [e.strip().removeprefix("W/") for e in demandees.split(",")]:
        return Response(status_code=304, headers=entetes)
    return Response(flux.contenu, media_type=TYPE, headers=entetes)


async def du_conseil(request: Request) -> Response:
    """GET /conseils/{arrondissement}/calendrier.ics: every séance of the council."""
    conseil = arrondissement(request)
    flux = plateforme(request).calendriers.du_conseil(conseil)
    return _public(request, flux, f"conseil-citoyen-{conseil}e.ics")


async def de_la_seance(request: Request) -> Response:
    """GET /seances/{seance_id}/calendrier.ics: one séance, "Ajouter à mon agenda", in the
    language of the page it is downloaded from."""
    seance_id = seance_id_de(request)
    flux = plateforme(request).calendriers.de_la_seance(seance_id)
    return _public(request, flux, f"seance-{seance_id}.ics", selon_la_langue=True)


async def prive(request: Request) -> Response:
    """GET /calendrier/{secret}.ics: the séances of the holder's councils; 404 for an unknown
    or revoked secret. Only unknown secrets are counted: a subscription in use is never
    refused, however often its application polls."""
    cles = {"adresse": adresse_client(request)}
    limites(request).verifier("calendrier", cles)
    flux = plateforme(request).calendriers.prive(request.path_params["secret"])
    if flux is None:
        limites(request).noter("calendrier", cles)
        raise Introuvable(INCONNU)
    return Response(
        flux.contenu,
        media_type=TYPE,
        headers={
            "Cache-Control": "no-store",
            "Content-Disposition": 'inline; filename="mes-conseils-citoyens.ics"',
            "X-Robots-Tag": "noindex",
        },
    )


async def creer(request: Request) -> Response:
    """POST /compte/calendrier: a new secret address (replacing the previous one), shown in
    this response only: never stored, not even in the session cookie. The page is not kept
    by the browser (`no-store` on every page seen signed in, `web.sessions`)."""
    await formulaire(request)
    qui = acteur(request)
    p = plateforme(request)
    p.calendriers.autoriser(qui, "creer")
    secret = p.calendriers.creer(qui)
    assert qui is not None
    adresse = adresse_publique(request, f"/calendrier/{secret}.ics")
    contexte = {**contexte_compte(request, qui), "nouveau_calendrier": adresse}
    return rendre(request, "comptes/compte.html", contexte)


async def revoquer(request: Request) -> Response:
    """POST /compte/calendrier/revoquer: the address stops working at once."""
    await formulaire(request)
    p = plateforme(request)
    p.calendriers.autoriser(acteur(request), "revoquer")
    if p.calendriers.revoquer(acteur(request)):
        annoncer(request, _("Votre agenda privé est révoqué : son adresse ne fonctionne plus."))
    else:
        annoncer(request, _("Vous n'aviez pas d'agenda privé."))
    return RedirectResponse("/compte#calendrier", status_code=303)
