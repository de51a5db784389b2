"""A small world of aggregates in the states where each command is allowed, built by the
commands themselves, so that fuzzed inputs reach the validation instead of a state check.

Each builder returns a fresh aggregate with no pending event, and its past events."""

from datetime import timedelta
from typing import Any
from uuid import UUID

from domaine.assemblee import Adhesion, profil
from domaine.avis import Avis
from domaine.budget import DecisionDuConseil, Depot, PropositionBP
from domaine.comptes import Compte
from domaine.conseils import ConseilCitoyen
from domaine.groupe_moteur import GroupeMoteur, Objectifs
from domaine.seances import Decision, Seance
from domaine.tirages import Tirage
from domaine.vocabulaire import Destinataire, RegleMajorite, Role, StatutProposition
from tests.unit.fuzz.strategies import (
    AGENT_ETAT,
    AGENT_VILLE,
    ANIMATEUR_18,
    AUTRE_PARTICIPANT,
    PARTICIPANT,
    T0,
)
from tirage.loterie import annoncer
from tirage.vivier import Candidat, Quotas

Monde = tuple[Any, list[Any]]
DATE_SEANCE = T0 + timedelta(days=7)
ENVELOPPE = 3_000_000


def _fige(agregat: Any, passe: list[Any] | None = None) -> Monde:
    return agregat, [*(passe or []), *agregat.collect_events()]


def conseil(reglements: int = 0) -> Monde:
    c = ConseilCitoyen.instituer(18, T0)
    for i in range(reglements):
        c.deposer_reglement(f"Règlement, version {i + 1}", AGENT_VILLE.compte_id, T0)
    return _fige(c)


def compte(*roles: tuple[str, int | None]) -> Monde:
    c = Compte.ouvrir(PARTICIPANT.compte_id, T0)
    for role, arrondissement in roles:
        c.attribuer_role(role, arrondissement, None, T0)
    return _fige(c)


def adhesion(personne: UUID = PARTICIPANT.compte_id, partie: bool = False) -> Monde:
    p = profil(18, "habitant", "femme", "25_39", "hors_qpv", T0.date())
    a = Adhesion.rejoindre_une_premiere_fois(18, personne, p, True, T0)
    if partie:
        a.quitter("demenagement", T0)
    return _fige(a)


def membre(personne: UUID = PARTICIPANT.compte_id) -> Adhesion:
    """A current member of the 18e assembly, as a command argument."""
    a: Adhesion = adhesion(personne)[0]
    return a


def seance(annulee: bool = False, decisions: int = 0, presents: int = 0) -> Monde:
    s = Seance.planifier(18, DATE_SEANCE, "Centre Barbara", "Budget", ANIMATEUR_18.compte_id, T0)
    if annulee:
        s.annuler("Salle indisponible", ANIMATEUR_18.compte_id, T0)
    apres = DATE_SEANCE + timedelta(hours=2)
    for i in range(decisions):
        s.enregistrer_decision(
            f"Décision {i}", 10, 1, 0, RegleMajorite.SIMPLE, ANIMATEUR_18.compte_id, apres
        )
    if presents:
        s.marquer_present(membre(), ANIMATEUR_18.compte_id, apres)
    return _fige(s)


def seance_hybride(
    modalite: str = "hybride", present: bool = False, scrutin: str = "", vote: bool = False
) -> Monde:
    """An online or hybrid séance; the participant present remotely; poll n° 1 "ouvert" or
    "clos" (with the participant's vote)."""
    s = Seance.planifier(
        18,
        DATE_SEANCE,
        "Centre Barbara",
        "Budget",
        ANIMATEUR_18.compte_id,
        T0,
        modalite=modalite,
        lien_visio="" if modalite == "presentiel" else "https://visio.paris.fr/c18",
    )
    pendant = DATE_SEANCE + timedelta(hours=1)
    if present and modalite != "presentiel":
        s.se_declarer_a_distance(membre(), pendant)
    if scrutin and modalite != "presentiel":
        s.ouvrir_scrutin("Adopter le budget", ANIMATEUR_18.compte_id, pendant)
        if vote and present:
            s.voter_en_ligne(1, PARTICIPANT.compte_id, "pour", pendant)
        if scrutin == "clos":
            s.clore_scrutin(1, ANIMATEUR_18.compte_id, pendant)
    return _fige(s)


def decision_adoptee() -> tuple[Seance, Decision]:
    s: Seance = seance(decisions=1)[0]
    return s, s.decisions[0]


def groupe_moteur(membres: int = 0, en_attente: bool = False, reserve: bool = False) -> Monde:
    g = GroupeMoteur.constituer(18, Objectifs(20, 60, True, 0), ANIMATEUR_18.compte_id, T0)
    for i in range(membres):
        g.faire_entrer(
            f"m{i}",
            "habitant",
            "femme" if i % 2 else "homme",
            "hors_qpv",
            "tirage",
            ANIMATEUR_18.compte_id,
            T0,
            tirage_id="t1",
            reponse_avant=(T0 + timedelta(days=15)) if en_attente else None,
        )
    if reserve:
        g.reserver("t2", 3, T0)
    return _fige(g)


