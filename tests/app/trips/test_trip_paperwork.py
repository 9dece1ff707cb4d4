"""Route sheet and visit act details (#13 item 7): the trip's planned departure, return and total distance; the
brigade's sessions belong to their trip (created on completion or attached to it) and show in the route sheet;
the visit act's number and time."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import time

import pytest
from docx import Document
from sqlalchemy import select

from app.core.errors import ValidationError
from app.trips.completion import FamilyCompletion, TripSession, complete_trip_with_sessions
from app.trips.reads import load_trip
from app.trips.route_sheet import export_route_sheet, load_route_sheet
from app.trips.trips import PlannedFamily, TripOutcome, TripVisit, plan_trip
from app.visits.act import write_visit_act
from app.visits.visits import load_visit, update_visit
from db.models import AuditEntry, HomeVisit, RehabSession
from tests.app.documents.gost_checks import assert_gost_layout
from tests.app.rehab_setup import add_session, at, service_by_code
from tests.app.trip_setup import TRIP_DAY, family_living_in, trip_data


def _text(path) -> str:
    document = Document(str(path))
    parts = [paragraph.text.replace("\xa0", " ") for paragraph in document.paragraphs]
    for table in document.tables:
        parts.extend(" | ".join(cell.text.replace("\xa0", " ") for cell in row.cells) for row in table.rows)
    return "\n".join(parts)


def _pdf_text(path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


@pytest.fixture
def planned(database, world) -> dict:
    with database.write() as session:
        near, near_child = family_living_in(world, session, "Иванова", world.near_settlement_id)
        far, far_child = family_living_in(world, session, "Петрова", world.far_settlement_id)
        trip_id = plan_trip(session, world.specialist, trip_data(
            world, [PlannedFamily(near, "Логопед"), PlannedFamily(far, "Психолог")], departs_at=time(8, 30),
            returns_at=time(17, 0), distance_km=320)).id
    with database.read() as session:
        rows = {row.family_id: row.id for row in load_trip(session, world.coordinator, trip_id).families}
        service = service_by_code(session)
    return {"trip": trip_id, "near": rows[near], "far": rows[far], "near_child": near_child,
            "far_child": far_child, "service": service}


def test_trip_times_and_distance_are_checked(database, world):
    for overrides, field, words in (
            ({"departs_at": time(9, 0), "returns_at": time(8, 0)}, "returns_at", "позже времени выезда"),
            ({"distance_km": 0}, "distance_km", "Протяжённость маршрута, км"),
            ({"distance_km": 5000}, "distance_km", "от 1 до 3000")):
        with database.write() as session, pytest.raises(ValidationError) as caught:
            plan_trip(session, world.specialist, trip_data(world, [], **overrides))
        assert words in caught.value.errors[field]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_route_sheet_shows_departure_return_distance_and_the_brigades_sessions(database, world, planned, tmp_path):
    with database.write() as session:
        mobile = world.code(session, "delivery_mode", "mobile")
        # Scheduled before the trip: a brigade member's mobile session with the near child (attached on
        # completion) and a session in the centre the same day (not the trip's).
        ahead = add_session(world, session, at(TRIP_DAY, 9), [planned["near_child"]], delivery_mode_id=mobile,
                            is_group=False)
        centre = add_session(world, session, at(TRIP_DAY, 16), [planned["near_child"]], is_group=False)
        complete_trip_with_sessions(session, world.specialist, planned["trip"], [
            FamilyCompletion(TripOutcome(planned["near"], True, "Проведено", TripVisit(purpose="Патронаж")),
                             [TripSession(planned["near_child"], planned["service"], world.speech_therapist_id,
                                          time(11, 30), 30, "Звуки")]),
            FamilyCompletion(TripOutcome(planned["far"], False, "Семьи не было дома"))])
    with database.read() as session:
        trip_of = dict(session.execute(select(RehabSession.id, RehabSession.trip_id)).all())
        assert trip_of[ahead] == planned["trip"] and trip_of[centre] is None
        assert sorted(str(v) for v in trip_of.values()).count(str(planned["trip"])) == 2
        assert session.execute(select(AuditEntry.fields).where(AuditEntry.entity == "rehab_session",
                                                               AuditEntry.action == "update")).scalar() == "trip_id"
        sheet = load_route_sheet(session, world.coordinator, planned["trip"])
    assert (sheet.departs_at, sheet.returns_at, sheet.distance, sheet.distance_note) == (
        "08:30", "17:00", "320 км", "")
    assert [(s.time, s.child, s.specialist) for s in sheet.sessions] == [
        ("09:00", "Иванова Ира", "Смирнова О.И."), ("11:30", "Иванова Ира", "Кузнецова А.П.")]
    with database.write() as session:
        docx, pdf = export_route_sheet(session, world.coordinator, planned["trip"], tmp_path)
    assert_gost_layout(docx)
    text = _text(docx)
    assert "Выезд: 08:30; возвращение: 17:00" in text and "Протяжённость маршрута: 320 км" in text
    assert "Занятия, проведённые бригадой на выезде" in text
    assert "2 | 11:30 | Иванова Ира | " in text and "| Кузнецова А.П. |" in text
    flat = _pdf_text(pdf)
    for expected in ("Выезд: 08:30; возвращение: 17:00", "Протяжённость маршрута: 320 км",
                     "Занятия, проведённые бригадой на выезде", "Кузнецова А.П."):
        assert expected in flat  # the same lines as the DOCX


def test_route_sheet_estimates_the_distance_when_none_was_planned(database, world):
    with database.write() as session:
        trip_id = plan_trip(session, world.specialist, trip_data(world, [])).id
        sheet = load_route_sheet(session, world.coordinator, trip_id)
    assert (sheet.distance, sheet.departs_at, sheet.sessions) == ("≈ 300 км", "", ())
    assert sheet.distance_note == "оценка: туда и обратно до самого дальнего пункта"


def test_visit_act_shows_its_number_and_time(database, world, planned, tmp_path):
    with database.write() as session:
        complete_trip_with_sessions(session, world.specialist, planned["trip"], [
            FamilyCompletion(TripOutcome(planned["near"], True, "Проведено", TripVisit(purpose="Патронаж"))),
            FamilyCompletion(TripOutcome(planned["far"], False, "Нет дома"))])
        visit_id = session.execute(select(HomeVisit.id)).scalar_one()
        data = replace(load_visit(session, world.specialist, visit_id), act_number=" 17/2026 ",
                       visit_time=time(10, 45))
        update_visit(session, world.specialist, visit_id, data)
    with database.read() as session:
        assert (load_visit(session, world.specialist, visit_id).act_number,
                load_visit(session, world.specialist, visit_id).visit_time) == ("17/2026", time(10, 45))
    with database.write() as session:
        path = write_visit_act(session, world.coordinator, visit_id, tmp_path)
    assert_gost_layout(path)
    text = _text(path)
    assert "АКТ № 17/2026" in text and "Дата обследования: 16.06.2026, время: 10:45" in text


def test_quarterly_report_counts_the_sessions_held_on_trips_done(database, world, planned):
    from app.rehab.sessions import cancel_session
    from app.reports.periods import parse_period
    from app.reports.quarterly import compute_quarterly
    from app.reports.quarterly_export import visits_lines

    with database.write() as session:
        mobile = world.code(session, "delivery_mode", "mobile")
        ahead = add_session(world, session, at(TRIP_DAY, 9), [planned["near_child"]], delivery_mode_id=mobile,
                            is_group=False)
        complete_trip_with_sessions(session, world.specialist, planned["trip"], [
            FamilyCompletion(TripOutcome(planned["near"], True, "Проведено", TripVisit(purpose="Патронаж")),
                             [TripSession(planned["near_child"], planned["service"], world.speech_therapist_id,
                                          time(11, 30), 30)]),
            FamilyCompletion(TripOutcome(planned["far"], True, "Проведено"),
                             [TripSession(planned["far_child"], planned["service"], world.speech_therapist_id,
                                          time(14, 0), 30)])])
    period = parse_period(f"{TRIP_DAY.year}-Q2")
    with database.read() as session:
        visits = compute_quarterly(session, period).visits
    assert (visits.trips_done, visits.sessions_on_trips) == (1, 3)
    with database.write() as session:
        cancel_session(session, world.specialist, ahead)  # a cancelled session was not held
    with database.read() as session:
        report = compute_quarterly(session, period)
    assert report.visits.sessions_on_trips == 2
    assert ("    занятий с детьми проведено на этих выездах", 2) in visits_lines(report)
    with database.read() as session:  # another quarter: neither the trip nor its sessions
        assert compute_quarterly(session, parse_period(f"{TRIP_DAY.year}-Q3")).visits.sessions_on_trips == 0
