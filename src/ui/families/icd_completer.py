"""МКБ-10 proposals under the diagnosis code and wording fields (`app.registry.icd_lookup`).

Typing a code («F8», or «А8» with the Russian layout) or words of the wording asks the database worker for
proposals after a short pause; choosing one fills both fields.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from app.registry.icd_lookup import IcdSuggestion, icd_suggestions
from ui.context import UiContext
from ui.ops import run_query

PAUSE_MS = 200


class IcdCompleter(QObject):
    def __init__(self, context: UiContext, code: QLineEdit, title: QLineEdit, owner: QWidget) -> None:
        super().__init__(owner)
        self.context, self.code, self.title, self.owner = context, code, title, owner
        self.model = QStringListModel(self)
        self.suggestions: dict[str, IcdSuggestion] = {}
        self.source: QLineEdit = code
        self.completers: dict[QLineEdit, QCompleter] = {}
        for edit in (code, title):
            completer = QCompleter(self.model, edit)
            # The worker has already filtered: show its list as it is, most used first.
            completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setMaxVisibleItems(12)
            completer.popup().setMinimumWidth(460)  # the code field is narrow; the wording needs room
            completer.activated[str].connect(self.choose)
            edit.setCompleter(completer)
            edit.textEdited.connect(lambda _text, edit=edit: self._typed(edit))
            self.completers[edit] = completer
        self.timer = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self.timer.timeout.connect(self._ask)

    def _typed(self, edit: QLineEdit) -> None:
        self.source = edit
        self.timer.start()

    def _ask(self) -> None:
        text, actor = self.source.text(), self.context.actor
        if len(text.strip()) < 2:
            return
        run_query(self.owner, self.context, lambda session: icd_suggestions(session, actor, text),
                  lambda found: self._show(text, found), lambda _error: None)  # a courtesy: no error box

    def _show(self, text: str, found: list[IcdSuggestion]) -> None:
        if self.source.text() != text:
            return  # typed on meanwhile: a newer question is on its way
        self.suggestions = {s.label: s for s in found}
        self.model.setStringList(list(self.suggestions))
        if found and self.source.hasFocus():
            self.completers[self.source].complete()

    def choose(self, label: str) -> None:
        suggestion = self.suggestions.get(label)
        if suggestion is None:
            return
        self.code.setText(suggestion.code)
        self.title.setText(suggestion.title)
        self.title.setFocus()
