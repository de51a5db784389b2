"""No planner statistics on personal data (PostgreSQL)

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 14:10:00

ANALYZE (and autovacuum's auto-analyze) copies sample values of every column into the
`pg_statistic` catalog: e-mails and names of the identity store would land there and survive
an erasure. A statistics target of 0 keeps these columns out of it. SQLite stores no sample
values unless built with STAT4 and analysed, which participation never does.
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLONNES = {
    "identites_personnes": ("nom", "email", "mot_de_passe"),
    "identites_candidats": ("coordonnees",),
    "identites_jetons_api": ("libelle",),
}


def _cibler(valeur: int) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, colonnes in COLONNES.items():
        for colonne in colonnes:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {colonne} SET STATISTICS {valeur}")


def upgrade() -> None:
    _cibler(0)


def downgrade() -> None:
    _cibler(-1)
