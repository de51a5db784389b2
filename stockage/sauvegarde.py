"""Backup and restore of the sources of truth: the event log and the personal-data store.

The file is gzip'd JSON lines. Its first line is a header (format version, date, database kind,
schema revision, row counts per table, SHA-256 of the rest); then, table after table, one JSON
object naming the table and its columns followed by one JSON array per row. Everything is read in ONE snapshot (a SQLite
read transaction, a PostgreSQL REPEATABLE READ transaction), so the log and the identities agree.
Read models are not saved: a restore rebuilds them from the log. The format does not depend on
the database kind, so a SQLite backup restores into PostgreSQL and back.

The file holds personal data (names, e-mails, password hashes, contact details of people drawn
from lists): keep it where the database itself is kept, never in a public place.
"""

import base64
import gzip
import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any, Protocol
from uuid import UUID

from sqlalchemy import Connection, Engine, MetaData, Table, func, inspect, select, text
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.types import Date, DateTime, LargeBinary

from domaine.erreurs import ErreurParticipation
from stockage.moteur import TABLES_PERSONNELLES
from stockage.registre import Registre
from stockage.schema import migrer, revisions_connues

FORMAT = "participation-sauvegarde"
VERSION_FORMAT = 1
JOURNAL = "evenements"
"""The event store under a name of its own: its table and its notification ids depend on the
database kind (SQLite `stored_events` and its rowid, PostgreSQL `participation_events`)."""

TABLES_SOURCES: tuple[str, ...] = (
    "identites_personnes",
    "identites_candidats",
    "identites_jetons_api",
    "identites_calendriers",
    "rapports_archives",
    "audit_chaine",
    "audit_points_de_controle",
)
"""Tables that are a source of truth besides the event log, saved and restored as they are.
Adding a table is adding its name here; a table that does not exist (yet) in a database is
skipped. Not here: read models (`lecture_*`, `projection_positions`: rebuilt from the log), the
scheduler's lease and jobs (`planificateur_bails`, `apscheduler_jobs`: re-created at start)."""

LOT = 1_000


class Reconstructible(Protocol):
    def reconstruire(self, progression: Callable[[int], None] | None = None) -> int: ...


class Base(Protocol):
    """What a backup reads and a restore writes: the engine of the tables, the event store,
    and the read models a restore rebuilds."""

    @property
    def moteur(self) -> Engine: ...
    @property
    def registre(self) -> Registre: ...
    @property
    def projecteur(self) -> Reconstructible: ...


class SauvegardeInvalide(ErreurParticipation):
    """A backup file that cannot be restored (corrupted, truncated, another format)."""


class BaseNonVide(ErreurParticipation):
    """The restore would overwrite existing data without `--ecraser`."""


@dataclass(frozen=True)
class Resume:
    """What a backup or a restore handled: rows per table, and the file's SHA-256."""

    lignes: dict[str, int]
    sha256: str
    position: int = 0


# --- values ------------------------------------------------------------------------------------


def valeur_en_json(valeur: Any) -> Any:
    """Plain JSON for a column value; bytes, instants and days are tagged to come back as such.
    SQLite returns instants without time zone: the platform writes them in UTC."""
    if isinstance(valeur, (bytes, memoryview)):
        return {"b64": base64.b64encode(bytes(valeur)).decode()}
    if isinstance(valeur, datetime):
        aware = valeur if valeur.tzinfo else valeur.replace(tzinfo=UTC)
        return {"dt": aware.astimezone(UTC).isoformat()}
    if isinstance(valeur, date):
        return {"d": valeur.isoformat()}
    if isinstance(valeur, UUID):
        return str(valeur)
    return valeur


def _depuis_json(valeur: Any) -> Any:
    if isinstance(valeur, dict):
        if "b64" in valeur:
            return base64.b64decode(valeur["b64"])
        if "dt" in valeur:
            return datetime.fromisoformat(valeur["dt"])
        if "d" in valeur:
            return date.fromisoformat(valeur["d"])
    return valeur


