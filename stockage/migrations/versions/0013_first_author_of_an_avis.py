"""avis: who wrote the draft (its first author) among its authors

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('lecture_avis_auteurs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('premier', sa.Boolean(), server_default=sa.false(), nullable=False))
    # Who wrote version 1 is only in the events: empty the read models and move the projector
    # back to the start, so that the catch-up after migrating rebuilds them all (as 0008 and
    # 0012 did). Every read-model table present at this point, whatever other migrations
    # were chained before this one.
    for table in sorted(sa.inspect(op.get_bind()).get_table_names()):
        if table.startswith('lecture_'):
            op.execute(sa.text(f"DELETE FROM {table}"))
    op.execute(sa.text("UPDATE projection_positions SET position = 0 WHERE nom = 'lecture'"))


def downgrade() -> None:
    with op.batch_alter_table('lecture_avis_auteurs', schema=None) as batch_op:
        batch_op.drop_column('premier')
