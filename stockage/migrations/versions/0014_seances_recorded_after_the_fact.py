"""séances recorded after the fact: when (null for a séance planned in advance)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # No event of the new type exists yet: every stored séance was planned, the column stays null.
    with op.batch_alter_table('lecture_seances', schema=None) as batch_op:
        batch_op.add_column(sa.Column('apres_coup_le', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('lecture_seances', schema=None) as batch_op:
        batch_op.drop_column('apres_coup_le')
