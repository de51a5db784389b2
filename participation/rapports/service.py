"""Annual reports: from the `lecture_faits` read model (fast), or from the raw event log (for
trust); both fold the same facts with `calcul.rapport_annuel`, so they give the same bytes."""

import json
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Engine, or_, select

from domaine.erreurs import DonneeInvalide, Introuvable
from domaine.quartiers import ARRONDISSEMENTS
from participation.audit import avec_point_de_controle
from participation.rapports.calcul import (
    NATURES_DE_SEANCE,
    PARIS,
    SEUIL_PAR_DEFAUT,
    bornes,
    rapport_annuel,
)
from participation.rapports.faits import TYPES_D_EVENEMENTS, Fait, faits_de
from participation.registre import Registre
from projections.lecture import en_utc
from projections.projecteur import Projecteur
from projections.tables import faits

PREMIERE_ANNEE = 2015  # the Contrat de Ville 2015-2020
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
        debut, fin = bornes(annee)
        if depuis_evenements:
            source: Iterator[Fait] = self._depuis_evenements(progression)
        else:
            self.projecteur.rattraper()
            source = self._depuis_lecture(debut, fin)
        rapport = rapport_annuel(source, annee, perimetre, seuil, self.registre.maintenant())
        return avec_point_de_controle(rapport, self.moteur, fin)

    def perimetre(self, annee: int, arrondissement: int | None) -> tuple[int, ...]:
        """Check the request; an unknown council or a year not begun is refused, in French."""
        cette_annee = self.registre.maintenant().astimezone(PARIS).year
        if isinstance(annee, bool) or not PREMIERE_ANNEE <= annee <= cette_annee:
            raise DonneeInvalide(
                f"Année invalide : {annee} (les rapports couvrent {PREMIERE_ANNEE} à "
                f"{cette_annee} ; une année à venir n'a pas encore de rapport)."
            )
        if arrondissement is None:
            return ARRONDISSEMENTS
        if arrondissement not in ARRONDISSEMENTS:
            liste = ", ".join(f"{a}e" for a in ARRONDISSEMENTS)
            raise Introuvable(
                f"Il n'y a pas de conseil citoyen dans le {arrondissement}e arrondissement "
                f"(arrondissements concernés : {liste})."
            )
        return (arrondissement,)

    def _depuis_lecture(self, debut: Any, fin: Any) -> Iterator[Fait]:
        """Facts before the year's end; attendance and decisions only from the year itself.

        The columns come in the order of `Fait`'s fields and each row is unpacked as a tuple:
        reading fourteen columns of each row by name cost more than running the query."""
        c = faits.c
        requete = (
            select(c.position, c.le, c.nature, c.sujet, c.arrondissement, c.personne, c.a)
            .add_columns(c.b, c.c, c.d, c.n, c.n2, c.quand, c.jour)
            .where(c.le < fin)
            .where(or_(c.nature.not_in(NATURES_DE_SEANCE), c.le >= debut))
            .order_by(c.position, c.rang)
        )
        with self.moteur.connect() as cnx:
            lignes = cnx.execution_options(yield_per=LOT).execute(requete)
            for (
                position,
                le,
                nature,
                sujet,
                arr,
                personne,
                a,
                b,
                c_,
                d,
                n,
                n2,
                quand,
                jour,
            ) in lignes:
                quand_utc = en_utc(quand) if quand is not None else None
                yield Fait(
                    position, en_utc(le), nature, sujet, arr, personne, a, b, c_, d, n, n2,
                    quand_utc, jour,
                )  # fmt: skip

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


def en_json(rapport: dict[str, Any]) -> bytes:
    """The report's canonical bytes: sorted keys, UTF-8, two-space indentation."""
    return (json.dumps(rapport, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()
