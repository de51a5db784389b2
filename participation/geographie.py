"""Use cases of the priority geography: adopt an official list of QPV, institute a council
where it adds one, and keep this process's referential (`domaine.quartiers`) up to date."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError

from domaine.conseils import ConseilCitoyen, id_conseil
from domaine.geographie import (
    EXPLOITATION,
    ID_REFERENTIEL,
    ReferentielGeographique,
    arrondissements_sans_conseil,
    lire_liste,
    nouvelle_geographie,
)
from domaine.quartiers import (
    REFERENTIEL_INITIAL,
    Geographie,
    Referentiel,
    installer,
    referentiel,
)
from projections.tables import conseils
from stockage.registre import Registre


@dataclass(frozen=True)
class Comparaison:
    """What an adoption changes, shown before it is recorded (`--essai`) and after."""

    geographie: Geographie
    entrants: list[str]
    sortants: list[str]
    renommes: list[tuple[str, str, str]]
    sans_conseil: list[int]


class ServiceGeographie:
    def __init__(self, registre: Registre, moteur: Engine) -> None:
        self.registre = registre
        self.moteur = moteur
        self._lu: Referentiel | None = None

    def du_journal(self) -> Referentiel:
        """The referential as the log has it: the founding geography, those adopted since, and
        the councils the read model lists (the founding eight before the first migration)."""
        courant = REFERENTIEL_INITIAL
        try:
            adoptees = self.registre.trouver(ReferentielGeographique, ID_REFERENTIEL)
            with self.moteur.connect() as cnx:
                instituees = cnx.execute(select(conseils.c.arrondissement)).scalars().all()
        except DBAPIError:  # no schema yet: `participation db upgrade` has not run
            return courant
        for geographie in adoptees.geographies if adoptees else []:
            courant = courant.avec_geographie(geographie)
        for arrondissement in instituees:
            courant = courant.avec_conseil(arrondissement)
        return courant

    def installer(self) -> Referentiel:
        """Make the log's referential this process's: at start, then after each catch-up if
        the log's has changed since this service last read it (a list or a council another
        process recorded), so that an idle platform never overrides another one's."""
        courant = self.du_journal()
        if courant != self._lu:
            installer(courant)
            self._lu = courant
        return courant

    def _installer(self, nouveau: Referentiel) -> None:
        installer(nouveau)
        self._lu = nouveau

    def comparer(self, contenu: str, periode: str, debut: date, source: str) -> Comparaison:
        """Read the official file and compare it with the geography in force before `debut`;
        raises `DonneeInvalide` on a malformed file. Records nothing."""
        quartiers = lire_liste(contenu)
        connu = referentiel()
        precedente = max(connu.geographies, key=lambda g: g.debut)
        nouvelle = nouvelle_geographie(periode, debut, quartiers, source)
        avant = {q.code: q.nom for q in precedente.quartiers}
        apres = {q.code: q.nom for q in quartiers}
        return Comparaison(
            nouvelle,
            sorted(c for c in apres if c not in avant),
            sorted(c for c in avant if c not in apres),
            sorted((c, avant[c], apres[c]) for c in apres if c in avant and avant[c] != apres[c]),
            arrondissements_sans_conseil(nouvelle, connu),
        )

    def adopter(self, contenu: str, periode: str, debut: date, source: str) -> Comparaison:
        """Record the official list as in force from `debut`, then install it."""
        comparaison = self.comparer(contenu, periode, debut, source)
        le = self.registre.maintenant()
        agregat = self.registre.trouver(ReferentielGeographique, ID_REFERENTIEL)
        if agregat is None:
            agregat = ReferentielGeographique.ouvrir(le)
        agregat.adopter(
            comparaison.geographie.periode,
            debut,
            source,
            comparaison.geographie.quartiers,
            referentiel(),
            EXPLOITATION,
            le,
        )
        self.registre.enregistrer(agregat)
        self._installer(referentiel().avec_geographie(comparaison.geographie))
        return comparaison

    def instituer(self, arrondissement: int) -> int:
        """Institute the council of an arrondissement a geography gave a QPV."""
        if self.registre.trouver(ConseilCitoyen, id_conseil(arrondissement)) is not None:
            return self.registre.position()
        conseil = ConseilCitoyen.instituer(arrondissement, self.registre.maintenant())
        position = self.registre.enregistrer(conseil)
        self._installer(referentiel().avec_conseil(arrondissement))
        return position
