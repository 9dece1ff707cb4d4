"""The home screen's lists read only today's sessions (not the week's): yesterday's last and tomorrow's first are
left out, the day's first and last minute are in."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import delete, select

from app.core.dates import add_years
from app.worklist.today import today_basics
from tests.app.rehab_setup import add_session
from tests.app.worklist.test_deadlines import TODAY, _family


def test_only_todays_sessions(database, world):
    family = _family(database, world, "Белова", add_years(TODAY, -6), responsible=world.specialist.staff_id)
    midnight = datetime.combine(TODAY, time())
    with database.write() as session:
        ids = {when: add_session(world, session, when, [family.child_id], duration_min=30) for when in (
            midnight - timedelta(minutes=30), midnight, midnight + timedelta(hours=23, minutes=29),
            midnight + timedelta(days=1))}
    with database.read() as session:
        for actor in (world.specialist, world.coordinator):
            rows = today_basics(session, actor, TODAY).sessions
            assert [row.id for row in rows] == [ids[midnight], ids[midnight + timedelta(hours=23, minutes=29)]]


def test_a_coordinators_day_is_paged_and_counted_like_the_calendar(database, world, monkeypatch):
    """The screen reads today's sessions a page at a time; the pages, read one after another, are the calendar's
    day in its order, and the counts (all; waiting for attendance) agree with the rows: cancelled, wholly
    marked, partly marked and without participants."""
    import app.worklist.today as today_module
    from app.rehab.calendar import day_session_counts, week_sessions
    from app.rehab.sessions import AttendanceMark, cancel_session, mark_attendance
    from db.models import SessionParticipant
    from tests.app.rehab_setup import at, mother_with_children

    monkeypatch.setattr(today_module, "SESSIONS_PAGE", 2)
    with database.write() as session:
        children, _mother = mother_with_children(world, session, 2)
        ids = [add_session(world, session, at(TODAY, hour), children, duration_min=30) for hour in range(8, 15)]
        participants = {sid: session.execute(select(SessionParticipant.id).where(
            SessionParticipant.session_id == sid).order_by(SessionParticipant.id)).scalars().all() for sid in ids}
        cancel_session(session, world.coordinator, ids[0])
        mark_attendance(session, world.coordinator, [AttendanceMark(p, True) for p in participants[ids[1]]])
        mark_attendance(session, world.coordinator, [AttendanceMark(participants[ids[2]][0], True)])
        session.execute(delete(SessionParticipant).where(SessionParticipant.session_id == ids[3]))
    with database.read() as session:
        for actor in (world.specialist, world.coordinator):
            staff = actor.staff_id if actor.case_role == "specialist" else None
            calendar = week_sessions(session, actor, staff_id=staff, week_start=TODAY, days=1)
            pages, offset = [], 0
            while page := today_module.todays_sessions(session, actor, TODAY, offset):
                assert len(page) <= 2
                pages.extend(page)
                offset += len(page)
            assert pages == calendar and len(pages) == 7
            assert today_module.todays_sessions(session, actor, TODAY, 1, whole=True) == calendar[1:]
            waiting = sum(1 for row in calendar if not row.cancelled and row.attendance != "marked")
            assert waiting == 5  # the cancelled and the wholly marked ones do not wait
            assert day_session_counts(session, actor, day=TODAY, staff_id=staff) == (7, waiting)
            basics = today_module.today_basics(session, actor, TODAY)
            assert (basics.sessions, basics.sessions_total, basics.sessions_to_mark) == (calendar[:2], 7, 5)
