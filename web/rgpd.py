"""Personal-data rights (RGPD) on the web: the privacy page, one's data as JSON, the profile
form, self-erasure with confirmation, and erasure by an administrator."""

import json

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from domaine.comptes import exiger_compte
from domaine.erreurs import DonneeInvalide
from domaine.vocabulaire import MotifEffacement
from participation.conservation import lire_conservation_ans
from web.formulaires import case, identifiant, texte
from web.rendu import acteur, annoncer, plateforme, rendre
from web.securite import formulaire


async def confidentialite(request: Request) -> Response:
    return rendre(request, "confidentialite.html", {"conservation_ans": lire_conservation_ans()})


async def donnees_json(request: Request) -> Response:
    """Everything the platform holds about the signed-in person, as a readable download."""
    qui = acteur(request)
    if qui is None:
        return RedirectResponse("/connexion?suite=/compte", status_code=303)
    donnees = plateforme(request).rgpd.exporter(qui, qui.compte_id)
    return Response(
        json.dumps(donnees, ensure_ascii=False, indent=2, sort_keys=False) + "\n",
        media_type="application/json; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="mes-donnees-participation.json"',
            "Cache-Control": "no-store",
        },
    )


async def profil(request: Request) -> Response:
    """Rectification: display name and e-mail (kept unique)."""
    form = await formulaire(request)
    identite = plateforme(request).rgpd.rectifier(
        acteur(request), texte(form, "nom"), texte(form, "email")
    )
    request.session["nom"] = identite.nom
    annoncer(request, "Votre profil est modifié.")
    return RedirectResponse("/compte", status_code=303)


async def page_effacement(request: Request) -> Response:
    if acteur(request) is None:
        return RedirectResponse("/connexion?suite=/compte/effacement", status_code=303)
    return rendre(request, "comptes/effacement.html")


async def effacement(request: Request) -> Response:
    form = await formulaire(request)
    qui = exiger_compte(acteur(request))
    _exiger_confirmation(form)
    plateforme(request).rgpd.effacer(qui, qui.compte_id)
    request.session.clear()
    annoncer(request, "Vos données personnelles sont effacées et vous êtes déconnecté·e.")
    return RedirectResponse("/", status_code=303)


async def effacement_par_l_administration(request: Request) -> Response:
    form = await formulaire(request)
    compte_id = identifiant(request.path_params["compte_id"], "Ce compte n'existe pas.")
    _exiger_confirmation(form)
    motif = texte(form, "motif") or MotifEffacement.DEMANDE_ADMINISTRATION.value
    p = plateforme(request)
    position = p.rgpd.effacer(acteur(request), compte_id, motif)
    p.projecteur.attendre(position)
    annoncer(request, "Les données personnelles de ce compte sont effacées.")
    return RedirectResponse("/admin/comptes", status_code=303)


def _exiger_confirmation(form: FormData) -> None:
    if not case(form, "confirmation"):
        raise DonneeInvalide(
            "Cochez la case de confirmation : l'effacement des données est définitif."
        )
