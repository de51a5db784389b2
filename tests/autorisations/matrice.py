"""The authorization matrix: every route and every use case, with what each role gets.

ONE row per route of `web.app.ROUTES` (`ROUTES_ATTENDUES`) and one per use case of the services
(`COMMANDES`); the completeness tests fail, naming it, for a route or a use case without its
row. Adding a row: copy a neighbour, pick the rule (`TOUS`, `COMPTE`, `ANIMATEUR`...), give a
valid form (so that only the role decides) and, when the command changes its target for good,
a factory of the world (`tests/autorisations/monde.py`) that makes a fresh one per request.

Roles: anonyme, participant, animateur_18 (this council), animateur_19 (another council),
agent_ville, agent_etat, admin. `python -m tests.autorisations.matrice --ecrire` rewrites the
tables of docs/autorisations.md.
"""

import enum
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any
from uuid import UUID

from domaine.budget import Depot
from domaine.groupe_moteur import Objectifs
from domaine.instances import Designe
from domaine.moyens import MoyensDuConseil, id_moyens
from domaine.temps import a_paris
from domaine.vocabulaire import StatutProposition as S
from tests.autorisations.monde import (
    DETAILS_DU_CYCLE,
    NOM_DE_L_AUTRICE,
    PDF_MINIMAL,
    QPV_18,
    QUOTAS_PETITS,
    ROLES,
    Monde,
    liste_csv,
)


class Issue(enum.Enum):
    OK = "OK"
    """GET: 200. POST: done (303 redirect, or 200/204)."""
    CONNEXION = "connexion"
    """Not signed in: sent to the sign-in page, 401 from the API, or 403 "Connectez-vous"."""
    INTERDIT = "interdit"
    """403, nothing recorded."""
    INTROUVABLE = "introuvable"
    """404: the target exists only for its owner (someone else's API token)."""


OK, CONNEXION, INTERDIT, INTROUVABLE = Issue


def regle(
    *autorises: str, anonyme: Issue = CONNEXION, autres: Issue = INTERDIT
) -> dict[str, Issue]:
    """Expected outcome per role: OK for `autorises`, `anonyme` for the anonymous visitor,
    `autres` for the remaining signed-in roles."""
    inconnus = set(autorises) - set(ROLES)
    assert not inconnus, f"unknown roles {inconnus}"
    return {r: OK if r in autorises else anonyme if r == "anonyme" else autres for r in ROLES}


SIGNES = ROLES[1:]
TOUS = regle(*SIGNES, anonyme=OK)
COMPTE = regle(*SIGNES)
ANIMATEUR = regle("animateur_18")
MEMBRES_18 = regle("participant", "animateur_18")
AGENTS = regle("agent_ville", "agent_etat")
AGENTS_ADMIN = regle("agent_ville", "agent_etat", "admin")
ADMIN = regle("admin")

Valeurs = Callable[[Monde], dict[str, str]]


def voit(marqueur: str, *roles: str) -> tuple[str, frozenset[str]]:
    """`marqueur` is on the page for `roles`, and not for the other roles."""
    assert set(roles) <= set(ROLES), f"unknown roles {set(roles) - set(ROLES)}"
    return marqueur, frozenset(roles)


@dataclass(frozen=True)
class Route:
    """One route: what each role gets when it requests it with valid input."""

    methode: str
    chemin: str
    libelle: str
    attendu: Mapping[str, Issue]
    formulaire: Valeurs | None = None
    """The form posted (called for each request: it may create what it names)."""
    parametres: Valeurs | None = None
    """Path parameters other than the world's defaults (called for each request)."""
    requete: str = ""
    """Query string."""
    session: bool = False
    """Changes or ends the session or the acting account (sign in, up or out; erasure...):
    requested by a fresh client, signed in as a new account with the same role and
    memberships (`Monde.sosie`), so that the next rows keep their accounts."""
    api: bool = False
    """Sends the role's API token as `Authorization: Bearer`."""
    cible: tuple[str, ...] = ()
    """Form fields that name the command's target (the council of a steering committee):
    the empty form a refused role posts (`test_refus_avant_saisie`) keeps them."""
    montre: tuple[tuple[str, frozenset[str]], ...] = ()
    """GET pages: a piece of HTML (a command's form, formatted with the path parameters)
    that the page shows to these roles only, among those who may see the page."""
    fichiers: Callable[[Monde], dict[str, tuple[str, bytes, str]]] | None = None
    """Files the form uploads (field -> name, bytes, type); not sent with an empty form."""
    redirige: bool = False
    """GET: done is a redirect (the language switch sends back to the page it was shown on)."""

    @property
    def cle(self) -> tuple[str, str]:
        return self.methode, self.chemin


def _entree_de_moyens(m: Monde, nature: str = "budget") -> str:
    """A fresh record of the 18e's means (a grant, or a training held yesterday)."""
    unique = m.unique()
    agent = m.acteur("agent_ville")
    if nature == "formation":
        theme = f"Formation {unique}"
        hier = m.maintenant().date() - timedelta(days=1)
        m.p.moyens.proposer_formation(agent, 18, theme, "UPCA", "ville", hier)
        cherche = ("theme", theme)
    else:
        m.p.moyens.enregistrer_budget(agent, 18, 2025, "ville", "accorde", 1_000 + unique)
        cherche = ("euros", 1_000 + unique)
    moyens = m.p.registre.charger(MoyensDuConseil, id_moyens(18), "")
    return str(next(k for k, e in moyens.entrees.items() if e.champs.get(cherche[0]) == cherche[1]))


def _formation_passee(m: Monde) -> str:
    return _entree_de_moyens(m, "formation")


def _un_pdf(m: Monde) -> dict[str, tuple[str, bytes, str]]:
    return {"fichier": ("document.pdf", PDF_MINIMAL, "application/pdf")}


def _seance(m: Monde) -> dict[str, str]:
    return {"seance_id": m.seance_a_venir()}


def _avis(fabrique: str) -> Valeurs:
    return lambda m: {"avis_id": getattr(m, fabrique)()}


def _paris(m: Monde, heures: int) -> str:
    """A `datetime-local` value (Paris time), `heures` from now."""
    return a_paris(m.maintenant() + timedelta(hours=heures)).strftime("%Y-%m-%dT%H:%M")


def _cosigne_par_les_membres(m: Monde) -> str:
    """A fresh draft co-signed by the two roles who are members of the 18e's assembly."""
    avis_id = m.avis_brouillon()
    for role in ("participant", "animateur_18"):
        m.p.avis.cosigner(m.acteur(role), UUID(avis_id))
    return avis_id


def _jour(m: Monde, jours: int = 0) -> str:
    return (m.maintenant().date() + timedelta(days=jours)).isoformat()


def _reunion_presente(m: Monde) -> dict[str, str]:
    """A meeting with a fresh delegate present; the form reads their mandate from `ids`."""
    cible, _, mandat, _ = m.reunion(presente=True)
    m.ids["_mandat"] = mandat
    return {"reunion": cible}


def _compte_rendu_ecrit(m: Monde) -> dict[str, str]:
    cible, compte_rendu = m.compte_rendu()
    m.ids["_compte_rendu"] = compte_rendu
    return {"reunion": cible}


def _inscription(m: Monde) -> dict[str, str]:
    n = m.unique()
    mot_de_passe = "un mot de passe solide"
    return {
        "nom": f"Nouvelle Personne{n}",
        "email": f"nouvelle{n}@exemple.fr",
        "mot_de_passe": mot_de_passe,
        "confirmation": mot_de_passe,
        "suite": "/",
    }


def _nouveau_reglement(m: Monde) -> dict[str, str]:
    return {"numero": m.nouveau_reglement(), "statut": "conforme", "motif": ""}


