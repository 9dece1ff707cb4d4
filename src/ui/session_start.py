"""From process start to the main window: database, first run or login."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMainWindow

from app.startup import StartState
from db.session import Database
from ui.context import UiContext
from ui.errors import show_error
from ui.first_run import FirstRunWizard
from ui.login import FIRST_RUN, LoginDialog
from ui.main_window import MainWindow
from ui.worker import DatabaseWorker


def start_session(database_target: str | None) -> QMainWindow | None:
    """Run the login (and, on an empty database, the first-run wizard); None if the user quit."""
    database = Database.open(database_target)
    worker = DatabaseWorker(database, lambda error: show_error(None, error))
    state: StartState | None = None
    while True:
        dialog = LoginDialog(worker, state)
        outcome = dialog.exec()
        state = dialog.state
        if outcome == FIRST_RUN:
            if FirstRunWizard(worker).exec() != QDialog.DialogCode.Accepted:
                worker.stop()
                return None
            state = None  # re-read: the organisation now exists
            continue
        if outcome != QDialog.DialogCode.Accepted or dialog.result_login is None:
            worker.stop()
            return None
        assert state is not None
        context = UiContext(worker=worker, actor=dialog.result_login.actor,
                            organization=state.organization, office=state.office)
        from ui.screens import section_screens

        window = MainWindow(context, section_screens())
        window.destroyed.connect(worker.stop)
        return window
