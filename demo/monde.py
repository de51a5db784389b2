"""The demo's world, shared by its generators: a clock moved by hand, what the demo knows of each
council, and what a generator may ask of the simulation (`Simulation`), so that the generator
modules depend on this module, not on each other."""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol
from uuid import UUID

from domaine.comptes import Acteur

if TYPE_CHECKING:
    from faker import Faker

    from demo.budget import DemoBudget
    from lancement.plateforme import Plateforme

PUBLIC_ACTIF = 1_500
"""How many of a council's latest accounts still take part (older ones have moved or stopped
coming): the active public proposals and supports are drawn from."""


class HorlogeSimulee:
    """A clock the demo moves forward by hand."""

    def __init__(self, debut: datetime) -> None:
        self.instant = debut

    def __call__(self) -> datetime:
        return self.instant

    def aller_a(self, instant: datetime) -> None:
        self.instant = max(self.instant + timedelta(microseconds=1), instant)


Action = Callable[[], object]
Planifier = Callable[[datetime, Action], None]


@dataclass
class Conseil:
    """What the demo knows of one council while it simulates it."""

    arrondissement: int
    animateur: Acteur
    membres: dict[UUID, Acteur] = field(default_factory=dict)
    anciens: dict[UUID, Acteur] = field(default_factory=dict)
    quartiers: dict[UUID, str] = field(default_factory=dict)
    """The neighbourhood each member declared."""
    assiduites: dict[UUID, float] = field(default_factory=dict)
    """How likely each member is to come to a plenary séance."""
    habitants: list[Acteur] = field(default_factory=list)
    """Accounts of residents who use the site (budget participatif) but have not joined."""
    public: list[Acteur] = field(default_factory=list)
    """Every account of the council's people, members or not, in order of sign-up."""
    arrivees_par_mois: float = 0.0
    comptes_rendus_a_approuver: list[UUID] = field(default_factory=list)
    """Séances whose minutes are written and await the vote of a later séance."""
    comptes_rendus_approuves: int = 0
    _tirables: list[UUID] = field(default_factory=list)  # the members, to draw one in O(1)
    _rangs: dict[UUID, int] = field(default_factory=dict)

    def entrer(self, personne: Acteur, quartier: str, assiduite: float) -> None:
        cle = personne.compte_id
        if cle not in self.membres:
            self._rangs[cle] = len(self._tirables)
            self._tirables.append(cle)
        self.membres[cle] = personne
        self.quartiers[cle] = quartier
        self.assiduites[cle] = assiduite
        self.anciens.pop(cle, None)

    def sortir(self, cle: UUID) -> Acteur:
        personne = self.membres.pop(cle)
        dernier = self._tirables.pop()
        if dernier != cle:
            rang = self._rangs[cle]
            self._tirables[rang] = dernier
            self._rangs[dernier] = rang
        del self._rangs[cle]
        self.anciens[cle] = personne
        return personne

    def membre_au_hasard(self, alea: random.Random) -> Acteur | None:
        if not self._tirables:
            return None
        return self.membres[self._tirables[alea.randrange(len(self._tirables))]]

    def quelqu_un(self, alea: random.Random) -> Acteur | None:
        """Someone of the active public: a current member half the time, else one of the
        last `PUBLIC_ACTIF` accounts (older ones have moved or stopped coming)."""
        if self._tirables and (not self.public or alea.random() < 0.5):
            return self.membre_au_hasard(alea)
        if not self.public:
            return None
        return self.public[-1 - alea.randrange(min(len(self.public), PUBLIC_ACTIF))]


class Simulation(Protocol):
    """What the avis and campaign generators use of the demo (`generateur.Demo`)."""

    p: "Plateforme"
    horloge: HorlogeSimulee
    alea: random.Random
    faux: "Faker"
    textes: random.Random
    debut: datetime
    fin: datetime
    budget: "DemoBudget"

    def redaction(self, usage: str) -> random.Random: ...

    def plus_tard(self, instant: datetime, action: Action) -> None: ...

    def habitant(self) -> Acteur: ...
