"""A list of dictionary entries with add, edit, delete and switch off/on, shared by the
dictionary screens (each entry is edited in an `EntryDialog`).

Each screen loads its whole list (inactive entries included: dictionaries are short) in one
`run_query` and filters on the GUI thread, so «show inactive» and filters answer at once.
Writes are one `run_op` each (`service(session, actor, …)`), which announces the changed areas once.
Every screen subscribes to the areas it shows: it re-reads when they change (at once if visible, else when
next shown), whoever wrote — so lists that refer to each other (staff show positions, settlements their
districts) stay current without any relay.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import DICTIONARIES, SETTINGS, Saved
from app.core.errors import RECORD_FIELD, ValidationError
from app.core.permissions import MANAGE_DICTIONARIES, allowed
from ui.context import UiContext
from ui.dictionaries.rows_model import Column, RowsModel
from ui.forms import ask, button_row, report
from ui.ops import run_op, run_query
from ui.resources import icon

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Action = Callable[[Any, Any, uuid.UUID], Saved]  # service(session, actor, id)


class ListScreen(QWidget):
    """Subclasses give `columns()`, `fetch(session)` (worker thread, a read unit), `take(payload)` returning
    all rows, `open_editor(row | None)` and the services; they may add filters with `visible(row)`."""

    loaded = Signal()
    shows: frozenset[str] = frozenset({DICTIONARIES, SETTINGS})  # the change areas that make it re-read

    delete_service: Action | None = None
    deactivate_service: Action | None = None
    reactivate_service: Action | None = None

    def __init__(self, context: UiContext, title: str) -> None:
        super().__init__()
        self.context = context
        self.can_write = allowed(context.actor, MANAGE_DICTIONARIES)
        self.can_add = True
        self.stale = True
        self.loading = False
        self.all_rows: list[Any] = []
        self.dialog: QWidget | None = None
        self.prompt: QMessageBox | None = None
        self._select_id: uuid.UUID | None = None
        self.model = RowsModel(self.columns(), self)
        self.model.inactive_tip = self.tr("Inactive: hidden from choice lists, kept in saved records")
        self._build(title)
        context.changes.subscribe(self, self.shows, lambda _flags, _initiator: self.mark_stale())

    # --- hooks --------------------------------------------------------------------------------
    def columns(self) -> list[Column]:
        raise NotImplementedError

    def fetch(self, session: Session) -> Any:
        raise NotImplementedError

    def take(self, payload: Any) -> list[Any]:
        raise NotImplementedError

    def open_editor(self, row: Any | None) -> None:
        raise NotImplementedError

    def visible(self, row: Any) -> bool:
        return True

    def describe(self, row: Any) -> str:
        return str(getattr(row, "name", ""))

    # --- layout -------------------------------------------------------------------------------
    def _build(self, title: str) -> None:
        self.title = QLabel(title, objectName="editorTitle")
        font = self.title.font()
        font.setPointSize(13)
        font.setBold(True)
        self.title.setFont(font)
        self.note = QLabel(objectName="editorNote", wordWrap=True)
        self.note.hide()
        self.add_button = QPushButton(icon("add"), self.tr("Add"), objectName="add")
        self.add_button.clicked.connect(self.add_new)
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit"), objectName="edit")
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete"), objectName="delete")
        self.delete_button.clicked.connect(self.delete_current)
        self.deactivate_button = QPushButton(icon("close"), self.tr("Deactivate"), objectName="deactivate")
        self.deactivate_button.setToolTip(self.tr("Hide from choice lists; saved records keep the entry"))
        self.deactivate_button.clicked.connect(lambda: self.set_active(False))
        self.reactivate_button = QPushButton(icon("check"), self.tr("Reactivate"), objectName="reactivate")
        self.reactivate_button.clicked.connect(lambda: self.set_active(True))
        self.show_inactive = QCheckBox(self.tr("Show inactive"), objectName="show_inactive")
        self.show_inactive.toggled.connect(self.refilter)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addStretch(1)
        self.filters = QHBoxLayout()  # screens put their filter combos here
        heading.addLayout(self.filters)
        heading.addWidget(self.show_inactive)
        self.toolbar = button_row(self.add_button, self.edit_button, self.delete_button,
                                  self.deactivate_button, self.reactivate_button)

        self.table = QTableView(objectName="table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        stretched = any(column.stretch for column in self.model.columns)
        header.setStretchLastSection(not stretched)
        for number, column in enumerate(self.model.columns):
            if column.stretch:
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
            elif column.width:
                self.table.setColumnWidth(number, column.width)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self.update_buttons())
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, activated=self.delete_current)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.edit_current)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self.table, activated=self.edit_current)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.add_new)
        self.add_button.setToolTip("Ctrl+N")
        self.count = QLabel(objectName="count")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.note)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.update_buttons()

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    # --- data ---------------------------------------------------------------------------------
    def reload(self, select_id: uuid.UUID | None = None) -> None:
        """Re-read the list on the worker; keeps (or moves to `select_id`) the selection."""
        self.stale = False
        self.loading = True
        current = self.current_row()
        self._select_id = select_id or (current.id if current is not None else None)
        run_query(self, self.context, self.fetch, self._take, self._load_failed)

    def mark_stale(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self.stale = True

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.stale:
            self.reload()

    def _take(self, payload: Any) -> None:
        self.loading = False
        self.all_rows = self.take(payload)
        self.refilter()
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        self.loading = False
        self._report(error)

    def refilter(self) -> None:
        current = self.current_row()
        wanted = self._select_id or (current.id if current is not None else None)
        self._select_id = None
        inactive = self.show_inactive.isChecked()
        rows = [row for row in self.all_rows if (inactive or row.active) and self.visible(row)]
        self.model.set_rows(rows)
        position = next((number for number, row in enumerate(rows) if row.id == wanted), 0 if rows else -1)
        if position >= 0:
            self.table.selectRow(position)
            self.table.scrollTo(self.model.index(position, 0))
        hidden = sum(1 for row in self.all_rows if not row.active)
        text = self.tr("Entries: {shown}").format(shown=len(rows))
        if hidden and not inactive:
            text = self.tr("Entries: {shown} (inactive hidden: {hidden})").format(shown=len(rows), hidden=hidden)
        self.count.setText(text)
        self.update_buttons()

    def current_row(self) -> Any | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    def update_buttons(self) -> None:
        row = self.current_row()
        write = self.can_write
        self.add_button.setEnabled(write and self.can_add)
        self.edit_button.setEnabled(write and row is not None)
        self.delete_button.setEnabled(write and row is not None and self.delete_service is not None)
        self.deactivate_button.setEnabled(write and row is not None and row.active
                                          and self.deactivate_service is not None)
        self.reactivate_button.setEnabled(write and row is not None and not row.active
                                          and self.reactivate_service is not None)
        self.delete_button.setVisible(self.delete_service is not None)

    # --- writing ------------------------------------------------------------------------------
    def add_new(self) -> None:
        if self.add_button.isEnabled() and self.add_button.isVisible():
            self.open_editor(None)

    def edit_current(self) -> None:
        row = self.current_row()
        if row is not None and self.edit_button.isEnabled():
            self.open_editor(row)

    def show_dialog(self, dialog: QWidget) -> None:
        """Open an edit dialog window-modally (no nested event loop); the previous one is freed."""
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()  # type: ignore[attr-defined]

    def run(self, action: Callable[[Any, Any], Saved],
            on_error: Callable[[BaseException], None] | None = None) -> None:
        """One write as one unit of work (`run_op`, which announces what changed); then select the entry."""
        run_op(self, self.context, self.writer(action), self.after_write, on_error or self._report)

    def writer(self, action: Callable[[Any, Any], Saved]) -> Callable[[Session], Saved]:
        """The write unit `session -> Saved` for `action(session, actor)`."""
        actor = self.context.actor
        return lambda session: action(session, actor)

    def after_write(self, saved: Saved) -> None:
        """Select the written entry. The announcement of the write already started the re-read (this
        screen subscribes to what it shows); only a write that changed nothing needs one here."""
        self._select_id = saved.id
        if not self.loading:
            self.reload(select_id=saved.id)

    def _report(self, error: BaseException) -> None:
        self.prompt = report(self, error)

    def set_active(self, active: bool, row: Any | None = None) -> None:
        row = row or self.current_row()
        service = self.reactivate_service if active else self.deactivate_service
        if row is None or service is None or not self.can_write:
            return
        row_id = row.id
        self.run(lambda session, actor: service(session, actor, row_id))

    def delete_current(self) -> None:
        row = self.current_row()
        if row is None or not self.delete_button.isEnabled():
            return
        self.prompt = ask(
            self, self.tr("Delete entry"),
            self.tr("Delete «{name}»? An entry that is already used cannot be deleted; "
                    "it can be deactivated instead.").format(name=self.describe(row)),
            [(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole, lambda: self._delete(row)),
             (self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole, None)])

    def _delete(self, row: Any) -> None:
        service, row_id = self.delete_service, row.id
        if service is None:
            return
        self.run(lambda session, actor: service(session, actor, row_id),
                 lambda error: self._delete_refused(row, error))

    def _delete_refused(self, row: Any, error: BaseException) -> None:
        """An entry in use (or shipped with the program) is refused: offer to deactivate it."""
        refusal = error.errors.get(RECORD_FIELD) if isinstance(error, ValidationError) else None
        if refusal and row.active and self.deactivate_service is not None:
            self.prompt = ask(
                self, self.tr("Entry cannot be deleted"), refusal,
                [(self.tr("Deactivate"), QMessageBox.ButtonRole.AcceptRole,
                  lambda: self.set_active(False, row)),
                 (self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole, None)],
                QMessageBox.Icon.Warning)
        else:
            self._report(error)
