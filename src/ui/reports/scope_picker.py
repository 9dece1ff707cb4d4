"""A list of checkable choices (offices, districts): none checked means all of them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

ID_ROLE = Qt.ItemDataRole.UserRole


class ChecklistPicker(QListWidget):
    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setMaximumHeight(120)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def set_choices(self, choices: Sequence[tuple[uuid.UUID, str]], checked: Iterable[str] = ()) -> None:
        wanted = set(checked)
        self.blockSignals(True)
        self.clear()
        for item_id, name in choices:
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, item_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if str(item_id) in wanted else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.blockSignals(False)

    def checked_ids(self) -> tuple[uuid.UUID, ...]:
        return tuple(self.item(row).data(ID_ROLE) for row in range(self.count())
                     if self.item(row).checkState() == Qt.CheckState.Checked)

    def checked_names(self) -> list[str]:
        return [self.item(row).text() for row in range(self.count())
                if self.item(row).checkState() == Qt.CheckState.Checked]
