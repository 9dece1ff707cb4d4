"""Child process of bench_gui.py: starts the GUI the way `opora` does and reports when the login
dialog is on screen (prints 'login-visible' and exits)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer


def main() -> int:
    from db.session import Database
    from ui.application import create_application
    from ui.login import LoginDialog
    from ui.worker import DatabaseWorker

    application = create_application()
    database = Database.open(sys.argv[1])
    worker = DatabaseWorker(database, lambda error: None)
    dialog = LoginDialog(worker)
    dialog.show()

    def report() -> None:
        print("login-visible", flush=True)
        worker.stop()
        application.quit()

    QTimer.singleShot(0, report)  # runs once the first paint of the shown dialog has been processed
    return application.exec()


if __name__ == "__main__":
    sys.exit(main())
