"""A tirage au sort of the groupe moteur: announced (with its commitment), then drawn.

The lottery itself is the pure `tirage` package: the announcement is computed before the event
is recorded, and the draw is recomputed here from the announcement and the public randomness,
so the log holds exactly what anyone can verify. Only pseudonymous ids and features are in it.

The announcement fixes the date and time of the public randomness (format 2 of the record):
a draw before it is refused, since randomness produced earlier is not the one announced and
could be chosen. Tirages announced before that rule (format 1) carry no time and are drawn
whenever the animateur enters their randomness.
"""

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domaine.erreurs import ChampInvalide, DonneeInvalide, EtatIncompatible, au_champ
from domaine.quartiers import verifier_arrondissement
from domaine.temps import a_paris
from domaine.textes import TITRE_MAX, texte
from domaine.traduction import N_, _
from tirage import FORMAT
from tirage.erreurs import Blocage, EntreeInvalide, ErreurTirage, Morceau, Morceaux
from tirage.loterie import engagement, heure_prevue
from tirage.tirer import TEMOINS_MAX, tirer

ANNONCE_MAX = timedelta(days=366)
"""How far ahead a tirage may be announced: its seats stay reserved until the draw."""
_JOURS = [
    N_("lundi"), N_("mardi"), N_("mercredi"), N_("jeudi"), N_("vendredi"), N_("samedi"),
    N_("dimanche"),
]  # fmt: skip
_MOIS = [
    N_("janvier"), N_("février"), N_("mars"), N_("avril"), N_("mai"), N_("juin"),
    N_("juillet"), N_("août"), N_("septembre"), N_("octobre"), N_("novembre"), N_("décembre"),
]  # fmt: skip


def heure_fr(instant: datetime) -> str:
    """Like "mercredi 20 janvier 2027 à 18 h 30", in Paris time (the messages of the domain),
    in the current language (French without an installed translator)."""
    local = a_paris(instant)
    # Translators: a date and time, e.g. "mercredi 20 janvier 2027 à 18 h 30" (Paris time).
    modele = _("%(jour)s %(quantieme)s %(mois)s %(annee)s à %(heure)s h %(minute)s")
    return modele % {
        "jour": _(_JOURS[local.weekday()]),
        "quantieme": local.day,
        "mois": _(_MOIS[local.month - 1]),
        "annee": local.year,
        "heure": local.hour,
        "minute": f"{local.minute:02d}",
    }


def verifier_heure_du_hasard(hasard_le: datetime, le: datetime) -> datetime:
    """The date and time announced for the public randomness: in the future, within a year.
    Refused on the form's field `hasard_le`."""
    if hasard_le.tzinfo is None:
        raise ChampInvalide("hasard_le", "L'heure du hasard public doit être celle de Paris.")
    if hasard_le <= le:
        raise ChampInvalide(
            "hasard_le",
            "La date et l'heure du hasard public doivent être à venir (il est %(maintenant)s).",
            maintenant=heure_fr(le),
        )
    if hasard_le > le + ANNONCE_MAX:
        raise ChampInvalide(
            "hasard_le",
            "Un tirage s'annonce au plus un an à l'avance : ses places restent réservées "
            "jusque-là.",
        )
    return hasard_le


class QuotasImpossibles(DonneeInvalide):
    """No panel meets the quotas with this pool: the lottery's diagnosis, with `blocages` (the
    quotas that block and by how much) so that a form can point at their fields."""

    def __init__(self, message: str, blocages: tuple[Blocage, ...], /, **valeurs: object) -> None:
        super().__init__(message, **valeurs)
        self.blocages = blocages


class _MorceauTraduit:
    """A piece of a lottery message, translated when the domain's message is read."""

    def __init__(self, morceau: Morceau | Morceaux) -> None:
        self.morceau = morceau

    def __str__(self) -> str:
        return self.morceau.traduit(_)


