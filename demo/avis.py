"""Demo avis: in each council, one avis per scenario, so that every state of the lifecycle is
on screen at the demo's end (some overdue), with the séances that voted on them."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from demo.monde import Conseil, Planifier, Simulation
from demo.textes import AVIS, reponse_avis, texte_avis
from domaine.comptes import Acteur
from domaine.quartiers import geographie_au
from domaine.temps import jour_a_paris

if TYPE_CHECKING:
    from lancement.plateforme import Plateforme


@dataclass(frozen=True)
class Scenario:
    """Steps of one avis, each `jours` days before the demo's end (None: not reached)."""

    titre: str
    destinataire: str
    redige: int  # days before the end; for a saisine, when it is asked
    origine: str = "auto_saisine"
    rejete_d_abord: bool = False
    adopte: int | None = None
    transmis: int | None = None
    accuse: int | None = None
    repondu: tuple[int, ...] = ()
    clos: int | None = None
    retire: int | None = None
    diagnostic: int | None = None
    institution: str = ""
    echeance_saisine: int = 0  # days after the end, for a saisine; negative: overdue


SCENARIOS = [
    Scenario("Propreté des rues commerçantes", "ville", 12),
    Scenario("Horaires de la bibliothèque", "ville", 60, rejete_d_abord=True, adopte=None),
    Scenario("Sécurité aux abords du collège", "mairie_arrondissement", 70, adopte=40),
    Scenario("Jardin partagé de la cité", "bailleur_social", 200, retire=150,
             institution="Paris Habitat"),
    Scenario("Rénovation des halls d'immeubles", "bailleur_social", 120, adopte=90, transmis=20,
             institution="Paris Habitat"),
    Scenario("Éclairage public du square", "ville", 220, adopte=190, transmis=130),
    Scenario("Permanences d'accès aux droits", "etat", 250, adopte=220, transmis=160, accuse=150),
    Scenario("Pistes cyclables et mobilités douces", "ville", 330, adopte=300, transmis=280,
             repondu=(240,)),
    Scenario("Accès au sport pour les jeunes", "ville", 400, rejete_d_abord=True, adopte=360,
             transmis=350, accuse=340, repondu=(300, 250), clos=240),
    Scenario("Trafic de stupéfiants au pied des immeubles", "etat", 300, origine="interpellation",
             adopte=280, transmis=270, accuse=260, repondu=(230,), diagnostic=150, clos=90),
    Scenario("Occupation des halls et des caves", "etat", 200, origine="interpellation",
             adopte=180, transmis=170, repondu=(120,), diagnostic=60),
    Scenario("Immeuble privé dégradé en copropriété", "etat", 110, origine="interpellation",
             adopte=100, transmis=90, repondu=(40,)),
    Scenario("Renouvellement urbain du quartier", "", 40, origine="saisine",
             echeance_saisine=25),
    Scenario("Projet de maison de santé", "", 120, origine="saisine", echeance_saisine=-30),
]  # fmt: skip


def planifier_avis(
    demo: Simulation,
    conseil: Conseil,
    agent_ville: Acteur,
    agent_etat: Acteur,
    plus_tard: Planifier,
) -> None:
    for numero, scenario in enumerate(SCENARIOS):
        _scenario(demo, conseil, agent_ville, agent_etat, plus_tard, scenario, numero)


