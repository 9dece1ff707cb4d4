"""The user guide: a Russian HTML page shipped in resources/help, opened by F1 and from the Help menu.

One window for the whole application; F1 opens it at the topic of what the user is looking at (the
section's «how to»), a second F1 brings the open window forward at that topic.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from app.core.resources import resources_dir
from ui.resources import icon

GUIDE = "help/guide.html"
# The topic F1 opens for each main-window section (anchors in guide.html).
SECTION_TOPICS = {"families": "family", "visits": "visit", "sessions": "attendance", "reports": "report",
                  "admin": "backup"}
TOPICS = ("family", "visit", "trip", "attendance", "report", "import", "backup")

_window: HelpWindow | None = None


class HelpWindow(QWidget):
    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # an open guide never keeps Opora running
        self.setWindowTitle(self.tr("Opora — user guide"))
        self.setWindowIcon(icon("info"))
        self.browser = QTextBrowser(objectName="guide")
        self.browser.setOpenExternalLinks(False)  # the guide is offline: no link leaves it
        self.browser.setSearchPaths([str(resources_dir() / "help")])
        self.browser.document().setDocumentMargin(18)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.resize(860, 680)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    def show_topic(self, topic: str | None = None) -> None:
        url = QUrl.fromLocalFile(str(resources_dir() / GUIDE))
        if topic:
            url.setFragment(topic)
        self.browser.setSource(url)
        if topic:
            self.browser.scrollToAnchor(topic)


def open_help(topic: str | None = None) -> HelpWindow:
    """Show the guide at `topic` (an anchor of guide.html), reusing the open window."""
    global _window
    if _window is None:
        _window = HelpWindow()
        _window.destroyed.connect(_forget)
    _window.show_topic(topic)
    _window.show()
    _window.raise_()
    _window.activateWindow()
    return _window


def _forget() -> None:
    global _window
    _window = None
