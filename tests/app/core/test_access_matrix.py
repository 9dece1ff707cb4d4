"""Every service called as every role: who may see and change what (row scoping included).

One family of the main office with the psychologist responsible, its case, plan, visit, session
and trip; an event of the office. Six actors: the administrator, an administrator given the
coordinator working role, the coordinator of the office, a coordinator of another office, the
responsible specialist (psychologist) and a specialist with no link to the family (speech
therapist). Each call runs in its own transaction that is rolled back, so one dataset serves
every role. A list read counts as "allowed" when the family's record is in its answer.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.accounts.user_admin import list_users, reset_password
from app.accounts.users import NewUser, create_user
from app.cases.cases import close_case, list_cases, open_case, update_case
from app.cases.plan_items import PlanItemData, add_plan_item, mark_plan_item_done, update_plan_item
from app.core.access import require_family
from app.core.actor import ADMIN, COORDINATOR, SPECIALIST, Actor
from app.core.errors import PermissionDenied
from app.core.settings import AUTOLOCK_MINUTES, write_number
from app.events.events import EventData, create_event, list_events, load_event, update_event
from app.reference.catalogue import list_services
from app.reference.dictionaries import create_item
from app.registry.children import (
    ChildProfileData,
    DiagnosisData,
    add_diagnosis,
    list_diagnoses,
    load_child_profile,
    save_child_profile,
)
from app.registry.consents import ConsentData, add_consent, list_consents
from app.registry.families import (
    CategoryData,
    FamilyData,
    MemberData,
    NewFamily,
    add_category,
    delete_family,
    register_family,
    update_family,
)
from app.registry.family_card import load_family_card
from app.registry.family_list import FamilyFilter, search_families
from app.registry.identity_papers import DocumentData, add_document, list_documents
from app.registry.persons import PersonData, load_person, search_persons, update_person
from app.rehab.calendar import week_sessions
from app.rehab.card import load_session_data, rehab_card
from app.rehab.sessions import AttendanceMark, SessionData, cancel_session, create_session, mark_attendance
from app.system.audit_log import AuditFilter, check_chain, search_audit
from app.trips.reads import list_trips, load_trip
from app.trips.route_sheet import load_route_sheet
from app.trips.trips import PlannedFamily, TripData, plan_trip, update_trip
from app.visits.act import act_context
from app.visits.visits import GivenService, VisitData, create_visit, list_visits, load_visit, update_visit
from db.models import FamilyMember, Office, Person, PlanItem, SessionParticipant
from tests.app.case_setup import case_data

ROLES = ("admin", "admin_coordinator", "coordinator", "other_coordinator", "responsible", "unrelated")
FAMILY = {"admin_coordinator", "coordinator", "responsible"}  # who works with the family
OFFICE = {"admin_coordinator", "coordinator", "responsible", "unrelated"}  # everyone of the office
ADMINS = {"admin", "admin_coordinator"}
MONDAY = date.today() - timedelta(days=date.today().weekday() + 7)


@dataclass(frozen=True)
class Ids:
    family: uuid.UUID
    mother: uuid.UUID
    child: uuid.UUID
    case: uuid.UUID
    plan_item: uuid.UUID
    visit: uuid.UUID
    session: uuid.UUID
    participant: uuid.UUID
    trip: uuid.UUID
    event: uuid.UUID
    other_office: uuid.UUID
    world: object


def _actors(world, other_office: uuid.UUID) -> dict[str, Actor]:
    offices = frozenset({world.office_id})
    return {
        "admin": world.admin,
        "admin_coordinator": replace(world.admin, working_role=COORDINATOR),
        "coordinator": world.coordinator,
        "other_coordinator": Actor(uuid.uuid4(), "coord2", COORDINATOR, office_ids=frozenset({other_office})),
        "responsible": world.specialist,
        "unrelated": Actor(uuid.uuid4(), "spec2", SPECIALIST, staff_id=world.speech_therapist_id, office_ids=offices),
    }


def _session_data(world, session, person_ids: list[uuid.UUID], hour: int = 10) -> SessionData:
    return SessionData(
        starts_at=datetime.combine(MONDAY, datetime.min.time()).replace(hour=hour), duration_min=40,
        staff_id=world.psychologist_id, service_id=list_services(session)[0].id,
        delivery_mode_id=world.code(session, "delivery_mode", "centre"), person_ids=person_ids)


def _visit_data(world, session, family_id: uuid.UUID, child_id: uuid.UUID) -> VisitData:
    return VisitData(family_id=family_id, visit_date=MONDAY, staff_ids=[world.psychologist_id],
                     purpose="Патронаж", delivery_mode_id=world.code(session, "delivery_mode", "family_home"),
                     services=[GivenService(list_services(session)[0].id, child_id, 1)])


def _trip_data(world, family_id: uuid.UUID, **overrides) -> TripData:
    values = dict(office_id=world.office_id, trip_date=MONDAY + timedelta(days=30), vehicle="УАЗ",
                  staff_ids=[world.psychologist_id], settlement_ids=[world.near_settlement_id],
                  families=[PlannedFamily(family_id, "Патронаж")])
    values.update(overrides)
    return TripData(**values)


def _event_data(world, session, **overrides) -> EventData:
    values = dict(office_id=world.office_id, type_id=world.code(session, "event_type", "parent_club"),
                  title="Клуб для родителей", starts_on=MONDAY, ends_on=None, place="Зал",
                  format_id=world.code(session, "event_format", "in_person"), specialists_count=1,
                  parents_count=5, in_person_count=6)
    values.update(overrides)
    return EventData(**values)


@pytest.fixture
def ids(database, world) -> Ids:
    with database.write() as session:
        organization = session.execute(select(Office.organization_id)).scalar()
        other = Office(organization_id=organization, name="Второе отделение")
        session.add(other)
        session.flush()
        coordinator = world.coordinator
        members = [
            MemberData(world.code(session, "member_role", "mother"), True,
                       person=PersonData("Белова", "Ирина", "Сергеевна", "F", date(1990, 2, 3))),
            MemberData(world.code(session, "member_role", "child"), False,
                       person=PersonData("Белова", "Дарья", "Павловна", "F", date(2019, 5, 6))),
        ]
        family = FamilyData(office_id=world.office_id, registered_on=date(2024, 1, 10),
                            settlement_id=world.near_settlement_id, responsible_staff_id=world.psychologist_id)
        family_id = register_family(session, coordinator, NewFamily(family, members)).id
        people = dict(session.execute(select(Person.first_name, Person.id).join(
            FamilyMember, FamilyMember.person_id == Person.id).where(FamilyMember.family_id == family_id)).all())
        child = people["Дарья"]
        case_id = open_case(session, coordinator, case_data(session, world, _Family(family_id, child))).id
        consult = PlanItemData("Консультация", executor_staff_id=world.psychologist_id)
        item = add_plan_item(session, coordinator, case_id, consult).id
        visit = create_visit(session, coordinator, _visit_data(world, session, family_id, child)).id
        rehab = create_session(session, coordinator, _session_data(world, session, [child])).id
        participant = session.execute(select(SessionParticipant.id).where(
            SessionParticipant.session_id == rehab)).scalar_one()
        trip = plan_trip(session, coordinator, _trip_data(world, family_id)).id
        event = create_event(session, coordinator, _event_data(world, session)).id
    return Ids(family_id, people["Ирина"], child, case_id, item, visit, rehab, participant, trip, event,
               other.id, world)


@dataclass(frozen=True)
class _Family:
    """What `case_data` needs of a family."""

    id: uuid.UUID
    child_id: uuid.UUID


def _family_in(rows: list, ids: Ids) -> bool:
    return any(row.id == ids.family for row in rows)


def _mother(ids: Ids) -> PersonData:
    return PersonData("Белова", "Ирина", "Сергеевна", "F", date(1990, 2, 3), phone="+7 (914) 000-00-01")


Call = Callable[[object, Actor, Ids], object]

# service → (call, roles allowed). Anything but PermissionDenied or a hidden row is a test failure.
MATRIX: dict[str, tuple[Call, set[str]]] = {
    # the family card and its parts
    "family_card": (lambda s, a, i: load_family_card(s, a, i.family), FAMILY),
    "family_list": (lambda s, a, i: _family_in(search_families(s, FamilyFilter(), actor=a).rows, i), FAMILY),
    "update_family": (lambda s, a, i: update_family(s, a, i.family, FamilyData(
        i.world.office_id, date(2024, 1, 10), responsible_staff_id=i.world.psychologist_id, phone="+7 914 1234567")),
        FAMILY),
    "add_category": (lambda s, a, i: add_category(s, a, i.family, CategoryData(
        i.world.code(s, "family_category", "large"), date(2025, 1, 1))), FAMILY),
    "delete_family": (lambda s, a, i: delete_family(s, a, i.family), FAMILY),
    "load_person": (lambda s, a, i: load_person(s, a, i.mother), FAMILY),
    "update_person": (lambda s, a, i: update_person(s, a, i.mother, _mother(i)), FAMILY),
    "search_persons": (lambda s, a, i: any(r.id == i.mother for r in search_persons(s, a, "Белова Ирина")), FAMILY),
    "list_documents": (lambda s, a, i: list_documents(s, a, i.mother), FAMILY),
    "add_document": (lambda s, a, i: add_document(s, a, i.mother, DocumentData(
        i.world.code(s, "document_kind", "passport"), "123456", "4510")), FAMILY),
    "list_consents": (lambda s, a, i: list_consents(s, a, i.mother), FAMILY),
    "add_consent": (lambda s, a, i: add_consent(s, a, i.mother, ConsentData(date(2025, 1, 1),
                                                                          signer_name="Белова И.С.")), FAMILY),
    # health data
    "child_profile": (lambda s, a, i: load_child_profile(s, a, i.child), FAMILY),
    "save_child_profile": (lambda s, a, i: save_child_profile(s, a, i.child, ChildProfileData(health_group=2)),
                           FAMILY),
    "list_diagnoses": (lambda s, a, i: list_diagnoses(s, a, i.child), FAMILY),
    "add_diagnosis": (lambda s, a, i: add_diagnosis(s, a, i.child, DiagnosisData("F80.1", "Речь")), FAMILY),
    # cases and plans
    "list_cases": (lambda s, a, i: list_cases(s, a, i.family), FAMILY),
    "open_case": (lambda s, a, i: open_case(s, a, case_data(s, i.world, _Family(i.family, i.child),
                                                            opened_on=date(2025, 2, 1))), FAMILY),
    "update_case": (lambda s, a, i: update_case(s, a, i.case, case_data(s, i.world, _Family(i.family, i.child),
                                                                        number="7")), FAMILY),
    "close_case": (lambda s, a, i: close_case(s, a, i.case, date.today(), i.world.code(
        s, "case_closing_reason", "family_moved")), FAMILY),
    "add_plan_item": (lambda s, a, i: add_plan_item(s, a, i.case, PlanItemData(
        "Ещё одна мера", executor_staff_id=i.world.psychologist_id)), FAMILY),
    "mark_plan_item_done": (lambda s, a, i: mark_plan_item_done(s, a, i.plan_item, date.today()), FAMILY),
    # home visits
    "create_visit": (lambda s, a, i: create_visit(s, a, _visit_data(i.world, s, i.family, i.child)), FAMILY),
    "load_visit": (lambda s, a, i: load_visit(s, a, i.visit), FAMILY),
    "update_visit": (lambda s, a, i: update_visit(s, a, i.visit, _visit_data(i.world, s, i.family, i.child)),
                     FAMILY),
    "list_visits": (lambda s, a, i: any(r.id == i.visit for r in list_visits(s, a)), FAMILY),
    "visit_act": (lambda s, a, i: act_context(s, a, i.visit), FAMILY),
    # rehabilitation sessions: the giver's (the psychologist's) and the coordinators of the office
    "create_session": (lambda s, a, i: create_session(s, a, _session_data(i.world, s, [i.child], 12)), FAMILY),
    "load_session": (lambda s, a, i: load_session_data(s, a, i.session), FAMILY),
    "cancel_session": (lambda s, a, i: cancel_session(s, a, i.session), FAMILY),
    "mark_attendance": (lambda s, a, i: mark_attendance(s, a, [AttendanceMark(i.participant, True)]), FAMILY),
    "week_sessions": (lambda s, a, i: any(r.id == i.session for r in week_sessions(s, a, week_start=MONDAY)),
                      FAMILY),
    "rehab_card": (lambda s, a, i: rehab_card(s, a, i.child, MONDAY, MONDAY + timedelta(days=6)), FAMILY),
    # brigade trips: the office's coordinators and the brigade
    "plan_trip": (lambda s, a, i: plan_trip(s, a, _trip_data(i.world, i.family, vehicle="ГАЗель")), FAMILY),
    "load_trip": (lambda s, a, i: load_trip(s, a, i.trip), FAMILY),
    "update_trip": (lambda s, a, i: update_trip(s, a, i.trip, _trip_data(i.world, i.family, vehicle="Нива")),
                    FAMILY),
    "list_trips": (lambda s, a, i: any(r.id == i.trip for r in list_trips(s, a)), FAMILY),
    "route_sheet": (lambda s, a, i: load_route_sheet(s, a, i.trip), FAMILY),
    # events belong to the office
    "load_event": (lambda s, a, i: load_event(s, a, i.event), OFFICE),
    "update_event": (lambda s, a, i: update_event(s, a, i.event, _event_data(i.world, s, place="Кабинет")),
                     OFFICE),
    "create_event": (lambda s, a, i: create_event(s, a, _event_data(i.world, s, title="Семинар")), OFFICE),
    "list_events": (lambda s, a, i: any(r.id == i.event for r in list_events(s, a, MONDAY, MONDAY)), OFFICE),
    # administration: no family data involved, the administrator's alone
    "create_user": (lambda s, a, i: create_user(s, a, NewUser("new.user", "another-pass-1", COORDINATOR)), ADMINS),
    "list_users": (lambda s, a, i: list_users(s, a), ADMINS),
    "reset_password": (lambda s, a, i: reset_password(s, a, i.world.coordinator.user_id, "temporary-1"), ADMINS),
    "audit_log": (lambda s, a, i: search_audit(s, a, AuditFilter()), ADMINS),
    "audit_verify": (lambda s, a, i: check_chain(s, a), ADMINS),
    "settings": (lambda s, a, i: write_number(s, a, AUTOLOCK_MINUTES, 15), ADMINS),
    "dictionaries": (lambda s, a, i: create_item(s, a, "agency", "Новое ведомство"), ADMINS),
}


class _RolledBack(Exception):
    def __init__(self, result: object) -> None:
        super().__init__("rolled back")
        self.result = result


def _outcome(database, actor: Actor, call: Call, ids: Ids) -> str:
    try:
        with database.write() as session:
            raise _RolledBack(call(session, actor, ids))
    except _RolledBack as done:
        return "deny" if done.result is False else "allow"
    except PermissionDenied:
        return "deny"


def test_the_matrix_names_every_role_once():
    assert len(ROLES) == 6
    for name, (_call, allowed) in MATRIX.items():
        assert allowed <= set(ROLES), name


@pytest.mark.parametrize("service", list(MATRIX))
def test_access(database, world, ids, service):
    call, allowed = MATRIX[service]
    actors = _actors(world, ids.other_office)
    expected = {role: "allow" if role in allowed else "deny" for role in ROLES}
    actual = {role: _outcome(database, actors[role], call, ids) for role in ROLES}
    assert actual == expected


def test_a_plan_executor_and_a_visiting_specialist_are_assigned(database, world, ids):
    """The unrelated specialist gains the family by being made a plan row's executor."""
    unrelated = _actors(world, ids.other_office)["unrelated"]
    with database.read() as session, pytest.raises(PermissionDenied):
        require_family(session, unrelated, ids.family)
    _give_plan_row_to_the_speech_therapist(database, world, ids)
    with database.read() as session:
        assert require_family(session, unrelated, ids.family).id == ids.family


