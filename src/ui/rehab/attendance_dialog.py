"""«Отметить посещение»: every child of the chosen sessions (a whole day, or selected cells) with a
checkbox «пришёл» (all ticked by default) and a reason for each one unticked; OK makes one
`mark_attendance` call for all of them.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.rehab.calendar import SessionRow
from app.rehab.choices import SessionChoices
from app.rehab.sessions import AttendanceMark, mark_attendance
from ui import style
from ui.context import UiContext
from ui.forms import FormDialog, fill_combo, find_data
from ui.rehab.week_grid import short_service
from ui.resources import icon

CAME, TIME, SERVICE, CHILD, REASON = range(5)


class AttendanceDialog(FormDialog):
    """Marks the children of `sessions`; cancelled and future sessions are left out (and said so)."""

    def __init__(self, context: UiContext, choices: SessionChoices, sessions: list[SessionRow],
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.choices = choices
        today = date.today()
        self.sessions = [s for s in sessions if not s.cancelled and s.starts_at.date() <= today]
        skipped = len(sessions) - len(self.sessions)
        self.participants = [(s, p) for s in self.sessions for p in s.participants]
        self.setWindowTitle(self.tr("Mark attendance"))
        self.ok_button.setText(self.tr("Save marks"))
        days = sorted({s.starts_at.date() for s in self.sessions})
        heading = QLabel(self.tr("Sessions: {sessions}, children: {children}. {days}").format(
            sessions=len(self.sessions), children=len(self.participants),
            days=", ".join(f"{d:%d.%m.%Y}" for d in days)))
        self.body.addWidget(heading)
        if skipped:
            note = QLabel(self.tr("Cancelled or future sessions left out: {count}.").format(count=skipped))
            self.body.addWidget(style.muted(note))
        tools = QHBoxLayout()
        all_came = QPushButton(icon("check"), self.tr("All came"), objectName="allCame")
        none_came = QPushButton(icon("close"), self.tr("Nobody came"), objectName="noneCame")
        all_came.clicked.connect(lambda: self.set_all(True))
        none_came.clicked.connect(lambda: self.set_all(False))
        self.common_reason = QComboBox(objectName="commonReason")
        fill_combo(self.common_reason, choices.absence_reasons, self.tr("— reason for all absent —"))
        self.common_reason.activated.connect(lambda _index: self.apply_reason(self.common_reason.currentData()))
        for widget in (all_came, none_came):
            tools.addWidget(widget)
        tools.addStretch(1)
        tools.addWidget(QLabel(self.tr("Reason for the absent:")))
        tools.addWidget(self.common_reason)
        self.body.addLayout(tools)
        self.table = QTableWidget(len(self.participants), 5, objectName="attendance")
        self.table.setHorizontalHeaderLabels([self.tr("Came"), self.tr("Time"), self.tr("Service"),
                                              self.tr("Child"), self.tr("Absence reason")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SERVICE, QHeaderView.ResizeMode.Stretch)
        self.reasons: list[QComboBox] = []
        reason_ids = {c.label: c.id for c in choices.absence_reasons}
        for row, (session_row, person) in enumerate(self.participants):
            came = QTableWidgetItem()
            came.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            came.setCheckState(Qt.CheckState.Unchecked if person.attended is False else Qt.CheckState.Checked)
            self.table.setItem(row, CAME, came)
            self.table.setItem(row, TIME, QTableWidgetItem(f"{session_row.starts_at:%d.%m %H:%M}"))
            service = QTableWidgetItem(short_service(session_row.service))
            service.setToolTip(session_row.service)
            self.table.setItem(row, SERVICE, service)
            self.table.setItem(row, CHILD, QTableWidgetItem(person.name))
            reason = QComboBox(objectName=f"reason{row}")
            fill_combo(reason, choices.absence_reasons, self.tr("— choose —"))
            reason.setCurrentIndex(max(find_data(reason, reason_ids.get(person.absence_reason or "")), 0))
            self.table.setCellWidget(row, REASON, reason)
            self.reasons.append(reason)
        self.table.itemChanged.connect(self._came_changed)
        for row in range(len(self.participants)):
            self._update_row(row)
        self.body.addWidget(self.table, 1)
        self.ok_button.setEnabled(bool(self.participants))
        self.resize(820, 560)
        # One session of a submitted quarter makes the marks read-only (the marks are saved in one write).
        for session_row in self.sessions:
            self.check_period_lock("session", session_row.id)

    def came(self, row: int) -> bool:
        return self.table.item(row, CAME).checkState() == Qt.CheckState.Checked

    def set_came(self, row: int, came: bool) -> None:
        self.table.item(row, CAME).setCheckState(Qt.CheckState.Checked if came else Qt.CheckState.Unchecked)

    def set_all(self, came: bool) -> None:
        for row in range(self.table.rowCount()):
            self.set_came(row, came)

    def apply_reason(self, reason_id: object) -> None:
        """Give every absent child without a reason yet the chosen one (a whole day in one click)."""
        if reason_id is None:
            return
        for row, combo in enumerate(self.reasons):
            if not self.came(row) and combo.currentData() is None:
                combo.setCurrentIndex(find_data(combo, reason_id))

    def _came_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == CAME:
            self._update_row(item.row())
            if not self.came(item.row()) and self.common_reason.currentData() is not None:
                combo = self.reasons[item.row()]
                if combo.currentData() is None:
                    combo.setCurrentIndex(find_data(combo, self.common_reason.currentData()))

    def _update_row(self, row: int) -> None:
        self.reasons[row].setEnabled(not self.came(row))

    def marks(self) -> list[AttendanceMark]:
        return [AttendanceMark(person.id, self.came(row), None if self.came(row) else self.reasons[row].currentData())
                for row, (_session, person) in enumerate(self.participants)]

    def save(self) -> None:
        marks, actor = self.marks(), self.context.actor
        self.write(lambda s: mark_attendance(s, actor, marks))

    def show_errors(self, errors: dict) -> None:  # type: ignore[override]
        # Keys are «marks.N[.absence_reason_id]»: name the child in each message.
        named = {}
        for key, message in errors.items():
            parts = key.split(".")
            if len(parts) >= 2 and parts[0] == "marks" and parts[1].isdigit():
                index = int(parts[1])
                session_row, person = self.participants[index]
                named[key] = f"{person.name}, {session_row.starts_at:%d.%m %H:%M}: {message}"
            else:
                named[key] = message
        super().show_errors(named)
