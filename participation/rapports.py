"""Annual reports: from the `lecture_faits` read model (fast), or from the raw event log (for
trust); both fold the same facts with `calcul.rapport_annuel`, so they give the same bytes."""

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, String, select, type_coerce

from domaine.erreurs import DonneeInvalide, Introuvable
from domaine.quartiers import arrondissements
from domaine.temps import annee_a_paris
from langues import _
from projections import ouvertures
from projections.projecteur import Projecteur
from projections.tables import faits
from rapports.calcul import (
    NATURES_DE_SEANCE,
    PREMIERE_ANNEE,
    PRESENCES,
    SEUIL_PAR_DEFAUT,
    EtatSuivi,
    bornes,
    ouverture,
    rapport_annuel,
)
from rapports.faits import TYPES_D_EVENEMENTS, Fait, faits_de
from stockage.audit import avec_point_de_controle
from stockage.registre import Registre

LOT = 5_000


class ServiceRapports:
    def __init__(self, registre: Registre, moteur: Engine, projecteur: Projecteur) -> None:
        self.registre = registre
        self.moteur = moteur
        self.projecteur = projecteur

    def annuel(
        self,
        annee: int,
        arrondissement: int | None = None,
        depuis_evenements: bool = False,
        seuil: int = SEUIL_PAR_DEFAUT,
        progression: Callable[[int], None] | None = None,
    ) -> dict[str, Any]:
        """The report of `annee` for one council, or for all eight and Paris as a whole."""
        perimetre = self.perimetre(annee, arrondissement)
        maintenant = self.registre.maintenant()
        if depuis_evenements:
            source = self._depuis_evenements(progression)
            rapport = rapport_annuel(source, annee, perimetre, seuil, maintenant)
            return avec_point_de_controle(rapport, self.moteur, bornes(annee)[1])
        self.projecteur.rattraper()
        debut, fin = bornes(annee)
        depart = self.ouverture(annee)
        dans_l_annee = (faits.c.le >= debut, faits.c.le < fin)
        autres = self._lecture(*dans_l_annee, faits.c.nature.not_in(PRESENCES))
        presences = self._presences(*dans_l_annee)
        rapport = rapport_annuel(autres, annee, perimetre, seuil, maintenant, depart, presences)
        return avec_point_de_controle(rapport, self.moteur, fin)

    def moyens(self, annee: int, arrondissement: int) -> dict[str, Any]:
        """The "moyens" section of one council's report, folded from the means facts alone
        (the section reads no other fact): what the council's page shows to everyone."""
        perimetre = self.perimetre(annee, arrondissement)
        self.projecteur.rattraper()
        debut, fin = bornes(annee)
        depart = self.ouverture(annee)
        natures = faits.c.nature.like("moyen%")
        lus = self._lecture(faits.c.le >= debut, faits.c.le < fin, natures)
        rapport = rapport_annuel(
            lus, annee, perimetre, SEUIL_PAR_DEFAUT, self.registre.maintenant(), depart
        )
        section: dict[str, Any] = rapport["conseils"][0]["moyens"]
        return section

    def ouverture(self, annee: int) -> EtatSuivi:
        """The fold's state on 1 January of `annee`: stored, or folded from the facts before
        it (attendance and decisions of past séances do not count: they are not read) and
        stored for the next report."""
        debut, __ = bornes(annee)
        avant = ouvertures.faits_avant(self.moteur, debut)
        etat = ouvertures.lire(self.moteur, annee, avant)
        if etat is None:
            histoire = self._lecture(faits.c.le < debut, faits.c.nature.not_in(NATURES_DE_SEANCE))
            etat = ouverture(histoire, annee)
            ouvertures.enregistrer(self.moteur, etat, avant, self.registre.maintenant())
        return etat

    def perimetre(self, annee: int, arrondissement: int | None) -> tuple[int, ...]:
        """Check the request; an unknown council or a year not begun is refused."""
        cette_annee = annee_a_paris(self.registre.maintenant())
        if isinstance(annee, bool) or not PREMIERE_ANNEE <= annee <= cette_annee:
            raise DonneeInvalide(
                "Année invalide : %(annee)s (les rapports couvrent %(premiere)s à "
                "%(derniere)s ; une année à venir n'a pas encore de rapport).",
                annee=annee,
                premiere=PREMIERE_ANNEE,
                derniere=cette_annee,
            )
        if arrondissement is None:
            return arrondissements()
        if arrondissement not in arrondissements():
            liste = ", ".join(_("%(arrondissement)se", arrondissement=a) for a in arrondissements())
            raise Introuvable(
                "Il n'y a pas de conseil citoyen dans le %(arrondissement)se arrondissement "
                "(arrondissements concernés : %(liste)s).",
                arrondissement=arrondissement,
                liste=liste,
            )
        return (arrondissement,)

    def _lecture(self, *conditions: ColumnElement[bool]) -> Iterator[Fait]:
        """The facts that meet `conditions`, in event order.

        Rows come in the order of `Fait`'s fields, so each becomes a `Fait` without naming
        its columns; instants are read as stored (see `_instant`), which on SQLite spares
        the ORM's slower parsing of each date."""
        c = faits.c
        requete = (
            select(c.position, type_coerce(c.le, String), c.nature, c.sujet, c.arrondissement)
            .add_columns(c.personne, c.a, c.b, c.c, c.d, c.n, c.n2)
            .add_columns(type_coerce(c.quand, String), c.jour)
            .where(*conditions)
            .order_by(c.position, c.rang)
        )
        with self.moteur.connect() as cnx:
            lignes = cnx.execution_options(yield_per=LOT).execute(requete)
            for position, le, nature, sujet, arr, personne, a, b, c_, d, n, n2, quand, j in lignes:
                q = None if quand is None else _instant(quand)
                yield Fait(
                    position, _instant(le), nature, sujet, arr, personne, a, b, c_, d, n, n2, q, j
                )

    def _presences(self, *conditions: ColumnElement[bool]) -> Iterator[tuple[str, str, str]]:
        """Attendance facts as bare (nature, séance, person), in event order."""
        c = faits.c
        requete = (
            select(c.nature, c.sujet, c.personne)
            .where(*conditions, c.nature.in_(PRESENCES))
            .order_by(c.position, c.rang)
        )
        with self.moteur.connect() as cnx:
            yield from cnx.execution_options(yield_per=LOT).execute(requete)

    def _depuis_evenements(self, progression: Callable[[int], None] | None) -> Iterator[Fait]:
        """Every stored event, decoded and turned into facts as the read model does."""
        sujets = [t.TOPIC for t in TYPES_D_EVENEMENTS]  # type: ignore[attr-defined]
        depuis = 0
        while True:
            lot = self.registre.recorder.select_notifications(
                depuis, LOT, topics=sujets, inclusive_of_start=False
            )
            if not lot:
                return
            for notification in lot:
                evenement = self.registre.mapper.to_domain_event(notification)
                yield from faits_de(notification.id, evenement)
            depuis = lot[-1].id
            if progression is not None:
                progression(len(lot))


def _instant(valeur: str | datetime) -> datetime:
    """A stored instant as an aware UTC datetime: SQLite keeps naive UTC text, PostgreSQL
    hands back an aware datetime."""
    if isinstance(valeur, str):
        return datetime.fromisoformat(valeur).replace(tzinfo=UTC)
    return valeur.astimezone(UTC)
