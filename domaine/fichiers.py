"""What a deposited file may be, checked in one place: its size, its type read from its content
(never from its name, which anyone can change), and, for images, their re-encoding.

Accepted: PDF, PNG, JPEG and WebP images, OpenDocument (text, spreadsheet, presentation) and
Office Open XML (Word, Excel, PowerPoint, without macros). The type is read from the first
bytes (the "magic number"); the two office formats are zip archives, told apart by what the
archive holds (`mimetype` first for OpenDocument, `[Content_Types].xml` for Office Open XML).

Images are decoded and re-encoded with Pillow: the stored bytes are the re-encoded ones, with no
metadata (EXIF, XMP, comments: a photo's EXIF may hold the GPS position where it was taken,
the camera's owner, the date; all personal data). The orientation EXIF gives is applied to the
pixels first, so a phone photo stays upright. A truncated or undecodable image is refused, and
so is a decompression bomb (more than `PIXELS_MAX` pixels). PDF and office files are stored as
they are: their content is the council's document (their own metadata is the author's
business, see docs/documents.md).

Pure: bytes in, bytes out, no file or network access (Pillow and `zipfile` read from memory).
"""

import hashlib
import io
import warnings
import zipfile
from dataclasses import dataclass
from enum import Enum

from PIL import Image, ImageOps, UnidentifiedImageError

from domaine.erreurs import ChampInvalide
from domaine.traduction import N_, _

CHAMP = "fichier"
"""The form field every refusal of this module names."""
PIXELS_MAX = 50_000_000
"""Larger images are refused (a 50-megapixel photo is already more than a phone takes)."""
QUALITE_JPEG = 90


class Format(Enum):
    """An accepted type: its media type, the one extension its downloads get, its label (in
    French, translated when read)."""

    PDF = ("application/pdf", "pdf", N_("PDF"))
    PNG = ("image/png", "png", N_("image PNG"))
    JPEG = ("image/jpeg", "jpg", N_("image JPEG"))
    WEBP = ("image/webp", "webp", N_("image WebP"))
    ODT = ("application/vnd.oasis.opendocument.text", "odt", N_("texte OpenDocument"))
    ODS = ("application/vnd.oasis.opendocument.spreadsheet", "ods", N_("tableur OpenDocument"))
    ODP = (
        "application/vnd.oasis.opendocument.presentation",
        "odp",
        N_("présentation OpenDocument"),
    )
    DOCX = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        N_("document Word"),
    )
    XLSX = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        N_("classeur Excel"),
    )
    PPTX = (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pptx",
        N_("présentation PowerPoint"),
    )

    @property
    def type_media(self) -> str:
        return self.value[0]

    @property
    def extension(self) -> str:
        return self.value[1]

    @property
    def libelle(self) -> str:
        return _(self.value[2])

    @property
    def est_une_image(self) -> bool:
        return self in (Format.PNG, Format.JPEG, Format.WEBP)


TYPES_MEDIA = {f.type_media: f for f in Format}
ACCEPTES = N_(
    "PDF, images PNG, JPEG ou WebP, documents OpenDocument ou Office (Word, Excel, PowerPoint)"
)
"""The accepted types in a few words (French: translate it where it is shown)."""
_ODF = {f.type_media.encode(): f for f in (Format.ODT, Format.ODS, Format.ODP)}
_OOXML = {"word/": Format.DOCX, "xl/": Format.XLSX, "ppt/": Format.PPTX}
_PILLOW = {Format.PNG: "PNG", Format.JPEG: "JPEG", Format.WEBP: "WEBP"}


@dataclass(frozen=True)
class FichierVerifie:
    """What may be stored: the bytes (re-encoded for an image) and their type."""

    contenu: bytes
    format: Format

    @property
    def taille(self) -> int:
        return len(self.contenu)

    @property
    def empreinte(self) -> str:
        """The SHA-256 of the bytes stored: their address, and what the event records."""
        return hashlib.sha256(self.contenu).hexdigest()


def en_mo(octets: int) -> str:
    """20971520 -> "20 Mo" (one decimal below 10 Mo: "1,5 Mo"; the unit in the current
    language, the decimal comma French: the web writes its own, `web.pieces_jointes`)."""
    mo = octets / (1024 * 1024)
    taille = f"{mo:.1f}".replace(".", ",") if mo < 10 else f"{mo:.0f}"
    return _("%(taille)s Mo") % {"taille": taille}


def trop_gros(taille_max: int) -> ChampInvalide:
    """The refusal of a file over the limit (the web raises it as soon as the upload passes
    it, without reading the rest)."""
    return ChampInvalide(
        CHAMP,
        "Ce fichier dépasse la taille maximale de %(taille)s : rien n'a été enregistré. "
        "Réduisez-le (PDF compressé, image redimensionnée) puis réessayez.",
        taille=en_mo(taille_max),
    )


