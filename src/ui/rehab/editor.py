"""The session editor: a new session (single or a weekly series) or an existing one; `open_session`
opens one from outside the calendar (e.g. a family's history).

The service refuses a double booking with a ValidationError on «starts_at»; the dialog then names the
conflict and asks whether to save anyway, and saves again with `allow_conflicts=True`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import QCoreApplication, Qt, QTime, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import SESSIONS
from app.core.errors import ValidationError
from app.rehab.card import load_session_data
from app.rehab.choices import SessionChoices, find_children, load_session_choices
from app.rehab.sessions import (
    MAX_DURATION,
    MAX_WEEKS,
    MIN_DURATION,
    SessionData,
    cancel_session,
    create_recurring_sessions,
    create_session,
    delete_session,
    update_session,
)
from ui import style
from ui.context import UiContext
from ui.date_edit import DateEdit
from ui.forms import (
    FormDialog,
    ask,
    error_label,
    field_label,
    fill_combo,
    fill_grouped_combo,
    fill_staff_combo,
    home_office,
    select_data,
    text_or_none,
)
from ui.ops import run_query
from ui.rehab.week_grid import WEEKDAYS
from ui.resources import icon

SEARCH_DELAY_MS = 250
PERSON_ROLE = Qt.ItemDataRole.UserRole
CONFLICT_MARK = "пересекается"  # in the service's double-booking message
CHOICES_KEY = "sessions.choices"  # the pick-lists, shared by the calendar and its dialogs through the context cache
_open_editors: set[SessionEditor] = set()  # editors opened from outside the calendar: no parent keeps them


@dataclass(frozen=True)
class SeriesSaved:
    """A weekly series written: its new ids (the dialog's result) and the areas it changed."""

    ids: list[uuid.UUID]
    changes: frozenset[str] = frozenset({SESSIONS})



def is_conflict(error: BaseException) -> bool:
    return (isinstance(error, ValidationError) and set(error.errors) == {"starts_at"}
            and CONFLICT_MARK in error.errors["starts_at"])


class SessionEditor(FormDialog):
    """`result_value` after accept: the Saved (or the list of new ids for a series) of the write.

    Its writes are announced on `context.changes` (`ui.ops.run_op`); the calendar listens there."""

    def __init__(self, context: UiContext, choices: SessionChoices, session_id: uuid.UUID | None = None, *,
                 day: date | None = None, hour: int | None = None, staff_id: uuid.UUID | None = None,
                 child: tuple[uuid.UUID, str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.choices = choices
        self.session_id = session_id
        self.loaded = session_id is None
        self._search_job: int | None = None
        self.setWindowTitle(self.tr("Edit session") if session_id else self.tr("New session"))
        self.ok_button.setText(self.tr("Save"))
        self._build()
        self.date_edit.set_value(day or date.today())
        self.time_edit.setTime(QTime(hour if hour is not None else 9, 0))
        select_data(self.staff_combo, staff_id)
        if child is not None:
            self._add_child(*child)
        if session_id is not None:
            self.set_busy(True)
            actor = context.actor
            run_query(self, context, lambda session: load_session_data(session, actor, session_id), self._loaded,
                      self.failed)
            self.check_period_lock("session", session_id)
        self.resize(760, 640)

    # --- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.date_edit = DateEdit("date")
        self.time_edit = QTimeEdit(objectName="time")
        self.time_edit.setDisplayFormat("HH:mm")
        self.duration = QSpinBox(objectName="duration_min")
        self.duration.setRange(MIN_DURATION, MAX_DURATION)
        self.duration.setSingleStep(5)
        self.duration.setValue(40)
        self.duration.setSuffix(self.tr(" min"))
        when = QWidget()
        row = QHBoxLayout(when)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.date_edit, self.time_edit, self.duration):
            row.addWidget(widget)
        row.addStretch(1)
        when_box = QWidget()
        box = QVBoxLayout(when_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(when)
        when_error = error_label()
        box.addWidget(when_error)
        self.errors.add("starts_at", self.date_edit, when_error)
        self.errors.add("date", self.date_edit, when_error)
        self.errors.add("duration_min", self.duration, when_error)
        self.staff_combo = QComboBox(objectName="staff_id")
        fill_staff_combo(self.staff_combo, self.choices.staff, home_office(self.context.actor, self.choices.staff),
                         self.choices.session_givers, self.tr("— choose —"))
        self.service_combo = QComboBox(objectName="service_id")
        fill_grouped_combo(self.service_combo, self.choices.services, self.tr("— choose —"))
        self.service_combo.activated.connect(self._service_chosen)
        self.mode_combo = QComboBox(objectName="delivery_mode_id")
        fill_combo(self.mode_combo, self.choices.delivery_modes)
        centre = next((c.id for c in self.choices.delivery_modes if c.code == "centre"), None)
        select_data(self.mode_combo, centre)
        self.group_check = QCheckBox(self.tr("Group session"), objectName="is_group")
        self.place = QLineEdit(objectName="place")
        self.topic = QLineEdit(objectName="topic")
        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setMaximumHeight(60)
        fields = [
            (self.tr("Date, time, duration"), when_box),
            (self.tr("Specialist"), self.errors.wrap(self.staff_combo)),
            (self.tr("Service"), self.errors.wrap(self.service_combo)),
            (self.tr("Delivery mode"), self.errors.wrap(self.mode_combo)),
            (self.tr("Children"), self._children_box()),
            (self.tr("Place"), self.errors.wrap(self.place)),
            (self.tr("Topic"), self.errors.wrap(self.topic)),
            (self.tr("Notes"), self.errors.wrap(self.notes)),
        ]
        for index, (label, widget) in enumerate(fields):
            grid.addWidget(field_label(label), index, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(widget, index, 1)
        self.body.addLayout(grid)
        self.body.addWidget(self._recurrence_box())
        if self.session_id is not None:
            self.cancel_button = QPushButton(icon("close"), self.tr("Cancel session"), objectName="cancelSession")
            self.delete_button = QPushButton(icon("delete"), self.tr("Delete"), objectName="deleteSession")
            self.cancel_button.clicked.connect(self._ask_cancel)
            self.delete_button.clicked.connect(self._ask_delete)
            self.buttons.addButton(self.cancel_button, self.buttons.ButtonRole.ResetRole)
            self.buttons.addButton(self.delete_button, self.buttons.ButtonRole.ResetRole)

    def _children_box(self) -> QWidget:
        box = QWidget()
        layout = QGridLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.child_search = QLineEdit(objectName="childSearch")
        self.child_search.setPlaceholderText(self.tr("Search a child: surname, name…"))
        self.child_search.setClearButtonEnabled(True)
        self.child_results = QListWidget(objectName="childResults")
        self.participants = QListWidget(objectName="person_ids")
        for widget in (self.child_results, self.participants):
            widget.setMaximumHeight(80)
        add = QPushButton(icon("add"), self.tr("Add"), objectName="addChild")
        remove = QPushButton(icon("delete"), self.tr("Remove"), objectName="removeChild")
        add.clicked.connect(self._add_selected)
        remove.clicked.connect(self._remove_selected)
        self.child_results.itemDoubleClicked.connect(lambda _item: self._add_selected())
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search)
        self.child_search.textChanged.connect(lambda _text: self._timer.start())
        layout.addWidget(self.child_search, 0, 0)
        layout.addWidget(self.group_check, 0, 1)
        layout.addWidget(style.muted(QLabel(self.tr("Found (double-click to add):"))), 1, 0)
        layout.addWidget(self.child_results, 2, 0)
        layout.addWidget(add, 2, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(style.muted(QLabel(self.tr("Taking part:"))), 3, 0)
        layout.addWidget(self.errors.wrap(self.participants), 4, 0)
        layout.addWidget(remove, 4, 1, Qt.AlignmentFlag.AlignTop)
        return box

    def _recurrence_box(self) -> QGroupBox:
        group = QGroupBox(self.tr("Repeat weekly"), objectName="recurrence")
        group.setCheckable(True)
        group.setChecked(False)
        layout = QHBoxLayout(group)
        self.weekday_checks: list[QCheckBox] = []
        days = QWidget()
        days_row = QHBoxLayout(days)
        days_row.setContentsMargins(0, 0, 0, 0)
        for index, name in enumerate(WEEKDAYS):
            check = QCheckBox(QCoreApplication.translate("WeekGrid", name), objectName=f"weekday{index}")
            self.weekday_checks.append(check)
            days_row.addWidget(check)
        days.setObjectName("weekdays")
        self.weeks = QSpinBox(objectName="weeks")
        self.weeks.setRange(1, MAX_WEEKS)
        self.weeks.setValue(4)
        self.weeks.setPrefix(self.tr("for "))
        self.weeks.setSuffix(self.tr(" weeks"))
        layout.addWidget(self.errors.wrap(days))
        layout.addWidget(self.errors.wrap(self.weeks))
        layout.addStretch(1)
        self.recurrence = group
        group.toggled.connect(self._recurrence_toggled)
        group.setVisible(self.session_id is None)
        return group

    def _recurrence_toggled(self, on: bool) -> None:
        day = self.date_edit.value()
        if on and day is not None and not any(c.isChecked() for c in self.weekday_checks):
            self.weekday_checks[day.weekday()].setChecked(True)

    # --- children ---------------------------------------------------------------------------------
    def _search(self) -> None:
        text = self.child_search.text()
        if self._search_job is not None:
            self.context.worker.forget(self._search_job)

        actor = self.context.actor
        self._search_job = run_query(self, self.context, lambda session: find_children(session, actor, text, 30),
                                     self._found)

    def _found(self, rows: list) -> None:
        self._search_job = None
        self.child_results.clear()
        for row in rows:
            item = QListWidgetItem(row.label)
            item.setData(PERSON_ROLE, (row.id, row.label))
            self.child_results.addItem(item)
        if rows:
            self.child_results.setCurrentRow(0)

    def _add_selected(self) -> None:
        for item in self.child_results.selectedItems() or [self.child_results.currentItem()]:
            if item is not None:
                self._add_child(*item.data(PERSON_ROLE))

    def _add_child(self, person_id: uuid.UUID, label: str) -> None:
        if person_id in self.person_ids():
            return
        item = QListWidgetItem(label)
        item.setData(PERSON_ROLE, person_id)
        self.participants.addItem(item)
        if self.participants.count() > 1:
            self.group_check.setChecked(True)

    def _remove_selected(self) -> None:
        for item in self.participants.selectedItems():
            self.participants.takeItem(self.participants.row(item))

    def person_ids(self) -> list[uuid.UUID]:
        return [self.participants.item(i).data(PERSON_ROLE) for i in range(self.participants.count())]

    def _service_chosen(self) -> None:
        minutes = self.choices.service_minutes.get(self.service_combo.currentData())
        if minutes and MIN_DURATION <= minutes <= MAX_DURATION:
            self.duration.setValue(minutes)

    # --- loading an existing session --------------------------------------------------------------
    def _loaded(self, result: tuple[SessionData, list[tuple[uuid.UUID, str]]]) -> None:
        data, children = result
        self.set_busy(False)
        self.date_edit.set_value(data.starts_at.date())
        self.time_edit.setTime(QTime(data.starts_at.hour, data.starts_at.minute))
        self.duration.setValue(data.duration_min)
        select_data(self.staff_combo, data.staff_id)
        select_data(self.service_combo, data.service_id)
        select_data(self.mode_combo, data.delivery_mode_id)
        self.participants.clear()
        for person_id, name in children:
            self._add_child(person_id, name)
        self.group_check.setChecked(data.is_group)
        self.place.setText(data.place or "")
        self.topic.setText(data.topic or "")
        self.notes.setPlainText(data.notes or "")
        self.case_id = data.case_id
        self.loaded = True

    # --- saving -----------------------------------------------------------------------------------
    def data(self) -> SessionData:
        day = self.date_edit.value()
        clock = self.time_edit.time()
        starts = datetime.combine(day, time(clock.hour(), clock.minute())) if day else None
        return SessionData(
            starts_at=starts, duration_min=self.duration.value(), staff_id=self.staff_combo.currentData(),
            service_id=self.service_combo.currentData(), delivery_mode_id=self.mode_combo.currentData(),
            person_ids=self.person_ids(), is_group=self.group_check.isChecked(), place=text_or_none(self.place),
            topic=text_or_none(self.topic), notes=text_or_none(self.notes),
            case_id=getattr(self, "case_id", None))

    def weekdays(self) -> set[int]:
        return {i for i, check in enumerate(self.weekday_checks) if check.isChecked()}

    def save(self) -> None:
        if not self.check_dates(self.date_edit):
            return
        if self.date_edit.value() is None:
            self.show_errors({"starts_at": self.tr("Enter the date of the session.")})
            return
        self.submit(allow_conflicts=False)

    def submit(self, allow_conflicts: bool) -> None:
        data, actor, session_id = self.data(), self.context.actor, self.session_id
        if session_id is not None:
            self.write(lambda s: update_session(s, actor, session_id, data, allow_conflicts))
        elif self.recurrence.isChecked():
            weekdays, weeks = self.weekdays(), self.weeks.value()
            self.write(lambda s: SeriesSaved(create_recurring_sessions(s, actor, data, weekdays, weeks,
                                                                       allow_conflicts)),
                       lambda series: self.finish(series.ids))
        else:
            self.write(lambda s: create_session(s, actor, data, allow_conflicts))

    def failed(self, error: BaseException) -> None:
        if is_conflict(error):
            self.set_busy(False)
            self.conflict_box = ask(
                self, self.tr("Double booking"),
                self.tr("{conflict}\n\nSave anyway?").format(conflict=error.errors["starts_at"]),  # type: ignore[attr-defined]
                [(self.tr("Save anyway"), QMessageBox.ButtonRole.AcceptRole, lambda: self.submit(True)),
                 (self.tr("Change"), QMessageBox.ButtonRole.RejectRole, None)],
                QMessageBox.Icon.Warning)
            return
        super().failed(error)

    def _ask_cancel(self) -> None:
        actor, session_id = self.context.actor, self.session_id
        ask(self, self.tr("Cancel session"), self.tr("Cancel this session? It stays in the calendar struck out."),
            [(self.tr("Cancel session"), QMessageBox.ButtonRole.AcceptRole,
              lambda: self.write(lambda s: cancel_session(s, actor, session_id))),
             (self.tr("Keep"), QMessageBox.ButtonRole.RejectRole, None)])

    def _ask_delete(self) -> None:
        actor, session_id = self.context.actor, self.session_id
        ask(self, self.tr("Delete session"), self.tr("Delete this session entered by mistake?"),
            [(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole,
              lambda: self.write(lambda s: delete_session(s, actor, session_id))),
             (self.tr("Keep"), QMessageBox.ButtonRole.RejectRole, None)])


def open_session(context: UiContext, session_id: uuid.UUID) -> None:
    """Show the session's editor, reading the pick lists first when no screen has them cached."""

    def show(choices: SessionChoices) -> None:
        context.cache[CHOICES_KEY] = choices
        editor = SessionEditor(context, choices, session_id)
        _open_editors.add(editor)
        editor.finished.connect(lambda _result: _open_editors.discard(editor))
        editor.open()

    cached = context.cache.get(CHOICES_KEY)
    if cached is not None:
        show(cached)
    else:
        run_query(None, context, load_session_choices, show)
