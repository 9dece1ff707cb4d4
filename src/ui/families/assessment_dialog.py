"""Recording or editing an assessment: the form is generated from the instrument (a drop-down per criterion with
its scale's labels), grouped by area; dated and signed by a specialist."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from app.cases.cases import CaseRow
from app.core.text import format_date
from app.effectiveness.assessments import (
    INTAKE,
    KINDS,
    AssessmentData,
    AssessmentRow,
    record_assessment,
    update_assessment,
)
from app.effectiveness.instruments import CHILD, InstrumentRow
from app.reference.choices import FamilyCardChoices
from app.registry.family_card import MemberRow
from ui.context import UiContext
from ui.date_edit import DateEdit
from ui.forms import FormDialog, fill_staff_combo, select_data, text_or_none


class AssessmentDialog(FormDialog):
    """New (`row` None) or edit an assessment of family `family_id`."""

    def __init__(self, context: UiContext, family_id: uuid.UUID, instruments: list[InstrumentRow],
                 choices: FamilyCardChoices, cases: list[CaseRow], children: list[MemberRow],
                 row: AssessmentRow | None = None, office_id: uuid.UUID | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.family_id, self.row = family_id, row
        self.instruments = [i for i in instruments if i.active or (row is not None and i.id == row.instrument_id)]
        self.setWindowTitle(self.tr("Edit assessment") if row else self.tr("New assessment"))
        wrap = self.errors.wrap
        form = QFormLayout()
        self.instrument = QComboBox(objectName="instrument_id")
        for instrument in self.instruments:
            self.instrument.addItem(instrument.name, instrument.id)
        self.kind = QComboBox(objectName="kind")
        for key, title in KINDS.items():
            self.kind.addItem(title, key)
        self.assessed_on = DateEdit("assessed_on")
        self.case = QComboBox(objectName="case_id")
        self.case.addItem("—", None)
        for case in cases:
            closed = f" – {format_date(case.closed_on)}" if case.closed_on else ""
            self.case.addItem(f"{case.kind_name} {case.number or ''} ({format_date(case.opened_on)}{closed})".replace(
                "  ", " "), case.id)
        self.child = QComboBox(objectName="person_id")
        for member in children:
            self.child.addItem(member.full_name, member.person_id)
        self.staff = QComboBox(objectName="staff_id")
        fill_staff_combo(self.staff, choices.registry.staff, office_id, choices.registry.family_workers, "—")
        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setFixedHeight(54)
        form.addRow(self.tr("Instrument:"), wrap(self.instrument))
        form.addRow(self.tr("Kind:"), wrap(self.kind))
        form.addRow(self.tr("Date:"), wrap(self.assessed_on))
        form.addRow(self.tr("Support case:"), wrap(self.case))
        self.child_label = QLabel(self.tr("Child:"))
        form.addRow(self.child_label, wrap(self.child))
        form.addRow(self.tr("Signed by:"), wrap(self.staff))
        self.body.addLayout(form)
        self.scales = QScrollArea()
        self.scales.setObjectName("criteria")
        self.scales.setWidgetResizable(True)
        self.scales.setMinimumSize(620, 320)
        self.body.addWidget(wrap(self.scales, "values"), 1)
        self.body.addWidget(QLabel(self.tr("Notes:")))
        self.body.addWidget(wrap(self.notes))
        self.combos: dict[uuid.UUID, QComboBox] = {}
        open_cases = [case for case in cases if case.closed_on is None]
        if row is not None:
            select_data(self.instrument, row.instrument_id)
            select_data(self.kind, row.kind)
            self.assessed_on.set_value(row.assessed_on)
            select_data(self.case, row.case_id)
            select_data(self.child, row.person_id)
            select_data(self.staff, row.staff_id)
            self.notes.setPlainText(row.notes or "")
        else:
            select_data(self.kind, INTAKE)
            self.assessed_on.set_value(date.today())
            select_data(self.case, open_cases[0].id if open_cases else None)
            select_data(self.staff, context.actor.staff_id)
        self.instrument.currentIndexChanged.connect(self._build_scales)
        self._build_scales()
        self.instrument.setFocus()
        self.resize(720, 640)
        if row is not None:
            self.check_period_lock("assessment", row.id)

    def current_instrument(self) -> InstrumentRow | None:
        return next((i for i in self.instruments if i.id == self.instrument.currentData()), None)

    def _build_scales(self) -> None:
        instrument = self.current_instrument()
        is_child = instrument is not None and instrument.subject == CHILD
        self.child.setVisible(is_child)
        self.child_label.setVisible(is_child)
        holder = QWidget()
        form = QFormLayout(holder)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.combos = {}
        values = self.row.values if self.row is not None else {}
        for area in instrument.areas if instrument else ():
            criteria = [c for c in area.criteria if c.active or c.id in values]
            if not criteria or (not area.active and not any(c.id in values for c in criteria)):
                continue
            single = len(criteria) == 1 and criteria[0].name == area.name
            if not single:  # an area of several criteria: its name as a heading, the criteria under it
                heading = QLabel(area.name, wordWrap=True)
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
                form.addRow(heading)
            for criterion in criteria:
                combo = QComboBox(objectName=f"criterion_{criterion.id.hex[:8]}")
                combo.addItem(self.tr("not assessed"), None)
                for step in range(criterion.scale_min, criterion.scale_max + 1):
                    combo.addItem(criterion.label(step), step)
                select_data(combo, values.get(criterion.id))
                self.combos[criterion.id] = combo
                label = QLabel(area.name if single else criterion.name, wordWrap=True)
                label.setMinimumWidth(260)
                form.addRow(label, combo)
        self.scales.setWidget(holder)

    def data(self) -> AssessmentData:
        instrument = self.current_instrument()
        return AssessmentData(
            family_id=self.family_id, instrument_id=instrument.id if instrument else None,
            kind=self.kind.currentData(), assessed_on=self.assessed_on.value(), staff_id=self.staff.currentData(),
            case_id=self.case.currentData(),
            person_id=self.child.currentData() if instrument is not None and instrument.subject == CHILD else None,
            notes=text_or_none(self.notes),
            values={criterion_id: combo.currentData() for criterion_id, combo in self.combos.items()
                    if combo.currentData() is not None})

    def save(self) -> None:
        if not self.check_dates(self.assessed_on):
            return
        data, actor = self.data(), self.context.actor
        row_id: Any = self.row.id if self.row is not None else None
        if row_id is None:
            self.write(lambda session: record_assessment(session, actor, data))
        else:
            self.write(lambda session: update_assessment(session, actor, row_id, data))
