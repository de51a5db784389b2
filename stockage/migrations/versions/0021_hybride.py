"""hybrid séances: modality, videoconference link and accessibility of a séance, remote
presence, in-room and remote votes of a decision, online polls

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # No stored event carries these yet: every séance so far was held in person, every
    # presence in the room, every vote by show of hands in the room. The server defaults say
    # exactly that, so the read models need no rebuild (as 0014).
    with op.batch_alter_table('lecture_seances', schema=None) as batch_op:
        batch_op.add_column(sa.Column('modalite', sa.String(length=20), server_default='presentiel', nullable=False))
        batch_op.add_column(sa.Column('lien_visio', sa.String(length=500), server_default='', nullable=False))
        batch_op.add_column(sa.Column('accessibilite', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('accessibilite_autre', sa.String(length=200), server_default='', nullable=False))
    with op.batch_alter_table('lecture_presences', schema=None) as batch_op:
        batch_op.add_column(sa.Column('a_distance', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('lecture_decisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pour_distance', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('contre_distance', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('abstention_distance', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('scrutin', sa.Integer(), server_default='0', nullable=False))
    op.create_table('lecture_scrutins',
    sa.Column('seance_id', sa.String(length=36), nullable=False),
    sa.Column('numero', sa.Integer(), nullable=False),
    sa.Column('texte', sa.Text(), nullable=False),
    sa.Column('ouvert', sa.Boolean(), nullable=False),
    sa.Column('ouvert_le', sa.DateTime(timezone=True), nullable=False),
    sa.Column('clos_le', sa.DateTime(timezone=True), nullable=True),
    sa.Column('votants', sa.Integer(), nullable=False),
    sa.Column('pour', sa.Integer(), nullable=False),
    sa.Column('contre', sa.Integer(), nullable=False),
    sa.Column('abstention', sa.Integer(), nullable=False),
    sa.Column('decision', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('seance_id', 'numero')
    )
    op.create_table('lecture_votants_scrutins',
    sa.Column('seance_id', sa.String(length=36), nullable=False),
    sa.Column('numero', sa.Integer(), nullable=False),
    sa.Column('personne_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('seance_id', 'numero', 'personne_id')
    )


def downgrade() -> None:
    op.drop_table('lecture_votants_scrutins')
    op.drop_table('lecture_scrutins')
    with op.batch_alter_table('lecture_decisions', schema=None) as batch_op:
        batch_op.drop_column('scrutin')
        batch_op.drop_column('abstention_distance')
        batch_op.drop_column('contre_distance')
        batch_op.drop_column('pour_distance')
    with op.batch_alter_table('lecture_presences', schema=None) as batch_op:
        batch_op.drop_column('a_distance')
    with op.batch_alter_table('lecture_seances', schema=None) as batch_op:
        batch_op.drop_column('accessibilite_autre')
        batch_op.drop_column('accessibilite')
        batch_op.drop_column('lien_visio')
        batch_op.drop_column('modalite')
