"""The keyboard of every record list: Ctrl+N new, Enter opens, Delete deletes (after asking)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QWidget

from app.core.actor import Actor
from app.core.permissions import EDIT_RECORDS, allowed


def bind_list_keys(screen: QWidget, table: QAbstractItemView, *, new: Callable[[], None],
                   open_current: Callable[[], None], delete_current: Callable[[], None]) -> None:
    QShortcut(QKeySequence("Ctrl+N"), screen, activated=new)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        QShortcut(QKeySequence(key), table, activated=open_current)
    QShortcut(QKeySequence(Qt.Key.Key_Delete), table, activated=delete_current)


def enable_for_editors(actor: Actor, buttons: Iterable[QPushButton]) -> None:
    """Buttons that change records are enabled only for roles that may edit them."""
    can_edit = allowed(actor, EDIT_RECORDS)
    for button in buttons:
        button.setEnabled(can_edit)