def _pour_colonne(valeur: Any, type_: Any, sqlite: bool) -> Any:
    if valeur is None:
        return None
    if isinstance(type_, DateTime) and isinstance(valeur, datetime) and sqlite:
        return valeur.astimezone(UTC).replace(tzinfo=None)
    if isinstance(type_, Date) and isinstance(valeur, datetime):
        return valeur.date()
    if isinstance(type_, LargeBinary) and isinstance(valeur, str):
        return valeur.encode()
    return valeur


# --- the event store, whatever the database kind ---------------------------------------------


def _journal(plateforme: Base) -> tuple[str, str]:
    """(table, notification id column) of the event store."""
    table = str(plateforme.registre.recorder.events_table_name)  # type: ignore[attr-defined]
    sqlite = plateforme.moteur.dialect.name == "sqlite"
    return table, "rowid" if sqlite else "notification_id"


COLONNES_JOURNAL = ["notification_id", "originator_id", "originator_version", "topic", "state"]


def _lire_journal(cnx: Connection, plateforme: Base) -> Iterator[list[Any]]:
    table, nid = _journal(plateforme)
    dernier = 0
    while True:
        lignes = cnx.execute(
            text(
                f"SELECT {nid}, originator_id, originator_version, topic, state FROM {table} "  # noqa: S608
                f"WHERE {nid} > :dernier ORDER BY {nid} LIMIT {LOT}"
            ),
            {"dernier": dernier},
        ).all()
        if not lignes:
            return
        for n, origine, version, topic, etat in lignes:
            yield [n, str(UUID(str(origine))), version, topic, valeur_en_json(etat)]
        dernier = lignes[-1][0]


def _ecrire_journal(cnx: Connection, plateforme: Base, lignes: list[list[Any]]) -> None:
    table, nid = _journal(plateforme)
    sqlite = plateforme.moteur.dialect.name == "sqlite"
    cnx.execute(
        text(
            f"INSERT INTO {table} ({nid}, originator_id, originator_version, topic, state) "  # noqa: S608
            "VALUES (:n, :origine, :version, :topic, :etat)"
        ),
        [
            {
                "n": n,
                "origine": UUID(origine).hex if sqlite else UUID(origine),
                "version": version,
                "topic": topic,
                "etat": _depuis_json(etat),
            }
            for n, origine, version, topic, etat in lignes
        ],
    )


# --- backup ----------------------------------------------------------------------------------


def _tables_presentes(cnx: Connection) -> list[Table]:
    noms = set(inspect(cnx).get_table_names())
    meta = MetaData()
    return [Table(nom, meta, autoload_with=cnx) for nom in TABLES_SOURCES if nom in noms]


def instantane(plateforme: Base) -> Connection:
    """A connection whose reads all see one snapshot of the database."""
    if plateforme.moteur.dialect.name == "sqlite":
        cnx = plateforme.moteur.connect()
        cnx.exec_driver_sql("BEGIN")  # pysqlite would not open a transaction for reads
        return cnx
    cnx = plateforme.moteur.connect().execution_options(isolation_level="REPEATABLE READ")
    cnx.exec_driver_sql("SET TRANSACTION READ ONLY")
    # An erasure rewrites the identity tables with TRUNCATE, which is not MVCC-safe: a snapshot
    # taken before it would read them empty. Locking them before the first read (which freezes
    # the snapshot) makes an erasure wait for the backup instead.
    try:
        cnx.exec_driver_sql(f"LOCK TABLE {', '.join(TABLES_PERSONNELLES)} IN ACCESS SHARE MODE")
    except ProgrammingError:  # no schema yet: said in French by the caller's first check
        cnx.rollback()
        cnx.exec_driver_sql("SET TRANSACTION READ ONLY")
    return cnx


