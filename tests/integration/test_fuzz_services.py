"""The user-facing commands with text inputs, fuzzed through the services on SQLite and
PostgreSQL (issue 6): invalid input raises a domain error and records nothing; what is recorded
is projected into the read models without error (PostgreSQL refuses what SQLite accepts, such as
a NUL character in a text column)."""

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from domaine.budget import Depot
from domaine.comptes import Acteur
from domaine.erreurs import ChampInvalide, ErreurParticipation
from domaine.vocabulaire import (
    College,
    Destinataire,
    FormeStructurePorteuse,
    Genre,
    MotifSortie,
    OrigineAvis,
    ThemeBP,
    TrancheAge,
    TypeStructure,
)
from lancement.plateforme import Plateforme
from stockage.identites import personnes
from tests.conftest import HorlogeReglable
from tests.integration.outils import planifier, rejoindre
from tests.unit.fuzz.strategies import entiers, instants_libres, jours, textes

# Each example costs a few database round trips: fewer than the domain fuzz, on both databases.
PEU = settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])


def valeurs(enum: Any) -> tuple[str, ...]:
    return tuple(e.value for e in enum)


def essayer(plateforme: Plateforme, appel: Callable[[], Any]) -> None:
    """A refusal leaves the log as it was; an accepted command is projected without error."""
    avant = plateforme.registre.position()
    try:
        resultat = appel()
    except ErreurParticipation as erreur:
        assert erreur.message.strip()
        assert plateforme.registre.position() == avant, "a refused command recorded an event"
        return
    position = resultat[1] if isinstance(resultat, tuple) else resultat
    plateforme.projecteur.attendre(position)


def _identites(plateforme: Plateforme) -> int:
    with plateforme.moteur.connect() as cnx:
        return int(cnx.execute(select(func.count()).select_from(personnes)).scalar_one())


@PEU
@given(
    nom=textes("Camille Durand"),
    email=textes("camille@exemple.fr"),
    mdp=textes("un mot de passe solide"),
)
def test_inscription(plateforme: Plateforme, nom: str, email: str, mdp: str) -> None:
    avant = (plateforme.registre.position(), _identites(plateforme))
    try:
        _, position = plateforme.comptes.inscrire(nom, email, mdp)
    except ErreurParticipation:
        assert (plateforme.registre.position(), _identites(plateforme)) == avant
        return
    plateforme.projecteur.attendre(position)
    assert _identites(plateforme) == avant[1] + 1


@PEU
@given(
    college=textes(*valeurs(College)),
    genre=textes(*valeurs(Genre)),
    age=textes(*valeurs(TrancheAge)),
    quartier=textes("hors_qpv", "QPV-18-BLEMONT"),
    structure=textes("Association du quartier"),
    type_=textes(*valeurs(TypeStructure)),
    motif=textes(*valeurs(MotifSortie)),
)
def test_adhesion_et_depart(
    plateforme: Plateforme,
    participant: Acteur,
    college: str,
    genre: str,
    age: str,
    quartier: str,
    structure: str,
    type_: str,
    motif: str,
) -> None:
    champs = {"college": college, "genre": genre, "tranche_age": age, "quartier": quartier}
    champs |= {"structure_nom": structure, "structure_type": type_}
    essayer(plateforme, lambda: rejoindre(plateforme, participant, **champs))
    essayer(plateforme, lambda: plateforme.assemblee.quitter(participant, 18, motif))


@PEU
@given(
    date=instants_libres(),
    lieu=textes("Centre Barbara"),
    odj=textes("Budget"),
    quartier=textes("", "QPV-18-BLEMONT"),
    theme=textes("", "Propreté"),
)
def test_planifier_une_seance(
    plateforme: Plateforme,
    animateur_18: Acteur,
    date: Any,
    lieu: str,
    odj: str,
    quartier: str,
    theme: str,
) -> None:
    essayer(
        plateforme,
        lambda: plateforme.seances.planifier(animateur_18, 18, date, lieu, odj, quartier, theme),
    )


@pytest.fixture
def seance_tenue(plateforme: Plateforme, animateur_18: Acteur, horloge: HorlogeReglable) -> Any:
    seance_id = planifier(plateforme, animateur_18)
    horloge.avancer(days=9)
    return seance_id


@PEU
@given(
    texte=textes("Compte rendu"),
    decision=textes("Adopter"),
    votes=st.tuples(entiers(3), entiers(1), entiers(0)),
)
def test_compte_rendu_et_decision(
    plateforme: Plateforme,
    animateur_18: Acteur,
    seance_tenue: Any,
    texte: str,
    decision: str,
    votes: Any,
) -> None:
    s = plateforme.seances
    essayer(plateforme, lambda: s.rediger_compte_rendu(animateur_18, seance_tenue, None, texte))
    essayer(
        plateforme, lambda: s.enregistrer_decision(animateur_18, seance_tenue, decision, *votes)
    )


