"""The facts an annual report counts, one or more per domain event, with the event's date.

The same function feeds both ways of producing a report: the `lecture_faits` read model (fast,
indexed by date) and a replay of the raw event log (for trust). Both then fold the same facts
with the same code, so their reports are byte-identical by construction.
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, NamedTuple

from domaine.assemblee import Adhesion
from domaine.avis import Avis
from domaine.budget import PropositionBP
from domaine.conseils import ConseilCitoyen
from domaine.geographie import ReferentielGeographique
from domaine.groupe_moteur import GroupeMoteur
from domaine.instances import Delegation, Instance
from domaine.moyens import MoyensDuConseil
from domaine.seances import Seance
from domaine.tirages import Tirage


class Fait(NamedTuple):
    """`sujet` is the aggregate the fact is about; `arrondissement` is known (non-zero) on the
    facts that create a subject, later ones refer to it by `sujet`.

    A named tuple rather than a frozen dataclass: a report reads tens of thousands of facts
    and a tuple is built several times faster."""

    position: int
    le: datetime
    nature: str
    sujet: str
    arrondissement: int = 0
    personne: str = ""
    a: str = ""
    b: str = ""
    c: str = ""
    d: str = ""
    n: int | None = None
    n2: int | None = None
    quand: datetime | None = None
    jour: date | None = None


Fabrique = Callable[[int, Any], list[Fait]]


def faits_de(position: int, e: Any) -> list[Fait]:
    """The report's facts for one event; most events carry none."""
    fabrique = _FABRIQUES.get(type(e))
    if fabrique is None:
        return []
    return fabrique(position, e)


def _base(position: int, e: Any, nature: str, **champs: Any) -> Fait:
    return Fait(position, e.timestamp, nature, str(e.originator_id), **champs)


def _adhesion_entree(p: int, e: Any) -> list[Fait]:
    return [
        _base(
            p,
            e,
            "adhesion_entree",
            arrondissement=e.arrondissement,
            personne=str(e.personne_id),
            a=e.college,
            b=e.genre,
            c=e.tranche_age,
            d=e.quartier,
        )
    ]


def _adhesion_retour(p: int, e: Any) -> list[Fait]:
    return [_base(p, e, "adhesion_entree", a=e.college, b=e.genre, c=e.tranche_age, d=e.quartier)]


def _un(nature: str, **extraire: str) -> Fabrique:
    """A fact of `nature` whose fields are copied from the event's attributes."""

    def fabrique(p: int, e: Any) -> list[Fait]:
        champs = {c: _texte(c, getattr(e, attr)) for c, attr in extraire.items()}
        return [_base(p, e, nature, **champs)]

    return fabrique


def _texte(champ: str, valeur: Any) -> Any:
    """Text columns hold text (ids included); numbers and dates stay as they are."""
    return str(valeur) if champ in ("personne", "a", "b", "c", "d") else valeur


def _seance_planifiee(p: int, e: Any) -> list[Fait]:
    return [_base(p, e, "seance_planifiee", arrondissement=e.arrondissement, quand=e.date)]


def _presence_a_distance(p: int, e: Any) -> list[Fait]:
    """Attendance all the same (the report counts everyone present); `a` keeps that it was
    remote, for whoever reads the facts."""
    return [_base(p, e, "presence", personne=str(e.personne_id), a="distance")]


def _decision(p: int, e: Any) -> list[Fait]:
    return [_base(p, e, "decision", n=e.numero, a="adoptee" if e.adoptee else "rejetee")]


def _gm_constitue(p: int, e: Any) -> list[Fait]:
    return [
        _base(
            p, e, "gm_objectifs", arrondissement=e.arrondissement, n=e.taille, n2=e.part_habitants
        )
    ]


def _gm_entree(p: int, e: Any) -> list[Fait]:
    return [_base(p, e, "gm_entree", a=e.membre_id, b=e.college, c=e.genre, d=e.voie, personne="")]


def _gm_consensus(p: int, e: Any) -> list[Fait]:
    return [
        _base(p, e, "gm_entree", a=m["membre_id"], b="acteur_local", c=m["genre"], d="consensus")
        for m in e.membres
    ]


def _tirage_annonce(p: int, e: Any) -> list[Fait]:
    if getattr(e, "objet", ""):
        return []  # a tirage of delegates: its mandates are the facts (`_mandats`)
    return [_base(p, e, "tirage_annonce", arrondissement=e.arrondissement)]


def _avis_cree(p: int, e: Any) -> list[Fait]:
    origine = getattr(e, "origine", "saisine")
    return [_base(p, e, "avis_cree", arrondissement=e.arrondissement, a=origine, b=e.destinataire)]


def _avis_vote(p: int, e: Any) -> list[Fait]:
    return [_base(p, e, "avis_adopte")] if e.adopte else []


def _bp_deposee(p: int, e: Any) -> list[Fait]:
    return [
        _base(
            p,
            e,
            "bp_deposee",
            arrondissement=e.arrondissement,
            a=e.quartier,
            b=e.theme,
            c="conseil" if e.seance_id is not None else "",
            n=e.cout_estime,
        )
    ]


