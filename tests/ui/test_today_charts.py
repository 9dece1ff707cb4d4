"""The coordinator's charts on «Сегодня»: a tab beside the work list (none for a specialist), read chart by chart
on the database thread when first shown, each bar the service's figure, read again after a change, a tooltip
with the exact figure on hover."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCharts import QAbstractBarSeries
from PySide6.QtWidgets import QLabel, QToolTip

from app.cases.cases import CaseData, open_case
from app.core.changes import SESSIONS
from app.core.dates import add_years
from app.core.text import format_date
from app.rehab.sessions import AttendanceMark, mark_attendance
from app.worklist.charts import attendance_by_office, families_by_month, services_by_kind
from db.models import SessionParticipant
from tests.app.rehab_setup import add_session
from tests.app.worklist.test_deadlines import _family
from ui.context import UiContext
from ui.today import TodaySection
from ui.today.charts import ORDER, short_label

WAIT = 20000
TODAY = date.today()


def _values(view, set_index: int = 0) -> list[float]:
    series = next(s for s in view.chart().series() if isinstance(s, QAbstractBarSeries))
    bar_set = series.barSets()[set_index]
    return [bar_set.at(i) for i in range(bar_set.count())]


def _attend(database, world, day: datetime, person_id) -> None:
    with database.write() as session:
        session_id = add_session(world, session, day, [person_id])
        row = session.query(SessionParticipant.id).filter(SessionParticipant.session_id == session_id).scalar()
        mark_attendance(session, world.coordinator, [AttendanceMark(row, True, None)])


def test_the_coordinators_charts_show_the_services_figures(qtbot, worker, sqlite_database, sqlite_world):
    world = sqlite_world
    family = _family(sqlite_database, world, "Белова", add_years(TODAY, -5), responsible=world.specialist.staff_id)
    with sqlite_database.write() as session:
        open_case(session, world.coordinator, CaseData(family_id=family.id, kind_id=world.code(
            session, "case_kind", "social_support"), opened_on=TODAY - timedelta(days=100)))
    _attend(sqlite_database, world, datetime.combine(TODAY, datetime.min.time()).replace(hour=8), family.child_id)

    context = UiContext(worker, world.coordinator)
    today = TodaySection(context)
    qtbot.addWidget(today)
    today.resize(1366, 700)
    today.show()
    assert today.tabs is not None and today.tabs.count() == 2 and today.charts is None  # made when shown
    today.tabs.setCurrentIndex(1)
    assert today.charts is not None
    qtbot.waitUntil(today.charts.is_loaded, timeout=WAIT)
    charts = today.charts
    today.tabs.setCurrentIndex(0)
    today.tabs.setCurrentIndex(1)
    assert today.charts is charts  # made once
    with sqlite_database.read() as session:
        months = families_by_month(session, world.coordinator)
        services = services_by_kind(session, world.coordinator)
        (office,) = attendance_by_office(session, world.coordinator)
    views = today.charts.views
    assert _values(views["families"]) == [m.families for m in months] and months[-1].families == 1
    kinds = list(reversed(services.kinds))
    assert _values(views["services"], 1) == [k.this_quarter for k in kinds] and sum(_values(views["services"], 1)) == 1
    assert _values(views["attendance"]) == [100.0] and (office.attended, office.absent) == (1, 0)
    assert "State" not in views["plan"].chart().title() and "план" in views["plan"].chart().title().lower()

    series = next(s for s in views["families"].chart().series() if isinstance(s, QAbstractBarSeries))
    series.barSets()[0].hovered.emit(True, len(months) - 1)
    assert QToolTip.text() == f"{format_date(months[-1].day)}: семей на сопровождении — 1"

    # a change while the tab is shown reads the charts again: a second attended session this quarter
    _attend(sqlite_database, world, datetime.combine(TODAY, datetime.min.time()).replace(hour=9), family.child_id)
    today.charts.data.clear()
    context.changes.announce(frozenset({SESSIONS}), None)
    qtbot.waitUntil(today.charts.is_loaded, timeout=WAIT)
    assert sum(_values(views["services"], 1)) == 2 and set(today.charts.data) == set(ORDER)


def test_a_specialist_has_no_charts(qtbot, worker, sqlite_world):
    today = TodaySection(UiContext(worker, sqlite_world.specialist))
    qtbot.addWidget(today)
    assert today.tabs is None and today.charts is None


def test_long_names_are_shortened_for_the_axis():
    assert short_label("Социально-бытовые услуги") == "Соц.-бытовые"
    long = short_label("Услуги в целях повышения коммуникативного потенциала получателей социальных услуг")
    assert len(long) == 30 and long.endswith("…")


def test_without_qt_charts_the_work_list_still_works(qtbot, worker, sqlite_world, monkeypatch):
    import sys

    monkeypatch.delitem(sys.modules, "ui.today.charts")
    monkeypatch.setitem(sys.modules, "PySide6.QtCharts", None)  # as in a bundle built without it
    today = TodaySection(UiContext(worker, sqlite_world.coordinator))
    qtbot.addWidget(today)
    today.tabs.setCurrentIndex(1)
    label = today.tabs.widget(1).findChild(QLabel)
    assert today.charts is None and today.tabs.count() == 2 and "Qt Charts" in label.text()
    qtbot.waitUntil(today.is_loaded, timeout=WAIT)
