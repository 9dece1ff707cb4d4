"""«Отчёт о мероприятиях» as a Word document (template «events.docx») and as PDF, landscape A4.

The content is the workbook's (app.reports.events_report): the events of the period, their participants by
format and category, reach and registry families, totals by type and overall, and the number of different
families. Eighteen columns do not fit a page at a readable size, so both files split them into two tables
(the event and its participants; categories, reach and families), each row numbered as in the workbook.
The figures are the report's; the total rows add up only what adds up (districts and regions do not).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.core.text import format_date
from app.documents.docx_render import render_docx, signature_name
from app.reports.events_report import REPORT_TITLE, EventsReport, EventsReportRow, EventTypeTotal
from app.reports.periods import Period, half_year, nine_months, quarter, whole_year

TEMPLATE = "events.docx"
NO_EVENTS = "Мероприятий за период не проводилось."
DISTINCT = "Разных семей на мероприятиях: {count}"
SECTIONS = ("1. Мероприятия и их участники", "2. Участники по категориям, охват и семьи из реестра",
            "3. Итоги по видам мероприятий")
COUNTS = ("participants", "in_person", "online", "specialists", "parents", "children", "others")


def report_period(report: EventsReport) -> Period:
    """The named period (quarter, half-year, 9 months, year) the dates make up, else custom dates."""
    start, end = report.date_from, report.date_to
    year = start.year
    named = [*(quarter(year, n) for n in range(1, 5)), half_year(year, 1), half_year(year, 2), nine_months(year),
             whole_year(year)]
    for period in named:
        if (period.start, period.end) == (start, end):
            return period
    # Built here rather than by periods.custom: a report already holds valid dates, nothing to refuse.
    return Period(start, end, f"с {format_date(start)} по {format_date(end)}")


def event_dates(row: EventsReportRow) -> str:
    """«14.04.2026» for a one-day event, «20.05.2026 – 21.05.2026» otherwise."""
    if row.ends_on == row.starts_on:
        return format_date(row.starts_on)
    return f"{format_date(row.starts_on)} – {format_date(row.ends_on)}"


def _counts(item: EventsReportRow | EventTypeTotal) -> dict[str, int]:
    return dict(zip(COUNTS, (item.participants_total, item.in_person, item.online, item.specialists, item.parents,
                             item.children, item.others), strict=True))


def _event(number: int, row: EventsReportRow) -> dict[str, Any]:
    return {"number": number, "dates": event_dates(row), "title": row.title, "type": row.type_name,
            "format": row.format_name, "place": row.place, **_counts(row), "districts": row.districts,
            "regions": row.regions, "families_registered": row.families_registered,
            "families_attended": row.families_attended}


def _type(item: EventTypeTotal) -> dict[str, Any]:
    return {"name": item.type_name, "events": item.events, **_counts(item), "families_attended": item.families_attended}


def _total(report: EventsReport) -> dict[str, Any]:
    """The overall row; the registered families are the rows' sum (as the workbook's SUM), districts and
    regions stay empty: an event's districts may be another's."""
    return {**_type(report.total), "districts": "", "regions": "",
            "families_registered": sum(row.families_registered for row in report.rows)}


def docx_context(report: EventsReport, signer: str = "") -> dict[str, Any]:
    """What the «events.docx» template is filled with (plain values; the template escapes text)."""
    period = report_period(report)
    return {
        "organisation": report.organisation,
        "title": REPORT_TITLE,
        "period": {"title": period.title, "start": period.start, "end": period.end,
                   "custom": period.title.startswith("с ")},
        "events": [_event(number, row) for number, row in enumerate(report.rows, 1)],
        "by_type": [_type(item) for item in report.by_type],
        "total": _total(report),
        "families_distinct": report.families_distinct,
        "no_events": NO_EVENTS,
        "signer": signature_name(signer),
    }


def export_events_docx(report: EventsReport, target: Path, signer: str = "", *, executor: str = "") -> Path:
    """The report as a Word document from the «events.docx» template; `signer` is the head's full name."""
    return render_docx(TEMPLATE, {**docx_context(report, signer), "executor": executor}, Path(target))


