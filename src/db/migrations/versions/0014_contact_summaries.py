"""#17 deadlines: summaries of contacts and consents

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 08:00:00

`contact_session_days` (db.models.contacts) is filled from the existing sessions and then kept by triggers
`trg_contact_*` on `rehab_sessions` and `session_participants`: every writer — services, the importer, the demo
generator, changesets applied by SQLite's session extension or the PostgreSQL adapter — keeps it in its own
transaction without knowing it exists. A contribution is subtracted under the old (person, day) and added under the
new one; a day that falls to zero is deleted, so the table always equals a rebuild (app.worklist.contact_days).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

TABLE = 'contact_session_days'
SESSION_COLUMNS = 'starts_at, cancelled, deleted_at'
PLACE_COLUMNS = 'session_id, person_id'


def _day(dialect: str, column: str) -> str:
    return f'date({column})' if dialect == 'sqlite' else f'CAST({column} AS date)'


def _live(dialect: str, row: str) -> str:
    cancelled = f'{row}.cancelled = 0' if dialect == 'sqlite' else f'NOT {row}.cancelled'
    return f'({row}.deleted_at IS NULL AND {cancelled})'


def _upsert(select: str) -> str:
    return (f"INSERT INTO {TABLE} (person_id, day, sessions) {select} "
            f"ON CONFLICT (person_id, day) DO UPDATE SET sessions = {TABLE}.sessions + excluded.sessions")


def _add_session(dialect: str, row: str, sign: int) -> list[str]:
    """Add (sign 1) or remove (sign -1) session `row` (NEW/OLD) for each of its participants, when it is live."""
    day = _day(dialect, f'{row}.starts_at')
    statements = [_upsert(f"SELECT p.person_id, {day}, {sign} FROM session_participants p "
                          f"WHERE p.session_id = {row}.id AND {_live(dialect, row)}")]
    if sign < 0:
        statements.append(f"DELETE FROM {TABLE} WHERE sessions = 0 AND day = {day} AND person_id IN "
                          f"(SELECT p.person_id FROM session_participants p WHERE p.session_id = {row}.id)")
    return statements


def _add_place(dialect: str, row: str, sign: int) -> list[str]:
    """Add or remove participant `row` (NEW/OLD) on the day of its session, when that session is live."""
    day = _day(dialect, 'r.starts_at')
    statements = [_upsert(f"SELECT {row}.person_id, {day}, {sign} FROM rehab_sessions r "
                          f"WHERE r.id = {row}.session_id AND {_live(dialect, 'r')}")]
    if sign < 0:
        statements.append(f"DELETE FROM {TABLE} WHERE sessions = 0 AND person_id = {row}.person_id")
    return statements


def _sqlite_triggers() -> list[str]:
    def trigger(name: str, event: str, table: str, body: list[str]) -> str:
        return f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW BEGIN " \
               + " ".join(f"{statement};" for statement in body) + " END"

    return [
        trigger('trg_contact_session_insert', 'INSERT', 'rehab_sessions', _add_session('sqlite', 'NEW', 1)),
        trigger('trg_contact_session_delete', 'DELETE', 'rehab_sessions', _add_session('sqlite', 'OLD', -1)),
        trigger('trg_contact_session_update', f'UPDATE OF {SESSION_COLUMNS}', 'rehab_sessions',
                _add_session('sqlite', 'OLD', -1) + _add_session('sqlite', 'NEW', 1)),
        trigger('trg_contact_place_insert', 'INSERT', 'session_participants', _add_place('sqlite', 'NEW', 1)),
        trigger('trg_contact_place_delete', 'DELETE', 'session_participants', _add_place('sqlite', 'OLD', -1)),
        trigger('trg_contact_place_update', f'UPDATE OF {PLACE_COLUMNS}', 'session_participants',
                _add_place('sqlite', 'OLD', -1) + _add_place('sqlite', 'NEW', 1)),
    ]


SQLITE_TRIGGERS = ('trg_contact_session_insert', 'trg_contact_session_delete', 'trg_contact_session_update',
                   'trg_contact_place_insert', 'trg_contact_place_delete', 'trg_contact_place_update')


def _pg_function(name: str, old: list[str], new: list[str]) -> str:
    def block(statements: list[str]) -> str:
        return " ".join(f"{statement};" for statement in statements)

    return (f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {block(old)} END IF; "
            f"IF TG_OP IN ('UPDATE', 'INSERT') THEN {block(new)} END IF; "
            f"RETURN NULL; END $$")


def _pg_statements() -> list[str]:
    return [
        _pg_function('trg_contact_session', _add_session('postgresql', 'OLD', -1),
                     _add_session('postgresql', 'NEW', 1)),
        _pg_function('trg_contact_place', _add_place('postgresql', 'OLD', -1), _add_place('postgresql', 'NEW', 1)),
        "CREATE TRIGGER trg_contact_session_write AFTER INSERT OR DELETE ON rehab_sessions "
        "FOR EACH ROW EXECUTE FUNCTION trg_contact_session()",
        f"CREATE TRIGGER trg_contact_session_update AFTER UPDATE OF {SESSION_COLUMNS} ON rehab_sessions "
        "FOR EACH ROW EXECUTE FUNCTION trg_contact_session()",
        "CREATE TRIGGER trg_contact_place_write AFTER INSERT OR DELETE ON session_participants "
        "FOR EACH ROW EXECUTE FUNCTION trg_contact_place()",
        f"CREATE TRIGGER trg_contact_place_update AFTER UPDATE OF {PLACE_COLUMNS} ON session_participants "
        "FOR EACH ROW EXECUTE FUNCTION trg_contact_place()",
    ]


def fill_statements(dialect: str) -> list[str]:
    """Empty the table and fill it from the sessions (the migration's first fill and the rebuild)."""
    day = _day(dialect, 'r.starts_at')
    return [
        f"DELETE FROM {TABLE}",
        f"INSERT INTO {TABLE} (person_id, day, sessions) "
        f"SELECT p.person_id, {day}, count(*) FROM session_participants p "
        f"JOIN rehab_sessions r ON r.id = p.session_id WHERE {_live(dialect, 'r')} GROUP BY p.person_id, {day}",
    ]


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    op.create_table(
        TABLE,
        sa.Column('person_id', sa.Uuid(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('sessions', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('person_id', 'day', name=op.f('pk_contact_session_days')),
    )
    for statement in fill_statements(dialect):
        op.execute(statement)
    for statement in (_sqlite_triggers() if dialect == 'sqlite' else _pg_statements()):
        op.execute(statement)


def downgrade() -> None:
    if op.get_context().dialect.name == 'sqlite':
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for table, name in (('rehab_sessions', 'trg_contact_session_write'),
                            ('rehab_sessions', 'trg_contact_session_update'),
                            ('session_participants', 'trg_contact_place_write'),
                            ('session_participants', 'trg_contact_place_update')):
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS trg_contact_session()")
        op.execute("DROP FUNCTION IF EXISTS trg_contact_place()")
    op.drop_table(TABLE)
