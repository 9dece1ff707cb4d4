"""The pictures of the user guide (resources/help/images), made by `make screenshots` on the demo database.

Each picture shows the window a topic of guide.html talks about, at 1366×768, scaled to the guide's width.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from ui.context import UiContext
from ui.main_window import MainWindow
from ui.worker import DatabaseWorker

SIZE = (1366, 768)
WIDTH = 1000  # pixels kept in the shipped PNG: sharp enough at the guide's 640, small in the repository


def _new_window(before: set[QWidget]) -> QWidget | None:
    return next((w for w in QApplication.topLevelWidgets() if w.isVisible() and w not in before
                 and w.isWindow() and type(w).__name__ not in ("QMenu", "QToolTip")), None)


def _save(widget: QWidget, path: Path) -> None:
    picture = widget.grab()
    if picture.width() > WIDTH:
        picture = picture.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
    picture.save(str(path))
    print(path)


def _shoot(window: MainWindow, wait: Callable[[], None], path: Path, opener: Callable[[], object]) -> None:
    """Open a window with `opener`, picture it (or the main window when nothing opened), close it."""
    before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    opener()
    wait()
    opened = _new_window(before)
    if opened is not None:
        opened.resize(*SIZE)
        wait()
        _save(opened, path)
        if hasattr(opened, "discard_confirmed"):
            opened.discard_confirmed = True  # type: ignore[attr-defined]
        opened.close()
    else:
        _save(window, path)
    wait()


def make_help_images(window: MainWindow, worker: DatabaseWorker, wait: Callable[[], None], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    window.resize(*SIZE)

    families = window.section("families")
    window.show_section("families")
    wait()
    table = families.list.table  # type: ignore[attr-defined]
    table.selectRow(0)
    _shoot(window, wait, folder / "help-family-card.png",
           lambda: families.open_card(families.list.model.family_id(0)))  # type: ignore[attr-defined]

    work = window.section("visits")
    window.show_section("visits")
    work.tabs.setCurrentWidget(work.visits)  # type: ignore[attr-defined]
    wait()
    work.visits.table.selectRow(0)  # type: ignore[attr-defined]
    _shoot(window, wait, folder / "help-visit.png", work.visits.open_current)  # type: ignore[attr-defined]
    work.tabs.setCurrentWidget(work.trips)  # type: ignore[attr-defined]
    wait()
    work.trips.table.selectRow(0)  # type: ignore[attr-defined]
    _shoot(window, wait, folder / "help-trip.png", work.trips.open_current)  # type: ignore[attr-defined]

    sessions = window.section("sessions")
    window.show_section("sessions")
    wait()
    sessions.grid.select_day(min(date.today().weekday(), 4))  # type: ignore[attr-defined]
    _shoot(window, wait, folder / "help-attendance.png", sessions.mark_attendance)  # type: ignore[attr-defined]

    reports = window.section("reports")
    window.show_section("reports")
    wait()
    reports.show_report()  # type: ignore[attr-defined]
    wait()
    _save(window, folder / "help-report.png")

    window.show_section("families")
    _shoot(window, wait, folder / "help-import.png", families.open_import)  # type: ignore[attr-defined]

    from ui.admin.backups_page import BackupsPage

    # The demo signs in as a coordinator; the administrator's page is pictured with the same person as admin.
    admin = dataclasses.replace(window.context.actor, role="admin")
    page = BackupsPage(UiContext(worker, admin, window.context.organization, window.context.office))
    page.resize(*SIZE)
    page.show()
    wait()
    _save(page, folder / "help-backup.png")
    page.close()
