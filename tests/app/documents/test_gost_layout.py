"""The ГОСТ layout rules on the words real reports carry: every seeded dictionary name in every table.

The document tests check the layout on their small datasets; here the quarterly report is filled with
every position, delivery mode (including «Домашний микрореабилитационный центр»), event type, kind and
form of service and closing reason shipped in resources/seed, so a column too narrow for any of them fails.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.core.resources import resources_dir
from app.documents.docx_layout import non_breaking
from app.reports.periods import parse_period
from app.reports.quarterly import (
    ChildrenSection,
    CountRow,
    EventRow,
    EventsSection,
    QuarterlyReport,
    ServiceCell,
    ServiceKindRow,
    ServicesSection,
    SessionRow,
    SessionsSection,
    SupportSection,
    VisitsSection,
)
from app.reports.quarterly_export import export_quarterly_docx, export_quarterly_xlsx
from app.reports.state_assignment import RECIPIENTS, SERVICES, PlanLine, YearPlan, plan_rows
from tests.app.documents.gost_checks import assert_gost_layout, xlsx_header_problems


def _names(kind: str) -> list[tuple[str, str]]:
    seed = json.loads((resources_dir() / "seed" / "dictionaries.json").read_text(encoding="utf-8"))
    return [(item["code"], item["name"]) for item in seed[kind]]


def _report() -> QuarterlyReport:
    forms = _names("service_form")
    cells = tuple(ServiceCell(code, name, 12345, 1234) for code, name in forms)
    kinds = tuple(ServiceKindRow(code, name, cells, 37035, 3702) for code, name in _names("service_kind"))
    rows = tuple(SessionRow(p, position, m, mode, 1234, 12345, 11111, 1234)
                 for p, position in _names("position") for m, mode in _names("delivery_mode"))
    total = SessionRow("", "Итого", "", "", 99999, 999999, 888888, 111111)
    events = tuple(EventRow(code, name, 12, 1234, 1000, 234, 100, 1000, 100, 34) for code, name in _names("event_type"))
    plan = YearPlan(2026, (PlanLine(RECIPIENTS, "", 13000, 5.0, "Семьи отказываются от услуг",
                                    "870000О.99.0.АЭ25АА00000", "Предоставление социального обслуживания"),
                           PlanLine(SERVICES, "semi_stationary", 250000, 10.0)))
    return QuarterlyReport(
        period=parse_period("2026-Q3"),
        support=SupportSection(1087, 1157, 130, 60, tuple(CountRow(c, n, 6) for c, n in _names("case_closing_reason")),
                               tuple(CountRow(c, n, 100) for c, n in _names("family_category")),
                               (CountRow("", "Новосаянский муниципальный округ", 1157),), 3),
        children=ChildrenSection(2000, 300, 500),
        services=ServicesSection(kinds, 296280, 12000, cells),
        visits=VisitsSection(1500, 300, 40, 60, 12, 50.0),
        sessions=SessionsSection(rows, total),
        events=EventsSection(events, EventRow("", "Итого", 156, 16042, 13000, 3042, 1300, 13000, 1300, 442)),
        plan=plan_rows(plan, date(2026, 9, 30), {(RECIPIENTS, ""): 12000, (SERVICES, "semi_stationary"): 260000},
                       dict(_names("service_form"))),
    )


def test_every_seeded_name_fits_its_column(tmp_path: Path) -> None:
    path = export_quarterly_docx(_report(), tmp_path / "q.docx", "ГБУ «Центр социальной помощи семье и детям "
                                 "г. Новосаянска»", "Соколова Ирина Владимировна")
    assert_gost_layout(path)


@pytest.mark.parametrize(("text", "expected"), [
    ("г. Новосаянск, ул. Ленина, д. 5", "г.\u00a0Новосаянск, ул.\u00a0Ленина, д.\u00a05"),
    ("с. Соболиный", "с.\u00a0Соболиный"),
    ("И.В. Соколова", "И.В.\u00a0Соколова"),
    ("Соколова И.В.", "Соколова\u00a0И.В."),
    ("№ 12 от 5 июня 2026 г.", "№\u00a012 от 5 июня 2026\u00a0г."),
    ("в т. ч. по причине", "в т.\u00a0ч. по причине"),
    ("посещаемость 66,7 %", "посещаемость 66,7\u00a0%"),
    ("Социально-бытовые услуги", "Социально-бытовые услуги"),
])
def test_no_break_spaces(text: str, expected: str) -> None:
    assert non_breaking(text) == expected


def test_sheet_headers_are_never_clipped_and_charts_print_on_sheets_of_their_own(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = export_quarterly_xlsx(_report(), tmp_path / "q.xlsx", "Центр")
    assert xlsx_header_problems(path) == []
    book = load_workbook(path)
    for name in ("Диаграмма услуг", "Диаграмма занятий"):
        page = book[name]
        (chart,) = page._charts
        assert chart.x_axis.delete is False and chart.y_axis.delete is False  # labels shown
        assert chart.x_axis.tickLblSkip == 1  # every category labelled
        assert page.page_setup.orientation == "landscape" and page.sheet_properties.pageSetUpPr.fitToPage
        assert (page.page_setup.fitToWidth, page.page_setup.fitToHeight) == (1, 1)  # one page
        assert page.max_row == 1  # nothing but the chart
    for sheet in book.worksheets:
        assert not sheet._charts or sheet.title.startswith("Диаграмма")  # no chart squeezed under a table


def test_one_structure_in_every_format(tmp_path: Path) -> None:
    """The same numbered sections and column names in the DOCX, the PDF, the workbook and the preview."""
    import subprocess

    from docx import Document
    from openpyxl import load_workbook

    from app.reports.previews import quarterly_tables
    from app.reports.quarterly_export import PLAN_NUMBER, SECTIONS, SESSION_HEADERS, plain_header, plan_title
    from app.reports.quarterly_pdf import export_quarterly_pdf

    report = _report()
    titles = [*SECTIONS.values(), PLAN_NUMBER + plan_title(report)]
    docx = Document(str(export_quarterly_docx(report, tmp_path / "q.docx", "Центр")))
    paragraphs = [p.text.replace("\u00a0", " ") for p in docx.paragraphs]
    pdf = export_quarterly_pdf(report, tmp_path / "q.pdf", "Центр")
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split()).replace("\u00a0", " ")
    book = load_workbook(export_quarterly_xlsx(report, tmp_path / "q.xlsx", "Центр"))
    sheet_titles = [str(sheet["A2"].value) for sheet in book.worksheets if not sheet.title.startswith("Диаграмма")]
    for title in titles:
        assert title in paragraphs
        assert title in text
        assert any(sheet_title.endswith(": " + title) for sheet_title in sheet_titles), title
    assert [table.title for table in quarterly_tables(report)] == titles
    sessions = [plain_header(title) for title in SESSION_HEADERS]
    assert [cell.value for cell in book["Занятия"][5]] == sessions
    assert [cell.text.replace("\u00ad", "") for cell in docx.tables[4].rows[0].cells] == sessions
