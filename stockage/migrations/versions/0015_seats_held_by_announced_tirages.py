"""tirages: the seats the groupe moteur holds for each until its draw

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('lecture_tirages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('places_reservees', sa.Integer(), server_default='0', nullable=False))
    # The seats held are only in the events (`GroupeMoteur.PlacesReservees`): empty the read
    # models and move the projector back to the start, so that the catch-up after migrating
    # rebuilds them all (as 0013 did).
    for table in sorted(sa.inspect(op.get_bind()).get_table_names()):
        if table.startswith('lecture_'):
            op.execute(sa.text(f"DELETE FROM {table}"))
    op.execute(sa.text("UPDATE projection_positions SET position = 0 WHERE nom = 'lecture'"))


def downgrade() -> None:
    with op.batch_alter_table('lecture_tirages', schema=None) as batch_op:
        batch_op.drop_column('places_reservees')
