"""The annual interaction report, folded from facts: pure, deterministic, "as of" 31 December.

Only facts dated before the end of the year count, so a report for a past year computed today
equals the one computed on 31 December. Each figure's definition is in `definitions.py`.
"""

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from domaine.quartiers import GEOGRAPHIE_2015_2023, HORS_QPV
from domaine.temps import debut_de_l_annee, jour_a_paris
from langues import N_
from rapports.faits import Fait

SCHEMA = "participation-rapport-annuel/1"
SEUIL_PAR_DEFAUT = 5
NATURES_DE_SEANCE = frozenset({"presence", "presence_retiree", "anonymes", "decision"})
NATURES_SANS_ACTIVITE = frozenset({"conseil", "qpv_en_vigueur"})
"""Facts that set the scene (a council instituted, a geography adopted), not activity."""
A_METTRE_A_JOUR = "a_mettre_a_jour"
"""Residence of a member whose declared QPV is no longer in the list in force."""
PRESENCES = ("presence", "presence_retiree")

COMITES_DE_PILOTAGE = frozenset({"copil_parisien", "copil_arrondissement"})
"""The kinds of bodies whose meetings are also the report's steering committees."""

PREMIERE_ANNEE = 2015
"""The first year a report can cover: that of the Contrat de Ville 2015-2020."""

MESSAGE_SANS_ACTIVITE = N_("Aucune activité enregistrée en %(annee)s pour ce périmètre.")
"""The message of a report with no activity: in French in the JSON, translated where shown."""


def bornes(annee: int) -> tuple[datetime, datetime]:
    """[1 January 00:00, next 1 January 00:00) in Paris time, as UTC instants."""
    return debut_de_l_annee(annee), debut_de_l_annee(annee + 1)


@dataclass
class AdhesionSuivie:
    """A membership of an open assembly, as the fold tracks it."""

    arrondissement: int
    personne: str
    profil: tuple[str, str, str, str] = ("", "", "", "")
    membre: bool = False


@dataclass
class SeanceSuivie:
    """A séance, as the fold tracks it."""

    arrondissement: int
    quand: datetime
    annulee: bool = False
    presents: set[str] = field(default_factory=set)
    anonymes: int = 0
    decisions: dict[int, str] = field(default_factory=dict)


@dataclass
class GroupeSuivi:
    """A groupe moteur and its vacancies, as the fold tracks it."""

    arrondissement: int
    taille: int = 0
    part_habitants: int = 0
    membres: dict[str, tuple[str, str]] = field(default_factory=dict)
    entrees: int = 0
    sorties: int = 0
    vacance_debut: datetime | None = None  # since when at least one seat is vacant (in Y)
    jours_place: float = 0.0  # seat-days vacant during Y
    plus_longue: float = 0.0
    dernier: datetime | None = None  # last instant the vacancy integral was brought to


@dataclass
class AvisSuivi:
    """An avis, as the fold tracks it."""

    arrondissement: int
    origine: str
    destinataire: str
    cree_le: datetime
    transmis_le: datetime | None = None
    echeance: date | None = None
    repondu_le: datetime | None = None
    ferme: bool = False


@dataclass
class PropositionSuivie:
    """A budget participatif proposal, as the fold tracks it."""

    arrondissement: int
    quartier: str
    cout: int
    deposee_le: datetime
    statut: str = "deposee"
    portee: bool = False
    laureate_le: datetime | None = None


@dataclass
class MoyenSuivi:
    """A record of a council's means (room, commitment, budget, support staff, training, or a
    training's attendance), as the fold tracks it; the fact's fields, by kind (see
    `rapports.faits`)."""

    arrondissement: int
    nature: str
    b: str = ""
    c: str = ""
    d: str = ""
    n: int | None = None
    n2: int | None = None
    jour: date | None = None
    comptes: dict[str, int] = field(default_factory=dict)
    personnes: list[str] = field(default_factory=list)


@dataclass
class InstanceSuivie:
    """A body of the contrat de ville and its meetings, as the fold tracks it: `reunions`,
    meeting id -> (its day, delegates present per council)."""

    arrondissement: int  # 0: Paris-wide
    nature: str
    nom: str
    reunions: dict[str, tuple[date, dict[int, int]]] = field(default_factory=dict)


