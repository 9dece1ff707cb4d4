"""report indicators: the «комплекс мер» targets an administrator defines

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 22:52:45.715024
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.base

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('indicators',
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('unit', sa.String(length=60), nullable=False),
    sa.Column('value_at_start', sa.Double(), nullable=True),
    sa.Column('plan', sa.Double(), nullable=True),
    sa.Column('source', sa.String(length=80), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicators'))
    )


def downgrade() -> None:
    op.drop_table('indicators')
