"""Control relations of the quarterly report on random case histories (hypothesis).

Every table's totals must equal their breakdowns, whatever the histories: the movement of families
balances (start + taken on − removed = end), each removed family has exactly one reason, the districts
sum to the families at the end, the services' cells sum to their kinds and the kinds to the total,
sessions and events add up. The movement is also checked against a day-by-day oracle.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.reports.periods import parse_period
from app.reports.quarterly import CaseSpan, QuarterlyReport, compute_quarterly, support_movement
from db.models import (
    DictionaryItem,
    Event,
    Family,
    FamilyMember,
    HomeVisit,
    Person,
    RehabSession,
    Service,
    SessionParticipant,
    SupportCase,
    VisitService,
)

PERIOD = parse_period("2026-Q3")
BASE = PERIOD.start - timedelta(days=100)
DELETED_AT = datetime(2026, 1, 1, tzinfo=UTC)
DB_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                               HealthCheck.too_slow])


def _day(offset: int) -> date:
    return BASE + timedelta(days=offset)


# A case: opened some day within ~100 days around the quarter, open or closed 0..120 days later.
case_strategy = st.tuples(st.integers(0, 300), st.one_of(st.none(), st.integers(0, 120)))


def _spans(histories: list[list[tuple[int, int | None, int]]]) -> list[CaseSpan]:
    return [CaseSpan(family, _day(opened), None if length is None else _day(opened + length), reason)
            for family, cases in enumerate(histories) for opened, length, reason in cases]


def _covered(spans: list[CaseSpan], day: date) -> bool:
    return any(span.opened_on <= day and (span.closed_on is None or span.closed_on > day) for span in spans)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.tuples(st.integers(0, 300), st.one_of(st.none(), st.integers(0, 120)),
                                   st.integers(0, 3)), max_size=4), max_size=8))
def test_movement_balances_and_agrees_with_a_day_by_day_count(histories) -> None:
    start, end = PERIOD.start, PERIOD.end
    spans = _spans(histories)
    movement = support_movement(spans, start, end)
    assert len(movement.at_start) + len(movement.taken_on) - len(movement.removed) == len(movement.at_end)
    assert set(movement.reasons) == movement.removed  # one reason per removed family
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    for family in range(len(histories)):
        own = [span for span in spans if span.family_id == family]
        touching = [span for span in own if span.opened_on <= end and (span.closed_on is None
                                                                        or span.closed_on >= start)]
        at_start = _covered(own, start - timedelta(days=1))
        at_end = _covered(own, end)
        during = bool(touching)
        assert (family in movement.at_start) == at_start
        assert (family in movement.at_end) == at_end
        assert (family in movement.taken_on) == (during and not at_start)
        assert (family in movement.removed) == (during and not at_end)
        gap = at_start and at_end and not all(_covered(own, day) for day in days)
        assert (family in movement.returned) == gap
        if family in movement.removed:
            last = max(touching, key=lambda span: (span.closed_on, span.opened_on))
            assert movement.reasons[family] == last.reason_id


@dataclass(frozen=True)
class FamilyPlan:
    district: int  # 0 the world's district, 1 the other, 2 none
    deleted: bool
    cases: list[tuple[int, int | None, int, bool]]  # opened, length, reason index (0 = none), deleted
    sessions: list[tuple[int, int, int | None]]  # day, service index, attended (None unmarked, 1, 0)
    visits: list[tuple[int, int, int, bool]]  # day, service index, quantity, to the child


family_strategy = st.builds(
    FamilyPlan,
    district=st.integers(0, 2), deleted=st.sampled_from([False, False, False, True]),
    cases=st.lists(st.tuples(st.integers(0, 300), st.one_of(st.none(), st.integers(0, 120)), st.integers(0, 4),
                             st.booleans()), max_size=3),
    sessions=st.lists(st.tuples(st.integers(60, 200), st.integers(0, 5), st.sampled_from([None, 1, 0])),
                      max_size=3),
    visits=st.lists(st.tuples(st.integers(60, 200), st.integers(0, 5), st.integers(1, 3), st.booleans()),
                    max_size=2),
)


def _items(session, kind: str) -> list[uuid.UUID]:
    return list(session.execute(select(DictionaryItem.id).where(DictionaryItem.kind == kind)
                                .order_by(DictionaryItem.code)).scalars())


def _insert(session, world, plans: list[FamilyPlan], events: list[tuple[int, int, tuple[int, ...]]]) -> None:
    reasons = [None, *_items(session, "case_closing_reason")]
    kind = _items(session, "case_kind")[0]
    role = _items(session, "member_role")[0]
    mode = _items(session, "delivery_mode")[0]
    services = list(session.execute(select(Service.id).order_by(Service.code)).scalars())
    event_types, formats = _items(session, "event_type"), _items(session, "event_format")
    districts = [world.district_id, world.other_district_id, None]
    for number, plan in enumerate(plans):
        family = Family(office_id=world.office_id, registered_on=BASE, district_id=districts[plan.district],
                        title=f"Семья {number}")
        child = Person(last_name="Иванова", first_name="Анна", last_name_key="иванова", first_name_key="анна",
                       sex="F", birth_date=date(2018, 1, 1))
        session.add_all([family, child])
        session.flush()
        session.add(FamilyMember(family_id=family.id, person_id=child.id, role_id=role))
        for opened, length, reason, deleted in plan.cases:
            closed = None if length is None else _day(opened + length)
            session.add(SupportCase(family_id=family.id, kind_id=kind, opened_on=_day(opened), closed_on=closed,
                                    closing_reason_id=reasons[reason] if closed else None,
                                    deleted_at=DELETED_AT if deleted else None))
        for day, service, attended in plan.sessions:
            rehab = RehabSession(starts_at=datetime.combine(_day(day), time(10)), staff_id=world.psychologist_id,
                                 service_id=services[service * 7 % len(services)], delivery_mode_id=mode)
            session.add(rehab)
            session.flush()
            session.add(SessionParticipant(session_id=rehab.id, person_id=child.id,
                                           attended=None if attended is None else bool(attended)))
        for day, service, quantity, to_child in plan.visits:
            visit = HomeVisit(family_id=family.id, visit_date=_day(day))
            session.add(visit)
            session.flush()
            session.add(VisitService(visit_id=visit.id, service_id=services[service * 11 % len(services)],
                                     person_id=child.id if to_child else None, quantity=quantity))
        if plan.deleted:
            family.deleted_at = DELETED_AT
    for day, type_index, counts in events:
        specialists, parents, children, others = counts
        session.add(Event(office_id=world.office_id, type_id=event_types[type_index % len(event_types)],
                          title="Мероприятие", starts_on=_day(day), ends_on=_day(day),
                          format_id=formats[0], specialists_count=specialists, parents_count=parents,
                          children_count=children, others_count=others,
                          in_person_count=specialists + parents, online_count=children + others))
    session.flush()


def assert_control_relations(report: QuarterlyReport) -> None:
    """Every control relation of every table of the quarterly report."""
    support = report.support
    assert support.at_start + support.taken_on - support.removed == support.at_end
    assert sum(row.count for row in support.removed_by_reason) == support.removed
    assert sum(row.count for row in support.by_district) == support.at_end
    assert all(row.count <= support.at_end for row in support.by_category)
    assert 0 <= support.returned <= min(support.at_start, support.at_end)

    children = report.children
    assert 0 <= children.disabled <= children.served and 0 <= children.ovz <= children.served

    services = report.services
    for kind in services.kinds:
        assert sum(cell.services for cell in kind.forms) == kind.services
        assert max([cell.recipients for cell in kind.forms], default=0) <= kind.recipients
        assert kind.recipients <= sum(cell.recipients for cell in kind.forms)
    assert sum(kind.services for kind in services.kinds) == services.services
    assert sum(cell.services for cell in services.by_form) == services.services
    for index, cell in enumerate(services.by_form):
        assert sum(kind.forms[index].services for kind in services.kinds) == cell.services
        assert cell.recipients <= services.recipients
    assert max([kind.recipients for kind in services.kinds], default=0) <= services.recipients
    assert services.recipients <= sum(kind.recipients for kind in services.kinds)

    visits = report.visits
    assert visits.visits_on_trips <= visits.home_visits and visits.remote_settlements <= visits.settlements

    sessions = report.sessions
    for name in ("sessions", "planned", "attended", "absent"):
        assert sum(getattr(row, name) for row in sessions.rows) == getattr(sessions.total, name)
    for row in (*sessions.rows, sessions.total):
        assert row.attended + row.absent <= row.planned

    events = report.events
    for name in ("events", "participants", "in_person", "online", "specialists", "parents", "children", "others"):
        assert sum(getattr(row, name) for row in events.rows) == getattr(events.total, name)
    for row in (*events.rows, events.total):
        assert row.participants == row.specialists + row.parents + row.children + row.others

    if report.plan is not None:
        for plan_row in report.plan.rows:
            assert plan_row.done >= 0 and plan_row.planned >= 0


@DB_SETTINGS
@given(st.lists(family_strategy, max_size=6),
       st.lists(st.tuples(st.integers(60, 200), st.integers(0, 20), st.tuples(*[st.integers(0, 30)] * 4)),
                max_size=3))
def test_every_control_relation_holds_on_random_histories(database, world, plans, events) -> None:
    with database.read() as session:  # rolled back at the end of each example
        _insert(session, world, plans, events)
        report = compute_quarterly(session, PERIOD)
        assert_control_relations(report)
        for district in (world.district_id, world.other_district_id):
            assert_control_relations(compute_quarterly(session, PERIOD, district_ids=[district]))
        live = [plan for plan in plans if not plan.deleted]
        assert report.support.at_end <= len(live)