@dataclass
class EtatSuivi:
    """Everything the fold tracks, per subject; figures per council are read from it. Its state
    on 1 January is stored and read back by `projections.ouvertures`."""

    annee: int
    debut: datetime
    fin: datetime
    tenue_avant: datetime  # a séance counts as held once its date has passed
    conseils: dict[str, int] = field(default_factory=dict)  # council id -> arrondissement
    adhesions: dict[str, AdhesionSuivie] = field(default_factory=dict)
    au_1er_janvier: dict[int, list[tuple[str, str, str, str]]] | None = None
    entrees: dict[int, list[tuple[str, str, str, str]]] = field(default_factory=dict)
    sorties: dict[int, list[tuple[str, str, str, str]]] = field(default_factory=dict)
    seances: dict[str, SeanceSuivie] = field(default_factory=dict)
    groupes: dict[str, GroupeSuivi] = field(default_factory=dict)
    tirages: dict[str, int] = field(default_factory=dict)
    tirages_tenus: dict[int, list[dict[str, str]]] = field(default_factory=dict)
    remplacements: Counter[int] = field(default_factory=Counter)
    avis: dict[str, AvisSuivi] = field(default_factory=dict)
    propositions: dict[str, PropositionSuivie] = field(default_factory=dict)
    bilans: dict[int, dict[str, str]] = field(default_factory=dict)
    copils: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    qpv_adoptes: dict[str, list[str]] = field(default_factory=dict)  # ISO start day -> codes
    moyens: dict[str, MoyenSuivi] = field(default_factory=dict)  # entry id -> record in force
    instances: dict[str, InstanceSuivie] = field(default_factory=dict)
    reunions: dict[str, str] = field(default_factory=dict)  # meeting id -> body id
    comptes_rendus: dict[str, int] = field(default_factory=dict)  # report back -> council
    delegations: dict[str, int] = field(default_factory=dict)  # delegation id -> council
    # The year's own counts, per council:
    comptes_rendus_rediges: Counter[int] = field(default_factory=Counter)
    comptes_rendus_presentes: Counter[int] = field(default_factory=Counter)
    mandats_designes: dict[int, Counter[str]] = field(default_factory=dict)
    mandats_termines: Counter[int] = field(default_factory=Counter)
    faits: int = 0
    # Read once the fold is done, for every council's figures:
    au_31_decembre: dict[int, list[tuple[str, str, str, str]]] = field(default_factory=dict)
    profils: dict[tuple[int, str], tuple[str, str, str, str]] = field(default_factory=dict)


def ouverture(faits: Iterable[Fait], annee: int) -> EtatSuivi:
    """The fold's state on 1 January of `annee`, from the facts dated before it: a report
    can start from it and read only the year's own facts (`rapport_annuel(depart=...)`)."""
    debut, fin = bornes(annee)
    etat = EtatSuivi(annee, debut, fin, fin)
    for fait in faits:
        if fait.le >= debut:
            raise ValueError(f"fact {fait.position} is dated in or after {annee}")
        _appliquer(etat, fait)
    return etat


def rapport_annuel(
    faits: Iterable[Fait],
    annee: int,
    arrondissements: tuple[int, ...],
    seuil: int = SEUIL_PAR_DEFAUT,
    maintenant: datetime | None = None,
    depart: EtatSuivi | None = None,
    presences: Iterable[tuple[str, str, str]] = (),
) -> dict[str, Any]:
    """The report of year `annee` for these councils (and Paris as a whole when all eight).
    For the year in progress, `maintenant` dates the partial report. From `depart` (the
    `ouverture` of that year), `faits` are only those dated in the year.

    `presences` may carry the year's attendance apart, as (nature, séance, person) in event
    order, when `faits` leaves it out: most facts of a year are attendance, and it only
    changes who was present at each séance, so applying it after the other facts gives the
    same report for less work."""
    debut, fin = bornes(annee)
    etat = depart or EtatSuivi(annee, debut, fin, fin)
    if etat.annee != annee or etat.au_1er_janvier is not None:
        raise ValueError(f"the starting state is not the opening of {annee}")
    etat.tenue_avant = min(fin, maintenant or fin)
    if depart is not None:
        etat.au_1er_janvier = _membres_actuels(etat)
    for fait in faits:
        if fait.le >= fin:
            continue  # after the year: "as of" 31 December
        if (
            etat.au_1er_janvier is None
            and fait.le >= debut
            and fait.nature not in NATURES_SANS_ACTIVITE
        ):  # a council instituted late (its event is first in the log) changes no membership
            etat.au_1er_janvier = _membres_actuels(etat)
        _appliquer(etat, fait)
    if etat.au_1er_janvier is None:
        etat.au_1er_janvier = _membres_actuels(etat)
    for nature, seance, personne in presences:
        etat.faits += 1
        if nature == "presence":
            etat.seances[seance].presents.add(personne)
        else:
            etat.seances[seance].presents.discard(personne)
    for groupe in etat.groupes.values():
        _integrer_vacance(groupe, fin, etat)
    etat.au_31_decembre = _membres_actuels(etat)
    etat.profils = {(a.arrondissement, a.personne): a.profil for a in etat.adhesions.values()}
    conseils = [_conseil(etat, a, seuil) for a in arrondissements]
    rapport: dict[str, Any] = {
        "schema": SCHEMA,
        "annee": annee,
        "au": jour(min(fin - timedelta(microseconds=1), maintenant or fin)).isoformat(),
        "partiel": maintenant is not None and maintenant < fin,
        "seuil_petits_effectifs": seuil,
        "vide": etat.faits == 0,
        "conseils": conseils,
    }
    if etat.faits == 0:
        rapport["message"] = MESSAGE_SANS_ACTIVITE % {"annee": annee}  # French: the JSON's
    if len(arrondissements) > 1:
        rapport["paris"] = _conseil(etat, None, seuil, arrondissements)
    return rapport


# --- the fold ----------------------------------------------------------------------------------


def _appliquer(etat: EtatSuivi, f: Fait) -> None:
    dans_l_annee = f.le >= etat.debut
    if f.nature in NATURES_DE_SEANCE and not dans_l_annee:
        return  # attendance and decisions of séances before the year
    if dans_l_annee and f.nature not in NATURES_SANS_ACTIVITE:
        etat.faits += 1
    traiter = _TRAITEMENTS.get(f.nature)
    if traiter is not None:
        traiter(etat, f, dans_l_annee)


