"""The look of Opora, applied per widget.

Deliberately no application-wide style sheet: with one set, Qt polishes every widget through its
style-sheet engine, which made building a family card four times slower (94 ms instead of 23 ms).
Colours and fonts go through palettes; the two widgets that need borders or backgrounds get a
style sheet of their own.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QListWidget, QWidget

INK = "#263238"
MUTED = "#607D8B"
BUSY = "#455A64"
ERROR = "#C62828"

NAVIGATION_STYLE = """
QListWidget { background: #263238; color: #ECEFF1; border: none; font-size: 11pt; padding-top: 8px; }
QListWidget::item { padding: 6px 10px; }
QListWidget::item:selected { background: #00897B; color: white; }
"""
BANNER_STYLE = "QLabel { background: #FFF3E0; color: #BF360C; border: 1px solid #FFB74D; padding: 6px; }"


def text_color(widget: QWidget, color: str | None) -> None:
    """Set (or, with None, reset) the text colour of a widget through its palette."""
    palette = widget.palette() if color else QPalette()
    if color:
        palette.setColor(QPalette.ColorRole.WindowText, QColor(color))
        palette.setColor(QPalette.ColorRole.Text, QColor(color))
    widget.setPalette(palette)


def section_title(label: QLabel) -> QLabel:
    label.setObjectName(label.objectName() or "sectionTitle")
    font = QFont(label.font())
    font.setPointSize(16)
    font.setBold(True)
    label.setFont(font)
    label.setContentsMargins(0, 4, 0, 8)
    text_color(label, INK)
    return label


def field_error(label: QLabel) -> QLabel:
    label.setObjectName(label.objectName() or "fieldError")
    text_color(label, ERROR)
    return label


def warning_banner(label: QLabel) -> QLabel:
    label.setObjectName(label.objectName() or "warningBanner")
    label.setStyleSheet(BANNER_STYLE)
    return label


def muted(label: QLabel) -> QLabel:
    text_color(label, MUTED)
    return label


def navigation(widget: QListWidget) -> None:
    widget.setStyleSheet(NAVIGATION_STYLE)


def status_label(label: QLabel) -> QLabel:
    label.setContentsMargins(8, 0, 8, 0)
    text_color(label, BUSY)
    return label
