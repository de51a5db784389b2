"""The running program's source, offered to every user as the AGPL (section 13) requires."""

import importlib.util
import io
import zipfile
from functools import cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

PAQUETS = (
    "tirage",
    "domaine",
    "rapports",
    "stockage",
    "projections",
    "participation",
    "web",
    "lancement",
    "demo",
)
"""Every package of the program, found by name: `web` imports none of the layers above it."""

AVIS = (
    "participation — logiciel libre sous licence GNU Affero General Public License, "
    "version 3 ou ultérieure (AGPL-3.0-or-later).\n"
    "Cette archive contient le code source de la version en service.\n"
)


@cache
def archive() -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("participation-source/LISEZMOI.txt", AVIS)
        for paquet in PAQUETS:
            spec = importlib.util.find_spec(paquet)
            assert spec is not None and spec.origin is not None, paquet
            racine = Path(spec.origin).parent
            for fichier in sorted(racine.rglob("*")):
                if fichier.is_file() and "__pycache__" not in fichier.parts:
                    nom = Path("participation-source", racine.name, fichier.relative_to(racine))
                    zf.write(fichier, str(nom))
    return tampon.getvalue()


async def source(request: Request) -> Response:
    return Response(
        archive(),
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="participation-source.zip"'},
    )