def _bp_statut(statut: str, voix: bool = False, cout: bool = False) -> Fabrique:
    def fabrique(p: int, e: Any) -> list[Fait]:
        return [
            _base(
                p,
                e,
                "bp_statut",
                a=statut,
                n=e.voix if voix else None,
                n2=e.cout_reestime if cout else None,
            )
        ]

    return fabrique


def _conseil(nature: str) -> Fabrique:
    def fabrique(p: int, e: Any) -> list[Fait]:
        if nature == "bilan":
            return [_base(p, e, "bilan", a=e.institution, n=e.annee, jour=e.presente_le)]
        return [_base(p, e, "copil", a=e.comite, n=e.representants, jour=e.tenu_le)]

    return fabrique


def _geographie_adoptee(p: int, e: Any) -> list[Fait]:
    """One fact per QPV of the list: the fold then knows which codes are in force on a day."""
    return [_base(p, e, "qpv_en_vigueur", a=q["code"], jour=e.debut) for q in e.quartiers]


def _conseil_institue(p: int, e: Any) -> list[Fait]:
    return [_base(p, e, "conseil", arrondissement=e.arrondissement)]


def _moyens_ouverts(p: int, e: Any) -> list[Fait]:
    return [_base(p, e, "moyens_ouverts", arrondissement=e.arrondissement)]


def _iso(jour: date | None) -> str:
    return "" if jour is None else jour.isoformat()


def _salle(p: int, e: Any) -> list[Fait]:
    champs = {"a": str(e.entree), "b": _iso(e.fin), "c": e.recurrence, "d": e.nom}
    return [
        _base(p, e, "moyen_salle", n=0 if e.institution == "ville" else 1, jour=e.debut, **champs)
    ]


def _engagement(p: int, e: Any) -> list[Fait]:
    champs = {"a": str(e.entree), "b": e.institution, "c": e.objet, "n": e.annee, "n2": e.valeur}
    return [_base(p, e, "moyen_engagement", **champs)]


def _budget_moyens(p: int, e: Any) -> list[Fait]:
    champs = {"a": str(e.entree), "b": e.institution, "c": e.nature, "n": e.annee, "n2": e.euros}
    return [_base(p, e, "moyen_budget", **champs)]


def _accompagnement(p: int, e: Any) -> list[Fait]:
    champs = {"a": str(e.entree), "b": _iso(e.fin), "c": e.nature, "d": e.institution}
    return [
        _base(p, e, "moyen_accompagnement", n=e.etp_centiemes, n2=e.heures, jour=e.debut, **champs)
    ]


def _formation(p: int, e: Any) -> list[Fait]:
    """The theme and the organisation, both at most 80 characters (the columns' size)."""
    champs = {"a": str(e.entree), "b": e.institution, "c": e.theme, "d": e.organisme}
    return [_base(p, e, "moyen_formation", jour=e.le, **champs)]


COMPTES_DE_PARTICIPATION = {
    "par_college.habitant": "habitants",
    "par_college.acteur_local": "acteurs_locaux",
    "par_genre.femme": "femmes",
    "par_genre.homme": "hommes",
    "par_genre.autre": "autres",
    "par_genre.ne_se_prononce_pas": "non_precise",
}


def _participations(p: int, e: Any) -> list[Fait]:
    """One fact per count, then one per pseudonymous person (as attendance at a séance)."""
    entree, formation = str(e.entree), str(e.formation)
    faits = [
        _base(p, e, "moyen_participation", a=entree, b=formation, c=cle, n=getattr(e, attr))
        for cle, attr in COMPTES_DE_PARTICIPATION.items()
    ]
    faits += [
        _base(p, e, "moyen_participation", a=entree, b=formation, c="personne", personne=personne)
        for personne in e.personnes
    ]
    return faits


def _instance(p: int, e: Any) -> list[Fait]:
    """A body: `n` its arrondissement (0: Paris-wide), `a` its kind, `c` its public name."""
    return [_base(p, e, "instance", a=e.nature, c=e.nom, n=e.arrondissement)]


def _reunion(p: int, e: Any) -> list[Fait]:
    return [_base(p, e, "instance_reunion", a=e.reunion_id, jour=e.tenue_le)]


def _presences(p: int, e: Any) -> list[Fait]:
    """`n`: the council; `n2`: how many of its delegates attended (0: it was not there)."""
    return [
        _base(p, e, "instance_presences", a=e.reunion_id, n=e.arrondissement, n2=len(e.mandats))
    ]


def _compte_rendu(p: int, e: Any) -> list[Fait]:
    return [_base(p, e, "compte_rendu", a=e.reunion_id, b=e.compte_rendu_id, n=e.arrondissement)]


def _compte_rendu_presente(p: int, e: Any) -> list[Fait]:
    return [_base(p, e, "compte_rendu_presente", b=e.compte_rendu_id, jour=e.presente_le)]


