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
from xml.sax.saxutils import escape

from app.folders import write_atomically
from app.reports.quarterly import QuarterlyReport, SessionRow
from app.reports.quarterly_export import PLAN_NOTE, percent_text, plan_title
from app.text import format_date

TITLE = "Квартальный отчёт о деятельности"
CONTENT_WIDTH_MM = 180.0  # A4 (210 mm) less the left (20) and right (10) margins
HEADER_FILL = "#E0E6EA"
TOTAL_FILL = "#F2F4F5"
BAR_FILL = "#5B7F95"
LABEL_CHARS = 60  # a chart label wraps at this width (8 pt serif in the label column)
LABEL_LINES = 2  # and is cut («…») after so many lines: the table above has the full name
SUB = "    "  # a row label starting with it is a part of the row above: indented


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


class _Styles:
    """Paragraph styles in the registered serif (built once per export, after the fonts are registered)."""

    def __init__(self) -> None:
        from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        from app.pdf_fonts import register_pdf_fonts

        self.regular, self.bold = register_pdf_fonts()
        self.body = ParagraphStyle("body", fontName=self.regular, fontSize=12, leading=15)
        self.centred = ParagraphStyle("centred", parent=self.body, alignment=TA_CENTER)
        self.heading = ParagraphStyle("heading", parent=self.body, fontName=self.bold, fontSize=14, leading=18,
                                      alignment=TA_CENTER, spaceBefore=6, spaceAfter=2)
        self.section = ParagraphStyle("section", parent=self.body, fontName=self.bold, spaceBefore=12,
                                      spaceAfter=4, keepWithNext=1)
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=10, leading=12)
        self.number = ParagraphStyle("number", parent=self.cell, alignment=TA_RIGHT)
        self.head = ParagraphStyle("head", parent=self.cell, fontName=self.bold, fontSize=8, leading=10,
                                   alignment=TA_CENTER)
        self.sub = ParagraphStyle("sub", parent=self.cell, leftIndent=14)
        self.total = ParagraphStyle("total", parent=self.cell, fontName=self.bold)
        self.total_number = ParagraphStyle("total_number", parent=self.number, fontName=self.bold)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=9, leading=11, alignment=TA_CENTER)
        self.note = ParagraphStyle("note", parent=self.small, alignment=TA_LEFT, spaceBefore=2)


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br/>")


