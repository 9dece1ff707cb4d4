"""#17 deadlines: each family's contact days, and the visits' due index

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03 14:00:00

`family_contact_days` (db.models.contacts) holds, per family and calendar day, how many contacts it had: a live,
not cancelled session of one of its members (each member's place counts), a live visit, a live event it took part
in. «Без контакта» then asks one index range per family in scope instead of three questions, one of them per member.

Triggers `trg_contact_family_*` keep it on every table a contact is made of (rehab_sessions, session_participants,
family_members, home_visits, events, event_families). A contact is a combination of rows (a place, its session and
the membership of the place's person): each trigger adds the combinations its new row completes and subtracts those
its old row was part of, so the order in which a writer brings the rows (a changeset may apply places before their
session, or a member after the sessions) does not matter; a day that falls to zero is deleted. They share the
`trg_contact_` prefix with 0014's triggers on purpose: a bulk import pauses and rebuilds them as one group
(app.worklist.contact_days rebuilds the persons' days first, then the families' from them).

The live visits' (family, date) index also carries `next_visit_on`, so «Визиты по сроку» reads a family's last visit
and its next date from the index alone; the open cases get a (family, opened) index: whether a family is on support
and since when, for «без контакта».
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None

TABLE = 'family_contact_days'
WATCHED = {  # the columns whose change moves a contact (UPDATE OF …)
    'rehab_sessions': 'starts_at, cancelled, deleted_at',
    'session_participants': 'session_id, person_id',
    'family_members': 'family_id, person_id',
    'home_visits': 'family_id, visit_date, deleted_at',
    'events': 'starts_on, deleted_at',
    'event_families': 'event_id, family_id',
}
VISITS_INDEX = 'ix_home_visits_live_family_date'
OPEN_CASES_INDEX = 'ix_support_cases_open_family'  # whether a family is on support and since when
OPEN = 'closed_on IS NULL AND deleted_at IS NULL'


def _day(dialect: str, column: str) -> str:
    return f'date({column})' if dialect == 'sqlite' else f'CAST({column} AS date)'


def _live_session(dialect: str, row: str) -> str:
    cancelled = f'{row}.cancelled = 0' if dialect == 'sqlite' else f'NOT {row}.cancelled'
    return f'({row}.deleted_at IS NULL AND {cancelled})'


def _upsert(select: str) -> str:
    # Every SELECT below has a WHERE: SQLite's parser needs one before ON CONFLICT after INSERT … SELECT.
    return (f"INSERT INTO {TABLE} (family_id, day, contacts) {select} "
            f"ON CONFLICT (family_id, day) DO UPDATE SET contacts = {TABLE}.contacts + excluded.contacts")


def _drop_zero(families: str, day: str | None = None) -> str:
    on_day = f" AND day = {day}" if day else ""
    return f"DELETE FROM {TABLE} WHERE contacts = 0{on_day} AND family_id IN ({families})"


def _contributions(dialect: str, table: str, row: str, sign: int) -> list[str]:
    """Add (sign 1) or subtract (sign -1) the contacts row `row` (NEW/OLD) of `table` is part of."""
    if table == 'rehab_sessions':
        day = _day(dialect, f'{row}.starts_at')
        families = ("SELECT m.family_id FROM session_participants p JOIN family_members m ON m.person_id = p.person_id "
                    f"WHERE p.session_id = {row}.id")
        add = _upsert(f"SELECT m.family_id, {day}, {sign} * count(*) FROM session_participants p "
                      f"JOIN family_members m ON m.person_id = p.person_id "
                      f"WHERE p.session_id = {row}.id AND {_live_session(dialect, row)} GROUP BY m.family_id")
        return [add, _drop_zero(families, day)] if sign < 0 else [add]
    if table == 'session_participants':
        families = f"SELECT family_id FROM family_members WHERE person_id = {row}.person_id"
        add = _upsert(f"SELECT m.family_id, {_day(dialect, 'r.starts_at')}, {sign} FROM rehab_sessions r "
                      f"JOIN family_members m ON m.person_id = {row}.person_id "
                      f"WHERE r.id = {row}.session_id AND {_live_session(dialect, 'r')}")
        return [add, _drop_zero(families)] if sign < 0 else [add]
    if table == 'family_members':
        day = _day(dialect, 'r.starts_at')
        add = _upsert(f"SELECT {row}.family_id, {day}, {sign} * count(*) FROM session_participants p "
                      f"JOIN rehab_sessions r ON r.id = p.session_id "
                      f"WHERE p.person_id = {row}.person_id AND {_live_session(dialect, 'r')} GROUP BY {day}")
        return [add, _drop_zero(f"SELECT {row}.family_id")] if sign < 0 else [add]
    if table == 'home_visits':
        add = _upsert(f"SELECT {row}.family_id, {row}.visit_date, {sign} WHERE {row}.deleted_at IS NULL")
        return [add, _drop_zero(f"SELECT {row}.family_id", f"{row}.visit_date")] if sign < 0 else [add]
    if table == 'events':
        families = f"SELECT family_id FROM event_families WHERE event_id = {row}.id"
        add = _upsert(f"SELECT ef.family_id, {row}.starts_on, {sign} * count(*) FROM event_families ef "
                      f"WHERE ef.event_id = {row}.id AND {row}.deleted_at IS NULL GROUP BY ef.family_id")
        return [add, _drop_zero(families, f"{row}.starts_on")] if sign < 0 else [add]
    assert table == 'event_families', table
    add = _upsert(f"SELECT {row}.family_id, e.starts_on, {sign} FROM events e "
                  f"WHERE e.id = {row}.event_id AND e.deleted_at IS NULL")
    return [add, _drop_zero(f"SELECT {row}.family_id")] if sign < 0 else [add]


def _name(table: str, event: str) -> str:
    return f'trg_contact_family_{table}_{event}'


def sqlite_trigger_names() -> list[str]:
    return [_name(table, event) for table in WATCHED for event in ('insert', 'delete', 'update')]


def _sqlite_triggers() -> list[str]:
    def trigger(table: str, event: str, when: str, statements: list[str]) -> str:
        return (f"CREATE TRIGGER {_name(table, event)} AFTER {when} ON {table} FOR EACH ROW BEGIN "
                + " ".join(f"{statement};" for statement in statements) + " END")

    created = []
    for table, columns in WATCHED.items():
        created += [
            trigger(table, 'insert', 'INSERT', _contributions('sqlite', table, 'NEW', 1)),
            trigger(table, 'delete', 'DELETE', _contributions('sqlite', table, 'OLD', -1)),
            trigger(table, 'update', f'UPDATE OF {columns}',
                    _contributions('sqlite', table, 'OLD', -1) + _contributions('sqlite', table, 'NEW', 1)),
        ]
    return created


def _pg_statements() -> list[str]:
    def block(statements: list[str]) -> str:
        return " ".join(f"{statement};" for statement in statements)

    created = []
    for table, columns in WATCHED.items():
        function = f'trg_contact_family_{table}'
        created += [
            f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {block(_contributions('postgresql', table, 'OLD', -1))} END IF; "
            f"IF TG_OP IN ('UPDATE', 'INSERT') THEN {block(_contributions('postgresql', table, 'NEW', 1))} END IF; "
            f"RETURN NULL; END $$",
            f"CREATE TRIGGER {_name(table, 'write')} AFTER INSERT OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()",
            f"CREATE TRIGGER {_name(table, 'update')} AFTER UPDATE OF {columns} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        ]
    return created


def fill_statements() -> list[str]:
    """Empty the table and fill it from the persons' session days (0014's table, exact) and the visits and events."""
    return [
        f"DELETE FROM {TABLE}",
        f"INSERT INTO {TABLE} (family_id, day, contacts) "
        "SELECT family_id, day, sum(contacts) FROM ("
        "SELECT m.family_id AS family_id, c.day AS day, c.sessions AS contacts FROM contact_session_days c "
        "JOIN family_members m ON m.person_id = c.person_id "
        "UNION ALL SELECT v.family_id, v.visit_date, 1 FROM home_visits v WHERE v.deleted_at IS NULL "
        "UNION ALL SELECT ef.family_id, e.starts_on, 1 FROM event_families ef JOIN events e ON e.id = ef.event_id "
        "WHERE e.deleted_at IS NULL) contacts GROUP BY family_id, day",
    ]


def _visits_index(columns: list[str]) -> None:
    with op.batch_alter_table('home_visits', schema=None) as batch_op:
        batch_op.drop_index(VISITS_INDEX, sqlite_where=sa.text('deleted_at IS NULL'),
                            postgresql_where=sa.text('deleted_at IS NULL'))
        batch_op.create_index(VISITS_INDEX, columns, unique=False, sqlite_where=sa.text('deleted_at IS NULL'),
                              postgresql_where=sa.text('deleted_at IS NULL'))


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    op.create_table(
        TABLE,
        sa.Column('family_id', sa.Uuid(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('contacts', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('family_id', 'day', name=op.f('pk_family_contact_days')),
    )
    for statement in fill_statements():
        op.execute(statement)
    for statement in (_sqlite_triggers() if dialect == 'sqlite' else _pg_statements()):
        op.execute(statement)
    _visits_index(['family_id', 'visit_date', 'next_visit_on'])
    with op.batch_alter_table('support_cases', schema=None) as batch_op:
        batch_op.create_index(OPEN_CASES_INDEX, ['family_id', 'opened_on'], unique=False,
                              sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))


def downgrade() -> None:
    with op.batch_alter_table('support_cases', schema=None) as batch_op:
        batch_op.drop_index(OPEN_CASES_INDEX, sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))
    _visits_index(['family_id', 'visit_date'])
    if op.get_context().dialect.name == 'sqlite':
        for name in sqlite_trigger_names():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for table in WATCHED:
            for event in ('write', 'update'):
                op.execute(f"DROP TRIGGER IF EXISTS {_name(table, event)} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS trg_contact_family_{table}()")
    op.drop_table(TABLE)