PROFIL = {
    "college": "habitant",
    "genre": "femme",
    "tranche_age": "25_39",
    "quartier": "hors_qpv",
    "eligibilite": "on",
}
DEPOT_BP = {
    "titre": "Des bancs rue Léon",
    "description": "Installer des bancs à l'ombre.",
    "quartier": QPV_18,
    "adresse": "",
    "theme": "environnement",
    "cout": "20000",
}

ROUTES_ATTENDUES: list[Route] = [
    # --- public pages and accounts ---
    Route("GET", "/", "accueil", TOUS),
    Route("GET", "/sante", "santé", TOUS),
    Route("GET", "/sante/pret", "prêt à servir (répartiteur de charge)", TOUS),
    Route("GET", "/accessibilite", "accessibilité", TOUS),
    Route("GET", "/aide", "aide : sommaire", TOUS),
    Route(
        "GET",
        "/aide/{sujet}",
        "aide : une page",
        TOUS,
        parametres=lambda m: {"sujet": "convocations"},
    ),
    Route("GET", "/favicon.ico", "icône du site", TOUS),
    Route("GET", "/source", "code source", TOUS),
    Route(
        "GET",
        "/langue/{code}",
        "choisir la langue",
        TOUS,
        parametres=lambda m: {"code": "fr"},
        requete="retour=/",
        redirige=True,
    ),
    Route("GET", "/inscription", "page d'inscription", TOUS),
    Route("POST", "/inscription", "s'inscrire", TOUS, _inscription, session=True),
    Route("GET", "/connexion", "page de connexion", TOUS),
    Route(
        "POST",
        "/connexion",
        "se connecter",
        TOUS,
        lambda m: {"email": m.email("participant"), "mot_de_passe": m.mot_de_passe, "suite": "/"},
        session=True,
    ),
    Route("POST", "/deconnexion", "se déconnecter", TOUS, session=True),
    Route(
        "GET",
        "/compte",
        "mon compte",
        COMPTE,
        montre=(
            voit('id="titre-jetons"', "agent_ville", "agent_etat", "admin"),
            voit('id="titre-calendrier"', *SIGNES),
        ),
    ),
    Route(
        "POST",
        "/compte/courriels",
        "choisir ses courriels (chaque message, résumé, aucun)",
        COMPTE,
        lambda m: {"mode": "resume"},
    ),
    Route(
        "POST",
        "/compte/jetons",
        "créer un jeton d'API",
        AGENTS_ADMIN,
        lambda m: {"libelle": "Système de la Ville"},
    ),
    Route(
        "POST",
        "/compte/jetons/{empreinte}/revoquer",
        "révoquer un jeton d'API (de l'agent Ville)",
        regle("agent_ville", autres=INTROUVABLE),
        parametres=lambda m: {"empreinte": m.jeton_de_la_ville()},
    ),
    # --- calendar feeds (fetched by calendar applications: no session, no form) ---
    Route("POST", "/compte/calendrier", "créer ou remplacer son agenda privé", COMPTE),
    Route("POST", "/compte/calendrier/revoquer", "révoquer son agenda privé", COMPTE),
    Route(
        "GET",
        "/calendrier/{secret}.ics",
        "agenda privé (adresse secrète d'une participante)",
        TOUS,
        parametres=lambda m: {"secret": m.p.calendriers.creer(m.acteur("participant"))},
    ),
    Route("GET", "/conseils/{arrondissement}/calendrier.ics", "calendrier d'un conseil", TOUS),
    Route("GET", "/seances/{seance_id}/calendrier.ics", "une séance au format .ics", TOUS),
    # --- tamper-evident log and public journal ---
    Route("GET", "/journal/points-de-controle", "points de contrôle du journal", TOUS),
    Route("GET", "/journal/points-de-controle.json", "points de contrôle (JSON)", TOUS),
    Route("GET", "/conseils/{arrondissement}/journal", "journal public d'un conseil", TOUS),
    # --- public account and open data ---
    Route("GET", "/conseils/{arrondissement}/rapports", "rapports publics d'un conseil", TOUS),
    Route(
        "GET",
        "/conseils/{arrondissement}/rapports/{annee}",
        "rapport public d'un conseil",
        TOUS,
        parametres=lambda m: {"annee": str(m.maintenant().year)},
    ),
    Route("GET", "/donnees-ouvertes", "données ouvertes", TOUS),
    Route("GET", "/donnees-ouvertes/dictionnaire.json", "dictionnaire des données", TOUS),
    Route("GET", "/donnees-ouvertes/catalogue.jsonld", "catalogue DCAT (JSON-LD)", TOUS),
    Route(
        "GET",
        "/donnees-ouvertes/{annee}/{arrondissement}/{fichier}",
        "fichier de données ouvertes",
        TOUS,
        parametres=lambda m: {"annee": str(m.maintenant().year), "fichier": "chiffres.csv"},
    ),
    # --- personal-data rights (RGPD) ---
    Route("GET", "/confidentialite", "politique de confidentialité", TOUS),
    Route("GET", "/compte/donnees.json", "télécharger ses données", COMPTE),
    Route(
        "POST",
        "/compte/profil",
        "rectifier son profil",
        COMPTE,
        lambda m: {"nom": f"Nom rectifié {m.unique()}", "email": f"rectif{m.unique()}@exemple.fr"},
        session=True,
    ),
    Route("GET", "/compte/effacement", "page d'effacement de ses données", COMPTE),
    Route(
        "POST",
        "/compte/effacement",
        "effacer ses données",
        COMPTE,
        lambda m: {"confirmation": "on"},
        session=True,
    ),
    Route(
        "POST",
        "/admin/comptes/{compte_id}/effacement",
        "effacer les données d'une personne",
        ADMIN,
        lambda m: {"confirmation": "on", "motif": "demande_administration"},
        parametres=lambda m: {"compte_id": str(m.compte(f"À effacer {m.unique()}").compte_id)},
    ),
    Route("GET", "/api/v1/openapi.json", "API : description OpenAPI", TOUS),
    Route(
        "GET", "/api/v1/rapports/annuels/{annee}", "API : rapport annuel", AGENTS_ADMIN, api=True
    ),
    Route(
        "GET",
        "/api/v1/rapports/annuels/{annee}/conseils/{arrondissement}",
        "API : rapport annuel d'un conseil",
        AGENTS_ADMIN,
        api=True,
    ),
    Route("GET", "/admin/comptes", "administration des rôles", ADMIN),
    Route(
        "POST",
        "/admin/comptes/{compte_id}/roles",
        "attribuer un rôle",
        ADMIN,
        lambda m: {"role": "agent_etat", "action": "attribuer"},
    ),
    # --- a council, its open assembly, its règlement ---
    Route(
        "GET",
        "/conseils/{arrondissement}",
        "page du conseil",
        TOUS,
        montre=(
            voit('action="/conseils/{arrondissement}/seances"', "animateur_18"),
            voit(NOM_DE_L_AUTRICE, "animateur_18"),
        ),
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/adhesion",
        "rejoindre l'assemblée (17e)",
        COMPTE,
        lambda m: PROFIL,
        lambda m: {"arrondissement": "17"},
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/depart",
        "quitter l'assemblée (20e)",
        COMPTE,
        lambda m: {"motif": ""},
        lambda m: {"arrondissement": "20"},
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/quartier",
        "déclarer à nouveau son quartier (10e)",
        COMPTE,
        lambda m: {"quartier": "hors_qpv"},
        lambda m: {"arrondissement": "10"},
    ),
    Route(
        "GET",
        "/conseils/{arrondissement}/historique",
        "historique du conseil",
        TOUS,
        requete="au=2026-03-01",
    ),
    Route(
        "GET",
        "/conseils/{arrondissement}/reglement",
        "règlement intérieur",
        TOUS,
        montre=(
            voit('action="/conseils/{arrondissement}/reglement"', "animateur_18"),
            voit('action="/conseils/{arrondissement}/majorite"', "animateur_18"),
            voit(
                'action="/conseils/{arrondissement}/reglement/conformite"',
                "agent_ville",
                "agent_etat",
            ),
            voit(
                'action="/conseils/{arrondissement}/structure-porteuse"',
                "agent_ville",
                "agent_etat",
            ),
        ),
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/reglement",
        "déposer le règlement",
        ANIMATEUR,
        lambda m: {"texte": "Article 1. L'assemblée est ouverte à toutes et tous."},
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/reglement/conformite",
        "statuer sur la conformité du règlement",
        AGENTS,
        _nouveau_reglement,
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/majorite",
        "fixer la règle de majorité",
        ANIMATEUR,
        lambda m: {"regle": "absolue"},
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/structure-porteuse",
        "désigner la structure porteuse",
        AGENTS,
        lambda m: {
            "nom": f"Association Goutte d'Or {m.unique()}",
            "forme": "association_existante",
            "depuis": m.jour_suivant(),
        },
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/seances",
        "planifier une séance",
        ANIMATEUR,
        lambda m: {"date": "2026-04-10T18:30", "lieu": "Centre Barbara", "ordre_du_jour": "BP"},
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/seances/apres-coup",
        "enregistrer une séance tenue après coup",
        ANIMATEUR,
        lambda m: {"date": _paris(m, -1), "lieu": "Centre Barbara", "ordre_du_jour": "BP"},
    ),
    # --- groupe moteur and tirages ---
    Route(
        "POST",
        "/conseils/{arrondissement}/volontariat",
        "se porter volontaire (10e)",
        COMPTE,
        lambda m: {"volontaire": "oui"},
        lambda m: {"arrondissement": "10"},
    ),
    Route(
        "GET",
        "/conseils/{arrondissement}/groupe-moteur",
        "groupe moteur",
        TOUS,
        montre=(voit('name="quotas"', "animateur_18"),),
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/groupe-moteur/objectifs",
        "fixer les objectifs du groupe moteur",
        ANIMATEUR,
        lambda m: {
            "taille": "50",
            "part_habitants": "67",
            "parite": "on",
            "minimum_par_quartier": "0",
        },
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/groupe-moteur/volontaires",
        "faire entrer un volontaire",
        ANIMATEUR,
        lambda m: {"personne_id": m.volontaire()},
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/groupe-moteur/consensus",
        "désigner des acteurs locaux par consensus",
        ANIMATEUR,
        lambda m: {"decision": m.decision(), "membres": f"asso-{m.unique()},femme,hors_qpv"},
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/groupe-moteur/acceptations",
        "enregistrer une acceptation",
        ANIMATEUR,
        lambda m: {"membre_id": m.membre_tire()},
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/groupe-moteur/sorties",
        "enregistrer une sortie",
        ANIMATEUR,
        lambda m: {"membre_id": m.membre_tire(), "motif": "demission"},
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/tirages",
        "annoncer un tirage",
        ANIMATEUR,
        lambda m: {
            "taille": "4",
            "quota-0": "genre=femme",
            "min-0": "2",
            "max-0": "2",
            "quota-1": "genre=homme",
            "min-1": "2",
            "max-1": "2",
            "liste_csv": liste_csv(f"w{m.unique()}"),
            "hasard_prevu": "quatre dés à dix faces",
            "hasard_le": _paris(m, 1),
            "tickets": "10000",
        },
    ),
    Route("GET", "/tirages/verificateur_autonome.py", "vérificateur autonome", TOUS),
    Route("GET", "/tirages/{tirage_id}", "page d'un tirage", TOUS),
    Route("GET", "/tirages/{tirage_id}/resultat", "résultat d'un tirage", TOUS),
    Route(
        "POST",
        "/tirages/{tirage_id}/tirer",
        "effectuer le tirage",
        ANIMATEUR,
        lambda m: {"hasard": "1,2,3,4", "temoins": "Awa"},
        lambda m: {"tirage_id": m.ids["tirage_annonce"]},
    ),
    Route("GET", "/tirages/{tirage_id}/annonce.json", "annonce d'un tirage", TOUS),
    Route("GET", "/tirages/{tirage_id}/enregistrement.json", "enregistrement d'un tirage", TOUS),
    # --- séances ---
    Route(
        "GET",
        "/seances/{seance_id}",
        "page d'une séance",
        TOUS,
        montre=(
            voit(NOM_DE_L_AUTRICE, "animateur_18"),
            voit('href="/seances/{seance_id}/feuille-emargement.pdf"', "animateur_18"),
        ),
    ),
    Route(
        "GET",
        "/seances/{seance_id}/presences",
        "chercher dans la feuille de présence",
        ANIMATEUR,
        requete="q=Awa&college=habitant",
    ),
    Route(
        "POST",
        "/seances/{seance_id}/presences",
        "saisir les lignes d'une feuille papier",
        ANIMATEUR,
        lambda m: {"lignes": "1-2"},
    ),
    Route(
        "GET",
        "/seances/{seance_id}/feuille-emargement.pdf",
        "feuille d'émargement (PDF, noms des membres)",
        ANIMATEUR,
    ),
    Route(
        "POST",
        "/seances/{seance_id}/reprogrammer",
        "reprogrammer une séance",
        ANIMATEUR,
        lambda m: {"date": "2026-04-20T18:30", "lieu": "Mairie du 18e", "ordre_du_jour": "BP"},
        lambda m: {"seance_id": m.ids["seance_a_venir"]},
    ),
    Route(
        "POST",
        "/seances/{seance_id}/presences/{personne_id}",
        "noter une présence",
        ANIMATEUR,
        lambda m: {"present": "oui"},
    ),
    Route(
        "POST",
        "/seances/{seance_id}/anonymes",
        "compter les non-inscrits",
        ANIMATEUR,
        lambda m: {"nombre": "4"},
    ),
    Route(
        "POST",
        "/seances/{seance_id}/compte-rendu",
        "rédiger le compte rendu",
        ANIMATEUR,
        lambda m: {"texte": "La séance s'est bien tenue."},
    ),
    Route(
        "POST",
        "/seances/{seance_id}/compte-rendu/vote",
        "mettre un compte rendu aux voix",
        ANIMATEUR,
        lambda m: {
            "compte_rendu": "{}:{}".format(*m.compte_rendu_a_voter()),
            "pour": "9",
            "contre": "1",
            "abstention": "0",
        },
        lambda m: {"seance_id": m.seance_votante()},
    ),
    Route(
        "GET",
        "/seances/{seance_id}/compte-rendu.pdf",
        "compte rendu approuvé (PDF)",
        TOUS,
        parametres=lambda m: {"seance_id": m.seance_au_compte_rendu_approuve()},
    ),
    Route(
        "POST",
        "/seances/{seance_id}/decisions",
        "enregistrer une décision",
        ANIMATEUR,
        lambda m: {"texte": "Adopter le budget", "pour": "5", "contre": "1", "abstention": "0"},
    ),
    Route(
        "POST",
        "/seances/{seance_id}/annuler",
        "annuler une séance",
        ANIMATEUR,
        lambda m: {"motif": "Salle indisponible"},
        _seance,
    ),
    Route(
        "POST",
        "/seances/{seance_id}/a-distance",
        "se déclarer présent·e à distance (membres)",
        MEMBRES_18,
        lambda m: {},
        lambda m: {"seance_id": m.seance_hybride()},
    ),
    Route(
        "POST",
        "/seances/{seance_id}/scrutins",
        "ouvrir un scrutin en ligne",
        ANIMATEUR,
        lambda m: {"texte": "Adopter le budget"},
        lambda m: {"seance_id": m.seance_hybride()},
    ),
    Route(
        "POST",
        "/seances/{seance_id}/scrutins/{numero}/vote",
        "voter à un scrutin en ligne (membres présents)",
        MEMBRES_18,
        lambda m: {"choix": "pour"},
        lambda m: {"seance_id": m.scrutin_ouvert(), "numero": "1"},
    ),
    Route(
        "POST",
        "/seances/{seance_id}/scrutins/{numero}/clore",
        "clore un scrutin en ligne",
        ANIMATEUR,
        lambda m: {},
        lambda m: {"seance_id": m.scrutin_ouvert(), "numero": "1"},
    ),
    # --- avis ---
    Route(
        "GET",
        "/conseils/{arrondissement}/avis",
        "avis du conseil",
        TOUS,
        montre=(
            voit('id="titre-rediger"', "participant", "animateur_18"),
            voit('id="titre-saisine"', "agent_ville", "agent_etat"),
            voit('id="titre-delai"', "animateur_18"),
        ),
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/avis",
        "rédiger un avis (membres du 18e)",
        MEMBRES_18,
        lambda m: {
            "origine": "auto_saisine",
            "titre": "Éclairage rue Myrha",
            "texte": "Le conseil demande un meilleur éclairage.",
            "destinataire": "ville",
        },
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/avis/delai",
        "fixer le délai de réponse",
        ANIMATEUR,
        lambda m: {"mois": "3"},
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/saisines",
        "saisir le conseil",
        AGENTS,
        lambda m: {
            "titre": "Aménagement du square",
            "question": "Quel est l'avis du conseil ?",
            "demandee_le": _jour(m),
            "echeance": _jour(m, 60),
        },
    ),
    Route("GET", "/avis", "tous les avis", TOUS),
    Route(
        "GET",
        "/avis/{avis_id}",
        "page d'un avis",
        TOUS,
        montre=(
            voit('action="/avis/{avis_id}/cosignatures"', "participant", "animateur_18"),
            voit(NOM_DE_L_AUTRICE, "animateur_18"),
        ),
    ),
    Route(
        "POST",
        "/avis/{avis_id}/versions",
        "modifier un projet d'avis (et la personne qui l'a rédigé)",
        regle("animateur_18"),
        lambda m: {"titre": "Éclairage", "texte": "Nouvelle version du projet."},
    ),
    Route(
        "POST",
        "/avis/{avis_id}/cosignatures",
        "cosigner un projet d'avis (ou retirer sa cosignature : `cosignature=retirer`)",
        MEMBRES_18,
    ),
    Route(
        "POST",
        "/avis/{avis_id}/vote",
        "lier le vote de l'assemblée",
        ANIMATEUR,
        lambda m: {"decision": m.decision()},
        _avis("avis_brouillon"),
    ),
    Route(
        "POST",
        "/avis/{avis_id}/transmission",
        "transmettre un avis adopté",
        ANIMATEUR,
        parametres=_avis("avis_adopte"),
    ),
    Route(
        "POST",
        "/avis/{avis_id}/accuse-reception",
        "accuser réception (avis à la Ville)",
        regle("agent_ville"),
        parametres=_avis("avis_transmis"),
    ),
    Route(
        "POST",
        "/avis/{avis_id}/reponses",
        "répondre (avis à la Ville)",
        regle("agent_ville"),
        lambda m: {"texte": "La Ville répond.", "liens": ""},
        _avis("avis_transmis"),
    ),
    Route(
        "POST",
        "/avis/{avis_id}/partenaires-informes",
        "interpellation : partenaires informés",
        regle("agent_etat"),
        lambda m: {"texte": "Le bailleur et la mairie sont informés."},
        _avis("interpellation_transmise"),
    ),
    Route(
        "POST",
        "/avis/{avis_id}/diagnostic",
        "interpellation : diagnostic présenté",
        regle("agent_etat"),
        lambda m: {"comite_le": _jour(m), "texte": "Diagnostic partagé."},
        _avis("interpellation_informee"),
    ),
    Route(
        "POST",
        "/avis/{avis_id}/cloture",
        "clore un avis répondu (à la Ville)",
        regle("animateur_18", "agent_ville"),
        lambda m: {"motif": "Réponse satisfaisante."},
        _avis("avis_repondu"),
    ),
    Route(
        "POST",
        "/avis/{avis_id}/retrait",
        "retirer un projet d'avis (et la personne qui l'a rédigé)",
        ANIMATEUR,
        lambda m: {"motif": "Doublon."},
        _avis("avis_brouillon"),
    ),
    Route("GET", "/notifications", "mes notifications", COMPTE),
    Route(
        "POST",
        "/notifications/lue",
        "marquer une convocation comme lue (les membres du 18e l'ont reçue)",
        regle("participant", "animateur_18", autres=INTROUVABLE),
        lambda m: {"cle": m.notification_du_participant(), "page": "1"},
    ),
    Route("POST", "/notifications/tout-lu", "tout marquer comme lu", COMPTE, lambda m: {}),
    # --- annual reports ---
    Route("GET", "/rapports", "rapports annuels", AGENTS_ADMIN),
    Route("GET", "/rapports/annuel", "produire un rapport", AGENTS_ADMIN, requete="annee=2025"),
    Route(
        "GET",
        "/rapports/archives/{annee}/{arrondissement}/{format}",
        "télécharger une archive",
        AGENTS_ADMIN,
    ),
    Route(
        "POST",
        "/rapports/bilans",
        "enregistrer le bilan annuel",
        AGENTS,
        lambda m: {"arrondissement": "18", "annee": "2025", "presente_le": _jour(m, -1)},
    ),
    # --- bodies of the contrat de ville, delegates ---
    Route(
        "GET",
        "/instances",
        "instances du contrat de ville",
        TOUS,
        montre=(voit('action="/instances"', "agent_ville", "agent_etat"),),
    ),
    Route(
        "POST",
        "/instances",
        "ajouter une instance",
        AGENTS,
        lambda m: {"nature": "autre", "nom": f"Atelier {m.unique()}", "arrondissement": "18"},
    ),
    Route(
        "GET",
        "/conseils/{arrondissement}/delegues",
        "délégué·es du conseil",
        TOUS,
        montre=(voit('action="/conseils/{arrondissement}/delegues/designations"', "animateur_18"),),
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/delegues/designations",
        "désigner des délégué·es par décision",
        ANIMATEUR,
        lambda m: {
            "instance": m.instance(),
            "decision": m.decision(),
            "titulaires": str(m.membre_18().compte_id),
            "debut": _jour(m),
            "fin": _jour(m, 30),
        },
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/delegues/tirages",
        "annoncer un tirage de délégué·es",
        ANIMATEUR,
        lambda m: {
            "instance": m.instance(),
            "volontaires": str(m.membre_18().compte_id),
            "titulaires": "1",
            "suppleants": "0",
            "debut": _jour(m),
            "fin": _jour(m, 30),
            "hasard_prevu": "quatre dés",
            "hasard_le": _paris(m, 2),
        },
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/delegues/mandats/{mandat_id}/fin",
        "mettre fin à un mandat",
        ANIMATEUR,
        lambda m: {"termine_le": _jour(m), "motif": "demission"},
        lambda m: {"mandat_id": m.mandat()[1]},
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/delegues/reunions",
        "enregistrer une réunion d'instance (18e)",
        regle("animateur_18", "agent_ville", "agent_etat"),
        lambda m: {"instance": m.instance(), "tenue_le": _jour(m), "ordre_du_jour": "Bilan"},
        cible=("instance",),
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/delegues/reunions/{reunion}/presences",
        "enregistrer les délégué·es présent·es",
        regle("animateur_18", "agent_ville", "agent_etat"),
        None,
        lambda m: {"reunion": m.reunion()[0]},
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/delegues/reunions/{reunion}/comptes-rendus",
        "rédiger un compte rendu de mandat",
        ANIMATEUR,
        lambda m: {"mandat": m.ids["_mandat"], "texte": "Compte rendu."},
        lambda m: _reunion_presente(m),
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/delegues/reunions/{reunion}/presentation",
        "marquer un compte rendu présenté en séance",
        ANIMATEUR,
        lambda m: {"compte_rendu": m.ids["_compte_rendu"], "seance": m.ids["seance_id"]},
        lambda m: _compte_rendu_ecrit(m),
    ),
    # --- means and training (rule 19) ---
    Route(
        "GET",
        "/conseils/{arrondissement}/moyens",
        "moyens et formation du conseil",
        TOUS,
        montre=(
            voit('action="/conseils/{arrondissement}/moyens/budgets"', "agent_ville", "agent_etat"),
            voit('id="titre-enregistrements"', "agent_ville", "agent_etat", "admin"),
        ),
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/moyens/salles",
        "enregistrer une salle",
        AGENTS,
        lambda m: {
            "nom": "Maison des associations",
            "institution": "ville",
            "recurrence": "hebdomadaire",
            "debut": m.jour_passe(),
            "fin": "",
        },
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/moyens/engagements",
        "enregistrer un engagement de moyens",
        AGENTS,
        lambda m: {
            "annee": "2025",
            "institution": "etat",
            "objet": "budget_euros",
            "valeur": "2500",
        },
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/moyens/budgets",
        "enregistrer un budget accordé ou dépensé",
        AGENTS,
        lambda m: {"annee": "2025", "institution": "etat", "nature": "accorde", "euros": "2 500"},
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/moyens/accompagnements",
        "enregistrer un adulte-relais",
        AGENTS,
        lambda m: {
            "nature": "adulte_relais",
            "institution": "etat",
            "etp": "0,5",
            "heures": "",
            "debut": m.jour_passe(),
            "fin": "",
        },
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/moyens/formations",
        "enregistrer une formation proposée",
        AGENTS,
        lambda m: {
            "theme": "Le contrat de ville",
            "organisme": "Centre de ressources",
            "institution": "ville",
            "le": m.jour_passe(),
        },
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/moyens/participations",
        "enregistrer la participation à une formation",
        AGENTS,
        lambda m: {
            "formation": _formation_passee(m),
            "habitants": "3",
            "acteurs_locaux": "1",
            "femmes": "2",
            "hommes": "2",
            "autres": "0",
            "non_precise": "0",
        },
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/moyens/annulations",
        "annuler un enregistrement de moyens",
        AGENTS,
        lambda m: {"entree": _entree_de_moyens(m), "motif": "Erreur de saisie"},
    ),
    # --- budget participatif ---
    Route("GET", "/budget-participatif", "budget participatif (Paris)", TOUS),
    Route(
        "GET",
        "/budget-participatif/{proposition_id}",
        "page d'une proposition",
        TOUS,
        montre=(
            voit('id="titre-cycle"', "agent_ville"),
            voit('id="titre-portage"', "animateur_18"),
        ),
    ),
    Route(
        "POST",
        "/budget-participatif/{proposition_id}/soutien",
        "soutenir une proposition",
        COMPTE,
        lambda m: {"soutien": "oui"},
    ),
    Route(
        "POST",
        "/budget-participatif/{proposition_id}/commentaires",
        "commenter une proposition",
        COMPTE,
        lambda m: {"commentaire": "Je soutiens ce projet."},
    ),
    Route(
        "POST",
        "/budget-participatif/{proposition_id}/commentaires/{numero}/masquer",
        "masquer un commentaire",
        ANIMATEUR,
        lambda m: {"motif": "Hors sujet."},
    ),
    Route(
        "POST",
        "/budget-participatif/{proposition_id}/portage",
        "porter au nom du conseil",
        ANIMATEUR,
        lambda m: {"decision": m.decision()},
    ),
    Route(
        "POST",
        "/budget-participatif/{proposition_id}/statut/{vers}",
        "faire avancer une proposition (recevable)",
        regle("agent_ville"),
    ),
    Route(
        "GET", "/conseils/{arrondissement}/budget-participatif", "budget participatif du 18e", TOUS
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/budget-participatif",
        "déposer une proposition",
        COMPTE,
        lambda m: DEPOT_BP,
    ),
    Route(
        "GET",
        "/conseils/{arrondissement}/budget-participatif/deposer",
        "page de dépôt d'une proposition",
        TOUS,
    ),
    # --- documents ---
    Route(
        "GET",
        "/conseils/{arrondissement}/documents",
        "documents du conseil",
        TOUS,
        montre=(
            voit('id="formulaire-depot"', "animateur_18"),
            voit(
                'action="/conseils/{arrondissement}/documents/depots-des-membres"', "animateur_18"
            ),
        ),
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/documents",
        "déposer un document (et les membres, si le conseil l'ouvre)",
        ANIMATEUR,
        lambda m: {"titre": "Compte rendu", "nature": "compte_rendu"},
        fichiers=_un_pdf,
    ),
    Route(
        "POST",
        "/conseils/{arrondissement}/documents/depots-des-membres",
        "ouvrir ou fermer le dépôt aux membres",
        ANIMATEUR,
        lambda m: {"ouverts": "non"},
    ),
    Route("GET", "/documents/{document_id}", "télécharger un document", TOUS),
    Route(
        "POST",
        "/documents/{document_id}/retrait",
        "retirer un document (et la personne qui l'a déposé)",
        ANIMATEUR,
        parametres=lambda m: {"document_id": m.document()},
    ),
    Route(
        "POST",
        "/avis/{avis_id}/pieces-jointes",
        "joindre un fichier à un projet d'avis (et la personne qui l'a rédigé)",
        regle("animateur_18"),
        lambda m: {"titre": "Plan"},
        fichiers=_un_pdf,
    ),
    Route(
        "POST",
        "/budget-participatif/{proposition_id}/pieces-jointes",
        "joindre un fichier à une proposition (et la personne qui l'a déposée)",
        ANIMATEUR,
        lambda m: {"titre": "Photo du lieu"},
        fichiers=_un_pdf,
    ),
]


