"""The Families section: the registry list, opening family cards in their own windows."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ui.context import UiContext
from ui.families.list_screen import FamiliesScreen
from ui.ops import run_query


class FamiliesSection(QWidget):
    """The registry list with an import button; opens each family's card once (an open card is brought forward).

    Cards and the import wizard announce their writes through `ui.ops`; the list hears them itself.
    """

    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.list = FamiliesScreen(context)
        self.list.open_family.connect(self.open_card)
        self.list.new_family.connect(self.new_family)
        self.cards: dict[uuid.UUID, QWidget] = {}
        # Read the card's pick lists right after the registry's first page (the worker runs jobs in
        # order), so even the first card of the session opens without waiting for them.
        from app.reference.choices import family_card_choices
        from ui.families.card import CHOICES_CACHE_KEY

        if CHOICES_CACHE_KEY not in context.cache:
            run_query(self, context, family_card_choices,
                      lambda choices: context.cache.setdefault(CHOICES_CACHE_KEY, choices))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.clicked.connect(self.open_import)
        layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignRight)

    def open_card(self, family_id: uuid.UUID | None) -> None:
        """Bring the family's open card forward, or open one; `None` always opens a blank new card."""
        from ui.families.card import FamilyCardWindow

        self._forget_closed()
        card = self.cards.get(family_id) if family_id is not None else None
        if card is None:
            card = FamilyCardWindow(self.context, family_id)
            card.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.cards[family_id or uuid.uuid4()] = card
        card.show()
        card.raise_()
        card.activateWindow()

    def _forget_closed(self) -> None:
        """Drop closed cards and re-key new-family cards by the id they got when saved."""
        rekeyed: dict[uuid.UUID, QWidget] = {}
        for key, card in list(self.cards.items()):
            try:
                visible = card.isVisible()
            except RuntimeError:  # the C++ window is already deleted
                continue
            if visible:
                rekeyed[getattr(card, "family_id", None) or key] = card
        self.cards = rekeyed

    def new_family(self) -> None:
        self.open_card(None)

    def open_import(self) -> None:
        from ui.importing.wizard import ImportWizard

        wizard = ImportWizard(self.context, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.show()
