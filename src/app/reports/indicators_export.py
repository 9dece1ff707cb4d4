"""Files of «Показатели комплекса мер»: XLSX, DOCX (ГОСТ template «indicators.docx») and PDF.

The table is indicator | unit | start | plan | actual | % done; in the workbook % done is a formula over
the row, so it follows a figure a coordinator corrects by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.documents.docx_render import render_docx, signature_name
from app.documents.xlsx import Column, SheetWriter, add_executor, new_workbook, period_text, save_workbook
from app.reports.indicators import IndicatorLine, IndicatorsReport

REPORT_TITLE = "Показатели комплекса мер"
TEMPLATE = "indicators.docx"
HEADERS = ("Наименование показателя", "Единица измерения", "Значение на начало", "Плановое значение",
           "Фактическое значение", "% выполнения")
PERCENT_NOTE = ("% выполнения — факт к плану; если план ниже значения на начало (цель — снижение), "
                "доля пройденного пути: (начало − факт) / (начало − план).")


def number_text(value: float | None) -> str:
    """«12», «12,5», «—» for no value."""
    if value is None:
        return "—"
    text = f"{value:.1f}".replace(".", ",").removesuffix(",0")
    return text.replace("-", "−") if text.startswith("-") else text


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{number_text(value)} %"


def export_indicators_xlsx(report: IndicatorsReport, target: Path, organisation: str, *, executor: str = "") -> Path:
    book = new_workbook()
    columns = [Column(HEADERS[0], 50), Column(HEADERS[1], 12), Column(HEADERS[2], 12, "decimal"),
               Column(HEADERS[3], 12, "decimal"), Column(HEADERS[4], 12, "decimal"), Column(HEADERS[5], 12, "percent")]
    period = report.period
    sheet = SheetWriter(book, "Показатели", columns, organisation=organisation, report=REPORT_TITLE,
                        period=f"{period.title} ({period_text(period.start, period.end)})")
    for line in report.lines:
        number = sheet.next_row
        sheet.row([line.name, line.unit, line.value_at_start, line.plan, line.actual, None])
        c, d, e = (f"{letter}{number}" for letter in "CDE")
        # The same rule as the report (see app.reports.indicators): a plan below the start is a decrease.
        sheet.sheet.cell(number, 6).value = (
            f'=IF(OR({d}="",{e}=""),"",IF(AND({c}<>"",{d}<{c}),({c}-{e})/({c}-{d}),'
            f'IF(OR({d}=0,AND({c}<>"",{d}={c})),"",{e}/{d})))')
    sheet.sheet.cell(sheet.next_row + 1, 1).value = report.actual_note
    sheet.sheet.cell(sheet.next_row + 2, 1).value = PERCENT_NOTE
    sheet.finish(freeze_column=2)
    add_executor(book, executor)
    return save_workbook(book, Path(target))


def _line(line: IndicatorLine) -> dict[str, Any]:
    return {"name": line.name, "unit": line.unit, "start": number_text(line.value_at_start),
            "plan": number_text(line.plan), "actual": number_text(line.actual),
            "done": percent_text(line.percent_done)}


def docx_context(report: IndicatorsReport, organisation: str, signer: str = "") -> dict[str, Any]:
    period = report.period
    return {"organisation": organisation, "title": REPORT_TITLE,
            "period": {"title": period.title, "start": period.start, "end": period.end},
            "lines": [_line(line) for line in report.lines], "note": f"{report.actual_note} {PERCENT_NOTE}",
            "signer": signature_name(signer)}


def export_indicators_docx(report: IndicatorsReport, target: Path, organisation: str, signer: str = "", *,
                           executor: str = "") -> Path:
    return render_docx(TEMPLATE, {**docx_context(report, organisation, signer), "executor": executor}, Path(target))


def export_indicators_pdf(report: IndicatorsReport, target: Path, organisation: str, signer: str = "", *,
                          executor: str = "") -> Path:
    from reportlab.platypus import Paragraph

    from app.reports.pdf_layout import PdfStyles, build_pdf, pdf_table, pdf_text, report_heading, signed

    styles = PdfStyles()
    rows = [[line.name, line.unit, *(number_text(value) for value in (line.value_at_start, line.plan, line.actual)),
             percent_text(line.percent_done)] for line in report.lines]
    if rows:
        table = [pdf_table(styles, [list(HEADERS)], rows, [72, 22, 21, 21, 22, 22]),
                 Paragraph(pdf_text(f"{report.actual_note} {PERCENT_NOTE}"), styles.note)]
    else:
        table = [Paragraph("Показатели не заданы: администратор вводит их в разделе «Администрирование».",
                           styles.body)]
    story = [*report_heading(styles, organisation, REPORT_TITLE, report.period),
             *signed(styles, [table], signer, executor)]
    return build_pdf(target, story, styles, title=f"{REPORT_TITLE} за {report.period.title}", author=organisation)
