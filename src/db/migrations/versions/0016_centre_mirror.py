"""#16 a PostgreSQL centre's mirror of its travelling data

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 08:00:00

A centre on PostgreSQL makes packages by diffing a SQLite mirror of its travelling tables against each office's
baseline (app.exchange.mirror). So that a package does not copy every travelling row again, statement-level
triggers `trg_mirror_*` on PostgreSQL write the primary keys of the rows each statement inserted, updated or
deleted (a TRUNCATE: the whole table) into `exchange_mirror_log`, and the mirror re-reads only those rows. They log
only while `exchange_mirror_state` has its row, i.e. once a mirror exists, so a server that never makes packages
does not grow the log. Both tables are local-only and exist on SQLite too (empty there: an office's own file is
what it diffs).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.base import UtcDateTime

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

# The travelling tables of this revision and their primary keys (frozen here: a later migration that adds a
# travelling table adds its triggers; until then app.exchange.mirror re-reads that table whole each time).
TRACKED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ('organizations', ('id',)), ('offices', ('id',)), ('districts', ('id',)), ('settlements', ('id',)),
    ('dictionary_items', ('id',)), ('services', ('id',)), ('staff', ('id',)), ('indicators', ('id',)),
    ('families', ('id',)), ('persons', ('id',)), ('family_members', ('id',)), ('family_categories', ('id',)),
    ('identity_documents', ('id',)), ('child_profiles', ('id',)), ('diagnoses', ('id',)), ('consents', ('id',)),
    ('support_cases', ('id',)), ('case_grounds', ('case_id', 'ground_id')), ('plan_items', ('id',)),
    ('brigade_trips', ('id',)), ('trip_members', ('trip_id', 'staff_id')), ('trip_stops', ('id',)),
    ('trip_families', ('id',)), ('home_visits', ('id',)), ('visit_staff', ('visit_id', 'staff_id')),
    ('visit_services', ('id',)), ('rehab_sessions', ('id',)), ('session_participants', ('id',)),
    ('events', ('id',)), ('event_families', ('id',)), ('event_files', ('id',)),
    ('caseload', ('staff_id', 'family_id')),
    ('caseload_persons', ('staff_id', 'last_name_key', 'first_name_key', 'middle_name_key', 'person_id', 'snils')),
    ('ippsu_services', ('id',)), ('social_papers', ('id',)), ('urgent_services', ('id',)),
    ('exchange_resolutions', ('id',)), ('period_submissions', ('id',)),
    ('period_submission_offices', ('submission_id', 'office_id')),
    ('assessment_instruments', ('id',)), ('assessment_areas', ('id',)), ('assessment_criteria', ('id',)),
    ('assessments', ('id',)), ('assessment_values', ('id',)),
)


def _function(table: str, key: tuple[str, ...]) -> str:
    """One function per table, shared by its three row triggers; each branch reads only the transition table its
    event has (PL/pgSQL plans a statement when it first runs it)."""
    def keys(alias: str) -> str:
        return f"SELECT '{table}', jsonb_build_array({', '.join(f'{alias}.{c}' for c in key)})::text"

    insert = "INSERT INTO exchange_mirror_log (table_name, row_key)"
    return (
        f"CREATE FUNCTION trg_mirror_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF NOT EXISTS (SELECT 1 FROM exchange_mirror_state) THEN RETURN NULL; END IF; "
        f"IF TG_OP = 'TRUNCATE' THEN {insert} VALUES ('{table}', NULL); "
        f"ELSIF TG_OP = 'INSERT' THEN {insert} {keys('n')} FROM mirror_new n; "
        f"ELSIF TG_OP = 'DELETE' THEN {insert} {keys('o')} FROM mirror_old o; "
        f"ELSE {insert} {keys('n')} FROM mirror_new n UNION {keys('o')} FROM mirror_old o; "
        "END IF; RETURN NULL; END $$")


def _triggers(table: str) -> list[str]:
    name = f'trg_mirror_{table}'
    run = f'FOR EACH STATEMENT EXECUTE FUNCTION {name}()'
    return [
        f'CREATE TRIGGER {name}_ins AFTER INSERT ON {table} REFERENCING NEW TABLE AS mirror_new {run}',
        f'CREATE TRIGGER {name}_upd AFTER UPDATE ON {table} REFERENCING OLD TABLE AS mirror_old '
        f'NEW TABLE AS mirror_new {run}',
        f'CREATE TRIGGER {name}_del AFTER DELETE ON {table} REFERENCING OLD TABLE AS mirror_old {run}',
        f'CREATE TRIGGER {name}_trunc AFTER TRUNCATE ON {table} {run}',
    ]


def upgrade() -> None:
    op.create_table(
        'exchange_mirror_log',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('table_name', sa.String(length=60), nullable=False),
        sa.Column('row_key', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_mirror_log')),
    )
    op.create_table(
        'exchange_mirror_state',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('token', sa.Uuid(), nullable=False),
        sa.Column('generation', sa.Integer(), nullable=False),
        sa.Column('refreshed_at', UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_mirror_state')),
    )
    if op.get_bind().dialect.name != 'postgresql':
        return
    present = set(sa.inspect(op.get_bind()).get_table_names())
    for table, key in TRACKED:
        if table in present:
            op.execute(_function(table, key))
            for statement in _triggers(table):
                op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for table, _key in TRACKED:
            for suffix in ('ins', 'upd', 'del', 'trunc'):
                op.execute(f'DROP TRIGGER IF EXISTS trg_mirror_{table}_{suffix} ON {table}')
            op.execute(f'DROP FUNCTION IF EXISTS trg_mirror_{table}()')
    op.drop_table('exchange_mirror_state')
    op.drop_table('exchange_mirror_log')
