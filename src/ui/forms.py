"""Shared form helpers: field-error labels, combos from choices, question and report boxes, and a dialog
base that saves through the database worker and keeps itself open on validation errors (the date
field is `ui.date_edit.DateEdit`).

Everything here runs on the GUI thread; the database is only reached through `UiContext.worker`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.actor import Actor
from app.core.errors import ValidationError
from app.reference.choices import Choice
from ui import style
from ui.context import UiContext
from ui.date_edit import DateEdit, date_errors
from ui.errors import show_error, user_message
from ui.ops import run_op, run_query
from ui.period_readonly import PeriodLockView
from ui.resources import icon

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def text_or_none(widget: QLineEdit | QPlainTextEdit) -> str | None:
    text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
    return text.strip() or None


def fill_combo(combo: QComboBox, choices: Iterable[Choice], empty_text: str | None = None) -> None:
    """Fill with `Choice` labels carrying their ids; an optional first entry means «none»; keeps the selection."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if empty_text is not None:
        combo.addItem(empty_text, None)
    for choice in choices:
        combo.addItem(choice.label, choice.id)
    combo.setCurrentIndex(max(find_data(combo, current), 0))
    combo.blockSignals(False)
    # Dictionary names can be long: keep the field itself moderate and let the drop-down show them whole.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    combo.view().setMinimumWidth(min(combo.view().sizeHintForColumn(0) + 24, 760))


def fill_grouped_combo(combo: QComboBox, choices: Iterable[Choice], empty_text: str | None = None) -> None:
    """Like `fill_combo`, under a bold, unselectable heading per `Choice.group` (choices come in group order),
    and typing any part of a name narrows the list (61 services were one flat list across the screen)."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    model = QStandardItemModel(combo)
    if empty_text is not None:
        item = QStandardItem(empty_text)
        item.setData(None, Qt.ItemDataRole.UserRole)
        model.appendRow(item)
    bold = QFont(combo.font())
    bold.setBold(True)
    group: str | None = None
    for choice in choices:
        if choice.group and choice.group != group:
            group = choice.group
            heading = QStandardItem(group)
            heading.setFlags(Qt.ItemFlag.NoItemFlags)  # not selectable: a heading, not a value
            heading.setFont(bold)
            heading.setForeground(QBrush(QColor(style.INK)))
            model.appendRow(heading)
        item = QStandardItem(choice.label)
        item.setData(choice.id, Qt.ItemDataRole.UserRole)
        item.setToolTip(choice.label)
        model.appendRow(item)
    combo.setModel(model)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(model, combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setMaxVisibleItems(15)
    combo.setCompleter(completer)
    line = combo.lineEdit()
    if empty_text is not None:
        line.setPlaceholderText(empty_text)
    if not combo.property("opora_grouped"):
        combo.setProperty("opora_grouped", True)
        # Typed text that names no entry goes back to the chosen one: the field never shows what it won't save.
        line.editingFinished.connect(lambda: _restore_choice_text(combo))
    combo.setCurrentIndex(max(find_data(combo, current), 0))
    combo.blockSignals(False)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    combo.view().setMinimumWidth(min(combo.view().sizeHintForColumn(0) + 24, 760))


def fill_staff_combo(combo: QComboBox, staff: Iterable[Choice], office_id: object, workers: frozenset[Any],
                     empty_text: str | None = None) -> None:
    """Staff pickers: those of `office_id` who work with families first, everybody else under «Other staff»
    (a list of a hundred names with the drivers among them led to wrong choices). `Choice.parent_id` is the
    staff member's office."""
    rows = list(staff)
    if office_id is None or not workers:
        fill_grouped_combo(combo, rows, empty_text)
        return
    first = QCoreApplication.translate("StaffPicker", "Staff of the office")
    rest = QCoreApplication.translate("StaffPicker", "Other staff")
    near = [replace(c, group=first) for c in rows if c.parent_id == office_id and c.id in workers]
    others = [replace(c, group=rest) for c in rows if not (c.parent_id == office_id and c.id in workers)]
    fill_grouped_combo(combo, near + others, empty_text)


def home_office(actor: Actor, staff: Iterable[Choice]) -> uuid.UUID | None:
    """The office a new record starts in: the user's staff record's office, else their only office; None when
    the user works in several and has no staff record (then nothing is guessed, the alphabetically first was)."""
    own = next((c.parent_id for c in staff if actor.staff_id is not None and c.id == actor.staff_id), None)
    if own is not None:
        return own
    return next(iter(actor.office_ids)) if len(actor.office_ids) == 1 else None


