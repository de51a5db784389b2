"""A batch of read-model writes: consecutive uses of one statement go out as one executemany.

Handlers build no SQL per event: each module prepares its statements once (with bound
parameters) and hands the lot one parameter set per event. Order is preserved: a different
statement, or a read, first sends what is pending.
"""

from typing import Any

from sqlalchemy import Connection, CursorResult, Executable


class Lot:
    def __init__(self, connexion: Connection) -> None:
        self.connexion = connexion
        self.position = 0  # of the event being handled, for rows keyed by it
        self._instruction: Executable | None = None
        self._parametres: list[dict[str, Any]] = []

    def ecrire(self, instruction: Executable, **parametres: Any) -> None:
        if instruction is not self._instruction:
            self.envoyer()
            self._instruction = instruction
        self._parametres.append(parametres)

    def lire(self, instruction: Executable, **parametres: Any) -> CursorResult[Any]:
        self.envoyer()
        return self.connexion.execute(instruction, parametres)

    def envoyer(self) -> None:
        if self._instruction is not None and self._parametres:
            self.connexion.execute(self._instruction, self._parametres)
        self._instruction = None
        self._parametres = []
