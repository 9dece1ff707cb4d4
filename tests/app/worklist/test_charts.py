"""The coordinator's charts on a hand-built set (the quarterly report's, III кв. 2025): each figure by hand where it
is short, and every figure equal to the quarterly report's for the same offices and dates (the control relation
the charts promise)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

import pytest

from app.core.errors import PermissionDenied
from app.reports.periods import custom, parse_period
from app.reports.quarterly import compute_quarterly
from app.reports.state_assignment import SERVICES, save_plan
from app.worklist.charts import (
    CHARTS,
    attendance_by_office,
    families_by_month,
    plan_progress,
    services_by_kind,
)
from tests.app.reports.test_quarterly import build
from tests.app.reports.test_state_assignment import FORMS, PLAN_2025


def _report(database, world, period):
    with database.read() as session:
        return compute_quarterly(session, period, office_ids=[world.office_id])


def test_families_on_support_by_month_equal_the_report_at_each_month_end(database, world):
    build(database, world)
    today = date(2025, 10, 12)
    with database.read() as session:
        months = families_by_month(session, world.coordinator, today)
    assert [m.day for m in months][-4:] == [date(2025, 7, 31), date(2025, 8, 31), date(2025, 9, 30), today]
    assert len(months) == 12 and months[0].day == date(2024, 11, 30) and months[-1].label == "окт 25"
    # by hand: Антоновы (since March) and Борисовы (removed 15.08, back 10.09) at the end of September; Власовы
    # closed 20.09, Григорьевы 01.07, Дмитриевы deleted; in August Борисовы were off and Власовы on
    by_day = {m.day: m.families for m in months}
    assert by_day[date(2025, 9, 30)] == 2 and by_day[date(2025, 8, 31)] == 2 and by_day[date(2025, 6, 30)] == 3
    assert by_day[date(2024, 12, 31)] == 0
    for month in months:  # each bar is the report's «на конец периода» for a period ending that day
        report = _report(database, world, custom(month.day.replace(day=1), month.day))
        assert month.families == report.support.at_end, month.day


def test_services_by_kind_this_quarter_and_the_last_equal_the_reports(database, world):
    build(database, world)
    with database.read() as session:
        chart = services_by_kind(session, world.coordinator, date(2025, 10, 12))
    assert chart.this_quarter == parse_period("2025-Q4") and chart.last_quarter == parse_period("2025-Q3")
    q3, q4 = _report(database, world, parse_period("2025-Q3")), _report(database, world, parse_period("2025-Q4"))
    assert [k.code for k in chart.kinds] == [k.kind_code for k in q3.services.kinds] and len(chart.kinds) == 8
    assert [k.last_quarter for k in chart.kinds] == [k.services for k in q3.services.kinds]
    assert [k.this_quarter for k in chart.kinds] == [k.services for k in q4.services.kinds]
    assert sum(k.last_quarter for k in chart.kinds) == q3.services.services > 0
    assert sum(k.this_quarter for k in chart.kinds) == 1  # the session of 01.10 (Анна attended)


def test_attendance_rate_by_office_equals_the_reports_sessions(database, world):
    build(database, world)
    with database.read() as session:
        (office,) = attendance_by_office(session, world.coordinator, date(2025, 9, 15))
    report = _report(database, world, parse_period("2025-Q3"))
    # by hand: attended Гала 01.07, Алла and Анна 10.07, Алла 05.08 and 30.09; Вера absent 10.07; the cancelled
    # session and the unmarked one of 30.09 do not count
    assert (office.office_id, office.attended, office.absent) == (world.office_id, 5, 1)
    assert (office.attended, office.absent) == (report.sessions.total.attended, report.sessions.total.absent)
    assert office.rate == pytest.approx(5 / 6)


def test_plan_done_against_the_plan_pro_rata(database, world):
    build(database, world)
    today = date(2025, 9, 30)
    with database.read() as session:
        assert plan_progress(session, world.coordinator, today).rows == ()  # no plan entered: no bars
    with database.write() as session:
        save_plan(session, world.coordinator, PLAN_2025, FORMS)
    with database.read() as session:
        chart = plan_progress(session, world.coordinator, today)
    report = _report(database, world, parse_period("2025-9M"))  # 01.01–30.09: the volume table as of today
    assert report.plan is not None
    assert [(r.planned, r.done) for r in chart.rows] == [(r.planned, r.done) for r in report.plan.rows]
    share = 273 / 365
    assert [r.expected for r in chart.rows] == [round(20 * share), round(10 * share)] == [15, 7]
    assert chart.rows[0].name == "Численность получателей социальных услуг"
    assert chart.rows[1].name.startswith("Количество предоставленных социальных услуг (") and \
        PLAN_2025.lines[1].measure == SERVICES


def test_charts_are_the_coordinators_and_cover_only_their_offices(database, world):
    build(database, world)
    for chart in CHARTS.values():
        with database.read() as session, pytest.raises(PermissionDenied):
            chart(session, world.specialist, date(2025, 10, 12))
    elsewhere = replace(world.coordinator, office_ids=frozenset())
    with database.read() as session:
        assert {m.families for m in families_by_month(session, elsewhere, date(2025, 10, 12))} == {0}
        assert attendance_by_office(session, elsewhere, date(2025, 9, 15)) == []
        assert sum(k.last_quarter for k in services_by_kind(session, elsewhere, date(2025, 10, 12)).kinds) == 0


def test_month_ends_roll_over_the_year():
    from app.worklist.charts import _month_ends

    ends = _month_ends(date(2026, 3, 1))
    assert ends[-1] == date(2026, 3, 1) and ends[-2] == date(2026, 2, 28) and ends[0] == date(2025, 4, 30)
    assert len(ends) == 12 and all(b - a > timedelta(days=20) for a, b in pairwise(ends[:-1]))