def _restore_choice_text(combo: QComboBox) -> None:
    chosen = combo.itemText(combo.currentIndex())
    if combo.currentText() != chosen:
        combo.setEditText(chosen)


def find_data(combo: QComboBox, value: Any) -> int:
    """The index of the entry carrying a value equal to `value`, or -1.

    QComboBox.findData compares Python objects by identity, so an equal UUID read by another query
    would not be found; this compares with ==.
    """
    return next((i for i in range(combo.count()) if combo.itemData(i) == value), -1)


def select_data(combo: QComboBox, value: Any) -> None:
    """Select the entry carrying `value` (the «none» entry, or nothing, when it is absent)."""
    index = find_data(combo, value)
    combo.setCurrentIndex(index if index >= 0 else (0 if combo.count() else -1))


def field_label(text: str) -> QLabel:
    """A label for grid layouts that lines up with the text of a one-line field next to it."""
    label = QLabel(text)
    label.setMinimumHeight(QLineEdit().sizeHint().height())
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return label


def watch(widgets: Iterable[QWidget], slot: Callable[[], None]) -> None:
    """Call `slot` whenever the user changes any of the widgets (for «unsaved changes» flags)."""
    for widget in widgets:
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _text: slot())
        elif isinstance(widget, QComboBox):
            widget.activated.connect(lambda _index: slot())
        elif isinstance(widget, QAbstractButton):
            widget.clicked.connect(lambda _checked=False: slot())
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(slot)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(lambda _value: slot())


TOUCHED = "opora_touched"
USER_INPUT = (QEvent.Type.KeyPress, QEvent.Type.Wheel, QEvent.Type.MouseButtonPress)


class _TouchMarker(QObject):
    """Marks a widget once the user pressed a key, a mouse button or the wheel on it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in USER_INPUT:
            watched.setProperty(TOUCHED, True)
        return False


def _touch_marker(root: QWidget) -> _TouchMarker:
    marker = root.findChild(_TouchMarker)
    return marker if marker is not None else _TouchMarker(root)


def watch_user_edits(root: QWidget, slot: Callable[[], None]) -> None:
    """Call `slot` when the user (not the program) changes any field under `root`.

    Signals that also fire on programmatic changes count only after user input: a plain-text edit's
    textChanged while it has the focus, a spin box's valueChanged once a key, button or wheel touched it.
    Action buttons are not fields.
    """
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _text: slot())
        elif isinstance(widget, QComboBox):
            widget.activated.connect(lambda _index: slot())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            widget.clicked.connect(lambda _checked=False: slot())
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(lambda w=widget: w.hasFocus() and slot())
        elif isinstance(widget, QSpinBox | QDoubleSpinBox):
            # Typing reaches the inner line edit above; this catches the arrows, keys and wheel.
            widget.installEventFilter(_touch_marker(root))
            widget.valueChanged.connect(lambda _value, w=widget: bool(w.property(TOUCHED)) and slot())


def error_label(name: str = "") -> QLabel:
    """An empty, hidden label for an error message (the style sheet colours «fieldError» red);
    `name` becomes its accessible name. The text can be selected to copy it."""
    label = QLabel()
    style.field_error(label)
    if name:
        label.setAccessibleName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    """Put `text` in the label and show it, or hide the label when the text is empty."""
    label.setText(text)
    label.setVisible(bool(text))


class FieldErrors:
    """Shows a ValidationError's messages under the widgets whose objectName equals the field key.

    Wrap each field with `wrap(widget)` when building the form; keys without a wrapped widget go to
    the `general` label so no message is ever lost. Editing a field hides its message.
    """

    def __init__(self, general: QLabel | None = None) -> None:
        self.general = general or error_label()
        self.labels: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}

    def add(self, key: str, widget: QWidget, label: QLabel) -> None:
        """Show the messages for `key` in `label` (laid out by the caller under `widget`)."""
        self.labels[key] = label
        self.widgets[key] = widget

    def wrap(self, widget: QWidget, key: str | None = None) -> QWidget:
        key = key or widget.objectName()
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = error_label()
        layout.addWidget(label)
        self.add(key, widget, label)
        watch([widget], lambda: label.hide())
        return box

    def clear(self) -> None:
        for label in (*self.labels.values(), self.general):
            show_message(label, "")

    def show(self, errors: Mapping[str, str], prefix: str = "") -> list[str]:
        """Place each message; return the keys (without prefix) that had no field of their own."""
        self.clear()
        unplaced: list[str] = []
        general: list[str] = []
        first: QWidget | None = None
        for key, message in errors.items():
            name = key[len(prefix):] if prefix and key.startswith(prefix) else key
            label = self.labels.get(name)
            if label is None:
                unplaced.append(name)
                general.append(message)
                continue
            show_message(label, message)
            first = first or self.widgets[name]
        if general:
            show_message(self.general, "\n".join(general))
        if first is not None:
            _reveal(first)
        return unplaced

    def message(self, key: str) -> str:
        label = self.labels.get(key)
        return label.text() if label is not None and not label.isHidden() else ""


def _reveal(widget: QWidget) -> None:
    """Bring a field into view: switch every enclosing tab to the page holding it, then focus it."""
    child: QWidget | None = widget
    while child is not None:
        parent = child.parentWidget()
        tabs = parent.parentWidget() if parent is not None else None
        if isinstance(tabs, QTabWidget) and tabs.indexOf(child) >= 0:
            tabs.setCurrentWidget(child)
        child = parent
    widget.setFocus()


def ok_cancel_buttons(ok_text: str, cancel_text: str | None = None) -> tuple[QDialogButtonBox, QPushButton]:
    """An OK / Cancel button box with the given (translated) texts, and its OK button, named «ok»."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok_button.setObjectName("ok")
    ok_button.setText(ok_text)
    if cancel_text is not None:
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    return buttons, ok_button


