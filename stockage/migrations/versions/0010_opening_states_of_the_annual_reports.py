"""Opening states of the annual reports (a cache of lecture_faits)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 14:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'lecture_rapports_ouvertures',
        sa.Column('annee', sa.Integer(), nullable=False),
        sa.Column('empreinte', sa.String(length=64), nullable=False),
        sa.Column('faits', sa.Integer(), nullable=False),
        sa.Column('etat', sa.LargeBinary(), nullable=False),
        sa.Column('calcule_le', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('annee'),
    )


def downgrade() -> None:
    op.drop_table('lecture_rapports_ouvertures')
