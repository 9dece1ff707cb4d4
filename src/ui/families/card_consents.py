"""The «Согласия» tab: each member's consents to personal-data processing; add one or record a withdrawal."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.core.text import format_date
from app.registry.consent_documents import write_consent
from app.registry.consents import ConsentRow
from app.registry.family_card import MemberRow
from ui import generated_files, style
from ui.errors import show_error
from ui.families.card_members import consent_text
from ui.families.card_models import MUTED_TEXT, CardHost, Column, RowsModel, make_table, reselect, selected_row
from ui.families.consent_dialog import ConsentDialog, WithdrawDialog
from ui.families.consent_edits import EditConsentDialog
from ui.forms import open_dialog
from ui.ops import run_op
from ui.resources import icon


class ConsentsTab(QWidget):
    PERSON_COLUMNS = (
        Column(QT_TRANSLATE_NOOP("ConsentsTab", "Member"), lambda m: m.full_name),
        Column(QT_TRANSLATE_NOOP("ConsentsTab", "Consent"), lambda m: consent_text(m.consent)),
    )
    CONSENT_COLUMNS = (
        Column(QT_TRANSLATE_NOOP("ConsentsTab", "Signed"), lambda c: format_date(c.signed_on)),
        Column(QT_TRANSLATE_NOOP("ConsentsTab", "Signed by"), lambda c: c.signer_name),
        Column(QT_TRANSLATE_NOOP("ConsentsTab", "Health data"), lambda c: "✓" if c.includes_health else "",
               Qt.AlignmentFlag.AlignCenter),
        Column(QT_TRANSLATE_NOOP("ConsentsTab", "Valid until"), lambda c: format_date(c.valid_until)),
        Column(QT_TRANSLATE_NOOP("ConsentsTab", "Withdrawn"), lambda c: format_date(c.withdrawn_on)),
        Column(QT_TRANSLATE_NOOP("ConsentsTab", "State"), lambda c: consent_text(str(c.state(date.today())))),
        Column(QT_TRANSLATE_NOOP("ConsentsTab", "Scope"), lambda c: c.scope),
    )

    def __init__(self, window: CardHost) -> None:
        super().__init__()
        self.window_ = window
        self.consents: dict[uuid.UUID, list[ConsentRow]] = {}
        self.members: list[MemberRow] = []
        self.dialog: Any = None
        self.people = RowsModel("ConsentsTab", self.PERSON_COLUMNS, self, decoration=self._person_icon)
        self.people_table = make_table(self.people, "consent_people", (230,))
        self.people_table.selectionModel().currentChanged.connect(lambda *_args: self._show_person())
        self.model = RowsModel("ConsentsTab", self.CONSENT_COLUMNS, self, foreground=self._consent_colour)
        self.table = make_table(self.model, "consents", (90, 200, 90, 90, 90, 90))
        self.table.selectionModel().currentChanged.connect(lambda *_args: self.update_buttons())
        self.add_button = QPushButton(icon("add"), self.tr("Add consent"), objectName="add_consent")
        self.withdraw_button = QPushButton(icon("close"), self.tr("Withdraw…"), objectName="withdraw_consent")
        self.add_button.clicked.connect(self.add)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit…"), objectName="edit_consent")
        self.edit_button.clicked.connect(self.edit)
        self.print_button = QPushButton(icon("print"), self.tr("Print the consent"), objectName="print_consent")
        self.print_withdrawal_button = QPushButton(icon("print"), self.tr("Print the withdrawal"),
                                                   objectName="print_withdrawal")
        self.print_button.clicked.connect(lambda: self.print_document(withdrawal=False))
        self.print_withdrawal_button.clicked.connect(lambda: self.print_document(withdrawal=True))
        self.printing = False
        self.person_label = QLabel(objectName="consent_person")
        buttons = QHBoxLayout()
        buttons.addWidget(self.person_label, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.print_withdrawal_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.table, 1)
        note = QLabel(self.tr("Since 01.09.2025 a consent is a separate document; for a child it is signed by a "
                              "legal representative."), wordWrap=True)
        style.muted(note)
        right_layout.addWidget(note)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.people_table)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 800])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.update_buttons()

    def _person_icon(self, member: MemberRow, column: int) -> QIcon | None:
        if column == 1 and member.consent != "valid":
            return icon("warning")
        if column == 1:
            return icon("check")
        return None

    def _consent_colour(self, consent: ConsentRow) -> QColor | None:
        return MUTED_TEXT if str(consent.state(date.today())) != "valid" else None

    def show_consents(self, members: list[MemberRow], consents: dict[uuid.UUID, list[ConsentRow]]) -> None:
        current = selected_row(self.people_table)
        self.members = [m for m in members if m.left_on is None]
        self.consents = consents
        self.people.set_rows(self.members)
        reselect(self.people_table, lambda m: m.person_id, current.person_id if current else None)
        self._show_person()

    def select_person(self, person_id: uuid.UUID) -> None:
        reselect(self.people_table, lambda m: m.person_id, person_id)

    def _show_person(self) -> None:
        member: MemberRow | None = selected_row(self.people_table)
        self.person_label.setText(self.tr("Consents of {name}").format(name=member.full_name) if member else "")
        self.model.set_rows(self.consents.get(member.person_id, []) if member else [])
        if self.model.rows:
            self.table.selectRow(0)
        self.update_buttons()

    def update_buttons(self) -> None:
        member = selected_row(self.people_table)
        consent: ConsentRow | None = selected_row(self.table)
        editable = self.window_.can_edit and self.window_.family_id is not None
        self.add_button.setEnabled(editable and member is not None)
        self.withdraw_button.setEnabled(editable and consent is not None and consent.withdrawn_on is None)
        self.edit_button.setEnabled(editable and member is not None and consent is not None)
        self.print_button.setEnabled(consent is not None and not self.printing)
        self.print_withdrawal_button.setEnabled(consent is not None and not self.printing)

    def add(self) -> None:
        member = selected_row(self.people_table)
        if member is None or not self.add_button.isEnabled():
            return
        self._open(ConsentDialog(self.window_.context, member, self.members, self.window_))

    def edit(self) -> None:
        member, consent = selected_row(self.people_table), selected_row(self.table)
        if member is None or consent is None or not self.edit_button.isEnabled():
            return
        self._open(EditConsentDialog(self.window_.context, member, self.members, consent, self.window_))

    def withdraw(self) -> None:
        consent = selected_row(self.table)
        if consent is None or not self.withdraw_button.isEnabled():
            return
        self._open(WithdrawDialog(self.window_.context, consent, self.window_))

    def print_document(self, withdrawal: bool) -> None:
        """«Сформировать» the consent (or the statement withdrawing it) of the selected record and open it."""
        consent: ConsentRow | None = selected_row(self.table)
        if consent is None or not self.print_button.isEnabled():
            return
        self.dialog = generated_files.choose_folder(
            self, QCoreApplication.translate("documents", "Folder for the document"),
            lambda folder: self._write(consent.id, folder, withdrawal))

    def _write(self, consent_id: uuid.UUID, folder: Path, withdrawal: bool) -> None:
        actor = self.window_.context.actor
        self.printing = True
        self.update_buttons()

        def written(path: Path) -> None:
            self.printing = False
            self.update_buttons()
            generated_files.open_file(path)

        def failed(error: BaseException) -> None:
            self.printing = False
            self.update_buttons()
            show_error(self, error)

        run_op(self, self.window_.context,
               lambda session: write_consent(session, actor, consent_id, folder, withdrawal=withdrawal),
               written, failed)

    def _open(self, dialog: Any) -> None:
        self.dialog = open_dialog(dialog, lambda accepted: self.window_.after_write(accepted.result_value))
