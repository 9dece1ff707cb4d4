"""Each report as the plain tables the Reports screen shows before anything is written.

The labels and order are those of the files (shared with app.reports.quarterly_export), so what the
coordinator checks on screen is what the ministry receives. Cells are numbers, dates or text;
rates and percentages are already written the Russian way («83,3 %»).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.reports.events_report import EventsReport
from app.reports.indicators import IndicatorsReport
from app.reports.indicators_export import number_text
from app.reports.indicators_export import percent_text as indicator_percent
from app.reports.quarterly import QuarterlyReport, SessionRow
from app.reports.quarterly_export import (
    EVENT_FIELDS,
    EVENT_HEADERS,
    INDENT,
    PLAN_FIGURE_COLUMNS,
    PLAN_ID_COLUMNS,
    PLAN_NUMBER,
    SECTIONS,
    SERVICE_HEADERS,
    SESSION_HEADERS,
    children_lines,
    percent_text,
    plain_header,
    plan_figure_cells,
    plan_id_cells,
    plan_title,
    services_lines,
    support_groups,
    support_lines,
    visits_lines,
)
from app.reports.registry_extract import RegistryMemberRow


@dataclass(frozen=True)
class PreviewTable:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    total_rows: int = 0  # the last rows that are totals (shown bold)


def _rate(row: SessionRow) -> str:
    return percent_text(None if row.rate is None else row.rate * 100)


def quarterly_tables(report: QuarterlyReport) -> tuple[PreviewTable, ...]:
    support: list[tuple[Any, ...]] = list(support_lines(report))
    for title, rows in support_groups(report):
        support.append((title, None))
        support += [(INDENT + row.name, row.count) for row in rows]
    service_rows = [line[:4] for line in services_lines(report)]  # the shape of every file format
    sessions = [(row.position, row.mode, row.sessions, row.planned, row.attended, row.absent, _rate(row))
                for row in (*report.sessions.rows, report.sessions.total)]
    events = [(row.type_name, *(getattr(row, name) for name in EVENT_FIELDS))
              for row in (*report.events.rows, report.events.total)]
    tables = [
        PreviewTable(SECTIONS["support"], ("Показатель", "Семей"), tuple(support)),
        PreviewTable(SECTIONS["children"], ("Показатель", "Человек"), tuple(children_lines(report))),
        PreviewTable(SECTIONS["services"], SERVICE_HEADERS, tuple(service_rows),
                     total_rows=1 + len(report.services.by_form)),
        PreviewTable(SECTIONS["visits"], ("Показатель", "Количество"), tuple(visits_lines(report))),
        PreviewTable(SECTIONS["sessions"], tuple(plain_header(title) for title in SESSION_HEADERS), tuple(sessions),
                     total_rows=1),
        PreviewTable(SECTIONS["events"], tuple(plain_header(title) for title in EVENT_HEADERS), tuple(events),
                     total_rows=1),
    ]
    if report.plan is not None:
        plan = [(*plan_id_cells(row), *plan_figure_cells(row)[1:]) for row in report.plan.rows]
        headers = tuple(plain_header(title) for title in (*PLAN_ID_COLUMNS, *PLAN_FIGURE_COLUMNS[1:]))
        tables.append(PreviewTable(PLAN_NUMBER + plan_title(report), headers, tuple(plan)))
    return tuple(tables)


def events_tables(report: EventsReport) -> tuple[PreviewTable, ...]:
    counts = ("participants_total", "in_person", "online", "specialists", "parents", "children", "others")
    events = tuple((number, row.starts_on, row.title, row.type_name, row.format_name, row.place,
                    *(getattr(row, name) for name in counts), row.families_attended)
                   for number, row in enumerate(report.rows, 1))
    types = tuple((item.type_name, item.events, *(getattr(item, name) for name in counts), item.families_attended)
                  for item in (*report.by_type, report.total))
    count_headers = ("Участников", "Очно", "Дистанционно", "Специалисты", "Родители", "Дети", "Другие",
                     "Семей из реестра")
    return (PreviewTable("Мероприятия", ("№", "Дата", "Название", "Вид", "Формат", "Место", *count_headers),
                         events),
            PreviewTable("Итоги по видам", ("Вид мероприятия", "Мероприятий", *count_headers), types, total_rows=1))


def registry_tables(rows: list[RegistryMemberRow]) -> tuple[PreviewTable, ...]:
    numbers: dict[Any, int] = {}
    table = []
    for row in rows:
        number = numbers.setdefault(row.family_id, len(numbers) + 1)
        table.append((number, row.family_title, row.district, row.settlement, row.full_name, row.role,
                      row.birth_date, row.age, row.snils, ", ".join(row.categories), "; ".join(row.support)))
    title = f"Семей: {len(numbers)}, членов семей: {len(rows)}"
    return (PreviewTable(title, ("№", "Семья", "Район", "Населённый пункт", "ФИО", "Роль", "Дата рождения",
                                 "Возраст", "СНИЛС", "Категории", "Сопровождение"), tuple(table)),)


def indicator_tables(report: IndicatorsReport) -> tuple[PreviewTable, ...]:
    rows = tuple((line.name, line.unit, number_text(line.value_at_start), number_text(line.plan),
                  number_text(line.actual), indicator_percent(line.percent_done)) for line in report.lines)
    return (PreviewTable("Показатели", ("Наименование показателя", "Единица", "На начало", "План", "Факт",
                                        "% выполнения"), rows),)
