"""Output formats of the annual report (JSON only until the other formats land)."""

from typing import Any

from domaine.erreurs import DonneeInvalide
from participation.rapports.service import en_json

FORMATS = ("json",)
TYPES_MIME = {"json": "application/json"}


def rendre(rapport: dict[str, Any], format: str) -> bytes:
    if format == "json":
        return en_json(rapport)
    raise DonneeInvalide(f"Format inconnu : « {format} » (formats : {', '.join(FORMATS)}).")
