"""A time of day typed as hh:mm that may stay empty (a visit's time, a trip's departure and return).

QTimeEdit always holds a time; these fields are optional, so an empty text means «not given».
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import time

from PySide6.QtCore import QCoreApplication, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def parse_time(text: str) -> time | None:
    """«8:30», «08.30» → 08:30; empty → None; anything else raises ValueError."""
    if not text.strip():
        return None
    match = _TIME.match(text)
    if match is None:
        raise ValueError(text)
    return time(int(match.group(1)), int(match.group(2)))  # ValueError for 25:00 or 10:75


class TimeEdit(QLineEdit):
    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.setPlaceholderText(QCoreApplication.translate("TimeEdit", "hh:mm"))
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9:.]{0,5}"), self))
        self.setMinimumWidth(70)
        self.setMaximumWidth(90)
        self.editingFinished.connect(self._normalise)

    def value(self) -> time | None:
        try:
            return parse_time(self.text())
        except ValueError:
            return None

    def is_valid(self) -> bool:
        try:
            parse_time(self.text())
        except ValueError:
            return False
        return True

    def set_value(self, value: time | None) -> None:
        self.setText(value.strftime("%H:%M") if value else "")

    def _normalise(self) -> None:
        value = self.value()
        if value is not None and self.text() != value.strftime("%H:%M"):
            self.setText(value.strftime("%H:%M"))


def time_errors(edits: Iterable[TimeEdit]) -> dict[str, str]:
    """Messages for time fields whose text is not a time, keyed by their object names."""
    message = QCoreApplication.translate("TimeEdit", "Enter the time as hh:mm, for example 08:30.")
    return {edit.objectName(): message for edit in edits if not edit.is_valid()}
