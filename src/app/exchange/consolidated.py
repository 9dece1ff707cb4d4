"""The regional centre's quarterly report over all offices, with a breakdown by office.

The centre holds every office's records (they arrive in packages), so the consolidated report is the quarterly
report (`app.reports.quarterly`) over the whole database, and each office's line is the same report limited to that
office — the very figures the office computes in its own database (all lines computed in one grouped pass,
`app.reports.office_lines`, the region's report from the same pass). Counts of records add up across offices
(`ADDITIVE`); distinct people and settlements do not (a child served by two offices is one child in the region),
so those are shown per office and for the region without a sum.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.permissions import RUN_REPORTS, require
from app.reports.office_lines import compute_region_and_offices, compute_region_and_offices_at_once
from app.reports.periods import Period
from app.reports.quarterly import QuarterlyReport
from db.models import Office
from db.session import Database

# Figures that are counts of records, each record belonging to exactly one office: the region's equals the sum.
ADDITIVE: dict[str, Callable[[QuarterlyReport], int]] = {
    "Семей на сопровождении на начало": lambda r: r.support.at_start,
    "Семей на сопровождении на конец": lambda r: r.support.at_end,
    "Принято на сопровождение": lambda r: r.support.taken_on,
    "Снято с сопровождения": lambda r: r.support.removed,
    "Услуг оказано": lambda r: r.services.services,
    "Визитов на дом": lambda r: r.visits.home_visits,
    "Из них во время выездов": lambda r: r.visits.visits_on_trips,
    "Выездов мобильной бригады": lambda r: r.visits.trips_done,
    "Занятий": lambda r: r.sessions.total.sessions,
    "Мест на занятиях": lambda r: r.sessions.total.planned,
    "Присутствовало": lambda r: r.sessions.total.attended,
    "Отсутствовало": lambda r: r.sessions.total.absent,
    "Мероприятий": lambda r: sum(row.events for row in r.events.rows),
    "Участников мероприятий": lambda r: sum(row.participants for row in r.events.rows),
}


@dataclass(frozen=True)
class OfficeReport:
    office_id: uuid.UUID
    office_name: str
    report: QuarterlyReport


@dataclass(frozen=True)
class ConsolidatedReport:
    period: Period
    region: QuarterlyReport
    offices: tuple[OfficeReport, ...]

    def figures(self) -> list[tuple[str, list[int], int]]:
        """(figure, per office in `offices` order, region) for every additive figure."""
        return [(name, [get(item.report) for item in self.offices], get(self.region))
                for name, get in ADDITIVE.items()]


def compute_consolidated(session: Session, actor: Actor, period: Period) -> ConsolidatedReport:
    """The region's report and one per office (worker thread, one read transaction)."""
    require(actor, RUN_REPORTS)
    offices = _offices(session)
    # One grouped pass for every office's line instead of one report per office (#16: a region of 100,000
    # families has its quarter scanned once, not once per office); the region's additive figures are the
    # offices' sums from that pass, its distinct people and settlements counted over the same rows.
    region, lines = compute_region_and_offices(session, period, [office_id for office_id, _ in offices])
    return _assembled(period, offices, region, lines)


def build_consolidated(database: Database, actor: Actor, period: Period) -> ConsolidatedReport:
    """What `compute_consolidated` gives, its sections run in two halves at once on two connections that see the
    same data (worker thread): what the screen and `opora exchange consolidated` use."""
    require(actor, RUN_REPORTS)
    with database.read() as session:
        offices = _offices(session)
    region, lines = compute_region_and_offices_at_once(database, period, [office_id for office_id, _ in offices])
    return _assembled(period, offices, region, lines)


def _offices(session: Session) -> list[tuple[uuid.UUID, str]]:
    return [(office_id, name) for office_id, name in
            session.execute(select(Office.id, Office.name).order_by(Office.is_main.desc(), Office.name))]


def _assembled(period: Period, offices: list[tuple[uuid.UUID, str]], region: QuarterlyReport,
               lines: dict[uuid.UUID, QuarterlyReport]) -> ConsolidatedReport:
    return ConsolidatedReport(period, region, tuple(
        OfficeReport(office_id, name, lines[office_id]) for office_id, name in offices))
