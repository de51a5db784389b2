"""The language a member chose, kept with their personal data for the e-mails they receive

Erased with the rest of the row (a language may hint at an origin: it is personal data).

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-07 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0027'
down_revision: str | None = '0026'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('identites_personnes', sa.Column('langue', sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('identites_personnes') as table:
        table.drop_column('langue')
