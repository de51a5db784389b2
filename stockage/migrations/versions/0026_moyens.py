"""Each council's means and training records (rule 19)

The table starts empty and needs no rebuild: no stored event feeds it before this version
(`MoyensDuConseil.*` are new event types).

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-07 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0026'
down_revision: str | None = '0025'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('lecture_moyens',
    sa.Column('entree', sa.String(length=36), nullable=False),
    sa.Column('arrondissement', sa.Integer(), nullable=False),
    sa.Column('nature', sa.String(length=20), nullable=False),
    sa.Column('resume', sa.String(length=400), nullable=False),
    sa.Column('annee', sa.Integer(), nullable=True),
    sa.Column('jour', sa.Date(), nullable=True),
    sa.Column('fin', sa.Date(), nullable=True),
    sa.Column('formation', sa.String(length=36), nullable=True),
    sa.Column('enregistre_le', sa.DateTime(timezone=True), nullable=False),
    sa.Column('annulee', sa.Boolean(), nullable=False),
    sa.Column('motif', sa.String(length=500), nullable=False),
    sa.PrimaryKeyConstraint('entree')
    )
    with op.batch_alter_table('lecture_moyens', schema=None) as batch_op:
        batch_op.create_index('ix_lecture_moyens_conseil', ['arrondissement', 'annulee'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('lecture_moyens', schema=None) as batch_op:
        batch_op.drop_index('ix_lecture_moyens_conseil')
    op.drop_table('lecture_moyens')
