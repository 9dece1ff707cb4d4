"""The visit editor: date, family, specialists, purpose, delivery mode, services given, the six
findings of «Акт обследования условий жизни семьи», next visit date; «Сформировать акт».

A top-level window (several can be open, one per visit). Everything reaches the database through
`ui.ops`: the pickers and the visit arrive in one read, saving is one write whose changes are announced
on `context.changes` (the journal listens there; nothing is relayed).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ValidationError
from app.core.permissions import EDIT_RECORDS, allowed
from app.periods.readonly import RecordLock, record_lock
from app.reference.choices import Choice
from app.registry.members import MemberChoice
from app.visits.act import write_visit_act
from app.visits.choices import (
    ACTIVE,
    VisitChoices,
    VisitFamily,
    VisitForm,
    load_visit_choices,
    load_visit_form,
    visit_family,
)
from app.visits.visits import MAX_SERVICE_QUANTITY, GivenService, VisitData, create_visit, update_visit
from ui import generated_files, style
from ui.context import UiContext
from ui.date_edit import DateEdit, date_errors
from ui.errors import show_error
from ui.forms import FieldErrors, ask, error_label, fill_combo, fill_grouped_combo, select_data, text_or_none, watch
from ui.ops import run_op, run_query
from ui.period_readonly import PeriodLockView
from ui.printing import print_document
from ui.resources import icon
from ui.staff_checklist import StaffChecklist
from ui.time_edit import TimeEdit, time_errors
from ui.visits.family_picker import FamilyPicker

CHOICES_KEY = "visit_choices"  # the pickers, shared by the journal and the editors through the context cache
# The findings in the order of the act, with their (untranslated) labels.
FINDINGS = (
    ("housing", QT_TRANSLATE_NOOP("VisitEditor", "Housing and living conditions")),
    ("income", QT_TRANSLATE_NOOP("VisitEditor", "Income (material situation)")),
    ("relationships", QT_TRANSLATE_NOOP("VisitEditor", "Relationships in the family")),
    ("children_condition", QT_TRANSLATE_NOOP("VisitEditor", "Condition of the children")),
    ("conclusions", QT_TRANSLATE_NOOP("VisitEditor", "Conclusions")),
    ("recommendations", QT_TRANSLATE_NOOP("VisitEditor", "Recommendations")),
)
_open_editors: dict[Any, VisitEditor] = {}


def act_folder_title() -> str:
    return QCoreApplication.translate("documents", "Folder for the document")


class VisitEditor(QWidget):
    """Its writes go through `ui.ops.run_op`, which announces them; the journal hears that itself."""

    def __init__(self, context: UiContext, visit_id: uuid.UUID | None = None,
                 family_id: uuid.UUID | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context = context
        self.visit_id = visit_id
        self.initial_family = family_id
        self.choices: VisitChoices | None = None
        self.loaded: VisitData | None = None
        self.members: list[MemberChoice] = []
        self.office_id: uuid.UUID | None = None  # the family's office
        self.dirty = False
        self.busy = False
        self.discard_confirmed = False
        self.last_act: Path | None = None
        self.can_edit = allowed(context.actor, EDIT_RECORDS)
        self.setWindowIcon(icon("visits"))
        self.resize(1100, 700)
        self.setMinimumSize(900, 560)
        self._build()
        self._update_title()
        self._set_busy(True)
        cached: VisitChoices | None = context.cache.get(CHOICES_KEY)
        actor = context.actor

        def read(session: Any) -> tuple[VisitChoices, VisitForm, RecordLock | None]:
            return (cached or load_visit_choices(session), load_visit_form(session, actor, visit_id, family_id),
                    record_lock(session, "visit", visit_id))

        run_query(self, context, read, lambda loaded: self._loaded(*loaded), self._load_failed)

    # --- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.errors = FieldErrors()
        self.heading = QLabel()
        style.section_title(self.heading)
        self.tabs = QTabWidget(objectName="tabs")
        self.tabs.addTab(self._visit_page(), icon("visits"), self.tr("Visit"))
        self.tabs.addTab(self._findings_page(), icon("edit"), self.tr("Findings (inspection act)"))

        self.status = QLabel(objectName="status")
        style.muted(self.status)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.act_button = QPushButton(icon("export"), self.tr("Make the act"), objectName="make_act")
        self.act_button.setToolTip(self.tr("«Акт обследования условий жизни семьи» as a Word document"))
        self.act_button.clicked.connect(lambda: self.make_act())
        self.print_button = QPushButton(icon("print"), self.tr("Print"), objectName="print_act")
        self.print_button.setToolTip(self.tr("Make the act and send it to the printer"))
        self.print_button.clicked.connect(lambda: self.make_act(then_print=True))
        self.print_after = False
        self.print_dialog: object = None
        self.save_button = QPushButton(icon("save"), self.tr("Save"), objectName="save")
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.save())
        self.close_button = QPushButton(icon("close"), self.tr("Close"), objectName="close")
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for button in (self.act_button, self.print_button, self.save_button, self.close_button):
            bottom.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 12)
        layout.addWidget(self.heading)
        self.period_lock = PeriodLockView(self, keep=[self.close_button, self.act_button, self.print_button])
        layout.addWidget(self.period_lock.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.errors.general)
        layout.addLayout(bottom)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=lambda: self.save())
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)

    def _visit_page(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setHorizontalSpacing(12)
        self.visit_date = DateEdit("visit_date")
        self.delivery_mode = QComboBox(objectName="delivery_mode_id")
        self.next_visit = DateEdit("next_visit_on")
        self.visit_time = TimeEdit("visit_time")
        self.act_number = QLineEdit(objectName="act_number")
        self.act_number.setMaximumWidth(140)
        self.act_number.setToolTip(self.tr("The number of the inspection act, as the journal of acts has it"))
        self.family = FamilyPicker(self.context)
        self.family.family_changed.connect(self._family_changed)
        self.purpose = QLineEdit(objectName="purpose")
        self.purpose.setPlaceholderText(self.tr("For example: planned home visit, inspection of living conditions"))
        top = QGridLayout()
        top.setHorizontalSpacing(12)
        for column, (text, widget) in enumerate(((self.tr("Date of the visit"), self.visit_date),
                                                 (self.tr("Time"), self.visit_time),
                                                 (self.tr("Act No."), self.act_number),
                                                 (self.tr("Delivery mode"), self.delivery_mode),
                                                 (self.tr("Next visit"), self.next_visit))):
            top.addWidget(QLabel(text), 0, column)
            top.addWidget(self.errors.wrap(widget), 1, column, Qt.AlignmentFlag.AlignTop)
        top.setColumnStretch(3, 1)
        grid.addLayout(top, 0, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Family")), 1, 0, 1, 2)
        grid.addWidget(self.errors.wrap(self.family), 2, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Purpose of the visit")), 3, 0, 1, 2)
        grid.addWidget(self.errors.wrap(self.purpose), 4, 0, 1, 2)

        self.staff_filter = QLineEdit(objectName="staff_filter")
        self.staff_filter.setClearButtonEnabled(True)
        self.staff_filter.setPlaceholderText(self.tr("Filter by surname"))
        self.staff_list = QListWidget(objectName="staff_ids")
        self.staff_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.staff_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.specialists = StaffChecklist(self.staff_filter, self.staff_list)
        self.specialists.changed.connect(self._mark_dirty)
        staff_box = QVBoxLayout()
        staff_box.addWidget(QLabel(self.tr("Specialists who visited")))
        staff_box.addWidget(self.staff_filter)
        staff_box.addWidget(self.errors.wrap(self.staff_list), 1)
        grid.addLayout(staff_box, 5, 0)

        self.services = QTableWidget(0, 3, objectName="services")
        self.services.setHorizontalHeaderLabels([self.tr("Service"), self.tr("Recipient"), self.tr("Quantity")])
        self.services.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.services.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.services.verticalHeader().setVisible(False)
        self.services.verticalHeader().setDefaultSectionSize(30)
        header = self.services.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.services.setColumnWidth(1, 190)
        self.services.setColumnWidth(2, 80)
        self.add_service_button = QPushButton(icon("add"), self.tr("Add service"), objectName="add_service")
        self.add_service_button.clicked.connect(lambda: self.add_service_row())
        self.remove_service_button = QPushButton(icon("delete"), self.tr("Remove"), objectName="remove_service")
        self.remove_service_button.clicked.connect(self.remove_service_row)
        self.services_error = error_label()
        self.errors.add("services", self.services, self.services_error)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Services given")))
        buttons.addStretch(1)
        buttons.addWidget(self.add_service_button)
        buttons.addWidget(self.remove_service_button)
        services_box = QVBoxLayout()
        services_box.addLayout(buttons)
        services_box.addWidget(self.services, 1)
        services_box.addWidget(self.services_error)
        grid.addLayout(services_box, 5, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setRowStretch(5, 1)
        watch([self.visit_date, self.next_visit, self.delivery_mode, self.purpose, self.family, self.visit_time,
               self.act_number], self._mark_dirty)
        return page

    def _findings_page(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setHorizontalSpacing(12)
        self.findings: dict[str, QPlainTextEdit] = {}
        for index, (name, label) in enumerate(FINDINGS):
            edit = QPlainTextEdit(objectName=name)
            edit.setTabChangesFocus(True)
            self.findings[name] = edit
            row, column = divmod(index, 2)
            box = QVBoxLayout()
            box.addWidget(QLabel(QCoreApplication.translate("VisitEditor", label)))
            box.addWidget(self.errors.wrap(edit), 1)
            grid.addLayout(box, row, column)
            grid.setRowStretch(row, 1)
        watch(self.findings.values(), self._mark_dirty)
        return page

    # --- loading ----------------------------------------------------------------------------
    def is_loaded(self) -> bool:
        return self.choices is not None and not self.busy

    def _loaded(self, choices: VisitChoices, loaded: VisitForm, lock: RecordLock | None = None) -> None:
        self.choices = choices
        self.context.cache[CHOICES_KEY] = choices
        self.loaded = loaded.data
        self.members = loaded.members
        self.office_id = loaded.office_id
        fill_combo(self.delivery_mode, choices.delivery_modes, self.tr("— choose —"))
        data = loaded.data
        if data is None:
            self.visit_date.set_value(date.today())
            select_data(self.delivery_mode, choices.home_mode_id)
            staff_ids = [self.context.actor.staff_id] if self.context.actor.staff_id else []
            self._fill_staff(staff_ids)
            if self.initial_family is not None:
                self.family.set_family(self.initial_family, loaded.family_title)
        else:
            self.visit_date.set_value(data.visit_date)
            self.next_visit.set_value(data.next_visit_on)
            select_data(self.delivery_mode, data.delivery_mode_id)
            self.purpose.setText(data.purpose or "")
            self.visit_time.set_value(data.visit_time)
            self.act_number.setText(data.act_number or "")
            self.family.blockSignals(True)
            self.family.set_family(data.family_id, loaded.family_title)
            self.family.blockSignals(False)
            self._fill_staff(data.staff_ids)
            for given in data.services:
                self.add_service_row(GivenService(*given))
            for name, edit in self.findings.items():
                edit.setPlainText(getattr(data, name) or "")
        if self.period_lock.apply(lock):
            self.can_edit = False  # a submitted period's visit: read-only, the act can still be made
        self.dirty = False
        self._set_busy(False)
        self._update_title()

    def _load_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        show_error(self, error)
        self.discard_confirmed = True
        self.close()

    def _fill_staff(self, checked: list[uuid.UUID]) -> None:
        assert self.choices is not None
        # Switched-off employees are offered only where a saved visit already names them.
        self.specialists.fill(self.choices.staff, self._near, checked, offered=lambda choice: choice.code == ACTIVE)

    def _near(self, choice: Choice) -> bool:
        """The family's office's specialists (before a family is chosen, the user's offices')."""
        assert self.choices is not None
        offices = {self.office_id} if self.office_id is not None else self.context.actor.office_ids
        return choice.parent_id in offices and choice.id in self.choices.family_workers

    def checked_staff(self) -> list[uuid.UUID]:
        return self.specialists.checked_ids()

    def set_staff_checked(self, staff_id: uuid.UUID, checked: bool = True) -> None:
        self.specialists.set_checked([staff_id], checked)

    # --- services ---------------------------------------------------------------------------
    def add_service_row(self, given: GivenService | None = None) -> int:
        assert self.choices is not None
        row = self.services.rowCount()
        self.services.insertRow(row)
        service = QComboBox(objectName=f"service_{row}")
        wanted = given.service_id if given else None
        offered = [c for c in self.choices.services
                   if c.id not in self.choices.inactive_services or c.id == wanted]
        fill_grouped_combo(service, offered, self.tr("— choose a service —"))
        select_data(service, wanted)
        service.setToolTip(service.currentText())  # long catalogue names do not fit the column
        service.currentTextChanged.connect(service.setToolTip)
        person = QComboBox(objectName=f"person_{row}")
        fill_combo(person, self.members, self.tr("the family as a whole"))
        select_data(person, given.person_id if given else None)
        quantity = QSpinBox(objectName=f"quantity_{row}", minimum=1, maximum=MAX_SERVICE_QUANTITY)
        quantity.setValue(given.quantity if given and given.quantity else 1)
        self.services.setCellWidget(row, 0, service)
        self.services.setCellWidget(row, 1, person)
        self.services.setCellWidget(row, 2, quantity)
        watch([service, person, quantity], self._mark_dirty)
        if given is None:
            self.services.setCurrentCell(row, 0)
            self._mark_dirty()
        return row

    def remove_service_row(self) -> None:
        row = self.services.currentRow()
        if row >= 0:
            self.services.removeRow(row)
            self._mark_dirty()

    def given_services(self) -> list[GivenService]:
        rows = []
        for row in range(self.services.rowCount()):
            service = self.services.cellWidget(row, 0)
            person = self.services.cellWidget(row, 1)
            quantity = self.services.cellWidget(row, 2)
            rows.append(GivenService(service.currentData(), person.currentData(), quantity.value()))
        return rows

    def _family_changed(self, family_id: uuid.UUID | None) -> None:
        self._mark_dirty()
        if family_id is None:
            self._set_family(VisitFamily([], None))
            return
        actor = self.context.actor
        run_query(self, self.context, lambda session: visit_family(session, actor, family_id), self._set_family)

    def _set_family(self, family: VisitFamily) -> None:
        self.members = members = family.members
        if family.office_id != self.office_id and self.choices is not None:
            self.office_id = family.office_id
            self.specialists.regroup(self._near)
        for row in range(self.services.rowCount()):
            combo = self.services.cellWidget(row, 1)
            fill_combo(combo, members, self.tr("the family as a whole"))

    # --- saving -----------------------------------------------------------------------------
    def current_data(self) -> VisitData:
        loaded = self.loaded
        return VisitData(
            family_id=self.family.family_id,
            visit_date=self.visit_date.value(),
            staff_ids=self.checked_staff(),
            purpose=text_or_none(self.purpose),
            delivery_mode_id=self.delivery_mode.currentData(),
            services=self.given_services(),
            next_visit_on=self.next_visit.value(),
            trip_id=loaded.trip_id if loaded is not None else None,
            act_number=text_or_none(self.act_number), visit_time=self.visit_time.value(),
            **{name: text_or_none(edit) for name, edit in self.findings.items()},
        )

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Validate and write; `then` runs after a successful save (the window stays open)."""
        if self.busy or not self.can_edit:
            return
        self.errors.clear()
        problems = date_errors([self.visit_date, self.next_visit]) | time_errors([self.visit_time])
        if problems:
            self.show_errors(problems)
            return
        data = self.current_data()
        actor, visit_id = self.context.actor, self.visit_id

        def write(session: Any) -> Any:
            if visit_id is None:
                return create_visit(session, actor, data)
            return update_visit(session, actor, visit_id, data)

        self._set_busy(True)
        run_op(self, self.context, write, lambda saved: self._saved(saved, data, then), self._save_failed)

    def _saved(self, saved: Any, data: VisitData, then: Callable[[], None] | None) -> None:
        self._set_busy(False)
        self.visit_id = saved.id
        _open_editors[saved.id] = self
        self.loaded = data
        self.dirty = False
        self._update_title()
        self.status.setText(self.tr("Saved."))
        if then is not None:
            then()

    def _save_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, ValidationError):
            self.show_errors(error.errors)
        else:
            show_error(self, error)

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Messages under their fields; the services' rows are numbered under the services table."""
        placed: dict[str, str] = {}
        service_lines: list[str] = []
        for key, message in errors.items():
            if key.startswith("services."):
                row = int(key.split(".")[1]) + 1
                service_lines.append(self.tr("Row {row}: {message}").format(row=row, message=message))
            else:
                placed[key] = message
        if service_lines:
            placed["services"] = "\n".join(service_lines)
        self.errors.show(placed)

    def error_text(self, key: str) -> str:
        return self.errors.message(key)

    # --- the act ----------------------------------------------------------------------------
    def make_act(self, then_print: bool = False) -> None:
        """Save first when needed, ask for the folder, write the act and open it (or print it)."""
        if self.busy:
            return
        self.print_after = then_print
        if self.visit_id is None or self.dirty:
            if not self.can_edit:
                return
            self.save(then=self._choose_act_folder)
        else:
            self._choose_act_folder()

    def _choose_act_folder(self) -> None:
        generated_files.choose_folder(self, act_folder_title(), self.write_act)

    def write_act(self, folder: Path) -> None:
        visit_id = self.visit_id
        if visit_id is None:
            return
        self._set_busy(True)
        self.status.setText(self.tr("Making the act…"))
        actor = self.context.actor
        run_op(self, self.context, lambda session: write_visit_act(session, actor, visit_id, folder),
               self._act_written, self._act_failed)

    def _act_written(self, path: Path) -> None:
        self._set_busy(False)
        self.last_act = path
        self.status.setText(self.tr("The act is saved: {path}").format(path=path))
        if self.print_after:
            self.print_dialog = print_document(self, path, self.status.setText)
        else:
            generated_files.open_file(path)

    def _act_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.status.setText("")
        show_error(self, error)

    # --- state ------------------------------------------------------------------------------
    def _mark_dirty(self) -> None:
        if self.choices is not None and not self.dirty:
            self.dirty = True
            self._update_title()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.save_button, self.act_button, self.print_button, self.add_service_button,
                       self.remove_service_button):
            documents = button in (self.act_button, self.print_button)  # a reader may print what they see
            button.setEnabled(not busy if documents else not busy and self.can_edit)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def _update_title(self) -> None:
        family = self.family.title
        if self.visit_id is None:
            text = self.tr("New home visit")
        else:
            text = self.tr("Home visit of {date}").format(date=self.visit_date.text())
        if family:
            text = f"{text} — {family}"
        self.heading.setText(text)
        self.setWindowTitle(("* " if self.dirty else "") + text)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.dirty and self.can_edit and not self.discard_confirmed:
            event.ignore()
            self.ask_unsaved()
            return
        for key, editor in list(_open_editors.items()):
            if editor is self:
                del _open_editors[key]
        super().closeEvent(event)

    def ask_unsaved(self) -> QMessageBox:
        def discard() -> None:
            self.discard_confirmed = True
            self.close()

        return ask(self, self.tr("Unsaved changes"),
                   self.tr("The visit has unsaved changes. Save them before closing?"),
                   [(self.tr("Save"), QMessageBox.ButtonRole.AcceptRole, lambda: self.save(then=discard)),
                    (self.tr("Don't save"), QMessageBox.ButtonRole.DestructiveRole, discard),
                    (self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole, None)])


def open_visit(context: UiContext, visit_id: uuid.UUID | None = None, *, family_id: uuid.UUID | None = None,
               parent: QWidget | None = None) -> VisitEditor:
    """Open the editor of a visit (or a new visit, optionally for `family_id`); a visit already open
    is brought to the front. Its saves are announced on `context.changes`: screens need no callback."""
    key = visit_id if visit_id is not None else object()
    editor = _open_editors.get(key)
    if editor is None:
        editor = VisitEditor(context, visit_id, family_id, parent)
        _open_editors[key] = editor
    editor.show()
    editor.raise_()
    editor.activateWindow()
    return editor
