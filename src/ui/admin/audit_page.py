"""Administration → Audit log: filters, a paged table, XLSX export and the hash-chain check."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.folders import documents_dir
from app.core.progress import Progress
from app.system.audit_log import (
    ACTION_TITLES,
    ENTITY_TITLES,
    AuditFilter,
    AuditPage,
    AuditRow,
    audit_choices,
    chain_message,
    check_chain,
    export_audit_xlsx,
    search_audit,
)
from db.session import Database
from ui import generated_files, style
from ui.date_edit import DateEdit, date_errors
from ui.errors import user_message
from ui.forms import button_row
from ui.ops import run_query
from ui.progress import run_with_progress
from ui.resources import icon
from ui.table_base import RowsTable
from ui.worker import alive

Index = QModelIndex | QPersistentModelIndex
PAGE = 200


def choose_file(parent: QWidget, suggested: Path) -> Path | None:
    """Ask where to save the export (a module function so tests can replace it)."""
    title = QCoreApplication.translate("AuditPage", "Save the audit log as")
    return generated_files.ask_save_path(parent, title, "audit", suggested.name, "Excel (*.xlsx)")


class AuditModel(RowsTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = [self.tr("No."), self.tr("Time"), self.tr("User"), self.tr("Workstation"),
                        self.tr("Action"), self.tr("Record type"), self.tr("Record id"), self.tr("Fields")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row: AuditRow = self.rows[index.row()]
        return (str(row.id), f"{row.at:%d.%m.%Y %H:%M:%S}", row.login, row.workstation, row.action_title,
                row.entity_title, row.entity_id or "", row.fields)[index.column()]


class AuditLogPage(QWidget):
    """New rows appear with every action; the page re-reads only when asked (Show), so it subscribes to nothing."""

    def __init__(self, context: Any) -> None:
        super().__init__()
        self.context = context
        self.model = AuditModel(self)
        self.offset = 0
        self.total = 0
        self.loaded = False
        self._job: int | None = None
        self._build()
        self._load_choices()
        self.search()

    def _build(self) -> None:
        title = QLabel(self.tr("Audit log"))
        style.section_title(title)
        about = QLabel(self.tr("Every sign-in, failed sign-in, opened family card or health record, change, "
                               "export and backup, with who, when and from which computer. Changed field names "
                               "are kept, never their values. Rows cannot be edited or removed; each row's "
                               "check sum covers the previous one, so tampering shows up in the chain check."))
        about.setWordWrap(True)
        style.muted(about)
        today = date.today()
        self.date_from, self.date_to = DateEdit(), DateEdit()
        self.date_from.setObjectName("date_from")
        self.date_to.setObjectName("date_to")
        self.date_from.set_value(today - timedelta(days=30))
        self.date_to.set_value(today)
        self.login = QComboBox(objectName="login")
        self.action = QComboBox(objectName="action")
        self.entity = QComboBox(objectName="entity")
        for combo in (self.login, self.action, self.entity):
            combo.addItem(self.tr("All"), None)
            combo.setMinimumContentsLength(14)
        self.search_button = QPushButton(icon("search"), self.tr("Show"), objectName="show")
        self.search_button.clicked.connect(self.search)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("From"), self.date_from), (self.tr("to"), self.date_to),
                              (self.tr("User"), self.login), (self.tr("Action"), self.action),
                              (self.tr("Record type"), self.entity)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.search_button)
        filters.addStretch(1)
        self.table = QTableView(objectName="audit")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((60, 140, 90, 110, 190, 140, 130)):
            self.table.setColumnWidth(column, width)
        self.previous_button = QPushButton(self.tr("◀ Newer"), objectName="previous")
        self.next_button = QPushButton(self.tr("Older ▶"), objectName="next")
        self.previous_button.clicked.connect(lambda: self.load_page(max(0, self.offset - PAGE)))
        self.next_button.clicked.connect(lambda: self.load_page(self.offset + PAGE))
        self.count_label = QLabel(objectName="count")
        self.export_button = QPushButton(icon("export"), self.tr("Export to XLSX…"), objectName="export")
        self.verify_button = QPushButton(icon("check"), self.tr("Check the chain"), objectName="verify")
        self.export_button.clicked.connect(self.export)
        self.verify_button.clicked.connect(self.verify)
        self.status = QLabel(objectName="status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        pages = QHBoxLayout()
        pages.addWidget(self.previous_button)
        pages.addWidget(self.next_button)
        pages.addWidget(self.count_label)
        pages.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(about)
        layout.addLayout(filters)
        layout.addLayout(button_row(self.export_button, self.verify_button))
        layout.addWidget(self.table, 1)
        layout.addLayout(pages)
        layout.addWidget(self.status)

    # --- filters -------------------------------------------------------------------------------------
    def _load_choices(self) -> None:
        actor = self.context.actor

        run_query(self, self.context, lambda session: audit_choices(session, actor), self._set_choices, self._failed)

    def _set_choices(self, choices: tuple[list[str], list[str], list[str]]) -> None:
        logins, actions, entities = choices
        for combo, values, titles in ((self.login, logins, {}), (self.action, actions, ACTION_TITLES),
                                      (self.entity, entities, ENTITY_TITLES)):
            current = combo.currentData()
            combo.clear()
            combo.addItem(self.tr("All"), None)
            for value in sorted(values, key=lambda v: titles.get(v, v)):
                combo.addItem(titles.get(value, value), value)
            combo.setCurrentIndex(max(0, combo.findData(current)))

    def criteria(self) -> AuditFilter | None:
        problems = date_errors([self.date_from, self.date_to])
        if problems:
            self._show_error("\n".join(problems.values()))
            return None
        return AuditFilter(self.date_from.value(), self.date_to.value(), self.login.currentData(),
                           self.action.currentData(), self.entity.currentData())

    # --- pages ---------------------------------------------------------------------------------------
    def search(self) -> None:
        self.load_page(0)

    def load_page(self, offset: int) -> None:
        criteria = self.criteria()
        if criteria is None:
            return
        actor = self.context.actor
        if self._job is not None:
            self.context.worker.forget(self._job)

        self.count_label.setText(self.tr("Loading…"))
        self._job = run_query(self, self.context,
                              lambda session: search_audit(session, actor, criteria, offset=offset, limit=PAGE),
                              lambda page: self._show(offset, page), self._failed)

    def _show(self, offset: int, page: AuditPage) -> None:
        self._job = None
        self.offset, self.total = offset, page.total
        self.model.set_rows(page.rows)
        shown_to = offset + len(page.rows)
        self.count_label.setText(self.tr("Rows {first}–{last} of {total}").format(
            first=offset + 1 if page.rows else 0, last=shown_to, total=page.total))
        self.previous_button.setEnabled(offset > 0)
        self.next_button.setEnabled(shown_to < page.total)
        self.loaded = True

    def _failed(self, error: BaseException) -> None:
        self._job = None
        self.count_label.setText("")
        self._show_error(user_message(error))

    def _show_error(self, text: str) -> None:
        style.text_color(self.status, style.ERROR)
        self.status.setText(text)

    def _show_info(self, text: str) -> None:
        style.text_color(self.status, None)
        self.status.setText(text)

    def is_idle(self) -> bool:
        return self._job is None and self.context.worker.is_idle()

    # --- export and check ----------------------------------------------------------------------------
    def export(self) -> None:
        criteria = self.criteria()
        if criteria is None:
            return
        target = choose_file(self, documents_dir() / f"Журнал аудита {date.today():%d.%m.%Y}.xlsx")
        if target is None:
            return
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        actor = self.context.actor

        # Long work with a progress dialog and Cancel stays on `run_with_progress`; the export is audited, so it
        # is a write unit, and it changes nothing a screen shows (nothing to announce).
        def job(database: Database, progress: Progress) -> Path:
            with database.write() as session:
                return export_audit_xlsx(session, actor, criteria, target, progress)

        run_with_progress(self, self.context.worker, self.tr("Exporting the audit log"), job,
                          alive(self, lambda path: self._show_info(self.tr("Saved: {path}").format(path=path))),
                          alive(self, self._failed))

    def verify(self) -> None:
        actor = self.context.actor
        self._show_info(self.tr("Checking the chain…"))

        def done(check: Any) -> None:
            (self._show_info if check.ok else self._show_error)(chain_message(check))

        run_query(self, self.context, lambda session: check_chain(session, actor), done, self._failed)
