"""A date typed as dd.mm.yyyy (or picked from a calendar) that may stay empty, and reading such text.

Everything here runs on the GUI thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QPoint, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QWidget

from ui.resources import icon

_DATE_PARTS = re.compile(r"^\s*(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})\s*$")
_DATE_DIGITS = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")


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
