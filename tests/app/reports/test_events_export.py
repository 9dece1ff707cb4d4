"""«Отчёт о мероприятиях» as DOCX and PDF: both files reopened (python-docx, pdftotext) and every figure
compared with the EventsReport; user text with markup characters comes out as typed."""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT

from app.events.events import EventData, EventParticipant, create_event
from app.reports.events_export import (
    NO_EVENTS,
    SECTIONS,
    event_dates,
    export_events_docx,
    export_events_pdf,
    report_period,
)
from app.reports.events_report import EventsReport, EventTypeTotal, events_of_period
from tests.app.documents.gost_checks import assert_gost_layout
from tests.app.reports.test_events_report import _family

Q2 = (date(2026, 4, 1), date(2026, 6, 30))
ORGANISATION = "ГБУ «Тестовый центр помощи семье и детям»"
MARKUP_TITLE = "Встреча <родителей> & детей"
MARKUP_PLACE = "Кабинет <№ 5> & холл"
FORMULA_TITLE = "=Семинар для специалистов"
SIGNER = "Петрова Анна Борисовна"
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (poppler-utils) is not installed")


def _event(session, world, type_code: str, format_code: str, starts_on: date, counts: tuple, *, title: str,
           ends_on: date | None = None, place: str = "Актовый зал", families: list | None = None) -> uuid.UUID:
    specialists, parents, children, others, in_person, online = counts
    return create_event(session, world.specialist, EventData(
        office_id=world.office_id, type_id=world.code(session, "event_type", type_code), title=title,
        starts_on=starts_on, ends_on=ends_on, place=place, format_id=world.code(session, "event_format", format_code),
        specialists_count=specialists, parents_count=parents, children_count=children, others_count=others,
        in_person_count=in_person, online_count=online, districts_count=2, regions_count=1,
        families=families or [])).id


@pytest.fixture
def report(database, world) -> EventsReport:
    with database.write() as session:
        a, b, c = (_family(session, world, name) for name in ("Антонова", "Борисова", "Васильева"))
        _event(session, world, "parent_club", "mixed", date(2026, 4, 14), (4, 18, 6, 2, 22, 8),
               title="Клуб «Особый ребёнок»", families=[EventParticipant(a, None, True), EventParticipant(b)])
        _event(session, world, "seminar", "in_person", date(2026, 5, 20), (10, 5, 0, 1, 16, 0),
               ends_on=date(2026, 5, 21), title=FORMULA_TITLE,
               families=[EventParticipant(a, None, True), EventParticipant(c, None, True)])
        _event(session, world, "parent_club", "remote", date(2026, 6, 30), (1, 9, 0, 0, 0, 10),
               title=MARKUP_TITLE, place=MARKUP_PLACE, families=[EventParticipant(c, None, False)])
        _event(session, world, "seminar", "in_person", date(2026, 7, 1), (1, 1, 1, 1, 4, 0), title="Июльский")
    with database.read() as session:
        result = events_of_period(session, *Q2)
    # Known answers first, so that the files are compared with a report that is itself right.
    assert [row.title for row in result.rows] == ["Клуб «Особый ребёнок»", FORMULA_TITLE, MARKUP_TITLE]
    assert result.total == EventTypeTotal("Итого", 3, 56, 38, 18, 15, 32, 6, 3, 3)
    assert result.families_distinct == 2
    return result


def _counts(item) -> list[int]:
    return [item.participants_total, item.in_person, item.online, item.specialists, item.parents, item.children,
            item.others]


def _expected_tables(report: EventsReport) -> list[list[list[str]]]:
    """The three tables' body rows (total rows included) as the files must show them."""
    registered = sum(row.families_registered for row in report.rows)
    events = [[str(number), event_dates(row), row.title, row.type_name, row.format_name, row.place,
               *(str(value) for value in _counts(row)[:3])] for number, row in enumerate(report.rows, 1)]
    events.append(["", "", "Итого", "", "", "", *(str(value) for value in _counts(report.total)[:3])])
    reach = [[str(number), row.title, *(str(value) for value in (
        *_counts(row)[3:], row.districts, row.regions, row.families_registered, row.families_attended))]
        for number, row in enumerate(report.rows, 1)]
    reach.append(["", "Итого", *(str(value) for value in _counts(report.total)[3:]), "", "", str(registered),
                  str(report.total.families_attended)])
    kinds = [[item.type_name, str(item.events), *(str(value) for value in _counts(item)),
              str(item.families_attended)] for item in [*report.by_type, report.total]]
    return [events, reach, kinds]


