"""#17 period lock: submitted quarters with their figures, the offices they lock and their reopening

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.base import UtcDateTime

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'period_submissions',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('quarter', sa.Integer(), nullable=False),
        sa.Column('starts_on', sa.Date(), nullable=False),
        sa.Column('ends_on', sa.Date(), nullable=False),
        sa.Column('figures', sa.Text(), nullable=False),
        sa.Column('submitted_at', UtcDateTime(), nullable=False),
        sa.Column('submitted_by', sa.Uuid(), nullable=True),
        sa.Column('submitted_login', sa.String(length=100), nullable=False),
        sa.Column('reopened_at', UtcDateTime(), nullable=True),
        sa.Column('reopened_by', sa.Uuid(), nullable=True),
        sa.Column('reopened_login', sa.String(length=100), nullable=True),
        sa.Column('reopen_reason', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_period_submissions')),
    )
    op.create_index('ix_period_submissions_span', 'period_submissions', ['starts_on', 'ends_on'])
    op.create_table(
        'period_submission_offices',
        sa.Column('submission_id', sa.Uuid(), nullable=False),
        sa.Column('office_id', sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(['submission_id'], ['period_submissions.id'],
                                name=op.f('fk_period_submission_offices_submission_id_period_submissions')),
        sa.ForeignKeyConstraint(['office_id'], ['offices.id'],
                                name=op.f('fk_period_submission_offices_office_id_offices')),
        sa.PrimaryKeyConstraint('submission_id', 'office_id', name=op.f('pk_period_submission_offices')),
    )
    op.create_index(op.f('ix_period_submission_offices_office_id'), 'period_submission_offices', ['office_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_period_submission_offices_office_id'), table_name='period_submission_offices')
    op.drop_table('period_submission_offices')
    op.drop_index('ix_period_submissions_span', table_name='period_submissions')
    op.drop_table('period_submissions')
