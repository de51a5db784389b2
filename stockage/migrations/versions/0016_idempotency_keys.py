"""Idempotency keys of the forms

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('idempotence_reprises',
    sa.Column('cle', sa.String(length=64), nullable=False),
    sa.Column('compte', sa.String(length=36), nullable=False),
    sa.Column('statut', sa.Integer(), nullable=False),
    sa.Column('entetes', sa.String(length=2000), nullable=False),
    sa.Column('corps', sa.LargeBinary(), nullable=False),
    sa.Column('cree_le', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('cle')
    )
    with op.batch_alter_table('idempotence_reprises', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idempotence_reprises_cree_le'), ['cree_le'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('idempotence_reprises', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idempotence_reprises_cree_le'))
    op.drop_table('idempotence_reprises')
