"""«Квартальный отчёт о деятельности» as an A4 PDF drawn with reportlab.

The same content as the spreadsheet and the Word document: a heading with the organisation and the
period, one table per section (headers repeated on every page), two bar charts (services by kind,
attendance rate by position) with Cyrillic labels in the shipped Liberation Serif, a signature
block and «стр. N из M» in the footer. Only the computed `QuarterlyReport` is read — no database.
reportlab is imported inside the functions: the app starts without loading it.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app.reports.pdf_layout import (
    CONTENT_WIDTH_MM,
    PdfStyles,
    build_pdf,
    pdf_table,
    pdf_text,
    report_heading,
    section_heading,
    signed,
)
from app.reports.quarterly import QuarterlyReport, SessionRow
from app.reports.quarterly_export import (
    EVENT_HEADERS,
    FAMILIES,
    PLAN_FIGURE_COLUMNS,
    PLAN_ID_COLUMNS,
    PLAN_NOTE,
    PLAN_NUMBER,
    SECTIONS,
    SERVICE_HEADERS,
    SERVICES_NOTE,
    SESSION_HEADERS,
    children_lines,
    percent_text,
    plan_figure_cells,
    plan_id_cells,
    plan_title,
    services_lines,
    support_groups,
    support_lines,
    visits_lines,
)

TITLE = "Квартальный отчёт о деятельности"
BAR_FILL = "#5B7F95"
LABEL_CHARS = 60  # a chart label wraps at this width (8 pt serif in the label column)
LABEL_LINES = 2  # and is cut («…») after so many lines: the table above has the full name


def format_rate(rate: float | None) -> str:
    """«83,3 %» (one decimal, Russian comma); «—» when nothing was marked."""
    if rate is None:
        return "—"
    return f"{rate * 100:.1f} %".replace(".", ",")


def position_rates(rows: Sequence[SessionRow]) -> list[tuple[str, float | None]]:
    """Attendance rate by position over all delivery modes, in the rows' order."""
    marks: dict[str, list[int]] = {}
    for row in rows:
        counts = marks.setdefault(row.position, [0, 0])
        counts[0] += row.attended
        counts[1] += row.absent
    return [(name, attended / (attended + absent) if attended + absent else None)
            for name, (attended, absent) in marks.items()]