def verifier_fichier(contenu: bytes, taille_max: int) -> FichierVerifie:
    """The file as it will be stored, or a `ChampInvalide` on `fichier` saying why not."""
    if not contenu:
        raise ChampInvalide(CHAMP, "Choisissez un fichier à déposer (le fichier reçu est vide).")
    if len(contenu) > taille_max:
        raise trop_gros(taille_max)
    format_ = detecter(contenu)
    if format_ is None:
        raise ChampInvalide(
            CHAMP,
            "Ce type de fichier n'est pas accepté (le type est lu dans le contenu du fichier, "
            "pas dans son nom). Types acceptés : %(acceptes)s.",
            acceptes=_(ACCEPTES),
        )
    if format_.est_une_image:
        return FichierVerifie(reencoder(contenu, format_), format_)
    return FichierVerifie(contenu, format_)


def detecter(contenu: bytes) -> Format | None:
    """The type the content's first bytes announce (None: not an accepted one)."""
    if contenu.startswith(b"%PDF-"):
        return Format.PDF
    if contenu.startswith(b"\x89PNG\r\n\x1a\n"):
        return Format.PNG
    if contenu.startswith(b"\xff\xd8\xff"):
        return Format.JPEG
    if contenu[:4] == b"RIFF" and contenu[8:12] == b"WEBP":
        return Format.WEBP
    if contenu.startswith(b"PK\x03\x04"):
        return _bureautique(contenu)
    return None


def _bureautique(contenu: bytes) -> Format | None:
    """An OpenDocument or Office Open XML file (both are zip archives), or None."""
    try:
        with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
            entrees = archive.infolist()
            noms = [e.filename for e in entrees]
            if entrees and entrees[0].filename == "mimetype" and entrees[0].file_size < 100:
                return _ODF.get(archive.read(entrees[0]).strip())
            if "[Content_Types].xml" in noms:
                if any(n.lower().endswith("vbaproject.bin") for n in noms):
                    raise ChampInvalide(
                        CHAMP,
                        "Les documents Office contenant des macros ne sont pas acceptés : "
                        "enregistrez-le sans macros (.docx, .xlsx, .pptx).",
                    )
                for prefixe, format_ in _OOXML.items():
                    if any(n.startswith(prefixe) for n in noms):
                        return format_
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return None
    return None


def _entiere(contenu: bytes, format_: Format) -> bool:
    """The image's bytes reach its format's end mark. Pillow alone cannot be trusted to refuse
    a truncated image: WeasyPrint, imported by the same process for the PDFs, sets Pillow's
    process-wide `ImageFile.LOAD_TRUNCATED_IMAGES`, after which a cut image loads with grey
    where its pixels are missing."""
    if format_ == Format.PNG:
        return _FIN_PNG in contenu[-64:]
    if format_ == Format.JPEG:
        return contenu.rstrip(b"\x00\r\n ").endswith(_FIN_JPEG)
    taille_riff = int.from_bytes(contenu[4:8], "little")  # WebP: RIFF, its size, WEBP…
    return len(contenu) >= 8 + taille_riff


_FIN_PNG = b"IEND\xaeB`\x82"
"""The IEND chunk's type and CRC, the last 8 bytes of every PNG."""
_FIN_JPEG = b"\xff\xd9"
"""The JPEG end-of-image marker."""


def reencoder(contenu: bytes, format_: Format) -> bytes:
    """The image decoded and encoded again in its own format, without any metadata."""
    try:
        if not _entiere(contenu, format_):
            raise OSError("truncated image")
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(contenu), formats=[_PILLOW[format_]]) as image:
                if image.width * image.height > PIXELS_MAX:
                    raise ChampInvalide(
                        CHAMP,
                        "Cette image est trop grande (%(largeur)s × %(hauteur)s pixels, "
                        "au plus %(millions)s millions de pixels).",
                        largeur=image.width,
                        hauteur=image.height,
                        millions=PIXELS_MAX // 1_000_000,
                    )
                image.load()  # decodes every pixel: a truncated file fails here
                droite = ImageOps.exif_transpose(image)
                propre = _sans_metadonnees(droite, format_)
    except ChampInvalide:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        # Translators: %(format)s is an image's type, as "image PNG" is translated.
        raise ChampInvalide(
            CHAMP,
            "Cette %(format)s est illisible ou incomplète (fichier tronqué ou abîmé) : "
            "rien n'a été enregistré.",
            format=format_.libelle,
        ) from None
    return propre


def _sans_metadonnees(image: Image.Image, format_: Format) -> bytes:
    """Only the pixels (and, for PNG, transparency) are copied into a new image, so that no
    metadata chunk can ride along, whatever Pillow keeps in `info`."""
    mode = image.mode
    if format_ == Format.JPEG and mode not in ("RGB", "L", "CMYK"):
        mode = "RGB"
    elif mode not in ("RGB", "RGBA", "L", "LA", "CMYK"):
        mode = "RGBA" if "A" in mode or "transparency" in image.info else "RGB"
    if format_ == Format.WEBP and mode in ("L", "LA", "CMYK"):
        mode = "RGBA" if mode == "LA" else "RGB"
    pixels = image.convert(mode) if image.mode != mode else image
    neuve = Image.new(pixels.mode, pixels.size)
    neuve.paste(pixels)
    sortie = io.BytesIO()
    match format_:
        case Format.JPEG:
            neuve.save(sortie, "JPEG", quality=QUALITE_JPEG, optimize=True)
        case Format.PNG:
            neuve.save(sortie, "PNG", optimize=True)
        case _:
            neuve.save(sortie, "WEBP", quality=QUALITE_JPEG, method=4)
    return sortie.getvalue()
