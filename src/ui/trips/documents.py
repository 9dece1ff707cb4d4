"""Writing a trip's route sheet (DOCX and PDF) into a folder the user chooses, then opening it.

The folder question runs on the GUI thread; reading the trip and writing both files run on the
database worker. `choose_folder` and `open_file` are module functions so tests can replace them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.folders import documents_dir
from app.trips.route_sheet import export_route_sheet
from ui.context import UiContext
from ui.errors import show_error
from ui.worker import alive

FOLDER_KEY = "documents/folder"


def choose_folder(parent: QWidget) -> Path | None:
    """Ask for the folder (the last one used is proposed); None when the user cancels."""
    settings = QSettings()
    start = settings.value(FOLDER_KEY) or str(documents_dir())
    title = QCoreApplication.translate("trips", "Folder for the route sheet")
    chosen = QFileDialog.getExistingDirectory(parent, title, start)
    if not chosen:
        return None
    settings.setValue(FOLDER_KEY, chosen)
    return Path(chosen)


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def write_route_sheet(parent: QWidget, context: UiContext, trip_id: uuid.UUID,
                      done: Callable[[tuple[Path, Path]], None] | None = None) -> bool:
    """Ask for a folder and write both files there on the worker; the PDF is opened when written.

    Returns False when the user cancelled the folder question.
    """
    folder = choose_folder(parent)
    if folder is None:
        return False

    actor = context.actor

    def job(database: object) -> tuple[Path, Path]:
        with database.write() as session:  # type: ignore[attr-defined]
            return export_route_sheet(session, actor, trip_id, folder)

    def written(paths: tuple[Path, Path]) -> None:
        open_file(paths[1])
        if done is not None:
            done(paths)

    context.worker.submit(job, alive(parent, written), alive(parent, lambda error: show_error(parent, error)))
    return True