# --- use cases, at service level -----------------------------------------------------------
# Keyed "service.method"; "service.method (variant)" adds a row for another path of the same
# use case (another addressee, filing for the council...).

Appel = Callable[[Monde], tuple[Any, ...]]
"""Given the world, the use case and its arguments after the actor (fresh targets are made
here, before the event log's position is taken)."""


@dataclass(frozen=True)
class Commande:
    """One use case of a service: who may run it, and a valid call (with fresh targets)."""

    attendu: Mapping[str, Issue]
    appel: Appel
    note: str = field(default="")


def jour(texte: str) -> date:
    return date.fromisoformat(texte)


def _u(valeur: str) -> UUID:
    return UUID(valeur)


def _presences(m: Monde) -> tuple[Any, ...]:
    cible, instance, mandat, _ = m.reunion()
    return (m.p.instances.enregistrer_presences, _u(instance), cible.split(":")[1], 18, [mandat])


def _rediger(m: Monde) -> tuple[Any, ...]:
    cible, instance, mandat, _ = m.reunion(presente=True)
    reunion = cible.split(":")[1]
    return (m.p.instances.rediger_compte_rendu, _u(instance), reunion, 18, mandat, "Compte rendu.")


def _presenter(m: Monde) -> tuple[Any, ...]:
    cible, compte_rendu = m.compte_rendu()
    instance = cible.split(":")[0]
    seance = _u(m.ids["seance_id"])
    return (m.p.instances.presenter_compte_rendu, _u(instance), compte_rendu, seance)


