"""#17 deadlines: each person's consent state kept by triggers

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 09:20:00

`consent_states` (db.models.consent_state) holds one row per person: the last day a live consent covers
(`covered_until`: 9999-12-31 for a consent without an end, 0001-01-01 for none) and whether a withdrawn consent is on
record. It is filled from the existing persons and consents, then kept by triggers `trg_consent_*` on `persons`
(a row made or dropped with the person) and `consents` (the row of the old and of the new person recomputed from
that person's consents, a handful of rows), so every writer keeps it in its own transaction. The members lacking a
live consent on a day are then a range of the `covered_until` index instead of a walk of every member.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

TABLE = 'consent_states'
NO_END = '9999-12-31'
NONE = '0001-01-01'
CONSENT_COLUMNS = 'person_id, valid_until, withdrawn_on, deleted_at'


def _state(person: str) -> str:
    """SELECT (person, covered until, withdrawn) of `person` (an expression) from its consents, if the person exists
    (a changeset may bring a consent before its person; the person's own trigger then computes the row)."""
    live = f"c.person_id = {person} AND c.deleted_at IS NULL AND c.withdrawn_on IS NULL"
    withdrawn = f"w.person_id = {person} AND w.deleted_at IS NULL AND w.withdrawn_on IS NOT NULL"
    return (f"SELECT p.id, COALESCE((SELECT max(COALESCE(c.valid_until, '{NO_END}')) FROM consents c WHERE {live}), "
            f"'{NONE}'), EXISTS (SELECT 1 FROM consents w WHERE {withdrawn}) FROM persons p WHERE p.id = {person}")


def _upsert(person: str) -> str:
    return (f"INSERT INTO {TABLE} (person_id, covered_until, withdrawn) {_state(person)} "
            f"ON CONFLICT (person_id) DO UPDATE SET covered_until = excluded.covered_until, "
            f"withdrawn = excluded.withdrawn")


def _sqlite_triggers() -> list[str]:
    def trigger(name: str, event: str, table: str, body: list[str]) -> str:
        return f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW BEGIN " \
               + " ".join(f"{statement};" for statement in body) + " END"

    return [
        trigger('trg_consent_person_insert', 'INSERT', 'persons', [_upsert('NEW.id')]),
        trigger('trg_consent_person_delete', 'DELETE', 'persons',
                [f"DELETE FROM {TABLE} WHERE person_id = OLD.id"]),
        trigger('trg_consent_insert', 'INSERT', 'consents', [_upsert('NEW.person_id')]),
        trigger('trg_consent_delete', 'DELETE', 'consents', [_upsert('OLD.person_id')]),
        trigger('trg_consent_update', f'UPDATE OF {CONSENT_COLUMNS}', 'consents',
                [_upsert('OLD.person_id'), _upsert('NEW.person_id')]),
    ]


SQLITE_TRIGGERS = ('trg_consent_person_insert', 'trg_consent_person_delete', 'trg_consent_insert',
                   'trg_consent_delete', 'trg_consent_update')


def _pg_statements() -> list[str]:
    return [
        "CREATE FUNCTION trg_consent_person() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP = 'DELETE' THEN DELETE FROM {TABLE} WHERE person_id = OLD.id; "
        f"ELSE {_upsert('NEW.id')}; END IF; RETURN NULL; END $$",
        "CREATE FUNCTION trg_consent() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {_upsert('OLD.person_id')}; END IF; "
        f"IF TG_OP IN ('UPDATE', 'INSERT') THEN {_upsert('NEW.person_id')}; END IF; "
        "RETURN NULL; END $$",
        "CREATE TRIGGER trg_consent_person_write AFTER INSERT OR DELETE ON persons "
        "FOR EACH ROW EXECUTE FUNCTION trg_consent_person()",
        "CREATE TRIGGER trg_consent_write AFTER INSERT OR DELETE ON consents "
        "FOR EACH ROW EXECUTE FUNCTION trg_consent()",
        f"CREATE TRIGGER trg_consent_update AFTER UPDATE OF {CONSENT_COLUMNS} ON consents "
        "FOR EACH ROW EXECUTE FUNCTION trg_consent()",
    ]


def fill_statements() -> list[str]:
    """Empty the table and fill it from every person and their consents (the first fill)."""
    return [
        f"DELETE FROM {TABLE}",
        f"INSERT INTO {TABLE} (person_id, covered_until, withdrawn) "
        f"SELECT p.id, COALESCE(max(CASE WHEN c.id IS NOT NULL AND c.withdrawn_on IS NULL "
        f"THEN COALESCE(c.valid_until, '{NO_END}') END), '{NONE}'), count(c.withdrawn_on) > 0 FROM persons p "
        f"LEFT JOIN consents c ON c.person_id = p.id AND c.deleted_at IS NULL GROUP BY p.id",
    ]


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    op.create_table(
        TABLE,
        sa.Column('person_id', sa.Uuid(), nullable=False),
        sa.Column('covered_until', sa.Date(), nullable=False),
        sa.Column('withdrawn', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('person_id', name=op.f('pk_consent_states')),
    )
    op.create_index('ix_consent_states_covered_until', TABLE, ['covered_until'])
    for statement in fill_statements():
        op.execute(statement)
    for statement in (_sqlite_triggers() if dialect == 'sqlite' else _pg_statements()):
        op.execute(statement)


def downgrade() -> None:
    if op.get_context().dialect.name == 'sqlite':
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for table, name in (('persons', 'trg_consent_person_write'), ('consents', 'trg_consent_write'),
                            ('consents', 'trg_consent_update')):
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS trg_consent_person()")
        op.execute("DROP FUNCTION IF EXISTS trg_consent()")
    op.drop_index('ix_consent_states_covered_until', table_name=TABLE)
    op.drop_table(TABLE)
