"""Python's cyclic garbage collection, run on the GUI thread only.

The collector runs in whichever thread happens to allocate when a threshold is crossed — often the
database worker. A closed window's wrapper caught in a reference cycle (a slot closure holding
`self`) would then be freed on the worker thread, and Qt objects must not be destroyed from
another thread: the process crashed that way in the tests. So automatic collection is switched off
and a timer on the GUI thread collects the generations whose thresholds were crossed, the way
the automatic collector would have.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 250


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        gc.disable()
        self.timer.start()

    def check(self) -> None:
        low, middle, high = gc.get_threshold()
        first, second, third = gc.get_count()
        if first > low:
            generation = 0
            if second > middle:
                generation = 1
                if third > high:
                    generation = 2
            gc.collect(generation)
