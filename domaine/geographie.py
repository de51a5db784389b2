"""The priority geography as data: each official list of QPV, adopted with its period and source.

The list of priority neighbourhoods is fixed by decree for a contract period (décret
n° 2014-1750 for 2015-2023, n° 2023-1314 from 1 January 2024). An agent loads the official file;
the platform records it as one event, so that what was in force on any past day can be rebuilt
and past reports keep the geography they were made with.
"""

import csv
import io
from datetime import date, datetime, timedelta
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domaine.erreurs import ChampInvalide, DonneeInvalide, au_champ
from domaine.quartiers import (
    HORS_QPV,
    TOUS_LES_ARRONDISSEMENTS,
    Geographie,
    Quartier,
    Referentiel,
)
from domaine.temps import jour_a_paris
from domaine.textes import TITRE_MAX, jour_des_conseils, texte
from domaine.traduction import _

ID_REFERENTIEL = uuid5(NAMESPACE_URL, "https://participation.paris/referentiel-geographique")
"""The referential is one aggregate for the whole platform."""
EXPLOITATION = uuid5(NAMESPACE_URL, "https://participation.paris/exploitation")
"""Who adopts a list: the platform's operator, at the command line (no account)."""

COLONNES = ("code", "nom", "arrondissements")
"""The columns the official file must have; `population` and `revenu_median_eur` are optional."""
CODE_MAX = 60
SOURCE_MAX = 500
LIGNES_MAX = 500


def lire_liste(contenu: str) -> tuple[Quartier, ...]:
    """The QPV of a CSV file (comma or semicolon separated, as the ANCT and data.gouv.fr publish
    them): `code`, `nom`, `arrondissements` ("18" or "18;19" or "18 19"). Raises
    `DonneeInvalide` naming the line of the first problem; a code or a name is never guessed."""
    premiere = contenu.lstrip("\ufeff").splitlines()[0] if contenu.strip() else ""
    if not premiere:
        raise DonneeInvalide("Le fichier est vide.")
    separateur = ";" if premiere.count(";") > premiere.count(",") else ","
    lecteur = csv.DictReader(io.StringIO(contenu.lstrip("\ufeff")), delimiter=separateur)
    entetes = [c.strip().lower() for c in (lecteur.fieldnames or [])]
    manquantes = [c for c in COLONNES if c not in entetes]
    if manquantes:
        raise DonneeInvalide(
            "Colonnes manquantes : %(colonnes)s (attendues : code, nom, "
            "arrondissements ; facultatives : population, revenu_median_eur).",
            colonnes=", ".join(manquantes),
        )
    quartiers: list[Quartier] = []
    for numero, brute in enumerate(lecteur, start=2):
        ligne = {(k or "").strip().lower(): (v or "").strip() for k, v in brute.items()}
        if not any(ligne.values()):
            continue
        if len(quartiers) >= LIGNES_MAX:
            raise DonneeInvalide(
                "Plus de %(maximum)s quartiers : ce n'est pas une liste de Paris.",
                maximum=LIGNES_MAX,
            )
        quartiers.append(_quartier(numero, ligne, separateur))
    if not quartiers:
        raise DonneeInvalide("Le fichier ne contient aucun quartier.")
    codes = [q.code for q in quartiers]
    doublons = sorted({c for c in codes if codes.count(c) > 1})
    if doublons:
        raise DonneeInvalide("Codes en double : %(codes)s.", codes=", ".join(doublons))
    return tuple(quartiers)


def _quartier(numero: int, ligne: dict[str, str], separateur: str) -> Quartier:
    code = ligne.get("code", "")
    nom = ligne.get("nom", "")
    if not code or len(code) > CODE_MAX or code == HORS_QPV or any(c.isspace() for c in code):
        raise DonneeInvalide(
            "Ligne %(numero)s : code absent ou invalide (« %(code)s »).",
            numero=numero,
            code=code[:40],
        )
    if not nom or len(nom) > TITRE_MAX:
        raise DonneeInvalide("Ligne %(numero)s : nom absent ou trop long.", numero=numero)
    brut = ligne.get("arrondissements", "").replace(";", " ").replace(",", " ").split()
    try:
        arrondissements = tuple(sorted({int(a.removesuffix("e")) for a in brut}))
    except ValueError:
        raise DonneeInvalide(
            "Ligne %(numero)s : arrondissements illisibles.", numero=numero
        ) from None
    if not arrondissements or any(a not in TOUS_LES_ARRONDISSEMENTS for a in arrondissements):
        raise DonneeInvalide(
            "Ligne %(numero)s : arrondissements de Paris attendus (1 à 20).", numero=numero
        )
    return Quartier(
        code,
        nom,
        arrondissements,
        _entier(numero, ligne.get("population", ""), "population"),
        _entier(numero, ligne.get("revenu_median_eur", ""), "revenu_median_eur"),
    )


