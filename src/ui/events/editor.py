"""The event editor: a window per event, tabs for the event, participants, results and attached files,
and «Информационная справка» (app.events.note) written to a folder the user picks.

`open_event(context, None)` starts a new event. Everything runs on the GUI thread; reads and writes go
through `ui.ops`, one round trip each; every write is announced on `context.changes` (the events list
listens there).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Saved
from app.core.errors import ValidationError
from app.core.permissions import EDIT_RECORDS, allowed
from app.events.choices import EventChoices, EventForm, load_event_choices, load_event_form
from app.events.events import EventData, create_event, update_event
from app.events.note import note_file_name, write_event_note
from app.periods.readonly import RecordLock, record_lock
from ui import style
from ui.context import UiContext
from ui.date_edit import DateEdit, date_errors
from ui.errors import show_error
from ui.events.files import FilesTab, open_path
from ui.events.participants import ParticipantsTab
from ui.forms import FieldErrors, field_label, fill_combo, select_data, text_or_none, watch
from ui.generated_files import choose_save_file
from ui.ops import run_op, run_query
from ui.period_readonly import PeriodLockView
from ui.printing import print_document
from ui.resources import icon

CHOICES_CACHE_KEY = "event_choices"
_windows: dict[uuid.UUID, EventEditor] = {}


def open_event(context: UiContext, event_id: uuid.UUID | None) -> EventEditor:
    """Bring the event's open editor forward or open one (`None`: a new event); returns the editor.
    Its saves are announced on `context.changes`: callers need no callback."""
    window = _windows.get(event_id) if event_id is not None else None
    if window is None or not _alive(window):
        window = EventEditor(context, event_id)
        if event_id is not None:
            _windows[event_id] = window
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def _alive(window: QWidget) -> bool:
    return shiboken6.isValid(window)


class EventEditor(QWidget):

    def __init__(self, context: UiContext, event_id: uuid.UUID | None) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context, self.event_id = context, event_id
        self.choices: EventChoices | None = None
        self.loaded: EventForm | None = None
        self.can_edit = allowed(context.actor, EDIT_RECORDS)
        self.dirty = self.saving = self.close_after_save = self.discard_confirmed = False
        self.note_dialog: QFileDialog | None = None
        self.unsaved_box: QMessageBox | None = None
        self.last_note: Path | None = None
        self.setWindowIcon(icon("events"))
        self.resize(980, 680)
        self.setMinimumSize(860, 560)
        self._build()
        self._show_mode()
        self.load()

    # --- layout ---------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title_label = style.section_title(QLabel())
        self.errors = FieldErrors()
        self.tabs = QTabWidget(objectName="event_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._event_tab(), icon("events"), self.tr("Event"))
        self.participants = ParticipantsTab(self.context, self.errors, self.mark_dirty)
        self.tabs.addTab(self.participants, icon("user"), self.tr("Participants"))
        self.tabs.addTab(self._results_tab(), icon("reports"), self.tr("Content and results"))
        self.files = FilesTab(self.context, self._files_written)
        self.tabs.addTab(self.files, icon("open"), self.tr("Files"))
        self.status = style.muted(QLabel(objectName="status"))
        self.note_button = QPushButton(icon("export"), self.tr("Information note"), objectName="note")
        self.note_button.setToolTip(self.tr("A DOCX summary of the event in the style of a press release"))
        self.note_button.clicked.connect(lambda: self.choose_note_file())
        self.print_button = QPushButton(icon("print"), self.tr("Print"), objectName="print_note")
        self.print_button.setToolTip(self.tr("Make the information note and send it to the printer"))
        self.print_button.clicked.connect(lambda: self.choose_note_file(then_print=True))
        self.print_after = False
        self.print_dialog: object = None
        self.save_button = QPushButton(icon("save"), self.tr("Save"), objectName="save")
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(icon("close"), self.tr("Close"), objectName="close")
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for button in (self.note_button, self.print_button, self.save_button, self.close_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.title_label)
        # The files stay readable: with editing off (below) the tab itself offers only opening them.
        self.period_lock = PeriodLockView(self, keep=[self.close_button, self.note_button, self.print_button,
                                                      self.files])
        layout.addWidget(self.period_lock.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.errors.general)
        layout.addLayout(bottom)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)

    def _event_tab(self) -> QWidget:
        self.type_combo = QComboBox(objectName="type_id")
        self.format_combo = QComboBox(objectName="format_id")
        self.office_combo = QComboBox(objectName="office_id")
        self.title_edit = QLineEdit(objectName="title")
        self.title_edit.setMaxLength(400)
        self.starts_on = DateEdit("starts_on")
        self.ends_on = DateEdit("ends_on")
        self.ends_on.setPlaceholderText(self.tr("same day"))
        self.place = QLineEdit(objectName="place")
        self.place.setMaxLength(300)
        self.organisers = QPlainTextEdit(objectName="organisers")
        self.partners = QPlainTextEdit(objectName="partners")
        for edit in (self.organisers, self.partners):
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(90)
        self.format_combo.currentIndexChanged.connect(lambda _index: self.participants.update_check())
        dates = QHBoxLayout()
        dates.addWidget(self.errors.wrap(self.starts_on))
        dates.addWidget(QLabel("—"))
        dates.addWidget(self.errors.wrap(self.ends_on))
        dates.addStretch(1)
        page = QWidget()
        grid = QGridLayout(page)
        rows: list[tuple[str, Any]] = [
            (self.tr("Type"), self.errors.wrap(self.type_combo)),
            (self.tr("Title"), self.errors.wrap(self.title_edit)),
            (self.tr("Dates"), dates),
            (self.tr("Place"), self.errors.wrap(self.place)),
            (self.tr("Format"), self.errors.wrap(self.format_combo)),
            (self.tr("Office"), self.errors.wrap(self.office_combo)),
            (self.tr("Organisers"), self.errors.wrap(self.organisers)),
            (self.tr("Partners"), self.errors.wrap(self.partners)),
        ]
        for row, (label, widget) in enumerate(rows):
            grid.addWidget(field_label(label), row, 0, Qt.AlignmentFlag.AlignTop)
            if isinstance(widget, QHBoxLayout):
                grid.addLayout(widget, row, 1)
            else:
                grid.addWidget(widget, row, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(rows), 1)
        watch([self.type_combo, self.format_combo, self.office_combo, self.title_edit, self.starts_on,
               self.ends_on, self.place, self.organisers, self.partners], self.mark_dirty)
        return page

    def _results_tab(self) -> QWidget:
        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setPlaceholderText(self.tr("Purpose, programme, what was discussed — goes into the "
                                              "information note"))
        self.resolution = QPlainTextEdit(objectName="resolution")
        self.materials = QPlainTextEdit(objectName="materials")
        page = QWidget()
        layout = QVBoxLayout(page)
        for label, edit in ((self.tr("Content of the event"), self.notes),
                            (self.tr("Results and resolution"), self.resolution),
                            (self.tr("Materials"), self.materials)):
            edit.setTabChangesFocus(True)
            layout.addWidget(QLabel(label))
            layout.addWidget(self.errors.wrap(edit), 1)
        watch([self.notes, self.resolution, self.materials], self.mark_dirty)
        return page

    def _show_mode(self) -> None:
        new = self.event_id is None
        if new:
            self.title_label.setText(self.tr("New event"))
            self.setWindowTitle(self.tr("New event[*] — Opora"))
        self._update_state()

    def is_loaded(self) -> bool:
        return self.choices is not None and (self.event_id is None or self.loaded is not None)

    def _update_state(self) -> None:
        loaded, editable = self.is_loaded(), self.can_edit and not self.saving
        for index in range(3):
            self.tabs.widget(index).setEnabled(loaded)
        self.participants.set_editable(editable)
        self.save_button.setEnabled(loaded and editable and self.dirty)
        saved = self.event_id is not None
        self.note_button.setEnabled(loaded and saved and not self.dirty and not self.saving)
        self.print_button.setEnabled(self.note_button.isEnabled())
        self.note_button.setToolTip(self.tr("A DOCX summary of the event in the style of a press release")
                                    if saved and not self.dirty else self.tr("Save the event first"))
        files = self.tabs.indexOf(self.files)
        self.tabs.setTabEnabled(files, saved)
        self.tabs.setTabToolTip(files, "" if saved else self.tr("Available once the event is saved"))

    # --- loading --------------------------------------------------------------------------------------
    def load(self) -> None:
        need_choices = self.choices is None and CHOICES_CACHE_KEY not in self.context.cache
        if self.choices is None and not need_choices:
            self._set_choices(self.context.cache[CHOICES_CACHE_KEY])
        event_id = self.event_id
        if need_choices or event_id is not None:
            self.status.setText(self.tr("Loading…"))

        actor = self.context.actor

        def read(session: Any) -> tuple[EventChoices | None, EventForm | None, RecordLock | None]:
            return (load_event_choices(session) if need_choices else None,
                    load_event_form(session, actor, event_id) if event_id is not None else None,
                    record_lock(session, "event", event_id))

        run_query(self, self.context, read, lambda result: self._loaded(*result), self._load_failed)

    def _load_failed(self, error: BaseException) -> None:
        self.status.setText("")
        show_error(self, error)

    def _set_choices(self, choices: EventChoices) -> None:
        self.choices = choices
        fill_combo(self.type_combo, choices.types, self.tr("— choose —"))
        fill_combo(self.format_combo, choices.formats, self.tr("— choose —"))
        fill_combo(self.office_combo, choices.offices, self.tr("— choose —"))
        if self.event_id is None:
            self._set_defaults(choices)

    def _set_defaults(self, choices: EventChoices) -> None:
        office = next(iter(self.context.actor.office_ids), None) or (choices.offices[0].id if choices.offices
                                                                      else None)
        select_data(self.office_combo, office)
        in_person = next((c.id for c in choices.formats if c.code == "in_person"), None)
        select_data(self.format_combo, in_person)
        self.starts_on.set_value(date.today())

    def _loaded(self, choices: EventChoices | None, loaded: EventForm | None, lock: RecordLock | None = None
                ) -> None:
        if choices is not None:
            self.context.cache[CHOICES_CACHE_KEY] = choices
            self._set_choices(choices)
        self.status.setText("")
        if loaded is not None:
            self.loaded = loaded
            if not self.dirty:
                self._show(loaded.data, loaded.titles)
            if self.period_lock.apply(lock):
                self.can_edit = False  # a submitted period's event: read-only
            self.files.set_event(self.event_id, loaded.files, self.can_edit)
        self._update_state()

    def _show(self, data: EventData, titles: dict[uuid.UUID, str]) -> None:
        self.title_label.setText(data.title or "")
        self.setWindowTitle(self.tr("{title}[*] — event").format(title=data.title))
        select_data(self.type_combo, data.type_id)
        select_data(self.format_combo, data.format_id)
        select_data(self.office_combo, data.office_id)
        self.title_edit.setText(data.title or "")
        self.starts_on.set_value(data.starts_on)
        self.ends_on.set_value(data.ends_on if data.ends_on != data.starts_on else None)
        self.place.setText(data.place or "")
        for edit, value in ((self.organisers, data.organisers), (self.partners, data.partners),
                            (self.notes, data.notes), (self.resolution, data.resolution),
                            (self.materials, data.materials)):
            edit.blockSignals(True)
            edit.setPlainText(value or "")
            edit.blockSignals(False)
        self.participants.set_counts({name: getattr(data, name) for name in self.participants.spins})
        self.participants.set_families(data.families, titles)

    # --- editing and saving ---------------------------------------------------------------------------
    def mark_dirty(self) -> None:
        if not self.dirty and self.is_loaded():
            self.dirty = True
            self.setWindowModified(True)
            self.status.setText(self.tr("Unsaved changes"))
            self._update_state()

    def data(self) -> EventData:
        return EventData(
            office_id=self.office_combo.currentData(), type_id=self.type_combo.currentData(),
            title=text_or_none(self.title_edit), starts_on=self.starts_on.value(),
            ends_on=self.ends_on.value(), place=text_or_none(self.place),
            format_id=self.format_combo.currentData(), organisers=text_or_none(self.organisers),
            partners=text_or_none(self.partners), materials=text_or_none(self.materials),
            resolution=text_or_none(self.resolution), notes=text_or_none(self.notes),
            families=list(self.participants.participants), **self.participants.counts(),
        )

    def save(self) -> None:
        if self.saving or not self.save_button.isEnabled():
            return
        self.errors.clear()
        problems = date_errors([self.starts_on, self.ends_on])
        if problems:
            self.errors.show(problems)
            return
        data, actor, event_id = self.data(), self.context.actor, self.event_id

        def write(session: Any) -> Saved:
            if event_id is None:
                return create_event(session, actor, data)
            return update_event(session, actor, event_id, data)

        self.saving = True
        self.status.setText(self.tr("Saving…"))
        self._update_state()
        run_op(self, self.context, write, self._saved, self._save_failed)

    def _saved(self, saved: Saved) -> None:
        self.saving = self.dirty = False
        self.setWindowModified(False)
        if self.event_id is None:
            self.event_id = saved.id
            _windows[saved.id] = self
        self.status.setText(self.tr("Saved at {time}").format(time=datetime.now().strftime("%H:%M")))
        self._update_state()
        if self.close_after_save:
            self.discard_confirmed = True
            self.close()
            return
        self.load()

    def _save_failed(self, error: BaseException) -> None:
        self.saving = self.close_after_save = False
        self.status.setText(self.tr("Not saved: see the messages"))
        self._update_state()
        if isinstance(error, ValidationError):
            self.errors.show(error.errors)
        else:
            show_error(self, error)

    def _files_written(self, _saved: Saved) -> None:
        self.load()

    # --- the information note -------------------------------------------------------------------------
    def choose_note_file(self, then_print: bool = False) -> None:
        if self.event_id is None or not self.note_button.isEnabled():
            return
        self.print_after = then_print
        self.note_dialog = choose_save_file(self, self.tr("Save the information note"), "notes",
                                            note_file_name(self.data()), self.tr("Word documents (*.docx)"),
                                            self.write_note)

    def write_note(self, target: Path) -> None:
        event_id = self.event_id
        if event_id is None:
            return

        actor = self.context.actor
        self.status.setText(self.tr("Writing the information note…"))
        run_op(self, self.context, lambda session: write_event_note(session, actor, event_id, target),
               self._note_written, self._note_failed)

    def _note_written(self, path: Path) -> None:
        self.last_note = path
        self.status.setText(self.tr("Information note saved: {path}").format(path=path))
        if self.print_after:
            self.print_dialog = print_document(self, path, self.status.setText)
        else:
            open_path(path)

    def _note_failed(self, error: BaseException) -> None:
        self.status.setText("")
        show_error(self, error)

    # --- closing --------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.dirty and not self.discard_confirmed:
            event.ignore()
            self.ask_unsaved()
            return
        if self.event_id is not None and _windows.get(self.event_id) is self:
            del _windows[self.event_id]
        super().closeEvent(event)

    def ask_unsaved(self) -> None:
        """Save / Discard / Cancel, window-modal without a nested event loop."""
        if self.unsaved_box is not None and _alive(self.unsaved_box) and self.unsaved_box.isVisible():
            return
        buttons = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved changes"),
                          self.tr("The event has unsaved changes. Save them before closing?"),
                          buttons.Save | buttons.Discard | buttons.Cancel, self)
        box.setObjectName("unsaved")
        box.button(buttons.Save).setText(self.tr("Save"))
        box.button(buttons.Discard).setText(self.tr("Don't save"))
        box.button(buttons.Cancel).setText(self.tr("Cancel"))
        box.setDefaultButton(buttons.Save)
        box.buttonClicked.connect(lambda button: self._unsaved_answer(box.standardButton(button)))
        self.unsaved_box = box
        box.open()

    def _unsaved_answer(self, answer: QMessageBox.StandardButton) -> None:
        if answer == QMessageBox.StandardButton.Save:
            self.close_after_save = True
            self.save()
        elif answer == QMessageBox.StandardButton.Discard:
            self.discard_confirmed = True
            self.close()
