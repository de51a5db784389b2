"""The tamper-evident log: a SHA-256 chain over the stored events, its checkpoints, its check.

Each stored event gets, in position order, `empreinte = SHA-256(precedente + "\\n" + canonical
form)` in `audit_chaine`; the formula and how to check it independently are in
docs/journal-integrite.md. The recorders chain each save inside its own transaction
(`audit_enregistreurs`); `Chaine.rattraper` chains whatever was stored otherwise (before the
table existed, by another program), whenever the projector polls and before a check. Both take
the same lock, so no position is chained twice nor out of order. Positions that the store
skipped (PostgreSQL sequence values of rolled-back transactions) are simply not in the chain:
a gap is never a removal.
"""

import base64
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from domaine.temps import en_utc
from stockage.registre import Registre
from stockage.tables import audit_chaine, audit_points, positions

ORIGINE = "0" * 64
"""The `precedente` of the first chained event."""
VERROU = "audit_chaine"
"""Row of `projection_positions` whose update serialises the chaining (the recorders' and the
catch-up's); its value is the head the last catch-up reached."""
LOT = 5000

MODIFIE = "modifié"
SUPPRIME = "supprimé"
INSERE = "inséré"
REORDONNE = "réordonné"
CHAINE_ALTEREE = "chaîne d'empreintes altérée"
POINT_DIVERGENT = "point de contrôle divergent"
FORMAT_POINTS = "participation-points-de-controle/1"
POINT_EXTERNE_DIVERGENT = "point de contrôle externe divergent"
TRONQUE = "manquant (journal tronqué)"


def forme_canonique(
    position: int, originator_id: Any, originator_version: int, topic: str, state: bytes
) -> str:
    """Fixed-order compact JSON array: position, aggregate id, version, topic, base64 state."""
    return json.dumps(
        [
            position,
            str(originator_id),
            originator_version,
            topic,
            base64.b64encode(bytes(state)).decode("ascii"),
        ],
        separators=(",", ":"),
        ensure_ascii=True,
    )


def forme_canonique_hachee(
    precedente: str,
    position: int,
    originator_id: Any,
    originator_version: int,
    topic: str,
    state: bytes,
) -> str:
    """SHA-256, in hex, of the previous hash, a newline and the canonical form."""
    canonique = forme_canonique(position, originator_id, originator_version, topic, state)
    return hashlib.sha256(f"{precedente}\n{canonique}".encode("ascii")).hexdigest()


def empreinte(precedente: str, position: int, notification: Any) -> str:
    """The hash of `notification` as if stored at `position`, chained to `precedente`."""
    return forme_canonique_hachee(
        precedente,
        position,
        notification.originator_id,
        notification.originator_version,
        notification.topic,
        notification.state,
    )


@dataclass(frozen=True)
class Tete:
    position: int
    empreinte: str
    nombre: int


@dataclass(frozen=True)
class Verdict:
    """`position` and `nature` name the first alteration; both None when the log is intact."""

    tete: Tete
    position: int | None = None
    nature: str | None = None

    @property
    def intact(self) -> bool:
        return self.position is None

    def message(self) -> str:
        if self.intact:
            return (
                f"Journal intègre : {self.tete.nombre} événements chaînés, tête à la position "
                f"{self.tete.position}, empreinte {self.tete.empreinte}."
            )
        return f"Journal altéré : événement {self.nature} à la position {self.position}."


@dataclass(frozen=True)
class PointDeControle:
    position: int
    empreinte: str
    le: datetime


def avec_point_de_controle(
    rapport: dict[str, Any], moteur: Engine, fin: datetime
) -> dict[str, Any]:
    """The annual report with `point_de_controle`: the last checkpoint recorded before the
    year's end (position, hash, ISO time in UTC), or None; both report sources call this."""
    with moteur.connect() as cnx:
        dernier = cnx.execute(
            select(audit_points.c.position, audit_points.c.empreinte, audit_points.c.le)
            .where(audit_points.c.le < fin)
            .order_by(audit_points.c.le.desc(), audit_points.c.position.desc())
            .limit(1)
        ).first()
    rapport["point_de_controle"] = (
        None
        if dernier is None
        else {
            "position": int(dernier[0]),
            "empreinte": str(dernier[1]),
            "le": en_utc(dernier[2]).isoformat(),
        }
    )
    return rapport


class _Course(Exception):
    """Two processes created the lock row at once; the loser's transaction was rolled back."""


