"""«О программе»: version, where the data lives, and «Проверить установку» (the same check as `opora selfcheck`).

The check's database, report and resource steps run on a thread of their own (they use a temporary database,
not the program's, so not the database worker); the Qt steps (fonts, translation, rendering) must run on the
GUI thread and run there afterwards. `qt_selfcheck_steps` also serves the command line, which renders offscreen.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTranslator, Signal
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.resources import resources_dir
from app.system.installation import InstallationInfo
from app.system.selfcheck import Step, StepResult, Workspace, passed, run_selfcheck
from ui import style
from ui.resources import UI_FONT_FAMILY, register_fonts

# A string of this dialog with its Russian translation: the check loads the shipped .qm and looks it up.
PROBE_CONTEXT, PROBE_SOURCE, PROBE_TRANSLATION = "AboutDialog", "Check installation", "Проверить установку"


def size_text(size: int | None) -> str:
    if size is None:
        return "—"
    if size < 1024 * 1024:
        return f"{max(1, size // 1024)} КБ"
    return f"{size / 1024 / 1024:.1f} МБ".replace(".", ",")


class _Relay(QObject):
    """Carries step results from the check's thread to the dialog (queued to the GUI thread)."""

    step = Signal(object)
    done = Signal(object)


class AboutDialog(QDialog):
    def __init__(self, info: InstallationInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About Opora"))
        self.info = info
        self.results: list[StepResult] = []
        self._thread: threading.Thread | None = None
        title = QLabel(self.tr("Opora {version}").format(version=info.version))
        title.setObjectName("about_title")
        style.section_title(title)
        subtitle = QLabel(self.tr("Registry and daily work of a social service centre for families with children"))
        subtitle.setWordWrap(True)
        style.muted(subtitle)
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        encrypted = (self.tr("not applicable (PostgreSQL server)") if info.encrypted is None
                     else self.tr("encrypted (SQLCipher)") if info.encrypted else self.tr("not encrypted"))
        last = (info.last_backup_at.astimezone().strftime("%d.%m.%Y %H:%M") if info.last_backup_at
                else self.tr("none yet"))
        rows = (
            ("version", self.tr("Version:"), info.version),
            ("database", self.tr("Database:"), info.database),
            ("size", self.tr("Database size:"), size_text(info.database_size)),
            ("encryption", self.tr("Encryption:"), encrypted),
            ("data", self.tr("Data folder:"), str(info.data_folder)),
            ("backups", self.tr("Backup folder:"), str(info.backup_folder)),
            ("last_backup", self.tr("Last verified backup:"), last),
            ("logs", self.tr("Log folder:"), str(info.log_folder)),
        )
        for key, label, value in rows:
            widget = QLabel(value)
            widget.setObjectName(f"about_{key}")
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            widget.setWordWrap(True)
            self.values[key] = widget
            form.addRow(label, widget)
        self.check_button = QPushButton(self.tr("Check installation"))  # PROBE_SOURCE, spelled out for lupdate
        self.check_button.setObjectName("selfcheck_button")
        self.check_button.clicked.connect(self.start_check)
        self.output = QPlainTextEdit(readOnly=True, objectName="selfcheck_output")
        self.output.setPlaceholderText(self.tr("The check makes a temporary database, writes and reads a family, "
                                               "builds a report in XLSX, DOCX and PDF, and checks fonts, "
                                               "translation and drawing. Your data is not touched."))
        self.output.setMinimumHeight(150)
        self.verdict = QLabel(objectName="selfcheck_verdict")
        self.verdict.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addLayout(form)
        layout.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.output)
        layout.addWidget(self.verdict)
        layout.addWidget(buttons)
        self.resize(640, 520)
        # No parent: the check's thread holds it, so closing the dialog mid-check deletes nothing it emits from.
        self._relay = _Relay()
        self._relay.step.connect(self._show_step)
        self._relay.done.connect(self._base_done)

    def start_check(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self.results = []
        self.output.clear()
        self.verdict.clear()
        self.check_button.setEnabled(False)
        relay = self._relay

        def work() -> None:
            results = run_selfcheck(on_step=relay.step.emit)
            relay.done.emit(results)

        self._thread = threading.Thread(target=work, name="opora-selfcheck", daemon=True)
        self._thread.start()

    def _show_step(self, result: StepResult) -> None:
        self.results.append(result)
        self.output.appendPlainText(result.line)

    def _base_done(self, _results: list[StepResult]) -> None:
        # The Qt steps draw widgets and load translators: GUI thread only.
        run_selfcheck(qt_selfcheck_steps(), on_step=self._show_step, base=False)
        ok = passed(self.results)
        self.verdict.setText(self.tr("The installation is in order.") if ok else
                             self.tr("The installation is broken: see the lines marked СБОЙ; details are in the "
                                     "log."))
        style.text_color(self.verdict, None if ok else style.ERROR)
        self.check_button.setEnabled(True)

    def wait_for_check(self, timeout: float = 120.0) -> None:
        """For tests and closing: let a running check's thread finish."""
        if self._thread is not None:
            self._thread.join(timeout)


def _application() -> QCoreApplication:
    """The running application, or one made for the command line's check (offscreen unless said otherwise)."""
    return QApplication.instance() or QApplication([])


def _fonts_and_translation(_work: Workspace) -> str:
    _application()
    families = register_fonts()
    if UI_FONT_FAMILY not in families:
        raise RuntimeError(f"шрифт интерфейса {UI_FONT_FAMILY} не загрузился (загружены: {', '.join(families)})")
    translator = QTranslator()
    folder = resources_dir() / "translations"
    if not translator.load("opora_ru", str(folder)):
        raise RuntimeError(f"перевод opora_ru.qm не загружается из {folder}")
    translated = translator.translate(PROBE_CONTEXT, PROBE_SOURCE)
    if translated != PROBE_TRANSLATION:
        raise RuntimeError(f"в переводе нет строки «{PROBE_SOURCE}» (получено «{translated}»)")
    return f"шрифтов загружено в Qt: {len(families)}, перевод загружен"


def _render(_work: Workspace) -> str:
    from app import __version__
    from app.system.installation import InstallationInfo

    app = _application()
    info = InstallationInfo(__version__, "selfcheck.db", 4096, False, resources_dir(), resources_dir(), None,
                            resources_dir())
    dialog = AboutDialog(info)
    try:
        dialog.resize(640, 520)
        image = dialog.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        if image.isNull() or image.width() < 100:
            raise RuntimeError("окно не отрисовалось")
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        if len(colours) < 3:
            raise RuntimeError("окно отрисовалось пустым")
    finally:
        dialog.deleteLater()
    platform = QGuiApplication.platformName() if isinstance(app, QGuiApplication) else "?"
    return f"окно {image.width()}×{image.height()} отрисовано (платформа Qt: {platform})"


def qt_selfcheck_steps() -> Sequence[Step]:
    return (("Шрифты и перевод Qt", _fonts_and_translation), ("Отрисовка окна", _render))

