"""#16 the region's report: a summary over sessions kept by triggers

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 08:00:00

`report_session_months` and `report_place_months` (db.models.report_summary) are filled from the existing sessions
and then kept by triggers `trg_rsum_*` on `rehab_sessions` and `session_participants`: every writer — services,
the importer, the demo generator, changesets applied by SQLite's session extension or the PostgreSQL adapter —
keeps them in its own transaction without knowing they exist. A contribution is subtracted under the old key and
added under the new one; a row that falls to zero is deleted, so the tables always equal a rebuild
(app.reports.session_summary.check_summary).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

SESSION_KEY = ('month', 'staff_id', 'service_id', 'delivery_mode_id')
PLACE_KEY = (*SESSION_KEY, 'person_id')


def _month(dialect: str, column: str) -> str:
    if dialect == 'sqlite':
        return f"CAST(strftime('%Y%m', {column}) AS INTEGER)"
    return f"(EXTRACT(YEAR FROM {column})::integer * 100 + EXTRACT(MONTH FROM {column})::integer)"


def _live(dialect: str, row: str) -> str:
    """A session that counts: not deleted, not cancelled."""
    cancelled = f'{row}.cancelled = 0' if dialect == 'sqlite' else f'NOT {row}.cancelled'
    return f'({row}.deleted_at IS NULL AND {cancelled})'


# --- shared statement builders (the same SQL serves the SQLite trigger bodies and the PL/pgSQL functions) ---------

def _add_session(dialect: str, row: str, sign: int) -> list[str]:
    """Add (sign 1) or remove (sign -1) session `row` (NEW/OLD) and its places under its key."""
    month = _month(dialect, f'{row}.starts_at')
    live = _live(dialect, row)
    attended = 'CASE WHEN p.attended THEN 1 ELSE 0 END'
    absent = 'CASE WHEN NOT p.attended THEN 1 ELSE 0 END'
    target_s = 'report_session_months'
    target_p = 'report_place_months'
    statements = [
        f"INSERT INTO {target_s} (month, staff_id, service_id, delivery_mode_id, sessions) "
        f"SELECT {month}, {row}.staff_id, {row}.service_id, {row}.delivery_mode_id, {sign} WHERE {live} "
        f"ON CONFLICT ({', '.join(SESSION_KEY)}) DO UPDATE SET sessions = {target_s}.sessions + excluded.sessions",
        f"INSERT INTO {target_p} (month, staff_id, service_id, delivery_mode_id, person_id, places, attended, absent) "
        f"SELECT {month}, {row}.staff_id, {row}.service_id, {row}.delivery_mode_id, p.person_id, {sign}, "
        f"{sign} * {attended}, {sign} * {absent} FROM session_participants p "
        f"WHERE p.session_id = {row}.id AND {live} "
        f"ON CONFLICT ({', '.join(PLACE_KEY)}) DO UPDATE SET places = {target_p}.places + excluded.places, "
        f"attended = {target_p}.attended + excluded.attended, absent = {target_p}.absent + excluded.absent",
    ]
    if sign < 0:
        key = f"month = {month} AND staff_id = {row}.staff_id AND service_id = {row}.service_id " \
              f"AND delivery_mode_id = {row}.delivery_mode_id"
        statements += [f"DELETE FROM {target_s} WHERE {key} AND sessions = 0",
                       f"DELETE FROM {target_p} WHERE {key} AND places = 0"]
    return statements


def _add_place(dialect: str, row: str, sign: int) -> list[str]:
    """Add or remove participant `row` (NEW/OLD) under the key of its session, when that session is live."""
    month = _month(dialect, 'r.starts_at')
    live = _live(dialect, 'r')
    target = 'report_place_months'
    statements = [
        f"INSERT INTO {target} (month, staff_id, service_id, delivery_mode_id, person_id, places, attended, absent) "
        f"SELECT {month}, r.staff_id, r.service_id, r.delivery_mode_id, {row}.person_id, {sign}, "
        f"{sign} * (CASE WHEN {row}.attended THEN 1 ELSE 0 END), "
        f"{sign} * (CASE WHEN NOT {row}.attended THEN 1 ELSE 0 END) "
        f"FROM rehab_sessions r WHERE r.id = {row}.session_id AND {live} "
        f"ON CONFLICT ({', '.join(PLACE_KEY)}) DO UPDATE SET places = {target}.places + excluded.places, "
        f"attended = {target}.attended + excluded.attended, absent = {target}.absent + excluded.absent",
    ]
    if sign < 0:
        statements.append(
            f"DELETE FROM {target} WHERE places = 0 AND person_id = {row}.person_id AND (month, staff_id, service_id, "
            f"delivery_mode_id) IN (SELECT {month}, r.staff_id, r.service_id, r.delivery_mode_id "
            f"FROM rehab_sessions r WHERE r.id = {row}.session_id)")
    return statements


SESSION_COLUMNS = 'starts_at, staff_id, service_id, delivery_mode_id, cancelled, deleted_at'
PLACE_COLUMNS = 'session_id, person_id, attended'


def _sqlite_triggers() -> list[str]:
    def trigger(name: str, event: str, table: str, body: list[str]) -> str:
        return f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW BEGIN " \
               + " ".join(f"{statement};" for statement in body) + " END"

    return [
        trigger('trg_rsum_session_insert', 'INSERT', 'rehab_sessions', _add_session('sqlite', 'NEW', 1)),
        trigger('trg_rsum_session_delete', 'DELETE', 'rehab_sessions', _add_session('sqlite', 'OLD', -1)),
        trigger('trg_rsum_session_update', f'UPDATE OF {SESSION_COLUMNS}', 'rehab_sessions',
                _add_session('sqlite', 'OLD', -1) + _add_session('sqlite', 'NEW', 1)),
        trigger('trg_rsum_place_insert', 'INSERT', 'session_participants', _add_place('sqlite', 'NEW', 1)),
        trigger('trg_rsum_place_delete', 'DELETE', 'session_participants', _add_place('sqlite', 'OLD', -1)),
        trigger('trg_rsum_place_update', f'UPDATE OF {PLACE_COLUMNS}', 'session_participants',
                _add_place('sqlite', 'OLD', -1) + _add_place('sqlite', 'NEW', 1)),
    ]


def _pg_function(name: str, old: list[str], new: list[str]) -> str:
    def block(statements: list[str]) -> str:
        return " ".join(f"{statement};" for statement in statements)

    return (f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {block(old)} END IF; "
            f"IF TG_OP IN ('UPDATE', 'INSERT') THEN {block(new)} END IF; "
            f"RETURN NULL; END $$")


def _pg_statements() -> list[str]:
    return [
        _pg_function('trg_rsum_session', _add_session('postgresql', 'OLD', -1), _add_session('postgresql', 'NEW', 1)),
        _pg_function('trg_rsum_place', _add_place('postgresql', 'OLD', -1), _add_place('postgresql', 'NEW', 1)),
        "CREATE TRIGGER trg_rsum_session_write AFTER INSERT OR DELETE ON rehab_sessions "
        "FOR EACH ROW EXECUTE FUNCTION trg_rsum_session()",
        f"CREATE TRIGGER trg_rsum_session_update AFTER UPDATE OF {SESSION_COLUMNS} ON rehab_sessions "
        "FOR EACH ROW EXECUTE FUNCTION trg_rsum_session()",
        "CREATE TRIGGER trg_rsum_place_write AFTER INSERT OR DELETE ON session_participants "
        "FOR EACH ROW EXECUTE FUNCTION trg_rsum_place()",
        f"CREATE TRIGGER trg_rsum_place_update AFTER UPDATE OF {PLACE_COLUMNS} ON session_participants "
        "FOR EACH ROW EXECUTE FUNCTION trg_rsum_place()",
    ]


def fill_statements(dialect: str) -> list[str]:
    """Empty both tables and fill them from the sessions (the migration's first fill and the rebuild)."""
    month = _month(dialect, 'r.starts_at')
    live = _live(dialect, 'r')
    return [
        "DELETE FROM report_session_months",
        "DELETE FROM report_place_months",
        f"INSERT INTO report_session_months (month, staff_id, service_id, delivery_mode_id, sessions) "
        f"SELECT {month}, r.staff_id, r.service_id, r.delivery_mode_id, count(*) FROM rehab_sessions r "
        f"WHERE {live} GROUP BY 1, 2, 3, 4",
        f"INSERT INTO report_place_months "
        f"(month, staff_id, service_id, delivery_mode_id, person_id, places, attended, absent) "
        f"SELECT {month}, r.staff_id, r.service_id, r.delivery_mode_id, p.person_id, count(*), "
        f"sum(CASE WHEN p.attended THEN 1 ELSE 0 END), sum(CASE WHEN NOT p.attended THEN 1 ELSE 0 END) "
        f"FROM session_participants p JOIN rehab_sessions r ON r.id = p.session_id "
        f"WHERE {live} GROUP BY 1, 2, 3, 4, 5",
    ]


def upgrade() -> None:
    op.create_table(
        'report_session_months',
        sa.Column('month', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('staff_id', sa.Uuid(), nullable=False),
        sa.Column('service_id', sa.Uuid(), nullable=False),
        sa.Column('delivery_mode_id', sa.Uuid(), nullable=False),
        sa.Column('sessions', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*SESSION_KEY, name=op.f('pk_report_session_months')),
        sqlite_with_rowid=False,  # stored in key order: a range of months is one sequential read
    )
    op.create_table(
        'report_place_months',
        sa.Column('month', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('staff_id', sa.Uuid(), nullable=False),
        sa.Column('service_id', sa.Uuid(), nullable=False),
        sa.Column('delivery_mode_id', sa.Uuid(), nullable=False),
        sa.Column('person_id', sa.Uuid(), nullable=False),
        sa.Column('places', sa.Integer(), nullable=False),
        sa.Column('attended', sa.Integer(), nullable=False),
        sa.Column('absent', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*PLACE_KEY, name=op.f('pk_report_place_months')),
        sqlite_with_rowid=False,
    )
    op.create_index('ix_report_place_months_person', 'report_place_months', ['month', 'person_id', 'attended'],
                    unique=False)
    dialect = op.get_bind().dialect.name
    for statement in fill_statements(dialect):
        op.execute(statement)
    for statement in (_sqlite_triggers() if dialect == 'sqlite' else _pg_statements()):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for name in ('session_insert', 'session_delete', 'session_update', 'place_insert', 'place_delete',
                     'place_update'):
            op.execute(f'DROP TRIGGER IF EXISTS trg_rsum_{name}')
    else:
        for table, name in (('rehab_sessions', 'session_write'), ('rehab_sessions', 'session_update'),
                            ('session_participants', 'place_write'), ('session_participants', 'place_update')):
            op.execute(f'DROP TRIGGER IF EXISTS trg_rsum_{name} ON {table}')
        op.execute('DROP FUNCTION IF EXISTS trg_rsum_session()')
        op.execute('DROP FUNCTION IF EXISTS trg_rsum_place()')
    op.drop_index('ix_report_place_months_person', table_name='report_place_months')
    op.drop_table('report_place_months')
    op.drop_table('report_session_months')
