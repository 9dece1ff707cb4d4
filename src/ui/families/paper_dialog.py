"""A 442-ФЗ paper of the family: the decision on need, the contract or the urgent-services act, entered or edited.

The form shows the fields of its kind: the application date and form for a decision; the programme (ИППСУ),
form, term and termination for a contract; the urgent services given (one line each) for an act. The
pick-lists (forms of social service, urgent services) are read once when the dialog opens.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.cases.cases import CaseRow
from app.cases.ippsu import IPPSU_KIND, URGENT_KIND
from app.cases.papers import (
    CONTRACT,
    NEED_DECISION,
    URGENT_ACT,
    PaperData,
    PaperRow,
    UrgentGiven,
    add_paper,
    update_paper,
)
from app.core.text import format_date
from app.reference.catalogue import list_services
from app.reference.dictionaries import list_items
from app.registry.family_card import MemberRow
from ui.context import UiContext
from ui.date_edit import DateEdit
from ui.forms import FormDialog, select_data, text_or_none
from ui.resources import icon

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class UrgentLine(QWidget):
    """One urgent service given: service, day, quantity, and a button that removes the line."""

    def __init__(self, services: list[tuple[uuid.UUID, str]], on_remove: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = QComboBox(objectName="urgent_service")
        self.service.addItem("—", None)
        for service_id, name in services:
            self.service.addItem(name, service_id)
        self.service.setMinimumWidth(380)
        self.given_on = DateEdit("urgent_given_on")
        self.quantity = QSpinBox(objectName="urgent_quantity", minimum=1, maximum=1000)
        remove = QPushButton(icon("delete"), "", objectName="remove_urgent")
        remove.setToolTip(self.tr("Remove the line"))
        remove.clicked.connect(lambda: on_remove(self))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.service, 1)
        layout.addWidget(self.given_on)
        layout.addWidget(self.quantity)
        layout.addWidget(remove)

    def value(self) -> UrgentGiven:
        return UrgentGiven(self.service.currentData(), self.given_on.value(), self.quantity.value())


class PaperDialog(FormDialog):
    def __init__(self, context: UiContext, family_id: uuid.UUID, kind: str, members: list[MemberRow],
                 cases: list[CaseRow], paper: PaperRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.family_id, self.kind, self.paper = family_id, kind, paper
        self.urgent_services: list[tuple[uuid.UUID, str]] = []
        titles = {NEED_DECISION: self.tr("Decision on recognising the need for social services"),
                  CONTRACT: self.tr("Contract on providing social services"),
                  URGENT_ACT: self.tr("Act of urgent social services")}
        self.setWindowTitle(titles[kind])
        wrap = self.errors.wrap
        self.number = QLineEdit(objectName="number")
        self.issued_on = DateEdit("issued_on")
        self.issued_on.set_value(date.today())
        self.person = QComboBox(objectName="person_id")
        self.person.addItem("—", None)
        for member in members:
            if member.left_on is None:
                self.person.addItem(member.full_name, member.person_id)
        self.applied_on = DateEdit("applied_on")
        self.form = QComboBox(objectName="form_id")
        self.case = QComboBox(objectName="case_id")
        self.case.addItem(self.tr("— not tied to a programme —") if kind == NEED_DECISION else "—", None)
        for case in cases:
            if case.kind_code == IPPSU_KIND:
                of_day = self.tr("of {day}").format(day=format_date(case.opened_on))
                number = f"№ {case.number}" if case.number else ""
                self.case.addItem(" ".join(part for part in (case.kind_name, number, of_day) if part), case.id)
        self.valid_until = DateEdit("valid_until")
        self.terminated_on = DateEdit("terminated_on")
        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setFixedHeight(52)
        form = QFormLayout()
        form.addRow(self.tr("Number:"), wrap(self.number))
        form.addRow(self.tr("Date:"), wrap(self.issued_on))
        form.addRow(self.tr("Recipient:"), wrap(self.person))
        if kind == NEED_DECISION:
            form.addRow(self.tr("Application of:"), wrap(self.applied_on))
        if kind in (NEED_DECISION, CONTRACT):
            form.addRow(self.tr("Programme (IPPSU):"), wrap(self.case))
            form.addRow(self.tr("Form of social service:"), wrap(self.form))
        if kind == CONTRACT:
            form.addRow(self.tr("Valid until:"), wrap(self.valid_until))
            form.addRow(self.tr("Terminated on:"), wrap(self.terminated_on))
        self.body.addLayout(form)
        self.lines: list[UrgentLine] = []
        self.lines_box = QVBoxLayout()
        if kind == URGENT_ACT:
            self.body.addWidget(QLabel(self.tr("Urgent services given (service, date, quantity):")))
            holder = QWidget(objectName="urgent")
            holder.setLayout(self.lines_box)
            self.body.addWidget(wrap(holder, "urgent"))
            self.add_line_button = QPushButton(icon("add"), self.tr("Add a service"), objectName="add_urgent")
            self.add_line_button.clicked.connect(lambda: self.add_line())
            self.body.addWidget(self.add_line_button, 0, Qt.AlignmentFlag.AlignLeft)
        form_notes = QFormLayout()
        form_notes.addRow(self.tr("Notes:"), wrap(self.notes))
        self.body.addLayout(form_notes)
        self.setMinimumWidth(720)
        self.ok_button.setEnabled(False)
        self.read(self._choices, self._loaded)
        if paper is not None and kind == URGENT_ACT:
            # An act whose urgent services lie in a submitted quarter opens read-only (they are saved together).
            self.check_period_lock("urgent_act", paper.id)

    @staticmethod
    def _choices(session: Session) -> tuple[list[tuple[uuid.UUID, str]], list[tuple[uuid.UUID, str]]]:
        forms = [(row.id, row.name) for row in list_items(session, "service_form")]
        urgent = [(row.id, row.name) for row in list_services(session, kind_code=URGENT_KIND)]
        return forms, urgent

    def _loaded(self, choices: tuple[list[tuple[uuid.UUID, str]], list[tuple[uuid.UUID, str]]]) -> None:
        forms, self.urgent_services = choices
        self.form.addItem("—", None)
        for form_id, name in forms:
            self.form.addItem(name, form_id)
        paper = self.paper
        if paper is None:
            if self.kind == URGENT_ACT:
                self.add_line()
        else:
            self.number.setText(paper.number)
            self.issued_on.set_value(paper.issued_on)
            select_data(self.person, paper.person_id)
            self.applied_on.set_value(paper.applied_on)
            select_data(self.form, paper.form_id)
            select_data(self.case, paper.case_id)
            self.valid_until.set_value(paper.valid_until)
            self.terminated_on.set_value(paper.terminated_on)
            self.notes.setPlainText(paper.notes or "")
            for given in paper.urgent:
                line = self.add_line()
                select_data(line.service, given.service_id)
                line.given_on.set_value(given.given_on)
                line.quantity.setValue(given.quantity)
        self.dirty = False
        self.ok_button.setEnabled(True)

    def add_line(self) -> UrgentLine:
        line = UrgentLine(self.urgent_services, self._remove_line, self)
        line.given_on.set_value(self.issued_on.value() or date.today())
        self.lines.append(line)
        self.lines_box.addWidget(line)
        return line

    def _remove_line(self, line: UrgentLine) -> None:
        self.lines.remove(line)
        line.deleteLater()
        self.dirty = True

    def save(self) -> None:
        dates = [self.issued_on, self.applied_on, self.valid_until, self.terminated_on]
        dates += [line.given_on for line in self.lines]
        if not self.check_dates(*dates):
            return
        data = PaperData(
            kind=self.kind, family_id=self.family_id, person_id=self.person.currentData(),
            number=text_or_none(self.number), issued_on=self.issued_on.value(), case_id=self.case.currentData(),
            applied_on=self.applied_on.value(), form_id=self.form.currentData(),
            valid_until=self.valid_until.value(), terminated_on=self.terminated_on.value(),
            notes=text_or_none(self.notes), urgent=[line.value() for line in self.lines])
        actor, paper = self.context.actor, self.paper
        if paper is None:
            self.write(lambda session: add_paper(session, actor, data))
        else:
            self.write(lambda session: update_paper(session, actor, paper.id, data))
