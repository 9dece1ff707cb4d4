"""Choosing a report period: quarter, half-year, 9 months, year or custom dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from app.reports.periods import Period, custom, half_year, nine_months, quarter, whole_year
from ui.date_edit import DateEdit

QUARTER, HALF, NINE, YEAR, CUSTOM = "quarter", "half", "nine", "year", "custom"
ROMAN = ("I", "II", "III", "IV")


class PeriodPicker(QWidget):
    """`period()` is the chosen Period; it raises ValidationError (field "period") for bad custom dates."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox(objectName="period_kind")
        for key, text in ((QUARTER, self.tr("Quarter")), (HALF, self.tr("Half-year")), (NINE, self.tr("9 months")),
                          (YEAR, self.tr("Year")), (CUSTOM, self.tr("Custom dates"))):
            self.kind.addItem(text, key)
        self.year = QSpinBox(objectName="period_year")
        self.year.setRange(2000, 2100)
        self.number = QComboBox(objectName="period_number")
        self.start = DateEdit("period_start")
        self.end = DateEdit("period_end")
        self.dash = QLabel("—")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.kind, self.number, self.year, self.start, self.dash, self.end):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for signal in (self.year.valueChanged, self.number.currentIndexChanged, self.start.editingFinished,
                       self.end.editingFinished):
            signal.connect(self.changed)
        self.set_default(date.today())

    def set_default(self, today: date) -> None:
        """The last finished quarter: what a coordinator reports most of the time."""
        number = (today.month - 1) // 3
        year = today.year if number else today.year - 1
        self.set_state(QUARTER, year, number or 4)

    def set_state(self, kind: str, year: int, number: int = 1, start: date | None = None,
                  end: date | None = None) -> None:
        index = self.kind.findData(kind)
        self.kind.setCurrentIndex(max(index, 0))
        self._kind_changed()
        self.year.setValue(year)
        self.number.setCurrentIndex(max(0, min(number - 1, self.number.count() - 1)))
        self.start.set_value(start)
        self.end.set_value(end)

    def state(self) -> dict[str, object]:
        """What is remembered between sessions."""
        return {"kind": self.kind.currentData(), "year": self.year.value(), "number": self.number.currentIndex() + 1,
                "start": self.start.text(), "end": self.end.text()}

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.number.blockSignals(True)
        self.number.clear()
        if kind == QUARTER:
            self.number.addItems([self.tr("%1 quarter").replace("%1", roman) for roman in ROMAN])
        elif kind == HALF:
            self.number.addItems([self.tr("%1 half-year").replace("%1", roman) for roman in ROMAN[:2]])
        self.number.blockSignals(False)
        self.number.setVisible(kind in (QUARTER, HALF))
        self.year.setVisible(kind != CUSTOM)
        for widget in (self.start, self.dash, self.end):
            widget.setVisible(kind == CUSTOM)
        self.changed.emit()

    def period(self) -> Period:
        from app.core.errors import ValidationError

        kind, year, number = self.kind.currentData(), self.year.value(), self.number.currentIndex() + 1
        if kind == QUARTER:
            return quarter(year, number)
        if kind == HALF:
            return half_year(year, number)
        if kind == NINE:
            return nine_months(year)
        if kind == YEAR:
            return whole_year(year)
        start, end = self.start.value(), self.end.value()
        if start is None or end is None:
            raise ValidationError({"period": "Поле «Период»: укажите даты начала и окончания в виде дд.мм.гггг."})
        return custom(start, end)
