"""The priority-neighbourhood (QPV) referential, versioned by contract period.

Copied from the Paris Contrat de Ville 2015-2020 (its table of the 20 QPV). The geography changed
on 1 January 2024 (21 QPV); that list is added as a new `Geographie` when it is published to us,
without touching the one below, so that past records keep the neighbourhoods they were made with.
"""

from dataclasses import dataclass
from datetime import date

from domaine.erreurs import DonneeInvalide

HORS_QPV = "hors_qpv"
"""Neighbourhood value of someone living outside every priority neighbourhood."""
LIBELLE_HORS_QPV = "Hors quartier prioritaire"


@dataclass(frozen=True)
class Quartier:
    code: str
    nom: str
    arrondissements: tuple[int, ...]
    population: int
    revenu_median_eur: int


@dataclass(frozen=True)
class Geographie:
    """The priority neighbourhoods in force over one period, and the arrondissements concerned."""

    periode: str
    debut: date
    fin: date | None
    arrondissements: tuple[int, ...]
    quartiers: tuple[Quartier, ...]

    def quartiers_de(self, arrondissement: int) -> tuple[Quartier, ...]:
        return tuple(q for q in self.quartiers if arrondissement in q.arrondissements)

    def quartier(self, code: str) -> Quartier:
        for q in self.quartiers:
            if q.code == code:
                return q
        raise DonneeInvalide(f"Quartier inconnu : « {code} ».")


GEOGRAPHIE_2015_2023 = Geographie(
    periode="2015-2023",
    debut=date(2015, 1, 1),
    fin=date(2023, 12, 31),
    arrondissements=(10, 11, 13, 14, 17, 18, 19, 20),
    quartiers=(
        Quartier("QPV-13-BEDIER-BOUTROUX", "Bédier-Boutroux", (13,), 1850, 12500),
        Quartier("QPV-13-VILLA-D-ESTE", "Villa d'Este", (13,), 2680, 11690),
        Quartier("QPV-13-KELLERMANN-PAUL-BOURGET", "Kellermann-Paul Bourget", (13,), 2080, 11100),
        Quartier("QPV-13-JEANNE-D-ARC-CLISSON", "Jeanne d'Arc-Clisson", (13,), 1930, 5400),
        Quartier("QPV-13-OUDINE-CHEVALERET", "Oudiné-Chevaleret", (13,), 1370, 12100),
        Quartier("QPV-14-DIDOT-PORTE-DE-VANVES", "Didot-Porte de Vanves", (14,), 3370, 12200),
        Quartier(
            "QPV-17-PORTE-DE-ST-OUEN-PORTE-POUCHET",
            "Porte de St-Ouen - Porte Pouchet",
            (17,),
            3880,
            11700,
        ),
        Quartier("QPV-18-BLEMONT", "Blémont", (18,), 2510, 12600),
        Quartier(
            "QPV-18-PORTE-MONTMARTRE-POISSONNIERS-MOSKOVA",
            "Porte Montmartre-Porte des Poissonniers-Moskova",
            (18,),
            14970,
            11300,
        ),
        Quartier("QPV-18-LA-CHAPELLE-EVANGILE", "La Chapelle-Evangile", (18,), 7610, 12300),
        Quartier("QPV-18-GOUTTE-D-OR", "Goutte d'Or", (18,), 12970, 10800),
        Quartier(
            "QPV-18-19-PORTE-DE-LA-CHAPELLE-CHARLES-HERMITE",
            "Porte de la Chapelle-Charles Hermite",
            (
                18,
                19,
            ),
            4490,
            10300,
        ),
        Quartier("QPV-19-STALINGRAD-RIQUET", "Stalingrad Riquet", (19,), 14840, 11900),
        Quartier(
            "QPV-19-MICHELET-ALPHONSE-KARR-RUE-DE-NANTES",
            "Michelet-Alphonse Karr-Rue de Nantes",
            (19,),
            13970,
            11800,
        ),
        Quartier("QPV-19-CHAUFOURNIERS", "Chaufourniers", (19,), 2310, 11800),
        Quartier(
            "QPV-19-DANUBE-SOLIDARITE-MARSEILLAISE",
            "Danube-Solidarité-Marseillaise",
            (19,),
            8990,
            10800,
        ),
        Quartier("QPV-19-ALGERIE", "Algérie", (19,), 1430, 10300),
        Quartier(
            "QPV-19-20-COMPANS-PELLEPORT",
            "Compans-Pelleport",
            (
                19,
                20,
            ),
            1470,
            12100,
        ),
        Quartier("QPV-20-LES-PORTES-DU-VINGTIEME", "Les Portes du Vingtième", (20,), 17530, 11900),
        Quartier(
            "QPV-10-11-20-GRAND-BELLEVILLE",
            "Grand Belleville",
            (
                10,
                11,
                20,
            ),
            30210,
            12300,
        ),
    ),
)

GEOGRAPHIES: tuple[Geographie, ...] = (GEOGRAPHIE_2015_2023,)


def geographie_au(jour: date) -> Geographie:
    """The geography in force on `jour`; the latest one known when none covers it yet."""
    for geo in GEOGRAPHIES:
        if geo.debut <= jour and (geo.fin is None or jour <= geo.fin):
            return geo
    connues = [g for g in GEOGRAPHIES if g.debut <= jour]
    return connues[-1] if connues else GEOGRAPHIES[0]


ARRONDISSEMENTS: tuple[int, ...] = GEOGRAPHIE_2015_2023.arrondissements
"""The arrondissements that have a conseil citoyen (seed l.267, l.1627)."""


def libelle_quartier(code: str) -> str:
    """The name of a neighbourhood, from the latest geography that knows its code (records keep
    the code they were made with); the code itself when none does."""
    if code == HORS_QPV:
        return LIBELLE_HORS_QPV
    for geographie in reversed(GEOGRAPHIES):
        for q in geographie.quartiers:
            if q.code == code:
                return q.nom
    return code


def lire_arrondissement(brut: str) -> int:
    """The arrondissement of a council written as a number ("18", as in the URLs), or
    `DonneeInvalide`."""
    try:
        arrondissement = int(brut)
    except ValueError:
        raise DonneeInvalide(f"« {brut[:20]} » n'est pas un numéro d'arrondissement.") from None
    return verifier_arrondissement(arrondissement)


def verifier_arrondissement(arrondissement: int) -> int:
    if arrondissement not in ARRONDISSEMENTS:
        connus = ", ".join(f"{a}e" for a in ARRONDISSEMENTS)
        raise DonneeInvalide(
            f"Il n'y a pas de conseil citoyen dans le {arrondissement}e arrondissement "
            f"(arrondissements concernés : {connus})."
        )
    return arrondissement


def verifier_quartier(arrondissement: int, code: str, jour: date) -> str:
    """A member's neighbourhood: one of the arrondissement's QPV, or hors QPV."""
    if code == HORS_QPV:
        return code
    codes = {q.code for q in geographie_au(jour).quartiers_de(arrondissement)}
    if code not in codes:
        raise DonneeInvalide(
            f"Le quartier « {code} » n'est pas un quartier prioritaire du "
            f"{arrondissement}e arrondissement."
        )
    return code
