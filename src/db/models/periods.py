"""Submitted report periods (#17 period lock): a quarter's report marked as submitted for some offices, with the
figures as submitted, and its reopening by an administrator with a reason.

A submission with `reopened_at` None locks its quarter in its offices (`period_submission_offices`); reopening
keeps the row (history) and a new submission makes a new row. The rules of what the lock covers are in
`app.core.period_guard`.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class PeriodSubmission(Base):
    """One quarter's report as submitted: who, when, the figures (JSON of the quarterly report) and, once reopened,
    who reopened it, when and why."""

    __tablename__ = "period_submissions"
    __table_args__ = (Index("ix_period_submissions_span", "starts_on", "ends_on"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    year: Mapped[int]
    quarter: Mapped[int]
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    figures: Mapped[str] = mapped_column(Text)
    submitted_at: Mapped[datetime]
    submitted_by: Mapped[uuid.UUID | None]
    submitted_login: Mapped[str] = mapped_column(String(100))
    reopened_at: Mapped[datetime | None]
    reopened_by: Mapped[uuid.UUID | None]
    reopened_login: Mapped[str | None] = mapped_column(String(100))
    reopen_reason: Mapped[str | None] = mapped_column(Text)


class PeriodSubmissionOffice(Base):
    """An office whose records the submission covers."""

    __tablename__ = "period_submission_offices"

    submission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("period_submissions.id"), primary_key=True)
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("offices.id"), primary_key=True, index=True)
