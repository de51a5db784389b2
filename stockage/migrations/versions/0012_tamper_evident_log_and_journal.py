"""tamper-evident log (hash chain, checkpoints) and the councils' public journal

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26 14:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('audit_chaine',
    sa.Column('position', sa.BigInteger(), nullable=False),
    sa.Column('empreinte', sa.String(length=64), nullable=False),
    sa.Column('precedente', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('position')
    )
    op.create_table('audit_points_de_controle',
    sa.Column('position', sa.BigInteger(), nullable=False),
    sa.Column('empreinte', sa.String(length=64), nullable=False),
    sa.Column('le', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('position')
    )
    op.create_table('lecture_journal',
    sa.Column('position', sa.BigInteger(), nullable=False),
    sa.Column('arrondissement', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=120), nullable=False),
    sa.Column('le', sa.DateTime(timezone=True), nullable=False),
    sa.Column('role', sa.String(length=60), nullable=False),
    sa.PrimaryKeyConstraint('position')
    )
    with op.batch_alter_table('lecture_journal', schema=None) as batch_op:
        batch_op.create_index('ix_lecture_journal_conseil', ['arrondissement', 'position'], unique=False)

    op.create_table('lecture_journal_agregats',
    sa.Column('agregat_id', sa.String(length=36), nullable=False),
    sa.Column('arrondissement', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('agregat_id')
    )
    # The row whose lock serialises the chaining (`stockage.audit.VERROU`).
    op.execute(sa.text("INSERT INTO projection_positions (nom, position) VALUES ('audit_chaine', 0)"))
    # The journal needs every past event: empty the read models and move the projector back to
    # the start, so that the catch-up after migrating rebuilds them all (as 0008 did).
    for table in REMISES_A_ZERO:
        op.execute(sa.text(f"DELETE FROM {table}"))
    op.execute(sa.text("UPDATE projection_positions SET position = 0 WHERE nom = 'lecture'"))


REMISES_A_ZERO = ['lecture_comptes', 'lecture_roles', 'lecture_conseils', 'lecture_reglements', 'lecture_structures_porteuses', 'lecture_membres', 'lecture_seances', 'lecture_presences', 'lecture_decisions', 'lecture_groupes_moteurs', 'lecture_mouvements_groupe_moteur', 'lecture_membres_groupe_moteur', 'lecture_tirages', 'lecture_avis', 'lecture_avis_auteurs', 'lecture_avis_versions', 'lecture_avis_reponses', 'lecture_avis_etapes', 'lecture_notifications', 'lecture_faits', 'lecture_propositions_bp', 'lecture_soutiens_bp', 'lecture_commentaires_bp', 'lecture_etapes_bp', 'lecture_rapports_ouvertures']
"""The read-model tables as of revision 0009 (the new journal tables start empty), and the report openings (a cache of them)."""


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM projection_positions WHERE nom = 'audit_chaine'"))
    op.drop_table('lecture_journal_agregats')
    with op.batch_alter_table('lecture_journal', schema=None) as batch_op:
        batch_op.drop_index('ix_lecture_journal_conseil')

    op.drop_table('lecture_journal')
    op.drop_table('audit_points_de_controle')
    op.drop_table('audit_chaine')
