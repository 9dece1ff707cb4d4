"""#15 trust: the caseload table (staff → families), filled from the links it is derived from

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 16:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# The same links as app.core.caseload.derived_pairs (a test compares the two on a filled database);
# written out here because a migration must not change when the application code does.
FILL = """
INSERT INTO caseload (staff_id, family_id)
SELECT staff_id, family_id FROM (
SELECT responsible_staff_id AS staff_id, id AS family_id FROM families WHERE responsible_staff_id IS NOT NULL
UNION
SELECT responsible_staff_id, family_id FROM support_cases
 WHERE responsible_staff_id IS NOT NULL AND deleted_at IS NULL
UNION
SELECT p.executor_staff_id, c.family_id FROM plan_items p JOIN support_cases c ON c.id = p.case_id
 WHERE p.executor_staff_id IS NOT NULL AND c.deleted_at IS NULL
UNION
SELECT s.staff_id, v.family_id FROM visit_staff s JOIN home_visits v ON v.id = s.visit_id WHERE v.deleted_at IS NULL
UNION
SELECT r.staff_id, m.family_id FROM rehab_sessions r
  JOIN session_participants t ON t.session_id = r.id
  JOIN family_members m ON m.person_id = t.person_id
 WHERE r.staff_id IS NOT NULL AND r.deleted_at IS NULL
UNION
SELECT b.staff_id, f.family_id FROM trip_members b JOIN trip_families f ON f.trip_id = b.trip_id
) links
WHERE family_id IN (SELECT id FROM families WHERE deleted_at IS NULL)
"""


def upgrade() -> None:
    op.create_table(
        'caseload',
        sa.Column('staff_id', sa.Uuid(), nullable=False),
        sa.Column('family_id', sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint('staff_id', 'family_id', name=op.f('pk_caseload')),
    )
    with op.batch_alter_table('caseload', schema=None) as batch_op:
        batch_op.create_index('ix_caseload_family_staff', ['family_id', 'staff_id'], unique=False)
    op.execute(FILL)


def downgrade() -> None:
    with op.batch_alter_table('caseload', schema=None) as batch_op:
        batch_op.drop_index('ix_caseload_family_staff')
    op.drop_table('caseload')