def _conseil_institue(etat: EtatSuivi, f: Fait, _: bool) -> None:
    etat.conseils[f.sujet] = f.arrondissement


def _adhesion_entree(etat: EtatSuivi, f: Fait, dans_l_annee: bool) -> None:
    adhesion = etat.adhesions.get(f.sujet)
    if adhesion is None:
        adhesion = etat.adhesions[f.sujet] = AdhesionSuivie(f.arrondissement, f.personne)
    adhesion.profil = (f.a, f.b, f.c, f.d)
    adhesion.membre = True
    if dans_l_annee:
        etat.entrees.setdefault(adhesion.arrondissement, []).append(adhesion.profil)


def _adhesion_sortie(etat: EtatSuivi, f: Fait, dans_l_annee: bool) -> None:
    adhesion = etat.adhesions[f.sujet]
    adhesion.membre = False
    if dans_l_annee:
        etat.sorties.setdefault(adhesion.arrondissement, []).append(adhesion.profil)


def _quartier_redeclare(etat: EtatSuivi, f: Fait, _: bool) -> None:
    adhesion = etat.adhesions[f.sujet]
    adhesion.profil = (*adhesion.profil[:3], f.d)


def _qpv_en_vigueur(etat: EtatSuivi, f: Fait, _: bool) -> None:
    assert f.jour is not None
    etat.qpv_adoptes.setdefault(f.jour.isoformat(), []).append(f.a)


def codes_en_vigueur(etat: EtatSuivi, jour: date) -> frozenset[str]:
    """The QPV codes in force on `jour` as the facts folded so far know them: the latest list
    adopted from that day or before, else the founding one. A list recorded after the year
    does not change its report."""
    debuts = [d for d in etat.qpv_adoptes if d <= jour.isoformat()]
    if not debuts:
        return frozenset(q.code for q in GEOGRAPHIE_2015_2023.quartiers)
    return frozenset(etat.qpv_adoptes[max(debuts)])


def _membres_actuels(etat: EtatSuivi) -> dict[int, list[tuple[str, str, str, str]]]:
    resultat: dict[int, list[tuple[str, str, str, str]]] = {}
    for adhesion in etat.adhesions.values():
        if adhesion.membre:
            resultat.setdefault(adhesion.arrondissement, []).append(adhesion.profil)
    return resultat


def _seance_planifiee(etat: EtatSuivi, f: Fait, _: bool) -> None:
    assert f.quand is not None
    etat.seances[f.sujet] = SeanceSuivie(f.arrondissement, f.quand)


def _seance_reprogrammee(etat: EtatSuivi, f: Fait, _: bool) -> None:
    assert f.quand is not None
    etat.seances[f.sujet].quand = f.quand


def _seance_annulee(etat: EtatSuivi, f: Fait, _: bool) -> None:
    etat.seances[f.sujet].annulee = True


def _presence(etat: EtatSuivi, f: Fait, _: bool) -> None:
    etat.seances[f.sujet].presents.add(f.personne)


def _presence_retiree(etat: EtatSuivi, f: Fait, _: bool) -> None:
    etat.seances[f.sujet].presents.discard(f.personne)


def _anonymes(etat: EtatSuivi, f: Fait, _: bool) -> None:
    etat.seances[f.sujet].anonymes = f.n or 0


def _decision(etat: EtatSuivi, f: Fait, _: bool) -> None:
    etat.seances[f.sujet].decisions[f.n or 0] = f.a


def _gm_objectifs(etat: EtatSuivi, f: Fait, _: bool) -> None:
    groupe = etat.groupes.get(f.sujet)
    if groupe is None:
        groupe = etat.groupes[f.sujet] = GroupeSuivi(f.arrondissement)
    _integrer_vacance(groupe, f.le, etat)
    groupe.taille, groupe.part_habitants = f.n or 0, f.n2 or 0
    _suivre_vacance(groupe, f.le, etat)


def _gm_entree(etat: EtatSuivi, f: Fait, dans_l_annee: bool) -> None:
    groupe = etat.groupes[f.sujet]
    _integrer_vacance(groupe, f.le, etat)
    groupe.membres[f.a] = (f.b, f.c)
    groupe.entrees += dans_l_annee
    _suivre_vacance(groupe, f.le, etat)


def _gm_sortie(etat: EtatSuivi, f: Fait, dans_l_annee: bool) -> None:
    groupe = etat.groupes[f.sujet]
    _integrer_vacance(groupe, f.le, etat)
    groupe.membres.pop(f.a, None)
    groupe.sorties += dans_l_annee
    _suivre_vacance(groupe, f.le, etat)


def _integrer_vacance(groupe: GroupeSuivi, jusqu_a: datetime, etat: EtatSuivi) -> None:
    """Add the vacant seat-days since the last change, counting only what falls in the year."""
    if groupe.dernier is not None:
        debut, fin = max(groupe.dernier, etat.debut), min(jusqu_a, etat.fin)
        if fin > debut:
            libres = max(0, groupe.taille - len(groupe.membres))
            groupe.jours_place += libres * (fin - debut).total_seconds() / 86400
    groupe.dernier = jusqu_a
    if groupe.vacance_debut is not None:
        debut = max(groupe.vacance_debut, etat.debut)
        fin = min(jusqu_a, etat.fin)
        if fin > debut:
            groupe.plus_longue = max(groupe.plus_longue, (fin - debut).total_seconds() / 86400)


