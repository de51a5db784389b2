"""The bodies of the contrat de ville, the councils' mandates, meetings, attendance and reports
back; what a tirage designates

The new tables start empty and need no rebuild: no stored event feeds them before this version
(`Instance.*` and `Delegation.*` are new event types). Every tirage stored before designates the
groupe moteur: `objet` defaults to "".

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0025'
down_revision: str | None = '0024'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('lecture_tirages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('objet', sa.String(length=60), server_default='', nullable=False))
    op.create_table('lecture_instances',
    sa.Column('instance_id', sa.String(length=36), nullable=False),
    sa.Column('nature', sa.String(length=30), nullable=False),
    sa.Column('nom', sa.String(length=80), nullable=False),
    sa.Column('arrondissement', sa.Integer(), nullable=False),
    sa.Column('creee_le', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('instance_id')
    )
    with op.batch_alter_table('lecture_instances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lecture_instances_arrondissement'), ['arrondissement'], unique=False)
    op.create_table('lecture_mandats',
    sa.Column('mandat_id', sa.String(length=36), nullable=False),
    sa.Column('arrondissement', sa.Integer(), nullable=False),
    sa.Column('instance_id', sa.String(length=36), nullable=False),
    sa.Column('personne_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('debut', sa.Date(), nullable=False),
    sa.Column('fin', sa.Date(), nullable=False),
    sa.Column('termine_le', sa.Date(), nullable=True),
    sa.Column('motif_fin', sa.String(length=30), nullable=False),
    sa.Column('voie', sa.String(length=20), nullable=False),
    sa.Column('seance_id', sa.String(length=36), nullable=True),
    sa.Column('decision', sa.Integer(), nullable=True),
    sa.Column('tirage_id', sa.String(length=36), nullable=True),
    sa.Column('renouvelle', sa.String(length=36), nullable=False),
    sa.Column('designe_le', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('mandat_id')
    )
    with op.batch_alter_table('lecture_mandats', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lecture_mandats_arrondissement'), ['arrondissement'], unique=False)
        batch_op.create_index(batch_op.f('ix_lecture_mandats_instance_id'), ['instance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lecture_mandats_personne_id'), ['personne_id'], unique=False)
    op.create_table('lecture_reunions_instances',
    sa.Column('reunion_id', sa.String(length=36), nullable=False),
    sa.Column('instance_id', sa.String(length=36), nullable=False),
    sa.Column('tenue_le', sa.Date(), nullable=False),
    sa.Column('ordre_du_jour', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('reunion_id')
    )
    with op.batch_alter_table('lecture_reunions_instances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lecture_reunions_instances_instance_id'), ['instance_id'], unique=False)
    op.create_table('lecture_presences_instances',
    sa.Column('reunion_id', sa.String(length=36), nullable=False),
    sa.Column('mandat_id', sa.String(length=36), nullable=False),
    sa.Column('arrondissement', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('reunion_id', 'mandat_id')
    )
    with op.batch_alter_table('lecture_presences_instances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lecture_presences_instances_arrondissement'), ['arrondissement'], unique=False)
    op.create_table('lecture_comptes_rendus_mandat',
    sa.Column('compte_rendu_id', sa.String(length=36), nullable=False),
    sa.Column('reunion_id', sa.String(length=36), nullable=False),
    sa.Column('instance_id', sa.String(length=36), nullable=False),
    sa.Column('arrondissement', sa.Integer(), nullable=False),
    sa.Column('mandat_id', sa.String(length=36), nullable=False),
    sa.Column('texte', sa.Text(), nullable=False),
    sa.Column('redige_le', sa.DateTime(timezone=True), nullable=False),
    sa.Column('seance_id', sa.String(length=36), nullable=True),
    sa.Column('presente_le', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('compte_rendu_id')
    )
    with op.batch_alter_table('lecture_comptes_rendus_mandat', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lecture_comptes_rendus_mandat_arrondissement'), ['arrondissement'], unique=False)
        batch_op.create_index(batch_op.f('ix_lecture_comptes_rendus_mandat_reunion_id'), ['reunion_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('lecture_comptes_rendus_mandat', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lecture_comptes_rendus_mandat_reunion_id'))
        batch_op.drop_index(batch_op.f('ix_lecture_comptes_rendus_mandat_arrondissement'))
    op.drop_table('lecture_comptes_rendus_mandat')
    with op.batch_alter_table('lecture_presences_instances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lecture_presences_instances_arrondissement'))
    op.drop_table('lecture_presences_instances')
    with op.batch_alter_table('lecture_reunions_instances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lecture_reunions_instances_instance_id'))
    op.drop_table('lecture_reunions_instances')
    with op.batch_alter_table('lecture_mandats', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lecture_mandats_personne_id'))
        batch_op.drop_index(batch_op.f('ix_lecture_mandats_instance_id'))
        batch_op.drop_index(batch_op.f('ix_lecture_mandats_arrondissement'))
    op.drop_table('lecture_mandats')
    with op.batch_alter_table('lecture_instances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lecture_instances_arrondissement'))
    op.drop_table('lecture_instances')
    with op.batch_alter_table('lecture_tirages', schema=None) as batch_op:
        batch_op.drop_column('objet')
