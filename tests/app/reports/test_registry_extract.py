"""«Выписка из реестра»: the registry filters, current members, real dates, formatted СНИЛС, progress."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.cases.cases import CaseData, close_case, delete_case, open_case
from app.core.errors import Cancelled
from app.registry.families import CategoryData, FamilyData, MemberData, NewFamily, register_family, remove_member
from app.registry.family_list import FamilyFilter
from app.registry.persons import PersonData
from app.reports import registry_extract
from app.reports.previews import registry_tables
from app.reports.registry_extract import export_registry_xlsx, registry_rows
from db.models import DictionaryItem, FamilyMember, Person, SupportCase

TODAY = date(2026, 6, 15)


def _family(session, world, last_name: str, district_id, *, snils: str | None = None, large: bool = False):
    role = {code: world.code(session, "member_role", code) for code in ("mother", "child")}
    categories = [CategoryData(world.code(session, "family_category", "large"), date(2025, 1, 15))] if large else []
    data = NewFamily(
        FamilyData(office_id=world.office_id, registered_on=date(2025, 1, 10), district_id=district_id,
                   street="ул. Ленина", house="5", apartment="12", phone="+7 900 000-00-00"),
        [MemberData(role["mother"], True, person=PersonData(last_name, "Ирина", "Сергеевна", "F",
                                                            date(1990, 2, 3), snils=snils)),
         MemberData(role["child"], False, person=PersonData(last_name, "Дарья", None, "F", date(2019, 6, 16)))],
        categories)
    return register_family(session, world.specialist, data).id


@pytest.fixture
def families(database, world):
    with database.write() as session:
        first = _family(session, world, "Антонова", world.district_id, snils="11223344595", large=True)
        second = _family(session, world, "Борисова", world.district_id)
        other = _family(session, world, "Васильева", world.other_district_id)
        # Борисова's daughter left the family: not a current member.
        link = session.execute(select(FamilyMember.id).join(Person, Person.id == FamilyMember.person_id)
                               .where(FamilyMember.family_id == second, Person.first_name == "Дарья")).scalar_one()
        remove_member(session, world.specialist, link, date(2026, 1, 1))
    return first, second, other


def test_rows_follow_the_registry_filters(database, world, families):
    first, second, _ = families
    with database.read() as session:
        rows = registry_rows(session, FamilyFilter(district_id=world.district_id), TODAY)
        everyone = registry_rows(session, FamilyFilter(), TODAY)
        large = registry_rows(session, FamilyFilter(category_id=world.code(session, "family_category", "large")),
                              TODAY)
    assert [(row.family_title, row.full_name) for row in rows] == [
        ("Антонова Ирина Сергеевна", "Антонова Ирина Сергеевна"),
        ("Антонова Ирина Сергеевна", "Антонова Дарья"),
        ("Борисова Ирина Сергеевна", "Борисова Ирина Сергеевна"),
    ]
    assert len(everyone) == 5
    assert {row.family_id for row in large} == {first}
    mother, child = rows[0], rows[1]
    assert (mother.role, mother.is_legal_representative, mother.snils) == ("Мать", True, "112-233-445 95")
    assert (mother.birth_date, mother.age) == (date(1990, 2, 3), 36)
    assert (child.role, child.is_legal_representative, child.snils) == ("Ребёнок (сын, дочь)", False, "")
    assert child.age == 6  # the seventh birthday is tomorrow
    assert (mother.district, mother.address, mother.phone) == ("Тестовый район", "ул. Ленина, д. 5, кв. 12",
                                                               "+7 (900) 000-00-00")
    assert mother.categories == ("Многодет.",)
    assert rows[2].family_id == second


def test_export_writes_one_row_per_member(database, world, families, tmp_path):
    with database.read() as session:
        target = export_registry_xlsx(session, FamilyFilter(district_id=world.district_id), tmp_path / "r.xlsx",
                                      today=TODAY)
    sheet = load_workbook(target)["Выписка"]
    assert sheet["A2"].value == "Выписка из реестра семей"
    assert sheet["A3"].value == "По состоянию на 15.06.2026"
    header = 5
    assert sheet.cell(header, 8).value == "Сопровождение" and sheet.cell(header, 9).value == "ФИО члена семьи"
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=header + 1, max_row=header + 3)]
    assert values[0] == [1, "Антонова Ирина Сергеевна", "Тестовый район", None, "ул. Ленина, д. 5, кв. 12",
                         "+7 (900) 000-00-00", "Многодет.", None, "Антонова Ирина Сергеевна", "Мать",
                         datetime(1990, 2, 3), 36, "112-233-445 95", "да"]
    assert values[1][0] == 1 and values[1][8] == "Антонова Дарья" and values[1][13] == "нет"
    assert values[2][0] == 2 and values[2][8] == "Борисова Ирина Сергеевна"
    assert sheet.cell(header + 1, 11).number_format == "DD.MM.YYYY"
    assert sheet.cell(header + 4, 2).value == "Семей: 2, членов семей: 3"
    assert sheet.freeze_panes == f"C{header + 1}"


def test_the_support_of_the_day_with_its_level(database, world, families, tmp_path):
    """The cases open on the extract's day, with their level of support: not one closed before it, not one opened
    after it, not a deleted one; the same in the preview and in the workbook."""
    first, second, _ = families
    with database.write() as session:
        kind = world.code(session, "case_kind", "social_support")
        intensive = world.code(session, "support_level", "intensive")
        reason = world.code(session, "case_closing_reason", "family_moved")
        open_case(session, world.specialist, CaseData(first, kind, opened_on=date(2025, 3, 1),
                                                      support_level_id=intensive))
        open_case(session, world.specialist, CaseData(first, world.code(session, "case_kind", "ipr_sop"),
                                                      opened_on=date(2025, 4, 1)))
        closed = open_case(session, world.specialist, CaseData(second, kind, opened_on=date(2025, 3, 1))).id
        close_case(session, world.specialist, closed, date(2026, 6, 1), reason)
        deleted = open_case(session, world.specialist, CaseData(second, kind, opened_on=date(2025, 5, 1))).id
        delete_case(session, world.specialist, deleted)
        later = open_case(session, world.specialist, CaseData(second, kind, opened_on=date(2026, 6, 15))).id
    with database.read() as session:
        rows = registry_rows(session, FamilyFilter(district_id=world.district_id), TODAY - timedelta(days=1))
        target = export_registry_xlsx(session, FamilyFilter(district_id=world.district_id), tmp_path / "r.xlsx",
                                      today=TODAY - timedelta(days=1))
        sop = session.get(DictionaryItem, world.code(session, "case_kind", "ipr_sop")).name
        social = session.get(DictionaryItem, kind).name
        assert session.get(SupportCase, later).opened_on == TODAY
    expected = (f"{social} (интенсивный)", sop)
    assert {row.family_id: row.support for row in rows} == {first: expected, second: ()}
    [preview] = registry_tables(rows)
    assert preview.headers[-1] == "Сопровождение" and preview.rows[0][-1] == "; ".join(expected)
    sheet = load_workbook(target)["Выписка"]
    assert [sheet.cell(row, 8).value for row in range(6, 9)] == ["; ".join(expected)] * 2 + [None]


def test_progress_every_page_and_cancel_leaves_no_file(database, world, families, tmp_path, monkeypatch):
    monkeypatch.setattr(registry_extract, "PAGE_SIZE", 2)
    calls: list[tuple[int, int, str]] = []
    with database.read() as session:
        export_registry_xlsx(session, FamilyFilter(), tmp_path / "all.xlsx",
                             lambda *args: calls.append(args), today=TODAY)
    assert calls[:2] == [(2, 3, "Семьи реестра"), (3, 3, "Семьи реестра")]
    assert calls[-1] == (3, 3, "Запись файла")

    def cancel(done: int, _total: int, _label: str) -> None:
        if done >= 2:
            raise Cancelled()

    target = tmp_path / "out" / "cancelled.xlsx"
    target.parent.mkdir()
    with database.read() as session, pytest.raises(Cancelled):
        export_registry_xlsx(session, FamilyFilter(), target, cancel, today=TODAY)
    assert not target.exists()
    assert list(target.parent.iterdir()) == []  # no temporary file left behind either
