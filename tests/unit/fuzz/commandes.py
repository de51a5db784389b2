"""One fuzz case per domain command: the aggregate in a state that allows it, and the call with
arguments drawn by Hypothesis. `CAS[(Classe, "commande")]` takes Hypothesis' `data` and returns
`(aggregate or None for a creation, its past events, the call)`."""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from hypothesis import strategies as st

from domaine.assemblee import Adhesion, profil
from domaine.avis import Avis
from domaine.budget import DecisionDuConseil, Depot, PropositionBP, decision_du_conseil
from domaine.comptes import ROLES_DEMANDEURS, Compte
from domaine.conseils import ConseilCitoyen
from domaine.documents import Document, MotifRetrait, NatureDocument
from domaine.geographie import ReferentielGeographique
from domaine.groupe_moteur import GroupeMoteur, Objectifs
from domaine.instances import Delegation, Designe, Instance
from domaine.moyens import (
    MoyensDuConseil,
    NatureAccompagnement,
    NatureBudget,
    ObjetEngagement,
    Recurrence,
)
from domaine.quartiers import GEOGRAPHIE_2015_2023, HORS_QPV, REFERENTIEL_INITIAL
from domaine.seances import Seance
from domaine.tirages import Tirage
from domaine.vocabulaire import (
    AxeContrat,
    College,
    ComitePilotage,
    Destinataire,
    FormeStructurePorteuse,
    Genre,
    ModeCourriels,
    MotifEffacement,
    MotifFinMandat,
    MotifSortie,
    MotifSortieGroupe,
    NatureInstance,
    OrigineAvis,
    RegleMajorite,
    Role,
    RoleMandat,
    StatutConformite,
    StatutProposition,
    ThemeBP,
    TrancheAge,
    TypeStructure,
    VoieEntree,
)
from tests.unit.fuzz import monde
from tests.unit.fuzz.strategies import (
    ANIMATEUR_18,
    PARTICIPANT,
    T0,
    arrondissements,
    entiers,
    ids,
    instants_libres,
    jours,
    moments,
    roles,
    textes,
)

Cas = tuple[Any, list[Any], Callable[[], Any]]
Fabrique = Callable[[st.DataObject], Cas]
CAS: dict[tuple[type, str], Fabrique] = {}

QPV = tuple(q.code for q in GEOGRAPHIE_2015_2023.quartiers_de(18))
T0_ID = UUID(int=1)


def cas(classe: type, nom: str) -> Callable[[Fabrique], Fabrique]:
    def enregistrer(fabrique: Fabrique) -> Fabrique:
        CAS[(classe, nom)] = fabrique
        return fabrique

    return enregistrer


def valeurs(enum: Any) -> tuple[str, ...]:
    return tuple(e.value for e in enum)


def d(data: st.DataObject, strategie: st.SearchStrategy[Any]) -> Any:
    return data.draw(strategie)


# --- ConseilCitoyen ------------------------------------------------------------------------


@cas(ConseilCitoyen, "instituer")
def _(data: st.DataObject) -> Cas:
    a, le = d(data, arrondissements()), d(data, moments())
    return None, [], lambda: ConseilCitoyen.instituer(a, le)


@cas(ConseilCitoyen, "fixer_regle_majorite")
def _(data: st.DataObject) -> Cas:
    c, passe = monde.conseil()
    regle, par, le = d(data, textes(*valeurs(RegleMajorite))), d(data, ids()), d(data, moments())
    return c, passe, lambda: c.fixer_regle_majorite(regle, par, le)


@cas(ConseilCitoyen, "fixer_delai_reponse_avis")
def _(data: st.DataObject) -> Cas:
    c, passe = monde.conseil()
    mois, par, le = d(data, entiers(1, 2, 6, 12, 13)), d(data, ids()), d(data, moments())
    return c, passe, lambda: c.fixer_delai_reponse_avis(mois, par, le)


@cas(ConseilCitoyen, "enregistrer_bilan_annuel")
def _(data: st.DataObject) -> Cas:
    c, passe = monde.conseil()
    annee = d(data, entiers(2015, 2025, 2026))
    institution = d(data, textes("ville", "etat"))
    presente_le, le = d(data, jours(T0.date())), d(data, moments())
    return c, passe, lambda: c.enregistrer_bilan_annuel(annee, institution, presente_le, T0, le)


@cas(ConseilCitoyen, "enregistrer_copil")
def _(data: st.DataObject) -> Cas:
    c, passe = monde.conseil()
    comite = d(data, textes(*valeurs(ComitePilotage)))
    tenu_le, n, le = d(data, jours(T0.date())), d(data, entiers(0, 3, 50, 51)), d(data, moments())
    return c, passe, lambda: c.enregistrer_copil(comite, tenu_le, n, T0, le)


@cas(ConseilCitoyen, "deposer_reglement")
def _(data: st.DataObject) -> Cas:
    c, passe = monde.conseil(d(data, st.integers(0, 1)))
    contenu, le = d(data, textes("Règlement, version 1")), d(data, moments())
    return c, passe, lambda: c.deposer_reglement(contenu, T0, le)


@cas(ConseilCitoyen, "designer_structure_porteuse")
def _(data: st.DataObject) -> Cas:
    c, passe = monde.conseil()
    nom, forme = d(data, textes("Association X")), d(data, textes(*valeurs(FormeStructurePorteuse)))
    depuis, le = d(data, jours(T0.date())), d(data, moments())
    return c, passe, lambda: c.designer_structure_porteuse(nom, forme, depuis, T0, le)


@cas(ConseilCitoyen, "statuer_conformite")
def _(data: st.DataObject) -> Cas:
    c, passe = monde.conseil(d(data, st.integers(0, 2)))
    numero, statut = d(data, entiers(1, 2)), d(data, textes(*valeurs(StatutConformite)))
    role, motif = d(data, roles()), d(data, textes("Article 3 illégal"))
    le = d(data, moments())
    return c, passe, lambda: c.statuer_conformite(numero, statut, role, motif, T0, le)


# --- Compte --------------------------------------------------------------------------------


@cas(Compte, "ouvrir")
def _(data: st.DataObject) -> Cas:
    i, le = d(data, ids()), d(data, moments())
    return None, [], lambda: Compte.ouvrir(i, le)


ROLES_TEXTE = valeurs(Role)


