"""«Сегодня»: the first screen after sign-in — today's sessions with one-click attendance, visits coming due,
the user's overdue plan rows and the deadlines of their families. Every item opens the record it is about."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.actor import COORDINATOR
from app.core.changes import CASES, DICTIONARIES, FAMILIES, PERSONS, SESSIONS, SETTINGS, VISITS
from app.core.text import format_date
from app.rehab.calendar import SessionRow
from app.worklist.counting import count_deadlines_together
from app.worklist.deadlines import PAGE_SIZE, Deadline, KindCount, deadline_page, enabled_kinds
from app.worklist.settings import KINDS
from app.worklist.today import SESSIONS_PAGE, TodayOverview, today_basics, todays_sessions
from ui import style
from ui.context import UiContext
from ui.errors import show_error
from ui.openers import open_record
from ui.ops import run_query, run_read
from ui.resources import icon

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # (kind, id) of the record an item opens
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # a group's deadline kind
MORE_ROLE = Qt.ItemDataRole.UserRole + 3  # on a «show more» row: the kind whose next page it reads
OVERDUE_INK = "#C62828"


class TodaySection(QWidget):
    """`counts_changed({section key: number})` after each load: the side bar shows what waits in each section."""

    counts_changed = Signal(dict)

    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.overview: TodayOverview | None = None
        self.generation = 0  # of the read in progress; an older read's answers are dropped
        self.reading = False
        self.dialog: Any = None
        self.heading = QLabel()
        style.section_title(self.heading)
        self.refresh_button = QPushButton(icon("refresh"), self.tr("Refresh"), objectName="refresh")
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.refresh_button)

        self.sessions = QListWidget(objectName="today_sessions")
        self.sessions.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.sessions.itemDoubleClicked.connect(self._open_item)
        self.sessions.itemClicked.connect(self._more_sessions_clicked)
        self.session_rows: list[SessionRow] = []  # today's sessions read so far (a page at a time)
        self.sessions_reading = False
        self.attendance_button = QPushButton(icon("check"), self.tr("Mark attendance"), objectName="mark_today")
        self.attendance_button.setToolTip(self.tr("The selected sessions, or all of today's"))
        self.attendance_button.clicked.connect(self.mark_attendance)
        self.visits = QListWidget(objectName="visits_due")
        self.visits.itemDoubleClicked.connect(self._open_item)
        self.plan = QListWidget(objectName="my_plan_rows")
        self.plan.itemDoubleClicked.connect(self._open_item)
        self.deadlines = QTreeWidget(objectName="deadlines")
        self.deadlines.setHeaderLabels([self.tr("Deadline"), self.tr("Family"), self.tr("What to do")])
        # A row's first column is a date (group titles span the row), the family a name or two: what to do, the
        # longest text, gets the rest (it was squeezed to a few words at 1366×768).
        self.deadlines.setColumnWidth(0, 100)
        self.deadlines.setColumnWidth(1, 200)
        self.deadlines.setWordWrap(True)
        self.deadlines.itemDoubleClicked.connect(self._open_item)
        self.deadlines.itemExpanded.connect(self._group_expanded)
        self.deadlines.itemClicked.connect(self._more_clicked)
        self.groups: dict[str, QTreeWidgetItem] = {}  # by kind: the group item of the screen shown
        self.shown_rows: dict[str, int] = {}  # by kind: rows read so far (absent: the group never opened)
        self.pages_reading: set[str] = set()

        sessions_box = self._box(self.tr("Sessions today"), self.sessions, self.attendance_button)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(sessions_box)
        left.addWidget(self._box(self.tr("Visits due"), self.visits))
        left.addWidget(self._box(self.tr("My overdue plan rows"), self.plan))
        columns = QSplitter(Qt.Orientation.Horizontal)
        columns.addWidget(left)
        columns.addWidget(self._box(self.tr("Deadlines of my families"), self.deadlines))
        columns.setStretchFactor(1, 2)
        columns.setSizes([360, 900])  # the deadlines' sentences need the width more than the lists
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        self.charts: Any = None
        self.tabs: QTabWidget | None = None
        if context.actor.case_role == COORDINATOR:  # the coordinator's charts beside the work list (#17)
            self.tabs = QTabWidget(objectName="today_tabs")
            self.tabs.addTab(columns, self.tr("Work list"))
            # The charts (Qt Charts loaded, four views made) when their tab is first shown: a tenth of a second
            # the work list would otherwise wait for after sign-in.
            self.charts_host = QWidget(objectName="charts_host")
            self.charts_layout = QVBoxLayout(self.charts_host)
            self.charts_layout.setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(self.charts_host, self.tr("Charts"))
            self.tabs.currentChanged.connect(self._tab_shown)
            layout.addWidget(self.tabs, 1)
        else:
            layout.addWidget(columns, 1)
        # On a large database the overview is seconds of work on the one database thread: while the screen is
        # hidden a change only marks it stale, and it is read again when shown (not after every save elsewhere).
        self.stale = False
        context.changes.subscribe(self, {SESSIONS, VISITS, CASES, FAMILIES, PERSONS, DICTIONARIES, SETTINGS},
                                  lambda _changed, _initiator=None: self._changed())
        self.load()

    def _tab_shown(self, index: int) -> None:
        if self.tabs is None or self.tabs.widget(index) is not self.charts_host or self.charts_layout.count():
            return
        try:
            from ui.today.charts import ChartsPanel
        except ImportError:  # a bundle built without Qt Charts: the work list still works
            self.charts_layout.addWidget(QLabel(self.tr("Charts are not available in this installation (Qt Charts "
                                                        "is missing)."), alignment=Qt.AlignmentFlag.AlignCenter))
        else:
            self.charts = ChartsPanel(self.context)  # read when shown, which it is now
            self.charts_layout.addWidget(self.charts)

    @staticmethod
    def _box(title: str, body: QWidget, button: QWidget | None = None) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.addWidget(body, 1)
        if button is not None:
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    # --- data -------------------------------------------------------------------------------
    def _changed(self) -> None:
        if self.charts is not None:
            self.charts.changed()
        if self.isVisible():
            self.load()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.load()

    def refresh(self) -> None:
        self.load()
        if self.charts is not None:
            self.charts.changed()

    def load(self) -> None:
        """The lists first, then the deadlines' counts: two short units of work on the database thread (the
        counts in two halves on two connections at once, app.worklist.counting), so a save elsewhere waits for
        one of them at most, never for both."""
        self.stale, self.reading = False, True
        self.generation += 1
        generation, actor = self.generation, self.context.actor
        self.heading.setText(self.tr("Today, {day} — loading…").format(day=format_date(date.today())))
        run_query(self, self.context, lambda session: (today_basics(session, actor), enabled_kinds(session)),
                  lambda result: self._basics_read(generation, *result), lambda error: show_error(self, error))

    def _basics_read(self, generation: int, basics: TodayOverview, kinds: list[str]) -> None:
        if generation == self.generation:
            self._show_lists(basics)
            if self.overview is None:
                self.deadlines.clear()
                self.deadlines.addTopLevelItem(QTreeWidgetItem([self.tr("Reading deadlines…")]))
            self._count_kinds(generation, basics, kinds)

    def _count_kinds(self, generation: int, basics: TodayOverview, kinds: list[str]) -> None:
        """Only the counts: a group's rows are read when it is opened (a coordinator of every office has some
        17,000 deadlines; counting them costs a fraction of reading them)."""
        actor = self.context.actor

        def counted(counts: dict[str, KindCount]) -> None:
            if generation == self.generation:  # read again meanwhile: that read finishes the screen
                self._show(replace(basics, counts=counts))

        run_read(self, self.context, lambda database: count_deadlines_together(database, actor, basics.today, kinds),
                 counted, lambda error: show_error(self, error))

    def is_loaded(self) -> bool:
        return self.overview is not None and not self.reading

    def _show(self, overview: TodayOverview) -> None:
        self.overview, self.reading = overview, False
        today = overview.today
        self.heading.setText(self.tr("Today, {day}").format(day=format_date(today)))
        self._fill_deadlines(overview)  # the lists are on screen since the basics were read
        self.counts_changed.emit({
            "today": sum(count.overdue for count in overview.counts.values()) + len(overview.plan_rows),
            "sessions": overview.sessions_to_mark,
            "visits": len(overview.visits_due),
        })

    def _show_lists(self, overview: TodayOverview) -> None:
        today = overview.today
        self.sessions.clear()
        self.session_rows, self.sessions_reading = [], False
        self._add_sessions(overview.sessions, overview.sessions_total)
        self._placeholder(self.sessions, self.tr("No sessions today."))
        self.attendance_button.setEnabled(bool(overview.sessions))
        self.visits.clear()
        for visit in overview.visits_due:
            text = self.tr("{family}: next visit {day}").format(family=visit.family_title,
                                                                 day=format_date(visit.next_visit_on))
            self._add(self.visits, text, ("family", visit.family_id), overdue=visit.next_visit_on < today)
        self._placeholder(self.visits, self.tr("No visits due this week."))
        self.plan.clear()
        for row in overview.plan_rows:
            text = self.tr("{day} · {family}: {measure}").format(day=format_date(row.due_on),
                                                                 family=row.family_title, measure=row.measure)
            self._add(self.plan, text, ("family", row.family_id), overdue=True)
        self._placeholder(self.plan, self.tr("Nothing overdue."))

    def _add_sessions(self, rows: list[SessionRow], total: int) -> None:
        """A page of today's sessions at the end of the list, then «show more» while some remain unread."""
        self._drop_more_session()
        for row in rows:
            children = ", ".join(p.name for p in row.participants)
            state = self.tr("cancelled") if row.cancelled else (
                self.tr("marked") if row.attendance == "marked" else self.tr("to mark"))
            self._add(self.sessions, f"{row.starts_at:%H:%M} {row.service} — {children} ({state})",
                      ("session", row.id), overdue=False)
        self.session_rows.extend(rows)
        left = total - len(self.session_rows)
        if rows and left > 0:  # a short page (sessions deleted since the count) must not offer more forever
            more = QListWidgetItem(self.tr("Show more ({count} left)").format(count=left))
            more.setData(MORE_ROLE, total)
            more.setForeground(QBrush(QColor(style.MUTED)))
            more.setToolTip(self.tr("Click to read the next {count} rows").format(count=min(left, SESSIONS_PAGE)))
            self.sessions.addItem(more)

    def _drop_more_session(self) -> None:
        last = self.sessions.item(self.sessions.count() - 1) if self.sessions.count() else None
        if last is not None and last.data(MORE_ROLE) is not None:
            self.sessions.takeItem(self.sessions.count() - 1)

    def _more_sessions_clicked(self, item: QListWidgetItem) -> None:
        total = item.data(MORE_ROLE)
        if total is None or self.overview is None or self.sessions_reading:
            return
        self.sessions_reading = True
        item.setText(self.tr("Reading…"))
        generation, actor, today = self.generation, self.context.actor, self.overview.today
        offset = len(self.session_rows)
        run_query(self, self.context, lambda session: todays_sessions(session, actor, today, offset),
                  lambda rows: self._sessions_page_read(generation, rows, total),
                  lambda error: self._sessions_page_failed(generation, item, total, error))

    def _sessions_page_read(self, generation: int, rows: list[SessionRow], total: int) -> None:
        if generation == self.generation:
            self.sessions_reading = False
            self._add_sessions(rows, total)

    def _sessions_page_failed(self, generation: int, item: QListWidgetItem, total: int,
                              error: BaseException) -> None:
        if generation == self.generation:
            self.sessions_reading = False
            left = total - len(self.session_rows)
            item.setText(self.tr("Show more ({count} left)").format(count=left))  # a click tries again
        show_error(self, error)

    def _fill_deadlines(self, overview: TodayOverview) -> None:
        self.deadlines.clear()
        self.groups, self.shown_rows, self.pages_reading = {}, {}, set()
        bold = QFont(self.font())
        bold.setBold(True)
        for kind in KINDS:
            count = overview.counts.get(kind.code)
            if not count or not count.total:
                continue
            group = QTreeWidgetItem([f"{kind.title} ({count.total})"])
            group.setFont(0, bold)
            group.setData(0, KIND_ROLE, kind.code)
            # The rows are read when the group is first opened, a page at a time.
            group.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            self.groups[kind.code] = group
            self.deadlines.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)  # only an item in the tree spans (the title and its count whole)
        if self.deadlines.topLevelItemCount() == 0:
            self.deadlines.addTopLevelItem(QTreeWidgetItem([self.tr("Nothing is due.")]))
        elif self.deadlines.topLevelItemCount() <= 3:
            self.deadlines.expandAll()

    def _group_expanded(self, group: QTreeWidgetItem) -> None:
        code = group.data(0, KIND_ROLE)
        if code in self.groups and code not in self.shown_rows:
            self._read_page(code)

    def _read_page(self, code: str) -> None:
        """The next page of a group's rows, read on the database thread; a «show more» row follows the page
        while rows remain."""
        if self.overview is None or code in self.pages_reading:
            return
        group, offset = self.groups[code], self.shown_rows.get(code, 0)
        self.shown_rows[code] = offset
        self.pages_reading.add(code)
        self._drop_more_row(group)
        group.addChild(QTreeWidgetItem([self.tr("Reading…")]))
        generation, actor, today = self.generation, self.context.actor, self.overview.today
        run_query(self, self.context, lambda session: deadline_page(session, actor, code, today, offset, PAGE_SIZE),
                  lambda rows: self._page_read(generation, code, rows),
                  lambda error: self._page_failed(generation, code, error))

    def _page_failed(self, generation: int, code: str, error: BaseException) -> None:
        if generation == self.generation and code in self.groups:
            self.pages_reading.discard(code)
            self._add_more_row(code)  # instead of «Reading…»: a click tries again
        show_error(self, error)

    def _page_read(self, generation: int, code: str, rows: list[Deadline]) -> None:
        if generation != self.generation or self.overview is None or code not in self.groups:
            return  # the screen was read again meanwhile: its groups are new items
        self.pages_reading.discard(code)
        group, today = self.groups[code], self.overview.today
        self._drop_more_row(group)
        items = []
        for deadline in rows:
            due = format_date(deadline.due_on) if deadline.due_on else self.tr("now")
            who = deadline.family_title + (f" · {deadline.person_name}" if deadline.person_name
                                           and deadline.person_name != deadline.family_title else "")
            item = QTreeWidgetItem([due, who, deadline.detail])
            item.setData(0, RECORD_ROLE, ("family", uuid.UUID(deadline.family_id)))
            item.setToolTip(2, deadline.detail)
            if deadline.overdue(today):
                for column in range(3):
                    item.setForeground(column, QBrush(QColor(OVERDUE_INK)))
            items.append(item)
        group.addChildren(items)
        self.shown_rows[code] += len(rows)
        if rows:  # a short count (rows deleted since it was read) must not offer more forever
            self._add_more_row(code)

    def _add_more_row(self, code: str) -> None:
        """«Show more (N left)» at the end of a group while rows remain; a click reads the next page."""
        group, overview = self.groups[code], self.overview
        left = (overview.counts[code].total if overview is not None else 0) - self.shown_rows.get(code, 0)
        self._drop_more_row(group)
        if left <= 0:
            return
        more = QTreeWidgetItem([self.tr("Show more ({count} left)").format(count=left)])
        more.setData(0, MORE_ROLE, code)
        more.setForeground(0, QBrush(QColor(style.MUTED)))
        more.setToolTip(0, self.tr("Click to read the next {count} rows").format(count=min(left, PAGE_SIZE)))
        group.addChild(more)
        more.setFirstColumnSpanned(True)

    @staticmethod
    def _drop_more_row(group: QTreeWidgetItem) -> None:
        """The «Reading…» or «show more» row at the end of a group, if there is one."""
        last = group.child(group.childCount() - 1) if group.childCount() else None
        if last is not None and last.data(0, RECORD_ROLE) is None:
            group.removeChild(last)

    @staticmethod
    def _add(widget: QListWidget, text: str, record: tuple[str, uuid.UUID], overdue: bool) -> None:
        item = QListWidgetItem(text)
        item.setData(RECORD_ROLE, record)
        item.setToolTip(text)
        if overdue:
            item.setForeground(QBrush(QColor(OVERDUE_INK)))
        widget.addItem(item)

    @staticmethod
    def _placeholder(widget: QListWidget, text: str) -> None:
        if widget.count() == 0:
            item = QListWidgetItem(text)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(item)

    # --- actions ----------------------------------------------------------------------------
    def _more_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        code = item.data(0, MORE_ROLE)
        if code:
            self._read_page(code)

    def _open_item(self, item: QListWidgetItem | QTreeWidgetItem, _column: int = 0) -> None:
        record = item.data(0, RECORD_ROLE) if isinstance(item, QTreeWidgetItem) else item.data(RECORD_ROLE)
        if record:
            open_record(self.context, record[0], record[1])

    def mark_attendance(self) -> None:
        """One click: the selected sessions, or every session of today, in the attendance dialog."""

        overview = self.overview
        if overview is None or not overview.sessions:
            return
        chosen = {item.data(RECORD_ROLE)[1] for item in self.sessions.selectedItems() if item.data(RECORD_ROLE)}
        if chosen or len(self.session_rows) >= overview.sessions_total:
            self._open_attendance([row for row in self.session_rows if not chosen or row.id in chosen])
            return
        # All of today's while only the first pages are read: the rest are read first (the dialog lists them all).
        generation, actor, today = self.generation, self.context.actor, overview.today
        self.attendance_button.setEnabled(False)
        run_query(self, self.context, lambda session: todays_sessions(session, actor, today, whole=True),
                  lambda rows: self._all_sessions_read(generation, rows), self._all_sessions_failed)

    def _all_sessions_failed(self, error: BaseException) -> None:
        self.attendance_button.setEnabled(True)
        show_error(self, error)

    def _all_sessions_read(self, generation: int, rows: list[SessionRow]) -> None:
        self.attendance_button.setEnabled(True)
        if generation == self.generation:
            self._open_attendance(rows)

    def _open_attendance(self, rows: list[SessionRow]) -> None:
        from ui.rehab.attendance_dialog import AttendanceDialog

        if self.overview is None:
            return
        self.dialog = AttendanceDialog(self.context, self.overview.session_choices, rows, parent=self)
        self.dialog.open()
