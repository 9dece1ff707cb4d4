"""#16 the region's report: the services' yearly summary keyed by recipient first; its delete step by the key

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03 14:01:00

`report_service_years` (migration 0020) was keyed (year, office, form, recipient, kind). Its key becomes (year,
recipient, office, kind, form): a year's rows then come grouped by recipient, so the region's report counts every
distinct-recipient grouping of a quarter and of the year to date in one ordered pass (each recipient's kinds and
forms folded into one value, app.reports.recipient_counts), and the children's section asks «was this person served
in the period» with a seek on (year, recipient) instead of collecting the period's attended persons.

The triggers `trg_rsvc_*` stay 0020's on PostgreSQL (an upsert's conflict target and a row IN are matched by column
set there). On SQLite they are created again with one change: the step that deletes a row whose counts fell to zero
named the key as a row value IN a subquery, which SQLite 3.40 answers by reading every row of the year (the index
is used for the year alone: 200 places unmarked took 11 s of CPU on 20,000 families). The year and the recipient
are now each tested IN the contribution's values, which SQLite seeks on the key's first two columns: a recipient's
few rows of the year, of which those whose counts are zero are the ones this write emptied (no row with zero counts
is ever kept), so nothing else goes (the same 200 places: 1.3 s, most of it the other summaries' triggers).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None

TABLE = 'report_service_years'
OLD_KEY = ('year', 'office_id', 'form_id', 'recipient_id', 'kind_id')
NEW_KEY = ('year', 'recipient_id', 'office_id', 'kind_id', 'form_id')
# The contribution's column of each key column (0020's `contribution` names them y, o, fm, rc, k).
ALIASES = {'year': 'y', 'office_id': 'o', 'form_id': 'fm', 'recipient_id': 'rc', 'kind_id': 'k'}
# The zero-count delete seeks a recipient's rows of the year (a handful): any of them whose counts are zero is one
# this write emptied, since no such row is ever kept.
SEEK = NEW_KEY[:2]


def _summaries() -> ModuleType:
    """Migration 0020 (its sources, contributions and triggers), loaded from its file: a frozen migration."""
    path = Path(__file__).with_name('0020_region_summaries.py')
    spec = importlib.util.spec_from_file_location('migration_0020_for_0022', path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _apply_by_columns(m: ModuleType, source: object, row_alias: str, row: str, sign: int) -> list[str]:
    """0020's `_apply` with the zero-count delete naming each key column IN the contribution (see above)."""
    statements = m._apply('sqlite', source, row_alias, row, sign)
    if sign < 0:
        named = m.contribution('sqlite', source, row_alias, row)
        tested = ' AND '.join(f'{column} IN (SELECT {ALIASES[column]} FROM ({named}) c)' for column in SEEK)
        statements[1] = f"DELETE FROM {TABLE} WHERE {' + '.join(m.COUNTS)} = 0 AND {tested}"
    return statements


def _sqlite_triggers(m: ModuleType, by_columns: bool) -> list[str]:
    apply = (lambda *args: _apply_by_columns(m, *args)) if by_columns else (lambda *args: m._apply('sqlite', *args))
    statements = []
    for table, watched in m.WATCHED.items():
        def body(row: str, sign: int, table: str = table) -> list[str]:
            return [s for source, alias in m._sources_of(table) for s in apply(source, alias, row, sign)]

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


def _drop_sqlite_triggers(m: ModuleType) -> None:
    for table in m.WATCHED:
        for event in ('insert', 'delete', 'update'):
            op.execute(f'DROP TRIGGER IF EXISTS trg_rsvc_{table}_{event}')


def _rekey_sqlite(m: ModuleType, key: tuple[str, ...]) -> None:
    """The table again with `key` (WITHOUT ROWID: the rows stored in key order), its rows copied in that order."""
    columns = (*key, *m.COUNTS, *m.QUANTITIES)
    staging = f'{TABLE}_rekeyed'
    op.create_table(
        staging,
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        *(sa.Column(name, sa.Uuid(), nullable=False) for name in key[1:]),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in (*m.COUNTS, *m.QUANTITIES)),
        sa.PrimaryKeyConstraint(*key, name='pk_report_service_years'),
        sqlite_with_rowid=False,
    )
    names = ', '.join(columns)
    op.execute(f"INSERT INTO {staging} ({names}) SELECT {names} FROM {TABLE} ORDER BY {', '.join(key)}")
    op.drop_table(TABLE)
    op.rename_table(staging, TABLE)


def _rekey_postgresql(key: tuple[str, ...]) -> None:
    op.execute(f'ALTER TABLE {TABLE} DROP CONSTRAINT pk_report_service_years')
    op.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT pk_report_service_years PRIMARY KEY ({', '.join(key)})")


def upgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        _rekey_postgresql(NEW_KEY)
        return
    m = _summaries()
    _drop_sqlite_triggers(m)  # before the table goes: no trigger body names a table while it is renamed
    _rekey_sqlite(m, NEW_KEY)
    for statement in _sqlite_triggers(m, by_columns=True):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        _rekey_postgresql(OLD_KEY)
        return
    m = _summaries()
    _drop_sqlite_triggers(m)
    _rekey_sqlite(m, OLD_KEY)
    for statement in _sqlite_triggers(m, by_columns=False):
        op.execute(statement)
