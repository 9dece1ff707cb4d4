"""The centre's consolidated quarterly report: each office's line equals the report the office computed in its own
database before sending, and every additive figure of the region equals the sum of the offices'."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.core.actor import Actor
from app.exchange.consolidated import ADDITIVE, compute_consolidated
from app.reports.quarterly import compute_quarterly
from app.system.bootstrap import open_database
from db.models import DictionaryItem, Office, Staff, User
from tests.app.exchange.exchange_setup import exchange, make_network
from tests.app.reports.test_quarterly import PERIOD, _event, build
from tests.world import load_world


def _own_office(database, name: str):
    """The office's own office row and staff (added in that office's database), and a world that uses them."""
    with database.read() as session:
        world = load_world(session)
    with database.write() as session:
        organization_id = session.execute(select(Office.organization_id)).scalars().first()
        office = Office(organization_id=organization_id, name=name)
        session.add(office)
        session.flush()
        position = {code: session.execute(select(DictionaryItem.id).where(
            DictionaryItem.kind == "position", DictionaryItem.code == code)).scalar_one()
            for code in ("psychologist", "speech_therapist")}
        psychologist = Staff(last_name="Орлова", first_name="Вера", position_id=position["psychologist"],
                             office_id=office.id)
        therapist = Staff(last_name="Лебедева", first_name="Нина", position_id=position["speech_therapist"],
                          office_id=office.id)
        session.add_all([psychologist, therapist])
        session.flush()
        ids = (office.id, psychologist.id, therapist.id)
    office_id, psychologist_id, therapist_id = ids
    scope = frozenset({office_id, world.office_id})
    return replace(world, office_id=office_id, psychologist_id=psychologist_id, speech_therapist_id=therapist_id,
                   coordinator=replace(world.coordinator, office_ids=scope),
                   specialist=replace(world.specialist, office_ids=scope))


def test_region_equals_the_sum_of_the_offices_own_reports(sqlite_template: Path, tmp_path: Path):
    net = make_network(sqlite_template, tmp_path)
    for office in ("o1", "o2"):  # a common baseline first
        exchange(net[office], net["centre"], tmp_path)
        exchange(net["centre"], net[office], tmp_path)
    own = {}
    for index, name in enumerate(("o1", "o2")):
        database = open_database(str(net[name].path))
        world = _own_office(database, f"Отделение {index + 1}")
        build(database, world)
        if index:  # the second office holds one more event, so the offices differ
            with database.write() as session:
                _event(session, world, date(2025, 8, 20), "seminar", "in_person", (1, 2, 3, 0, 6, 0))
        with database.read() as session:
            own[world.office_id] = compute_quarterly(session, PERIOD, office_ids=[world.office_id]).to_json_dict()
        database.dispose()  # the exchange below opens the file with apsw: no SQLAlchemy connection beside it
        exchange(net[name], net["centre"], tmp_path)
    centre = open_database(str(net["centre"].path))
    with centre.read() as session:
        user = session.execute(select(User).where(User.login == "coord")).scalar_one()
        coordinator = Actor(user.id, user.login, user.role, office_ids=frozenset(session.execute(
            select(Office.id)).scalars()))
        report = compute_consolidated(session, coordinator, PERIOD)
    centre.dispose()
    lines = {item.office_id: item.report.to_json_dict() for item in report.offices}
    assert set(own) < set(lines)
    for office_id, figures in own.items():
        assert lines[office_id] == figures
    for name, per_office, region in report.figures():
        assert region == sum(per_office), name
    events = [ADDITIVE["Мероприятий"](item.report) for item in report.offices]
    assert events[0] == 0 and sorted(events[1:]) == [3, 4]  # the world's own office has none; 3 + 1 extra
    assert ADDITIVE["Семей на сопровождении на конец"](report.region) > 0
