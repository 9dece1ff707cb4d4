"""#12 bulk writes: derived-table triggers paused and the summaries filled once

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 10:50:00

`paused_triggers` (db.models.derived_pause) records each derived-table trigger a bulk import dropped, with the SQL
that creates it again (app.core.derived_pause). Empty unless a bulk write is under way or was killed half-way.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.base

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'paused_triggers',
        sa.Column('trigger_name', sa.String(length=100), nullable=False),
        sa.Column('table_name', sa.String(length=100), nullable=False),
        sa.Column('prefix', sa.String(length=50), nullable=False),
        sa.Column('create_sql', sa.Text(), nullable=False),
        sa.Column('paused_at', db.base.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('trigger_name', name=op.f('pk_paused_triggers')),
    )


def downgrade() -> None:
    # Triggers still paused (a killed import nobody restarted the app after) are created again rather than lost
    # with their records; the derived tables may then lag, which their `check --repair` commands put right.
    for (sql,) in op.get_bind().execute(sa.text("SELECT create_sql FROM paused_triggers")).all():
        op.execute(sql)
    op.drop_table('paused_triggers')
