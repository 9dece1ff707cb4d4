"""Shared form helpers: an optional dd.mm.yyyy date field, field-error labels, combos from choices,
and a dialog base that saves through the database worker and keeps itself open on validation errors.

Everything here runs on the GUI thread; the database is only reached through `UiContext.worker`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, QPoint, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.choices import Choice
from app.errors import ValidationError
from ui.context import UiContext
from ui.errors import show_error
from ui.resources import icon

_DATE_PARTS = re.compile(r"^\s*(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})\s*$")
_DATE_DIGITS = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")


def alive(widget: QWidget, callback: Callable[..., Any]) -> Callable[..., None]:
    """Wrap a worker callback so that an answer arriving after its window was closed and deleted is dropped."""

    def call(*args: Any) -> None:
        if shiboken6.isValid(widget):
            callback(*args)

    return call


def parse_date(text: str) -> date | None:
    """«05.06.2026», «5.6.2026» or «05062026» → date; empty text → None; anything else raises ValueError."""
    if not text.strip():
        return None
    match = _DATE_PARTS.match(text) or _DATE_DIGITS.match(text)
    if match is None:
        raise ValueError(text)
    day, month, year = (int(part) for part in match.groups())
    return date(year, month, day)


class DateEdit(QLineEdit):
    """A date typed as dd.mm.yyyy (or picked from a calendar) that may stay empty.

    `value()` is the date or None; text that is not a date makes `is_valid()` False so a form can
    say so next to the field instead of sending a wrong value.
    """

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.setPlaceholderText(self.tr("dd.mm.yyyy"))
        self.setValidator(QRegularExpressionValidator(r"[0-9.\-/ ]{0,10}", self))
        self.setMaximumWidth(150)
        self.setMinimumWidth(120)
        picker = self.addAction(icon("calendar"), QLineEdit.ActionPosition.TrailingPosition)
        picker.setToolTip(self.tr("Pick a date"))
        picker.triggered.connect(self._pick)
        self.editingFinished.connect(self._normalise)
        self._calendar: QCalendarWidget | None = None

    def value(self) -> date | None:
        try:
            return parse_date(self.text())
        except ValueError:
            return None

    def is_valid(self) -> bool:
        try:
            parse_date(self.text())
        except ValueError:
            return False
        return True

    def set_value(self, value: date | None) -> None:
        self.setText(value.strftime("%d.%m.%Y") if value else "")

    def _normalise(self) -> None:
        if self.is_valid() and self.value() is not None:
            formatted = self.value().strftime("%d.%m.%Y")  # type: ignore[union-attr]
            if formatted != self.text():
                self.setText(formatted)

    def _pick(self) -> None:
        calendar = QCalendarWidget(self, windowFlags=Qt.WindowType.Popup)
        calendar.setGridVisible(True)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        current = self.value() or date.today()
        calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        calendar.clicked.connect(lambda day: self._picked(calendar, day))
        calendar.activated.connect(lambda day: self._picked(calendar, day))
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        calendar.show()
        self._calendar = calendar

    def _picked(self, calendar: QCalendarWidget, day: QDate) -> None:
        self.set_value(date(day.year(), day.month(), day.day()))
        self.textEdited.emit(self.text())
        calendar.close()


def date_errors(edits: Iterable[DateEdit]) -> dict[str, str]:
    """Messages for date fields whose text is not a date, keyed by their object names."""
    message = QCoreApplication.translate("forms", "Enter the date as dd.mm.yyyy, for example 05.06.2026.")
    return {edit.objectName(): message for edit in edits if not edit.is_valid()}


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


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


class FieldErrors:
    """Shows a ValidationError's messages under the widgets whose objectName equals the field key.

    Wrap each field with `wrap(widget)` when building the form; keys without a wrapped widget go to
    the `general` label so no message is ever lost. Editing a field hides its message.
    """

    def __init__(self, general: QLabel | None = None) -> None:
        self.general = general or _error_label()
        self.labels: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}

    def wrap(self, widget: QWidget, key: str | None = None) -> QWidget:
        key = key or widget.objectName()
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = _error_label()
        layout.addWidget(label)
        self.labels[key] = label
        self.widgets[key] = widget
        watch([widget], lambda: label.hide())
        return box

    def clear(self) -> None:
        for label in self.labels.values():
            label.clear()
            label.hide()
        self.general.clear()
        self.general.hide()

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
            label.setText(message)
            label.show()
            first = first or self.widgets[name]
        if general:
            self.general.setText("\n".join(general))
            self.general.show()
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


class FormDialog(QDialog):
    """A dialog whose OK runs a job on the database worker.

    Subclasses build the form into `self.body` (wrapping fields with `self.errors.wrap`) and
    implement `save()`, which calls `self.run(job)`. A ValidationError keeps the dialog open with
    the messages under the fields (keys stripped of `error_prefix`); other errors use show_error.
    On success `self.result_value` holds the job's result and the dialog is accepted.
    """

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.result_value: Any = None
        self.busy = False
        self.error_prefix = ""
        self.errors = FieldErrors()
        self.body = QVBoxLayout()
        self.body.setSpacing(8)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("ok")
        self.ok_button.setText(self.tr("OK"))
        self.ok_button.setIcon(icon("check"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.buttons)

    def _ok(self) -> None:
        if self.busy:
            return
        self.errors.clear()
        self.save()

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
        """Grow to fit messages that appeared under fields (wrapped labels need their height for the width)."""
        layout = self.layout()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else layout.sizeHint().height()
        screen = self.screen().availableGeometry().height() if self.screen() else needed
        if needed > self.height():
            self.resize(self.width(), min(needed, screen - 40))

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.ok_button.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def run(self, job: Callable[[Any], Any], on_result: Callable[[Any], None] | None = None) -> None:
        """Run `job(database)` on the worker; by default accept with its result."""
        self.set_busy(True)

        def done(result: Any) -> None:
            self.set_busy(False)
            if on_result is not None:
                on_result(result)
            else:
                self.finish(result)

        self.context.worker.submit(job, alive(self, done), alive(self, self.failed))

    def finish(self, result: Any) -> None:
        self.result_value = result
        self.accept()

    def failed(self, error: BaseException) -> None:
        self.set_busy(False)
        if isinstance(error, ValidationError):
            self.show_errors(error.errors)
        else:
            show_error(self, error)
