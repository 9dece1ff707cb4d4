"""Generated documents (the act of a visit, a trip's route sheet): the folder they go into — asked each
time, the last one proposed — and opening a written file in the system's program for it. GUI thread only.

Not to be confused with identity papers (`app.registry.identity_papers`) or an event's attached files.
`choose_folder` and `open_file` are module functions so tests can replace them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.folders import documents_dir

SETTINGS_KEY = "documents/folder"


def remembered_folder() -> Path:
    value = QSettings().value(SETTINGS_KEY)
    return Path(value) if value else documents_dir()


def choose_folder(parent: QWidget, title: str, on_chosen: Callable[[Path], None]) -> QFileDialog:
    """Ask for the folder without a nested event loop; `on_chosen(folder)` runs when one is picked."""
    start = remembered_folder()
    start.mkdir(parents=True, exist_ok=True)
    dialog = QFileDialog(parent, title, str(start))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)

    def chosen(folder: str) -> None:
        QSettings().setValue(SETTINGS_KEY, folder)
        on_chosen(Path(folder))

    dialog.fileSelected.connect(chosen)
    dialog.open()
    return dialog


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