@cas(Compte, "attribuer_role")
def _(data: st.DataObject) -> Cas:
    c, passe = monde.compte(("animateur", 18))
    role, a = d(data, textes(*ROLES_TEXTE)), d(data, st.none() | arrondissements())
    par, le = d(data, st.none() | ids()), d(data, moments())
    return c, passe, lambda: c.attribuer_role(role, a, par, le)


@cas(Compte, "retirer_role")
def _(data: st.DataObject) -> Cas:
    c, passe = monde.compte(("animateur", 18), ("admin", None), ("agent_ville", None))
    role, a = d(data, textes(*ROLES_TEXTE)), d(data, st.none() | arrondissements())
    par, le = d(data, st.sampled_from([c.id, ANIMATEUR_18.compte_id])), d(data, moments())
    return c, passe, lambda: c.retirer_role(role, a, par, le)


@cas(Compte, "effacer")
def _(data: st.DataObject) -> Cas:
    c, passe = monde.compte(("animateur", 18))
    motif = d(data, textes(*valeurs(MotifEffacement)))
    par, role = d(data, st.none() | ids()), d(data, textes(*ROLES_DEMANDEURS))
    le = d(data, moments())
    return c, passe, lambda: c.effacer(motif, par, role, le)


@cas(Compte, "choisir_courriels")
def _(data: st.DataObject) -> Cas:
    c, passe = monde.compte(("animateur", 18))
    mode, le = d(data, textes(*valeurs(ModeCourriels))), d(data, moments())
    return c, passe, lambda: c.choisir_courriels(mode, le)


# --- Adhesion ------------------------------------------------------------------------------


def _profil(data: st.DataObject) -> Callable[[], Any]:
    """`profil()` is the validation of what a person declares: fuzzed with the command."""
    a = d(data, arrondissements())
    college, genre = d(data, textes(*valeurs(College))), d(data, textes(*valeurs(Genre)))
    age, quartier = d(data, textes(*valeurs(TrancheAge))), d(data, textes("hors_qpv", *QPV))
    jour, nom = d(data, jours(T0.date())), d(data, textes("Association du quartier"))
    type_, consentement = d(data, textes(*valeurs(TypeStructure))), d(data, st.booleans())
    return lambda: profil(a, college, genre, age, quartier, jour, nom, type_, consentement)


@cas(Adhesion, "rejoindre_une_premiere_fois")
def _(data: st.DataObject) -> Cas:
    p, a, personne = _profil(data), d(data, arrondissements()), d(data, ids())
    eligible, le = d(data, st.booleans()), d(data, moments())
    return None, [], lambda: Adhesion.rejoindre_une_premiere_fois(a, personne, p(), eligible, le)


@cas(Adhesion, "revenir")
def _(data: st.DataObject) -> Cas:
    a, passe = monde.adhesion(partie=d(data, st.booleans()))
    p, eligible, le = _profil(data), d(data, st.booleans()), d(data, moments())
    return a, passe, lambda: a.revenir(p(), eligible, le)


@cas(Adhesion, "declarer_volontariat")
def _(data: st.DataObject) -> Cas:
    a, passe = monde.adhesion(partie=d(data, st.booleans()))
    v, le = d(data, st.booleans()), d(data, moments())
    return a, passe, lambda: a.declarer_volontariat(v, le)


@cas(Adhesion, "redeclarer_quartier")
def _(data: st.DataObject) -> Cas:
    a, passe = monde.adhesion(partie=d(data, st.booleans()))
    code, le = d(data, textes(*QPV, HORS_QPV, "QPV-99-AILLEURS")), d(data, moments())
    return a, passe, lambda: a.redeclarer_quartier(code, le)


@cas(Adhesion, "quitter")
def _(data: st.DataObject) -> Cas:
    a, passe = monde.adhesion(partie=d(data, st.booleans()))
    motif, le = d(data, textes(*valeurs(MotifSortie))), d(data, moments())
    return a, passe, lambda: a.quitter(motif, le)


# --- ReferentielGeographique --------------------------------------------------------------


@cas(ReferentielGeographique, "ouvrir")
def _(data: st.DataObject) -> Cas:
    le = d(data, moments())
    return None, [], lambda: ReferentielGeographique.ouvrir(le)


@cas(ReferentielGeographique, "adopter")
def _(data: st.DataObject) -> Cas:
    r = ReferentielGeographique.ouvrir(T0)
    passe = list(r.collect_events())
    periode, source = d(data, textes("2024-2030", "2015-2023")), d(data, textes("Décret"))
    debut, le = d(data, jours(T0.date())), d(data, moments())
    quartiers = d(data, st.sampled_from([(), GEOGRAPHIE_2015_2023.quartiers[:3]]))
    return (
        r,
        passe,
        lambda: r.adopter(periode, debut, source, quartiers, REFERENTIEL_INITIAL, T0_ID, le),
    )


# --- Seance --------------------------------------------------------------------------------

APRES = monde.DATE_SEANCE + timedelta(hours=2)


def _moment_seance(data: st.DataObject) -> datetime:
    return d(data, st.one_of(st.just(APRES), moments()))


@cas(Seance, "planifier")
def _(data: st.DataObject) -> Cas:
    a, date = d(data, arrondissements()), d(data, instants_libres(monde.DATE_SEANCE))
    lieu, odj = d(data, textes("Centre Barbara")), d(data, textes("Budget"))
    q, theme = d(data, textes("", *QPV, "hors_qpv")), d(data, textes("", "Propreté"))
    le = d(data, st.one_of(st.just(T0), moments()))
    return None, [], lambda: Seance.planifier(a, date, lieu, odj, T0, le, quartier=q, theme=theme)


@cas(Seance, "enregistrer_apres_coup")
def _(data: st.DataObject) -> Cas:
    a, date = d(data, arrondissements()), d(data, instants_libres(T0 - timedelta(days=3)))
    lieu, odj = d(data, textes("Centre Barbara")), d(data, textes("Budget"))
    q, theme = d(data, textes("", *QPV, "hors_qpv")), d(data, textes("", "Propreté"))
    le = d(data, st.one_of(st.just(T0), moments()))
    ouvert = d(data, st.one_of(st.just(T0 - timedelta(days=400)), moments()))
    return (
        None,
        [],
        lambda: Seance.enregistrer_apres_coup(
            a, date, lieu, odj, T0, le, ouvert, quartier=q, theme=theme
        ),
    )


