"""The quotas of a tirage of the groupe moteur: the defaults its targets ask for, made feasible
for a pool, and the checks of quotas against the free seats and the pool before an announcement.

The defaults count the members seated and the seats that announced tirages hold (their quotas'
minimums): the announcement of a second tirage does not ask again for what the first will seat.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from domaine.erreurs import ChampInvalide, DonneeInvalide, EtatIncompatible
from domaine.groupe_moteur import Membre, Objectifs
from domaine.tirages import QuotasImpossibles, valeurs_du_tirage
from domaine.viviers import COLONNES_DE_CONTACT, VIVIER_VIDE
from domaine.vocabulaire import College, Genre
from tirage.equite import assouplir, verifier_faisabilite
from tirage.erreurs import ErreurTirage, QuotasInfaisables
from tirage.vivier import Candidat, Quotas, lire_quotas

PRIORITES = {"college": 10}
"""When the defaults must give way for a pool, the colleges' shares give way last: a seat of
one college is not lightly given to the other."""


def quotas_par_defaut(
    objectifs: Objectifs,
    membres: list[Membre],
    quartiers: list[str],
    reservees: dict[tuple[str, str], int] | None = None,
    vivier: Sequence[Candidat] | None = None,
) -> dict[str, Any]:
    """Quotas that bring the groupe moteur to its targets from its current members: the free
    seats of each college (none for local actors seated by consensus), parity, per QPV.
    `reservees`: (category, value) -> seats that announced tirages will fill at the least.
    With `vivier`, they are made feasible for that pool (`ajuster_au_vivier`)."""
    cibles = _cibles(objectifs, membres, quartiers, reservees or {})
    return cibles if vivier is None else ajuster_au_vivier(cibles, vivier)


def ajuster_au_vivier(cibles: dict[str, Any], vivier: Sequence[Candidat]) -> dict[str, Any]:
    """The targets' quotas, made feasible for this pool, so that a panel always exists.

    Each college gets no more seats than the pool has people of it; the size follows (the
    seats left are filled later, by another tirage or by consensus). The other bounds keep
    their share of the seats filled (parity stays parity) and no minimum asks for more
    people than the pool has; then, if categories still clash, the least relaxation that
    allows a panel is applied, the colleges giving way last. An empty pool, or one with
    nobody for the free seats, gives a size of 0."""
    quotas = {c: {v: list(b) for v, b in vals.items()} for c, vals in cibles["quotas"].items()}
    comptes = Counter((c, candidat.trait(c)) for candidat in vivier for c in quotas)
    taille = min(cibles["taille"], len(vivier))
    college = quotas.get("college", {})
    if college:
        for valeur, (lo, hi) in college.items():
            n = comptes[("college", valeur)]
            college[valeur] = [min(lo, n), min(hi, n)]
        autres = sum(1 for c in vivier if c.college not in college)  # unconstrained colleges
        taille = min(taille, sum(hi for _, hi in college.values()) + autres)
    places = cibles["taille"]
    for categorie, valeurs in quotas.items():
        for valeur, (lo, hi) in valeurs.items():
            if categorie != "college" and taille < places:
                lo, hi = lo * taille // places, -(-hi * taille // places)  # floor, ceiling
            lo = min(lo, comptes[(categorie, valeur)], taille)
            valeurs[valeur] = [lo, max(lo, min(hi, taille))]
    _places_hors_binaire(quotas, vivier, taille)
    if taille < 1:
        return {"taille": 0, "quotas": quotas}
    bornes = {c: {v: (b[0], b[1]) for v, b in vals.items()} for c, vals in quotas.items()}
    return assouplir(vivier, Quotas(taille, bornes), PRIORITES).en_json()


def _places_hors_binaire(quotas: dict[str, Any], vivier: Sequence[Candidat], taille: int) -> None:
    """Parity without shutting anyone out: when the pool holds people of another gender or who
    did not state one, exact halves for women and men would give them no chance at all. The
    minima of women and of men are lowered by the same amount, so that about their share of the
    pool's seats (at least one) may go to them, women and men staying within one seat of
    each other's bounds."""
    genre = quotas.get("genre", {})
    if not {"femme", "homme"} <= genre.keys() or taille < 1:
        return
    autres = sum(1 for c in vivier if c.genre not in ("femme", "homme"))
    if not autres:
        return
    ouvertes = min(autres, max(1, round(taille * autres / len(vivier))))
    retrait = -(-ouvertes // 2)  # ceiling: the same for both sides
    for g in ("femme", "homme"):
        genre[g][0] = max(0, genre[g][0] - retrait)


def _cibles(
    objectifs: Objectifs,
    membres: list[Membre],
    quartiers: list[str],
    reserve: dict[tuple[str, str], int],
) -> dict[str, Any]:
    """The quotas the targets ask for, whatever the pool."""

    def deja(categorie: str, valeur: str, presents: int) -> int:
        return presents + reserve.get((categorie, valeur), 0)

    habitants = objectifs.places_habitants - deja(
        "college", "habitant", sum(m.college == College.HABITANT for m in membres)
    )
    acteurs = objectifs.taille - objectifs.places_habitants
    acteurs -= deja(
        "college", "acteur_local", sum(m.college == College.ACTEUR_LOCAL for m in membres)
    )
    habitants, acteurs = max(0, habitants), max(0, acteurs)
    places = habitants + acteurs
    quotas: dict[str, Any] = {
        "college": {"habitant": [habitants, habitants], "acteur_local": [acteurs, acteurs]}
    }
    if objectifs.parite:
        moitie_basse, moitie_haute = objectifs.taille // 2, objectifs.taille - objectifs.taille // 2
        bornes = {}
        for genre, present in (
            ("femme", sum(m.genre == Genre.FEMME for m in membres)),
            ("homme", sum(m.genre == Genre.HOMME for m in membres)),
        ):
            assis = deja("genre", genre, present)
            bornes[genre] = [
                min(places, max(0, moitie_basse - assis)),
                min(places, max(0, moitie_haute - assis)),
            ]
        while bornes["femme"][0] + bornes["homme"][0] > places:  # reserved seats may tip it
            plus = max(bornes, key=lambda g: (bornes[g][0], g))
            bornes[plus][0] -= 1
        quotas["genre"] = bornes
    if objectifs.minimum_par_quartier:
        quotas["quartier"] = {
            q: [
                min(
                    places,
                    max(
                        0,
                        objectifs.minimum_par_quartier
                        - deja("quartier", q, sum(m.quartier == q for m in membres)),
                    ),
                ),
                places,
            ]
            for q in quartiers
        }
    return {"taille": places, "quotas": quotas}


def minimums_reserves(
    quotas_annonces: Iterable[dict[str, dict[str, list[int]]]],
) -> dict[tuple[str, str], int]:
    """What announced tirages will seat at the least: the sum of their quotas' minimums, by
    (category, value)."""
    reservees: dict[tuple[str, str], int] = {}
    for quotas in quotas_annonces:
        for categorie, valeurs in quotas.items():
            for valeur, (minimum, _) in valeurs.items():
                cle = (categorie, valeur)
                reservees[cle] = reservees.get(cle, 0) + minimum
    return reservees


def normaliser(quotas: dict[str, Any]) -> dict[str, Any]:
    """The defaults in the announcement's own form (sorted values), to compare them."""
    return {
        "taille": quotas["taille"],
        "quotas": {
            c: {v: list(b) for v, b in sorted(vals.items())}
            for c, vals in sorted(quotas["quotas"].items())
        },
    }


def examiner_quotas(
    places_libres: int, places_reservees: int, quotas: dict[str, Any], vivier: list[Candidat]
) -> Quotas:
    """Whether the quotas can be met with this pool, without computing the lottery, each
    refusal naming its field; infeasible quotas raise `QuotasImpossibles` with the quotas that
    block and by how much. `places_reservees`: the seats announced tirages hold."""
    if places_libres == 0 and places_reservees:
        raise EtatIncompatible(
            "Aucune place n'est libre au groupe moteur (%(reservees)s réservées par un tirage "
            "annoncé).",
            reservees=places_reservees,
        )
    if places_libres == 0:
        raise EtatIncompatible("Aucune place n'est libre au groupe moteur.")
    if not vivier:
        raise ChampInvalide("liste_csv", VIVIER_VIDE)
    contacts = sorted(set(COLONNES_DE_CONTACT) & set(quotas.get("quotas") or {}))
    if contacts:
        raise DonneeInvalide(
            "La colonne « %(colonne)s » contient des coordonnées : elle ne peut pas "
            "porter de quotas (elle serait publiée).",
            colonne=contacts[0],
        )
    taille = quotas.get("taille")
    if isinstance(taille, int) and not isinstance(taille, bool):
        if taille > places_libres and places_reservees:
            raise ChampInvalide(
                "taille",
                "Le tirage pourvoirait %(taille)s places, mais il n'en reste que "
                "%(libres)s au groupe moteur (%(reservees)s réservées par un tirage annoncé).",
                taille=taille,
                libres=places_libres,
                reservees=places_reservees,
            )
        if taille > places_libres:
            raise ChampInvalide(
                "taille",
                "Le tirage pourvoirait %(taille)s places, mais il n'en reste que "
                "%(libres)s au groupe moteur.",
                taille=taille,
                libres=places_libres,
            )
        if not 1 <= taille <= len(vivier) and len(vivier) > 1:
            raise ChampInvalide(
                "taille",
                "Le tirage pourvoit de 1 à %(personnes)s places : le vivier compte "
                "%(personnes)s personnes.",
                personnes=len(vivier),
            )
        if not 1 <= taille <= len(vivier):
            raise ChampInvalide(
                "taille",
                "Le tirage pourvoit de 1 à %(personnes)s places : le vivier compte "
                "%(personnes)s personne.",
                personnes=len(vivier),
            )
    try:
        lus = lire_quotas(quotas, vivier)
    except ErreurTirage as erreur:
        raise DonneeInvalide(erreur.gabarit, **valeurs_du_tirage(erreur)) from None
    try:
        verifier_faisabilite(vivier, lus)
    except QuotasInfaisables as erreur:
        raise QuotasImpossibles(
            erreur.gabarit, erreur.blocages, **valeurs_du_tirage(erreur)
        ) from None
    return lus
