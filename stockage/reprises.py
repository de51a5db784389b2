"""Idempotency keys: the answer given to a form, kept so that the same form sent again gets it
again instead of running its command twice.

The first request with a key reserves it (a row with status 0) before its command runs; a
second request with the same key then finds either the answer (replayed) or the reservation
(the first is still running: refused, 409). A request that fails, or records nothing, frees
its key, so that trying again really tries again. Keys belong to one account: another account
sending the same key is not answered with someone else's page."""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from stockage.tables import reprises

DUREE = timedelta(days=1)
"""How long an answer is kept: a retry comes within seconds, a resubmitted old page within
the day."""
CORPS_MAX = 256 * 1024
"""Answers larger than this (rare: a whole page) are not kept; the key is then freed."""


@dataclass(frozen=True)
class Reponse:
    statut: int
    entetes: dict[str, str]
    corps: bytes


EN_COURS = Reponse(0, {}, b"")
"""The key's first request is still running."""


class Reprises:
    def __init__(self, moteur: Engine) -> None:
        self.moteur = moteur

    def reserver(self, cle: str, compte: str, le: datetime) -> Reponse | None:
        """None if this request is the first with `cle` (it is now reserved); otherwise the
        answer given to the first (`EN_COURS` while it runs)."""
        try:
            with self.moteur.begin() as cnx:
                cnx.execute(
                    insert(reprises).values(
                        cle=cle, compte=compte, statut=0, entetes="{}", corps=b"", cree_le=le
                    )
                )
            return None
        except IntegrityError:
            pass
        with self.moteur.connect() as cnx:
            ligne = cnx.execute(
                select(
                    reprises.c.compte, reprises.c.statut, reprises.c.entetes, reprises.c.corps
                ).where(reprises.c.cle == cle)
            ).first()
        if ligne is None:  # freed meanwhile: the first failed; try again
            return self.reserver(cle, compte, le)
        if ligne.compte != compte:
            return EN_COURS  # not this account's key: never someone else's answer
        if ligne.statut == 0:
            return EN_COURS
        return Reponse(int(ligne.statut), json.loads(ligne.entetes), bytes(ligne.corps))

    def conclure(self, cle: str, reponse: Reponse) -> None:
        if len(reponse.corps) > CORPS_MAX:
            self.liberer(cle)
            return
        with self.moteur.begin() as cnx:
            cnx.execute(
                update(reprises)
                .where(reprises.c.cle == cle)
                .values(
                    statut=reponse.statut,
                    entetes=json.dumps(reponse.entetes)[:2000],
                    corps=reponse.corps,
                )
            )

    def liberer(self, cle: str) -> None:
        with self.moteur.begin() as cnx:
            cnx.execute(delete(reprises).where(reprises.c.cle == cle))

    def purger(self, maintenant: datetime) -> int:
        with self.moteur.begin() as cnx:
            return int(
                cnx.execute(
                    delete(reprises).where(reprises.c.cree_le < maintenant - DUREE)
                ).rowcount
            )
