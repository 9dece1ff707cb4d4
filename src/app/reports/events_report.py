"""«Отчёт о мероприятиях»: the events of a period with their participants, and totals by event type.

An event belongs to the period in which it starts (so an event spanning two quarters is counted once).
Only live events count. Families are the registered families marked as attended (live families only).
The totals are SQL aggregates (SUM/COUNT ... GROUP BY type), never sums over loaded rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import ScalarSelect, Subquery, func, select
from sqlalchemy.orm import Session, aliased

from app.documents.xlsx import Column, SheetWriter, add_executor, new_workbook, period_text, save_workbook
from app.reference.organization import load_organization
from db.models import DictionaryItem, Event, EventFamily, Family

REPORT_TITLE = "Отчёт о мероприятиях"
COUNT_COLUMNS = [
    Column("Участников всего", 11, "int"),
    Column("Очно", 9, "int"),
    Column("Дистанционно", 13, "int"),
    Column("Специалисты", 12, "int"),
    Column("Родители", 10, "int"),
    Column("Дети", 9, "int"),
    Column("Другие", 9, "int"),
]
EVENT_COLUMNS = [
    Column("№", 5, "int"),
    Column("Дата начала", 11, "date"),
    Column("Дата окончания", 11, "date"),
    Column("Название", 36),
    Column("Вид", 20),
    Column("Формат", 13),
    Column("Место проведения", 20),
    *COUNT_COLUMNS,
    Column("Районов", 9, "int"),
    Column("Субъектов РФ", 9, "int"),
    Column("Семей записано", 10, "int"),
    Column("Семей присутст-вовало", 10, "int"),
]
# 1-based columns of the events sheet summed in its totals row: participants and families, not places.
EVENT_SUMMED = [*range(8, 15), 17, 18]
TYPE_COLUMNS = [Column("Вид мероприятия", 36), Column("Мероприятий", 12, "int"), *COUNT_COLUMNS,
                Column("Участий семей", 10, "int")]


@dataclass(frozen=True)
class EventsReportRow:
    id: uuid.UUID
    starts_on: date
    ends_on: date
    title: str
    type_name: str
    format_name: str
    place: str
    participants_total: int
    in_person: int
    online: int
    specialists: int
    parents: int
    children: int
    others: int
    districts: int
    regions: int
    families_registered: int  # registered families (or their members) on the event's list
    families_attended: int  # of them, marked as attended


@dataclass(frozen=True)
class EventTypeTotal:
    type_name: str
    events: int
    participants_total: int
    in_person: int
    online: int
    specialists: int
    parents: int
    children: int
    others: int
    families_attended: int  # attendances: a family at two events counts twice


@dataclass(frozen=True)
class EventsReport:
    organisation: str
    date_from: date
    date_to: date
    rows: list[EventsReportRow]
    by_type: list[EventTypeTotal]
    total: EventTypeTotal
    families_distinct: int  # different registered families that attended any event of the period


def _conditions(date_from: date, date_to: date, office_ids: Iterable[uuid.UUID] | None) -> list:
    conditions: list = [Event.deleted_at.is_(None), Event.starts_on >= date_from, Event.starts_on <= date_to]
    if office_ids:
        conditions.append(Event.office_id.in_(list(office_ids)))
    return conditions


def _family_count(attended_only: bool) -> ScalarSelect:
    query = (select(func.count(func.distinct(EventFamily.family_id)))
             .join(Family, Family.id == EventFamily.family_id)
             .where(EventFamily.event_id == Event.id, Family.deleted_at.is_(None)))
    if attended_only:
        query = query.where(EventFamily.attended.is_(True))
    return query.scalar_subquery()


def _sums() -> list:
    total = Event.specialists_count + Event.parents_count + Event.children_count + Event.others_count
    return [func.coalesce(func.sum(column), 0) for column in (
        total, Event.in_person_count, Event.online_count, Event.specialists_count, Event.parents_count,
        Event.children_count, Event.others_count)]


def _attendances() -> Subquery:
    """Distinct (event, family) pairs of live families marked as attended."""
    return (select(EventFamily.event_id, EventFamily.family_id)
            .join(Family, Family.id == EventFamily.family_id)
            .where(EventFamily.attended.is_(True), Family.deleted_at.is_(None))
            .distinct().subquery())


def events_of_period(session: Session, date_from: date, date_to: date,
                     office_ids: Iterable[uuid.UUID] | None = None) -> EventsReport:
    """The live events starting in [date_from, date_to] (of the offices, when given), oldest first,
    with totals by type and overall."""
    conditions = _conditions(date_from, date_to, office_ids)
    kind, form = aliased(DictionaryItem), aliased(DictionaryItem)
    total = Event.specialists_count + Event.parents_count + Event.children_count + Event.others_count
    rows = [
        EventsReportRow(row[0], row[1], row[2], row[3], row[4] or "", row[5] or "", row[6] or "",
                        *(int(value or 0) for value in row[7:]))
        for row in session.execute(
            select(Event.id, Event.starts_on, Event.ends_on, Event.title, kind.name, form.name, Event.place,
                   total, Event.in_person_count, Event.online_count, Event.specialists_count, Event.parents_count,
                   Event.children_count, Event.others_count, Event.districts_count, Event.regions_count,
                   _family_count(False), _family_count(True))
            .outerjoin(kind, kind.id == Event.type_id)
            .outerjoin(form, form.id == Event.format_id)
            .where(*conditions)
            .order_by(Event.starts_on, Event.title, Event.id))
    ]
    attendances = _attendances()
    attended_by_type = dict(session.execute(
        select(Event.type_id, func.count()).join(attendances, attendances.c.event_id == Event.id)
        .where(*conditions).group_by(Event.type_id)).all())
    by_type = [
        EventTypeTotal(name, int(events), *[int(value) for value in sums] + [attended_by_type.get(type_id, 0)])
        for type_id, name, _order, events, *sums in session.execute(
            select(Event.type_id, kind.name, kind.sort_order, func.count(Event.id), *_sums())
            .join(kind, kind.id == Event.type_id)
            .where(*conditions)
            .group_by(Event.type_id, kind.name, kind.sort_order)
            .order_by(kind.sort_order, kind.name))
    ]
    events, *sums = session.execute(select(func.count(Event.id), *_sums()).where(*conditions)).one()
    attended = session.execute(
        select(func.count()).select_from(attendances).join(Event, Event.id == attendances.c.event_id)
        .where(*conditions)).scalar_one()
    distinct = session.execute(
        select(func.count(func.distinct(attendances.c.family_id))).join(Event, Event.id == attendances.c.event_id)
        .where(*conditions)).scalar_one()
    return EventsReport(
        organisation=load_organization(session).name, date_from=date_from, date_to=date_to, rows=rows,
        by_type=by_type, total=EventTypeTotal("Итого", int(events), *[int(value) for value in sums] + [int(attended)]),
        families_distinct=int(distinct),
    )


def _counts(item: EventsReportRow | EventTypeTotal) -> list[int]:
    return [item.participants_total, item.in_person, item.online, item.specialists, item.parents, item.children,
            item.others]


def export_events_xlsx(report: EventsReport, target: Path, *, executor: str = "") -> Path:
    """Sheet «Мероприятия» (one row per event, totals as SUM formulas) and sheet «По видам»."""
    period = period_text(report.date_from, report.date_to)
    book = new_workbook()
    events = SheetWriter(book, "Мероприятия", EVENT_COLUMNS, organisation=report.organisation,
                         report=REPORT_TITLE, period=period)
    for number, row in enumerate(report.rows, 1):
        events.row([number, row.starts_on, row.ends_on, row.title, row.type_name, row.format_name, row.place,
                    *_counts(row), row.districts, row.regions, row.families_registered, row.families_attended])
    events.totals(label="Итого", label_column=4, summed=EVENT_SUMMED)
    events.finish(freeze_column=5)
    types = SheetWriter(book, "По видам", TYPE_COLUMNS, organisation=report.organisation,
                        report=f"{REPORT_TITLE}: итоги по видам", period=period)
    for item in report.by_type:
        types.row([item.type_name, item.events, *_counts(item), item.families_attended])
    types.totals()
    types.row([f"Разных семей на мероприятиях: {report.families_distinct}", *[None] * (len(TYPE_COLUMNS) - 1)])
    types.finish(freeze_column=2)
    add_executor(book, executor)
    return save_workbook(book, target)
