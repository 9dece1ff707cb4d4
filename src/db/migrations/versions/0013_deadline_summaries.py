"""#17 deadlines: the next КДН и ЗП review date of a СОП decision (and summaries kept by the services)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


# Partial indexes the deadline kinds start from (app.worklist.deadlines): a few rows found by a date instead of
# every member of every family in scope; (table, name, columns, condition).
INDEXES = (
    ('persons', 'ix_persons_birth_date', ['birth_date'], 'deleted_at IS NULL'),
    ('child_profiles', 'ix_child_profiles_ipra_until', ['ipra_until'], 'deleted_at IS NULL AND ipra_until IS NOT NULL'),
    ('consents', 'ix_consents_live', ['person_id', 'valid_until'], 'deleted_at IS NULL AND withdrawn_on IS NULL'),
    ('consents', 'ix_consents_live_until', ['valid_until'], 'deleted_at IS NULL AND withdrawn_on IS NULL'),
    ('consents', 'ix_consents_withdrawn', ['person_id'], 'deleted_at IS NULL AND withdrawn_on IS NOT NULL'),
    ('home_visits', 'ix_home_visits_live_family_date', ['family_id', 'visit_date'], 'deleted_at IS NULL'),
    ('support_cases', 'ix_support_cases_review_due', ['review_due_on'], 'closed_on IS NULL AND deleted_at IS NULL'),
    ('plan_items', 'ix_plan_items_open_due', ['due_on', 'case_id'], 'done_on IS NULL'),
)


def upgrade() -> None:
    with op.batch_alter_table('family_categories', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kdn_review_on', sa.Date(), nullable=True))
    for table, name, columns, where in INDEXES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(name, columns, unique=False, sqlite_where=sa.text(where),
                                  postgresql_where=sa.text(where))
    # A session's date and state read from the index alone: «без контакта» probes a session per participation.
    with op.batch_alter_table('rehab_sessions', schema=None) as batch_op:
        batch_op.create_index('ix_rehab_sessions_id_start', ['id', 'starts_at', 'deleted_at', 'cancelled'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('rehab_sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_rehab_sessions_id_start')
    for table, name, _columns, where in reversed(INDEXES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name, sqlite_where=sa.text(where), postgresql_where=sa.text(where))
    with op.batch_alter_table('family_categories', schema=None) as batch_op:
        batch_op.drop_column('kdn_review_on')
