"""#16 region report: the services given per year × office × form × recipient × kind, kept by triggers

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 10:50:00

`report_service_years` (db.models.region_summary) holds, per calendar year, office, form, recipient and kind of
442-ФЗ, how many services were given in each month (`n01`…`n12`: attended places and visit services) and their
quantities (`q01`…`q12`). Two sources feed it: the attended places of live, not cancelled sessions (the
specialist's office, the service's kind and form, the person) and the services of live visits to live families
(the family's office; the person, or the family when the service was given to the family as a whole). The region's
report reads the distinct recipients of a quarter or of the year to date as one row per recipient instead of
grouping person-level rows of every month (app.reports.service_summary).

Triggers `trg_rsvc_*` on all seven tables the key is read from (session_participants, rehab_sessions, staff,
services, visit_services, home_visits, families) subtract a row's contribution under its old values and add it
under the new ones, in the writer's transaction, whoever writes; a row whose counts all fall to zero is deleted, so
the table always equals a rebuild (app.reports.service_summary.check_service_summary).
"""

from __future__ import annotations

from typing import NamedTuple

import sqlalchemy as sa
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None

TABLE = 'report_service_years'
KEY = ('year', 'office_id', 'form_id', 'recipient_id', 'kind_id')
MONTHS = tuple(range(1, 13))
COUNTS = tuple(f'n{month:02d}' for month in MONTHS)
QUANTITIES = tuple(f'q{month:02d}' for month in MONTHS)


class Source(NamedTuple):
    """One way services are given: its four tables (alias -> table), how they join, and the key's expressions.

    Expressions name the tables by `{alias}`, so a trigger puts its row (NEW/OLD) in place of its own table."""

    tables: dict[str, str]  # a NamedTuple: alembic loads this module without registering it (no dataclass)
    joins: tuple[str, ...]
    live: tuple[str, ...]  # the sqlite form; `_dialect` rewrites the boolean tests for PostgreSQL
    day: str
    office: str
    form: str
    recipient: str
    kind: str
    quantity: str


PLACES = Source(
    tables={'p': 'session_participants', 'r': 'rehab_sessions', 'st': 'staff', 'sv': 'services'},
    joins=('{r}.id = {p}.session_id', '{st}.id = {r}.staff_id', '{sv}.id = {r}.service_id'),
    live=('{p}.attended = 1', '{r}.deleted_at IS NULL', '{r}.cancelled = 0'),
    day='{r}.starts_at', office='{st}.office_id', form='{sv}.form_id', recipient='{p}.person_id',
    kind='{sv}.kind_id', quantity='1')
VISITS = Source(
    tables={'vs': 'visit_services', 'h': 'home_visits', 'f': 'families', 'sv': 'services'},
    joins=('{h}.id = {vs}.visit_id', '{f}.id = {h}.family_id', '{sv}.id = {vs}.service_id'),
    live=('{h}.deleted_at IS NULL', '{f}.deleted_at IS NULL'),
    day='{h}.visit_date', office='{f}.office_id', form='{sv}.form_id',
    recipient='COALESCE({vs}.person_id, {h}.family_id)', kind='{sv}.kind_id', quantity='{vs}.quantity')

# The columns of each table a contribution depends on: an update of any of them moves the row's contribution.
WATCHED = {
    'session_participants': ('session_id', 'person_id', 'attended'),
    'rehab_sessions': ('starts_at', 'staff_id', 'service_id', 'cancelled', 'deleted_at'),
    'staff': ('office_id',),
    'services': ('kind_id', 'form_id'),
    'visit_services': ('visit_id', 'service_id', 'person_id', 'quantity'),
    'home_visits': ('visit_date', 'family_id', 'deleted_at'),
    'families': ('office_id', 'deleted_at'),
}


def _date_part(dialect: str, part: str, column: str) -> str:
    if dialect == 'sqlite':
        return f"CAST(strftime('{'%Y' if part == 'year' else '%m'}', {column}) AS INTEGER)"
    return f"EXTRACT({part.upper()} FROM {column})::integer"


def _dialect(dialect: str, condition: str) -> str:
    if dialect == 'sqlite':
        return condition
    return condition.replace(' = 1', ' IS TRUE').replace(' = 0', ' IS FALSE')


def contribution(dialect: str, source: Source, row_alias: str | None = None, row: str = '') -> str:
    """SELECT (year, office, form, recipient, kind, n01…n12, q01…q12) of `source`, grouped by the key; with
    `row_alias`, that table is the trigger's row `row` (NEW/OLD) instead of a table read."""
    names = {alias: (row if alias == row_alias else alias) for alias in source.tables}

    def expr(template: str) -> str:
        return template.format(**names)

    day = expr(source.day)
    month = _date_part(dialect, 'month', day)
    counts = [f"SUM(CASE WHEN {month} = {m} THEN 1 ELSE 0 END) AS {name}" for m, name in zip(MONTHS, COUNTS, strict=True)]
    quantities = [f"SUM(CASE WHEN {month} = {m} THEN {expr(source.quantity)} ELSE 0 END) AS {name}"
                  for m, name in zip(MONTHS, QUANTITIES, strict=True)]
    tables = ', '.join(f'{table} {alias}' for alias, table in source.tables.items() if alias != row_alias)
    where = ' AND '.join(expr(_dialect(dialect, condition)) for condition in (*source.joins, *source.live))
    return (f"SELECT {_date_part(dialect, 'year', day)} AS y, {expr(source.office)} AS o, {expr(source.form)} AS fm, "
            f"{expr(source.recipient)} AS rc, {expr(source.kind)} AS k, {', '.join(counts + quantities)} "
            f"FROM {tables} WHERE {where} GROUP BY 1, 2, 3, 4, 5")


