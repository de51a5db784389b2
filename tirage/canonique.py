"""Canonical JSON and hashes: the same document always gives the same bytes, on any machine."""

import hashlib
import json
from typing import Any


def octets(document: Any) -> bytes:
    """UTF-8 JSON with sorted keys and no spaces; the record never holds floats."""
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def sha256(texte: str | bytes) -> str:
    donnees = texte.encode("utf-8") if isinstance(texte, str) else texte
    return hashlib.sha256(donnees).hexdigest()


def ecrire(document: Any) -> str:
    """The file form of a record: canonical JSON plus a final newline."""
    return octets(document).decode("utf-8") + "\n"