def _table(styles: _Styles, headers: Sequence[Sequence[str]], rows: Sequence[Sequence[Any]],
           widths_mm: Sequence[float], *, total_rows: int = 0, spans: Sequence[tuple] = ()) -> Any:
    """A bordered table: `headers` (one or more rows, repeated on every page), body rows of text or
    numbers (numbers right-aligned), the last `total_rows` rows bold and shaded."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    data: list[list[Any]] = [[Paragraph(_text(h), styles.head) if h else "" for h in row] for row in headers]
    first_total = len(rows) - total_rows
    for index, row in enumerate(rows):
        bold = index >= first_total
        data.append([Paragraph(_text(str(value)), styles.total_number if bold else styles.number)
                     if isinstance(value, int | float) or (isinstance(value, str) and value.endswith(" %"))
                     or value == "—"
                     else Paragraph(_text(str(value).removeprefix(SUB)),
                                    styles.total if bold else styles.sub if str(value).startswith(SUB) else styles.cell)
                     for value in row])
    table = Table(data, colWidths=[w * mm for w in widths_mm], repeatRows=len(headers), hAlign="LEFT")
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#607D8B")),
        ("VALIGN", (0, 0), (-1, len(headers) - 1), "MIDDLE"),
        ("VALIGN", (0, len(headers)), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, len(headers) - 1), colors.HexColor(HEADER_FILL)),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *(("SPAN", *span) for span in spans),
    ]
    if total_rows:
        commands.append(("BACKGROUND", (0, len(headers) + first_total), (-1, -1), colors.HexColor(TOTAL_FILL)))
    table.setStyle(TableStyle(commands))
    return table


def _bar_chart(styles: _Styles, labels: Sequence[str], values: Sequence[float], *,
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
    chart.x, chart.y = label_width, 20
    chart.width, chart.height = width - label_width - 20 * mm, height - 28
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


def _support(styles: _Styles, report: QuarterlyReport) -> list[Any]:
    from reportlab.platypus import Paragraph

    support = report.support
    start, end = format_date(report.period.start), format_date(report.period.end)
    story: list[Any] = [Paragraph("1. Движение семей, состоящих на сопровождении", styles.section)]
    story.append(_table(styles, [["Показатель", "Семей"]], [
        [f"Состояло на сопровождении на начало периода ({start})", support.at_start],
        ["Принято на сопровождение за период", support.taken_on],
        ["Снято с сопровождения за период", support.removed],
        *([f"    в т. ч. по причине «{row.name}»", row.count] for row in support.removed_by_reason),
        [f"Состоит на сопровождении на конец периода ({end})", support.at_end],
    ], [150, 30]))
    story.append(Paragraph("2. Семьи на сопровождении на конец периода по категориям", styles.section))
    story.append(_table(styles, [["Категория семьи", "Семей"]],
                        [[row.name, row.count] for row in support.by_category], [150, 30]))
    story.append(Paragraph("3. Семьи на сопровождении на конец периода по районам", styles.section))
    rows = [[row.name, row.count] for row in support.by_district] or [["Нет семей на сопровождении", 0]]
    story.append(_table(styles, [["Район", "Семей"]], rows, [150, 30]))
    return story


def _children(styles: _Styles, report: QuarterlyReport) -> list[Any]:
    from reportlab.platypus import Paragraph

    children = report.children
    return [Paragraph("4. Дети, получившие услуги", styles.section),
            _table(styles, [["Показатель", "Детей"]], [
                ["Детей, получивших услуги за период", children.served],
                ["    в т. ч. детей-инвалидов", children.disabled],
                ["    в т. ч. детей с ОВЗ", children.ovz],
            ], [150, 30])]


def _services(styles: _Styles, report: QuarterlyReport) -> list[Any]:
    from reportlab.platypus import Paragraph

    services = report.services
    forms = [cell.form_name for cell in services.kinds[0].forms] if services.kinds else []
    form_count = len(forms)
    number_width = (CONTENT_WIDTH_MM - 60) / (2 * form_count + 2)
    widths = [60] + [number_width] * (2 * form_count + 2)
    top = ["Вид социальных услуг"]
    for name in forms:
        top += [name, ""]
    top += ["Всего", ""]
    second = [""] + ["Услуг", "Получ."] * (form_count + 1)
    spans = [((0, 0), (0, 1))] + [((1 + 2 * i, 0), (2 + 2 * i, 0)) for i in range(form_count + 1)]
    rows: list[list[Any]] = []
    for kind in services.kinds:
        row: list[Any] = [kind.kind_name]
        for cell in kind.forms:
            row += [cell.services, cell.recipients]
        rows.append([*row, kind.services, kind.recipients])
    totals: list[Any] = ["Итого"]
    for index in range(form_count):
        totals += [sum(kind.forms[index].services for kind in services.kinds), ""]
    rows.append([*totals, services.services, services.recipients])
    return [Paragraph("5. Социальные услуги по видам и формам обслуживания", styles.section),
            _table(styles, [top, second], rows, widths, total_rows=1, spans=spans),
            Paragraph("Получ. — получателей (разные лица; услуга семье в целом — один получатель). "
                      "Получатели по формам не суммируются: один человек мог получить услуги в разных формах.",
                      styles.note)]


def _visits(styles: _Styles, report: QuarterlyReport) -> list[Any]:
    from reportlab.platypus import Paragraph

    visits = report.visits
    km = f"{visits.remote_km:g}".replace(".", ",")
    return [Paragraph("6. Патронаж и выезды мобильной бригады", styles.section),
            _table(styles, [["Показатель", "Значение"]], [
                ["Посещений семей на дому", visits.home_visits],
                ["    в т. ч. в ходе выездов мобильной бригады", visits.visits_on_trips],
                ["Выездов мобильной бригады (проведено)", visits.trips_done],
                ["Охвачено населённых пунктов", visits.settlements],
                [f"    в т. ч. отдалённых (от {km} км)", visits.remote_settlements],
            ], [150, 30])]


def _sessions(styles: _Styles, report: QuarterlyReport) -> list[Any]:
    from reportlab.platypus import Paragraph

    sessions = report.sessions
    headers = [["Должность специалиста", "Форма проведения", "Занятий", "Записано", "Присут-\nствовало",
                "Отсут-\nствовало", "Посеща-\nемость"]]
    rows: list[list[Any]] = [[row.position, row.mode, row.sessions, row.planned, row.attended, row.absent,
                              format_rate(row.rate)] for row in sessions.rows]
    total = sessions.total
    rows.append([total.position, "", total.sessions, total.planned, total.attended, total.absent,
                 format_rate(total.rate)])
    return [Paragraph("7. Реабилитационные занятия", styles.section),
            _table(styles, headers, rows, [46, 34, 20, 20, 20, 20, 20], total_rows=1),
            Paragraph("Посещаемость — присутствовавшие / (присутствовавшие + отсутствовавшие).", styles.note)]


def _events(styles: _Styles, report: QuarterlyReport) -> list[Any]:
    from reportlab.platypus import Paragraph

    events = report.events
    headers = [["Вид мероприятия", "Меро-\nприятий", "Участ-\nников", "Очно", "Дистан-\nционно", "Специа-\nлистов",
                "Роди-\nтелей", "Детей", "Других"]]
    rows: list[list[Any]] = [[row.type_name, row.events, row.participants, row.in_person, row.online,
                              row.specialists, row.parents, row.children, row.others]
                             for row in (*events.rows, events.total)]
    return [Paragraph("8. Мероприятия", styles.section),
            _table(styles, headers, rows, [52] + [16] * 8, total_rows=1)]


def _plan(styles: _Styles, report: QuarterlyReport) -> list[Any]:
    from reportlab.platypus import Paragraph

    if report.plan is None:
        return []
    rows = report.plan.rows
    volumes = _table(styles, [["Показатель объёма", "Единица", "Утверждено на год", "План на дату",
                               "Исполнено на дату"]],
                     [[row.name, row.unit, row.planned, row.expected, row.done] for row in rows], [80, 20, 27, 25, 28])
    deviations = _table(styles, [["Показатель объёма", "Откло­нение", "Допус­тимое", "Сверх допус­тимого",
                                  "Причина отклонения"]],
                        [[row.name, percent_text(row.deviation_pct), percent_text(row.allowed_pct),
                          percent_text(row.beyond_pct) if row.beyond_pct else "—", row.reason] for row in rows],
                        [62, 22, 22, 24, 50])
    return [Paragraph(_text(f"9. {plan_title(report)}"), styles.section), volumes,
            Paragraph("Отклонения от плана", styles.section), deviations, Paragraph(_text(PLAN_NOTE), styles.note)]


def _services_chart(styles: _Styles, report: QuarterlyReport) -> list[Any]:
    from reportlab.platypus import KeepTogether, Paragraph

    kinds = report.services.kinds
    if not kinds:
        return []
    return [KeepTogether([
        Paragraph("Диаграмма 1. Социальные услуги по видам (количество услуг)", styles.section),
        _bar_chart(styles, [kind.kind_name for kind in kinds], [kind.services for kind in kinds],
                   value_format="%d")])]


def _attendance_chart(styles: _Styles, report: QuarterlyReport) -> list[Any]:
    from reportlab.platypus import KeepTogether, Paragraph

    rates = position_rates(report.sessions.rows)
    if not rates:
        return []
    return [KeepTogether([
        Paragraph("Диаграмма 2. Посещаемость занятий по должностям специалистов, %", styles.section),
        _bar_chart(styles, [name for name, _ in rates], [round((rate or 0) * 100, 1) for _, rate in rates],
                   value_format=percent_text, value_max=100)])]


def _signature(styles: _Styles, signer: str) -> Any:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    rows = [[Paragraph("Руководитель", styles.body), "", "", Paragraph(_text(signer), styles.body)],
            ["", Paragraph("(подпись)", styles.small), "", Paragraph("(И.О. Фамилия)", styles.small)]]
    table = Table(rows, colWidths=[60 * mm, 40 * mm, 10 * mm, 60 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, 0), 0.5, "black"),
                               ("LINEBELOW", (3, 0), (3, 0), 0.5, "black"),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return table


def _numbered_canvas(font: str) -> type:
    """A canvas that holds its pages back until the end, then writes «стр. N из M» on each."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            count = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font, 9)
                width = self._pagesize[0]
                self.drawCentredString(20 * mm + (width - 30 * mm) / 2, 10 * mm,
                                       f"стр. {self._pageNumber} из {count}")
                super().showPage()
            super().save()

    return NumberedCanvas


