"""Choosing families from the registry for an event: search as you type (on the database worker), pick
one or more."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.registry.family_list import FamilyFilter, FamilyRow, search_families
from app.registry.members import MemberChoice, family_members
from ui import style
from ui.context import UiContext
from ui.forms import ok_cancel_buttons
from ui.ops import run_query
from ui.resources import icon

SEARCH_DELAY_MS = 250
SEARCH_LIMIT = 50


class FamiliesDialog(QDialog):
    """Search the registry (as you type, on the worker) and choose one or more families."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Add families to the event"))
        self.resize(560, 460)
        self.rows: list[FamilyRow] = []
        self._generation = 0
        self.search = QLineEdit(objectName="family_search")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setPlaceholderText(self.tr("Surname, name or settlement"))
        self.results = QListWidget(objectName="family_results")
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        self.hint = style.muted(QLabel(objectName="hint"))
        # Participants by member as well as by family (#17 item 6): ticked members of the current family are added
        # one by one instead of the whole family.
        self.members = QListWidget(objectName="family_members")
        self.members.setMaximumHeight(110)
        self.members_family: Any = None
        self.member_choices: list[MemberChoice] = []
        self.results.currentRowChanged.connect(lambda _row: self._load_members())
        buttons, self.ok_button = ok_cancel_buttons(self.tr("Add"), self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint)
        layout.addWidget(QLabel(self.tr("Members of the family (tick some to add them instead of the whole family):")))
        layout.addWidget(self.members)
        layout.addWidget(buttons)
        self.timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self.timer.start())
        self.run_search()

    def run_search(self) -> None:
        self.timer.stop()
        self._generation += 1
        generation, criteria = self._generation, FamilyFilter(text=self.search.text())

        actor = self.context.actor

        def read(session: Any) -> tuple[list[FamilyRow], int]:
            page = search_families(session, criteria, actor=actor, limit=SEARCH_LIMIT)
            return page.rows, page.total

        self.hint.setText(self.tr("Searching…"))
        run_query(self, self.context, read, lambda result: self._found(generation, *result))

    def _found(self, generation: int, rows: list[FamilyRow], total: int) -> None:
        if generation != self._generation:
            return
        self.rows = rows
        self.results.clear()
        for row in rows:
            place = ", ".join(part for part in (row.settlement, row.address) if part)
            item = QListWidgetItem(f"{row.title} — {place}" if place else row.title)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.results.addItem(item)
        if rows:
            self.results.setCurrentRow(0)
        shown = self.tr("Found: {total}").format(total=total)
        if total > len(rows):
            shown = self.tr("Found: {total}, the first {shown} are listed; refine the search").format(
                total=total, shown=len(rows))
        self.hint.setText(shown)

    def _load_members(self) -> None:
        item = self.results.currentItem()
        family_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.members.clear()
        self.members_family, self.member_choices = family_id, []
        if family_id is None:
            return
        actor = self.context.actor
        run_query(self, self.context, lambda session: family_members(session, actor, family_id),
                  lambda choices: self._members_loaded(family_id, choices))

    def _members_loaded(self, family_id: Any, choices: list[MemberChoice]) -> None:
        if family_id != self.members_family:
            return
        self.member_choices = choices
        self.members.clear()
        for choice in choices:
            item = QListWidgetItem(choice.label)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.members.addItem(item)

    def chosen_members(self) -> list[tuple[Any, MemberChoice]]:
        """(family id, member) of the ticked members of the current family."""
        ticked = {self.members.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.members.count())
                  if self.members.item(i).checkState() == Qt.CheckState.Checked}
        return [(self.members_family, choice) for choice in self.member_choices if choice.id in ticked]

    def chosen(self) -> list[FamilyRow]:
        wanted = {item.data(Qt.ItemDataRole.UserRole) for item in self.results.selectedItems()}
        return [row for row in self.rows if row.id in wanted]
