"""Demo assessments (#17): each support case assessed at intake, at reviews about every six months and at closing,
with the family-situation instrument and, for a rehabilitation course or an early-help programme, the child's
functioning (the ИПРА life activities, or the development areas for a child under three).

Trajectories follow the case's outcome — a case closed because its goals were reached mostly improves (and always
has its closing assessment, as the closing rule asks), a refusal or a lost contact mostly stalls or worsens — so
the effectiveness report and the card's charts show the spread a centre sees. Drawn from their own random stream
and id stream, so the rest of the demo data is the same with or without them. Bulk rows like the rest of the demo.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.effectiveness.assessments import CLOSING, GOALS_ACHIEVED, INTAKE, REVIEW
from app.effectiveness.instruments import CriterionRow, list_instruments
from db.models.effectiveness import Assessment, AssessmentValue
from demo.population import NO_END, DemoFamily, DemoStaff
from demo.writer import Writer, id_stream

FAMILY_INSTRUMENT = "family_situation"
CHILD_INSTRUMENT = "child_functioning"
IPRA_CRITERIA = 7  # the first seven criteria of the child's instrument; the rest are the development areas
REVIEW_DAYS = 180
# Mean improvement in steps per assessment, by closing reason (open cases: a slow improvement).
TRENDS = {GOALS_ACHIEVED: 0.7, "family_refusal": -0.25, "lost_contact": -0.3, "family_moved": 0.1, "other": 0.0}
OPEN_TREND = 0.25


def write_demo_assessments(session: Session, writer: Writer, families: list[DemoFamily], outcomes: dict[str, str],
                           specialist: Callable[[DemoFamily], DemoStaff], seed: int, today: int, stamp: str) -> int:
    """Write the assessments of every family's cases; returns the number of assessments."""
    instruments = {row.code: row for row in list_instruments(session, active_only=True)}
    family_instrument = instruments.get(FAMILY_INSTRUMENT)
    child_instrument = instruments.get(CHILD_INSTRUMENT)
    if family_instrument is None:
        return 0
    rng = random.Random(f"opora-demo-assessments-{seed}")
    new_id = id_stream(seed + 17_000_017, date.fromordinal(today)).__next__
    heads: list[tuple[Any, ...]] = []
    values: list[tuple[Any, ...]] = []
    for family in families:
        staff = (family.responsible or specialist(family)).id
        for case_id, kind, opened, closed, child in family.cases:
            reason = outcomes.get(case_id)
            if reason != GOALS_ACHIEVED and rng.random() < 0.2:
                continue  # not every case was assessed
            end = closed if closed != NO_END else today - 1
            days = [min(opened + rng.randint(0, 14), end)]
            while days[-1] + REVIEW_DAYS < end - 30 and rng.random() < 0.7:
                days.append(days[-1] + REVIEW_DAYS + rng.randint(-20, 20))
            closing = closed != NO_END and (reason == GOALS_ACHIEVED or rng.random() < 0.6)
            if closing:
                days.append(max(days[-1], closed - rng.randint(0, 7)))
            kinds = [INTAKE] + [REVIEW] * (len(days) - 1 - closing) + ([CLOSING] if closing else [])
            trend = TRENDS.get(reason or "", 0.0) if closed != NO_END else OPEN_TREND
            subjects: list[tuple[Any, str | None, list[CriterionRow]]] = [
                (family_instrument, None, family_instrument.criteria())]
            if child_instrument is not None and child is not None and kind in ("rehab_course", "iprp"):
                criteria = child_instrument.criteria()
                subjects.append((child_instrument, child,
                                 criteria[IPRA_CRITERIA:] if kind == "iprp" else criteria[:IPRA_CRITERIA]))
            for instrument, person, criteria in subjects:
                levels = {c.id: _start(rng, c) for c in criteria}
                for number, (day, what) in enumerate(zip(days, kinds, strict=True)):
                    if number:
                        levels = {c.id: _step(rng, c, levels[c.id], trend) for c in criteria}
                    assessment_id = new_id()
                    heads.append((assessment_id, instrument.id.hex, family.id, person, case_id, what,
                                  date.fromordinal(day).isoformat(), staff, stamp, stamp))
                    values.extend((new_id(), assessment_id, criterion_id.hex, level)
                                  for criterion_id, level in levels.items())
    writer.insert(Assessment.__table__, ("id", "instrument_id", "family_id", "person_id", "case_id", "kind",
                                         "assessed_on", "staff_id", "created_at", "updated_at"), heads)
    writer.insert(AssessmentValue.__table__, ("id", "assessment_id", "criterion_id", "value"), values)
    return len(heads)


def _start(rng: random.Random, criterion: CriterionRow) -> int:
    """A starting level on the worse half of the scale, as families usually come."""
    low, high = criterion.scale_min, criterion.scale_max
    middle = (low + high) / 2
    worse = list(range(low, int(middle) + 1)) if criterion.higher_is_better else \
        list(range(int(middle + 0.5), high + 1))
    return rng.choice(worse)


def _step(rng: random.Random, criterion: CriterionRow, level: int, trend: float) -> int:
    change = round(trend + rng.gauss(0, 0.6))
    moved = level + change if criterion.higher_is_better else level - change
    return max(criterion.scale_min, min(criterion.scale_max, moved))
