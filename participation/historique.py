"""Time travel: a council's state as of any past instant, replayed from the event log alone."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from domaine.assemblee import Adhesion
from domaine.conseils import ConseilCitoyen, StructurePorteuse
from domaine.groupe_moteur import GroupeMoteur, Membre, Objectifs
from domaine.quartiers import verifier_arrondissement
from domaine.seances import Decision, Seance
from domaine.temps import jour_a_paris
from domaine.textes import instant
from domaine.vocabulaire import RegleMajorite, StatutConformite, StatutSeance
from stockage.registre import Registre

LOT = 5_000


@dataclass(frozen=True)
class MembreAu:
    personne_id: UUID
    college: str
    genre: str
    tranche_age: str
    quartier: str
    structure_nom: str
    structure_type: str


@dataclass(frozen=True)
class SeanceAu:
    seance_id: UUID
    date: datetime
    lieu: str
    ordre_du_jour: str
    statut: StatutSeance
    presents: frozenset[UUID]
    anonymes: int
    compte_rendu: str
    decisions: tuple[Decision, ...]


@dataclass(frozen=True)
class EtatConseil:
    """What the platform knew about a council at instant `au`."""

    arrondissement: int
    au: datetime
    regle_majorite: RegleMajorite
    reglement: tuple[int, StatutConformite] | None
    structure_porteuse: StructurePorteuse | None
    membres: tuple[MembreAu, ...]
    seances: tuple[SeanceAu, ...]
    groupe_moteur: tuple[Membre, ...] = ()
    objectifs_groupe_moteur: Objectifs | None = None


def _topics(*classes: Any) -> list[str]:
    """Topics of every event class of the given aggregates (the filter of the log scan)."""
    topics = (
        str(getattr(v, "TOPIC", ""))
        for c in classes
        for v in vars(c).values()
        if isinstance(v, type) and v.__name__ != "Created"
    )
    return [t for t in topics if t]


class ServiceHistorique:
    TOPICS = _topics(Adhesion, Seance, ConseilCitoyen, GroupeMoteur)

    def __init__(self, registre: Registre) -> None:
        self.registre = registre

    def etat_au(self, arrondissement: int, au: datetime) -> EtatConseil:
        verifier_arrondissement(arrondissement)
        instant(au, "date")
        agregats: dict[UUID, Any] = {}
        figes: set[UUID] = set()
        for evenement in self._evenements():
            cle = evenement.originator_id
            if cle in figes:
                continue
            if evenement.timestamp > au:
                figes.add(cle)  # later events of this aggregate happened after `au`
                continue
            agregats[cle] = evenement.mutate(agregats.get(cle))
        du_conseil = [a for a in agregats.values() if a.arrondissement == arrondissement]
        conseil = next((a for a in du_conseil if isinstance(a, ConseilCitoyen)), None)
        reglement = conseil.reglement_en_vigueur if conseil else None
        groupe = next((a for a in du_conseil if isinstance(a, GroupeMoteur)), None)
        return EtatConseil(
            arrondissement=arrondissement,
            au=au,
            regle_majorite=conseil.regle_majorite if conseil else RegleMajorite.SIMPLE,
            reglement=(reglement.numero, reglement.statut) if reglement else None,
            structure_porteuse=conseil.structure_porteuse_au(jour_a_paris(au)) if conseil else None,
            membres=tuple(
                sorted(
                    (
                        MembreAu(a.personne_id, *_profil(a))
                        for a in du_conseil
                        if isinstance(a, Adhesion) and a.membre
                    ),
                    key=lambda m: str(m.personne_id),
                )
            ),
            seances=tuple(
                sorted(
                    (
                        SeanceAu(
                            s.id,
                            s.date,
                            s.lieu,
                            s.ordre_du_jour,
                            s.statut,
                            frozenset(s.presents),
                            s.anonymes,
                            s.compte_rendu,
                            tuple(s.decisions),
                        )
                        for s in du_conseil
                        if isinstance(s, Seance)
                    ),
                    key=lambda s: s.date,
                )
            ),
            groupe_moteur=tuple(sorted(groupe.membres.values(), key=lambda m: m.membre_id))
            if groupe
            else (),
            objectifs_groupe_moteur=groupe.objectifs if groupe else None,
        )

    def _evenements(self) -> Any:
        debut = 0
        while True:
            lot = self.registre.recorder.select_notifications(
                debut, LOT, topics=self.TOPICS, inclusive_of_start=False
            )
            if not lot:
                return
            for notification in lot:
                yield self.registre.mapper.to_domain_event(notification)
            debut = lot[-1].id


def _profil(a: Adhesion) -> tuple[str, str, str, str, str, str]:
    p = a.profil
    return (
        p.college.value,
        p.genre.value,
        p.tranche_age.value,
        p.quartier,
        p.structure_nom,
        p.structure_type,
    )
