"""Support cases: opening and closing one, adding a plan row and marking it done."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from app.cases.cases import CaseData, CaseRow, PlanRow, close_case, open_case
from app.cases.plan_items import PlanItemData, add_plan_item, mark_plan_item_done
from app.core.text import format_date
from app.reference.choices import FamilyCardChoices
from app.registry.family_card import MemberRow
from ui.context import UiContext
from ui.date_edit import DateEdit
from ui.forms import FormDialog, field_label, fill_combo, fill_staff_combo, select_data, text_or_none


def _bold(text: str) -> QLabel:
    label = QLabel(text, wordWrap=True)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class CaseDialog(FormDialog):
    """Opens a case (сопровождение) for the family with its kind, child, responsible specialist and grounds."""

    def __init__(self, context: UiContext, choices: FamilyCardChoices, family_id: uuid.UUID, children: list[MemberRow],
                 parent: QWidget | None = None, responsible_id: uuid.UUID | None = None,
                 office_id: uuid.UUID | None = None) -> None:
        super().__init__(context, parent)
        self.family_id = family_id
        self.setWindowTitle(self.tr("New support case"))
        wrap = self.errors.wrap
        self.kind = QComboBox(objectName="kind_id")
        fill_combo(self.kind, choices.case_kinds, "—")
        self.number = QLineEdit(objectName="number")
        self.child = QComboBox(objectName="child_person_id")
        self.child.addItem(self.tr("the whole family"), None)
        for member in children:
            self.child.addItem(member.full_name, member.person_id)
        self.opened_on = DateEdit("opened_on")
        self.opened_on.set_value(date.today())
        self.responsible = QComboBox(objectName="responsible_staff_id")
        fill_staff_combo(self.responsible, choices.registry.staff, office_id, choices.registry.family_workers, "—")
        # The family's responsible specialist, else the user: never the first name of the list.
        select_data(self.responsible, responsible_id or context.actor.staff_id)
        self.review_due_on = DateEdit("review_due_on")
        self.review_due_on.setToolTip(self.tr("Empty: set by the programme's review term (IPPSU: 3 years)"))
        self.support_level = QComboBox(objectName="support_level_id")
        fill_combo(self.support_level, choices.support_levels, "—")
        self.grounds = QListWidget(objectName="ground_ids")
        for ground in choices.grounds:
            item = QListWidgetItem(ground.label)
            item.setData(Qt.ItemDataRole.UserRole, ground.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.grounds.addItem(item)
        self.grounds.setMinimumHeight(130)
        self.grounds.setWordWrap(True)
        self.grounds.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grounds.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setFixedHeight(56)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        rows: list[tuple[str, QWidget, str, QWidget | None]] = [
            (self.tr("Kind:"), self.kind, self.tr("Number:"), self.number),
            (self.tr("Opened on:"), self.opened_on, self.tr("Review due:"), self.review_due_on),
            (self.tr("Child:"), self.child, self.tr("Responsible:"), self.responsible),
            (self.tr("Level of support:"), self.support_level, "", None),
        ]
        for row, (label_a, widget_a, label_b, widget_b) in enumerate(rows):
            grid.addWidget(field_label(label_a), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(wrap(widget_a), row, 1)
            if widget_b is not None:
                grid.addWidget(field_label(label_b), row, 2, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(wrap(widget_b), row, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.body.addLayout(grid)
        self.body.addWidget(QLabel(self.tr("Grounds for recognising the need for social services:")))
        self.body.addWidget(wrap(self.grounds), 1)
        self.body.addWidget(QLabel(self.tr("Notes:")))
        self.body.addWidget(wrap(self.notes))
        self.resize(820, 560)

    def checked_grounds(self) -> list[uuid.UUID]:
        return [self.grounds.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.grounds.count())
                if self.grounds.item(i).checkState() == Qt.CheckState.Checked]

    def save(self) -> None:
        if not self.check_dates(self.opened_on, self.review_due_on):
            return
        grounds = self.checked_grounds()
        data = CaseData(
            family_id=self.family_id, kind_id=self.kind.currentData(), number=text_or_none(self.number),
            child_person_id=self.child.currentData(), opened_on=self.opened_on.value(),
            responsible_staff_id=self.responsible.currentData(), review_due_on=self.review_due_on.value(),
            notes=text_or_none(self.notes), ground_ids=grounds, support_level_id=self.support_level.currentData())
        actor = self.context.actor
        self.write(lambda session: open_case(session, actor, data))


class CloseCaseDialog(FormDialog):
    def __init__(self, context: UiContext, choices: FamilyCardChoices, case: CaseRow,
                 parent: QWidget | None = None, family_responsible_id: uuid.UUID | None = None,
                 office_id: uuid.UUID | None = None) -> None:
        super().__init__(context, parent)
        self.case = case
        self.setWindowTitle(self.tr("Close the support case"))
        self.closed_on = DateEdit("closed_on")
        self.closed_on.set_value(date.today())
        self.reason = QComboBox(objectName="closing_reason_id")
        fill_combo(self.reason, choices.closing_reasons, "—")
        self.reason.setMinimumWidth(420)
        self.outcome = QComboBox(objectName="outcome_id")
        fill_combo(self.outcome, choices.case_outcomes, "—")
        form = QFormLayout()
        form.addRow(self.tr("Case:"), _bold(self.tr("{kind}, opened on {day}").format(
            kind=case.kind_name, day=format_date(case.opened_on))))
        form.addRow(self.tr("Closed on:"), self.errors.wrap(self.closed_on))
        form.addRow(self.tr("Reason:"), self.errors.wrap(self.reason))
        form.addRow(self.tr("Outcome:"), self.errors.wrap(self.outcome))
        self.body.addLayout(form)
        self.ok_button.setText(self.tr("Close the case"))

    def save(self) -> None:
        if not self.check_dates(self.closed_on):
            return
        case_id, day, reason = self.case.id, self.closed_on.value(), self.reason.currentData()
        actor, outcome = self.context.actor, self.outcome.currentData()
        self.write(lambda session: close_case(session, actor, case_id, day, reason, outcome))


class PlanItemDialog(FormDialog):
    """A plan row: measure, executor (a specialist of the centre or another agency), due date."""

    def __init__(self, context: UiContext, choices: FamilyCardChoices, case: CaseRow,
                 parent: QWidget | None = None, family_responsible_id: uuid.UUID | None = None,
                 office_id: uuid.UUID | None = None) -> None:
        super().__init__(context, parent)
        self.case = case
        self.setWindowTitle(self.tr("New plan row"))
        wrap = self.errors.wrap
        self.measure = QPlainTextEdit(objectName="measure")
        self.measure.setFixedHeight(64)
        self.by_staff = QRadioButton(self.tr("Specialist of the centre"), checked=True)
        self.by_agency = QRadioButton(self.tr("Other agency"))
        group = QButtonGroup(self)
        group.addButton(self.by_staff)
        group.addButton(self.by_agency)
        self.staff = QComboBox(objectName="executor_staff_id")
        fill_staff_combo(self.staff, choices.registry.staff, office_id, choices.registry.family_workers,
                         self.tr("— choose —"))
        # The case's responsible specialist, else the family's, else the user; with none of them nothing is
        # chosen (an OK-presser used to assign the first name of the list).
        select_data(self.staff, case.responsible_staff_id or family_responsible_id or context.actor.staff_id)
        self.agency = QComboBox(objectName="executor_agency_id")
        fill_combo(self.agency, choices.agencies)
        self.due_on = DateEdit("due_on")
        self.by_staff.toggled.connect(self._executor_changed)
        form = QFormLayout()
        form.addRow(self.tr("Case:"), _bold(f"{case.kind_name}, {format_date(case.opened_on)}"))
        form.addRow(self.tr("Measure:"), wrap(self.measure))
        form.addRow(self.tr("Executor:"), self.by_staff)
        form.addRow("", wrap(self.staff))
        form.addRow("", self.by_agency)
        form.addRow("", wrap(self.agency))
        form.addRow(self.tr("Due date:"), wrap(self.due_on))
        self.body.addLayout(form)
        self._executor_changed()
        self.setMinimumWidth(560)
        self.measure.setFocus()

    def _executor_changed(self) -> None:
        self.staff.setEnabled(self.by_staff.isChecked())
        self.agency.setEnabled(self.by_agency.isChecked())

    def save(self) -> None:
        if not self.check_dates(self.due_on):
            return
        staff = self.staff.currentData() if self.by_staff.isChecked() else None
        agency = self.agency.currentData() if self.by_agency.isChecked() else None
        data = PlanItemData(measure=text_or_none(self.measure), executor_staff_id=staff, executor_agency_id=agency,
                            due_on=self.due_on.value())
        case_id, actor = self.case.id, self.context.actor
        self.write(lambda session: add_plan_item(session, actor, case_id, data))


class DoneDialog(FormDialog):
    """The «отметка о выполнении» of a plan row: the day and a short note."""

    def __init__(self, context: UiContext, item: PlanRow, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.item = item
        self.setWindowTitle(self.tr("Mark the plan row done"))
        self.done_on = DateEdit("done_on")
        self.done_on.set_value(date.today())
        self.note = QLineEdit(objectName="done_note")
        self.note.setPlaceholderText(self.tr("What was done (optional)"))
        form = QFormLayout()
        form.addRow(self.tr("Measure:"), _bold(item.measure))
        form.addRow(self.tr("Done on:"), self.errors.wrap(self.done_on))
        form.addRow(self.tr("Note:"), self.errors.wrap(self.note))
        self.body.addLayout(form)
        self.ok_button.setText(self.tr("Mark done"))
        self.setMinimumWidth(500)

    def save(self) -> None:
        if not self.check_dates(self.done_on):
            return
        if self.done_on.value() is None:
            self.show_errors({"done_on": self.tr("Enter the date the measure was done.")})
            return
        item_id, day, note, actor = self.item.id, self.done_on.value(), text_or_none(self.note), self.context.actor
        self.write(lambda session: mark_plan_item_done(session, actor, item_id, day, note))
