"""After a trip: one screen marks what was done per family and, on Save, records the outcomes, the
home visits and the children's sessions in one transaction (`app.trips.completion`).

A done trip opens here read-only, showing the marks it was closed with.
"""

from __future__ import annotations

import uuid
from datetime import time
from typing import Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.text import format_date
from app.trips.choices import CompletionData, load_completion
from app.trips.completion import (
    DEFAULT_DURATION,
    FamilyCompletion,
    TripChild,
    TripSession,
    complete_trip_with_sessions,
)
from app.trips.reads import TripFamilyRow
from app.trips.trips import DONE, TripOutcome, TripVisit
from app.visits.visits import GivenService
from ui import style
from ui.context import UiContext
from ui.date_edit import DateEdit
from ui.forms import FormDialog, fill_grouped_combo, text_or_none
from ui.ops import run_query
from ui.resources import icon
from ui.trips.route_sheet_file import write_route_sheet

FINDINGS_HEIGHT = 54


class SessionRow(QWidget):
    """One child's session: child, service, specialist, time, duration."""

    def __init__(self, data: CompletionData, children: list[TripChild], remove: Any) -> None:
        super().__init__()
        self.child = QComboBox(objectName="child")
        for child in children:
            self.child.addItem(child.name, child.person_id)
        self.service = QComboBox(objectName="session_service")
        for service in data.services:
            self.service.addItem(service.label, service.id)
        self.service.setMinimumContentsLength(24)
        self.service.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.staff = QComboBox(objectName="session_staff")
        for staff_id in data.card.data.staff_ids:
            self.staff.addItem(data.staff.get(staff_id, "?"), staff_id)
        self.start = QTimeEdit(QTime(10, 0), objectName="start")
        self.start.setDisplayFormat("HH:mm")
        self.duration = QSpinBox(objectName="duration", minimum=5, maximum=480, singleStep=5,
                                 value=DEFAULT_DURATION, suffix=self.tr(" min"))
        remove_button = QPushButton(icon("delete"), "")
        remove_button.setToolTip(self.tr("Remove the session"))
        remove_button.clicked.connect(lambda: remove(self))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.child, self.service, self.staff, self.start, self.duration, remove_button):
            layout.addWidget(widget, 1 if widget is self.service else 0)

    def value(self) -> TripSession:
        start = self.start.time()
        return TripSession(self.child.currentData(), self.service.currentData(), self.staff.currentData(),
                           time(start.hour(), start.minute()), self.duration.value())


class FamilyPanel(QGroupBox):
    """One planned family: done or not, the result, the visit's findings and services, sessions."""

    def __init__(self, dialog: TripCompletionDialog, index: int, family: TripFamilyRow, data: CompletionData,
                 read_only: bool) -> None:
        super().__init__(f"{index + 1}. {family.family_title} — {family.settlement or ''}")
        self.family = family
        self.data = data
        self.children = [c for c in data.children if c.trip_family_id == family.id]
        prefix = f"outcomes.{index}."
        errors = dialog.errors
        self.done = QCheckBox(self.tr("Done"), objectName=f"{prefix}done")
        self.done.setChecked(family.done is not False)
        self.result = QLineEdit(objectName=f"{prefix}result")
        self.result.setPlaceholderText(self.tr("Result, or why the work was not done"))
        self.result.setText(family.result or "")
        planned = style.muted(QLabel(self.tr("Planned: {work}").format(work=family.planned_work or "—")))
        planned.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.done)
        top.addWidget(errors.wrap(self.result), 1)
        layout = QVBoxLayout(self)
        layout.addWidget(planned)
        layout.addLayout(top)
        self.details = QWidget()
        layout.addWidget(self.details)
        if read_only:
            self.done.setEnabled(False)
            self.result.setReadOnly(True)
            self.details.hide()
            return

        visit = f"{prefix}visit."
        self.purpose = QLineEdit(family.planned_work, objectName=f"{visit}purpose")
        self.findings = QPlainTextEdit(objectName=f"{visit}conclusions")
        self.findings.setFixedHeight(FINDINGS_HEIGHT)
        self.findings.setPlaceholderText(self.tr("What the brigade found: housing, relationships, the children"))
        self.recommendations = QLineEdit(objectName=f"{visit}recommendations")
        self.next_visit = DateEdit(f"{visit}next_visit_on")
        self.service_picker = QComboBox(objectName=f"{prefix}service_picker")
        fill_grouped_combo(self.service_picker, data.services, self.tr("— choose a service —"))
        add_service = QPushButton(icon("add"), self.tr("Add service"))
        add_service.clicked.connect(self.add_service)
        self.services = QListWidget(objectName=f"{visit}services")
        self.services.setFixedHeight(52)
        self.services.setWordWrap(True)
        self.services.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        remove_service = QPushButton(icon("delete"), "")
        remove_service.setToolTip(self.tr("Remove the service"))
        remove_service.clicked.connect(lambda: self.services.takeItem(self.services.currentRow()))
        service_row = QHBoxLayout()
        service_row.addWidget(self.service_picker, 1)
        service_row.addWidget(add_service)
        service_list = QHBoxLayout()
        service_list.addWidget(self.services, 1)
        service_list.addWidget(remove_service, 0, Qt.AlignmentFlag.AlignTop)

        self.sessions_box = QVBoxLayout()
        self.session_rows: list[SessionRow] = []
        add_session = QPushButton(icon("sessions"), self.tr("Add a child's session"), objectName=f"{prefix}add_session")
        add_session.clicked.connect(self.add_session)
        add_session.setEnabled(bool(self.children) and bool(data.card.data.staff_ids))
        if not self.children:
            add_session.setToolTip(self.tr("The family has no children under 18"))

        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Visit purpose"), errors.wrap(self.purpose))
        form.addRow(self.tr("Findings"), errors.wrap(self.findings))
        form.addRow(self.tr("Recommendations"), errors.wrap(self.recommendations))
        form.addRow(self.tr("Next visit"), errors.wrap(self.next_visit))
        form.addRow(self.tr("Services given"), service_row)
        form.addRow("", service_list)
        form.addRow(self.tr("Sessions"), add_session)
        form.addRow("", self.sessions_box)
        self.done.toggled.connect(self.details.setEnabled)
        self.details.setEnabled(self.done.isChecked())

    def add_service(self) -> None:
        service_id = self.service_picker.currentData()
        if service_id is None:
            return
        existing = [self.services.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.services.count())]
        if service_id in existing:
            return
        item = QListWidgetItem(self.service_picker.currentText())
        item.setData(Qt.ItemDataRole.UserRole, service_id)
        self.services.addItem(item)

    def add_session(self) -> SessionRow:
        row = SessionRow(self.data, self.children, self.remove_session)
        self.session_rows.append(row)
        self.sessions_box.addWidget(row)
        return row

    def remove_session(self, row: SessionRow) -> None:
        self.session_rows.remove(row)
        row.deleteLater()

    def value(self) -> FamilyCompletion:
        done = self.done.isChecked()
        visit = None
        sessions: list[TripSession] = []
        if done:
            services = [GivenService(self.services.item(i).data(Qt.ItemDataRole.UserRole))
                        for i in range(self.services.count())]
            visit = TripVisit(purpose=text_or_none(self.purpose), conclusions=text_or_none(self.findings),
                              recommendations=text_or_none(self.recommendations),
                              next_visit_on=self.next_visit.value(), services=services)
            sessions = [row.value() for row in self.session_rows]
        outcome = TripOutcome(self.family.id, done, text_or_none(self.result), visit)
        return FamilyCompletion(outcome, sessions)


