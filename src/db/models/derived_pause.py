"""Triggers of derived tables paused for a bulk write (app.core.derived_pause), one row per dropped trigger.

A bulk import drops the per-row triggers that keep the derived tables (contact days, the report's summary, consent
states), writes, then rebuilds those tables once and creates the triggers again from `create_sql`. The row is
written in the same transaction that drops the trigger and deleted in the one that recreates it, so a process
killed in between leaves it here, and the next start or import finishes the job. Never exchanged
(app.exchange.tables.LOCAL_ONLY): it describes this database's own schema.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class PausedTrigger(Base):
    """A trigger dropped for a bulk write, with the SQL that creates it again."""

    __tablename__ = "paused_triggers"

    trigger_name: Mapped[str] = mapped_column(String(100), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(50))  # the registered prefix whose table rebuild restores it
    create_sql: Mapped[str] = mapped_column(Text)
    paused_at: Mapped[datetime]