@cas(Seance, "reprogrammer")
def _(data: st.DataObject) -> Cas:
    s, passe = monde.seance(annulee=d(data, st.booleans()))
    date = d(data, instants_libres(monde.DATE_SEANCE + timedelta(days=1)))
    lieu, odj = d(data, textes("Centre Barbara")), d(data, textes("Budget"))
    q, theme = d(data, st.none() | textes("", *QPV)), d(data, st.none() | textes("Propreté"))
    le = d(data, st.one_of(st.just(T0), moments()))
    return s, passe, lambda: s.reprogrammer(date, lieu, odj, T0, le, quartier=q, theme=theme)


@cas(Seance, "marquer_present")
def _(data: st.DataObject) -> Cas:
    s, passe = monde.seance(annulee=d(data, st.booleans()))
    qui = d(data, st.sampled_from(["membre", "parti", "aucun"]))
    adhesion = {"membre": monde.membre(), "parti": monde.adhesion(partie=True)[0]}.get(qui)
    le = _moment_seance(data)
    return s, passe, lambda: s.marquer_present(adhesion, T0, le)


@cas(Seance, "marquer_presents")
def _(data: st.DataObject) -> Cas:
    s, passe = monde.seance(annulee=d(data, st.booleans()))
    qui = d(data, st.lists(st.sampled_from(["membre", "parti", "aucun"]), max_size=3))
    adhesions = {"membre": monde.membre(), "parti": monde.adhesion(partie=True)[0], "aucun": None}
    liste = [(PARTICIPANT.compte_id, adhesions[q]) for q in qui]
    le = _moment_seance(data)
    return s, passe, lambda: s.marquer_presents(liste, T0, le)


@cas(Seance, "retirer_presence")
def _(data: st.DataObject) -> Cas:
    s, passe = monde.seance(presents=1)
    personne, le = d(data, ids()), _moment_seance(data)
    return s, passe, lambda: s.retirer_presence(personne, T0, le)


@cas(Seance, "compter_anonymes")
def _(data: st.DataObject) -> Cas:
    s, passe = monde.seance()
    n, le = d(data, entiers(0, 12, 10_000, 10_001)), _moment_seance(data)
    return s, passe, lambda: s.compter_anonymes(n, T0, le)


@cas(Seance, "rediger_compte_rendu")
def _(data: st.DataObject) -> Cas:
    s, passe = monde.seance()
    contenu, le = d(data, textes("Compte rendu")), _moment_seance(data)
    return s, passe, lambda: s.rediger_compte_rendu(contenu, T0, le)


@cas(Seance, "enregistrer_decision")
def _(data: st.DataObject) -> Cas:
    if d(data, st.booleans()):
        return _decision_hybride(data)
    s, passe = monde.seance()
    contenu = d(data, textes("Adopter le budget"))
    pour, contre, abst = (d(data, entiers(0, 1, 10)) for _ in range(3))
    regle, le = d(data, st.sampled_from(list(RegleMajorite))), _moment_seance(data)
    return s, passe, lambda: s.enregistrer_decision(contenu, pour, contre, abst, regle, T0, le)


def _decision_hybride(data: st.DataObject) -> Cas:
    """The same command on online and hybrid séances: remote counts, a poll taken over."""
    s, passe = _hybride(
        data,
        present=True,
        scrutin=d(data, st.sampled_from(["", "ouvert", "clos"])),
        vote=d(data, st.booleans()),
    )
    contenu = d(data, textes("", "Adopter le budget"))
    salle = [d(data, entiers(0, 1, 10)) for _ in range(3)]
    distance = [d(data, entiers(0, 1, 10)) for _ in range(3)]
    scrutin, regle = d(data, entiers(0, 1, 2)), d(data, st.sampled_from(list(RegleMajorite)))
    le = _moment_hybride(data)
    return (
        s,
        passe,
        lambda: s.enregistrer_decision(
            contenu,
            *salle,
            regle,
            T0,
            le,
            pour_distance=distance[0],
            contre_distance=distance[1],
            abstention_distance=distance[2],
            scrutin=scrutin,
        ),
    )


MODALITES = ("presentiel", "en_ligne", "hybride")
PENDANT = monde.DATE_SEANCE + timedelta(hours=1)


def _moment_hybride(data: st.DataObject) -> datetime:
    return d(data, st.one_of(st.just(PENDANT), moments()))


def _hybride(data: st.DataObject, **etat: Any) -> monde.Monde:
    return monde.seance_hybride(d(data, st.sampled_from(MODALITES)), **etat)


@cas(Seance, "se_declarer_a_distance")
def _(data: st.DataObject) -> Cas:
    s, passe = _hybride(data, present=d(data, st.booleans()))
    qui = d(data, st.sampled_from(["membre", "parti", "aucun"]))
    adhesion = {"membre": monde.membre(), "parti": monde.adhesion(partie=True)[0]}.get(qui)
    le = _moment_hybride(data)
    return s, passe, lambda: s.se_declarer_a_distance(adhesion, le)


@cas(Seance, "ouvrir_scrutin")
def _(data: st.DataObject) -> Cas:
    s, passe = _hybride(data, scrutin=d(data, st.sampled_from(["", "ouvert", "clos"])))
    contenu, le = d(data, textes("Adopter le budget")), _moment_hybride(data)
    return s, passe, lambda: s.ouvrir_scrutin(contenu, T0, le)


@cas(Seance, "voter_en_ligne")
def _(data: st.DataObject) -> Cas:
    s, passe = _hybride(
        data,
        present=d(data, st.booleans()),
        scrutin=d(data, st.sampled_from(["", "ouvert", "clos"])),
        vote=d(data, st.booleans()),
    )
    numero, personne = d(data, entiers(0, 1, 2)), d(data, st.just(PARTICIPANT.compte_id) | ids())
    choix, le = d(data, textes("pour", "contre", "abstention")), _moment_hybride(data)
    return s, passe, lambda: s.voter_en_ligne(numero, personne, choix, le)


@cas(Seance, "clore_scrutin")
def _(data: st.DataObject) -> Cas:
    s, passe = _hybride(
        data, scrutin=d(data, st.sampled_from(["", "ouvert", "clos"])), present=True, vote=True
    )
    numero, le = d(data, entiers(0, 1, 2)), _moment_hybride(data)
    return s, passe, lambda: s.clore_scrutin(numero, T0, le)


