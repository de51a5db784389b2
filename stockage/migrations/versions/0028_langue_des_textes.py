"""The language each text written by people is in (proposals, comments, avis, minutes)

Rows written before hold French texts: the server default says so, and the events they come
from read the same (their `langue` defaults to "fr"), so no rebuild is needed.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-07 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0028'
down_revision: str | None = '0027'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    'lecture_propositions_bp',
    'lecture_commentaires_bp',
    'lecture_avis',
    'lecture_avis_versions',
    'lecture_comptes_rendus',
)


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table,
            sa.Column('langue', sa.String(length=35), server_default='fr', nullable=False),
        )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as lot:
            lot.drop_column('langue')
