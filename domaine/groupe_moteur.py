"""The groupe moteur: 20 to 50 members who animate the council, with targets and a history.

Members are pseudonymous ids with the features the targets look at (college, gender,
neighbourhood). They enter by a tirage, by the local actors' consensus, or as accepted
volunteers, and leave for a stated reason; the composition at any date follows from the events.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domaine.conseils import ESPACE_DE_NOMS
from domaine.erreurs import ChampInvalide, DonneeInvalide, EtatIncompatible
from domaine.quartiers import Quartier, verifier_arrondissement
from domaine.textes import entier_positif, identifiant, instant
from domaine.traduction import N_, _
from domaine.vocabulaire import College, Genre, MotifSortieGroupe, VoieEntree

TAILLE_MIN, TAILLE_MAX = 20, 50
PART_HABITANTS_PAR_DEFAUT = 67  # percent: "about 2/3 residents" (seed l.1629)
TOLERANCE_PART = 10  # percentage points before the page warns about the college balance
DELAI_REPONSE_JOURS = 15  # people drawn from lists accept or refuse within this delay


def id_groupe_moteur(arrondissement: int) -> UUID:
    return uuid5(ESPACE_DE_NOMS, f"groupe-moteur/{arrondissement}")


@dataclass(frozen=True)
class Objectifs:
    """Size and targets of a groupe moteur; they give the default quotas of a tirage."""

    taille: int = 30
    part_habitants: int = PART_HABITANTS_PAR_DEFAUT
    parite: bool = True
    minimum_par_quartier: int = 0

    def valides(self) -> "Objectifs":
        if isinstance(self.taille, bool) or not TAILLE_MIN <= self.taille <= TAILLE_MAX:
            raise ChampInvalide(
                "taille",
                "Le groupe moteur compte de %(minimum)s à %(maximum)s membres "
                "(demandé : %(taille)s).",
                minimum=TAILLE_MIN,
                maximum=TAILLE_MAX,
                taille=self.taille,
            )
        if not 50 <= self.part_habitants <= 100:
            raise ChampInvalide(
                "part_habitants",
                "Les habitant·es doivent être au moins la moitié du groupe moteur "
                "(part demandée : %(part)s %%).",
                part=self.part_habitants,
            )
        if not 0 <= self.minimum_par_quartier <= 10:
            raise ChampInvalide(
                "minimum_par_quartier", "Le minimum par quartier doit être compris entre 0 et 10."
            )
        return self

    @property
    def places_habitants(self) -> int:
        return round(self.taille * self.part_habitants / 100)


def compter_places_libres(objectifs: Objectifs, membres: int, places_reservees: int) -> int:
    """Seats neither taken by a member nor held by an announced tirage."""
    return max(0, objectifs.taille - membres - places_reservees)


@dataclass(frozen=True)
class Membre:
    membre_id: str
    college: College
    genre: Genre
    quartier: str
    voie: VoieEntree
    depuis: datetime
    tirage_id: str = ""
    reponse_avant: datetime | None = None  # drawn from a list: not yet accepted


class GroupeMoteur(Aggregate):
    """One per council; created with its targets by an animateur."""

    TOPIC = "participation:GroupeMoteur"

    class Created(Aggregate.Created):
        """Base of this aggregate's creation event (the library requires it to be named)."""

        TOPIC = "participation:GroupeMoteur.Created"

    class Constitue(Created):
        TOPIC = "participation:GroupeMoteur.Constitue"
        arrondissement: int
        taille: int
        part_habitants: int
        parite: bool
        minimum_par_quartier: int
        par: UUID

    class ObjectifsFixes(Aggregate.Event):
        TOPIC = "participation:GroupeMoteur.ObjectifsFixes"
        taille: int
        part_habitants: int
        parite: bool
        minimum_par_quartier: int
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.objectifs = Objectifs(
                self.taille, self.part_habitants, self.parite, self.minimum_par_quartier
            )

    class MembreEntre(Aggregate.Event):
        TOPIC = "participation:GroupeMoteur.MembreEntre"
        membre_id: str
        college: str
        genre: str
        quartier: str
        voie: str
        tirage_id: str
        par: UUID
        reponse_avant: datetime | None = None

        def apply(self, aggregate: Any) -> None:
            aggregate.membres[self.membre_id] = Membre(
                self.membre_id,
                College(self.college),
                Genre(self.genre),
                self.quartier,
                VoieEntree(self.voie),
                self.timestamp,
                self.tirage_id,
                self.reponse_avant,
            )

    class PlacesReservees(Aggregate.Event):
        """An announced tirage holds its seats until it is drawn, so that nothing else (a
        volunteer, a second tirage) takes them meanwhile."""

        TOPIC = "participation:GroupeMoteur.PlacesReservees"
        tirage_id: str
        places: int

        def apply(self, aggregate: Any) -> None:
            aggregate.reservations[self.tirage_id] = self.places

    class ReservationLevee(Aggregate.Event):
        TOPIC = "participation:GroupeMoteur.ReservationLevee"
        tirage_id: str

        def apply(self, aggregate: Any) -> None:
            aggregate.reservations.pop(self.tirage_id, None)

    class ReponsesEnRetardSignalees(Aggregate.Event):
        """The animateurs were reminded that these drawn people let the answer delay pass."""

        TOPIC = "participation:GroupeMoteur.ReponsesEnRetardSignalees"
        membres: list[str]

        def apply(self, aggregate: Any) -> None:
            aggregate.relances.update(self.membres)

    class AcceptationEnregistree(Aggregate.Event):
        """Someone drawn from a list accepted their seat within the delay."""

        TOPIC = "participation:GroupeMoteur.AcceptationEnregistree"
        membre_id: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            membre = aggregate.membres[self.membre_id]
            aggregate.membres[self.membre_id] = Membre(
                membre.membre_id,
                membre.college,
                membre.genre,
                membre.quartier,
                membre.voie,
                membre.depuis,
                membre.tirage_id,
                None,
            )

    class DesignationConsensuelle(Aggregate.Event):
        """The local actors agreed on their college's members; the open assembly approved it."""

        TOPIC = "participation:GroupeMoteur.DesignationConsensuelle"
        seance_id: UUID
        decision: int
        membres: list[dict[str, str]]
        par: UUID

        def apply(self, aggregate: Any) -> None:
            for m in self.membres:
                aggregate.membres[m["membre_id"]] = Membre(
                    m["membre_id"],
                    College.ACTEUR_LOCAL,
                    Genre(m["genre"]),
                    m["quartier"],
                    VoieEntree.CONSENSUS,
                    self.timestamp,
                )

    class MembreSorti(Aggregate.Event):
        TOPIC = "participation:GroupeMoteur.MembreSorti"
        membre_id: str
        motif: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.membres.pop(self.membre_id, None)

    def __init__(
        self,
        arrondissement: int,
        taille: int,
        part_habitants: int,
        parite: bool,
        minimum_par_quartier: int,
        par: UUID,
    ) -> None:
        self.arrondissement = arrondissement
        self.objectifs = Objectifs(taille, part_habitants, parite, minimum_par_quartier)
        self.membres: dict[str, Membre] = {}
        self.relances: set[str] = set()  # late answers already reminded
        self.reservations: dict[str, int] = {}  # seats held by announced tirages

    @classmethod
    def constituer(
        cls, arrondissement: int, objectifs: Objectifs, par: UUID, le: datetime
    ) -> "GroupeMoteur":
        verifier_arrondissement(arrondissement)
        o = objectifs.valides()
        groupe: GroupeMoteur = cls._create(
            cls.Constitue,
            id=id_groupe_moteur(arrondissement),
            arrondissement=arrondissement,
            taille=o.taille,
            part_habitants=o.part_habitants,
            parite=o.parite,
            minimum_par_quartier=o.minimum_par_quartier,
            par=par,
            timestamp=le,
        )
        return groupe

    def fixer_objectifs(self, objectifs: Objectifs, par: UUID, le: datetime) -> None:
        o = objectifs.valides()
        if o == self.objectifs:
            return
        occupees = len(self.membres) + self.places_reservees
        if o.taille < occupees and self.places_reservees:
            raise ChampInvalide(
                "taille",
                "Le groupe moteur compte déjà %(membres)s membres et %(reservees)s places "
                "réservées : la taille ne peut pas descendre à %(taille)s.",
                membres=len(self.membres),
                reservees=self.places_reservees,
                taille=o.taille,
            )
        if o.taille < occupees:
            raise ChampInvalide(
                "taille",
                "Le groupe moteur compte déjà %(membres)s membres : la taille ne peut pas "
                "descendre à %(taille)s.",
                membres=len(self.membres),
                taille=o.taille,
            )
        self.trigger_event(
            self.ObjectifsFixes,
            taille=o.taille,
            part_habitants=o.part_habitants,
            parite=o.parite,
            minimum_par_quartier=o.minimum_par_quartier,
            par=par,
            timestamp=le,
        )

    @property
    def places_reservees(self) -> int:
        return sum(self.reservations.values())

    @property
    def places_libres(self) -> int:
        return compter_places_libres(self.objectifs, len(self.membres), self.places_reservees)

    def reserver(self, tirage_id: str, places: int, le: datetime) -> None:
        identifiant(tirage_id, N_("tirage"))
        if entier_positif(places, N_("places"), TAILLE_MAX) == 0:
            raise DonneeInvalide("Un tirage pourvoit au moins une place.")
        if places > self.places_libres:
            raise EtatIncompatible(
                "Le tirage pourvoirait %(places)s places, mais il n'en reste que "
                "%(libres)s au groupe moteur.",
                places=places,
                libres=self.places_libres,
            )
        self.trigger_event(self.PlacesReservees, tirage_id=tirage_id, places=places, timestamp=le)

    def lever_reservation(self, tirage_id: str, le: datetime) -> None:
        """At the draw: the drawn people take the seats the announcement held."""
        if tirage_id in self.reservations:
            self.trigger_event(self.ReservationLevee, tirage_id=tirage_id, timestamp=le)

    def faire_entrer(
        self,
        membre_id: str,
        college: str,
        genre: str,
        quartier: str,
        voie: str,
        par: UUID,
        le: datetime,
        tirage_id: str = "",
        reponse_avant: datetime | None = None,
    ) -> None:
        if membre_id in self.membres:
            raise EtatIncompatible("Cette personne est déjà membre du groupe moteur.")
        if self.places_libres == 0:
            if self.places_reservees:
                raise EtatIncompatible(
                    "Les %(reservees)s places restantes du groupe moteur sont "
                    "réservées par un tirage annoncé.",
                    reservees=self.places_reservees,
                )
            raise EtatIncompatible(
                "Le groupe moteur est complet (%(taille)s membres).", taille=self.objectifs.taille
            )
        try:
            valeurs = (College(college), Genre(genre), VoieEntree(voie))
        except ValueError:
            raise DonneeInvalide("Collège, genre ou voie d'entrée inconnu.") from None
        identifiant(membre_id, N_("membre"))
        identifiant(quartier, N_("quartier"))
        if tirage_id:
            identifiant(tirage_id, N_("tirage"))
        if reponse_avant is not None:
            instant(reponse_avant, N_("réponse avant le"))
        self.trigger_event(
            self.MembreEntre,
            membre_id=membre_id,
            college=valeurs[0].value,
            genre=valeurs[1].value,
            quartier=quartier,
            voie=valeurs[2].value,
            tirage_id=tirage_id,
            reponse_avant=reponse_avant,
            par=par,
            timestamp=le,
        )

    def accepter(self, membre_id: str, par: UUID, le: datetime) -> None:
        membre = self.membres.get(membre_id)
        if membre is None or membre.reponse_avant is None:
            raise EtatIncompatible("Aucune réponse n'est attendue de cette personne.")
        if le > membre.reponse_avant:
            raise EtatIncompatible(
                "Le délai de réponse est dépassé : enregistrez un refus pour appeler un suppléant."
            )
        self.trigger_event(self.AcceptationEnregistree, membre_id=membre_id, par=par, timestamp=le)

    def designer_par_consensus(
        self,
        membres: list[tuple[str, str, str]],
        seance_id: UUID,
        decision: int,
        decision_adoptee: bool,
        par: UUID,
        le: datetime,
    ) -> None:
        """Seat the local actors they agreed on (id, gender, neighbourhood), by an adopted
        decision of the open assembly (seed l.1629); the tirage then fills residents' seats."""
        if not decision_adoptee:
            raise ChampInvalide(
                "decision",
                "La désignation consensuelle doit être approuvée par une décision adoptée en "
                "assemblée ouverte.",
            )
        if not membres:
            raise ChampInvalide("membres", "La liste désignée est vide.")
        if entier_positif(decision, N_("décision"), 1_000) == 0:
            raise DonneeInvalide("Les décisions d'une séance sont numérotées à partir de 1.")
        for ligne in membres:
            if len(ligne) != 3:
                raise DonneeInvalide(
                    "Chaque personne désignée a un identifiant, un genre, un quartier."
                )
            identifiant(ligne[0], N_("identifiant"))
            identifiant(ligne[2], N_("quartier"))
        ids = [m[0] for m in membres]
        if len(set(ids)) != len(ids) or any(i in self.membres for i in ids):
            raise EtatIncompatible("Une personne désignée est en double ou déjà membre.")
        places = self.objectifs.taille - self.objectifs.places_habitants
        deja = sum(1 for m in self.membres.values() if m.college == College.ACTEUR_LOCAL)
        if deja + len(membres) > places:
            raise EtatIncompatible(
                "Le collège des acteurs locaux compte %(places)s places ; %(deja)s sont occupées, "
                "%(designees)s personnes désignées.",
                places=places,
                deja=deja,
                designees=len(membres),
            )
        try:
            lignes = [
                {"membre_id": i, "genre": Genre(g).value, "quartier": q} for i, g, q in membres
            ]
        except ValueError:
            raise DonneeInvalide("Genre inconnu dans la liste désignée.") from None
        self.trigger_event(
            self.DesignationConsensuelle,
            seance_id=seance_id,
            decision=decision,
            membres=lignes,
            par=par,
            timestamp=le,
        )

    def faire_sortir(self, membre_id: str, motif: str, par: UUID, le: datetime) -> Membre:
        if membre_id not in self.membres:
            raise EtatIncompatible("Cette personne n'est pas membre du groupe moteur.")
        try:
            valeur = MotifSortieGroupe(motif)
        except ValueError:
            raise ChampInvalide(
                "motif", "Motif de sortie inconnu : « %(motif)s ».", motif=motif
            ) from None
        sortant = self.membres[membre_id]
        self.trigger_event(
            self.MembreSorti, membre_id=membre_id, motif=valeur.value, par=par, timestamp=le
        )
        return sortant

    def signaler_reponses_en_retard(self, maintenant: datetime) -> list[str]:
        """Record a reminder for drawn people whose answer delay passed; each once."""
        retard = sorted(
            m.membre_id
            for m in self.membres.values()
            if m.reponse_avant is not None
            and m.reponse_avant < maintenant
            and m.membre_id not in self.relances
        )
        if retard:
            self.trigger_event(self.ReponsesEnRetardSignalees, membres=retard, timestamp=maintenant)
        return retard

    def alertes(self, maintenant: datetime | None = None) -> list[str]:
        """What drifts from the targets: college share, parity, vacancies, late answers."""
        return alertes(self.objectifs, list(self.membres.values()), maintenant)