class TripCompletionDialog(FormDialog):
    """Mark the results of a trip (`read_only` shows the marks of a done trip)."""

    def __init__(self, context: UiContext, trip_id: uuid.UUID, parent: QWidget | None = None,
                 read_only: bool = False) -> None:
        super().__init__(context, parent)
        self.trip_id = trip_id
        self.read_only = read_only
        self.panels: list[FamilyPanel] = []
        self.loaded = False
        self.setWindowTitle(self.tr("Trip results"))
        self.ok_button.setText(self.tr("Save results"))
        self.ok_button.setIcon(icon("save"))
        self.heading = QLabel(self.tr("Loading…"))
        self.heading.setWordWrap(True)
        self.hint = style.muted(QLabel(self.tr(
            "Visits are recorded with the trip date, its brigade and the «mobile brigade» mode.")))
        self.hint.setWordWrap(True)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.hint)
        self.body.addWidget(self.scroll, 1)
        sheet = QPushButton(icon("print"), self.tr("Route sheet"), objectName="route_sheet")
        sheet.clicked.connect(lambda: write_route_sheet(self, self.context, self.trip_id))
        self.buttons.addButton(sheet, self.buttons.ButtonRole.ActionRole)
        if read_only:
            self._read_only_buttons()
        self.resize(1000, 700)
        self.set_busy(True)
        actor = context.actor
        run_query(self, context, lambda session: load_completion(session, actor, trip_id), self._show, self.failed)
        self.period_lock.keep.append(sheet)  # the route sheet prints what is shown
        self.check_period_lock("trip", trip_id)

    def _show(self, data: CompletionData) -> None:
        self.set_busy(False)
        card = data.card
        members = ", ".join(data.staff.get(s, "?") for s in card.data.staff_ids)
        self.heading.setText(self.tr("Trip of {date}; brigade: {members}; vehicle: {vehicle}").format(
            date=format_date(card.data.trip_date), members=members, vehicle=card.data.vehicle or "—"))
        content = QWidget()
        layout = QVBoxLayout(content)
        read_only = self.read_only or card.status == DONE
        for index, family in enumerate(card.families):
            panel = FamilyPanel(self, index, family, data, read_only)
            self.panels.append(panel)
            layout.addWidget(panel)
        if not card.families:
            layout.addWidget(QLabel(self.tr("No families were planned for this trip.")))
        layout.addStretch(1)
        self.scroll.setWidget(content)
        if read_only:
            self._read_only_buttons()
        self.loaded = True

    def _read_only_buttons(self) -> None:
        self.ok_button.hide()
        self.hint.hide()
        self.buttons.button(self.buttons.StandardButton.Cancel).setText(self.tr("Close"))

    def is_loaded(self) -> bool:
        return self.loaded and not self.busy

    def values(self) -> list[FamilyCompletion]:
        return [panel.value() for panel in self.panels]

    def save(self) -> None:
        if self.read_only or not self.loaded:
            return
        edits = [panel.next_visit for panel in self.panels if hasattr(panel, "next_visit")]
        if not self.check_dates(*edits):
            return
        families, actor, trip_id = self.values(), self.context.actor, self.trip_id
        self.write(lambda session: complete_trip_with_sessions(session, actor, trip_id, families))