DES_BANCS = Depot("Des bancs", "Installer des bancs.", QPV_18, "", "environnement", 20_000)


R, E, V, L = S.RECEVABLE, S.ETUDIEE, S.SOUMISE_AU_VOTE, S.LAUREATE
_CHEMINS: dict[S, tuple[S, ...]] = {
    S.RECEVABLE: (),
    S.IRRECEVABLE: (),
    S.ETUDIEE: (R,),
    S.SOUMISE_AU_VOTE: (R, E),
    S.LAUREATE: (R, E, V),
    S.NON_RETENUE: (R, E, V),
    S.EN_REALISATION: (R, E, V, L),
    S.REALISEE: (R, E, V, L, S.EN_REALISATION),
    S.ABANDONNEE: (R,),
    S.FUSIONNEE: (R,),
}
"""Each step of the budget participatif's lifecycle, and the steps before it."""


def _cycle(statut: S) -> Appel:
    """A lifecycle step of the budget participatif on a proposal in the status it expects."""

    def appel(m: Monde) -> tuple[Any, ...]:
        proposition = _u(m.proposition(*_CHEMINS[statut]))
        details = dict(DETAILS_DU_CYCLE.get(statut, {}))
        if statut == S.REALISEE:
            details["realisee_le"] = m.maintenant().date()
        if statut == S.FUSIONNEE:
            details["cible_id"] = _u(m.proposition())
        faire_avancer = partial(m.p.budget.faire_avancer, **details)
        return (faire_avancer, proposition, None, statut)

    return appel


