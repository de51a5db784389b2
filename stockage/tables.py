"""Tables that are not read models: never rebuilt from the log, kept as written. They share one
`metadata` with the read models (`projections.tables`), which the migrations follow."""

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

positions = Table(
    "projection_positions",
    metadata,
    Column("nom", String(60), primary_key=True),
    Column("position", BigInteger, nullable=False),
)
"""Last event position processed by each projection; written in the same transaction as rows."""


archives = Table(
    "rapports_archives",
    metadata,
    Column("annee", Integer, primary_key=True),
    Column("arrondissement", Integer, primary_key=True),  # 0: all councils and Paris
    Column("format", String(10), primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("taille", Integer, nullable=False),
    Column("contenu", LargeBinary, nullable=False),
    Column("archive_le", DateTime(timezone=True), nullable=False),
)
"""Annual reports as archived (not a read model: never rebuilt, kept as produced)."""


bails = Table(
    "planificateur_bails",
    metadata,
    Column("nom", String(60), primary_key=True),
    Column("detenteur", String(120), nullable=False),
    Column("expire_le", DateTime(timezone=True), nullable=False),
)
"""Which process runs a scheduled job when several web workers share the database."""


audit_chaine = Table(
    "audit_chaine",
    metadata,
    Column("position", BigInteger, primary_key=True),  # of the event
    Column("empreinte", String(64), nullable=False),
    Column("precedente", String(64), nullable=False),
)
"""The hash chain over the stored events (`stockage.audit`; not a read model: never
rebuilt)."""


audit_points = Table(
    "audit_points_de_controle",
    metadata,
    Column("position", BigInteger, primary_key=True),
    Column("empreinte", String(64), nullable=False),
    Column("le", DateTime(timezone=True), nullable=False),
)
"""Checkpoints of the chain (head position and hash, when), published on
/journal/points-de-controle and in the annual reports."""


reprises = Table(
    "idempotence_reprises",
    metadata,
    Column("cle", String(64), primary_key=True),
    Column("compte", String(36), nullable=False),
    Column("statut", Integer, nullable=False),  # 0 while the first request runs
    Column("entetes", String(2000), nullable=False),
    Column("corps", LargeBinary, nullable=False),
    Column("cree_le", DateTime(timezone=True), nullable=False, index=True),
)
"""The answer to each form sent with an idempotency key, so that the same form sent again
(a double click, a retry after a timeout) records nothing new and gets the same answer
(`stockage.reprises`); kept a day."""


chargements_demo = Table(
    "demo_chargements",
    metadata,
    Column("seed", Integer, primary_key=True),
    Column("commence_le", DateTime(timezone=True), nullable=False),
    Column("termine_le", DateTime(timezone=True), nullable=True),
)
"""When `participation-demo` started loading into this database and when it finished: a load
that never finished (interrupted) is told apart from a complete one."""


essais = Table(
    "limites_essais",
    metadata,
    Column("numero", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("cle", String(300), nullable=False, index=True),
    Column("instant", Float, nullable=False, index=True),
)
"""The tries each rate limit counts (`stockage.essais`), shared by every worker and host of
the deployment; kept a day."""


convocations_envois = Table(
    "convocations_envois",
    metadata,
    Column("seance_id", String(36), primary_key=True),
    Column("changement", Integer, primary_key=True),  # the séance's version after the change
    Column("genre", String(12), primary_key=True),  # `domaine.convocations.GENRES`
    Column("personne_id", String(36), primary_key=True),
    Column("arrondissement", Integer, nullable=False),
    Column("sequence", Integer, nullable=False),  # changes before this one (the .ics SEQUENCE)
    Column("cree_le", DateTime(timezone=True), nullable=False),  # first claim: the notification
    Column("reclame_le", DateTime(timezone=True), nullable=False),  # latest claim
    Column("envoye_le", DateTime(timezone=True)),  # the e-mail done with (sent or not due)
    Column("courriel", String(12), nullable=False, server_default=""),  # what became of it
    Column("message", Text, nullable=False),  # the in-app line
    Index("ix_convocations_envois_personne", "personne_id", "cree_le"),
    Index("ix_convocations_envois_en_cours", "envoye_le", "reclame_le"),
)
"""The outbox of convocations (`participation.convocations`): one sent-mark per séance, change,
kind and member, claimed before the e-mail goes and marked after; also the member's in-app
notification. Not a read model: never rebuilt (the log says what changed, this table what
was sent)."""


notifications_lues = Table(
    "notifications_lues",
    metadata,
    Column("personne_id", String(36), primary_key=True),
    Column("cle", String(120), primary_key=True),  # `participation.notifications.cle_de`
    Column("lue_le", DateTime(timezone=True), nullable=False),
)
"""Which notifications a person marked as read, by a key that a rebuild of the read models
does not change."""


notifications_tout_lu = Table(
    "notifications_tout_lu",
    metadata,
    Column("personne_id", String(36), primary_key=True),
    Column("jusqu_au", DateTime(timezone=True), nullable=False),
)
""""Tout marquer comme lu": every notification dated up to then is read (one row per person,
however many notifications)."""


resumes_envoyes = Table(
    "resumes_envoyes",
    metadata,
    Column("personne_id", String(36), primary_key=True),
    Column("semaine", Date, primary_key=True),  # its Monday (Paris)
    Column("reclame_le", DateTime(timezone=True), nullable=False),
    Column("envoye_le", DateTime(timezone=True)),
)
"""The weekly digests' sent-marks: one per person and week, claimed before sending."""