def sauvegarder(plateforme: Base, chemin: Path, maintenant: datetime) -> Resume:
    """Write the backup file; the content goes through a temporary file to be hashed first."""
    lignes: dict[str, int] = {}
    empreinte = hashlib.sha256()
    with tempfile.TemporaryFile() as contenu:

        def ecrire(objet: Any) -> None:
            octets = json.dumps(objet, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
            empreinte.update(octets)
            contenu.write(octets)

        with instantane(plateforme) as cnx:
            if not inspect(cnx).has_table("alembic_version"):
                raise SauvegardeInvalide(
                    "Cette base n'a pas de schéma participation : il n'y a rien à sauvegarder."
                )
            revision = cnx.execute(text("SELECT version_num FROM alembic_version")).scalar()
            ecrire({"table": JOURNAL, "colonnes": COLONNES_JOURNAL})
            lignes[JOURNAL], position = 0, 0
            for ligne in _lire_journal(cnx, plateforme):
                ecrire(ligne)
                lignes[JOURNAL] += 1
                position = ligne[0]
            for table in _tables_presentes(cnx):
                colonnes = [c.name for c in table.columns]
                cles = list(table.primary_key.columns) or list(table.columns)
                ecrire({"table": table.name, "colonnes": colonnes})
                lignes[table.name] = 0
                for rang in cnx.execute(select(table).order_by(*cles)):
                    ecrire([valeur_en_json(v) for v in rang])
                    lignes[table.name] += 1
            cnx.rollback()
        entete = {
            "format": FORMAT,
            "version": VERSION_FORMAT,
            "cree_le": maintenant.astimezone(UTC).isoformat(),
            "base": plateforme.moteur.dialect.name,
            "revision_schema": revision,
            "lignes": lignes,
            "sha256": empreinte.hexdigest(),
        }
        contenu.seek(0)
        _ecrire_en_prive(chemin, json.dumps(entete, ensure_ascii=False).encode() + b"\n", contenu)
    return Resume(lignes, str(entete["sha256"]), position)


def _ecrire_en_prive(chemin: Path, entete: bytes, contenu: IO[bytes]) -> None:
    """The backup holds personal data: readable by its owner only (0600) from the first byte,
    written beside its name and renamed when complete; a failure (disk full…) leaves nothing."""
    provisoire = chemin.with_name(chemin.name + ".partiel")
    descripteur = os.open(provisoire, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descripteur, "wb") as fichier, gzip.open(fichier, "wb") as sortie:
            sortie.write(entete)
            while bloc := contenu.read(1 << 20):
                sortie.write(bloc)
        os.chmod(provisoire, 0o600)  # a leftover .partiel, truncated, kept its own mode
        provisoire.replace(chemin)
    except BaseException:
        provisoire.unlink(missing_ok=True)
        raise


# --- restore ---------------------------------------------------------------------------------


def _ouvrir(chemin: Path) -> tuple[dict[str, Any], IO[bytes]]:
    """The header and the open stream of the rest; the file is closed if it is not a backup."""
    try:
        flux: IO[bytes] = gzip.open(chemin, "rb")  # type: ignore[assignment]  # noqa: SIM115
    except FileNotFoundError:
        raise SauvegardeInvalide(f"Fichier de sauvegarde introuvable : {chemin}.") from None
    try:
        entete = _entete(chemin, flux)
    except BaseException:
        flux.close()
        raise
    return entete, flux


def _entete(chemin: Path, flux: IO[bytes]) -> dict[str, Any]:
    try:
        entete = json.loads(flux.readline())
    except FileNotFoundError:
        raise SauvegardeInvalide(f"Fichier de sauvegarde introuvable : {chemin}.") from None
    except (OSError, EOFError, zlib.error, ValueError):
        raise SauvegardeInvalide(
            f"{chemin} n'est pas une sauvegarde de participation lisible (fichier endommagé "
            "ou d'un autre format)."
        ) from None
    if not isinstance(entete, dict) or entete.get("format") != FORMAT:
        raise SauvegardeInvalide(f"{chemin} n'est pas une sauvegarde de participation.")
    if entete.get("version") != VERSION_FORMAT:
        raise SauvegardeInvalide(
            f"Version de sauvegarde {entete.get('version')} inconnue (attendue : {VERSION_FORMAT})."
        )
    return entete


def verifier(chemin: Path) -> dict[str, Any]:
    """Check the SHA-256 and the row counts against the header; returns the header."""
    entete, flux = _ouvrir(chemin)
    empreinte = hashlib.sha256()
    comptes: dict[str, int] = {}
    table = None
    try:
        with flux:
            for octets in flux:
                empreinte.update(octets)
                objet = json.loads(octets)
                if isinstance(objet, dict):
                    table = objet["table"]
                    comptes[table] = 0
                elif table is not None:
                    comptes[table] += 1
    except (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError):
        raise SauvegardeInvalide(
            f"La sauvegarde {chemin} est endommagée (contenu illisible ou tronqué)."
        ) from None
    if empreinte.hexdigest() != entete.get("sha256") or comptes != entete.get("lignes"):
        raise SauvegardeInvalide(
            f"La sauvegarde {chemin} est endommagée : son empreinte SHA-256 ou ses nombres de "
            "lignes ne correspondent pas à son en-tête."
        )
    return entete


def _blocs(flux: IO[bytes]) -> Iterator[tuple[str, list[str], list[list[Any]]]]:
    """(table, columns, a batch of rows), in file order."""
    table, colonnes, lot = "", list[str](), list[list[Any]]()
    for octets in flux:
        objet = json.loads(octets)
        if isinstance(objet, dict):
            if lot:
                yield table, colonnes, lot
            table, colonnes, lot = objet["table"], objet["colonnes"], []
            continue
        lot.append(objet)
        if len(lot) >= LOT:
            yield table, colonnes, lot
            lot = []
    if lot:
        yield table, colonnes, lot


def _nombre_de_lignes(cnx: Connection, plateforme: Base) -> int:
    journal, _ = _journal(plateforme)
    total = cnx.execute(text(f"SELECT COUNT(*) FROM {journal}")).scalar_one()  # noqa: S608
    for table in _tables_presentes(cnx):
        total += cnx.execute(select(func.count()).select_from(table)).scalar_one()
    return int(total)


def restaurer(
    plateforme: Base,
    chemin: Path,
    ecraser: bool = False,
    progression: Callable[[int], None] | None = None,
) -> Resume:
    """Load a checked backup into this database (migrated first), then rebuild the read models.

    Refuses a database that already holds events or identities unless `ecraser` is set. Rows
    keep their keys and the events their notification ids; PostgreSQL's sequence follows."""
    entete = verifier(chemin)
    if entete.get("revision_schema") not in revisions_connues():
        raise SauvegardeInvalide(
            f"Cette sauvegarde vient d'un schéma plus récent ({entete.get('revision_schema')}) "
            "que cette version de participation : restaurez-la avec une version à jour."
        )
    migrer(plateforme.moteur)
    sqlite = plateforme.moteur.dialect.name == "sqlite"
    with plateforme.moteur.begin() as cnx:
        if _nombre_de_lignes(cnx, plateforme) and not ecraser:
            raise BaseNonVide(
                "La base de destination contient déjà des données : restaurez dans une base "
                "vide, ou ajoutez --ecraser pour les remplacer par la sauvegarde."
            )
        tables = {t.name: t for t in _tables_presentes(cnx)}
        journal, nid = _journal(plateforme)
        cnx.execute(text(f"DELETE FROM {journal}"))  # noqa: S608
        for table in reversed(tables.values()):
            cnx.execute(table.delete())
        _, flux = _ouvrir(chemin)
        with flux:
            for nom, colonnes, lot in _blocs(flux):
                if nom == JOURNAL:
                    _ecrire_journal(cnx, plateforme, lot)
                    continue
                if nom not in tables:
                    raise SauvegardeInvalide(
                        f"La sauvegarde contient la table « {nom} » que cette version de "
                        "participation ne connaît pas : restaurez avec une version plus récente."
                    )
                table = tables[nom]
                cnx.execute(
                    table.insert(),
                    [
                        {
                            c: _pour_colonne(_depuis_json(v), table.c[c].type, sqlite)
                            for c, v in zip(colonnes, ligne, strict=True)
                        }
                        for ligne in lot
                    ],
                )
        if not sqlite:
            sequence = f"pg_get_serial_sequence('{journal}', '{nid}')"
            suivant = f"COALESCE((SELECT MAX({nid}) FROM {journal}), 0) + 1"  # noqa: S608
            suite = f"SELECT setval({sequence}, {suivant}, false)"
            cnx.execute(text(suite))  # table and column names of the recorder, not input
    position = plateforme.projecteur.reconstruire(progression)
    return Resume(dict(entete["lignes"]), str(entete["sha256"]), position)