COMMANDES: dict[str, Commande] = {
    # comptes
    "comptes.attribuer_role": Commande(
        ADMIN,
        lambda m: (m.p.comptes.attribuer_role, _u(m.ids["compte_id"]), "animateur", 20),
    ),
    "comptes.retirer_role": Commande(
        ADMIN,
        lambda m: (
            m.p.comptes.retirer_role,
            m.compte_avec_role("agent_ville").compte_id,
            "agent_ville",
            None,
        ),
    ),
    "comptes.choisir_courriels": Commande(
        COMPTE, lambda m: (m.p.comptes.choisir_courriels, "resume")
    ),
    # notifications
    "notifications.lire": Commande(COMPTE, lambda m: (m.p.notifications.lire, 1)),
    "notifications.marquer_lue": Commande(
        regle("participant", "animateur_18", autres=INTROUVABLE),
        lambda m: (m.p.notifications.marquer_lue, m.notification_du_participant()),
        "one's own notifications only (here a convocation the members of the 18e received)",
    ),
    "notifications.tout_marquer_lu": Commande(
        COMPTE, lambda m: (m.p.notifications.tout_marquer_lu,)
    ),
    # personal-data rights
    "rgpd.effacer": Commande(
        ADMIN,
        lambda m: (m.p.rgpd.effacer, m.compte(f"À effacer {m.unique()}").compte_id, ""),
        "the person themself may too (the web rows erase one's own account)",
    ),
    "rgpd.exporter": Commande(
        ADMIN,
        lambda m: (m.p.rgpd.exporter, m.compte(f"Exportée {m.unique()}").compte_id),
        "the person themself may too (GET /compte/donnees.json)",
    ),
    "rgpd.rectifier": Commande(
        COMPTE,
        lambda m: (m.p.rgpd.rectifier, f"Nom {m.unique()}", f"rectif{m.unique()}@exemple.fr"),
    ),
    # conseils
    "conseils.fixer_regle_majorite": Commande(
        ANIMATEUR, lambda m: (m.p.conseils.fixer_regle_majorite, 18, "absolue")
    ),
    "conseils.deposer_reglement": Commande(
        ANIMATEUR, lambda m: (m.p.conseils.deposer_reglement, 18, "Article 1.")
    ),
    "conseils.designer_structure_porteuse": Commande(
        AGENTS,
        lambda m: (
            m.p.conseils.designer_structure_porteuse,
            18,
            f"Association {m.unique()}",
            "association_existante",
            jour(m.jour_suivant()),
        ),
    ),
    "conseils.statuer_conformite": Commande(
        AGENTS,
        lambda m: (m.p.conseils.statuer_conformite, 18, int(m.nouveau_reglement()), "conforme", ""),
    ),
    "conseils.enregistrer_bilan_annuel": Commande(
        AGENTS,
        lambda m: (
            m.p.conseils.enregistrer_bilan_annuel,
            18,
            2025,
            m.maintenant().date() - timedelta(days=1),
        ),
    ),
    # instances du contrat de ville
    "instances.creer_instance": Commande(
        AGENTS,
        lambda m: (m.p.instances.creer_instance, "autre", f"Atelier {m.unique()}", 18),
    ),
    "instances.designer": Commande(
        ANIMATEUR,
        lambda m: (
            m.p.instances.designer,
            18,
            _u(m.instance()),
            [Designe(m.membre_18().compte_id, "titulaire")],
            jour(_jour(m)),
            jour(_jour(m, 30)),
            _u(m.ids["seance_id"]),
            1,
        ),
    ),
    # moyens et formation
    "moyens.enregistrer_salle": Commande(
        AGENTS,
        lambda m: (
            m.p.moyens.enregistrer_salle,
            18,
            "Mairie du 18e",
            "ville",
            "ponctuelle",
            m.maintenant().date(),
            None,
        ),
    ),
    "moyens.enregistrer_engagement": Commande(
        AGENTS, lambda m: (m.p.moyens.enregistrer_engagement, 18, 2025, "etat", "formations", 2)
    ),
    "moyens.enregistrer_budget": Commande(
        AGENTS, lambda m: (m.p.moyens.enregistrer_budget, 18, 2025, "etat", "depense", 300)
    ),
    "moyens.enregistrer_accompagnement": Commande(
        AGENTS,
        lambda m: (
            m.p.moyens.enregistrer_accompagnement,
            18,
            "autre",
            "ville",
            None,
            40,
            m.maintenant().date(),
            None,
        ),
    ),
    "moyens.proposer_formation": Commande(
        AGENTS,
        lambda m: (
            m.p.moyens.proposer_formation,
            18,
            "Budget participatif",
            "UPCA",
            "ville",
            m.maintenant().date(),
        ),
    ),
    "moyens.enregistrer_participations": Commande(
        AGENTS,
        lambda m: (
            m.p.moyens.enregistrer_participations,
            18,
            _u(_formation_passee(m)),
            2,
            0,
            1,
            1,
            0,
            0,
        ),
    ),
    "moyens.annuler": Commande(
        AGENTS, lambda m: (m.p.moyens.annuler, 18, _u(_entree_de_moyens(m)), "Erreur")
    ),
    "instances.annoncer_tirage": Commande(
        ANIMATEUR,
        lambda m: (
            m.p.instances.annoncer_tirage,
            18,
            _u(m.instance()),
            [m.membre_18().compte_id],
            1,
            0,
            jour(_jour(m)),
            jour(_jour(m, 30)),
            "quatre dés",
            m.maintenant() + timedelta(hours=2),
        ),
    ),
    "instances.effectuer_tirage": Commande(
        ANIMATEUR,
        lambda m: (
            m.p.instances.effectuer_tirage,
            _u(m.ids["tirage_delegues"]),
            "1,2,3,4",
            ["Awa"],
        ),
    ),
    "instances.terminer_mandat": Commande(
        ANIMATEUR,
        lambda m: (m.p.instances.terminer_mandat, 18, m.mandat()[1], jour(_jour(m)), "demission"),
    ),
    "instances.enregistrer_reunion": Commande(
        regle("animateur_18", "agent_ville", "agent_etat"),
        lambda m: (m.p.instances.enregistrer_reunion, _u(m.instance()), jour(_jour(m)), "Bilan"),
    ),
    "instances.enregistrer_presences": Commande(
        regle("animateur_18", "agent_ville", "agent_etat"),
        lambda m: _presences(m),
    ),
    "instances.rediger_compte_rendu": Commande(ANIMATEUR, lambda m: _rediger(m)),
    "instances.presenter_compte_rendu": Commande(ANIMATEUR, lambda m: _presenter(m)),
    # assemblée
    "assemblee.rejoindre": Commande(
        COMPTE,
        lambda m: (m.p.assemblee.rejoindre, 17, "habitant", "femme", "25_39", "hors_qpv", True),
    ),
    "assemblee.declarer_volontariat": Commande(
        COMPTE, lambda m: (m.p.assemblee.declarer_volontariat, 10, True)
    ),
    "assemblee.redeclarer_quartier": Commande(
        COMPTE, lambda m: (m.p.assemblee.redeclarer_quartier, 10, "hors_qpv")
    ),
    "assemblee.quitter": Commande(COMPTE, lambda m: (m.p.assemblee.quitter, 20, "")),
    # séances
    "seances.planifier": Commande(
        ANIMATEUR,
        lambda m: (
            m.p.seances.planifier,
            18,
            m.maintenant() + timedelta(days=9),
            "Centre Barbara",
            "BP",
        ),
    ),
    "seances.enregistrer_apres_coup": Commande(
        ANIMATEUR,
        lambda m: (
            m.p.seances.enregistrer_apres_coup,
            18,
            m.maintenant() - timedelta(hours=1),
            "Centre Barbara",
            "BP",
        ),
    ),
    "seances.reprogrammer": Commande(
        ANIMATEUR,
        lambda m: (
            m.p.seances.reprogrammer,
            _u(m.seance_a_venir()),
            None,
            m.maintenant() + timedelta(days=40),
            "Mairie",
            "BP",
        ),
    ),
    "seances.changer_presence": Commande(
        ANIMATEUR,
        lambda m: (
            m.p.seances.changer_presence,
            _u(m.ids["seance_id"]),
            _u(m.ids["personne_id"]),
            True,
        ),
    ),
    "seances.marquer_presents": Commande(
        ANIMATEUR,
        lambda m: (
            m.p.seances.marquer_presents,
            _u(m.ids["seance_id"]),
            [_u(m.ids["personne_id"])],
        ),
    ),
    "seances.compter_anonymes": Commande(
        ANIMATEUR,
        lambda m: (m.p.seances.compter_anonymes, _u(m.ids["seance_id"]), None, 4),
    ),
    "seances.rediger_compte_rendu": Commande(
        ANIMATEUR,
        lambda m: (m.p.seances.rediger_compte_rendu, _u(m.ids["seance_id"]), None, "Compte rendu"),
    ),
    "seances.enregistrer_decision": Commande(
        ANIMATEUR,
        lambda m: (m.p.seances.enregistrer_decision, _u(m.ids["seance_id"]), "Décision", 5, 1, 0),
    ),
    "seances.voter_compte_rendu": Commande(
        ANIMATEUR,
        lambda m: (
            m.p.seances.voter_compte_rendu,
            _u(m.seance_votante()),
            *(lambda s, v: (_u(s), v))(*m.compte_rendu_a_voter()),
            9,
            1,
            0,
        ),
    ),
    "seances.annuler": Commande(
        ANIMATEUR,
        lambda m: (m.p.seances.annuler, _u(m.seance_a_venir()), None, "Pas de salle"),
    ),
    "seances.se_declarer_a_distance": Commande(
        MEMBRES_18,
        lambda m: (m.p.seances.se_declarer_a_distance, _u(m.seance_hybride())),
    ),
    "seances.ouvrir_scrutin": Commande(
        ANIMATEUR,
        lambda m: (m.p.seances.ouvrir_scrutin, _u(m.seance_hybride()), "Adopter le budget"),
    ),
    "seances.voter_en_ligne": Commande(
        MEMBRES_18,
        lambda m: (m.p.seances.voter_en_ligne, _u(m.scrutin_ouvert()), 1, "pour"),
    ),
    "seances.clore_scrutin": Commande(
        ANIMATEUR,
        lambda m: (m.p.seances.clore_scrutin, _u(m.scrutin_ouvert()), 1),
    ),
    # groupe moteur
    "groupe_moteur.fixer_objectifs": Commande(
        ANIMATEUR,
        lambda m: (m.p.groupe_moteur.fixer_objectifs, 18, Objectifs(taille=50)),
    ),
    "groupe_moteur.designer_par_consensus": Commande(
        ANIMATEUR,
        lambda m: (
            m.p.groupe_moteur.designer_par_consensus,
            18,
            _u(m.ids["seance_id"]),
            1,
            [(f"asso-{m.unique()}", "femme", "hors_qpv")],
        ),
    ),
    "groupe_moteur.annoncer_tirage": Commande(
        ANIMATEUR,
        lambda m: (
            partial(
                m.p.groupe_moteur.annoncer_tirage, hasard_le=m.maintenant() + timedelta(hours=1)
            ),
            18,
            QUOTAS_PETITS,
            "quatre dés",
            [],
            liste_csv(f"s{m.unique()}"),
        ),
    ),
    "groupe_moteur.effectuer_tirage": Commande(
        ANIMATEUR,
        lambda m: (
            m.p.groupe_moteur.effectuer_tirage,
            _u(m.ids["tirage_annonce"]),
            "1,2,3,4",
            ["Awa"],
        ),
    ),
    "groupe_moteur.faire_sortir": Commande(
        ANIMATEUR,
        lambda m: (m.p.groupe_moteur.faire_sortir, 18, m.membre_tire(), "demission", False),
    ),
    "groupe_moteur.accepter_volontaire": Commande(
        ANIMATEUR,
        lambda m: (m.p.groupe_moteur.accepter_volontaire, 18, _u(m.volontaire())),
    ),
    "groupe_moteur.accepter": Commande(
        ANIMATEUR, lambda m: (m.p.groupe_moteur.accepter, 18, m.membre_tire())
    ),
    # avis
    "avis.saisir": Commande(
        AGENTS,
        lambda m: (
            m.p.avis.saisir,
            18,
            "Square",
            "Votre avis ?",
            m.maintenant().date(),
            m.maintenant().date() + timedelta(days=60),
        ),
    ),
    "avis.rediger": Commande(
        MEMBRES_18,
        lambda m: (m.p.avis.rediger, 18, "auto_saisine", "Titre", "Texte", "ville"),
    ),
    "avis.amender": Commande(
        regle("animateur_18"),
        lambda m: (m.p.avis.amender, _u(m.avis_brouillon()), None, "Titre", "Texte 2"),
        "and who wrote the draft (not its co-signers)",
    ),
    "avis.cosigner": Commande(MEMBRES_18, lambda m: (m.p.avis.cosigner, _u(m.avis_brouillon()))),
    "avis.retirer_cosignature": Commande(
        MEMBRES_18,
        lambda m: (m.p.avis.retirer_cosignature, _u(_cosigne_par_les_membres(m))),
        "its co-signers only (here the participant and the animatrice, who co-signed it)",
    ),
    "avis.soumettre_au_vote": Commande(
        ANIMATEUR,
        lambda m: (m.p.avis.soumettre_au_vote, _u(m.avis_brouillon()), _u(m.ids["seance_id"]), 1),
    ),
    "avis.retirer": Commande(
        ANIMATEUR,
        lambda m: (m.p.avis.retirer, _u(m.avis_brouillon()), None, "Doublon"),
        "and who wrote the draft, until it is adopted",
    ),
    "avis.transmettre": Commande(
        ANIMATEUR, lambda m: (m.p.avis.transmettre, _u(m.avis_adopte()), None)
    ),
    "avis.accuser_reception": Commande(
        regle("agent_ville"),
        lambda m: (m.p.avis.accuser_reception, _u(m.avis_transmis())),
        "the addressee's agents (here the Ville)",
    ),
    "avis.repondre": Commande(
        regle("agent_ville"),
        lambda m: (m.p.avis.repondre, _u(m.avis_transmis()), None, "Réponse", []),
        "the addressee's agents (here the Ville)",
    ),
    "avis.informer_partenaires": Commande(
        regle("agent_etat"),
        lambda m: (
            m.p.avis.informer_partenaires,
            _u(m.interpellation_transmise()),
            None,
            "Informés",
        ),
    ),
    "avis.presenter_diagnostic": Commande(
        regle("agent_etat"),
        lambda m: (
            m.p.avis.presenter_diagnostic,
            _u(m.interpellation_informee()),
            None,
            m.maintenant().date(),
            "Diagnostic",
        ),
    ),
    "avis.clore": Commande(
        regle("animateur_18", "agent_ville"),
        lambda m: (m.p.avis.clore, _u(m.avis_repondu()), None, "Satisfaisant"),
        "the council's animateurs and the addressee's agents",
    ),
    "avis.amender (premier projet d'une saisine)": Commande(
        MEMBRES_18,
        lambda m: (m.p.avis.amender, _u(m.saisine()), None, "Projet", "Premier projet"),
        "any member of the council's assembly, or its animateurs",
    ),
    "avis.accuser_reception (avis à l'État)": Commande(
        regle("agent_etat"),
        lambda m: (m.p.avis.accuser_reception, _u(m.avis_transmis_a_l_etat())),
    ),
    "avis.repondre (avis à l'État)": Commande(
        regle("agent_etat"),
        lambda m: (m.p.avis.repondre, _u(m.avis_transmis_a_l_etat()), None, "Réponse", []),
    ),
    "avis.fixer_delai_reponse": Commande(
        ANIMATEUR, lambda m: (m.p.avis.fixer_delai_reponse, 18, 3)
    ),
    # documents
    "documents.deposer": Commande(
        ANIMATEUR,
        lambda m: (m.p.documents.deposer, 18, "Diagnostic", None, "diagnostic", PDF_MINIMAL),
        "and the members of the assembly, where the council allows it",
    ),
    "documents.regler_depots_des_membres": Commande(
        ANIMATEUR, lambda m: (m.p.documents.regler_depots_des_membres, 18, False)
    ),
    "documents.joindre_a_un_avis": Commande(
        regle("animateur_18"),
        lambda m: (m.p.documents.joindre_a_un_avis, _u(m.avis_brouillon()), "Plan", PDF_MINIMAL),
        "and who wrote the draft",
    ),
    "documents.joindre_a_une_proposition": Commande(
        ANIMATEUR,
        lambda m: (
            m.p.documents.joindre_a_une_proposition,
            _u(m.proposition()),
            "Photo",
            PDF_MINIMAL,
        ),
        "and who filed it",
    ),
    "documents.retirer": Commande(
        ANIMATEUR,
        lambda m: (m.p.documents.retirer, _u(m.document())),
        "and who deposited it",
    ),
    # budget participatif
    "budget.deposer": Commande(COMPTE, lambda m: (m.p.budget.deposer, 18, DES_BANCS)),
    "budget.deposer (au nom du conseil)": Commande(
        ANIMATEUR,
        lambda m: (
            partial(m.p.budget.deposer, seance_id=_u(m.ids["seance_id"]), decision=1),
            18,
            DES_BANCS,
        ),
        "filed for the council, citing a decision adopted in open assembly",
    ),
    "budget.soutenir": Commande(
        COMPTE, lambda m: (m.p.budget.soutenir, _u(m.ids["proposition_id"]), True)
    ),
    "budget.commenter": Commande(
        COMPTE,
        lambda m: (m.p.budget.commenter, _u(m.ids["proposition_id"]), "Bien."),
    ),
    "budget.masquer_commentaire": Commande(
        ANIMATEUR,
        lambda m: (m.p.budget.masquer_commentaire, _u(m.ids["proposition_id"]), 1, "Hors sujet"),
    ),
    "budget.porter": Commande(
        ANIMATEUR,
        lambda m: (m.p.budget.porter, _u(m.proposition()), _u(m.ids["seance_id"]), 1),
    ),
    **{
        f"budget.faire_avancer ({statut.value})": Commande(regle("agent_ville"), _cycle(statut))
        for statut in _CHEMINS
    },
    # private calendar feeds (not events: a row next to the identities)
    "calendriers.creer": Commande(COMPTE, lambda m: (m.p.calendriers.creer,)),
    "calendriers.revoquer": Commande(
        COMPTE, lambda m: (m.p.calendriers.revoquer,), "one's own feed only"
    ),
    # API tokens (not events: a row in their own table)
    "jetons.creer": Commande(AGENTS_ADMIN, lambda m: (m.p.jetons.creer, "Système")),
    "jetons.revoquer": Commande(
        regle("agent_ville", autres=INTROUVABLE),
        lambda m: (m.p.jetons.revoquer, m.jeton_de_la_ville()),
        "one's own tokens only (here a token of the Ville's agent)",
    ),
}


