"""«Отчёт о мероприятиях»: a small known set of events, its figures, and the XLSX read back."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.events.events import EventData, EventParticipant, create_event, delete_event
from app.registry.families import FamilyData, MemberData, NewFamily, delete_family, register_family
from app.registry.persons import PersonData
from app.reports.events_report import EventTypeTotal, events_of_period, export_events_xlsx
from db.models import FamilyMember

Q2 = (date(2026, 4, 1), date(2026, 6, 30))


def _family(session, world, last_name: str):
    member = MemberData(world.code(session, "member_role", "mother"), True,
                        person=PersonData(last_name, "Ольга", None, "F", date(1990, 1, 1)))
    return register_family(session, world.specialist, NewFamily(
        FamilyData(office_id=world.office_id, registered_on=date(2025, 1, 15)), [member])).id


def _event(session, world, type_code: str, format_code: str, starts_on: date, counts: tuple, *,
           ends_on: date | None = None, families: list | None = None, title: str = "Мероприятие") -> uuid.UUID:
    specialists, parents, children, others, in_person, online = counts
    data = EventData(
        office_id=world.office_id, type_id=world.code(session, "event_type", type_code), title=title,
        starts_on=starts_on, ends_on=ends_on, place="Актовый зал",
        format_id=world.code(session, "event_format", format_code), specialists_count=specialists,
        parents_count=parents, children_count=children, others_count=others, in_person_count=in_person,
        online_count=online, districts_count=2, regions_count=1, families=families or [])
    return create_event(session, world.specialist, data).id


@pytest.fixture
def dataset(database, world):
    with database.write() as session:
        a, b, c, d = (_family(session, world, name) for name in ("Антонова", "Борисова", "Васильева", "Гусева"))
        mother_a = session.execute(select(FamilyMember.person_id).where(FamilyMember.family_id == a)).scalar_one()
        _event(session, world, "parent_club", "mixed", date(2026, 4, 14), (4, 18, 6, 2, 22, 8),
               title="Клуб «Особый ребёнок»",
               families=[EventParticipant(a, mother_a, True), EventParticipant(b, None, None)])
        _event(session, world, "seminar", "in_person", date(2026, 5, 20), (10, 5, 0, 1, 16, 0),
               ends_on=date(2026, 5, 21), title="=Семинар для специалистов",
               families=[EventParticipant(a, None, True), EventParticipant(c, None, True),
                         EventParticipant(d, None, True)])
        _event(session, world, "parent_club", "remote", date(2026, 6, 30), (1, 9, 0, 0, 0, 10),
               title="Онлайн-встреча", families=[EventParticipant(c, None, False)])
        # Not in the report: starts after the quarter, starts before it, soft-deleted.
        _event(session, world, "parent_club", "in_person", date(2026, 7, 1), (1, 1, 1, 1, 4, 0))
        _event(session, world, "seminar", "in_person", date(2026, 3, 31), (1, 1, 1, 1, 4, 0),
               ends_on=date(2026, 4, 2))
        deleted = _event(session, world, "seminar", "in_person", date(2026, 5, 1), (1, 1, 1, 1, 4, 0))
        delete_event(session, world.specialist, deleted)
        delete_family(session, world.specialist, d)  # a soft-deleted family is not counted


SEMINAR = EventTypeTotal("Семинар", 1, 16, 16, 0, 10, 5, 0, 1, 2)
CLUB = EventTypeTotal("Заседание клуба для родителей", 2, 40, 22, 18, 5, 27, 6, 2, 1)
TOTAL = EventTypeTotal("Итого", 3, 56, 38, 18, 15, 32, 6, 3, 3)


def test_events_of_the_period_and_their_totals(database, world, dataset):
    with database.read() as session:
        report = events_of_period(session, *Q2)
        other_office = events_of_period(session, *Q2, office_ids={uuid.uuid4()})
        same_office = events_of_period(session, *Q2, office_ids={world.office_id})
    assert [(r.starts_on, r.ends_on, r.title, r.type_name, r.format_name) for r in report.rows] == [
        (date(2026, 4, 14), date(2026, 4, 14), "Клуб «Особый ребёнок»", "Заседание клуба для родителей",
         "Смешанный формат"),
        (date(2026, 5, 20), date(2026, 5, 21), "=Семинар для специалистов", "Семинар", "Очно"),
        (date(2026, 6, 30), date(2026, 6, 30), "Онлайн-встреча", "Заседание клуба для родителей", "Дистанционно"),
    ]
    assert [(r.participants_total, r.in_person, r.online, r.specialists, r.parents, r.children, r.others)
            for r in report.rows] == [(30, 22, 8, 4, 18, 6, 2), (16, 16, 0, 10, 5, 0, 1), (10, 0, 10, 1, 9, 0, 0)]
    assert [(r.districts, r.regions, r.place) for r in report.rows] == [(2, 1, "Актовый зал")] * 3
    assert [(r.families_registered, r.families_attended) for r in report.rows] == [(2, 1), (2, 2), (1, 0)]
    assert sorted(report.by_type, key=lambda t: t.type_name) == [CLUB, SEMINAR]
    assert report.total == TOTAL
    assert report.families_distinct == 2
    assert report.organisation == "ГБУ «Тестовый центр помощи семье и детям»"
    assert (other_office.rows, other_office.by_type, other_office.total.events) == ([], [], 0)
    assert other_office.total == EventTypeTotal("Итого", 0, 0, 0, 0, 0, 0, 0, 0, 0)
    assert same_office == report


def test_xlsx_figures_match_the_report(database, dataset, tmp_path):
    with database.read() as session:
        report = events_of_period(session, *Q2)
    book = load_workbook(export_events_xlsx(report, tmp_path / "events.xlsx"))
    sheet = book["Мероприятия"]
    assert sheet["A2"].value == "Отчёт о мероприятиях"
    assert sheet["A3"].value == "Период: 01.04.2026 — 30.06.2026"
    first, header = 6, 5
    assert sheet.cell(header, 8).value == "Участников всего"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=first, max_row=first + 2)]
    assert rows[1] == [2, datetime(2026, 5, 20), datetime(2026, 5, 21), "=Семинар для специалистов", "Семинар",
                       "Очно", "Актовый зал", 16, 16, 0, 10, 5, 0, 1, 2, 1, 2, 2]
    assert sheet.cell(first + 1, 4).data_type == "s"  # user text, not a formula
    assert sheet.cell(first, 2).number_format == "DD.MM.YYYY"
    totals = first + 3
    assert sheet.cell(totals, 4).value == "Итого"
    assert sheet.cell(totals, 8).value == f"=SUM(H{first}:H{first + 2})"
    assert sheet.cell(totals, 18).value == f"=SUM(R{first}:R{first + 2})"
    assert sheet.cell(totals, 15).value is None  # districts are not added up
    summed = [sum(row[column] for row in rows) for column in range(7, 14)]
    assert summed == [56, 38, 18, 15, 32, 6, 3]
    assert sum(row[17] for row in rows) == TOTAL.families_attended
    assert sheet.freeze_panes == f"E{first}"

    types = book["По видам"]
    values = {row[0]: row[1:] for row in types.iter_rows(min_row=first, max_row=first + 1, values_only=True)}
    assert values == {
        "Семинар": (1, 16, 16, 0, 10, 5, 0, 1, 2),
        "Заседание клуба для родителей": (2, 40, 22, 18, 5, 27, 6, 2, 1),
    }
    assert [types.cell(first + 2, column).value for column in (1, 2, 3, 10)] == [
        "Итого", f"=SUM(B{first}:B{first + 1})", f"=SUM(C{first}:C{first + 1})", f"=SUM(J{first}:J{first + 1})"]
    assert types.cell(first + 3, 1).value == "Разных семей на мероприятиях: 2"
    assert int(types.page_setup.paperSize) == 9 and types.page_setup.fitToWidth == 1
