"""Rate-limit tries shared by every worker

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 19:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('limites_essais',
    sa.Column('numero', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('cle', sa.String(length=300), nullable=False),
    sa.Column('instant', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('numero')
    )
    with op.batch_alter_table('limites_essais', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_limites_essais_cle'), ['cle'], unique=False)
        batch_op.create_index(batch_op.f('ix_limites_essais_instant'), ['instant'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('limites_essais', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_limites_essais_instant'))
        batch_op.drop_index(batch_op.f('ix_limites_essais_cle'))
    op.drop_table('limites_essais')
