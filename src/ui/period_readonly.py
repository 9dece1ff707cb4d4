"""An editor of a record in a submitted period opens read-only, with a banner saying why (#17 item 5).

Every editor of a dated record holds one `PeriodLockView`: it puts the banner at the top, asks the database thread
whether the record is locked (`app.periods.readonly.record_lock`, the guard's own rule) and then freezes the
editor's fields and buttons — only the buttons it is told to keep (close, print, the act) stay usable. The
guard itself still refuses a write, so a lock submitted while the editor is open is caught on save.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from app.periods.readonly import RecordLock, record_lock
from ui import style
from ui.context import UiContext
from ui.ops import run_query

BANNER_NAME = "period_lock_banner"


class PeriodLockView:
    """The banner and the read-only switch of one editor (`root`); `keep` stay usable when it is frozen."""

    def __init__(self, root: QWidget, keep: Iterable[QWidget] = ()) -> None:
        self.root = root
        self.keep = list(keep)
        self.banner = style.warning_banner(QLabel(objectName=BANNER_NAME))
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.lock: RecordLock | None = None
        self.read_only = False
        self.checked = False  # the answer arrived (tests and callers wait for it)

    def check(self, context: UiContext, kind: str, record_id: uuid.UUID | None,
              then: Callable[[bool], None] | None = None, touches: frozenset[str] = frozenset()) -> None:
        """Ask whether the saved record is locked and apply the answer; `then(read_only)` runs afterwards."""
        if record_id is None:
            return

        def applied(lock: RecordLock | None) -> None:
            read_only = self.apply(lock, touches)
            if then is not None:
                then(read_only)

        run_query(self.root, context, lambda session: record_lock(session, kind, record_id), applied)

    def apply(self, lock: RecordLock | None, touches: frozenset[str] = frozenset()) -> bool:
        """Show the lock: the whole editor read-only when the record is locked as a whole or the editor's action
        changes a locked date (`touches`), else only the locked date fields; True when read-only as a whole."""
        self.lock = lock
        self.checked = True
        if lock is None:
            return self.read_only
        self.banner.setText(lock.message)
        self.banner.setVisible(True)
        if lock.touches(touches):
            self.read_only = True
            self.banner.setText(lock.message if lock.whole else _whole_message(lock))
            freeze(self.root, [*self.keep, self.banner])
        else:
            for widget in self.root.findChildren(QWidget):
                if widget.objectName() in lock.fields:
                    _freeze_one(widget)
        return self.read_only


def _whole_message(lock: RecordLock) -> str:
    """A partial lock the editor's action would break (e.g. reopening a case closed in a submitted quarter)."""
    return lock.message.split(":")[0] + ": это действие меняет дату сданного периода и недоступно. " \
        "Открыть период может администратор."


def _freeze_one(widget: QWidget) -> None:
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
        widget.setReadOnly(True)  # the text can still be selected and copied
        # A read-only field looks like an editable one: give it the window's background so it reads as fixed.
        palette = widget.palette()
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        widget.setPalette(palette)
    elif isinstance(widget, QComboBox | QAbstractButton | QAbstractItemView) or (
            isinstance(widget, QGroupBox) and widget.isCheckable()):
        widget.setEnabled(False)


def freeze(root: QWidget, keep: Iterable[QWidget] = ()) -> None:
    """Make every field and button under `root` read-only or disabled, except `keep` and what is inside them;
    tabs stay switchable so every page can be read."""
    kept = list(keep)
    for widget in root.findChildren(QWidget):
        if any(widget is k or k.isAncestorOf(widget) for k in kept):
            continue
        if isinstance(widget, QTabBar) or isinstance(widget.parentWidget(), QTabBar):
            continue
        _freeze_one(widget)
