"""The trip route sheet: read from the database, written as DOCX (reopened with python-docx) and as
PDF (text extracted with pdftotext, Cyrillic included)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from docx import Document
from sqlalchemy import select

from app.trips.route_sheet import (
    export_route_sheet_docx,
    export_route_sheet_pdf,
    load_route_sheet,
    route_sheet_file_name,
)
from app.trips.trips import PlannedFamily, plan_trip
from db.models import Family, Person
from tests.app.documents.gost_checks import assert_gost_layout
from tests.app.trip_setup import family_living_in, trip_data


@pytest.fixture
def sheet(database, world):
    with database.write() as session:
        near, _ = family_living_in(world, session, "Иванова", world.near_settlement_id)
        far, _ = family_living_in(world, session, "Петрова", world.far_settlement_id)
        far2, _ = family_living_in(world, session, "Орлова", world.far_settlement_id)
        family = session.get(Family, near)
        family.street, family.house, family.apartment, family.phone = "ул. Ленина", "5", "12", "+7 900 111-22-33"
        session.get(Family, far2).street = "ул. Садовая"
        mother = session.execute(select(Person).where(Person.last_name == "Петрова",
                                                      Person.first_name == "Мария")).scalar_one()
        mother.phone = "+7 900 444-55-66"
        families = [PlannedFamily(far, "Консультация психолога <срочно>"), PlannedFamily(near, "Логопед"),
                    PlannedFamily(far2, "Патронаж")]
        trip_id = plan_trip(session, world.specialist, trip_data(world, families)).id
    with database.read() as session:
        return load_route_sheet(session, world.coordinator, trip_id)


def test_route_sheet_reads_route_order_members_and_families(sheet):
    assert sheet.organization == "ГБУ «Тестовый центр помощи семье и детям»"
    assert sheet.number == "1/2026"
    assert [(s.settlement, s.distance) for s in sheet.stops] == [("Центральный", "0 км"), ("Дальнее", "150 км")]
    assert [m.name for m in sheet.members] == ["Кузнецова Анна Петровна", "Смирнова Ольга Ивановна"]
    assert all(m.position for m in sheet.members)
    near, far = sheet.stops
    assert [(f.number, f.title) for f in near.families] == [(1, "Иванова Мария")]
    assert near.families[0].address == "Центральный, ул. Ленина, д. 5, кв. 12"
    assert near.families[0].phone == "+7 900 111-22-33"
    assert [(f.number, f.title) for f in far.families] == [(2, "Орлова Мария"), (3, "Петрова Мария")]
    assert far.families[1].phone == "+7 900 444-55-66"  # the mother's phone: the family has none
    assert sheet.family_count == 3
    assert route_sheet_file_name(sheet, ".pdf") == "Маршрутный лист 1-2026 16.06.2026.pdf"


def test_route_sheet_docx(sheet, tmp_path):
    target = export_route_sheet_docx(sheet, tmp_path / "sheet.docx")
    assert_gost_layout(target)
    document = Document(str(target))
    text = "\n".join(p.text.replace("\xa0", " ") for p in document.paragraphs)
    assert "Маршрутный лист выезда мобильной бригады № 1/2026" in text
    assert "от 16.06.2026" in text and "16 июня 2026 г." in text
    assert "ГБУ «Тестовый центр помощи семье и детям»" in text
    assert "Транспорт: УАЗ «Профи»" in text
    assert "Смирнова Ольга Ивановна — " in text
    assert "1. Центральный (Тестовый район) — 0 км от отделения" in text
    assert text.index("Пункт 1. Центральный") < text.index("Пункт 2. Дальнее, 150 км")
    assert "Заведующий отделением" in text
    assert "Водитель  ______________" in text  # the driver signs the route sheet too
    assert "{{" not in text and "{%" not in text
    assert len(document.tables) == 2
    rows = [[cell.text.replace("\xa0", " ") for cell in row.cells] for row in document.tables[1].rows]
    assert rows[0] == ["№", "Семья (ФИО)", "Адрес", "Телефон", "Планируемая работа", "Отметка о выполнении"]
    assert rows[1:] == [
        ["2", "Орлова Мария", "Дальнее, ул. Садовая", "", "Патронаж", ""],
        ["3", "Петрова Мария", "Дальнее", "+7 900 444-55-66", "Консультация психолога <срочно>", ""],
    ]
    first = [[cell.text.replace("\xa0", " ") for cell in row.cells] for row in document.tables[0].rows]
    assert first[1][:5] == ["1", "Иванова Мария", "Центральный, ул. Ленина, д. 5, кв. 12", "+7 900 111-22-33",
                            "Логопед"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_route_sheet_pdf_has_cyrillic_text(sheet, tmp_path):
    target = export_route_sheet_pdf(sheet, tmp_path / "out" / "sheet.pdf")
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert "Маршрутный лист выезда мобильной бригады № 1/2026 от 16.06.2026" in flat
    assert "ГБУ «Тестовый центр помощи семье и детям»" in flat
    assert "УАЗ «Профи»" in flat
    assert "Смирнова Ольга Ивановна" in flat and "Кузнецова Анна Петровна" in flat
    for expected in ("Иванова Мария", "ул. Ленина, д. 5, кв. 12", "+7 900 111-22-33", "Логопед",
                     "+7 900 444-55-66", "Консультация психолога <срочно>", "Отметка о выполнении",
                     "Заведующий отделением", "Водитель", f"Семей в маршрутном листе: {sheet.family_count}"):
        assert expected in flat  # the same lines as the DOCX
    assert flat.index("Пункт 1. Центральный") < flat.index("Пункт 2. Дальнее") < flat.index("Петрова Мария")
    assert list(target.parent.iterdir()) == [target]  # no temporary file left behind
