"""One list of `DictionaryItem` entries (positions, family categories, reasons, …).

Entries keep their code for life (reports and seeds refer to it); names may be edited. The kinds
and forms of services are fixed by law: they may only be renamed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLineEdit, QPushButton

from app.reference.dictionaries import (
    DICTIONARY_KINDS,
    FIXED_KINDS,
    DictionaryRow,
    create_item,
    deactivate_item,
    delete_item,
    list_items,
    move_item,
    reactivate_item,
    rename_item,
)
from ui.context import UiContext
from ui.dictionaries.list_screen import ListScreen
from ui.dictionaries.rows_model import Column
from ui.dictionaries.widgets import EntryDialog

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class ItemsScreen(ListScreen):
    delete_service = staticmethod(delete_item)
    deactivate_service = staticmethod(deactivate_item)
    reactivate_service = staticmethod(reactivate_item)

    def __init__(self, context: UiContext, kind: str) -> None:
        self.kind = kind
        self.fixed = kind in FIXED_KINDS
        if self.fixed:
            # Reports have one row per entry of these lists: no adding, deleting or switching off.
            self.delete_service = None
            self.deactivate_service = None
        super().__init__(context, DICTIONARY_KINDS.get(kind, kind))
        self.edit_button.setText(self.tr("Rename"))
        self.can_add = not self.fixed
        self.up_button = QPushButton("↑", objectName="move_up")
        self.up_button.setToolTip(self.tr("Move up the list"))
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton("↓", objectName="move_down")
        self.down_button.setToolTip(self.tr("Move down the list"))
        self.down_button.clicked.connect(lambda: self.move(1))
        for number, button in enumerate((self.up_button, self.down_button)):
            button.setFixedWidth(36)
            self.toolbar.insertWidget(5 + number, button)
        if self.fixed:
            self.set_note(self.tr("{rule}. Entries can only be renamed.").format(rule=FIXED_KINDS[kind]))
            for widget in (self.show_inactive, self.add_button, self.deactivate_button, self.reactivate_button,
                           self.up_button, self.down_button):
                widget.hide()
        else:
            self.set_note(self.tr("Entries in use cannot be deleted: deactivate them to hide them from choice "
                                  "lists. The order here is the order of choice lists and reports."))
        self.update_buttons()

    def columns(self) -> list[Column]:
        return [Column(self.tr("Name"), lambda row: row.name, stretch=True),
                Column(self.tr("Short name"), lambda row: row.short_name or "", width=170),
                Column(self.tr("Code"), lambda row: row.code, width=220)]

    def fetch(self, session: Session) -> list[DictionaryRow]:
        return list_items(session, self.kind, include_inactive=True)

    def take(self, payload: list[DictionaryRow]) -> list[DictionaryRow]:
        return payload

    def update_buttons(self) -> None:
        super().update_buttons()
        if not hasattr(self, "up_button"):
            return
        index = self.table.currentIndex().row()
        movable = self.can_write and not self.fixed and index >= 0
        self.up_button.setEnabled(movable and index > 0)
        self.down_button.setEnabled(movable and index < len(self.model.rows) - 1)

    def move(self, step: int) -> None:
        """Swap places with the neighbour shown above or below (hidden entries are stepped over)."""
        index = self.table.currentIndex().row()
        rows = self.model.rows
        if index < 0 or not 0 <= index + step < len(rows) or not self.up_button.isEnabled():
            return
        row_id = rows[index].id
        position = next(number for number, row in enumerate(self.all_rows) if row.id == rows[index + step].id)
        self.run(lambda session, actor: move_item(session, actor, row_id, position))

    def open_editor(self, row: DictionaryRow | None) -> None:
        title = self.tr("New entry: {dictionary}") if row is None else self.tr("Rename entry: {dictionary}")
        dialog = EntryDialog(self, self.context, title.format(dictionary=DICTIONARY_KINDS.get(self.kind, "")),
                             self.after_write)
        form = dialog.form
        name = form.add_row(self.tr("Name:"), QLineEdit(), "name")
        short = form.add_row(self.tr("Short name:"), QLineEdit(), "short_name")
        code = form.add_row(self.tr("Code:"), QLineEdit(), "code")
        form.finish()
        short.setPlaceholderText(self.tr("for narrow table columns, optional"))
        if row is None:
            code.setPlaceholderText(self.tr("made from the name when left empty"))
        else:
            name.setText(row.name)
            short.setText(row.short_name or "")
            code.setText(row.code)
            code.setReadOnly(True)
            code.setToolTip(self.tr("The code is a stable identifier used by reports: it does not change"))
        kind = self.kind

        def build() -> Any:
            values = (name.text(), short.text())
            if row is None:
                typed_code = code.text()
                return self.writer(lambda session, actor: create_item(session, actor, kind, *values, typed_code))
            row_id = row.id
            return self.writer(lambda session, actor: rename_item(session, actor, row_id, *values))

        dialog.build_action = build
        self.show_dialog(dialog)
