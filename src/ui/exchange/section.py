"""«Обмен данными»: make a package for a partner, load a package, the history of packages, the conflict queue.

Making and loading a package are jobs on the whole database (a child process applies the changeset, after a
verified backup), so they run on the database worker like a backup, not as one unit of work; a loaded package may
change every list, so all flags are announced once when it is in. Deciding a conflict is one unit of work
(`run_op`). The identity set-up (centre, office key) is an administrator's.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import ALL_FLAGS, EXCHANGE
from app.core.progress import Progress
from app.exchange import conflicts, packages, partners
from app.exchange.conflicts import ConflictRow
from app.exchange.jobs import JobResult
from app.exchange.packages import PackageRow
from app.exchange.partners import IdentityRow, PartnerRow
from db.session import Database
from ui import generated_files, style
from ui.context import UiContext
from ui.errors import user_message
from ui.exchange.consolidated_page import ConsolidatedPage
from ui.exchange.setup_dialogs import CentreDialog, OfficeDialog
from ui.exchange.tables import ConflictsModel, HistoryModel
from ui.forms import button_row
from ui.ops import run_op, run_query
from ui.progress import ProgressRun, run_with_progress
from ui.resources import icon
from ui.worker import alive

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _table(model: HistoryModel | ConflictsModel, name: str) -> QTableView:
    table = QTableView(objectName=name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ExchangeSection(QWidget):
    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.identity: IdentityRow | None = None
        self.partner_rows: list[PartnerRow] = []
        self.history = HistoryModel(self)
        self.queue = ConflictsModel(self)
        self.last_result: JobResult | None = None
        self.dialog: CentreDialog | OfficeDialog | None = None
        self.run: ProgressRun | None = None
        self._build()
        self.refresh()
        context.changes.subscribe(self, ALL_FLAGS, lambda _flags, _initiator: self.refresh())

    @property
    def sqlite(self) -> bool:
        return self.context.worker.database.sqlite_path is not None

    def _build(self) -> None:
        title = QLabel(self.tr("Data exchange"))
        style.section_title(title)
        self.identity_label = QLabel(objectName="identity")
        self.identity_label.setWordWrap(True)
        admin = self.context.actor.is_admin
        self.centre_button = QPushButton(icon("settings"), self.tr("Set up as the regional centre…"),
                                         objectName="setup_centre")
        self.join_button = QPushButton(icon("lock"), self.tr("Load the office key…"), objectName="join")
        self.register_button = QPushButton(icon("add"), self.tr("Register an office…"), objectName="register")
        for button in (self.centre_button, self.join_button, self.register_button):
            button.setVisible(False)
            button.setEnabled(admin)
        self.centre_button.clicked.connect(self.open_centre_dialog)
        self.join_button.clicked.connect(self.choose_key_file)
        self.register_button.clicked.connect(self.open_office_dialog)
        self.partner_combo = QComboBox(objectName="partner")
        self.partner_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.partner_combo.setMinimumWidth(260)
        self.make_button = QPushButton(icon("export"), self.tr("Make a package…"), objectName="make_package")
        self.load_button = QPushButton(icon("open"), self.tr("Load a package…"), objectName="load_package")
        self.make_button.clicked.connect(self.choose_package_target)
        self.load_button.clicked.connect(self.choose_package_file)
        self.status = QLabel(objectName="status")
        self.status.setWordWrap(True)
        self.history_table = _table(self.history, "history")
        self.queue_table = _table(self.queue, "conflicts")
        self.queue_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.keep_button = QPushButton(icon("check"), self.tr("Keep the value here"), objectName="keep_ours")
        self.take_button = QPushButton(icon("refresh"), self.tr("Take the partner's value"),
                                       objectName="take_theirs")
        self.keep_button.clicked.connect(lambda: self.resolve(conflicts.LOCAL))
        self.take_button.clicked.connect(lambda: self.resolve(conflicts.INCOMING))
        queue_page = QWidget()
        queue_layout = QVBoxLayout(queue_page)
        hint = QLabel(self.tr("The same field was changed here and at the partner since the last exchange. Nothing "
                              "was overwritten: choose the value field by field; the choice travels to the other "
                              "databases with the next packages."))
        hint.setWordWrap(True)
        style.muted(hint)
        queue_layout.addWidget(hint)
        if not conflicts.can_review(self.context.actor):
            hint.setText(self.tr("Conflicts are reviewed by a coordinator: they show families' personal data."))
        queue_layout.addWidget(self.queue_table, 1)
        queue_layout.addLayout(button_row(self.keep_button, self.take_button))
        self.tabs = QTabWidget(objectName="exchange_tabs")
        self.tabs.addTab(self.history_table, self.tr("Packages"))
        self.tabs.addTab(queue_page, self.tr("Conflicts"))
        self.consolidated = ConsolidatedPage(self.context)
        self.tabs.addTab(self.consolidated, self.tr("Consolidated report"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.identity_label)
        layout.addLayout(button_row(self.centre_button, self.join_button, self.register_button))
        layout.addLayout(button_row(QLabel(self.tr("Partner:")), self.partner_combo, self.make_button,
                                    self.load_button))
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        self._update_buttons()

    # --- reading ----------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        actor = self.context.actor

        def read(session: Session) -> tuple[IdentityRow | None, list[PartnerRow], list[ConflictRow]]:
            queue = conflicts.list_conflicts(session, actor) if conflicts.can_review(actor) else []
            return partners.current_identity(session), partners.list_partners(session), queue

        run_query(self, self.context, read, self._show_state, on_failed=self._failed)
        self.context.worker.submit(lambda database: packages.list_packages(database),
                                   alive(self, self._show_history), alive(self, self._failed))

    def _show_state(self, state: tuple[IdentityRow | None, list[PartnerRow], list[ConflictRow]]) -> None:
        self.identity, self.partner_rows, queue = state
        self.queue.set_rows(queue)
        self.tabs.setTabText(1, self.tr("Conflicts ({count})").format(count=len(queue)))
        current = self.partner_combo.currentData()
        self.partner_combo.clear()
        for row in self.partner_rows:
            if row.active:
                self.partner_combo.addItem(f"{row.code} — {row.name}", row.id)
        index = self.partner_combo.findData(current)
        if index >= 0:
            self.partner_combo.setCurrentIndex(index)
        if not self.sqlite and self.identity is None:
            text = self.tr("This database is on a PostgreSQL server: offices on the network share it directly. "
                           "Set it up as the regional centre to exchange packages with offices without internet.")
        elif self.identity is None:
            text = self.tr("Exchange is not set up. At the regional centre, set this database up as the centre "
                           "and register the offices; at an office, load the key file the centre issued.")
            if not self.context.actor.is_admin:  # the set-up buttons are shown greyed: say who may press them
                text += " " + self.tr("An administrator does this.")
        elif self.identity.is_centre:
            text = self.tr("This database is the regional centre «{code}» ({name}). Offices registered: {count}."
                           ).format(code=self.identity.code, name=self.identity.name, count=len(self.partner_rows))
        else:
            text = self.tr("This database is the office «{code}» ({name}), exchanging with the regional centre."
                           ).format(code=self.identity.code, name=self.identity.name)
        self.identity_label.setText(text)
        unset = self.identity is None
        self.centre_button.setVisible(unset)
        self.join_button.setVisible(unset)
        self.register_button.setVisible(self.identity is not None and self.identity.is_centre)
        self._update_buttons()

    def _show_history(self, rows: list[PackageRow]) -> None:
        self.history.set_rows(rows)

    def _failed(self, error: BaseException) -> None:
        style.text_color(self.status, style.ERROR)
        self.status.setText(user_message(error))
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        # A centre on PostgreSQL makes and loads packages too (app.exchange.pg_adapter).
        ready = self.identity is not None and self.partner_combo.count() > 0
        self.make_button.setEnabled(ready)
        self.load_button.setEnabled(ready)
        chosen = self.selected_conflict() is not None
        self.keep_button.setEnabled(chosen)
        self.take_button.setEnabled(chosen)

    def selected_conflict(self) -> ConflictRow | None:
        rows = self.queue_table.selectionModel().selectedRows() if self.queue_table.selectionModel() else []
        return self.queue.rows[rows[0].row()] if rows else None

    # --- set-up -----------------------------------------------------------------------------------------------

    def open_centre_dialog(self) -> CentreDialog:
        self.dialog = CentreDialog(self.context, self)
        self.dialog.open()
        return self.dialog

    def open_office_dialog(self) -> OfficeDialog:
        self.dialog = OfficeDialog(self.context, self)
        self.dialog.open()
        return self.dialog

    def choose_key_file(self) -> None:
        path = generated_files.ask_open_path(self, self.tr("The office key file"), "exchange_keys",
                                             self.tr("Opora exchange key (*.opora-key);;All files (*)"))
        if path is not None:
            self.join(path)

    def join(self, key_file: Path) -> None:
        actor = self.context.actor
        run_op(self, self.context, lambda session: partners.join_centre(session, actor, key_file),
               lambda _saved: self._say(self.tr("The key is loaded. Load the centre's first package now.")),
               on_failed=self._failed)

    # --- packages ---------------------------------------------------------------------------------------------

    def _partner(self) -> uuid.UUID | None:
        value = self.partner_combo.currentData()
        return value if isinstance(value, uuid.UUID) else None

    def choose_package_target(self) -> None:
        partner_id = self._partner()
        if partner_id is None:
            return

        def named(name: str) -> None:
            path = generated_files.ask_save_path(self, self.tr("Save the package"), "exchange_packages", name,
                                                 self.tr("Opora exchange package (*.opx)"))
            if path is not None:
                self.make_package(path)

        self.context.worker.submit(lambda database: packages.default_package_name(database, partner_id),
                                   alive(self, named), alive(self, self._failed))

    def make_package(self, path: Path) -> None:
        partner_id = self._partner()
        if partner_id is None:
            return
        actor = self.context.actor
        self._busy(self.tr("Making the package…"))

        def job(database: Database, progress: Progress) -> JobResult:
            return packages.export_package(database, actor, partner_id, path, progress)

        self.run = run_with_progress(self, self.context.worker, self.tr("Making the package"), job,
                                     alive(self, self._made), alive(self, self._failed),
                                     alive(self, self._cancelled))

    def _made(self, result: JobResult) -> None:
        self.last_result = result
        self._say(self.tr("{message} File: {path}").format(message=result.message, path=result.path))
        self.context.changes.announce(frozenset({EXCHANGE}), self)

    def choose_package_file(self) -> None:
        path = generated_files.ask_open_path(self, self.tr("Load a package"), "exchange_packages",
                                             self.tr("Opora exchange package (*.opx);;All files (*)"))
        if path is not None:
            self.load_package(path)

    def load_package(self, path: Path) -> None:
        actor = self.context.actor
        self._busy(self.tr("Checking the package, backing up and loading…"))

        def job(database: Database, progress: Progress) -> JobResult:
            return packages.import_package(database, actor, path, progress=progress)

        self.run = run_with_progress(self, self.context.worker, self.tr("Loading the package"), job,
                                     alive(self, self._loaded), alive(self, self._failed),
                                     alive(self, self._cancelled))

    def _cancelled(self) -> None:
        self._say(self.tr("Stopped: nothing was changed."))

    def _loaded(self, result: JobResult) -> None:
        self.last_result = result
        text = result.message
        if result.ack_path:
            text += " " + self.tr("Acknowledgement for the sender: {path}").format(path=result.ack_path)
        self._say(text)
        # A package may change any list on screen: every flag, once.
        self.context.changes.announce(ALL_FLAGS, self)

    def _busy(self, text: str) -> None:
        self.make_button.setEnabled(False)
        self.load_button.setEnabled(False)
        style.text_color(self.status, style.BUSY)
        self.status.setText(text)

    def _say(self, text: str) -> None:
        style.text_color(self.status, None)
        self.status.setText(text)
        self._update_buttons()

    # --- conflicts --------------------------------------------------------------------------------------------

    def resolve(self, choice: str) -> None:
        row = self.selected_conflict()
        if row is None:
            return
        actor = self.context.actor
        run_op(self, self.context, lambda session: conflicts.resolve_conflict(session, actor, row.id, choice),
               lambda _saved: self._say(self.tr("Decision saved; it travels with the next packages.")),
               on_failed=self._failed)
