"""What the family card loads in one worker round trip, and the small read-only table model its tabs share.

The pickers come ready from `app.reference.choices.family_card_choices`."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from app.cases.cases import CaseRow, list_cases
from app.cases.papers import PaperRow, list_papers
from app.core.actor import Actor
from app.reference.choices import FamilyCardChoices
from app.registry.consents import ConsentRow, list_consents
from app.registry.family_card import FamilyCard, load_family_card
from ui.context import UiContext
from ui.table_base import RowsTable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Index = QModelIndex | QPersistentModelIndex
OVERDUE_BACKGROUND = QColor("#FFEBEE")
MUTED_TEXT = QColor("#9E9E9E")
WARNING_TEXT = QColor("#BF360C")
ROMAN = ("I", "II", "III", "IV", "V")  # health groups


@dataclass(frozen=True)
class CardData:
    card: FamilyCard
    cases: list[CaseRow]
    consents: dict[uuid.UUID, list[ConsentRow]]
    papers: list[PaperRow]


def load_card(session: Session, actor: Actor, family_id: uuid.UUID, audited: bool = True) -> CardData:
    """Worker thread: the family card, its cases with plans, every member's consents and the family's 442-ФЗ
    papers, in one unit.

    Run as a write unit (it changes nothing a screen shows, so nothing is announced) because opening a card is
    audited (`app.registry.family_card.load_family_card`); on a read-only database as a read unit with `audited`
    False (`app.system.view_audit.read_with_view_audit` records the view on this computer).
    """
    card = load_family_card(session, actor, family_id, audited=audited)
    return CardData(
        card=card,
        cases=list_cases(session, actor, family_id),
        consents={m.person_id: list_consents(session, actor, m.person_id) for m in card.members},
        papers=list_papers(session, actor, family_id),
    )


@dataclass(frozen=True)
class Written:
    """What a write that also re-reads a list returns: the list, and the change flags `run_op` announces."""

    rows: list[Any]
    changes: frozenset[str]


@dataclass(frozen=True)
class Column:
    header: str  # an untranslated source string, marked with QT_TRANSLATE_NOOP by the caller
    text: Callable[[Any], str]
    align: Qt.AlignmentFlag | None = None


class RowsModel(RowsTable):
    """A read-only table over a list of frozen rows; colours and icons come from optional functions."""

    def __init__(self, context: str, columns: Sequence[Column], parent: QObject | None = None, *,
                 background: Callable[[Any], QColor | None] | None = None,
                 foreground: Callable[[Any], QColor | None] | None = None,
                 tooltip: Callable[[Any], str | None] | None = None,
                 decoration: Callable[[Any, int], QIcon | None] | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.headers = [QCoreApplication.translate(context, column.header) for column in self.columns]
        self._background, self._foreground = background, foreground
        self._tooltip, self._decoration = tooltip, decoration

    def row(self, index: int) -> Any:
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.BackgroundRole and self._background is not None:
            return self._background(row)
        if role == Qt.ItemDataRole.ForegroundRole and self._foreground is not None:
            return self._foreground(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row) if self._tooltip is not None else (column.text(row) or None)
        if role == Qt.ItemDataRole.DecorationRole and self._decoration is not None:
            return self._decoration(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align is not None:
            return int(column.align | Qt.AlignmentFlag.AlignVCenter)
        return None


def make_table(model: RowsModel, name: str, widths: Sequence[int] = ()) -> QTableView:
    """A table view with the registry's look: whole rows selected, one at a time, no row numbers."""
    table = QTableView(objectName=name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(26)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    for column, width in enumerate(widths):
        # Never narrower than the column's heading: «…шение КДН о постановке на у…» told nobody anything.
        table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
    return table


def selected_row(table: QTableView) -> Any:
    """The frozen row under the table's current index, or None."""
    index = table.currentIndex()
    model = table.model()
    return model.row(index.row()) if index.isValid() and isinstance(model, RowsModel) else None


def reselect(table: QTableView, key: Callable[[Any], Any], wanted: Any) -> None:
    """After a reload, select the row whose key is `wanted` again (or the first row)."""
    model = table.model()
    if not isinstance(model, RowsModel) or not model.rows:
        return
    target = next((i for i, row in enumerate(model.rows) if wanted is not None and key(row) == wanted), 0)
    table.selectRow(target)


class CardHost(Protocol):
    """What a tab of the family card uses of the card window (so the tabs need not import the window)."""

    context: UiContext
    family_id: uuid.UUID | None
    choices: FamilyCardChoices | None
    can_edit: bool
    responsible_staff_id: uuid.UUID | None  # the family's responsible specialist, the default of new records
    office_id: uuid.UUID | None  # the family's office: its staff come first in the pickers

    def mark_dirty(self) -> None: ...

    def after_write(self, result: Any) -> None: ...
