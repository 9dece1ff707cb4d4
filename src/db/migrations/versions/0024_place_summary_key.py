"""The report summary's place triggers delete an emptied row by its whole key

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-04 17:40:00

0015's triggers on `session_participants` removed a row of `report_place_months` that fell to zero with
`(month, staff_id, service_id, delivery_mode_id) IN (SELECT … FROM rehab_sessions …)`: SQLite used only the month of
the primary key for that and walked the month's rows (40,000 on 20,000 families) for every participant written, so
marking the attendance of 20 children took 120 ms instead of 10. Each key column is now compared with its own
scalar subquery, which SQLite and PostgreSQL both answer with one probe of the primary key. Nothing else changes:
a missing session gives NULL and deletes nothing, as the empty IN did.
"""

from __future__ import annotations

from alembic import op

revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None

PLACE_KEY = ('month', 'staff_id', 'service_id', 'delivery_mode_id', 'person_id')
PLACE_COLUMNS = 'session_id, person_id, attended'
TARGET = 'report_place_months'


def _month(dialect: str, column: str) -> str:
    if dialect == 'sqlite':
        return f"CAST(strftime('%Y%m', {column}) AS INTEGER)"
    return f"(EXTRACT(YEAR FROM {column})::integer * 100 + EXTRACT(MONTH FROM {column})::integer)"


def _live(dialect: str, row: str) -> str:
    cancelled = f'{row}.cancelled = 0' if dialect == 'sqlite' else f'NOT {row}.cancelled'
    return f'({row}.deleted_at IS NULL AND {cancelled})'


def _add_place(dialect: str, row: str, sign: int, whole_key: bool = True) -> list[str]:
    """Add or remove participant `row` (NEW/OLD) under the key of its session, when that session is live
    (0015's statements; with `whole_key` False its original DELETE, for the downgrade)."""
    month = _month(dialect, 'r.starts_at')
    live = _live(dialect, 'r')
    statements = [
        f"INSERT INTO {TARGET} (month, staff_id, service_id, delivery_mode_id, person_id, places, attended, absent) "
        f"SELECT {month}, r.staff_id, r.service_id, r.delivery_mode_id, {row}.person_id, {sign}, "
        f"{sign} * (CASE WHEN {row}.attended THEN 1 ELSE 0 END), "
        f"{sign} * (CASE WHEN NOT {row}.attended THEN 1 ELSE 0 END) "
        f"FROM rehab_sessions r WHERE r.id = {row}.session_id AND {live} "
        f"ON CONFLICT ({', '.join(PLACE_KEY)}) DO UPDATE SET places = {TARGET}.places + excluded.places, "
        f"attended = {TARGET}.attended + excluded.attended, absent = {TARGET}.absent + excluded.absent",
    ]
    if sign > 0:
        return statements
    if whole_key:
        of_session = f"FROM rehab_sessions r WHERE r.id = {row}.session_id"
        key = " AND ".join(f"{column} = (SELECT {value} {of_session})" for column, value in (
            ('month', month), ('staff_id', 'r.staff_id'), ('service_id', 'r.service_id'),
            ('delivery_mode_id', 'r.delivery_mode_id')))
        statements.append(f"DELETE FROM {TARGET} WHERE places = 0 AND person_id = {row}.person_id AND {key}")
    else:
        statements.append(
            f"DELETE FROM {TARGET} WHERE places = 0 AND person_id = {row}.person_id AND (month, staff_id, service_id, "
            f"delivery_mode_id) IN (SELECT {month}, r.staff_id, r.service_id, r.delivery_mode_id "
            f"FROM rehab_sessions r WHERE r.id = {row}.session_id)")
    return statements


def _sqlite(whole_key: bool) -> list[str]:
    def trigger(name: str, event: str, body: list[str]) -> str:
        return f"CREATE TRIGGER {name} AFTER {event} ON session_participants FOR EACH ROW BEGIN " \
               + " ".join(f"{statement};" for statement in body) + " END"

    return [
        'DROP TRIGGER IF EXISTS trg_rsum_place_delete',
        'DROP TRIGGER IF EXISTS trg_rsum_place_update',
        trigger('trg_rsum_place_delete', 'DELETE', _add_place('sqlite', 'OLD', -1, whole_key)),
        trigger('trg_rsum_place_update', f'UPDATE OF {PLACE_COLUMNS}',
                _add_place('sqlite', 'OLD', -1, whole_key) + _add_place('sqlite', 'NEW', 1)),
    ]


def _postgresql(whole_key: bool) -> list[str]:
    def block(statements: list[str]) -> str:
        return " ".join(f"{statement};" for statement in statements)

    old = _add_place('postgresql', 'OLD', -1, whole_key)
    new = _add_place('postgresql', 'NEW', 1)
    return [f"CREATE OR REPLACE FUNCTION trg_rsum_place() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {block(old)} END IF; "
            f"IF TG_OP IN ('UPDATE', 'INSERT') THEN {block(new)} END IF; "
            f"RETURN NULL; END $$"]


def _run(whole_key: bool) -> None:
    """A database whose triggers a stopped bulk import left paused gets them back here; the import's next resume
    keeps them (`app.core.derived_pause.resume` keeps a trigger that exists) and rebuilds the table."""
    statements = _sqlite(whole_key) if op.get_bind().dialect.name == 'sqlite' else _postgresql(whole_key)
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    _run(whole_key=True)


def downgrade() -> None:
    _run(whole_key=False)
