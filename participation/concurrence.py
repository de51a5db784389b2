"""Commands that commute are applied again when someone saved the aggregate meanwhile.

Forty residents supporting one proposal at once all load the same version; all but one then
meet a version conflict. Supporting, co-signing and commenting do not depend on what the
others did (each person's own act, idempotent or appended), so the use case reloads and
applies the command again rather than answering "rechargez la page". Bounded: after
`ESSAIS` attempts the conflict is reported as usual. Commands whose outcome depends on the
state someone else changed (a status, an edit of a text) keep the conflict: the person must
see what changed."""

import random
import time
from collections.abc import Callable
from typing import TypeVar

from domaine.erreurs import ConflitDeModification

T = TypeVar("T")
ESSAIS = 20
PAUSE_S = 0.005
PLAFOND_S = 0.25
"""Between attempts, a random pause up to a bound that doubles with each attempt (capped):
"full jitter" backoff, so that the writers who raced spread out instead of meeting again,
even when an attempt is slow (a loaded server)."""


def reessayer_si_conflit(commande: Callable[[], T], essais: int = ESSAIS) -> T:
    """Run `commande` (load, apply, save) again on a version conflict, at most `essais` times."""
    for essai in range(1, essais):
        try:
            return commande()
        except ConflitDeModification:
            borne = min(PLAFOND_S, PAUSE_S * 2**essai)
            time.sleep(random.uniform(0, borne))  # noqa: S311 (not a secret)
    return commande()