@cas(Seance, "voter_compte_rendu")
def _(data: st.DataObject) -> Cas:
    """The vote on the séance's own minutes (its events are then all on one aggregate), or
    on the minutes of another séance of the 18e, earlier, later or cancelled."""
    s, passe = monde.seance(annulee=d(data, st.booleans()) and d(data, st.booleans()))
    if s.statut.value != "annulee" and d(data, st.booleans()):
        s.rediger_compte_rendu("Compte rendu", T0, APRES)
        passe = [*passe, *s.collect_events()]
    autre = d(data, st.sampled_from(["elle-meme", "anterieure", "posterieure"]))
    cible = s
    if autre != "elle-meme":
        decalage = timedelta(days=-30 if autre == "anterieure" else 1)
        cible = Seance.planifier(
            18, monde.DATE_SEANCE + decalage, "Salle", "Ordre du jour", T0, T0 - timedelta(days=60)
        )
        cible.rediger_compte_rendu("Compte rendu", T0, cible.date + timedelta(hours=1))
        cible.collect_events()
    version = d(data, st.one_of(entiers(0, 1, 3), st.none(), st.text(max_size=3)))
    pour, contre, abst = (d(data, entiers(0, 1, 10)) for _ in range(3))
    regle, le = d(data, st.sampled_from(list(RegleMajorite))), _moment_seance(data)
    return s, passe, lambda: s.voter_compte_rendu(cible, version, pour, contre, abst, regle, T0, le)


@cas(Seance, "annuler")
def _(data: st.DataObject) -> Cas:
    annulee = d(data, st.booleans())
    s, passe = monde.seance(annulee=annulee, decisions=0 if annulee else d(data, st.integers(0, 1)))
    motif, le = d(data, textes("Salle indisponible")), d(data, moments())
    return s, passe, lambda: s.annuler(motif, T0, le)


# --- GroupeMoteur --------------------------------------------------------------------------


def _objectifs(data: st.DataObject) -> Callable[[], Objectifs]:
    taille, part = d(data, entiers(20, 30, 50, 51)), d(data, entiers(50, 60, 100))
    parite, minimum = d(data, st.booleans()), d(data, entiers(0, 2, 10))
    return lambda: Objectifs(taille, part, parite, minimum)


@cas(GroupeMoteur, "constituer")
def _(data: st.DataObject) -> Cas:
    a, o, le = d(data, arrondissements()), _objectifs(data), d(data, moments())
    return None, [], lambda: GroupeMoteur.constituer(a, o(), T0, le)


@cas(GroupeMoteur, "fixer_objectifs")
def _(data: st.DataObject) -> Cas:
    g, passe = monde.groupe_moteur(membres=d(data, st.integers(0, 3)))
    o, le = _objectifs(data), d(data, moments())
    return g, passe, lambda: g.fixer_objectifs(o(), T0, le)


@cas(GroupeMoteur, "reserver")
def _(data: st.DataObject) -> Cas:
    g, passe = monde.groupe_moteur(membres=d(data, st.integers(0, 3)))
    tirage_id, places = d(data, textes("t3")), d(data, entiers(1, 5, 21))
    le = d(data, moments())
    return g, passe, lambda: g.reserver(tirage_id, places, le)


@cas(GroupeMoteur, "lever_reservation")
def _(data: st.DataObject) -> Cas:
    g, passe = monde.groupe_moteur(reserve=True)
    tirage_id, le = d(data, textes("t2")), d(data, moments())
    return g, passe, lambda: g.lever_reservation(tirage_id, le)


@cas(GroupeMoteur, "faire_entrer")
def _(data: st.DataObject) -> Cas:
    g, passe = monde.groupe_moteur(membres=d(data, st.integers(0, 2)))
    membre_id, college = d(data, textes("m0", "p9")), d(data, textes(*valeurs(College)))
    genre, quartier = d(data, textes(*valeurs(Genre))), d(data, textes("hors_qpv", *QPV))
    voie, tirage_id = d(data, textes(*valeurs(VoieEntree))), d(data, textes("", "t1"))
    avant, le = d(data, st.none() | instants_libres()), d(data, moments())
    return (
        g,
        passe,
        lambda: g.faire_entrer(membre_id, college, genre, quartier, voie, T0, le, tirage_id, avant),
    )


@cas(GroupeMoteur, "accepter")
def _(data: st.DataObject) -> Cas:
    g, passe = monde.groupe_moteur(membres=2, en_attente=d(data, st.booleans()))
    membre_id, le = d(data, textes("m0", "m1")), d(data, moments())
    return g, passe, lambda: g.accepter(membre_id, T0, le)


@cas(GroupeMoteur, "designer_par_consensus")
def _(data: st.DataObject) -> Cas:
    g, passe = monde.groupe_moteur(membres=d(data, st.integers(0, 2)))
    ligne = st.tuples(textes("a1", "a2", "m0"), textes(*valeurs(Genre)), textes("hors_qpv"))
    membres = d(data, st.lists(ligne, max_size=10))
    seance_id, numero = d(data, ids()), d(data, entiers(1, 2))
    adoptee, le = d(data, st.booleans()), d(data, moments())
    return (
        g,
        passe,
        lambda: g.designer_par_consensus(membres, seance_id, numero, adoptee, T0, le),
    )


@cas(GroupeMoteur, "faire_sortir")
def _(data: st.DataObject) -> Cas:
    g, passe = monde.groupe_moteur(membres=2)
    membre_id, motif = d(data, textes("m0", "m9")), d(data, textes(*valeurs(MotifSortieGroupe)))
    le = d(data, moments())
    return g, passe, lambda: g.faire_sortir(membre_id, motif, T0, le)


@cas(GroupeMoteur, "signaler_reponses_en_retard")
def _(data: st.DataObject) -> Cas:
    g, passe = monde.groupe_moteur(membres=2, en_attente=d(data, st.booleans()))
    maintenant = d(data, moments())
    return g, passe, lambda: g.signaler_reponses_en_retard(maintenant)


# --- Tirage --------------------------------------------------------------------------------


@cas(Tirage, "annoncer")
def _(data: st.DataObject) -> Cas:
    annonce = dict(monde.ANNONCE)
    if d(data, st.booleans()):
        cle = d(data, st.sampled_from(sorted(annonce)))
        annonce[cle] = d(data, st.one_of(textes(), entiers(), st.none(), st.just([])))
    tirage_id, a, le = d(data, ids()), d(data, arrondissements()), d(data, moments())
    return None, [], lambda: Tirage.annoncer(tirage_id, a, annonce, T0, le)


@cas(Tirage, "effectuer")
def _(data: st.DataObject) -> Cas:
    t, passe = monde.tirage(effectue=d(data, st.booleans()))
    hasard = d(data, textes("3,7", "12", "1,2,3,4"))
    temoins, le = d(data, st.lists(textes("Témoin"), max_size=4)), d(data, moments())
    return t, passe, lambda: t.effectuer(hasard, temoins, T0, le)


