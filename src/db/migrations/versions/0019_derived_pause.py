"""#12 bulk writes: derived-table triggers paused and the summaries filled once

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 10:50:00

Placeholder reserved for this session's work; it changes nothing until filled in (and is removed if unused).
"""

from __future__ import annotations

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
