"""Small files made on the spot, the same bytes at every run: a PDF, images (with and without an
EXIF GPS position), office documents, and disguises (a script named .pdf)."""

import io
import zipfile

from PIL import Image

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
SCRIPT_DEGUISE = b"#!/bin/sh\necho 'je ne suis pas un PDF'\n"
GPS = 0x8825


def image(format_: str = "PNG", taille: tuple[int, int] = (32, 24), gps: bool = False) -> bytes:
    """A small image; with `gps`, an EXIF block with a GPS position (Paris, 18e)."""
    dessin = Image.new("RGB", taille, (30, 120, 200))
    for x in range(taille[0]):
        dessin.putpixel((x, x % taille[1]), (250, 250, 0))
    options = {}
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "Téléphone de Camille"
        exif[GPS] = {1: "N", 2: (48.0, 53.0, 31.0), 3: "E", 4: (2.0, 21.0, 16.0)}
        options["exif"] = exif.tobytes()
    sortie = io.BytesIO()
    dessin.save(sortie, format_, **options)
    return sortie.getvalue()


def odt() -> bytes:
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return sortie.getvalue()


def docx(macros: bool = False) -> bytes:
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        if macros:
            archive.writestr("word/vbaProject.bin", b"\x00macro")
    return sortie.getvalue()


def zip_quelconque() -> bytes:
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w") as archive:
        archive.writestr("photos/vacances.txt", "rien")
    return sortie.getvalue()