def _scenario(
    demo: Simulation,
    conseil: Conseil,
    agent_ville: Acteur,
    agent_etat: Acteur,
    plus_tard: Planifier,
    s: Scenario,
    numero: int,
) -> None:
    p, fin, a = demo.p, demo.fin, conseil.arrondissement
    animateur = conseil.animateur
    ids: list[UUID] = []
    repondant = (
        agent_etat if s.destinataire == "etat" or s.origine == "interpellation" else (agent_ville)
    )
    if s.origine == "saisine":
        repondant = agent_etat if numero % 2 else agent_ville

    def jour(avant_la_fin: int, heure: int = 10) -> datetime:
        instant = fin - timedelta(days=avant_la_fin) + timedelta(hours=heure, minutes=numero)
        return max(instant, demo.debut + timedelta(days=1, minutes=numero))

    mots = AVIS[s.titre]

    def texte(retravaille: bool = False) -> str:
        quartiers = [q.nom for q in geographie_au(jour_a_paris(demo.horloge())).quartiers_de(a)]
        quartier = demo.textes.choice(quartiers) if quartiers else "l'arrondissement"
        return texte_avis(s.titre, a, quartier, demo.textes, retravaille)

    def rediger() -> None:
        auteur = _membre(demo, conseil)
        if auteur is None:
            return
        avis_id, _ = p.avis.rediger(
            auteur, a, s.origine, s.titre, texte(), s.destinataire, s.institution, s.titre, "axe_2"
        )
        ids.append(avis_id)

    def saisir() -> None:
        demande = jour_a_paris(demo.horloge())
        echeance = jour_a_paris(fin + timedelta(days=s.echeance_saisine))
        avis_id, _ = p.avis.saisir(
            repondant, a, s.titre, mots.question or "Quel est l'avis du conseil citoyen ?",
            demande, max(echeance, demande + timedelta(days=1)), "Urbanisme", "axe_2",
        )  # fmt: skip
        ids.append(avis_id)

    def premier_jet() -> None:
        auteur = _membre(demo, conseil)
        if ids and auteur is not None:
            p.avis.amender(auteur, ids[0], None, f"Avis du conseil citoyen : {s.titre}", texte())

    def voter(avant_la_fin: int, adopte: bool) -> None:
        """A séance an hour later votes on the current version; a rejected one is reworked."""
        seances: list[UUID] = []

        def planifier() -> None:
            if ids:
                seance_id, _ = p.seances.planifier(
                    animateur, a, demo.horloge() + timedelta(hours=1), "Salle de la mairie",
                    f"1. Examen de l'avis « {s.titre} »\n2. Vote de l'avis\n3. Questions diverses",
                )  # fmt: skip
                seances.append(seance_id)

        def decider() -> None:
            if not seances:
                return
            presents = [m for m in sorted(conseil.membres) if demo.alea.random() < 0.4]
            for personne_id in presents:
                p.seances.changer_presence(animateur, seances[0], personne_id, True)
            p.seances.compter_anonymes(animateur, seances[0], None, demo.alea.randint(0, 8))
            pour, contre = (18, 4) if adopte else (5, 14)
            p.seances.enregistrer_decision(
                animateur, seances[0], f"Adoption de l'avis « {s.titre} »", pour, contre, 2
            )
            p.avis.soumettre_au_vote(animateur, ids[0], seances[0], 1)
            if not adopte:
                p.avis.amender(animateur, ids[0], None, s.titre, texte(retravaille=True))

        plus_tard(jour(avant_la_fin), planifier)
        plus_tard(jour(avant_la_fin) + timedelta(hours=3), decider)

    def si_cree(action: Callable[[UUID], object]) -> Callable[[], None]:
        """The step, if the avis exists (its author may have been missing)."""

        def agir() -> None:
            if ids:
                action(ids[0])

        return agir

    if s.origine == "saisine":
        plus_tard(jour(s.redige), saisir)
        if s.echeance_saisine > 0:
            plus_tard(jour(s.redige - 10), premier_jet)
        return
    plus_tard(jour(s.redige), rediger)
    if s.rejete_d_abord:
        voter(s.redige - 5, adopte=False)
    if s.adopte is not None:
        voter(s.adopte, adopte=True)
    if s.transmis is not None:
        plus_tard(jour(s.transmis), si_cree(lambda i: p.avis.transmettre(animateur, i, None)))
    if s.accuse is not None:
        plus_tard(jour(s.accuse), si_cree(lambda i: p.avis.accuser_reception(repondant, i)))
    for k, j in enumerate(s.repondu):
        reponse = reponse_avis(s.titre, k, s.destinataire)
        plus_tard(jour(j), si_cree(_reponse(p, repondant, reponse, s.origine, k)))
    if s.diagnostic is not None:
        plus_tard(
            jour(s.diagnostic),
            si_cree(
                lambda i: p.avis.presenter_diagnostic(
                    repondant, i, None, jour_a_paris(jour(s.diagnostic + 3)),  # type: ignore[operator]
                    mots.diagnostic or "Diagnostic partagé avec la police, le bailleur et la mairie.",
                )
            ),
        )  # fmt: skip
    if s.clos is not None:
        plus_tard(jour(s.clos), si_cree(lambda i: p.avis.clore(animateur, i, None, "")))
    if s.retire is not None:
        plus_tard(
            jour(s.retire),
            si_cree(lambda i: p.avis.retirer(animateur, i, None, mots.retrait or "Sujet repris.")),
        )


def _reponse(
    p: "Plateforme", repondant: Acteur, texte: str, origine: str, rang: int
) -> Callable[[UUID], object]:
    """The préfet's first follow-up of an interpellation informs the partners; else an answer."""

    def agir(avis_id: UUID) -> object:
        if origine == "interpellation" and rang == 0:
            return p.avis.informer_partenaires(repondant, avis_id, None, texte)
        lien = ["https://www.paris.fr/politique-de-la-ville"]
        return p.avis.repondre(repondant, avis_id, None, texte, lien)

    return agir


def _membre(demo: Simulation, conseil: Conseil) -> Acteur | None:
    """A current member of the assembly, drawn with the demo's seeded generator."""
    if not conseil.membres:
        return None
    return conseil.membres[demo.alea.choice(sorted(conseil.membres))]


def rappels_hebdomadaires(demo: Simulation, plus_tard: Planifier) -> None:
    """What the daily job would have recorded: reminders, checked once a week."""
    instant = demo.debut + timedelta(days=7, hours=5)
    while instant < demo.fin:
        plus_tard(instant, demo.p.echeances.verifier)
        instant += timedelta(days=7)