@PEU
@given(
    version=st.one_of(st.none(), entiers(1, 2)), votes=st.tuples(entiers(3), entiers(1), entiers(0))
)
def test_vote_sur_un_compte_rendu(
    plateforme: Plateforme, animateur_18: Acteur, seance_tenue: Any, version: Any, votes: Any
) -> None:
    """The séance votes on its own minutes: any version, any votes (two séances at most)."""
    s = plateforme.seances
    essayer(plateforme, lambda: s.rediger_compte_rendu(animateur_18, seance_tenue, None, "CR"))
    essayer(
        plateforme,
        lambda: s.voter_compte_rendu(animateur_18, seance_tenue, seance_tenue, version, *votes),
    )


@PEU
@given(
    origine=textes(*valeurs(OrigineAvis)),
    titre=textes("Un avis"),
    texte=textes("Le texte de l'avis"),
    destinataire=textes(*valeurs(Destinataire)),
    institution=textes("", "Paris Habitat"),
    axe=textes("", "axe_1"),
    amendement=textes("Le texte amendé"),
)
def test_rediger_et_amender_un_avis(
    plateforme: Plateforme,
    participant: Acteur,
    origine: str,
    titre: str,
    texte: str,
    destinataire: str,
    institution: str,
    axe: str,
    amendement: str,
) -> None:
    if not plateforme.lecture.adhesions_de(participant.compte_id):
        plateforme.projecteur.attendre(rejoindre(plateforme, participant))
    a = plateforme.avis
    cree: list[Any] = []

    def rediger() -> Any:
        resultat = a.rediger(
            participant, 18, origine, titre, texte, destinataire, institution, "", axe
        )
        cree.append(resultat[0])
        return resultat

    essayer(plateforme, rediger)
    if cree:
        essayer(plateforme, lambda: a.amender(participant, cree[0], None, titre, amendement))


@PEU
@given(
    titre=textes("Un jardin"),
    description=textes("Au pied des immeubles"),
    quartier=textes("hors_qpv", "QPV-18-BLEMONT"),
    adresse=textes("", "12 rue Myrha"),
    theme=textes(*valeurs(ThemeBP)),
    cout=entiers(15_000),
    image=textes("", "https://exemple.org/a.png"),
    commentaire=textes("Bonne idée"),
)
def test_deposer_et_commenter_une_proposition(
    plateforme: Plateforme,
    participant: Acteur,
    titre: str,
    description: str,
    quartier: str,
    adresse: str,
    theme: str,
    cout: Any,
    image: str,
    commentaire: str,
) -> None:
    b = plateforme.budget
    cree: list[Any] = []

    def deposer() -> Any:
        depot = Depot(titre, description, quartier, adresse, theme, cout, image)
        resultat = b.deposer(participant, 18, depot)
        cree.append(resultat[0])
        return resultat

    essayer(plateforme, deposer)
    if cree:
        essayer(plateforme, lambda: b.commenter(participant, cree[0], commentaire))


@PEU
@given(
    reglement=textes("Article 1 : le conseil se réunit chaque mois."),
    nom=textes("Association des habitants"),
    forme=textes(*valeurs(FormeStructurePorteuse)),
    depuis=jours(),
)
def test_reglement_et_structure_porteuse(
    plateforme: Plateforme,
    animateur_18: Acteur,
    agent_ville: Acteur,
    horloge: HorlogeReglable,
    reglement: str,
    nom: str,
    forme: str,
    depuis: Any,
) -> None:
    c = plateforme.conseils
    essayer(plateforme, lambda: c.deposer_reglement(animateur_18, 18, reglement))
    essayer(plateforme, lambda: c.designer_structure_porteuse(agent_ville, 18, nom, forme, depuis))
    horloge.avancer(days=1)  # the next structure may start a day later


@pytest.mark.parametrize(
    ("nom", "email", "champ"),
    [
        ("Camille\x00Durand", "camille@exemple.fr", "nom"),
        ("Camille\x07", "camille@exemple.fr", "nom"),
        ("Camille Durand", "cam\x00ille@exemple.fr", "email"),
    ],
)
def test_un_caractere_de_controle_est_refuse_a_l_inscription_et_a_la_rectification(
    plateforme: Plateforme, participant: Acteur, nom: str, email: str, champ: str
) -> None:
    """Found by hypothesis under PostgreSQL, which refuses NUL in text (a DataError, a 500)."""
    avant = (plateforme.registre.position(), _identites(plateforme))

    with pytest.raises(ChampInvalide) as inscription:
        plateforme.comptes.inscrire(nom, email, "un mot de passe solide")
    with pytest.raises(ChampInvalide) as rectification:
        plateforme.rgpd.rectifier(participant, nom, email)

    assert inscription.value.champ == rectification.value.champ == champ
    assert (plateforme.registre.position(), _identites(plateforme)) == avant