class Chaine:
    def __init__(self, registre: Registre, moteur: Engine) -> None:
        self.registre = registre
        self.moteur = moteur

    # --- writing ------------------------------------------------------------------------------

    def rattraper(self) -> int:
        """Chain every stored event not chained yet, in position order; returns how many.

        On the path of every save: when the chain is already at the log's head it only reads
        two maxima, and otherwise it costs one more transaction (no count, no second pass)."""
        if self._position_chainee() >= (self.registre.recorder.max_notification_id() or 0):
            return 0
        total = 0
        while True:
            try:
                chainees = self._un_lot()
            except _Course:
                continue
            total += chainees
            if chainees < LOT:
                return total

    def _position_chainee(self) -> int:
        with self.moteur.connect() as cnx:
            return int(cnx.execute(select(func.max(audit_chaine.c.position))).scalar() or 0)

    def _un_lot(self) -> int:
        # Read the events before taking the write lock: the event store's reads go through
        # its own connection pool, which a save waiting for that same lock may hold; reading
        # under the lock made a cycle (each waited for the other until a timeout). The head is
        # read again under the lock: if someone chained meanwhile, start again.
        depart, precedente = self._tete(None)
        notifications = self.registre.recorder.select_notifications(
            depart, LOT, inclusive_of_start=False
        )
        if not notifications:
            return 0
        with self.moteur.begin() as cnx:
            # Write first (as the projector does): the lock is taken before the head is read.
            verrou = cnx.execute(
                update(positions)
                .where(positions.c.nom == VERROU)
                .values(position=positions.c.position)
            )
            if verrou.rowcount == 0:
                try:
                    cnx.execute(insert(positions).values(nom=VERROU, position=0))
                except IntegrityError:
                    raise _Course() from None  # created meanwhile: start again, it exists now
            if self._tete(cnx) != (depart, precedente):
                raise _Course()
            lignes = []
            for n in notifications:
                valeur = empreinte(precedente, n.id, n)
                lignes.append({"position": n.id, "empreinte": valeur, "precedente": precedente})
                precedente = valeur
            cnx.execute(insert(audit_chaine), lignes)
            cnx.execute(
                update(positions)
                .where(positions.c.nom == VERROU)
                .values(position=notifications[-1].id)
            )
            return len(notifications)

    def _tete(self, cnx: Connection | None) -> tuple[int, str]:
        """The chain's last position and hash (`ORIGINE` before the first)."""
        requete = (
            select(audit_chaine.c.position, audit_chaine.c.empreinte)
            .order_by(audit_chaine.c.position.desc())
            .limit(1)
        )
        if cnx is None:
            with self.moteur.connect() as lecture:
                derniere = lecture.execute(requete).first()
        else:
            derniere = cnx.execute(requete).first()
        return (int(derniere[0]), str(derniere[1])) if derniere else (0, ORIGINE)

    def tete(self) -> Tete:
        with self.moteur.connect() as cnx:
            derniere = cnx.execute(
                select(audit_chaine.c.position, audit_chaine.c.empreinte)
                .order_by(audit_chaine.c.position.desc())
                .limit(1)
            ).first()
            nombre = cnx.execute(select(func.count()).select_from(audit_chaine)).scalar()
        if derniere is None:
            return Tete(0, ORIGINE, 0)
        return Tete(int(derniere[0]), str(derniere[1]), int(nombre or 0))

    # --- checkpoints ----------------------------------------------------------------------------

    def point_de_controle(self, le: datetime) -> PointDeControle:
        """Record the head (after chaining the tail) as a checkpoint; once per head position."""
        self.rattraper()
        tete = self.tete()
        try:
            with self.moteur.begin() as cnx:
                cnx.execute(
                    insert(audit_points).values(
                        position=tete.position, empreinte=tete.empreinte, le=le
                    )
                )
        except IntegrityError:
            pass  # this head is already checkpointed (the job ran twice, or nothing happened)
        return next(p for p in self.points() if p.position == tete.position)

    def points(self, jusqu_a: datetime | None = None) -> list[PointDeControle]:
        """Checkpoints, most recent first; with `jusqu_a`, those recorded before that instant."""
        requete = select(audit_points).order_by(audit_points.c.position.desc())
        if jusqu_a is not None:
            requete = requete.where(audit_points.c.le < jusqu_a)
        with self.moteur.connect() as cnx:
            return [
                PointDeControle(int(p), str(e), en_utc(le)) for p, e, le in cnx.execute(requete)
            ]

    # --- checking -------------------------------------------------------------------------------

    def verifier(self, externes: Sequence[PointDeControle] = ()) -> Verdict:
        """Re-walk the log against the chain; the first alteration found, with its kind.
        `externes`: checkpoints kept outside the database (an agent's copy, an archive), which
        catch what rewriting the events, the chain and the checkpoint table together hides,
        and a log truncated of its newest events."""
        self.rattraper()
        tete = self.tete()
        evenements = self._evenements()
        suivant = next(evenements, None)
        attendue = ORIGINE
        for position, valeur, precedente in self._chaine():
            if precedente != attendue:
                return Verdict(tete, position, CHAINE_ALTEREE)
            if suivant is not None and suivant.id < position:
                return Verdict(tete, suivant.id, INSERE)  # in a gap: never chained
            if suivant is None or suivant.id > position:
                ailleurs = self._origine(position, precedente, valeur) is not None
                nature = REORDONNE if ailleurs else SUPPRIME
                return Verdict(tete, position, nature)
            if empreinte(precedente, position, suivant) != valeur:
                return Verdict(tete, position, self._nature(position, precedente, valeur, suivant))
            attendue = valeur
            suivant = next(evenements, None)
        if suivant is not None and suivant.id <= tete.position:
            return Verdict(tete, suivant.id, INSERE)
        for point in self.points():
            if self._valeur(point.position) != point.empreinte:
                return Verdict(tete, point.position, POINT_DIVERGENT)
        for point in sorted(externes, key=lambda p: p.position):
            if point.position > tete.position:
                return Verdict(tete, point.position, TRONQUE)
            if self._valeur(point.position) != point.empreinte:
                return Verdict(tete, point.position, POINT_EXTERNE_DIVERGENT)
        return Verdict(tete)

    def _nature(self, position: int, precedente: str, valeur: str, present: Any) -> str:
        """Why the event at `position` does not match: where did its original go, and is the
        event now there the original of another position?"""
        ailleurs = self._origine(position, precedente, valeur) is not None
        deplace = self._chainee_ailleurs(present)
        if ailleurs:
            return REORDONNE if deplace else INSERE
        return SUPPRIME if deplace else MODIFIE

    def _origine(self, position: int, precedente: str, valeur: str) -> int | None:
        """The position of the event that was chained at `position`, if still in the log."""
        for n in self._evenements():
            if n.id != position and empreinte(precedente, position, n) == valeur:
                return int(n.id)
        return None

    def _chainee_ailleurs(self, notification: Any) -> bool:
        for position, valeur, precedente in self._chaine():
            if (
                position != notification.id
                and empreinte(precedente, position, notification) == valeur
            ):
                return True
        return False

    def _valeur(self, position: int) -> str | None:
        with self.moteur.connect() as cnx:
            valeur = cnx.execute(
                select(audit_chaine.c.empreinte).where(audit_chaine.c.position == position)
            ).scalar()
        return None if valeur is None else str(valeur)

    def _evenements(self) -> Iterator[Any]:
        depart = 0
        while True:
            lot = self.registre.recorder.select_notifications(depart, LOT, inclusive_of_start=False)
            if not lot:
                return
            yield from lot
            depart = lot[-1].id

    def _chaine(self) -> Iterator[tuple[int, str, str]]:
        depart = 0
        while True:
            with self.moteur.connect() as cnx:
                lot = cnx.execute(
                    select(
                        audit_chaine.c.position, audit_chaine.c.empreinte, audit_chaine.c.precedente
                    )
                    .where(audit_chaine.c.position > depart)
                    .order_by(audit_chaine.c.position)
                    .limit(LOT)
                ).all()
            if not lot:
                return
            for position, valeur, precedente in lot:
                yield int(position), str(valeur), str(precedente)
            depart = int(lot[-1][0])


def points_en_json(points: Sequence[PointDeControle]) -> dict[str, Any]:
    """The published checkpoints, as `/journal/points-de-controle.json` serves them and as
    `participation audit verify --points-de-controle` reads them back."""
    return {
        "format": FORMAT_POINTS,
        "points": [
            {"position": p.position, "empreinte": p.empreinte, "le": en_utc(p.le).isoformat()}
            for p in points
        ],
    }


def points_depuis_json(document: Any) -> list[PointDeControle]:
    """Checkpoints read back from a copy; `ValueError` with a French message if malformed."""
    try:
        if document.get("format") != FORMAT_POINTS:
            raise ValueError
        return [
            PointDeControle(
                int(p["position"]), str(p["empreinte"]), datetime.fromisoformat(p["le"])
            )
            for p in document["points"]
        ]
    except (AttributeError, KeyError, TypeError, ValueError):
        raise ValueError(
            "Ce n'est pas une liste de points de contrôle de participation "
            f"(attendu : le JSON de /journal/points-de-controle.json, format {FORMAT_POINTS})."
        ) from None
