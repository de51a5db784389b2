"""The priority-neighbourhood (QPV) referential, versioned by contract period, and the
arrondissements that have a council.

The first geography is copied from the Paris Contrat de Ville 2015-2020 (its table of the 20
QPV). Later ones (the list in force from 1 January 2024, décret n° 2023-1314) are data: an
agent loads the official file (`participation geographie importer`), which records a
`ReferentielGeographique.GeographieAdoptee` event (`domaine/geographie.py`); past records keep
the codes they were made with. Councils are instituted by events too, so the eight founding
ones are only where the platform starts.

The platform installs the `Referentiel` built from its log (`installer`) when it starts and
whenever one of those events is recorded or projected: every validation reads it, it changes
a few times a decade and is the same for the whole process, so it is installed rather than
passed through every command.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta

from domaine.erreurs import DonneeInvalide
from domaine.traduction import N_, _

HORS_QPV = "hors_qpv"
"""Neighbourhood value of someone living outside every priority neighbourhood."""
LIBELLE_HORS_QPV = N_("Hors quartier prioritaire")


@dataclass(frozen=True)
class Quartier:
    code: str
    nom: str
    arrondissements: tuple[int, ...]
    population: int | None = None
    revenu_median_eur: int | None = None


@dataclass(frozen=True)
class Geographie:
    """The priority neighbourhoods in force over one period, and the arrondissements concerned."""

    periode: str
    debut: date
    fin: date | None
    arrondissements: tuple[int, ...]
    quartiers: tuple[Quartier, ...]
    source: str = ""

    def quartiers_de(self, arrondissement: int) -> tuple[Quartier, ...]:
        return tuple(q for q in self.quartiers if arrondissement in q.arrondissements)

    def quartier(self, code: str) -> Quartier:
        for q in self.quartiers:
            if q.code == code:
                return q
        raise DonneeInvalide("Quartier inconnu : « %(code)s ».", code=code)


GEOGRAPHIE_2015_2023 = Geographie(
    periode="2015-2023",
    debut=date(2015, 1, 1),
    fin=date(2023, 12, 31),
    arrondissements=(10, 11, 13, 14, 17, 18, 19, 20),
    source="Contrat de Ville de Paris 2015-2020 (décret n° 2014-1750 du 30 décembre 2014)",
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

TOUS_LES_ARRONDISSEMENTS: tuple[int, ...] = tuple(range(1, 21))
"""Paris's twenty arrondissements: where a council could ever be instituted."""

ARRONDISSEMENTS_FONDATEURS: tuple[int, ...] = GEOGRAPHIE_2015_2023.arrondissements
"""The arrondissements whose councils the platform institutes when it is set up (seed l.267,
l.1627); others are instituted later (`participation conseils instituer`)."""


@dataclass(frozen=True)
class Referentiel:
    """The geographies known, oldest first, and the arrondissements that have a council."""

    geographies: tuple[Geographie, ...]
    conseils: tuple[int, ...]

    def avec_geographie(self, geographie: Geographie) -> "Referentiel":
        """This referential with `geographie` added (or replaced, same period): the previous
        one now ends the day before it begins."""
        autres = [g for g in self.geographies if g.periode != geographie.periode]
        suite = sorted([*autres, geographie], key=lambda g: g.debut)
        bornees = tuple(
            replace(g, fin=suite[i + 1].debut - timedelta(days=1)) if i + 1 < len(suite) else g
            for i, g in enumerate(suite)
        )
        return replace(self, geographies=bornees)

    def avec_conseil(self, arrondissement: int) -> "Referentiel":
        return replace(self, conseils=tuple(sorted({*self.conseils, arrondissement})))


REFERENTIEL_INITIAL = Referentiel((GEOGRAPHIE_2015_2023,), ARRONDISSEMENTS_FONDATEURS)
_en_vigueur = REFERENTIEL_INITIAL


def installer(referentiel: Referentiel) -> None:
    """Make `referentiel` the one every validation of this process reads."""
    global _en_vigueur
    _en_vigueur = referentiel


def referentiel() -> Referentiel:
    return _en_vigueur


def arrondissements() -> tuple[int, ...]:
    """The arrondissements that have a conseil citoyen, in order."""
    return _en_vigueur.conseils


def geographie_au(jour: date) -> Geographie:
    """The geography in force on `jour`; the latest one known when none covers it yet."""
    geographies = _en_vigueur.geographies
    for geo in geographies:
        if geo.debut <= jour and (geo.fin is None or jour <= geo.fin):
            return geo
    connues = [g for g in geographies if g.debut <= jour]
    return connues[-1] if connues else geographies[0]


def quartier_a_jour(arrondissement: int, code: str, jour: date) -> bool:
    """Whether a declared neighbourhood still exists on `jour` (hors QPV always does): a member
    whose QPV left the list is asked to declare it again."""
    if code == HORS_QPV:
        return True
    return any(q.code == code for q in geographie_au(jour).quartiers_de(arrondissement))


def libelle_quartier(code: str) -> str:
    """The name of a neighbourhood, from the latest geography that knows its code (records keep
    the code they were made with); the code itself when none does."""
    if code == HORS_QPV:
        return _(LIBELLE_HORS_QPV)
    for geographie in reversed(_en_vigueur.geographies):
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
        raise DonneeInvalide(
            "« %(brut)s » n'est pas un numéro d'arrondissement.", brut=brut[:20]
        ) from None
    return verifier_arrondissement(arrondissement)


def verifier_arrondissement(arrondissement: int) -> int:
    if arrondissement not in arrondissements():
        # Translators: an arrondissement's number in a list ("10e, 11e, 13e" in French).
        numero = _("%(numero)se")
        connus = ", ".join(numero % {"numero": a} for a in arrondissements())
        raise DonneeInvalide(
            "Il n'y a pas de conseil citoyen dans le %(arrondissement)se arrondissement "
            "(arrondissements concernés : %(connus)s).",
            arrondissement=arrondissement,
            connus=connus,
        )
    return arrondissement


def verifier_instituable(arrondissement: int) -> int:
    """A council may be instituted where some geography has a QPV (and in the founding eight)."""
    if arrondissement not in TOUS_LES_ARRONDISSEMENTS:
        raise DonneeInvalide(
            "Paris n'a pas de %(arrondissement)se arrondissement.", arrondissement=arrondissement
        )
    avec_qpv = {a for g in _en_vigueur.geographies for a in g.arrondissements}
    if arrondissement not in avec_qpv | set(ARRONDISSEMENTS_FONDATEURS):
        raise DonneeInvalide(
            "Le %(arrondissement)se arrondissement n'a aucun quartier prioritaire : "
            "un conseil citoyen ne peut y être institué.",
            arrondissement=arrondissement,
        )
    return arrondissement


def verifier_quartier(arrondissement: int, code: str, jour: date) -> str:
    """A member's neighbourhood: one of the arrondissement's QPV, or hors QPV."""
    if code == HORS_QPV:
        return code
    codes = {q.code for q in geographie_au(jour).quartiers_de(arrondissement)}
    if code not in codes:
        raise DonneeInvalide(
            "Le quartier « %(code)s » n'est pas un quartier prioritaire du "
            "%(arrondissement)se arrondissement.",
            code=code,
            arrondissement=arrondissement,
        )
    return code
