"""#17 effectiveness: assessment instruments (areas → criteria with a scale) and the assessments made with them."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Entity, PersonalEntity


class AssessmentInstrument(Entity):
    """An instrument (e.g. «Оценка ситуации в семье»): data an administrator edits. `subject` is whom it
    assesses: "family" or "child"."""

    __tablename__ = "assessment_instruments"

    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    subject: Mapped[str] = mapped_column(String(10), default="family")
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class AssessmentArea(Entity):
    """An area of an instrument (a life area of the family, a life activity of the child)."""

    __tablename__ = "assessment_areas"

    instrument_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessment_instruments.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class AssessmentCriterion(Entity):
    """A criterion of an area: an ordered integer scale `scale_min`..`scale_max` with one label per step and its
    direction (`higher_is_better`)."""

    __tablename__ = "assessment_criteria"

    area_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessment_areas.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(default=0)
    scale_min: Mapped[int] = mapped_column(default=1)
    scale_max: Mapped[int] = mapped_column(default=4)
    labels: Mapped[list[Any]] = mapped_column(JSON, default=list)
    higher_is_better: Mapped[bool] = mapped_column(default=True)
    active: Mapped[bool] = mapped_column(default=True)


class Assessment(PersonalEntity):
    """One assessment of a family (`person_id` empty) or of a child, within a case, at intake, a review or
    closing; dated and signed by a specialist."""

    __tablename__ = "assessments"
    __table_args__ = (Index("ix_assessments_case", "case_id", "assessed_on"),)

    instrument_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessment_instruments.id"))
    family_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("families.id"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("persons.id"))
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("support_cases.id"))
    kind: Mapped[str] = mapped_column(String(10))
    assessed_on: Mapped[date]
    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"))
    notes: Mapped[str | None] = mapped_column(Text)


class AssessmentValue(Base):
    """The step given to one criterion in one assessment."""

    __tablename__ = "assessment_values"
    __table_args__ = (UniqueConstraint("assessment_id", "criterion_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessments.id"), index=True)
    criterion_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessment_criteria.id"))
    value: Mapped[int]