def _entier(numero: int, brut: str, colonne: str) -> int | None:
    if not brut:
        return None
    try:
        valeur = int(brut.replace(" ", "").replace("\u202f", ""))
    except ValueError:
        raise DonneeInvalide(
            "Ligne %(numero)s : %(colonne)s n'est pas un nombre entier.",
            numero=numero,
            colonne=colonne,
        ) from None
    if valeur < 0:
        raise DonneeInvalide(
            "Ligne %(numero)s : %(colonne)s ne peut pas être négatif.",
            numero=numero,
            colonne=colonne,
        )
    return valeur


def _charge(q: Quartier) -> dict[str, Any]:
    return {
        "code": q.code,
        "nom": q.nom,
        "arrondissements": list(q.arrondissements),
        "population": q.population,
        "revenu_median_eur": q.revenu_median_eur,
    }


def nouvelle_geographie(
    periode: str, debut: date, quartiers: tuple[Quartier, ...], source: str
) -> Geographie:
    """A list from `debut`, over the arrondissements its QPV touch (its end is set by the
    next one)."""
    concernes = tuple(sorted({a for q in quartiers for a in q.arrondissements}))
    return Geographie(periode, debut, None, concernes, quartiers, source)


def geographie_de(e: Any) -> Geographie:
    """The `Geographie` an adoption event describes."""
    quartiers = tuple(
        Quartier(
            q["code"],
            q["nom"],
            tuple(q["arrondissements"]),
            q.get("population"),
            q.get("revenu_median_eur"),
        )
        for q in e.quartiers
    )
    return nouvelle_geographie(e.periode, e.debut, quartiers, e.source)


class ReferentielGeographique(Aggregate):
    """The geographies adopted after the founding one, in the order of their start."""

    TOPIC = "participation:ReferentielGeographique"

    class Created(Aggregate.Created):
        """Base of this aggregate's creation event (the library requires it to be named)."""

        TOPIC = "participation:ReferentielGeographique.Created"

    class Ouvert(Created):
        TOPIC = "participation:ReferentielGeographique.Ouvert"

    class GeographieAdoptee(Aggregate.Event):
        """An official list of QPV, in force from `debut` until the next one begins."""

        TOPIC = "participation:ReferentielGeographique.GeographieAdoptee"
        periode: str
        debut: date
        source: str
        quartiers: list[dict[str, Any]]
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.geographies.append(geographie_de(self))

    def __init__(self) -> None:
        self.geographies: list[Geographie] = []

    @classmethod
    def ouvrir(cls, le: datetime) -> "ReferentielGeographique":
        referentiel: ReferentielGeographique = cls._create(
            cls.Ouvert, id=ID_REFERENTIEL, timestamp=le
        )
        return referentiel

    def adopter(
        self,
        periode: str,
        debut: date,
        source: str,
        quartiers: tuple[Quartier, ...],
        connu: Referentiel,
        par: UUID,
        le: datetime,
    ) -> None:
        """Adopt a new list from `debut`. It must begin after every geography known (`connu`,
        the founding one included): a list is never rewritten, a correction is a new period."""
        periode = texte(periode, _("période"), 40)
        source = texte(source, _("source"), SOURCE_MAX)
        debut = au_champ("debut", lambda: jour_des_conseils(debut, _("début")))
        if debut > jour_a_paris(le) + timedelta(days=2 * 366):
            raise ChampInvalide(
                "debut", "Une liste s'adopte quand elle est publiée, au plus deux ans avant."
            )
        if not quartiers:
            raise ChampInvalide("fichier", "La liste ne contient aucun quartier.")
        if any(g.periode == periode for g in connu.geographies):
            raise ChampInvalide(
                "periode", "La période « %(periode)s » existe déjà.", periode=periode
            )
        dernier = max(g.debut for g in connu.geographies)
        if debut <= dernier:
            raise ChampInvalide(
                "debut",
                "Une nouvelle géographie doit commencer après le %(dernier)s "
                "(début de la dernière connue).",
                dernier=dernier.strftime("%d/%m/%Y"),
            )
        self.trigger_event(
            self.GeographieAdoptee,
            periode=periode,
            debut=debut,
            source=source,
            quartiers=[_charge(q) for q in quartiers],
            par=par,
            timestamp=le,
        )


def arrondissements_sans_conseil(geographie: Geographie, referentiel: Referentiel) -> list[int]:
    """The arrondissements this geography gives a QPV but no council yet (to institute one)."""
    return [a for a in geographie.arrondissements if a not in referentiel.conseils]
