"""Keyboard comfort for every window at once, so no dialog can forget it.

- A window opens with the focus on its first field (not on «Сохранить» or «Отмена»): people start typing
  straight away, and an OK-presser does not save an empty form by pressing Enter.
- Entering a spin box or an editable combo selects its text, so typing replaces the shown value or the
  placeholder («—») instead of being appended to it.

One application-wide event filter does both; it looks only at Show and FocusIn events and returns at once
for everything else.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QWidget,
    QWizard,
)

FOCUSED_ONCE = "opora_first_focus_done"
FIELD_TYPES = (QLineEdit, QAbstractSpinBox, QComboBox, QPlainTextEdit, QTextEdit, QCheckBox, QRadioButton)


def is_field(widget: QWidget) -> bool:
    """A widget the user types into, ticks or chooses from (push buttons and lists are not fields)."""
    if not isinstance(widget, FIELD_TYPES) or isinstance(widget, QAbstractItemView):
        return False
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit) and widget.isReadOnly():
        return False
    if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
        return False  # the editor inside a spin box or combo: the box itself is the field
    return widget.isVisible() and widget.isEnabled() and bool(widget.focusPolicy().value & 0x1)  # TabFocus


def first_field(window: QWidget) -> QWidget | None:
    """The first field in the window's tab order."""
    widget = window.nextInFocusChain()
    seen = 0
    while widget is not None and widget is not window and seen < 2000:
        if widget.window() is window and is_field(widget):
            return widget
        widget = widget.nextInFocusChain()
        seen += 1
    return None


def focus_first_field(window: QWidget) -> None:
    """Move the focus to the first field unless the window already chose a field to start in."""
    if not window.isVisible():
        return
    current = QApplication.focusWidget()
    if current is not None and current.window() is window and is_field(current):
        return
    field = first_field(window)
    if field is not None:
        field.setFocus()


def _select_text(widget: QWidget) -> None:
    if isinstance(widget, QAbstractSpinBox):
        widget.selectAll()
    elif isinstance(widget, QComboBox) and widget.lineEdit() is not None:
        widget.lineEdit().selectAll()


class KeyboardComfort(QObject):
    """The application-wide filter; install once with `install(application)`."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show:
            if isinstance(watched, QDialog | QWizard) and not isinstance(watched, QMainWindow) \
                    and not watched.property(FOCUSED_ONCE):
                watched.setProperty(FOCUSED_ONCE, True)
                # After the dialog's own showEvent and any focus it sets itself.
                QTimer.singleShot(0, watched, lambda: focus_first_field(watched))
        elif kind == QEvent.Type.FocusIn:
            target = watched
            if isinstance(watched, QLineEdit) and isinstance(watched.parentWidget(), QAbstractSpinBox | QComboBox):
                target = watched.parentWidget()
            if isinstance(target, QAbstractSpinBox) or (isinstance(target, QComboBox) and target.isEditable()):
                QTimer.singleShot(0, target, lambda: _select_text(target))
        return False


def install(application: QApplication) -> None:
    if application.property("opora_keyboard"):
        return
    application.setProperty("opora_keyboard", True)
    comfort = KeyboardComfort(application)  # owned by the application, lives as long as it does
    application.installEventFilter(comfort)

