"""«Показатели комплекса мер»: indicators an administrator defines, their actual values taken from the data.

An indicator has a name, a unit, a value at the programme's start, a planned value and a source: which
count of the quarterly report's figures is its actual value for the chosen period (for example the
families on support at the period's end, or the families of one category). The report is the table
indicator | unit | start | plan | actual | % done.

The plan of an indicator is the year's, so its actual value is taken cumulatively from the start of the plan's
period — 1 January of the report's year — to the end of the report period (a III quarter report compares
January–September with the annual plan, never one quarter with a year); counts at a day («семей на конец
периода») are taken on the report's last day as before. `IndicatorsReport.actual_period` names those days and
every format states them (`actual_note`).

% done is actual / plan. When the plan is below the start value the target is a decrease (fewer
families in a socially dangerous position, say): then % done is the way covered, (start − actual) /
(start − plan). It is empty when there is no plan or the plan equals the start.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.core.changes import SETTINGS, Saved
from app.core.checks import Checker
from app.core.errors import NotFound
from app.core.permissions import MANAGE_DICTIONARIES, require
from app.reports.periods import Period
from app.reports.quarterly import QuarterlyReport, compute_quarterly
from db.models import DictionaryItem, Indicator

CATEGORY_PREFIX = "category:"
MAX_VALUE = 1e12

# The figures an indicator can take its actual value from, in the order the editor lists them.
SOURCES: dict[str, tuple[str, Callable[[QuarterlyReport], float | None]]] = {
    "families_at_start": ("Семей на сопровождении на начало периода", lambda r: r.support.at_start),
    "families_at_end": ("Семей на сопровождении на конец периода", lambda r: r.support.at_end),
    "families_taken_on": ("Семей принято на сопровождение за период", lambda r: r.support.taken_on),
    "families_removed": ("Семей снято с сопровождения за период", lambda r: r.support.removed),
    "children_served": ("Детей, получивших услуги", lambda r: r.children.served),
    "children_disabled": ("Детей-инвалидов, получивших услуги", lambda r: r.children.disabled),
    "children_ovz": ("Детей с ОВЗ, получивших услуги", lambda r: r.children.ovz),
    "services": ("Социальных услуг предоставлено", lambda r: r.services.services),
    "recipients": ("Получателей социальных услуг", lambda r: r.services.recipients),
    "home_visits": ("Посещений семей на дому", lambda r: r.visits.home_visits),
    "trips_done": ("Выездов мобильной бригады", lambda r: r.visits.trips_done),
    "settlements": ("Населённых пунктов охвачено", lambda r: r.visits.settlements),
    "remote_settlements": ("Отдалённых населённых пунктов охвачено", lambda r: r.visits.remote_settlements),
    "sessions": ("Реабилитационных занятий проведено", lambda r: r.sessions.total.sessions),
    "session_attendances": ("Посещений занятий детьми", lambda r: r.sessions.total.attended),
    "attendance_rate": ("Доля посещённых занятий, %",
                        lambda r: None if r.sessions.total.rate is None else round(r.sessions.total.rate * 100, 1)),
    "events": ("Мероприятий проведено", lambda r: r.events.total.events),
    "event_participants": ("Участников мероприятий", lambda r: r.events.total.participants),
    "event_parents": ("Родителей — участников мероприятий", lambda r: r.events.total.parents),
}


@dataclass(frozen=True)
class IndicatorData:
    name: str
    unit: str
    value_at_start: float | None
    plan: float | None
    source: str
    sort_order: int = 0
    active: bool = True
    note: str | None = None


@dataclass(frozen=True)
class IndicatorRow:
    id: uuid.UUID
    name: str
    unit: str
    value_at_start: float | None
    plan: float | None
    source: str
    source_label: str
    sort_order: int
    active: bool
    note: str | None


@dataclass(frozen=True)
class IndicatorLine:
    """One row of the report."""

    name: str
    unit: str
    value_at_start: float | None
    plan: float | None
    actual: float | None
    percent_done: float | None


@dataclass(frozen=True)
class IndicatorsReport:
    period: Period
    lines: tuple[IndicatorLine, ...]
    actual_period: Period | None = None  # the days the actual values count (from the plan period's start)

    @property
    def actual_note(self) -> str:
        """«Фактическое значение — нарастающим итогом с 01.01.2026 по 30.09.2026 (план — на год).»"""
        days = self.actual_period or plan_period(self.period)
        return (f"Фактическое значение — нарастающим итогом с {days.start:%d.%m.%Y} по {days.end:%d.%m.%Y} "
                "(план — на год).")


def plan_period(period: Period) -> Period:
    """From the start of the plan's period (1 January of the report's year) to the report's last day."""
    start = date(period.end.year, 1, 1)
    if period.start <= start:
        return period
    return Period(start, period.end, f"с начала {period.end.year} года по {period.end:%d.%m.%Y}")


def source_choices(session: Session) -> list[tuple[str, str]]:
    """(key, label) of every source: the fixed figures, then the families of each active category."""
    choices = [(key, label) for key, (label, _) in SOURCES.items()]
    categories = session.execute(
        select(DictionaryItem.code, DictionaryItem.name).where(DictionaryItem.kind == "family_category",
                                                               DictionaryItem.active.is_(True))
        .order_by(DictionaryItem.sort_order, DictionaryItem.name)).all()
    choices += [(f"{CATEGORY_PREFIX}{code}", f"Семей категории «{name}» на конец периода")
                for code, name in categories]
    return choices


