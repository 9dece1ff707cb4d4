"""The sessions screen: a week calendar per specialist or per child, opening the session editor,
attendance marking for a day in one action, and the child's rehabilitation card.

All database work goes through `ui.ops`; a week is read by `app.rehab.calendar.week_sessions`
(two indexed range queries) and redrawn in one go, once per announced change of what it shows.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import shiboken6
from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import DICTIONARIES, FAMILIES, PERSONS, SESSIONS, SETTINGS
from app.reference.choices import Choice
from app.rehab.calendar import SessionRow, week_sessions
from app.rehab.choices import SessionChoices, find_children, load_session_choices
from ui import style
from ui.context import UiContext
from ui.errors import show_error
from ui.forms import fill_combo, find_data, select_data
from ui.ops import run_query
from ui.rehab.attendance_dialog import AttendanceDialog
from ui.rehab.card_dialog import RehabCardDialog
from ui.rehab.editor import CHOICES_KEY, SessionEditor
from ui.rehab.week_grid import FIRST_HOUR, STATE_COLOURS, WeekGrid
from ui.resources import icon

SEARCH_DELAY_MS = 250
BY_STAFF, BY_CHILD = "staff", "child"
SETTINGS_GROUP = "sessions_section"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


class SessionsScreen(QWidget):
    """Re-reads the week once per announced change of what it shows (`SHOWN`), whoever made it."""

    SHOWN = frozenset({SESSIONS, PERSONS, FAMILIES, DICTIONARIES, SETTINGS})
    week_loaded = Signal()

    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.choices: SessionChoices | None = context.cache.get(CHOICES_KEY)
        self.week_start = monday_of(date.today())
        self.rows: list[SessionRow] = []
        self.loaded = False
        self._load_job: int | None = None
        self._search_job: int | None = None
        self._load_pending = False
        self.dialogs: list[QWidget] = []
        self._build()
        if self.choices is None:
            self.load_choices()
        else:
            self._choices_read(self.choices)
        context.changes.subscribe(self, self.SHOWN, self.on_changes)

    def load_choices(self) -> None:
        run_query(self, self.context, load_session_choices, self._choices_read, self._failed)

    # --- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(style.section_title(QLabel(self.tr("Rehabilitation sessions"))))
        filters = QHBoxLayout()
        self.mode = QComboBox(objectName="mode")
        self.mode.addItem(icon("user"), self.tr("By specialist"), BY_STAFF)
        self.mode.addItem(icon("child"), self.tr("By child"), BY_CHILD)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.staff = QComboBox(objectName="staff")
        self.staff.setMinimumWidth(280)
        self.staff.activated.connect(lambda _index: self.schedule_load())
        self.child_search = QLineEdit(objectName="childSearch")
        self.child_search.setPlaceholderText(self.tr("Child: surname, name…"))
        self.child_search.setClearButtonEnabled(True)
        self.child_search.setMinimumWidth(240)
        self.child_search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.child = QComboBox(objectName="child")
        self.child.setMinimumWidth(280)
        self.child.currentIndexChanged.connect(lambda _index: self.schedule_load())
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search)
        self.child_search.textChanged.connect(lambda _text: self._timer.start())
        for widget in (self.mode, self.staff, self.child_search, self.child):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout.addLayout(filters)

        navigation = QHBoxLayout()
        self.prev_button = QPushButton("◀", objectName="prevWeek")
        self.today_button = QPushButton(icon("calendar"), self.tr("This week"), objectName="thisWeek")
        self.next_button = QPushButton("▶", objectName="nextWeek")
        for button in (self.prev_button, self.next_button):
            button.setFixedWidth(40)
        self.prev_button.setToolTip(self.tr("Previous week"))
        self.next_button.setToolTip(self.tr("Next week"))
        self.prev_button.clicked.connect(lambda: self.go_to_week(self.week_start - timedelta(days=7)))
        self.next_button.clicked.connect(lambda: self.go_to_week(self.week_start + timedelta(days=7)))
        self.today_button.clicked.connect(lambda: self.go_to_week(monday_of(date.today())))
        self.week_label = QLabel(objectName="weekLabel")
        font = self.week_label.font()
        font.setBold(True)
        self.week_label.setFont(font)
        for widget in (self.prev_button, self.today_button, self.next_button, self.week_label):
            navigation.addWidget(widget)
        navigation.addStretch(1)
        self.new_button = QPushButton(icon("add"), self.tr("New session"), objectName="newSession")
        self.attendance_button = QPushButton(icon("check"), self.tr("Mark attendance"), objectName="markAttendance")
        self.card_button = QPushButton(icon("export"), self.tr("Rehabilitation card"), objectName="rehabCard")
        refresh = QPushButton(icon("refresh"), "", objectName="refresh")
        refresh.setToolTip(self.tr("Refresh"))
        self.new_button.clicked.connect(self.new_session)
        self.attendance_button.clicked.connect(self.mark_attendance)
        self.card_button.clicked.connect(self.open_card)
        refresh.clicked.connect(self.schedule_load)
        self.attendance_button.setToolTip(self.tr("Select a day (click its header) or sessions in the grid"))
        for widget in (self.new_button, self.attendance_button, self.card_button, refresh):
            navigation.addWidget(widget)
        layout.addLayout(navigation)

        self.grid = WeekGrid(self)
        self.grid.session_activated.connect(self.edit_session)
        layout.addWidget(self.grid, 1)
        footer = QHBoxLayout()
        states = {"planned": self.tr("planned"), "attended": self.tr("attended"), "absent": self.tr("absences"),
                  "cancelled": self.tr("cancelled")}
        for state, text in states.items():
            swatch = QLabel(f"  {text}  ")
            palette = swatch.palette()
            palette.setColor(QPalette.ColorRole.Window, QColor(STATE_COLOURS[state]))
            swatch.setPalette(palette)
            swatch.setAutoFillBackground(True)
            footer.addWidget(swatch)
        footer.addStretch(1)
        self.count_label = QLabel(objectName="count")
        footer.addWidget(style.muted(self.count_label))
        layout.addLayout(footer)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_session)
        QShortcut(QKeySequence("Ctrl+Left"), self, lambda: self.prev_button.click())
        QShortcut(QKeySequence("Ctrl+Right"), self, lambda: self.next_button.click())
        self._mode_changed()
        self._show_week_label()

    def _mode_changed(self) -> None:
        by_staff = self.mode.currentData() == BY_STAFF
        self.staff.setVisible(by_staff)
        self.child_search.setVisible(not by_staff)
        self.child.setVisible(not by_staff)
        self.card_button.setEnabled(not by_staff and self.child.currentData() is not None)
        self.schedule_load()

    def _choices_read(self, choices: SessionChoices) -> None:
        self.choices = choices
        self.context.cache[CHOICES_KEY] = choices
        remembered = QSettings().value(f"{SETTINGS_GROUP}/staff", "")
        current = self.staff.currentData() or self.context.actor.staff_id
        fill_combo(self.staff, choices.staff)
        if current is None and remembered:
            current = next((c.id for c in choices.staff if str(c.id) == remembered), None)
        select_data(self.staff, current)
        self.schedule_load()

    # --- loading --------------------------------------------------------------------------------
    def go_to_week(self, week_start: date) -> None:
        self.week_start = week_start
        self._show_week_label()
        self.schedule_load()

    def _show_week_label(self) -> None:
        last = self.week_start + timedelta(days=5)
        self.week_label.setText(f"{self.week_start:%d.%m} – {last:%d.%m.%Y}")

    def schedule_load(self) -> None:
        """Coalesce requests made in one event-loop turn (a save and its broadcast) into one query."""
        if not self._load_pending:
            self._load_pending = True
            QTimer.singleShot(0, self.load)

    def load(self) -> None:
        self._load_pending = False
        if self._load_job is not None:
            self.context.worker.forget(self._load_job)
        by_staff = self.mode.currentData() == BY_STAFF
        staff_id = self.staff.currentData() if by_staff else None
        person_id = None if by_staff else self.child.currentData()
        self.card_button.setEnabled(person_id is not None)
        if staff_id is None and person_id is None:
            self._show([], by_staff)
            return
        if staff_id is not None:
            QSettings().setValue(f"{SETTINGS_GROUP}/staff", str(staff_id))
        week_start = self.week_start

        actor = self.context.actor

        def read(session: Any) -> list[SessionRow]:
            return week_sessions(session, actor, staff_id=staff_id, person_id=person_id, week_start=week_start)

        self.count_label.setText(self.tr("Loading…"))
        self._load_job = run_query(self, self.context, read, lambda rows: self._show(rows, by_staff), self._failed)

    def _show(self, rows: list[SessionRow], by_staff: bool) -> None:
        self._load_job = None
        self.rows = rows
        self.grid.show_week(self.week_start, rows, show_staff=not by_staff)
        children = sum(len(row.participants) for row in rows if not row.cancelled)
        self.count_label.setText(self.tr("Sessions this week: {sessions}, children's places: {children}")
                                 .format(sessions=len(rows), children=children))
        self.loaded = True
        self.week_loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self._load_job = None
        self.count_label.setText("")
        show_error(self, error)

    def is_idle(self) -> bool:
        return self._load_job is None and not self._load_pending and self.choices is not None

    # --- child search ----------------------------------------------------------------------------
    def _search(self) -> None:
        text = self.child_search.text()
        if self._search_job is not None:
            self.context.worker.forget(self._search_job)

        actor = self.context.actor
        self._search_job = run_query(self, self.context, lambda session: find_children(session, actor, text, 50),
                                     self._found, self._failed)

    def _found(self, choices: list[Choice]) -> None:
        self._search_job = None
        current = self.child.currentData()
        fill_combo(self.child, choices)
        self.child.setCurrentIndex(max(find_data(self.child, current), 0) if choices else -1)
        self.schedule_load()

    def set_child(self, person_id: uuid.UUID, label: str) -> None:
        """Show the calendar of one child (used by other screens, e.g. a family card)."""
        self.mode.setCurrentIndex(self.mode.findData(BY_CHILD))
        fill_combo(self.child, [Choice(person_id, label)])
        self.child.setCurrentIndex(0)
        self.schedule_load()

    # --- actions --------------------------------------------------------------------------------
    def _child(self) -> tuple[uuid.UUID, str] | None:
        if self.mode.currentData() != BY_CHILD or self.child.currentData() is None:
            return None
        return self.child.currentData(), self.child.currentText().split(",")[0]

    def _keep(self, dialog: QWidget) -> QWidget:
        self.dialogs = [d for d in self.dialogs if shiboken6.isValid(d) and d.isVisible()] + [dialog]
        return dialog

    def new_session(self) -> SessionEditor | None:
        if self.choices is None:
            return None
        index = self.grid.currentIndex()
        day = self.week_start + timedelta(days=index.column()) if index.isValid() else None
        hour = FIRST_HOUR + index.row() if index.isValid() else None
        staff_id = self.staff.currentData() if self.mode.currentData() == BY_STAFF else self.context.actor.staff_id
        dialog = SessionEditor(self.context, self.choices, day=day, hour=hour, staff_id=staff_id,
                               child=self._child(), parent=self)
        dialog.open()
        return self._keep(dialog)  # type: ignore[return-value]

    def edit_session(self, row: SessionRow) -> SessionEditor | None:
        if self.choices is None:
            return None
        dialog = SessionEditor(self.context, self.choices, row.id, parent=self)
        dialog.open()
        return self._keep(dialog)  # type: ignore[return-value]

    def mark_attendance(self) -> AttendanceDialog | None:
        sessions = self.grid.selected_sessions()
        if not sessions:  # nothing selected: today's sessions, the usual end-of-day marking
            sessions = [row for row in self.rows if row.starts_at.date() == date.today()]
        if not sessions:
            index = self.grid.currentIndex()
            if index.isValid():
                day = self.week_start + timedelta(days=index.column())
                sessions = [row for row in self.rows if row.starts_at.date() == day]
        if not sessions or self.choices is None:
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Mark attendance"),
                              self.tr("Select a day (click its header) or sessions in the calendar."),
                              QMessageBox.StandardButton.Close, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return None
        dialog = AttendanceDialog(self.context, self.choices, sessions, parent=self)
        dialog.open()
        return self._keep(dialog)  # type: ignore[return-value]

    def open_card(self) -> RehabCardDialog | None:
        child = self._child()
        if child is None:
            return None
        dialog = RehabCardDialog(self.context, child[0], child[1], parent=self)
        dialog.open()
        return self._keep(dialog)  # type: ignore[return-value]

    def on_changes(self, changed: frozenset[str], _initiator: object = None) -> None:
        """Re-read the week once: after re-reading the pick lists when dictionaries or settings changed
        (the context has dropped its copy; `_choices_read` loads the week), else at once."""
        if changed & {DICTIONARIES, SETTINGS}:
            self.load_choices()
        else:
            self.schedule_load()
