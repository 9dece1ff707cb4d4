"""The «Документы 442-ФЗ» tab: the family's decisions on need, contracts and urgent-services acts; enter, edit,
delete one, and «Сформировать» its Word document (the ИППСУ itself is made from the «Сопровождение» tab)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.cases.cases import CaseRow
from app.cases.paper_documents import write_paper
from app.cases.papers import CONTRACT, NEED_DECISION, URGENT_ACT, PaperRow, delete_paper
from app.core.text import format_date
from app.registry.family_card import MemberRow
from ui import generated_files, style
from ui.errors import show_error
from ui.families.card_models import MUTED_TEXT, CardHost, Column, RowsModel, make_table, reselect, selected_row
from ui.families.paper_dialog import PaperDialog
from ui.forms import ask, button_row, open_dialog
from ui.ops import run_op
from ui.resources import icon

SHORT_KINDS = {
    NEED_DECISION: QT_TRANSLATE_NOOP("PapersTab", "Decision on need"),
    CONTRACT: QT_TRANSLATE_NOOP("PapersTab", "Contract"),
    URGENT_ACT: QT_TRANSLATE_NOOP("PapersTab", "Urgent services act"),
}


def _kind(row: PaperRow) -> str:
    return QCoreApplication.translate("PapersTab", SHORT_KINDS.get(row.kind, row.kind))


def _details(row: PaperRow) -> str:
    if row.kind == URGENT_ACT:
        return "; ".join(f"{u.service_name} ({format_date(u.given_on)}, {u.quantity})" for u in row.urgent)
    parts = [row.form_name or ""]
    if row.valid_until:
        parts.append(QCoreApplication.translate("PapersTab", "until {day}").format(day=format_date(row.valid_until)))
    if row.terminated_on:
        parts.append(QCoreApplication.translate("PapersTab", "terminated on {day}").format(
            day=format_date(row.terminated_on)))
    return "; ".join(part for part in parts if part)


class PapersTab(QWidget):
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("PapersTab", "Document"), _kind),
        Column(QT_TRANSLATE_NOOP("PapersTab", "No."), lambda p: p.number),
        Column(QT_TRANSLATE_NOOP("PapersTab", "Date"), lambda p: format_date(p.issued_on)),
        Column(QT_TRANSLATE_NOOP("PapersTab", "Recipient"), lambda p: p.person_name),
        Column(QT_TRANSLATE_NOOP("PapersTab", "Programme"), lambda p: p.case_label or ""),
        Column(QT_TRANSLATE_NOOP("PapersTab", "Details"), _details),
    )

    def __init__(self, window: CardHost) -> None:
        super().__init__()
        self.window_ = window
        self.members: list[MemberRow] = []
        self.cases: list[CaseRow] = []
        self.dialog: Any = None
        self.busy = False
        self.model = RowsModel("PapersTab", self.COLUMNS, self, foreground=self._colour)
        self.table = make_table(self.model, "papers", (170, 80, 90, 210, 230))
        self.table.selectionModel().currentChanged.connect(lambda *_args: self.update_buttons())
        self.table.doubleClicked.connect(lambda *_args: self.edit())
        self.decision_button = QPushButton(icon("add"), self.tr("Decision…"), objectName="add_decision")
        self.contract_button = QPushButton(icon("add"), self.tr("Contract…"), objectName="add_contract")
        self.act_button = QPushButton(icon("add"), self.tr("Urgent services act…"), objectName="add_urgent_act")
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit…"), objectName="edit_paper")
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete"), objectName="delete_paper")
        self.make_button = QPushButton(icon("reports"), self.tr("Make the document"), objectName="make_paper")
        self.decision_button.clicked.connect(lambda: self.add(NEED_DECISION))
        self.contract_button.clicked.connect(lambda: self.add(CONTRACT))
        self.act_button.clicked.connect(lambda: self.add(URGENT_ACT))
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.make_button.clicked.connect(self.make)
        self.status = QLabel(objectName="papers_status", wordWrap=True)
        style.muted(self.status)
        note = QLabel(self.tr("The decision on need, the contract (concluded on an IPPSU) and the act of urgent "
                              "social services of 442-FZ. The IPPSU itself is made on the «Support» tab."),
                      wordWrap=True)
        style.muted(note)
        layout = QVBoxLayout(self)
        layout.addLayout(button_row(self.decision_button, self.contract_button, self.act_button, self.edit_button,
                                    self.delete_button, self.make_button))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(note)
        self.update_buttons()

    def _colour(self, row: PaperRow) -> QColor | None:
        return MUTED_TEXT if row.terminated_on is not None else None

    def show_papers(self, papers: list[PaperRow], cases: list[CaseRow], members: list[MemberRow]) -> None:
        current = selected_row(self.table)
        self.cases, self.members = cases, members
        self.model.set_rows(papers)
        reselect(self.table, lambda p: p.id, current.id if current else None)
        self.update_buttons()

    def update_buttons(self) -> None:
        row: PaperRow | None = selected_row(self.table)
        editable = self.window_.can_edit and self.window_.family_id is not None
        for button in (self.decision_button, self.contract_button, self.act_button):
            button.setEnabled(editable)
        self.edit_button.setEnabled(editable and row is not None)
        self.delete_button.setEnabled(editable and row is not None)
        self.make_button.setEnabled(row is not None and not self.busy)

    def add(self, kind: str) -> None:
        if self.window_.family_id is None or not self.decision_button.isEnabled():
            return
        self._open(PaperDialog(self.window_.context, self.window_.family_id, kind, self.members, self.cases,
                               parent=self.window_))  # type: ignore[arg-type]

    def edit(self) -> None:
        row: PaperRow | None = selected_row(self.table)
        if row is None or not self.edit_button.isEnabled() or self.window_.family_id is None:
            return
        self._open(PaperDialog(self.window_.context, self.window_.family_id, row.kind, self.members, self.cases,
                               row, self.window_))  # type: ignore[arg-type]

    def delete(self) -> None:
        row: PaperRow | None = selected_row(self.table)
        if row is None or not self.delete_button.isEnabled():
            return
        actor = self.window_.context.actor

        def confirmed() -> None:
            run_op(self, self.window_.context, lambda session: delete_paper(session, actor, row.id),
                   self.window_.after_write, lambda error: show_error(self, error))

        self.dialog = ask(self, self.tr("Delete the document"),
                          self.tr("Delete {kind} № {number} of {day}? Use this for a record entered by mistake.")
                          .format(kind=_kind(row).lower(), number=row.number, day=format_date(row.issued_on)),
                          [(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole, confirmed),
                           (self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole, None)])

    def make(self) -> None:
        row: PaperRow | None = selected_row(self.table)
        if row is not None and self.make_button.isEnabled():
            self.dialog = generated_files.choose_folder(
                self, QCoreApplication.translate("documents", "Folder for the document"),
                lambda folder: self.write(row, folder))

    def write(self, row: PaperRow, folder: Path) -> None:
        actor = self.window_.context.actor
        self.busy = True
        self.update_buttons()
        self.status.setText(self.tr("Making the document…"))
        run_op(self, self.window_.context, lambda session: write_paper(session, actor, row.id, folder),
               self._written, self._failed)

    def _written(self, path: Path) -> None:
        self.busy = False
        self.update_buttons()
        self.status.setText(self.tr("The document is saved: {path}").format(path=path))
        generated_files.open_file(path)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.update_buttons()
        self.status.setText("")
        show_error(self, error)

    def _open(self, dialog: Any) -> None:
        self.dialog = open_dialog(dialog, lambda accepted: self.window_.after_write(accepted.result_value))
