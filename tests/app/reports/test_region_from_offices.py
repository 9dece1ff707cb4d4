"""The consolidated report's region, built from the offices' grouped pass (`compute_region_and_offices`), equals the
region's report computed alone (`compute_quarterly` with no filter) on random histories of two offices: families of
both, a child belonging to families of both, a specialist of one office holding sessions with the other's children,
the госзадание table read from the year to date, and (read from the services' yearly summary kept by triggers) a
family moved to the other office and a service given another kind and form after its sessions were held."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select, update

from app.reports.office_lines import compute_region_and_offices
from app.reports.periods import parse_period
from app.reports.quarterly import compute_quarterly
from app.reports.state_assignment import RECIPIENTS, SERVICES, PlanLine, YearPlan, save_plan
from db.models import (
    DictionaryItem,
    Family,
    FamilyMember,
    Office,
    Person,
    RehabSession,
    Service,
    SessionParticipant,
    Staff,
)
from tests.app.reports.test_quarterly_properties import DB_SETTINGS, PERIOD, _day, _insert, family_strategy

PLAN_2026 = YearPlan(2026, (PlanLine(RECIPIENTS, "", 20, 10.0), PlanLine(SERVICES, "", 30, 5.0),
                            PlanLine(RECIPIENTS, "home", 5, 5.0), PlanLine(SERVICES, "semi_stationary", 9, 5.0)))
PERIODS = (PERIOD, parse_period("2026"), parse_period("2026-07-03..2026-09-30"))


def _second_office(session, world):
    """A second office with a specialist of its own, and the world as seen from it."""
    organization_id = session.execute(select(Office.organization_id)).scalars().first()
    office = Office(organization_id=organization_id, name="Второе отделение")
    session.add(office)
    session.flush()
    position = session.execute(select(DictionaryItem.id).where(
        DictionaryItem.kind == "position", DictionaryItem.code == "speech_therapist")).scalar_one()
    staff = Staff(last_name="Лебедева", first_name="Нина", position_id=position, office_id=office.id)
    session.add(staff)
    session.flush()
    return replace(world, office_id=office.id, psychologist_id=staff.id)


@DB_SETTINGS
@given(st.lists(family_strategy, max_size=4), st.lists(family_strategy, max_size=4),
       st.lists(st.tuples(st.integers(0, 7), st.integers(60, 200), st.sampled_from([None, 1, 0])), max_size=3),
       st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=2),
       st.lists(st.tuples(st.integers(60, 200), st.integers(0, 20), st.tuples(*[st.integers(0, 30)] * 4)),
                max_size=2),
       st.lists(st.integers(0, 7), max_size=2), st.integers(0, 7))
def test_region_from_the_offices_pass_equals_the_region_computed_alone(database, world, first, second, crossing,
                                                                       shared, events, moved, recast) -> None:
    with database.read() as session:  # rolled back at the end of each example
        other = _second_office(session, world)
        _insert(session, world, first, events)
        _insert(session, other, second, events[:1])
        children = list(session.execute(select(Person.id).order_by(Person.id)).scalars())
        families = list(session.execute(select(FamilyMember.family_id).order_by(FamilyMember.family_id)).scalars())
        mode = session.execute(select(RehabSession.delivery_mode_id)).scalars().first()
        service = session.execute(select(RehabSession.service_id)).scalars().first()
        if children and mode is not None:
            for index, day, attended in crossing:  # the second office's specialist, any office's child
                rehab = RehabSession(starts_at=datetime.combine(_day(day), time(15)), staff_id=other.psychologist_id,
                                     service_id=service, delivery_mode_id=mode)
                session.add(rehab)
                session.flush()
                session.add(SessionParticipant(session_id=rehab.id, person_id=children[index % len(children)],
                                               attended=None if attended is None else bool(attended)))
        if children and families:
            for child, family in shared:  # a child in families of both offices counts once in the region
                member = (families[family % len(families)], children[child % len(children)])
                if not session.execute(select(FamilyMember.id).where(
                        FamilyMember.family_id == member[0], FamilyMember.person_id == member[1])).first():
                    session.add(FamilyMember(family_id=member[0], person_id=member[1],
                                             role_id=session.execute(select(FamilyMember.role_id)).scalars().first()))
        for family in moved:  # moved to the other office: its visits' services follow it
            if families:
                session.execute(update(Family).where(Family.id == families[family % len(families)])
                                .values(office_id=other.office_id))
        if service is not None and recast:  # the catalogue edited: its sessions and visits count under the new cell
            kinds = session.execute(select(DictionaryItem.id).where(DictionaryItem.kind == "service_kind")
                                    .order_by(DictionaryItem.code)).scalars().all()
            forms = session.execute(select(DictionaryItem.id).where(DictionaryItem.kind == "service_form")
                                    .order_by(DictionaryItem.code)).scalars().all()
            session.execute(update(Service).where(Service.id == service).values(
                kind_id=kinds[recast % len(kinds)], form_id=forms[recast % len(forms)]))
        save_plan(session, world.coordinator, PLAN_2026, {"home", "semi_stationary", "stationary"})
        session.flush()
        offices = list(session.execute(select(Office.id)).scalars())
        for period in PERIODS:
            region, lines = compute_region_and_offices(session, period, offices)
            assert region.to_json_dict() == compute_quarterly(session, period).to_json_dict()
            for office in offices:
                assert lines[office].to_json_dict() == compute_quarterly(
                    session, period, office_ids=[office]).to_json_dict()
            assert region.plan is not None
