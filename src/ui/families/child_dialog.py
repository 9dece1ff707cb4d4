"""A child's profile: «ребёнок-инвалид» with the ИПРА, ОВЗ by the ПМПК conclusion, health group,
early help, and the МКБ-10 diagnoses (added and removed at once, each its own unit of work)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.dates import months_on
from app.core.errors import ValidationError
from app.registry.children import (
    IPRA_TERMS,
    LIMITATION_LABELS,
    ChildProfileData,
    DiagnosisData,
    DiagnosisRow,
    add_diagnosis,
    delete_diagnosis,
    ipra_valid_until,
    list_diagnoses,
    load_child_profile,
    save_child_profile,
    update_diagnosis,
)
from app.registry.family_card import MemberRow
from app.system.view_audit import AUDITED, NOTED, UNRECORDED, Viewed, read_with_view_audit
from ui import style
from ui.context import UiContext
from ui.date_edit import DateEdit
from ui.errors import show_error
from ui.families.card_models import ROMAN, Column, RowsModel, Written, make_table, selected_row
from ui.families.icd_completer import IcdCompleter
from ui.forms import FieldErrors, FormDialog, field_label, select_data, text_or_none
from ui.ops import run_op
from ui.resources import icon
from ui.worker import alive

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.session import Database



class ChildDialog(FormDialog):
    """`changes` collects the areas written (the profile on OK, diagnoses as they are added or removed)."""

    DIAGNOSIS_COLUMNS = (
        Column(QT_TRANSLATE_NOOP("ChildDialog", "Code"), lambda d: d.icd_code),
        Column(QT_TRANSLATE_NOOP("ChildDialog", "Diagnosis"), lambda d: d.title),
        Column(QT_TRANSLATE_NOOP("ChildDialog", "Main"), lambda d: "✓" if d.is_main else "",
               Qt.AlignmentFlag.AlignCenter),
        Column(QT_TRANSLATE_NOOP("ChildDialog", "Established"),
               lambda d: d.diagnosed_on.strftime("%d.%m.%Y") if d.diagnosed_on else ""),
    )

    def __init__(self, context: UiContext, member: MemberRow, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.member = member
        self.changes: frozenset[str] = frozenset()
        self.setWindowTitle(self.tr("Child profile"))
        if member.age == 0 and member.birth_date is not None:  # an infant: in months
            age = self.tr("{name}, %n month(s) old", "", months_on(member.birth_date, date.today()))
        else:
            age = self.tr("{name}, %n year(s) old", "", member.age if member.age is not None else 0)
        heading = QLabel(age.format(name=member.full_name) if member.age is not None else member.full_name)
        style.section_title(heading)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._disability_page(), self.tr("Disability and IPRA"))
        self.tabs.addTab(self._health_page(), self.tr("SEN and health"))
        self.tabs.addTab(self._diagnoses_page(), self.tr("Diagnoses"))
        self.audit_notice = style.warning_banner(QLabel(objectName="audit_notice"))
        self.audit_notice.setWordWrap(True)
        self.audit_notice.hide()
        self.body.addWidget(heading)
        self.body.addWidget(self.audit_notice)
        self.body.addWidget(self.tabs, 1)
        self.resize(760, 560)
        self._load()

    # --- pages ----------------------------------------------------------------------------------
    def _disability_page(self) -> QWidget:
        wrap = self.errors.wrap
        self.is_disabled = QCheckBox(self.tr("Disabled child («ребёнок-инвалид»)"), objectName="is_disabled")
        self.disability_since, self.disability_until = DateEdit("disability_since"), DateEdit("disability_until")
        self.ipra_number = QLineEdit(objectName="ipra_number")
        self.ipra_date, self.ipra_until = DateEdit("ipra_date"), DateEdit("ipra_until")
        self.ipra_term = QComboBox(objectName="ipra_term")
        self.ipra_term.addItem("—", None)
        for code, label in IPRA_TERMS.items():
            self.ipra_term.addItem(label, code)
        self.mse_bureau = QLineEdit(objectName="mse_bureau")
        self.disability = QGroupBox()
        grid = QGridLayout(self.disability)
        cells = [(self.tr("Disabled since:"), self.disability_since), (self.tr("until:"), self.disability_until),
                 (self.tr("IPRA No.:"), self.ipra_number), (self.tr("IPRA date:"), self.ipra_date),
                 (self.tr("IPRA term:"), self.ipra_term), (self.tr("IPRA valid until:"), self.ipra_until)]
        for i, (label, widget) in enumerate(cells):
            grid.addWidget(field_label(label), i // 2, (i % 2) * 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(wrap(widget), i // 2, (i % 2) * 2 + 1)
        grid.addWidget(field_label(self.tr("MSE bureau:")), 3, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(wrap(self.mse_bureau), 3, 1, 1, 3)
        limits = QGroupBox(self.tr("Degree of limitation of life activities (0–3)"))
        limits_grid = QGridLayout(limits)
        self.limitations: dict[str, QSpinBox] = {}
        for i, (name, label) in enumerate(LIMITATION_LABELS.items()):
            spin = QSpinBox(objectName=name, minimum=-1, maximum=3, specialValueText="—", value=-1)
            spin.setMaximumWidth(70)
            self.limitations[name] = spin
            limits_grid.addWidget(field_label(label), i // 2, (i % 2) * 2, Qt.AlignmentFlag.AlignTop)
            limits_grid.addWidget(wrap(spin), i // 2, (i % 2) * 2 + 1)
        grid.addWidget(limits, 4, 0, 1, 4)
        self.ipra_term.setToolTip(self.tr("«Valid until» is worked out from the term when left empty"))
        self.ipra_term.activated.connect(lambda _index: self._fill_ipra_until())
        self.ipra_date.editingFinished.connect(self._fill_ipra_until)
        self.auto_until: date | None = None  # what the term last filled in (the user's own date is kept)
        self.is_disabled.toggled.connect(self.disability.setEnabled)
        self.disability.setEnabled(False)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(wrap(self.is_disabled))
        layout.addWidget(self.disability)
        layout.addStretch(1)
        return page

    def _health_page(self) -> QWidget:
        wrap = self.errors.wrap
        self.has_ovz = QCheckBox(self.tr("Special educational needs (ОВЗ) by the PMPK conclusion"),
                                 objectName="has_ovz")
        self.pmpk_number, self.pmpk_date = QLineEdit(objectName="pmpk_number"), DateEdit("pmpk_date")
        self.pmpk_conclusion = QPlainTextEdit(objectName="pmpk_conclusion")
        self.pmpk_conclusion.setFixedHeight(70)
        self.health_group = QComboBox(objectName="health_group")
        self.health_group.addItem("—", None)
        for value, roman in enumerate(ROMAN, start=1):
            self.health_group.addItem(roman, value)
        self.early_help = QCheckBox(self.tr("Needs early help (children 0–3)"), objectName="early_help_needed")
        pmpk = QGroupBox()
        pmpk_form = QFormLayout(pmpk)
        pmpk_form.addRow(self.tr("PMPK conclusion No.:"), wrap(self.pmpk_number))
        pmpk_form.addRow(self.tr("Conclusion date:"), wrap(self.pmpk_date))
        pmpk_form.addRow(self.tr("Conclusion:"), wrap(self.pmpk_conclusion))
        form = QFormLayout()
        form.addRow(self.tr("Health group:"), wrap(self.health_group))
        form.addRow("", wrap(self.early_help))
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(wrap(self.has_ovz))
        layout.addWidget(pmpk)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _diagnoses_page(self) -> QWidget:
        self.diagnosis_errors = FieldErrors()
        wrap = self.diagnosis_errors.wrap
        self.diagnoses = RowsModel("ChildDialog", self.DIAGNOSIS_COLUMNS, self)
        self.diagnosis_table = make_table(self.diagnoses, "diagnoses", (80, 380, 70))
        self.icd_code = QLineEdit(objectName="icd_code", placeholderText="F84.0")
        self.icd_code.setMaximumWidth(90)
        self.diagnosis_title = QLineEdit(objectName="title", placeholderText=self.tr("Diagnosis as written"))
        self.icd_lookup = IcdCompleter(self.context, self.icd_code, self.diagnosis_title, self)
        self.is_main = QCheckBox(self.tr("main"), objectName="is_main")
        self.diagnosed_on = DateEdit("diagnosed_on")
        add = QPushButton(icon("add"), self.tr("Add"), objectName="add_diagnosis")
        add.clicked.connect(self._add_diagnosis)
        self.add_diagnosis_button = add
        self.editing_diagnosis: Any = None  # the id of the diagnosis the fields below edit, None: a new one
        self.edit_diagnosis_button = QPushButton(icon("edit"), self.tr("Edit"), objectName="edit_diagnosis")
        self.edit_diagnosis_button.clicked.connect(self._edit_diagnosis)
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete"), objectName="delete_diagnosis")
        self.delete_button.clicked.connect(self._delete_diagnosis)
        row = QHBoxLayout()
        for widget, stretch in ((self.icd_code, 0), (self.diagnosis_title, 1), (self.is_main, 0),
                                (self.diagnosed_on, 0)):
            row.addWidget(wrap(widget), stretch, Qt.AlignmentFlag.AlignTop)
        row.addWidget(add, 0, Qt.AlignmentFlag.AlignTop)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.diagnosis_table, 1)
        layout.addLayout(row)
        layout.addWidget(self.diagnosis_errors.general)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.edit_diagnosis_button)
        bottom.addWidget(self.delete_button)
        layout.addLayout(bottom)
        return page

    def _fill_ipra_until(self) -> None:
        """Choosing the term fills «действует до» (unless the user wrote a date of their own there)."""
        current = self.ipra_until.value()
        if current is not None and current != self.auto_until:
            return
        until = ipra_valid_until(self.ipra_term.currentData(), self.ipra_date.value(), self.member.birth_date)
        if until is not None:
            self.ipra_until.set_value(until)
            self.auto_until = until
            self.mark_dirty()

    # --- data -----------------------------------------------------------------------------------
    def _load(self) -> None:
        person_id, actor = self.member.person_id, self.context.actor

        def read(session: Session, audited: bool) -> tuple[ChildProfileData | None, list[DiagnosisRow]]:
            return (load_child_profile(session, actor, person_id, audited=audited),
                    list_diagnoses(session, actor, person_id, audited=audited))

        def job(database: Database) -> Viewed[tuple[ChildProfileData | None, list[DiagnosisRow]]]:
            # Viewing health data is audited, so the read is a write unit (it announces nothing); on a read-only
            # database it is read all the same and the view waits on this computer (app.system.view_audit).
            return read_with_view_audit(database, read, lambda _result: [
                (actor, "view_health", "person", person_id, ["child_profile"]),
                (actor, "view_health", "person", person_id, ["diagnoses"])])

        def done(viewed: Viewed[tuple[ChildProfileData | None, list[DiagnosisRow]]]) -> None:
            self._loaded(viewed.value)
            if viewed.recorded == NOTED:
                self.audit_notice.setText(self.tr(
                    "The database is open read-only, so this view of the child's health data could not be written "
                    "to the audit log. It is noted on this computer and will be added to the log at the next "
                    "sign-in when the database can be written."))
            elif viewed.recorded == UNRECORDED:
                self.audit_notice.setText(self.tr(
                    "The database is open read-only and this computer's journal cannot be written either: this "
                    "view of the child's health data is not recorded anywhere. Tell the administrator."))
            self.audit_notice.setVisible(viewed.recorded != AUDITED)

        self.set_busy(True)
        self.context.worker.submit(job, alive(self, done), alive(self, self.failed))

    def _loaded(self, result: tuple[ChildProfileData | None, list[DiagnosisRow]]) -> None:
        self.set_busy(False)
        profile, diagnoses = result
        self.diagnoses.set_rows(diagnoses)
        self.delete_button.setEnabled(bool(diagnoses))
        self.edit_diagnosis_button.setEnabled(bool(diagnoses))
        if profile is None:
            self.early_help.setChecked(self.member.age is not None and self.member.age < 3)
            return
        self.is_disabled.setChecked(profile.is_disabled)
        for name in ("disability_since", "disability_until", "ipra_date", "ipra_until", "pmpk_date"):
            getattr(self, name).set_value(getattr(profile, name))
        for name in ("ipra_number", "mse_bureau", "pmpk_number"):
            getattr(self, name).setText(getattr(profile, name) or "")
        self.pmpk_conclusion.setPlainText(profile.pmpk_conclusion or "")
        select_data(self.ipra_term, profile.ipra_term)
        select_data(self.health_group, profile.health_group)
        for name, spin in self.limitations.items():
            value = getattr(profile, name)
            spin.setValue(-1 if value is None else int(value))
        self.has_ovz.setChecked(profile.has_ovz)
        self.early_help.setChecked(profile.early_help_needed)

    def data(self) -> ChildProfileData:
        values: dict[str, Any] = {
            "is_disabled": self.is_disabled.isChecked(), "has_ovz": self.has_ovz.isChecked(),
            "early_help_needed": self.early_help.isChecked(), "ipra_term": self.ipra_term.currentData(),
            "health_group": self.health_group.currentData(), "pmpk_conclusion": text_or_none(self.pmpk_conclusion),
        }
        for name in ("disability_since", "disability_until", "ipra_date", "ipra_until", "pmpk_date"):
            values[name] = getattr(self, name).value()
        for name in ("ipra_number", "mse_bureau", "pmpk_number"):
            values[name] = text_or_none(getattr(self, name))
        for name, spin in self.limitations.items():
            values[name] = spin.value() if spin.value() >= 0 else None
        assert set(values) == {f.name for f in fields(ChildProfileData)}
        return ChildProfileData(**values)

    def save(self) -> None:
        dates = (self.disability_since, self.disability_until, self.ipra_date, self.ipra_until, self.pmpk_date)
        if not self.check_dates(*dates):
            return
        data, person_id, actor = self.data(), self.member.person_id, self.context.actor
        self.write(lambda session: save_child_profile(session, actor, person_id, data))

    def finish(self, result: Any) -> None:
        self.changes |= result.changes
        super().finish(result)

    # --- diagnoses ------------------------------------------------------------------------------
    def _add_diagnosis(self) -> None:
        if not self.diagnosed_on.is_valid():
            self.diagnosis_errors.show({"diagnosed_on": self.tr("Enter the date as dd.mm.yyyy.")})
            return
        data = DiagnosisData(text_or_none(self.icd_code), text_or_none(self.diagnosis_title),
                             self.is_main.isChecked(), self.diagnosed_on.value())
        editing = self.editing_diagnosis
        if editing is not None:
            self._diagnosis_job(lambda session, actor, _person_id: update_diagnosis(session, actor, editing, data))
            return
        self._diagnosis_job(lambda session, actor, person_id: add_diagnosis(session, actor, person_id, data))

    def _edit_diagnosis(self) -> None:
        """Put the selected diagnosis into the fields; «Save changes» then writes it back (#17 item 6)."""
        row = selected_row(self.diagnosis_table)
        if row is None:
            return
        self.editing_diagnosis = row.id
        self.icd_code.setText(row.icd_code)
        self.diagnosis_title.setText(row.title)
        self.is_main.setChecked(row.is_main)
        self.diagnosed_on.set_value(row.diagnosed_on)
        self.add_diagnosis_button.setText(self.tr("Save changes"))
        self.icd_code.setFocus()

    def _delete_diagnosis(self) -> None:
        row = selected_row(self.diagnosis_table)
        if row is not None:
            self._diagnosis_job(lambda session, actor, _person_id: delete_diagnosis(session, actor, row.id))

    def _diagnosis_job(self, write: Any) -> None:
        person_id, actor = self.member.person_id, self.context.actor
        self.diagnosis_errors.clear()

        def action(session: Session) -> Written:
            saved = write(session, actor, person_id)
            return Written(list_diagnoses(session, actor, person_id), saved.changes)

        def done(written: Written) -> None:
            self.changes |= written.changes
            rows = written.rows
            self.diagnoses.set_rows(rows)
            self.delete_button.setEnabled(bool(rows))
            self.edit_diagnosis_button.setEnabled(bool(rows))
            for edit in (self.icd_code, self.diagnosis_title, self.diagnosed_on):
                edit.clear()
            self.is_main.setChecked(False)
            self.editing_diagnosis = None
            self.add_diagnosis_button.setText(self.tr("Add"))

        def failed(error: BaseException) -> None:
            if isinstance(error, ValidationError):
                self.diagnosis_errors.show(error.errors)
            else:
                show_error(self, error)

        run_op(self, self.context, action, done, failed)
