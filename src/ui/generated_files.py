"""Files and folders the user picks: the folder generated documents go into (the act of a visit, a trip's
route sheet), a file to save a report or a note as, files to attach or import — each dialog proposes the
last folder used for that kind of document — and opening a written file in the system's program for it.
GUI thread only.

Every dialog is Qt's own (not the desktop's), window-modal without a nested event loop, with the labels
Qt's Russian catalogue does not reach («Look in:», «Files of type:») set here.
Not to be confused with identity papers (`app.registry.identity_papers`) or an event's attached files.
`choose_folder` and `open_file` are module functions so tests can replace them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.folders import documents_dir

SETTINGS_KEY = "documents/folder"  # the generated documents' folder (kind "documents")


def _settings_key(kind: str) -> str:
    return SETTINGS_KEY if kind == "documents" else f"folders/{kind}"


def remembered_folder(kind: str = "documents") -> Path:
    """The folder last used for this kind of document (reports, imports, attachments…), else Documents."""
    value = QSettings().value(_settings_key(kind))
    folder = Path(str(value)) if value else documents_dir()
    return folder if folder.is_dir() or kind == "documents" else documents_dir()


def remember_folder(kind: str, folder: Path) -> None:
    QSettings().setValue(_settings_key(kind), str(folder))


def russian_dialog(dialog: QFileDialog) -> QFileDialog:
    """Qt's own dialog with every label in Russian (the catalogue lacks two of them)."""
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    translate = QCoreApplication.translate
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, translate("FileDialog", "Look in:"))
    dialog.setLabelText(QFileDialog.DialogLabel.FileType, translate("FileDialog", "Files of type:"))
    dialog.setLabelText(QFileDialog.DialogLabel.FileName, translate("FileDialog", "File name:"))
    dialog.setLabelText(QFileDialog.DialogLabel.Reject, translate("FileDialog", "Cancel"))
    return dialog


def choose_folder(parent: QWidget, title: str, on_chosen: Callable[[Path], None],
                  kind: str = "documents") -> QFileDialog:
    """Ask for the folder without a nested event loop; `on_chosen(folder)` runs when one is picked."""
    start = remembered_folder(kind)
    start.mkdir(parents=True, exist_ok=True)
    dialog = russian_dialog(QFileDialog(parent, title, str(start)))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, QCoreApplication.translate("FileDialog", "Choose"))

    def chosen(folder: str) -> None:
        remember_folder(kind, Path(folder))
        on_chosen(Path(folder))

    dialog.fileSelected.connect(chosen)
    dialog.open()
    return dialog


def choose_save_file(parent: QWidget, title: str, kind: str, file_name: str, name_filter: str,
                     on_chosen: Callable[[Path], None]) -> QFileDialog:
    """Ask where to save `file_name` (proposed in the kind's last folder); `on_chosen(path)` runs on Save."""
    start = remembered_folder(kind)
    dialog = russian_dialog(QFileDialog(parent, title, str(start)))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(name_filter)
    suffix = Path(file_name).suffix.lstrip(".")
    if suffix:
        dialog.setDefaultSuffix(suffix)
    dialog.selectFile(str(start / file_name))

    def chosen(path: str) -> None:
        remember_folder(kind, Path(path).parent)
        on_chosen(Path(path))

    dialog.fileSelected.connect(chosen)
    dialog.open()
    return dialog


def ask_save_path(parent: QWidget, title: str, kind: str, file_name: str, name_filter: str) -> Path | None:
    """Where to save `file_name`, asked in Qt's Russian dialog at once (modal: the caller continues with the answer);
    the kind's last folder is proposed and remembered. None when cancelled."""
    start = remembered_folder(kind)
    dialog = _modal_dialog(parent, title, start, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    suffix = Path(file_name).suffix.lstrip(".")
    if suffix:
        dialog.setDefaultSuffix(suffix)
    dialog.selectFile(str(start / file_name))
    return _ask(dialog, kind)


def ask_open_path(parent: QWidget, title: str, kind: str, name_filter: str) -> Path | None:
    """An existing file, asked in Qt's Russian dialog at once (modal); the kind's last folder is proposed and
    remembered. None when cancelled."""
    dialog = _modal_dialog(parent, title, remembered_folder(kind), name_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _ask(dialog, kind)


def _modal_dialog(parent: QWidget, title: str, folder: Path, name_filter: str) -> QFileDialog:
    dialog = russian_dialog(QFileDialog(parent, title, str(folder)))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # read after exec()
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setNameFilter(name_filter)
    return dialog


def _ask(dialog: QFileDialog, kind: str) -> Path | None:
    """Run the modal `dialog`; the chosen file (its folder remembered for `kind`), or None when cancelled."""
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        path = Path(dialog.selectedFiles()[0])
    finally:
        dialog.deleteLater()
    remember_folder(kind, path.parent)
    return path


def choose_open_files(parent: QWidget, title: str, kind: str, name_filter: str | None,
                      on_chosen: Callable[[list[Path]], None], many: bool = False) -> QFileDialog:
    """Ask for one existing file (or several with `many`); `on_chosen(paths)` runs on Open."""
    dialog = russian_dialog(QFileDialog(parent, title, str(remembered_folder(kind))))
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles if many else QFileDialog.FileMode.ExistingFile)
    if name_filter:
        dialog.setNameFilter(name_filter)

    def chosen(paths: list[str]) -> None:
        if paths:
            remember_folder(kind, Path(paths[0]).parent)
            on_chosen([Path(p) for p in paths])

    dialog.filesSelected.connect(chosen)
    dialog.open()
    return dialog


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
