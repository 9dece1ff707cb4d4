"""The «Сегодня» screen timed as drawn (`bench_worklist.py --gui`): the main window shown as after sign-in,
offscreen, on the bench dataset."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from app.core.actor import Actor
from db.session import Database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HOME_TARGET_MS = 1000.0
TIMEOUT_S = 120.0


def _wait(condition: Callable[[], bool]) -> bool:
    from PySide6.QtWidgets import QApplication

    deadline = time.perf_counter() + TIMEOUT_S
    while not condition():
        if time.perf_counter() > deadline:
            return False
        QApplication.processEvents()
        time.sleep(0.001)
    QApplication.processEvents()  # the paint of what the last answer changed
    return True


def measure_screen(database: Database, actor: Actor, screenshots: Path | None) -> bool:
    """Prints the times; False if «Сегодня» took longer than the target (wall clock)."""
    from ui.application import create_application
    from ui.context import UiContext
    from ui.main_window import MainWindow
    from ui.screens import section_screens
    from ui.today.section import RECORD_ROLE
    from ui.worker import DatabaseWorker

    application = create_application()
    worker = DatabaseWorker(database, lambda error: None)
    started, started_cpu, started_gui = time.perf_counter(), time.process_time(), time.thread_time()
    window = MainWindow(UiContext(worker, actor), section_screens())
    window.resize(1366, 768)
    window.show()
    today = window.section("today")
    loaded = _wait(today.is_loaded)
    drawn, drawn_cpu = (time.perf_counter() - started) * 1000, (time.process_time() - started_cpu) * 1000
    gui_cpu = (time.thread_time() - started_gui) * 1000  # of it, the GUI thread's (the rest: the DB worker's)
    navigation = window.navigation.item(0).text()
    counts = {code: count.total for code, count in today.overview.counts.items()} if loaded else {}
    ok = loaded and drawn < HOME_TARGET_MS
    print(f"\nas {actor.role}  (load {' '.join(f'{v:.2f}' for v in os.getloadavg())})")
    print(f"  «Сегодня» drawn, counts shown  {drawn:8.1f} ms  cpu {drawn_cpu:7.1f} ms (GUI thread {gui_cpu:.1f})  "
          f"{'ok' if ok else 'MISSED'} (< {HOME_TARGET_MS:g});  side bar «{navigation}»;  "
          f"{sum(counts.values())} deadlines in {len(counts)} groups")
    if screenshots is not None:
        screenshots.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(screenshots / f"today-{actor.role}.png"))
    if counts:
        code = max(counts, key=lambda kind: counts[kind])
        group = today.groups[code]
        group.setExpanded(False)
        application.processEvents()
        opened, opened_cpu = time.perf_counter(), time.process_time()
        if code not in today.shown_rows:
            group.setExpanded(True)
        _wait(lambda: group.childCount() > 0 and group.child(0).data(0, RECORD_ROLE) is not None)
        group.setExpanded(True)
        application.processEvents()
        print(f"  first page of «{code}» drawn     {(time.perf_counter() - opened) * 1000:8.1f} ms  "
              f"cpu {(time.process_time() - opened_cpu) * 1000:7.1f} ms  {group.childCount()} rows "
              f"(of {counts[code]})")
        if screenshots is not None:
            window.grab().save(str(screenshots / f"today-{actor.role}-opened.png"))
            today.deadlines.scrollToItem(group.child(group.childCount() - 1))  # the «show more» row
            application.processEvents()
            window.grab().save(str(screenshots / f"today-{actor.role}-more.png"))
    window.close()
    worker.stop()
    return ok