def _suivre_vacance(groupe: GroupeSuivi, le: datetime, etat: EtatSuivi) -> None:
    """A vacancy period starts when a seat frees up and ends when the group is full again."""
    vacant = len(groupe.membres) < groupe.taille
    if vacant and groupe.vacance_debut is None:
        groupe.vacance_debut = le
    elif not vacant:
        groupe.vacance_debut = None


def _tirage_annonce(etat: EtatSuivi, f: Fait, _: bool) -> None:
    etat.tirages[f.sujet] = f.arrondissement


def _tirage_effectue(etat: EtatSuivi, f: Fait, dans_l_annee: bool) -> None:
    if dans_l_annee and f.sujet in etat.tirages:  # not a tirage of delegates
        arrondissement = etat.tirages[f.sujet]
        etat.tirages_tenus.setdefault(arrondissement, []).append(
            {
                "tirage_id": f.sujet,
                "effectue_le": jour_a_paris(f.le).isoformat(),
                "lien": f"/tirages/{f.sujet}",
            }
        )


def _suppleant(etat: EtatSuivi, f: Fait, dans_l_annee: bool) -> None:
    if dans_l_annee and f.sujet in etat.tirages:
        etat.remplacements[etat.tirages[f.sujet]] += 1


def _avis_cree(etat: EtatSuivi, f: Fait, _: bool) -> None:
    etat.avis[f.sujet] = AvisSuivi(f.arrondissement, f.a, f.b, f.le)


def _avis_transmis(etat: EtatSuivi, f: Fait, _: bool) -> None:
    avis = etat.avis[f.sujet]
    avis.transmis_le, avis.echeance = f.le, f.jour


def _avis_repondu(etat: EtatSuivi, f: Fait, _: bool) -> None:
    avis = etat.avis[f.sujet]
    avis.repondu_le = avis.repondu_le or f.le


def _avis_ferme(etat: EtatSuivi, f: Fait, _: bool) -> None:
    etat.avis[f.sujet].ferme = True


def _bp_deposee(etat: EtatSuivi, f: Fait, _: bool) -> None:
    etat.propositions[f.sujet] = PropositionSuivie(f.arrondissement, f.a, f.n or 0, f.le)
    if f.c == "conseil":
        etat.propositions[f.sujet].portee = True


def _bp_portee(etat: EtatSuivi, f: Fait, _: bool) -> None:
    etat.propositions[f.sujet].portee = True


def _bp_statut(etat: EtatSuivi, f: Fait, _: bool) -> None:
    proposition = etat.propositions[f.sujet]
    proposition.statut = f.a
    if f.n2 is not None:
        proposition.cout = f.n2  # the Ville's re-estimate
    if f.a == "laureate":
        proposition.laureate_le = f.le


def _bilan(etat: EtatSuivi, f: Fait, _: bool) -> None:
    if f.n == etat.annee and f.jour is not None:
        etat.bilans.setdefault(etat.conseils[f.sujet], {})[f.a] = f.jour.isoformat()


def _copil(etat: EtatSuivi, f: Fait, _: bool) -> None:
    if f.jour is not None and f.jour.year == etat.annee:
        etat.copils.setdefault(etat.conseils[f.sujet], []).append(
            {"comite": f.a, "le": f.jour.isoformat(), "representants": f.n or 0}
        )


def _moyen(etat: EtatSuivi, f: Fait, _: bool) -> None:
    nature = f.nature.removeprefix("moyen_")
    etat.moyens[f.a] = MoyenSuivi(etat.conseils[f.sujet], nature, f.b, f.c, f.d, f.n, f.n2, f.jour)


def _moyen_participation(etat: EtatSuivi, f: Fait, _: bool) -> None:
    suivi = etat.moyens.get(f.a)
    if suivi is None:
        suivi = etat.moyens[f.a] = MoyenSuivi(etat.conseils[f.sujet], "participation", f.b)
    if f.c == "personne":
        suivi.personnes.append(f.personne)
    else:
        suivi.comptes[f.c] = f.n or 0


def _moyen_annule(etat: EtatSuivi, f: Fait, _: bool) -> None:
    etat.moyens.pop(f.a, None)


def _instance(etat: EtatSuivi, f: Fait, _: bool) -> None:
    etat.instances[f.sujet] = InstanceSuivie(f.n or 0, f.a, f.c)


def _instance_reunion(etat: EtatSuivi, f: Fait, _: bool) -> None:
    assert f.jour is not None
    etat.instances[f.sujet].reunions[f.a] = (f.jour, {})
    etat.reunions[f.a] = f.sujet


def _instance_presences(etat: EtatSuivi, f: Fait, _: bool) -> None:
    etat.instances[f.sujet].reunions[f.a][1][f.n or 0] = f.n2 or 0


