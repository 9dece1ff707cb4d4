"""Hub and spoke: an office's family reaches the other office through the centre; a family that moved is
transferred to its new office at the centre and the move reaches both offices; the new office finds the family's
people instead of registering them twice; dictionaries edited at the centre reach the offices."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.reference.organization import OfficeData, create_office
from app.registry.families import FamilyData, update_family
from app.registry.persons import PersonData, find_duplicates
from app.system.bootstrap import open_database
from db.models import DictionaryItem, Family
from tests.app.exchange.exchange_setup import exchange, make_network
from tests.app.family_setup import mother_and_child
from tests.world import load_world


def everyone(net, folder: Path) -> None:
    for _ in range(2):
        for office in ("o1", "o2"):
            exchange(net[office], net["centre"], folder)
        for office in ("o1", "o2"):
            exchange(net["centre"], net[office], folder)


def test_moved_family_is_transferred_and_not_registered_twice(sqlite_template: Path, tmp_path: Path):
    net = make_network(sqlite_template, tmp_path)
    everyone(net, tmp_path)
    centre = open_database(str(net["centre"].path))
    with centre.read() as session:
        world = load_world(session)
    with centre.write() as session:
        far_office = create_office(session, world.admin, OfficeData(name="Дальнинское отделение")).id
        position = session.execute(select(DictionaryItem).where(DictionaryItem.kind == "position",
                                                                DictionaryItem.code == "psychologist")).scalar_one()
        position.name = "Педагог-психолог (по штатному расписанию 2026)"
    centre.dispose()
    everyone(net, tmp_path)

    office1 = open_database(str(net["o1"].path))
    with office1.read() as session:
        assert session.execute(select(DictionaryItem.name).where(
            DictionaryItem.code == "psychologist")).scalar_one() == "Педагог-психолог (по штатному расписанию 2026)"
    family = mother_and_child(office1, world, "Ёлкина")
    office1.dispose()
    everyone(net, tmp_path)

    centre = open_database(str(net["centre"].path))
    coordinator = replace(world.coordinator, office_ids=frozenset({world.office_id, far_office}))
    with centre.write() as session:
        update_family(session, coordinator, family.id, FamilyData(office_id=far_office,
                                                                  registered_on=date(2024, 1, 10)))
    centre.dispose()
    everyone(net, tmp_path)

    for name in ("centre", "o1", "o2"):
        database = open_database(str(net[name].path))
        with database.read() as session:
            assert session.get(Family, family.id).office_id == far_office, name
            # Registering the mother again at the new office: she is found, not created twice.
            found = find_duplicates(session, PersonData("Елкина", "Ирина", "Сергеевна", "F", date(1990, 2, 3)))
            assert [row.id for row in found] == [family.mother_id], name
        database.dispose()
    audit = net["o2"].sql("SELECT fields FROM audit_log WHERE action = 'exchange' AND entity = 'families' "
                          "ORDER BY id DESC LIMIT 1")
    assert "office_id" in audit[0][0]