def _give_plan_row_to_the_speech_therapist(database, world, ids):
    with database.write() as session:
        measure = session.get(PlanItem, ids.plan_item).measure
        update_plan_item(session, world.coordinator, ids.plan_item,
                         PlanItemData(measure, executor_staff_id=world.speech_therapist_id))


def test_health_views_and_card_views_are_audited(database, world, ids):
    from db.models import AuditEntry

    with database.write() as session:
        load_family_card(session, world.specialist, ids.family)
        load_child_profile(session, world.specialist, ids.child)
        list_diagnoses(session, world.specialist, ids.child)
    with database.read() as session:
        rows = session.execute(select(AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id, AuditEntry.fields)
                               .where(AuditEntry.login == "spec").order_by(AuditEntry.id)).all()
    assert [tuple(row) for row in rows] == [
        ("view", "family", str(ids.family), ""),
        ("view_health", "person", str(ids.child), "child_profile"),
        ("view_health", "person", str(ids.child), "diagnoses"),
    ]


def test_an_administrator_alone_sees_no_family(database, world, ids):
    assert world.admin.role == ADMIN and world.admin.case_role is None
    with database.read() as session, pytest.raises(PermissionDenied, match="рабочая роль"):
        search_families(session, FamilyFilter(), actor=world.admin)


