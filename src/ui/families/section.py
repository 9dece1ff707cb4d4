"""The Families section: the registry list, opening family cards in their own windows."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.context import UiContext
from ui.families.list_screen import FamiliesScreen


class FamiliesSection(QWidget):
    """Re-emits every card's `saved` so the main window can tell the other sections."""

    saved = Signal(object)

    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.list = FamiliesScreen(context)
        self.list.open_family.connect(self.open_card)
        self.list.new_family.connect(self.new_family)
        self.cards: dict[uuid.UUID | None, QWidget] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)

    def open_card(self, family_id: uuid.UUID | None) -> None:
        from ui.families.card import FamilyCardWindow

        card = self.cards.get(family_id)
        if card is None or not card.isVisible():
            card = FamilyCardWindow(self.context, family_id)
            card.saved.connect(self.saved.emit)
            card.destroyed.connect(lambda _obj=None, key=family_id: self.cards.pop(key, None))
            self.cards[family_id] = card
        card.show()
        card.raise_()
        card.activateWindow()

    def on_changes(self, changed: frozenset[str]) -> None:
        self.list.on_changes(changed)

    def new_family(self) -> None:
        self.open_card(None)