def export_quarterly_pdf(report: QuarterlyReport, target: Path, organisation: str, signer: str = "") -> Path:
    """Write the report as an A4 PDF (a temporary file first, then moved into place); returns `target`."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

    styles = _Styles()
    period = report.period
    story: list[Any] = [
        Paragraph(_text(organisation), styles.centred),
        Paragraph(TITLE, styles.heading),
    ]
    if period.title.startswith("с "):  # custom dates: the title already names them
        story.append(Paragraph(_text(f"за период {period.title}"), styles.centred))
    else:
        story += [Paragraph(_text(f"за {period.title}"), styles.centred),
                  Paragraph(_text(f"(с {format_date(period.start)} по {format_date(period.end)})"), styles.centred)]
    story.append(Spacer(1, 6))
    last: list[Any] = []
    for section in (_support, _children, _services, _services_chart, _visits, _sessions, _attendance_chart,
                    _events, _plan):
        flowables = section(styles, report)
        story += flowables
        last = flowables or last
    # The signature never stands alone on the last page: it keeps to the last section.
    del story[len(story) - len(last):]
    story.append(KeepTogether([*last, Spacer(1, 28), _signature(styles, signer)]))

    def build(path: str) -> None:
        document = SimpleDocTemplate(path, pagesize=A4, leftMargin=20 * mm, rightMargin=10 * mm,
                                     topMargin=20 * mm, bottomMargin=20 * mm,
                                     title=f"{TITLE} за {period.title}", author=organisation)
        document.build(story, canvasmaker=_numbered_canvas(styles.regular))

    write_atomically(target, build)
    return target
