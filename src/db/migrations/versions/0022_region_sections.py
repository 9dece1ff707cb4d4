"""#16 the region's report: what its sections read

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03 14:01:00

Placeholder reserved for this session's work; it changes nothing until filled in (and is removed if unused).
"""

from __future__ import annotations

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
