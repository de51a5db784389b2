"""Reading a form that carries a file, without ever holding more than the size limit.

Starlette's multipart parser bounds the text fields (`max_part_size`) but not a file part: a
file is spooled to a temporary file whatever its size. The routes that accept a document
(marked `@televersement`) are read by `lire_televersement` instead, before their handler runs
(`web.hors_boucle`), with the parser below:
- a file part keeps at most `taille_max` bytes (`PARTICIPATION_DOCUMENTS_TAILLE_MAX_MO`); past
  that its bytes are dropped as they come and the field is noted as too big
  (`request.state.fichiers_trop_gros`), so that the handler refuses it next to the file
  field, with the other fields kept;
- one file per form, small text fields, and the whole body is read up to `2 × taille_max +
  1 MiB` at most (enough for the browser to receive the refusal rather than a reset
  connection): past that, the request is cut short with a 413.

The form is then the request's own (`request.form()` returns it), so the CSRF check, the
idempotency key and the handler read it as any other.
"""

from collections.abc import AsyncGenerator
from typing import Any, TypeVar

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request

from domaine.fichiers import en_mo
from langues import _

MARGE = 1024 * 1024
CHAMP_TEXTE_MAX = 64 * 1024
"""Bytes of one text field of an upload form (a title, a date: far less)."""
ATTRIBUT = "televersement"
P = TypeVar("P")


def televersement(point: P) -> P:
    """Marks a handler whose form carries a file (read by `lire_televersement`)."""
    setattr(point, ATTRIBUT, True)
    return point


def est_un_televersement(point: object) -> bool:
    return bool(getattr(point, ATTRIBUT, False))


class _AnalyseurBorne(MultiPartParser):
    def __init__(self, *args: Any, taille_max: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.taille_max = taille_max
        self.trop_gros: set[str] = set()
        self._lus: dict[int, int] = {}

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        partie = self._current_part
        if partie.file is None:
            super().on_part_data(data, start, end)
            return
        deja = self._lus.get(id(partie), 0)
        self._lus[id(partie)] = deja + (end - start)
        if deja + (end - start) > self.taille_max:
            self.trop_gros.add(partie.field_name)
            return  # dropped: never written anywhere
        super().on_part_data(data, start, end)


async def _borne(flux: AsyncGenerator[bytes, None], taille_max: int) -> AsyncGenerator[bytes, None]:
    lus, maximum = 0, 2 * taille_max + MARGE
    async for morceau in flux:
        lus += len(morceau)
        if lus > maximum:
            raise HTTPException(
                413,
                _(
                    "L'envoi est beaucoup trop volumineux : rien n'a été enregistré. "
                    "Un document pèse au plus %(taille)s.",
                    taille=en_mo(taille_max),
                ),
            )
        yield morceau


async def lire_televersement(request: Request) -> FormData:
    """The request's form, read with the bounds above (a non-multipart form as usual)."""
    if request._form is not None:  # already read
        return request._form
    type_ = request.headers.get("content-type", "")
    if not type_.startswith("multipart/form-data"):
        return await request.form()
    taille_max: int = request.app.state.plateforme.configuration.taille_max_document
    analyseur = _AnalyseurBorne(
        request.headers,
        _borne(request.stream(), taille_max),
        max_files=1,
        max_fields=50,
        max_part_size=CHAMP_TEXTE_MAX,
        taille_max=taille_max,
    )
    try:
        formulaire = await analyseur.parse()
    except MultiPartException as erreur:
        raise HTTPException(400, erreur.message) from None
    request._form = formulaire  # what request.form() returns from now on
    request.state.fichiers_trop_gros = analyseur.trop_gros
    return formulaire


def fichier_trop_gros(request: Request, champ: str) -> bool:
    return champ in getattr(request.state, "fichiers_trop_gros", set())


async def octets(form: FormData, champ: str) -> bytes:
    """The bytes of the file field (empty if none was chosen)."""
    valeur = form.get(champ)
    if not isinstance(valeur, UploadFile):
        return b""
    return await valeur.read()