@cas(Tirage, "appeler")
def _(data: st.DataObject) -> Cas:
    t, passe = monde.tirage(effectue=d(data, st.booleans()))
    resultat = t.resultat or {"selection": ["c00"], "suppleants": ["c01"]}
    membre_id = d(data, textes(*resultat["suppleants"][:3], *resultat["selection"][:1]))
    remplace = d(data, textes(*resultat["selection"][:3], *resultat["suppleants"][:1]))
    le = d(data, moments())
    return t, passe, lambda: t.appeler(membre_id, remplace, T0, le)


# --- Avis ----------------------------------------------------------------------------------

AXES = ("", *valeurs(AxeContrat))


@cas(Avis, "saisir")
def _(data: st.DataObject) -> Cas:
    par, a = d(data, ids()), d(data, arrondissements())
    destinataire = d(data, st.sampled_from((Destinataire.VILLE, Destinataire.ETAT)))
    titre, question = d(data, textes("Sur la propreté")), d(data, textes("Que proposez-vous ?"))
    demandee_le = d(data, jours(T0.date()))
    echeance = d(data, jours(T0.date() + timedelta(days=60)))
    sujet, axe, le = d(data, textes("")), d(data, textes(*AXES)), d(data, moments())
    return (
        None,
        [],
        lambda: Avis.saisir(
            par, destinataire, a, titre, question, demandee_le, echeance, sujet, axe, le
        ),
    )


@cas(Avis, "rediger")
def _(data: st.DataObject) -> Cas:
    par = d(data, ids())
    a, origine = d(data, arrondissements()), d(data, textes(*valeurs(OrigineAvis)))
    titre, contenu = d(data, textes("Un avis")), d(data, textes("Le texte"))
    destinataire = d(data, textes(*valeurs(Destinataire)))
    institution, sujet = d(data, textes("", "Paris Habitat")), d(data, textes(""))
    axe, le = d(data, textes(*AXES)), d(data, moments())
    return (
        None,
        [],
        lambda: Avis.rediger(
            par, a, origine, titre, contenu, destinataire, institution, sujet, axe, le
        ),
    )


def _avis(data: st.DataObject, *statuts: str) -> tuple[Avis, list[Any]]:
    a, passe = monde.avis(d(data, st.sampled_from(statuts or monde.AVIS)))
    return a, passe


@cas(Avis, "amender")
def _(data: st.DataObject) -> Cas:
    a, passe = _avis(data, "saisine_recue", "brouillon", "adopte")
    par, titre, contenu = d(data, ids()), d(data, textes("Un avis")), d(data, textes("Texte"))
    le = d(data, moments())
    return a, passe, lambda: a.amender(par, titre, contenu, le)


@cas(Avis, "rediger_reponse_a_la_saisine")
def _(data: st.DataObject) -> Cas:
    a, passe = _avis(data, "saisine_recue", "brouillon")
    par = d(data, ids())
    titre, contenu, le = d(data, textes("Réponse")), d(data, textes("Texte")), d(data, moments())
    return a, passe, lambda: a.rediger_reponse_a_la_saisine(par, titre, contenu, le)


@cas(Avis, "cosigner")
def _(data: st.DataObject) -> Cas:
    a, passe = _avis(data, "brouillon", "adopte")
    par, le = d(data, ids()), d(data, moments())
    return a, passe, lambda: a.cosigner(par, le)


@cas(Avis, "retirer_cosignature")
def _(data: st.DataObject) -> Cas:
    a, passe = _avis(data, "brouillon", "adopte")
    par = d(data, ids())
    if par not in a.auteurs and a.statut.value == "brouillon" and d(data, st.booleans()):
        a.cosigner(par, T0)  # a co-signer, sometimes
        passe = [*passe, *a.collect_events()]
    le = d(data, moments())
    return a, passe, lambda: a.retirer_cosignature(par, le)


@cas(Avis, "soumettre_au_vote")
def _(data: st.DataObject) -> Cas:
    a, passe = _avis(data, "brouillon", "saisine_recue")
    s, decision = monde.decision_adoptee()
    par, seance_id = d(data, ids()), d(data, st.sampled_from([s.id]) | ids())
    arr, dec = d(data, arrondissements()), d(data, st.sampled_from([decision, None]))
    le = d(data, moments())
    return a, passe, lambda: a.soumettre_au_vote(par, seance_id, arr, dec, le)


@cas(Avis, "retirer")
def _(data: st.DataObject) -> Cas:
    a, passe = _avis(data)
    par, motif, le = d(data, ids()), d(data, textes("Hors sujet")), d(data, moments())
    return a, passe, lambda: a.retirer(par, motif, le)


@cas(Avis, "transmettre")
def _(data: st.DataObject) -> Cas:
    a, passe = _avis(data, "adopte", "brouillon")
    par, mois, le = d(data, ids()), d(data, st.integers(1, 12)), d(data, moments())
    return a, passe, lambda: a.transmettre(par, mois, le)


@cas(Avis, "accuser_reception")
def _(data: st.DataObject) -> Cas:
    a, passe = _avis(data, "transmis", "adopte")
    par, role, le = d(data, ids()), d(data, roles()), d(data, moments())
    return a, passe, lambda: a.accuser_reception(par, role, le)


LIENS = ("https://paris.fr/reponse.pdf", "http://exemple.org", "ftp://x", "javascript:alert(1)")


@cas(Avis, "repondre")
def _(data: st.DataObject) -> Cas:
    a, passe = _avis(data, "transmis", "repondu")
    par, role, contenu = d(data, ids()), d(data, roles()), d(data, textes("Notre réponse"))
    liens = d(data, st.lists(textes(*LIENS), max_size=6))
    le = d(data, moments())
    return a, passe, lambda: a.repondre(par, role, contenu, liens, le)


@cas(Avis, "informer_partenaires")
def _(data: st.DataObject) -> Cas:
    a, passe = _avis(data, "interpellation_transmise", "transmis")
    par, contenu, le = d(data, ids()), d(data, textes("Partenaires")), d(data, moments())
    return a, passe, lambda: a.informer_partenaires(par, contenu, le)