# --- PDF ---------------------------------------------------------------------------------------------------
# Widths in mm of the landscape text column (297 − 20 − 10 = 267 mm); headers at 8 pt fit without breaking
# a word, a title or place wraps within its cell.
EVENT_HEADERS = ("№", "Даты проведения", "Название", "Вид", "Формат", "Место проведения", "Участников всего",
                 "Очно", "Дистанционно")
EVENT_WIDTHS = (9, 22, 64, 45, 25, 45, 20, 13, 24)
REACH_HEADERS = ("№", "Название", "Специалисты", "Родители", "Дети", "Другие", "Районов", "Субъектов РФ",
                 "Семей записано", "Семей присутствовало")
REACH_WIDTHS = (9, 104, 21, 19, 15, 17, 18, 20, 20, 24)
TYPE_HEADERS = ("Вид мероприятия", "Мероприятий", "Участников всего", "Очно", "Дистанционно", "Специалисты",
                "Родители", "Дети", "Другие", "Участий семей")
TYPE_WIDTHS = (95, 21, 20, 13, 24, 21, 19, 15, 17, 22)
NARROW_PADDING = 3  # pt each side instead of reportlab's 6: the figure columns are narrow


def _pdf_tables(report: EventsReport, styles: Any) -> list[list[Any]]:
    from reportlab.platypus import Paragraph, Spacer

    from app.reports.pdf_layout import pdf_table, pdf_text, section_heading

    total = _total(report)
    events = [[number, event_dates(row), row.title, row.type_name, row.format_name, row.place,
               row.participants_total, row.in_person, row.online] for number, row in enumerate(report.rows, 1)]
    events.append(["", "", "Итого", "", "", "", *(total[name] for name in COUNTS[:3])])
    reach = [[number, row.title, row.specialists, row.parents, row.children, row.others, row.districts,
              row.regions, row.families_registered, row.families_attended]
             for number, row in enumerate(report.rows, 1)]
    reach.append(["", "Итого", *(total[name] for name in (*COUNTS[3:], "districts", "regions",
                                                          "families_registered", "families_attended"))])
    kinds = [[item.type_name, item.events, *_counts(item).values(), item.families_attended]
             for item in [*report.by_type, report.total]]
    layouts = ((EVENT_HEADERS, events, EVENT_WIDTHS), (REACH_HEADERS, reach, REACH_WIDTHS),
               (TYPE_HEADERS, kinds, TYPE_WIDTHS))
    tables = [pdf_table(styles, [list(headers)], rows, widths, total_rows=1) for headers, rows, widths in layouts]
    for table in tables:
        table.setStyle([("LEFTPADDING", (0, 0), (-1, -1), NARROW_PADDING),
                        ("RIGHTPADDING", (0, 0), (-1, -1), NARROW_PADDING)])
    sections = [[*section_heading(styles, title), table] for title, table in zip(SECTIONS, tables, strict=True)]
    sections[-1] += [Spacer(1, 4), Paragraph(pdf_text(DISTINCT.format(count=report.families_distinct)), styles.body)]
    return sections


def export_events_pdf(report: EventsReport, target: Path, signer: str = "", *, executor: str = "") -> Path:
    """The report as a landscape A4 PDF; `signer` is the head's full name (written as «И.О. Фамилия»)."""
    from reportlab.platypus import Paragraph

    from app.reports.pdf_layout import PdfStyles, build_pdf, pdf_text, report_heading, signed

    styles = PdfStyles()
    period = report_period(report)
    sections = _pdf_tables(report, styles) if report.rows else [[Paragraph(pdf_text(NO_EVENTS), styles.body)]]
    story = [*report_heading(styles, report.organisation, REPORT_TITLE, period),
             *signed(styles, sections, signature_name(signer), executor)]
    title = f"{REPORT_TITLE}, {format_date(period.start)} — {format_date(period.end)}"
    return build_pdf(Path(target), story, styles, title=title, author=report.organisation, landscape=True)
