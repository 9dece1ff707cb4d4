"""Choosing a family by typing the beginning of a member's surname: the search runs on the
database worker (app.registry.family_list.search_families), debounced, and the matches drop down.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from app.registry.family_list import FamilyFilter, FamilyRow, search_families
from ui.context import UiContext
from ui.ops import run_query
from ui.resources import icon

SEARCH_DELAY_MS = 250
MATCHES = 30


def family_label(row: FamilyRow) -> str:
    """«Королёва Мария Петровна — Дальнее, ул. Лесная, д. 5»."""
    place = ", ".join(part for part in (row.settlement, row.address) if part)
    return f"{row.title} — {place}" if place else row.title


class FamilyPicker(QLineEdit):
    """A line edit holding one chosen family; `family_changed(id or None)` when the choice changes.

    Typing drops the current choice and searches; picking a match from the list chooses it.
    """

    family_changed = Signal(object)

    def __init__(self, context: UiContext, name: str = "family_id", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName(name)
        self.setClearButtonEnabled(True)
        self.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.setPlaceholderText(self.tr("Type a surname to find the family"))
        self.family_id: uuid.UUID | None = None
        self.title = ""
        self.matches: list[FamilyRow] = []
        self._job: int | None = None
        self._model = QStringListModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.setWidget(self)
        self.completer_.activated[str].connect(self._activated)
        self.timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.search_now)
        self.textEdited.connect(self._edited)

    def set_family(self, family_id: uuid.UUID | None, title: str = "") -> None:
        """Show a chosen family (or none) without searching."""
        changed = family_id != self.family_id
        self.family_id, self.title = family_id, title if family_id else ""
        self.setText(self.title)
        self.setCursorPosition(0)
        if changed:
            self.family_changed.emit(family_id)

    def _edited(self, text: str) -> None:
        if self.family_id is not None:
            self.family_id, self.title = None, ""
            self.family_changed.emit(None)
        if text.strip():
            self.timer.start()
        else:
            self.timer.stop()
            self.completer_.popup().hide()

    def search_now(self) -> None:
        self.timer.stop()
        text = self.text().strip()
        if not text:
            return
        if self._job is not None:
            self.context.worker.forget(self._job)
        actor = self.context.actor
        self._job = run_query(
            self, self.context,
            lambda session: search_families(session, FamilyFilter(text=text), actor=actor, limit=MATCHES).rows,
            self._found)

    def _found(self, rows: list[FamilyRow]) -> None:
        self._job = None
        if self.family_id is not None:  # chosen meanwhile
            return
        self.matches = rows
        labels = [family_label(row) for row in rows] or [self.tr("No family found")]
        self._model.setStringList(labels)
        if self.hasFocus():
            self.completer_.complete()

    def choose(self, index: int) -> None:
        """Choose the `index`-th match (what a click in the drop-down does)."""
        if 0 <= index < len(self.matches):
            row = self.matches[index]
            self.completer_.popup().hide()
            self.set_family(row.id, row.title)

    def _activated(self, label: str) -> None:
        labels = [family_label(row) for row in self.matches]
        if label in labels:
            self.choose(labels.index(label))
