"""Convocations: the outbox of séance convocations and reminders, the read state of
notifications, the weekly digests' sent-marks, and each person's choice of e-mails

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0023'
down_revision: str | None = '0022'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A read model fed by a new event (`Compte.CourrielsChoisis`): no past event to replay,
    # so the other read models need no rebuild.
    op.create_table('lecture_courriels_choisis',
    sa.Column('personne_id', sa.String(length=36), nullable=False),
    sa.Column('mode', sa.String(length=10), nullable=False),
    sa.PrimaryKeyConstraint('personne_id')
    )
    op.create_table('convocations_envois',
    sa.Column('seance_id', sa.String(length=36), nullable=False),
    sa.Column('changement', sa.Integer(), nullable=False),
    sa.Column('genre', sa.String(length=12), nullable=False),
    sa.Column('personne_id', sa.String(length=36), nullable=False),
    sa.Column('arrondissement', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('cree_le', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reclame_le', sa.DateTime(timezone=True), nullable=False),
    sa.Column('envoye_le', sa.DateTime(timezone=True), nullable=True),
    sa.Column('courriel', sa.String(length=12), server_default='', nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('seance_id', 'changement', 'genre', 'personne_id')
    )
    with op.batch_alter_table('convocations_envois', schema=None) as batch_op:
        batch_op.create_index('ix_convocations_envois_en_cours', ['envoye_le', 'reclame_le'], unique=False)
        batch_op.create_index('ix_convocations_envois_personne', ['personne_id', 'cree_le'], unique=False)
    op.create_table('notifications_lues',
    sa.Column('personne_id', sa.String(length=36), nullable=False),
    sa.Column('cle', sa.String(length=120), nullable=False),
    sa.Column('lue_le', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('personne_id', 'cle')
    )
    op.create_table('notifications_tout_lu',
    sa.Column('personne_id', sa.String(length=36), nullable=False),
    sa.Column('jusqu_au', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('personne_id')
    )
    op.create_table('resumes_envoyes',
    sa.Column('personne_id', sa.String(length=36), nullable=False),
    sa.Column('semaine', sa.Date(), nullable=False),
    sa.Column('reclame_le', sa.DateTime(timezone=True), nullable=False),
    sa.Column('envoye_le', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('personne_id', 'semaine')
    )


def downgrade() -> None:
    op.drop_table('resumes_envoyes')
    op.drop_table('notifications_tout_lu')
    op.drop_table('notifications_lues')
    with op.batch_alter_table('convocations_envois', schema=None) as batch_op:
        batch_op.drop_index('ix_convocations_envois_personne')
        batch_op.drop_index('ix_convocations_envois_en_cours')
    op.drop_table('convocations_envois')
    op.drop_table('lecture_courriels_choisis')