def valeurs_du_tirage(erreur: ErreurTirage) -> dict[str, object]:
    """The values of a lottery error, for the domain's error that re-raises it with its
    template (`erreur.gabarit`): its pieces are translated when that error's message is read."""
    return {
        nom: _MorceauTraduit(v) if isinstance(v, Morceau | Morceaux) else v
        for nom, v in erreur.valeurs.items()
    }


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
        objet: str = ""
        """What the draw designates: "" the groupe moteur (every tirage before delegates were
        drawn), "instance:<id>" delegates of the council to a body (`domaine.instances`)."""

    class Effectue(Aggregate.Event):
        TOPIC = "participation:Tirage.Effectue"
        hasard: str
        methode: str
        temoins: list[str]
        ticket: int
        selection: list[str]
        suppleants: list[str]
        par: UUID
        heure: str = ""
        """`tirage.le` of the record (format 2): the draw's instant, Paris time, ISO 8601."""

        def apply(self, aggregate: Any) -> None:
            aggregate.resultat = {
                "tirage": tirage_du_record(self),
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
        objet: str = "",
    ) -> None:
        self.arrondissement = arrondissement
        self.objet = objet
        self.annonce = annonce
        self.quotas_proposes = quotas_proposes
        self.resultat: dict[str, Any] | None = None
        self.appeles: list[str] = []
        self._traits: dict[str, dict[str, str]] = {c["id"]: c for c in annonce["vivier"]}
        self.hasard_le = heure_prevue(annonce)
        """When the public randomness is due (format 2); None for tirages announced before."""

    @classmethod
    def annoncer(
        cls,
        tirage_id: UUID,
        arrondissement: int,
        annonce: dict[str, Any],
        par: UUID,
        le: datetime,
        quotas_proposes: dict[str, Any] | None = None,
        objet: str = "",
    ) -> "Tirage":
        """`quotas_proposes` are the defaults from the targets: when the announced quotas differ,
        the log shows that the animateur changed them, and from what."""
        verifier_arrondissement(arrondissement)
        if annonce.get("engagement") != engagement(annonce):
            raise DonneeInvalide("L'annonce du tirage est incohérente : engagement invalide.")
        if annonce.get("format") != FORMAT:
            raise ChampInvalide(
                "hasard_le", "L'annonce doit fixer la date et l'heure du hasard public."
            )
        try:
            prevue = heure_prevue(annonce)
        except EntreeInvalide as erreur:
            raise ChampInvalide("hasard_le", erreur.gabarit, **valeurs_du_tirage(erreur)) from None
        assert prevue is not None, "a format 2 announcement has its time"
        verifier_heure_du_hasard(prevue, le)
        resultat: Tirage = cls._create(
            cls.Annonce,
            id=tirage_id,
            arrondissement=arrondissement,
            annonce=annonce,
            par=par,
            quotas_proposes=quotas_proposes,
            objet=objet,
            timestamp=le,
        )
        return resultat

    @property
    def effectue(self) -> bool:
        return self.resultat is not None

    def pas_avant(self, le: datetime) -> None:
        """Refuse a draw before the time announced for the public randomness."""
        if self.hasard_le is not None and le < self.hasard_le:
            raise EtatIncompatible(
                "Ce tirage est annoncé pour le %(heure)s (heure de Paris) : "
                "le hasard public ne peut pas être saisi avant. Un hasard produit plus tôt ne "
                "serait pas celui qui a été annoncé.",
                heure=heure_fr(self.hasard_le),
            )

    def effectuer(self, hasard: str, temoins: list[str], par: UUID, le: datetime) -> list[str]:
        """Draw with the public randomness announced in advance, not before its announced
        time; returns the selection."""
        if self.resultat is not None:
            raise EtatIncompatible("Ce tirage a déjà été effectué.")
        self.pas_avant(le)
        propre = au_champ("hasard", lambda: texte(hasard, N_("hasard public"), TITRE_MAX))
        noms = au_champ(
            "temoins", lambda: [texte(t, N_("témoin"), 120) for t in temoins if t.strip()]
        )
        if not noms:
            raise ChampInvalide("temoins", "Indiquez au moins un témoin du tirage.")
        if len(noms) > TEMOINS_MAX:
            raise ChampInvalide(
                "temoins", "Au plus %(maximum)s témoins, un par ligne.", maximum=TEMOINS_MAX
            )
        try:
            record = tirer(self.annonce, propre, noms, a_paris(le))
        except ErreurTirage as erreur:
            raise ChampInvalide("hasard", erreur.gabarit, **valeurs_du_tirage(erreur)) from None
        self.trigger_event(
            self.Effectue,
            hasard=record["tirage"]["hasard"],
            methode=record["tirage"]["methode"],
            temoins=record["tirage"]["temoins"],
            ticket=record["tirage"]["ticket"],
            selection=record["selection"],
            suppleants=record["suppleants"],
            par=par,
            heure=record["tirage"].get("le", ""),
            timestamp=le,
        )
        return list(record["selection"])

    def record(self) -> dict[str, Any]:
        """The public record: the announcement, then the draw once it happened."""
        return {**self.annonce, **(self.resultat or {})}

    def traits(self, membre_id: str) -> dict[str, str]:
        if membre_id not in self._traits:
            raise DonneeInvalide(
                "« %(membre)s » n'est pas dans le vivier de ce tirage.", membre=membre_id
            )
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
            raise DonneeInvalide(
                "« %(membre)s » n'est pas un suppléant disponible.", membre=membre_id[:80]
            )
        if remplace not in appeles:
            raise DonneeInvalide("« %(membre)s » n'a pas été tiré au sort.", membre=remplace[:80])
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


def tirage_du_record(evenement: Any) -> dict[str, Any]:
    """The record's `tirage` object from a `Tirage.Effectue` event (`le` in format 2 only), so
    that the aggregate and the read model publish the same bytes."""
    tirage: dict[str, Any] = {
        "hasard": evenement.hasard,
        "methode": evenement.methode,
        "temoins": list(evenement.temoins),
        "ticket": evenement.ticket,
    }
    heure = getattr(evenement, "heure", "")
    if heure:
        tirage["le"] = heure
    return tirage


def quotas_modifies(annonce: dict[str, Any], proposes: dict[str, Any] | None) -> bool:
    """Whether the animateur changed the default quotas before announcing: the tirage's page
    says so, with the defaults beside the announced ones."""
    if not proposes:
        return False
    return bool(proposes != {"taille": annonce["taille"], "quotas": annonce["quotas"]})
