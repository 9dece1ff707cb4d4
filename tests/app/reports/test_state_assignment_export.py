"""The госзадание table in the quarterly report's XLSX, DOCX and PDF files, compared with the figures."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from app.reports.periods import parse_period
from app.reports.quarterly import compute_quarterly
from app.reports.quarterly_export import export_quarterly_docx, export_quarterly_xlsx
from app.reports.quarterly_pdf import export_quarterly_pdf
from app.reports.state_assignment import save_plan
from tests.app.reports.test_quarterly import build
from tests.app.reports.test_quarterly_pdf import _line, _pdf_text
from tests.app.reports.test_state_assignment import FORMS, PLAN_2025

TITLE = "Выполнение государственного задания на 2025 год (на 30.09.2025)"


def _report(database, world):
    build(database, world)
    with database.write() as session:
        save_plan(session, world.coordinator, PLAN_2025, FORMS)
    with database.read() as session:
        return compute_quarterly(session, parse_period("2025-Q3"))


def test_plan_in_every_file(database, world, tmp_path: Path) -> None:
    report = _report(database, world)
    recipients, home = report.plan.rows

    book = load_workbook(export_quarterly_xlsx(report, tmp_path / "q.xlsx", "Центр"))
    assert book.sheetnames[-1] == "Госзадание"
    sheet = book["Госзадание"]
    assert "государственное задание" in sheet["A2"].value
    header = next(row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value == "Показатель объёма")
    first = [cell.value for cell in sheet[header + 1]]
    assert first[:5] == [recipients.name, "человек", 20, 15, 7]
    assert first[5] == f'=IF(D{header + 1}>0,E{header + 1}/D{header + 1}-1,"")'  # follows a corrected figure
    assert first[6] == 0.1 and first[8] == "Семьи отказываются от услуг"
    assert [cell.value for cell in sheet[header + 2]][:5] == [home.name, "единиц", 10, 7, 12]
    assert sheet.cell(header + 1, 6).number_format == "0.0%"

    document = Document(str(export_quarterly_docx(report, tmp_path / "q.docx", "Центр")))
    assert any(TITLE in p.text for p in document.paragraphs)
    volumes, deviations = document.tables[7], document.tables[8]
    assert [c.text for c in volumes.rows[1].cells] == [recipients.name, "человек", "20", "15", "7"]
    assert [c.text for c in volumes.rows[2].cells] == [home.name, "единиц", "10", "7", "12"]
    assert [c.text for c in deviations.rows[1].cells] == [recipients.name, "-53,3 %", "10 %", "43,3 %",
                                                          "Семьи отказываются от услуг"]
    assert [c.text for c in deviations.rows[2].cells] == [home.name, "71,4 %", "5 %", "66,4 %", ""]

    text = _pdf_text(export_quarterly_pdf(report, tmp_path / "q.pdf", "Центр"))
    assert "9. " + TITLE in " ".join(text.split())
    assert _line(text, "Численность получателей социальных услуг (все") == ["20", "15", "7"]
    assert _line(text, "Количество предоставленных социальных услуг") == ["10", "7", "12"]
    deviations = text[text.index("Отклонения от плана"):]
    assert _line(deviations, "Численность получателей") == ["-53,3", "10", "43,3"]
    assert _line(deviations, "Количество предоставленных") == ["71,4", "5", "66,4"]


def test_no_plan_no_section(database, world, tmp_path: Path) -> None:
    build(database, world)
    with database.read() as session:
        report = compute_quarterly(session, parse_period("2025-Q3"))
    document = Document(str(export_quarterly_docx(report, tmp_path / "q.docx", "Центр")))
    assert not any("государственного задания" in p.text for p in document.paragraphs)
    assert not any("{%" in p.text for p in document.paragraphs)
    assert "государственного задания" not in _pdf_text(export_quarterly_pdf(report, tmp_path / "q.pdf", "Ц"))