@cas(Avis, "presenter_diagnostic")
def _(data: st.DataObject) -> Cas:
    a, passe = _avis(data, "partenaires_informes", "transmis")
    par, comite_le = d(data, ids()), d(data, jours(T0.date()))
    contenu, le = d(data, textes("Diagnostic")), d(data, moments())
    return a, passe, lambda: a.presenter_diagnostic(par, comite_le, contenu, le)


@cas(Avis, "clore")
def _(data: st.DataObject) -> Cas:
    a, passe = _avis(data, "repondu", "partenaires_informes", "transmis")
    par, role = d(data, ids()), d(data, roles())
    motif, le = d(data, textes("", "Réponse satisfaisante")), d(data, moments())
    return a, passe, lambda: a.clore(par, role, motif, le)


@cas(Avis, "signaler_echeance")
def _(data: st.DataObject) -> Cas:
    a, passe = _avis(data)
    maintenant = d(data, moments())
    return a, passe, lambda: a.signaler_echeance(maintenant)


# --- PropositionBP -------------------------------------------------------------------------

IMAGES = ("", "https://exemple.org/a.png", "http://x", "javascript:alert(1)", "https://u:p@x/")


@cas(PropositionBP, "deposer")
def _(data: st.DataObject) -> Cas:
    a, titre = d(data, arrondissements()), d(data, textes("Un jardin"))
    description, quartier = d(data, textes("Description")), d(data, textes("hors_qpv", *QPV))
    adresse, theme = d(data, textes("", "12 rue Myrha")), d(data, textes(*valeurs(ThemeBP)))
    cout, image = d(data, entiers(1, 15_000, 3_000_000, 3_000_001)), d(data, textes(*IMAGES))
    le = d(data, st.one_of(moments(), instants_libres()))
    portee = _decision_du_conseil(data) if d(data, st.booleans()) else None
    return (
        None,
        [],
        lambda: PropositionBP.deposer(
            a,
            Depot(titre, description, quartier, adresse, theme, cout, image),
            monde.ENVELOPPE,
            T0,
            le,
            au_nom_du_conseil=portee and portee(),
        ),
    )


def _proposition(data: st.DataObject, **options: Any) -> tuple[PropositionBP, list[Any]]:
    etapes = d(data, st.integers(0, len(monde.ETAPES_BP)))
    p, passe = monde.proposition(etapes, **options)
    return p, passe


@cas(PropositionBP, "soutenir")
def _(data: st.DataObject) -> Cas:
    p, passe = _proposition(data)
    personne, le = d(data, ids()), d(data, moments())
    return p, passe, lambda: p.soutenir(personne, le)


@cas(PropositionBP, "retirer_soutien")
def _(data: st.DataObject) -> Cas:
    p, passe = _proposition(data)
    personne, le = d(data, ids()), d(data, moments())
    return p, passe, lambda: p.retirer_soutien(personne, le)


@cas(PropositionBP, "commenter")
def _(data: st.DataObject) -> Cas:
    p, passe = _proposition(data)
    auteur, contenu, le = d(data, ids()), d(data, textes("Bonne idée")), d(data, moments())
    return p, passe, lambda: p.commenter(auteur, contenu, le)


@cas(PropositionBP, "masquer_commentaire")
def _(data: st.DataObject) -> Cas:
    p, passe = _proposition(data, commentaires=2)
    numero, motif = d(data, entiers(1, 2, 3)), d(data, textes("Propos injurieux"))
    le = d(data, moments())
    return p, passe, lambda: p.masquer_commentaire(numero, motif, T0, le)


@cas(PropositionBP, "porter")
def _(data: st.DataObject) -> Cas:
    p, passe = _proposition(data, portee=d(data, st.booleans()))
    decision = _decision_du_conseil(data)
    le = d(data, moments())
    return p, passe, lambda: p.porter(decision(), T0, le)


def _decision_du_conseil(data: st.DataObject) -> Callable[[], DecisionDuConseil]:
    """`decision_du_conseil()` checks the séance and number a form names: fuzzed with them."""
    s, _ = monde.decision_adoptee()
    arrondissement, numero = d(data, arrondissements()), d(data, entiers(1, 2))
    return lambda: decision_du_conseil(s, arrondissement, numero)


def _motif(data: st.DataObject) -> Any:
    return d(data, textes("Hors périmètre"))


def _voix(data: st.DataObject) -> Any:
    return d(data, entiers(0, 120))


def _cible(data: st.DataObject, p: PropositionBP) -> PropositionBP:
    nom = d(data, st.sampled_from(["autre", "soi", "autre_arrondissement"]))
    if nom == "soi":
        return p
    return monde.autre_proposition(19 if nom == "autre_arrondissement" else 18)


DETAILS_BP: dict[StatutProposition, dict[str, Callable[[st.DataObject, PropositionBP], Any]]] = {
    StatutProposition.IRRECEVABLE: {"motif": lambda data, p: _motif(data)},
    StatutProposition.ETUDIEE: {
        "cout_reestime": lambda data, p: d(data, entiers(1, 20_000, 3_000_001))
    },
    StatutProposition.LAUREATE: {"voix": lambda data, p: _voix(data)},
    StatutProposition.NON_RETENUE: {"voix": lambda data, p: _voix(data)},
    StatutProposition.REALISEE: {
        "realisee_le": lambda data, p: d(data, jours(T0.date(), T0.date() + timedelta(3)))
    },
    StatutProposition.ABANDONNEE: {"motif": lambda data, p: _motif(data)},
    StatutProposition.FUSIONNEE: {"cible_id": _cible},
}
"""How to draw the details of each lifecycle step (the others take none)."""


@cas(PropositionBP, "faire_avancer")
def _(data: st.DataObject) -> Cas:
    p, passe = _proposition(data)
    statut = d(data, st.sampled_from(list(StatutProposition)))
    details = {nom: tirer(data, p) for nom, tirer in DETAILS_BP.get(statut, {}).items()}
    le = d(data, moments())
    return p, passe, lambda: p.faire_avancer(statut, T0, le, monde.ENVELOPPE, **details)


# --- documents ---------------------------------------------------------------------------------


@cas(ConseilCitoyen, "regler_depots_des_membres")
def _(data: st.DataObject) -> Cas:
    c, passe = monde.conseil()
    ouverts, le = d(data, st.booleans()), d(data, moments())
    return c, passe, lambda: c.regler_depots_des_membres(ouverts, T0, le)


EMPREINTE_ESSAI = "ab" * 32