def _docx(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    document = Document(str(path))
    paragraphs = [p.text.replace("\xa0", " ") for p in document.paragraphs if p.text.replace("\xa0", " ").strip()]
    tables = [[[cell.text.replace("\xa0", " ") for cell in row.cells] for row in table.rows]
              for table in document.tables]
    return paragraphs, tables


def test_period_of_the_heading() -> None:
    def period(start: date, end: date) -> str:
        return report_period(EventsReport("", start, end, [], [], EventTypeTotal("Итого", *[0] * 9), 0)).title

    assert period(*Q2) == "II квартал 2026 г."
    assert period(date(2026, 1, 1), date(2026, 9, 30)) == "9 месяцев 2026 г."
    assert period(date(2026, 7, 1), date(2026, 12, 31)) == "II полугодие 2026 г."
    assert period(date(2026, 1, 1), date(2026, 12, 31)) == "2026 год"
    assert period(date(2026, 4, 10), date(2026, 5, 31)) == "с 10.04.2026 по 31.05.2026"


def test_docx_figures_match_the_report(report: EventsReport, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    target = export_events_docx(report, folder / "Мероприятия.docx", SIGNER)
    assert [p.name for p in folder.iterdir()] == ["Мероприятия.docx"]  # no temporary file left behind
    assert_gost_layout(target)
    paragraphs, tables = _docx(target)
    assert paragraphs[:4] == [ORGANISATION, "ОТЧЁТ О МЕРОПРИЯТИЯХ", "за II квартал 2026 г.",
                              "(с 01.04.2026 по 30.06.2026)"]
    assert [text for text in paragraphs if text in SECTIONS] == list(SECTIONS)
    assert "Разных семей на мероприятиях: 2" in paragraphs
    assert NO_EVENTS not in paragraphs
    assert not any("{" in text or "%" in text for text in paragraphs)  # every tag was filled

    *bodies, signature = tables
    headers = [table[0] for table in bodies]
    assert headers[0][0] == "№" and headers[0][2] == "Название"
    assert headers[2][0] == "Вид мероприятия"
    # User text comes back exactly as typed: markup characters escaped, a leading "=" kept as text.
    assert [table[1:] for table in bodies] == _expected_tables(report)
    assert bodies[0][3][2:6] == [MARKUP_TITLE, "Заседание клуба для родителей", "Дистанционно", MARKUP_PLACE]
    assert bodies[0][2][1:3] == ["20.05.2026 – 21.05.2026", FORMULA_TITLE]
    assert bodies[1][-1] == ["", "Итого", "15", "32", "6", "3", "", "", "5", "3"]
    assert bodies[2][-1] == ["Итого", "3", "56", "38", "18", "15", "32", "6", "3", "3"]
    assert signature[0] == ["Руководитель", "________________", "А.Б. Петрова"]

    section = Document(str(target)).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height


def test_docx_of_custom_dates_and_of_an_empty_period(database, world, tmp_path: Path) -> None:
    with database.read() as session:
        empty = events_of_period(session, date(2026, 4, 10), date(2026, 5, 31))
    paragraphs, tables = _docx(export_events_docx(empty, tmp_path / "empty.docx"))
    assert paragraphs[2] == "за период с 10.04.2026 по 31.05.2026"
    assert not any(text.startswith("(с ") for text in paragraphs)
    assert NO_EVENTS in paragraphs
    assert not any(text in SECTIONS or text.startswith("Разных семей") for text in paragraphs)
    assert tables == [[["Руководитель", "________________", "________________"]]]


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _part(text: str, number: int) -> str:
    """The text of section `number` (0-based): from its heading to the next one."""
    start = text.index(SECTIONS[number])
    end = text.index(SECTIONS[number + 1]) if number + 1 < len(SECTIONS) else len(text)
    return text[start:end]


def _figures(text: str, label: str, count: int) -> list[str]:
    """The last `count` whole numbers on the first line holding `label` (dates like 20.05.2026 excluded)."""
    line = next((line for line in text.splitlines() if label in line), None)
    assert line is not None, f"no line with {label!r} in:\n{text}"
    return re.findall(r"(?<![\d.])\d+(?![\d.])", line.replace(label, " "))[-count:]


@needs_pdftotext
def test_pdf_figures_match_the_report(report: EventsReport, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    target = export_events_pdf(report, folder / "Мероприятия.pdf", SIGNER)
    assert [p.name for p in folder.iterdir()] == ["Мероприятия.pdf"]  # no temporary file left behind
    text = _pdf_text(target)
    assert ORGANISATION in text and "Отчёт о мероприятиях" in text
    assert "за II квартал 2026 г." in text and "(с 01.04.2026 по 30.06.2026)" in text
    assert MARKUP_TITLE in text and MARKUP_PLACE in text and FORMULA_TITLE in text
    assert "Дистанционно" in text and "присутствовало" in text
    assert "А.Б. Петрова" in text and "(И.О. Фамилия)" in text
    assert "Разных семей на мероприятиях: 2" in text
    pages = int(re.findall(r"стр\. 1 из (\d+)", text)[0])
    assert all(f"стр. {n} из {pages}" in text for n in range(1, pages + 1))

    events, reach, kinds = _expected_tables(report)
    first, second, third = (_part(text, number) for number in range(3))
    for number, row in enumerate(report.rows, 1):
        assert _figures(first, row.title, 3) == events[number - 1][6:]
        assert _figures(second, row.title, 8) == reach[number - 1][2:]
        assert next(line for line in first.splitlines() if row.title in line).split()[0] == str(number)
        assert f"{row.starts_on:%d.%m.%Y}" in first
    assert _figures(first, "Итого", 3) == events[-1][6:]
    assert _figures(second, "Итого", 6) == [value for value in reach[-1][2:] if value]
    for row in kinds:
        assert _figures(third, row[0], 9) == row[1:]


@needs_pdftotext
def test_pdf_of_an_empty_period(database, world, tmp_path: Path) -> None:
    with database.read() as session:
        empty = events_of_period(session, *Q2)
    text = _pdf_text(export_events_pdf(empty, tmp_path / "empty.pdf"))
    assert NO_EVENTS in text
    assert "за II квартал 2026 г." in text and "(И.О. Фамилия)" in text
    assert "стр. 1 из 1" in text
    assert not any(title in text for title in SECTIONS)


@needs_pdftotext
def test_long_pdf_starts_its_table_under_the_heading(tmp_path: Path) -> None:
    """A table longer than a page begins on the first page (not after a blank one) and repeats its header."""
    from app.reports.events_report import EventsReportRow

    rows = [EventsReportRow(uuid.uuid4(), date(2026, 1, 1), date(2026, 1, 2), f"Встреча № {n}",
                            "Семинар", "Очно", "Актовый зал", 10, 10, 0, 1, 5, 4, 0, 1, 1, 2, 1) for n in range(1, 61)]
    total = EventTypeTotal("Итого", 60, 600, 600, 0, 60, 300, 240, 0, 60)
    report = EventsReport(ORGANISATION, date(2026, 1, 1), date(2026, 3, 31), rows,
                          [EventTypeTotal("Семинар", *list(vars(total).values())[1:])], total, 7)
    pages = _pdf_text(export_events_pdf(report, tmp_path / "long.pdf")).split("\f")
    assert "Встреча № 1 " in pages[0]
    numbered = [page for page in pages if re.search(r"Встреча № \d+ ", page)]
    assert len(numbered) >= 4  # both event tables run over several pages
    assert all("Название" in page for page in numbered)
    listed = re.findall(r"Встреча № (\d+) ", "".join(pages))
    assert listed == [str(n) for n in range(1, 61)] * 2
