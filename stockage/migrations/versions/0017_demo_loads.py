"""When the demo started and finished loading

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 19:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('demo_chargements',
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('commence_le', sa.DateTime(timezone=True), nullable=False),
    sa.Column('termine_le', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('seed')
    )


def downgrade() -> None:
    op.drop_table('demo_chargements')
