"""#16 region report: summaries for the children's section and the year to date

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 10:50:00

Placeholder reserved for this session's work; it changes nothing until filled in (and is removed if unused).
"""

from __future__ import annotations

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