def grow_to_fit(dialog: QDialog) -> None:
    """Grow a dialog to fit messages that appeared under fields (wrapped labels need their height for
    the width), never taller than the screen."""
    layout = dialog.layout()
    layout.activate()
    needed = layout.totalHeightForWidth(dialog.width()) if layout.hasHeightForWidth() else layout.sizeHint().height()
    screen = dialog.screen().availableGeometry().height() if dialog.screen() else needed
    if needed > dialog.height():
        dialog.resize(dialog.width(), min(needed, screen - 40))


class FormDialog(QDialog):
    """A dialog whose OK runs a job on the database worker.

    Subclasses build the form into `self.body` (wrapping fields with `self.errors.wrap`) and
    implement `save()`, which calls `self.write(action)` (one write unit through `ui.ops.run_op`, whose
    change flags are announced once) or `self.read(read)`. A ValidationError keeps the dialog open with
    the messages under the fields (keys stripped of `error_prefix`); other errors use show_error.
    On success `self.result_value` holds the job's result and the dialog is accepted.

    Closing it (Esc, Cancel, the window's cross) after the user changed a field asks whether to save first.
    """

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.result_value: Any = None
        self.busy = False
        self.dirty = False
        self.discard_confirmed = False
        self.unsaved_question: QMessageBox | None = None
        self._watching = False
        self.error_prefix = ""
        self.errors = FieldErrors()
        self.body = QVBoxLayout()
        self.body.setSpacing(8)
        self.buttons, self.ok_button = ok_cancel_buttons(self.tr("OK"), self.tr("Cancel"))
        self.ok_button.setIcon(icon("check"))
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        # A record of a submitted period opens read-only: the banner on top, OK off, Cancel says «Close».
        self.period_lock = PeriodLockView(self, keep=[self.buttons.button(QDialogButtonBox.StandardButton.Cancel)])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.period_lock.banner)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.buttons)

    def _ok(self) -> None:
        if self.busy or self.period_lock.read_only:
            return
        self.errors.clear()
        self.save()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._watching:
            # From the first show on: what the subclass filled in before is not the user's change.
            self._watching = True
            watch_user_edits(self, self.mark_dirty)

    def mark_dirty(self) -> None:
        self.dirty = True

    def reject(self) -> None:
        if self.dirty and not self.discard_confirmed and not self.busy:
            self.ask_unsaved()
            return
        super().reject()

    def ask_unsaved(self) -> None:
        """Save / Don't save / Cancel, window-modal; a second Esc while it is open does nothing more."""
        if self.unsaved_question is not None and self.unsaved_question.isVisible():
            return

        def discard() -> None:
            self.discard_confirmed = True
            self.reject()

        self.unsaved_question = ask(
            self, self.tr("Unsaved changes"), self.tr("You have changed this form. Save the changes?"),
            [(self.tr("Save"), QMessageBox.ButtonRole.AcceptRole, self._ok),
             (self.tr("Don't save"), QMessageBox.ButtonRole.DestructiveRole, discard),
             (self.tr("Continue editing"), QMessageBox.ButtonRole.RejectRole, None)])
        self.unsaved_question.destroyed.connect(lambda: setattr(self, "unsaved_question", None))

    def save(self) -> None:
        raise NotImplementedError

    def check_dates(self, *edits: DateEdit) -> bool:
        """Show «dd.mm.yyyy» messages for unreadable dates; True when all are readable."""
        problems = date_errors(edits)
        if problems:
            self.show_errors(problems)
        return not problems

    def show_errors(self, errors: Mapping[str, str]) -> None:
        self.errors.show(errors, self.error_prefix)
        self.fit()

    def fit(self) -> None:
        grow_to_fit(self)

    def check_period_lock(self, kind: str, record_id: uuid.UUID | None,
                          touches: frozenset[str] = frozenset()) -> None:
        """Open read-only when the saved record lies in a submitted period (`ui.period_readonly`); call it after
        the form's own read is queued, so the answer comes after the fields are filled."""
        self.period_lock.check(self.context, kind, record_id, lambda _read_only: self.period_lock_applied(),
                               touches)

    def period_lock_applied(self) -> None:
        if self.period_lock.read_only:
            self.ok_button.setEnabled(False)
            cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
            if cancel is not None:
                cancel.setText(self.tr("Close"))
            self.fit()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.ok_button.setEnabled(not busy and not self.period_lock.read_only)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def write(self, action: Callable[[Session], Any], on_result: Callable[[Any], None] | None = None) -> None:
        """Run `action(session)` as one write unit (`ui.ops.run_op`: its change flags are announced once);
        by default accept with its result."""
        self.set_busy(True)
        run_op(self, self.context, action, self._done(on_result), self.failed)

    def read(self, read: Callable[[Session], Any], on_result: Callable[[Any], None] | None = None) -> None:
        """Run `read(session)` in a read unit (`ui.ops.run_query`); by default accept with its result."""
        self.set_busy(True)
        run_query(self, self.context, read, self._done(on_result), self.failed)

    def _done(self, on_result: Callable[[Any], None] | None) -> Callable[[Any], None]:
        def done(result: Any) -> None:
            self.set_busy(False)
            if on_result is not None:
                on_result(result)
            else:
                self.finish(result)

        return done

    def finish(self, result: Any) -> None:
        self.result_value = result
        self.accept()

    def failed(self, error: BaseException) -> None:
        self.set_busy(False)
        if isinstance(error, ValidationError):
            self.show_errors(error.errors)
        else:
            show_error(self, error)


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """The buttons left to right, the free space after them."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def open_dialog(dialog: QDialog, on_accepted: Callable[[Any], None]) -> QDialog:
    """Open `dialog` window-modal (no nested event loop) and call `on_accepted(dialog)` when it is
    accepted; the dialog is returned for the caller to keep a reference to it."""
    dialog.accepted.connect(lambda: on_accepted(dialog))
    dialog.open()
    return dialog


def ask(parent: QWidget, title: str, text: str,
        choices: Iterable[tuple[str, QMessageBox.ButtonRole, Callable[[], None] | None]],
        icon: QMessageBox.Icon = QMessageBox.Icon.Question) -> QMessageBox:
    """A window-modal question shown with open() (never a nested event loop); the callback of the
    pressed button runs afterwards. The box is returned so callers (and tests) can reach it."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("question")
    box.setWindowModality(Qt.WindowModality.WindowModal)
    actions: dict[QPushButton, Callable[[], None] | None] = {}
    for label, role, callback in choices:
        button = box.addButton(label, role)
        actions[button] = callback
        if role == QMessageBox.ButtonRole.RejectRole:
            box.setEscapeButton(button)

    def answered(button: Any) -> None:
        callback = actions.get(button)
        if callback is not None:
            callback()

    box.buttonClicked.connect(answered)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def report(parent: QWidget, error: BaseException) -> QMessageBox:
    """Tell the user why an action failed, without blocking (the message is already Russian)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Опора", user_message(error),
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName("report")
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
