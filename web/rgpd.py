"""Personal-data rights (RGPD) on the web: the privacy page, one's data as JSON, the profile
form, self-erasure with confirmation, and erasure by an administrator.

The forms answer invalid input in place (422): the profile on the account page, the
confirmation next to its box, the administrator's reason and confirmation on the person's row.
"""

import json

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from domaine.comptes import exiger_compte
from domaine.erreurs import ChampInvalide, DonneeInvalide
from langues import N_, _
from participation.rgpd import MOTIFS_ADMINISTRATION
from web.comptes import FiltreComptes, contexte_compte, refus_administration
from web.formulaires import REFUS, Echec, case, identifiant, texte
from web.rendu import acteur, annoncer, plateforme, rendre
from web.securite import formulaire


async def confidentialite(request: Request) -> Response:
    return rendre(
        request,
        "confidentialite.html",
        {"conservation_ans": plateforme(request).configuration.conservation_ans},
    )


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
    qui = exiger_compte(acteur(request))
    p = plateforme(request)
    p.rgpd.autoriser(qui, "rectifier", qui.compte_id)
    try:
        identite = p.rgpd.rectifier(qui, texte(form, "nom"), texte(form, "email"))
    except DonneeInvalide as erreur:
        contexte = contexte_compte(request, qui, Echec.depuis("profil", erreur, form))
        return rendre(request, "comptes/compte.html", contexte, 422)
    request.session["nom"] = identite.nom
    annoncer(request, _("Votre profil est modifié."))
    return RedirectResponse("/compte", status_code=303)


async def page_effacement(request: Request) -> Response:
    if acteur(request) is None:
        return RedirectResponse("/connexion?suite=/compte/effacement", status_code=303)
    return rendre(request, "comptes/effacement.html")


async def effacement(request: Request) -> Response:
    form = await formulaire(request)
    qui = exiger_compte(acteur(request))
    plateforme(request).rgpd.autoriser(qui, "effacer", qui.compte_id)
    try:
        _exiger_confirmation(form)
    except DonneeInvalide as erreur:
        contexte = {"echec": Echec.depuis("effacement", erreur, form)}
        return rendre(request, "comptes/effacement.html", contexte, 422)
    plateforme(request).rgpd.effacer(qui, qui.compte_id)
    request.session.clear()
    annoncer(request, _("Vos données personnelles sont effacées et vous êtes déconnecté·e."))
    return RedirectResponse("/", status_code=303)


async def effacement_par_l_administration(request: Request) -> Response:
    """The reason is chosen, never assumed: it is recorded in the log (`Compte.Efface`)."""
    form = await formulaire(request)
    compte_id = identifiant(request.path_params["compte_id"], N_("Ce compte n'existe pas."))
    p = plateforme(request)
    p.rgpd.autoriser(acteur(request), "effacer_par_l_administration", compte_id)  # 403 first
    try:
        motif = texte(form, "motif")
        if motif not in MOTIFS_ADMINISTRATION:
            raise ChampInvalide(
                "motif",
                "Choisissez le motif : la demande vient-elle de la personne, ou a-t-elle été "
                "transmise à l'administration ?",
            )
        _exiger_confirmation(form)
        position = p.rgpd.effacer(acteur(request), compte_id, motif)
    except REFUS as erreur:
        return refus_administration(request, f"effacer-{compte_id}", erreur, form)
    p.projecteur.attendre(position)
    annoncer(request, _("Les données personnelles de ce compte sont effacées."))
    return RedirectResponse(FiltreComptes.depuis(form).adresse(), status_code=303)


def _exiger_confirmation(form: FormData) -> None:
    if not case(form, "confirmation"):
        raise ChampInvalide(
            "confirmation",
            "Cochez la case de confirmation : l'effacement des données est définitif.",
        )
