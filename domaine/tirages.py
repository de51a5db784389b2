"""A tirage au sort of the groupe moteur: announced (with its commitment), then drawn.

The lottery itself is the pure `tirage` package: the announcement is computed before the event
is recorded, and the draw is recomputed here from the announcement and the public randomness,
so the log holds exactly what anyone can verify. Only pseudonymous ids and features are in it.
"""

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domaine.erreurs import DonneeInvalide, EtatIncompatible
from domaine.quartiers import verifier_arrondissement
from domaine.textes import TITRE_MAX, texte
from tirage.erreurs import ErreurTirage
from tirage.loterie import engagement
from tirage.tirer import tirer


class Tirage(Aggregate):
    TOPIC = "participation:Tirage"

    class Created(Aggregate.Created):
        """Base of this aggregate's creation event (the library requires it to be named)."""

        TOPIC = "participation:Tirage.Created"

    class Annonce(Created):
        TOPIC = "participation:Tirage.Annonce"
        arrondissement: int
        annonce: dict[str, Any]
        par: UUID
        quotas_proposes: dict[str, Any] | None = None

    class Effectue(Aggregate.Event):
        TOPIC = "participation:Tirage.Effectue"
        hasard: str
        methode: str
        temoins: list[str]
        ticket: int
        selection: list[str]
        suppleants: list[str]
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.resultat = {
                "tirage": {
                    "hasard": self.hasard,
                    "methode": self.methode,
                    "temoins": list(self.temoins),
                    "ticket": self.ticket,
                },
                "selection": list(self.selection),
                "suppleants": list(self.suppleants),
            }

    class SuppleantAppele(Aggregate.Event):
        """A substitute takes a seat freed by a refusal or an exit."""

        TOPIC = "participation:Tirage.SuppleantAppele"
        membre_id: str
        remplace: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.appeles.append(self.membre_id)

    def __init__(
        self,
        arrondissement: int,
        annonce: dict[str, Any],
        par: UUID,
        quotas_proposes: dict[str, Any] | None = None,
    ) -> None:
        self.arrondissement = arrondissement
        self.annonce = annonce
        self.quotas_proposes = quotas_proposes
        self.resultat: dict[str, Any] | None = None
        self.appeles: list[str] = []
        self._traits: dict[str, dict[str, str]] = {c["id"]: c for c in annonce["vivier"]}

    @classmethod
    def annoncer(
        cls,
        tirage_id: UUID,
        arrondissement: int,
        annonce: dict[str, Any],
        par: UUID,
        le: datetime,
        quotas_proposes: dict[str, Any] | None = None,
    ) -> "Tirage":
        """`quotas_proposes` are the defaults from the targets: when the announced quotas differ,
        the log shows that the animateur changed them, and from what."""
        verifier_arrondissement(arrondissement)
        if annonce.get("engagement") != engagement(annonce):
            raise DonneeInvalide("L'annonce du tirage est incohérente : engagement invalide.")
        resultat: Tirage = cls._create(
            cls.Annonce,
            id=tirage_id,
            arrondissement=arrondissement,
            annonce=annonce,
            par=par,
            quotas_proposes=quotas_proposes,
            timestamp=le,
        )
        return resultat

    @property
    def quotas_modifies(self) -> bool:
        if self.quotas_proposes is None:
            return False
        annonces = {"taille": self.annonce["taille"], "quotas": self.annonce["quotas"]}
        return bool(annonces != self.quotas_proposes)

    @property
    def effectue(self) -> bool:
        return self.resultat is not None

    def effectuer(self, hasard: str, temoins: list[str], par: UUID, le: datetime) -> list[str]:
        """Draw with the public randomness announced in advance; returns the selection."""
        if self.resultat is not None:
            raise EtatIncompatible("Ce tirage a déjà été effectué.")
        propre = texte(hasard, "hasard public", TITRE_MAX)
        noms = [texte(t, "témoin", 120) for t in temoins if t.strip()]
        if not noms:
            raise DonneeInvalide("Indiquez au moins un témoin du tirage.")
        try:
            record = tirer(self.annonce, propre, noms)
        except ErreurTirage as erreur:
            raise DonneeInvalide(erreur.message) from None
        self.trigger_event(
            self.Effectue,
            hasard=record["tirage"]["hasard"],
            methode=record["tirage"]["methode"],
            temoins=record["tirage"]["temoins"],
            ticket=record["tirage"]["ticket"],
            selection=record["selection"],
            suppleants=record["suppleants"],
            par=par,
            timestamp=le,
        )
        return list(record["selection"])

    def record(self) -> dict[str, Any]:
        """The public record: the announcement, then the draw once it happened."""
        return {**self.annonce, **(self.resultat or {})}

    def traits(self, membre_id: str) -> dict[str, str]:
        if membre_id not in self._traits:
            raise DonneeInvalide(f"« {membre_id} » n'est pas dans le vivier de ce tirage.")
        return dict(self._traits[membre_id])

    def prochain_suppleant(self, sortant: str, restants: list[str]) -> str | None:
        """The first substitute who keeps the quotas: same college and gender first.

        `restants` are the selected people still seated; the quotas are checked on them plus
        the candidate, allowing seats that are still vacant.
        """
        if self.resultat is None:
            raise EtatIncompatible("Ce tirage n'a pas encore été effectué.")
        deja = set(self.resultat["selection"]) | set(self.appeles)
        libres: list[str] = [s for s in self.resultat["suppleants"] if s not in deja]
        depart = self.traits(sortant)
        memes = [
            s
            for s in libres
            if (self.traits(s)["college"], self.traits(s)["genre"])
            == (depart["college"], depart["genre"])
        ]
        for candidat in memes + [s for s in libres if s not in memes]:
            if self._quotas_tenables([*restants, candidat]):
                return candidat
        return None

    def appeler(self, membre_id: str, remplace: str, par: UUID, le: datetime) -> None:
        """`membre_id`, a substitute not called yet, takes the seat of `remplace`, a person
        drawn or called before."""
        if self.resultat is None:
            raise EtatIncompatible("Ce tirage n'a pas encore été effectué.")
        appeles = set(self.resultat["selection"]) | set(self.appeles)
        if membre_id not in self.resultat["suppleants"] or membre_id in appeles:
            raise DonneeInvalide(f"« {membre_id[:80]} » n'est pas un suppléant disponible.")
        if remplace not in appeles:
            raise DonneeInvalide(f"« {remplace[:80]} » n'a pas été tiré au sort.")
        self.trigger_event(
            self.SuppleantAppele, membre_id=membre_id, remplace=remplace, par=par, timestamp=le
        )

    def _quotas_tenables(self, membres: list[str]) -> bool:
        """No maximum exceeded, and every minimum still reachable with the vacant seats."""
        taille = self.annonce["taille"]
        vacants = taille - len(membres)
        if vacants < 0:
            return False
        for categorie, valeurs in self.annonce["quotas"].items():
            for valeur, (lo, hi) in valeurs.items():
                nombre = sum(1 for m in membres if self.traits(m)[categorie] == valeur)
                if nombre > hi or nombre + vacants < lo:
                    return False
        return True