def _bar_chart(styles: PdfStyles, labels: Sequence[str], values: Sequence[float], *,
               value_format: str | Callable[[float], str], value_max: float | None = None) -> Any:
    """A horizontal bar chart (long Cyrillic labels read better on the left) in the registered font."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    wrapped = ["\n".join(textwrap.wrap(label, LABEL_CHARS, max_lines=LABEL_LINES, placeholder=" …")) or " "
               for label in labels]
    lines = max([label.count("\n") + 1 for label in wrapped] or [1])
    bar_height = max(16.0, 9.0 * lines + 3)
    label_width = 75 * mm
    width = CONTENT_WIDTH_MM * mm
    height = max(len(values), 1) * bar_height + 30
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    # types-reportlab declares PlotArea x/y/width/height as int; reportlab takes any number (isNumber).
    chart.x, chart.y = label_width, 20  # type: ignore[assignment]
    chart.width, chart.height = width - label_width - 20 * mm, height - 28  # type: ignore[assignment]
    chart.data = [list(reversed(values)) or [0]]
    chart.bars[0].fillColor = colors.HexColor(BAR_FILL)
    chart.bars.strokeColor = None
    chart.barSpacing = 2
    chart.groupSpacing = 4
    axis = chart.categoryAxis
    axis.categoryNames = list(reversed(wrapped)) or [""]
    axis.labels.fontName = styles.regular
    axis.labels.fontSize = 8
    axis.labels.leading = 9
    axis.labels.textAnchor = "end"
    axis.labels.boxAnchor = "e"
    axis.labels.dx = -4
    axis.tickLeft = 0
    scale = chart.valueAxis
    scale.labels.fontName = styles.regular
    scale.labels.fontSize = 8
    scale.valueMin = 0
    if value_max is None:  # counts: whole-number steps, a little room for the bar labels
        scale.valueStep = max(1, math.ceil(max([*values, 0]) * 1.15 / 5))
        value_max = scale.valueStep * 5
    scale.valueMax = value_max
    scale.labelTextFormat = value_format
    scale.visibleGrid = True
    scale.gridStrokeColor = colors.HexColor("#CFD8DC")
    chart.barLabelFormat = value_format
    chart.barLabels.fontName = styles.regular
    chart.barLabels.fontSize = 8
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def _support(styles: PdfStyles, report: QuarterlyReport) -> list[Any]:
    story: list[Any] = section_heading(styles, SECTIONS["support"])
    story.append(pdf_table(styles, [["Показатель", FAMILIES]], [list(line) for line in support_lines(report)],
                           [150, 30]))
    for (title, rows), label in zip(support_groups(report), ("Категория семьи", "Район"), strict=True):
        story += section_heading(styles, title)
        story.append(pdf_table(styles, [[label, FAMILIES]], [[row.name, row.count] for row in rows]
                               or [["Нет семей на сопровождении", 0]], [150, 30]))
    return story


def _children(styles: PdfStyles, report: QuarterlyReport) -> list[Any]:
    return [*section_heading(styles, SECTIONS["children"]),
            pdf_table(styles, [["Показатель", "Человек"]], [list(line) for line in children_lines(report)],
                      [150, 30])]


def _services(styles: PdfStyles, report: QuarterlyReport) -> list[Any]:
    """The same columns and rows as the DOCX, the workbook and the preview (`services_lines`)."""
    from reportlab.platypus import Paragraph

    lines = services_lines(report)
    rows = [[kind, form, count, recipients] for kind, form, count, recipients, _total in lines]
    return [*section_heading(styles, SECTIONS["services"]),
            pdf_table(styles, [list(SERVICE_HEADERS)], rows, [58, 62, 25, 35],
                      total_rows=1 + len(report.services.by_form)),
            Paragraph(pdf_text(SERVICES_NOTE), styles.note)]


def _visits(styles: PdfStyles, report: QuarterlyReport) -> list[Any]:
    return [*section_heading(styles, SECTIONS["visits"]),
            pdf_table(styles, [["Показатель", "Количество"]], [list(line) for line in visits_lines(report)],
                      [150, 30])]


def _sessions(styles: PdfStyles, report: QuarterlyReport) -> list[Any]:
    from reportlab.platypus import Paragraph

    sessions = report.sessions
    headers = [list(SESSION_HEADERS)]
    rows: list[list[Any]] = [[row.position, row.mode, row.sessions, row.planned, row.attended, row.absent,
                              format_rate(row.rate)] for row in sessions.rows]
    total = sessions.total
    rows.append([total.position, "", total.sessions, total.planned, total.attended, total.absent,
                 format_rate(total.rate)])
    return [*section_heading(styles, SECTIONS["sessions"]),
            pdf_table(styles, headers, rows, [46, 34, 20, 20, 20, 20, 20], total_rows=1),
            Paragraph("Посещаемость — присутствовавшие / (присутствовавшие + отсутствовавшие).", styles.note)]


def _events(styles: PdfStyles, report: QuarterlyReport) -> list[Any]:

    events = report.events
    headers = [list(EVENT_HEADERS)]
    rows: list[list[Any]] = [[row.type_name, row.events, row.participants, row.in_person, row.online,
                              row.specialists, row.parents, row.children, row.others]
                             for row in (*events.rows, events.total)]
    return [*section_heading(styles, SECTIONS["events"]),
            pdf_table(styles, headers, rows, [52] + [16] * 8, total_rows=1)]


def _plan(styles: PdfStyles, report: QuarterlyReport) -> list[Any]:
    from reportlab.platypus import Paragraph

    if report.plan is None:
        return []
    rows = report.plan.rows
    # reportlab draws a zero-width space as a gap and does not break at it: the number gets a wide column.
    identity = pdf_table(styles, [list(PLAN_ID_COLUMNS)],
                         [[cell.replace("\u200b", "") for cell in plan_id_cells(row)] for row in rows],
                         [50, 30, 28, 36, 20, 16])
    figures = pdf_table(styles, [list(PLAN_FIGURE_COLUMNS)], [plan_figure_cells(row) for row in rows],
                        [36, 24, 22, 20, 22, 26, 30])
    return [*section_heading(styles, PLAN_NUMBER + plan_title(report)), identity,
            *section_heading(styles, "Показатели объёма: утверждено и исполнено"), figures,
            Paragraph(pdf_text(PLAN_NOTE), styles.note)]


def _services_chart(styles: PdfStyles, report: QuarterlyReport) -> list[Any]:
    from reportlab.platypus import KeepTogether, Paragraph

    kinds = report.services.kinds
    if not kinds:
        return []
    return [KeepTogether([
        Paragraph("Диаграмма 1. Социальные услуги по видам (количество услуг)", styles.section),
        _bar_chart(styles, [kind.kind_name for kind in kinds], [kind.services for kind in kinds],
                   value_format="%d")])]


def _attendance_chart(styles: PdfStyles, report: QuarterlyReport) -> list[Any]:
    from reportlab.platypus import KeepTogether, Paragraph

    rates = position_rates(report.sessions.rows)
    if not rates:
        return []
    return [KeepTogether([
        Paragraph("Диаграмма 2. Посещаемость занятий по должностям специалистов, %", styles.section),
        _bar_chart(styles, [name for name, _ in rates], [round((rate or 0) * 100, 1) for _, rate in rates],
                   value_format=percent_text, value_max=100)])]


def export_quarterly_pdf(report: QuarterlyReport, target: Path, organisation: str, signer: str = "", *,
                         executor: str = "") -> Path:
    """Write the report as an A4 PDF (a temporary file first, then moved into place); returns `target`."""
    styles = PdfStyles()
    sections = [section(styles, report) for section in (
        _support, _children, _services, _services_chart, _visits, _sessions, _attendance_chart, _events, _plan)]
    story = [*report_heading(styles, organisation, TITLE, report.period), *signed(styles, sections, signer, executor)]
    return build_pdf(target, story, styles, title=f"{TITLE} за {report.period.title}", author=organisation)
