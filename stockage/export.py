"""Export of the event log as JSON lines: what happened, in order, without personal data."""

import json
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any, TextIO
from uuid import UUID

from stockage.registre import Registre

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
                "payload": charge_utile(evenement),
            }
            sortie.write(json.dumps(ligne, ensure_ascii=False, sort_keys=True) + "\n")
            nombre += 1
        if progression is not None:
            progression(len(lot))
        debut = lot[-1].id


def charge_utile(evenement: Any) -> dict[str, Any]:
    """An event's own attributes (not the ids, version and time every event has), as JSON."""
    return {
        k: en_json(v) for k, v in sorted(vars(evenement).items()) if k not in _ATTRIBUTS_COMMUNS
    }


def en_json(valeur: Any) -> Any:
    """Plain JSON values for events and states: ids, dates and enums as strings."""
    if hasattr(valeur, "__dataclass_fields__"):
        return {k: en_json(getattr(valeur, k)) for k in valeur.__dataclass_fields__}
    if isinstance(valeur, UUID):
        return str(valeur)
    if isinstance(valeur, (date, datetime)):
        return valeur.isoformat()
    if isinstance(valeur, Enum):
        return valeur.value
    if isinstance(valeur, (set, frozenset)):
        return sorted(en_json(v) for v in valeur)
    if isinstance(valeur, (list, tuple)):
        return [en_json(v) for v in valeur]
    return valeur
