"""Files of «Квартальный отчёт о деятельности»: an XLSX workbook and a Word document (ГОСТ Р 7.0.97).

The figures come from `QuarterlyReport` as computed; nothing is recounted here. In the workbook each
section is a sheet written with `SheetWriter` (styled header, frozen panes, A4 fitted to width); sums
that are plain additions are SUM formulas, counts of distinct families or persons stay literal (they do
not add up). The services table has one shape in the workbook, the document, the PDF and the preview
(`services_lines`: a kind's «всего» row and its forms below it, then «Итого» and the totals by form, as the
rows of form 6-собес); the services and sessions sheets carry a native Excel bar chart (the services chart
reads a hidden sheet of kinds × forms). Every sheet ends with the «Исполнитель» line, as the DOCX and PDF.
The document is filled from the «quarterly.docx» template (scripts/templates/build_quarterly.py), which a
coordinator may copy and edit.
openpyxl is imported inside the functions: the app starts without loading it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.core.text import format_date
from app.documents.docx_render import render_docx, signature_name
from app.documents.xlsx import Column, SheetWriter, add_executor, new_workbook, period_text, save_workbook
from app.reports.quarterly import CountRow, EventRow, QuarterlyReport, SessionRow
from app.reports.state_assignment import PlanRow

REPORT_TITLE = "Квартальный отчёт о деятельности"
TEMPLATE = "quarterly.docx"
FAMILIES = "Семей"
# The sections, numbered and titled the same in the DOCX, the PDF, the workbook and the preview.
SECTIONS = {
    "support": "1. Движение семей, состоящих на сопровождении",
    "children": "2. Дети, получившие услуги",
    "services": "3. Социальные услуги по видам и формам социального обслуживания",
    "visits": "4. Патронаж и выезды мобильной бригады",
    "sessions": "5. Реабилитационные занятия по должностям специалистов",
    "events": "6. Мероприятия",
}
PLAN_NUMBER = "7. "
INDENT = "    "
TRIP_SESSIONS_LINE = "занятий с детьми проведено на этих выездах"
RETURNED_LINE = "Справочно: снято и вновь принято в течение периода (учтены на начало и на конец)"

SUPPORT_SHEET = "Контингент"
CHILDREN_SHEET = "Дети"
SERVICES_SHEET = "Услуги"
VISITS_SHEET = "Выезды"
SESSIONS_SHEET = "Занятия"
EVENTS_SHEET = "Мероприятия"
PLAN_SHEET = "Госзадание"
SERVICES_CHART = "Диаграмма услуг"
SESSIONS_CHART = "Диаграмма занятий"
PLAN_NOTE = ("Исполнено — с 1 января по последний день отчётного периода. Отклонение — от объёма, утверждённого "
             "на год. Превышение допустимого отклонения: перевыполнение — на любую дату, невыполнение — по итогам "
             "года. Численность получателей за год не складывается из кварталов и не сравнивается с долей плана.")
# The columns of the ПП № 640 form, split in two tables in the DOCX and PDF (a portrait page), in one row
# of the sheet; the same names everywhere. Soft hyphens mark where a narrow column may break a word.
PLAN_ID_COLUMNS = ("Уникальный номер реестровой записи",
                   "Показатель, характери\u00adзующий содержание государ\u00adственной услуги",
                   "Показатель, характери\u00adзующий условия (формы) оказания государ\u00adственной услуги",
                   "Показатель объёма", "Единица изме\u00adрения", "Код по ОКЕИ")
PLAN_FIGURE_COLUMNS = ("Показатель объёма", "Утверж\u00adдено в государ\u00adственном задании на год",
                       "Испол\u00adнено на отчётную дату", "Откло\u00adнение от годового плана",
                       "Допус\u00adтимое (воз\u00adможное) откло\u00adнение",
                       "Откло\u00adнение, превы\u00adшающее допус\u00adтимое (воз\u00adможное) значение",
                       "Причина откло\u00adнения")

# The services table, the same columns and rows in every format (see `services_lines`).
SERVICE_HEADERS = ("Вид социальных услуг", "Форма социального обслуживания", "Услуг", "Получателей")
ALL_FORMS_ROW = "всего"
SERVICES_NOTE = ("Получателей — разных лиц (услуга семье в целом — один получатель); получатели по формам и видам "
                 "не суммируются: один человек мог получить услуги разных видов и в разных формах.")
CHART_DATA_SHEET = "Данные диаграммы"

# Column names of the sessions and events tables, the same in every format; soft hyphens mark where a narrow
# column of the DOCX or PDF may break a word (the sheet and the screen show them without).
SESSION_HEADERS = ("Должность специалиста", "Форма проведения", "Заня\u00adтий", "Мест запла\u00adниро\u00adвано",
                   "Посе\u00adтили", "Про\u00adпус\u00adтили", "Доля посе\u00adщений")
EVENT_HEADERS = ("Вид мероприятия", "Меро\u00adприятий", "Участ\u00adников всего", "Очно", "Дистан\u00adционно",
                 "Специа\u00adлисты", "Роди\u00adтели", "Дети", "Другие")
SESSION_COLUMNS = [Column(SESSION_HEADERS[0].replace("\u00ad", ""), 30),
                   Column(SESSION_HEADERS[1].replace("\u00ad", ""), 30),
                   *(Column(title.replace("\u00ad", ""), width, kind) for title, width, kind in zip(
                       SESSION_HEADERS[2:], (10, 13, 10, 12, 11), ("int", "int", "int", "int", "percent"),
                       strict=True))]
EVENT_COLUMNS = [Column(EVENT_HEADERS[0], 34),
                 *(Column(title.replace("\u00ad", ""), width, "int") for title, width in zip(
                     EVENT_HEADERS[1:], (12, 11, 9, 13, 12, 10, 9, 9), strict=True))]
EVENT_FIELDS = ("events", "participants", "in_person", "online", "specialists", "parents", "children", "others")


def services_lines(report: QuarterlyReport) -> list[tuple[str, str, int, int, bool]]:
    """(kind, form, services, recipients, is the kind's or the grand total) in the order of form 6-собес."""
    services = report.services
    lines: list[tuple[str, str, int, int, bool]] = []
    for kind in services.kinds:
        lines.append((kind.kind_name, ALL_FORMS_ROW, kind.services, kind.recipients, True))
        lines += [("", cell.form_name, cell.services, cell.recipients, False) for cell in kind.forms]
    lines.append(("Итого", ALL_FORMS_ROW, services.services, services.recipients, True))
    lines += [("", cell.form_name, cell.services, cell.recipients, False) for cell in services.by_form]
    return lines


def support_lines(report: QuarterlyReport) -> list[tuple[str, int]]:
    """«Движение семей»: start + taken on − removed = end; the reasons sum to the removed (one per family)."""
    support = report.support
    start, end = format_date(report.period.start), format_date(report.period.end)
    return [(f"Состояло на сопровождении на начало периода ({start})", support.at_start),
            ("Принято на сопровождение за период", support.taken_on),
            ("Снято с сопровождения за период", support.removed),
            *((f"{INDENT}в т. ч. по причине «{row.name}»", row.count) for row in support.removed_by_reason),
            (f"Состоит на сопровождении на конец периода ({end})", support.at_end),
            (RETURNED_LINE, support.returned)]


def support_groups(report: QuarterlyReport) -> list[tuple[str, tuple[CountRow, ...]]]:
    support = report.support
    return [("На конец периода по категориям семей", support.by_category),
            ("На конец периода по районам", support.by_district)]


def children_lines(report: QuarterlyReport) -> list[tuple[str, int]]:
    children = report.children
    return [("Детей, получивших услуги за период", children.served),
            (f"{INDENT}в т. ч. детей-инвалидов", children.disabled), (f"{INDENT}в т. ч. детей с ОВЗ", children.ovz)]


def visits_lines(report: QuarterlyReport) -> list[tuple[str, int]]:
    visits = report.visits
    return [("Посещений семей на дому", visits.home_visits),
            (f"{INDENT}в т. ч. в ходе выездов мобильной бригады", visits.visits_on_trips),
            ("Выездов мобильной бригады проведено", visits.trips_done),
            (f"{INDENT}{TRIP_SESSIONS_LINE}", visits.sessions_on_trips),
            ("Населённых пунктов охвачено", visits.settlements),
            (f"{INDENT}в т. ч. отдалённых ({_km(visits.remote_km)} км и более)", visits.remote_settlements)]


def percent_text(value: float | None) -> str:
    """«12,5 %», «—» when there is nothing to compare with."""
    return "—" if value is None else f"{value:.1f}".replace(".", ",").removesuffix(",0") + " %"


def plan_title(report: QuarterlyReport) -> str:
    assert report.plan is not None
    return (f"Сведения о выполнении государственного задания на {report.plan.year} год "
            f"(на {report.plan.to_date:%d.%m.%Y})")


def plan_id_cells(row: PlanRow) -> list[str]:
    # A registry number («870000О.99.0.АЭ25АА00000») may wrap after its dots, never inside a part.
    number = row.registry_number.replace(".", ".\u200b") if row.registry_number else "—"
    return [number, row.content or "—", row.conditions, row.name, row.unit, row.okei]


def plan_figure_cells(row: PlanRow) -> list[Any]:
    return [row.name, row.planned, row.done, percent_text(row.deviation_pct), percent_text(row.allowed_pct),
            percent_text(row.beyond_pct) if row.beyond_pct else "—", row.reason or "—"]


def plain_header(text: str) -> str:
    """A header without its soft hyphens (a sheet wraps at spaces by itself)."""
    return text.replace("\u00ad", "")


def _km(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _rate_text(row: SessionRow) -> str:
    rate = row.rate
    return "—" if rate is None else f"{rate * 100:.1f} %".replace(".", ",")


# --- XLSX --------------------------------------------------------------------------------------------------

def _writer(book: Any, name: str, columns: list[Column], organisation: str, report: QuarterlyReport,
            section: str, *, landscape: bool = False) -> SheetWriter:
    return SheetWriter(book, name, columns, organisation=organisation, report=f"{REPORT_TITLE}: {section}",
                       period=f"{report.period.title} ({period_text(report.period.start, report.period.end)})",
                       landscape=landscape)


def _support_sheet(book: Any, report: QuarterlyReport, organisation: str) -> None:
    sheet = _writer(book, SUPPORT_SHEET, [Column("Показатель", 56), Column(FAMILIES, 12, "int")], organisation,
                    report, SECTIONS["support"])
    for label, value in support_lines(report):
        sheet.row([label, value])
    for title, rows in support_groups(report):
        sheet.row([title, None], bold=True)
        for row in rows:
            sheet.row([row.name, row.count])
    sheet.finish(freeze_column=2)


def _lines_sheet(book: Any, name: str, section: str, unit: str, lines: list[tuple[str, int]],
                 report: QuarterlyReport, organisation: str) -> None:
    sheet = _writer(book, name, [Column("Показатель", 56), Column(unit, 12, "int")], organisation, report, section)
    for label, value in lines:
        sheet.row([label, value])
    sheet.finish(freeze_column=2)


def _bar_chart(sheet: Any, name: str, title: str, y_title: str, data_columns: tuple[int, int], first_row: int,
               last_row: int, *, stacked: bool = False) -> None:
    """A horizontal bar chart of `sheet`'s rows alone on a sheet of its own (`name`), sized to a landscape A4
    page and printed fitted to one page; every category and axis keeps its label. (A plain sheet rather than
    an Excel chart sheet: LibreOffice draws openpyxl's chart sheets as an empty page.)"""
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "bar"  # horizontal bars: long category names stay readable
    chart.title, chart.y_axis.title = title, y_title
    if stacked:
        chart.grouping, chart.overlap = "stacked", 100
    chart.add_data(Reference(sheet, min_col=data_columns[0], max_col=data_columns[1], min_row=first_row - 1,
                             max_row=last_row), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=first_row, max_row=last_row))
    chart.x_axis.delete = chart.y_axis.delete = False  # newer Excel hides axes that are not asked for
    chart.x_axis.tickLblSkip = 1  # a label for every category, not every other one
    chart.legend.position = "b"
    chart.width, chart.height = 26, 17  # cm: the printable part of a landscape A4 page
    page = sheet.parent.create_sheet(name)
    page.add_chart(chart, "A1")
    page.page_setup.paperSize = page.PAPERSIZE_A4
    page.page_setup.orientation = "landscape"
    page.page_setup.fitToWidth = page.page_setup.fitToHeight = 1
    page.sheet_properties.pageSetUpPr.fitToPage = True
    page.print_area = "A1:Q34"  # the chart's cells (17 columns × 34 rows of the default size)


def _services_sheet(book: Any, report: QuarterlyReport, organisation: str) -> None:
    from openpyxl.styles import Alignment

    services = report.services
    forms = [(cell.form_code, cell.form_name) for cell in services.kinds[0].forms] if services.kinds else []
    columns = [Column(SERVICE_HEADERS[0], 42), Column(SERVICE_HEADERS[1], 34), Column(SERVICE_HEADERS[2], 12, "int"),
               Column(SERVICE_HEADERS[3], 14, "int")]
    sheet = _writer(book, SERVICES_SHEET, columns, organisation, report, SECTIONS["services"], landscape=False)
    lines = services_lines(report)
    body = len(lines) - 1 - len(forms)  # the rows of the kinds; the grand total block follows them
    first = sheet.next_row
    last = first + body - 1
    for index, (kind, form, count, recipients, total) in enumerate(lines):
        number = sheet.row([kind, form, count, recipients], bold=index >= body)  # the «Итого» block
        if total and index < body and forms:  # a kind's «всего»: the sum of its forms below it
            sheet.sheet.cell(number, 3).value = f"=SUM(C{number + 1}:C{number + len(forms)})"
        elif index == body:  # «Итого»: the kinds' «всего» rows
            sheet.sheet.cell(number, 3).value = f'=SUMIF(B{first}:B{last},"{ALL_FORMS_ROW}",C{first}:C{last})'
        elif index > body:  # a form over all kinds
            sheet.sheet.cell(number, 3).value = f'=SUMIF(B{first}:B{last},B{number},C{first}:C{last})'
    note = sheet.next_row + 1
    sheet.sheet.cell(note, 1).value = SERVICES_NOTE
    sheet.sheet.cell(note, 1).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.sheet.merge_cells(start_row=note, start_column=1, end_row=note, end_column=4)  # wraps in the table's width
    sheet.sheet.row_dimensions[note].height = 45
    sheet.finish(freeze_column=2)
    if services.kinds and forms:
        data = book.create_sheet(CHART_DATA_SHEET)
        data.sheet_state = "hidden"  # the chart's matrix of kinds × forms; the table above is what is read
        data.append(["Вид социальных услуг", *(name for _, name in forms)])
        for row in services.kinds:
            data.append([row.kind_name, *(cell.services for cell in row.forms)])
        _bar_chart(data, SERVICES_CHART, "Услуги по видам и формам", "Услуг", (2, len(forms) + 1), 2,
                   len(services.kinds) + 1, stacked=True)


def _sessions_sheet(book: Any, report: QuarterlyReport, organisation: str) -> None:
    sessions = report.sessions
    sheet = _writer(book, SESSIONS_SHEET, SESSION_COLUMNS, organisation, report, SECTIONS["sessions"],
                    landscape=True)
    for row in sessions.rows:
        sheet.row([row.position, row.mode, row.sessions, row.planned, row.attended, row.absent, None])
    data_last = sheet.next_row - 1
    totals = sheet.totals(summed=[3, 4, 5, 6])
    for number in range(sheet.first_data_row, totals + 1):
        sheet.sheet.cell(number, 7).value = f'=IF(E{number}+F{number}>0,E{number}/(E{number}+F{number}),"")'
    sheet.finish(freeze_column=3)
    if sessions.rows:
        _bar_chart(sheet.sheet, SESSIONS_CHART, "Посещаемость занятий", "Мест", (5, 6), sheet.first_data_row,
                   data_last)


def _events_sheet(book: Any, report: QuarterlyReport, organisation: str) -> None:
    sheet = _writer(book, EVENTS_SHEET, EVENT_COLUMNS, organisation, report, SECTIONS["events"], landscape=True)
    for row in report.events.rows:
        sheet.row([row.type_name, *(getattr(row, name) for name in EVENT_FIELDS)])
    sheet.totals()
    sheet.finish(freeze_column=2)


def _plan_sheet(book: Any, report: QuarterlyReport, organisation: str) -> None:
    if report.plan is None:
        return
    widths = (22, 30, 30, 30, 11, 8)
    columns = [Column(plain_header(title), width) for title, width in zip(PLAN_ID_COLUMNS, widths, strict=True)]
    columns += [Column(plain_header(PLAN_FIGURE_COLUMNS[1]), 14, "int"),
                Column(plain_header(PLAN_FIGURE_COLUMNS[2]), 13, "int"),
                Column(plain_header(PLAN_FIGURE_COLUMNS[3]), 12, "percent"),
                Column(plain_header(PLAN_FIGURE_COLUMNS[4]), 13, "percent"),
                Column(plain_header(PLAN_FIGURE_COLUMNS[5]), 16, "percent"),
                Column(plain_header(PLAN_FIGURE_COLUMNS[6]), 30)]
    sheet = _writer(book, PLAN_SHEET, columns, organisation, report, PLAN_NUMBER + plan_title(report),
                    landscape=True)
    for row in report.plan.rows:
        number = sheet.next_row
        sheet.row([*plan_id_cells(row), row.planned, row.done, None, row.allowed_pct / 100, None, row.reason])
        # Our own formulas: the deviation follows if a coordinator corrects a figure in the workbook.
        sheet.sheet.cell(number, 9).value = f'=IF(G{number}>0,H{number}/G{number}-1,"")'
        over = f"MAX(0,I{number}-J{number})"
        if report.plan.to_date.month == 12 and report.plan.to_date.day == 31:
            over = f"MAX(0,ABS(I{number})-J{number})"
        sheet.sheet.cell(number, 11).value = f'=IF(G{number}>0,{over},"")'
    note = sheet.sheet.cell(sheet.next_row + 1, 1)
    note.value = PLAN_NOTE
    sheet.finish(freeze_column=2)


def export_quarterly_xlsx(report: QuarterlyReport, target: Path, organisation: str, *, executor: str = "") -> Path:
    """The quarterly report as a workbook, one sheet per section, each ending with the «Исполнитель» line;
    returns `target`."""
    book = new_workbook()
    _support_sheet(book, report, organisation)
    _lines_sheet(book, CHILDREN_SHEET, SECTIONS["children"], "Человек", children_lines(report), report,
                 organisation)
    _services_sheet(book, report, organisation)
    _lines_sheet(book, VISITS_SHEET, SECTIONS["visits"], "Количество", visits_lines(report), report,
                 organisation)
    _sessions_sheet(book, report, organisation)
    _events_sheet(book, report, organisation)
    _plan_sheet(book, report, organisation)
    if CHART_DATA_SHEET in book.sheetnames:  # the hidden chart data last: the visible sheets keep their order
        book.move_sheet(CHART_DATA_SHEET, offset=len(book.sheetnames) - 1 - book.sheetnames.index(CHART_DATA_SHEET))
    add_executor(book, executor)
    return save_workbook(book, Path(target))


# --- DOCX --------------------------------------------------------------------------------------------------

def _event(row: EventRow) -> dict[str, Any]:
    return {"name": row.type_name, **{name: getattr(row, name) for name in EVENT_FIELDS}}


def _session(row: SessionRow) -> dict[str, Any]:
    return {"position": row.position, "mode": row.mode, "sessions": row.sessions, "planned": row.planned,
            "attended": row.attended, "absent": row.absent, "rate": _rate_text(row)}


def _plan(row: PlanRow) -> dict[str, Any]:
    ids, figures = plan_id_cells(row), plan_figure_cells(row)
    return {"registry_number": ids[0], "content": ids[1], "conditions": ids[2], "name": ids[3], "unit": ids[4],
            "okei": ids[5], "planned": figures[1], "done": figures[2], "deviation": figures[3],
            "allowed": figures[4], "beyond": figures[5], "reason": figures[6]}


def docx_context(report: QuarterlyReport, organisation: str, signer: str = "", executor: str = "") -> dict[str, Any]:
    """What the «quarterly.docx» template is filled with (plain values; the template escapes text)."""
    lines = services_lines(report)
    body = len(lines) - 1 - len(report.services.by_form)
    services = [{"kind": kind, "form": form, "services": count, "recipients": recipients}
                for kind, form, count, recipients, _total in lines[:body]]
    return {
        "organisation": organisation,
        "title": REPORT_TITLE,
        "sections": SECTIONS,
        "period": {"title": report.period.title, "start": report.period.start, "end": report.period.end},
        "support": [{"name": label, "value": value} for label, value in support_lines(report)],
        "support_groups": [{"title": title, "rows": [{"name": row.name, "value": row.count} for row in rows]}
                           for title, rows in support_groups(report)],
        "children": [{"name": label, "value": value} for label, value in children_lines(report)],
        "services": services,
        "services_total": {"services": report.services.services, "recipients": report.services.recipients},
        "services_by_form": [{"form": form, "services": count, "recipients": recipients}
                             for _kind, form, count, recipients, _total in lines[body + 1:]],
        "services_note": SERVICES_NOTE,
        "visits": [{"name": label, "value": value} for label, value in visits_lines(report)],
        "sessions": [_session(row) for row in report.sessions.rows],
        "sessions_total": _session(report.sessions.total),
        "events": [_event(row) for row in report.events.rows],
        "events_total": _event(report.events.total),
        "plan": None if report.plan is None else {
            "title": PLAN_NUMBER + plan_title(report), "rows": [_plan(row) for row in report.plan.rows],
            "note": PLAN_NOTE},
        "signer": signature_name(signer),
        "executor": executor,
    }


def export_quarterly_docx(report: QuarterlyReport, target: Path, organisation: str, signer: str = "", *,
                          executor: str = "") -> Path:
    """The quarterly report as a Word document from the «quarterly.docx» template; returns `target`."""
    return render_docx(TEMPLATE, docx_context(report, organisation, signer, executor), Path(target))
