"""The archive of annual reports: each council's report for a finished year, in every format,
kept as produced with its SHA-256, so that anyone can check a copy they were sent.

Archived once (15 January by default, by the scheduler): running it again adds nothing.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from domaine.erreurs import DonneeInvalide
from domaine.quartiers import arrondissements
from domaine.temps import annee_a_paris
from langues import FRANCAIS, parler
from participation.rapports import ServiceRapports
from rapports.formats import rendre
from stockage.tables import archives


@dataclass(frozen=True)
class Archive:
    annee: int
    arrondissement: int
    format: str
    sha256: str
    taille: int
    archive_le: datetime


FORMATS_ARCHIVES = ("json", "pdf")
"""Each council's report as data and as the document to print; Paris as a whole in JSON (its
PDF, some 90 pages, is produced on demand)."""


class Archives:
    def __init__(
        self,
        moteur: Engine,
        rapports: ServiceRapports,
        formats: tuple[str, ...] = FORMATS_ARCHIVES,
    ) -> None:
        self.moteur = moteur
        self.rapports = rapports
        self.formats = formats

    def archiver(self, annee: int | None = None) -> list[Archive]:
        """Archive the reports of `annee` (default: the year just ended); returns what was
        added now (nothing if already archived)."""
        maintenant = self.rapports.registre.maintenant()
        annee = annee if annee is not None else annee_a_paris(maintenant) - 1
        if annee >= annee_a_paris(maintenant):
            raise DonneeInvalide(
                "L'année %(annee)s n'est pas terminée : seuls les rapports d'années écoulées "
                "sont archivés.",
                annee=annee,
            )
        ajoutees = []
        for arrondissement in (0, *arrondissements()):
            rapport = self.rapports.annuel(annee, arrondissement or None)
            for format_ in self.formats if arrondissement else ("json",):
                with parler(FRANCAIS):  # the archive is the French document, in any context
                    contenu = rendre(rapport, format_)
                archive = Archive(
                    annee,
                    arrondissement,
                    format_,
                    hashlib.sha256(contenu).hexdigest(),
                    len(contenu),
                    maintenant,
                )
                if self._ajouter(archive, contenu):
                    ajoutees.append(archive)
        return ajoutees

    def _ajouter(self, archive: Archive, contenu: bytes) -> bool:
        try:
            with self.moteur.begin() as cnx:
                cnx.execute(
                    insert(archives).values(
                        annee=archive.annee,
                        arrondissement=archive.arrondissement,
                        format=archive.format,
                        sha256=archive.sha256,
                        taille=archive.taille,
                        contenu=contenu,
                        archive_le=archive.archive_le,
                    )
                )
        except IntegrityError:
            return False  # already archived (by an earlier run, or another worker)
        return True

    def liste(self) -> list[Archive]:
        colonnes = [c for c in archives.c if c.name != "contenu"]
        with self.moteur.connect() as cnx:
            lignes = cnx.execute(
                select(*colonnes).order_by(
                    archives.c.annee.desc(), archives.c.arrondissement, archives.c.format
                )
            )
            return [
                Archive(r.annee, r.arrondissement, r.format, r.sha256, r.taille, r.archive_le)
                for r in lignes
            ]

    def contenu(self, annee: int, arrondissement: int, format_: str) -> bytes | None:
        with self.moteur.connect() as cnx:
            valeur = cnx.execute(
                select(archives.c.contenu).where(
                    archives.c.annee == annee,
                    archives.c.arrondissement == arrondissement,
                    archives.c.format == format_,
                )
            ).scalar()
        return bytes(valeur) if valeur is not None else None
