"""Calendars: each séance's change counter and last change (the feeds' SEQUENCE and DTSTAMP),
and the secrets of the private calendar feeds

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # How often a séance changed, and when last, are only in the events (`Seance.Reprogrammee`,
    # `Seance.Annulee`): empty the read models and move the projector back to the start, so
    # that the catch-up after migrating rebuilds them all (as 0013 and 0015 did). Emptied
    # first, so that the new column may be NOT NULL without a default.
    for table in sorted(sa.inspect(op.get_bind()).get_table_names()):
        if table.startswith('lecture_'):
            op.execute(sa.text(f"DELETE FROM {table}"))
    op.execute(sa.text("UPDATE projection_positions SET position = 0 WHERE nom = 'lecture'"))
    with op.batch_alter_table('lecture_seances', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sequence', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('modifiee_le', sa.DateTime(timezone=True), nullable=False))
    op.create_table('identites_calendriers',
    sa.Column('personne_id', sa.String(length=36), nullable=False),
    sa.Column('empreinte', sa.String(length=64), nullable=False),
    sa.Column('cree_le', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('personne_id')
    )
    with op.batch_alter_table('identites_calendriers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_identites_calendriers_empreinte'), ['empreinte'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('identites_calendriers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_identites_calendriers_empreinte'))
    op.drop_table('identites_calendriers')
    with op.batch_alter_table('lecture_seances', schema=None) as batch_op:
        batch_op.drop_column('modifiee_le')
        batch_op.drop_column('sequence')