def _compte_rendu(etat: EtatSuivi, f: Fait, dans_l_annee: bool) -> None:
    etat.comptes_rendus[f.b] = f.n or 0
    if dans_l_annee:
        etat.comptes_rendus_rediges[f.n or 0] += 1


def _compte_rendu_presente(etat: EtatSuivi, f: Fait, _: bool) -> None:
    if f.jour is not None and f.jour.year == etat.annee:
        etat.comptes_rendus_presentes[etat.comptes_rendus[f.b]] += 1


def _delegation(etat: EtatSuivi, f: Fait, _: bool) -> None:
    etat.delegations[f.sujet] = f.arrondissement


def _mandats(etat: EtatSuivi, f: Fait, dans_l_annee: bool) -> None:
    if dans_l_annee:
        compte = etat.mandats_designes.setdefault(etat.delegations[f.sujet], Counter())
        compte[f"{f.b}.titulaire"] += f.n or 0
        compte[f"{f.b}.suppleant"] += f.n2 or 0


def _mandat_termine(etat: EtatSuivi, f: Fait, dans_l_annee: bool) -> None:
    if dans_l_annee:
        etat.mandats_termines[etat.delegations[f.sujet]] += 1


_TRAITEMENTS = {
    "conseil": _conseil_institue,
    "adhesion_entree": _adhesion_entree,
    "adhesion_sortie": _adhesion_sortie,
    "quartier_redeclare": _quartier_redeclare,
    "qpv_en_vigueur": _qpv_en_vigueur,
    "seance_planifiee": _seance_planifiee,
    "seance_reprogrammee": _seance_reprogrammee,
    "seance_annulee": _seance_annulee,
    "presence": _presence,
    "presence_retiree": _presence_retiree,
    "anonymes": _anonymes,
    "decision": _decision,
    "gm_objectifs": _gm_objectifs,
    "gm_entree": _gm_entree,
    "gm_sortie": _gm_sortie,
    "tirage_annonce": _tirage_annonce,
    "tirage_effectue": _tirage_effectue,
    "suppleant_appele": _suppleant,
    "avis_cree": _avis_cree,
    "avis_transmis": _avis_transmis,
    "avis_repondu": _avis_repondu,
    "avis_clos": _avis_ferme,
    "avis_retire": _avis_ferme,
    "bp_deposee": _bp_deposee,
    "bp_portee": _bp_portee,
    "bp_statut": _bp_statut,
    "bilan": _bilan,
    "copil": _copil,
    "moyens_ouverts": _conseil_institue,
    "moyen_salle": _moyen,
    "moyen_engagement": _moyen,
    "moyen_budget": _moyen,
    "moyen_accompagnement": _moyen,
    "moyen_formation": _moyen,
    "moyen_participation": _moyen_participation,
    "moyen_annule": _moyen_annule,
    "instance": _instance,
    "instance_reunion": _instance_reunion,
    "instance_presences": _instance_presences,
    "compte_rendu": _compte_rendu,
    "compte_rendu_presente": _compte_rendu_presente,
    "delegation": _delegation,
    "mandats": _mandats,
    "mandat_termine": _mandat_termine,
}


# --- figures per council -------------------------------------------------------------------------


def _conseil(
    etat: EtatSuivi, arrondissement: int | None, seuil: int, tous: tuple[int, ...] = ()
) -> dict[str, Any]:
    perimetre = set(tous) if arrondissement is None else {arrondissement}

    def de(valeurs: dict[int, list[Any]]) -> list[Any]:
        return [v for a in sorted(perimetre) for v in valeurs.get(a, [])]

    assert etat.au_1er_janvier is not None
    figures: dict[str, Any] = {} if arrondissement is None else {"arrondissement": arrondissement}
    figures["assemblee"] = _assemblee(etat, perimetre, de, seuil)
    figures["groupe_moteur"] = _groupe_moteur(etat, perimetre)
    figures["seances"] = _seances(etat, perimetre)
    figures["avis"] = _avis(etat, perimetre)
    figures["budget_participatif"] = _budget(etat, perimetre)
    figures["obligations"] = _obligations(etat, perimetre)
    figures["moyens"] = _moyens(etat, perimetre, seuil)
    figures["instances"] = _instances(etat, perimetre)
    return figures


def _residence(quartier: str, valides: frozenset[str]) -> str:
    if quartier == HORS_QPV:
        return "hors_qpv"
    return "qpv" if quartier in valides else A_METTRE_A_JOUR


def _repartition(
    profils: list[tuple[str, str, str, str]], seuil: int, valides: frozenset[str]
) -> dict[str, Any]:
    """Head count and its splits; any cell of 1 to seuil-1 people is shown as "< seuil".
    `valides`: the QPV codes in force on the day counted (a member whose QPV left the list
    counts as "a_mettre_a_jour" until they declare it again)."""

    def protege(compte: Counter[str]) -> dict[str, Any]:
        return {k: _masque(v, seuil) for k, v in sorted(compte.items())}

    return {
        "total": len(profils),
        "par_college": protege(Counter(p[0] for p in profils)),
        "par_genre": protege(Counter(p[1] for p in profils)),
        "par_tranche_age": protege(Counter(p[2] for p in profils)),
        "residence": protege(Counter(_residence(p[3], valides) for p in profils)),
    }


