"""A table model over the registry that pages lazily through the database worker.

Only the rows scrolled into view are fetched (`canFetchMore`/`fetchMore`, each page a `run_query`); a new query bumps a
generation counter so answers to stale queries (a user typing fast) are dropped unseen.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.core.actor import Actor
from app.core.text import format_date
from app.registry.family_list import FamilyFilter, FamilyPage, FamilyRow, search_families
from ui.ops import run_query
from ui.resources import icon
from ui.table_base import RowsTable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.context import UiContext

PAGE_SIZE = 200
Index = QModelIndex | QPersistentModelIndex


class FamilyTableModel(RowsTable):
    loaded = Signal(int)  # total number of matching families, after each new query
    failed = Signal(object)

    # (key, header, sort key or None)
    COLUMNS = (
        ("title", QT_TRANSLATE_NOOP("FamilyTableModel", "Family"), "title"),
        ("district", QT_TRANSLATE_NOOP("FamilyTableModel", "District"), "district"),
        ("settlement", QT_TRANSLATE_NOOP("FamilyTableModel", "Settlement"), "settlement"),
        ("address", QT_TRANSLATE_NOOP("FamilyTableModel", "Address"), None),
        ("categories", QT_TRANSLATE_NOOP("FamilyTableModel", "Categories"), None),
        ("children", QT_TRANSLATE_NOOP("FamilyTableModel", "Children"), None),
        ("responsible", QT_TRANSLATE_NOOP("FamilyTableModel", "Responsible"), None),
        ("registered_on", QT_TRANSLATE_NOOP("FamilyTableModel", "Registered"), "registered_on"),
    )

    def __init__(self, context: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.actor = context.actor
        self.criteria = FamilyFilter()
        self.sort_key = "title"
        self.descending = False
        self.total = 0
        self._generation = 0
        self._fetching = False
        self.headers = [QCoreApplication.translate("FamilyTableModel", h) for _key, h, _sort in self.COLUMNS]

    # --- querying ---------------------------------------------------------------------------
    def query(self, criteria: FamilyFilter | None = None, sort_key: str | None = None,
              descending: bool | None = None) -> None:
        """Start a new query; the view is reset when its first page arrives."""
        self.criteria = criteria if criteria is not None else self.criteria
        self.sort_key = sort_key or self.sort_key
        self.descending = self.descending if descending is None else descending
        self._generation += 1
        generation = self._generation
        criteria_now, sort_now, desc_now = self.criteria, self.sort_key, self.descending
        self._fetching = True
        run_query(self, self.context,
                  lambda session: _page(session, self.actor, criteria_now, 0, sort_now, desc_now),
                  lambda page: self._first_page(generation, page), lambda error: self._failed(generation, error))

    def refresh(self) -> None:
        self.query()

    def _first_page(self, generation: int, page: FamilyPage) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self.rows, self.total = list(page.rows), page.total
        self._fetching = False
        self.endResetModel()
        self.loaded.emit(self.total)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._fetching = False
            self.failed.emit(error)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, offset = self._generation, len(self.rows)
        criteria, sort_key, descending = self.criteria, self.sort_key, self.descending
        run_query(self, self.context,
                  lambda session: _page(session, self.actor, criteria, offset, sort_key, descending),
                  lambda page: self._more(generation, offset, page), lambda error: self._failed(generation, error))

    def _more(self, generation: int, offset: int, page: FamilyPage) -> None:
        if generation != self._generation or offset != len(self.rows):
            return
        self._fetching = False
        if page.rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self.endInsertRows()

    # --- model interface --------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = self.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == Qt.ItemDataRole.ToolTipRole and key == "categories":
            return ", ".join(row.categories)
        if key == "children" and row.has_disabled_child:
            if role == Qt.ItemDataRole.DecorationRole:
                return icon("disability")
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("FamilyTableModel", "Has a disabled child")
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "children":
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _display(self, row: FamilyRow, key: str) -> str:
        if key == "categories":
            return ", ".join(row.categories)
        if key == "children":
            return str(row.children) if row.children else ""
        if key == "registered_on":
            return format_date(row.registered_on)
        return str(getattr(row, key))

    def sort_key_of(self, column: int) -> str | None:
        return self.COLUMNS[column][2]

    def family_id(self, row: int) -> Any:
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def with_text(self, text: str) -> FamilyFilter:
        return replace(self.criteria, text=text)


def _page(session: Session, actor: Actor, criteria: FamilyFilter, offset: int, sort_key: str,
          descending: bool) -> FamilyPage:
    return search_families(session, criteria, actor=actor, offset=offset, limit=PAGE_SIZE, sort=sort_key,
                           descending=descending)