def _document(data: st.DataObject) -> Document:
    """What the form says is drawn; the file's own facts come from `verifier_fichier`."""
    titre, nature = d(data, textes("Compte rendu")), d(data, textes(*valeurs(NatureDocument)))
    jour = d(data, st.one_of(st.none(), jours(T0.date())))
    le = d(data, moments())
    return Document.deposer(
        UUID(int=7), 18, titre, jour, nature, EMPREINTE_ESSAI, 1_234, "application/pdf", T0,
        Role.ANIMATEUR, le,
    )  # fmt: skip


@cas(Document, "deposer")
def _(data: st.DataObject) -> Cas:
    return None, [], lambda: _document(data)


@cas(Document, "retirer")
def _(data: st.DataObject) -> Cas:
    document = Document.deposer(
        UUID(int=8), 18, "Diagnostic", None, "diagnostic", EMPREINTE_ESSAI, 10,
        "image/png", T0, Role.PARTICIPANT, T0,
    )  # fmt: skip
    passe = document.collect_events()
    if d(data, st.booleans()):
        document.retirer(MotifRetrait.RETRAIT, T0, T0)
        passe += document.collect_events()
    motif, le = d(data, st.sampled_from(list(MotifRetrait))), d(data, moments())
    par = d(data, st.one_of(st.none(), ids()))
    return document, passe, lambda: document.retirer(motif, par, le)


# --- MoyensDuConseil -------------------------------------------------------------------------


def _moyens(formation: bool = False) -> Cas:
    moyens = MoyensDuConseil.ouvrir(18, T0)
    if formation:
        moyens.proposer_formation(UUID(int=21), "Le contrat de ville", "Centre de ressources",
                                  "ville", T0.date(), T0, T0)  # fmt: skip
        moyens.enregistrer_participations(UUID(int=22), UUID(int=21), 3, 1, 2, 2, 0, 0, [], T0, T0)
    return moyens, moyens.collect_events(), lambda: None


@cas(MoyensDuConseil, "ouvrir")
def _(data: st.DataObject) -> Cas:
    a, le = d(data, arrondissements()), d(data, moments())
    return None, [], lambda: MoyensDuConseil.ouvrir(a, le)


@cas(MoyensDuConseil, "enregistrer_salle")
def _(data: st.DataObject) -> Cas:
    m, passe, _ = _moyens()
    nom, institution = d(data, textes("Maison des associations")), d(data, textes("ville", "etat"))
    recurrence = d(data, textes(*valeurs(Recurrence)))
    debut, fin = d(data, jours(T0.date())), d(data, st.one_of(st.none(), jours(T0.date())))
    le = d(data, moments())
    return (
        m,
        passe,
        lambda: m.enregistrer_salle(UUID(int=30), nom, institution, recurrence, debut, fin, T0, le),
    )


@cas(MoyensDuConseil, "enregistrer_engagement")
def _(data: st.DataObject) -> Cas:
    m, passe, _ = _moyens()
    annee, institution = d(data, entiers(2025, 2026)), d(data, textes("ville", "etat"))
    objet, valeur = d(data, textes(*valeurs(ObjetEngagement))), d(data, entiers(2_500, 4))
    le = d(data, moments())
    return (
        m,
        passe,
        lambda: m.enregistrer_engagement(UUID(int=31), annee, institution, objet, valeur, T0, le),
    )


@cas(MoyensDuConseil, "enregistrer_budget")
def _(data: st.DataObject) -> Cas:
    m, passe, _ = _moyens()
    annee, institution = d(data, entiers(2025, 2026)), d(data, textes("ville", "etat"))
    nature, euros = d(data, textes(*valeurs(NatureBudget))), d(data, entiers(2_500, 1))
    le = d(data, moments())
    return (
        m,
        passe,
        lambda: m.enregistrer_budget(UUID(int=32), annee, institution, nature, euros, T0, le),
    )


@cas(MoyensDuConseil, "enregistrer_accompagnement")
def _(data: st.DataObject) -> Cas:
    m, passe, _ = _moyens()
    nature = d(data, textes(*valeurs(NatureAccompagnement)))
    institution = d(data, textes("ville", "etat"))
    etp, heures = (
        d(data, st.one_of(st.none(), entiers(50, 100))),
        d(data, st.one_of(st.none(), entiers(120))),
    )
    debut, fin = d(data, jours(T0.date())), d(data, st.one_of(st.none(), jours(T0.date())))
    le = d(data, moments())
    return (
        m,
        passe,
        lambda: m.enregistrer_accompagnement(
            UUID(int=33), nature, institution, etp, heures, debut, fin, T0, le
        ),
    )


@cas(MoyensDuConseil, "proposer_formation")
def _(data: st.DataObject) -> Cas:
    m, passe, _ = _moyens()
    theme, organisme = d(data, textes("Prendre la parole")), d(data, textes("UPCA"))
    institution, jour, le = d(data, textes("ville")), d(data, jours(T0.date())), d(data, moments())
    return (
        m,
        passe,
        lambda: m.proposer_formation(UUID(int=34), theme, organisme, institution, jour, T0, le),
    )


@cas(MoyensDuConseil, "enregistrer_participations")
def _(data: st.DataObject) -> Cas:
    m = MoyensDuConseil.ouvrir(18, T0)
    m.proposer_formation(UUID(int=21), "Budget participatif", "UPCA", "ville", T0.date(), T0, T0)
    passe = m.collect_events()
    formation = d(data, st.sampled_from([UUID(int=21), UUID(int=99)]))
    h, a = d(data, entiers(3, 0)), d(data, entiers(1, 0))
    f, ho, au, nsp = (d(data, entiers(2, 0)) for _ in range(4))
    personnes = d(data, st.lists(textes(str(UUID(int=5)), str(UUID(int=6))), max_size=3))
    le = d(data, moments())
    return (
        m,
        passe,
        lambda: m.enregistrer_participations(
            UUID(int=35), formation, h, a, f, ho, au, nsp, personnes, T0, le
        ),
    )


@cas(MoyensDuConseil, "annuler")
def _(data: st.DataObject) -> Cas:
    m, passe, _ = _moyens(formation=True)
    entree = d(data, st.sampled_from([UUID(int=21), UUID(int=22), UUID(int=99)]))
    motif, le = d(data, textes("Erreur de saisie")), d(data, moments())
    return m, passe, lambda: m.annuler(entree, motif, T0, le)


# --- Instance, Delegation ------------------------------------------------------------------

NATURES = valeurs(NatureInstance)


def _instance_18() -> tuple[Instance, list[Any]]:
    i = Instance.creer(UUID(int=0x1718), "comite_technique", "Comité technique", 18, T0, T0)
    return i, list(i.collect_events())


