"""Writing a trip's route sheet (DOCX and PDF) into a folder the user chooses, then opening or printing the PDF.

The folder question runs on the GUI thread (`ui.generated_files`); reading the trip and writing both
files run on the database worker as one unit (the export is audited).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.trips.route_sheet import export_route_sheet
from ui import generated_files
from ui.context import UiContext
from ui.ops import run_op
from ui.printing import print_document


def write_route_sheet(parent: QWidget, context: UiContext, trip_id: uuid.UUID,
                      done: Callable[[tuple[Path, Path]], None] | None = None, *, then_print: bool = False,
                      on_message: Callable[[str], None] | None = None) -> None:
    """Ask for a folder, then write both files there on the worker; the PDF is opened when written (or, with
    `then_print`, sent to the printer through the print dialog)."""
    actor = context.actor

    def write(folder: Path) -> None:
        def written(paths: tuple[Path, Path]) -> None:
            if then_print:
                print_document(parent, paths[1], on_message or (lambda _text: None))
            else:
                generated_files.open_file(paths[1])
            if done is not None:
                done(paths)

        run_op(parent, context, lambda session: export_route_sheet(session, actor, trip_id, folder), written)

    generated_files.choose_folder(parent, QCoreApplication.translate("trips", "Folder for the route sheet"), write)
