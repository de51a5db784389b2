"""minutes: their versions and the votes that approved (or not) each

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0022'
down_revision: str | None = '0021'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('lecture_comptes_rendus',
    sa.Column('seance_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.BigInteger(), nullable=False),
    sa.Column('texte', sa.Text(), nullable=False),
    sa.Column('redige_le', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('seance_id', 'position')
    )
    op.create_table('lecture_approbations_comptes_rendus',
    sa.Column('seance_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.BigInteger(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('par_seance_id', sa.String(length=36), nullable=False),
    sa.Column('decision', sa.Integer(), nullable=False),
    sa.Column('adoptee', sa.Boolean(), nullable=False),
    sa.Column('le', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('seance_id', 'position')
    )
    with op.batch_alter_table('lecture_approbations_comptes_rendus', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lecture_approbations_comptes_rendus_par_seance_id'), ['par_seance_id'], unique=False)
    # The versions already written are only in the events (`Seance.CompteRenduRedige`): empty
    # the read models and move the projector back to the start, so that the catch-up after
    # migrating rebuilds them all (as 0013 and 0015 did).
    for table in sorted(sa.inspect(op.get_bind()).get_table_names()):
        if table.startswith('lecture_'):
            op.execute(sa.text(f"DELETE FROM {table}"))
    op.execute(sa.text("UPDATE projection_positions SET position = 0 WHERE nom = 'lecture'"))


def downgrade() -> None:
    with op.batch_alter_table('lecture_approbations_comptes_rendus', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lecture_approbations_comptes_rendus_par_seance_id'))
    op.drop_table('lecture_approbations_comptes_rendus')
    op.drop_table('lecture_comptes_rendus')
