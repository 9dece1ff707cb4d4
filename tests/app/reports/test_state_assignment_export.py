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
from tests.app.documents.gost_checks import assert_gost_layout
from tests.app.reports.test_quarterly import build
from tests.app.reports.test_quarterly_pdf import _line, _pdf_text
from tests.app.reports.test_state_assignment import FORMS, PLAN_2025, REGISTRY

TITLE = "Сведения о выполнении государственного задания на 2025 год (на 30.09.2025)"


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
    assert [name for name in book.sheetnames if book[name].sheet_state == "visible"][-1] == "Госзадание"
    sheet = book["Госзадание"]
    assert TITLE in sheet["A2"].value
    header = next(row[0].row for row in sheet.iter_rows(max_col=1)
                  if row[0].value == "Уникальный номер реестровой записи")
    assert [cell.value for cell in sheet[header]] == [
        "Уникальный номер реестровой записи", "Показатель, характеризующий содержание государственной услуги",
        "Показатель, характеризующий условия (формы) оказания государственной услуги", "Показатель объёма",
        "Единица измерения", "Код по ОКЕИ", "Утверждено в государственном задании на год",
        "Исполнено на отчётную дату", "Отклонение от годового плана",
        "Допустимое (возможное) отклонение", "Отклонение, превышающее допустимое (возможное) значение",
        "Причина отклонения"]
    row = header + 1
    first = [cell.value for cell in sheet[row]]
    assert first[:8] == [REGISTRY.replace(".", ".\u200b"), "Предоставление социального обслуживания", "все формы",
                         recipients.name, "человек", "792", 20, 7]
    assert first[8] == f'=IF(G{row}>0,H{row}/G{row}-1,"")'  # follows a corrected figure
    assert first[10] == f'=IF(G{row}>0,MAX(0,I{row}-J{row}),"")'  # before the year's end: excess only
    assert first[9] == 0.1 and first[11] == "Семьи отказываются от услуг"
    assert [cell.value for cell in sheet[row + 1]][:8] == ["—", "—", "Форма социального обслуживания на дому",
                                                           home.name, "единица", "642", 10, 12]
    assert sheet.cell(row, 9).number_format == "0.0%"

    docx_path = export_quarterly_docx(report, tmp_path / "q.docx", "Центр")
    assert_gost_layout(docx_path)
    document = Document(str(docx_path))
    assert any(TITLE in p.text.replace("\xa0", " ") for p in document.paragraphs)
    identity, figures = document.tables[7], document.tables[8]
    assert [c.text.replace("\xa0", " ").replace("\u00ad", "") for c in identity.rows[0].cells][:2] == [
        "Уникальный номер реестровой записи", "Показатель, характеризующий содержание государственной услуги"]
    def cells(row) -> list[str]:
        return [c.text.replace("\xa0", " ").replace("\u200b", "") for c in row.cells]

    assert cells(identity.rows[1]) == [REGISTRY, "Предоставление социального обслуживания", "все формы",
                                       recipients.name, "человек", "792"]
    assert cells(figures.rows[1]) == [recipients.name, "20", "7", "-65 %", "10 %", "—", "Семьи отказываются от услуг"]
    assert cells(figures.rows[2]) == [home.name, "10", "12", "20 %", "5 %", "15 %", "—"]

    text = _pdf_text(export_quarterly_pdf(report, tmp_path / "q.pdf", "Центр"))
    assert "7. " + TITLE in " ".join(text.split())  # numbered as in the DOCX and the sheet
    assert REGISTRY in text and "792" in text and "642" in text
    figures_text = text[text.index("Показатели объёма: утверждено и исполнено"):]
    assert _line(figures_text, "Численность") == ["20", "7", "-65", "10"]
    assert _line(figures_text, "Количество") == ["10", "12", "20", "5", "15"]


def test_no_plan_no_section(database, world, tmp_path: Path) -> None:
    build(database, world)
    with database.read() as session:
        report = compute_quarterly(session, parse_period("2025-Q3"))
    document = Document(str(export_quarterly_docx(report, tmp_path / "q.docx", "Центр")))
    assert not any("государственного задания" in p.text.replace("\xa0", " ") for p in document.paragraphs)
    assert not any("{%" in p.text.replace("\xa0", " ") for p in document.paragraphs)
    assert "государственного задания" not in _pdf_text(export_quarterly_pdf(report, tmp_path / "q.pdf", "Ц"))
