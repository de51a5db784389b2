"""Export of the event log as JSON lines: what happened, in order, without personal data."""

import json
from collections.abc import Callable
from datetime import datetime
from enum import Enum
from typing import Any, TextIO
from uuid import UUID

from participation.registre import Registre

LOT = 2_000
_ATTRIBUTS_COMMUNS = {"originator_id", "originator_version", "timestamp", "originator_topic"}


def exporter(
    registre: Registre, sortie: TextIO, progression: Callable[[int], None] | None = None
) -> int:
    """Write one JSON object per stored event; returns how many were written."""
    nombre = 0
    debut = 0
    while True:
        lot = registre.recorder.select_notifications(debut, LOT, inclusive_of_start=False)
        if not lot:
            return nombre
        for notification in lot:
            evenement: Any = registre.mapper.to_domain_event(notification)
            ligne = {
                "position": notification.id,
                "aggregate_id": str(evenement.originator_id),
                "version": evenement.originator_version,
                "type": notification.topic,
                "recorded_at": evenement.timestamp.isoformat(),
                "payload": {
                    k: _json(v)
                    for k, v in sorted(vars(evenement).items())
                    if k not in _ATTRIBUTS_COMMUNS
                },
            }
            sortie.write(json.dumps(ligne, ensure_ascii=False, sort_keys=True) + "\n")
            nombre += 1
        if progression is not None:
            progression(len(lot))
        debut = lot[-1].id


def _json(valeur: Any) -> Any:
    if isinstance(valeur, UUID):
        return str(valeur)
    if isinstance(valeur, datetime):
        return valeur.isoformat()
    if isinstance(valeur, Enum):
        return valeur.value
    if isinstance(valeur, (list, tuple, set, frozenset)):
        return [_json(v) for v in valeur]
    return valeur
