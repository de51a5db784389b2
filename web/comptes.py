"""Accounts: sign up, sign in, sign out, my account, and the administrators' role page."""

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from domaine.comptes import Acteur, exiger_admin, exiger_compte
from domaine.erreurs import ChampInvalide, DonneeInvalide, Introuvable
from domaine.vocabulaire import Role
from web.formulaires import Echec, entier_optionnel, identifiant, texte
from web.limites import adresse_client, limites
from web.rendu import acteur, annoncer, plateforme, rendre
from web.securite import formulaire, renouveler_session
from web.sessions import ouvrir_session


def _suite(request: Request, valeur: str) -> str:
    """Only local paths are followed after sign-in (no open redirect)."""
    return valeur if valeur.startswith("/") and not valeur.startswith("//") else "/"


async def page_inscription(request: Request) -> Response:
    return rendre(
        request, "comptes/inscription.html", {"suite": request.query_params.get("suite", "/")}
    )


def _sans_mots_de_passe(echec: Echec) -> Echec:
    """What was typed comes back, except passwords (never sent back to the browser)."""
    garde = tuple((k, v) for k, v in echec.saisie if k not in ("mot_de_passe", "confirmation"))
    return Echec(echec.formulaire, echec.champ, echec.message, garde)


async def inscription(request: Request) -> Response:
    form = await formulaire(request)
    # Every attempt counts, failed ones too: the form tells whether an e-mail already has an
    # account, which must not be asked of it address after address.
    cles = {"adresse": adresse_client(request), "email": texte(form, "email").strip().lower()}
    limites(request).verifier("inscription", cles)
    limites(request).noter("inscription", cles)
    p = plateforme(request)
    try:
        if texte(form, "mot_de_passe") != texte(form, "confirmation"):
            raise ChampInvalide("confirmation", "Les deux mots de passe ne correspondent pas.")
        compte_id, position = p.comptes.inscrire(
            texte(form, "nom"), texte(form, "email"), texte(form, "mot_de_passe")
        )
    except DonneeInvalide as erreur:
        echec = _sans_mots_de_passe(Echec.depuis("inscription", erreur, form))
        contexte = {"suite": _suite(request, texte(form, "suite")), "echec": echec}
        return rendre(request, "comptes/inscription.html", contexte, 422)
    p.projecteur.attendre(position)
    identite = p.identites.identite(compte_id)
    ouvrir_session(request, compte_id, identite.nom if identite else "")
    annoncer(request, "Votre compte est créé : vous êtes connecté·e.")
    return RedirectResponse(_suite(request, texte(form, "suite")), status_code=303)


async def page_connexion(request: Request) -> Response:
    return rendre(
        request, "comptes/connexion.html", {"suite": request.query_params.get("suite", "/")}
    )


async def connexion(request: Request) -> Response:
    """A wrong password gives the form back (422), the e-mail kept, never the password."""
    form = await formulaire(request)
    email = texte(form, "email").strip().lower()
    cles = {"adresse": adresse_client(request), "email": email}
    limites(request).verifier("connexion", cles)
    p = plateforme(request)
    try:
        compte_id = p.comptes.authentifier(email, texte(form, "mot_de_passe"))
    except DonneeInvalide as erreur:
        limites(request).noter("connexion", cles)  # failures only: typing right never locks
        echec = _sans_mots_de_passe(
            Echec.depuis("connexion", ChampInvalide("mot_de_passe", erreur.message), form)
        )
        contexte = {"suite": _suite(request, texte(form, "suite")), "echec": echec}
        return rendre(request, "comptes/connexion.html", contexte, 422)
    limites(request).oublier("connexion", {"email": email})
    identite = p.identites.identite(compte_id)
    ouvrir_session(request, compte_id, identite.nom if identite else "")
    annoncer(request, "Vous êtes connecté·e.")
    return RedirectResponse(_suite(request, texte(form, "suite")), status_code=303)


async def deconnexion(request: Request) -> Response:
    await formulaire(request)
    renouveler_session(request)
    annoncer(request, "Vous êtes déconnecté·e.")
    return RedirectResponse("/", status_code=303)


async def mon_compte(request: Request) -> Response:
    qui = acteur(request)
    if qui is None:
        return RedirectResponse("/connexion?suite=/compte", status_code=303)
    p = plateforme(request)
    contexte = {
        "identite": p.identites.identite(qui.compte_id),
        "adhesions": p.lecture.adhesions_de(qui.compte_id),
        "roles": sorted(qui.roles, key=lambda r: (r[0].value, r[1] or 0)),
        "jetons": p.jetons.de(qui.compte_id) if _peut_avoir_des_jetons(qui) else None,
        "nouveau_jeton": request.session.pop("nouveau_jeton", None),
    }
    return rendre(request, "comptes/compte.html", contexte)


def _peut_avoir_des_jetons(qui: Acteur) -> bool:
    return qui.role_agent is not None or qui.a_le_role(Role.ADMIN)


async def creer_jeton(request: Request) -> Response:
    """An agent creates a token for their institution's systems; it is shown once."""
    form = await formulaire(request)
    qui = exiger_compte(acteur(request))
    p = plateforme(request)
    jeton = p.jetons.creer(qui, texte(form, "libelle"), p.registre.maintenant())
    request.session["nouveau_jeton"] = jeton
    return RedirectResponse("/compte#jetons", status_code=303)


async def revoquer_jeton(request: Request) -> Response:
    await formulaire(request)
    qui = exiger_compte(acteur(request))
    if not plateforme(request).jetons.revoquer(qui.compte_id, request.path_params["empreinte"]):
        # Someone else's token (or one already revoked): say so rather than "revoked".
        raise Introuvable("Ce jeton n'existe pas, ou il n'est pas à vous.")
    annoncer(request, "Jeton révoqué.")
    return RedirectResponse("/compte#jetons", status_code=303)


async def administration(request: Request) -> Response:
    exiger_admin(acteur(request))
    p = plateforme(request)
    contexte = {"personnes": p.identites.tous(), "roles": p.lecture.roles()}
    return rendre(request, "admin/comptes.html", contexte)


async def changer_role(request: Request) -> Response:
    form = await formulaire(request)
    p = plateforme(request)
    compte_id = identifiant(request.path_params["compte_id"], "Ce compte n'existe pas.")
    arrondissement = entier_optionnel(form, "arrondissement")
    if texte(form, "action") == "retirer":
        position = p.comptes.retirer_role(
            acteur(request), compte_id, texte(form, "role"), arrondissement
        )
        annoncer(request, "Rôle retiré.")
    else:
        position = p.comptes.attribuer_role(
            acteur(request), compte_id, texte(form, "role"), arrondissement
        )
        annoncer(request, "Rôle attribué.")
    p.projecteur.attendre(position)
    return RedirectResponse("/admin/comptes", status_code=303)
