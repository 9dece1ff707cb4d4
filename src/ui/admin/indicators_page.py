"""Administration → «Показатели комплекса мер»: the indicators, their start values, plans and sources."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox

from app.core.errors import ValidationError
from app.reports.indicators import (
    IndicatorData,
    IndicatorRow,
    deactivate_indicator,
    delete_indicator,
    list_indicators,
    reactivate_indicator,
    save_indicator,
    source_choices,
)
from ui.context import UiContext
from ui.dictionaries.list_screen import ListScreen
from ui.dictionaries.rows_model import NUMBER, Column
from ui.dictionaries.widgets import EntryDialog, format_number, parse_number

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class IndicatorsPage(ListScreen):
    delete_service = staticmethod(delete_indicator)
    deactivate_service = staticmethod(deactivate_indicator)
    reactivate_service = staticmethod(reactivate_indicator)

    def __init__(self, context: UiContext) -> None:
        self.sources: list[tuple[str, str]] = []
        super().__init__(context, self.tr("Programme indicators"))
        self.set_note(self.tr("The indicators of the regional «комплекс мер». The report «Programme indicators» "
                              "takes each one's actual value for its period from the chosen count of the data."))

    def columns(self) -> list[Column]:
        return [Column(self.tr("Indicator"), lambda row: row.name, stretch=True),
                Column(self.tr("Unit"), lambda row: row.unit, width=90),
                Column(self.tr("At start"), lambda row: row.value_at_start, NUMBER, width=90),
                Column(self.tr("Plan"), lambda row: row.plan, NUMBER, width=90),
                Column(self.tr("Actual value from"), lambda row: row.source_label, width=330)]

    def fetch(self, session: Session) -> tuple[list[IndicatorRow], list[tuple[str, str]]]:
        return list_indicators(session), source_choices(session)

    def take(self, payload: tuple[list[IndicatorRow], list[tuple[str, str]]]) -> list[IndicatorRow]:
        rows, self.sources = payload
        return rows

    def open_editor(self, row: IndicatorRow | None) -> None:
        dialog = EntryDialog(self, self.context,
                             self.tr("New indicator") if row is None else self.tr("Indicator"), self.after_write)
        form = dialog.form
        name = form.add_row(self.tr("Name:"), QLineEdit(), "name")
        unit = form.add_row(self.tr("Unit:"), QLineEdit(), "unit")
        start = form.add_row(self.tr("Value at start:"), QLineEdit(), "value_at_start")
        plan = form.add_row(self.tr("Planned value:"), QLineEdit(), "plan")
        source = form.add_row(self.tr("Actual value from:"), QComboBox(), "source")
        order = form.add_row(self.tr("Order in the report:"), QSpinBox(), "sort_order")
        form.finish()
        dialog.setMinimumWidth(640)
        unit.setPlaceholderText(self.tr("e.g. families, persons, %"))
        for edit in (start, plan):
            edit.setPlaceholderText(self.tr("e.g. 120 or 12,5"))
            edit.setMaximumWidth(160)
        order.setRange(0, 999)
        for key, label in self.sources:
            source.addItem(label, key)
        if row is not None:
            name.setText(row.name)
            unit.setText(row.unit)
            start.setText(format_number(row.value_at_start))
            plan.setText(format_number(row.plan))
            source.setCurrentIndex(max(0, source.findData(row.source)))
            order.setValue(row.sort_order)
        else:
            order.setValue(len(self.all_rows) + 1)
        bad_number = {"value_at_start": self.tr("Value at start: enter a number, e.g. 120 or 12,5."),
                      "plan": self.tr("Planned value: enter a number, e.g. 120 or 12,5.")}

        def number(edit: QLineEdit, key: str) -> float | None:
            try:
                return parse_number(edit.text())
            except ValueError:
                raise ValidationError({key: bad_number[key]}) from None

        def build() -> Any:
            data = IndicatorData(name=name.text(), unit=unit.text(), value_at_start=number(start, "value_at_start"),
                                 plan=number(plan, "plan"), source=source.currentData(), sort_order=order.value(),
                                 active=row.active if row is not None else True,
                                 note=row.note if row is not None else None)
            row_id = row.id if row is not None else None
            return self.writer(lambda session, actor: save_indicator(session, actor, data, row_id))

        dialog.build_action = build
        self.show_dialog(dialog)
