"""The caseload table (#15 item 9): every service that links a staff member to a family keeps it in the same
unit of work, unlinks as exactly as links, bulk writers (import, demo) keep it too, and a check compares it
with its sources and rebuilds it (migration 0007 fills it from existing data the same way)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import delete, func, insert, select, text

from app.cases.cases import delete_case, open_case
from app.core import caseload
from app.core.access import require_family
from app.core.errors import PermissionDenied
from app.registry.families import FamilyData, MemberData, NewFamily, add_member, register_family, update_family
from app.registry.family_list import FamilyFilter, search_families
from app.registry.persons import PersonData, search_persons
from app.rehab.sessions import create_session, delete_session, update_session
from app.system.background_checks import run_background_checks
from app.system.caseload_check import check_caseload, repair_caseload
from app.trips.trips import update_trip
from app.visits.visits import create_visit, delete_visit, update_visit
from db.models import AuditEntry, CaseloadEntry, Family, FamilyMember, Person
from tests.app.case_setup import case_data
from tests.app.core.test_access_matrix import (  # noqa: F401  (ids is a fixture)
    _actors,
    _Family,
    _session_data,
    _trip_data,
    _visit_data,
    ids,
)
from tests.migration_files import migration_module

MIGRATION = "0007_trust.py"


def _pairs(database) -> set[tuple[uuid.UUID, uuid.UUID]]:
    with database.read() as session:
        return {tuple(row) for row in session.execute(select(CaseloadEntry.staff_id, CaseloadEntry.family_id))}


def _consistent(database) -> None:
    with database.read() as session:
        found = caseload.differences(session)
    assert found.ok, found.describe()


def _linked(database, staff_id, family_id) -> bool:
    return (staff_id, family_id) in _pairs(database)


def test_every_linking_service_keeps_the_caseload_both_ways(database, world, ids):  # noqa: F811
    therapist, family = world.speech_therapist_id, ids.family
    unrelated = _actors(world, ids.other_office)["unrelated"]
    coordinator = world.coordinator
    _consistent(database)
    assert not _linked(database, therapist, family)

    # a home visit with the speech therapist among its specialists, then deleted
    with database.write() as session:
        data = _visit_data(world, session, family, ids.child)
        data = replace(data, staff_ids=[world.psychologist_id, therapist])
        visit = create_visit(session, coordinator, data).id
    assert _linked(database, therapist, family)
    with database.read() as session:
        assert require_family(session, unrelated, family).id == family
    _consistent(database)
    with database.write() as session:
        delete_visit(session, coordinator, visit)
    assert not _linked(database, therapist, family)
    _consistent(database)

    # the visit's specialists edited: the therapist in, then out again
    with database.write() as session:
        data = _visit_data(world, session, family, ids.child)
        update_visit(session, coordinator, ids.visit, replace(data, staff_ids=[therapist]))
    assert _linked(database, therapist, family)
    with database.write() as session:
        update_visit(session, coordinator, ids.visit, _visit_data(world, session, family, ids.child))
    assert not _linked(database, therapist, family)
    _consistent(database)

    # a session given by the therapist to the child, moved to the psychologist, then a new one deleted
    with database.write() as session:
        data = _session_data(world, session, [ids.child], hour=15)
        data = replace(data, staff_id=therapist)
        rehab = create_session(session, coordinator, data).id
    assert _linked(database, therapist, family)
    with database.write() as session:
        update_session(session, coordinator, rehab, _session_data(world, session, [ids.child], hour=15))
    assert not _linked(database, therapist, family)
    with database.write() as session:
        data = _session_data(world, session, [ids.child], hour=17)
        rehab = create_session(session, coordinator, replace(data, staff_id=therapist)).id
    assert _linked(database, therapist, family)
    with database.write() as session:
        delete_session(session, coordinator, rehab)
    assert not _linked(database, therapist, family)
    _consistent(database)

    # the brigade of a planned trip
    with database.write() as session:
        update_trip(session, coordinator, ids.trip, _trip_data(world, family,
                                                                staff_ids=[world.psychologist_id, therapist]))
    assert _linked(database, therapist, family)
    with database.write() as session:
        update_trip(session, coordinator, ids.trip, _trip_data(world, family))
    assert not _linked(database, therapist, family)
    _consistent(database)

    # a case with the therapist responsible, then deleted
    with database.write() as session:
        data = case_data(session, world, _Family(family, ids.child))
        case = open_case(session, coordinator, replace(data, responsible_staff_id=therapist)).id
    assert _linked(database, therapist, family)
    with database.write() as session:
        delete_case(session, coordinator, case)
    assert not _linked(database, therapist, family)
    _consistent(database)

    # the family's responsible specialist replaced and put back
    def responsible(staff_id):
        return FamilyData(world.office_id, date(2024, 1, 10), settlement_id=world.near_settlement_id,
                          responsible_staff_id=staff_id)

    with database.write() as session:
        update_family(session, coordinator, family, responsible(therapist))
    assert _linked(database, therapist, family)
    with database.write() as session:
        update_family(session, coordinator, family, responsible(world.psychologist_id))
    assert not _linked(database, therapist, family)
    with database.read() as session, pytest.raises(PermissionDenied):
        require_family(session, unrelated, family)
    _consistent(database)


def test_a_new_member_brings_the_specialists_of_their_sessions(database, world, ids):  # noqa: F811
    """A child with sessions at the therapist joins another family: the therapist now works with that family."""
    therapist, coordinator = world.speech_therapist_id, world.coordinator
    with database.write() as session:
        data = _session_data(world, session, [ids.child], hour=16)
        create_session(session, coordinator, replace(data, staff_id=therapist))
        grandmother = MemberData(world.code(session, "member_role", "guardian"), True,
                                 person=PersonData("Белова", "Нина", "Петровна", "F", date(1960, 4, 5)))
        other = register_family(session, coordinator, NewFamily(
            FamilyData(world.office_id, date(2025, 2, 1), settlement_id=world.near_settlement_id),
            [grandmother])).id
    assert not _linked(database, therapist, other)
    with database.write() as session:
        add_member(session, coordinator, other, MemberData(world.code(session, "member_role", "child"), False,
                                                           person_id=ids.child))
    assert _linked(database, therapist, other)
    _consistent(database)


def test_a_specialist_registering_a_family_works_with_it_at_once(database, world):
    """register_family makes the specialist responsible: the caseload row is there in the same unit of work,
    so the family is in their list and search right away."""
    with database.write() as session:
        mother = MemberData(world.code(session, "member_role", "mother"), True,
                            person=PersonData("Ёлкина", "Алёна", "Игоревна", "F", date(1992, 7, 8)))
        family = register_family(session, world.specialist, NewFamily(
            FamilyData(world.office_id, date(2025, 3, 1), settlement_id=world.near_settlement_id), [mother])).id
        assert require_family(session, world.specialist, family).id == family
    with database.read() as session:
        rows = search_families(session, FamilyFilter(text="елкина"), actor=world.specialist).rows
        persons = search_persons(session, world.specialist, "Елкина Алена")
    assert [row.id for row in rows] == [family]
    assert [person.last_name for person in persons] == ["Ёлкина"]
    _consistent(database)


def test_a_tampered_caseload_is_found_and_rebuilt_with_an_audit_row(database, world, ids):  # noqa: F811
    psychologist = world.psychologist_id
    stray = (world.speech_therapist_id, ids.family)
    with database.write() as session:  # someone with an SQL tool: a link removed, a stray one added
        session.execute(delete(CaseloadEntry).where(CaseloadEntry.staff_id == psychologist,
                                                    CaseloadEntry.family_id == ids.family))
        session.execute(insert(CaseloadEntry).values(staff_id=stray[0], family_id=stray[1]))
    with database.read() as session:
        found = check_caseload(session)
        assert (found.missing, found.extra) == (1, 1)
        with pytest.raises(PermissionDenied):
            require_family(session, world.specialist, ids.family)
    with database.write() as session:
        result = repair_caseload(session, world.admin)
    assert result.rebuilt_rows is not None and "лишних — 1" in result.message and "перестроена" in result.message
    _consistent(database)
    assert _linked(database, psychologist, ids.family) and stray not in _pairs(database)
    with database.read() as session:
        assert require_family(session, world.specialist, ids.family).id == ids.family
        last_id, action, entity = session.execute(select(AuditEntry.id, AuditEntry.action, AuditEntry.entity)
                                                  .order_by(AuditEntry.id.desc()).limit(1)).one()
    assert (action, entity) == ("rebuild", "caseload")
    with database.write() as session:  # nothing to do the second time: no rebuild, no audit row
        again = repair_caseload(session, world.admin)
        assert again.rebuilt_rows is None and again.found.ok
        assert session.execute(select(func.max(AuditEntry.id))).scalar_one() == last_id


def test_the_check_after_an_administrators_sign_in_repairs_and_tells(sqlite_database, sqlite_world):
    database, world = sqlite_database, sqlite_world
    with database.write() as session:
        mother = MemberData(world.code(session, "member_role", "mother"), True,
                            person=PersonData("Белова", "Ирина", "Сергеевна", "F", date(1990, 2, 3)))
        family = register_family(session, world.specialist, NewFamily(
            FamilyData(world.office_id, date(2025, 3, 1)), [mother])).id
        session.execute(delete(CaseloadEntry))
    assert run_background_checks(database, world.specialist) == []  # not a specialist's check (it takes seconds)
    assert not _linked(database, world.psychologist_id, family)
    warnings = run_background_checks(database, world.admin)
    assert len(warnings) == 1 and "не хватает связей — 1" in warnings[0] and "перестроена" in warnings[0]
    assert _linked(database, world.psychologist_id, family)


def test_migration_0007_fills_the_table_as_the_services_keep_it(database, world, ids):  # noqa: F811
    """The migration's own SQL (written out, not the app's query) gives the same rows on a filled database."""
    module = migration_module(MIGRATION)
    kept = _pairs(database)
    assert len(kept) >= 1 and {staff for staff, _family in kept} == {world.psychologist_id}
    with database.write() as session:
        session.execute(delete(CaseloadEntry))
        session.execute(text(module.FILL))
    assert _pairs(database) == kept


def test_the_demo_generator_builds_the_caseload(tmp_path):
    from app.system.bootstrap import open_database
    from demo.generator import generate_demo

    database = open_database(str(tmp_path / "demo.db"))
    try:
        generate_demo(database, families=25, seed=4, today=date(2026, 3, 16))
        _consistent(database)
        with database.read() as session:
            rows = session.execute(select(func.count()).select_from(CaseloadEntry)).scalar_one()
            families = session.execute(select(func.count()).select_from(Family)).scalar_one()
        assert rows >= families  # every demo family has at least its responsible specialist
    finally:
        database.dispose()


def test_imports_keep_the_caseload(database, world, tmp_path):
    """A registry imported by a specialist (the bulk path: they become responsible) and a sessions journal
    (the bulk insert of sessions) leave the table equal to its sources."""
    from tests.app.importing.samples import write_xlsx
    from tests.app.importing.test_journals_import import CHILD_SNILS, _run, _service_name

    path = write_xlsx(tmp_path / "registry.xlsx", [
        ["№ семьи", "ФИО", "Дата рождения", "СНИЛС", "Населённый пункт"],
        [1, "Королёва Мария Ивановна", "01.01.1985", None, "Центральный"],
        [1, "Королёв Артём Олегович", "02.02.2016", CHILD_SNILS, None],
        [2, "Петрова Анна Сергеевна", "05.05.1990", None, "Центральный"],
    ])
    summary, _preview = _run(database, world.specialist, path, "families")
    assert summary.created == 3
    _consistent(database)
    with database.read() as session:
        families = set(session.execute(select(Family.id)).scalars())
    assert len(families) == 2 and all(_linked(database, world.psychologist_id, f) for f in families)
    service = _service_name(database)
    journal = write_xlsx(tmp_path / "sessions.xlsx", [
        ["Дата", "Время", "СНИЛС", "Специалист", "Услуга", "Явка"],
        ["03.03.2025", "10:00", CHILD_SNILS, "Кузнецова А.П.", service, "да"],
        ["04.03.2025", "10:00", CHILD_SNILS, "Кузнецова А.П.", service, "нет"],
    ])
    summary, _preview = _run(database, world.coordinator, journal, "sessions")
    assert summary.created == 2
    with database.read() as session:
        korolev = session.execute(select(FamilyMember.family_id).join(Person, Person.id == FamilyMember.person_id)
                                  .where(Person.last_name == "Королёв")).scalar_one()
    assert _linked(database, world.speech_therapist_id, korolev)
    _consistent(database)


def test_the_command_line_check(database, world, ids, monkeypatch, capsys):  # noqa: F811
    from cli.main import run
    from tests.world import PASSWORD

    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    assert run(["caseload", "check", "--db", database.url, "--user", "admin"]) == 0
    assert "совпадает с данными" in capsys.readouterr().out
    with database.write() as session:
        session.execute(delete(CaseloadEntry))
    assert run(["caseload", "check", "--db", database.url, "--user", "admin"]) == 3
    assert "не хватает связей — 1" in capsys.readouterr().out
    assert run(["caseload", "check", "--db", database.url, "--user", "coord"]) == 1
    assert "администратор" in capsys.readouterr().err
    assert _pairs(database) == set()  # a refused or a plain check changes nothing
    assert run(["caseload", "check", "--repair", "--db", database.url, "--user", "admin"]) == 0
    assert "перестроена" in capsys.readouterr().out
    _consistent(database)


def test_a_deleted_family_leaves_the_caseload(database, world, ids):  # noqa: F811
    """The table holds live families only, so a specialist's search needs no look at the families table."""
    from app.registry.families import delete_family

    assert _linked(database, world.psychologist_id, ids.family)
    with database.write() as session:
        delete_family(session, world.coordinator, ids.family)
    assert not any(family == ids.family for _staff, family in _pairs(database))
    _consistent(database)
    with database.read() as session:
        assert search_persons(session, world.specialist, "Белова") == []
        assert search_families(session, FamilyFilter(), actor=world.specialist).total == 0
