"""Administration → «Сроки»: which deadline kinds the «Сегодня» screen, `opora deadlines` and the weekly list
compute, and how many days each warns ahead (or waits before calling a silence a deadline)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import SETTINGS
from app.core.permissions import MANAGE_DICTIONARIES, allowed
from app.worklist.settings import DeadlineSetting, read_deadline_settings, write_deadline_setting
from ui import style
from ui.context import UiContext
from ui.errors import show_error
from ui.forms import error_label, show_message
from ui.ops import run_op, run_query
from ui.resources import icon


class DeadlinesPage(QWidget):
    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.rows: dict[str, tuple[QCheckBox, QSpinBox]] = {}
        self.settings: list[DeadlineSetting] = []
        title = QLabel(self.tr("Deadlines"))
        style.section_title(title)
        note = QLabel(self.tr("What the «Today» screen and the weekly list count as a deadline. Days: how long "
                              "before a date to warn, or how long a silence may last."))
        note.setWordWrap(True)
        style.muted(note)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(2, 1)
        self.save_button = QPushButton(icon("save"), self.tr("Save"), objectName="save_deadlines")
        self.save_button.clicked.connect(self.save)
        self.message = error_label("deadlines")
        self.status = style.muted(QLabel(objectName="status"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addLayout(self.grid)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.editable = allowed(context.actor, MANAGE_DICTIONARIES)
        self.save_button.setEnabled(False)
        context.changes.subscribe(self, {SETTINGS}, lambda _changed, _initiator=None: self.load())
        self.load()

    def load(self) -> None:
        run_query(self, self.context, read_deadline_settings, self._show, lambda error: show_error(self, error))

    def _show(self, settings: list[DeadlineSetting]) -> None:
        self.settings = settings
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.rows.clear()
        for row, setting in enumerate(settings):
            switch = QCheckBox(setting.kind.title, objectName=f"on_{setting.kind.code}")
            switch.setChecked(setting.enabled)
            days = QSpinBox(objectName=f"days_{setting.kind.code}", minimum=0, maximum=3650)
            days.setValue(setting.days)
            days.setEnabled(setting.enabled and self.editable)
            switch.setEnabled(self.editable)
            switch.toggled.connect(days.setEnabled)
            explanation = style.muted(QLabel(setting.kind.days_label))
            self.grid.addWidget(switch, row, 0)
            self.grid.addWidget(days, row, 1)
            self.grid.addWidget(explanation, row, 2, Qt.AlignmentFlag.AlignLeft)
            self.rows[setting.kind.code] = (switch, days)
        self.save_button.setEnabled(self.editable)

    def save(self) -> None:
        actor = self.context.actor
        values = {code: (switch.isChecked(), days.value()) for code, (switch, days) in self.rows.items()}

        def action(session: Any) -> frozenset[str]:
            for code, (enabled, days) in values.items():
                write_deadline_setting(session, actor, code, enabled, days)
            return frozenset({SETTINGS})

        show_message(self.message, "")
        run_op(self, self.context, action, lambda _result: self.status.setText(self.tr("Saved.")),
               lambda error: show_error(self, error))