def _apply(dialect: str, source: Source, row_alias: str, row: str, sign: int) -> list[str]:
    """Add (sign 1) or subtract (sign -1) the contribution of trigger row `row` of table `row_alias`."""
    named = contribution(dialect, source, row_alias, row)
    columns = (*KEY, *COUNTS, *QUANTITIES)
    values = ', '.join(['y', 'o', 'fm', 'rc', 'k'] + [f'{sign} * c.{name}' for name in (*COUNTS, *QUANTITIES)])
    updates = ', '.join(f'{name} = {TABLE}.{name} + excluded.{name}' for name in (*COUNTS, *QUANTITIES))
    statements = [f"INSERT INTO {TABLE} ({', '.join(columns)}) SELECT {values} FROM ({named}) c WHERE true "
                  f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {updates}"]
    if sign < 0:
        statements.append(
            f"DELETE FROM {TABLE} WHERE {' + '.join(COUNTS)} = 0 AND ({', '.join(KEY)}) IN "
            f"(SELECT y, o, fm, rc, k FROM ({named}) c)")
    return statements


def _sources_of(table: str) -> list[tuple[Source, str]]:
    return [(source, alias) for source in (PLACES, VISITS) for alias, name in source.tables.items() if name == table]


def _sqlite_triggers() -> list[str]:
    statements = []
    for table, watched in WATCHED.items():
        def body(row: str, sign: int, table: str = table) -> list[str]:
            return [s for source, alias in _sources_of(table) for s in _apply('sqlite', source, alias, row, sign)]

        def trigger(name: str, event: str, statements: list[str], when: str = '', table: str = table) -> str:
            return (f"CREATE TRIGGER trg_rsvc_{name} AFTER {event} ON {table} FOR EACH ROW {when}BEGIN "
                    + ' '.join(f'{statement};' for statement in statements) + ' END')

        changed = ' OR '.join(f'OLD.{column} IS NOT NEW.{column}' for column in watched)
        statements += [
            trigger(f'{table}_insert', 'INSERT', body('NEW', 1)),
            trigger(f'{table}_delete', 'DELETE', body('OLD', -1)),
            trigger(f'{table}_update', f"UPDATE OF {', '.join(watched)}", body('OLD', -1) + body('NEW', 1),
                    f'WHEN {changed} '),
        ]
    return statements


def _pg_statements() -> list[str]:
    statements = []
    for table, watched in WATCHED.items():
        def block(row: str, sign: int, table: str = table) -> str:
            return ' '.join(f'{s};' for source, alias in _sources_of(table)
                            for s in _apply('postgresql', source, alias, row, sign))

        changed = ' OR '.join(f'OLD.{column} IS DISTINCT FROM NEW.{column}' for column in watched)
        statements += [
            f"CREATE FUNCTION trg_rsvc_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {block('OLD', -1)} END IF; "
            f"IF TG_OP IN ('UPDATE', 'INSERT') THEN {block('NEW', 1)} END IF; "
            f"RETURN NULL; END $$",
            f"CREATE TRIGGER trg_rsvc_{table}_write AFTER INSERT OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION trg_rsvc_{table}()",
            f"CREATE TRIGGER trg_rsvc_{table}_update AFTER UPDATE OF {', '.join(watched)} ON {table} "
            f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION trg_rsvc_{table}()",
        ]
    return statements


def fill_statements(dialect: str) -> list[str]:
    """Empty the table and fill it from both sources (the migration's first fill)."""
    sums = ', '.join(f'SUM({name})' for name in (*COUNTS, *QUANTITIES))
    both = f"{contribution(dialect, PLACES)} UNION ALL {contribution(dialect, VISITS)}"
    return [f"DELETE FROM {TABLE}",
            f"INSERT INTO {TABLE} ({', '.join((*KEY, *COUNTS, *QUANTITIES))}) "
            f"SELECT y, o, fm, rc, k, {sums} FROM ({both}) c GROUP BY 1, 2, 3, 4, 5"]


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('office_id', sa.Uuid(), nullable=False),
        sa.Column('form_id', sa.Uuid(), nullable=False),
        sa.Column('recipient_id', sa.Uuid(), nullable=False),
        sa.Column('kind_id', sa.Uuid(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in (*COUNTS, *QUANTITIES)),
        sa.PrimaryKeyConstraint(*KEY, name=op.f('pk_report_service_years')),
        sqlite_with_rowid=False,  # a year's rows in key order: one sequential read, grouped as they come
    )
    dialect = op.get_bind().dialect.name
    for statement in fill_statements(dialect):
        op.execute(statement)
    for statement in (_sqlite_triggers() if dialect == 'sqlite' else _pg_statements()):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for table in WATCHED:
            for event in ('insert', 'delete', 'update'):
                op.execute(f'DROP TRIGGER IF EXISTS trg_rsvc_{table}_{event}')
    else:
        for table in WATCHED:
            for event in ('write', 'update'):
                op.execute(f'DROP TRIGGER IF EXISTS trg_rsvc_{table}_{event} ON {table}')
            op.execute(f'DROP FUNCTION IF EXISTS trg_rsvc_{table}()')
    op.drop_table(TABLE)