# --- the tables of docs/autorisations.md ---------------------------------------------------

DOC = Path(__file__).parents[2] / "docs" / "autorisations.md"
CASES = {OK: "oui", CONNEXION: "connexion", INTERDIT: "403", INTROUVABLE: "404"}
TITRES = (
    "anonyme",
    "participant·e",
    "anim. 18e",
    "anim. 19e",
    "agent Ville",
    "agent État",
    "admin",
)


def _tableau(entete: list[str], lignes: list[list[str]]) -> str:
    rangs = [entete, ["---"] * len(entete), *lignes]
    return "\n".join("| " + " | ".join(rang) + " |" for rang in rangs)


def en_markdown() -> str:
    """The two tables of docs/autorisations.md, generated from this module."""
    routes = _tableau(
        ["méthode", "chemin", "action", *TITRES],
        [
            [r.methode, f"`{r.chemin}`", r.libelle, *(CASES[r.attendu[x]] for x in ROLES)]
            for r in ROUTES_ATTENDUES
        ],
    )
    commandes = _tableau(
        ["cas d'usage", *TITRES, "note"],
        [
            [f"`{nom}`", *(CASES[c.attendu[x]] for x in ROLES), c.note]
            for nom, c in COMMANDES.items()
        ],
    )
    montre = _tableau(
        ["page", "montre", "à"],
        [
            [f"`{r.chemin}`", f"`{marqueur}`", ", ".join(x for x in ROLES if x in roles)]
            for r in ROUTES_ATTENDUES
            for marqueur, roles in r.montre
        ],
    )
    return (
        f"### Routes\n\n{routes}\n\n### Cas d'usage (services)\n\n{commandes}\n\n"
        f"### Ce que les pages montrent\n\n{montre}\n"
    )


def ecrire(doc: Path = DOC) -> None:
    """Replace the tables of docs/autorisations.md (from "### Routes" to the end)."""
    texte = doc.read_text(encoding="utf-8")
    doc.write_text(texte[: texte.index("### Routes")] + en_markdown(), encoding="utf-8")


if __name__ == "__main__":
    if "--ecrire" in sys.argv:
        ecrire()
    else:
        print(en_markdown(), end="")