def test_the_set_form_and_the_per_family_form_agree(database, world, ids):
    """Lists use the specialist's linked-family set, single checks the per-family EXISTS: same families."""
    from sqlalchemy import select

    from app.core.access import family_scope
    from db.models import Family

    unrelated = _actors(world, ids.other_office)["unrelated"]
    responsible = _actors(world, ids.other_office)["responsible"]

    def both(actor):
        with database.read() as session:
            one = set(session.execute(select(Family.id).where(family_scope(actor))).scalars())
            many = set(session.execute(select(Family.id).where(family_scope(actor, many=True))).scalars())
        return one, many

    one, many = both(unrelated)
    assert one == many and ids.family not in one
    _give_plan_row_to_the_speech_therapist(database, world, ids)
    for actor in (unrelated, responsible):
        one, many = both(actor)
        assert one == many and ids.family in one
        with database.read() as session:
            assert _family_in(search_families(session, FamilyFilter(), actor=actor).rows, ids)


def test_the_caseload_follows_the_plan_row_there_and_back(database, world, ids):
    """The executor given and taken back through the service: the specialist's search gains the family and
    loses it again (the caseload row is added and removed in the service's unit of work)."""
    unrelated = _actors(world, ids.other_office)["unrelated"]
    with database.read() as session:
        assert not _family_in(search_families(session, FamilyFilter(), actor=unrelated).rows, ids)
    _give_plan_row_to_the_speech_therapist(database, world, ids)
    with database.read() as session:
        assert _family_in(search_families(session, FamilyFilter(), actor=unrelated).rows, ids)
    with database.write() as session:
        measure = session.get(PlanItem, ids.plan_item).measure
        update_plan_item(session, world.coordinator, ids.plan_item,
                         PlanItemData(measure, executor_staff_id=world.psychologist_id))
    with database.read() as session:
        assert not _family_in(search_families(session, FamilyFilter(), actor=unrelated).rows, ids)
        with pytest.raises(PermissionDenied):
            require_family(session, unrelated, ids.family)
