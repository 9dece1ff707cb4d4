"""Deadlines computed from a hand-built set of families: every kind finds exactly the records it should, the
administrator's switches and days are obeyed, a specialist sees only their own families, and the workbook and
the command line give the same list."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from app.cases.cases import open_case
from app.cases.plan_items import PlanItemData, add_plan_item
from app.core.dates import add_years
from app.core.errors import PermissionDenied, ValidationError
from app.registry.children import ChildProfileData, save_child_profile
from app.registry.consents import ConsentData, add_consent
from app.registry.families import CategoryData, FamilyData, MemberData, NewFamily, register_family
from app.registry.persons import PersonData
from app.visits.visits import VisitData, create_visit
from app.worklist.deadlines import compute_deadlines
from app.worklist.settings import read_deadline_settings, write_deadline_setting
from app.worklist.workbook import write_deadlines_xlsx
from tests.app.case_setup import case_data
from tests.app.family_setup import MotherAndChild, _member_ids
from tests.world import PASSWORD

TODAY = date.today()


@dataclass(frozen=True)
class Built:
    families: dict[str, MotherAndChild]


def _family(database, world, last: str, child_birth: date, categories=(), consent: bool = True,
            responsible=None) -> MotherAndChild:
    with database.write() as session:
        role = {code: world.code(session, "member_role", code) for code in ("mother", "child")}
        data = NewFamily(FamilyData(world.office_id, date(2024, 1, 10), responsible_staff_id=responsible), [
            MemberData(role["mother"], True, PersonData(last, "Ирина", "Сергеевна", "F", date(1990, 2, 3))),
            MemberData(role["child"], False, PersonData(last, "Дарья", "Павловна", "F", child_birth)),
        ], list(categories))
        family_id = register_family(session, world.coordinator, data).id
        ids = _member_ids(session, family_id)
        if consent:
            for person in ids.values():
                add_consent(session, world.coordinator, person,
                            ConsentData(TODAY - timedelta(days=100), signer_person_id=ids["Ирина"]))
    return MotherAndChild(family_id, ids["Ирина"], ids["Дарья"])


def _sop(session, world) -> CategoryData:
    return CategoryData(world.code(session, "family_category", "sop"), TODAY - timedelta(days=200),
                        kdn_intake_number="12", kdn_intake_date=TODAY - timedelta(days=200))


def open_new_case(database, world, family, **overrides):
    with database.write() as session:
        return open_case(session, world.coordinator, case_data(session, world, family, **overrides)).id


def add_plan_row(database, world, case_id, data: PlanItemData) -> None:
    with database.write() as session:
        add_plan_item(session, world.coordinator, case_id, data)


@pytest.fixture
def built(database, world) -> Built:
    families: dict[str, MotherAndChild] = {}
    families["quiet"] = _family(database, world, "Тихонова", add_years(TODAY, -8))  # nothing due
    families["ipra"] = _family(database, world, "Иванова", add_years(TODAY, -9))
    with database.write() as session:
        save_child_profile(session, world.coordinator, families["ipra"].child_id, ChildProfileData(
            is_disabled=True, disability_since=TODAY - timedelta(days=700), ipra_number="77/2024",
            ipra_date=TODAY - timedelta(days=700), ipra_term="2y", ipra_until=TODAY + timedelta(days=30)))
    families["no_consent"] = _family(database, world, "Петрова", add_years(TODAY, -7), consent=False)
    families["plan"] = _family(database, world, "Сидорова", add_years(TODAY, -10))
    case = open_new_case(database, world, families["plan"], opened_on=TODAY - timedelta(days=20))
    add_plan_row(database, world, case, PlanItemData("Консультация юриста", executor_staff_id=world.psychologist_id,
                                                     due_on=TODAY - timedelta(days=5)))
    add_plan_row(database, world, case, PlanItemData("Консультация логопеда", executor_staff_id=world.psychologist_id,
                                                     due_on=TODAY + timedelta(days=5)))
    with database.write() as session:
        sop = _sop(session, world)
    families["sop"] = _family(database, world, "Кузнецова", add_years(TODAY, -6), [sop])
    families["sop_visited"] = _family(database, world, "Волкова", add_years(TODAY, -6), [sop])
    with database.write() as session:
        create_visit(session, world.coordinator, VisitData(
            families["sop_visited"].id, TODAY - timedelta(days=3), [world.psychologist_id], "Патронаж",
            world.code(session, "delivery_mode", "family_home")))
    families["three"] = _family(database, world, "Орлова", add_years(TODAY + timedelta(days=20), -3))
    with database.write() as session:
        save_child_profile(session, world.coordinator, families["three"].child_id,
                           ChildProfileData(early_help_needed=True))
    families["eighteen"] = _family(database, world, "Лебедева", add_years(TODAY + timedelta(days=40), -18))
    families["silent"] = _family(database, world, "Морозова", add_years(TODAY, -11))
    open_new_case(database, world, families["silent"], opened_on=TODAY - timedelta(days=120))
    return Built(families)


def _found(database, actor, **kwargs) -> set[tuple[str, object]]:
    with database.read() as session:
        return {(d.kind, uuid.UUID(d.person_id or d.family_id))
                for d in compute_deadlines(session, actor, TODAY, **kwargs)}


def test_each_kind_finds_exactly_its_records(database, world, built):
    f = built.families
    assert _found(database, world.coordinator) == {
        ("ipra", f["ipra"].child_id),
        ("consent", f["no_consent"].mother_id), ("consent", f["no_consent"].child_id),
        ("plan_overdue", f["plan"].id),  # the row due in five days is not overdue
        ("sop_no_visit", f["sop"].id),  # the СОП family visited three days ago is not
        ("early_help_age", f["three"].child_id),
        ("adulthood", f["eighteen"].child_id),
        ("no_contact", f["silent"].id),  # on support for 120 days, nobody went
    }


def test_the_administrators_switches_and_days_are_obeyed(database, world, built):
    with database.write() as session:
        write_deadline_setting(session, world.admin, "consent", False, 30)
        write_deadline_setting(session, world.admin, "ipra", True, 10)  # the ИПРА ends in 30 days: not yet
        write_deadline_setting(session, world.admin, "no_contact", True, 200)  # 120 silent days are fine now
    kinds = {kind for kind, _ in _found(database, world.coordinator)}
    assert kinds == {"plan_overdue", "sop_no_visit", "early_help_age", "adulthood"}
    with database.read() as session:
        settings = {s.kind.code: (s.enabled, s.days) for s in read_deadline_settings(session)}
    assert settings["consent"] == (False, 30) and settings["ipra"] == (True, 10)


def test_only_an_administrator_changes_them_and_bad_days_are_named(database, world, built):
    with database.write() as session, pytest.raises(PermissionDenied):
        write_deadline_setting(session, world.specialist, "ipra", False, 30)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        write_deadline_setting(session, world.admin, "ipra", True, -5)
    assert "ИПРА" in next(iter(caught.value.errors.values()))


def test_a_specialist_sees_only_their_own_families(database, world, built):
    own = _family(database, world, "Белова", add_years(TODAY, -5), consent=False,
                  responsible=world.specialist.staff_id)
    found = _found(database, world.specialist)
    f = built.families
    # Their own family, and the two whose cases they are responsible for (case_data names them); no other.
    assert found == {("consent", own.mother_id), ("consent", own.child_id), ("plan_overdue", f["plan"].id),
                     ("no_contact", f["silent"].id)}


def test_the_workbook_lists_the_same_deadlines(database, world, built, tmp_path):
    with database.read() as session:
        deadlines = compute_deadlines(session, world.coordinator, TODAY)
    path = write_deadlines_xlsx(deadlines, tmp_path / "сроки.xlsx", TODAY, "Координатор")
    sheet = load_workbook(path).active
    header = next(row for row in range(1, 10) if sheet.cell(row, 1).value == "Срок")
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=header + 1)]
    assert len(rows) == len(deadlines)
    assert {row[1] for row in rows} == {d.title for d in deadlines}
    assert "Всего: 8" in sheet["A2"].value


def test_the_command_line_prints_the_same_list(sqlite_database, sqlite_world, tmp_path):
    _family(sqlite_database, sqlite_world, "Петрова", add_years(TODAY, -7), consent=False)
    result = subprocess.run(
        [sys.executable, "-m", "cli.main", "deadlines", "--db", str(sqlite_database.sqlite_path), "--user",
         "coord", "--json", "--xlsx", str(tmp_path / "list.xlsx")],
        capture_output=True, text=True, env={"OPORA_PASSWORD": PASSWORD, "PATH": "/usr/bin:/bin",
                                             "PYTHONPATH": "src", "HOME": str(tmp_path)}, timeout=120)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert sorted((r["kind"], r["person"]) for r in rows) == [("consent", "Петрова Дарья Павловна"),
                                                              ("consent", "Петрова Ирина Сергеевна")]
    assert (tmp_path / "list.xlsx").is_file()


@pytest.mark.parametrize("typed", ["31.02.2026", "2026-12-01", "завтра"])
def test_a_bad_date_on_the_command_line_is_named_in_russian(typed):
    from cli.deadlines import _day

    with pytest.raises(ValidationError) as caught:
        _day(typed)
    assert caught.value.errors == {"date": "Параметр --date: укажите дату в виде ДД.ММ.ГГГГ."}
