"""Assessments for tests: the default instruments' ids and a closing assessment that lets a case be closed with
«цели достигнуты» (#17)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from app.core.actor import system_actor
from app.effectiveness.assessments import CLOSING, AssessmentData, record_assessment
from app.effectiveness.instruments import list_instruments
from db.models import SupportCase
from db.models.effectiveness import AssessmentInstrument

FAMILY_INSTRUMENT = "family_situation"
CHILD_INSTRUMENT = "child_functioning"


def instrument_id(session, code: str = FAMILY_INSTRUMENT) -> uuid.UUID:
    return session.execute(select(AssessmentInstrument.id).where(AssessmentInstrument.code == code)).scalar_one()


def criteria(session, code: str = FAMILY_INSTRUMENT) -> list[uuid.UUID]:
    [instrument] = [row for row in list_instruments(session) if row.code == code]
    return [criterion.id for criterion in instrument.criteria()]


def add_closing_assessment(session, case_id: uuid.UUID, staff_id: uuid.UUID, on: date | None = None,
                           value: int = 3) -> uuid.UUID:
    """A family-situation closing assessment of the case (every area at `value`), written as the program."""
    case = session.get(SupportCase, case_id)
    values = dict.fromkeys(criteria(session), value)
    return record_assessment(session, system_actor("test"), AssessmentData(
        case.family_id, instrument_id(session), CLOSING, on or case.opened_on, staff_id, case_id=case_id,
        values=values)).id