def _delegation(
    mandats: bool = False, instance: Instance | None = None
) -> tuple[Delegation, Instance, list[Any]]:
    instance = instance or _instance_18()[0]
    g = Delegation.ouvrir(18, T0)
    if mandats:
        g.designer(
            instance,
            [Designe(PARTICIPANT.compte_id, "titulaire")],
            T0.date(),
            T0.date() + timedelta(days=365),
            {PARTICIPANT.compte_id},
            [UUID(int=0x3131)],
            T0,
            T0,
            decision=DecisionDuConseil(UUID(int=0x5E), 1),
        )
        g.annoncer_tirage(
            UUID(int=0x7171), instance, 1, 0, T0.date(), T0.date() + timedelta(days=30), T0, T0
        )
    return g, instance, list(g.collect_events())


def _instance_avec_reunion(present: bool = False) -> tuple[Instance, Delegation, list[Any]]:
    instance, passe = _instance_18()
    g, _, _ = _delegation(mandats=True, instance=instance)
    instance.enregistrer_reunion(UUID(int=0x8181), T0.date(), "Ordre du jour", T0, T0)
    if present:
        instance.enregistrer_presences(
            str(UUID(int=0x8181)), 18, [str(UUID(int=0x3131))], g.mandats, T0, T0
        )
    return instance, g, [*passe, *instance.collect_events()]


@cas(Instance, "creer")
def _(data: st.DataObject) -> Cas:
    nature, nom = d(data, textes(*NATURES)), d(data, textes("Comité technique"))
    a, le, i = d(data, st.one_of(st.just(0), arrondissements())), d(data, moments()), d(data, ids())
    return None, [], lambda: Instance.creer(i, nature, nom, a, T0, le)


@cas(Instance, "enregistrer_reunion")
def _(data: st.DataObject) -> Cas:
    instance, passe = _instance_18()
    jour, odj, le = d(data, jours(T0.date())), d(data, textes("Ordre du jour")), d(data, moments())
    return instance, passe, lambda: instance.enregistrer_reunion(d(data, ids()), jour, odj, T0, le)


@cas(Instance, "enregistrer_presences")
def _(data: st.DataObject) -> Cas:
    instance, g, passe = _instance_avec_reunion()
    mandats = d(data, st.lists(textes(str(UUID(int=0x3131))), max_size=3))
    reunion, a = d(data, textes(str(UUID(int=0x8181)))), d(data, arrondissements())
    le = d(data, moments())
    return (
        instance,
        passe,
        lambda: instance.enregistrer_presences(reunion, a, mandats, g.mandats, T0, le),
    )


@cas(Instance, "rediger_compte_rendu")
def _(data: st.DataObject) -> Cas:
    instance, g, passe = _instance_avec_reunion(present=d(data, st.booleans()))
    mandat = g.mandats[str(UUID(int=0x3131))]
    reunion, contenu = d(data, textes(str(UUID(int=0x8181)))), d(data, textes("Compte rendu"))
    le = d(data, moments())
    return (
        instance,
        passe,
        lambda: instance.rediger_compte_rendu(d(data, ids()), reunion, 18, mandat, contenu, T0, le),
    )


@cas(Instance, "presenter_compte_rendu")
def _(data: st.DataObject) -> Cas:
    instance, g, avant = _instance_avec_reunion(present=True)
    instance.rediger_compte_rendu(
        UUID(int=0x9191), str(UUID(int=0x8181)), 18, g.mandats[str(UUID(int=0x3131))], "CR", T0, T0
    )
    passe = [*avant, *instance.collect_events()]
    cr, jour, le = (
        d(data, textes(str(UUID(int=0x9191)))),
        d(data, jours(T0.date())),
        d(data, moments()),
    )
    return (
        instance,
        passe,
        lambda: instance.presenter_compte_rendu(cr, d(data, ids()), jour, T0, le),
    )


@cas(Delegation, "ouvrir")
def _(data: st.DataObject) -> Cas:
    a, le = d(data, arrondissements()), d(data, moments())
    return None, [], lambda: Delegation.ouvrir(a, le)


@cas(Delegation, "designer")
def _(data: st.DataObject) -> Cas:
    g, instance, passe = _delegation(mandats=d(data, st.booleans()))
    role = d(data, textes(*valeurs(RoleMandat)))
    personne = d(data, st.sampled_from([PARTICIPANT.compte_id, ANIMATEUR_18.compte_id]))
    debut, fin, le = d(data, jours(T0.date())), d(data, jours(T0.date())), d(data, moments())
    return g, passe, lambda: g.designer(
        instance, [Designe(personne, role)], debut, fin, {PARTICIPANT.compte_id},
        [d(data, ids())], T0, le, decision=DecisionDuConseil(UUID(int=0x5E), 2),
    )  # fmt: skip


@cas(Delegation, "annoncer_tirage")
def _(data: st.DataObject) -> Cas:
    g, instance, passe = _delegation()
    titulaires, suppleants = d(data, entiers(1, 2, 10, 11)), d(data, entiers(0, 1, 10, 11))
    debut, fin, le = d(data, jours(T0.date())), d(data, jours(T0.date())), d(data, moments())
    return (
        g,
        passe,
        lambda: g.annoncer_tirage(
            d(data, ids()), instance, titulaires, suppleants, debut, fin, T0, le
        ),
    )


@cas(Delegation, "designer_par_tirage")
def _(data: st.DataObject) -> Cas:
    g, instance, passe = _delegation(mandats=True)
    tirage_id = d(data, st.sampled_from([UUID(int=0x7171), UUID(int=0x7272)]))
    selection = [str(d(data, st.sampled_from([PARTICIPANT.compte_id, ANIMATEUR_18.compte_id])))]
    le = d(data, moments())
    return (
        g,
        passe,
        lambda: g.designer_par_tirage(
            instance, tirage_id, selection, [], {PARTICIPANT.compte_id}, [UUID(int=0x4141)], T0, le
        ),
    )


@cas(Delegation, "terminer")
def _(data: st.DataObject) -> Cas:
    g, _, passe = _delegation(mandats=True)
    mandat = d(data, textes(str(UUID(int=0x3131))))
    jour, motif = d(data, jours(T0.date())), d(data, textes(*valeurs(MotifFinMandat)))
    le = d(data, moments())
    return g, passe, lambda: g.terminer(mandat, jour, motif, T0, le)