def _masque(valeur: int, seuil: int) -> int | str:
    return f"< {seuil}" if 0 < valeur < seuil else valeur


def _assemblee(etat: EtatSuivi, perimetre: set[int], de: Any, seuil: int) -> dict[str, Any]:
    assert etat.au_1er_janvier is not None
    au_debut = codes_en_vigueur(etat, date(etat.annee, 1, 1))
    a_la_fin = codes_en_vigueur(etat, jour(etat.tenue_avant - timedelta(microseconds=1)))
    participants: set[tuple[int, str]] = set()
    for seance in _seances_tenues(etat, perimetre):
        participants.update((seance.arrondissement, p) for p in seance.presents)
    return {
        "au_1er_janvier": _repartition(de(etat.au_1er_janvier), seuil, au_debut),
        "au_31_decembre": _repartition(de(etat.au_31_decembre), seuil, a_la_fin),
        "entrees": _repartition(de(etat.entrees), seuil, a_la_fin),
        "sorties": _repartition(de(etat.sorties), seuil, a_la_fin),
        "participants_uniques": _repartition(
            [etat.profils[p] for p in sorted(participants) if p in etat.profils],
            seuil,
            a_la_fin,
        ),
    }


def _seances_tenues(etat: EtatSuivi, perimetre: set[int]) -> list[SeanceSuivie]:
    return [
        s
        for s in etat.seances.values()
        if s.arrondissement in perimetre
        and not s.annulee
        and etat.debut <= s.quand < etat.tenue_avant
    ]


def _seances(etat: EtatSuivi, perimetre: set[int]) -> dict[str, Any]:
    tenues = _seances_tenues(etat, perimetre)
    annulees = [
        s
        for s in etat.seances.values()
        if s.arrondissement in perimetre and s.annulee and etat.debut <= s.quand < etat.fin
    ]
    totaux = [len(s.presents) + s.anonymes for s in tenues]
    decisions = Counter(v for s in tenues for v in s.decisions.values())
    return {
        "tenues": len(tenues),
        "annulees": len(annulees),
        "participation": {
            "moyenne": _arrondi(statistics.fmean(totaux)) if totaux else None,
            "mediane": _arrondi(float(statistics.median(totaux))) if totaux else None,
            "maximum": max(totaux) if totaux else None,
            "inscrits_moyenne": _arrondi(statistics.fmean(len(s.presents) for s in tenues))
            if tenues
            else None,
            "anonymes_moyenne": _arrondi(statistics.fmean(s.anonymes for s in tenues))
            if tenues
            else None,
        },
        "decisions": {"adoptees": decisions["adoptee"], "rejetees": decisions["rejetee"]},
    }


def _groupe_moteur(etat: EtatSuivi, perimetre: set[int]) -> dict[str, Any]:
    groupes = [g for g in etat.groupes.values() if g.arrondissement in perimetre]
    membres = [m for g in groupes for m in g.membres.values()]
    total = len(membres)
    habitants = sum(1 for college, _ in membres if college == "habitant")
    femmes = sum(1 for _, genre in membres if genre == "femme")
    hommes = sum(1 for _, genre in membres if genre == "homme")
    taille = sum(g.taille for g in groupes)
    cible = sum(g.taille * g.part_habitants for g in groupes) / taille / 100 if taille else None
    return {
        "constitue": bool(groupes),
        "taille_visee": taille,
        "membres_au_31_decembre": {
            "total": total,
            "par_college": dict(sorted(Counter(c for c, _ in membres).items())),
            "par_genre": dict(sorted(Counter(g for _, g in membres).items())),
        },
        "part_habitants": _arrondi(habitants / total) if total else None,
        "part_habitants_visee": _arrondi(cible) if cible is not None else None,
        "ecart_a_la_parite": femmes - hommes,
        "entrees": sum(g.entrees for g in groupes),
        "sorties": sum(g.sorties for g in groupes),
        "remplacements": sum(etat.remplacements[a] for a in sorted(perimetre)),
        "places_vacantes_fin_annee": max(0, taille - total),
        "vacance_jours_places": _arrondi(sum(g.jours_place for g in groupes)),
        "vacance_plus_longue_jours": _arrondi(max((g.plus_longue for g in groupes), default=0)),
        "tirages": [t for a in sorted(perimetre) for t in etat.tirages_tenus.get(a, [])],
    }


def _avis(etat: EtatSuivi, perimetre: set[int]) -> dict[str, Any]:
    tous = [v for v in etat.avis.values() if v.arrondissement in perimetre]
    annee = [v for v in tous if v.cree_le >= etat.debut]
    transmis = [v for v in tous if v.transmis_le and v.transmis_le >= etat.debut]
    repondus = [v for v in tous if v.repondu_le and v.repondu_le >= etat.debut and v.transmis_le]
    delais = sorted(
        (jour(v.repondu_le) - jour(v.transmis_le)).days  # type: ignore[arg-type]
        for v in repondus
    )
    dernier_jour = jour(etat.fin - timedelta(microseconds=1))
    en_retard = [
        v
        for v in tous
        if v.transmis_le and not v.repondu_le and v.echeance and v.echeance < dernier_jour
    ]
    destinataires = sorted({v.destinataire for v in tous})
    return {
        "emis": dict(sorted(Counter(v.origine for v in annee).items())),
        "transmis": len(transmis),
        "repondus": len(repondus),
        "delai_de_reponse_jours": {
            "mediane": _arrondi(float(statistics.median(delais))) if delais else None,
            "p90": _centile(delais, 90),
        },
        "en_retard_au_31_decembre": len(en_retard),
        "par_destinataire": {
            d: {
                "transmis": sum(1 for v in transmis if v.destinataire == d),
                "repondus": sum(1 for v in repondus if v.destinataire == d),
                "en_retard_au_31_decembre": sum(1 for v in en_retard if v.destinataire == d),
            }
            for d in destinataires
        },
    }


