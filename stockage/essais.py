"""The tries rate limits count, kept in the database so that every worker and every host of a
deployment counts the same ones (a limit of 5 sign-ins per e-mail is 5, not 5 per worker).

One row per counted try: a digest of its key (`connexion:email:x@y.fr`…) and the instant (seconds since the
epoch, one clock for all hosts). A limit asks for its key's latest tries within its window."""

import hashlib
from collections.abc import Callable

from sqlalchemy import Engine, delete, insert, select

from stockage.tables import essais

GARDE_S = 24 * 3600
"""Tries older than this are deleted (no limit has a longer window)."""
PURGE_TOUS_LES = 500


class EssaisEnBase:
    """A sliding-window throttle on the shared table, with the interface of the in-memory
    `web.securite.Limiteur`: at most `limite` tries per `fenetre_s` for each key."""

    def __init__(
        self,
        moteur: Engine,
        action: str,
        limite: int,
        fenetre_s: float,
        horloge: Callable[[], float],
    ) -> None:
        self.moteur, self.action = moteur, action
        self.limite, self.fenetre_s, self.horloge = limite, fenetre_s, horloge
        self._notes = 0

    def _cle(self, cle: str) -> str:
        """A digest, not the e-mail or the address itself: the counters hold no personal
        data, only what tells two tries of the same key apart."""
        return hashlib.sha256(f"{self.action}:{cle}".encode()).hexdigest()

    def attente(self, cle: str) -> float:
        """Seconds until one more try is allowed (0 if it is allowed now)."""
        maintenant = self.horloge()
        with self.moteur.connect() as cnx:
            recents = (
                cnx.execute(
                    select(essais.c.instant)
                    .where(
                        essais.c.cle == self._cle(cle),
                        essais.c.instant > maintenant - self.fenetre_s,
                    )
                    .order_by(essais.c.instant.desc())
                    .limit(self.limite)
                )
                .scalars()
                .all()
            )
        if len(recents) < self.limite:
            return 0.0
        return max(0.0, float(recents[-1]) + self.fenetre_s - maintenant)

    def noter(self, cle: str) -> None:
        maintenant = self.horloge()
        with self.moteur.begin() as cnx:
            cnx.execute(insert(essais).values(cle=self._cle(cle), instant=maintenant))
            self._notes += 1
            if self._notes % PURGE_TOUS_LES == 0:
                cnx.execute(delete(essais).where(essais.c.instant < maintenant - GARDE_S))

    def oublier(self, cle: str) -> None:
        with self.moteur.begin() as cnx:
            cnx.execute(delete(essais).where(essais.c.cle == self._cle(cle)))
