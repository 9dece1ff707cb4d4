"""Editing what the «Сопровождение» tab adds (#17 item 6): a plan row edited in the dialog that adds one, prefilled,
and a closed case reopened with a reason."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QWidget

from app.cases.cases import CaseRow, PlanRow
from app.cases.plan_items import PlanItemData, update_plan_item
from app.cases.reopening import reopen_case
from app.core.text import format_date
from app.reference.choices import FamilyCardChoices
from ui.context import UiContext
from ui.families.case_dialog import PlanItemDialog
from ui.forms import FormDialog, select_data, text_or_none


class EditPlanItemDialog(PlanItemDialog):
    """The plan row dialog in edit mode: the row's measure, executor and due date filled in; OK saves the changes."""

    def __init__(self, context: UiContext, choices: FamilyCardChoices, case: CaseRow, row: PlanRow,
                 parent: QWidget | None = None, family_responsible_id: uuid.UUID | None = None,
                 office_id: uuid.UUID | None = None) -> None:
        super().__init__(context, choices, case, parent, family_responsible_id, office_id)
        self.row = row
        self.setWindowTitle(self.tr("Edit the plan row"))
        self.measure.setPlainText(row.measure)
        if row.executor_agency_id is not None:
            self.by_agency.setChecked(True)
            select_data(self.agency, row.executor_agency_id)
        else:
            self.by_staff.setChecked(True)
            select_data(self.staff, row.executor_staff_id)
        self.due_on.set_value(row.due_on)
        self.check_period_lock("plan_item", row.id)

    def save(self) -> None:
        if not self.check_dates(self.due_on):
            return
        staff = self.staff.currentData() if self.by_staff.isChecked() else None
        agency = self.agency.currentData() if self.by_agency.isChecked() else None
        data = PlanItemData(measure=text_or_none(self.measure), service_id=self.row.service_id,
                            executor_staff_id=staff, executor_agency_id=agency, due_on=self.due_on.value())
        row_id, actor = self.row.id, self.context.actor
        self.write(lambda session: update_plan_item(session, actor, row_id, data))


class ReopenCaseDialog(FormDialog):
    """Reopen a closed case: the reason is kept in the case's notes with the day."""

    def __init__(self, context: UiContext, case: CaseRow, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.case = case
        self.setWindowTitle(self.tr("Reopen the support case"))
        self.reason = QPlainTextEdit(objectName="reason")
        self.reason.setFixedHeight(70)
        form = QFormLayout()
        form.addRow(self.tr("Case:"), QLabel(self.tr("{kind}, opened on {opened}, closed on {closed}").format(
            kind=case.kind_name, opened=format_date(case.opened_on), closed=format_date(case.closed_on))))
        form.addRow(self.tr("Reason:"), self.errors.wrap(self.reason))
        self.body.addLayout(form)
        self.ok_button.setText(self.tr("Reopen the case"))
        self.setMinimumWidth(520)
        self.reason.setFocus()
        # Reopening empties the closing date: refused when that date lies in a submitted quarter.
        self.check_period_lock("case", case.id, touches=frozenset({"closed_on"}))

    def save(self) -> None:
        case_id, reason, actor = self.case.id, self.reason.toPlainText(), self.context.actor
        self.write(lambda session: reopen_case(session, actor, case_id, reason))