def _budget(etat: EtatSuivi, perimetre: set[int]) -> dict[str, Any]:
    toutes = [p for p in etat.propositions.values() if p.arrondissement in perimetre]
    deposees = [p for p in toutes if p.deposee_le >= etat.debut]
    laureates = [p for p in toutes if p.laureate_le and p.laureate_le >= etat.debut]
    quartiers = sorted({p.quartier for p in deposees} | {p.quartier for p in laureates})
    return {
        "deposees": len(deposees),
        "portees_par_le_conseil": sum(1 for p in deposees if p.portee),
        "statuts_au_31_decembre": dict(sorted(Counter(p.statut for p in toutes).items())),
        "laureates": len(laureates),
        "montant_estime_deposees_euros": sum(p.cout for p in deposees),
        "montant_laureates_euros": sum(p.cout for p in laureates),
        "par_quartier": {
            q: {
                "deposees": sum(1 for p in deposees if p.quartier == q),
                "laureates": sum(1 for p in laureates if p.quartier == q),
            }
            for q in quartiers
        },
    }


def _comites(etat: EtatSuivi, arrondissement: int) -> list[dict[str, Any]]:
    """The steering committees of the year: those counted before the bodies existed, and the
    meetings of the steering-committee bodies (with the council's delegates present)."""
    reunions = [
        {
            "comite": instance.nature,
            "le": le.isoformat(),
            "representants": presents.get(arrondissement, 0),
        }
        for instance, le, presents in _reunions_de_l_annee(etat, {arrondissement})
        if instance.nature in COMITES_DE_PILOTAGE
    ]
    return sorted(
        etat.copils.get(arrondissement, []) + reunions, key=lambda c: (c["le"], c["comite"])
    )


def _obligations(etat: EtatSuivi, perimetre: set[int]) -> dict[str, Any]:
    if len(perimetre) == 1:
        (arrondissement,) = perimetre
        bilans = etat.bilans.get(arrondissement, {})
        return {
            "bilan_ville_presente_le": bilans.get("ville"),
            "bilan_etat_presente_le": bilans.get("etat"),
            "comites_de_pilotage": _comites(etat, arrondissement),
        }
    return {
        "conseils_bilan_ville": sum(1 for a in perimetre if "ville" in etat.bilans.get(a, {})),
        "conseils_bilan_etat": sum(1 for a in perimetre if "etat" in etat.bilans.get(a, {})),
        "comites_de_pilotage_avec_representants": sum(
            1 for a in perimetre for c in _comites(etat, a) if c["representants"] > 0
        ),
    }