def list_indicators(session: Session, *, active_only: bool = False) -> list[IndicatorRow]:
    query = select(Indicator).order_by(Indicator.sort_order, Indicator.name)
    if active_only:
        query = query.where(Indicator.active.is_(True))
    labels = dict(source_choices(session))
    return [IndicatorRow(item.id, item.name, item.unit, item.value_at_start, item.plan, item.source,
                         labels.get(item.source, item.source), item.sort_order, item.active, item.note)
            for item in session.execute(query).scalars()]


def _check(session: Session, data: IndicatorData) -> None:
    check = Checker()
    check.text("name", data.name, "Наименование показателя", required=True, max_length=500)
    check.text("unit", data.unit, "Единица измерения", max_length=60)
    if data.source not in dict(source_choices(session)):
        check.fail("source", "Поле «Источник фактического значения»: выберите показатель из списка.")
    for field, label, value in (("value_at_start", "Значение на начало", data.value_at_start),
                                ("plan", "Плановое значение", data.plan)):
        if value is not None and not (math.isfinite(value) and 0 <= value <= MAX_VALUE):
            check.fail(field, f"Поле «{label}»: укажите неотрицательное число.")
    check.done()


def save_indicator(session: Session, actor: Actor, data: IndicatorData,
                   indicator_id: uuid.UUID | None = None) -> Saved:
    """Create an indicator, or change the one with `indicator_id` (administrators only)."""
    require(actor, MANAGE_DICTIONARIES)
    _check(session, data)
    item = Indicator() if indicator_id is None else session.get(Indicator, indicator_id)
    if item is None:
        raise NotFound("Показатель не найден: возможно, его удалили.")
    values = {"name": data.name.strip(), "unit": data.unit.strip(), "value_at_start": data.value_at_start,
              "plan": data.plan, "source": data.source, "sort_order": data.sort_order, "active": data.active,
              "note": (data.note or "").strip() or None}
    changed = [name for name, value in values.items() if getattr(item, name, None) != value]
    for name, value in values.items():
        setattr(item, name, value)
    if indicator_id is None:
        session.add(item)
    session.flush()
    audit.record(session, actor, "create" if indicator_id is None else "update", "indicator", item.id, changed)
    return Saved(item.id, frozenset({SETTINGS}))


def delete_indicator(session: Session, actor: Actor, indicator_id: uuid.UUID) -> Saved:
    """Remove an indicator: it holds no personal data and no record refers to it."""
    require(actor, MANAGE_DICTIONARIES)
    item = session.get(Indicator, indicator_id)
    if item is None:
        raise NotFound("Показатель не найден: возможно, его уже удалили.")
    session.delete(item)
    audit.record(session, actor, "delete", "indicator", indicator_id)
    return Saved(indicator_id, frozenset({SETTINGS}))


def _set_active(session: Session, actor: Actor, indicator_id: uuid.UUID, active: bool) -> Saved:
    require(actor, MANAGE_DICTIONARIES)
    item = session.get(Indicator, indicator_id)
    if item is None:
        raise NotFound("Показатель не найден: возможно, его удалили.")
    item.active = active
    audit.record(session, actor, "update", "indicator", indicator_id, ["active"])
    return Saved(indicator_id, frozenset({SETTINGS}))


def deactivate_indicator(session: Session, actor: Actor, indicator_id: uuid.UUID) -> Saved:
    """Leave the indicator out of reports, keeping its figures for later."""
    return _set_active(session, actor, indicator_id, False)


def reactivate_indicator(session: Session, actor: Actor, indicator_id: uuid.UUID) -> Saved:
    return _set_active(session, actor, indicator_id, True)


def percent_done(start: float | None, plan: float | None, actual: float | None) -> float | None:
    """Actual against plan; for a decrease target the share of the way from start to plan covered."""
    if plan is None or actual is None:
        return None
    if start is not None and plan < start:
        return (start - actual) / (start - plan) * 100
    if start is not None and plan == start:
        return None
    return actual / plan * 100 if plan else None


def actual_value(report: QuarterlyReport, source: str) -> float | None:
    if source.startswith(CATEGORY_PREFIX):
        code = source.removeprefix(CATEGORY_PREFIX)
        return next((row.count for row in report.support.by_category if row.code == code), 0)
    entry = SOURCES.get(source)
    return entry[1](report) if entry else None


def compute_indicators(session: Session, period: Period, *, office_ids: list[uuid.UUID] | None = None,
                       district_ids: list[uuid.UUID] | None = None) -> IndicatorsReport:
    """The active indicators with their actual values counted from the plan period's start to the end of
    `period` (the quarterly figures of those days, one pass)."""
    indicators = list_indicators(session, active_only=True)
    actual_period = plan_period(period)
    if not indicators:
        return IndicatorsReport(period, (), actual_period)
    figures = compute_quarterly(session, actual_period, office_ids=office_ids, district_ids=district_ids)
    lines = []
    for item in indicators:
        actual = actual_value(figures, item.source)
        lines.append(IndicatorLine(item.name, item.unit, item.value_at_start, item.plan, actual,
                                   percent_done(item.value_at_start, item.plan, actual)))
    return IndicatorsReport(period, tuple(lines), actual_period)
