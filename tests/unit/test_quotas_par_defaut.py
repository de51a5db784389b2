"""The quotas proposed to the animateur come from the targets *and* the pool: whatever the pool,
a panel meets them (no more "16 seats proposed for a pool of 12")."""

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from domaine.groupe_moteur import Membre, Objectifs
from domaine.quotas import quotas_par_defaut
from domaine.vocabulaire import College, Genre, VoieEntree
from tirage.equite import verifier_faisabilite
from tirage.vivier import Candidat, lire_quotas

QPV = ["QPV-A", "QPV-B"]
LIEUX = [*QPV, "hors_qpv"]
DEPUIS = datetime(2026, 1, 5, tzinfo=UTC)


def candidat(i: int, college: str, genre: str, quartier: str = "hors_qpv") -> Candidat:
    return Candidat(f"p{i:03d}", college, genre, quartier, "oui")


def faisable(document: dict, vivier: list[Candidat]) -> None:
    verifier_faisabilite(vivier, lire_quotas(document, vivier))


def test_seize_places_pour_un_vivier_de_douze() -> None:
    """The case seen in the browser: 16 free seats, 12 volunteers (all habitants)."""
    objectifs = Objectifs(taille=24)
    membres = [
        Membre(f"m{i}", College.HABITANT, Genre.FEMME if i % 2 else Genre.HOMME, "hors_qpv",
               VoieEntree.TIRAGE, DEPUIS)
        for i in range(8)
    ]  # fmt: skip
    vivier = [candidat(i, "habitant", "femme" if i % 2 else "homme") for i in range(12)]

    cibles = quotas_par_defaut(objectifs, membres, QPV)
    proposes = quotas_par_defaut(objectifs, membres, QPV, vivier=vivier)

    assert cibles["taille"] == 16
    assert proposes["taille"] == 8  # the 8 habitants' seats; local actors' seats stay open
    assert proposes["quotas"]["college"] == {"acteur_local": [0, 0], "habitant": [8, 8]}
    assert proposes["quotas"]["genre"] == {"femme": [4, 4], "homme": [4, 4]}
    faisable(proposes, vivier)


def test_un_grand_vivier_equilibre_garde_les_objectifs() -> None:
    objectifs = Objectifs(taille=30, minimum_par_quartier=2)
    vivier = [
        candidat(i, "acteur_local" if i % 3 == 0 else "habitant",
                 "femme" if i % 2 else "homme", LIEUX[i % 3])
        for i in range(90)
    ]  # fmt: skip

    proposes = quotas_par_defaut(objectifs, [], QPV, vivier=vivier)

    cibles = quotas_par_defaut(objectifs, [], QPV)
    assert proposes == {
        "taille": cibles["taille"],
        "quotas": {c: dict(sorted(v.items())) for c, v in sorted(cibles["quotas"].items())},
    }


def test_un_vivier_vide_ne_propose_aucune_place() -> None:
    assert quotas_par_defaut(Objectifs(taille=20), [], QPV, vivier=[])["taille"] == 0


@st.composite
def situations(draw: st.DrawFn) -> tuple[Objectifs, list[Membre], list[Candidat]]:
    objectifs = Objectifs(
        taille=draw(st.integers(20, 50)),
        part_habitants=draw(st.integers(50, 100)),
        parite=draw(st.booleans()),
        minimum_par_quartier=draw(st.integers(0, 10)),
    )
    traits = st.tuples(
        st.sampled_from(list(College)),
        st.sampled_from([Genre.FEMME, Genre.HOMME, Genre.AUTRE]),
        st.sampled_from(LIEUX),
    )
    membres = [
        Membre(f"m{i}", college, genre, lieu, VoieEntree.TIRAGE, DEPUIS)
        for i, (college, genre, lieu) in enumerate(
            draw(st.lists(traits, max_size=objectifs.taille - 1))
        )
    ]
    gens = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["habitant", "acteur_local"]),
                st.sampled_from(["femme", "homme", "autre", "nsp"]),
                st.sampled_from([*LIEUX, "QPV-AUTRE"]),
            ),
            min_size=1,
            max_size=70,
        )
    )
    vivier = [candidat(i, *t) for i, t in enumerate(gens)]
    return objectifs, membres, vivier


@settings(max_examples=150, deadline=None)
@given(situations())
def test_les_quotas_proposes_sont_toujours_faisables_pour_le_vivier(
    situation: tuple[Objectifs, list[Membre], list[Candidat]],
) -> None:
    objectifs, membres, vivier = situation
    places = quotas_par_defaut(objectifs, membres, QPV)["taille"]

    proposes = quotas_par_defaut(objectifs, membres, QPV, vivier=vivier)

    assert 0 <= proposes["taille"] <= min(places, len(vivier))
    if proposes["taille"]:
        faisable(proposes, vivier)
    else:  # nobody in the pool for the free seats of any college
        libres = {c for c, (_, hi) in proposes["quotas"]["college"].items()}
        cibles = quotas_par_defaut(objectifs, membres, QPV)["quotas"]["college"]
        assert places == 0 or not any(
            c.college in libres and cibles[c.college][1] > 0 for c in vivier
        )


def test_la_parite_laisse_une_chance_a_qui_ne_se_dit_ni_femme_ni_homme() -> None:
    """With exact halves for women and men, nobody of another or unstated gender could ever be
    drawn: the proposed quotas keep women and men within a seat of each other and open a seat
    to them, and each of them gets a real chance."""
    from tirage.equite import leximin, probleme

    genres = ["femme", "homme"] * 21 + ["nsp", "nsp", "autre", "femme", "homme"]
    vivier = [
        candidat(i, "acteur_local" if i % 3 == 0 else "habitant", g) for i, g in enumerate(genres)
    ]
    document = quotas_par_defaut(Objectifs(taille=20), [], [], vivier=vivier)

    femmes, hommes = document["quotas"]["genre"]["femme"], document["quotas"]["genre"]["homme"]
    assert femmes == hommes and femmes[1] - femmes[0] <= 2 and femmes[1] == 10
    distribution = leximin(probleme(vivier, lire_quotas(document, vivier)))
    assert distribution.minimum > 0.05  # everyone, "nsp" and "autre" included


def test_sans_personne_d_un_autre_genre_la_parite_reste_exacte() -> None:
    vivier = [
        candidat(i, "acteur_local" if i % 3 == 0 else "habitant", "femme" if i % 2 else "homme")
        for i in range(60)
    ]
    document = quotas_par_defaut(Objectifs(taille=20), [], [], vivier=vivier)
    assert document["quotas"]["genre"] == {"femme": [10, 10], "homme": [10, 10]}
