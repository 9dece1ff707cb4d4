"""#17 deadlines: each family's contact days, and the visits' due index

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03 14:00:00

Placeholder reserved for this session's work; it changes nothing until filled in (and is removed if unused).
"""

from __future__ import annotations

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
