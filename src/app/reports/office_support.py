"""The support section of every office's quarterly report at once (`app.reports.office_lines`): the movement of
families on support, the families on support at the end by category and by district, and the sections from them.

The movement and the breakdowns are read apart (each may run on its own connection); `support_sections` puts them
together with the dictionaries' names. A family belongs to one office, so the region's families are the offices'
together: its movement is their union and its breakdowns their sums.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, String, cast, distinct, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from app.reports.periods import Period
from app.reports.quarterly import (
    CaseSpan,
    Movement,
    SupportSection,
    _families_with_case,
    _live_case,
    _open_after,
    _support_section,
    support_movement,
)
from db.models import Family, FamilyCategory, SupportCase

REGION: None = None  # the key of the region's figures beside the offices' in the sections' dictionaries


def support_movements(session: Session, period: Period, offices: list[uuid.UUID],
                       families: list[ColumnElement[bool]]) -> dict[Any, Movement]:
    """Each office's movement of families on support (at the start, taken on, removed, at the end)."""
    start, end = period.start, period.end
    spans: dict[Any, list[CaseSpan]] = defaultdict(list)
    # The movement only tells families apart: their keys and offices are read as text (no UUID object built and
    # hashed per case, a third of this section's time on a region; psycopg makes one of a uuid column whatever the
    # SQL type says, so the database casts), the offices mapped back to their ids. Read through the connection: the
    # ORM's row handling is not needed for plain columns.
    office_of = {key: office for office in offices for key in (office.hex, str(office))}
    for stored_office, family_id, opened_on, closed_on, reason_id in session.connection().execute(
            select(cast(Family.office_id, String), cast(SupportCase.family_id, String),
                   SupportCase.opened_on, SupportCase.closed_on, SupportCase.closing_reason_id)
            .join(Family, Family.id == SupportCase.family_id)
            .where(_live_case(SupportCase.opened_on <= end,
                              or_(SupportCase.closed_on.is_(None), SupportCase.closed_on >= start)), *families)
            ).all():
        spans[office_of[stored_office]].append(CaseSpan(family_id, opened_on, closed_on, reason_id))
    return {office: support_movement(spans[office], start, end) for office in offices}


Breakdowns = tuple[dict[Any, dict[Any, int]], dict[Any, dict[Any, int]]]  # by category, by district; per office


def support_breakdowns(session: Session, period: Period, families: list[ColumnElement[bool]]) -> Breakdowns:
    """The families on support at the end by category and by district, per office."""
    end = period.end
    # The families on support at the end, found once for both breakdowns (by category, by district) on SQLite; on
    # PostgreSQL twice, as a subquery each (a CTE's row estimate turns its hash joins into a probe per family).
    at_end = _families_with_case(families, _open_after(end))
    end_ids = (at_end.cte("end_families").prefix_with("MATERIALIZED")
               if session.get_bind().dialect.name == "sqlite" else at_end.subquery())
    categories: dict[Any, dict[Any, int]] = defaultdict(dict)
    districts: dict[Any, dict[Any, int]] = defaultdict(dict)
    by_category = (select(literal(1).label("breakdown"), Family.office_id, FamilyCategory.category_id,
                          func.count(distinct(FamilyCategory.family_id)))
                   .join(Family, Family.id == FamilyCategory.family_id)
                   .where(FamilyCategory.family_id.in_(select(end_ids.c.family_id)), FamilyCategory.started_on <= end,
                          or_(FamilyCategory.ended_on.is_(None), FamilyCategory.ended_on >= end))
                   .group_by(Family.office_id, FamilyCategory.category_id))
    by_district = (select(literal(2), Family.office_id, Family.district_id, func.count())
                   .where(Family.id.in_(select(end_ids.c.family_id))).group_by(Family.office_id, Family.district_id))
    rows: Any = session.execute(union_all(by_category, by_district))  # two breakdowns' rows, typed apart
    for breakdown, office, item, count in rows:
        (categories if breakdown == 1 else districts)[office][item] = int(count)
    return categories, districts


def support_sections(session: Session, offices: list[uuid.UUID], movements: dict[Any, Movement],
                      breakdowns: Breakdowns, with_region: bool) -> dict[Any, SupportSection]:
    categories, districts = breakdowns
    result: dict[Any, SupportSection] = {
        office: _support_section(session, movements[office], categories.get(office, {}), districts.get(office, {}))
        for office in offices}
    if with_region:  # a family belongs to one office: the region's families are the offices' together
        result[REGION] = _support_section(session, joined(movements.values()),
                                          summed(categories.get(office, {}) for office in offices),
                                          summed(districts.get(office, {}) for office in offices))
    return result


def joined(movements: Iterable[Movement]) -> Movement:
    """The movement of the offices' families together: each family is in one office, so each line's families are
    the union of the offices' (what `support_movement` of all their cases gives, without grouping them again)."""
    items = list(movements)

    def union(name: str) -> frozenset[Any]:
        return frozenset().union(*(getattr(item, name) for item in items))

    reasons: dict[Any, Any] = {}
    for item in items:
        reasons.update(item.reasons)
    return Movement(union("at_start"), union("at_end"), union("taken_on"), union("removed"), union("returned"),
                    reasons)


def summed(counts: Iterable[dict[Any, int]]) -> dict[Any, int]:
    total: dict[Any, int] = defaultdict(int)
    for item in counts:
        for key, count in item.items():
            total[key] += count
    return dict(total)
