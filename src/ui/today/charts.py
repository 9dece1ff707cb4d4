"""The coordinator's charts on «Сегодня» (QtCharts): families on support by month, services by kind this quarter
against the last, attendance by office, the госзадание done against the plan pro rata.

The figures come from `app.worklist.charts`, one read per chart, on the charts' own reader thread (a second
`DatabaseWorker`): a chart takes seconds on a large region, and the one database thread the screens save through
is never held by them. They are read when the tab is first shown and again after a change while it is visible.
Hovering a bar shows its exact figure and full name; clicking it opens the records behind it (the families, the
sessions and visits, the office's sessions) or, for the госзадание, the quarterly report for the year to date.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QShowEvent
from PySide6.QtWidgets import QGridLayout, QToolTip, QWidget

from app.core.text import format_date
from app.reports.catalog import QUARTERLY
from app.reports.periods import Period
from app.worklist.chart_records import ChartRecords, families_on_support, office_sessions, services_of_kind
from app.worklist.charts import (
    CHARTS,
    MonthCount,
    OfficeAttendance,
    PlanChart,
    ServicesByKind,
    current_quarter,
)
from db.session import Database
from ui import style
from ui.context import UiContext
from ui.errors import show_error
from ui.today.chart_records import ChartRecordsDialog
from ui.worker import DatabaseWorker, alive

ORDER = ("families", "services", "attendance", "plan")
GREY, BLUE, GREEN = "#90A4AE", "#1E88E5", "#43A047"  # earlier or planned · now · done
LABEL_LENGTH = 30


def short_label(name: str) -> str:
    """A category name short enough for an axis (the full one is in the tooltip)."""
    text = name.replace("Социально-", "Соц.-").removesuffix(" услуги")
    return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH - 1].rstrip() + "…"


class ChartsPanel(QWidget):
    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.views: dict[str, QChartView] = {}
        self.data: dict[str, Any] = {}
        self.loading = False
        self.stale = True
        self.reader: DatabaseWorker | None = None  # the charts' own reader thread, started when first needed
        self.dialog: ChartRecordsDialog | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, key in enumerate(ORDER):
            view = QChartView(objectName=f"chart_{key}")
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumSize(320, 220)
            self.views[key] = view
            grid.addWidget(view, index // 2, index % 2)
        for key in ORDER:
            self.views[key].setChart(self._empty(self._title(key), self.tr("Loading…")))

    # --- data -------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.load()

    def changed(self) -> None:
        if self.isVisible():
            self.load()
        else:
            self.stale = True

    def load(self) -> None:
        """Read the charts one after another (each its own unit of work on the database thread)."""
        if self.loading:
            self.stale = True
            return
        self.loading, self.stale = True, False
        self._load_next(0)

    def _load_next(self, index: int) -> None:
        if index >= len(ORDER):
            self.loading = False
            if self.stale and self.isVisible():
                self.load()
            return
        key, actor, compute = ORDER[index], self.context.actor, CHARTS[ORDER[index]]

        def done(value: Any) -> None:
            self.data[key] = value
            self.views[key].setChart(self._build(key, value))
            self._load_next(index + 1)

        def failed(error: BaseException) -> None:
            self.loading = False
            show_error(self, error)

        def job(database: Database) -> Any:
            with database.read() as session:
                return compute(session, actor, None)

        self._reader().submit(job, alive(self, done), alive(self, failed))

    def _reader(self) -> DatabaseWorker:
        """A read-only thread of the charts' own over the same database (SQLite in WAL mode and PostgreSQL both
        read beside a writer), stopped with the panel."""
        if self.reader is None:
            self.reader = reader = DatabaseWorker(self.context.worker.database, alive(self, self._read_failed))
            self.destroyed.connect(lambda _object=None: reader.stop())
        return self.reader

    def _read_failed(self, error: BaseException) -> None:
        show_error(self, error)

    # --- the records behind a bar -------------------------------------------------------------
    def drill(self, read: Callable[[Any], ChartRecords]) -> ChartRecordsDialog:
        """Show the records a bar counts (read on the charts' reader)."""
        self.dialog = ChartRecordsDialog(self.context, self._reader(), read, self)
        self.dialog.show()
        return self.dialog

    def open_families(self, day: date) -> ChartRecordsDialog:
        actor = self.context.actor
        return self.drill(lambda session: families_on_support(session, actor, day))

    def open_services(self, kind_code: str, period: Period) -> ChartRecordsDialog:
        actor = self.context.actor
        return self.drill(lambda session: services_of_kind(session, actor, kind_code, period))

    def open_office(self, office: OfficeAttendance) -> ChartRecordsDialog:
        actor, period = self.context.actor, current_quarter(date.today())
        return self.drill(lambda session: office_sessions(session, actor, office.office_id, period))

    def open_plan_report(self) -> bool:
        """The госзадание in the quarterly report for the year to date, on the Reports screen of the main window
        (False when the panel is not inside one)."""
        window = self.window()
        if "reports" not in getattr(window, "section_keys", ()):
            return False
        window.show_section("reports")  # type: ignore[attr-defined]
        today = date.today()
        window.section("reports").open_report(QUARTERLY, date(today.year, 1, 1), today)  # type: ignore[attr-defined]
        return True

    def is_loaded(self) -> bool:
        return len(self.data) == len(ORDER) and not self.loading

    # --- charts -----------------------------------------------------------------------------
    def _title(self, key: str) -> str:
        return {"families": self.tr("Families on support, end of month"),
                "services": self.tr("Services by kind"),
                "attendance": self.tr("Attendance by office this quarter, %"),
                "plan": self.tr("State assignment: done against the plan to date")}[key]

    def _build(self, key: str, value: Any) -> QChart:
        builders: dict[str, Callable[[Any], QChart]] = {
            "families": self._families, "services": self._services, "attendance": self._attendance,
            "plan": self._plan}
        return builders[key](value)

    def _chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        font = QFont(self.font())
        font.setBold(True)
        chart.setTitleFont(font)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        return chart

    def _empty(self, title: str, text: str) -> QChart:
        chart = self._chart(f"{title}<br><span style='font-weight:normal'>{text}</span>")
        chart.legend().hide()
        return chart

    def _bars(self, title: str, categories: Sequence[str], sets: Sequence[tuple[str, Sequence[float]]],
              tips: Sequence[Callable[[int], str]], colors: Sequence[str], *, horizontal: bool,
              percent: bool = False, clicks: Sequence[Callable[[int], Any]] = ()) -> QChart:
        chart = self._chart(title)
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() - 2))
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
        for position, ((name, values), tip, color) in enumerate(zip(sets, tips, colors, strict=True)):
            bar_set = QBarSet(name)
            if position < len(clicks):
                bar_set.clicked.connect(clicks[position])
            bar_set.append([float(v) for v in values])
            bar_set.setColor(QColor(color))
            bar_set.setLabelColor(QColor("white" if percent else style.INK))
            bar_set.setLabelFont(small)
            bar_set.hovered.connect(lambda status, index, tip=tip: QToolTip.showText(QCursor.pos(), tip(index))
                                    if status else QToolTip.hideText())
            series.append(bar_set)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsInsideEnd if percent
                                 else QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        if not horizontal:
            series.setLabelsAngle(-90)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append(list(categories))
        names.setLabelsFont(small)
        if not horizontal and len(categories) > 6:
            names.setLabelsAngle(-90)
        numbers = QValueAxis()
        numbers.setLabelFormat("%d")
        numbers.setLabelsFont(small)
        highest = max((max(values, default=0) for _, values in sets), default=0)
        numbers.setRange(0, 100 if percent else max(1.0, highest * 1.2))  # room for the figures past the bars
        if not percent:
            numbers.applyNiceNumbers()
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(numbers, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        series.attachAxis(numbers)
        if len(sets) == 1:
            chart.legend().hide()
        return chart

    def _families(self, months: list[MonthCount]) -> QChart:
        return self._bars(self.tr("Families on support, end of month"), [m.label for m in months],
                          [(self.tr("Families"), [m.families for m in months])],
                          [lambda i: self.tr("{day}: {count} families on support").format(
                              day=format_date(months[i].day), count=months[i].families)],
                          [BLUE], horizontal=False, clicks=[lambda i: self.open_families(months[i].day)])

    def _services(self, chart: ServicesByKind) -> QChart:
        kinds = list(reversed(chart.kinds))  # a horizontal chart draws its first category at the bottom
        last, this = chart.last_quarter.title, chart.this_quarter.title
        return self._bars(
            self.tr("Services by kind: {this} against {last}").format(this=this, last=last),
            [short_label(k.name) for k in kinds],
            [(last, [k.last_quarter for k in kinds]), (this, [k.this_quarter for k in kinds])],
            [lambda i: f"{kinds[i].name}\n{last}: {kinds[i].last_quarter}",
             lambda i: f"{kinds[i].name}\n{this}: {kinds[i].this_quarter}"],
            [GREY, BLUE], horizontal=True,
            clicks=[lambda i: self.open_services(kinds[i].code, chart.last_quarter),
                    lambda i: self.open_services(kinds[i].code, chart.this_quarter)])

    def _attendance(self, offices: list[OfficeAttendance]) -> QChart:
        title = self.tr("Attendance by office this quarter, %")
        if not offices:
            return self._empty(title, self.tr("No offices."))
        rows = list(reversed(offices))
        return self._bars(
            title, [short_label(o.name) for o in rows],
            [(self.tr("Attended, %"), [round((o.rate or 0) * 100) for o in rows])],
            [lambda i: self.tr("{office}: attended {attended} of {marked} marked places").format(
                office=rows[i].name, attended=rows[i].attended, marked=rows[i].attended + rows[i].absent)],
            [BLUE], horizontal=True, percent=True, clicks=[lambda i: self.open_office(rows[i])])

    def _plan(self, plan: PlanChart) -> QChart:
        title = self.tr("State assignment {year}: done against the plan to {day}").format(
            year=plan.year, day=format_date(plan.to_date))
        if not plan.rows:
            return self._empty(title, self.tr("No plan entered for the year (Reports → State assignment plan)."))
        rows = list(reversed(plan.rows))
        return self._bars(
            title, [short_label(r.name) for r in rows],
            [(self.tr("Plan pro rata"), [r.expected for r in rows]), (self.tr("Done"), [r.done for r in rows])],
            [lambda i: self.tr("{name}\nplan for the year {planned}, pro rata to date {expected}").format(
                name=rows[i].name, planned=rows[i].planned, expected=rows[i].expected),
             lambda i: self.tr("{name}\ndone {done}").format(name=rows[i].name, done=rows[i].done)],
            [GREY, GREEN], horizontal=True,
            clicks=[lambda _i: self.open_plan_report(), lambda _i: self.open_plan_report()])
