"""Building blocks of the dictionary screens: a form that shows errors by its fields, an edit dialog
that saves through `ui.ops.run_op`, combo and number helpers (error labels, question boxes and
combo look-ups are shared with the rest of the interface in `ui.forms`).

Everything here runs on the GUI thread; the only database work is the write unit a dialog runs.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.core.changes import Saved
from app.core.errors import ValidationError
from ui.errors import show_error
from ui.forms import FieldErrors, error_label, grow_to_fit, ok_cancel_buttons, select_data
from ui.ops import run_op

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.context import UiContext


class FieldForm(QWidget):
    """A form layout whose input widgets are named by the service field they feed.

    `show_errors` puts each ValidationError message under the widget whose objectName equals
    the error key; messages for keys no widget has (e.g. `record`) go to the general label.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.general_error = error_label("general")
        self.field_errors = FieldErrors(self.general_error)
        self.errors: dict[str, QLabel] = self.field_errors.labels

    def add_row(self, label: str, widget: QWidget, key: str) -> QWidget:
        widget.setObjectName(key)
        error = error_label(key)
        self.field_errors.add(key, widget, error)
        # The widget may be narrow (a distance, an INN): the message below still gets the full width.
        line = QHBoxLayout()
        line.addWidget(widget, 1)
        line.addStretch(0)
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addLayout(line)
        column.addWidget(error)
        # Labels sit at the top, as tall as the widget, so a message below does not move them.
        caption = QLabel(label)
        caption.setBuddy(widget)
        caption.setFixedHeight(widget.sizeHint().height())
        caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.layout_.addRow(caption, column)
        return widget

    def finish(self) -> None:
        """Add the general error line under the fields (call once, after the last `add_row`)."""
        self.layout_.addRow(self.general_error)

    def clear_errors(self) -> None:
        self.field_errors.clear()

    def show_errors(self, errors: dict[str, str]) -> None:
        self.field_errors.show(errors)

    def error_text(self, key: str) -> str:
        label = self.errors.get(key)
        return label.text() if label is not None else self.general_error.text()


class EntryDialog(QDialog):
    """An edit dialog: OK builds a write unit from the widgets, `run_op` runs it (announcing its changes), the
    dialog closes on success and shows the service's messages by the fields otherwise (nothing is saved then).

    `build_action()` returns the write unit (session -> Saved); it may raise ValidationError for input the
    dialog itself cannot read (e.g. letters in a number). `on_saved(Saved)` runs after success.
    """

    def __init__(self, parent: QWidget, context: UiContext, title: str,
                 on_saved: Callable[[Saved], None]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.context = context
        self.on_saved = on_saved
        self.build_action: Callable[[], Callable[[Session], Saved]] | None = None
        self.saving = False
        self.form = FieldForm(self)
        self.buttons, self.ok_button = ok_cancel_buttons(self.tr("Save"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def field(self, key: str) -> Any:
        return self.findChild(QWidget, key)

    def save(self) -> None:
        if self.saving or self.build_action is None:
            return
        self.form.clear_errors()
        try:
            action = self.build_action()
        except ValidationError as error:
            self.show_errors(error.errors)
            return
        self.saving = True
        self.ok_button.setEnabled(False)
        run_op(self, self.context, action, self._saved, self._failed)

    def show_errors(self, errors: dict[str, str]) -> None:
        self.form.show_errors(errors)
        grow_to_fit(self)

    def _saved(self, saved: Saved) -> None:
        self.saving = False
        self.ok_button.setEnabled(True)
        self.accept()
        self.on_saved(saved)

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        self.ok_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self.show_errors(error.errors)
        else:
            show_error(self, error)


def fill_combo(combo: QComboBox, entries: Iterable[tuple[str, uuid.UUID | None]],
               current: uuid.UUID | None = None, none_text: str | None = None) -> None:
    """Replace the entries of a combo (label, id), keeping `current` selected when present."""
    combo.blockSignals(True)
    combo.clear()
    if none_text is not None:
        combo.addItem(none_text, None)
    for label, value in entries:
        combo.addItem(label, value)
    select_data(combo, current)
    combo.blockSignals(False)


def selectable(rows: list[Any], current: uuid.UUID | None,
               label: Callable[[Any], str] | None = None) -> list[tuple[str, uuid.UUID]]:
    """Active entries for a choice list, plus the record's own entry even if it was switched off."""
    return [((label(row) if label else row.name), row.id) for row in rows if row.active or row.id == current]


def format_number(value: float | None) -> str:
    """12.5 → «12,5» (the Russian decimal comma whatever the system locale); whole numbers without a fraction."""
    if value is None:
        return ""
    return f"{value:g}".replace(".", ",")


def parse_number(text: str) -> float | None:
    """Read «35», «12,5» or «12.5»; empty text is None; raise ValueError for anything else."""
    cleaned = text.strip().replace(" ", "").replace(",", ".")
    return float(cleaned) if cleaned else None
