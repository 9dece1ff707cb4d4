"""The «Сопровождение» tab: the family's cases and, below, the plan of the selected case.

Overdue plan rows (due date passed, not done) have a soft red background; done rows are greyed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.cases.cases import CaseRow, PlanRow
from app.cases.ippsu import IPPSU_KIND
from app.cases.paper_documents import write_ippsu
from app.core.text import format_date
from app.registry.family_card import MemberRow
from ui import generated_files
from ui.errors import show_error
from ui.families.card_members import is_child
from ui.families.card_models import (
    MUTED_TEXT,
    OVERDUE_BACKGROUND,
    CardHost,
    Column,
    RowsModel,
    make_table,
    reselect,
    selected_row,
)
from ui.families.case_dialog import CaseDialog, CloseCaseDialog, DoneDialog, PlanItemDialog
from ui.families.case_edits import EditCaseDialog, EditPlanItemDialog, ReopenCaseDialog
from ui.families.ippsu_dialog import IppsuDialog
from ui.forms import button_row, open_dialog
from ui.ops import run_op
from ui.resources import icon


def _progress(case: CaseRow) -> str:
    if not case.plan:
        return ""
    done = sum(1 for row in case.plan if row.done_on is not None)
    if case.overdue_count:
        return QCoreApplication.translate("CasesTab", "{done} of {total}, overdue: {count}").format(
            done=done, total=len(case.plan), count=case.overdue_count)
    return QCoreApplication.translate("CasesTab", "{done} of {total}").format(done=done, total=len(case.plan))


def _done(row: PlanRow) -> str:
    if row.done_on is None:
        return QCoreApplication.translate("CasesTab", "overdue") if row.is_overdue else ""
    return " — ".join(part for part in (format_date(row.done_on), row.done_note or "") if part)


class CasesTab(QWidget):
    CASE_COLUMNS = (
        Column(QT_TRANSLATE_NOOP("CasesTab", "Kind"), lambda c: c.kind_name),
        Column(QT_TRANSLATE_NOOP("CasesTab", "No."), lambda c: c.number or ""),
        Column(QT_TRANSLATE_NOOP("CasesTab", "Opened"), lambda c: format_date(c.opened_on)),
        Column(QT_TRANSLATE_NOOP("CasesTab", "Closed"), lambda c: format_date(c.closed_on)),
        Column(QT_TRANSLATE_NOOP("CasesTab", "Child"), lambda c: c.child_name or ""),
        Column(QT_TRANSLATE_NOOP("CasesTab", "Responsible"), lambda c: c.responsible_name or ""),
        Column(QT_TRANSLATE_NOOP("CasesTab", "Review due"), lambda c: format_date(c.review_due_on)),
        Column(QT_TRANSLATE_NOOP("CasesTab", "Plan done"), _progress),
        Column(QT_TRANSLATE_NOOP("CasesTab", "Level"), lambda c: c.support_level_name or ""),
        Column(QT_TRANSLATE_NOOP("CasesTab", "Outcome"), lambda c: c.outcome_name or ""),
    )
    PLAN_COLUMNS = (
        Column(QT_TRANSLATE_NOOP("CasesTab", "No."), lambda r: str(r.position + 1), Qt.AlignmentFlag.AlignCenter),
        Column(QT_TRANSLATE_NOOP("CasesTab", "Measure"), lambda r: r.measure),
        Column(QT_TRANSLATE_NOOP("CasesTab", "Executor"), lambda r: r.executor_name),
        Column(QT_TRANSLATE_NOOP("CasesTab", "Due"), lambda r: format_date(r.due_on)),
        Column(QT_TRANSLATE_NOOP("CasesTab", "Done"), _done),
    )

    def __init__(self, window: CardHost) -> None:
        super().__init__()
        self.window_ = window
        self.members: list[MemberRow] = []
        self.dialog: Any = None
        self.cases = RowsModel("CasesTab", self.CASE_COLUMNS, self, foreground=self._case_colour)
        self.cases_table = make_table(self.cases, "cases", (200, 60, 90, 90, 190, 130, 95, 120, 110))
        self.cases_table.selectionModel().currentChanged.connect(lambda *_args: self._show_plan())
        self.plan = RowsModel("CasesTab", self.PLAN_COLUMNS, self, background=self._plan_background,
                              foreground=self._plan_colour)
        self.plan_table = make_table(self.plan, "plan", (40, 470, 200, 95))
        self.plan_table.selectionModel().currentChanged.connect(lambda *_args: self.update_buttons())
        self.add_case_button = QPushButton(icon("add"), self.tr("Open a case"), objectName="add_case")
        self.close_case_button = QPushButton(icon("close"), self.tr("Close the case…"), objectName="close_case")
        self.add_row_button = QPushButton(icon("add"), self.tr("Add plan row"), objectName="add_plan_row")
        self.done_button = QPushButton(icon("check"), self.tr("Mark done…"), objectName="mark_done")
        self.edit_row_button = QPushButton(icon("edit"), self.tr("Edit row…"), objectName="edit_plan_row")
        self.reopen_case_button = QPushButton(icon("refresh"), self.tr("Reopen the case…"), objectName="reopen_case")
        self.edit_case_button = QPushButton(icon("edit"), self.tr("Edit the case…"), objectName="edit_case")
        self.edit_case_button.clicked.connect(self.edit_case)
        self.cases_table.doubleClicked.connect(lambda *_args: self.edit_case())
        self.edit_row_button.clicked.connect(self.edit_plan_row)
        self.reopen_case_button.clicked.connect(self.reopen_case)
        self.add_case_button.clicked.connect(self.add_case)
        self.close_case_button.clicked.connect(self.close_case)
        self.add_row_button.clicked.connect(self.add_plan_row)
        self.done_button.clicked.connect(self.mark_done)
        self.ippsu_button = QPushButton(icon("edit"), self.tr("IPPSU services…"), objectName="ippsu_services")
        self.ippsu_button.setToolTip(self.tr("The services of the individual programme (form of order 874n)"))
        self.make_ippsu_button = QPushButton(icon("print"), self.tr("Make the IPPSU"), objectName="make_ippsu")
        self.ippsu_button.clicked.connect(self.edit_ippsu)
        self.make_ippsu_button.clicked.connect(self.make_ippsu)
        self.making = False
        self.plan_title = QLabel(objectName="plan_title")
        font = self.plan_title.font()
        font.setBold(True)
        self.plan_title.setFont(font)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(button_row(self.add_case_button, self.edit_case_button, self.close_case_button,
                                        self.reopen_case_button,
                                        self.ippsu_button,
                                        self.make_ippsu_button))
        top_layout.addWidget(self.cases_table, 1)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        plan_buttons = QHBoxLayout()
        plan_buttons.addWidget(self.plan_title, 1)
        plan_buttons.addWidget(self.add_row_button)
        plan_buttons.addWidget(self.edit_row_button)
        plan_buttons.addWidget(self.done_button)
        bottom_layout.addLayout(plan_buttons)
        bottom_layout.addWidget(self.plan_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([200, 300])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.update_buttons()

    # --- view -----------------------------------------------------------------------------------
    def _case_colour(self, case: CaseRow) -> QColor | None:
        return MUTED_TEXT if case.closed_on is not None else None

    def _plan_background(self, row: PlanRow) -> QColor | None:
        return OVERDUE_BACKGROUND if row.is_overdue else None

    def _plan_colour(self, row: PlanRow) -> QColor | None:
        return MUTED_TEXT if row.done_on is not None else None

    def show_cases(self, cases: list[CaseRow], members: list[MemberRow]) -> None:
        current = selected_row(self.cases_table)
        self.members = members
        self.cases.set_rows(cases)
        reselect(self.cases_table, lambda c: c.id, current.id if current else None)
        self._show_plan()

    def _show_plan(self) -> None:
        case: CaseRow | None = selected_row(self.cases_table)
        current = selected_row(self.plan_table)
        self.plan.set_rows(case.plan if case else [])
        reselect(self.plan_table, lambda r: r.id, current.id if current else None)
        if case is None:
            self.plan_title.setText(self.tr("No support cases yet"))
        else:
            self.plan_title.setText(self.tr("Plan: {kind}, opened on {day}").format(
                kind=case.kind_name, day=format_date(case.opened_on)))
        self.update_buttons()

    def update_buttons(self) -> None:
        case: CaseRow | None = selected_row(self.cases_table)
        row: PlanRow | None = selected_row(self.plan_table)
        editable = self.window_.can_edit and self.window_.family_id is not None and self.window_.choices is not None
        self.add_case_button.setEnabled(editable)
        self.edit_case_button.setEnabled(editable and case is not None)
        self.close_case_button.setEnabled(editable and case is not None and case.is_open)
        self.add_row_button.setEnabled(editable and case is not None and case.is_open)
        self.done_button.setEnabled(editable and row is not None and row.done_on is None)
        self.edit_row_button.setEnabled(editable and row is not None and case is not None)
        self.reopen_case_button.setEnabled(editable and case is not None and not case.is_open)
        ippsu = case is not None and case.kind_code == IPPSU_KIND
        self.ippsu_button.setEnabled(ippsu and self.window_.family_id is not None)
        self.make_ippsu_button.setEnabled(ippsu and not self.making)

    # --- actions --------------------------------------------------------------------------------
    def add_case(self) -> None:
        if not self.add_case_button.isEnabled():
            return
        children = [m for m in self.members if m.left_on is None and is_child(m)]
        self._open(CaseDialog(self.window_.context, self.window_.choices, self.window_.family_id,  # type: ignore[arg-type]
                              children, self.window_, self.window_.responsible_staff_id, self.window_.office_id))

    def edit_case(self) -> None:
        case = selected_row(self.cases_table)
        if case is None or not self.edit_case_button.isEnabled():
            return
        children = [m for m in self.members if m.left_on is None and is_child(m)]
        self._open(EditCaseDialog(self.window_.context, self.window_.choices, self.window_.family_id,  # type: ignore[arg-type]
                                  children, case, self.window_, self.window_.office_id))

    def close_case(self) -> None:
        case = selected_row(self.cases_table)
        if case is not None and self.close_case_button.isEnabled():
            self._open(CloseCaseDialog(self.window_.context, self.window_.choices, case, self.window_))  # type: ignore[arg-type]

    def add_plan_row(self) -> None:
        case = selected_row(self.cases_table)
        if case is not None and self.add_row_button.isEnabled():
            self._open(PlanItemDialog(self.window_.context, self.window_.choices, case, self.window_,  # type: ignore[arg-type]
                                      self.window_.responsible_staff_id, self.window_.office_id))

    def edit_plan_row(self) -> None:
        case, row = selected_row(self.cases_table), selected_row(self.plan_table)
        if case is not None and row is not None and self.edit_row_button.isEnabled():
            self._open(EditPlanItemDialog(self.window_.context, self.window_.choices, case, row,  # type: ignore[arg-type]
                                          self.window_, self.window_.responsible_staff_id, self.window_.office_id))

    def reopen_case(self) -> None:
        case = selected_row(self.cases_table)
        if case is not None and self.reopen_case_button.isEnabled():
            self._open(ReopenCaseDialog(self.window_.context, case, self.window_))

    def mark_done(self) -> None:
        row = selected_row(self.plan_table)
        if row is not None and self.done_button.isEnabled():
            self._open(DoneDialog(self.window_.context, row, self.window_))

    def edit_ippsu(self) -> None:
        case = selected_row(self.cases_table)
        if case is None or not self.ippsu_button.isEnabled():
            return
        dialog = IppsuDialog(self.window_.context, case, self.window_.can_edit, self.window_)  # type: ignore[arg-type]
        dialog.finished.connect(lambda _code: self.window_.after_write(None) if dialog.changes else None)
        dialog.open()
        self.dialog = dialog

    def make_ippsu(self) -> None:
        case = selected_row(self.cases_table)
        if case is not None and self.make_ippsu_button.isEnabled():
            self.dialog = generated_files.choose_folder(
                self, QCoreApplication.translate("documents", "Folder for the document"),
                lambda folder: self._write_ippsu(case.id, folder))

    def _write_ippsu(self, case_id: Any, folder: Path) -> None:
        actor = self.window_.context.actor
        self.making = True
        self.update_buttons()

        def written(path: Path) -> None:
            self.making = False
            self.update_buttons()
            generated_files.open_file(path)

        def failed(error: BaseException) -> None:
            self.making = False
            self.update_buttons()
            show_error(self, error)

        run_op(self, self.window_.context, lambda session: write_ippsu(session, actor, case_id, folder),
               written, failed)

    def _open(self, dialog: Any) -> None:
        self.dialog = open_dialog(dialog, lambda accepted: self.window_.after_write(accepted.result_value))