def annonce() -> dict[str, Any]:
    gens = [
        Candidat(
            f"c{i:02d}",
            "acteur_local" if i % 3 == 0 else "habitant",
            "femme" if i % 2 else "homme",
            "hors_qpv",
            "oui",
        )
        for i in range(24)
    ]
    quotas = Quotas(
        6,
        {
            "college": {"habitant": (4, 4), "acteur_local": (2, 2)},
            "genre": {"femme": (3, 3), "homme": (3, 3)},
        },
    )
    return annoncer(gens, quotas, 100, "deux dés", hasard_prevu_le=T0 - timedelta(hours=1))


ANNONCE = annonce()
"""Announced two hours before T0, for dice thrown an hour before T0: drawable at T0."""


def tirage(effectue: bool = False) -> Monde:
    annonce_le = T0 - timedelta(hours=2)
    t = Tirage.annoncer(UUID(int=0x71), 18, ANNONCE, ANIMATEUR_18.compte_id, annonce_le)
    if effectue:
        t.effectuer("3,7", ["Témoin"], ANIMATEUR_18.compte_id, T0)
    return _fige(t)


AVIS = (
    "saisine_recue",
    "brouillon",
    "adopte",
    "transmis",
    "repondu",
    "interpellation_transmise",
    "partenaires_informes",
)


def avis(statut: str) -> Monde:
    """An avis of the 18e addressed to the Ville (an interpellation goes to the État)."""
    if statut == "saisine_recue":
        a = Avis.saisir(
            AGENT_VILLE.compte_id, Destinataire.VILLE, 18, "Sur la propreté", "Que proposez-vous ?", T0.date(),
            T0.date() + timedelta(days=60), "", "", T0,
        )  # fmt: skip
        return _fige(a)
    origine = "interpellation" if statut.startswith(("interpellation", "partenaires")) else ""
    a = Avis.rediger(
        PARTICIPANT.compte_id, 18, origine or "auto_saisine", "Un avis", "Le texte de l'avis",
        "ville", "", "", "", T0,
    )  # fmt: skip
    if statut == "brouillon":
        return _fige(a)
    s, d = decision_adoptee()
    a.soumettre_au_vote(ANIMATEUR_18.compte_id, s.id, 18, d, T0)
    if statut == "adopte":
        return _fige(a)
    a.transmettre(ANIMATEUR_18.compte_id, 2, T0)
    if statut == "repondu":
        a.repondre(AGENT_VILLE.compte_id, Role.AGENT_VILLE, "Notre réponse", [], T0)
    if statut == "partenaires_informes":
        a.informer_partenaires(AGENT_ETAT.compte_id, "Partenaires informés", T0)
    return _fige(a)


# The lifecycle of a budget participatif proposal, one step after the other.
ETAPES_BP: tuple[tuple[StatutProposition, dict[str, Any]], ...] = (
    (StatutProposition.RECEVABLE, {}),
    (StatutProposition.ETUDIEE, {"cout_reestime": 20_000}),
    (StatutProposition.SOUMISE_AU_VOTE, {}),
    (StatutProposition.LAUREATE, {"voix": 120}),
    (StatutProposition.EN_REALISATION, {}),
)


def proposition(etapes: int = 0, commentaires: int = 0, portee: bool = False) -> Monde:
    p = PropositionBP.deposer(
        18, Depot("Un jardin partagé", "Au pied des immeubles", "hors_qpv", "", "environnement",
        15_000), ENVELOPPE, PARTICIPANT.compte_id, T0, UUID(int=0xBB),
        au_nom_du_conseil=DecisionDuConseil(UUID(int=0x5E), 1) if portee else None,
    )  # fmt: skip
    for i in range(commentaires):
        p.commenter(AUTRE_PARTICIPANT.compte_id, f"Commentaire {i}", T0)
    for statut, details in ETAPES_BP[:etapes]:
        p.faire_avancer(statut, AGENT_VILLE.compte_id, T0, ENVELOPPE, **details)
    return _fige(p)


def autre_proposition(arrondissement: int = 18) -> PropositionBP:
    p = PropositionBP.deposer(
        arrondissement, Depot("Une fresque", "Sur le mur du gymnase", "hors_qpv", "", "culture",
        8_000), ENVELOPPE, AUTRE_PARTICIPANT.compte_id, T0,
    )  # fmt: skip
    p.collect_events()
    return p


ROLES = (Role.AGENT_VILLE, Role.AGENT_ETAT, Role.ANIMATEUR, Role.ADMIN, Role.PARTICIPANT, None)
