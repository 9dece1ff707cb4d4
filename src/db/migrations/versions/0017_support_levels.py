"""#17 levels of support and outcome codes of a closed case

Two dictionaries (`support_level`, `case_outcome`: their entries are seeded like every dictionary's, by
`app.reference.seeding`) and the case's two references to them.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

COLUMNS = (('support_level_id', 'fk_support_cases_support_level_id_dictionary_items'),
           ('outcome_id', 'fk_support_cases_outcome_id_dictionary_items'))


def upgrade() -> None:
    # On SQLite the foreign key rides on the added column (ALTER TABLE … ADD COLUMN … REFERENCES): batch mode
    # would rebuild the table for columns that start empty.
    if op.get_bind().dialect.name == 'sqlite':
        for column, _name in COLUMNS:
            op.execute(f'ALTER TABLE support_cases ADD COLUMN {column} CHAR(32) REFERENCES dictionary_items (id)')
        return
    with op.batch_alter_table('support_cases', schema=None) as batch_op:
        for column, name in COLUMNS:
            batch_op.add_column(sa.Column(column, sa.Uuid(), nullable=True))
            batch_op.create_foreign_key(batch_op.f(name), 'dictionary_items', [column], ['id'])


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    with op.batch_alter_table('support_cases', schema=None) as batch_op:
        for column, name in COLUMNS:
            if not sqlite:  # SQLite's key has no name (added with the column); the rebuild drops it with the column
                batch_op.drop_constraint(batch_op.f(name), type_='foreignkey')
            batch_op.drop_column(column)
