"""Starting the GUI: Qt application, fonts, translation, database, first run or login, main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.logs import configure_logging, log_path
from ui.resources import apply_font, icon, install_translator, register_fonts

log = logging.getLogger("opora.ui")


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Opora's fonts, style and Russian translation (idempotent)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    application = QApplication(argv or sys.argv[:1])
    application.setApplicationName("Opora")
    application.setOrganizationName("Opora")
    register_fonts()
    apply_font(application)
    install_translator(application)
    application.setWindowIcon(icon("opora"))
    from ui.garbage import MainThreadCollector

    application.setProperty("opora_collector", True)
    MainThreadCollector(application)  # owned by the application, lives as long as it does
    from ui import keyboard

    keyboard.install(application)
    return application


def _excepthook(kind: type[BaseException], value: BaseException, trace: object) -> None:
    # Anything that escapes a slot lands here: log it, show one sentence, keep running.
    log.error("unhandled exception", exc_info=(kind, value, trace))  # type: ignore[arg-type]
    QMessageBox.critical(None, "Опора", f"Произошла непредвиденная ошибка. Подробности записаны в журнал: {log_path()}")


def run_gui(database_target: str | None = None) -> int:
    configure_logging()
    application = create_application()
    sys.excepthook = _excepthook
    from ui.restart import take_restart_request
    from ui.session_start import finish_session, start_session

    while True:
        window = start_session(database_target)
        if window is None:
            return 0
        window.show()
        code = application.exec()
        # After a restore the windows close and the login comes back instead of quitting.
        restart = take_restart_request()
        finish_session(window, back_up=not restart)
        if not restart:
            return code
