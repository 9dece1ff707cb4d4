"""Event participants by member as well as by family (#17 item 6): ticking members of the found family adds them one
by one (the family's other members stay out), the event saves them with the person, and a whole family still comes
in as before."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.registry.families import FamilyData, MemberData, NewFamily, register_family
from app.registry.persons import PersonData
from db.models import EventFamily
from tests.ui.conftest import type_text
from tests.ui.events.test_events import WAIT, _event, _family, _window, context, windows  # noqa: F401 (fixtures)


def test_participants_are_added_by_member(qtbot, context, windows, sqlite_database, sqlite_world):  # noqa: F811
    world = sqlite_world
    with sqlite_database.write() as session:
        members = [MemberData(world.code(session, "member_role", "mother"), True,
                              person=PersonData("Ёлкина", "Ольга", "Ивановна", "F", date(1990, 1, 1))),
                   MemberData(world.code(session, "member_role", "child"), False,
                              person=PersonData("Ёлкин", "Пётр", None, "M", date(2019, 1, 1)))]
        family_id = register_family(session, world.specialist, NewFamily(
            FamilyData(world.office_id, date(2025, 1, 15), world.district_id, world.near_settlement_id), members)).id
    other = _family(sqlite_database, world, "Сорокина")
    event_id = _event(sqlite_database, world)
    window = _window(qtbot, context, windows, event_id)
    for _round in range(2):  # the picker opens, closes and opens again
        window.participants.add_button.click()
        picker = window.participants.picker
        assert picker.isVisible()
        picker.reject()
    window.participants.add_button.click()
    picker = window.participants.picker
    type_text(picker.search, "елкин")
    qtbot.waitUntil(lambda: picker.results.count() == 1 and picker.members.count() == 2, timeout=WAIT)
    child = next(i for i in range(picker.members.count()) if "Пётр" in picker.members.item(i).text())
    picker.members.item(child).setCheckState(picker.members.item(child).checkState().Checked)
    picker.results.item(0).setSelected(True)
    picker.accept()
    assert [(p.family_id, p.person_id is not None) for p in window.participants.participants] == [(family_id, True)]
    assert "Ёлкин Пётр" in window.participants.table.item(0, 0).text()
    window.participants.add_button.click()
    picker = window.participants.picker
    type_text(picker.search, "сорокина")
    qtbot.waitUntil(lambda: picker.results.count() == 1 and picker.members.count() == 1, timeout=WAIT)
    picker.results.item(0).setSelected(True)
    picker.accept()
    window.participants.set_attended(0, True)
    window.save_button.click()

    def saved() -> set:
        with sqlite_database.read() as session:
            return {(r.family_id, r.person_id is not None, r.attended) for r in session.execute(
                select(EventFamily).where(EventFamily.event_id == event_id)).scalars()}

    qtbot.waitUntil(lambda: saved() == {(family_id, True, True), (other, False, None)}, timeout=WAIT)
