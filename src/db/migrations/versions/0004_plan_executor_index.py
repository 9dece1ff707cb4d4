"""plan items by executor: an index for finding the families a specialist is assigned to

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 23:59:00
"""

from __future__ import annotations

from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('plan_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_items_executor_staff_id'), ['executor_staff_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('plan_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_items_executor_staff_id'))
