"""The quarterly report's figures on a small dataset built by hand, every figure checked (III квартал 2025)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.cases.cases import CaseData, close_case, open_case
from app.events.events import EventData, create_event, delete_event
from app.registry.children import ChildProfileData, save_child_profile
from app.registry.families import CategoryData, FamilyData, MemberData, NewFamily, delete_family, register_family
from app.registry.persons import PersonData
from app.rehab.sessions import AttendanceMark, SessionData, cancel_session, create_session, mark_attendance
from app.reports.periods import parse_period
from app.reports.quarterly import CountRow, EventRow, QuarterlyReport, SessionRow, compute_quarterly
from app.trips.trips import PlannedFamily, TripData, TripOutcome, TripVisit, complete_trip, plan_trip
from app.visits.visits import GivenService, VisitData, create_visit, delete_visit
from db.models import FamilyMember, Person, Service, SessionParticipant, TripFamily
from tests.app.assessment_setup import add_closing_assessment

PERIOD = parse_period("2025-Q3")


@dataclass(frozen=True)
class Dataset:
    families: dict[str, uuid.UUID]
    people: dict[str, uuid.UUID]


def _family(session, world, last: str, children: dict[str, date], *, district_id, settlement_id=None,
            categories: list[CategoryData] | None = None) -> tuple[uuid.UUID, dict[str, uuid.UUID]]:
    members = [MemberData(world.code(session, "member_role", "mother"), True,
                          person=PersonData(last, "Мария", None, "F", date(1985, 1, 1)))]
    members += [MemberData(world.code(session, "member_role", "child"), False,
                           person=PersonData(last, first, None, "F", born)) for first, born in children.items()]
    data = FamilyData(office_id=world.office_id, registered_on=date(2024, 1, 10), district_id=district_id,
                      settlement_id=settlement_id)
    family_id = register_family(session, world.coordinator, NewFamily(data, members, categories or [])).id
    ids = dict(session.execute(select(Person.first_name, Person.id)
                               .join(FamilyMember, FamilyMember.person_id == Person.id)
                               .where(FamilyMember.family_id == family_id)).all())
    return family_id, ids


def _case(session, world, family_id, opened: date, kind: str = "social_support") -> uuid.UUID:
    data = CaseData(family_id=family_id, kind_id=world.code(session, "case_kind", kind), opened_on=opened)
    return open_case(session, world.coordinator, data).id


def _close(session, world, case_id, closed: date, reason: str) -> None:
    if reason == "goals_achieved":  # measured by a closing assessment first (#17)
        add_closing_assessment(session, case_id, world.psychologist_id, closed)
    close_case(session, world.coordinator, case_id, closed, world.code(session, "case_closing_reason", reason))


def _service(session, code: str) -> uuid.UUID:
    return session.execute(select(Service.id).where(Service.code == code)).scalar_one()


def _session(session, world, starts_at: datetime, marks: dict[uuid.UUID, bool | None], *, staff_id=None,
             service: str = "psy_correction", mode: str = "centre") -> uuid.UUID:
    data = SessionData(starts_at=starts_at, duration_min=40, staff_id=staff_id or world.psychologist_id,
                       service_id=_service(session, service),
                       delivery_mode_id=world.code(session, "delivery_mode", mode),
                       person_ids=list(marks), is_group=len(marks) > 1)
    session_id = create_session(session, world.coordinator, data).id
    illness = world.code(session, "absence_reason", "illness")
    rows = dict(session.execute(select(SessionParticipant.person_id, SessionParticipant.id)
                                .where(SessionParticipant.session_id == session_id)).all())
    to_mark = [AttendanceMark(rows[person], attended, None if attended is not False else illness)
               for person, attended in marks.items() if attended is not None]
    if to_mark:
        mark_attendance(session, world.coordinator, to_mark)
    return session_id


def _visit(session, world, family_id, day: date, services: list[GivenService]) -> uuid.UUID:
    data = VisitData(family_id=family_id, visit_date=day, staff_ids=[world.psychologist_id], purpose="Патронаж",
                     delivery_mode_id=world.code(session, "delivery_mode", "family_home"), services=services)
    return create_visit(session, world.coordinator, data).id


def _event(session, world, day: date, kind: str, event_format: str, counts: tuple[int, ...]) -> uuid.UUID:
    specialists, parents, children, others, in_person, online = counts
    data = EventData(office_id=world.office_id, type_id=world.code(session, "event_type", kind),
                     title="Мероприятие", starts_on=day, format_id=world.code(session, "event_format", event_format),
                     specialists_count=specialists, parents_count=parents, children_count=children,
                     others_count=others, in_person_count=in_person, online_count=online)
    return create_event(session, world.coordinator, data).id


def build(database, world) -> Dataset:
    """Five families (one soft-deleted), sessions, visits, a brigade trip and events around III кв. 2025."""
    with database.write() as s:
        def category(code: str, start: date, end: date | None = None) -> CategoryData:
            reason = world.code(s, "category_removal_reason", "other") if end else None
            return CategoryData(world.code(s, "family_category", code), start, end, reason)

        # Антоновы: on support across the start (two cases, one opened in the period), two categories.
        f1, p1 = _family(s, world, "Антонова", {"Алла": date(2015, 4, 1), "Анна": date(2018, 5, 2)},
                         district_id=world.district_id, settlement_id=world.near_settlement_id,
                         categories=[category("disabled_child", date(2024, 1, 10)),
                                     category("large", date(2024, 1, 10)),
                                     category("tzhs", date(2024, 1, 10), date(2025, 9, 29))])
        _case(s, world, f1, date(2025, 3, 1))
        # Борисовы: removed in August, taken on again in September.
        f2, p2 = _family(s, world, "Борисова", {"Бэлла": date(2019, 6, 3)}, district_id=world.other_district_id,
                         settlement_id=world.other_settlement_id,
                         categories=[category("single_parent", date(2024, 1, 10)),
                                     category("ovz_child", date(2024, 1, 10), date(2025, 8, 1))])
        _close(s, world, _case(s, world, f2, date(2025, 2, 1)), date(2025, 8, 15), "goals_achieved")
        _case(s, world, f2, date(2025, 9, 10))
        # Власовы: taken on with two cases on the first day, both closed (moved) before the end.
        f3, p3 = _family(s, world, "Власова", {"Вера": date(2009, 1, 1)}, district_id=world.district_id,
                         settlement_id=world.far_settlement_id,
                         categories=[category("tzhs", date(2025, 7, 1))])
        _close(s, world, _case(s, world, f3, date(2025, 7, 1)), date(2025, 9, 20), "family_moved")
        _close(s, world, _case(s, world, f3, date(2025, 7, 15), "rehab_course"), date(2025, 9, 20),
               "family_moved")
        # Григорьевы: the case closed on the first day of the quarter (refusal).
        f4, p4 = _family(s, world, "Григорьева", {"Гала": date(2020, 7, 4)}, district_id=world.district_id)
        _close(s, world, _case(s, world, f4, date(2025, 5, 1)), date(2025, 7, 1), "family_refusal")
        # Дмитриевы: on support, visited in the quarter, then soft-deleted.
        f5, p5 = _family(s, world, "Дмитриева", {"Дина": date(2017, 8, 5)}, district_id=world.district_id,
                         settlement_id=world.far_settlement_id)
        _case(s, world, f5, date(2025, 5, 1))
        _visit(s, world, f5, date(2025, 8, 1), [GivenService(_service(s, "psy_consulting_home"), p5["Дина"], 3)])
        delete_family(s, world.coordinator, f5)

        ovz = {"has_ovz": True, "pmpk_number": "17", "pmpk_date": date(2024, 5, 5)}
        save_child_profile(s, world.coordinator, p1["Алла"], ChildProfileData(
            is_disabled=True, disability_since=date(2020, 1, 1), **ovz))
        save_child_profile(s, world.coordinator, p2["Бэлла"], ChildProfileData(**ovz))
        save_child_profile(s, world.coordinator, p3["Вера"], ChildProfileData(
            is_disabled=True, disability_since=date(2015, 1, 1)))

        alla, anna, bella, vera, gala = p1["Алла"], p1["Анна"], p2["Бэлла"], p3["Вера"], p4["Гала"]
        therapist = world.speech_therapist_id
        _session(s, world, datetime(2025, 6, 30, 10), {alla: True})  # the day before the quarter
        _session(s, world, datetime(2025, 7, 1, 9), {gala: True})  # its first day
        _session(s, world, datetime(2025, 7, 10, 10), {alla: True, anna: True, vera: False})  # a group
        _session(s, world, datetime(2025, 8, 5, 10), {alla: True}, staff_id=therapist, service="ped_speech")
        cancelled = _session(s, world, datetime(2025, 8, 6, 10), {bella: None}, staff_id=therapist,
                             service="ped_speech")
        cancel_session(s, world.coordinator, cancelled)
        _session(s, world, datetime(2025, 9, 30, 17), {alla: True}, service="psy_correction_home",
                 mode="family_home")  # its last day
        _session(s, world, datetime(2025, 9, 30, 10), {vera: None}, staff_id=therapist, service="ped_speech")
        _session(s, world, datetime(2025, 10, 1, 9), {anna: True})  # the day after

        _visit(s, world, f2, date(2025, 8, 20), [GivenService(_service(s, "psy_consulting_home"), bella, 2),
                                                 GivenService(_service(s, "hh_shopping"), None, 1)])
        _visit(s, world, f1, date(2025, 9, 15), [GivenService(_service(s, "psy_patronage"), None, 1),
                                                 GivenService(_service(s, "ped_correction_home"), alla, 1)])
        _visit(s, world, f1, date(2025, 6, 20), [GivenService(_service(s, "psy_patronage"), None, 5)])
        gone = _visit(s, world, f1, date(2025, 9, 16), [GivenService(_service(s, "psy_patronage"), None, 4)])
        delete_visit(s, world.coordinator, gone)

        trip = plan_trip(s, world.coordinator, TripData(
            office_id=world.office_id, trip_date=date(2025, 9, 5), staff_ids=[world.psychologist_id],
            settlement_ids=[world.near_settlement_id, world.far_settlement_id], families=[PlannedFamily(f3)])).id
        row = s.execute(select(TripFamily.id).where(TripFamily.trip_id == trip)).scalar_one()
        complete_trip(s, world.coordinator, trip, [TripOutcome(row, True, "Консультация", TripVisit(
            purpose="Выезд", services=[GivenService(_service(s, "ped_patronage"), None, 1)]))])
        plan_trip(s, world.coordinator, TripData(
            office_id=world.office_id, trip_date=date(2025, 9, 12), staff_ids=[world.psychologist_id],
            settlement_ids=[world.other_settlement_id]))  # planned, never done

        _event(s, world, date(2025, 7, 1), "seminar", "in_person", (10, 5, 0, 1, 16, 0))
        _event(s, world, date(2025, 9, 30), "seminar", "mixed", (2, 8, 4, 0, 6, 8))
        _event(s, world, date(2025, 8, 10), "webinar", "remote", (20, 0, 0, 5, 0, 25))
        _event(s, world, date(2025, 6, 30), "parent_club", "in_person", (1, 1, 1, 1, 4, 0))
        delete_event(s, world.coordinator, _event(s, world, date(2025, 8, 1), "parent_club", "in_person",
                                                 (3, 3, 3, 3, 12, 0)))
    return Dataset({"f1": f1, "f2": f2, "f3": f3, "f4": f4, "f5": f5}, {**p1, **p2, **p3, **p4, **p5})


def _report(database, **filters) -> QuarterlyReport:
    with database.read() as session:
        return compute_quarterly(session, PERIOD, **filters)


def _nonzero(rows: tuple[CountRow, ...]) -> dict[str, int]:
    return {row.code or row.name: row.count for row in rows if row.count}


def _cells(report: QuarterlyReport) -> dict[tuple[str, str], tuple[int, int]]:
    return {(kind.kind_code, cell.form_code): (cell.services, cell.recipients)
            for kind in report.services.kinds for cell in kind.forms if cell.services or cell.recipients}


def test_every_figure_of_the_quarter(database, world) -> None:
    build(database, world)
    report = _report(database)
    assert report.period == PERIOD

    support = report.support
    # Start: Антоновы, Борисовы, Григорьевы (closed on the first day); Дмитриевы are deleted.
    assert support.at_start == 3
    assert support.at_end == 2  # Антоновы, Борисовы
    assert support.taken_on == 1  # Власовы once for two cases; Борисовы were on support at the start
    assert support.removed == 2  # Власовы, Григорьевы; Борисовы are back by the end
    assert support.returned == 1  # Борисовы: removed in August, taken on again in September
    assert support.at_start + support.taken_on - support.removed == support.at_end
    assert _nonzero(support.removed_by_reason) == {"family_moved": 1, "family_refusal": 1}
    assert [row.code for row in support.removed_by_reason][:3] == ["goals_achieved", "family_moved",
                                                                   "family_refusal"]
    assert _nonzero(support.by_category) == {"disabled_child": 1, "large": 1, "single_parent": 1}
    assert len(support.by_category) == 10
    assert support.by_district == (CountRow("", "Соседний район", 1), CountRow("", "Тестовый район", 1))

    # Алла (disabled, ОВЗ), Анна, Бэлла (ОВЗ, visit service), Гала; Вера only missed; Дина's family deleted.
    assert (report.children.served, report.children.disabled, report.children.ovz) == (4, 1, 2)

    assert _cells(report) == {
        ("household", "home"): (1, 1),  # Борисовы as a family
        ("psychological", "semi_stationary"): (3, 3),  # Гала; Алла and Анна in the group
        ("psychological", "home"): (4, 3),  # Алла's session, Бэлла ×2, Антоновы as a family
        ("pedagogical", "semi_stationary"): (1, 1),  # Алла with the speech therapist
        ("pedagogical", "home"): (2, 2),  # Алла at the visit, Власовы on the trip
    }
    kinds = {kind.kind_code: (kind.services, kind.recipients) for kind in report.services.kinds}
    assert list(kinds) == ["household", "medical", "psychological", "pedagogical", "labour", "legal",
                           "communication", "urgent"]
    assert kinds == {"household": (1, 1), "medical": (0, 0), "psychological": (7, 5), "pedagogical": (3, 2),
                     "labour": (0, 0), "legal": (0, 0), "communication": (0, 0), "urgent": (0, 0)}
    assert [cell.form_code for cell in report.services.kinds[0].forms] == ["home", "semi_stationary",
                                                                          "stationary"]
    assert (report.services.services, report.services.recipients) == (11, 7)
    # By form over all kinds: Алла counts once in «home» though served in two kinds there.
    assert [(c.form_code, c.services, c.recipients) for c in report.services.by_form] == [
        ("home", 7, 5), ("semi_stationary", 4, 3), ("stationary", 0, 0)]
    assert report.plan is None  # no госзадание entered for 2025

    visits = report.visits
    assert (visits.home_visits, visits.visits_on_trips, visits.trips_done) == (3, 1, 1)
    assert (visits.settlements, visits.remote_settlements, visits.remote_km) == (3, 1, 50.0)

    assert report.sessions.rows == (
        SessionRow("psychologist", "Педагог-психолог", "centre", "В центре", 2, 4, 3, 1),
        SessionRow("psychologist", "Педагог-психолог", "family_home", "На дому у семьи", 1, 1, 1, 0),
        SessionRow("speech_therapist", "Учитель-логопед", "centre", "В центре", 2, 2, 1, 0),
    )
    assert report.sessions.rows[0].rate == 0.75
    assert report.sessions.total == SessionRow("", "Итого", "", "", 5, 7, 5, 1)
    assert report.sessions.total.rate == 5 / 6

    events = {row.type_code: row for row in report.events.rows if row.events}
    assert events == {
        "seminar": EventRow("seminar", events["seminar"].type_name, 2, 30, 22, 8, 12, 13, 4, 1),
        "webinar": EventRow("webinar", events["webinar"].type_name, 1, 25, 0, 25, 20, 0, 0, 5),
    }
    assert len(report.events.rows) == 13  # every event type, zeros included
    assert report.events.total == EventRow("", "Итого", 3, 55, 22, 33, 32, 13, 4, 6)

    plain = report.to_json_dict()
    assert json.loads(json.dumps(plain)) == plain
    assert plain["period"] == {"start": "2025-07-01", "end": "2025-09-30", "title": "III квартал 2025 г."}
    assert plain["sessions"]["total"]["rate"] == 5 / 6
    assert plain["support"]["by_district"][0] == {"code": "", "name": "Соседний район", "count": 1}


def test_remote_threshold_and_filters(database, world) -> None:
    build(database, world)
    assert _report(database, remote_km=30).visits.remote_settlements == 2  # Соседнее at 40 km as well

    other = _report(database, district_ids=[world.other_district_id])
    support = other.support
    assert (support.at_start, support.at_end, support.taken_on, support.removed, support.returned) == (1, 1, 0, 0, 1)
    assert _nonzero(support.by_category) == {"single_parent": 1}
    assert support.by_district == (CountRow("", "Соседний район", 1),)
    assert (other.children.served, other.children.disabled, other.children.ovz) == (1, 0, 1)
    assert _cells(other) == {("household", "home"): (1, 1), ("psychological", "home"): (2, 1)}
    assert (other.visits.home_visits, other.visits.trips_done, other.visits.settlements) == (1, 0, 1)
    assert other.sessions.rows == ()  # Бэлла's only session was cancelled
    assert other.events.total.events == 3  # districts do not narrow events

    nobody = _report(database, office_ids=[uuid.uuid4()])
    assert nobody.support.at_start == nobody.support.at_end == nobody.support.taken_on == 0
    assert nobody.services.services == nobody.visits.trips_done == nobody.sessions.total.sessions == 0
    assert nobody.events.total.events == 0
    assert _report(database, office_ids=[world.office_id]) == _report(database)


@pytest.mark.parametrize("text", ["2025-Q2", "2025-10-01..2025-10-31"])
def test_neighbouring_periods(database, world, text: str) -> None:
    build(database, world)
    with database.read() as session:
        report = compute_quarterly(session, parse_period(text))
    if text == "2025-Q2":
        # Q2: Антоновы (from 01.03), Борисовы (from 01.02) at the start; + Григорьевы at the end.
        assert (report.support.at_start, report.support.at_end, report.support.taken_on) == (2, 3, 1)
        assert report.sessions.total == SessionRow("", "Итого", "", "", 1, 1, 1, 0)
        assert report.events.total.events == 1
    else:
        assert (report.support.at_start, report.support.at_end, report.support.taken_on) == (2, 2, 0)
        assert report.sessions.total.attended == 1
        assert report.services.services == 1
