"""A checklist of employees (a trip's brigade, the specialists of a visit): the ticked ones and the staff of
the office the record belongs to first; everybody else behind one «Other staff» line, shown on request or when
the filter names them. A list of a hundred names with the drivers and other offices among them led to ticks in
the wrong place, and a rural office has five people to choose from."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem

from app.reference.choices import Choice

_ROLE = Qt.ItemDataRole.UserRole
_TOGGLE = "opora-other-staff"  # the data of the «Other staff» line: a marker no employee id can equal


def _fold(text: str) -> str:
    return text.strip().lower().replace("ё", "е")


class StaffChecklist(QObject):
    """Drives `list_widget` (checkable rows, their data the staff id) and its `filter_edit`.

    `fill` takes the employees in display order and a test of who is «near» (of the record's office and
    working with families); `changed` is emitted when the user ticks or unticks somebody."""

    changed = Signal()

    def __init__(self, filter_edit: QLineEdit, list_widget: QListWidget) -> None:
        super().__init__(list_widget)
        self.filter_edit = filter_edit
        self.list = list_widget
        self.others_shown = False
        self._others_count = 0
        self._staff: list[Choice] = []
        self._near: Callable[[Choice], bool] = lambda _choice: True
        self._offered: Callable[[Choice], bool] = lambda _choice: True
        filter_edit.textChanged.connect(lambda _text: self._apply_visibility())
        list_widget.itemChanged.connect(self._item_changed)
        list_widget.itemClicked.connect(self._item_clicked)
        list_widget.itemActivated.connect(self._item_clicked)

    # --- filling ----------------------------------------------------------------------------
    def fill(self, staff: Sequence[Choice], near: Callable[[Choice], bool], checked: Iterable[uuid.UUID] = (),
             offered: Callable[[Choice], bool] = lambda _choice: True) -> None:
        """Rebuild the list. `offered` leaves out employees that may not be chosen anew (switched off), unless
        ticked."""
        self._staff, self._near, self._offered = list(staff), near, offered
        self._rebuild(set(checked))

    def regroup(self, near: Callable[[Choice], bool]) -> None:
        """Another office was chosen: the same ticks, the new office's staff first."""
        self._near = near
        self._rebuild(set(self.checked_ids()))

    def _rebuild(self, ticked: set[uuid.UUID]) -> None:
        rows = [c for c in self._staff if c.id in ticked or self._offered(c)]
        first = [c for c in rows if c.id in ticked] + [c for c in rows if c.id not in ticked and self._near(c)]
        rest = [c for c in rows if c.id not in ticked and not self._near(c)]
        self.list.blockSignals(True)
        self.list.clear()
        for choice in first:
            self.list.addItem(self._employee(choice, choice.id in ticked))
        if rest:
            toggle = QListWidgetItem()
            toggle.setData(_ROLE, _TOGGLE)
            toggle.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = QFont(self.list.font())
            font.setItalic(True)
            toggle.setFont(font)
            self.list.addItem(toggle)
            for choice in rest:
                self.list.addItem(self._employee(choice, False))
        self._others_count = len(rest)
        self.list.blockSignals(False)
        self._apply_visibility()

    @staticmethod
    def _employee(choice: Choice, ticked: bool) -> QListWidgetItem:
        item = QListWidgetItem(choice.label)
        item.setToolTip(choice.label)
        item.setData(_ROLE, choice.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        return item

    # --- reading and ticking ----------------------------------------------------------------
    def checked_ids(self) -> list[uuid.UUID]:
        return [item.data(_ROLE) for item in self._items() if item.checkState() == Qt.CheckState.Checked]

    def set_checked(self, staff_ids: Iterable[uuid.UUID], checked: bool = True) -> None:
        wanted = set(staff_ids)
        for item in self._items():
            if item.data(_ROLE) in wanted:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._apply_visibility()

    def set_others_shown(self, shown: bool) -> None:
        self.others_shown = shown
        self._apply_visibility()

    def _items(self) -> list[QListWidgetItem]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [item for item in items if item.data(_ROLE) != _TOGGLE]

    # --- reacting ---------------------------------------------------------------------------
    def _item_changed(self, item: QListWidgetItem) -> None:
        if item.data(_ROLE) != _TOGGLE:
            self.changed.emit()

    def _item_clicked(self, item: QListWidgetItem) -> None:
        if item.data(_ROLE) == _TOGGLE:
            self.set_others_shown(not self.others_shown)

    def _apply_visibility(self) -> None:
        needle = _fold(self.filter_edit.text())
        behind_toggle = False
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(_ROLE) == _TOGGLE:
                behind_toggle = True
                item.setText(self._toggle_text())
                item.setHidden(bool(needle))
                continue
            ticked = item.checkState() == Qt.CheckState.Checked
            matches = needle in _fold(item.text()) if needle else not behind_toggle or self.others_shown
            item.setHidden(not (ticked or matches))

    def _toggle_text(self) -> str:
        if self.others_shown:
            return self.tr("▾ Other staff (%n): hide", "", self._others_count)
        return self.tr("▸ Other staff (%n): show", "", self._others_count)
