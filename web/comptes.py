"""Accounts: sign up, sign in, sign out, my account, and the administrators' role page.

Every form answers invalid input in place (422, `Echec`): the account page's forms (profile,
API token) and the administrators' per-person forms come back in their page, the message next
to the field, what was typed kept (never a password).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from domaine.comptes import Acteur, est_agent_ou_admin, exiger_admin, exiger_compte
from domaine.erreurs import (
    ChampInvalide,
    DonneeInvalide,
    ErreurParticipation,
)
from langues import N_, PAR_CODE, _, langue, parler
from participation.comptes import ActionComptes
from web.formulaires import REFUS, Echec, entier_optionnel, identifiant, texte
from web.langues import COOKIE, retenir
from web.limites import adresse_client, limites
from web.rendu import acteur, annoncer, est_fragment, plateforme, rendre
from web.securite import formulaire, renouveler_session
from web.sessions import ouvrir_session


def _suite(request: Request, valeur: str) -> str:
    """Only local paths are followed after sign-in (no open redirect)."""
    return valeur if valeur.startswith("/") and not valeur.startswith("//") else "/"


async def page_inscription(request: Request) -> Response:
    return rendre(
        request, "comptes/inscription.html", {"suite": request.query_params.get("suite", "/")}
    )


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
        echec = Echec.depuis("inscription", erreur, form).sans("mot_de_passe", "confirmation")
        contexte = {"suite": _suite(request, texte(form, "suite")), "echec": echec}
        return rendre(request, "comptes/inscription.html", contexte, 422)
    p.projecteur.attendre(position)
    identite = p.identites.identite(compte_id)
    ouvrir_session(request, compte_id, identite.nom if identite else "")
    annoncer(request, _("Votre compte est créé : vous êtes connecté·e."))
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
        refus = ChampInvalide("mot_de_passe", erreur.gabarit, **erreur.valeurs)
        echec = Echec.depuis("connexion", refus, form).sans("mot_de_passe")
        contexte = {"suite": _suite(request, texte(form, "suite")), "echec": echec}
        return rendre(request, "comptes/connexion.html", contexte, 422)
    limites(request).oublier("connexion", {"email": email})
    identite = p.identites.identite(compte_id)
    ouvrir_session(request, compte_id, identite.nom if identite else "")
    reponse = RedirectResponse(_suite(request, texte(form, "suite")), status_code=303)
    choisie = PAR_CODE.get(p.identites.langues([compte_id]).get(compte_id, ""))
    if choisie is None or COOKIE in request.cookies:
        choisie = langue()  # this device's choice stands
    else:
        # The language chosen on the account follows the member to a new device.
        retenir(request, reponse, choisie)
    with parler(choisie):
        annoncer(request, _("Vous êtes connecté·e."))
    return reponse


async def deconnexion(request: Request) -> Response:
    await formulaire(request)
    renouveler_session(request)
    annoncer(request, _("Vous êtes déconnecté·e."))
    return RedirectResponse("/", status_code=303)


async def mon_compte(request: Request) -> Response:
    qui = acteur(request)
    if qui is None:
        return RedirectResponse("/connexion?suite=/compte", status_code=303)
    return rendre(request, "comptes/compte.html", contexte_compte(request, qui))


def contexte_compte(request: Request, qui: Acteur, echec: Echec | None = None) -> dict[str, Any]:
    """The account page's context; `echec`, the refused form's input (profile or token)."""
    p = plateforme(request)
    return {
        "identite": p.identites.identite(qui.compte_id),
        "adhesions": p.lecture.adhesions_de(qui.compte_id),
        "roles": sorted(qui.roles, key=lambda r: (r[0].value, r[1] or 0)),
        "jetons": p.jetons.de(qui.compte_id) if est_agent_ou_admin(qui) else None,
        "courriels": p.comptes.courriels(qui.compte_id),
        "nouveau_jeton": None,
        "calendrier_cree_le": p.calendriers.cree_le(qui.compte_id),  # comptes/_calendrier.html
        "nouveau_calendrier": None,
        "echec": echec or Echec(),
    }


async def choisir_courriels(request: Request) -> Response:
    """Every message, a weekly digest, or no e-mail; htmx swaps the section in place."""
    form = await formulaire(request)
    qui = exiger_compte(acteur(request))
    p = plateforme(request)
    p.comptes.autoriser(qui, "choisir_courriels", qui.compte_id)
    try:
        position = p.comptes.choisir_courriels(qui, texte(form, "mode"))
    except DonneeInvalide as erreur:
        contexte = contexte_compte(request, qui, Echec.depuis("courriels", erreur, form))
        return rendre(request, "comptes/compte.html", contexte, 422, "comptes/_courriels.html")
    p.projecteur.attendre(position)
    confirmation = _("Votre choix de courriels est enregistré.")
    if not est_fragment(request):
        annoncer(request, confirmation)
        return RedirectResponse("/compte#courriels", status_code=303)
    contexte = {**contexte_compte(request, qui), "confirmation_courriels": confirmation}
    return rendre(request, "comptes/_courriels.html", contexte)


async def creer_jeton(request: Request) -> Response:
    """An agent creates a token for their institution's systems; it is shown once, in this
    response only: never stored, not even in the session cookie (see `participation.jetons`:
    its name is required)."""
    form = await formulaire(request)
    qui = acteur(request)
    p = plateforme(request)
    p.jetons.autoriser(qui, "creer")  # the role first (403), then the input (422)
    try:
        jeton = p.jetons.creer(qui, texte(form, "libelle"))
    except DonneeInvalide as erreur:
        assert qui is not None
        contexte = contexte_compte(request, qui, Echec.depuis("jeton", erreur, form))
        return rendre(request, "comptes/compte.html", contexte, 422)
    assert qui is not None
    contexte = {**contexte_compte(request, qui), "nouveau_jeton": jeton}
    return rendre(request, "comptes/compte.html", contexte)


async def revoquer_jeton(request: Request) -> Response:
    """Someone else's token (or one already revoked) is not found (404), rather than
    "revoked"."""
    await formulaire(request)
    p = plateforme(request)
    p.jetons.autoriser(acteur(request), "revoquer")
    p.jetons.revoquer(acteur(request), request.path_params["empreinte"])
    annoncer(request, _("Jeton révoqué."))
    return RedirectResponse("/compte#jetons", status_code=303)


PAR_PAGE_ADMIN = 50


@dataclass(frozen=True)
class FiltreComptes:
    """What the administrators' list shows: a search in names and e-mails, only accounts that
    hold a role, and the page (50 accounts each): thousands of accounts never load at once."""

    q: str = ""
    avec_role: bool = False
    page: int = 1

    @classmethod
    def depuis(cls, valeurs: Mapping[str, Any]) -> "FiltreComptes":
        q = " ".join(str(valeurs.get("q", "")).split())[:120]
        brut = str(valeurs.get("page", ""))
        page = int(brut) if brut.isdecimal() and 0 < len(brut) < 7 else 1
        return cls(q, str(valeurs.get("avec_role", "")) == "oui", max(1, page))

    def adresse(self, page: int | None = None) -> str:
        """/admin/comptes with this filter (and another page): where a change returns."""
        parametres = {"q": self.q, "avec_role": "oui" if self.avec_role else "",
                      "page": str(page or self.page)}  # fmt: skip
        garde = {k: v for k, v in parametres.items() if v and (k != "page" or v != "1")}
        return "/admin/comptes" + (f"?{urlencode(garde)}" if garde else "")


async def administration(request: Request) -> Response:
    exiger_admin(acteur(request))
    filtre = FiltreComptes.depuis(request.query_params)
    return rendre(request, "admin/comptes.html", contexte_administration(request, filtre))


def contexte_administration(
    request: Request, filtre: FiltreComptes, echec: Echec | None = None
) -> dict[str, Any]:
    """The administrators' page; its forms are one per person and kind, named
    `attribuer-{id}`, `retirer-{id}` and `effacer-{id}` (so a refusal lands on its row)."""
    p = plateforme(request)
    roles = p.lecture.roles()
    recherche = filtre.q.casefold()
    personnes = [
        i
        for i in p.identites.tous()
        if (not recherche or recherche in i.nom.casefold() or recherche in i.email.casefold())
        and (not filtre.avec_role or i.personne_id in roles)
    ]
    pages = max(1, -(-len(personnes) // PAR_PAGE_ADMIN))
    page = min(filtre.page, pages)
    debut = (page - 1) * PAR_PAGE_ADMIN
    return {
        "personnes": personnes[debut : debut + PAR_PAGE_ADMIN],
        "roles": roles,
        "filtre": filtre,
        "nombre": len(personnes),
        "premier": debut + 1,
        "page": page,
        "pages": pages,
        "echec": echec or Echec(),
    }


def refus_administration(
    request: Request, nom: str, erreur: ErreurParticipation, form: FormData
) -> Response:
    """The administrators' page again (same search and page), the refused row's form showing
    what was chosen."""
    filtre = FiltreComptes.depuis(form)
    contexte = contexte_administration(request, filtre, Echec.depuis(nom, erreur, form))
    return rendre(request, "admin/comptes.html", contexte, erreur.statut_http)


async def changer_role(request: Request) -> Response:
    form = await formulaire(request)
    p = plateforme(request)
    compte_id = identifiant(request.path_params["compte_id"], N_("Ce compte n'existe pas."))
    retrait = texte(form, "action") == "retirer"
    action: ActionComptes = "retirer_role" if retrait else "attribuer_role"
    p.comptes.autoriser(acteur(request), action, compte_id)  # the role first (403)
    nom = f"{'retirer' if retrait else 'attribuer'}-{compte_id}"
    try:
        arrondissement = _arrondissement_du_role(form)
        if retrait:
            position = p.comptes.retirer_role(
                acteur(request), compte_id, texte(form, "role"), arrondissement
            )
        else:
            position = p.comptes.attribuer_role(
                acteur(request), compte_id, texte(form, "role"), arrondissement
            )
    except REFUS as erreur:
        return refus_administration(request, nom, erreur, form)
    annoncer(request, _("Rôle retiré.") if retrait else _("Rôle attribué."))
    p.projecteur.attendre(position)
    return RedirectResponse(FiltreComptes.depuis(form).adresse(), status_code=303)


def _arrondissement_du_role(form: FormData) -> int | None:
    """Empty: no council (agents, administrators); else a council's number."""
    brut = texte(form, "arrondissement").strip()
    if not brut:
        return None
    valeur = entier_optionnel(form, "arrondissement")
    if valeur is None:
        raise ChampInvalide(
            "arrondissement",
            "Un rôle d'animateur·rice se rattache à un conseil citoyen.",
        )
    return valeur
