"""Editing what the «Сопровождение» tab adds (#17 item 6): a case edited in the dialog that opens one (its level of
support among the rest), a plan row edited in the dialog that adds one, both prefilled, and a closed case reopened
with a reason."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QWidget

from app.cases.cases import CaseData, CaseRow, PlanRow, update_case
from app.cases.plan_items import PlanItemData, update_plan_item
from app.cases.reopening import reopen_case
from app.core.text import format_date
from app.reference.choices import FamilyCardChoices
from app.registry.family_card import MemberRow
from ui.context import UiContext
from ui.families.case_dialog import CaseDialog, PlanItemDialog
from ui.forms import FormDialog, select_data, text_or_none


class EditCaseDialog(CaseDialog):
    """The case dialog in edit mode: every field the opening dialog has, filled in; a closed case keeps its closing
    date, reason and outcome (closing and reopening have their own dialogs). The opening date of a case opened in a
    submitted quarter is frozen, the rest stays editable (the guard's rule for cases)."""

    def __init__(self, context: UiContext, choices: FamilyCardChoices, family_id: uuid.UUID, children: list[MemberRow],
                 case: CaseRow, parent: QWidget | None = None, office_id: uuid.UUID | None = None) -> None:
        # A child who has since left the family is still the case's child: keep them choosable.
        super().__init__(context, choices, family_id, children, parent, case.responsible_staff_id, office_id)
        self.case = case
        self.setWindowTitle(self.tr("Edit the support case"))
        select_data(self.kind, case.kind_id)
        self.number.setText(case.number or "")
        if case.child_person_id is not None and self.child.findData(case.child_person_id) < 0:
            self.child.addItem(case.child_name or "—", case.child_person_id)
        select_data(self.child, case.child_person_id)
        self.opened_on.set_value(case.opened_on)
        select_data(self.responsible, case.responsible_staff_id)
        self.review_due_on.set_value(case.review_due_on)
        select_data(self.support_level, case.support_level_id)
        wanted = set(case.ground_ids)
        for index in range(self.grounds.count()):
            item = self.grounds.item(index)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.notes.setPlainText(case.notes or "")
        self.check_period_lock("case", case.id)

    def case_data(self) -> CaseData:
        case = self.case
        return CaseData(
            family_id=self.family_id, kind_id=self.kind.currentData(), number=text_or_none(self.number),
            child_person_id=self.child.currentData(), opened_on=self.opened_on.value(),
            closed_on=case.closed_on, closing_reason_id=case.closing_reason_id,
            responsible_staff_id=self.responsible.currentData(), review_due_on=self.review_due_on.value(),
            notes=text_or_none(self.notes), ground_ids=self.checked_grounds(),
            support_level_id=self.support_level.currentData(), outcome_id=case.outcome_id)

    def save(self) -> None:
        if not self.check_dates(self.opened_on, self.review_due_on):
            return
        data, case_id, actor = self.case_data(), self.case.id, self.context.actor
        self.write(lambda session: update_case(session, actor, case_id, data))


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
