"""#15 trust: person-level caseload for a specialist's search

A specialist's search walked the region's name index and asked of every candidate whether they were one of the
specialist's ~4,000 people (or in no family at all): on 100,000 families a one-letter prefix scanned thousands of
names to find 50. `caseload_persons` holds each staff member's people with their folded name keys and СНИЛС in its key,
so the search is one range scan of the specialist's own rows (and of the `NO_FAMILY` rows: people in no family).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# app.core.caseload.NO_FAMILY, as each backend stores a UUID (SQLite: 32 hex digits; PostgreSQL: uuid).
NO_FAMILY = {"sqlite": "'00000000000000000000000000000000'",
             "postgresql": "CAST('00000000-0000-0000-0000-000000000000' AS uuid)"}

# The same rows as app.core.caseload.derived_person_rows (a test compares the two on a filled database); written
# out here because a migration must not change when the application code does.
FILL = """
INSERT INTO caseload_persons (staff_id, last_name_key, first_name_key, middle_name_key, person_id, snils)
SELECT DISTINCT c.staff_id, p.last_name_key, p.first_name_key, p.middle_name_key, p.id, COALESCE(p.snils, '')
  FROM caseload c JOIN family_members m ON m.family_id = c.family_id JOIN persons p ON p.id = m.person_id
UNION ALL
SELECT {no_family}, p.last_name_key, p.first_name_key, p.middle_name_key, p.id, COALESCE(p.snils, '')
  FROM persons p
 WHERE NOT EXISTS (SELECT 1 FROM family_members m WHERE m.person_id = p.id)
"""


def fill_sql(dialect: str) -> str:
    return FILL.format(no_family=NO_FAMILY[dialect])


def upgrade() -> None:
    op.create_table(
        'caseload_persons',
        sa.Column('staff_id', sa.Uuid(), nullable=False),
        sa.Column('last_name_key', sa.String(length=100).with_variant(sa.String(length=100, collation='C'),
                                                                         'postgresql'), nullable=False),
        sa.Column('first_name_key', sa.String(length=100).with_variant(sa.String(length=100, collation='C'),
                                                                          'postgresql'), nullable=False),
        sa.Column('middle_name_key', sa.String(length=100).with_variant(sa.String(length=100, collation='C'),
                                                                           'postgresql'), nullable=False),
        sa.Column('person_id', sa.Uuid(), nullable=False),
        sa.Column('snils', sa.String(length=11), nullable=False),
        sa.PrimaryKeyConstraint('staff_id', 'last_name_key', 'first_name_key', 'middle_name_key', 'person_id',
                                'snils', name=op.f('pk_caseload_persons')),
    )
    op.execute(fill_sql(op.get_bind().dialect.name))
    # The indexes are built after the fill (one sort each instead of millions of inserts into them).
    with op.batch_alter_table('caseload_persons', schema=None) as batch_op:
        batch_op.create_index('ix_caseload_persons_person_staff', ['person_id', 'staff_id'], unique=False)
        batch_op.create_index('ix_caseload_persons_staff_snils', ['staff_id', 'snils'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('caseload_persons', schema=None) as batch_op:
        batch_op.drop_index('ix_caseload_persons_staff_snils')
        batch_op.drop_index('ix_caseload_persons_person_staff')
    op.drop_table('caseload_persons')