def _delegation(p: int, e: Any) -> list[Fait]:
    return [_base(p, e, "delegation", arrondissement=e.arrondissement)]


def _mandats(p: int, e: Any) -> list[Fait]:
    """One fact per designation: `b` how (decision, tirage), `n` titulaires, `n2` suppléant·es,
    `a` the body, `jour` the mandates' start."""
    roles = [m["role"] for m in e.mandats]
    return [
        _base(
            p,
            e,
            "mandats",
            a=e.instance_id,
            b=e.voie,
            n=roles.count("titulaire"),
            n2=roles.count("suppleant"),
            jour=e.debut,
        )
    ]


_FABRIQUES: dict[type, Fabrique] = {
    ConseilCitoyen.Institue: _conseil_institue,
    ConseilCitoyen.BilanAnnuelPresente: _conseil("bilan"),
    ConseilCitoyen.RepresentationCopil: _conseil("copil"),
    Adhesion.Entree: _adhesion_entree,
    Adhesion.Retour: _adhesion_retour,
    Adhesion.Sortie: _un("adhesion_sortie"),
    Adhesion.QuartierRedeclare: _un("quartier_redeclare", d="quartier"),
    ReferentielGeographique.GeographieAdoptee: _geographie_adoptee,
    Seance.Planifiee: _seance_planifiee,
    Seance.EnregistreeApresCoup: _seance_planifiee,  # held on its `date`, recorded later
    Seance.Reprogrammee: _un("seance_reprogrammee", quand="date"),
    Seance.Annulee: _un("seance_annulee"),
    Seance.PresenceEnregistree: _un("presence", personne="personne_id"),
    Seance.PresenceRetiree: _un("presence_retiree", personne="personne_id"),
    Seance.PresenceADistanceDeclaree: _presence_a_distance,
    Seance.ParticipantsAnonymesComptes: _un("anonymes", n="nombre"),
    Seance.DecisionEnregistree: _decision,
    GroupeMoteur.Constitue: _gm_constitue,
    GroupeMoteur.ObjectifsFixes: _un("gm_objectifs", n="taille", n2="part_habitants"),
    GroupeMoteur.MembreEntre: _gm_entree,
    GroupeMoteur.DesignationConsensuelle: _gm_consensus,
    GroupeMoteur.MembreSorti: _un("gm_sortie", a="membre_id", b="motif"),
    Tirage.Annonce: _tirage_annonce,
    Tirage.Effectue: _un("tirage_effectue"),
    Tirage.SuppleantAppele: _un("suppleant_appele", a="membre_id"),
    Avis.Saisi: _avis_cree,
    Avis.Redige: _avis_cree,
    Avis.SoumisAuVote: _avis_vote,
    Avis.Transmis: _un("avis_transmis", jour="echeance_reponse"),
    Avis.Repondu: _un("avis_repondu"),
    Avis.PartenairesInformes: _un("avis_repondu"),
    Avis.Clos: _un("avis_clos"),
    Avis.Retire: _un("avis_retire"),
    PropositionBP.Deposee: _bp_deposee,
    PropositionBP.PorteeParLeConseil: _un("bp_portee"),
    PropositionBP.DeclareeRecevable: _bp_statut("recevable"),
    PropositionBP.DeclareeIrrecevable: _bp_statut("irrecevable"),
    PropositionBP.Etudiee: _bp_statut("etudiee", cout=True),
    PropositionBP.SoumiseAuVote: _bp_statut("soumise_au_vote"),
    PropositionBP.DeclareeLaureate: _bp_statut("laureate", voix=True),
    PropositionBP.NonRetenue: _bp_statut("non_retenue", voix=True),
    PropositionBP.RealisationLancee: _bp_statut("en_realisation"),
    PropositionBP.Realisee: _bp_statut("realisee"),
    PropositionBP.Abandonnee: _bp_statut("abandonnee"),
    PropositionBP.Fusionnee: _bp_statut("fusionnee"),
    MoyensDuConseil.Ouverts: _moyens_ouverts,
    MoyensDuConseil.SalleEnregistree: _salle,
    MoyensDuConseil.EngagementEnregistre: _engagement,
    MoyensDuConseil.BudgetEnregistre: _budget_moyens,
    MoyensDuConseil.AccompagnementEnregistre: _accompagnement,
    MoyensDuConseil.FormationProposee: _formation,
    MoyensDuConseil.ParticipationsEnregistrees: _participations,
    MoyensDuConseil.EntreeAnnulee: _un("moyen_annule", a="entree"),
    Instance.Creee: _instance,
    Instance.ReunionEnregistree: _reunion,
    Instance.PresencesEnregistrees: _presences,
    Instance.CompteRenduRedige: _compte_rendu,
    Instance.CompteRenduPresente: _compte_rendu_presente,
    Delegation.Ouverte: _delegation,
    Delegation.MandatsDesignes: _mandats,
    Delegation.MandatTermine: _un("mandat_termine", jour="termine_le"),
}

TYPES_D_EVENEMENTS = tuple(_FABRIQUES)
"""The event types that give facts (the read model listens to these)."""
