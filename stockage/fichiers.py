"""Where the bytes of the councils' documents live, behind one interface.

Files are addressed by the SHA-256 of their content (64 lowercase hex digits): the same bytes
deposited twice are stored once, an address can never point to other bytes, and the event log
records the address alone, never the bytes. Two backends:

- `FichiersLocaux`: a directory of the server (`PARTICIPATION_FICHIERS_DOSSIER`), one file per
  content, `ab/abcdef…` (256 subdirectories keep directories small). Writes are atomic: a
  temporary file in the same directory, flushed to disk, then renamed over the final name, so
  a reader never sees half a file and a crash leaves at most a stray temporary file.
- `FichiersS3`: an S3-compatible object store (MinIO, Garage, a cloud's) through the `minio`
  client, one object per content, `sha256/abcdef…`. An object appears whole or not at all.

Reading checks the hash of what comes back: a file altered on disk or in the bucket is an
error (`FichierAltere`), never served. Deleting is the caller's decision (the use cases delete
a content once no document refers to it any more; see `participation.documents`).
"""

import hashlib
import io
import os
import re
import tempfile
from pathlib import Path
from typing import Protocol

from minio import Minio
from minio.error import S3Error

from stockage.configuration import Configuration

EMPREINTE = re.compile(r"[0-9a-f]{64}")


class FichierIntrouvable(LookupError):
    """No content stored at this address."""


class FichierAltere(ValueError):
    """The stored bytes no longer have the hash they are addressed by."""


def empreinte_de(contenu: bytes) -> str:
    return hashlib.sha256(contenu).hexdigest()


def _verifier_empreinte(empreinte: str) -> str:
    if not isinstance(empreinte, str) or not EMPREINTE.fullmatch(empreinte):
        raise ValueError(f"not a SHA-256 address: {empreinte!r}")
    return empreinte


def _verifier_contenu(empreinte: str, contenu: bytes) -> bytes:
    if empreinte_de(contenu) != empreinte:
        raise FichierAltere(f"the content stored at {empreinte} has another hash")
    return contenu


class Fichiers(Protocol):
    """Content-addressed storage: `put` returns the address of what it stored."""

    def put(self, contenu: bytes) -> str: ...

    def get(self, empreinte: str) -> bytes: ...

    def existe(self, empreinte: str) -> bool: ...

    def supprimer(self, empreinte: str) -> None: ...


class FichiersLocaux:
    """A directory of the server; created on first write."""

    def __init__(self, dossier: Path) -> None:
        self.dossier = Path(dossier)

    def chemin(self, empreinte: str) -> Path:
        _verifier_empreinte(empreinte)
        return self.dossier / empreinte[:2] / empreinte

    def put(self, contenu: bytes) -> str:
        empreinte = empreinte_de(contenu)
        cible = self.chemin(empreinte)
        if cible.exists():  # deduplicated: the same bytes are already there
            return empreinte
        cible.parent.mkdir(parents=True, exist_ok=True)
        descripteur, temporaire = tempfile.mkstemp(dir=cible.parent, prefix=".depot-")
        try:
            with os.fdopen(descripteur, "wb") as sortie:
                sortie.write(contenu)
                sortie.flush()
                os.fsync(sortie.fileno())
            os.chmod(temporaire, 0o640)
            os.replace(temporaire, cible)
        except BaseException:
            Path(temporaire).unlink(missing_ok=True)
            raise
        return empreinte

    def get(self, empreinte: str) -> bytes:
        try:
            contenu = self.chemin(empreinte).read_bytes()
        except FileNotFoundError:
            raise FichierIntrouvable(empreinte) from None
        return _verifier_contenu(empreinte, contenu)

    def existe(self, empreinte: str) -> bool:
        return self.chemin(empreinte).is_file()

    def supprimer(self, empreinte: str) -> None:
        self.chemin(empreinte).unlink(missing_ok=True)


_ABSENT = ("NoSuchKey", "NoSuchObject", "NotFound", "ResourceNotFound")


class FichiersS3:
    """A bucket of an S3-compatible store; the bucket is created on first write if missing."""

    PREFIXE = "sha256/"

    def __init__(
        self,
        point_d_acces: str,
        seau: str,
        cle_d_acces: str,
        cle_secrete: str,
        region: str = "us-east-1",
        tls: bool = True,
    ) -> None:
        self.client = Minio(
            point_d_acces,
            access_key=cle_d_acces,
            secret_key=cle_secrete,
            secure=tls,
            region=region,
        )
        self.seau = seau
        self._seau_pret = False

    def cle(self, empreinte: str) -> str:
        return self.PREFIXE + _verifier_empreinte(empreinte)

    def _preparer(self) -> None:
        if not self._seau_pret:
            if not self.client.bucket_exists(self.seau):
                try:
                    self.client.make_bucket(self.seau)
                except S3Error as erreur:  # another worker created it meanwhile
                    if erreur.code not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                        raise
            self._seau_pret = True

    def put(self, contenu: bytes) -> str:
        empreinte = empreinte_de(contenu)
        self._preparer()
        if not self.existe(empreinte):
            self.client.put_object(
                self.seau,
                self.cle(empreinte),
                io.BytesIO(contenu),
                len(contenu),
                content_type="application/octet-stream",
            )
        return empreinte

    def get(self, empreinte: str) -> bytes:
        try:
            reponse = self.client.get_object(self.seau, self.cle(empreinte))
        except S3Error as erreur:
            if erreur.code in (*_ABSENT, "NoSuchBucket"):
                raise FichierIntrouvable(empreinte) from None
            raise
        try:
            contenu = reponse.read()
        finally:
            reponse.close()
            reponse.release_conn()
        return _verifier_contenu(empreinte, contenu)

    def existe(self, empreinte: str) -> bool:
        try:
            self.client.stat_object(self.seau, self.cle(empreinte))
        except S3Error as erreur:
            if erreur.code in (*_ABSENT, "NoSuchBucket"):
                return False
            raise
        return True

    def supprimer(self, empreinte: str) -> None:
        try:
            self.client.remove_object(self.seau, self.cle(empreinte))
        except S3Error as erreur:
            if erreur.code != "NoSuchBucket":
                raise


def fichiers_pour(configuration: Configuration) -> Fichiers:
    """The backend the settings name (`PARTICIPATION_FICHIERS`)."""
    if configuration.fichiers == "s3":
        assert configuration.s3_endpoint and configuration.s3_cle_d_acces, "checked at start-up"
        assert configuration.s3_cle_secrete, "checked at start-up"
        return FichiersS3(
            configuration.s3_endpoint,
            configuration.s3_seau,
            configuration.s3_cle_d_acces,
            configuration.s3_cle_secrete,
            configuration.s3_region,
            configuration.s3_tls,
        )
    return FichiersLocaux(configuration.chemin_fichiers)
