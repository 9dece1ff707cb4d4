"""The coordinator's charts open what they show (#17 item 1): a click on a bar lists the records behind it — the
families on support at the month's end, the sessions and visits of a kind of services in a quarter, an office's
sessions — with the bar's figure as the list's total, a row opens its record; the госзадание opens the quarterly
report for the year to date on the Reports screen. The charts read on their own thread, not the screens' one."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCharts import QAbstractBarSeries

from app.cases.cases import CaseData, open_case
from app.core.dates import add_years
from app.rehab.sessions import AttendanceMark, mark_attendance
from app.reports.catalog import QUARTERLY
from app.reports.periods import custom
from app.visits.visits import create_visit
from db.models import SessionParticipant
from tests.app.rehab_setup import add_session
from tests.app.visits.test_visits import _visit
from tests.app.worklist.test_deadlines import _family
from ui import openers
from ui.context import UiContext
from ui.main_window import MainWindow
from ui.screens import section_screens
from ui.today import TodaySection
from ui.today.chart_records import ChartRecordsDialog

WAIT = 20000
TODAY = date.today()


def _bar_set(view, index: int = 0):
    series = next(s for s in view.chart().series() if isinstance(s, QAbstractBarSeries))
    return series.barSets()[index]


def _session(database, world, hour: int, person_id, came: bool) -> None:
    with database.write() as session:
        session_id = add_session(world, session, datetime.combine(TODAY, datetime.min.time()).replace(hour=hour),
                                 [person_id])
        row = session.query(SessionParticipant.id).filter(SessionParticipant.session_id == session_id).scalar()
        reason = None if came else world.code(session, "absence_reason", "illness")
        mark_attendance(session, world.coordinator, [AttendanceMark(row, came, reason)])


@pytest.fixture
def charts(qtbot, worker, sqlite_database, sqlite_world):
    world = sqlite_world
    family = _family(sqlite_database, world, "Белова", add_years(TODAY, -5), responsible=world.specialist.staff_id)
    with sqlite_database.write() as session:
        open_case(session, world.coordinator, CaseData(family_id=family.id, kind_id=world.code(
            session, "case_kind", "social_support"), opened_on=TODAY - timedelta(days=100)))
        create_visit(session, world.specialist, _visit(world, session, family.id, family.child_id,
                                                       visit_date=TODAY, next_visit_on=None))
    for hour, came in ((8, True), (9, True), (10, False)):
        _session(sqlite_database, world, hour, family.child_id, came)
    today = TodaySection(UiContext(worker, world.coordinator))
    qtbot.addWidget(today)
    today.resize(1366, 700)
    today.show()
    today.tabs.setCurrentWidget(today.charts_host)  # the charts are made when their tab is first shown
    qtbot.waitUntil(lambda: today.charts is not None and today.charts.is_loaded(), timeout=WAIT)
    return today.charts


def _dialog(qtbot, charts) -> ChartRecordsDialog:
    dialog = charts.dialog
    assert isinstance(dialog, ChartRecordsDialog)
    qtbot.waitUntil(dialog.is_loaded, timeout=WAIT)
    return dialog


def test_a_click_on_a_bar_lists_the_records_it_counts(qtbot, charts, worker, monkeypatch):
    assert charts.reader is not None and charts.reader is not worker  # the charts' own reader thread
    opened: list = []
    for kind in ("family", "session", "visit"):
        monkeypatch.setitem(openers._OPENERS, kind, lambda _context, record_id, kind=kind: opened.append(
            (kind, record_id)))

    months = charts.data["families"]
    _bar_set(charts.views["families"]).clicked.emit(len(months) - 1)
    dialog = _dialog(qtbot, charts)
    assert dialog.records.total == months[-1].families == 1 and dialog.model.rowCount() == 1
    assert dialog.records.rows[0].kind == "family" and "Белова" in dialog.records.rows[0].title
    dialog.open_row(0)
    assert opened == [("family", dialog.records.rows[0].id)]
    dialog.close()

    # Services of each kind this quarter: the list adds up to the bar, sessions and visits among the rows.
    services = charts.data["services"]
    kinds = list(reversed(services.kinds))  # the chart's order
    bars = _bar_set(charts.views["services"], 1)
    kinds_seen: set[str] = set()
    for index, kind in enumerate(kinds):
        if not kind.this_quarter:
            continue
        bars.clicked.emit(index)
        dialog = _dialog(qtbot, charts)
        assert dialog.records.total == kind.this_quarter == bars.at(index), kind.name
        assert sum(row.count for row in dialog.records.rows) == kind.this_quarter
        kinds_seen |= {row.kind for row in dialog.records.rows}
        dialog.close()
    assert kinds_seen == {"session", "visit"}
    assert sum(k.this_quarter for k in services.kinds) == 2 + 3  # two attended places, the visit's 2 + 1 services
    # Last quarter's bar of the same kind lists nothing.
    index = next(i for i, k in enumerate(kinds) if k.this_quarter)
    _bar_set(charts.views["services"], 0).clicked.emit(index)
    dialog = _dialog(qtbot, charts)
    assert dialog.records.total == 0 and dialog.model.rowCount() == 0
    dialog.close()

    # The office's attendance: its sessions of the quarter, the attended places adding up, the absent one named.
    (office,) = charts.data["attendance"]
    _bar_set(charts.views["attendance"]).clicked.emit(0)
    dialog = _dialog(qtbot, charts)
    assert dialog.records.total == office.attended == 2 and office.absent == 1
    assert dialog.model.rowCount() == 3 and {row.kind for row in dialog.records.rows} == {"session"}
    assert [row.count for row in dialog.records.rows] == [0, 1, 1]  # newest first: the absent one at 10:00
    assert "не пришли: 1" in dialog.records.rows[0].detail
    opened.clear()
    dialog.open_row(2)
    assert opened == [("session", dialog.records.rows[2].id)]
    dialog.close()


def test_the_state_assignment_chart_opens_the_report_for_the_year_to_date(qtbot, worker, sqlite_world):
    main = MainWindow(UiContext(worker, sqlite_world.coordinator), section_screens())
    qtbot.addWidget(main)
    main.show()
    main.show_section("today")
    today = main.section("today")
    assert today.charts is None  # not made until their tab is shown (the work list draws first)
    today.tabs.setCurrentWidget(today.charts_host)
    assert today.charts is not None and today.charts.open_plan_report()
    reports = main.section("reports")
    assert main.stack.currentWidget() is reports
    assert reports.current_kind() == QUARTERLY
    assert reports.period.period() == custom(date(TODAY.year, 1, 1), TODAY)
    qtbot.waitUntil(lambda: reports.built is not None, timeout=WAIT)
    # Outside a main window there is no Reports screen to open: nothing happens.
    alone = TodaySection(UiContext(worker, sqlite_world.coordinator))
    qtbot.addWidget(alone)
    alone.tabs.setCurrentWidget(alone.charts_host)
    assert not alone.charts.open_plan_report()
