"""#16 office exchange: identity, partners and keys, the package ledger, the conflict queue, the decisions

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 16:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.base import UtcDateTime

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'exchange_identity',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('role', sa.String(length=10), nullable=False),
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('created_at', UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_identity')),
    )
    op.create_table(
        'exchange_partners',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('role', sa.String(length=10), nullable=False),
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('key', sa.LargeBinary(), nullable=False),
        sa.Column('registered_at', UtcDateTime(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_partners')),
        sa.UniqueConstraint('code', name=op.f('uq_exchange_partners_code')),
    )
    op.create_table(
        'exchange_packages',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('partner_id', sa.Uuid(), nullable=False),
        sa.Column('direction', sa.String(length=3), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('sequence', sa.Integer(), nullable=False),
        sa.Column('acknowledges', sa.Integer(), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('file_name', sa.String(length=300), nullable=False),
        sa.Column('schema_revision', sa.String(length=40), nullable=False),
        sa.Column('counts', sa.Text(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('size_bytes', sa.Integer(), nullable=False),
        sa.Column('changeset', sa.LargeBinary(), nullable=True),
        sa.Column('conflicts', sa.Integer(), nullable=False),
        sa.Column('message', sa.Text(), nullable=False),
        sa.Column('created_at', UtcDateTime(), nullable=False),
        sa.Column('by_login', sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_packages')),
    )
    with op.batch_alter_table('exchange_packages', schema=None) as batch_op:
        batch_op.create_index('ix_exchange_packages_partner', ['partner_id', 'direction', 'sequence'], unique=False)
    op.create_table(
        'exchange_conflicts',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('package_id', sa.Uuid(), nullable=True),
        sa.Column('partner_id', sa.Uuid(), nullable=True),
        sa.Column('table_name', sa.String(length=60), nullable=False),
        sa.Column('row_key', sa.String(length=200), nullable=False),
        sa.Column('column_name', sa.String(length=60), nullable=False),
        sa.Column('base_value', sa.Text(), nullable=True),
        sa.Column('local_value', sa.Text(), nullable=True),
        sa.Column('incoming_value', sa.Text(), nullable=True),
        sa.Column('local_changed_by', sa.Uuid(), nullable=True),
        sa.Column('local_changed_at', UtcDateTime(), nullable=True),
        sa.Column('incoming_changed_by', sa.Uuid(), nullable=True),
        sa.Column('incoming_changed_at', UtcDateTime(), nullable=True),
        sa.Column('detected_at', UtcDateTime(), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('resolution_id', sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_conflicts')),
    )
    with op.batch_alter_table('exchange_conflicts', schema=None) as batch_op:
        batch_op.create_index('ix_exchange_conflicts_field', ['table_name', 'row_key', 'column_name'], unique=False)
    op.create_table(
        'exchange_resolutions',
        sa.Column('table_name', sa.String(length=60), nullable=False),
        sa.Column('row_key', sa.String(length=200), nullable=False),
        sa.Column('column_name', sa.String(length=60), nullable=False),
        sa.Column('value', sa.Text(), nullable=True),
        sa.Column('candidates', sa.Text(), nullable=False),
        sa.Column('decided_by_name', sa.String(length=200), nullable=False),
        sa.Column('decided_at', UtcDateTime(), nullable=False),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', UtcDateTime(), nullable=False),
        sa.Column('updated_at', UtcDateTime(), nullable=False),
        sa.Column('created_by', sa.Uuid(), nullable=True),
        sa.Column('updated_by', sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_resolutions')),
    )


def downgrade() -> None:
    op.drop_table('exchange_resolutions')
    with op.batch_alter_table('exchange_conflicts', schema=None) as batch_op:
        batch_op.drop_index('ix_exchange_conflicts_field')
    op.drop_table('exchange_conflicts')
    with op.batch_alter_table('exchange_packages', schema=None) as batch_op:
        batch_op.drop_index('ix_exchange_packages_partner')
    op.drop_table('exchange_packages')
    op.drop_table('exchange_partners')
    op.drop_table('exchange_identity')
