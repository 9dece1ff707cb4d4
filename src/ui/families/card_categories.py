"""The «Категории» tab: the family's categories with their dates, removal reasons and КДН decisions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from app.core.text import format_date
from app.registry.families import CategoryData
from app.registry.family_card import CategoryRow
from ui.families.card_models import (
    MUTED_TEXT,
    WARNING_TEXT,
    CardHost,
    Column,
    RowsModel,
    make_table,
    reselect,
    selected_row,
)
from ui.families.category_dialog import CategoryDialog, pending_row
from ui.forms import button_row, error_label, open_dialog, show_message
from ui.resources import icon


class CategoriesTab(QWidget):
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("CategoriesTab", "Category"), lambda c: c.name),
        Column(QT_TRANSLATE_NOOP("CategoriesTab", "Since"), lambda c: format_date(c.started_on)),
        Column(QT_TRANSLATE_NOOP("CategoriesTab", "Until"), lambda c: format_date(c.ended_on)),
        Column(QT_TRANSLATE_NOOP("CategoriesTab", "Removal reason"), lambda c: c.end_reason),
        Column(QT_TRANSLATE_NOOP("CategoriesTab", "KDN decision on intake"),
               lambda c: QCoreApplication.translate("CategoriesTab", "no KDN decision — complete it")
               if c.decision_missing else c.kdn_intake),
        Column(QT_TRANSLATE_NOOP("CategoriesTab", "Next KDN review"),
               lambda c: format_date(c.kdn_review_on) if c.ended_on is None else ""),
        Column(QT_TRANSLATE_NOOP("CategoriesTab", "KDN decision on removal"), lambda c: c.kdn_closure),
    )

    def __init__(self, window: CardHost) -> None:
        super().__init__()
        self.window_ = window
        self.pending: list[CategoryData] = []
        self.dialog: Any = None
        self.model = RowsModel("CategoriesTab", self.COLUMNS, self, foreground=self._foreground)
        self.table = make_table(self.model, "categories", (330, 95, 95, 220, 170, 120))
        self.table.selectionModel().currentChanged.connect(lambda *_args: self.update_buttons())
        self.add_button = QPushButton(icon("add"), self.tr("Add category"), objectName="add_category")
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit…"), objectName="edit_category")
        self.edit_button.setToolTip(self.tr("Correct the selected category's dates, removal reason or KDN decision"))
        self.close_button = QPushButton(icon("close"), self.tr("Take off…"), objectName="close_category")
        self.close_button.setToolTip(self.tr("Take the family off the selected category with a date and reason"))
        self.decision_button = QPushButton(icon("edit"), self.tr("Enter KDN decision…"), objectName="kdn_decision")
        self.decision_button.setToolTip(self.tr("The number and date of the KDN and ZP decision on intake and the "
                                                "commission's next review date"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_category)
        self.close_button.clicked.connect(self.close_category)
        self.decision_button.clicked.connect(self.complete_decision)
        self.message = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(button_row(self.add_button, self.edit_button, self.close_button, self.decision_button))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.update_buttons()

    def _foreground(self, row: CategoryRow) -> QColor | None:
        if row.decision_missing:
            return WARNING_TEXT
        return MUTED_TEXT if row.ended_on is not None else None

    def show_categories(self, rows: list[CategoryRow]) -> None:
        current = selected_row(self.table)
        self.model.set_rows(rows)
        reselect(self.table, lambda r: r.id, current.id if current else None)
        self.update_buttons()

    def show_error(self, text: str) -> None:
        show_message(self.message, text)

    def update_buttons(self) -> None:
        row: CategoryRow | None = selected_row(self.table)
        editable = self.window_.can_edit and self.window_.choices is not None
        self.add_button.setEnabled(editable)
        self.close_button.setEnabled(editable and row is not None and row.ended_on is None)
        self.edit_button.setVisible(self.window_.family_id is not None)
        self.edit_button.setEnabled(editable and row is not None)
        self.close_button.setText(self.tr("Remove") if self.window_.family_id is None else self.tr("Take off…"))
        self.decision_button.setVisible(self.window_.family_id is not None)
        kdn = self.window_.choices.kdn_categories if self.window_.choices is not None else ()
        self.decision_button.setEnabled(editable and row is not None and row.ended_on is None
                                        and (row.decision_missing or row.category_id in kdn))
        self.decision_button.setText(self.tr("Enter KDN decision…") if row is None or row.decision_missing
                                     else self.tr("KDN decision and review…"))

    def _pending_changed(self) -> None:
        """The rows of a family not yet saved changed: show them and mark the card unsaved."""
        self.refresh_pending()
        self.window_.mark_dirty()

    def refresh_pending(self) -> None:
        choices = self.window_.choices
        if choices is not None:
            self.show_categories([pending_row(data, choices) for data in self.pending])

    def add(self) -> None:
        if not self.add_button.isEnabled():
            return
        dialog = CategoryDialog(self.window_.context, self.window_.choices, self.window_.family_id,  # type: ignore[arg-type]
                                parent=self.window_)
        self._open(dialog, self._added)

    def _added(self, dialog: CategoryDialog) -> None:
        if self.window_.family_id is None:
            self.pending.append(dialog.result_value)
            self._pending_changed()
        else:
            self.window_.after_write(dialog.result_value)

    def close_category(self) -> None:
        row = selected_row(self.table)
        if row is None or not self.close_button.isEnabled():
            return
        if self.window_.family_id is None:
            del self.pending[self.table.currentIndex().row()]
            self._pending_changed()
            return
        if row.decision_missing:
            self.show_error(self.tr("Enter the KDN decision on intake first: the family came into this category "
                                    "without it."))
            return
        dialog = CategoryDialog(self.window_.context, self.window_.choices, self.window_.family_id, row,  # type: ignore[arg-type]
                                parent=self.window_)
        self._open(dialog, lambda d: self.window_.after_write(d.result_value))

    def edit_category(self) -> None:
        """Correct a span as entered: its dates, its removal reason, its КДН и ЗП decision and review date."""
        row = selected_row(self.table)
        if row is None or not self.edit_button.isEnabled():
            return
        dialog = CategoryDialog(self.window_.context, self.window_.choices, self.window_.family_id, row,  # type: ignore[arg-type]
                                parent=self.window_, edit=True)
        self._open(dialog, lambda d: self.window_.after_write(d.result_value))

    def complete_decision(self) -> None:
        """Enter the КДН и ЗП decision of a category that came in without it (clears the flag), or change a current
        decision and the commission's next review date."""
        row = selected_row(self.table)
        if row is None or not self.decision_button.isEnabled():
            return
        dialog = CategoryDialog(self.window_.context, self.window_.choices, self.window_.family_id, row,  # type: ignore[arg-type]
                                parent=self.window_, complete=True)
        self._open(dialog, lambda d: self.window_.after_write(d.result_value))

    def select_missing_decision(self) -> None:
        """Select the first category waiting for its КДН decision (the card's banner link)."""
        for index, row in enumerate(self.model.rows):
            if row.decision_missing:
                self.table.selectRow(index)
                return

    def _open(self, dialog: Any, on_accepted: Any) -> None:
        self.dialog = open_dialog(dialog, on_accepted)
