"""The rehabilitation calendar: a week of sessions and attendance statistics over a period."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.rehab.calendar import attendance_stats, week_sessions
from app.rehab.sessions import AttendanceMark, cancel_session, create_session, mark_attendance
from db.models import AuditEntry, SessionParticipant
from tests.app.rehab_setup import MONDAY, add_session, at, children_and_mother, session_data


@pytest.fixture
def kids(database, world) -> list:
    return children_and_mother(database, world)


def test_create_session_and_see_it_in_the_week(database, world, kids):
    with database.write() as session:
        saved = create_session(session, world.specialist, session_data(world, session, at(MONDAY, 10), kids[:1]))
    assert saved.changes == frozenset({"sessions"})
    with database.read() as session:
        rows = week_sessions(session, world.coordinator, staff_id=world.psychologist_id, week_start=MONDAY)
        assert week_sessions(session, world.coordinator, staff_id=world.speech_therapist_id, week_start=MONDAY) == []
        assert week_sessions(session, world.coordinator, person_id=kids[0], week_start=MONDAY) == rows
        assert week_sessions(session, world.coordinator, person_id=kids[1], week_start=MONDAY) == []
        assert week_sessions(session, world.coordinator, week_start=MONDAY + timedelta(days=7)) == []
        fields = session.execute(select(AuditEntry.fields)
                                 .where(AuditEntry.entity == "rehab_session")).scalar_one()
    assert len(rows) == 1
    row = rows[0]
    assert (row.id, row.starts_at, row.ends_at, row.duration_min) == (
        saved.id, at(MONDAY, 10), at(MONDAY, 10, 40), 40)
    assert row.service == "Психологическая коррекция"
    assert row.staff_name == "Смирнова О.И."
    assert [p.name for p in row.participants] == ["Королёв А."]
    assert (row.attendance, row.cancelled, row.is_group) == ("not_marked", False, False)
    assert row.place == "Кабинет 5"
    assert {"starts_at", "staff_id", "person_ids"} <= set(fields.split(","))


def test_attendance_statistics(database, world, kids):
    with database.write() as session:
        illness = world.code(session, "absence_reason", "illness")
        refusal = world.code(session, "absence_reason", "refusal")
        group = add_session(world, session, at(MONDAY, 10), kids[:3])
        single = add_session(world, session, at(MONDAY, 12), kids[:1])
        other = add_session(world, session, at(MONDAY + timedelta(days=4), 10), kids[1:2],
                            staff_id=world.speech_therapist_id)
        cancelled = add_session(world, session, at(MONDAY, 14), kids[:1])
        outside = add_session(world, session, at(MONDAY + timedelta(days=5), 10), kids[:1])
        ids = {(s, p): pid for pid, s, p in session.execute(
            select(SessionParticipant.id, SessionParticipant.session_id, SessionParticipant.person_id))}
        mark_attendance(session, world.specialist, [
            AttendanceMark(ids[(group, kids[0])], True),
            AttendanceMark(ids[(group, kids[1])], False, illness),
            AttendanceMark(ids[(single, kids[0])], False, refusal),
            AttendanceMark(ids[(cancelled, kids[0])], True),
            AttendanceMark(ids[(outside, kids[0])], True),
        ])
        # The speech therapist's session is marked by the coordinator (the psychologist may not).
        mark_attendance(session, world.coordinator, [AttendanceMark(ids[(other, kids[1])], False, illness)])
        cancel_session(session, world.specialist, cancelled)
    friday = MONDAY + timedelta(days=4)
    with database.read() as session:
        stats = attendance_stats(session, world.coordinator, date_from=MONDAY, date_to=friday)
        by_staff = attendance_stats(session, world.coordinator, date_from=MONDAY, date_to=friday,
                                    staff_id=world.psychologist_id)
        by_child = attendance_stats(session, world.coordinator, date_from=MONDAY, date_to=friday, person_id=kids[0])
        empty = attendance_stats(session, world.coordinator, date_from=date(2025, 1, 1), date_to=date(2025, 1, 31))
    # group: 3 places (1 attended, 1 ill, 1 unmarked); single: refused; other: ill.
    # The cancelled session and Saturday's are left out.
    assert (stats.planned, stats.attended, stats.absent, stats.not_marked) == (5, 1, 3, 1)
    assert stats.absent_by_reason == (("Болезнь ребёнка", 2), ("Отказ от занятия", 1))
    assert stats.rate == pytest.approx(0.25)
    assert (by_staff.planned, by_staff.attended, by_staff.absent, by_staff.not_marked) == (4, 1, 2, 1)
    assert (by_child.planned, by_child.attended, by_child.absent) == (2, 1, 1)
    assert by_child.rate == pytest.approx(0.5)
    assert (empty.planned, empty.rate, empty.absent_by_reason) == (0, None, ())
