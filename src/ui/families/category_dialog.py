"""Putting a family into a category, or taking it off, with the КДН и ЗП decision where the category needs one (СОП)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from app.core.text import format_date
from app.reference.choices import FamilyCardChoices
from app.registry.families import CategoryData, add_category, update_category
from app.registry.family_card import CategoryRow
from ui.context import UiContext
from ui.date_edit import DateEdit
from ui.forms import FormDialog, fill_combo, select_data, text_or_none


def pending_row(data: CategoryData, choices: FamilyCardChoices) -> CategoryRow:
    """How a category not yet saved (new family) shows in the table."""
    label = next((c.label for c in choices.registry.categories if c.id == data.category_id), "")
    return CategoryRow(id=uuid.uuid4(), category_id=data.category_id, name=label, code="",  # type: ignore[arg-type]
                       started_on=data.started_on, ended_on=None, end_reason="",  # type: ignore[arg-type]
                       kdn_intake_number=data.kdn_intake_number, kdn_intake_date=data.kdn_intake_date,
                       kdn_review_on=data.kdn_review_on)


class CategoryDialog(FormDialog):
    """Add (`row` None) or close (`row` given) a category span; with `complete`, enter the КДН и ЗП decision
    of a span that came in without it (an import's «нет постановления КДН — дополнить»); with `edit`, correct a
    span's dates, removal reason and decision as entered. Without a family id it only collects the data."""

    def __init__(self, context: UiContext, choices: FamilyCardChoices, family_id: uuid.UUID | None,
                 row: CategoryRow | None = None, parent: QWidget | None = None, complete: bool = False,
                 edit: bool = False) -> None:
        super().__init__(context, parent)
        self.choices, self.family_id, self.row = choices, family_id, row
        self.edit = edit and row is not None
        self.complete = (complete or self.edit) and row is not None
        self.setWindowTitle(self.tr("Edit the category") if self.edit else
                            self.tr("Enter the KDN decision") if self.complete else
                            self.tr("Close the category") if row else self.tr("Add a category"))
        wrap = self.errors.wrap
        form = QFormLayout()
        self.category = QComboBox(objectName="category_id")
        fill_combo(self.category, choices.registry.categories, "—")
        self.started_on = DateEdit("started_on")
        self.ended_on = DateEdit("ended_on")
        self.end_reason = QComboBox(objectName="end_reason_id")
        fill_combo(self.end_reason, choices.registry.removal_reasons, "—")
        self.end_reason.setMinimumWidth(360)
        closing = row is not None and not self.complete
        self.kdn_number = QLineEdit(objectName="kdn_closure_number" if closing else "kdn_intake_number")
        self.kdn_date = DateEdit("kdn_closure_date" if closing else "kdn_intake_date")
        self.kdn = QGroupBox(self.tr("Decision of the commission for minors (KDN and ZP)"))
        kdn_form = QFormLayout(self.kdn)
        kdn_form.addRow(self.tr("Decision No.:"), wrap(self.kdn_number))
        kdn_form.addRow(self.tr("Decision date:"), wrap(self.kdn_date))
        self.kdn_review = DateEdit("kdn_review_on")
        self.kdn_review.setToolTip(self.tr("The date the commission reviews the results of the prevention plan; "
                                           "the «Today» screen reminds of it"))
        if not closing:
            kdn_form.addRow(self.tr("Next review by the commission:"), wrap(self.kdn_review))
        if row is None:
            form.addRow(self.tr("Category:"), wrap(self.category))
            form.addRow(self.tr("Since:"), wrap(self.started_on))
            self.started_on.set_value(date.today())
            self.category.currentIndexChanged.connect(self._category_changed)
            self.category.setFocus()
        else:
            name = QLabel(row.name, wordWrap=True)
            font = name.font()
            font.setBold(True)
            name.setFont(font)
            form.addRow(self.tr("Category:"), name)
            if self.edit:
                form.addRow(self.tr("Since:"), wrap(self.started_on))
                self.started_on.set_value(row.started_on)
                if row.ended_on is not None:
                    form.addRow(self.tr("Removed on:"), wrap(self.ended_on))
                    form.addRow(self.tr("Reason:"), wrap(self.end_reason))
                    self.ended_on.set_value(row.ended_on)
                    select_data(self.end_reason, row.end_reason_id)
            else:
                form.addRow(self.tr("Since:"), QLabel(format_date(row.started_on)))
            if self.complete:
                self.kdn.setTitle(self.tr("Decision of the commission for minors (KDN and ZP) on intake"))
                self.kdn_number.setText(row.kdn_intake_number or "")
                self.kdn_date.set_value(row.kdn_intake_date)
                self.kdn_review.set_value(row.kdn_review_on)
                (self.started_on if self.edit else self.kdn_number).setFocus()
            else:
                form.addRow(self.tr("Removed on:"), wrap(self.ended_on))
                form.addRow(self.tr("Reason:"), wrap(self.end_reason))
                self.ended_on.set_value(date.today())
                self.ok_button.setText(self.tr("Take off the category"))
        self.body.addLayout(form)
        self.body.addWidget(self.kdn)
        self._category_changed()
        self.setMinimumWidth(520)

    def _category_id(self) -> Any:
        return self.row.category_id if self.row else self.category.currentData()

    def _category_changed(self) -> None:
        self.kdn.setVisible(self._category_id() in self.choices.kdn_categories)

    def data(self) -> CategoryData:
        needs_kdn = self._category_id() in self.choices.kdn_categories
        number, day = (text_or_none(self.kdn_number), self.kdn_date.value()) if needs_kdn else (None, None)
        review = self.kdn_review.value() if needs_kdn else None
        if self.row is None:
            return CategoryData(self.category.currentData(), self.started_on.value(),
                                kdn_intake_number=number, kdn_intake_date=day, kdn_review_on=review)
        if self.edit:
            ended = self.row.ended_on is not None
            return CategoryData(self.row.category_id, self.started_on.value(),
                                self.ended_on.value() if ended else None,
                                self.end_reason.currentData() if ended else None, number, day,
                                self.row.kdn_closure_number, self.row.kdn_closure_date, review)
        if self.complete:
            return CategoryData(self.row.category_id, self.row.started_on, kdn_intake_number=number,
                                kdn_intake_date=day, kdn_review_on=review)
        return CategoryData(self.row.category_id, self.row.started_on, self.ended_on.value(),
                            self.end_reason.currentData(), self.row.kdn_intake_number, self.row.kdn_intake_date,
                            number, day, self.row.kdn_review_on)

    def save(self) -> None:
        if not self.check_dates(self.started_on, self.ended_on, self.kdn_date, self.kdn_review):
            return
        data, actor, row = self.data(), self.context.actor, self.row
        if row is not None and data.ended_on is None and not self.complete:
            self.show_errors({"ended_on": self.tr("Enter the date the family is taken off the category.")})
            return
        if self.family_id is None:  # a new family: checked in full when the family is registered
            if data.category_id is None:
                self.show_errors({"category_id": self.tr("Choose the category.")})
            else:
                self.finish(data)
            return
        family_id = self.family_id
        if row is None:
            self.write(lambda session: add_category(session, actor, family_id, data))
        else:
            row_id = row.id
            self.write(lambda session: update_category(session, actor, row_id, data))
