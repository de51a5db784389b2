"""Dated checkpoints of the councils for the time-travel page (a cache of the log), and the
journal's index by council and position extended with the date

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('lecture_historique_points',
    sa.Column('arrondissement', sa.Integer(), nullable=False),
    sa.Column('position', sa.BigInteger(), nullable=False),
    sa.Column('empreinte', sa.String(length=64), nullable=False),
    sa.Column('horodatage_max', sa.DateTime(timezone=True), nullable=False),
    sa.Column('evenements', sa.Integer(), nullable=False),
    sa.Column('etat', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('arrondissement', 'position', 'empreinte')
    )
    with op.batch_alter_table('lecture_journal', schema=None) as batch_op:
        batch_op.drop_index('ix_lecture_journal_conseil')
        batch_op.create_index('ix_lecture_journal_conseil', ['arrondissement', 'position', 'le'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('lecture_journal', schema=None) as batch_op:
        batch_op.drop_index('ix_lecture_journal_conseil')
        batch_op.create_index('ix_lecture_journal_conseil', ['arrondissement', 'position'], unique=False)
    op.drop_table('lecture_historique_points')
