"""From process start to the main window: database checks, first run or login; and the end.

Before sign-in there is no UiContext (no acting user, no change bus): the start-up windows (login, first run,
restore at start) submit database-level app functions — `prepare_database`, `log_in`, `complete_first_run`,
`restore_backup`, which open their own units of work — to the worker directly. Screens of the signed-in user go
through `ui.ops.run_op` / `run_query`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QProgressDialog

from app.system.backups import start_daily_backup, try_automatic_backup
from app.system.integrity import CORRUPT
from app.system.startup import REBUILD, StartState, pending_start_work, prepare_database
from db.session import Database
from ui.background_checks import watch_background_checks
from ui.context import UiContext
from ui.errors import show_error
from ui.first_run import FirstRunWizard
from ui.login import FIRST_RUN, LoginDialog
from ui.main_window import MainWindow
from ui.restore_at_start import READ_ONLY, RESTORED, RestoreAtStartDialog
from ui.worker import DatabaseWorker

SPLASH_AFTER_MS = 500


def updating_text(work: str | None = None) -> str:
    """The start-up notice for the long work `pending_start_work` found."""
    if work == REBUILD:
        return QCoreApplication.translate(
            "SessionStart", "Finishing an import that was interrupted: the report summaries are being rebuilt…\n"
            "On a large database this can take several minutes: do not switch the computer off.")
    return QCoreApplication.translate(
        "SessionStart", "Updating the database for this version of Opora…\n"
        "This is done once. On a large database it can take many minutes: do not switch the computer off.")



class _Quit(Exception):
    """The user chose to leave before signing in."""


def _prepare(worker: DatabaseWorker) -> StartState | BaseException:
    """Run the start-up checks on the worker, showing a small notice if they take a while."""
    loop = QEventLoop()
    outcome: list[StartState | BaseException] = []

    def finish(value: StartState | BaseException) -> None:
        outcome.append(value)
        loop.quit()

    splash = QProgressDialog(QCoreApplication.translate("SessionStart", "Opening and checking the database…"), "", 0, 0)

    def updating(work: str | None) -> None:
        if work is not None and not outcome:
            splash.setLabelText(updating_text(work))
            splash.show()

    worker.submit(pending_start_work, updating, lambda _error: None)  # a damaged file is prepare's to explain
    worker.submit(prepare_database, finish, finish)
    splash.setCancelButton(None)  # type: ignore[arg-type]
    splash.setWindowTitle(QCoreApplication.translate("SessionStart", "Opora"))
    splash.hide()
    timer = QTimer(singleShot=True, interval=SPLASH_AFTER_MS)
    timer.timeout.connect(splash.show)
    timer.start()
    if not outcome:
        loop.exec()
    timer.stop()
    splash.close()
    return outcome[0]


def _checked_state(worker: DatabaseWorker) -> StartState | None:
    """The start state once the database passed its checks or the user chose what to do.

    A damaged database offers a restore (then it is checked again) or read-only work; one on a
    network share is explained. None lets the login dialog prepare the database and show any error.
    """
    while True:
        outcome = _prepare(worker)
        if isinstance(outcome, BaseException):
            return None
        block = outcome.write_block
        if block is None:
            return outcome if outcome.initialized else None
        if block.kind != CORRUPT:  # a network share, a full disk, a read-only folder: explained, not restored
            QMessageBox.warning(None, QCoreApplication.translate("SessionStart", "Opora"), block.message)
            return outcome
        dialog = RestoreAtStartDialog(worker, outcome)
        choice = dialog.exec()
        if choice == RESTORED and dialog.result_restore is not None:
            QMessageBox.information(None, QCoreApplication.translate("SessionStart", "Opora"),
                                    dialog.result_restore.describe())
            continue
        if choice == READ_ONLY:
            return outcome
        raise _Quit


def start_session(database_target: str | None) -> QMainWindow | None:
    """Run the login (and, on an empty database, the first-run wizard); None if the user quit."""
    database = Database.open(database_target)
    worker = DatabaseWorker(database, lambda error: show_error(None, error))
    try:
        state = _checked_state(worker)
    except _Quit:
        worker.stop()
        return None
    signed_in = None
    while True:
        dialog = LoginDialog(worker, state, signed_in)
        outcome = dialog.exec()
        state = dialog.state
        if outcome == FIRST_RUN:
            wizard = FirstRunWizard(worker)
            if wizard.exec() != QDialog.DialogCode.Accepted:
                worker.stop()
                return None
            state = None  # re-read: the organisation now exists
            signed_in = wizard.result_login  # the administrator just created does not type the password again
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
        if state.write_block is None:  # a read-only database (damaged, on a share) is not copied
            window.daily_backup = start_daily_backup(database)  # type: ignore[attr-defined]
        # Full integrity_check and, for an administrator, the audit chain: after sign-in, off every work thread.
        watch_background_checks(window, database, context.actor)
        return window


def finish_session(window: QMainWindow, back_up: bool = True) -> None:
    """After the main window closed: finish the worker's jobs, make the backup on exit, let go of the database.

    The backup runs here, after the windows are gone, so closing never waits on it visibly; it is
    skipped when nothing changed since the newest backup, and a failure is only logged.
    """
    context: UiContext = window.context  # type: ignore[attr-defined]
    worker = context.worker
    worker.stop()
    daily = getattr(window, "daily_backup", None)
    if daily is not None:
        daily.join()  # a copy is finished, never cut off when the program closes soon after sign-in
    if back_up:
        try_automatic_backup(worker.database, "exit")
    worker.database.dispose()
    window.deleteLater()
