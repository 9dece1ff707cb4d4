"""`make screenshots`: PNGs of every main screen on a demo database, for review.

Run as `python -m ui.screenshots --db out/demo.db --out screenshots` (offscreen is fine).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

SIZE = (1366, 768)


def wait_idle(worker: object, seconds: float = 30.0) -> None:
    """Process events until the database worker has answered everything, then a moment more."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if worker.is_idle():  # type: ignore[attr-defined]
            break
        time.sleep(0.02)
    for _ in range(20):
        QCoreApplication.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", default="screenshots")
    parser.add_argument("--help-images", default=None,
                        help="also remake the user guide's pictures in this folder (resources/help/images)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from app.system.bootstrap import log_in
    from app.system.startup import prepare_database
    from db.session import Database
    from ui.application import create_application
    from ui.context import UiContext
    from ui.login import LoginDialog
    from ui.main_window import MainWindow
    from ui.screens import section_screens
    from ui.worker import DatabaseWorker

    create_application()
    database = Database.open(args.db)
    worker = DatabaseWorker(database, lambda error: print(f"error: {error}", file=sys.stderr))
    state = prepare_database(database)
    if not state.demo_login:
        print("The database has no demo login: make it with `opora demo`.", file=sys.stderr)
        return 1
    login = LoginDialog(worker, state)
    login.login_edit.setText(state.demo_login)
    login.show()
    wait_idle(worker)
    save(login, out / "00-login.png")
    login.close()

    result = log_in(database, state.demo_login, state.demo_password or "")
    window = MainWindow(UiContext(worker, result.actor, state.organization, state.office), section_screens())
    window.resize(*SIZE)
    window.show()
    for number, key in enumerate(window.section_keys, start=1):
        window.show_section(key)
        wait_idle(worker)
        save(window, out / f"{number:02d}-{key}.png")

    families = window.section("families")
    families_list = getattr(families, "list", None)
    if families_list is not None and families_list.model.rowCount():
        families_list.table.selectRow(0)
        families.open_card(families_list.model.family_id(0))
        wait_idle(worker)
        card = next((w for w in QApplication.topLevelWidgets()
                     if w.isVisible() and type(w).__name__ == "FamilyCardWindow"), None)
        if card is not None:
            card.resize(*SIZE)
            tabs = card.findChild(QTabWidget)
            for index in range(tabs.count() if tabs else 1):
                if tabs:
                    tabs.setCurrentIndex(index)
                wait_idle(worker)
                save(card, out / f"20-family-card-{index + 1}.png")
            card.close()
    if args.help_images:
        from ui.help_screenshots import make_help_images

        make_help_images(window, worker, lambda: wait_idle(worker), Path(args.help_images))
    from ui.help import TOPICS, open_help

    for number, topic in enumerate(TOPICS, start=1):
        guide = open_help(topic)
        guide.resize(*SIZE)
        wait_idle(worker)
        save(guide, out / f"{30 + number:02d}-help-{topic}.png")
    worker.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
