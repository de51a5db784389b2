"""The councils' documents and the councils whose members may deposit them

Both tables start empty and need no rebuild: no stored event feeds them before this version
(`Document.*` and `ConseilCitoyen.DepotsDesMembresRegles` are new event types).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0024'
down_revision: str | None = '0023'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('lecture_documents',
    sa.Column('document_id', sa.String(length=36), nullable=False),
    sa.Column('arrondissement', sa.Integer(), nullable=False),
    sa.Column('titre', sa.String(length=200), nullable=False),
    sa.Column('jour', sa.Date(), nullable=False),
    sa.Column('nature', sa.String(length=20), nullable=False),
    sa.Column('seance_id', sa.String(length=36), nullable=True),
    sa.Column('avis_id', sa.String(length=36), nullable=True),
    sa.Column('proposition_id', sa.String(length=36), nullable=True),
    sa.Column('empreinte', sa.String(length=64), nullable=False),
    sa.Column('taille', sa.Integer(), nullable=False),
    sa.Column('type_media', sa.String(length=100), nullable=False),
    sa.Column('depose_par', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('depose_le', sa.DateTime(timezone=True), nullable=False),
    sa.Column('retire', sa.Boolean(), nullable=False),
    sa.Column('retire_le', sa.DateTime(timezone=True), nullable=True),
    sa.Column('motif_retrait', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('document_id')
    )
    with op.batch_alter_table('lecture_documents', schema=None) as batch_op:
        batch_op.create_index('ix_lecture_documents_bibliotheque', ['arrondissement', 'retire', 'jour'], unique=False)
        batch_op.create_index(batch_op.f('ix_lecture_documents_avis_id'), ['avis_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lecture_documents_depose_par'), ['depose_par'], unique=False)
        batch_op.create_index(batch_op.f('ix_lecture_documents_empreinte'), ['empreinte'], unique=False)
        batch_op.create_index(batch_op.f('ix_lecture_documents_proposition_id'), ['proposition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lecture_documents_seance_id'), ['seance_id'], unique=False)
    op.create_table('lecture_depots_ouverts',
    sa.Column('arrondissement', sa.Integer(), nullable=False),
    sa.Column('depuis', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('arrondissement')
    )


def downgrade() -> None:
    op.drop_table('lecture_depots_ouverts')
    with op.batch_alter_table('lecture_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lecture_documents_seance_id'))
        batch_op.drop_index(batch_op.f('ix_lecture_documents_proposition_id'))
        batch_op.drop_index(batch_op.f('ix_lecture_documents_empreinte'))
        batch_op.drop_index(batch_op.f('ix_lecture_documents_depose_par'))
        batch_op.drop_index(batch_op.f('ix_lecture_documents_avis_id'))
        batch_op.drop_index('ix_lecture_documents_bibliotheque')
    op.drop_table('lecture_documents')
