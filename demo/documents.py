"""Demo documents: in each council, a few files of its library (the règlement as a PDF, a
diagnostic chart as a PNG image, the presentation of the year's work as a PDF), deposited by
its animateur, and in two councils the library opened to the members.

The files are made here, byte for byte the same for a given council and year: a one-page PDF
written by hand (no generator, so no creation date inside) and an image drawn with Pillow.
They go through the real use case, so they are checked and stored like any upload, in the
local storage next to the demo's database (`PARTICIPATION_FICHIERS_DOSSIER` otherwise)."""

import io
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw

from demo.monde import Conseil, Planifier
from domaine.temps import jour_a_paris

if TYPE_CHECKING:
    from lancement.plateforme import Plateforme

OUVERTS_AUX_MEMBRES = (18, 20)
"""Councils whose members may deposit documents in the demo."""


def pdf(lignes: list[str]) -> bytes:
    """A valid one-page PDF showing `lignes` (Latin-1 text, Helvetica)."""

    def echapper(texte: str) -> str:
        return texte.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    flux = (
        "BT /F1 12 Tf 56 780 Td 16 TL "
        + " ".join(f"({echapper(ligne)}) '" for ligne in lignes)
        + " ET"
    )
    contenu = flux.encode("latin-1", "replace")
    objets = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(contenu)).encode() + b" >>\nstream\n" + contenu + b"\nendstream",
    ]
    sortie = bytearray(b"%PDF-1.4\n")
    positions = []
    for numero, objet in enumerate(objets, start=1):
        positions.append(len(sortie))
        sortie += f"{numero} 0 obj\n".encode() + objet + b"\nendobj\n"
    debut_xref = len(sortie)
    sortie += f"xref\n0 {len(objets) + 1}\n0000000000 65535 f \n".encode()
    sortie += b"".join(f"{p:010d} 00000 n \n".encode() for p in positions)
    sortie += f"trailer\n<< /Size {len(objets) + 1} /Root 1 0 R >>\n".encode()
    sortie += f"startxref\n{debut_xref}\n%%EOF\n".encode()
    return bytes(sortie)


def graphique(valeurs: list[int]) -> bytes:
    """A bar chart (PNG) of `valeurs`, e.g. members per neighbourhood."""
    largeur, hauteur = 480, 240
    image = Image.new("RGB", (largeur, hauteur), (255, 255, 255))
    dessin = ImageDraw.Draw(image)
    pas = largeur // max(1, len(valeurs))
    plus_haut = max(valeurs) or 1
    for i, valeur in enumerate(valeurs):
        haut = int((hauteur - 20) * valeur / plus_haut)
        dessin.rectangle(
            [i * pas + 10, hauteur - 10 - haut, (i + 1) * pas - 10, hauteur - 10],
            fill=(0, 85, 164),
        )
    sortie = io.BytesIO()
    image.save(sortie, "PNG")
    return sortie.getvalue()


def planifier_documents(
    plateforme: "Plateforme", conseil: Conseil, debut: datetime, fin: datetime,
    plus_tard: Planifier,
) -> None:  # fmt: skip
    a = conseil.arrondissement
    animateur = conseil.animateur
    documents = plateforme.documents

    def deposer(titre: str, nature: str, contenu: bytes) -> None:
        jour = jour_a_paris(plateforme.registre.maintenant())
        documents.deposer(animateur, a, titre, jour, nature, contenu)

    plus_tard(
        debut + timedelta(days=3, hours=10),
        lambda: deposer(
            "Règlement intérieur adopté",
            "reglement",
            pdf([f"Conseil citoyen du {a}e arrondissement", "Règlement intérieur", "Article 1."]),
        ),
    )
    plus_tard(
        debut + timedelta(days=45, hours=11),
        lambda: deposer(
            "Diagnostic : membres par quartier",
            "diagnostic",
            graphique([(a * 7 + i * 13) % 40 + 5 for i in range(6)]),
        ),
    )
    plus_tard(
        fin - timedelta(days=20, hours=5),
        lambda: deposer(
            "Présentation du bilan de l'année",
            "presentation",
            pdf([f"Conseil citoyen du {a}e", "Bilan de l'année", "Séances, avis, projets."]),
        ),
    )
    if a in OUVERTS_AUX_MEMBRES:
        plus_tard(
            debut + timedelta(days=50),
            lambda: documents.regler_depots_des_membres(animateur, a, True),
        )
