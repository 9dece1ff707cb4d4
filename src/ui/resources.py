"""Shipped fonts, icons and translations for the Qt layer."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from app.core.resources import resources_dir

UI_FONT_FAMILY = "PT Sans"


def register_fonts() -> list[str]:
    """Register every shipped TTF; Qt wheels ship no fonts, so without this glyphs are boxes."""
    families: list[str] = []
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def apply_font(app: QApplication) -> None:
    font = QFont(UI_FONT_FAMILY)
    font.setPointSize(10)
    app.setFont(font)


def install_translator(app: QApplication, language: str = "ru") -> QTranslator | None:
    """Load resources/translations/opora_<language>.qm (built by `make translations`)."""
    translator = QTranslator(app)
    folder = resources_dir() / "translations"
    if translator.load(f"opora_{language}", str(folder)):
        app.installTranslator(translator)
        qt_translator = QTranslator(app)
        # Qt's own dialogs (QMessageBox buttons) are translated from the wheel's qtbase catalogue.
        from PySide6.QtCore import QLibraryInfo

        if qt_translator.load(QLocale(language), "qtbase", "_",
                              QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_translator)
        return translator
    return None


ICON_INK = "#37474F"


@cache
def icon(name: str, color: str | None = None) -> QIcon:
    """A shipped SVG icon; `color` repaints its strokes (e.g. light icons on the dark navigation)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    if color is None:
        return QIcon(str(path))
    data = QByteArray(path.read_text(encoding="utf-8").replace(ICON_INK, color).encode("utf-8"))
    renderer = QSvgRenderer(data)
    result = QIcon()
    for size in (16, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        result.addPixmap(pixmap)
    return result
