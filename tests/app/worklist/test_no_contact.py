"""«Семья на сопровождении без контакта» with sessions: a live session after the threshold ends the silence (the
first such one is enough), a cancelled or deleted one does not, and an older session
gives the date of the last contact."""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta

from app.core.dates import add_years
from app.rehab.sessions import cancel_session, delete_session
from app.worklist.deadlines import compute_deadlines
from tests.app.rehab_setup import add_session
from tests.app.worklist.test_deadlines import TODAY, _family, open_new_case


def _at(days_ago: int) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days_ago), time(10))


def _silent(database, world) -> dict[object, object]:
    with database.read() as session:
        return {uuid.UUID(d.family_id): d
                for d in compute_deadlines(session, world.coordinator, TODAY, kinds=["no_contact"])}


def test_sessions_end_the_silence_exactly(database, world):
    families = {name: _family(database, world, last, add_years(TODAY, -7)) for name, last in (
        ("recent", "Кузнецова"), ("old", "Волкова"), ("cancelled", "Лебедева"),
        ("deleted", "Морозова"), ("edge", "Тихонова"), ("future", "Белова"))}
    for family in families.values():
        open_new_case(database, world, family, opened_on=TODAY - timedelta(days=200))
    with database.write() as session:
        add_session(world, session, _at(10), [families["recent"].child_id])
        add_session(world, session, _at(95), [families["recent"].child_id])
        add_session(world, session, _at(120), [families["old"].child_id])
        add_session(world, session, _at(100), [families["old"].child_id])
        for name, undo in (("cancelled", cancel_session), ("deleted", delete_session)):
            undo(session, world.coordinator, add_session(world, session, _at(3), [families[name].child_id]))
        add_session(world, session, _at(89), [families["edge"].child_id])  # one day inside the 90 days
        add_session(world, session, _at(-3), [families["future"].child_id])  # planned, not a contact yet
    silent = _silent(database, world)
    assert set(silent) == {families[n].id for n in ("old", "cancelled", "deleted", "future")}
    old = silent[families["old"].id]
    assert old.due_on == TODAY - timedelta(days=10) and "последний контакт" in old.detail
    assert "контактов не было" in silent[families["cancelled"].id].detail
    assert silent[families["future"].id].due_on == TODAY - timedelta(days=110)  # since the case opened