def _moyens(etat: EtatSuivi, perimetre: set[int], seuil: int) -> dict[str, Any]:
    """What the council was given and used in the year, against what was committed (rule 19).
    Budgets and commitments count by the year they are for; rooms and support staff when
    their period meets the year (a one-off room on its day); trainings on their date, with
    the attendance recorded for them."""
    annee = etat.annee
    premier, dernier = date(annee, 1, 1), date(annee, 12, 31)
    tous = {k: m for k, m in etat.moyens.items() if m.arrondissement in perimetre}

    def de(nature: str) -> list[tuple[str, MoyenSuivi]]:
        return sorted((k, m) for k, m in tous.items() if m.nature == nature)

    def pendant(m: MoyenSuivi) -> bool:
        assert m.jour is not None
        fin = date.fromisoformat(m.b) if m.b else None
        return m.jour <= dernier and (fin is None or fin >= premier)

    def somme(nature: str, institution: str, c: str) -> int:
        return sum(
            m.n2 or 0 for _, m in de(nature) if m.n == annee and m.b == institution and m.c == c
        )

    salles = [
        m
        for _, m in de("salle")
        if (m.jour is not None and m.jour.year == annee if m.c == "ponctuelle" else pendant(m))
    ]
    budget = {
        i: {
            "engage_euros": somme("engagement", i, "budget_euros"),
            "accorde_euros": somme("budget", i, "accorde"),
            "depense_euros": somme("budget", i, "depense"),
        }
        for i in ("ville", "etat")
    }
    accorde = sum(b["accorde_euros"] for b in budget.values())
    depense = sum(b["depense_euros"] for b in budget.values())
    formations = {k: m for k, m in de("formation") if m.jour is not None and m.jour.year == annee}
    suivies = [m for _, m in de("participation") if m.b in formations]
    comptes: Counter[str] = Counter()
    for m in suivies:
        comptes.update(m.comptes)
    personnes = {p for m in suivies for p in m.personnes}
    accompagnements = [m for _, m in de("accompagnement") if pendant(m)]

    def engage(objet: str) -> int:
        return sum(somme("engagement", i, objet) for i in ("ville", "etat"))

    def accompagnement(nature: str) -> dict[str, Any]:
        postes = [m for m in accompagnements if m.c == nature]
        return {
            **({"engages": engage("adultes_relais")} if nature == "adulte_relais" else {}),
            "postes": len(postes),
            "etp": _arrondi(sum(m.n or 0 for m in postes) / 100),
            "heures": sum(m.n2 or 0 for m in postes),
        }

    total = sum(n for cle, n in comptes.items() if cle.startswith("par_college."))

    def repartition(prefixe: str) -> dict[str, Any]:
        return {
            cle.removeprefix(prefixe): _masque(n, seuil)
            for cle, n in sorted(comptes.items())
            if cle.startswith(prefixe) and n
        }

    figures: dict[str, Any] = {
        "budget": budget,
        "part_budget_depense": _arrondi(depense / accorde) if accorde else None,
        "formations": {
            "engagees": engage("formations"),
            "proposees": len(formations),
            "avec_participation": len({m.b for m in suivies}),
        },
        "participations_formations": {
            "total": total,
            "par_college": repartition("par_college."),
            "par_genre": repartition("par_genre."),
        },
        "personnes_formees": len(personnes),
        "accompagnement": {n: accompagnement(n) for n in ("adulte_relais", "autre")},
        "salles": {
            "recurrentes": sum(1 for m in salles if m.c != "ponctuelle"),
            "ponctuelles": sum(1 for m in salles if m.c == "ponctuelle"),
        },
    }
    if len(perimetre) == 1:
        participants = {
            m.b: sum(n for c, n in m.comptes.items() if "college" in c) for m in suivies
        }
        figures["liste_des_formations"] = [
            {
                "theme": m.c,
                "organisme": m.d,
                "institution": m.b,
                "le": m.jour.isoformat() if m.jour else None,
                "participants": participants.get(k),
            }
            for k, m in sorted(formations.items(), key=lambda km: (km[1].jour, km[0]))
        ]
        figures["liste_des_salles"] = [
            {
                "nom": m.d,
                "recurrence": m.c,
                "debut": m.jour.isoformat() if m.jour else None,
                "fin": m.b or None,
            }
            for m in sorted(salles, key=lambda m: (m.jour or premier, m.d))
        ]
    return figures


def _reunions_de_l_annee(
    etat: EtatSuivi, perimetre: set[int]
) -> list[tuple[InstanceSuivie, date, dict[int, int]]]:
    """The year's meetings of the bodies that concern the perimeter (Paris-wide ones, and
    those of its arrondissements), with the delegates present per council."""
    return sorted(
        (
            (instance, le, presents)
            for instance in etat.instances.values()
            if instance.arrondissement == 0 or instance.arrondissement in perimetre
            for le, presents in instance.reunions.values()
            if le.year == etat.annee
        ),
        key=lambda r: (r[1], r[0].nature, r[0].nom),
    )


def _instances(etat: EtatSuivi, perimetre: set[int]) -> dict[str, Any]:
    reunions = _reunions_de_l_annee(etat, perimetre)

    def avec(presents: dict[int, int]) -> bool:
        return any(presents.get(a, 0) > 0 for a in perimetre)

    par_instance: dict[tuple[str, str], list[bool]] = {}
    for instance, _, presents in reunions:
        par_instance.setdefault((instance.nature, instance.nom), []).append(avec(presents))
    designes: Counter[str] = Counter()
    for a in sorted(perimetre):
        designes.update(etat.mandats_designes.get(a, Counter()))
    return {
        "instances_reunies": len(par_instance),
        "reunions": len(reunions),
        "reunions_avec_delegues": sum(1 for _, _, presents in reunions if avec(presents)),
        "delegues_presents": sum(
            presents.get(a, 0) for _, _, presents in reunions for a in sorted(perimetre)
        ),
        "instances_reunies_sans_le_conseil": sum(
            1 for presences in par_instance.values() if not all(presences)
        ),
        "par_instance": [
            {
                "nature": nature,
                "instance": nom,
                "reunions": len(presences),
                "avec_delegues": sum(presences),
                "sans_le_conseil": len(presences) - sum(presences),
            }
            for (nature, nom), presences in sorted(par_instance.items())
        ],
        "comptes_rendus_rediges": sum(etat.comptes_rendus_rediges[a] for a in sorted(perimetre)),
        "comptes_rendus_presentes": sum(
            etat.comptes_rendus_presentes[a] for a in sorted(perimetre)
        ),
        "mandats_designes": {
            voie: {role: designes[f"{voie}.{role}"] for role in ("titulaire", "suppleant")}
            for voie in ("decision", "tirage")
        },
        "mandats_termines_avant_terme": sum(etat.mandats_termines[a] for a in sorted(perimetre)),
    }


jour = jour_a_paris  # the Paris calendar day of an instant, as avis deadlines use it


def _arrondi(valeur: float) -> float:
    return round(valeur, 2)


def _centile(valeurs: list[int], p: int) -> float | None:
    """Nearest-rank percentile: the smallest value with at least p % of values at or below."""
    if not valeurs:
        return None
    rang = max(1, -(-p * len(valeurs) // 100))
    return float(valeurs[rang - 1])
