"""The home screen's lists read only today's sessions (not the week's): yesterday's last and tomorrow's first are
left out, the day's first and last minute are in."""

from __future__ import annotations

from datetime import datetime, time, timedelta

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