def alertes(
    objectifs: Objectifs,
    membres: list[Membre],
    maintenant: datetime | None = None,
    quartiers: tuple[Quartier, ...] = (),
) -> list[str]:
    """`quartiers`: the council's QPV, for the minimum per neighbourhood."""
    messages = []
    attendues = [m for m in membres if m.reponse_avant is not None]
    if attendues:
        messages.append(
            _("%(nombre)s réponse(s) de personnes tirées au sort attendue(s).")
            % {"nombre": len(attendues)}
        )
        if maintenant is not None:
            retard = sum(1 for m in attendues if m.reponse_avant and m.reponse_avant < maintenant)
            if retard:
                messages.append(
                    _("%(nombre)s réponse(s) en retard : enregistrez un refus.")
                    % {"nombre": retard}
                )
    total = len(membres)
    libres = objectifs.taille - total
    if libres > 0:
        vacantes = (
            _("%(libres)s place vacante sur %(taille)s.")
            if libres == 1
            else _("%(libres)s places vacantes sur %(taille)s.")
        )
        messages.append(vacantes % {"libres": libres, "taille": objectifs.taille})
    if total:
        habitants = sum(1 for m in membres if m.college == College.HABITANT)
        part = round(100 * habitants / total)
        if abs(part - objectifs.part_habitants) > TOLERANCE_PART:
            messages.append(
                _(
                    "Les habitant·es sont %(part)s %% du groupe moteur, pour un objectif de "
                    "%(objectif)s %%."
                )
                % {"part": part, "objectif": objectifs.part_habitants}
            )
        minimum = objectifs.minimum_par_quartier
        for quartier in quartiers if minimum else ():
            nombre = sum(1 for m in membres if m.quartier == quartier.code)
            if nombre < minimum:
                ecart = (
                    _("Quartier %(quartier)s : %(nombre)s membres, pour un minimum de %(minimum)s.")
                    if nombre > 1
                    else _(
                        "Quartier %(quartier)s : %(nombre)s membre, pour un minimum de %(minimum)s."
                    )
                )
                messages.append(
                    ecart % {"quartier": quartier.nom, "nombre": nombre, "minimum": minimum}
                )
        femmes = sum(1 for m in membres if m.genre == Genre.FEMME)
        hommes = sum(1 for m in membres if m.genre == Genre.HOMME)
        if objectifs.parite and abs(femmes - hommes) > max(1, total // 10):
            messages.append(
                _("Parité non respectée : %(femmes)s femmes et %(hommes)s hommes.")
                % {"femmes": femmes, "hommes": hommes}
            )
    return messages
